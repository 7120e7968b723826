"""A double quote that is never closed must not swallow later rows (issue #14, defect 1).

Non-regression test for: issue #14 "An unbalanced quote swallows logs with exit 0".
"""

import pytest

from classifier.data import load_incidents, validate_file

HEADER = "incident_id,narrative,closing_comment\n"


def _rows(n):
    """``n`` well-formed rows with ids ID00001..."""
    return [f"ID{i:05d},Narrative number {i} about a dispute,Closed" for i in range(1, n + 1)]


def _write(tmp_path, rows, name="log.csv"):
    path = tmp_path / name
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_quote_closed_by_a_later_row_loses_no_row(tmp_path):
    rows = _rows(30)
    rows[9] = 'ID00010,"Help me she screamed then he punched her,Closed'
    rows[19] = 'ID00020,caller said "he hit me" then left,Closed'
    result = load_incidents(_write(tmp_path, rows))
    assert (result.rows_read, len(result.accepted), len(result.rejects)) == (30, 29, 1)
    assert result.rejects[["row", "column", "incident_id"]].values.tolist() == [[10, "narrative", "ID00010"]]
    assert "never closed" in result.rejects["reason"].iloc[0] and "line 11" in result.rejects["reason"].iloc[0]
    assert result.accepted.loc[9, "narrative"] == "Narrative number 9 about a dispute"
    assert result.accepted.loc[20, "narrative"] == 'caller said "he hit me" then left'
    assert result.file_lines == 31


@pytest.mark.parametrize("chunk_size", [97, 50_000], ids=["small-chunks", "one-chunk"])
def test_quote_never_closed_mid_file_reads_the_rest(tmp_path, chunk_size):
    rows = _rows(5000)
    rows[9] = 'ID00010,"Help me she screamed then he punched her,Closed'
    result = load_incidents(_write(tmp_path, rows), chunk_size=chunk_size)
    assert (result.rows_read, len(result.accepted), result.rejects["row"].tolist()) == (5000, 4999, [10])
    assert result.accepted.index.tolist() == [*range(1, 10), *range(11, 5001)]


def test_ragged_row_after_a_left_out_row_keeps_its_number(tmp_path):
    rows = _rows(12)
    rows[2] = 'ID00003,"opened and never closed,Closed'
    rows[7] = "ID00008,too,many,fields"
    result = load_incidents(_write(tmp_path, rows))
    assert result.rejects["row"].tolist() == [3, 8]
    assert result.accepted.index.tolist() == [1, 2, 4, 5, 6, 7, 9, 10, 11, 12]


def test_multi_line_narrative_is_one_row(tmp_path):
    rows = _rows(4)
    rows[1] = 'ID00002,"first line\nsecond line, with a comma\nthird",Closed'
    result = load_incidents(_write(tmp_path, rows))
    assert len(result.accepted) == 4 and result.file_lines == 7
    assert result.accepted.loc[2, "narrative"] == "first line\nsecond line, with a comma\nthird"


def test_validation_summary_counts_lines(tmp_path):
    rows = _rows(30)
    rows[9] = 'ID00010,"Help me she screamed,Closed'
    summary = validate_file(_write(tmp_path, rows))
    assert (summary.rows_read, summary.rows_rejected, summary.file_lines) == (30, 1, 31)


@pytest.mark.parametrize(("value", "shape"), [("ID00010", "A9"), ("2024/000123", "9/9"), ("-001", "-9")])
def test_id_shape(value, shape):
    from classifier.data.quotes import id_shape

    assert id_shape(value) == shape
