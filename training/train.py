"""Fit a crimerec model from audited logs: split, fit, calibrate, pick the threshold, save, track.

``train`` holds out a stratified validation share, fits ``CrimeRecModel`` on the rest, chooses the
calibration (lowest validation Brier score when ``auto``) and the operating threshold (highest one
reaching the target recall on validation), then writes the model directory with its card and logs the
run to the tracker.
"""

import hashlib
import logging
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split

from classifier import SchemaError
from classifier.model import CALIBRATIONS, CrimeRecModel, save_model
from training.config import TrainConfig, flatten_config
from training.evaluate import (
    choose_threshold,
    expected_calibration_error,
    metrics_for_predictions,
    plot_precision_recall,
    plot_reliability,
)

__all__ = ["TrainResult", "FittedModel", "train", "fit_model", "split_frame", "dataset_digest", "build_model", "label_balance",
           "DIGEST_COLUMNS"]

logger = logging.getLogger(__name__)

# The training-data digest covers the columns the model learns from and is judged on.
DIGEST_COLUMNS = ("opening_code", "narrative", "closing_comment", "should_record", "hocr_category",
                  "domestic_abuse")


@dataclass(frozen=True)
class TrainResult:
    """What ``train`` produced: the fitted model, where it was saved, its card and validation metrics."""

    model: CrimeRecModel
    model_dir: Path
    card: dict
    metrics: dict
    run_id: str | None
    model_version: str | None
    seconds: float


def dataset_digest(frame):
    """SHA-256 over the label and text columns of a frame (row order matters).

    Examples
    --------
    >>> a = pd.DataFrame({"narrative": ["x", "y"], "should_record": [True, False]})
    >>> dataset_digest(a) == dataset_digest(a.copy()), dataset_digest(a) == dataset_digest(a[::-1])
    (True, False)
    """
    digest = hashlib.sha256()
    for column in DIGEST_COLUMNS:
        values = frame[column] if column in frame.columns else pd.Series([""] * len(frame))
        text = "\x1f".join("" if pd.isna(v) else str(v) for v in values)
        digest.update(f"{column}\x1e{text}\x1d".encode("utf-8"))
    return digest.hexdigest()


def label_balance(frame):
    """Share of should-record and domestic-abuse logs and the count per HOCR category."""
    should = frame["should_record"].astype(bool)
    balance = {"should_record_rate": float(should.mean()), "rows": int(len(frame))}
    if "domestic_abuse" in frame.columns:
        # Auditors may leave the flag empty on every log (mean NA): the share is then unknown.
        rate = frame["domestic_abuse"].astype("Float64").mean()
        balance["domestic_abuse_rate"] = None if pd.isna(rate) else float(rate)
    if "hocr_category" in frame.columns:
        counts = frame.loc[should, "hocr_category"].astype(str).value_counts()
        balance["should_record_by_category"] = {str(k): int(v) for k, v in counts.items()}
    return balance


def split_frame(frame, config):
    """Stratified, seeded split of labelled rows into (train, validation) frames."""
    labelled = frame[frame["should_record"].notna()]
    return train_test_split(labelled, test_size=config.data.validation_fraction,
                            random_state=config.data.seed,
                            stratify=labelled["should_record"].astype(bool))


def build_model(config):
    """An unfitted ``CrimeRecModel`` configured from ``config.model``."""
    settings = config.model
    return CrimeRecModel(
        word_ngram_max=settings.word_ngram_max,
        char_ngram_range=(settings.char_ngram_min, settings.char_ngram_max),
        max_word_features=settings.max_word_features, max_char_features=settings.max_char_features,
        min_df=settings.min_df, alpha=settings.alpha, max_iter=settings.max_iter,
        class_weight=None if settings.class_weight == "none" else settings.class_weight,
        calibration=settings.calibration, calibration_folds=settings.calibration_folds,
        decision_balance=settings.decision_balance, read_closing_comment=settings.read_closing_comment,
        evidence_top_k=settings.evidence_top_k, random_state=config.data.seed,
        register_copies=settings.register_copies, short_log_tokens=settings.short_log_tokens,
        length_offset_recall=settings.length_offset_recall or None,
        calibration_groups=settings.calibration_groups or None)


def train(config=None, *, data, output_dir, tracker=None, progress=None, command=None):
    """Train, calibrate, choose the threshold, save the model directory and log the run.

    Parameters
    ----------
    config : TrainConfig, default=None
        Resolved configuration (``training.config.load_config``); None uses the defaults.
    data : DataFrame or str or Path
        Audited logs (validated contract frame, or a file read with ``classifier.data.loading.read_incidents``,
        which refuses files with rows that break the data contract).
        Rows without ``should_record`` are ignored.
    output_dir : str or Path
        Model directory to write (replaced atomically if it already holds a model).
    tracker : MlflowTracker or NullTracker, default=None
        None means no tracking.
    progress : callable, default=None
        Called with a short message at each stage.
    command : str, default=None
        The command that reproduces this model, written into the card.

    Returns
    -------
    TrainResult
    """
    from training.tracking import NullTracker

    config = config or TrainConfig()
    tracker = tracker or NullTracker()
    step = progress or (lambda message: None)
    started = time.perf_counter()
    frame = _read_training_data(data)
    run_id = tracker.start(run_name=Path(output_dir).name)
    try:
        result = _train_and_save(frame, config, output_dir, tracker, step, command, started)
    except BaseException:
        tracker.finish(status="FAILED")
        raise
    tracker.finish()
    logger.info("Trained model in %.1f s (run %s)", result.seconds, run_id)
    return result


def _read_training_data(data):
    """Return a frame with at least two audited classes, reading a file if a path was given."""
    if isinstance(data, pd.DataFrame):
        frame = data
    else:
        from classifier.data import read_incidents

        frame = read_incidents(data)
    if "should_record" not in frame.columns or frame["should_record"].notna().sum() == 0:
        raise SchemaError("Training needs audited logs with a 'should_record' column; "
                          f"none found in {'the frame' if isinstance(data, pd.DataFrame) else data}.")
    return frame


def _train_and_save(frame, config, output_dir, tracker, step, command, started):
    """The body of ``train`` once the run is open."""
    train_part, validation = split_frame(frame, config)
    step(f"split {len(train_part)} training / {len(validation)} validation logs")
    fitted = fit_model(train_part, validation, config, progress=step)
    model = fitted.model
    metrics = _validation_metrics(model, fitted.features, validation)
    seconds = time.perf_counter() - started
    card = _card(frame, train_part, validation, config, model, metrics, fitted.calibrations, tracker,
                 command, seconds)
    step(f"saving model to {output_dir}")
    card = save_model(model, output_dir, card=card)
    _log_run(tracker, config, card, metrics, output_dir, fitted.y_validation, fitted.p_validation,
             model.threshold_)
    return TrainResult(model, Path(output_dir), card, metrics, tracker.run_id,
                       getattr(tracker, "model_version", None), seconds)


@dataclass(frozen=True)
class FittedModel:
    """``fit_model`` output: the model and its validation-side measurements."""

    model: CrimeRecModel
    features: object
    y_validation: np.ndarray
    p_validation: np.ndarray
    calibrations: dict


def fit_model(train_part, validation, config, *, progress=None):
    """Fit on ``train_part``; choose calibration and threshold on ``validation``.

    Returns
    -------
    FittedModel
    """
    step = progress or (lambda message: None)
    model = build_model(config).fit(train_part, progress=step, n_jobs=config.compute.n_jobs)
    step("choosing calibration and threshold on validation")
    features = model.featurise(validation, n_jobs=config.compute.n_jobs)
    y_val = validation["should_record"].astype(bool).to_numpy()
    comparison = _compare_calibrations(model, features, y_val)
    chosen = config.model.calibration
    if chosen == "auto":
        chosen = min(comparison, key=lambda method: comparison[method]["brier"])
    model.set_operating_point(calibration=chosen)
    p_val = model.calibrate(model.decision_function(features))
    y_threshold, p_threshold = y_val, p_val
    if config.threshold.source == "held_out_register" and getattr(model, "heldout_grouped_", False):
        # Generated validation logs are near-separable, so any threshold in a wide gap reaches the
        # recall target; logs of a register the head never saw show where the target is really met.
        y_threshold, p_threshold = model.heldout_labels_, model.calibrate(model.heldout_margins_)
    model.set_operating_point(threshold=choose_threshold(y_threshold, p_threshold,
                                                         config.threshold.target_recall))
    return FittedModel(model, features, y_val, p_val, comparison)


def _compare_calibrations(model, features, y):
    """Validation Brier score and ECE of every calibration method."""
    margins = model.decision_function(features)
    result = {}
    for method in CALIBRATIONS:
        p = model.calibrate(margins, calibration=method)
        result[method] = {"brier": float(np.mean((p - y) ** 2)),
                          "ece": expected_calibration_error(y, p)}
    return result


def _validation_metrics(model, features, validation):
    """Metrics on the validation rows with the chosen calibration and threshold."""
    scored = model.predict_features(features, evidence=False)
    return metrics_for_predictions(validation, scored, model.threshold_)


def _card(frame, train_part, validation, config, model, metrics, comparison, tracker, command, seconds):
    """The model-card fields ``train`` knows about (``save_model`` adds versions and checksum)."""
    labelled = frame[frame["should_record"].notna()]
    return {
        "name": "crimerec",
        "command": command or "",
        "training_data_sha256": dataset_digest(labelled),
        "training_rows": int(len(labelled)),
        "train_rows": int(len(train_part)),
        "validation_rows": int(len(validation)),
        "label_balance": label_balance(labelled),
        "target_recall": config.threshold.target_recall,
        "calibration_comparison": comparison,
        "metrics": {"validation": metrics},
        "config": config.to_dict(),
        "mlflow_run_id": tracker.run_id,
        "training_seconds": round(seconds, 1),
        "n_features": int(model.record_head_.coef_.shape[1]),
    }


def _log_run(tracker, config, card, metrics, model_dir, y_val, p_val, threshold):
    """Log params, metrics, digest, card and plots (never narratives), then the pyfunc model."""
    tracker.log_params(flatten_config(config))
    tracker.log_metrics({f"validation.{key}": value for key, value in metrics.items()})
    tracker.set_tags({"training_data_sha256": card["training_data_sha256"],
                      "training_rows": card["training_rows"], "calibration": card["calibration"]})
    tracker.log_params({"training_data_sha256": card["training_data_sha256"]})
    model_dir = Path(model_dir)
    tracker.log_artifact(model_dir / "model_card.json")
    tracker.log_artifact(model_dir / "MODEL_CARD.md")
    with tempfile.TemporaryDirectory() as plots:
        for path in (plot_reliability(y_val, p_val, Path(plots) / "reliability.png"),
                     plot_precision_recall(y_val, p_val, Path(plots) / "precision_recall.png",
                                           threshold=threshold)):
            tracker.log_artifact(path, artifact_path="plots")
    tracker.log_model(model_dir)
