"""A tracking store left half-created by a killed first run is repaired (issue #14, defect 5).

Non-regression test for: issue #14 "Killing the first retrain while MLflow creates mlflow.db breaks
retrain in that folder for good (table evaluation_datasets already exists)". The half-created file
is the one a kill leaves: every table made, but the schema revision stamped before the later
migrations and one of their tables missing, so the next start re-runs a migration that fails.
"""

import shutil
import sqlite3

import pytest

from training.config import load_config
from training.tracking import MlflowTracker

# The migration before the one that creates evaluation_datasets (mlflow/store/db_migrations/versions).
_EARLIER_REVISION = "534353b11cbc"


def _tracker(tmp_path):
    return MlflowTracker(load_config().tracking, tracking_uri=f"sqlite:///{tmp_path / 'mlflow.db'}")


@pytest.fixture(scope="module")
def built_store(tmp_path_factory):
    """A complete store, built once (MLflow's migrations take seconds); tests copy it."""
    folder = tmp_path_factory.mktemp("store")
    tracker = _tracker(folder)
    tracker.start(run_name="build")
    tracker.finish()
    assert not list(folder.glob(".mlflow.db.creating-*"))  # built beside, then renamed into place
    return folder / "mlflow.db"


def _half_created(tmp_path, built_store):
    """Copy the built store, then put it in the state a kill during the migrations leaves."""
    shutil.copy(built_store, tmp_path / "mlflow.db")
    with sqlite3.connect(tmp_path / "mlflow.db") as db:
        db.execute("DELETE FROM runs")
        tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        later = next(name for name in ("webhooks", "jobs", "entity_associations", "spans") if name in tables)
        db.execute(f"DROP TABLE {later}")
        db.execute("UPDATE alembic_version SET version_num = ?", (_EARLIER_REVISION,))


def test_store_half_created_by_a_killed_run_is_moved_aside_and_rebuilt(tmp_path, built_store, caplog):
    _half_created(tmp_path, built_store)
    tracker = _tracker(tmp_path)
    with caplog.at_level("WARNING"):
        run_id = tracker.start(run_name="after-the-kill")
    tracker.finish()
    assert run_id and list(tmp_path.glob("mlflow.db.incomplete-*"))
    assert "half-created" in caplog.text


def test_store_with_runs_is_never_moved(tmp_path, built_store):
    _half_created(tmp_path, built_store)
    with sqlite3.connect(tmp_path / "mlflow.db") as db:
        db.execute("INSERT INTO runs (run_uuid, experiment_id, lifecycle_stage) VALUES ('r1', 0, 'active')")
    with pytest.raises(Exception, match="holds 1 runs but its schema is not the one this MLflow"):
        _tracker(tmp_path).start(run_name="x")
    assert not list(tmp_path.glob("mlflow.db.incomplete-*"))
