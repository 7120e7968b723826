"""One clear line instead of a traceback, before any work is done (issue #14, defect 6).

Non-regression test for: issue #14 "Tracebacks instead of clear errors": score -o in a read-only
folder, --rejects in an unwritable folder (found only after scoring), symbolic-link loops,
-m models:/nonexistent (which also created a stray mlflow.db), report -o on an existing file or
an unwritable folder, and --period-days nan/inf. Commands run through ``classifier.cli.main``, as
the installed ``crimerec`` does.
"""

import pytest

from tests.conftest import run_main

CSV = "incident_id,narrative\nA1,Pushed in the street\nA2,Neighbour noise\n"


@pytest.fixture
def incidents(tmp_path):
    path = tmp_path / "in.csv"
    path.write_text(CSV, encoding="utf-8")
    return path


def _never_scores(monkeypatch):
    """Make scoring itself fail loudly: the checks must stop the command before it."""
    from classifier.scoring import run

    monkeypatch.setattr(run, "run", lambda *a, **k: pytest.fail("scoring started before the paths were checked"))


def test_score_output_in_a_read_only_folder(monkeypatch, capsys, incidents, read_only_dir, tiny_model_dir):
    _never_scores(monkeypatch)
    code, err = run_main(monkeypatch, capsys, "score", str(incidents), "-o", str(read_only_dir / "out.csv"),
                      "-m", str(tiny_model_dir))
    assert code == 1 and "Error: Cannot write the output" in err and "Traceback" not in err


def test_score_rejects_in_a_read_only_folder_is_checked_first(monkeypatch, capsys, tmp_path, incidents, read_only_dir,
                                                              tiny_model_dir):
    _never_scores(monkeypatch)
    code, err = run_main(monkeypatch, capsys, "score", str(incidents), "-o", str(tmp_path / "out.csv"),
                      "--rejects", str(read_only_dir / "rejects.csv"), "-m", str(tiny_model_dir))
    assert code == 1 and "Error: Cannot write the rejects" in err


def test_symbolic_link_loop_is_named(monkeypatch, capsys, tmp_path):
    (tmp_path / "a.csv").symlink_to(tmp_path / "b.csv")
    (tmp_path / "b.csv").symlink_to(tmp_path / "a.csv")
    code, err = run_main(monkeypatch, capsys, "score", str(tmp_path / "a.csv"), "-o", str(tmp_path / "out.csv"))
    assert code == 1 and "loop of symbolic links" in err


def test_unknown_mlflow_model_is_one_line_and_creates_no_store(monkeypatch, capsys, tmp_path, incidents):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("MLFLOW_TRACKING_URI")
    code, err = run_main(monkeypatch, capsys, "score", str(incidents), "-o", "out.csv", "-m", "models:/nonexistent@champion")
    assert code == 1 and "Error: Cannot load models:/nonexistent@champion" in err
    assert not (tmp_path / "mlflow.db").exists()


@pytest.mark.parametrize("where", ["existing-file", "read-only"])
def test_report_output_that_cannot_be_a_folder(monkeypatch, capsys, tmp_path, incidents, read_only_dir, where):
    target = incidents if where == "existing-file" else read_only_dir / "report"
    code, err = run_main(monkeypatch, capsys, "report", str(incidents), "-o", str(target))
    assert code == 1 and "Error: " in err and ("is a file" in err or "Cannot write the report" in err)


@pytest.mark.parametrize("days", ["nan", "inf", "-3"])
def test_period_days_must_be_finite_and_positive(monkeypatch, capsys, tmp_path, incidents, days):
    code, err = run_main(monkeypatch, capsys, "report", str(incidents), "-o", str(tmp_path / "r"), "--period-days", days)
    assert code == 1 and "--period-days must be a finite number of days above 0" in err
