"""Tests for training/audit/labels.py: merging, conflicts, provenance, the frozen split and the digest."""

import sqlite3

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from classifier import SchemaError
from training.audit.labels import (
    STORE_FILE,
    LabelStore,
    LabelStoreError,
    open_label_store,
)

NARRATIVES = (
    "Caller states ex-partner slapped her in the kitchen, does not wish to support police action.",
    "Neighbour playing loud music after midnight, words of advice given.",
    "Male pushed victim to the ground outside the pub, graze to elbow.",
    "Concern for welfare, elderly male not answering door, found safe and well.",
    "Victim reports repeated unwanted messages from former colleague over two weeks.",
    "Shed door forced overnight, lawnmower taken.",
)


def _bools(values):
    """A pandas nullable boolean array (what the data contract produces)."""
    return pd.array(values, dtype="boolean")


def _batch(ids, should, *, categories=None, domestic=None, auditor=None, narratives=None):
    """A validated-looking audit batch built inline."""
    n = len(ids)
    frame = pd.DataFrame({
        "incident_id": list(ids),
        "narrative": list(narratives or [NARRATIVES[i % len(NARRATIVES)] for i in range(n)]),
        "closing_comment": [""] * n,
        "should_record": _bools(should),
        "hocr_category": list(categories or ["Violence without injury" if s else "" for s in should]),
    })
    if domestic is not None:
        frame["domestic_abuse"] = _bools(domestic)
    if auditor is not None:
        frame["auditor"] = [auditor] * n
    return frame


@pytest.fixture()
def store():
    """An empty in-memory store."""
    with LabelStore.in_memory() as s:
        yield s


def test_new_labels_are_stored_with_provenance(store):
    result = store.add_frame(_batch(["a", "b"], [True, False], auditor="PS 123"), source="audit-1.csv")
    assert (result.n_new, result.n_merged, result.n_conflict_rows) == (2, 0, 0)
    frame = store.to_frame()
    assert list(frame["incident_id"]) == ["a", "b"]
    assert frame["should_record"].tolist() == [True, False]
    assert frame["hocr_category"].tolist() == ["Violence without injury", "No crime"]
    history = store.provenance("a")
    assert history[["source", "auditor", "outcome"]].values.tolist() == [["audit-1.csv", "PS 123", "new"]]
    assert store.batches().loc[0, "source"] == "audit-1.csv"


def test_repeated_label_merges_and_fills_missing_fields(store):
    store.add_frame(_batch(["a"], [True]), source="one.csv")
    again = store.add_frame(_batch(["a"], [True], domestic=[True]), source="two.csv")
    assert (again.n_new, again.n_merged, again.n_conflict_rows) == (0, 1, 0)
    row = store.to_frame().iloc[0]
    assert bool(row["domestic_abuse"]) is True
    assert (row["first_batch"], row["last_batch"]) == (1, 2)
    assert store.provenance("a")["outcome"].tolist() == ["new", "merged"]


def test_fine_category_names_that_map_to_the_same_group_do_not_conflict(store):
    store.add_frame(_batch(["a"], [True], categories=["Common assault"]), source="one.csv")
    again = store.add_frame(_batch(["a"], [True], categories=["Violence without injury"]), source="two.csv")
    assert again.n_conflict_rows == 0


def test_conflicting_label_is_listed_and_not_applied(store):
    store.add_frame(_batch(["a", "b"], [True, True]), source="one.csv")
    second = store.add_frame(_batch(["a", "b"], [False, True]), source="two.csv")
    assert (second.n_conflict_rows, second.n_unresolved_conflicts) == (1, 1)
    conflict = second.conflicts.iloc[0]
    assert (conflict["incident_id"], conflict["field"]) == ("a", "should_record")
    assert (conflict["stored_value"], conflict["new_value"]) == ("True", "False")
    assert conflict["resolution"] == "kept-stored"
    assert store.to_frame().set_index("incident_id").loc["a", "should_record"]
    assert len(store.conflicts()) == 1 and store.conflicts().loc[0, "source"] == "two.csv"


def test_latest_wins_overwrites_and_keeps_the_conflict_on_record(store):
    store.add_frame(_batch(["a"], [True]), source="one.csv")
    split_before = store.to_frame().loc[0, "split"]
    second = store.add_frame(_batch(["a"], [False]), source="fix.csv", latest_wins=True)
    assert (second.n_overwritten, second.n_unresolved_conflicts) == (1, 0)
    row = store.to_frame().iloc[0]
    assert not row["should_record"] and row["hocr_category"] == "No crime"
    assert row["split"] == split_before
    assert store.conflicts()["resolution"].tolist() == ["latest-wins"]


def test_changed_narrative_is_a_conflict_reported_without_the_text(store):
    store.add_frame(_batch(["a"], [True], narratives=["Victim punched in the face"]), source="one.csv")
    second = store.add_frame(_batch(["a"], [True], narratives=["Lost wallet on the bus"]), source="two.csv")
    row = second.conflicts.iloc[0]
    assert row["field"] == "narrative"
    assert "punched" not in row["stored_value"] and row["stored_value"].startswith("text sha256:")


def test_narrative_whitespace_and_case_changes_are_not_conflicts(store):
    store.add_frame(_batch(["a"], [True], narratives=["Victim punched  in the face"]), source="one.csv")
    second = store.add_frame(_batch(["a"], [True], narratives=["victim punched in the face "]), source="2.csv")
    assert second.n_merged == 1


def test_unlabelled_rows_are_rejected_and_every_row_is_accounted_for(store):
    store.add_frame(_batch(["a"], [True]), source="one.csv")
    result = store.add_frame(_batch(["a", "b", "c", "d"], [False, True, None, True]), source="two.csv",
                             row_numbers=[2, 3, 4, 5])
    assert result.rows_read == result.n_new + result.n_merged + result.n_conflict_rows + len(result.rejects)
    reject = result.rejects.iloc[0]
    assert (reject["row"], reject["incident_id"], reject["column"]) == (4, "c", "should_record")
    assert "should_record" in reject["reason"]
    assert store.conflicts().loc[0, "row"] == 2


def test_repeat_within_one_batch_merges_into_the_new_row(store):
    result = store.add_frame(_batch(["a", "a"], [True, True], domestic=[None, True],
                                     narratives=[NARRATIVES[0]] * 2), source="one.csv")
    assert (result.n_new, result.n_merged, len(store)) == (1, 1, 1)
    assert bool(store.to_frame().loc[0, "domestic_abuse"]) is True


def test_missing_label_column_is_a_schema_error(store):
    frame = _batch(["a"], [True]).drop(columns="should_record")
    with pytest.raises(SchemaError, match="should_record"):
        store.add_frame(frame, source="plain.csv")


def test_split_is_stratified_at_the_store_fraction():
    store = LabelStore.in_memory(holdout_fraction=0.2, seed=3)
    ids = [f"id{i:03d}" for i in range(200)]
    should = [i % 4 != 0 for i in range(200)]  # 150 should-record, 50 not
    store.add_frame(_batch(ids, should), source="one.csv")
    counts = store.to_frame().groupby(["should_record", "split"]).size()
    assert counts[(True, "holdout")] == 30 and counts[(False, "holdout")] == 10


def test_split_is_frozen_and_grows_proportionally():
    store = LabelStore.in_memory(holdout_fraction=0.25)
    first = [f"a{i}" for i in range(40)]
    store.add_frame(_batch(first, [True] * 40), source="one.csv")
    before = store.to_frame().set_index("incident_id")["split"]
    store.add_frame(_batch([f"b{i}" for i in range(60)], [True] * 60), source="two.csv")
    after = store.to_frame().set_index("incident_id")["split"]
    assert after.loc[first].to_dict() == before.to_dict()
    assert (after == "holdout").sum() == 25


def test_split_does_not_depend_on_row_order():
    ids = [f"x{i}" for i in range(30)]
    one, two = LabelStore.in_memory(), LabelStore.in_memory()
    texts = [f"Report number {i} of a push in the street" for i in range(30)]
    one.add_frame(_batch(ids, [True] * 30, narratives=texts), source="f.csv")
    two.add_frame(_batch(ids[::-1], [True] * 30, narratives=texts[::-1]), source="f.csv")
    assert one.to_frame()["split"].tolist() == two.to_frame()["split"].tolist()
    assert one.digest() == two.digest()


def test_digest_changes_when_a_label_changes(store):
    store.add_frame(_batch(["a", "b"], [True, False]), source="one.csv")
    before = store.digest()
    store.add_frame(_batch(["a"], [True]), source="two.csv")
    assert store.digest() == before
    store.add_frame(_batch(["b"], [True]), source="three.csv", latest_wins=True)
    assert store.digest() != before


def test_store_persists_and_in_memory_copy_leaves_the_file_alone(tmp_path):
    with open_label_store(tmp_path / "labels") as store:
        store.add_frame(_batch(["a"], [True]), source="one.csv")
        copy = store.copy_in_memory()
    copy.add_frame(_batch(["b"], [True]), source="dry.csv")
    assert len(copy) == 2
    with open_label_store(tmp_path / "labels", create=False) as reopened:
        assert len(reopened) == 1 and reopened.holdout_fraction == 0.2


def test_missing_store_without_create_names_the_path(tmp_path):
    with pytest.raises(LabelStoreError, match="No label store at"):
        open_label_store(tmp_path / "nowhere", create=False)


def test_store_from_another_format_version_is_refused(tmp_path):
    with open_label_store(tmp_path) as store:
        store.add_frame(_batch(["a"], [True]), source="one.csv")
    with sqlite3.connect(tmp_path / STORE_FILE) as raw:
        raw.execute("UPDATE meta SET value = '99' WHERE key = 'format_version'")
    with pytest.raises(LabelStoreError, match="format '99'"):
        open_label_store(tmp_path)


def test_holdout_fraction_is_checked_at_creation():
    with pytest.raises(LabelStoreError, match="holdout_fraction"):
        LabelStore.in_memory(holdout_fraction=0.9)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.tuples(st.integers(0, 15), st.sampled_from([True, False, None])),
                         min_size=1, max_size=12), min_size=1, max_size=4),
       st.booleans())
def test_accounting_and_frozen_splits_hold_for_any_sequence_of_batches(batches, latest_wins):
    store = LabelStore.in_memory()
    seen_splits = {}
    for number, batch in enumerate(batches):
        ids = [f"id{i}" for i, _ in batch]
        result = store.add_frame(_batch(ids, [s for _, s in batch]), source=f"b{number}.csv",
                                 latest_wins=latest_wins)
        assert result.rows_read == (result.n_new + result.n_merged + result.n_conflict_rows
                                    + len(result.rejects))
        current = store.to_frame().set_index("incident_id")["split"].to_dict()
        assert all(current[i] == s for i, s in seen_splits.items())
        seen_splits = current
    labelled = {f"id{i}" for batch in batches for i, s in batch if s is not None}
    assert set(store.to_frame()["incident_id"]) == labelled
