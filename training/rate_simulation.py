"""Simulated forces with known recording rates, to check that the rate intervals cover the truth.

Used by ``tests/report/test_rates.py`` (a fixed-seed coverage test run in CI) and by
``benchmarks/rate_coverage.py`` (the full table in ``docs/RATES.md``). A force is a set of logs
with a true ``should_record``, the force's ``recorded`` decision and a model's ``p_should_record``;
an audit labels a random sample of them. The truth an interval must cover is the force's own
(finite-population) rate: the share of its should-record logs that it recorded.
"""

import numpy as np
import pandas as pd

from classifier.report.rates import _rate_from_arrays, estimate_rates_by

__all__ = ["CATEGORY_PROFILE", "MODELS", "DESIGNS", "simulate_force", "draw_audit",
           "simulate_coverage"]

# group: (share of logs, P(should_record), P(recorded | should_record)). Rates near the
# inspectorate's published figures (violence ~78%, sexual offences ~89%).
CATEGORY_PROFILE = {
    "Violence without injury": (0.18, 0.80, 0.72),
    "Violence with injury": (0.08, 0.90, 0.86),
    "Stalking and harassment": (0.10, 0.70, 0.68),
    "Sexual offences": (0.04, 0.85, 0.89),
    "Public order offences": (0.05, 0.60, 0.75),
    "Criminal damage and arson": (0.07, 0.80, 0.90),
    "Theft offences": (0.10, 0.85, 0.95),
    "Burglary": (0.03, 0.90, 0.96),
    "No crime": (0.35, 0.03, 0.60),
}
OVER_RECORDING = 0.04  # P(recorded | should not be recorded)
# model: (separation d of the score, P(predicted category is right))
MODELS = {"good": (2.33, 0.85), "weak": (0.3, 0.4), "biased": (0.8, 0.6)}
DESIGNS = ("srs", "unequal")


def _sigmoid(x):
    """Logistic function."""
    return 1 / (1 + np.exp(-x))


def _simulate_arrays(rng, n_logs, model):
    """One force as numpy arrays: category codes, truth, decision, model score and category."""
    share, p_should, p_rate = (np.array(v) for v in zip(*CATEGORY_PROFILE.values()))
    category = np.searchsorted(np.cumsum(share / share.sum()), rng.random(n_logs))
    category = np.minimum(category, len(share) - 1)
    should = rng.random(n_logs) < p_should[category]
    recorded = rng.random(n_logs) < np.where(should, p_rate[category], OVER_RECORDING)
    separation, category_accuracy = MODELS[model]
    score = separation * should + rng.standard_normal(n_logs)
    if model == "good":
        score -= 0.6 * (should & ~recorded)
        prior = np.log(p_should[category] / (1 - p_should[category]))
        p = _sigmoid(prior + separation * score - separation**2 / 2)
    elif model == "weak":
        p = _sigmoid(0.5 * score + 0.3)
    else:
        p = _sigmoid(0.5 * score + 2.0 * recorded - 1.2)
    right = rng.random(n_logs) < category_accuracy
    predicted = np.where(right, category, rng.integers(0, len(share) - 1, n_logs))
    return {"category": category, "should": should, "recorded": recorded, "p": p,
            "predicted": predicted}


def simulate_force(rng, *, n_logs=20_000, model="good"):
    """Generate one force's scored logs with true labels on every row.

    Parameters
    ----------
    rng : numpy.random.Generator
    n_logs : int, default=20000
    model : {'good', 'weak', 'biased'}, default='good'
        ``'good'``: AUC about 0.97, roughly calibrated, a little worse on the unrecorded crimes
        (the ambiguous ones). ``'weak'``: close to random (AUC about 0.6) and miscalibrated.
        ``'biased'``: mediocre and leaning on the force's own decision (much higher scores for
        recorded logs), so its plug-in rate is biased towards the force's.

    Returns
    -------
    pandas.DataFrame
        Columns ``recorded``, ``true_should_record``, ``true_category``, ``p_should_record``,
        ``predicted_category`` and ``hocr_category_truth`` (what an audit would reveal).
    """
    force = _simulate_arrays(rng, n_logs, model)
    names = list(CATEGORY_PROFILE)
    no_crime = names.index("No crime")
    predicted = np.where(force["p"] >= 0.5, force["predicted"], no_crime)
    return pd.DataFrame({
        "recorded": force["recorded"],
        "true_should_record": force["should"],
        "true_category": pd.Categorical.from_codes(force["category"], names),
        "p_should_record": force["p"],
        "predicted_category": pd.Categorical.from_codes(predicted, names),
        "hocr_category_truth": pd.Categorical.from_codes(
            np.where(force["should"], force["category"], no_crime), names),
    })


def _audit_sample(rng, recorded, p, *, size, design):
    """Return (chosen mask, inclusion probabilities) for an audit of the given design."""
    n = len(recorded)
    if design == "srs":
        chosen = np.zeros(n, dtype=bool)
        chosen[rng.choice(n, size=size, replace=False)] = True
        return chosen, np.full(n, size / n)
    if design != "unequal":
        raise ValueError(f"design must be one of {list(DESIGNS)}. Got {design!r}.")
    relative = np.where(~recorded & (p >= 0.5), 4.0, 1.0)
    prob = np.minimum(1.0, relative * size / relative.sum())
    return rng.random(n) < prob, prob


def draw_audit(rng, force, *, size=400, design="srs"):
    """Reveal ``should_record`` and ``hocr_category`` on an audit sample of ``force``.

    Parameters
    ----------
    rng : numpy.random.Generator
    force : pandas.DataFrame
        From :func:`simulate_force`.
    size : int, default=400
        Audit size (expected size for ``'unequal'``).
    design : {'srs', 'unequal'}, default='srs'
        Simple random sample, or Poisson sampling that audits unrecorded logs the model calls
        crimes four times as often (weights in ``inclusion_probability``).

    Returns
    -------
    pandas.DataFrame
        ``force`` plus ``should_record`` and ``hocr_category`` (missing off the sample) and,
        for ``'unequal'``, ``inclusion_probability``.
    """
    chosen, prob = _audit_sample(rng, force["recorded"].to_numpy(),
                                 force["p_should_record"].to_numpy(), size=size, design=design)
    audited = force.copy()
    if design != "srs":
        audited["inclusion_probability"] = np.where(chosen, prob, np.nan)
    should = pd.array(force["true_should_record"].to_numpy(), dtype="boolean")
    should[~chosen] = pd.NA
    audited["should_record"] = should
    audited["hocr_category"] = force["hocr_category_truth"].where(chosen)
    return audited


def _true_rate(force, category=None):
    """The force's own rate: share of its should-record logs (of ``category``) it recorded."""
    should = force["true_should_record"].to_numpy()
    if category is not None:
        should = should & (force["true_category"].to_numpy() == category)
    return float(force["recorded"].to_numpy()[should].mean())


def simulate_coverage(*, repetitions=200, n_logs=20_000, audit_size=400, model="good",
                      design="srs", category=None, confidence=0.95, seed=0):
    """Repeat force + audit draws and measure interval coverage and width for both methods.

    Parameters
    ----------
    repetitions : int, default=200
    n_logs : int, default=20000
    audit_size : int, default=400
    model : {'good', 'weak', 'biased'}, default='good'
    design : {'srs', 'unequal'}, default='srs'
    category : str or None, default=None
        Check the rate of one HOCR group (through ``estimate_rates_by`` on a frame) instead of
        the overall rate (through the estimators' array core, which is much faster).
    confidence : float, default=0.95
    seed : int, default=0

    Returns
    -------
    dict
        ``{method: {"coverage", "mean_width", "mean_error", "failures"}}`` for ``'audit'`` and
        ``'model_assisted'``; ``failures`` counts repetitions with no interval.
    """
    rng = np.random.default_rng(seed)
    hits = {"audit": [], "model_assisted": []}
    for _ in range(repetitions):
        if category is None:
            results, truth = _overall_repetition(rng, n_logs, model, audit_size, design, confidence)
        else:
            results, truth = _category_repetition(rng, n_logs, model, audit_size, design,
                                                  category, confidence)
        for method, estimate in results.items():
            hits[method].append(_score_interval(estimate, truth))
    return {method: _summarise_hits(rows) for method, rows in hits.items()}


def _overall_repetition(rng, n_logs, model, audit_size, design, confidence):
    """One force and audit; both methods' overall rate estimates and the true rate."""
    force = _simulate_arrays(rng, n_logs, model)
    recorded, should = force["recorded"], force["should"]
    chosen, prob = _audit_sample(rng, recorded, force["p"], size=audit_size, design=design)
    truth = np.where(chosen, should.astype(float), np.nan)
    weights = 1 / prob if design != "srs" else np.ones(n_logs)
    results = {
        method: _rate_from_arrays(recorded.astype(float), truth, force["p"], weights,
                                  method=method, confidence=confidence)
        for method in ("audit", "model_assisted")
    }
    return results, float(recorded[should].mean())


def _category_repetition(rng, n_logs, model, audit_size, design, category, confidence):
    """One force and audit; both methods' estimates for one category and its true rate."""
    force = simulate_force(rng, n_logs=n_logs, model=model)
    audited = draw_audit(rng, force, size=audit_size, design=design)
    results = {
        method: estimate_rates_by(audited, "category", method=method,
                                  confidence=confidence).get(category)
        for method in ("audit", "model_assisted")
    }
    return results, _true_rate(force, category)


def _score_interval(estimate, truth):
    """Return (covered, width, error) for one interval, or None when there is none."""
    if estimate is None or estimate.low is None:
        return None
    covered = estimate.low <= truth <= estimate.high
    return covered, estimate.high - estimate.low, estimate.estimate - truth


def _summarise_hits(rows):
    """Coverage, mean width and mean error over repetitions that produced an interval."""
    valid = [r for r in rows if r is not None]
    covered, width, error = (np.array(v, dtype=float) for v in zip(*valid))
    return {
        "coverage": float(covered.mean()),
        "mean_width": float(width.mean()),
        "mean_error": float(error.mean()),
        "failures": len(rows) - len(valid),
    }
