"""Score a validated frame of incident logs in memory (``score_frame``).

Each row's scores depend on that row alone, so the same function serves a frame in a notebook and
each chunk of a file in a worker process (``classifier.scoring.worker``).
"""

import copy

import numpy as np
import pandas as pd

from classifier.data import REQUIRED_COLUMNS, SCORE_COLUMNS
from classifier.errors import ReconciliationError, SchemaError

__all__ = ["DISCREPANCY_TYPES", "score_frame"]

UNDER_RECORDED, OVER_RECORDED, AGREES = "under-recorded?", "over-recorded?", "agrees"
DISCREPANCY_TYPES = (UNDER_RECORDED, OVER_RECORDED, AGREES)


def score_frame(frame, model, *, threshold=None):
    """Score a validated frame of incident logs.

    Parameters
    ----------
    frame : pandas.DataFrame
        Rows following the data contract (e.g. ``load_incidents(...).accepted`` or
        ``validate_frame``'s accepted rows); ``incident_id`` and ``narrative`` are required.
    model : CrimeRecModel
        A trained model (``classifier.model.estimator.load_model``).
    threshold : float or None, default=None
        Operating threshold for ``predicted_should_record``; None uses ``model.threshold_``.

    Returns
    -------
    pandas.DataFrame
        Every column of ``frame`` unchanged and in order (same index), then ``p_should_record``,
        ``predicted_should_record``, ``predicted_category``, ``p_domestic_abuse``, ``evidence``
        and, only when ``frame`` has ``recorded``, ``discrepancy``: ``under-recorded?``
        (predicted crime, not recorded), ``over-recorded?`` (recorded, predicted no crime),
        ``agrees``, or ``""`` where ``recorded`` is missing. Each row's scores depend on that
        row alone: scoring rows one at a time gives the same numbers as scoring them together.

    Raises
    ------
    SchemaError
        If a required column is missing, a score column already exists, or ``recorded``
        holds values other than true/false/missing.

    Examples
    --------
    >>> from classifier.scoring import score_frame
    >>> scored = score_frame(frame, model)  # doctest: +SKIP
    >>> scored[["incident_id", "p_should_record", "discrepancy"]]  # doctest: +SKIP
    """
    _check_frame(frame, source="the frame")
    threshold = _check_threshold(threshold)
    return _score_frame(frame, _with_threshold(model, threshold))


def _score_frame(frame, model):
    """Return ``frame`` with the score columns appended (inputs already checked)."""
    scores = _prediction_columns(frame, model)
    return frame.assign(**{name: scores[name].to_numpy() for name in scores.columns})


def _prediction_columns(frame, model):
    """Return the score columns for ``frame`` (same index), with fixed dtypes."""
    predicted = model.predict_frame(frame)
    if len(predicted) != len(frame) or not predicted.index.equals(frame.index):
        raise ReconciliationError(
            f"The model returned {len(predicted)} predictions for {len(frame)} rows (or in another "
            "order), so rows would be lost or mismatched. This is a crimerec bug; please report it."
        )
    flagged = predicted["predicted_should_record"].to_numpy(dtype=bool)
    scores = pd.DataFrame(
        {
            "p_should_record": predicted["p_should_record"].to_numpy(dtype=np.float64),
            "predicted_should_record": flagged,
            "predicted_category": pd.array(predicted["predicted_category"].astype(str), dtype="str"),
            "p_domestic_abuse": predicted["p_domestic_abuse"].to_numpy(dtype=np.float64),
            "evidence": pd.array(predicted["evidence"].astype(str), dtype="str"),
        },
        index=frame.index,
    )
    if "recorded" in frame.columns:
        scores["discrepancy"] = _discrepancy(_as_boolean(frame["recorded"]), flagged)
    return scores


def _discrepancy(recorded, flagged):
    """Compare what was recorded with the prediction, row by row ("" where recorded is unknown)."""
    known = recorded.notna().to_numpy()
    was = recorded.fillna(False).to_numpy(dtype=bool)
    labels = np.where(was == flagged, AGREES, np.where(flagged, UNDER_RECORDED, OVER_RECORDED))
    return pd.array(np.where(known, labels, ""), dtype="str")


def _as_boolean(column):
    """Return ``column`` as pandas ``boolean``, or raise SchemaError naming the column."""
    try:
        return column.astype("boolean")
    except (TypeError, ValueError):
        raise SchemaError(
            "Column 'recorded' must hold true/false values (or be empty); got "
            f"{column.dtype} values such as {column.dropna().astype(str).head(3).tolist()}. "
            "Run the frame through classifier.data.contract.validate_frame first."
        ) from None


def _check_frame(frame, *, source):
    """Raise SchemaError unless ``frame`` is a DataFrame that can take the score columns."""
    if not isinstance(frame, pd.DataFrame):
        raise SchemaError(f"Expected a pandas DataFrame of incident logs; got {type(frame).__name__}.")
    missing = [name for name in REQUIRED_COLUMNS if name not in frame.columns]
    if missing:
        raise SchemaError(
            f"Column {missing[0]!r} is missing from {source}. Columns present: {list(frame.columns)}. "
            "Scoring needs 'incident_id' and 'narrative'; map other names with --map."
        )
    clashing = [name for name in SCORE_COLUMNS if name in frame.columns]
    if clashing:
        raise SchemaError(
            f"{source} already has the score column(s) {clashing}; it looks like crimerec output. "
            "Score the original file, or rename or drop those columns first, so old and new scores "
            "cannot be confused."
        )


def _check_threshold(threshold):
    """Return ``threshold`` as a float in [0, 1], or None."""
    if threshold is None:
        return None
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or not 0 <= threshold <= 1:
        raise SchemaError(f"threshold must be a number between 0 and 1; got {threshold!r}.")
    return float(threshold)


def _with_threshold(model, threshold):
    """Return ``model``, or a shallow copy operating at ``threshold`` (the caller's model is untouched)."""
    if threshold is None or threshold == getattr(model, "threshold_", None):
        return model
    adjusted = copy.copy(model)
    adjusted.threshold_ = threshold
    return adjusted
