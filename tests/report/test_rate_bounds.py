"""Recording-rate intervals at the bounds: 0 of n, n of n and n = 1 never give "±0" (issue 15)."""

import numpy as np
import pandas as pd
import pytest

from classifier.report.rates import (
    RateEstimate,
    estimate_rates_by,
    estimate_recording_rate,
    format_rate,
)

# Unequal inclusion probabilities: their inverse weights do not sum exactly in floating point.
PI = (0.3, 0.7, 0.11, 0.9, 0.45, 0.23, 0.61, 0.17, 0.83)


def _frame(recorded_audited, *, unaudited=30):
    """Audited should-record logs with the given ``recorded`` values, plus unaudited logs."""
    n = len(recorded_audited)
    return pd.DataFrame({
        "incident_id": [f"L{i:03d}" for i in range(n + unaudited)],
        "recorded": list(recorded_audited) + [True, False] * (unaudited // 2),
        "should_record": pd.array([True] * n + [pd.NA] * unaudited, dtype="boolean"),
        "p_should_record": np.linspace(0.55, 0.95, n + unaudited),
        "inclusion_probability": [PI[i % len(PI)] for i in range(n)] + [0.5] * unaudited,
        "hocr_category": ["Burglary"] * n + [""] * unaudited,
        "predicted_category": ["Burglary"] * (n + unaudited),
    })


CASES = [(9, True), (9, False), (1, True), (1, False)]


@pytest.mark.parametrize(("n", "recorded"), CASES, ids=["9-of-9", "0-of-9", "1-of-1", "0-of-1"])
@pytest.mark.parametrize("method", ["audit", "model_assisted"])
def test_interval_at_the_bounds_is_wide_and_written_as_a_range(n, recorded, method):
    estimate = estimate_recording_rate(_frame([recorded] * n), method=method)
    assert estimate.estimate == (1.0 if recorded else 0.0)
    assert estimate.high - estimate.low > 0.15  # a finite sample never gives certainty
    assert (estimate.high == 1.0) if recorded else (estimate.low == 0.0)
    text = format_rate(estimate)
    assert "±" not in text and "–" in text


@pytest.mark.parametrize(
    "pi",
    [(0.08, 0.77, 0.56, 0.36, 0.8, 0.34, 0.48, 0.18, 0.43),   # gave low 0.9999999999999994
     (0.54, 0.95, 0.19, 0.95, 0.35, 0.45, 0.84, 0.44, 0.57)],  # gave ValueError: successes > n
    ids=["plus-minus-zero", "crash"],
)
def test_weighted_nine_of_nine_is_not_certain(pi):
    """Non-regression for issue 15: weights whose sums round off made 9 of 9 '100.0% (±0.0%)' or crashed."""
    frame = pd.DataFrame({"recorded": [True] * 9, "should_record": pd.array([True] * 9, dtype="boolean"),
                          "inclusion_probability": pi, "p_should_record": [0.9] * 9})
    estimate = estimate_recording_rate(frame, method="audit")
    assert estimate.estimate == 1.0 and estimate.low < 0.8


@pytest.mark.parametrize("method", ["audit", "model_assisted"])
def test_category_at_nine_of_nine_is_not_plus_or_minus_zero(method):
    """Non-regression for issue 15: Burglary '100.0% (±0.0%)' from 9 of 9 audited logs."""
    burglary = estimate_rates_by(_frame([True] * 9), "category", method=method)["Burglary"]
    assert burglary.low < 0.8 and format_rate(burglary).startswith("100.0% (")
    assert "±0.0%" not in format_rate(burglary)


def test_wilson_at_one_of_one_matches_the_closed_form():
    estimate = estimate_recording_rate(_frame([True]).drop(columns="inclusion_probability"), method="audit")
    z2 = 1.959963984540054 ** 2
    assert estimate.low == pytest.approx(1 / (1 + z2))


@pytest.mark.parametrize(
    ("estimate", "expected"),
    [(RateEstimate(0.782, 0.751, 0.813, 700, 700, "audit"), "78.2% (±3.1%)"),
     (RateEstimate(0.95, 0.80, 0.99, 30, 30, "audit"), "95.0% (80.0–99.0%)"),
     (RateEstimate(0.0, 0.0, 0.2, 9, 9, "audit"), "0.0% (0.0–20.0%)"),
     (RateEstimate(0.5, None, None, 9, 0, "model_only"), "50.0%")],
    ids=["symmetric", "asymmetric", "at-zero", "no-interval"],
)
def test_format_rate_uses_plus_minus_only_when_symmetric(estimate, expected):
    assert format_rate(estimate) == expected
