"""``adapt``: learn P(should_record | log) from a force's own export, its audit labels and a base model.

One call reads the export (and ``--audit`` labels), fits the adapted head by cross-fitting
(``training.adapt.fitting``), scores every row of the export out of fold into ``DIR/scored.csv``
(exactly ``crimerec score``'s columns, through ``score_file``), saves the final model to
``DIR/model`` with its card, writes ``DIR/adapt_report.json``, and logs and registers the model in
MLflow; it becomes the champion only when the promotion rule of ``retrain`` passes on the audited rows.
"""

import copy
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from classifier import AdaptedModel, SchemaError, save_model, score_file
from training.adapt.export import collect_export_sample, read_audit_labels
from training.adapt.fitting import choose_mode, cross_fit
from training.adapt.summary import adapt_card, audited_comparison, class_prior, limitations, selection_notes

__all__ = ["AdaptResult", "adapt"]

SCORED_NAME, REJECTS_NAME, MODEL_DIR, REPORT_NAME = "scored.csv", "rejects.csv", "model", "adapt_report.json"


@dataclass
class AdaptResult:
    """What ``adapt`` did: counts, the learning mode, estimates, comparisons and where the files are."""

    mode: str
    rows_read: int
    rows_used: int
    rows_rejected: int
    audited_rows: int
    training_rows: int
    folds: int
    report: dict
    output_dir: Path
    model_version: str | None = None
    promoted: bool = False
    notes: list = field(default_factory=list)


def adapt(export, output_dir, *, audit=None, base=None, folds=5, mapping=None, encoding=None, date_format=None,
          format=None,
          max_training_rows=100_000, regularisation=1.0, seed=0, adopt="if-better", workers=None, tracker=None,
          rule=None,
          command=None, progress=None, score_progress=None):
    """Adapt a base model to a force's export and score the export out of fold.

    Parameters
    ----------
    export : str or Path
        The force's export in the data contract: ``recorded`` on every row, audit labels
        (``should_record``, ``hocr_category``, ``domestic_abuse``, ``inclusion_probability``) where known.
    output_dir : str or Path
        Receives ``scored.csv``, ``rejects.csv``, ``model/`` and ``adapt_report.json``.
    audit : str, Path or None, default=None
        A file of audit labels joined on ``incident_id`` (they replace the export's own).
    base : CrimeRecModel, str or None, default=None
        The base model or its directory; None uses ``classifier.default_model_path()``.
    folds : int, default=5
        Cross-fitting folds (2 to 20).
    max_training_rows : int, default=100_000
        Unaudited rows used for fitting at most (a seeded sample); every row is scored.
    regularisation : float, default=1.0
        Inverse L2 strength of the adapted head.
    seed : int, default=0
        Seed of the fold and sample hashes and of the fitting.
    adopt : {'if-better', 'always'}, default='if-better'
        'if-better' uses the adapted head only where the audited rows show it beats the base
        (``training.adapt.selection``), else the model scores exactly as the base; 'always' uses it
        regardless (for comparisons).
    tracker : MlflowTracker or NullTracker, optional
        Where the run and the registered model go; None records nothing.
    rule : PromotionRule, optional
        The promotion rule (``retrain``'s default when None).
    progress : callable, optional
        Called with a short message at each stage.
    score_progress : callable, optional
        Passed to ``score_file`` as its ``progress`` callback.

    Returns
    -------
    AdaptResult

    Raises
    ------
    InputFileError, SchemaError
        The export or audit file cannot be read, or breaks the contract at file level.
    ValueError
        ``folds`` outside 2 to 20, or nothing to learn from.
    """
    from training.audit.promotion import PromotionRule
    from training.tracking import NullTracker

    _check_options(folds, max_training_rows)
    if adopt not in ("if-better", "always"):
        raise ValueError(f"adopt must be 'if-better' or 'always'. Got {adopt!r} instead.")
    step = progress or (lambda message: None)
    base_model, base_source = _load_base(base)
    labels = read_audit_labels(audit) if audit is not None else None
    step("reading the export and featurising its training sample")
    sample = collect_export_sample(export, base_model, audit=labels, n_folds=folds, seed=seed,
                                   max_rows=max_training_rows, mapping=mapping, encoding=encoding,
                                   date_format=date_format, format=format,
                                   n_jobs=-1 if workers is None else workers)
    if not len(sample.rows):
        raise SchemaError(f"No row of {Path(export).name} passed the data contract ({sample.rows_rejected} rejected); "
                          "see 'crimerec validate' for the reasons.")
    mode = choose_mode(sample.rows)
    base_pred, kinds = _base_predictions(base_model, sample)
    step(f"mode {mode}: cross-fitting {folds} folds on {len(sample.rows):,} rows ({int(sample.rows['audited'].sum()):,} audited)")
    fit = cross_fit(sample, base_model, kinds, n_folds=folds, mode=mode, regularisation=regularisation,
                    seed=seed, adopt=adopt, progress=step)
    threshold = _threshold(sample.rows, fit.p_adapted, base_model)
    flagged = _flagged(sample.rows, fit, threshold, base_pred)
    comparison, holdout = audited_comparison(sample.rows, base_pred, fit.p_oof, flagged, kinds, rule or PromotionRule())
    report = _report(sample, fit, comparison, mode, folds, threshold, base_model, base_source, export, audit)
    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    result = AdaptResult(mode, sample.rows_read, sample.rows_used, sample.rows_rejected, sample.audited_total,
                         len(sample.rows), folds, report, out, notes=limitations(mode) + selection_notes(report))
    step("scoring every row of the export with the model of its fold")
    crossfitted = AdaptedModel(base_model, fit.vocabulary, fit.fold_heads, stackers=fit.fold_stackers,
                               adopted=fit.fold_adopted, fold_seed=seed, threshold=threshold)
    summary = score_file(export, out / SCORED_NAME, model=crossfitted, rejects=out / REJECTS_NAME, mapping=mapping,
                         encoding=encoding, date_format=date_format, format=format, workers=workers,
                         progress=score_progress)
    report["scoring"] = {"rows_read": summary.rows_read, "rows_scored": summary.rows_scored,
                         "rows_rejected": summary.rows_rejected, "discrepancies": summary.discrepancies}
    final = AdaptedModel(base_model, fit.vocabulary, [fit.final_head],
                         stackers=None if fit.final_stacker is None else [fit.final_stacker],
                         adopted=None if fit.final_adopted is None else [fit.final_adopted],
                         threshold=threshold if fit.final_adopted is not False else base_model.threshold_)
    _save_and_track(final, out / MODEL_DIR, report, result, tracker or NullTracker(), holdout, rule, command, step)
    (out / REPORT_NAME).write_text(json.dumps(report, indent=2, default=_json_value) + "\n", encoding="utf-8")
    return result


def _check_options(folds, max_training_rows):
    """Reject out-of-range options, naming them."""
    if isinstance(folds, bool) or not isinstance(folds, int) or not 2 <= folds <= 20:
        raise ValueError(f"folds must be an integer from 2 to 20. Got {folds!r} instead.")
    if isinstance(max_training_rows, bool) or not isinstance(max_training_rows, int) or max_training_rows < 100:
        raise ValueError(f"max_training_rows must be an integer of at least 100. Got {max_training_rows!r} instead.")


def _load_base(base):
    """(base model, where it came from); a loaded model is used as it is."""
    if base is not None and hasattr(base, "featurise"):
        return base, (base.card_ or {}).get("sha256", "<in-memory model>")
    from classifier import default_model_path
    from training.tracking import load_model_from

    source = str(base) if base is not None else str(default_model_path())
    model = load_model_from(source)
    if isinstance(model, AdaptedModel):
        model = model.base  # adapting an adapted model starts again from its base
    return model, source


def _base_predictions(base, sample):
    """Base probabilities and crime groups for the sample (group: audited truth where known)."""
    from classifier.model import Features

    everything = copy.copy(base).set_operating_point(threshold=0.0)
    features = Features(sample.docs, sample.matrix, pd.RangeIndex(len(sample.rows)))
    predicted = everything.predict_features(features, evidence=False)
    p_base = base.calibrate(base.decision_function(features))
    groups = sample.rows["group"].to_numpy(object)
    kinds = np.where(groups != "", groups, predicted["predicted_category"].to_numpy(object))
    flagged = p_base >= base.threshold_
    base_pred = pd.DataFrame({"p_should_record": p_base, "predicted_should_record": flagged})
    return base_pred, kinds


def _threshold(rows, p_oof, base):
    """Highest threshold reaching the base's target recall on audited out-of-fold scores; else 0.5."""
    from training.evaluate import choose_threshold

    audited = rows["audited"].to_numpy()
    y = rows["should_record"].to_numpy()[audited]
    if y.sum() < 2:
        return 0.5
    return choose_threshold(y, p_oof[audited], float((base.card_ or {}).get("target_recall") or 0.95))


def _flagged(rows, fit, threshold, base_pred):
    """Out-of-fold flags as the cross-fitted scorer sets them: adapted threshold where adopted, else the base's."""
    flagged = base_pred["predicted_should_record"].to_numpy(bool).copy()
    folds = rows["fold"].to_numpy()
    adopted = np.ones(len(rows), bool) if fit.fold_adopted is None else np.asarray(fit.fold_adopted, bool)[folds]
    flagged[adopted] = fit.p_adapted[adopted] >= threshold
    return flagged


def _report(sample, fit, comparison, mode, folds, threshold, base, base_source, export, audit):
    """The JSON report: counts, mode, class prior, recording rates, per-fold and base-vs-adapted metrics."""
    rows = sample.rows
    return {
        "export": str(export), "export_sha256": sample.sha256, "audit_file": str(audit) if audit else None,
        "rows_read": sample.rows_read, "rows_used": sample.rows_used, "rows_rejected": sample.rows_rejected,
        "audited_rows": sample.audited_total, "training_rows": len(rows),
        "recorded_known": sample.recorded_known, "recorded_true": sample.recorded_true,
        "mode": mode, "folds": folds, "threshold": threshold,
        "base_model": {"source": base_source, "sha256": (base.card_ or {}).get("sha256")},
        "class_prior": class_prior(sample, fit.rates),
        "recording_rates": None if fit.rates is None else {"c": fit.rates.c, "eps": fit.rates.eps,
                                                           "by_kind": fit.rates.by_kind},
        "per_fold": fit.fold_metrics, "comparison": comparison, "limitations": limitations(mode),
        "selection": {"final_adopted": fit.final_adopted, "fold_adopted": fit.fold_adopted, **fit.selection},
    }


def _save_and_track(model, model_dir, report, result, tracker, holdout, rule, command, step):
    """Save DIR/model with its card, log the run and register the model; move the champion alias by the rule."""
    from training.audit.promotion import PromotionDecision, decide_promotion
    from training.tracking import clear_champion, set_champion

    tracker.start(run_name="adapt")
    try:
        if holdout is None:
            decision = PromotionDecision(False, [("Too few audited rows to compare with the base model, so "
                                                 "it is not made champion.")], ["no-audit"], False)
        else:
            decision = decide_promotion(holdout, rule=rule)
        report["promotion"] = {"promote": decision.promote, "reasons": decision.reasons,
                               "blocked_by": decision.blocked_by}
        card = adapt_card(report, command, tracker.run_id)
        step(f"saving the adapted model to {model_dir}")
        card = save_model(model, model_dir, card=card)
        report["model_sha256"] = card["sha256"]
        _log(tracker, report, model_dir)
        result.model_version = tracker.log_model(model_dir)
        if decision.promote:
            set_champion(tracker, result.model_version)
        else:
            clear_champion(tracker, result.model_version)
        result.promoted = decision.promote and result.model_version is not None
    except BaseException:
        tracker.finish(status="FAILED")
        raise
    tracker.finish()


def _log(tracker, report, model_dir):
    """Params, metrics and artefacts of the adapt run (never narratives)."""
    tracker.log_params({"adapt.mode": report["mode"], "adapt.folds": report["folds"],
                        "adapt.export_sha256": report["export_sha256"],
                        "adapt.base_sha256": report["base_model"]["sha256"], "adapt.threshold": report["threshold"]})
    flat = {"adapt.rows": report["rows_used"], "adapt.audited_rows": report["audited_rows"],
            "adapt.training_rows": report["training_rows"]}
    for name, value in (report["comparison"].get("metrics") or {}).items():
        flat[f"adapt.audited.{name}"] = value
    tracker.log_metrics(flat)
    tracker.set_tags({"adapt.mode": report["mode"], "training_data_sha256": report["export_sha256"]})
    tracker.log_artifact(Path(model_dir) / "model_card.json")
    tracker.log_artifact(Path(model_dir) / "MODEL_CARD.md")


def _json_value(value):
    """numpy scalars and paths in the report."""
    return value.item() if hasattr(value, "item") else str(value)
