"""Learning P(should_record | log) from a force's recording decisions, corrected with its audit labels.

The force's ``recorded`` column is treated as a noisy, biased copy of the truth: a crime of kind k is
recorded with probability c_k (under-recording, the noise that matters), a non-crime with a small
probability eps (over-recording). The audit gives c_k and eps. A first linear model, fitted
out-of-fold on ``recorded``, estimates s(x) = P(recorded | x); inverting the noise model gives each
unaudited row a soft label q = P(should_record | x, recorded) (the E-step of positive-unlabelled
learning with a known label frequency, Elkan & Noto 2008). The final head is fitted on those soft
labels, with the audited rows' own labels taken as they are. A kind the force under-records has a
low c_k, so its unrecorded logs get a high q: the head learns the crime, not the force's habit.
"""

import warnings
from dataclasses import dataclass, field

import numpy as np
from scipy.special import expit
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import SGDClassifier

from classifier import LinearHead

__all__ = ["MODES", "RecordingRates", "estimate_recording_rates", "fit_adapted_head"]

MODES = ("pu", "recorded-only", "audit-only")
# Soft labels this close to 0 or 1 are rounded, so only uncertain rows are duplicated (memory).
_SOFT_EPSILON = 0.005
# Smallest gap allowed between c_k and eps, so the inversion (s - eps) / (c_k - eps) stays stable.
_MIN_GAP = 0.05


@dataclass(frozen=True)
class RecordingRates:
    """How the force records, estimated on audited rows.

    Attributes
    ----------
    c : float
        P(recorded | should_record) over all audited crimes (the recording rate).
    eps : float
        P(recorded | not should_record) (over-recording).
    by_kind : dict
        Crime group -> {"audited_crimes", "recorded", "c"}: the group's rate, shrunk towards ``c``
        with the weight of ``prior_strength`` audited crimes.
    n_crimes, n_non_crimes : int
        Audited rows with a known ``recorded`` on each side.
    """

    c: float
    eps: float
    by_kind: dict = field(default_factory=dict)
    n_crimes: int = 0
    n_non_crimes: int = 0

    def c_of(self, kinds):
        """c_k for each row's kind (``c`` for kinds without audited crimes)."""
        rates = {kind: values["c"] for kind, values in self.by_kind.items()}
        return np.array([rates.get(kind, self.c) for kind in kinds], dtype=float)


def estimate_recording_rates(recorded, should_record, kinds, *, prior_strength=10.0):
    """Estimate c, eps and c_k from audited rows whose ``recorded`` is known.

    Parameters
    ----------
    recorded, should_record : array-like of bool
        The audited rows' decision and label.
    kinds : array-like of str
        Crime group per row (true group where audited, else the base model's).
    prior_strength : float, default=10.0
        Pseudo-count of the shrinkage of each group's rate towards the overall rate.

    Returns
    -------
    RecordingRates
        Rates use add-one (c) and add-half (eps) smoothing, so they exist with few audited rows.

    Examples
    --------
    >>> rates = estimate_recording_rates([True, False, True, False], [True, True, True, False],
    ...                                  ["Theft offences"] * 4)
    >>> round(rates.c, 3), rates.n_crimes
    (0.6, 3)
    """
    r, y, kinds = np.asarray(recorded, bool), np.asarray(should_record, bool), np.asarray(kinds, object)
    c = (r[y].sum() + 1.0) / (y.sum() + 2.0)
    eps = (r[~y].sum() + 0.5) / ((~y).sum() + 1.0)
    by_kind = {}
    for kind in sorted(set(kinds[y])):
        members = y & (kinds == kind)
        by_kind[str(kind)] = {"audited_crimes": int(members.sum()), "recorded": int(r[members].sum()),
                              "c": float((r[members].sum() + prior_strength * c) / (members.sum() + prior_strength))}
    return RecordingRates(float(c), float(eps), by_kind, int(y.sum()), int((~y).sum()))


def fit_adapted_head(matrix, *, recorded, audited, should_record, kinds, rows=None, mode="pu", regularisation=1.0,
                     inner_folds=3, seed=0):
    """Fit the adapted should-record head on one training set.

    The training set is given by row indices into ``matrix`` rather than as a slice of it: each SGD
    fit then copies only the rows it uses, once, instead of a slice of a slice (memory, issue 12).

    Parameters
    ----------
    matrix : scipy.sparse CSR matrix
        Design matrix (``AdaptedModel.design_matrix``) holding at least the training rows.
    recorded : array of float
        1.0 / 0.0, or NaN where the force's decision is unknown.
    audited : array of bool
        Rows with an audit label.
    should_record : array of bool
        Audit label (read only where ``audited``).
    kinds : array of str
        Crime group per row, for the per-group recording rates.
    rows : array of int or None, default=None
        Rows of ``matrix`` that form the training set, in the order of the label arrays (which hold
        one value per training row); None uses every row of ``matrix``.
    mode : {'pu', 'recorded-only', 'audit-only'}, default='pu'
        'pu' de-biases ``recorded`` with the audit; 'recorded-only' learns P(recorded | x) (no audit);
        'audit-only' learns from the audited rows alone (no ``recorded``).
    regularisation : float, default=1.0
        Inverse L2 strength C; the SGD penalty is ``1 / (C * rows)``.
    inner_folds : int, default=3
        Folds of the out-of-fold P(recorded | x) used by the E-step.
    seed : int, default=0

    Returns
    -------
    tuple of (LinearHead, RecordingRates or None)
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {list(MODES)}; got {mode!r}.")
    rows = np.arange(matrix.shape[0]) if rows is None else np.asarray(rows, dtype=np.int64)
    known = ~np.isnan(recorded)
    if mode == "audit-only":
        use = np.flatnonzero(audited)
        return _fit(matrix, rows[use], should_record[use].astype(float), regularisation, seed), None
    if mode == "recorded-only":
        use = np.flatnonzero(known)
        return _fit(matrix, rows[use], recorded[use], regularisation, seed), None
    both = audited & known
    rates = estimate_recording_rates(recorded[both] > 0.5, should_record[both], kinds[both])
    s = _out_of_fold(matrix, rows, recorded, known, regularisation, inner_folds, seed)
    q = soft_labels(s, recorded, rates.c_of(kinds), rates.eps)
    q = np.where(audited, should_record.astype(float), q)
    use = np.flatnonzero(known | audited)
    return _fit(matrix, rows[use], q[use], regularisation, seed), rates


def soft_labels(s, recorded, c, eps):
    """P(should_record | x, recorded) under the noise model, from s = P(recorded | x).

    h = (s - eps) / (c - eps) is P(should_record | x); a recorded row is a crime with probability
    h c / s, an unrecorded one with h (1 - c) / (1 - s). Both are clipped to [0, 1].

    Examples
    --------
    >>> import numpy as np
    >>> q = soft_labels(np.array([0.5, 0.5]), np.array([1.0, 0.0]), np.array([0.5, 0.5]), 0.0)
    >>> q.round(3).tolist()
    [1.0, 1.0]
    """
    c = np.maximum(np.asarray(c, float), eps + _MIN_GAP)
    h = np.clip((s - eps) / (c - eps), 0.0, 1.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        q = np.where(recorded > 0.5, h * c / np.maximum(s, 1e-9), h * (1.0 - c) / np.maximum(1.0 - s, 1e-9))
    return np.clip(np.nan_to_num(q), 0.0, 1.0)


def _out_of_fold(matrix, rows, recorded, known, regularisation, inner_folds, seed):
    """s(x) = P(recorded | x) for every training row (``rows`` of ``matrix``), each from a model that did not see it."""
    rng = np.random.default_rng(seed)
    folds = rng.integers(0, inner_folds, size=len(rows))
    s = np.full(len(rows), np.nan)
    for fold in range(inner_folds):
        train = np.flatnonzero(known & (folds != fold))
        if len(np.unique(recorded[train])) < 2:
            s[folds == fold] = recorded[train].mean() if len(train) else 0.5
            continue
        head = _fit(matrix, rows[train], recorded[train], regularisation, seed)
        held = np.flatnonzero(folds == fold)
        s[held] = expit(head.decision_function(matrix[rows[held]]))
    return s


def _fit(matrix, rows, target, regularisation, seed):
    """Logistic-loss SGD on soft targets in [0, 1] for ``rows`` of ``matrix``.

    Uncertain rows appear twice, weighted q and 1 - q. The training matrix is built with one row
    selection (float32 CSR, which SGD uses as it is), so a fit holds one copy of its rows at most.
    """
    target = np.asarray(target, dtype=float)
    hard = (target <= _SOFT_EPSILON) | (target >= 1 - _SOFT_EPSILON)
    soft = np.flatnonzero(~hard)
    y = np.r_[np.where(hard, target >= 0.5, True), np.zeros(len(soft), bool)]
    w = np.r_[np.where(hard, 1.0, target), 1.0 - target[soft]]
    if y.all() or not y.any():
        return LinearHead(np.zeros(matrix.shape[1]), 20.0 if y.all() else -20.0)
    X = matrix[np.r_[rows, rows[soft]]]
    model = SGDClassifier(loss="log_loss", alpha=1.0 / (regularisation * len(rows)), max_iter=50,
                          tol=1e-4, random_state=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # a tiny or easy set stops at max_iter; harmless
        model.fit(X, y, sample_weight=w)
    return LinearHead(model.coef_[0], model.intercept_[0])
