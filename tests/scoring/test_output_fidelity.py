"""Scored output carries every input cell exactly as it was read (issue #4).

For each format an input with awkward cells (yes/no spellings, leading zeros, empty and missing
cells, quotes and line breaks, unicode, formula-like text, big integers, exact floats, dates) is
scored with ``score_file`` and read back; every input column must come out unchanged and in
order: as text for CSV (after ``restore_formulas``), as values and types for JSON Lines and
Parquet.
"""

import csv
import datetime
import decimal
import io
import json
import math

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from classifier.data import (
    frame_to_bytes,
    iter_incident_chunks,
    load_incidents,
    restore_formulas,
)
from classifier.errors import InputFileError, SchemaError
from classifier.scoring import score_file, score_frame

SCORE_NAMES = ["p_should_record", "predicted_should_record", "predicted_category", "p_domestic_abuse", "evidence"]


def _csv_rows(data):
    """Parse CSV text (str) with Python's csv module: a list of rows of cells, as text."""
    return list(csv.reader(io.StringIO(data, newline="")))


def _cells(frame):
    """A frame's cells as a list of rows of Python values."""
    return frame.astype(object).values.tolist()


def _restored_csv(path):
    """Read a scored CSV as text cells and undo the formula neutralisation (names included)."""
    rows = _csv_rows(path.read_bytes().decode("utf-8"))
    frame = pd.DataFrame(rows[1:], columns=rows[0], dtype=object)
    return restore_formulas(frame)


# ---- CSV ------------------------------------------------------------------------------------------

_CSV_INPUT = (
    "incident_id,narrative,recorded,should_record,domestic_abuse,reported_at,area,ref,note,=total,Notes 2\n"
    '007,"Male punched her, ""hard"", in the face",yes,Y,n,2024-03-01T14:30:00,North,0012,,-5,x\n'
    '008,Noise complaint from a neighbour,N,no,FALSE,,,"1.50","=HYPERLINK(""http://x"")",+44 7700,"  padded  "\n'
    '009,"Theft of a bike\nfrom the shed",TRUE,1,0,2024-03-02,"Zoë ☕ 𝄞 نص",1e5,@SUM(A1),\'=already quoted,\n'
    "010,Caller says her ex threatened her,maybe,0,true,,,,,,\n"  # rejected: recorded is not yes/no
    '011,Caller says her ex threatened her,false,0,true,,"",NaN,null,"line\r\nbreak","tab\tinside"\n'
    '012,Shop theft reported,1,,,2024-03-03T09:00:00+01:00,None,-0,"\rcr","\'\'+x",\'plain\n'
    '013,"Bare \r carriage return",0,True,False,,  ,00,"a\rb",-,""\n'
)


def test_csv_output_keeps_every_input_cell_as_text(tiny_model_dir, tmp_path):
    source = tmp_path / "logs.csv"
    source.write_bytes(_CSV_INPUT.encode("utf-8"))
    summary = score_file(source, tmp_path / "scored.csv", model=tiny_model_dir, workers=1, chunk_size=2)
    assert (summary.rows_read, summary.rows_scored, summary.rows_rejected) == (7, 6, 1)

    header, *rows = _csv_rows(_CSV_INPUT)
    written = _restored_csv(tmp_path / "scored.csv")
    assert list(written.columns) == header + SCORE_NAMES + ["discrepancy"]
    assert _cells(written[header]) == [row for row in rows if row[0] != "010"]
    assert written["recorded"].tolist() == ["yes", "N", "TRUE", "false", "1", "0"]
    # the yes/no values were still parsed for use: the discrepancy is filled on every row
    assert set(written["discrepancy"]) <= {"agrees", "under-recorded?", "over-recorded?"}


def test_mapped_csv_columns_keep_their_names_and_spellings(tiny_model_dir, tmp_path):
    raw = pd.DataFrame({
        "URN": ["0001", "0002", "0003"],
        "Opening Remarks": ["Male punched her in the face", "Noise from next door", "Bike stolen from shed"],
        "Recorded?": ["Y", "n", ""],
        "Beat": ["-B1", "007", ""],
    })
    source = tmp_path / "export.csv"
    raw.to_csv(source, index=False)
    score_file(source, tmp_path / "scored.csv", model=tiny_model_dir, workers=1,
               mapping={"incident_id": "URN", "narrative": "Opening Remarks", "recorded": "Recorded?"})
    written = _restored_csv(tmp_path / "scored.csv")
    assert list(written.columns)[:4] == list(raw.columns)
    assert _cells(written[list(raw.columns)]) == _cells(raw)
    assert written["discrepancy"].tolist()[2] == ""  # blank Recorded? still reads as unknown


@pytest.mark.parametrize("suffix", [".jsonl", ".parquet"], ids=["to-jsonl", "to-parquet"])
def test_csv_cells_stay_text_in_other_output_formats(tiny_model_dir, tmp_path, suffix):
    source = tmp_path / "logs.csv"
    source.write_bytes(_CSV_INPUT.encode("utf-8"))
    score_file(source, tmp_path / f"scored{suffix}", model=tiny_model_dir, workers=1, chunk_size=3)
    header, *rows = _csv_rows(_CSV_INPUT)
    expected = [dict(zip(header, row)) for row in rows if row[0] != "010"]
    if suffix == ".jsonl":
        written = _jsonl_lines(tmp_path / "scored.jsonl")
    else:
        table = pq.read_table(tmp_path / "scored.parquet")
        assert all(pa.types.is_large_string(table.schema.field(name).type) for name in header)
        written = table.to_pylist()
    assert [{name: row[name] for name in header} for row in written] == expected


def test_csv_fields_holding_a_carriage_return_are_quoted():
    """Python's CSV writer, ending lines with \\n, would leave a bare \\r unquoted and split the row."""
    frame = pd.DataFrame({"a": ["x\ry", "plain"], "b": ["1", "two\nlines"]})
    assert frame_to_bytes(frame, format="csv") == b'a,b\n"x\ry",1\nplain,"two\nlines"\n'


# ---- JSON Lines -----------------------------------------------------------------------------------

_JSON_LINES = [
    {"incident_id": "007", "narrative": "Male punched her in the face", "recorded": True, "should_record": "Y",
     "count": 0, "score": 0.1, "big": 2**70, "flag": False, "nested": {"a": [1, 2.5, None, "x"], "b": {}},
     "empty": "", "nothing": None, "text": "Zoë ☕ 𝄞 نص", "formula": "=1+1", "tiny": 1e-300,
     "third": 0.30000000000000004},
    {"incident_id": 8, "narrative": "Noise complaint from a neighbour", "recorded": "no", "should_record": 0,
     "count": -5, "score": 1.0, "flag": True, "empty": "x", "text": "line\nbreak\r\u2028"},
    {"incident_id": "009", "narrative": "Theft of a bike from the shed", "recorded": None,
     "count": 12345678901234567890, "score": -0.0, "nested": [True, False, 1, 1.0], "formula": "-5"},
    {"incident_id": "010", "narrative": "", "recorded": "yes"},  # rejected: empty narrative
    {"incident_id": "011", "narrative": "Shop theft reported", "recorded": 1, "reported_at": "2024-03-01T14:30:00",
     "should_record": "1", "domestic_abuse": False, "area": None, "score": 123456789.123456789},
]


def _json_columns(lines):
    """The columns of a JSON Lines file: every key, in order of first appearance."""
    return list(dict.fromkeys(key for line in lines for key in line))


def _same_json(left, right):
    """True when two JSON values are equal with the same types (1, 1.0 and true all differ)."""
    return json.dumps(left) == json.dumps(right)


def _jsonl_lines(path):
    """Parse a JSON Lines file (lines end at \\n only: U+2028 may appear inside a string)."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n")[:-1]]


def _write_jsonl(lines, path):
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    return path


def test_jsonl_output_keeps_every_input_value_and_type(tiny_model, tiny_model_dir, tmp_path):
    source = _write_jsonl(_JSON_LINES, tmp_path / "logs.jsonl")
    summary = score_file(source, tmp_path / "scored.jsonl", model=tiny_model_dir, workers=1, chunk_size=2)
    assert (summary.rows_scored, summary.rows_rejected) == (4, 1)

    written = _jsonl_lines(tmp_path / "scored.jsonl")
    kept = [line for line in _JSON_LINES if line["incident_id"] != "010"]
    columns = _json_columns(_JSON_LINES)
    assert [list(line) for line in written] == [columns + SCORE_NAMES + ["discrepancy"]] * len(kept)
    for before, after in zip(kept, written, strict=True):
        for name in columns:  # a key absent from a line is written as null
            assert _same_json(after[name], before.get(name)), (name, before.get(name), after[name])

    # scores are written with every digit: reading them back gives score_frame's floats exactly
    expected = score_frame(load_incidents(source).accepted, tiny_model)
    assert [line["p_should_record"] for line in written] == expected["p_should_record"].tolist()
    assert [line["p_domestic_abuse"] for line in written] == expected["p_domestic_abuse"].tolist()


def test_jsonl_values_become_their_json_text_in_csv_and_parquet(tiny_model_dir, tmp_path):
    source = _write_jsonl(_JSON_LINES, tmp_path / "logs.jsonl")
    score_file(source, tmp_path / "scored.csv", model=tiny_model_dir, workers=1)
    score_file(source, tmp_path / "scored.parquet", model=tiny_model_dir, workers=1)
    text = _restored_csv(tmp_path / "scored.csv")
    table = pq.read_table(tmp_path / "scored.parquet").to_pandas()
    for written in (text, table):
        assert written["incident_id"].tolist() == ["007", "8", "009", "011"]
        assert written["recorded"].tolist()[:2] == ["true", "no"]
        assert written["count"].tolist()[:3] == ["0", "-5", "12345678901234567890"]
        assert written["score"].tolist()[0] == "0.1"
    assert text["nothing"].tolist() == ["", "", "", ""]


def test_jsonl_text_with_half_a_surrogate_pair_is_rejected_not_fatal(tiny_model_dir, tmp_path):
    source = tmp_path / "logs.jsonl"
    source.write_text(
        '{"incident_id": "A1", "narrative": "Male punched her \\ud83d\\ude00 in the face"}\n'
        '{"incident_id": "A2", "narrative": "Noise complaint", "note": ["ok", "\\ud800"]}\n'
        '{"incident_id": "A3", "narrative": "Theft of a bike \\\\ud800 (not an escape)"}\n',
        encoding="utf-8",
    )
    summary = score_file(source, tmp_path / "scored.jsonl", model=tiny_model_dir, workers=1)
    assert (summary.rows_scored, summary.rows_rejected) == (2, 1)
    rejects = pd.read_csv(summary.rejects, dtype=str, keep_default_na=False)
    assert rejects[["row", "column", "incident_id"]].values.tolist() == [["2", "note", "A2"]]
    assert "half of a UTF-16 character pair" in rejects["reason"][0]
    written = _jsonl_lines(tmp_path / "scored.jsonl")
    assert [line["narrative"] for line in written] == [
        "Male punched her \U0001F600 in the face", "Theft of a bike \\ud800 (not an escape)"]


def test_jsonl_key_with_half_a_surrogate_pair_stops_the_run(tiny_model_dir, tmp_path):
    source = tmp_path / "logs.jsonl"
    source.write_text('{"incident_id": "A1", "narrative": "x", "bad\\udc00key": 1}\n', encoding="utf-8")
    with pytest.raises(InputFileError, match="Line 1 of logs.jsonl has a key"):
        score_file(source, tmp_path / "scored.jsonl", model=tiny_model_dir, workers=1)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["logs.jsonl"]


# ---- Parquet --------------------------------------------------------------------------------------

_LONDON = datetime.timezone(datetime.timedelta(hours=1))


def _parquet_input():
    """Six logs with one column of each awkward Arrow type; the fourth is rejected (empty narrative)."""
    return pa.table({
        "incident_id": pa.array([7, 8, 9, 10, 11, 12], pa.int64()),
        "narrative": ["Male punched her in the face", "Noise complaint", "Theft of a bike", "",
                      "Caller says her ex threatened her", "Shop theft"],
        "recorded": pa.array([True, None, False, True, False, True]),
        "reported_at": pa.array([datetime.datetime(2024, 3, 1, 14, 30, 5, 123000), None,
                                 datetime.datetime(2024, 3, 2), None, None, None], pa.timestamp("ms")),
        "area": pa.array(["North", None, "", "x", "Zoë ☕", "007"]),
        "closing_code": pa.array(["A", "B", "C", "D", "E", "F"]).dictionary_encode(),
        "seen": pa.array([datetime.datetime(2024, 1, 1, 9, tzinfo=_LONDON)] * 6,
                         pa.timestamp("us", tz="Europe/London")),
        "day": pa.array([datetime.date(2024, 1, 1), None] * 3, pa.date32()),
        "count": pa.array([1, None, 2**60 + 1, 4, None, -6], pa.int64()),
        "small": pa.array([1, 2, 3, 4, 5, None], pa.int8()),
        "huge": pa.array([2**64 - 1, 0, 1, 2, 3, 4], pa.uint64()),
        "ratio": pa.array([0.1, float("nan"), None, 1e-300, -0.0, 0.30000000000000004]),
        "single": pa.array([0.1, None, 1.5, 2.0, 3.0, 4.0], pa.float32()),
        "money": pa.array([decimal.Decimal("1.50"), None, decimal.Decimal("-2.00"), None, None,
                           decimal.Decimal("1234567890.123")], pa.decimal128(14, 3)),
        "tags": pa.array([[1, 2], [], None, [3], [None], [4]], pa.list_(pa.int32())),
        "where": pa.array([{"x": 1, "y": "a"}, None, {"x": None, "y": "b"}, None, None, {"x": 2, "y": ""}],
                          pa.struct([("x", pa.int64()), ("y", pa.string())])),
        "blob": pa.array([b"\x00\xff", None, b"", b"x", b"y", b"z"], pa.binary()),
        "long_text": pa.array(["=SUM(A1)", "-5", None, "", "'x", "\r\n"], pa.large_string()),
        "flagged": pa.array([None, True, False, None, True, False]),
    })


def _values(column):
    """A column's Python values with NaN made comparable."""
    return ["NaN" if isinstance(value, float) and math.isnan(value) else value for value in column.to_pylist()]


def test_parquet_output_keeps_every_input_type_and_value(tiny_model_dir, tmp_path):
    table = _parquet_input()
    pq.write_table(table, tmp_path / "logs.parquet")
    summary = score_file(tmp_path / "logs.parquet", tmp_path / "scored.parquet", model=tiny_model_dir,
                         workers=1, chunk_size=2)
    assert (summary.rows_scored, summary.rows_rejected) == (5, 1)

    written = pq.read_table(tmp_path / "scored.parquet")
    accepted = table.take([0, 1, 2, 4, 5])
    assert written.column_names == table.column_names + SCORE_NAMES + ["discrepancy"]
    for field in table.schema:
        assert written.schema.field(field.name).equals(field), field.name
        assert _values(written.column(field.name)) == _values(accepted.column(field.name)), field.name
    # pandas reads the output's input columns exactly as it reads the input
    pd.testing.assert_frame_equal(
        pd.read_parquet(tmp_path / "scored.parquet")[table.column_names],
        pd.read_parquet(tmp_path / "logs.parquet").iloc[[0, 1, 2, 4, 5]].reset_index(drop=True),
    )


def test_parquet_values_in_jsonl_and_csv_output(tiny_model_dir, tmp_path):
    pq.write_table(_parquet_input(), tmp_path / "logs.parquet")
    for suffix in (".jsonl", ".csv"):
        score_file(tmp_path / "logs.parquet", tmp_path / f"scored{suffix}", model=tiny_model_dir, workers=1,
                   chunk_size=2)
    first = _jsonl_lines(tmp_path / "scored.jsonl")[0]
    assert {name: first[name] for name in ("incident_id", "recorded", "reported_at", "day", "huge", "money",
                                             "tags", "where", "flagged")} == {
        "incident_id": 7, "recorded": True, "reported_at": "2024-03-01T14:30:05.123000", "day": "2024-01-01",
        "huge": 2**64 - 1, "money": "1.500", "tags": [1, 2], "where": {"x": 1, "y": "a"}, "flagged": None}
    text = _restored_csv(tmp_path / "scored.csv")
    assert text["incident_id"].tolist() == ["7", "8", "9", "11", "12"]
    assert text["tags"].tolist() == ["[1, 2]", "[]", "", "[null]", "[4]"]
    assert text["where"].tolist()[0] == '{"x": 1, "y": "a"}'
    assert text["count"].tolist() == ["1", "", "1152921504606846977", "", "-6"]  # whole numbers stay whole


def test_parquet_output_is_the_same_for_any_chunk_size(tiny_model_dir, tmp_path):
    pq.write_table(_parquet_input(), tmp_path / "logs.parquet")
    tables = []
    for chunk_size in (1, 4, 100):
        target = tmp_path / f"scored-{chunk_size}.parquet"
        score_file(tmp_path / "logs.parquet", target, model=tiny_model_dir, workers=1, chunk_size=chunk_size)
        tables.append(pq.read_table(target))
    for other in tables[1:]:
        assert other.schema.equals(tables[0].schema)
        assert [_values(column) for column in other.columns] == [_values(column) for column in tables[0].columns]


def test_a_pandas_index_saved_in_parquet_is_kept(tiny_model_dir, tmp_path):
    frame = pd.DataFrame({"incident_id": ["A1", "A2", "A3"],
                          "narrative": ["Male punched her", "", "Bike stolen from the shed"]},
                         index=pd.Index(["x", "y", "z"], name="ref"))
    frame.to_parquet(tmp_path / "logs.parquet")
    score_file(tmp_path / "logs.parquet", tmp_path / "scored.parquet", model=tiny_model_dir, workers=1)
    written = pd.read_parquet(tmp_path / "scored.parquet")
    pd.testing.assert_frame_equal(written[frame.columns], frame.iloc[[0, 2]])


def test_parquet_whole_numbers_with_gaps_are_read_exactly(tmp_path):
    pq.write_table(pa.table({"incident_id": ["A1", "A2"], "narrative": ["x", "y"],
                             "count": pa.array([2**60 + 1, None], pa.int64())}), tmp_path / "logs.parquet")
    accepted = load_incidents(tmp_path / "logs.parquet").accepted
    assert str(accepted["count"].dtype) == "Int64"
    assert accepted["count"].tolist()[0] == 2**60 + 1 and accepted["count"].isna().tolist() == [False, True]


# ---- chunks, workers, clashes ---------------------------------------------------------------------


def test_jsonl_output_is_byte_identical_whatever_chunks_and_workers(tiny_model_dir, tmp_path):
    source = _write_jsonl(_JSON_LINES * 3, tmp_path / "logs.jsonl")  # repeated ids are rejected too
    score_file(source, tmp_path / "one.jsonl", model=tiny_model_dir, workers=1, chunk_size=100)
    score_file(source, tmp_path / "many.jsonl", model=tiny_model_dir, workers=2, chunk_size=2)
    assert (tmp_path / "one.jsonl").read_bytes() == (tmp_path / "many.jsonl").read_bytes()


def test_input_with_a_score_column_is_refused(tiny_model_dir, tmp_path):
    source = tmp_path / "logs.csv"
    source.write_text("incident_id,narrative,p_should_record\nA1,Male punched her,0.5\n", encoding="utf-8")
    with pytest.raises(SchemaError, match=r"already has the score column\(s\) \['p_should_record'\]"):
        score_file(source, tmp_path / "scored.csv", model=tiny_model_dir, workers=1)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["logs.csv"]


def test_mapping_a_column_named_like_a_score_column_is_refused(tiny_model_dir, tmp_path):
    source = tmp_path / "logs.csv"
    source.write_text("id,evidence\nA1,Male punched her\n", encoding="utf-8")
    with pytest.raises(SchemaError, match="output would hold two columns called 'evidence'"):
        score_file(source, tmp_path / "scored.csv", model=tiny_model_dir, workers=1,
                   mapping={"incident_id": "id", "narrative": "evidence"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["logs.csv"]


# ---- properties (no model): writers and readers round-trip any cell --------------------------------


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(notes=st.lists(st.text(max_size=30), min_size=1, max_size=8))
def test_csv_text_round_trips_through_writer_reader_and_restore(tmp_path_factory, notes):
    frame = pd.DataFrame({"incident_id": [f"A{i}" for i in range(len(notes))], "narrative": "x", "note": notes})
    path = tmp_path_factory.mktemp("csv") / "out.csv"
    path.write_bytes(frame_to_bytes(frame, format="csv"))
    assert _restored_csv(path)["note"].tolist() == notes  # any CSV reader
    assert restore_formulas(load_incidents(path).accepted)["note"].tolist() == notes  # crimerec's reader


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=10),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=8,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.lists(_JSON_VALUES, min_size=1, max_size=6), yes_no=st.lists(
    st.sampled_from([True, False, None, "Y", "no", 1, 0, "TRUE", ""]), min_size=6, max_size=6))
def test_json_values_round_trip_through_reader_and_writer(tmp_path_factory, values, yes_no):
    lines = [{"incident_id": f"A{i}", "narrative": "x", "recorded": yes_no[i], "value": value}
             for i, value in enumerate(values)]
    path = _write_jsonl(lines, tmp_path_factory.mktemp("jsonl") / "in.jsonl")
    written = []
    for chunk in iter_incident_chunks(path, chunk_size=2):
        text = frame_to_bytes(chunk.accepted, format="jsonl", input_cells=chunk.input_cells).decode("utf-8")
        written += [json.loads(line) for line in text.split("\n")[:-1]]
    assert len(written) == len(lines)
    for before, after in zip(lines, written, strict=True):
        assert _same_json(after, before)


@settings(max_examples=60, deadline=None)
@given(numbers=st.lists(st.floats(allow_nan=False, allow_infinity=False), min_size=1, max_size=10))
def test_jsonl_floats_read_back_bit_for_bit(numbers):
    text = frame_to_bytes(pd.DataFrame({"p": numbers}), format="jsonl").decode("utf-8")
    back = [json.loads(line)["p"] for line in text.split("\n")[:-1]]
    assert [math.copysign(1, x) for x in back] == [math.copysign(1, x) for x in numbers]
    assert back == numbers
