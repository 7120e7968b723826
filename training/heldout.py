"""Scores on kinds of log a model never saw: per-group metrics and leave-group-out evaluation.

Generated logs are nearly separable under a random split (ROC-AUC ~0.998), so held-out generated
logs are a warning, not a yardstick. Holding out a whole ``register`` (how the log is written: a
one-line headline, a passive sentence, call-taker capitals...) or a whole ``scenario_family`` (the
kind of call, with its crimes and non-crimes) asks what happens with wording or situations the
training data lacked, which is the question a real force's logs ask.
"""

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import SGDClassifier
from sklearn.metrics import average_precision_score, roc_auc_score

from classifier.model import heads as _heads

__all__ = ["LEAVE_OUT_COLUMNS", "group_metrics", "leave_group_out", "render_group_table"]

LEAVE_OUT_COLUMNS = ("register", "scenario_family")
_MIN_GROUP = 20  # held-out groups smaller than this (or with one class) are reported without AUCs


def group_metrics(frame, p, threshold, column):
    """ROC-AUC, PR-AUC, recall and precision at ``threshold`` for each value of ``frame[column]``.

    Parameters
    ----------
    frame : DataFrame
        Audited logs with ``should_record`` and ``column``.
    p : array-like
        Scores for the rows of ``frame``.
    threshold : float
        Operating threshold.
    column : str
        Grouping column, e.g. ``"register"``.

    Returns
    -------
    DataFrame
        One row per group: ``group, n_logs, n_crimes, roc_auc, pr_auc, recall, precision``.

    Examples
    --------
    >>> frame = pd.DataFrame({"should_record": [True, False, True, False], "register": list("aabb")})
    >>> group_metrics(frame, [0.9, 0.1, 0.4, 0.6], 0.5, "register")[["group", "recall"]].values.tolist()
    [['a', 1.0], ['b', 0.0]]
    """
    if column not in frame.columns:
        raise KeyError(f"Column {column!r} is not in the frame; columns present: {list(frame.columns)}.")
    y = frame["should_record"].astype(bool).to_numpy()
    p = np.asarray(p, dtype=float)
    rows = []
    for group in sorted(frame[column].astype(str).unique()):
        rows.append(_metrics(group, y[frame[column].astype(str).to_numpy() == group],
                             p[frame[column].astype(str).to_numpy() == group], threshold))
    return pd.DataFrame(rows)


def _metrics(group, y, p, threshold):
    """One row of ``group_metrics``."""
    flagged = p >= threshold
    both = 0 < y.sum() < len(y)
    return {"group": group, "n_logs": int(len(y)), "n_crimes": int(y.sum()),
            "roc_auc": float(roc_auc_score(y, p)) if both else float("nan"),
            "pr_auc": float(average_precision_score(y, p)) if both else float("nan"),
            "recall": float((flagged & y).sum() / y.sum()) if y.any() else float("nan"),
            "precision": float((flagged & y).sum() / flagged.sum()) if flagged.any() else float("nan")}


def leave_group_out(frame, column, *, model, alpha=1e-5, seed=0):
    """Leave-one-group-out ROC-AUC of crimerec's features and of plain TF-IDF + logistic regression.

    Each group of ``frame[column]`` is held out in turn; a should-record head is fitted on the other
    groups and scores the held-out one. crimerec's head uses ``model``'s fitted features (with the
    decision-balancing weights); the baseline uses word 1-2-gram TF-IDF of the opening code and
    narrative. Both heads are the same SGD logistic regression.

    Parameters
    ----------
    frame : DataFrame
        Audited generated logs with ``column``.
    column : {'register', 'scenario_family'}
        What to hold out.
    model : CrimeRecModel
        A fitted model whose features are used (its heads are not).
    alpha : float, default=1e-5
    seed : int, default=0

    Returns
    -------
    DataFrame
        ``group, n_logs, n_crimes, crimerec_roc_auc, tfidf_roc_auc`` per held-out group.
    """
    if column not in frame.columns:
        raise KeyError(f"Column {column!r} is not in the frame; use logs from crimerec generate, which "
                       f"have {list(LEAVE_OUT_COLUMNS)}.")
    frame = frame[frame["should_record"].notna()]
    y = frame["should_record"].astype(bool).to_numpy()
    weights = _heads.decision_weights(frame, y)
    matrices = {"crimerec": model.featurise(frame).matrix, "tfidf": _tfidf_matrix(frame)}
    groups = frame[column].astype(str).to_numpy()
    rows = []
    for group in sorted(set(groups)):
        test = groups == group
        row = {"group": group, "n_logs": int(test.sum()), "n_crimes": int(y[test].sum())}
        for name, matrix in matrices.items():
            row[f"{name}_roc_auc"] = _held_out_auc(matrix, y, weights, test, alpha, seed)
        rows.append(row)
    return pd.DataFrame(rows)


def _tfidf_matrix(frame):
    """Word 1-2-gram TF-IDF of opening code and narrative (the plain baseline's features)."""
    text = frame["narrative"].fillna("").astype(str)
    if "opening_code" in frame.columns:
        text = frame["opening_code"].fillna("").astype(str) + "\n" + text
    return TfidfVectorizer(ngram_range=(1, 2), min_df=3, max_features=100_000, sublinear_tf=True,
                           dtype=np.float32).fit_transform(text.str.lower())


def _held_out_auc(matrix, y, weights, test, alpha, seed):
    """ROC-AUC on ``test`` rows of a head fitted on the others (NaN when undefined)."""
    if len(y[test]) < _MIN_GROUP or y[test].all() or not y[test].any() or len(set(y[~test])) < 2:
        return float("nan")
    head = SGDClassifier(loss="log_loss", alpha=alpha, max_iter=50, tol=1e-4, random_state=seed)
    head.fit(matrix[~test], y[~test], sample_weight=weights[~test])
    return float(roc_auc_score(y[test], head.decision_function(matrix[test])))


def render_group_table(table, *, title, columns):
    """Markdown table of a ``group_metrics`` or ``leave_group_out`` frame.

    ``columns`` maps frame columns to headers, in order.
    """
    lines = [title, "", "| " + " | ".join(columns.values()) + " |", "|" + "---|" * len(columns)]
    for cells in table[list(columns)].itertuples(index=False, name=None):
        lines.append("| " + " | ".join(_cell(value) for value in cells) + " |")
    return "\n".join(lines) + "\n"


def _cell(value):
    """Three decimals for floats (an en dash for NaN), plain text otherwise."""
    if isinstance(value, float):
        return "–" if value != value else f"{value:.3f}"
    return str(value)
