"""Tests for classifier.report.rates: Wilson, audit-only and prediction-powered recording rates."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from classifier.errors import SchemaError
from classifier.report import (
    RateEstimate,
    estimate_rates_by,
    estimate_recording_rate,
    estimate_unrecorded_share,
    format_rate,
    wilson_interval,
)
from training.rate_simulation import draw_audit, simulate_coverage, simulate_force


def _frame(recorded, should, p=None, **extra):
    """A small scored frame: ``should`` uses None for unaudited rows."""
    data = {
        "recorded": pd.array(recorded, dtype="boolean"),
        "should_record": pd.array(should, dtype="boolean"),
    }
    if p is not None:
        data["p_should_record"] = p
    data.update(extra)
    return pd.DataFrame(data)


def _audited_force(seed, *, model="good", size=400, design="srs"):
    """One simulated force with an audit sample (known truth on every row)."""
    rng = np.random.default_rng(seed)
    force = simulate_force(rng, n_logs=5000, model=model)
    return force, draw_audit(rng, force, size=size, design=design)


# ---- Wilson ----------------------------------------------------------------------------------


def test_wilson_matches_textbook_value():
    # Newcombe (1998), table I: 81/263 -> 0.2553 to 0.3662.
    low, high = wilson_interval(81, 263)
    assert low == pytest.approx(0.2553, abs=5e-4)
    assert high == pytest.approx(0.3662, abs=5e-4)


def test_wilson_stays_inside_unit_interval_at_the_edges():
    assert wilson_interval(0, 10)[0] == 0.0
    assert wilson_interval(10, 10)[1] == 1.0
    assert 0 < wilson_interval(10, 10)[0] < 1


@given(
    n=st.integers(min_value=1, max_value=5000),
    share=st.floats(min_value=0, max_value=1),
    confidence=st.floats(min_value=0.5, max_value=0.999),
)
@settings(max_examples=200, deadline=None)
def test_wilson_contains_the_share_and_narrows_with_confidence(n, share, confidence):
    successes = round(share * n)
    low, high = wilson_interval(successes, n, confidence=confidence)
    assert 0 <= low <= successes / n <= high <= 1
    wide_low, wide_high = wilson_interval(successes, n, confidence=min(0.9999, confidence + 0.0005))
    assert wide_low <= low + 1e-12 and wide_high >= high - 1e-12


@pytest.mark.parametrize(
    ("successes", "n", "confidence", "message"),
    [(1, 0, 0.95, "n > 0"), (5, 4, 0.95, "between 0 and n"), (1, 4, 1.5, "confidence")],
    ids=["no-trials", "too-many-successes", "bad-confidence"],
)
def test_wilson_rejects_bad_arguments(successes, n, confidence, message):
    with pytest.raises(ValueError, match=message):
        wilson_interval(successes, n, confidence=confidence)


def test_format_rate_uses_inspectorate_form():
    assert format_rate(RateEstimate(0.779, 0.7454, 0.8126, 500, 900, "audit")) == "77.9% (±3.4%)"
    assert format_rate(RateEstimate(0.7, None, None, 10, 0, "model_only")) == "70.0%"
    assert format_rate(RateEstimate(None, None, None, 0, 0, "audit")) == "n/a"


# ---- audit-only ------------------------------------------------------------------------------


def test_audit_rate_is_share_recorded_among_audited_should_record_logs():
    frame = _frame(
        recorded=[True, True, True, False, False, True, False, True],
        should=[True, True, True, True, False, False, None, None],
    )
    est = estimate_recording_rate(frame, method="audit")
    assert est.estimate == pytest.approx(0.75)
    assert (est.n, est.n_audited) == (4, 6)
    assert (est.low, est.high) == pytest.approx(wilson_interval(3, 4))


def test_audit_rate_ignores_rows_without_recorded():
    frame = _frame(recorded=[True, None, False], should=[True, True, True])
    est = estimate_recording_rate(frame, method="audit")
    assert est.estimate == pytest.approx(0.5)
    assert est.n == 2


def test_weighted_audit_rate_is_hajek_ratio():
    # Unrecorded logs sampled at 1/2, recorded at 1/8: weights 2 and 8.
    frame = _frame(
        recorded=[True, True, False, False],
        should=[True, True, True, True],
        inclusion_probability=[0.125, 0.125, 0.5, 0.5],
    )
    est = estimate_recording_rate(frame, method="audit")
    assert est.estimate == pytest.approx(16 / 20)
    unweighted = estimate_recording_rate(frame, method="audit", weights=np.ones(4))
    assert unweighted.estimate == pytest.approx(0.5)


def test_audit_weight_column_and_inclusion_probability_agree():
    base = dict(recorded=[True, False, True, False, True], should=[True, True, True, True, None])
    by_probability = estimate_recording_rate(
        _frame(**base, inclusion_probability=[0.5, 0.25, 0.5, 0.1, np.nan]), method="audit")
    by_weight = estimate_recording_rate(
        _frame(**base, audit_weight=[2.0, 4.0, 2.0, 10.0, np.nan]), method="audit")
    assert by_probability.estimate == pytest.approx(by_weight.estimate)
    assert by_probability.low == pytest.approx(by_weight.low)


@pytest.mark.parametrize(
    ("column", "values", "message"),
    [
        ("inclusion_probability", [0.5, 1.5, 0.5], "inclusion probabilities"),
        ("audit_weight", [1.0, np.nan, 2.0], "missing or invalid"),
        ("audit_weight", [1.0, -1.0, 2.0], "positive"),
    ],
    ids=["probability-above-one", "missing-weight", "negative-weight"],
)
def test_bad_weights_are_rejected_naming_the_logs(column, values, message):
    frame = _frame(recorded=[True, False, True], should=[True, True, False],
                   incident_id=["A1", "A2", "A3"], **{column: values})
    with pytest.raises(SchemaError, match=message) as error:
        estimate_recording_rate(frame, method="audit")
    assert "A2" in str(error.value)


def test_missing_recorded_column_is_a_schema_error():
    frame = pd.DataFrame({"should_record": [True, False]})
    with pytest.raises(SchemaError, match="'recorded'"):
        estimate_recording_rate(frame, method="audit")


def test_unknown_method_is_rejected():
    with pytest.raises(ValueError, match="model_assisted"):
        estimate_recording_rate(_frame([True], [True], [0.5]), method="ppi")


# ---- model-assisted --------------------------------------------------------------------------


def test_without_audit_labels_only_the_model_estimate_is_given():
    frame = _frame(recorded=[True, False, True, False], should=[None] * 4, p=[0.8, 0.6, 0.2, 0.1])
    est = estimate_recording_rate(frame)
    assert est.method == "model_only"
    assert est.estimate == pytest.approx((0.8 + 0.2) / (0.8 + 0.6 + 0.2 + 0.1))
    assert est.low is None and est.high is None
    assert "no valid confidence interval" in est.note


def test_perfect_model_gives_the_population_rate():
    # Predictions equal the truth on every log: the estimate is the whole force's rate.
    rng = np.random.default_rng(1)
    should = rng.random(2000) < 0.5
    recorded = np.where(should, rng.random(2000) < 0.8, rng.random(2000) < 0.05)
    audited = np.zeros(2000, dtype=bool)
    audited[rng.choice(2000, 300, replace=False)] = True
    frame = _frame(recorded=recorded, should=np.where(audited, should, None),
                   p=should.astype(float))
    est = estimate_recording_rate(frame)
    assert est.estimate == pytest.approx(recorded[should].mean(), abs=1e-9)
    # As narrow as if every log had been audited (the interval still allows for the force's
    # logs being one draw from its recording process).
    everything = wilson_interval(recorded[should].sum(), should.sum())
    assert est.high - est.low == pytest.approx(everything[1] - everything[0], rel=0.05)


def test_model_assisted_is_narrower_with_a_good_model_and_close_to_audit():
    _, audited = _audited_force(7)
    audit = estimate_recording_rate(audited, method="audit")
    assisted = estimate_recording_rate(audited, method="model_assisted")
    assert assisted.high - assisted.low < 0.8 * (audit.high - audit.low)
    assert abs(assisted.estimate - audit.estimate) < audit.high - audit.low
    assert assisted.n == 5000 and assisted.n_audited == 400


def test_model_assisted_corrects_a_biased_model():
    force, audited = _audited_force(11, model="biased", size=600)
    truth = force["recorded"][force["true_should_record"]].mean()
    plug_in = estimate_recording_rate(audited.assign(should_record=pd.NA))
    assisted = estimate_recording_rate(audited)
    assert abs(plug_in.estimate - truth) > 0.05  # the model alone is badly off ...
    assert assisted.low <= truth <= assisted.high  # ... the audit-rectified interval is not


def test_sparse_group_falls_back_to_audit_interval():
    frame = _frame(
        recorded=[True] * 12 + [False] + [True, False] * 20,
        should=[True] * 13 + [None] * 40,
        p=[0.9] * 13 + [0.5] * 40,
    )
    assisted = estimate_recording_rate(frame)
    audit = estimate_recording_rate(frame, method="audit")
    assert (assisted.low, assisted.high) == pytest.approx((audit.low, audit.high))
    assert "Too few audited logs" in assisted.note


@given(seed=st.integers(min_value=0, max_value=10_000), weak=st.booleans())
@settings(max_examples=25, deadline=None)
def test_estimates_are_valid_probabilities(seed, weak):
    _, audited = _audited_force(seed, model="weak" if weak else "good", size=150,
                                design="unequal")
    for method in ("audit", "model_assisted"):
        est = estimate_recording_rate(audited, method=method)
        assert 0 <= est.low <= est.estimate <= est.high <= 1


# ---- groups and unrecorded counts ----------------------------------------------------------


def test_rates_by_category_use_auditor_category_for_truth():
    frame = _frame(
        recorded=[True, False, True, True, False],
        should=[True, True, True, True, False],
        p=[0.9, 0.8, 0.9, 0.7, 0.1],
        hocr_category=["Common assault", "Assault without injury", "Shoplifting",
                       "Residential burglary", "No crime"],
        predicted_category=["Violence without injury"] * 2 + ["Theft offences", "Burglary",
                                                              "No crime"],
    )
    rates = estimate_rates_by(frame, "category", method="audit")
    assert rates["Violence without injury"].estimate == pytest.approx(0.5)
    assert rates["Theft offences"].estimate == pytest.approx(1.0)
    assert "No crime" not in rates


def test_rates_by_domestic_abuse_use_model_flag_when_flag_missing():
    frame = _frame(
        recorded=[False, True, True, True],
        should=[True, True, True, True],
        p=[0.9, 0.9, 0.9, 0.9],
        domestic_abuse=pd.array([None, True, False, False], dtype="boolean"),
        p_domestic_abuse=[0.8, 0.9, 0.1, 0.2],
    )
    rates = estimate_rates_by(frame, "domestic_abuse", method="audit")
    assert rates["Domestic abuse"].estimate == pytest.approx(0.5)
    assert rates["Not domestic abuse"].estimate == pytest.approx(1.0)


def test_grouping_by_unknown_column_names_it():
    with pytest.raises(SchemaError, match="'beat'"):
        estimate_rates_by(_frame([True], [True], [0.5]), "beat")


def test_unrecorded_share_counts_should_record_but_not_recorded():
    frame = _frame(recorded=[False, False, True, True], should=[True, False, True, None],
                   p=[0.9, 0.2, 0.8, 0.7])
    audit = estimate_unrecorded_share(frame, method="audit")
    assert audit.estimate == pytest.approx(1 / 3)
    assert audit.n == 3


def test_unrecorded_share_interval_covers_the_truth_in_a_simulated_force():
    force, audited = _audited_force(3, size=600)
    truth = (force["true_should_record"] & ~force["recorded"]).mean()
    for method in ("audit", "model_assisted"):
        est = estimate_unrecorded_share(audited, method=method)
        assert est.low <= truth <= est.high, method


# ---- coverage simulation (issue 5): fixed seed, >= 200 repetitions --------------------------


@pytest.mark.parametrize(
    ("model", "design"),
    [("good", "srs"), ("weak", "srs"), ("biased", "srs"), ("good", "unequal"), ("weak", "unequal")],
    ids=["good-model", "weak-model", "biased-model", "good-model-weighted-audit",
         "weak-model-weighted-audit"],
)
def test_coverage_simulation(model, design):
    """95% intervals cover the force's true rate in >= 93% of 600 simulated audits.

    600 repetitions (not the minimum 200) so that an estimator whose true coverage is 95% falls
    below the bar by chance only about 1% of the time (binomial standard error 0.9 points).
    """
    result = simulate_coverage(repetitions=600, n_logs=20_000, audit_size=400, model=model,
                               design=design, seed=20240501)
    for method in ("audit", "model_assisted"):
        assert result[method]["failures"] == 0
        assert result[method]["coverage"] >= 0.93, (method, result)
    ratio = result["model_assisted"]["mean_width"] / result["audit"]["mean_width"]
    if model == "good":
        assert ratio < 0.8, result
    else:
        # Power tuning keeps a useless or biased model from costing width.
        assert ratio < 1.05, result
    assert not math.isnan(result["model_assisted"]["mean_error"])
