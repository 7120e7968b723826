"""Tests for classifier.scoring.files: score_frame, and score_file's streaming, parallelism, resume and safety."""

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from classifier.data import load_incidents, restore_formulas
from classifier.errors import (
    ClassifierError,
    InputFileError,
    ReconciliationError,
    SchemaError,
)
from classifier.scoring import ScoreProgress, ScoreSummary, score_file, score_frame

NARRATIVES = (
    "IP states her partner punched her in the face during a row, cut lip, does not want police action.",
    "Neighbour playing loud music late at night, caller wants it to stop.",
    "Back door forced overnight, laptop and jewellery taken from the house.",
    "Caller lost her phone in town, no suggestion it was stolen.",
    "Ex-partner keeps sending abusive messages and turning up at her work, she is frightened.",
    "Verbal argument between partners about money, no threats, both calm.",
    "Shop staff report a male stole two bottles of vodka and ran off.",
    "Youth had his phone taken by two males who threatened to stab him.",
    "Concern for welfare of an elderly man, found safe and well.",
    "=HYPERLINK(\"http://evil.example\",\"click\") male threatened to kill caller with a knife.",
    "Someone smashed the windscreen of his car overnight.",
    "Minor collision in a car park, details exchanged, no injuries.",
)
SCORE_NAMES = ["p_should_record", "predicted_should_record", "predicted_category", "p_domestic_abuse", "evidence"]


def _logs(n=30):
    """``n`` raw logs as text, as a force export would hold them (recorded yes/no/blank, an extra column)."""
    return pd.DataFrame({
        "incident_id": [f"INC-{i:04d}" for i in range(n)],
        "narrative": [NARRATIVES[i % len(NARRATIVES)] + f" Ref {i}." for i in range(n)],
        "recorded": [("yes", "no", "")[i % 3] for i in range(n)],
        "beat": [f"-B{i % 4}" for i in range(n)],
    })


def _write(frame, path):
    """Write a raw frame to ``path`` in the format its extension names."""
    path = Path(path)
    if path.suffix == ".csv":
        frame.to_csv(path, index=False)
    elif path.suffix == ".jsonl":
        frame.to_json(path, orient="records", lines=True, force_ascii=False)
    else:
        frame.to_parquet(path, index=False)
    return path


def _read_back(path):
    """Read a scored file of any format back as a frame (CSV text exactly as written, formulas restored)."""
    path = Path(path)
    if path.suffix == ".csv":
        frame = restore_formulas(pd.read_csv(path, dtype=str, keep_default_na=False))
        return frame.astype({"p_should_record": float, "p_domestic_abuse": float})
    if path.suffix == ".jsonl":
        return pd.read_json(path, lines=True, dtype=False, precise_float=True)
    return pd.read_parquet(path)


@pytest.fixture
def logs_csv(tmp_path):
    """30 raw logs as a CSV file."""
    return _write(_logs(), tmp_path / "logs.csv")


# ---- score_frame --------------------------------------------------------------------------------


def test_score_frame_appends_score_columns_after_unchanged_input(tiny_model, tiny_frame):
    scored = score_frame(tiny_frame, tiny_model)
    assert list(scored.columns) == list(tiny_frame.columns) + SCORE_NAMES + ["discrepancy"]
    pd.testing.assert_frame_equal(scored[tiny_frame.columns], tiny_frame)
    assert scored["p_should_record"].between(0, 1).all() and scored["p_domestic_abuse"].between(0, 1).all()
    flagged = scored["p_should_record"] >= tiny_model.threshold_
    assert (scored["predicted_should_record"] == flagged).all()
    assert (scored.loc[~flagged, "predicted_category"] == "No crime").all()


def test_score_frame_without_recorded_has_no_discrepancy(tiny_model, tiny_frame):
    scored = score_frame(tiny_frame.drop(columns="recorded"), tiny_model)
    assert "discrepancy" not in scored.columns


def test_discrepancy_types_follow_recorded_and_prediction(tiny_model, tiny_frame):
    frame = tiny_frame.iloc[[0, 1, 16, 17]].copy()  # two crimes, two non-crimes
    frame["recorded"] = pd.array([False, None, True, False], dtype="boolean")
    scored = score_frame(frame, tiny_model)
    assert scored["predicted_should_record"].tolist() == [True, True, False, False]
    assert scored["discrepancy"].tolist() == ["under-recorded?", "", "over-recorded?", "agrees"]
    assert score_frame(frame, tiny_model, threshold=0.0)["discrepancy"].tolist() == [
        "under-recorded?", "", "agrees", "under-recorded?"]


def test_threshold_option_leaves_the_model_untouched(tiny_model, tiny_frame):
    before = tiny_model.threshold_
    scored = score_frame(tiny_frame, tiny_model, threshold=0.0)
    assert scored["predicted_should_record"].all()
    assert tiny_model.threshold_ == before


def test_score_frame_needs_a_narrative(tiny_model, tiny_frame):
    with pytest.raises(SchemaError, match="'narrative' is missing"):
        score_frame(tiny_frame.drop(columns="narrative"), tiny_model)


def test_score_frame_refuses_already_scored_rows(tiny_model, tiny_frame):
    scored = score_frame(tiny_frame, tiny_model)
    with pytest.raises(SchemaError, match="already has the score column"):
        score_frame(scored, tiny_model)


@pytest.mark.parametrize("threshold", [-0.1, 1.5, "0.5", True], ids=["negative", "above-one", "text", "bool"])
def test_score_frame_checks_the_threshold(tiny_model, tiny_frame, threshold):
    with pytest.raises(SchemaError, match="threshold must be a number between 0 and 1"):
        score_frame(tiny_frame, tiny_model, threshold=threshold)


def test_recorded_must_be_yes_no(tiny_model, tiny_frame):
    frame = tiny_frame.assign(recorded=["perhaps"] * len(tiny_frame))
    with pytest.raises(SchemaError, match="'recorded' must hold true/false"):
        score_frame(frame, tiny_model)


# ---- score_file: invariance ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def reference(tiny_model_dir, tmp_path_factory):
    """One run with one worker and one chunk: the bytes every other run must reproduce."""
    folder = tmp_path_factory.mktemp("reference")
    source = _write(_logs(), folder / "logs.csv")
    score_file(source, folder / "scored.csv", model=tiny_model_dir, workers=1, chunk_size=1000)
    return source, (folder / "scored.csv").read_bytes()


@pytest.mark.parametrize(
    ("workers", "chunk_size"), [(1, 1), (1, 7), (2, 7), (2, 1000)],
    ids=["1-worker-chunk-1", "1-worker-chunk-7", "2-workers-chunk-7", "2-workers-one-chunk"],
)
def test_output_is_identical_whatever_chunks_and_workers(reference, tiny_model_dir, tmp_path, workers, chunk_size):
    source, expected = reference
    summary = score_file(source, tmp_path / "scored.csv", model=tiny_model_dir, workers=workers, chunk_size=chunk_size)
    assert (tmp_path / "scored.csv").read_bytes() == expected
    assert summary.chunks == -(-30 // chunk_size)


def test_file_scores_equal_scoring_rows_one_by_one(reference, tiny_model, tmp_path):
    source, expected = reference
    (tmp_path / "scored.csv").write_bytes(expected)
    written = _read_back(tmp_path / "scored.csv")
    accepted = load_incidents(source).accepted
    one_by_one = pd.concat([score_frame(accepted.iloc[[i]], tiny_model) for i in range(len(accepted))])
    assert written["p_should_record"].tolist() == one_by_one["p_should_record"].tolist()
    assert written["p_domestic_abuse"].tolist() == one_by_one["p_domestic_abuse"].tolist()
    assert written["evidence"].tolist() == one_by_one["evidence"].tolist()
    assert written["predicted_category"].tolist() == one_by_one["predicted_category"].tolist()


def test_output_keeps_input_columns_and_order(reference, tmp_path):
    _, expected = reference
    (tmp_path / "scored.csv").write_bytes(expected)
    written = _read_back(tmp_path / "scored.csv")
    raw = _logs()
    assert list(written.columns) == list(raw.columns) + SCORE_NAMES + ["discrepancy"]
    assert written["incident_id"].tolist() == raw["incident_id"].tolist()
    assert written["narrative"].tolist() == raw["narrative"].tolist()
    assert written["beat"].tolist() == raw["beat"].tolist()  # '-B1' survives neutralisation round trip


# ---- score_file: formats ------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"], ids=["csv", "jsonl", "parquet"])
def test_each_format_is_scored_into_the_same_format(tiny_model, tiny_model_dir, tmp_path, suffix):
    source = _write(_logs(), tmp_path / f"logs{suffix}")
    summary = score_file(source, tmp_path / f"scored{suffix}", model=tiny_model_dir, workers=1, chunk_size=8)
    written = _read_back(tmp_path / f"scored{suffix}")
    expected = score_frame(load_incidents(source).accepted, tiny_model)
    assert summary.rows_read == summary.rows_scored == 30
    assert written["incident_id"].tolist() == expected["incident_id"].tolist()
    assert written["predicted_category"].tolist() == expected["predicted_category"].tolist()
    # every format keeps every bit of the probabilities
    assert written["p_should_record"].tolist() == expected["p_should_record"].tolist()
    assert written["p_domestic_abuse"].tolist() == expected["p_domestic_abuse"].tolist()


def test_output_format_follows_the_output_extension(tiny_model_dir, logs_csv, tmp_path):
    score_file(logs_csv, tmp_path / "scored.parquet", model=tiny_model_dir, workers=1)
    written = pd.read_parquet(tmp_path / "scored.parquet")
    assert written["p_should_record"].dtype == np.float64 and written["predicted_should_record"].dtype == bool
    assert len(written) == 30


def test_unknown_output_extension_keeps_the_input_format(tiny_model_dir, logs_csv, tmp_path):
    score_file(logs_csv, tmp_path / "scored.out", model=tiny_model_dir, workers=1)
    assert (tmp_path / "scored.out").read_text(encoding="utf-8").startswith("incident_id,narrative,")


def test_mapped_columns_keep_the_file_names_in_the_output(tiny_model_dir, tmp_path):
    raw = _logs().rename(columns={"narrative": "Opening Remarks", "incident_id": "URN"})
    source = _write(raw, tmp_path / "export.csv")
    score_file(source, tmp_path / "scored.csv", model=tiny_model_dir, workers=1,
               mapping={"narrative": "Opening Remarks", "incident_id": "URN"})
    written = _read_back(tmp_path / "scored.csv")
    assert list(written.columns)[:4] == ["URN", "Opening Remarks", "recorded", "beat"]


# ---- score_file: malformed input and reconciliation ---------------------------------------------


def _malformed_csv(path):
    """A CSV with one of each row problem; returns the rows expected to be rejected, by column."""
    big = "Caller reports an assault. " * 200_000  # about 5 MB
    lines = [
        "incident_id,narrative,recorded",
        "A1,Caller reports her partner punched her.,yes",
        "A2,Noise complaint from a neighbour.,maybe",  # bad boolean
        "A3,,no",  # empty narrative
        "A1,Duplicate of the first log.,no",  # duplicate id
        "A5,Text with a NUL \x00 byte.,no",  # NUL byte
        f"A6,{big},no",  # 5 MB narrative
        "A7,Male stole a bike,no,extra field",  # ragged row
        "A8,Bike stolen from the garden.,",
    ]
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))
    return {2: "recorded", 3: "narrative", 4: "incident_id", 5: "narrative", 6: "narrative", 7: ""}


@pytest.mark.parametrize("workers", [1, 2], ids=["1-worker", "2-workers"])
def test_malformed_rows_are_rejected_and_counts_reconcile(tiny_model_dir, tmp_path, workers):
    expected = _malformed_csv(tmp_path / "bad.csv")
    summary = score_file(tmp_path / "bad.csv", tmp_path / "scored.csv", model=tiny_model_dir, workers=workers,
                         chunk_size=3)
    assert (summary.rows_read, summary.rows_scored, summary.rows_rejected) == (8, 2, 6)
    rejects = pd.read_csv(tmp_path / "scored.rejects.csv", dtype=str, keep_default_na=False)
    assert dict(zip(rejects["row"].astype(int), rejects["column"])) == expected
    assert rejects["reason"].str.len().gt(10).all()
    assert _read_back(tmp_path / "scored.csv")["incident_id"].tolist() == ["A1", "A8"]


def test_duplicate_ids_are_caught_across_chunks_and_after_resume(tiny_model_dir, tmp_path):
    raw = _logs(10)
    raw.loc[8, "incident_id"] = raw.loc[1, "incident_id"]
    source = _write(raw, tmp_path / "logs.csv")
    summary = score_file(source, tmp_path / "scored.csv", model=tiny_model_dir, workers=1, chunk_size=3)
    rejects = pd.read_csv(summary.rejects, dtype=str, keep_default_na=False)
    assert rejects["row"].tolist() == ["9"] and "already appears at row 2" in rejects["reason"][0]


def test_non_utf8_input_stops_before_anything_is_written(tiny_model_dir, tmp_path):
    (tmp_path / "logs.csv").write_bytes(b"incident_id,narrative\nA1,Caf\xe9 owner assaulted\n")
    with pytest.raises(InputFileError, match="byte"):
        score_file(tmp_path / "logs.csv", tmp_path / "scored.csv", model=tiny_model_dir, workers=1)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["logs.csv"]
    summary = score_file(tmp_path / "logs.csv", tmp_path / "scored.csv", model=tiny_model_dir, workers=1,
                         encoding="cp1252")
    assert (summary.rows_read, summary.rows_scored) == (1, 1)
    assert "Café owner" in (tmp_path / "scored.csv").read_text(encoding="utf-8")


class _LosingModel:
    """Wraps the tiny model but drops the last prediction of every batch (a bug to be caught)."""

    def __init__(self, model):
        self.model, self.threshold_, self.card_ = model, model.threshold_, {}

    def predict_frame(self, frame):
        return self.model.predict_frame(frame).iloc[:-1]


def test_lost_rows_raise_and_leave_no_output(tiny_model, logs_csv, tmp_path):
    (tmp_path / "scored.csv").write_text("the previous result\n")
    with pytest.raises(ReconciliationError, match="rows would be lost"):
        score_file(logs_csv, tmp_path / "scored.csv", model=_LosingModel(tiny_model), workers=1, chunk_size=7)
    assert (tmp_path / "scored.csv").read_text() == "the previous result\n"
    assert not list(tmp_path.glob(".crimerec-tmp-*"))


class _FailingModel:
    """Wraps the tiny model but fails on the third chunk, like a crash part-way through a file."""

    def __init__(self, model):
        self.model, self.threshold_, self.card_, self.calls = model, model.threshold_, {}, 0

    def predict_frame(self, frame):
        self.calls += 1
        if self.calls == 3:
            raise MemoryError("simulated failure")
        return self.model.predict_frame(frame)


def test_a_failed_run_never_leaves_a_partial_output(tiny_model, logs_csv, tmp_path):
    with pytest.raises(MemoryError, match="simulated"):
        score_file(logs_csv, tmp_path / "scored.csv", model=_FailingModel(tiny_model), workers=1, chunk_size=7)
    assert not (tmp_path / "scored.csv").exists() and not (tmp_path / "scored.rejects.csv").exists()
    assert len(list((tmp_path / "scored.csv.partial").glob("*.done.json"))) == 2


def test_file_level_errors_leave_no_work_folder(tiny_model_dir, tmp_path):
    source = _write(_logs().drop(columns="narrative"), tmp_path / "logs.csv")
    with pytest.raises(SchemaError, match="'narrative' is missing"):
        score_file(source, tmp_path / "scored.csv", model=tiny_model_dir, workers=1)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["logs.csv"]


@pytest.mark.parametrize(
    ("options", "message"),
    [({"workers": 0}, "workers must be a whole number"), ({"chunk_size": 0}, "chunk_size must be"),
     ({"output": "logs.csv"}, "overwrite the input"), ({"rejects": "scored.csv"}, "Output and rejects")],
    ids=["workers", "chunk-size", "output-is-input", "rejects-is-output"],
)
def test_bad_options_are_refused(tiny_model_dir, logs_csv, tmp_path, options, message):
    options = dict(options)
    output = tmp_path / options.pop("output", "scored.csv")
    if "rejects" in options:
        options["rejects"] = tmp_path / options["rejects"]
    with pytest.raises(ClassifierError, match=message):
        score_file(logs_csv, output, model=tiny_model_dir, **options)


def test_model_with_bad_checksum_is_not_loaded(tiny_model_dir, logs_csv, tmp_path):
    broken = tmp_path / "model"
    broken.mkdir()
    for name in ("model_card.json", "MODEL_CARD.md"):
        (broken / name).write_bytes((tiny_model_dir / name).read_bytes())
    (broken / "model.joblib").write_bytes((tiny_model_dir / "model.joblib").read_bytes() + b"x")
    with pytest.raises(ClassifierError, match="does not match its model card"):
        score_file(logs_csv, tmp_path / "scored.csv", model=broken, workers=1)


# ---- score_file: formulas, progress, summary ----------------------------------------------------


def test_csv_output_neutralises_formulas_and_can_be_restored(reference, tmp_path):
    _, expected = reference
    text = expected.decode("utf-8")
    assert "\n'-B1," not in text and ",'-B1," in text
    assert ",\"'=HYPERLINK(" in text and ",\"=HYPERLINK(" not in text
    (tmp_path / "scored.csv").write_bytes(expected)
    restored = _read_back(tmp_path / "scored.csv")
    assert restored["narrative"].str.startswith("=HYPERLINK").sum() == 2


def test_parquet_output_keeps_formula_text_unchanged(tiny_model_dir, logs_csv, tmp_path):
    score_file(logs_csv, tmp_path / "scored.parquet", model=tiny_model_dir, workers=1)
    written = pd.read_parquet(tmp_path / "scored.parquet")
    assert written["narrative"].str.startswith("=HYPERLINK").sum() == 2


def test_progress_is_reported_per_chunk_and_summary_is_json_ready(tiny_model_dir, tmp_path):
    source = _write(_logs(), tmp_path / "logs.parquet")
    events = []
    summary = score_file(source, tmp_path / "scored.parquet", model=tiny_model_dir, workers=1, chunk_size=7,
                         progress=events.append)
    assert [event.rows_done for event in events] == [7, 14, 21, 28, 30]
    assert all(isinstance(event, ScoreProgress) and event.rows_total == 30 for event in events)
    assert isinstance(summary, ScoreSummary)
    data = json.loads(json.dumps(summary.to_dict()))
    assert data["rows_read"] == data["rows_scored"] + data["rows_rejected"] == 30
    assert sum(data["discrepancies"].values()) == 20  # a third of the rows have no recorded value
    assert set(data["discrepancies"]) <= {"under-recorded?", "over-recorded?", "agrees"}


# ---- score_file: resume -------------------------------------------------------------------------

_KILLED_RUN = """
import os, signal, sys
from classifier.scoring import score_file

def progress(event):
    if event.rows_done >= int(sys.argv[4]):
        os.kill(os.getpid(), signal.SIGKILL)

score_file(sys.argv[1], sys.argv[2], model=sys.argv[3], workers=1, chunk_size=7, progress=progress)
"""


def _killed_run(source, output, model_dir, after_rows):
    """Run score_file in a child process and SIGKILL it once ``after_rows`` rows are saved."""
    result = subprocess.run([sys.executable, "-c", _KILLED_RUN, str(source), str(output), str(model_dir),
                             str(after_rows)], capture_output=True, timeout=300, env=os.environ.copy())
    assert result.returncode == -9, result.stderr.decode()[-2000:]


def test_resume_after_a_kill_gives_the_same_bytes(reference, tiny_model_dir, tmp_path):
    source, expected = reference
    output = tmp_path / "scored.csv"
    _killed_run(source, output, tiny_model_dir, after_rows=21)
    work = tmp_path / "scored.csv.partial"
    assert not output.exists() and len(list(work.glob("*.done.json"))) == 3
    (work / "chunk-000002.done.json").unlink()  # as if killed after writing the data, before the marker
    (work / "chunk-000003.out.csv.tmp").write_bytes(b"half a chunk")  # as if killed mid-write
    with pytest.raises(ClassifierError, match="--resume"):
        score_file(source, output, model=tiny_model_dir, workers=1, chunk_size=7)
    summary = score_file(source, output, model=tiny_model_dir, workers=2, chunk_size=7, resume=True)
    assert output.read_bytes() == expected
    assert (summary.chunks_resumed, summary.rows_read, summary.rows_scored) == (2, 30, 30)
    assert not work.exists()


def test_resume_refuses_different_options_or_input(reference, tiny_model_dir, tmp_path):
    source, _ = reference
    output = tmp_path / "scored.csv"
    _killed_run(source, output, tiny_model_dir, after_rows=7)
    with pytest.raises(ClassifierError, match="chunk_size was 7, now 5"):
        score_file(source, output, model=tiny_model_dir, workers=1, chunk_size=5, resume=True)
    changed = _write(_logs(31), tmp_path / "logs.csv")
    with pytest.raises(ClassifierError, match="input.path was"):
        score_file(changed, output, model=tiny_model_dir, workers=1, chunk_size=7, resume=True)


def test_resume_without_an_earlier_run_scores_everything(reference, tiny_model_dir, tmp_path):
    source, expected = reference
    summary = score_file(source, tmp_path / "scored.csv", model=tiny_model_dir, workers=1, resume=True)
    assert summary.chunks_resumed == 0 and (tmp_path / "scored.csv").read_bytes() == expected


# ---- property: every row accounted for, in order -------------------------------------------------

_ROW_KINDS = ("good", "good", "good", "empty-narrative", "bad-boolean", "duplicate-id")


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kinds=st.lists(st.sampled_from(_ROW_KINDS), min_size=1, max_size=25), chunk_size=st.integers(1, 30))
def test_every_row_is_scored_or_rejected_in_order(tiny_model, tiny_model_dir, tmp_path_factory, kinds, chunk_size):
    raw = _logs(len(kinds))
    for position, kind in enumerate(kinds):
        if kind == "empty-narrative":
            raw.loc[position, "narrative"] = "  "
        elif kind == "bad-boolean":
            raw.loc[position, "recorded"] = "perhaps"
        elif kind == "duplicate-id" and position:
            raw.loc[position, "incident_id"] = raw.loc[0, "incident_id"]
    folder = tmp_path_factory.mktemp("property")
    source = _write(raw, folder / "logs.csv")
    summary = score_file(source, folder / "scored.parquet", model=tiny_model_dir, workers=1, chunk_size=chunk_size)
    written = pd.read_parquet(folder / "scored.parquet")
    rejects = pd.read_csv(summary.rejects, dtype=str, keep_default_na=False)
    assert summary.rows_read == len(kinds) == summary.rows_scored + summary.rows_rejected
    assert (len(written), len(rejects)) == (summary.rows_scored, summary.rows_rejected)
    rejected_rows = set(rejects["row"].astype(int) - 1)
    assert written["incident_id"].tolist() == [raw.loc[i, "incident_id"] for i in range(len(kinds))
                                               if i not in rejected_rows]
    expected = score_frame(load_incidents(source).accepted, tiny_model)
    assert written["p_should_record"].tolist() == expected["p_should_record"].tolist()


def test_freed_memory_can_be_returned_to_the_os_on_glibc():
    import platform

    from classifier.scoring.pool import _malloc_trim, release_free_memory

    if platform.system() == "Linux" and platform.libc_ver()[0] == "glibc":
        assert _malloc_trim() is not None
    assert release_free_memory() is None
