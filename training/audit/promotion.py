"""Champion/challenger comparison: a paired bootstrap on the frozen holdout and the promotion rule.

Both models score the same held-out audit rows; the bootstrap resamples those rows once per replicate
and recomputes every statistic for both models on the same resample, so the intervals are for the
*difference* and account for the two models being judged on identical cases.
"""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats

__all__ = [
    "BootstrapInterval",
    "ModelComparison",
    "PromotionRule",
    "PromotionDecision",
    "paired_bootstrap_auc",
    "compare_on_holdout",
    "check_batch_agreement",
    "decide_promotion",
]


@dataclass(frozen=True)
class BootstrapInterval:
    """A difference (challenger minus champion) with its percentile bootstrap interval."""

    diff: float
    low: float
    high: float


@dataclass(frozen=True)
class ModelComparison:
    """Champion and challenger measured on the same holdout rows.

    Attributes
    ----------
    n_rows : int
        Holdout rows compared.
    auc_champion, auc_challenger : float
        ROC-AUC of ``p_should_record`` against ``should_record``.
    auc : BootstrapInterval
        Challenger minus champion ROC-AUC.
    recall : pandas.DataFrame
        One row per HOCR group with columns ``category``, ``support`` (should-record holdout rows in
        that group), ``recall_champion``, ``recall_challenger``, ``diff``, ``low``, ``high``.
    """

    n_rows: int
    auc_champion: float
    auc_challenger: float
    auc: BootstrapInterval
    recall: pd.DataFrame


@dataclass(frozen=True)
class PromotionRule:
    """The configurable promotion rule (see docs/RETRAINING.md, "Promotion rule").

    Parameters
    ----------
    auc_margin : float, default=0.01
        The challenger must not be worse than the champion by more than this much ROC-AUC: the lower
        bound of the interval for (challenger - champion) must be at least ``-auc_margin``.
    recall_margin : float, default=0.05
        Per HOCR group with enough support, the challenger is blocked when its recall is lower by more
        than this (point estimate), or when the whole interval lies below zero.
    min_support : int, default=30
        Groups with fewer should-record holdout rows are reported but never block promotion.
    n_boot : int, default=2000
        Bootstrap replicates.
    level : float, default=0.95
        Confidence level of the intervals.
    agreement_alpha : float, default=0.01
        Significance level of the new-batch agreement check (see ``check_batch_agreement``).
    agreement_excess : float, default=0.05
        The champion's Brier score on the new labels must exceed its score on earlier holdout labels
        by at least this much before the agreement check blocks, so a large batch cannot block on a
        trivial excess.
    seed : int, default=0
        Seed of the bootstrap.
    """

    auc_margin: float = 0.01
    recall_margin: float = 0.05
    min_support: int = 30
    n_boot: int = 2000
    level: float = 0.95
    agreement_alpha: float = 0.01
    agreement_excess: float = 0.05
    seed: int = 0

    def __post_init__(self):
        """Reject values that would make the rule meaningless."""
        _check_range("auc_margin", self.auc_margin, 0.0, 1.0)
        _check_range("recall_margin", self.recall_margin, 0.0, 1.0)
        _check_range("level", self.level, 0.5, 0.9999)
        _check_range("agreement_alpha", self.agreement_alpha, 0.0, 0.5)
        _check_range("agreement_excess", self.agreement_excess, 0.0, 1.0)
        if int(self.min_support) < 1 or int(self.n_boot) < 100:
            raise ValueError(
                "PromotionRule needs min_support >= 1 and n_boot >= 100. "
                f"Got min_support={self.min_support}, n_boot={self.n_boot} instead."
            )


@dataclass(frozen=True)
class PromotionDecision:
    """Whether the challenger becomes champion, and every reason that decided it.

    ``blocked_by`` lists the rule checks that failed; with ``forced`` the challenger is promoted anyway
    and the failed checks stay listed so the override is on record.
    """

    promote: bool
    reasons: list[str] = field(default_factory=list)
    blocked_by: list[str] = field(default_factory=list)
    forced: bool = False


def _check_range(name, value, low, high):
    """Raise ValueError naming the parameter when value is outside [low, high]."""
    if not low <= float(value) <= high:
        raise ValueError(f"PromotionRule {name} must be in [{low}, {high}]. Got {value!r} instead.")


def _as_arrays(y, *scores):
    """Validate equal-length 1-D inputs and return them as float arrays (labels as 0/1)."""
    y = np.asarray(y, dtype=float)
    arrays = [np.asarray(s, dtype=float) for s in scores]
    for a in arrays:
        if a.shape != y.shape:
            raise ValueError(f"Labels have length {len(y)} but a score array has length {len(a)}.")
    if y.ndim != 1 or np.isnan(y).any() or not np.isin(y, (0.0, 1.0)).all():
        raise ValueError("Labels must be a 1-D array of 0/1 (or False/True) without missing values.")
    if any(np.isnan(a).any() for a in arrays):
        raise ValueError("Scores contain missing values; every holdout row must be scored by both models.")
    if y.min() == y.max():
        raise ValueError(
            f"ROC-AUC needs both classes in the holdout; all {len(y)} rows have label {int(y[0])}."
        )
    return y, arrays


def _resample_weights(y, n_boot, seed):
    """Row multiplicities for each bootstrap replicate, resampling within each class.

    Resampling positives and negatives separately keeps both classes in every replicate (so AUC is
    always defined) and matches the holdout's stratified construction.
    """
    rng = np.random.default_rng(seed)
    weights = np.zeros((n_boot, len(y)))
    for value in (0.0, 1.0):
        idx = np.flatnonzero(y == value)
        counts = rng.multinomial(len(idx), np.full(len(idx), 1.0 / len(idx)), size=n_boot)
        weights[:, idx] = counts
    return weights


def _weighted_auc(y, score, weights):
    """ROC-AUC (ties count one half) for each row of ``weights``, as a vector of length n_boot."""
    order = np.argsort(score, kind="mergesort")
    s, yy, w = score[order], y[order], weights[:, order]
    starts = np.flatnonzero(np.r_[True, s[1:] != s[:-1]])
    pos = np.add.reduceat(w * yy, starts, axis=1)
    neg = np.add.reduceat(w * (1 - yy), starts, axis=1)
    neg_below = np.cumsum(neg, axis=1) - neg
    wins = (pos * (neg_below + 0.5 * neg)).sum(axis=1)
    return wins / (pos.sum(axis=1) * neg.sum(axis=1))


def _interval(point, replicates, level):
    """Percentile interval around a point estimate."""
    tail = (1.0 - level) / 2.0 * 100.0
    low, high = np.percentile(replicates, [tail, 100.0 - tail])
    return BootstrapInterval(float(point), float(low), float(high))


def paired_bootstrap_auc(y, p_champion, p_challenger, *, n_boot=2000, seed=0, level=0.95):
    """Paired bootstrap interval for the ROC-AUC difference (challenger minus champion).

    Parameters
    ----------
    y : array-like of bool or {0, 1}
        True labels (``should_record``) of the holdout rows.
    p_champion, p_challenger : array-like of float
        Each model's ``p_should_record`` for the same rows, in the same order.
    n_boot : int, default=2000
        Bootstrap replicates; rows are resampled within each class.
    seed : int, default=0
        Random seed.
    level : float, default=0.95
        Confidence level.

    Returns
    -------
    BootstrapInterval
        ``diff`` is the difference on the full holdout; ``low``/``high`` the percentile interval.

    Raises
    ------
    ValueError
        If lengths differ, labels are not 0/1, a score is missing, or only one class is present.

    Examples
    --------
    >>> y = [0, 0, 0, 1, 1, 1]
    >>> res = paired_bootstrap_auc(y, [.1, .4, .35, .8, .3, .9], [.1, .2, .3, .8, .7, .9], n_boot=200)
    >>> round(res.diff, 3)
    0.222
    >>> res.low <= res.diff <= res.high
    True
    """
    y, (p0, p1) = _as_arrays(y, p_champion, p_challenger)
    weights = _resample_weights(y, int(n_boot), seed)
    full = np.ones((1, len(y)))
    point = _weighted_auc(y, p1, full)[0] - _weighted_auc(y, p0, full)[0]
    replicates = _weighted_auc(y, p1, weights) - _weighted_auc(y, p0, weights)
    return _interval(point, replicates, level)


def _recall_table(y, categories, pred0, pred1, weights, level):
    """Per-category recall of both models and the paired interval for the difference."""
    rows = []
    for category in sorted(set(categories[y == 1])):
        idx = np.flatnonzero((y == 1) & (categories == category))
        w = weights[:, idx]
        denom = np.maximum(w.sum(axis=1), 1e-12)
        diff_reps = (w @ pred1[idx] - w @ pred0[idx]) / denom
        r0, r1 = float(pred0[idx].mean()), float(pred1[idx].mean())
        ci = _interval(r1 - r0, diff_reps[w.sum(axis=1) > 0], level)
        rows.append((category, len(idx), r0, r1, ci.diff, ci.low, ci.high))
    columns = ["category", "support", "recall_champion", "recall_challenger", "diff", "low", "high"]
    return pd.DataFrame(rows, columns=columns)


def compare_on_holdout(holdout, champion_pred, challenger_pred, *, rule=None):
    """Compare two models' predictions on the same holdout rows with one paired bootstrap.

    Parameters
    ----------
    holdout : pandas.DataFrame
        Holdout rows with ``should_record`` (bool) and ``hocr_category`` (HOCR group names).
    champion_pred, challenger_pred : pandas.DataFrame
        Each model's ``predict_frame`` output for ``holdout`` (same index): ``p_should_record`` and
        ``predicted_should_record`` are used.
    rule : PromotionRule, optional
        Supplies ``n_boot``, ``level`` and ``seed``; defaults to ``PromotionRule()``.

    Returns
    -------
    ModelComparison
        The AUC difference interval and the per-category recall table. Recall in a group is the share
        of its should-record rows that the model flags (``predicted_should_record``).
    """
    rule = rule or PromotionRule()
    y, (p0, p1) = _as_arrays(
        holdout["should_record"].astype(bool).to_numpy(),
        champion_pred.loc[holdout.index, "p_should_record"],
        challenger_pred.loc[holdout.index, "p_should_record"],
    )
    weights = _resample_weights(y, int(rule.n_boot), rule.seed)
    full = np.ones((1, len(y)))
    auc0, auc1 = _weighted_auc(y, p0, full)[0], _weighted_auc(y, p1, full)[0]
    reps = _weighted_auc(y, p1, weights) - _weighted_auc(y, p0, weights)
    pred0 = champion_pred.loc[holdout.index, "predicted_should_record"].astype(bool).to_numpy(float)
    pred1 = challenger_pred.loc[holdout.index, "predicted_should_record"].astype(bool).to_numpy(float)
    categories = holdout["hocr_category"].astype(str).to_numpy()
    recall = _recall_table(y, categories, pred0, pred1, weights, rule.level)
    return ModelComparison(
        n_rows=len(y),
        auc_champion=float(auc0),
        auc_challenger=float(auc1),
        auc=_interval(auc1 - auc0, reps, rule.level),
        recall=recall,
    )


def check_batch_agreement(new_loss, baseline_loss, *, alpha=0.01, min_excess=0.05):
    """Check whether new labels disagree with the champion more than earlier, held-out labels do.

    The loss of a label is the champion's squared error on it, (p_should_record - label)^2: near 0
    when the model agrees confidently, near 1 when it confidently disagrees. Labels from earlier
    batches in the frozen holdout (which the champion never trained on) show how large the loss of
    correct labels is. A batch whose mean loss is significantly higher (one-sided Welch t-test,
    both means estimated) *and* higher by at least ``min_excess`` carries either label errors or a
    shift in the logs; either way a person should look before a model trained on it is promoted.
    Probabilities are used rather than the champion's yes/no at its threshold, because a threshold
    chosen on a small validation set makes the disagreement rate swing widely between models.

    Parameters
    ----------
    new_loss : array-like of float
        Squared errors of the champion on the batch's new labels.
    baseline_loss : array-like of float
        Squared errors of the champion on holdout labels from earlier batches.
    alpha : float, default=0.01
        Significance level.
    min_excess : float, default=0.05
        Smallest excess of the mean loss (Brier score) that can fail the check.

    Returns
    -------
    tuple of (bool, float, float, float)
        ``(passes, new_mean, p_value, baseline_mean)``.

    Examples
    --------
    >>> import numpy as np
    >>> clean = np.r_[np.full(90, 0.02), np.full(10, 0.6)]
    >>> check_batch_agreement(clean[::-1], clean)[0]
    True
    >>> noisy = np.r_[np.full(70, 0.02), np.full(30, 0.7)]
    >>> check_batch_agreement(noisy, clean)[0]
    False
    """
    new_loss = np.asarray(new_loss, dtype=float)
    baseline_loss = np.asarray(baseline_loss, dtype=float)
    for name, values in (("new_loss", new_loss), ("baseline_loss", baseline_loss)):
        if values.ndim != 1 or np.isnan(values).any() or ((values < 0) | (values > 1)).any():
            raise ValueError(f"{name} must be a 1-D array of squared errors in [0, 1] without missing values.")
    if len(new_loss) < 2 or len(baseline_loss) < 2:
        return True, float(new_loss.mean()) if len(new_loss) else 0.0, 1.0, \
            float(baseline_loss.mean()) if len(baseline_loss) else 0.0
    new_mean, base_mean = float(new_loss.mean()), float(baseline_loss.mean())
    if new_loss.std() == 0 and baseline_loss.std() == 0:
        p_value = 0.0 if new_mean > base_mean else 1.0
    else:
        p_value = float(stats.ttest_ind(new_loss, baseline_loss, equal_var=False, alternative="greater").pvalue)
    passes = not (p_value < alpha and new_mean - base_mean >= min_excess)
    return passes, new_mean, p_value, base_mean


def _auc_check(comparison, rule):
    """Return (ok, reason) for the overall ROC-AUC non-inferiority check."""
    ci = comparison.auc
    text = (
        f"ROC-AUC champion {comparison.auc_champion:.4f}, challenger {comparison.auc_challenger:.4f}: "
        f"difference {ci.diff:+.4f} ({rule.level:.0%} CI {ci.low:+.4f} to {ci.high:+.4f}) on "
        f"{comparison.n_rows} holdout rows"
    )
    if ci.low >= -rule.auc_margin:
        return True, f"{text}; not worse beyond the margin {rule.auc_margin}."
    return False, f"{text}; the lower bound is below -{rule.auc_margin}, so it may be worse.{_too_few_rows(comparison, rule)}"


def _too_few_rows(comparison, rule):
    """When the challenger looks no worse but the interval is too wide: the holdout size that would do.

    The interval's width shrinks about as 1/sqrt(rows), so the lower bound would reach
    ``-auc_margin`` with ``n * (width / (diff + margin))**2`` rows, if the difference stayed the same.
    """
    ci = comparison.auc
    room, width = ci.diff + rule.auc_margin, ci.diff - ci.low
    if ci.diff < 0 or room <= 0 or width <= 0:
        return ""
    needed = int(np.ceil(comparison.n_rows * (width / room) ** 2 / 10.0)) * 10
    return (
        f" The challenger does not look worse (difference {ci.diff:+.4f}), but {comparison.n_rows} "
        f"holdout rows are too few to rule out a drop of {rule.auc_margin}: about {needed:,} would be "
        "needed if the difference held. The holdout grows with every audited batch added."
    )


def _recall_checks(comparison, rule):
    """Return a list of (ok, reason) for each HOCR group with enough support."""
    checks = []
    for row in comparison.recall.itertuples(index=False):
        if row.support < rule.min_support:
            continue
        text = (
            f"Recall in '{row.category}' (support {row.support}): champion {row.recall_champion:.3f}, "
            f"challenger {row.recall_challenger:.3f}, difference {row.diff:+.3f} "
            f"(CI {row.low:+.3f} to {row.high:+.3f})"
        )
        worse = row.diff < -rule.recall_margin or row.high < 0
        verdict = "worse beyond the margin" if worse else "not worse beyond the margin"
        checks.append((not worse, f"{text}; {verdict} {rule.recall_margin}."))
    return checks


def decide_promotion(
    comparison,
    *,
    rule=None,
    has_champion=True,
    n_unresolved_conflicts=0,
    agreement=None,
    force=False,
    force_reason="",
):
    """Apply the promotion rule: promote only when no check finds the challenger worse.

    Parameters
    ----------
    comparison : ModelComparison or None
        Champion vs challenger on the holdout; None when there is no champion to compare with.
    rule : PromotionRule, optional
        Margins and support threshold; defaults to ``PromotionRule()``.
    has_champion : bool, default=True
        False for the first model of a store: it is promoted without comparison.
    n_unresolved_conflicts : int, default=0
        Labels in this batch that contradict stored labels and were not applied. They block
        promotion: the batch needs a person to settle them (or ``latest_wins``) first.
    agreement : tuple of (bool, float, float, float), optional
        ``(passes, new_mean, p_value, baseline_mean)`` from ``check_batch_agreement``.
    force : bool, default=False
        Promote even if checks fail; the failed checks stay listed in ``blocked_by``.
    force_reason : str, default=""
        Why the override was used; recorded in the reasons.

    Returns
    -------
    PromotionDecision

    Examples
    --------
    >>> decide_promotion(None, has_champion=False).promote
    True
    >>> d = decide_promotion(None, has_champion=False, n_unresolved_conflicts=3)
    >>> d.promote, d.blocked_by
    (False, ['conflicts'])
    """
    rule = rule or PromotionRule()
    reasons, blocked = [], []
    if n_unresolved_conflicts:
        blocked.append("conflicts")
        reasons.append(
            f"{n_unresolved_conflicts} new label(s) contradict labels already in the store and were not "
            "applied; review the conflict report, then fix the file or rerun with --latest-wins."
        )
    if agreement is not None:
        passes, new_mean, p_value, base = agreement
        verdict = "consistent with" if passes else "significantly above"
        reasons.append(
            f"The champion's Brier score on the new labels is {new_mean:.3f}, {verdict} its {base:.3f} on "
            f"earlier holdout labels (one-sided Welch p={p_value:.2g})."
        )
        if not passes:
            blocked.append("label-agreement")
    if not has_champion or comparison is None:
        reasons.append("No champion yet: the first model of this store is promoted without comparison.")
    else:
        ok, text = _auc_check(comparison, rule)
        reasons.append(text)
        blocked += [] if ok else ["auc"]
        for ok, text in _recall_checks(comparison, rule):
            reasons.append(text)
            blocked += [] if ok else ["recall"]
    return _finish_decision(reasons, blocked, force, force_reason)


def _finish_decision(reasons, blocked, force, force_reason):
    """Turn the collected checks into a decision, applying ``force``."""
    blocked = list(dict.fromkeys(blocked))
    if not blocked:
        return PromotionDecision(True, reasons + ["Challenger promoted."], [], False)
    if force:
        note = f" Reason given: {force_reason}" if force_reason else ""
        reasons.append(f"Promotion FORCED despite failed checks: {', '.join(blocked)}.{note}")
        return PromotionDecision(True, reasons, blocked, True)
    reasons.append(f"Champion kept: failed checks {', '.join(blocked)}.")
    return PromotionDecision(False, reasons, blocked, False)
