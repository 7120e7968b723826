"""Measure a fitted model on labelled logs: discrimination, calibration, operating point, categories.

``evaluate_model`` returns a flat ``dict[str, float]`` (what MLflow logs and ``--json`` writes);
the plot functions write a reliability diagram and a precision-recall curve as PNG files.
"""

import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn import metrics as skm

from classifier import NO_CRIME, SchemaError, to_hocr_group
from training.heldout import group_metrics

__all__ = [
    "ECE_BINS",
    "evaluate_model",
    "metrics_for_predictions",
    "compute_metrics",
    "expected_calibration_error",
    "choose_threshold",
    "bootstrap_interval",
    "paired_bootstrap_difference",
    "plot_reliability",
    "plot_precision_recall",
    "render_metrics",
    "render_category_table",
]

# Expected calibration error uses ECE_BINS equal-width bins on [0, 1]; bin b holds p in
# [b/ECE_BINS, (b+1)/ECE_BINS), the last bin also holds p == 1. Empty bins contribute nothing.
ECE_BINS = 10


def evaluate_model(model, frame, *, plots_dir=None):
    """Score labelled logs with ``model`` and return every metric as a float.

    Parameters
    ----------
    model : CrimeRecModel
        A fitted model (``classifier.model.estimator.load_model``).
    frame : DataFrame
        Validated contract frame with a ``should_record`` column; rows where it is missing are skipped.
        ``hocr_category`` and ``domestic_abuse`` are used when present.
    plots_dir : str or Path, default=None
        When given, ``reliability.png`` and ``precision_recall.png`` are written there.

    Returns
    -------
    dict[str, float]
        Keys described in ``compute_metrics``; for generated logs (a ``register`` column) also
        ``register.<name>.<metric>`` (``n_logs``, ``roc_auc``, ``pr_auc``, ``recall``, ``precision``).

    Raises
    ------
    SchemaError
        ``should_record`` is missing or has no labelled rows.
    """
    labelled = _labelled_rows(frame)
    scored = model.predict_frame(labelled, evidence=False)
    result = metrics_for_predictions(labelled, scored, model.threshold_)
    if "register" in labelled.columns:
        table = group_metrics(labelled, scored["p_should_record"].to_numpy(), model.threshold_, "register")
        for row in table.to_dict("records"):
            group = row.pop("group")
            result.update({f"register.{group}.{name}": float(value) for name, value in row.items()})
    if plots_dir is not None:
        directory = Path(plots_dir)
        directory.mkdir(parents=True, exist_ok=True)
        y, p = labelled["should_record"].astype(bool).to_numpy(), scored["p_should_record"].to_numpy()
        plot_reliability(y, p, directory / "reliability.png")
        plot_precision_recall(y, p, directory / "precision_recall.png", threshold=model.threshold_)
    return result


def metrics_for_predictions(labelled, scored, threshold):
    """``compute_metrics`` from audited rows and the model's prediction frame for them.

    Parameters
    ----------
    labelled : DataFrame
        Rows with ``should_record`` (and optionally ``hocr_category``, ``domestic_abuse``).
    scored : DataFrame
        ``CrimeRecModel.predict_frame`` output for the same rows, in the same order.
    threshold : float
        The operating threshold the predictions were made at.
    """
    return compute_metrics(
        labelled["should_record"].astype(bool).to_numpy(),
        scored["p_should_record"].to_numpy(),
        threshold,
        true_categories=_true_groups(labelled),
        predicted_categories=scored["predicted_category"].astype(str).to_numpy(),
        true_domestic=_optional_bool(labelled, "domestic_abuse"),
        p_domestic=scored["p_domestic_abuse"].to_numpy(),
    )


def _labelled_rows(frame):
    """Return the rows with a ``should_record`` label, or raise SchemaError if there are none."""
    if "should_record" not in frame.columns:
        raise SchemaError("Evaluation needs audited logs, but column 'should_record' is missing. "
                          f"Columns present: {list(frame.columns)}.")
    labelled = frame[frame["should_record"].notna()]
    if labelled.empty:
        raise SchemaError("Evaluation needs audited logs, but every 'should_record' value is empty.")
    return labelled


def _true_groups(frame):
    """Return the expected HOCR group per row (``No crime`` when should_record is false), or None."""
    if "hocr_category" not in frame.columns:
        return None
    groups = [to_hocr_group(category) if should else NO_CRIME
              for category, should in zip(frame["hocr_category"], frame["should_record"].astype(bool))]
    return np.array([group if group is not None else "" for group in groups], dtype=object)


def _optional_bool(frame, column):
    """Return a float array (1.0/0.0, NaN where missing) for an optional boolean column, or None."""
    if column not in frame.columns:
        return None
    return frame[column].astype("Float64").to_numpy(dtype=float, na_value=np.nan)


def compute_metrics(y_true, p, threshold, *, true_categories=None, predicted_categories=None,
                    true_domestic=None, p_domestic=None):
    """Compute the evaluation metrics from labels and scores.

    Parameters
    ----------
    y_true : array of bool
        Audited ``should_record``.
    p : array of float
        Predicted probability that the log should have been recorded.
    threshold : float
        Operating threshold; a log is predicted "should record" when ``p >= threshold``.
    true_categories, predicted_categories : array of str, default=None
        Expected and predicted HOCR groups (``"No crime"`` for non-crimes; ``""`` = unknown).
    true_domestic : array of float, default=None
        Audited domestic-abuse flag as 1.0/0.0, NaN where not audited.
    p_domestic : array of float, default=None
        Predicted domestic-abuse probability; flagged when >= 0.5.

    Returns
    -------
    dict[str, float]
        ``n_logs``, ``n_should_record``, ``roc_auc``, ``pr_auc`` (average precision), ``brier``,
        ``ece``, ``threshold``, ``precision``, ``recall``, ``f1``, ``tp``, ``fp``, ``tn``, ``fn``,
        ``recall_by_category.<group>`` (share of should-record logs of that expected group that are
        flagged), ``roc_auc_by_category.<group>`` and ``pr_auc_by_category.<group>`` (that group's
        should-record logs against every log that should not be recorded), ``category_accuracy``
        (predicted group == expected group, over all rows with a known group),
        ``category_accuracy_crimes`` (same over should-record rows), ``domestic_abuse_accuracy``, and
        calibration within each *predicted* group: ``n_by_predicted.<group>``,
        ``mean_p_by_predicted.<group>``, ``observed_by_predicted.<group>`` (share that should be
        recorded) and ``brier_by_predicted.<group>``.
        Undefined values (e.g. AUC with one class) are NaN.

    Examples
    --------
    >>> m = compute_metrics([True, True, False, False], [0.9, 0.4, 0.6, 0.1], 0.5)
    >>> m["roc_auc"], m["recall"], m["precision"], m["tp"], m["fp"]
    (0.75, 0.5, 0.5, 1.0, 1.0)
    """
    y = np.asarray(y_true, dtype=bool)
    p = np.asarray(p, dtype=float)
    predicted = p >= threshold
    result = {"n_logs": float(len(y)), "n_should_record": float(y.sum())}
    result.update(_ranking_metrics(y, p))
    result.update(_threshold_metrics(y, predicted, threshold))
    if true_categories is not None:
        groups = np.asarray(true_categories, dtype=object)
        result.update(_category_recalls(y, predicted, groups))
        result.update(_category_ranking(y, p, groups))
        if predicted_categories is not None:
            result.update(_category_accuracy(y, groups, np.asarray(predicted_categories, dtype=object)))
    if predicted_categories is not None:
        result.update(_calibration_by_predicted(y, p, np.asarray(predicted_categories, dtype=object)))
    if true_domestic is not None and p_domestic is not None:
        truth = np.asarray(true_domestic, dtype=float)
        known = ~np.isnan(truth)
        flagged = np.asarray(p_domestic, dtype=float)[known] >= 0.5
        result["domestic_abuse_accuracy"] = _mean(flagged == (truth[known] == 1.0))
    return result


def _mean(values):
    """Mean of a boolean/float array as a float, NaN when empty."""
    return float(np.mean(values)) if len(values) else math.nan


def _ranking_metrics(y, p):
    """ROC-AUC, PR-AUC (average precision), Brier score and ECE."""
    both = 0 < y.sum() < len(y)
    return {
        "roc_auc": float(skm.roc_auc_score(y, p)) if both else math.nan,
        "pr_auc": float(skm.average_precision_score(y, p)) if both else math.nan,
        "brier": float(np.mean((p - y) ** 2)) if len(y) else math.nan,
        "ece": expected_calibration_error(y, p),
    }


def _threshold_metrics(y, predicted, threshold):
    """Precision, recall, F1 and the confusion matrix at the operating threshold."""
    tp = int(np.sum(predicted & y))
    fp = int(np.sum(predicted & ~y))
    fn = int(np.sum(~predicted & y))
    tn = int(np.sum(~predicted & ~y))
    precision = tp / (tp + fp) if tp + fp else math.nan
    recall = tp / (tp + fn) if tp + fn else math.nan
    f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else math.nan
    return {"threshold": float(threshold), "precision": precision, "recall": recall, "f1": f1,
            "tp": float(tp), "fp": float(fp), "tn": float(tn), "fn": float(fn)}


def _slug(group):
    """Metric-name form of a HOCR group: 'Violence with injury' -> 'violence_with_injury'."""
    return re.sub(r"[^a-z0-9]+", "_", group.lower()).strip("_")


def _category_recalls(y, predicted, groups):
    """Recall of the should-record decision within each expected HOCR group."""
    result = {}
    for group in sorted(set(groups[y]) - {"", NO_CRIME}):
        rows = y & (groups == group)
        result[f"recall_by_category.{_slug(group)}"] = _mean(predicted[rows])
    return result


def _category_ranking(y, p, groups):
    """ROC-AUC and PR-AUC of each expected group's should-record logs against all non-crimes.

    The per-group question is "does the model rank this kind of crime above the logs that are no
    crime?"; the non-crimes are shared by every group, so the numbers compare across groups.
    """
    result = {}
    negatives = ~y
    if not negatives.any():
        return result
    for group in sorted(set(groups[y]) - {"", NO_CRIME}):
        rows = (y & (groups == group)) | negatives
        result[f"roc_auc_by_category.{_slug(group)}"] = float(skm.roc_auc_score(y[rows], p[rows]))
        result[f"pr_auc_by_category.{_slug(group)}"] = float(skm.average_precision_score(y[rows], p[rows]))
    return result


def _calibration_by_predicted(y, p, predicted_groups):
    """Mean predicted probability against the observed should-record share in each predicted group.

    Grouping by the *predicted* category works for every log, crimes and non-crimes alike, so it
    shows where the probabilities are too high or too low (e.g. "Public order offences" logs that
    are mostly words only).
    """
    result = {}
    for group in sorted(set(predicted_groups) - {""}):
        rows = predicted_groups == group
        slug = _slug(group)
        result[f"n_by_predicted.{slug}"] = float(rows.sum())
        result[f"mean_p_by_predicted.{slug}"] = float(p[rows].mean())
        result[f"observed_by_predicted.{slug}"] = float(y[rows].mean())
        result[f"brier_by_predicted.{slug}"] = float(np.mean((p[rows] - y[rows]) ** 2))
    return result


def render_category_table(metrics):
    """Markdown tables of the per-category metrics in a ``compute_metrics`` result.

    Examples
    --------
    >>> m = compute_metrics([True, False], [0.9, 0.2], 0.5, true_categories=["Robbery", "No crime"],
    ...                     predicted_categories=["Robbery", "No crime"])
    >>> print(render_category_table(m).splitlines()[2])
    | robbery | 1.000 | 1.000 | 1.000 |
    """
    lines = ["| expected category (crimes vs all non-crimes) | ROC-AUC | PR-AUC | recall at threshold |",
             "|---|---|---|---|"]
    for name in sorted(key.split(".", 1)[1] for key in metrics if key.startswith("roc_auc_by_category.")):
        values = [metrics.get(f"{kind}.{name}", math.nan)
                  for kind in ("roc_auc_by_category", "pr_auc_by_category", "recall_by_category")]
        lines.append(f"| {name} | " + " | ".join(_fixed(value) for value in values) + " |")
    lines += ["", "| predicted category | logs | mean p | share that should be recorded | Brier |",
              "|---|---|---|---|---|"]
    for name in sorted(key.split(".", 1)[1] for key in metrics if key.startswith("n_by_predicted.")):
        values = [metrics[f"{kind}.{name}"] for kind in ("mean_p_by_predicted", "observed_by_predicted",
                                                          "brier_by_predicted")]
        lines.append(f"| {name} | {int(metrics[f'n_by_predicted.{name}'])} | "
                     + " | ".join(_fixed(value) for value in values) + " |")
    return "\n".join(lines)


def _fixed(value):
    """Three decimals, or 'n/a' for NaN."""
    return "n/a" if math.isnan(value) else f"{value:.3f}"


def _category_accuracy(y, true_groups, predicted_groups):
    """Share of rows whose predicted group equals the expected group (all rows, and crimes only)."""
    known = true_groups != ""
    correct = true_groups == predicted_groups
    return {"category_accuracy": _mean(correct[known]),
            "category_accuracy_crimes": _mean(correct[known & y])}


def expected_calibration_error(y_true, p, *, n_bins=ECE_BINS):
    """Expected calibration error with ``n_bins`` equal-width bins on [0, 1].

    ECE = sum over non-empty bins of (bin size / n) * |observed rate - mean predicted p|.

    Examples
    --------
    >>> expected_calibration_error([True, False, True, False], [0.75, 0.75, 0.25, 0.25])
    0.25
    """
    y = np.asarray(y_true, dtype=float)
    p = np.asarray(p, dtype=float)
    if not len(y):
        return math.nan
    bins = np.minimum((p * n_bins).astype(int), n_bins - 1)
    counts = np.bincount(bins, minlength=n_bins)
    gaps = np.abs(np.bincount(bins, weights=y, minlength=n_bins)
                  - np.bincount(bins, weights=p, minlength=n_bins))
    return float(np.sum(gaps[counts > 0]) / len(y))


def choose_threshold(y_true, p, target_recall):
    """Return the highest threshold at which recall (``p >= threshold``) reaches ``target_recall``.

    Examples
    --------
    >>> choose_threshold([True, True, True, True, False], [0.9, 0.8, 0.7, 0.2, 0.5], 0.75)
    0.7
    """
    y = np.asarray(y_true, dtype=bool)
    positives = np.sort(np.asarray(p, dtype=float)[y])[::-1]
    if not len(positives):
        raise SchemaError("Cannot choose a threshold: the validation rows have no should-record logs.")
    needed = max(1, math.ceil(target_recall * len(positives) - 1e-9))
    return float(positives[needed - 1])


def bootstrap_interval(metric, y_true, p, *, n_resamples=1000, level=0.95, seed=0):
    """Percentile bootstrap interval for ``metric(y, p)``, resampling rows with replacement.

    Resamples with a single class are skipped (ROC-AUC is undefined there).

    Returns
    -------
    tuple of float
        (low, high); (nan, nan) when no resample was usable.
    """
    y = np.asarray(y_true, dtype=bool)
    p = np.asarray(p, dtype=float)
    rng = np.random.default_rng(seed)
    values = []
    for _ in range(n_resamples):
        rows = rng.integers(0, len(y), len(y))
        if 0 < y[rows].sum() < len(rows):
            values.append(metric(y[rows], p[rows]))
    if not values:
        return (math.nan, math.nan)
    tail = (1 - level) / 2 * 100
    return (float(np.percentile(values, tail)), float(np.percentile(values, 100 - tail)))


def paired_bootstrap_difference(metric, y_true, p_a, p_b, *, n_resamples=1000, level=0.95, seed=0):
    """``metric(a) - metric(b)`` on the same rows, with a paired bootstrap interval.

    Both models are scored on the same resampled rows each time, so the interval reflects the
    difference between them rather than the (much larger) noise of each on a small set. An
    interval that excludes 0 means one model is ahead beyond what resampling explains.

    Returns
    -------
    tuple of float
        ``(difference, low, high)``; NaNs when the metric is undefined (one class).

    Examples
    --------
    >>> y = [True, False] * 20
    >>> good, poor = [0.9, 0.1] * 20, [0.6, 0.4] * 10 + [0.4, 0.6] * 5 + [0.5, 0.5] * 5
    >>> difference, low, high = paired_bootstrap_difference(skm.roc_auc_score, y, good, poor)
    >>> round(difference, 4), low > 0
    (0.3438, True)
    """
    y, a, b = np.asarray(y_true, dtype=bool), np.asarray(p_a, dtype=float), np.asarray(p_b, dtype=float)
    if not 0 < y.sum() < len(y):
        return math.nan, math.nan, math.nan
    difference = float(metric(y, a) - metric(y, b))
    rng = np.random.default_rng(seed)
    values = []
    for _ in range(n_resamples):
        rows = rng.integers(0, len(y), len(y))
        if 0 < y[rows].sum() < len(rows):
            values.append(metric(y[rows], a[rows]) - metric(y[rows], b[rows]))
    if not values:
        return difference, math.nan, math.nan
    tail = (1 - level) / 2
    return difference, float(np.quantile(values, tail)), float(np.quantile(values, 1 - tail))


def _figure():
    """A new matplotlib figure on the non-interactive Agg backend."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt, plt.subplots(figsize=(5, 4.5), dpi=100)


def plot_reliability(y_true, p, path, *, n_bins=ECE_BINS):
    """Write a reliability diagram (observed rate against mean predicted p per bin) as PNG."""
    y = np.asarray(y_true, dtype=float)
    p = np.asarray(p, dtype=float)
    bins = np.minimum((p * n_bins).astype(int), n_bins - 1)
    table = pd.DataFrame({"bin": bins, "y": y, "p": p}).groupby("bin").agg(
        observed=("y", "mean"), predicted=("p", "mean"), n=("y", "size"))
    plt, (figure, axes) = _figure()
    axes.plot([0, 1], [0, 1], linestyle=":", color="grey", label="perfect calibration")
    axes.plot(table["predicted"], table["observed"], marker="o", label="model")
    axes.set(xlabel="mean predicted p(should record)", ylabel="observed share that should record",
             title=f"Reliability (ECE {expected_calibration_error(y, p, n_bins=n_bins):.3f})",
             xlim=(0, 1), ylim=(0, 1))
    axes.legend(loc="upper left")
    figure.tight_layout()
    figure.savefig(path)
    plt.close(figure)
    return Path(path)


def plot_precision_recall(y_true, p, path, *, threshold=None):
    """Write the precision-recall curve as PNG, marking the operating threshold if given."""
    y = np.asarray(y_true, dtype=bool)
    p = np.asarray(p, dtype=float)
    precision, recall, _ = skm.precision_recall_curve(y, p)
    plt, (figure, axes) = _figure()
    axes.plot(recall, precision, label=f"PR-AUC {skm.average_precision_score(y, p):.3f}")
    if threshold is not None:
        flagged = p >= threshold
        point_recall = np.sum(flagged & y) / max(1, y.sum())
        point_precision = np.sum(flagged & y) / max(1, flagged.sum())
        axes.plot([point_recall], [point_precision], marker="o", color="red",
                  label=f"threshold {threshold:.3f}")
    axes.set(xlabel="recall", ylabel="precision", title="Precision-recall (should record)",
             xlim=(0, 1.01), ylim=(0, 1.01))
    axes.legend(loc="lower left")
    figure.tight_layout()
    figure.savefig(path)
    plt.close(figure)
    return Path(path)


def render_metrics(metrics):
    """Format a metrics dict as aligned 'name  value' lines for the terminal.

    Examples
    --------
    >>> print(render_metrics({"roc_auc": 0.91234, "tp": 3.0}))
    roc_auc  0.9123
    tp       3
    """
    width = max((len(name) for name in metrics), default=0)
    return "\n".join(f"{name:<{width}}  {_format_value(name, value)}" for name, value in metrics.items())


def _format_value(name, value):
    """Counts as integers, undefined values as 'n/a', the rest with 4 decimals."""
    if isinstance(value, float) and math.isnan(value):
        return "n/a"
    if name in ("n_logs", "n_should_record", "tp", "fp", "tn", "fn") or name.startswith("n_by_predicted."):
        return str(int(value))
    return f"{value:.4f}"
