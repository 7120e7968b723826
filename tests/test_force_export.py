"""A force's own export, end to end with one profile (issue 15): validate -> score -> report -> audit-sample -> retrain.

The export uses the force's column names and UK day-first dates; one profile file reads the export,
the scored file, the audit sample and the audited labels, with no second mapping.
"""

import json
import sys

import pandas as pd
import pytest

from classifier.data import restore_formulas
from classifier.model import shipped_model_path
from tests.conftest import make_tiny_frame

HEADER = ["URN", "Opening Remarks", "Closing Remarks", "Crime Raised", "Division", "Date Reported"]
FAST = ["--set", "model.max_word_features=3000", "--set", "model.max_char_features=3000", "--set",
        "model.read_closing_comment=true", "--set", "model.calibration=\"sigmoid\"", "--set", "tracking.enabled=false"]


def _export(path):
    """The tiny logs twice over as a force would export them (128 rows, one impossible date)."""
    tiny = pd.concat([make_tiny_frame(), make_tiny_frame()], ignore_index=True)
    frame = pd.DataFrame({
        "URN": [f"NS/{i:05d}/24" for i in range(len(tiny))],
        "Opening Remarks": tiny["narrative"],
        "Closing Remarks": tiny["closing_comment"],
        # The force under-records a third of its crimes.
        "Crime Raised": ["Y" if should and i % 3 else "N" for i, should in enumerate(tiny["should_record"])],
        "Division": ["North" if i % 2 else "South" for i in range(len(tiny))],
        "Date Reported": [f"{1 + i % 28:02d}/{1 + i % 3:02d}/2024 {i % 24:02d}:15" for i in range(len(tiny))],
    })
    frame.loc[5, "Date Reported"] = "31/02/2024 10:15"
    frame.to_csv(path, index=False)
    return tiny


def _cli(args, monkeypatch, capsys):
    """Run ``crimerec`` as the console script does; return (exit code, stdout, stderr)."""
    from classifier.cli import main

    monkeypatch.setattr(sys, "argv", ["crimerec", *map(str, args)])
    try:
        main()
        code = 0
    except SystemExit as stop:
        code = stop.code or 0
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def force(tmp_path, monkeypatch, capsys):
    """The export and its profile, made with ``crimerec profile``."""
    tiny = _export(tmp_path / "export.csv")
    code, out, _ = _cli(["profile", tmp_path / "force.toml", "--map", "incident_id=URN",
                         "--map", "narrative=Opening Remarks", "--map", "closing_comment=Closing Remarks",
                         "--map", "recorded=Crime Raised", "--map", "area=Division",
                         "--map", "reported_at=Date Reported", "--date-format", "dayfirst",
                         "--force-name", "Northshire Police", "--security-marking", "OFFICIAL-SENSITIVE",
                         "--check", tmp_path / "export.csv"], monkeypatch, capsys)
    assert code == 0, out
    return tmp_path, tiny


def test_validate_with_the_profile_summarises_and_exits_by_strictness(force, monkeypatch, capsys):
    root, _ = force
    code, out, _ = _cli(["validate", root / "export.csv", "--profile", root / "force.toml"], monkeypatch, capsys)
    assert code == 0
    assert "128 accepted, 0 rejected" in out and "reported_at from 2024-01-01 to 2024-03-28" in out
    assert "narrative ('Opening Remarks')" in out and "should_record" in out  # found / missing
    # The bad date is described, never repeated (issue #14, defect 11).
    assert "16-character value of digits, spaces and punctuation" in out and "31/02/2024 10:15" not in out
    assert "day-first" in out and "left empty" in out
    code, out, _ = _cli(["validate", root / "export.csv", "--profile", root / "force.toml", "--strict"],
                        monkeypatch, capsys)
    assert code == 1 and "127 accepted, 1 rejected" in out
    code, out, _ = _cli(["validate", root / "export.csv", "--map", "incident_id=URN",
                         "--map", "narrative=Opening Remarks", "--map", "reported_at=Date Reported", "--strict"],
                        monkeypatch, capsys)
    assert code == 1 and "0 accepted, 128 rejected" in out and "ISO 8601" in out


def test_one_profile_carries_the_export_to_a_report_an_audit_and_a_retrain(force, tiny_model_dir, monkeypatch, capsys):
    root, tiny = force
    profile = ["--profile", root / "force.toml"]
    code, out, err = _cli(["score", root / "export.csv", "-o", root / "scored.csv", "-m", tiny_model_dir,
                           "--workers", "1", *profile], monkeypatch, capsys)
    assert code == 0, err
    assert json.loads(out)["rows_scored"] == 128 and json.loads(out)["values_emptied"] == 1
    scored = pd.read_csv(root / "scored.csv", dtype=str, keep_default_na=False)
    assert {"URN", "Opening Remarks", "Date Reported", "p_should_record"} <= set(scored.columns)
    assert scored.loc[5, "Date Reported"] == "31/02/2024 10:15"  # the force's own cells, unchanged
    provenance = json.loads((root / "scored.csv.provenance.json").read_text())
    assert provenance["model"]["sha256"] and provenance["inputs"][0]["name"] == "export.csv"

    code, out, err = _cli(["report", root / "scored.csv", "-o", root / "report", *profile], monkeypatch, capsys)
    assert code == 0, err
    html = (root / "report" / "report.html").read_text()
    assert html.count("OFFICIAL-SENSITIVE") >= 2 and "Northshire Police" in html
    assert provenance["model"]["sha256"][:12] in html and "was scored by" in err
    triage = restore_formulas(pd.read_csv(root / "report" / "triage.csv", dtype=str, keep_default_na=False))
    assert {"excerpt", "recorded", "closing_code", "review_decision", "review_reason", "reviewer",
            "reviewed_at"} <= set(triage.columns)
    assert all(len(p.split(".")[-1]) <= 3 for p in triage["p_should_record"])
    summary = json.loads((root / "report" / "summary.json").read_text())
    assert summary["period"]["start"] == "2024-01-01"

    code, _, err = _cli(["audit-sample", root / "scored.csv", "-n", "60", "-o", root / "next.csv",
                         "--strategy", "proportional", *profile], monkeypatch, capsys)
    assert code == 0, err
    sample = pd.read_csv(root / "next.csv", dtype=str, keep_default_na=False)
    assert {"URN", "Opening Remarks", "inclusion_probability"} <= set(sample.columns)
    truth = dict(zip([f"NS/{i:05d}/24" for i in range(len(tiny))], tiny["should_record"]))
    sample["should_record"] = ["yes" if truth[urn] else "no" for urn in sample["URN"]]
    sample.to_csv(root / "audited.csv", index=False)

    code, _, err = _cli(["report", root / "scored.csv", "-o", root / "audited-report", "--audit", root / "audited.csv",
                         *profile], monkeypatch, capsys)
    assert code == 0, err
    summary = json.loads((root / "audited-report" / "summary.json").read_text())
    assert summary["audit"]["used_for_rates"] and summary["audit"]["design"] == "weighted"
    assert summary["recording_rate"]["audit"]["estimate"] is not None

    code, out, err = _cli(["retrain", "--labels", root / "audited.csv", "--store", root / "labels", "--dry-run",
                           "--cv-folds", "0", "--model-dir", root / "models" / "current", *FAST, *profile],
                          monkeypatch, capsys)
    assert code == 0, err + out
    assert "60 accepted" in err and f"Champion compared against: {shipped_model_path()}" in out


def test_labels_on_reviewed_triage_rows_are_not_used_as_a_random_sample(force, tiny_model_dir, monkeypatch, capsys):
    """Non-regression for issue 15: top-of-triage labels gave 'Recording rate 0.0%' with no warning."""
    root, _ = force
    profile = ["--profile", root / "force.toml"]
    _cli(["score", root / "export.csv", "-o", root / "scored.csv", "-m", tiny_model_dir, "--workers", "1", *profile],
         monkeypatch, capsys)
    _cli(["report", root / "scored.csv", "-o", root / "report", *profile], monkeypatch, capsys)
    triage = restore_formulas(pd.read_csv(root / "report" / "triage.csv", dtype=str, keep_default_na=False))
    reviewed = triage.head(10).assign(should_record="yes")[["incident_id", "should_record"]]
    reviewed.to_csv(root / "reviewed.csv", index=False)
    code, out, err = _cli(["report", root / "scored.csv", "-o", root / "again", "--audit", root / "reviewed.csv",
                           *profile], monkeypatch, capsys)
    assert code == 0, err
    summary = json.loads((root / "again" / "summary.json").read_text())
    assert not summary["audit"]["used_for_rates"] and "not a random sample" in summary["audit"]["refused"]
    assert summary["recording_rate"]["audit"]["estimate"] is None and "not a random sample" in out
    assert summary["unrecorded_per_year"]["low"] is None
    html = (root / "again" / "report.html").read_text()
    assert "Audit labels not used for rates" in html and "reviewed: should be recorded" in html
    code, _, _ = _cli(["report", root / "scored.csv", "-o", root / "random", "--audit", root / "reviewed.csv",
                       "--audit-random", *profile], monkeypatch, capsys)
    assert json.loads((root / "random" / "summary.json").read_text())["audit"]["design"] == "declared random"


def test_train_refuses_to_replace_a_model_without_force(tiny_model_dir, tmp_path, monkeypatch, capsys):
    code, _, err = _cli(["train", tmp_path / "x.csv", "-o", tiny_model_dir], monkeypatch, capsys)
    assert code == 1 and "already holds a model" in err and "--force" in err


def test_version_is_printed(monkeypatch, capsys):
    from classifier import __version__

    code, out, _ = _cli(["--version"], monkeypatch, capsys)
    assert code == 0 and out.strip() == f"crimerec {__version__}"
