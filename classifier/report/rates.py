"""Recording-rate estimators: P(recorded | should_record) from an audit sample, alone or model-assisted.

The inspectorate's recording rate is a ratio, theta = E[R*S] / E[S], where ``R`` is ``recorded``
(known for every log) and ``S`` is the auditor's ``should_record`` (known only on audited logs).
Two estimators are provided; the formulas are written out in ``docs/RATES.md``.

``method='audit'``
    The audited logs alone. theta_hat = sum_s w*R*S / sum_s w*S (Hajek ratio; ``w`` = 1 for a
    simple random audit, which gives the classical share). Interval: Wilson's score interval with
    the effective sample size n_eff = theta_hat*(1-theta_hat) / v, where ``v`` is the linearised
    (delta-method) variance sum_s w^2 * S * (R - theta_hat)^2 / (sum_s w*S)^2. Without weights
    n_eff is exactly the number of audited should-record logs, i.e. the classical Wilson interval.

``method='model_assisted'``
    Prediction-powered inference (Angelopoulos et al., 2023) with power tuning (PPI++), written
    as an M-estimator for the ratio. With predictions S_hat = ``p_should_record`` on all N scored
    logs and the audit sample s::

        theta_hat = (lam*mean_U(R*S_hat) + rect(R*S - lam*R*S_hat))
                    / (lam*mean_U(S_hat) + rect(S - lam*S_hat))

    where ``rect`` is the (Hajek-weighted) mean over the audited logs. The variance is the delta
    method on the linearised score e = R*S - theta*S (prediction e_hat = R*S_hat - theta*S_hat)::

        var = [lam^2 V/N + Var_rect(e - lam*e_hat) + 2*lam*(C - lam*V)/N] / mu_S^2

    with V = Var_U(e_hat), C = Cov_s(e, e_hat) and Var_rect the with-replacement variance of the
    Hajek mean. This is the delta method with the full covariance of the two rectified means
    (numerator and denominator), including the covariance between the all-logs part and the audit
    part (the audit is a subset of the scored logs). ``lam`` in [0, 1] minimises ``var``; with
    lam = 0 the estimator is the audit-only ratio, so a weak model costs (almost) nothing, and a
    good model narrows the interval. The interval is Wilson's with n_eff = theta*(1-theta)/var.
In a group with fewer than ``MIN_AUDITED_EACH_OUTCOME`` audited should-record logs of each
outcome (recorded / not recorded) the audit-only interval is used instead: the audit cannot then
show how often the model misses the rare outcome and the PPI variance would be far too small.

The audited logs (non-missing ``should_record``) are assumed to be a probability sample of the
scored logs: simple random unless weights are given (column ``audit_weight``, or
``inclusion_probability`` whose inverse is used). The finite-population correction is left out,
which makes the intervals slightly conservative.
"""

import numpy as np
import pandas as pd

from classifier.data import HOCR_GROUPS, NO_CRIME, to_hocr_group
from classifier.errors import SchemaError
from classifier.report.ratio_estimators import (
    MIN_AUDITED_EACH_OUTCOME,
    MIN_AUDITED_POSITIVES,
    RateEstimate,
    _check_confidence,
    _estimator_data,
    _rate_from_arrays,
    _ratio_estimate,
    wilson_interval,
)

__all__ = [
    "METHODS",
    "WEIGHT_COLUMNS",
    "MIN_AUDITED_POSITIVES",
    "MIN_AUDITED_EACH_OUTCOME",
    "RateEstimate",
    "wilson_interval",
    "estimate_recording_rate",
    "estimate_unrecorded_share",
    "estimate_rates_by",
    "format_rate",
]

METHODS = ("audit", "model_assisted")
# Columns read for audit-sample weights when ``weights=None``; the first one present wins.
WEIGHT_COLUMNS = ("audit_weight", "inclusion_probability")
UNCATEGORISED = "Uncategorised"
_BOOL_WORDS = {"true": 1.0, "yes": 1.0, "y": 1.0, "false": 0.0, "no": 0.0, "n": 0.0}


def format_rate(estimate):
    """Format an estimate as the inspectorate writes it, ``"78.2% (±3.1%)"``, or with the interval's ends.

    "±" is used only when the interval is symmetric about the estimate (its two sides differ by at
    most a tenth); otherwise, and always at 0% or 100%, the ends are written out:
    ``"100.0% (70.1–100.0%)"``, because "±" would claim an upper bound above 100%.

    Parameters
    ----------
    estimate : RateEstimate

    Returns
    -------
    str
        ``"n/a"`` without a point estimate; no interval part without an interval.

    Examples
    --------
    >>> format_rate(RateEstimate(0.782, 0.751, 0.813, 700, 1000, "audit"))
    '78.2% (±3.1%)'
    >>> format_rate(RateEstimate(1.0, 0.701, 1.0, 9, 9, "audit"))
    '100.0% (70.1–100.0%)'
    """
    if estimate.estimate is None:
        return "n/a"
    text = f"{100 * estimate.estimate:.1f}%"
    if estimate.half_width is None:
        return text
    below, above = estimate.estimate - estimate.low, estimate.high - estimate.estimate
    if min(below, above) > 0 and abs(below - above) <= 0.1 * max(below, above):
        return text + f" (±{100 * estimate.half_width:.1f}%)"
    return text + f" ({100 * estimate.low:.1f}–{100 * estimate.high:.1f}%)"


def estimate_recording_rate(frame, *, method="model_assisted", weights=None, confidence=0.95):
    """Estimate the recording rate P(recorded | should_record) with a confidence interval.

    Parameters
    ----------
    frame : pandas.DataFrame
        Scored logs: ``recorded`` on every row, ``should_record`` on the audited rows (missing
        elsewhere) and, for ``'model_assisted'``, ``p_should_record``.
    method : {'audit', 'model_assisted'}, default='model_assisted'
        Audited logs alone, or prediction-powered inference using every scored log.
    weights : None, str or array-like, default=None
        Audit-sample weights (1 / inclusion probability). A column name, an array aligned with
        ``frame``, or None to use ``audit_weight`` / ``inclusion_probability`` when present and
        equal weights otherwise.
    confidence : float, default=0.95
        Confidence level of the interval.

    Returns
    -------
    RateEstimate
        Without audit labels, ``'audit'`` gives no estimate and ``'model_assisted'`` gives the
        model's plug-in estimate sum(R*p)/sum(p) with ``method='model_only'`` and no interval
        (none would be valid).

    Raises
    ------
    SchemaError
        If a needed column is missing or weights are invalid.

    Examples
    --------
    >>> frame = pd.DataFrame({
    ...     "recorded": [True, False, True, True, False, False],
    ...     "should_record": [True, True, True, pd.NA, False, pd.NA],
    ...     "p_should_record": [0.9, 0.8, 0.7, 0.9, 0.2, 0.1]})
    >>> est = estimate_recording_rate(frame, method="audit")
    >>> round(est.estimate, 3), est.n
    (0.667, 3)
    """
    data = _prepare(frame, method=method, weights=weights, confidence=confidence)
    return _rate_from_arrays(data["recorded"], np.where(data["labelled"], data["truth"], np.nan),
                             data["p"], data["w"], method=method, confidence=confidence)


def estimate_unrecorded_share(frame, *, method="model_assisted", weights=None, confidence=0.95,
                              category=None):
    """Estimate the share of all logs that should have been recorded but were not.

    Multiply by the number of logs (and scale to a year) to estimate unrecorded crimes.

    Parameters
    ----------
    frame : pandas.DataFrame
        As for :func:`estimate_recording_rate`.
    method : {'audit', 'model_assisted'}, default='model_assisted'
    weights : None, str or array-like, default=None
    confidence : float, default=0.95
    category : str or None, default=None
        Restrict to one HOCR group (see :func:`estimate_rates_by`).

    Returns
    -------
    RateEstimate
        A plain proportion E[S * (1 - R)]; ``n`` is the number of logs it is a share of.

    Examples
    --------
    >>> frame = pd.DataFrame({"recorded": [True, False, False, False],
    ...                       "should_record": [True, True, False, False]})
    >>> estimate_unrecorded_share(frame, method="audit").estimate
    0.25
    """
    data = _prepare(frame, method=method, weights=weights, confidence=confidence)
    if category is not None:
        data = _restrict_to_category(data, frame, category)
    ones = np.ones_like(data["recorded"])
    missed = 1 - data["recorded"]
    return _ratio_estimate(
        numerator=(data["truth"] * missed, data["p"] * missed),
        denominator=(ones, ones),
        data=data,
        method=method,
        confidence=confidence,
    )


def estimate_rates_by(frame, by, *, method="model_assisted", weights=None, confidence=0.95):
    """Estimate the recording rate separately for each group of logs.

    Parameters
    ----------
    frame : pandas.DataFrame
        As for :func:`estimate_recording_rate`.
    by : str
        ``'category'``: should-record logs of each HOCR group; the truth is the auditor's
        ``hocr_category`` (mapped with ``to_hocr_group``) and the prediction is
        ``p_should_record`` on logs whose ``predicted_category`` is that group.
        ``'domestic_abuse'``: the truth is the ``domestic_abuse`` flag (the model's
        ``p_domestic_abuse >= 0.5`` where it is missing on an audited log); the prediction uses
        the flag where known, else ``p_domestic_abuse``.
        Any other column (e.g. ``area`` or a month column) is taken as known on every log.
    method : {'audit', 'model_assisted'}, default='model_assisted'
    weights : None, str or array-like, default=None
    confidence : float, default=0.95

    Returns
    -------
    dict of str to RateEstimate
        One entry per group, in a stable order.

    Examples
    --------
    >>> frame = pd.DataFrame({"recorded": [True, False, True, True],
    ...                       "should_record": [True, True, True, True],
    ...                       "area": ["North", "North", "South", "South"]})
    >>> {k: v.estimate for k, v in estimate_rates_by(frame, "area", method="audit").items()}
    {'North': 0.5, 'South': 1.0}
    """
    data = _prepare(frame, method=method, weights=weights, confidence=confidence)
    results = {}
    for name, truth_member, predicted_member in _group_memberships(frame, by, data):
        group = dict(data, truth=data["truth"] * truth_member, p=data["p"] * predicted_member)
        results[name] = _ratio_estimate(
            numerator=(data["recorded"] * group["truth"], data["recorded"] * group["p"]),
            denominator=(group["truth"], group["p"]),
            data=group,
            method=method,
            confidence=confidence,
        )
    return results


# ---- input preparation -----------------------------------------------------------------------


def _as_float(values):
    """Return a pandas column of booleans or numbers as a float array with NaN for missing."""
    series = pd.Series(values)
    if series.dtype == object or pd.api.types.is_string_dtype(series):
        lowered = series.astype("string").str.strip().str.lower()
        words = lowered.map(_BOOL_WORDS).astype("float64")
        numbers = pd.to_numeric(lowered, errors="coerce").astype("float64")
        return words.fillna(numbers).to_numpy(dtype="float64", na_value=np.nan)
    return pd.to_numeric(series, errors="coerce").astype("Float64").to_numpy(
        dtype="float64", na_value=np.nan
    )


def _prepare(frame, *, method, weights, confidence):
    """Validate the frame and return the arrays every estimator needs (rows with ``recorded``)."""
    _check_confidence(confidence)
    if method not in METHODS:
        raise ValueError(f"method must be one of {list(METHODS)}. Got {method!r}.")
    for column in ("recorded", "should_record"):
        if column not in frame.columns:
            raise SchemaError(
                f"Column '{column}' is needed to estimate a recording rate but is missing. "
                f"Columns present: {list(frame.columns)}."
            )
    recorded = _as_float(frame["recorded"])
    keep = ~np.isnan(recorded)
    truth = _as_float(frame["should_record"])[keep]
    labelled = ~np.isnan(truth)
    p = _model_probability(frame, method=method, labelled_any=labelled.any())[keep]
    w = _audit_weights(frame, weights)[keep]
    _check_weights(w, labelled, frame["incident_id"] if "incident_id" in frame else frame.index, keep)
    return _estimator_data(recorded[keep], truth, p, w, keep)


def _model_probability(frame, *, method, labelled_any):
    """Return ``p_should_record`` as floats, or NaNs when the audit method does not need it."""
    if "p_should_record" not in frame.columns:
        if method == "audit" and labelled_any:
            return np.full(len(frame), np.nan)
        raise SchemaError(
            "Column 'p_should_record' is missing: the model-assisted estimate (and any estimate "
            "without audit labels) needs the output of `crimerec score`."
        )
    p = _as_float(frame["p_should_record"])
    bad = np.flatnonzero(np.isnan(p) | (p < 0) | (p > 1))
    if bad.size:
        raise SchemaError(
            f"Column 'p_should_record' must hold probabilities between 0 and 1; rows "
            f"{[int(i) + 1 for i in bad[:5]]} do not (1-based). Re-score the file."
        )
    return p


def _audit_weights(frame, weights):
    """Resolve the ``weights`` argument to an array of audit weights (1 / inclusion probability)."""
    if weights is None:
        present = [c for c in WEIGHT_COLUMNS if c in frame.columns]
        if not present:
            return np.ones(len(frame))
        weights = present[0]
    if isinstance(weights, str):
        if weights not in frame.columns:
            raise SchemaError(
                f"Weight column '{weights}' is missing. Columns present: {list(frame.columns)}."
            )
        values = _as_float(frame[weights])
        if weights == "inclusion_probability":
            # A probability above 1 is an error in the sample file, not a weight below 1.
            return np.where(values <= 1, 1 / values, np.nan)
        return values
    values = np.asarray(weights, dtype="float64")
    if values.shape != (len(frame),):
        raise SchemaError(
            f"weights has {values.size} values but the frame has {len(frame)} rows; give one "
            "weight per row (or a column name)."
        )
    return values


def _check_weights(w, labelled, ids, keep):
    """Require a finite positive weight (inclusion probability in (0, 1]) on every audited row."""
    bad = labelled & ~(np.isfinite(w) & (w > 0))
    if bad.any():
        shown = [str(i) for i in np.asarray(ids)[keep][bad][:5]]
        raise SchemaError(
            f"Audit weights must be positive numbers (inclusion probabilities in (0, 1]) on every "
            f"audited log; logs {shown} have missing or invalid values. Fix the audit sample file."
        )


# ---- groups ----------------------------------------------------------------------------------


def _category_of(frame, column, keep):
    """Map a category column to HOCR groups (rows with ``recorded``), unknown names uncategorised."""
    if column not in frame.columns:
        return np.full(int(keep.sum()), UNCATEGORISED, dtype=object)
    values = frame[column].astype("string").fillna("").str.strip()[keep]
    # An empty category is unknown, not "No crime" (to_hocr_group's reading of a blank).
    mapping = {v: (to_hocr_group(v) if v else None) or UNCATEGORISED for v in values.unique()}
    return values.map(mapping).to_numpy(dtype=object)


def _restrict_to_category(data, frame, category):
    """Return ``data`` with truth and prediction limited to one HOCR group."""
    truth_group = _category_of(frame, "hocr_category", data["keep"])
    predicted_group = _category_of(frame, "predicted_category", data["keep"])
    return dict(
        data,
        truth=data["truth"] * (truth_group == category),
        p=data["p"] * (predicted_group == category),
    )


def _group_memberships(frame, by, data):
    """Yield ``(name, truth_membership, predicted_membership)`` arrays for each group of ``by``."""
    keep = data["keep"]
    if by == "category":
        truth_group = _category_of(frame, "hocr_category", keep)
        predicted_group = _category_of(frame, "predicted_category", keep)
        audited_positive = data["labelled"] & (data["truth"] > 0)
        present = set(truth_group[audited_positive]) | set(predicted_group)
        for name in [g for g in (*HOCR_GROUPS, UNCATEGORISED) if g in present and g != NO_CRIME]:
            yield name, (truth_group == name).astype(float), (predicted_group == name).astype(float)
    elif by == "domestic_abuse":
        yield from _domestic_abuse_memberships(frame, keep)
    else:
        if by not in frame.columns:
            raise SchemaError(f"Cannot group by '{by}': no such column. Columns: {list(frame.columns)}.")
        values = frame[by].astype("string").fillna("").to_numpy()[keep]
        for name in sorted(set(values)):
            member = (values == name).astype(float)
            yield name, member, member


def _domestic_abuse_memberships(frame, keep):
    """Yield DA / not-DA memberships: the flag where known, the model's probability elsewhere."""
    n = int(keep.sum())
    flag = _as_float(frame["domestic_abuse"])[keep] if "domestic_abuse" in frame.columns else np.full(n, np.nan)
    if "p_domestic_abuse" in frame.columns:
        p_da = _as_float(frame["p_domestic_abuse"])[keep]
    else:
        p_da = np.zeros(n)
    p_da = np.nan_to_num(p_da, nan=0.0)
    truth = np.where(np.isnan(flag), (p_da >= 0.5).astype(float), flag)
    predicted = np.where(np.isnan(flag), p_da, flag)
    yield "Domestic abuse", truth, predicted
    yield "Not domestic abuse", 1 - truth, 1 - predicted
