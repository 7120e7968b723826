"""Pieces of the model's heads: calibrators, a constant head, training weights and label columns."""

import numpy as np
import pandas as pd
from scipy.special import expit
from sklearn.linear_model import LogisticRegression

from classifier.data import NO_CRIME, to_hocr_group


class Platt:
    """Sigmoid calibration p = 1 / (1 + exp(-(a * margin + b))) fitted on out-of-fold margins."""

    def fit(self, margins, y):
        """Fit a and b by (nearly unregularised) logistic regression on the margins."""
        fitted = LogisticRegression(C=1e4).fit(margins.reshape(-1, 1), y)
        self.a_, self.b_ = float(fitted.coef_[0, 0]), float(fitted.intercept_[0])
        return self

    def predict(self, margins):
        """Calibrated probabilities for raw margins."""
        return expit(self.a_ * margins + self.b_)


class ConstantHead:
    """Stand-in classifier for a head whose training labels hold a single class (or none)."""

    def __init__(self, classes, proba):
        self.classes_ = np.asarray(classes, dtype=object)
        self.proba_ = np.asarray(proba, dtype=float)

    def predict_proba(self, matrix):
        """The same class probabilities for every row."""
        return np.tile(self.proba_, (matrix.shape[0], 1))


# Cap on the decision-balancing weight of any one row, so a handful of rare cases cannot dominate.
_MAX_DECISION_WEIGHT = 10.0


def decision_weights(frame, y):
    """Row weights that make the force's decision (``recorded``) independent of ``should_record``.

    The closing comment, even with decision phrases masked, often carries the force's reasons
    ("words only", "advice given"), and in audited data ``recorded`` mostly agrees with the label: a
    model would learn to copy the force, and miss exactly the under-recorded logs it exists to find.
    Weighting each (should_record, recorded) cell by P(y) P(r) / P(y, r) removes that association
    while keeping the share of should-record logs. Rows without ``recorded`` get weight 1; weights are
    capped at ``_MAX_DECISION_WEIGHT``.
    """
    weights = np.ones(len(y))
    if "recorded" not in frame.columns:
        return weights
    recorded = frame["recorded"].astype("boolean")
    known = recorded.notna().to_numpy()
    if known.sum() == 0:
        return weights
    r, yk = recorded[known].astype(bool).to_numpy(), y[known]
    cell = np.zeros(known.sum())
    for y_value in (False, True):
        for r_value in (False, True):
            members = (yk == y_value) & (r == r_value)
            if members.any():
                cell[members] = (yk == y_value).mean() * (r == r_value).mean() / members.mean()
    weights[known] = np.minimum(cell, _MAX_DECISION_WEIGHT)
    return weights


def length_offset(margins, y, short, recall):
    """Margin to add to short logs so short and long positives reach ``recall`` at the same margin.

    ``margins`` are out-of-fold margins of held-out registers. For each length class the margin at
    which ``recall`` of its positives score at least that much is a low quantile of its positive
    margins; the offset is the long class's quantile minus the short class's. 0.0 when either class
    has fewer than 20 positives.

    Examples
    --------
    >>> import numpy as np
    >>> margins = np.r_[np.linspace(1, 5, 40), np.linspace(-1, 3, 40)]
    >>> short = np.r_[np.zeros(40, bool), np.ones(40, bool)]
    >>> round(length_offset(margins, np.ones(80, bool), short, 0.9), 6)
    2.0
    """
    positives = np.asarray(y, dtype=bool)
    short = np.asarray(short, dtype=bool)
    if (positives & short).sum() < 20 or (positives & ~short).sum() < 20:
        return 0.0
    level = 1.0 - recall
    long_cut = np.quantile(margins[positives & ~short], level)
    short_cut = np.quantile(margins[positives & short], level)
    return float(long_cut - short_cut)


def category_labels(frame):
    """HOCR group per row: "No crime" where should_record is false, "" where the group is unknown."""
    should = frame["should_record"].astype(bool).to_numpy()
    if "hocr_category" not in frame.columns:
        return np.where(should, "", NO_CRIME).astype(object)
    groups = [to_hocr_group(c) if s else NO_CRIME for c, s in zip(frame["hocr_category"], should)]
    return np.array([g or "" for g in groups], dtype=object)


def optional_labels(frame, column):
    """'true'/'false' strings for a boolean label column, "" where missing."""
    if column not in frame.columns:
        return np.full(len(frame), "", dtype=object)
    values = frame[column].astype("boolean")
    return np.array(["" if pd.isna(v) else ("true" if v else "false") for v in values], dtype=object)
