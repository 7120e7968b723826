"""Tests for classifier.data.loading: reading CSV/JSON Lines/Parquet in chunks, rejects, writers, formulas."""

import gzip
import json
import re

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from classifier.cli import app
from classifier.data import (
    REJECT_COLUMNS,
    FrameWriter,
    frame_to_bytes,
    iter_incident_chunks,
    load_incidents,
    neutralise_formulas,
    read_incidents,
    restore_formulas,
    validate_file,
    write_frame,
)
from classifier.data import csv_reader as _csv_reader
from classifier.errors import InputFileError, SchemaError

CSV = (
    b"incident_id,narrative,closing_comment,recorded,reported_at,beat\n"
    b'007,"Caller states partner punched her, cut lip.\nUpdate: officers attending.",Crime raised,Y,2024-03-01,N1\n'
    b"008,Shoplifter left with two bottles of vodka,,n,2024-03-01T14:30:00,N2\n"
    b"009,NA,Advice given,,2024-03-02,\n"
)

_ANY_FILE_ERROR = (InputFileError, SchemaError)


def _write(tmp_path, name, content):
    """Write bytes or text to ``tmp_path/name`` and return the path."""
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def _csv(rows, header="incident_id,narrative,recorded"):
    """Build CSV bytes from a header and row strings."""
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


# ---- CSV reading ---------------------------------------------------------------------------


def test_csv_rows_are_read_as_text_with_contract_dtypes(tmp_path):
    result = load_incidents(_write(tmp_path, "logs.csv", CSV))
    accepted = result.accepted
    assert (result.rows_read, result.rows_accepted, result.rows_rejected) == (3, 3, 0)
    assert accepted.index.tolist() == [1, 2, 3] and accepted.index.name == "row"
    assert accepted["incident_id"].tolist() == ["007", "008", "009"]
    assert accepted["narrative"].iloc[0].endswith("cut lip.\nUpdate: officers attending.")
    assert accepted["narrative"].iloc[2] == "NA"
    assert accepted["closing_comment"].tolist() == ["Crime raised", "", "Advice given"]
    assert accepted["recorded"].dtype == "boolean"
    assert accepted["recorded"].tolist() == [True, False, pd.NA]
    assert accepted["beat"].tolist() == ["N1", "N2", ""]
    assert pd.api.types.is_string_dtype(accepted["narrative"].dtype)


def test_csv_with_byte_order_mark_reads_the_same(tmp_path):
    plain = load_incidents(_write(tmp_path, "a.csv", CSV)).accepted
    with_bom = load_incidents(_write(tmp_path, "b.csv", b"\xef\xbb\xbf" + CSV)).accepted
    pd.testing.assert_frame_equal(plain, with_bom)


def test_csv_with_crlf_line_ends_and_no_final_newline(tmp_path):
    path = _write(tmp_path, "a.csv", b"incident_id,narrative\r\nA1,first\r\nA2,second")
    assert load_incidents(path).accepted["narrative"].tolist() == ["first", "second"]


def test_header_only_csv_gives_one_empty_chunk_with_the_columns(tmp_path):
    chunks = list(iter_incident_chunks(_write(tmp_path, "a.csv", b"incident_id,narrative,area")))
    assert len(chunks) == 1 and chunks[0].rows_read == 0
    assert list(chunks[0].accepted.columns) == ["incident_id", "narrative", "area"]


@pytest.mark.parametrize(
    ("row", "fields"),
    [("A2,too,many,fields", 4), ("A2", 1)],
    ids=["too-many", "too-few"],
)
def test_ragged_csv_rows_are_rejected_with_row_and_id(tmp_path, row, fields):
    path = _write(tmp_path, "a.csv", _csv(["A1,fine,y", row, "A3,fine,n"]))
    result = load_incidents(path)
    assert result.accepted["incident_id"].tolist() == ["A1", "A3"]
    assert result.accepted.index.tolist() == [1, 3]
    reject = result.rejects.iloc[0]
    assert (reject["row"], reject["column"], reject["incident_id"]) == (2, "", "A2")
    assert reject["reason"] == (
        f"row has {fields} fields but the header has 3; look for an unquoted comma or a missing "
        "double quote in this row"
    )


def test_blank_lines_are_skipped_and_not_counted(tmp_path):
    path = _write(tmp_path, "a.csv", b"incident_id,narrative\nA1,x\n\nA2,y\n")
    result = load_incidents(path)
    assert result.rows_read == 2 and result.accepted.index.tolist() == [1, 2]


def test_five_megabyte_narrative_is_a_row_reject(tmp_path):
    huge = "word " * 1_000_000
    path = _write(tmp_path, "a.csv", _csv(["A1,short,y", f'A2,"{huge}",n', "A3,short,n"]))
    result = load_incidents(path)
    assert result.accepted["incident_id"].tolist() == ["A1", "A3"]
    assert result.rejects["row"].tolist() == [2]
    assert result.rejects["reason"].iloc[0].startswith(
        "narrative is 5,000,000 characters long, over the limit of 100,000"
    )


def test_max_text_chars_is_configurable(tmp_path):
    path = _write(tmp_path, "a.csv", _csv(["A1,abcdef,y"]))
    assert load_incidents(path, max_text_chars=5).rows_rejected == 1
    assert load_incidents(path, max_text_chars=6).rows_rejected == 0


def test_nul_bytes_in_text_reject_the_row(tmp_path):
    path = _write(tmp_path, "a.csv", b"incident_id,narrative\nA1,ok\nA2,bad\x00text\n")
    result = load_incidents(path)
    assert result.rejects[["row", "column"]].values.tolist() == [[2, "narrative"]]
    assert "contains NUL bytes" in result.rejects["reason"].iloc[0]


def test_each_malformed_case_in_one_file(tmp_path):
    rows = [
        "A1,Assault reported,y",  # 1 fine
        "A2,,y",  # 2 empty narrative
        "A3,Theft,perhaps",  # 3 bad yes/no
        "A1,Repeat call,n",  # 4 duplicate of row 1
        "A5,Damage,y,extra",  # 5 ragged
        ",No id,y",  # 6 empty id
        "A7,Fine again,N",  # 7 fine
    ]
    result = load_incidents(_write(tmp_path, "a.csv", _csv(rows)))
    assert result.accepted.index.tolist() == [1, 7]
    assert result.rejects[["row", "column"]].values.tolist() == [
        [2, "narrative"], [3, "recorded"], [4, "incident_id"], [5, ""], [6, "incident_id"],
    ]
    assert "already appears at row 1" in result.rejects["reason"].iloc[2]
    assert list(result.rejects.columns) == list(REJECT_COLUMNS)
    assert set(result.rejects["source"]) == {"a.csv"}


def test_unparseable_dates_are_row_rejects(tmp_path):
    path = _write(tmp_path, "a.csv", b"incident_id,narrative,reported_at\nA1,x,2024-01-05\nA2,y,05/01/2024 10:00\n")
    rejects = load_incidents(path).rejects
    assert rejects[["row", "column"]].values.tolist() == [[2, "reported_at"]]
    assert rejects["reason"].iloc[0].startswith("reported_at holds a 16-character value of digits, spaces and punctuation, not an ISO 8601 date")


# ---- encodings -----------------------------------------------------------------------------


def test_non_utf8_byte_stops_with_offset_line_and_fix(tmp_path):
    path = _write(tmp_path, "export.csv", b"incident_id,narrative\nA1,fine\nA2,caf\xe9 owner assaulted\n")
    with pytest.raises(InputFileError, match=r"export.csv is not valid UTF-8 text: the byte 0xE9 at byte offset 36 \(line 3\).*--encoding cp1252"):
        iter_incident_chunks(path)


def test_explicit_encoding_reads_windows_1252(tmp_path):
    path = _write(tmp_path, "export.csv", "incident_id,narrative\nA1,café owner assaulted – £20 taken\n".encode("cp1252"))
    accepted = load_incidents(path, encoding="cp1252").accepted
    assert accepted["narrative"].tolist() == ["café owner assaulted – £20 taken"]


def test_wrong_explicit_encoding_names_it(tmp_path):
    path = _write(tmp_path, "a.csv", b"incident_id,narrative\nA1,\x81\n")
    with pytest.raises(InputFileError, match=r"not valid cp1252 text: the byte 0x81 at byte offset 25.*does not match --encoding cp1252"):
        iter_incident_chunks(path, encoding="cp1252")


def test_utf16_file_gets_a_utf16_hint_and_reads_with_the_encoding(tmp_path):
    path = _write(tmp_path, "a.csv", "incident_id,narrative\nA1,text\n".encode("utf-16"))
    with pytest.raises(InputFileError, match="UTF-16 byte-order mark: re-run with --encoding utf-16"):
        iter_incident_chunks(path)
    assert load_incidents(path, encoding="utf-16").accepted["narrative"].tolist() == ["text"]


def test_unknown_encoding_is_a_file_error(tmp_path):
    with pytest.raises(InputFileError, match="Unknown text encoding 'klingon'"):
        iter_incident_chunks(_write(tmp_path, "a.csv", CSV), encoding="klingon")


def test_bad_byte_after_the_first_megabyte_has_its_true_offset(tmp_path):
    head = b"incident_id,narrative\n" + b"".join(b"A%07d,%s\n" % (n, b"x" * 90) for n in range(12_000))
    path = _write(tmp_path, "a.csv", head + b"B1,\xc3\x28\n")
    with pytest.raises(InputFileError, match=rf"byte 0xC3 at byte offset {len(head) + 3:,} \(line 12,002\)"):
        iter_incident_chunks(path)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(min_value=0, max_value=80), st.sampled_from([b"\xff", b"\xc3", b"\x80", b"\xed\xa0\x80"]))
def test_offset_of_a_bad_byte_is_exact(tmp_path, position, bad):
    text = b"incident_id,narrative\nA1,some text here\nA2,more text and more\nA3,end\n"
    position = min(position, len(text) - 1)
    path = _write(tmp_path, "p.csv", text[:position] + bad + text[position:])
    with pytest.raises(InputFileError, match="is not valid UTF-8 text") as error:
        iter_incident_chunks(path)
    line = text[:position].count(b"\n") + 1
    assert f"at byte offset {position:,} (line {line:,})" in str(error.value)


# ---- file-level errors ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "error", "message"),
    [
        ("a.csv", b"", SchemaError, "a.csv is empty: it needs a header row"),
        ("a.csv", b"\xef\xbb\xbf", SchemaError, "a.csv is empty"),
        ("a.csv", b"URN,Opening Remarks\n1,x\n", SchemaError, "Column 'incident_id' and 'narrative' are missing from a.csv"),
        ("a.csv", b"incident_id,narrative,area,area\n", SchemaError, "Column 'area' appears 2 times"),
        ("a.xlsx", b"PK", InputFileError, "a.xlsx is a spreadsheet.*CSV UTF-8"),
        ("a.txt", b"x", InputFileError, "Cannot tell the format of a.txt"),
        ("a.parquet", b"not parquet at all", InputFileError, "Cannot read a.parquet as Parquet"),
        ("a.jsonl", b'[{"incident_id": "1"}]\n', InputFileError, "no JSON object on any line"),
        ("a.jsonl", b"\n\n", SchemaError, "a.jsonl is empty"),
        ("a.csv.gz", b"not gzip", InputFileError, "Cannot read a.csv.gz"),
    ],
    ids=["empty", "bom-only", "no-required", "repeated", "xlsx", "txt", "bad-parquet", "json-array", "blank-jsonl", "bad-gzip"],
)
def test_file_level_problems_stop_with_one_message(tmp_path, name, content, error, message):
    with pytest.raises(error, match=message):
        iter_incident_chunks(_write(tmp_path, name, content))


def test_missing_file_is_named(tmp_path):
    with pytest.raises(InputFileError, match="Cannot find .*absent.csv. Check the folder and file name"):
        iter_incident_chunks(tmp_path / "absent.csv")


@pytest.mark.parametrize("tail", [b"C,x\n" * 2000, b"C,x\nC,y"], ids=["long-tail", "short-tail"])
def test_quote_never_closed_rejects_the_last_row(tmp_path, monkeypatch, tail):
    monkeypatch.setattr(_csv_reader, "_CSV_BLOCK", 4096)
    body = b"".join(b"A%d,fine\n" % n for n in range(5)) + b'B1,"never closed\n' + tail
    path = _write(tmp_path, "a.csv", b"URN,Text\n" + body)
    result = load_incidents(path, mapping={"incident_id": "URN", "narrative": "Text"}, chunk_size=5)
    assert result.accepted.index.tolist() == [1, 2, 3, 4, 5]
    assert result.rejects[["row", "column", "incident_id"]].values.tolist() == [[6, "narrative", "B1"]]
    assert result.rejects["reason"].iloc[0].startswith("Text opens a double quote that is never closed")


def test_quoted_last_field_with_a_line_break_is_fine(tmp_path):
    path = _write(tmp_path, "a.csv", b'incident_id,narrative\nA1,"two\nlines\n"\n')
    assert load_incidents(path).accepted["narrative"].tolist() == ["two\nlines\n"]


def test_row_longer_than_a_parser_block_is_explained(tmp_path, monkeypatch):
    monkeypatch.setattr(_csv_reader, "_CSV_BLOCK", 4096)
    body = b"".join(b"A%d,fine\n" % n for n in range(5)) + b'B1,"' + b"x" * 10_000 + b'"\nC,x\n'
    path = _write(tmp_path, "a.csv", b"incident_id,narrative\n" + body)
    with pytest.raises(InputFileError, match=r"a.csv has a row longer than 4 KB after data row 5.*double quote"):
        list(iter_incident_chunks(path))


def test_encoding_option_with_parquet_is_refused(tmp_path):
    path = tmp_path / "a.parquet"
    pd.DataFrame({"incident_id": ["1"], "narrative": ["x"]}).to_parquet(path)
    with pytest.raises(InputFileError, match="only applies to CSV and JSON Lines"):
        iter_incident_chunks(path, encoding="cp1252")


@pytest.mark.parametrize(("option", "value"), [("chunk_size", 0), ("max_text_chars", -1)])
def test_sizes_must_be_positive(tmp_path, option, value):
    with pytest.raises(SchemaError, match=f"{option} must be a whole number of at least 1"):
        iter_incident_chunks(_write(tmp_path, "a.csv", CSV), **{option: value})


# ---- mapping -------------------------------------------------------------------------------


def test_force_export_is_mapped_onto_the_contract(tmp_path):
    content = b"URN,Opening Remarks,Closing Remarks,Crime Raised\nX1,Male punched victim,Crime recorded,Yes\n"
    mapping = {"incident_id": "URN", "narrative": "Opening Remarks", "closing_comment": "Closing Remarks", "recorded": "Crime Raised"}
    accepted = load_incidents(_write(tmp_path, "force.csv", content), mapping=mapping).accepted
    assert list(accepted.columns) == ["incident_id", "narrative", "closing_comment", "recorded"]
    assert accepted["recorded"].tolist() == [True]


def test_ragged_row_id_is_found_through_the_mapping(tmp_path):
    content = b"Notes,URN,Opening Remarks\nn,X1,text\nn,X2,text,extra\n"
    result = load_incidents(_write(tmp_path, "f.csv", content), mapping={"incident_id": "URN", "narrative": "Opening Remarks"})
    assert result.rejects["incident_id"].tolist() == ["X2"]


def test_unmapped_force_export_suggests_the_map_option(tmp_path):
    path = _write(tmp_path, "f.csv", b"incident_id,Narrative\n1,x\n")
    with pytest.raises(SchemaError, match=r'--map narrative="Narrative"'):
        iter_incident_chunks(path)


# ---- chunks --------------------------------------------------------------------------------


def test_chunks_keep_order_global_row_numbers_and_cross_chunk_duplicates(tmp_path):
    rows = [f"A{n},text {n},y" for n in range(1, 11)]
    rows[6] = "A2,repeat of row 2,y"  # row 7
    rows[8] = "A9,ragged,y,extra"  # row 9
    chunks = list(iter_incident_chunks(_write(tmp_path, "a.csv", _csv(rows)), chunk_size=3))
    assert [chunk.rows_read for chunk in chunks] == [3, 3, 3, 1]
    assert [chunk.accepted.index.tolist() for chunk in chunks] == [[1, 2, 3], [4, 5, 6], [8], [10]]
    rejects = pd.concat([chunk.rejects for chunk in chunks])
    assert rejects["row"].tolist() == [7, 9]
    assert "already appears at row 2" in rejects["reason"].iloc[0]
    for chunk in chunks:
        assert chunk.rows_read == len(chunk.accepted) + len(chunk.rejects)


def test_numbering_is_right_across_many_parser_blocks(tmp_path, monkeypatch):
    monkeypatch.setattr(_csv_reader, "_CSV_BLOCK", 512)
    lines = []
    for n in range(1, 401):
        if n % 37 == 0:
            lines.append(f"{n},ragged,y,extra")
        elif n % 53 == 0:
            lines.append(f'{n},"two\nlines",bad')
        else:
            lines.append(f'{n},"log {n}, with comma",y')
    chunks = list(iter_incident_chunks(_write(tmp_path, "a.csv", _csv(lines)), chunk_size=25))
    accepted = pd.concat([chunk.accepted for chunk in chunks])
    rejects = pd.concat([chunk.rejects for chunk in chunks])
    assert (accepted.index.astype(str) == accepted["incident_id"]).all()
    assert (rejects["row"].astype(str) == rejects["incident_id"]).all()
    assert sorted(accepted.index.tolist() + rejects["row"].tolist()) == list(range(1, 401))
    assert all(chunk.rows_read <= 25 for chunk in chunks)
    order = [row for chunk in chunks for row in sorted(chunk.accepted.index.tolist() + chunk.rejects["row"].tolist())]
    assert order == list(range(1, 401))


def test_read_incidents_refuses_a_file_with_rejects(tmp_path):
    path = _write(tmp_path, "train.csv", _csv(["A1,x,y", "A2,,y"]))
    with pytest.raises(SchemaError, match=r"1 of 2 rows in train.csv break the data contract. First: row 2, column narrative"):
        read_incidents(path)
    assert read_incidents(_write(tmp_path, "ok.csv", _csv(["A1,x,y"])))["incident_id"].tolist() == ["A1"]


def test_gzipped_csv_is_read(tmp_path):
    path = tmp_path / "a.csv.gz"
    path.write_bytes(gzip.compress(CSV))
    assert load_incidents(path).rows_accepted == 3


# ---- JSON Lines ----------------------------------------------------------------------------


def test_jsonl_rows_numbered_by_line_with_rejects(tmp_path):
    lines = [
        {"incident_id": "A1", "narrative": "Assault", "recorded": True, "count": 3},
        None,  # blank line
        {"incident_id": "A2", "narrative": "Theft", "recorded": "no", "closing_comment": None},
        "{not json",
        ["a", "list"],
        {"incident_id": 7, "narrative": "Damage", "recorded": 1, "tags": ["x", "y"]},
    ]
    text = "\n".join("" if line is None else line if isinstance(line, str) else json.dumps(line) for line in lines)
    result = load_incidents(_write(tmp_path, "a.jsonl", text + "\n"))
    accepted = result.accepted
    assert accepted.index.tolist() == [1, 3, 6]
    assert accepted["incident_id"].tolist() == ["A1", "A2", "7"]
    assert accepted["recorded"].tolist() == [True, False, True]
    assert accepted["closing_comment"].tolist() == ["", "", ""]
    assert accepted["count"].tolist()[0] == "3" and accepted["tags"].iloc[2] == '["x", "y"]'
    assert result.rejects["row"].tolist() == [4, 5]
    assert result.rejects["reason"].iloc[0].startswith("line is not valid JSON (")
    assert result.rejects["reason"].iloc[1] == "line holds an array, not a JSON object; each line must be one {...} object"
    assert result.rows_read == 5


def test_jsonl_keys_first_seen_late_are_kept(tmp_path):
    lines = [{"incident_id": str(n), "narrative": "x"} for n in range(5)]
    lines.append({"incident_id": "9", "narrative": "y", "area": "North"})
    chunks = list(iter_incident_chunks(_write(tmp_path, "a.jsonl", "\n".join(map(json.dumps, lines))), chunk_size=2))
    assert all(list(chunk.accepted.columns) == ["incident_id", "narrative", "area"] for chunk in chunks)
    assert chunks[-1].accepted["area"].tolist()[-1] == "North"


def test_jsonl_missing_required_key_everywhere_is_a_schema_error(tmp_path):
    with pytest.raises(SchemaError, match="Column 'narrative' is missing from a.jsonl"):
        iter_incident_chunks(_write(tmp_path, "a.jsonl", '{"incident_id": "1", "text": "x"}\n'))


def test_jsonl_non_utf8_is_a_file_error(tmp_path):
    path = _write(tmp_path, "a.jsonl", b'{"incident_id": "1", "narrative": "caf\xe9"}\n')
    with pytest.raises(InputFileError, match=r"byte 0xE9 at byte offset 38 \(line 1\)"):
        iter_incident_chunks(path)


# ---- Parquet -------------------------------------------------------------------------------


def test_parquet_keeps_types_and_converts_contract_columns(tmp_path):
    path = tmp_path / "a.parquet"
    table = pa.table(
        {
            "incident_id": pa.array([1, 2, 3], pa.int64()),
            "narrative": ["a", "", "c"],
            "recorded": pa.array([True, None, False]),
            "reported_at": pa.array(pd.to_datetime(["2024-03-01 10:00:00", "2024-03-02 00:00:00", None])),
            "score": [0.5, 0.25, 1.0],
        }
    )
    pq.write_table(table, path, row_group_size=2)
    chunks = list(iter_incident_chunks(path, chunk_size=2))
    accepted = pd.concat([chunk.accepted for chunk in chunks])
    assert accepted.index.tolist() == [1, 3]
    assert accepted["incident_id"].tolist() == ["1", "3"]
    assert accepted["recorded"].tolist() == [True, False]
    assert accepted["reported_at"].tolist() == ["2024-03-01T10:00:00", ""]
    assert accepted["score"].tolist() == [0.5, 1.0]
    assert chunks[0].rejects["row"].tolist() == [2]


# ---- writers -------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet", ".csv.gz", ".jsonl.gz"])
def test_written_files_read_back_the_same(tmp_path, suffix):
    original = load_incidents(_write(tmp_path, "in.csv", CSV)).accepted
    path = write_frame(original, tmp_path / f"out{suffix}")
    again = load_incidents(path).accepted
    pd.testing.assert_frame_equal(again, original)


def test_csv_output_neutralises_formulas_and_restores(tmp_path):
    content = b"incident_id,narrative,note\n=1+1,@SUM(A1),-2\n"
    original = load_incidents(_write(tmp_path, "in.csv", content)).accepted
    path = write_frame(original, tmp_path / "out.csv")
    assert path.read_text().splitlines()[1] == "'=1+1,'@SUM(A1),'-2"
    again = load_incidents(path).accepted
    pd.testing.assert_frame_equal(restore_formulas(again), original)


def test_frame_writer_appends_chunks_with_one_header(tmp_path):
    target = tmp_path / "out.csv"
    with FrameWriter(target, index=True) as writer:
        for chunk in iter_incident_chunks(_write(tmp_path, "in.csv", CSV), chunk_size=2):
            writer.write(chunk.accepted)
    lines = pd.read_csv(target, dtype=str, keep_default_na=False)
    assert lines["row"].tolist() == ["1", "2", "3"] and writer.rows_written == 3


def test_frame_writer_parquet_appends_row_groups(tmp_path):
    target = tmp_path / "out.parquet"
    with FrameWriter(target) as writer:
        for chunk in iter_incident_chunks(_write(tmp_path, "in.csv", CSV), chunk_size=1):
            writer.write(chunk.accepted)
    assert pq.ParquetFile(target).metadata.num_row_groups == 3
    assert pd.read_parquet(target)["incident_id"].tolist() == ["007", "008", "009"]


def test_frame_writer_refuses_different_columns(tmp_path):
    with pytest.raises(SchemaError, match="Cannot append to out.jsonl: the columns"):
        with FrameWriter(tmp_path / "out.jsonl") as writer:
            writer.write(pd.DataFrame({"a": ["1"]}))
            writer.write(pd.DataFrame({"b": ["1"]}))


def test_frame_writer_writes_the_template_when_nothing_else(tmp_path):
    from classifier.data import empty_rejects

    with FrameWriter(tmp_path / "rejects.csv", template=empty_rejects()):
        pass
    assert (tmp_path / "rejects.csv").read_text() == "source,row,column,reason,incident_id\n"


def test_bom_option_starts_csv_with_a_byte_order_mark(tmp_path):
    path = write_frame(pd.DataFrame({"a": ["é"]}), tmp_path / "x.csv", bom=True)
    assert path.read_bytes() == b"\xef\xbb\xbfa\n\xc3\xa9\n"


def test_frame_to_bytes_without_header_for_appending():
    frame = pd.DataFrame({"id": ["A1"], "ok": pd.array([True], dtype="boolean")})
    assert frame_to_bytes(frame, format="csv", header=False) == b"A1,True\n"
    assert frame_to_bytes(frame, format="jsonl") == b'{"id":"A1","ok":true}\n'


def test_write_to_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(InputFileError, match="Cannot write .*out.csv"):
        write_frame(pd.DataFrame({"a": ["1"]}), tmp_path / "no" / "out.csv")


# ---- formula neutralisation ----------------------------------------------------------------


def test_neutralise_formulas_covers_owasp_characters_and_column_names():
    frame = pd.DataFrame(
        {"=name": ["=1+1", "+44 7700", "-x", "@A1", "\tTab", "\rCR", "'=quoted", "safe", None], "n": range(9)}
    )
    out = neutralise_formulas(frame)
    assert list(out.columns) == ["'=name", "n"]
    assert out["'=name"].tolist()[:8] == ["'=1+1", "'+44 7700", "'-x", "'@A1", "'\tTab", "'\rCR", "''=quoted", "safe"]
    assert pd.isna(out["'=name"].iloc[8]) and out["n"].tolist() == list(range(9))


def test_neutralise_handles_object_and_category_columns():
    frame = pd.DataFrame({"o": pd.Series(["=x", 3, None], dtype=object), "c": pd.Categorical(["-1", "a", "-1"])})
    out = neutralise_formulas(frame)
    assert out["o"].tolist()[:2] == ["'=x", 3] and out["c"].tolist() == ["'-1", "a", "'-1"]
    pd.testing.assert_frame_equal(restore_formulas(out), frame)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("'=+-@\t\rab 1"), max_size=6), min_size=1, max_size=10))
def test_neutralise_round_trips_and_leaves_no_formula(values):
    frame = pd.DataFrame({"text": values}, dtype="str")
    out = neutralise_formulas(frame)
    assert not out["text"].str.match(r"[=+\-@\t\r]").any()
    pd.testing.assert_frame_equal(restore_formulas(out), frame)


# ---- validate_file and the CLI -------------------------------------------------------------


def test_validate_file_counts_and_writes_rejects(tmp_path):
    path = _write(tmp_path, "a.csv", _csv(["A1,x,y", "A2,,y", "A3,z,maybe", "A4,w,n"]))
    summary = validate_file(path, rejects_path=tmp_path / "rejects.csv")
    assert (summary.rows_read, summary.rows_accepted, summary.rows_rejected) == (4, 2, 2)
    assert summary.rejects_by_column == {"narrative": 1, "recorded": 1}
    written = pd.read_csv(tmp_path / "rejects.csv", dtype=str, keep_default_na=False)
    assert written.columns.tolist() == list(REJECT_COLUMNS)
    assert written["row"].tolist() == ["2", "3"]


def test_validate_file_writes_no_rejects_file_when_the_file_fails(tmp_path):
    path = _write(tmp_path, "a.csv", b"incident_id,text\n1,x\n")
    with pytest.raises(SchemaError, match="Column 'narrative' is missing"):
        validate_file(path, rejects_path=tmp_path / "rejects.csv")
    assert not (tmp_path / "rejects.csv").exists()


def test_validate_command_reports_counts_and_reasons(tmp_path):
    content = b"URN,Opening Remarks\nX1,Assault\nX2,\n"
    path = _write(tmp_path, "force.csv", content)
    rejects = tmp_path / "rejects.csv"
    result = CliRunner().invoke(
        app, ["validate", str(path), "--map", "incident_id=URN", "--map", "narrative=Opening Remarks", "--rejects", str(rejects)]
    )
    assert result.exit_code == 0, result.output
    assert "force.csv: 2 rows read, 1 accepted, 1 rejected." in result.output
    assert "row 2: narrative is empty" in result.output
    assert "Assault" not in result.output
    assert rejects.read_text().startswith("source,row,column,reason,incident_id\nforce.csv,2,narrative,")


def test_validate_command_uses_a_mapping_file(tmp_path):
    path = _write(tmp_path, "force.csv", b"URN,Text\nX1,Assault\n")
    mapping = _write(tmp_path, "force.toml", 'incident_id = "URN"\nnarrative = "Text"\n')
    result = CliRunner().invoke(app, ["validate", str(path), "--mapping-file", str(mapping)])
    assert result.exit_code == 0, result.output
    assert "1 rows read, 1 accepted, 0 rejected" in result.output


def test_validate_command_file_error_exits_1(tmp_path, capsys, monkeypatch):
    from classifier.cli import main

    path = _write(tmp_path, "a.csv", b"incident_id,narrative\nA1,caf\xe9\n")
    monkeypatch.setattr("sys.argv", ["crimerec", "validate", str(path)])
    with pytest.raises(SystemExit, match="^1$") as exit_info:
        main()
    assert exit_info.value.code == 1
    assert re.search(r"^Error: a.csv is not valid UTF-8 text: .*--encoding cp1252", capsys.readouterr().err)


# ---- properties: arbitrary bytes ------------------------------------------------------------

_bytes = st.one_of(
    st.binary(max_size=300),
    st.lists(st.sampled_from([b"incident_id", b"narrative", b",", b"\n", b"\r", b'"', b"a", b"1", b"y", b"\x00", b"\xff", b"\xc3\xa9", b" "]), max_size=60).map(b"".join),
    st.lists(st.sampled_from([b'{"incident_id": ', b'"x"', b"1", b', "narrative": ', b"}", b"\n", b"[", b"null", b"\xff", b'"\\u0000"']), max_size=30).map(b"".join),
)


def _check_reconciles(path, **options):
    """Read ``path``; if it is readable, check every row is accepted or rejected exactly once."""
    try:
        chunks = list(iter_incident_chunks(path, chunk_size=3, **options))
    except _ANY_FILE_ERROR:
        return
    rows = []
    for chunk in chunks:
        assert chunk.rows_read == len(chunk.accepted) + len(chunk.rejects)
        rows += chunk.accepted.index.tolist() + chunk.rejects["row"].tolist()
    assert len(rows) == len(set(rows)) == sum(chunk.rows_read for chunk in chunks)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_bytes, st.sampled_from(["x.csv", "x.jsonl", "x.parquet"]))
def test_arbitrary_bytes_never_crash_and_always_reconcile(tmp_path, content, name):
    _check_reconciles(_write(tmp_path, name, b"incident_id,narrative\n" + content if name == "x.csv" else content))
    _check_reconciles(_write(tmp_path, name, content))


_field = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(_field, _field, st.sampled_from(["y", "n", "", "maybe"])), max_size=12))
def test_csv_written_by_python_reads_back_exactly(tmp_path, rows):
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["incident_id", "narrative", "recorded"])
    writer.writerows(rows)
    result = load_incidents(_write(tmp_path, "p.csv", buffer.getvalue().encode("utf-8")), chunk_size=4)
    assert result.rows_read == len(rows)
    for row, (incident_id, narrative, _) in zip(result.accepted.index, [rows[i - 1] for i in result.accepted.index]):
        assert result.accepted.loc[row, "incident_id"] == incident_id
        assert result.accepted.loc[row, "narrative"] == narrative
