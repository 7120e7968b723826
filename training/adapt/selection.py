"""Whether the adapted head is adopted at all: a paired bootstrap of log loss on audited rows, out of fold.

A base model in its own domain can already be near perfect; an adapted head fitted on a few hundred
audited logs then adds noise rather than knowledge. So the adapted head is only *adopted* when the audit
shows it better: its log loss on the audited rows (each scored out of fold) must be lower than the
base model's, significantly (a one-sided paired-bootstrap test at the 5% level: the 5th percentile of
the bootstrapped mean improvement above zero), and its ROC-AUC on those rows must not be lower than the
base's. Log loss alone can favour a head that calibrates better but ranks a little worse, which on a
near-perfect base costs recall; the ROC-AUC condition keeps the ranking from getting worse.
Otherwise the adapted model scores exactly as the base (its probabilities and threshold). Only audited
rows decide; the decision that scores fold j never uses fold j's labels (``fold_decisions``).
"""

import numpy as np
from sklearn.metrics import roc_auc_score

__all__ = ["Selection", "fold_decisions", "log_loss_gain"]

N_BOOT = 2000
# One-sided test level: adopt when the LEVEL-quantile of the bootstrapped mean log-loss gain is above 0.
LEVEL = 0.05
# Probabilities are clipped this far from 0 and 1 before taking logs, so one confident miss is costly but finite.
_CLIP = 1e-6


class Selection:
    """A decision with its evidence: mean log-loss gain of adapted over base, its 90% interval, rows used.

    ``low`` is the one-sided 95% lower bound the decision reads; ``high`` the matching upper bound.
    """

    def __init__(self, adopted, gain, low, high, rows, auc_base=None, auc_adapted=None):
        self.adopted, self.gain, self.low, self.high, self.rows = bool(adopted), gain, low, high, int(rows)
        self.auc_base, self.auc_adapted = auc_base, auc_adapted

    def to_dict(self):
        """JSON-ready fields."""
        return {"adopted": self.adopted, "log_loss_gain": self.gain, "low": self.low, "high": self.high,
                "audited_rows": self.rows, "roc_auc_base": self.auc_base, "roc_auc_adapted": self.auc_adapted}


def _log_loss(y, p):
    """Per-row log loss of probabilities ``p`` for labels ``y``."""
    p = np.clip(np.asarray(p, float), _CLIP, 1 - _CLIP)
    return -np.where(np.asarray(y, bool), np.log(p), np.log1p(-p))


def log_loss_gain(y, p_base, p_adapted, *, seed=0, min_each_class=2):
    """Adopt the adapted scores only when their log loss is lower than the base's beyond bootstrap noise
    and their ROC-AUC is not lower.

    Parameters
    ----------
    y : array of bool
        Audit labels.
    p_base, p_adapted : array of float
        Each model's probability for the same rows (the adapted one out of fold).
    seed : int, default=0
    min_each_class : int, default=2
        Fewer audited rows of either label than this: nothing is adopted (there is no evidence).

    Returns
    -------
    Selection
        ``gain`` = mean(log loss base - log loss adapted) in nats per audited row; adopted when the
        5th percentile of its paired bootstrap (``LEVEL``) is above 0 and the adapted ROC-AUC is at
        least the base's.

    Examples
    --------
    >>> y = np.array([True, False] * 50)
    >>> log_loss_gain(y, np.full(100, 0.5), np.where(y, 0.9, 0.1)).adopted
    True
    >>> log_loss_gain(y, np.where(y, 0.9, 0.1), np.where(y, 0.9, 0.1)).adopted
    False
    >>> sharper = np.where(y, 0.9, 0.1)
    >>> sharper[:2] = [0.3, 0.35]  # one crime now ranked below one non-crime: better log loss, worse ranking
    >>> log_loss_gain(y, np.where(y, 0.51, 0.49), sharper).adopted
    False
    """
    y = np.asarray(y, bool)
    if y.sum() < min_each_class or (~y).sum() < min_each_class:
        return Selection(False, None, None, None, len(y))
    gains = _log_loss(y, p_base) - _log_loss(y, p_adapted)
    rng = np.random.default_rng(seed)
    means = np.array([gains[rng.integers(0, len(gains), len(gains))].mean() for _ in range(N_BOOT)])
    low, high = float(np.quantile(means, LEVEL)), float(np.quantile(means, 1 - LEVEL))
    auc_base, auc_adapted = float(roc_auc_score(y, p_base)), float(roc_auc_score(y, p_adapted))
    return Selection(low > 0.0 and auc_adapted >= auc_base, float(gains.mean()), low, high, len(y),
                     auc_base, auc_adapted)


def fold_decisions(y, folds, audited, p_base, base_margin, inner_margins, fit_stacker, n_folds, *, seed=0):
    """One decision per outer fold, each from the audited rows outside that fold only.

    For fold j the adapted probability of an audited row in another fold m comes from a stacker fitted
    on the audited rows outside j and m, applied to that row's head margin from a head fitted without
    j and m (``inner_margins[j]``): fold j's labels never reach fold j's decision, and no row is scored
    by a stacker that saw it. The ROC-AUC condition must also hold on the same rows without any one
    other fold m (a ranking gain carried by one fold is not adopted): on generated exports a single fold adopting a
    marginal head while the others kept the base made ``scored.csv`` rank worse than either alone.

    Parameters
    ----------
    y, audited : array of bool
    folds : array of int
    p_base, base_margin : array of float
        The base model's probability and margin per row.
    inner_margins : list of arrays
        Per outer fold j, head margins of the audited rows outside j (``cross_fit``'s nested margins).
    fit_stacker : callable
        (base margin, head margin, y) -> LinearHead.
    n_folds : int

    Returns
    -------
    list of Selection
    """
    from scipy.special import expit

    from classifier import stack_inputs

    decisions = []
    for outer in range(n_folds):
        rows = np.flatnonzero(audited & (folds != outer))
        p_adapted = np.full(len(rows), np.nan)
        for inner in set(range(n_folds)) - {outer}:
            held, train = folds[rows] == inner, folds[rows] != inner
            if not held.any():
                continue
            stacker = fit_stacker(base_margin[rows[train]], inner_margins[outer][rows[train]], y[rows[train]])
            p_adapted[held] = expit(stacker.decision_function(
                stack_inputs(base_margin[rows[held]], inner_margins[outer][rows[held]])))
        decision = log_loss_gain(y[rows], p_base[rows], p_adapted, seed=seed + outer)
        for inner in set(range(n_folds)) - {outer}:  # stable: ranking no worse without any one other fold
            keep = folds[rows] != inner
            yk = y[rows][keep]
            if decision.adopted and 0 < yk.sum() < len(yk) and (
                    roc_auc_score(yk, p_adapted[keep]) < roc_auc_score(yk, p_base[rows][keep])):
                decision.adopted = False
        decisions.append(decision)
    return decisions
