"""Tests for classifier.cli: argument wiring, exit codes and output of the commands."""

import json
import sys

import pandas as pd
import pytest
from typer.testing import CliRunner

from classifier import cli, scoring
from classifier.cli import app
from classifier.errors import ModelLoadError, ReconciliationError
from classifier.model import shipped_model_path

LOGS = pd.DataFrame({
    "URN": ["A1", "A2", "A3", "A4"],
    "Opening Remarks": [
        "IP states her partner punched her in the face, cut lip.",
        "Neighbour playing loud music late at night.",
        "=cmd|' /C calc'!A0 back door forced, laptop taken.",
        "Bike stolen from the front garden, lock cut.",
    ],
    "recorded": ["no", "no", "yes", "maybe"],
})


@pytest.fixture
def export_csv(tmp_path):
    """A four-row force export whose columns need --map."""
    path = tmp_path / "export.csv"
    LOGS.to_csv(path, index=False)
    return path


def _summary_line(result):
    """The JSON summary: the last line of stdout."""
    return json.loads(result.stdout.strip().splitlines()[-1])


# ---- score: the work ------------------------------------------------------------------------------


def test_score_writes_output_rejects_and_a_json_summary(export_csv, tiny_model_dir, tmp_path):
    output = tmp_path / "scored.csv"
    result = CliRunner().invoke(app, [
        "score", str(export_csv), "-o", str(output), "--model", str(tiny_model_dir), "--workers", "1",
        "--map", "incident_id=URN", "--map", "narrative=Opening Remarks",
    ])
    assert result.exit_code == 0, result.output
    summary = _summary_line(result)
    # 'maybe' is no yes/no: the row is still scored, with recorded empty, and listed (issue 15; --strict rejects it).
    assert (summary["rows_read"], summary["rows_scored"], summary["rows_rejected"]) == (4, 4, 0)
    assert summary["values_emptied"] == 1
    assert summary["output"] == str(output)
    written = pd.read_csv(output, dtype=str, keep_default_na=False)
    assert list(written.columns[:3]) == ["URN", "Opening Remarks", "recorded"]
    assert written["Opening Remarks"][2].startswith("'=cmd")
    rejects = pd.read_csv(tmp_path / "scored.rejects.csv", dtype=str)
    assert rejects[["row", "column"]].values.tolist() == [["4", "recorded"]]
    assert "punched" not in result.stdout  # never prints log text


def test_score_downloads_an_mlflow_model_uri(export_csv, tiny_model_dir, tmp_path, monkeypatch):
    import training.tracking

    asked = []
    monkeypatch.setattr(training.tracking, "download_model",
                        lambda uri, folder: asked.append(uri) or tiny_model_dir)
    result = CliRunner().invoke(app, [
        "score", str(export_csv), "-o", str(tmp_path / "scored.parquet"), "-m", "models:/crimerec@champion",
        "-w", "1", "--map", "incident_id=URN", "--map", "narrative=Opening Remarks",
    ])
    assert result.exit_code == 0, result.output
    assert asked == ["models:/crimerec@champion"]
    assert len(pd.read_parquet(tmp_path / "scored.parquet")) == 4


def test_score_with_a_missing_model_fails_with_its_path(export_csv, tmp_path):
    result = CliRunner().invoke(app, ["score", str(export_csv), "-o", str(tmp_path / "s.csv"),
                                      "-m", str(tmp_path / "nowhere"), "--map", "incident_id=URN"])
    assert result.exit_code != 0
    assert isinstance(result.exception, ModelLoadError)
    assert "nowhere" in str(result.exception)
    assert not (tmp_path / "s.csv").exists()


# ---- score: the wiring ----------------------------------------------------------------------------


@pytest.fixture
def recorded_calls(monkeypatch, tmp_path):
    """Replace score_file with a recorder returning a fixed summary."""
    calls = []

    def fake_score_file(input_path, output, **options):
        calls.append((input_path, output, options))
        return scoring.ScoreSummary(rows_read=2, rows_scored=1, rows_rejected=1, seconds=0.5,
                                    rows_per_second=4.0, discrepancies={"agrees": 1}, output=output,
                                    rejects="r.csv", chunks=1, workers=3)

    monkeypatch.setattr(scoring, "score_file", fake_score_file)
    return calls


def test_score_options_reach_score_file(recorded_calls):
    result = CliRunner().invoke(app, [
        "score", "in.jsonl", "-o", "out.csv", "--rejects", "bad.csv", "--map", "narrative=Remarks",
        "--encoding", "cp1252", "--format", "jsonl", "--workers", "3", "--chunk-size", "250", "--resume",
        "--max-text-chars", "5000",
    ])
    assert result.exit_code == 0, result.output
    [(input_path, output, options)] = recorded_calls
    assert (input_path, output) == ("in.jsonl", "out.csv")
    assert options["mapping"] == {"narrative": "Remarks"}
    assert {key: options[key] for key in ("rejects", "encoding", "format", "workers", "chunk_size", "resume",
                                          "max_text_chars", "model", "progress")} == {
        "rejects": "bad.csv", "encoding": "cp1252", "format": "jsonl", "workers": 3, "chunk_size": 250,
        "resume": True, "max_text_chars": 5000, "model": str(shipped_model_path()), "progress": None}
    assert (options["strict"], options["date_format"]) == (False, None)
    assert _summary_line(result)["discrepancies"] == {"agrees": 1}


def test_score_defaults(recorded_calls):
    result = CliRunner().invoke(app, ["score", "in.csv", "-o", "out.csv"])
    assert result.exit_code == 0, result.output
    options = recorded_calls[0][2]
    assert (options["workers"], options["chunk_size"], options["resume"], options["mapping"]) == (None, 2000, False, {})


@pytest.mark.parametrize("option", [["--workers", "0"], ["--chunk-size", "0"]], ids=["workers", "chunk-size"])
def test_score_refuses_non_positive_sizes(recorded_calls, option):
    result = CliRunner().invoke(app, ["score", "in.csv", "-o", "out.csv", *option])
    assert result.exit_code == 2
    assert option[0] in result.output and not recorded_calls


def test_score_needs_an_output(recorded_calls):
    result = CliRunner().invoke(app, ["score", "in.csv"])
    assert result.exit_code == 2 and "--output" in result.output


def test_reconciliation_failure_exits_non_zero_with_the_message(monkeypatch, capsys):
    def failing(*args, **options):
        raise ReconciliationError("in.csv: 10 rows read but 9 scored and 0 rejected")

    monkeypatch.setattr(scoring, "score_file", failing)
    monkeypatch.setattr(sys, "argv", ["crimerec", "score", "in.csv", "-o", "out.csv"])
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert exit_info.value.code == 1
    assert "Error: in.csv: 10 rows read but 9 scored" in capsys.readouterr().err


def test_progress_bar_only_on_a_terminal(monkeypatch):
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False, raising=False)
    with cli._score_progress() as progress:
        assert progress is None
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    with cli._score_progress() as progress:
        progress(scoring.ScoreProgress(rows_done=5, rows_total=10, rows_scored=4, rows_rejected=1, seconds=1.0))


def test_every_command_has_help_text():
    import typer.main

    group = typer.main.get_command(app)
    for name, command in group.commands.items():
        assert command.help and "Example:" in command.help, f"{name} lacks help text with an Example: line"


def test_recorded_command_line_can_be_pasted_back(monkeypatch):
    import shlex

    from classifier.cli import _command_line

    argv = ["crimerec", "compare", "t.parquet", "--eval", "held-out generated=t 2.parquet"]
    monkeypatch.setattr("sys.argv", argv)
    assert shlex.split(_command_line()) == argv
