"""The arithmetic of the recording-rate estimators (see ``classifier.report.rates`` for the formulas).

Inputs are plain float arrays; ``classifier.report.rates`` validates frames and calls in here.
"""

import math
from dataclasses import asdict, dataclass
from statistics import NormalDist

import numpy as np

# Below this many audited logs in a ratio's denominator an interval is flagged as unreliable.
MIN_AUDITED_POSITIVES = 10
# The model-assisted interval needs this many audited should-record logs of each outcome
# (recorded and not recorded) in the group; with fewer, the audit cannot show how often the
# model misses the rare outcome, its variance estimate is too small, and coverage collapses
# (measured: docs/RATES.md). Below it the audit-only Wilson interval is used instead.
MIN_AUDITED_EACH_OUTCOME = 10
# A rate this close to 0 or 1 is treated as on the bound (its plug-in variance is numerically 0).
_EDGE = 1e-9
# No interval may claim more information than this many independent logs (guards a variance of ~0).
_MAX_EFFECTIVE_N = 1e7

@dataclass(frozen=True)
class RateEstimate:
    """A proportion or ratio estimate with its confidence interval.

    Attributes
    ----------
    estimate : float or None
        The point estimate (0-1), None when it cannot be computed.
    low, high : float or None
        The confidence interval; None when no valid interval exists (e.g. no audit labels).
    n : int
        Logs the estimate rests on: audited should-record logs for ``'audit'`` (the Wilson ``n``),
        all scored logs with ``recorded`` known for ``'model_assisted'``.
    n_audited : int
        Audited logs used.
    method : str
        ``'audit'``, ``'model_assisted'``, ``'model_only'`` (no audit: no valid interval) or
        ``'observed'``.
    note : str
        Plain-English caveat, ``""`` when there is none.
    confidence : float
        The interval's confidence level.
    """

    estimate: float | None
    low: float | None
    high: float | None
    n: int
    n_audited: int
    method: str
    note: str = ""
    confidence: float = 0.95

    @property
    def half_width(self):
        """Half the interval width (the "±" figure), or None without an interval."""
        if self.low is None or self.high is None:
            return None
        return (self.high - self.low) / 2

    def to_dict(self):
        """Return the fields as a JSON-ready dict."""
        return asdict(self)


def wilson_interval(successes, n, *, confidence=0.95):
    """Wilson score interval for a binomial proportion.

    Parameters
    ----------
    successes : float
        Number of successes (may be fractional when ``n`` is an effective sample size).
    n : float
        Number of trials, > 0.
    confidence : float, default=0.95
        Confidence level in (0, 1).

    Returns
    -------
    tuple of float
        ``(low, high)``, both within [0, 1].

    Raises
    ------
    ValueError
        If ``n`` <= 0, ``successes`` is outside [0, n] or ``confidence`` is outside (0, 1).

    Examples
    --------
    >>> low, high = wilson_interval(78, 100)
    >>> round(low, 3), round(high, 3)
    (0.689, 0.85)
    """
    _check_confidence(confidence)
    if not n > 0:
        raise ValueError(f"wilson_interval needs n > 0 trials. Got n={n!r}.")
    if not 0 <= successes <= n:
        raise ValueError(f"successes must be between 0 and n={n}. Got {successes!r}.")
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    share = successes / n
    denominator = 1 + z * z / n
    centre = (share + z * z / (2 * n)) / denominator
    spread = z * math.sqrt(share * (1 - share) / n + z * z / (4 * n * n)) / denominator
    # At 0 or n successes the bound is exactly 0 or 1; rounding would leave a hair's breadth.
    low = 0.0 if successes <= 0 else max(0.0, centre - spread)
    high = 1.0 if successes >= n else min(1.0, centre + spread)
    return low, high


def _check_confidence(confidence):
    """Reject a confidence level outside (0, 1)."""
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, e.g. 0.95. Got {confidence!r}.")


def _estimator_data(recorded, truth, p, w, keep):
    """Bundle validated arrays (``truth`` NaN off the audit) into the estimators' input dict."""
    labelled = ~np.isnan(truth)
    return {
        "recorded": recorded,
        "truth": np.where(labelled, truth, 0.0),
        "p": p,
        "labelled": labelled,
        "w": np.where(labelled, w, 0.0),
        "keep": keep,
        "n_audited": int(labelled.sum()),
    }


def _rate_from_arrays(recorded, truth, p, w, *, method, confidence=0.95):
    """Recording rate from already-valid float arrays (used by the coverage simulation)."""
    data = _estimator_data(recorded, truth, p, w, np.ones(len(recorded), dtype=bool))
    return _ratio_estimate(
        numerator=(recorded * data["truth"], recorded * p),
        denominator=(data["truth"], p),
        data=data,
        method=method,
        confidence=confidence,
    )


# ---- estimators ------------------------------------------------------------------------------
# Below, ``a``/``b`` are the numerator/denominator quantities on the audited logs only,
# ``a_hat``/``b_hat`` their predictions on every log, ``w`` the audited logs' weights and
# ``s`` the boolean mask of audited logs among all logs.


def _ratio_estimate(*, numerator, denominator, data, method, confidence):
    """Estimate E[a]/E[b] by the requested method; ``numerator``/``denominator`` are (true, predicted)."""
    (a, a_hat), (b, b_hat) = numerator, denominator
    if data["n_audited"] == 0:
        if method == "audit":
            note = "No audit labels, so there is no audit estimate."
            return RateEstimate(None, None, None, 0, 0, "audit", note, confidence)
        return _model_only(a_hat, b_hat, confidence)
    s = data["labelled"]
    audit = {"a": a[s], "b": b[s], "w": data["w"][s], "n_logs": len(a)}
    if method == "audit":
        return _audit_ratio(audit, confidence)
    return _ppi_ratio(audit, a_hat, b_hat, s, confidence)


def _model_only(a_hat, b_hat, confidence):
    """The model's plug-in ratio over all logs: no audit, so no valid interval."""
    total = float(b_hat.sum())
    estimate = float(a_hat.sum()) / total if total > 0 else None
    note = (
        "No audit labels: this is the model's own estimate and has no valid confidence interval. "
        "Audit a random sample of logs to get one."
    )
    return RateEstimate(estimate, None, None, len(b_hat), 0, "model_only", note, confidence)


def _hajek(values, w):
    """Hajek (weighted) mean of ``values`` over the audited logs."""
    return float(np.dot(w, values) / np.sum(w))


def _hajek_cov(x, y, w):
    """With-replacement variance/covariance of the Hajek means of ``x`` and ``y`` (audited logs)."""
    dx, dy = x - _hajek(x, w), y - _hajek(y, w)
    n = len(w)
    # n/(n-1): the usual small-sample correction of the with-replacement variance estimator.
    return float(np.sum(w * w * dx * dy) / np.sum(w) ** 2) * n / max(n - 1, 1)


def _weighted_cov(x, y, w):
    """Weighted covariance of ``x`` and ``y`` over the audited logs (a population quantity)."""
    return _hajek((x - _hajek(x, w)) * (y - _hajek(y, w)), w)


def _audit_ratio(audit, confidence):
    """Hajek ratio over the audited logs with a Wilson interval on the effective sample size."""
    a, b, w = audit["a"], audit["b"], audit["w"]
    n_pos = int((b > 0).sum())
    if n_pos == 0:
        note = "No audited logs in this group should have been recorded, so there is no rate."
        return RateEstimate(None, None, None, 0, len(w), "audit", note, confidence)
    wb = w * b
    theta = _snap_to_bounds(float(np.dot(w, a) / wb.sum()), a, b)
    variance = float(np.sum((w * (a - theta * b)) ** 2) / wb.sum() ** 2)
    n_eff = _effective_n(theta, variance, fallback=float(wb.sum() ** 2 / np.sum(wb**2)))
    low, high = wilson_interval(theta * n_eff, n_eff, confidence=confidence)
    return RateEstimate(theta, low, high, n_pos, len(w), "audit", _small_sample_note(n_pos),
                        confidence)


def _snap_to_bounds(theta, a, b):
    """``theta`` exactly 0 or 1 when every audited log in the denominator has none or all of the numerator.

    Weighted sums in floating point can leave 0.9999999999999997 for "9 of 9", whose variance is
    then ~1e-32 and whose interval would be ±0 (non-regression: issue 15, Burglary 9 of 9).
    """
    in_denominator = b > 0
    if np.all(a[in_denominator] >= b[in_denominator]):
        return 1.0
    if np.all(a[in_denominator] <= 0):
        return 0.0
    return theta


def _effective_n(theta, variance, *, fallback):
    """Sample size giving a binomial variance of ``variance`` at ``theta`` (``fallback`` at 0 or 1).

    At the bounds the delta-method variance is 0, which would claim certainty from a finite
    sample; the fallback (Kish's effective size of the audit) gives Wilson's interval instead,
    e.g. 9 of 9 audited logs recorded -> 70.1% to 100%, never ±0.
    """
    if _EDGE < theta < 1 - _EDGE and variance > 0:
        return min(theta * (1 - theta) / variance, _MAX_EFFECTIVE_N)
    return fallback


def _small_sample_note(n_positive):
    """A caveat when few audited logs sit in the denominator."""
    if n_positive < MIN_AUDITED_POSITIVES:
        return (
            f"Only {n_positive} audited log(s) here should have been recorded: treat the interval "
            "as a rough guide."
        )
    return ""


def _audit_fallback(audit, confidence, n_hits, n_pos):
    """The audit-only estimate, labelled as the model-assisted result for a sparse group."""
    result = _audit_ratio(audit, confidence)
    note = (
        f"Too few audited logs here ({n_hits} with and {n_pos - n_hits} without the outcome; "
        f"{MIN_AUDITED_EACH_OUTCOME} of each needed) for the model to help: this is the "
        "audit-only estimate."
    )
    return RateEstimate(result.estimate, result.low, result.high, audit["n_logs"], len(audit["w"]),
                        "model_assisted", " ".join(filter(None, [note, result.note])), confidence)


def _ppi_parts(lam, audit, means):
    """Return (theta, mean_b) of the power-tuned PPI ratio for a given ``lam``."""
    w = audit["w"]
    mean_a = lam * means["a_hat"] + _hajek(audit["a"] - lam * audit["a_hat"], w)
    mean_b = lam * means["b_hat"] + _hajek(audit["b"] - lam * audit["b_hat"], w)
    return (mean_a / mean_b if mean_b > 0 else float("nan")), mean_b


def _ppi_variance_terms(theta, audit, a_hat, b_hat):
    """Variance pieces of the linearised score e = a - theta*b and its prediction e_hat."""
    w = audit["w"]
    e = audit["a"] - theta * audit["b"]
    e_hat_s = audit["a_hat"] - theta * audit["b_hat"]
    return {
        "V": float(np.var(a_hat - theta * b_hat)),
        "C": _weighted_cov(e, e_hat_s, w),
        "A": _hajek_cov(e, e, w),
        "B": _hajek_cov(e, e_hat_s, w),
        "D": _hajek_cov(e_hat_s, e_hat_s, w),
        "N": len(a_hat),
    }


def _ppi_variance(lam, terms):
    """Variance of the rectified linearised mean for a given ``lam`` (before dividing by mu_b^2)."""
    t = terms
    return (lam**2 * t["V"] / t["N"] + t["A"] - 2 * lam * t["B"] + lam**2 * t["D"]
            + 2 * lam * (t["C"] - lam * t["V"]) / t["N"])


def _best_lambda(terms):
    """The power-tuning weight in [0, 1] that minimises the variance (PPI++)."""
    curvature = terms["D"] - terms["V"] / terms["N"]
    if curvature <= 0:
        return 0.0
    return float(np.clip((terms["B"] - terms["C"] / terms["N"]) / curvature, 0.0, 1.0))


def _ppi_ratio(audit, a_hat, b_hat, s, confidence):
    """Power-tuned prediction-powered estimate of E[a]/E[b] with a delta-method Wilson interval."""
    a, b, w = audit["a"], audit["b"], audit["w"]
    n_pos = int((b > 0).sum())
    n_hits = int(((b > 0) & (a > 0)).sum())
    if min(n_hits, n_pos - n_hits) < MIN_AUDITED_EACH_OUTCOME:
        return _audit_fallback(audit, confidence, n_hits, n_pos)
    audit = dict(audit, a_hat=a_hat[s], b_hat=b_hat[s])
    means = {"a_hat": float(np.mean(a_hat)), "b_hat": float(np.mean(b_hat))}
    theta, _ = _ppi_parts(1.0, audit, means)
    if not np.isfinite(theta):
        theta = float(np.dot(w, a) / np.dot(w, b))
    lam = _best_lambda(_ppi_variance_terms(theta, audit, a_hat, b_hat))
    theta, mean_b = _ppi_parts(lam, audit, means)
    if not (np.isfinite(theta) and mean_b > 0):
        note = "Too few audited should-record logs here for a model-assisted estimate."
        return RateEstimate(None, None, None, len(a_hat), len(w), "model_assisted", note,
                            confidence)
    theta = float(np.clip(theta, 0.0, 1.0))
    variance = max(_ppi_variance(lam, _ppi_variance_terms(theta, audit, a_hat, b_hat)), 0.0)
    wb = w * b
    n_eff = _effective_n(theta, variance / mean_b**2, fallback=float(wb.sum() ** 2 / np.sum(wb**2)))
    low, high = wilson_interval(theta * n_eff, n_eff, confidence=confidence)
    return RateEstimate(theta, low, high, len(a_hat), len(w), "model_assisted",
                        _small_sample_note(n_pos), confidence)
