"""Find audit labels that look wrong: confident learning on out-of-fold probabilities.

Every stored label is compared with a probability the model gives it *without having learnt from
that label* (out-of-fold), and cleanlab's confident learning picks the labels that disagree more than
the model's per-class confidence allows. The result is a ranked review list with the evidence; labels
are never changed automatically. The method and its cost are explained in docs/RETRAINING.md.
"""

import logging

import numpy as np
import pandas as pd
from sklearn.base import clone
from sklearn.model_selection import StratifiedKFold

from classifier import SchemaError

__all__ = ["ISSUE_COLUMNS", "find_label_issues_in_store", "out_of_fold_probabilities", "rank_label_issues",
           "render_label_issues"]

logger = logging.getLogger(__name__)

ISSUE_COLUMNS = (
    "rank", "incident_id", "should_record", "suggested_should_record", "p_should_record_oof",
    "label_quality", "hocr_category", "split", "source", "added_at", "auditor", "conflicting_offers",
    "evidence",
)


def find_label_issues_in_store(store, *, config=None, cv_folds=5, model=None, seed=None, progress=None):
    """Rank the store's ``should_record`` labels that look wrong, with the evidence.

    Parameters
    ----------
    store : LabelStore
        The label store (``training.audit.labels.open_label_store``).
    config : TrainConfig, optional
        Model settings for the featuriser fitted when ``model`` is None; defaults to the default config.
    cv_folds : int, default=5
        Folds of the out-of-fold probabilities (2-20; at most the size of the rarer class).
    model : CrimeRecModel or AdaptedModel, optional
        A fitted model whose feature pipeline and calibration are reused (e.g. a challenger just
        trained on the store). An adapted model (``crimerec adapt``) lends its base model's, the part
        with a refittable record head. None fits one on the whole store.
    seed : int, optional
        Seed of the folds; defaults to ``config.data.seed``.
    progress : callable, optional
        Called with a short message at each stage.

    Returns
    -------
    pandas.DataFrame
        One row per suspected label issue, most suspicious first, columns ``ISSUE_COLUMNS``:
        the given and suggested label, the out-of-fold probability, ``label_quality`` (the
        out-of-fold probability of the given label; low = suspicious), where the label came from,
        how many conflicting labels were offered for the log, and the model's masked evidence.
        Narratives are not included.

    Raises
    ------
    SchemaError
        The store holds too few labels of either class for ``cv_folds`` folds.
    """
    from training.config import TrainConfig

    config = config or TrainConfig()
    step = progress or (lambda message: None)
    frame = store.to_frame(include_quarantined=True)  # a quarantined batch is what most needs a review
    _check_folds(frame, cv_folds)
    if model is not None and not hasattr(model, "record_head_") and hasattr(model, "base"):
        model = model.base  # an adapted model: its base holds the feature pipeline and calibration reused here
    if model is None:
        from training.train import build_model

        step(f"fitting the featuriser on {len(frame)} stored labels")
        model = build_model(config).fit(frame)
    step(f"out-of-fold probabilities over {cv_folds} folds")
    features = model.featurise(frame)
    p_oof = out_of_fold_probabilities(model, features, frame["should_record"].astype(bool).to_numpy(),
                                      cv_folds=cv_folds, seed=config.data.seed if seed is None else seed)
    step("confident learning")
    ranked = rank_label_issues(frame["should_record"].astype(bool).to_numpy(), p_oof)
    evidence = model.predict_features(_subset(features, ranked), evidence=True)["evidence"].to_numpy()
    return _issue_table(store, frame, ranked, p_oof, evidence)


def _check_folds(frame, cv_folds):
    """Raise SchemaError unless both classes have at least ``cv_folds`` labels."""
    if isinstance(cv_folds, bool) or not isinstance(cv_folds, int) or not 2 <= cv_folds <= 20:
        raise ValueError(f"cv_folds must be a whole number from 2 to 20. Got {cv_folds!r} instead.")
    counts = frame["should_record"].astype(bool).value_counts()
    if len(counts) < 2 or counts.min() < cv_folds:
        raise SchemaError(f"Checking labels with {cv_folds}-fold cross-validation needs at least {cv_folds} "
                          f"stored labels of each should_record value; the store has {counts.to_dict()}. "
                          "Add more audit labels or lower --cv-folds.")


def out_of_fold_probabilities(model, features, y, *, cv_folds=5, seed=0):
    """Calibrated should-record probabilities, each from a head that never saw that row's label.

    The feature pipeline of ``model`` is reused (it is fitted on text only, never on labels); for each
    fold a logistic regression with the model's ``C`` and ``class_weight`` is fitted on the other folds'
    labels, and its margins are mapped through the model's sigmoid calibration.

    Parameters
    ----------
    model : CrimeRecModel
        A fitted model (only its features, hyperparameters and calibration are used).
    features : Features
        ``model.featurise(frame)`` for the labelled rows.
    y : array of bool
        The labels.
    cv_folds : int, default=5
    seed : int, default=0

    Returns
    -------
    numpy.ndarray of float
    """
    y = np.asarray(y, dtype=bool)
    margins = np.zeros(len(y))
    folds = StratifiedKFold(cv_folds, shuffle=True, random_state=seed)
    for fit_rows, held_rows in folds.split(np.zeros(len(y)), y):
        head = clone(model.record_head_)  # same loss, penalty and class weights as the model's own head
        head.fit(features.matrix[fit_rows], y[fit_rows])
        margins[held_rows] = head.decision_function(features.matrix[held_rows])
    return np.clip(model.calibrate(margins, calibration="sigmoid"), 1e-6, 1 - 1e-6)


def rank_label_issues(y, p_oof):
    """Indices of the labels confident learning flags as wrong, most suspicious first.

    Parameters
    ----------
    y : array of bool
        The given labels.
    p_oof : array of float
        Out-of-fold probability that each label is True.

    Returns
    -------
    numpy.ndarray of int
        Positions into ``y``, ranked by self-confidence (the probability of the given label), lowest
        first (cleanlab ``find_label_issues`` with ``return_indices_ranked_by='self_confidence'``).

    Examples
    --------
    >>> import numpy as np
    >>> y = np.array([True] * 20 + [False] * 20)
    >>> p = np.r_[np.full(19, 0.9), 0.02, np.full(19, 0.1), 0.97]
    >>> rank_label_issues(y, p).tolist()
    [19, 39]
    """
    from cleanlab.filter import find_label_issues

    pred_probs = np.column_stack([1 - p_oof, p_oof])
    return np.asarray(find_label_issues(y.astype(int), pred_probs,
                                        return_indices_ranked_by="self_confidence"), dtype=int)


def _subset(features, rows):
    """The Features of selected rows (same types as ``model.featurise`` returns)."""
    return type(features)([features.docs[i] for i in rows], features.matrix[rows], features.index[rows])


def _issue_table(store, frame, ranked, p_oof, evidence):
    """Assemble the review list for the flagged rows."""
    rows = frame.iloc[ranked]
    given = rows["should_record"].astype(bool).to_numpy()
    p = p_oof[ranked]
    batches = store.batches().set_index("batch_id")
    conflicts = store.conflicts()["incident_id"].value_counts()
    table = pd.DataFrame({
        "rank": np.arange(1, len(ranked) + 1),
        "incident_id": rows["incident_id"].to_numpy(),
        "should_record": given,
        "suggested_should_record": ~given,
        "p_should_record_oof": p,
        "label_quality": np.where(given, p, 1 - p),
        "hocr_category": rows["hocr_category"].to_numpy(),
        "split": rows["split"].to_numpy(),
        "source": batches.loc[rows["last_batch"], "source"].to_numpy(),
        "added_at": batches.loc[rows["last_batch"], "added_at"].to_numpy(),
        "auditor": rows["auditor"].to_numpy(),
        "conflicting_offers": rows["incident_id"].map(conflicts).fillna(0).astype(int).to_numpy(),
        "evidence": evidence,
    })
    return table.reset_index(drop=True)


def render_label_issues(issues, *, top=25):
    """Format the review list for the terminal (ids, labels, probabilities, source, masked evidence).

    Examples
    --------
    >>> render_label_issues(pd.DataFrame(columns=ISSUE_COLUMNS))
    'No audit labels look wrong: confident learning flagged none.'
    """
    if issues.empty:
        return "No audit labels look wrong: confident learning flagged none."
    lines = [f"{len(issues)} audit label(s) look wrong; the {min(top, len(issues))} most suspicious "
             "(review them - nothing has been changed):"]
    for row in issues.head(top).itertuples(index=False):
        lines.append(
            f"{row.rank:>4}. {row.incident_id}: labelled should_record={row.should_record}, model says "
            f"p={row.p_should_record_oof:.2f} (label quality {row.label_quality:.3f}); {row.source}"
            + (f", auditor {row.auditor}" if row.auditor else "")
            + (f", {row.conflicting_offers} conflicting label(s) offered" if row.conflicting_offers else "")
            + (f"; evidence: {row.evidence}" if row.evidence else ""))
    return "\n".join(lines)
