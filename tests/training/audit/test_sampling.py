"""Tests for training/audit/sampling.py: near-duplicate groups, inclusion probabilities and the sampler."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from classifier import SchemaError
from training.audit.sampling import (
    group_near_duplicates,
    pps_inclusion_probabilities,
    propose_audit_sample,
)

BASE = "Caller reports her ex partner slapped her across the face in the kitchen and left before police arrived"
LOGS = (
    BASE,
    BASE + ".",                                   # punctuation only: near-duplicate
    BASE.upper(),                                 # case only: near-duplicate
    "Loud music from the flat upstairs after midnight, words of advice given to the occupant",
    "Shed door forced overnight and a lawnmower and two bicycles were taken from the garden",
    "Victim reports repeated threatening text messages from a former colleague over two weeks",
    "Concern for welfare, elderly male not answering the door, found safe and well by officers",
    "Male seen exposing himself to two women at the bus stop on the high street this morning",
    "Purse stolen from handbag while victim was shopping in the market, no suspect seen",
    "Road collision between two cars at the junction, no injuries and details exchanged",
)


def _scored(p=None, logs=LOGS):
    """A scored frame built inline; ``p`` defaults to a spread of probabilities."""
    n = len(logs)
    return pd.DataFrame({
        "incident_id": [f"L{i:02d}" for i in range(n)],
        "narrative": list(logs),
        "closing_comment": [""] * n,
        "p_should_record": np.linspace(0.02, 0.98, n) if p is None else p,
    })


def test_near_duplicates_share_a_group_and_distinct_logs_do_not():
    groups = group_near_duplicates(list(LOGS))
    assert groups[0] == groups[1] == groups[2]
    assert len(set(groups[3:])) == len(LOGS) - 3 and groups[0] not in groups[3:]


def test_a_changed_detail_in_a_long_log_is_still_a_near_duplicate():
    long_log = " ".join([BASE] * 3)
    edited = long_log.replace("kitchen", "hallway", 1)
    assert group_near_duplicates([long_log, edited], threshold=0.8).tolist() == [0, 0]
    assert group_near_duplicates([long_log, edited], threshold=1.0).tolist() == [0, 1]


def test_empty_and_very_short_texts_are_handled():
    assert group_near_duplicates(["", "", "hi", "hi there", "hi there"]).tolist() == [0, 0, 1, 2, 2]


def test_pps_probabilities_sum_to_n_and_cap_at_one():
    pi = pps_inclusion_probabilities([50, 1, 2, 3, 4, 5], 3)
    assert pi.sum() == pytest.approx(3) and pi[0] == 1.0 and (pi <= 1).all()
    assert pi[1:].tolist() == pytest.approx([2 * s / 15 for s in (1, 2, 3, 4, 5)])


@pytest.mark.parametrize(("size", "n", "message"), [
    ([1, 0, 2], 1, "positive"),
    ([1, 2], 3, "between 1 and"),
], ids=["zero-size", "n-too-large"])
def test_pps_rejects_bad_input(size, n, message):
    with pytest.raises(ValueError, match=message):
        pps_inclusion_probabilities(size, n)


@pytest.mark.parametrize("strategy", ["uncertainty", "proportional", "mixed"])
def test_sample_has_n_rows_no_near_duplicates_and_valid_probabilities(strategy):
    sample = propose_audit_sample(_scored(), 5, strategy=strategy, seed=3)
    assert len(sample) == 5
    assert sum(i in {"L00", "L01", "L02"} for i in sample["incident_id"]) <= 1
    assert ((sample["inclusion_probability"] > 0) & (sample["inclusion_probability"] <= 1)).all()
    assert list(sample.index) == sorted(sample.index)  # input order kept
    assert (sample["audit_strategy"] == strategy).all()


def test_uncertainty_strategy_favours_uncertain_logs():
    p = np.array([0.5, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01])
    logs = [f"Distinct log number {i} about event {i * 7} in street {i * 13}" for i in range(10)]
    sample = propose_audit_sample(_scored(p, logs), 2, strategy="uncertainty", dedupe_threshold=None)
    pi = sample.set_index("incident_id")["inclusion_probability"]
    assert pi.get("L00") == 1.0  # p(1-p)+floor = 0.27 vs 0.0299: certainty unit
    mixed = propose_audit_sample(_scored(p, logs), 2, strategy="mixed", dedupe_threshold=None, alpha=0.5)
    assert (mixed["inclusion_probability"] >= 0.5 * 2 / 10).all()  # defensive floor alpha*n/N


def test_empirical_inclusion_frequencies_match_the_stated_probabilities():
    """Over many seeds, each row is proposed as often as its inclusion_probability says."""
    scored = _scored()
    draws = 1000
    counts, stated = pd.Series(0.0, index=scored["incident_id"]), {}
    for seed in range(draws):
        sample = propose_audit_sample(scored, 4, strategy="mixed", seed=seed)
        counts[sample["incident_id"]] += 1
        stated.update(sample.set_index("incident_id")["inclusion_probability"].to_dict())
    expected = pd.Series(stated).reindex(counts.index)
    tolerance = 4 * np.sqrt(expected * (1 - expected) / draws)
    assert ((counts / draws - expected).abs() <= tolerance).all()


def test_horvitz_thompson_total_is_unbiased():
    rng = np.random.default_rng(0)
    logs = [f"Independent log {i} reference {rng.integers(1e9)} details {i * 31}" for i in range(40)]
    p = rng.uniform(0, 1, 40)
    y = (rng.random(40) < p).astype(float)  # a hidden audit outcome correlated with p
    scored = _scored(p, logs).assign(y=y)
    estimates = [(s["y"] / s["inclusion_probability"]).sum()
                 for s in (propose_audit_sample(scored, 8, strategy="uncertainty", seed=k, dedupe_threshold=None)
                  for k in range(1500))]
    assert np.mean(estimates) == pytest.approx(y.sum(), rel=0.04)


def test_same_seed_same_sample_and_other_seed_differs():
    one = propose_audit_sample(_scored(), 4, seed=11)["incident_id"].tolist()
    assert one == propose_audit_sample(_scored(), 4, seed=11)["incident_id"].tolist()
    assert any(propose_audit_sample(_scored(), 4, seed=k)["incident_id"].tolist() != one for k in range(12, 20))


@given(st.lists(st.floats(0, 1), min_size=3, max_size=40), st.integers(1, 3), st.integers(0, 1000),
       st.sampled_from(["uncertainty", "proportional", "mixed"]))
@settings(max_examples=40, deadline=None)
def test_any_scored_file_gives_exactly_n_distinct_rows(p, n, seed, strategy):
    logs = [f"log {i} text {i * 17} more words here" for i in range(len(p))]
    sample = propose_audit_sample(_scored(np.array(p), logs), n, strategy=strategy, seed=seed)
    assert len(sample) == n and sample["incident_id"].is_unique
    assert ((sample["inclusion_probability"] > 0) & (sample["inclusion_probability"] <= 1)).all()


def test_missing_probability_column_is_a_schema_error():
    with pytest.raises(SchemaError, match="p_should_record"):
        propose_audit_sample(_scored().drop(columns="p_should_record"), 2)


def test_probability_out_of_range_names_the_row():
    p = np.linspace(0.1, 0.9, len(LOGS))
    p[4] = 1.7
    with pytest.raises(SchemaError, match="data row 5"):
        propose_audit_sample(_scored(p), 2)


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"n": 9}, "only 8 distinct logs"),
    ({"n": 0}, "whole number"),
    ({"n": 2, "strategy": "random"}, "strategy must be one of"),
    ({"n": 2, "alpha": 1.5}, "alpha"),
    ({"n": 2, "floor": 0.0}, "floor"),
], ids=["more-than-groups", "zero", "unknown-strategy", "alpha", "floor"])
def test_bad_options_are_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        propose_audit_sample(_scored(), **kwargs)


def test_cli_writes_the_sample_with_inclusion_probabilities(tmp_path, monkeypatch, capsys):
    from classifier.cli import main

    _scored().to_csv(tmp_path / "scored.csv", index=False)
    monkeypatch.setattr("sys.argv", ["crimerec", "audit-sample", str(tmp_path / "scored.csv"), "-n", "3",
                                     "-o", str(tmp_path / "next.csv"), "--strategy", "uncertainty", "--seed", "2"])
    with pytest.raises(SystemExit) as stop:
        main()
    assert stop.value.code == 0
    written = pd.read_csv(tmp_path / "next.csv")
    assert len(written) == 3 and written["inclusion_probability"].between(0, 1).all()
    assert "Proposed 3 of 10 logs (uncertainty)" in capsys.readouterr().out


def test_cli_too_large_sample_is_an_error_message(tmp_path, monkeypatch, capsys):
    from classifier.cli import main

    _scored().to_csv(tmp_path / "scored.csv", index=False)
    monkeypatch.setattr("sys.argv", ["crimerec", "audit-sample", str(tmp_path / "scored.csv"), "-n", "9",
                                     "-o", str(tmp_path / "next.csv")])
    with pytest.raises(SystemExit) as stop:
        main()
    assert stop.value.code == 1 and "Ask for at most 8" in capsys.readouterr().err
