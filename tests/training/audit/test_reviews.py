"""Tests for training/audit/reviews.py: decisions in the label store, undo, two reviewers, and the rule
that review labels never enter recording rates as if they were a random audit."""

import sqlite3

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from classifier import read_incidents, write_frame
from classifier.cli import app
from classifier.report import estimate_recording_rate
from training.audit.labels import _SCHEMA, STORE_FILE, LabelStoreError, open_label_store
from training.audit.reviews import (
    ReviewDecision,
    decided_ids,
    export_reviews,
    random_audit_labels,
    read_reviews,
    record_decision,
    undo_last_decision,
)

LOGS = {
    "R1": "IP states her partner punched her in the face, does not wish to support police action.",
    "R2": "Neighbour playing loud music, words of advice given.",
    "R3": "Male pushed the victim to the ground outside the pub, graze to elbow.",
}


def _log(incident_id, **changes):
    """One log as the review app holds it."""
    return {"incident_id": incident_id, "narrative": LOGS[incident_id], "closing_comment": "Filed.",
            "opening_code": "ASSAULT", "closing_code": "", "reported_at": "2024-03-01T10:00:00", "area": "North",
            "recorded": False, **changes}


def _decide(store, incident_id, decision, reviewer="alice", **options):
    """Record a decision with sensible defaults (a crime is Violence without injury)."""
    group = "Violence without injury" if decision == "yes" else ""
    return record_decision(store, _log(incident_id), ReviewDecision(
        incident_id=incident_id, decision=decision, reviewer=reviewer, hocr_category=group, **options))


@pytest.fixture
def store(tmp_path):
    with open_label_store(tmp_path / "labels") as opened:
        yield opened


def test_yes_and_no_become_review_labels_unsure_stays_a_decision_only(store):
    assert _decide(store, "R1", "yes", domestic_abuse=True).store_outcome == "new"
    assert _decide(store, "R2", "no").store_outcome == "new"
    assert _decide(store, "R3", "unsure").store_outcome == ""
    labels = store.to_frame()
    assert list(labels["incident_id"]) == ["R1", "R2"]
    assert set(labels["label_source"]) == {"review"}
    assert list(labels["should_record"]) == [True, False]
    assert list(labels["hocr_category"]) == ["Violence without injury", "No crime"]
    assert list(labels["auditor"]) == ["alice", "alice"]
    assert store.to_frame(label_source="random-audit").empty
    assert set(store.batches()["label_source"]) == {"review"}
    assert decided_ids(store) == {"R1", "R2", "R3"}


def test_undo_puts_the_store_back_exactly(store):
    _decide(store, "R2", "no")
    before = store.digest(), len(store.batches())
    _decide(store, "R1", "yes")
    assert undo_last_decision(store, reviewer="alice") == "R1"
    assert (store.digest(), len(store.batches())) == before
    assert store.provenance("R1").empty
    assert list(read_reviews(store, include_undone=True)["undone_at"].isna()) == [True, False]
    assert decided_ids(store) == {"R2"}


def test_undo_of_a_merge_restores_the_missing_field(store):
    _decide(store, "R1", "yes")
    _decide(store, "R1", "yes", reviewer="bob", domestic_abuse=True)  # merges, fills in domestic_abuse
    assert store.to_frame()["domestic_abuse"].tolist() == [True]
    assert undo_last_decision(store, reviewer="bob") == "R1"
    assert store.to_frame()["domestic_abuse"].isna().tolist() == [True]
    assert undo_last_decision(store, reviewer="bob") is None


def test_undo_is_refused_once_a_later_batch_changed_the_label(store):
    _decide(store, "R1", "yes")
    _decide(store, "R1", "yes", reviewer="bob", domestic_abuse=False)
    with pytest.raises(LabelStoreError, match="changed by batch"):
        undo_last_decision(store, reviewer="alice")


def test_two_reviewers_on_one_store_do_not_overwrite_each_other(tmp_path):
    with open_label_store(tmp_path / "labels") as alice, open_label_store(tmp_path / "labels") as bob:
        _decide(alice, "R1", "yes", reviewer="alice")
        outcome = _decide(bob, "R1", "no", reviewer="bob")
        assert outcome.store_outcome == "conflict-kept"
        assert ("should_record", "True", "False") in outcome.conflicts
        assert outcome.decided_before == [("alice", "yes")]
        assert alice.to_frame()["should_record"].tolist() == [True]
        assert alice.conflicts()["field"].tolist() == ["should_record"]


def test_second_reviewer_agreement_is_recorded(store):
    _decide(store, "R1", "yes")
    _decide(store, "R2", "no")
    agreed = _decide(store, "R1", "yes", reviewer="bob", round=2)
    disagreed = _decide(store, "R2", "yes", reviewer="bob", round=2)
    assert (agreed.agrees, agreed.first_decision) == (True, "yes")
    assert (disagreed.agrees, disagreed.first_decision, disagreed.store_outcome) == (False, "no", "conflict-kept")
    assert decided_ids(store, round=2) == {"R1", "R2"}


@pytest.mark.parametrize("decision, match", [
    (dict(decision="maybe"), "decision must be one of"),
    (dict(decision="yes", label_source="random-audit"), "inclusion_probability"),
    (dict(decision="yes", label_source="random-audit", inclusion_probability=1.5), "inclusion_probability"),
    (dict(decision="yes", reviewer=" "), "reviewer"),
], ids=["unknown-decision", "audit-without-probability", "probability-above-one", "no-reviewer"])
def test_invalid_decisions_are_refused(store, decision, match):
    options = {"incident_id": "R1", "reviewer": "alice", **decision}
    with pytest.raises(LabelStoreError, match=match):
        record_decision(store, _log("R1"), ReviewDecision(**options))
    assert len(store) == 0


def test_a_store_made_before_label_source_is_migrated(tmp_path):
    path = tmp_path / "labels" / STORE_FILE
    path.parent.mkdir()
    with sqlite3.connect(path) as old:  # the format-1 schema as first released
        old.executescript(_SCHEMA)
        old.executemany("INSERT INTO meta VALUES (?, ?)", [("format_version", "1"), ("holdout_fraction", "0.2"),
                                                           ("split_seed", "0"), ("created_at", "2024")])
    with open_label_store(path.parent) as store:
        store.add_frame(pd.DataFrame({"incident_id": ["A"], "narrative": ["pushed"],
                                      "should_record": pd.array([True], dtype="boolean")}), source="a.csv")
        assert store.to_frame()["label_source"].tolist() == ["audit-file"]
        _decide(store, "R1", "yes")
        assert store.to_frame(label_source="review")["incident_id"].tolist() == ["R1"]


def test_export_has_no_should_record_so_report_cannot_take_it_for_an_audit(store, tmp_path):
    _decide(store, "R1", "yes", reason="victim declined: still a crime (rule 5)", note="=cmd|' /C calc'!A0")
    _decide(store, "R2", "unsure")
    frame = export_reviews(store, tmp_path / "reviews.csv")
    assert "should_record" not in frame.columns
    assert frame["review_decision"].tolist() == ["yes", "unsure"]
    text = (tmp_path / "reviews.csv").read_text("utf-8")
    assert "'=cmd" in text  # spreadsheet formula neutralised
    scored = tmp_path / "scored.csv"
    write_frame(_scored(6), scored)
    result = CliRunner().invoke(app, ["report", str(scored), "-o", str(tmp_path / "out"),
                                      "--audit", str(tmp_path / "reviews.csv")])
    assert result.exit_code == 1
    assert "should_record" in str(result.exception) + result.output


def _scored(n, seed=0):
    """``n`` scored logs; the force records 80% of the crimes; the model is right about which are crimes."""
    rng = np.random.default_rng(seed)
    should = rng.random(n) < 0.7
    recorded = np.where(should, rng.random(n) < 0.8, False)
    p = np.clip(np.where(should, 0.8, 0.2) + rng.normal(0, 0.05, n), 0.01, 0.99)
    return pd.DataFrame({
        "incident_id": [f"S{i:04d}" for i in range(n)], "narrative": ["Male pushed the victim."] * n,
        "closing_comment": [""] * n, "recorded": pd.array(recorded, dtype="boolean"),
        "p_should_record": p, "predicted_should_record": p >= 0.5,
        "predicted_category": np.where(p >= 0.5, "Violence without injury", "No crime"),
        "p_domestic_abuse": 0.1, "evidence": "", "should": should})


def test_review_labels_never_enter_the_rate_estimate_as_if_random(tmp_path):
    """Reviewing the top of the triage queue (all unrecorded crimes) would drive a naive rate to 0%."""
    scored = _scored(400, seed=1)
    rng = np.random.default_rng(2)
    sampled = rng.random(len(scored)) < 0.25  # a Bernoulli random audit, inclusion probability 0.25
    triage = scored[scored["predicted_should_record"] & ~scored["recorded"].astype(bool)].head(40)
    with open_label_store(tmp_path / "labels") as store:
        for row in scored[sampled].itertuples():
            log = {"incident_id": row.incident_id, "narrative": row.narrative, "recorded": bool(row.recorded)}
            record_decision(store, log, ReviewDecision(
                incident_id=row.incident_id, decision="yes" if row.should else "no", reviewer="auditor",
                hocr_category="Violence without injury", label_source="random-audit", inclusion_probability=0.25))
        audit_only = random_audit_labels(store)
        for row in triage.itertuples():  # reviewers confirm every triage log is an unrecorded crime
            log = {"incident_id": row.incident_id, "narrative": row.narrative, "recorded": False}
            record_decision(store, log, ReviewDecision(incident_id=row.incident_id, decision="yes", reviewer="reg",
                                                       hocr_category="Violence without injury"))
        audit = random_audit_labels(store)
        assert len(store.to_frame(label_source="review")) > 0
    pd.testing.assert_frame_equal(audit, audit_only)
    assert set(audit["label_source"]) == {"random-audit"} and (audit["inclusion_probability"] == 0.25).all()
    joined = scored.drop(columns="should").merge(audit[["incident_id", "should_record", "inclusion_probability"]],
                                                 on="incident_id", how="left")
    estimate = estimate_recording_rate(joined, method="audit")
    truth = scored.loc[scored["should"], "recorded"].astype(bool).mean()
    assert estimate.low <= truth <= estimate.high
    reviewed = joined.assign(should_record=joined["incident_id"].isin(triage["incident_id"])
                             .map({True: True, False: pd.NA}).astype("boolean"), inclusion_probability=1.0)
    assert estimate_recording_rate(reviewed, method="audit").estimate == 0.0  # what the guard prevents


def test_random_audit_export_is_an_audit_file_for_report(store, tmp_path):
    record_decision(store, _log("R1"), ReviewDecision(incident_id="R1", decision="yes", reviewer="a",
                                                      hocr_category="Violence without injury",
                                                      label_source="random-audit", inclusion_probability=0.5))
    _decide(store, "R2", "no")
    frame = export_reviews(store, tmp_path / "audit.csv", label_source="random-audit")
    assert frame[["incident_id", "should_record", "inclusion_probability"]].values.tolist() == [["R1", True, 0.5]]
    audit = read_incidents(tmp_path / "audit.csv")  # a valid labels file for 'crimerec retrain --labels'
    assert audit["narrative"].tolist() == [LOGS["R1"]] and audit["should_record"].tolist() == [True]


def _labels_frame(ids, should_record):
    """Audit labels for ``ids`` (crimes are Violence without injury)."""
    return pd.DataFrame({"incident_id": ids, "narrative": ["Male pushed a woman over, graze to knee."] * len(ids),
                         "should_record": should_record,
                         "hocr_category": ["Violence without injury" if s else "No crime" for s in should_record]})


def test_review_labels_never_enter_the_holdout_and_do_not_shrink_it(store):
    ids = [f"A{i:03d}" for i in range(100)]
    store.add_frame(_labels_frame(ids, [i % 2 == 0 for i in range(100)]), source="audit.csv")
    held_before = set(store.to_frame(split="holdout")["incident_id"])
    reviewed = [f"V{i:03d}" for i in range(60)]
    store.add_frame(_labels_frame(reviewed, [True] * 60), source="reviews", label_source="review")
    holdout = store.to_frame(split="holdout")
    assert set(holdout["label_source"]) == {"audit-file"}
    assert set(holdout["incident_id"]) == held_before and len(held_before) == 20  # 20% of the audited logs
    more = [f"B{i:03d}" for i in range(50)]
    store.add_frame(_labels_frame(more, [True] * 50), source="audit2.csv")
    crimes = store.to_frame(split="holdout").query("should_record == True")
    assert len(crimes) == 20  # round(0.2 x 100 audited crimes), reviewed crimes not counted


def test_retrain_judges_on_a_holdout_without_review_labels_even_in_an_older_store(store):
    from training.audit.retrain import training_and_holdout

    store.add_frame(_labels_frame([f"A{i:03d}" for i in range(40)], [i % 2 == 0 for i in range(40)]),
                    source="audit.csv")
    store.add_frame(_labels_frame(["V1", "V2"], [True, False]), source="reviews", label_source="review")
    store._db.execute("UPDATE labels SET split = 'holdout' WHERE incident_id = 'V1'")  # as an older store held it
    train, holdout = training_and_holdout(store)
    assert "review" not in set(holdout["label_source"]) and len(holdout) == 8
    assert {"V1", "V2"} <= set(train["incident_id"]) and len(train) + len(holdout) == 42
