"""Compare crimerec with simple baselines on the same splits and render the Markdown table.

Every model is fitted on the same training split and gets its operating threshold from the same
validation split (the highest threshold reaching the target recall; keyword rules have no threshold
to choose). They are then measured on each evaluation set, e.g. held-out generated logs and the
independently written external development set, which nothing is ever trained or tuned on.
"""

import datetime as dt
import math
import warnings

import numpy as np
import pandas as pd
from sklearn.metrics import average_precision_score, roc_auc_score

from training.baselines import default_baselines
from training.config import TrainConfig
from training.heldout import group_metrics, leave_group_out, render_group_table
from training.evaluate import (
    bootstrap_interval,
    choose_threshold,
    compute_metrics,
    metrics_for_predictions,
    paired_bootstrap_difference,
    render_category_table,
)
from training.train import dataset_digest, fit_model, split_frame

__all__ = ["compare_models", "compare_files", "render_comparison", "COMPARISON_COLUMNS"]

COMPARISON_COLUMNS = ("model", "eval_set", "n_logs", "roc_auc", "roc_auc_low", "roc_auc_high", "pr_auc",
                      "precision", "recall", "f1", "brier", "threshold", "n_under_recorded",
                      "recall_under_recorded", "delta_auc", "delta_auc_low", "delta_auc_high")
CRIMEREC_NAME = "crimerec (this model)"


def compare_models(data, eval_sets, *, config=None, model=None, baselines=None, n_resamples=1000,
                   progress=None, leave_out=(), leave_out_rows=40_000):
    """Fit the baselines (and crimerec unless given) on one split and measure all on ``eval_sets``.

    Parameters
    ----------
    data : DataFrame
        Audited training logs; split with ``training.train.split_frame`` and ``config`` exactly as
        ``crimerec train`` splits them.
    eval_sets : dict[str, DataFrame]
        Name -> audited logs never used for fitting (e.g. ``{"held-out generated": ..., "external-dev": ...}``).
    config : TrainConfig, default=None
        Split seed, validation share, target recall and crimerec's settings.
    model : CrimeRecModel, default=None
        A model already trained on ``data`` with ``config`` (e.g. ``models/default``); None trains one.
        A warning is issued if its card's training-data digest differs from ``data``.
    baselines : list, default=None
        Objects with ``name``, ``fit(frame)`` and ``score(frame)``; None uses ``default_baselines``.
    n_resamples : int, default=1000
        Bootstrap resamples for the ROC-AUC interval.
    progress : callable, default=None
        Called with a short message per model.
    leave_out : sequence of {'register', 'scenario_family'}, default=()
        Also hold out each value of these columns of ``data`` in turn (``training.heldout.leave_group_out``,
        on a seeded sample of ``leave_out_rows`` training logs).
    leave_out_rows : int, default=40000

    Returns
    -------
    DataFrame
        One row per (model, eval_set), columns ``COMPARISON_COLUMNS``. ``attrs`` holds crimerec's
        per-category metrics, per-register scores of every model on evaluation sets with a
        ``register`` column, and the leave-group-out tables.
    """
    config = config or TrainConfig()
    step = progress or (lambda message: None)
    train_part, validation = split_frame(data, config)
    y_val = validation["should_record"].astype(bool).to_numpy()
    sets = {name: frame[frame["should_record"].notna()] for name, frame in eval_sets.items()}
    rows, scores = [], {}
    for baseline in baselines if baselines is not None else default_baselines(seed=config.data.seed):
        step(f"fitting {baseline.name}")
        baseline.fit(train_part)
        threshold = getattr(baseline, "fixed_threshold", None)
        if threshold is None:
            threshold = choose_threshold(y_val, baseline.score(validation), config.threshold.target_recall)
        scores[baseline.name] = {name: np.asarray(baseline.score(frame), dtype=float) for name, frame in sets.items()}
        rows += _measure(baseline.name, scores[baseline.name], threshold, sets, n_resamples,
                         probabilistic=not hasattr(baseline, "fixed_threshold"))
    step("preparing crimerec")
    ours = _our_model(model, data, train_part, validation, config, step)
    predictions = {name: ours.predict_frame(frame, evidence=False, n_jobs=config.compute.n_jobs)
                   for name, frame in sets.items()}
    scores[CRIMEREC_NAME] = {name: frame["p_should_record"].to_numpy(dtype=float) for name, frame in predictions.items()}
    rows += _measure(CRIMEREC_NAME, scores[CRIMEREC_NAME], ours.threshold_, sets, n_resamples, probabilistic=True)
    table = pd.DataFrame([_with_delta(row, sets, scores, n_resamples) for row in rows],
                         columns=list(COMPARISON_COLUMNS))
    table.attrs["categories"] = {name: metrics_for_predictions(frame, predictions[name], ours.threshold_)
                                 for name, frame in sets.items()}
    thresholds = dict(zip(table["model"], table["threshold"]))
    table.attrs["by_register"] = {name: _by_register(frame, scores, thresholds, name)
                                  for name, frame in sets.items() if "register" in frame.columns}
    sample = train_part.sample(min(leave_out_rows, len(train_part)), random_state=config.data.seed)
    table.attrs["leave_out"] = {}
    for column in leave_out:
        step(f"leave-{column}-out")
        table.attrs["leave_out"][column] = leave_group_out(sample, column, model=ours, seed=config.data.seed)
    return table


def _by_register(frame, scores, thresholds, set_name):
    """crimerec's metrics per register of one evaluation set, with every other model's ROC-AUC beside."""
    table = group_metrics(frame, scores[CRIMEREC_NAME][set_name], thresholds[CRIMEREC_NAME], "register")
    for name, by_set in scores.items():
        if name != CRIMEREC_NAME:
            other = group_metrics(frame, by_set[set_name], thresholds[name], "register")
            table[f"auc: {name}"] = other["roc_auc"].to_numpy()
    return table


def _with_delta(row, sets, scores, n_resamples):
    """Add crimerec's ROC-AUC minus this model's, with a paired bootstrap interval, to a result row."""
    if row["model"] == CRIMEREC_NAME:
        return {**row, "delta_auc": math.nan, "delta_auc_low": math.nan, "delta_auc_high": math.nan}
    name = row["eval_set"]
    y = sets[name]["should_record"].astype(bool).to_numpy()
    delta, low, high = paired_bootstrap_difference(roc_auc_score, y, scores[CRIMEREC_NAME][name],
                                                   scores[row["model"]][name], n_resamples=n_resamples)
    return {**row, "delta_auc": delta, "delta_auc_low": low, "delta_auc_high": high}


def _our_model(model, data, train_part, validation, config, step):
    """The given model (checked against the training data digest) or a freshly fitted one."""
    if model is None:
        return fit_model(train_part, validation, config, progress=step).model
    expected = (getattr(model, "card_", None) or {}).get("training_data_sha256")
    labelled = data[data["should_record"].notna()]
    if expected != dataset_digest(labelled):
        warnings.warn("The crimerec model given to compare_models was not trained on this data "
                      "(training-data digest differs), so the comparison is not on the same split.",
                      UserWarning, stacklevel=3)
    return model


def _measure(name, p_by_set, threshold, sets, n_resamples, *, probabilistic):
    """Metric rows for one model on every (audited) evaluation set, from its scores ``p_by_set``."""
    rows = []
    for set_name, labelled in sets.items():
        y = labelled["should_record"].astype(bool).to_numpy()
        p = p_by_set[set_name]
        metrics = compute_metrics(y, p, threshold)
        low, high = bootstrap_interval(roc_auc_score, y, p, n_resamples=n_resamples)
        rows.append({
            "model": name, "eval_set": set_name, "n_logs": len(y), "roc_auc": metrics["roc_auc"],
            "roc_auc_low": low, "roc_auc_high": high,
            "pr_auc": float(average_precision_score(y, p)) if 0 < y.sum() < len(y) else math.nan,
            "precision": metrics["precision"], "recall": metrics["recall"], "f1": metrics["f1"],
            "brier": metrics["brier"] if probabilistic else math.nan, "threshold": float(threshold),
            **_under_recorded_recall(labelled, y, p >= threshold),
        })
    return rows


def _under_recorded_recall(frame, y, flagged):
    """Recall on the logs that should have been recorded but were not: the cases crimerec exists for."""
    if "recorded" not in frame.columns:
        return {"n_under_recorded": 0, "recall_under_recorded": math.nan}
    recorded = frame["recorded"].astype("boolean").fillna(True).to_numpy(dtype=bool)
    under = y & ~recorded
    return {"n_under_recorded": int(under.sum()),
            "recall_under_recorded": float(flagged[under].mean()) if under.any() else math.nan}


def render_comparison(table, *, command="", notes=()):
    """Render the comparison as Markdown: one table per evaluation set, best ROC-AUC first.

    Parameters
    ----------
    table : DataFrame
        ``compare_models`` output.
    command : str, default=""
        The command that produced it (shown so anyone can rerun it).
    notes : sequence of str, default=()
        Extra bullet points (data sizes, seeds, caveats).

    Returns
    -------
    str
    """
    lines = ["# Model comparison: crimerec against baselines", "",
             f"Generated {dt.date.today().isoformat()} by:", "", "```", command or "(library call)", "```", ""]
    lines += [f"- {note}" for note in notes]
    lines += ["- ROC-AUC is shown with a bootstrap 95% interval (1,000 resamples of the rows).",
              "- Precision, recall and F1 are at each model's operating threshold, chosen on the shared "
              "validation split for the target recall (keyword rules flag a log when the keyword occurs).",
              "- Brier score only for models that output probabilities.",
              "- 'under-recorded recall': share of the logs that should have been recorded but were not "
              "(by the force) that the model flags: the cases crimerec exists to find.",
              "- Baselines that read the raw closing comment see the force's own decision in plain words "
              "(\"crime recorded\", \"no offences\") and can score well overall by copying it, while missing "
              "the logs the force failed to record; crimerec masks and ignores decision wording and weights "
              "training rows so that the force's decision carries no information about the label.",
              "- 'crimerec − model ROC-AUC': paired bootstrap (the same resampled rows for both models); "
              "an interval that excludes 0 means the difference is more than resampling noise.", ""]
    categories = table.attrs.get("categories", {})
    for set_name, part in table.groupby("eval_set", sort=False):
        lines += [f"## {set_name} ({int(part['n_logs'].iloc[0])} logs)", "",
                  "| model | ROC-AUC (95% CI) | crimerec − model ROC-AUC (95% CI) | PR-AUC | precision | recall "
                  f"| F1 | Brier | under-recorded recall (n={int(part['n_under_recorded'].iloc[0])}) |",
                  "|---|---|---|---|---|---|---|---|---|"]
        for row in part.sort_values("roc_auc", ascending=False).itertuples():
            delta = "" if math.isnan(row.delta_auc) else (
                f"{row.delta_auc:+.3f} ({row.delta_auc_low:+.3f} to {row.delta_auc_high:+.3f})")
            lines.append(f"| {row.model} | {_num(row.roc_auc)} ({_num(row.roc_auc_low)}–{_num(row.roc_auc_high)}) "
                         f"| {delta} | {_num(row.pr_auc)} | {_num(row.precision)} | {_num(row.recall)} "
                         f"| {_num(row.f1)} | {_num(row.brier)} | {_num(row.recall_under_recorded)} |")
        lines.append("")
        if set_name in categories:
            lines += [f"### crimerec by category on {set_name}", "", render_category_table(categories[set_name]), ""]
        if set_name in table.attrs.get("by_register", {}):
            lines += [_render_by_register(table.attrs["by_register"][set_name], set_name)]
    for column, part in table.attrs.get("leave_out", {}).items():
        lines += [render_group_table(part, title=f"## Leave-{column}-out ROC-AUC (training logs, each {column} "
                                     "held out in turn; same features, heads refitted)",
                                     columns={"group": column, "n_logs": "logs", "n_crimes": "crimes",
                                              "crimerec_roc_auc": "crimerec features",
                                              "tfidf_roc_auc": "TF-IDF + LR"})]
    return "\n".join(lines)


def _render_by_register(part, set_name):
    """The per-register table of one evaluation set."""
    columns = {"group": "register", "n_logs": "logs", "n_crimes": "crimes", "roc_auc": "crimerec ROC-AUC",
               "recall": "crimerec recall", "precision": "crimerec precision"}
    columns.update({name: f"ROC-AUC {name[5:]}" for name in part.columns if name.startswith("auc: ")})
    return render_group_table(part, title=f"### By register on {set_name}", columns=columns)


def _num(value):
    """Three decimals, or an en dash for undefined values."""
    return "–" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.3f}"


def compare_files(data, eval_sets, *, model=None, config_path=None, overrides=(), progress=None, command="",
                  leave_out=()):
    """Read the files, run ``compare_models`` and return the Markdown table (``crimerec compare``).

    Parameters
    ----------
    data : str or Path
        Audited training logs (the file the model was trained on).
    eval_sets : list of str
        ``"NAME=FILE"`` entries.
    model : str, default=None
        Model directory or MLflow URI; None trains a model on ``data``.
    config_path : str, default=None
        Training config file; ``overrides`` are ``section.key=value`` strings.
    leave_out : sequence of str, default=()
        Columns to hold out group by group (see ``compare_models``).
    """
    from classifier.data import read_incidents
    from classifier.errors import SchemaError
    from training.config import load_config, parse_overrides
    from training.tracking import load_model_from

    named = {}
    for entry in eval_sets:
        name, sep, path = str(entry).partition("=")
        if not sep or not name.strip() or not path.strip():
            raise SchemaError(f"--eval {entry!r} must look like NAME=FILE, e.g. held-out=test.csv.")
        named[name.strip()] = read_incidents(path.strip())
    config = load_config(config_path, overrides=parse_overrides(overrides))
    training = read_incidents(data)
    table = compare_models(training, named, config=config,
                           model=load_model_from(model) if model else None, progress=progress,
                           leave_out=tuple(leave_out))
    notes = [f"Training data: {data} ({len(training)} logs; split seed {config.data.seed}, "
             f"validation share {config.data.validation_fraction}); target recall "
             f"{config.threshold.target_recall}."]
    notes += [f"Evaluation set '{name}': {str(entry).partition('=')[2]}" for name, entry in zip(named, eval_sets)]
    return render_comparison(table, command=command, notes=notes)
