"""Tests for classifier.data.contract: yes/no values, column mapping, required columns, row validation."""

import json

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from classifier.data import (
    CONTRACT_COLUMNS,
    REJECT_COLUMNS,
    IdRegister,
    check_columns,
    load_mapping,
    load_mapping_file,
    parse_bool,
    parse_mapping,
    plan_renames,
    validate_frame,
)
from classifier.errors import InputFileError, SchemaError

NARRATIVES = (
    "Caller states ex-partner punched her in the face, cut lip.",
    "Shop reports male left without paying for two bottles of vodka.",
    "Neighbour dispute over parking, words exchanged, no threats.",
    "Caller's car window smashed overnight, nothing taken.",
    "Concern for welfare, elderly male found safe and well.",
    "Youths shouting abuse at passer-by, he felt alarmed.",
)


def _frame(**columns):
    """Build a small incident frame; ids and narratives default to six valid rows."""
    data = {"incident_id": [f"INC-{n:03d}" for n in range(1, 7)], "narrative": list(NARRATIVES)}
    data.update(columns)
    return pd.DataFrame(data)


# ---- parse_bool ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("true", True), ("TRUE", True), (" Yes ", True), ("y", True), ("Y", True), ("1", True),
        ("false", False), ("No", False), ("n", False), ("0", False), (" FALSE\t", False),
        (True, True), (np.bool_(False), False), (1, True), (0.0, False),
        ("", None), ("   ", None), (None, None), (float("nan"), None), (pd.NA, None),
    ],
    ids=repr,
)
def test_parse_bool_accepts_contract_words(value, expected):
    assert parse_bool(value) is expected


@pytest.mark.parametrize("value", ["maybe", "t", "f", "2", "-1", "yes please", "null", "N/A", 2, 0.5])
def test_parse_bool_rejects_anything_else(value):
    with pytest.raises(SchemaError, match="not a yes/no value; use true/false, yes/no, y/n or 1/0"):
        parse_bool(value)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.text(max_size=8), min_size=1, max_size=20))
def test_vectorised_bool_parsing_matches_parse_bool(values):
    frame = _frame(recorded=(values * 6)[:6])
    accepted, rejects = validate_frame(frame, source="t.csv")
    for row, value in enumerate(frame["recorded"], start=1):
        try:
            expected = parse_bool(value)
        except SchemaError:
            assert rejects.loc[rejects["row"] == row, "column"].tolist() == ["recorded"]
        else:
            got = accepted.loc[row, "recorded"]
            assert (got is pd.NA and expected is None) or got == expected


# ---- column mapping ------------------------------------------------------------------------


def test_parse_mapping_reads_shell_style_items():
    mapping = parse_mapping(['narrative="Opening Remarks"', " incident_id = URN ", "area=Beat=Sector"])
    assert mapping == {"narrative": "Opening Remarks", "incident_id": "URN", "area": "Beat=Sector"}


@pytest.mark.parametrize(
    ("items", "message"),
    [
        (["narrative"], "has no '='"),
        (["narative=Opening Remarks"], r"not a contract column \(did you mean 'narrative'\?\)"),
        (["narrative="], "names no file column"),
        (["narrative=A", "narrative=B"], "narrative is mapped twice"),
        (["narrative=A", "closing_comment=A"], "File column 'A' is mapped to both narrative and closing_comment"),
    ],
    ids=["no-equals", "typo", "empty-source", "contract-twice", "source-twice"],
)
def test_parse_mapping_errors_say_what_to_fix(items, message):
    with pytest.raises(SchemaError, match=message):
        parse_mapping(items)


def test_load_mapping_file_reads_json_and_toml(tmp_path):
    json_path = tmp_path / "force.json"
    json_path.write_text(json.dumps({"narrative": "Opening Remarks", "incident_id": "URN"}))
    toml_path = tmp_path / "force.toml"
    toml_path.write_text('narrative = "Opening Remarks"\nclosing_comment = "Closing Remarks"\n')
    assert load_mapping_file(json_path) == {"narrative": "Opening Remarks", "incident_id": "URN"}
    assert load_mapping_file(toml_path) == {"narrative": "Opening Remarks", "closing_comment": "Closing Remarks"}


def test_load_mapping_items_override_the_file(tmp_path):
    path = tmp_path / "force.toml"
    path.write_text('narrative = "Opening Remarks"\nincident_id = "URN"\n')
    assert load_mapping(["narrative=Log Text"], mapping_file=path) == {"narrative": "Log Text", "incident_id": "URN"}


@pytest.mark.parametrize(
    ("name", "content", "error", "message"),
    [
        ("map.yaml", "narrative: x", InputFileError, "must end in .json or .toml"),
        ("map.json", "{not json", InputFileError, "is not valid JSON"),
        ("map.json", '["narrative"]', InputFileError, "found a JSON list"),
        ("map.toml", "narrative = 3", InputFileError, "not text: narrative"),
        ("map.toml", 'story = "x"', SchemaError, "'story' in map.toml is not a contract column"),
    ],
    ids=["extension", "bad-json", "json-list", "not-text", "unknown-column"],
)
def test_load_mapping_file_errors(tmp_path, name, content, error, message):
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(error, match=message):
        load_mapping_file(path)


def test_load_mapping_file_missing_file(tmp_path):
    with pytest.raises(InputFileError, match="Cannot read mapping file"):
        load_mapping_file(tmp_path / "absent.json")


def test_plan_renames_maps_force_columns():
    columns = ["URN", "Opening Remarks", "Closing Remarks", "Beat"]
    mapping = {"incident_id": "URN", "narrative": "Opening Remarks", "closing_comment": "Closing Remarks"}
    assert plan_renames(columns, mapping, source="x.csv") == {
        "URN": "incident_id",
        "Opening Remarks": "narrative",
        "Closing Remarks": "closing_comment",
    }


def test_plan_renames_names_a_missing_source_column():
    with pytest.raises(SchemaError, match=r"'opening remarks' \(mapped to narrative\) is not in x.csv.*did you mean 'Opening Remarks'"):
        plan_renames(["URN", "Opening Remarks"], {"narrative": "opening remarks"}, source="x.csv")


def test_plan_renames_refuses_to_duplicate_a_contract_column():
    with pytest.raises(SchemaError, match="x.csv already has a column named 'narrative'"):
        plan_renames(["incident_id", "narrative", "Notes"], {"narrative": "Notes"}, source="x.csv")


def test_plan_renames_allows_swapping_names():
    renames = plan_renames(["incident_id", "narrative"], {"narrative": "incident_id", "incident_id": "narrative"}, source="x")
    assert renames == {"incident_id": "narrative", "narrative": "incident_id"}


# ---- required columns ----------------------------------------------------------------------


def test_check_columns_names_the_missing_column_and_suggests_a_map():
    with pytest.raises(SchemaError, match=r"Column 'narrative' is missing from e.csv\. Columns found: 'incident_id', 'Narrative'.*--map narrative=\"Narrative\""):
        check_columns(["incident_id", "Narrative"], source="e.csv")


def test_check_columns_lists_both_missing_columns():
    with pytest.raises(SchemaError, match="Column 'incident_id' and 'narrative' are missing"):
        check_columns(["URN", "Opening Remarks"], source="e.csv")


def test_check_columns_refuses_repeated_names():
    with pytest.raises(SchemaError, match="Column 'area' appears 2 times in e.csv"):
        check_columns(["incident_id", "narrative", "area", "area"], source="e.csv")


# ---- validate_frame ------------------------------------------------------------------------


def test_valid_rows_are_accepted_with_contract_dtypes():
    frame = _frame(
        recorded=["Y", "n", "", "TRUE", "0", "yes"],
        closing_comment=["Crime raised", None, "", "NFA", "Advice given", "x"],
        reported_at=["2024-03-01", "2024-03-01T14:30:00", "", "2024-03-02 09:15", "2024-03-02T09:15:00Z", "2024"],
        beat=[7, 8, 9, 10, 11, 12],
    )
    accepted, rejects = validate_frame(frame, source="t.csv")
    assert rejects.empty and list(rejects.columns) == list(REJECT_COLUMNS)
    assert accepted.index.tolist() == [1, 2, 3, 4, 5, 6] and accepted.index.name == "row"
    assert accepted["recorded"].dtype == "boolean"
    assert accepted["recorded"].tolist() == [True, False, pd.NA, True, False, True]
    assert accepted["closing_comment"].tolist() == ["Crime raised", "", "", "NFA", "Advice given", "x"]
    assert accepted["reported_at"].tolist() == frame["reported_at"].tolist()
    assert accepted["beat"].tolist() == [7, 8, 9, 10, 11, 12] and accepted["beat"].dtype == frame["beat"].dtype
    assert list(accepted.columns) == list(frame.columns)


def test_text_that_looks_like_missing_or_numbers_stays_text():
    frame = pd.DataFrame({"incident_id": ["007", "0042"], "narrative": ["NA", "null"]})
    accepted, _ = validate_frame(frame, source="t.csv")
    assert accepted["incident_id"].tolist() == ["007", "0042"]
    assert accepted["narrative"].tolist() == ["NA", "null"]


@pytest.mark.parametrize(
    ("column", "values", "bad_row", "reason"),
    [
        ("narrative", {"narrative": [*NARRATIVES[:3], "   ", *NARRATIVES[4:]]}, 4, "narrative is empty"),
        ("incident_id", {"incident_id": ["A", "B", "", "D", "E", "F"]}, 3, "incident_id is empty"),
        ("incident_id", {"incident_id": ["A", "B", "C", "D", "B", "F"]}, 5, "incident_id 'B' already appears at row 2"),
        ("recorded", {"recorded": ["y", "n", "y", "n", "y", "perhaps"]}, 6, "recorded holds a 7-character value of letters, not a yes/no value"),
        ("domestic_abuse", {"domestic_abuse": ["", "2", "", "", "", ""]}, 2, "domestic_abuse holds a 1-character value of digits, not a yes/no value"),
        ("reported_at", {"reported_at": ["2024-01-01", "01/02/2024", "", "", "", ""]}, 2, "reported_at holds a 10-character value of digits and punctuation, not an ISO 8601 date"),
        ("reported_at", {"reported_at": ["2024-02-30", "", "", "", "", ""]}, 1, "not an ISO 8601 date"),
        ("closing_comment", {"closing_comment": ["", "", "ok\x00", "", "", ""]}, 3, r"closing_comment contains NUL bytes \(\\x00\)"),
    ],
    ids=["empty-narrative", "empty-id", "duplicate-id", "bad-bool", "bad-bool-2", "bad-date", "impossible-date", "nul"],
)
def test_each_row_problem_rejects_exactly_that_row(column, values, bad_row, reason):
    accepted, rejects = validate_frame(_frame(**values), source="t.csv")
    assert rejects["row"].tolist() == [bad_row]
    assert rejects["column"].tolist() == [column]
    assert rejects["source"].tolist() == ["t.csv"]
    assert pd.Series(rejects["reason"]).str.contains(reason).all(), rejects["reason"].tolist()
    assert bad_row not in accepted.index and len(accepted) == 5


def test_over_long_text_is_rejected_with_its_length():
    frame = _frame(narrative=[*NARRATIVES[:5], "x" * 101])
    accepted, rejects = validate_frame(frame, source="t.csv", max_text_chars=100)
    assert rejects["row"].tolist() == [6]
    assert rejects["reason"].iloc[0].startswith("narrative is 101 characters long, over the limit of 100")
    assert len(accepted) == 5


def test_one_reject_per_row_giving_the_first_problem():
    frame = _frame(incident_id=["A", "A", "B", "C", "D", "E"], narrative=["x", "", "", "y", "z", "w"],
                   recorded=["bad", "bad", "bad", "y", "y", "y"])
    _, rejects = validate_frame(frame, source="t.csv")
    assert rejects[["row", "column"]].values.tolist() == [[1, "recorded"], [2, "incident_id"], [3, "narrative"]]


def test_rejects_keep_the_incident_id_as_read():
    _, rejects = validate_frame(_frame(narrative=["", *NARRATIVES[1:]]), source="t.csv")
    assert rejects["incident_id"].tolist() == ["INC-001"]


def test_first_row_numbers_the_rows():
    accepted, rejects = validate_frame(_frame(narrative=["", *NARRATIVES[1:]]), source="t.csv", first_row=101)
    assert rejects["row"].tolist() == [101]
    assert accepted.index.tolist() == [102, 103, 104, 105, 106]


def test_first_row_none_uses_the_index_as_row_numbers():
    frame = _frame(narrative=["", *NARRATIVES[1:]]).set_axis([10, 12, 13, 20, 21, 22])
    accepted, rejects = validate_frame(frame, source="t.csv", first_row=None)
    assert rejects["row"].tolist() == [10] and accepted.index.tolist() == [12, 13, 20, 21, 22]


def test_first_row_none_needs_an_integer_index():
    with pytest.raises(SchemaError, match="index holds the row numbers"):
        validate_frame(_frame().set_axis(list("abcdef")), source="t", first_row=None)


def test_seen_ids_finds_duplicates_across_chunks():
    register = IdRegister()
    validate_frame(_frame(), source="t.csv", seen_ids=register)
    second = _frame(incident_id=["INC-101", "INC-004", "INC-103", "INC-104", "INC-101", "INC-106"])
    accepted, rejects = validate_frame(second, source="t.csv", first_row=7, seen_ids=register)
    assert rejects["row"].tolist() == [8, 11]
    assert rejects["reason"].str.contains("already appears at row 4").iloc[0]
    assert rejects["reason"].str.contains("already appears at row 7").iloc[1]


def test_mapping_is_applied_before_checks():
    frame = pd.DataFrame({"URN": ["1"], "Opening Remarks": ["Caller reports theft"]})
    accepted, _ = validate_frame(frame, source="t.csv", mapping={"incident_id": "URN", "narrative": "Opening Remarks"})
    assert list(accepted.columns) == ["incident_id", "narrative"]


def test_missing_required_column_stops_validation():
    with pytest.raises(SchemaError, match="Column 'narrative' is missing from t.csv"):
        validate_frame(pd.DataFrame({"incident_id": ["1"], "text": ["x"]}), source="t.csv")


def test_in_memory_types_are_converted():
    frame = pd.DataFrame(
        {
            "incident_id": pd.array([7, 8, 9], dtype="Int64"),
            "narrative": ["a", "b", "c"],
            "recorded": [True, False, True],
            "should_record": [1.0, np.nan, 0.0],
            "reported_at": pd.to_datetime(["2024-03-01 14:30:00", None, "2024-03-02 00:00:00"]),
        }
    )
    accepted, rejects = validate_frame(frame, source="<frame>")
    assert rejects.empty
    assert accepted["incident_id"].tolist() == ["7", "8", "9"]
    assert accepted["should_record"].tolist() == [True, pd.NA, False]
    assert accepted["reported_at"].tolist() == ["2024-03-01T14:30:00", "", "2024-03-02T00:00:00"]


def test_numeric_bool_columns_reject_other_numbers():
    _, rejects = validate_frame(_frame(recorded=[1, 0, 2, 1, 0, 1]), source="t")
    assert rejects["row"].tolist() == [3] and rejects["column"].tolist() == ["recorded"]


@pytest.mark.parametrize("limit", [0, -5, 2.5, True])
def test_max_text_chars_must_be_a_positive_int(limit):
    with pytest.raises(SchemaError, match="max_text_chars must be a whole number"):
        validate_frame(_frame(), source="t", max_text_chars=limit)


_cell = st.one_of(st.sampled_from(["", " ", "A1", "A2", "y", "n", "maybe", "2024-01-01", "x\x00"]), st.text(max_size=6))


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(_cell, _cell, _cell, _cell), max_size=30), st.integers(min_value=1, max_value=10**9))
def test_every_row_is_accepted_or_rejected_exactly_once(rows, first_row):
    frame = pd.DataFrame(rows, columns=["incident_id", "narrative", "recorded", "reported_at"], dtype="str")
    accepted, rejects = validate_frame(frame, source="p.csv", first_row=first_row, max_text_chars=5)
    assert len(accepted) + len(rejects) == len(frame)
    numbers = sorted(accepted.index.tolist() + rejects["row"].tolist())
    assert numbers == list(range(first_row, first_row + len(frame)))
    assert rejects["row"].is_monotonic_increasing
    assert set(accepted.columns) == set(frame.columns)


def test_contract_columns_are_as_documented():
    assert CONTRACT_COLUMNS == (
        "incident_id", "narrative", "closing_comment", "opening_code", "closing_code", "reported_at",
        "area", "recorded", "should_record", "hocr_category", "domestic_abuse",
    )


# ---- IdRegister ----------------------------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.sampled_from([f"id{n}" for n in range(25)]), max_size=15), max_size=12))
def test_id_register_matches_a_dictionary(batches):
    register, first_seen, row = IdRegister(), {}, 1
    for batch in batches:
        rows = list(range(row, row + len(batch)))
        got = register.check_and_add(batch, rows).tolist()
        expected = []
        for value, number in zip(batch, rows):
            expected.append(first_seen.get(value, -1))
            first_seen.setdefault(value, number)
        assert got == expected
        row += len(batch)
    assert len(register) == len(first_seen)
