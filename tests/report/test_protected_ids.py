"""Ids that look like formulas round-trip through score -> audit-sample -> report (issue #14, defect 4).

Non-regression test for: issue #14 "report and audit-sample quote already-protected cells again"
(an id ``-001`` became ``''-001`` and ``report --audit`` silently dropped audited logs).
"""

import json

import pandas as pd
from typer.testing import CliRunner

from classifier.cli import app
from classifier.data import restore_formulas
from classifier.report import write_report
from classifier.scoring import score_file

IDS = ["-001", "=SUM(A1)", "+44 7700", "@home", "'-quoted", "plain-1", "\t7", "''=x"]


def _scored(tmp_path, tiny_frame, tiny_model_dir):
    """Score eight logs whose ids start with formula characters; return the scored CSV path."""
    frame = tiny_frame.head(len(IDS)).assign(incident_id=IDS)
    frame["recorded"] = pd.array([False] * len(IDS), dtype="boolean")
    frame[["incident_id", "narrative", "closing_comment", "recorded"]].to_csv(tmp_path / "in.csv", index=False)
    score_file(tmp_path / "in.csv", tmp_path / "scored.csv", model=tiny_model_dir, workers=1)
    return tmp_path / "scored.csv"


def _csv_ids(path):
    """The ids of a CSV file crimerec wrote, with its protection undone once."""
    return restore_formulas(pd.read_csv(path, dtype=str, keep_default_na=False))["incident_id"].tolist()


def test_ids_round_trip_through_audit_sample_and_report(tmp_path, tiny_frame, tiny_model_dir):
    scored = _scored(tmp_path, tiny_frame, tiny_model_dir)
    assert _csv_ids(scored) == IDS
    run = CliRunner().invoke(app, ["audit-sample", str(scored), "-n", str(len(IDS)), "-o", str(tmp_path / "s.csv"),
                                   "--strategy", "proportional"])
    assert run.exit_code == 0, run.output
    sample = tmp_path / "s.csv"
    assert sorted(_csv_ids(sample)) == sorted(IDS)
    audited = pd.read_csv(sample, dtype=str, keep_default_na=False).assign(should_record="yes")
    audited.to_csv(tmp_path / "audited.csv", index=False)  # as an auditor saves it: cells untouched
    summary = write_report(scored, tmp_path / "report", audit=tmp_path / "audited.csv")
    assert (summary["audit_rows"], summary["audit_rows_matched"]) == (len(IDS), len(IDS))
    assert sorted(_csv_ids(tmp_path / "report" / "triage.csv")) == sorted(IDS)
    written = json.loads((tmp_path / "report" / "summary.json").read_text(encoding="utf-8"))
    assert "''-001" not in json.dumps(written)
