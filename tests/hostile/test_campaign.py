"""The hostile-input campaign of issue #14, kept as a table: each case is an input or situation a hostile
but realistic user could produce, run through the command they would run, with the outcome expected.

Every case runs ``crimerec`` in this process through ``classifier.cli.main`` (as the installed command
does), so an uncaught exception fails the case: the campaign's first rule is one clear line, never a
traceback. Cases are grouped by kind: encodings, CSV structure, JSON Lines and Parquet, values,
formulas, files and signals, models, label store and report. The slow loops (500k-row files, kills at
random moments) are in ``benchmarks/hostile_loops.py``; counts are in docs/RELIABILITY.md.
"""

import codecs
import gzip
import json
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import run_main

HEADER = "incident_id,narrative,closing_comment,recorded\n"
ROWS = "".join(f"ID{i:05d},Caller reports a dispute number {i},Advice given,no\n" for i in range(1, 31))


@dataclass(frozen=True)
class Case:
    """One hostile case: write files, run a command, expect an exit code and texts in its output."""

    kind: str
    name: str
    files: dict  # file name -> bytes, str, a DataFrame (written by extension) or a callable(folder)
    args: tuple  # the command line after 'crimerec'; {dir} and {model} are filled in
    code: int = 0
    expect: tuple = ()  # texts that must appear in stdout + stderr
    absent: tuple = ()  # texts that must not appear (raw values that must not be echoed)
    after: object = None  # callable(folder) -> None, extra checks on files left behind
    needs: tuple = field(default=())  # 'model', 'root', 'chattr'


def _csv(body, header=HEADER):
    return (header + body).encode("utf-8")


def _write(folder, name, content):
    """Write one case file: bytes, text, a DataFrame by extension, or a callable doing its own writing."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if callable(content):
        content(folder)
    elif isinstance(content, pd.DataFrame):
        {".parquet": lambda: content.to_parquet(path), ".jsonl": lambda: content.to_json(path, orient="records", lines=True),
         ".csv": lambda: content.to_csv(path, index=False)}[path.suffix]()
    else:
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)


# ---- encodings -------------------------------------------------------------------------------------
ENCODINGS = [
    Case("encoding", "utf8", {"in.csv": _csv(ROWS)}, ("validate", "{dir}/in.csv"), 0, ("30 rows read, 30 accepted",)),
    Case("encoding", "utf8-bom", {"in.csv": codecs.BOM_UTF8 + _csv(ROWS)}, ("validate", "{dir}/in.csv"), 0,
         ("30 rows read, 30 accepted",)),
    Case("encoding", "cp1252-unannounced", {"in.csv": _csv("A1,caf\xe9 owner assaulted,,no\n").decode().encode("cp1252")},
         ("validate", "{dir}/in.csv"), 1, ("not valid UTF-8", "cp1252")),
    Case("encoding", "cp1252-announced", {"in.csv": _csv("A1,caf\xe9 owner assaulted,,no\n").decode().encode("cp1252")},
         ("validate", "{dir}/in.csv", "--encoding", "cp1252"), 0, ("1 rows read, 1 accepted",)),
    Case("encoding", "utf16-unannounced", {"in.csv": _csv(ROWS).decode().encode("utf-16")},
         ("validate", "{dir}/in.csv"), 1, ("utf-16",)),
    Case("encoding", "utf16-announced", {"in.csv": _csv(ROWS).decode().encode("utf-16")},
         ("validate", "{dir}/in.csv", "--encoding", "utf-16"), 0, ("30 accepted",)),
    Case("encoding", "latin1", {"in.csv": _csv("A1,\xa3200 stolen,,no\n").decode().encode("latin-1")},
         ("validate", "{dir}/in.csv", "--encoding", "latin-1"), 0, ("1 accepted",)),
    Case("encoding", "unknown-encoding", {"in.csv": _csv(ROWS)}, ("validate", "{dir}/in.csv", "--encoding", "klingon"),
         1, ("Unknown text encoding",)),
    Case("encoding", "bad-byte-at-the-end", {"in.csv": _csv(ROWS * 20) + b"A9,bad \xff byte,,no\n"},
         ("validate", "{dir}/in.csv"), 1, ("byte offset", "line 602")),
    Case("encoding", "nul-in-narrative", {"in.csv": _csv("A1,text\x00with nul,,no\nA2,fine,,no\n")},
         ("validate", "{dir}/in.csv"), 0, ("1 rejected", "NUL bytes")),
    Case("encoding", "emoji-and-non-bmp", {"in.csv": _csv("A1,He threatened me \U0001F52A\U0001F621,,no\n")},
         ("validate", "{dir}/in.csv"), 0, ("1 accepted",)),
    Case("encoding", "zero-width-and-rtl", {"in.csv": _csv("A1,hit\u200b me \u202eevil\u202c,,no\n")},
         ("validate", "{dir}/in.csv"), 0, ("1 accepted",)),
    Case("encoding", "gzip", {"in.csv.gz": gzip.compress(_csv(ROWS))}, ("validate", "{dir}/in.csv.gz"), 0,
         ("30 accepted",)),
    Case("encoding", "gzip-truncated", {"in.csv.gz": gzip.compress(_csv(ROWS * 50))[:300]},
         ("validate", "{dir}/in.csv.gz"), 1, ("Cannot read in.csv.gz",)),
    Case("encoding", "not-gzip", {"in.csv.gz": _csv(ROWS)}, ("validate", "{dir}/in.csv.gz"), 1, ("Cannot read",)),
    Case("encoding", "crlf", {"in.csv": _csv(ROWS).replace(b"\n", b"\r\n")}, ("validate", "{dir}/in.csv"), 0,
         ("30 rows read, 30 accepted",)),
    Case("encoding", "jsonl-lone-surrogate", {"in.jsonl": '{"incident_id": "A1", "narrative": "x\\ud800"}\n'
                                              '{"incident_id": "A2", "narrative": "fine"}\n'},
         ("validate", "{dir}/in.jsonl"), 0, ("1 rejected", "half of a UTF-16")),
]

# ---- CSV structure ---------------------------------------------------------------------------------
_UNCLOSED = ROWS.replace("ID00010,Caller reports a dispute number 10,", 'ID00010,"Help me she screamed,')
STRUCTURE = [
    Case("csv", "header-only", {"in.csv": _csv("")}, ("validate", "{dir}/in.csv"), 0, ("0 rows read",)),
    Case("csv", "empty-file", {"in.csv": b""}, ("validate", "{dir}/in.csv"), 1, ("is empty",)),
    Case("csv", "bom-only", {"in.csv": codecs.BOM_UTF8}, ("validate", "{dir}/in.csv"), 1, ("is empty",)),
    Case("csv", "no-narrative-column", {"in.csv": b"incident_id,text\nA1,x\n"}, ("validate", "{dir}/in.csv"), 1,
         ("narrative",)),
    Case("csv", "repeated-column", {"in.csv": b"incident_id,narrative,area,area\nA1,x,a,b\n"},
         ("validate", "{dir}/in.csv"), 1, ("appears 2 times",)),
    Case("csv", "too-many-fields", {"in.csv": _csv("A1,x,,no,extra\nA2,y,,no\n")}, ("validate", "{dir}/in.csv"), 0,
         ("1 rejected", "5 fields but the header has 4")),
    Case("csv", "too-few-fields", {"in.csv": _csv("A1,x\nA2,y,,no\n")}, ("validate", "{dir}/in.csv"), 0,
         ("1 rejected",)),
    Case("csv", "unclosed-quote-mid-file", {"in.csv": _csv(_UNCLOSED)}, ("validate", "{dir}/in.csv"), 0,
         ("30 rows read, 29 accepted, 1 rejected", "31 lines in the file", "row 10", "never closed")),
    Case("csv", "unclosed-quote-closed-by-a-later-row",
         {"in.csv": _csv(_UNCLOSED.replace("number 20,", 'number 20 said "he hit me" then left,'))},
         ("validate", "{dir}/in.csv"), 0, ("30 rows read, 29 accepted, 1 rejected",)),
    Case("csv", "unclosed-quote-in-the-last-row", {"in.csv": _csv(ROWS + 'ID00031,x,,"never closed\n')},
         ("validate", "{dir}/in.csv"), 0, ("31 rows read, 30 accepted, 1 rejected", "never closed")),
    Case("csv", "quoted-multi-line-narrative", {"in.csv": _csv('A1,"line one\nline two, with comma",,no\n')},
         ("validate", "{dir}/in.csv"), 0, ("1 rows read, 1 accepted", "3 lines in the file")),
    Case("csv", "blank-lines", {"in.csv": _csv("A1,x,,no\n\n\nA2,y,,no\n")}, ("validate", "{dir}/in.csv"), 0,
         ("2 rows read, 2 accepted",)),
    Case("csv", "no-final-newline", {"in.csv": _csv(ROWS).rstrip(b"\n")}, ("validate", "{dir}/in.csv"), 0,
         ("30 accepted",)),
    Case("csv", "semicolon-separated", {"in.csv": b"incident_id;narrative\nA1;x\n"}, ("validate", "{dir}/in.csv"), 1,
         ("missing",)),
    Case("csv", "tab-separated", {"in.csv": b"incident_id\tnarrative\nA1\tx\n"}, ("validate", "{dir}/in.csv"), 1,
         ("missing",)),
    Case("csv", "row-of-commas", {"in.csv": _csv(",,,\nA2,y,,no\n")}, ("validate", "{dir}/in.csv"), 0,
         ("1 rejected", "incident_id is empty")),
    Case("csv", "duplicate-ids", {"in.csv": _csv("A1,x,,no\nA1,y,,no\n")}, ("validate", "{dir}/in.csv"), 0,
         ("1 rejected", "already appears at row 1")),
    Case("csv", "empty-narrative", {"in.csv": _csv("A1,,,no\nA2,   ,,no\n")}, ("validate", "{dir}/in.csv"), 1,
         ("2 rejected", "narrative is empty")),  # no row left: validate fails
    Case("csv", "text-over-the-limit", {"in.csv": _csv("A1," + "x" * 80 + ",,no\nA2,fine,,no\n")},
         ("validate", "{dir}/in.csv", "--max-text-chars", "50"), 0, ("1 rejected", "over the limit")),
    Case("csv", "extra-columns-carried", {"in.csv": _csv("A1,x,,no,keep me\n", HEADER[:-1] + ",notes\n")},
         ("validate", "{dir}/in.csv"), 0, ("1 accepted",)),
    Case("csv", "mapping", {"in.csv": b"URN,Opening Remarks\nX1,pushed over\n"},
         ("validate", "{dir}/in.csv", "--map", "incident_id=URN", "--map", "narrative=Opening Remarks"), 0, ("1 accepted",)),
    Case("csv", "mapping-to-a-missing-column", {"in.csv": b"URN,Opening Remarks\nX1,pushed over\n"},
         ("validate", "{dir}/in.csv", "--map", "narrative=Remarks"), 1, ("Remarks",)),
    Case("csv", "mapping-without-equals", {"in.csv": _csv(ROWS)}, ("validate", "{dir}/in.csv", "--map", "narrative"),
         1, ("has no '='",)),
    Case("csv", "xlsx", {"in.xlsx": b"PK\x03\x04"}, ("validate", "{dir}/in.xlsx"), 1, ("spreadsheet",)),
    Case("csv", "unknown-extension", {"in.txt": _csv(ROWS)}, ("validate", "{dir}/in.txt"), 1, ("Cannot tell the format",)),
    Case("csv", "unknown-extension-with-format", {"in.txt": _csv(ROWS)}, ("validate", "{dir}/in.txt", "--format", "csv"),
         0, ("30 accepted",)),
    Case("csv", "header-with-nul", {"in.csv": b"incident_id\x00,narrative\nA1,x\n"}, ("validate", "{dir}/in.csv"), 1,
         ("NUL",)),
]

# ---- JSON Lines and Parquet ------------------------------------------------------------------------
_FRAME = pd.DataFrame({"incident_id": ["A1", "A2"], "narrative": ["pushed over", "bike stolen"]})
OTHER_FORMATS = [
    Case("jsonl", "jsonl", {"in.jsonl": _FRAME}, ("validate", "{dir}/in.jsonl"), 0, ("2 accepted",)),
    Case("jsonl", "json-array", {"in.jsonl": '[{"incident_id": "A1"}]\n'}, ("validate", "{dir}/in.jsonl"), 1,
         ("no JSON object on any line",)),
    Case("jsonl", "not-an-object-line", {"in.jsonl": '{"incident_id": "A1", "narrative": "x"}\n[1, 2]\n"text"\n'},
         ("validate", "{dir}/in.jsonl"), 0, ("2 rejected", "not a JSON object")),
    Case("jsonl", "broken-json-line", {"in.jsonl": '{"incident_id": "A1", "narrative": "x"}\n{"incident_id": \n'},
         ("validate", "{dir}/in.jsonl"), 0, ("1 rejected", "not valid JSON")),
    Case("jsonl", "infinity", {"in.jsonl": '{"incident_id": "A1", "narrative": "x"}\n'
                               '{"incident_id": "A2", "narrative": "y", "n": Infinity}\n'},
         ("validate", "{dir}/in.jsonl"), 0, ("1 rejected", "NaN, Infinity")),
    Case("jsonl", "nan", {"in.jsonl": '{"incident_id": "A1", "narrative": "x"}\n'
                          '{"incident_id": "A2", "narrative": "y", "n": NaN}\n'},
         ("validate", "{dir}/in.jsonl"), 0, ("1 rejected",)),
    Case("jsonl", "overflow-1e400", {"in.jsonl": '{"incident_id": "A1", "narrative": "x"}\n'
                                     '{"incident_id": "A2", "narrative": "y", "n": 1e400}\n'},
         ("validate", "{dir}/in.jsonl"), 0, ("1 rejected", "beyond the range of a double")),
    Case("jsonl", "deeply-nested", {"in.jsonl": '{"incident_id": "A1", "narrative": "x", "n": ' + "[" * 100_000 + "]" * 100_000
                                    + '}\n{"incident_id": "A2", "narrative": "y"}\n'},
         ("validate", "{dir}/in.jsonl"), 0, ("1 rejected", "nested too deeply")),
    Case("jsonl", "nested-values-carried", {"in.jsonl": '{"incident_id": "A1", "narrative": "x", "meta": {"a": [1, 2]}}\n'},
         ("validate", "{dir}/in.jsonl"), 0, ("1 accepted",)),
    Case("jsonl", "blank-lines", {"in.jsonl": '{"incident_id": "A1", "narrative": "x"}\n\n\n'
                                  '{"incident_id": "A2", "narrative": "y"}\n'},
         ("validate", "{dir}/in.jsonl"), 0, ("2 rows read, 2 accepted",)),
    Case("jsonl", "numeric-ids", {"in.jsonl": '{"incident_id": 1, "narrative": "x"}\n{"incident_id": 2, "narrative": "y"}\n'},
         ("validate", "{dir}/in.jsonl"), 0, ("2 accepted",)),
    Case("parquet", "parquet", {"in.parquet": _FRAME}, ("validate", "{dir}/in.parquet"), 0, ("2 accepted",)),
    Case("parquet", "parquet-corrupt", {"in.parquet": b"PAR1 not really"}, ("validate", "{dir}/in.parquet"), 1,
         ("Cannot read in.parquet as Parquet",)),
    Case("parquet", "parquet-with-encoding", {"in.parquet": _FRAME},
         ("validate", "{dir}/in.parquet", "--encoding", "cp1252"), 1, ("only applies to CSV and JSON Lines",)),
    Case("parquet", "parquet-integer-ids", {"in.parquet": _FRAME.assign(incident_id=[1, 2])},
         ("validate", "{dir}/in.parquet"), 0, ("2 accepted",)),
]

# ---- values ----------------------------------------------------------------------------------------
VALUES = [
    Case("values", "recorded-maybe", {"in.csv": _csv("A1,x,,maybe\n")}, ("validate", "{dir}/in.csv"), 0,
         ("1 accepted", "left empty", "recorded holds a 5-character value of letters"), ("maybe",)),
    Case("values", "recorded-maybe-strict", {"in.csv": _csv("A1,x,,maybe\nA2,y,,no\n")},
         ("validate", "{dir}/in.csv", "--strict"), 1, ("1 rejected", "recorded holds a 5-character"), ("maybe",)),
    Case("values", "phone-number-in-recorded", {"in.csv": _csv("A1,x,,07700 900123\n")},
         ("validate", "{dir}/in.csv", "--rejects", "{dir}/rejects.csv"), 0, ("left empty",), ("07700",),
         after=lambda d: _absent_from(d / "rejects.csv", "07700")),
    Case("values", "name-in-domestic-abuse", {"in.csv": b"incident_id,narrative,domestic_abuse\nA1,x,Jane Smithson\n"},
         ("validate", "{dir}/in.csv"), 0, ("left empty", "13-character value of letters and spaces"), ("Smithson",)),
    Case("values", "day-first-date", {"in.csv": b"incident_id,narrative,reported_at\nA1,x,31/12/2024\n"},
         ("validate", "{dir}/in.csv"), 0, ("left empty", "not an ISO 8601 date"), ("31/12/2024",)),
    Case("values", "iso-date-with-zone", {"in.csv": b"incident_id,narrative,reported_at\nA1,x,2024-03-01T14:30:00+01:00\n"},
         ("validate", "{dir}/in.csv"), 0, ("1 accepted",)),
    Case("values", "yes-no-spellings", {"in.csv": b"incident_id,narrative,recorded,domestic_abuse\nA1,x, Yes ,n\nA2,y,0,TRUE\n"},
         ("validate", "{dir}/in.csv"), 0, ("2 accepted",)),
    Case("values", "impossible-date", {"in.csv": b"incident_id,narrative,reported_at\nA1,x,2024-02-30\n"},
         ("validate", "{dir}/in.csv"), 0, ("left empty",), ("2024-02-30",)),
    Case("values", "huge-id", {"in.csv": _csv("A" * 5000 + ",x,,no\n")}, ("validate", "{dir}/in.csv"), 0,
         ("1 accepted",)),
    Case("values", "id-with-spaces-only", {"in.csv": _csv("   ,x,,no\nA2,y,,no\n")}, ("validate", "{dir}/in.csv"), 0,
         ("1 rejected", "incident_id is empty")),
]


def _absent_from(path, text):
    assert text not in path.read_text(encoding="utf-8")


# ---- formulas (score and report with the tiny model) ------------------------------------------------
def _formula_input(folder):
    pd.DataFrame({"incident_id": ["-001", "=SUM(A1)", "+44", "@x", "\t7", "'=x", "plain"],
                  "narrative": ["=HYPERLINK(\"http://x\")", "Pushed over", "@SUM(1)", "-5 stolen", "+cmd", "Hit", "Fine"],
                  "recorded": ["no"] * 7}).to_csv(folder / "in.csv", index=False)


def _scored_ids(folder, name="out.csv"):
    from classifier.data import restore_formulas

    return restore_formulas(pd.read_csv(folder / name, dtype=str, keep_default_na=False))["incident_id"].tolist()


def _formulas_neutralised(folder):
    text = (folder / "out.csv").read_text(encoding="utf-8")
    assert "\n=" not in text and ",=" not in text and ",@" not in text and "\n-" not in text
    assert _scored_ids(folder) == ["-001", "=SUM(A1)", "+44", "@x", "\t7", "'=x", "plain"]


def _report_ids_round_trip(folder):
    triage = pd.read_csv(folder / "rep" / "triage.csv", dtype=str, keep_default_na=False)
    from classifier.data import restore_formulas

    assert "''-001" not in (folder / "rep" / "triage.csv").read_text(encoding="utf-8")
    assert set(restore_formulas(triage)["incident_id"]) <= {"-001", "=SUM(A1)", "+44", "@x", "\t7", "'=x", "plain"}


_SCORE = ("score", "{dir}/in.csv", "-o", "{dir}/out.csv", "-m", "{model}", "--workers", "1")
FORMULAS = [
    Case("formulas", "score-neutralises-once", {"in.csv": _formula_input}, _SCORE, 0, ('"rows_scored": 7',),
         after=_formulas_neutralised, needs=("model",)),
    Case("formulas", "score-jsonl-output-unchanged", {"in.csv": _formula_input},
         ("score", "{dir}/in.csv", "-o", "{dir}/out.jsonl", "-m", "{model}", "--workers", "1"), 0, ('"rows_scored": 7',),
         after=lambda d: _jsonl_ids(d, ["-001", "=SUM(A1)", "+44", "@x", "\t7", "'=x", "plain"]), needs=("model",)),
    Case("formulas", "formula-column-name", {"in.csv": b"incident_id,narrative,=cmd\nA1,x,1\n"},
         ("score", "{dir}/in.csv", "-o", "{dir}/out.csv", "-m", "{model}", "--workers", "1"), 0, ('"rows_scored": 1',),
         after=lambda d: _first_line_has(d / "out.csv", "'=cmd"), needs=("model",)),
]


def _jsonl_ids(folder, ids):
    lines = (folder / "out.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["incident_id"] for line in lines] == ids


def _first_line_has(path, text):
    assert text in path.read_text(encoding="utf-8").splitlines()[0]


# ---- files and signals -----------------------------------------------------------------------------
def _loop(folder):
    (folder / "a.csv").symlink_to(folder / "b.csv")
    (folder / "b.csv").symlink_to(folder / "a.csv")


def _partial_with_chunks(folder):
    folder.joinpath("in.csv").write_bytes(_csv(ROWS))
    partial = folder / "out.csv.partial"
    partial.mkdir()
    (partial / "chunk-000000.done.json").write_text("{}")
    (partial / "manifest.json").write_text("{}")


FILES = [
    Case("files", "missing-input", {}, ("validate", "{dir}/absent.csv"), 1, ("Cannot find",)),
    Case("files", "folder-as-input", {"sub/x.txt": b""}, ("validate", "{dir}/sub", "--format", "csv"), 1, ("is a folder",)),
    Case("files", "symlink-loop", {"loop": _loop}, ("score", "{dir}/a.csv", "-o", "{dir}/out.csv"), 1,
         ("loop of symbolic links",)),
    Case("files", "output-is-the-input", {"in.csv": _csv(ROWS)}, ("score", "{dir}/in.csv", "-o", "{dir}/in.csv"), 1,
         ("would overwrite the input",)),
    Case("files", "output-equals-rejects", {"in.csv": _csv(ROWS)},
         ("score", "{dir}/in.csv", "-o", "{dir}/o.csv", "--rejects", "{dir}/o.csv"), 1, ("give --rejects another",)),
    Case("files", "output-is-a-folder", {"in.csv": _csv(ROWS), "sub/x": b""}, ("score", "{dir}/in.csv", "-o", "{dir}/sub"),
         1, ("is a folder",)),
    Case("files", "output-in-read-only-folder", {"in.csv": _csv(ROWS)},
         ("score", "{dir}/in.csv", "-o", "{dir}/ro/out.csv", "-m", "{model}"), 1, ("Cannot write the output",),
         needs=("model", "read-only")),
    Case("files", "rejects-in-read-only-folder", {"in.csv": _csv(ROWS)},
         ("score", "{dir}/in.csv", "-o", "{dir}/out.csv", "--rejects", "{dir}/ro/r.csv", "-m", "{model}"), 1,
         ("Cannot write the rejects",), needs=("model", "read-only")),
    Case("files", "validate-rejects-in-read-only-folder", {"in.csv": _csv("A1,,,no\n")},
         ("validate", "{dir}/in.csv", "--rejects", "{dir}/ro/r.csv"), 1, ("Error:",), needs=("read-only",)),
    Case("files", "unfinished-run-without-resume", {"setup": _partial_with_chunks},
         ("score", "{dir}/in.csv", "-o", "{dir}/out.csv", "-m", "{model}", "--workers", "1"), 1, ("--resume",),
         needs=("model",)),
    Case("files", "resume-without-earlier-run", {"in.csv": _csv(ROWS)},
         ("score", "{dir}/in.csv", "-o", "{dir}/out.csv", "-m", "{model}", "--workers", "1", "--resume"), 0,
         ('"rows_scored": 30',), needs=("model",)),
    Case("files", "score-gzip-output", {"in.csv": _csv(ROWS)},
         ("score", "{dir}/in.csv", "-o", "{dir}/out.csv.gz", "-m", "{model}", "--workers", "1"), 0, ('"rows_scored": 30',),
         after=lambda d: gzip.decompress((d / "out.csv.gz").read_bytes()), needs=("model",)),
    Case("files", "score-unclosed-quote-counts-lines", {"in.csv": _csv(_UNCLOSED)}, _SCORE, 0,
         ('"rows_read": 30', '"rows_rejected": 1', '"lines_read": 31'), needs=("model",)),
    Case("files", "score-all-rows-rejected", {"in.csv": _csv("A1,,,no\nA2,,,no\n")}, _SCORE, 0,
         ('"rows_scored": 0', '"rows_rejected": 2'), needs=("model",)),
    Case("files", "score-parquet-to-csv", {"in.parquet": _FRAME},
         ("score", "{dir}/in.parquet", "-o", "{dir}/out.csv", "-m", "{model}", "--workers", "1"), 0, ('"rows_scored": 2',),
         needs=("model",)),
    Case("files", "score-workers-zero", {"in.csv": _csv(ROWS)},
         ("score", "{dir}/in.csv", "-o", "{dir}/out.csv", "--workers", "0"), 2, ("--workers",)),
    Case("files", "score-chunk-size-zero", {"in.csv": _csv(ROWS)},
         ("score", "{dir}/in.csv", "-o", "{dir}/out.csv", "--chunk-size", "0"), 2, ("--chunk-size",)),
]

# ---- models ----------------------------------------------------------------------------------------
def _model_copy(mutate):
    """A case file writer copying the tiny model into 'm/' and then changing it with ``mutate``."""
    def write(folder):
        shutil.copytree(_TINY_MODEL["dir"], folder / "m")
        mutate(folder / "m")
        (folder / "in.csv").write_bytes(_csv(ROWS))
    return write


_TINY_MODEL = {}
_SCORE_M = ("score", "{dir}/in.csv", "-o", "{dir}/out.csv", "-m", "{dir}/m", "--workers", "1")
MODELS = [
    Case("models", "model-folder-missing", {"in.csv": _csv(ROWS)},
         ("score", "{dir}/in.csv", "-o", "{dir}/out.csv", "-m", "{dir}/nowhere"), 1, ("Error:",)),
    Case("models", "model-card-missing", {"m": _model_copy(lambda m: (m / "model_card.json").unlink())}, _SCORE_M, 1,
         ("Error:",), needs=("model",)),
    Case("models", "model-file-tampered", {"m": _model_copy(lambda m: (m / "model.joblib").write_bytes(b"tampered"))},
         _SCORE_M, 1, ("SHA-256",), needs=("model",)),
    Case("models", "model-card-not-json", {"m": _model_copy(lambda m: (m / "model_card.json").write_text("{"))},
         _SCORE_M, 1, ("Error:",), needs=("model",)),
    Case("models", "model-path-is-a-file", {"in.csv": _csv(ROWS), "m": b"not a folder"}, _SCORE_M, 1, ("Error:",)),
    Case("models", "mlflow-uri-without-store", {"in.csv": _csv(ROWS)},
         ("score", "{dir}/in.csv", "-o", "{dir}/out.csv", "-m", "models:/nonexistent@champion"), 1,
         ("Cannot load models:/nonexistent@champion",), after=lambda d: _no_file(d / "mlflow.db")),
]


def _no_file(path):
    assert not path.exists()


# ---- label store -----------------------------------------------------------------------------------
def _labels(n, *, flip=False):
    """A label file writer: ``n`` rows of the tiny audited logs (should_record flipped if ``flip``)."""
    def write(folder):
        from tests.conftest import make_tiny_frame

        frame = make_tiny_frame().head(n)
        if flip:
            frame["should_record"] = ~frame["should_record"].astype(bool)
        frame.to_csv(folder / "labels.csv", index=False)
    return write


def _corrupt_store(folder):
    (folder / "store").mkdir()
    (folder / "store" / "labels.sqlite").write_bytes(b"this is not sqlite" * 100)


_RETRAIN = ("retrain", "--labels", "{dir}/labels.csv", "--store", "{dir}/store", "--model-dir", "{dir}/mdl",
            "--cv-folds", "0")
LABELS = [
    Case("labels", "three-row-batch", {"labels": _labels(3)}, _RETRAIN, 1, ("needs at least 10 of each",),
         after=lambda d: _store_size(d, 0)),
    Case("labels", "labels-without-should-record", {"labels.csv": _csv(ROWS)}, _RETRAIN, 1, ("should_record",)),
    Case("labels", "reason-without-force", {"labels": _labels(3)}, (*_RETRAIN, "--reason", "why"), 1, ("--force",)),
    Case("labels", "cv-folds-one", {"labels": _labels(3)}, (*_RETRAIN[:-1], "1"), 1, ("--cv-folds",)),
    Case("labels", "label-issues-without-store", {}, ("label-issues", "--store", "{dir}/none"), 1, ("No label store",)),
    Case("labels", "store-not-sqlite", {"store": _corrupt_store, "labels": _labels(64)}, _RETRAIN, 1,
         ("not a readable label store",)),
    Case("labels", "quarantine-empty-store", {"labels": _labels(3)}, ("quarantine", "--store", "{dir}/none"), 1,
         ("No label store",)),
    Case("labels", "quarantine-release-unknown-batch", {"store": lambda d: _empty_store(d)},
         ("quarantine", "--store", "{dir}/store", "--release", "7"), 1, ("There is no batch 7",)),
    Case("labels", "quarantine-nothing-held", {"store": lambda d: _empty_store(d)},
         ("quarantine", "--store", "{dir}/store"), 0, ("No batch is quarantined",)),
]


def _empty_store(folder):
    from training.audit.labels import open_label_store

    open_label_store(folder / "store").close()


def _store_size(folder, size):
    from training.audit.labels import open_label_store

    with open_label_store(folder / "store") as store:
        assert len(store) == size


# ---- report ----------------------------------------------------------------------------------------
def _scored(folder):
    """A small scored file, as 'crimerec score' writes it (ids that look like formulas included)."""
    frame = pd.DataFrame({"incident_id": ["-001", "A2", "A3", "A4"], "narrative": ["punched", "noise", "kicked", "lost"],
                          "recorded": ["no", "no", "yes", "no"], "p_should_record": [0.9, 0.1, 0.8, 0.2],
                          "predicted_should_record": [True, False, True, False],
                          "predicted_category": ["Violence with injury", "No crime", "Violence with injury", "No crime"],
                          "p_domestic_abuse": [0.1, 0.1, 0.1, 0.1], "evidence": ["punched", "", "kicked", ""],
                          "discrepancy": ["possible under-recording", "", "", ""]})
    from classifier.data import write_frame

    write_frame(frame, folder / "scored.csv")


def _audit(text):
    def write(folder):
        _scored(folder)
        (folder / "audit.csv").write_text(text, encoding="utf-8")
    return write


_REPORT = ("report", "{dir}/scored.csv", "-o", "{dir}/rep")
REPORT = [
    Case("report", "scored-file-missing", {}, _REPORT, 1, ("does not exist",)),
    Case("report", "period-days-nan", {"s": _scored}, (*_REPORT, "--period-days", "nan"), 1, ("finite number",)),
    Case("report", "period-days-inf", {"s": _scored}, (*_REPORT, "--period-days", "inf"), 1, ("finite number",)),
    Case("report", "period-days-zero", {"s": _scored}, (*_REPORT, "--period-days", "0"), 1, ("above 0",)),
    Case("report", "period-days-negative", {"s": _scored}, (*_REPORT, "--period-days", "-5"), 1, ("above 0",)),
    Case("report", "output-is-a-file", {"s": _scored}, ("report", "{dir}/scored.csv", "-o", "{dir}/scored.csv"), 1,
         ("is a file",)),
    Case("report", "output-read-only", {"s": _scored}, ("report", "{dir}/scored.csv", "-o", "{dir}/ro/rep"), 1,
         ("Cannot write the report",), needs=("read-only",)),
    Case("report", "not-a-scored-file", {"scored.csv": _csv(ROWS)}, _REPORT, 1, ("Error:",)),
    Case("report", "audit-file-missing", {"s": _scored}, (*_REPORT, "--audit", "{dir}/none.csv"), 1, ("does not exist",)),
    Case("report", "audit-repeated-ids", {"a": _audit("incident_id,should_record\nA2,yes\nA2,no\n")},
         (*_REPORT, "--audit", "{dir}/audit.csv"), 1, ("more than once",)),
    Case("report", "audit-bad-yes-no", {"a": _audit("incident_id,should_record\nA2,07700 900123\n")},
         (*_REPORT, "--audit", "{dir}/audit.csv"), 1, ("row 1", "should_record"), ("07700",)),
    Case("report", "audit-without-should-record", {"a": _audit("incident_id,label\nA2,yes\n")},
         (*_REPORT, "--audit", "{dir}/audit.csv"), 1, ("should_record",)),
    Case("report", "ids-round-trip", {"s": _scored}, _REPORT, 0, ("logs",), after=_report_ids_round_trip),
    Case("report", "audit-matches-protected-ids", {"a": _audit("incident_id,should_record\n'-001,yes\nA2,no\n")},
         (*_REPORT, "--audit", "{dir}/audit.csv"), 0, ("logs",),
         after=lambda d: _summary_has(d, "audit_rows_matched", 2)),
    Case("report", "audit-sample-n-too-large", {"s": _scored}, ("audit-sample", "{dir}/scored.csv", "-n", "50", "-o",
                                                                 "{dir}/s.csv"), 1, ("Error:",)),
    Case("report", "audit-sample-bad-strategy", {"s": _scored},
         ("audit-sample", "{dir}/scored.csv", "-n", "2", "-o", "{dir}/s.csv", "--strategy", "guess"), 1, ("--strategy",)),
    Case("report", "audit-sample-keeps-ids", {"s": _scored},
         ("audit-sample", "{dir}/scored.csv", "-n", "4", "-o", "{dir}/s.csv", "--strategy", "proportional"), 0,
         ("Proposed 4",), after=lambda d: _sample_ids(d)),
]


def _summary_has(folder, key, value):
    assert json.loads((folder / "rep" / "summary.json").read_text(encoding="utf-8"))[key] == value


def _sample_ids(folder):
    assert sorted(_scored_ids(folder, "s.csv")) == ["-001", "A2", "A3", "A4"]


CASES = ENCODINGS + STRUCTURE + OTHER_FORMATS + VALUES + FORMULAS + FILES + MODELS + LABELS + REPORT


# ---- running the table -----------------------------------------------------------------------------
@pytest.mark.parametrize("case", CASES, ids=[f"{case.kind}-{case.name}" for case in CASES])
def test_hostile_case(case, tmp_path, monkeypatch, capsys, request):
    if "model" in case.needs:
        _TINY_MODEL["dir"] = request.getfixturevalue("tiny_model_dir")
    if "read-only" in case.needs:
        request.getfixturevalue("read_only_dir")
    monkeypatch.chdir(tmp_path)
    for name, content in case.files.items():
        _write(tmp_path, name, content)
    args = [arg.replace("{dir}", str(tmp_path)).replace("{model}", str(_TINY_MODEL.get("dir", ""))) for arg in case.args]
    code, output = run_main(monkeypatch, capsys, *args)
    assert code == case.code, output
    assert "Traceback" not in output
    for text in case.expect:
        assert text in output, output
    for text in case.absent:
        assert text not in output
    if case.after is not None:
        case.after(tmp_path)


def test_piped_stdin_is_read_once(tmp_path):
    """cat f.csv | crimerec validate /dev/stdin --format csv (a real pipe needs a real process)."""
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-m", "classifier", "validate", "/dev/stdin", "--format", "csv"],
                          input=_csv(ROWS), capture_output=True, timeout=60, cwd=root,
                          env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0 and b"30 rows read, 30 accepted" in done.stdout


def test_fifo_is_read_once(tmp_path, monkeypatch, capsys):
    import os

    fifo = tmp_path / "incidents"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_bytes(_csv(ROWS)), daemon=True)
    writer.start()
    code, output = run_main(monkeypatch, capsys, "validate", str(fifo), "--format", "csv")
    assert code == 0 and "30 rows read, 30 accepted" in output


def test_campaign_covers_every_kind_and_at_least_100_cases():
    kinds = {case.kind for case in CASES}
    assert {"encoding", "csv", "jsonl", "parquet", "values", "formulas", "files", "models", "labels", "report"} <= kinds
    assert len(CASES) + 2 >= 100

