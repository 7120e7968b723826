"""Experiment tracking: the only module that imports MLflow, behind a small tracker interface.

``MlflowTracker`` logs a training run (flattened config as params, metrics, model card and plots as
artefacts, the dataset digest as a tag), logs the model directory as an MLflow pyfunc model and
registers it, setting the champion alias on the first version. ``NullTracker`` does nothing and is what
tests and ``tracking.enabled = false`` use. Raw narratives are never logged.

A logged model carries its own code: the ``classifier`` package goes in as ``code_paths`` and
``classifier.model.pyfunc`` is its loader, with pinned requirements, a signature, a generated (never
real) input example, and the model card as the registered version's description. So
``mlflow.pyfunc.load_model``, ``mlflow.pyfunc.spark_udf`` and ``mlflow models serve`` work where
crimerec is not installed. ``register_model`` registers an existing directory such as ``models/default``.
"""

import contextlib
import logging
import os
from pathlib import Path

# MLflow must not phone home: telemetry is read from these variables when mlflow is imported.
os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")
os.environ.setdefault("DO_NOT_TRACK", "true")

import mlflow  # noqa: E402  (after the telemetry switches above)
import mlflow.pyfunc  # noqa: E402
import pandas as pd  # noqa: E402

__all__ = ["NullTracker", "MlflowTracker", "CrimeRecPyfunc", "default_tracking_uri", "champion_lookup", "make_tracker",
           "ready_store", "download_model", "load_model_from", "register_model", "spark_udf"]

logger = logging.getLogger(__name__)

PYFUNC_NAME = "model"
PYFUNC_LOADER = "classifier.model.pyfunc"
_PYFUNC_REQUIREMENTS = ("scikit-learn", "spacy", "spacy-lookups-data", "joblib", "pandas", "numpy",
                        "scipy", "pyarrow")
# What spark_udf returns per row: the prediction columns of the signature, as one struct.
SPARK_RESULT_TYPE = ("p_should_record double, predicted_should_record boolean, predicted_category string, "
                     "p_domestic_abuse double, evidence string")


def default_tracking_uri(project_dir=None):
    """``MLFLOW_TRACKING_URI`` if set, else ``sqlite:///<project_dir or crimerec home>/mlflow.db``.

    The crimerec home (``$CRIMEREC_HOME``, else the checkout) is the same from any working folder,
    so every command finds the same registry and champion alias.
    """
    from classifier.model import crimerec_home

    configured = os.environ.get("MLFLOW_TRACKING_URI", "").strip()
    if configured:
        return configured
    return f"sqlite:///{Path(project_dir or crimerec_home()).resolve() / 'mlflow.db'}"


def champion_lookup(tracking_config):
    """Return a function giving ``(models:/ URI, version)`` of the champion alias, or None.

    For ``classifier.model.resolve_model``. Only a registry that exists is opened: without
    ``MLFLOW_TRACKING_URI`` and without ``<home>/mlflow.db`` there is no alias to find.
    """
    def lookup():
        uri = default_tracking_uri()
        if uri.startswith("sqlite:///") and not Path(uri.removeprefix("sqlite:///")).is_file():
            return None
        tracker = MlflowTracker(tracking_config, tracking_uri=uri)
        version = get_champion_version(tracker)
        if version is None:
            return None
        return f"models:/{tracking_config.registered_model}@{tracking_config.champion_alias}", version

    return lookup


def make_tracker(tracking_config, *, tracking_uri=None):
    """Return an ``MlflowTracker`` when tracking is enabled in the config, else a ``NullTracker``."""
    if not tracking_config.enabled:
        return NullTracker()
    return MlflowTracker(tracking_config, tracking_uri=tracking_uri)


class NullTracker:
    """A tracker that records nothing (tests, or ``tracking.enabled = false``)."""

    run_id = None

    def start(self, *, run_name=None):
        """Start nothing; returns None as the run id."""
        return None

    def log_params(self, params):
        """Ignore parameters."""

    def log_metrics(self, metrics):
        """Ignore metrics."""

    def log_artifact(self, path, *, artifact_path=None):
        """Ignore an artefact file."""

    def set_tags(self, tags):
        """Ignore tags."""

    def log_model(self, model_dir):
        """Register nothing; returns None as the model version."""
        return None

    def finish(self, *, status="FINISHED"):
        """Nothing to close."""


class MlflowTracker:
    """Log one training run to MLflow.

    Parameters
    ----------
    tracking_config : TrackingConfig
        Experiment name, registered model name and champion alias.
    tracking_uri : str, default=None
        Overrides ``default_tracking_uri()``.

    Attributes
    ----------
    run_id : str or None
        Set by ``start``.
    model_version : str or None
        Registered version, set by ``log_model``.
    """

    def __init__(self, tracking_config, *, tracking_uri=None):
        self.tracking_config = tracking_config
        self.tracking_uri = tracking_uri or default_tracking_uri()
        self.run_id = None
        self.model_version = None

    def start(self, *, run_name=None):
        """Open a run in the configured experiment (created on first use) and return its id."""
        ready_store(self.tracking_uri)
        mlflow.set_tracking_uri(self.tracking_uri)
        experiment_id = self._experiment_id(mlflow)
        run = mlflow.start_run(experiment_id=experiment_id, run_name=run_name)
        self.run_id = run.info.run_id
        return self.run_id

    def _experiment_id(self, mlflow):
        """Id of the experiment; artefacts of a new one go next to a local SQLite database."""
        name = self.tracking_config.experiment
        existing = mlflow.get_experiment_by_name(name)
        if existing is not None:
            return existing.experiment_id
        return mlflow.create_experiment(name, artifact_location=_artifact_location(self.tracking_uri))

    def log_params(self, params):
        """Log parameters (values converted to text, as MLflow stores them)."""
        mlflow.log_params({key: "" if value is None else str(value) for key, value in params.items()})

    def log_metrics(self, metrics):
        """Log finite numeric metrics; NaN (undefined) values are skipped."""
        import math

        finite = {key: float(value) for key, value in metrics.items()
                  if isinstance(value, (int, float)) and math.isfinite(value)}
        mlflow.log_metrics(finite)

    def log_artifact(self, path, *, artifact_path=None):
        """Log one file (a model card, a plot) as a run artefact."""
        mlflow.log_artifact(str(path), artifact_path=artifact_path)

    def set_tags(self, tags):
        """Set run tags (e.g. the training data digest)."""
        mlflow.set_tags({key: str(value) for key, value in tags.items()})

    def log_model(self, model_dir):
        """Log the model directory as a self-contained pyfunc model and register it.

        The version's description is the model card (``MODEL_CARD.md``); the first version also gets
        the champion alias.

        Returns
        -------
        str
            The registered model version.
        """
        info = mlflow.pyfunc.log_model(
            name=PYFUNC_NAME, loader_module=PYFUNC_LOADER, data_path=str(model_dir), code_paths=[_classifier_code()],
            pip_requirements=_pip_requirements(), signature=_signature(), input_example=_input_example(),
            registered_model_name=self.tracking_config.registered_model)
        self.model_version = str(info.registered_model_version)
        card = Path(model_dir) / "MODEL_CARD.md"
        if card.is_file():
            mlflow.MlflowClient().update_model_version(self.tracking_config.registered_model, self.model_version,
                                                       description=card.read_text(encoding="utf-8"))
        self._alias_first_champion(mlflow)
        return self.model_version

    def _alias_first_champion(self, mlflow):
        """Give this version the champion alias if no version holds it yet (later: retrain decides)."""
        client = mlflow.MlflowClient()
        name, alias = self.tracking_config.registered_model, self.tracking_config.champion_alias
        if alias not in client.get_registered_model(name).aliases:
            client.set_registered_model_alias(name, alias, self.model_version)

    def finish(self, *, status="FINISHED"):
        """Close the run with ``status`` ('FINISHED' or 'FAILED')."""
        if self.run_id is not None:
            mlflow.end_run(status=status)


# ---- a local SQLite store, created atomically (issue #14, defect 5) ---------------------------------

_SQLITE = "sqlite:///"


def ready_store(tracking_uri):
    """Make a local SQLite tracking store usable: create it atomically, or repair one left half-created.

    MLflow builds a new store with a long series of schema migrations; a run killed during them left
    a file that every later command refused ("table ... already exists"). A missing store is built
    in a temporary file beside it and renamed into place. A store whose schema is incomplete and
    that holds no run is moved aside (``mlflow.db.incomplete-<time>``) and built again; one that
    holds runs is never touched, and the error says how to upgrade it.

    Raises
    ------
    ClassifierError
        The store is incomplete but holds runs.
    """
    if not tracking_uri.startswith(_SQLITE):
        return
    path = Path(tracking_uri[len(_SQLITE):])
    _remove_abandoned_builds(path)
    if path.exists() and _schema_complete(path):
        return
    if path.exists():
        _move_aside_if_empty(path)
    _build_atomically(path, tracking_uri)
    _forget_engine(tracking_uri)  # an engine opened on the replaced file would write to the old one


def _forget_engine(db_uri):
    """Drop MLflow's cached database engine for ``db_uri`` (it keeps one per URI for the process)."""
    from mlflow.store.tracking.sqlalchemy_store import SqlAlchemyStore

    engine = getattr(SqlAlchemyStore, "_engine_map", {}).pop(db_uri, None)
    if engine is not None:
        engine.dispose()


def _schema_complete(path):
    """Whether the SQLite store at ``path`` is at this MLflow's latest schema revision."""
    import sqlite3

    from mlflow.store.db.utils import _get_latest_schema_revision

    try:
        with contextlib.closing(sqlite3.connect(path)) as db:
            version = db.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        return False
    return version is not None and version[0] == _get_latest_schema_revision()


def _move_aside_if_empty(path):
    """Move an incomplete store that holds no run aside; refuse to touch one that holds runs."""
    import datetime
    import sqlite3

    from classifier import ClassifierError

    try:
        with contextlib.closing(sqlite3.connect(path)) as db:
            runs = db.execute("SELECT COUNT(*) FROM runs").fetchone()[0]
    except sqlite3.Error:
        runs = 0
    if runs:
        raise ClassifierError(f"The MLflow store {path} holds {runs} runs but its schema is not the one this MLflow "
                              f"({mlflow.__version__}) uses. Back it up, then run 'mlflow db upgrade sqlite:///{path}'.")
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.incomplete-{stamp}")
    os.replace(path, aside)
    logger.warning("%s was left half-created by a run stopped while creating it; it held no run and was moved "
                   "to %s. A new store is created.", path, aside)


def _build_atomically(path, tracking_uri):
    """Create a complete store in a temporary file beside ``path``, then rename it into place."""
    from mlflow.store.tracking.sqlalchemy_store import SqlAlchemyStore

    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.creating-{os.getpid()}")
    temporary.unlink(missing_ok=True)
    try:
        SqlAlchemyStore(f"{_SQLITE}{temporary}", _artifact_location(tracking_uri) or str(path.parent))
        _forget_engine(f"{_SQLITE}{temporary}")
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _remove_abandoned_builds(path):
    """Delete temporary stores left by a process killed while building one (its pid is gone)."""
    for stray in path.parent.glob(f".{path.name}.creating-*"):
        pid = stray.name.rsplit("-", 1)[1]
        if pid.isdigit() and not Path(f"/proc/{pid}").exists():
            stray.unlink(missing_ok=True)


def _artifact_location(tracking_uri):
    """For ``sqlite:///path/mlflow.db``, a ``mlartifacts`` folder beside the database; else None."""
    prefix = "sqlite:///"
    if not tracking_uri.startswith(prefix):
        return None
    return (Path(tracking_uri[len(prefix):]).resolve().parent / "mlartifacts").as_uri()


def _pip_requirements():
    """Pinned requirements of the pyfunc model (crimerec itself must be installed where it is served)."""
    from importlib.metadata import PackageNotFoundError, version

    pins = []
    for name in _PYFUNC_REQUIREMENTS:
        try:
            pins.append(f"{name}=={version(name)}")
        except PackageNotFoundError:
            pins.append(name)
    return pins


def _classifier_code():
    """The ``classifier`` package folder, logged as the model's code (no training code, no tests)."""
    import classifier

    return str(Path(classifier.__file__).resolve().parent)


def _input_example():
    """Two generated logs (never real text) in the signature's input columns."""
    from training.generator import generate_incidents

    columns = ["incident_id", "narrative", "opening_code", "closing_comment"]
    return generate_incidents(2, seed=20261206)[columns].reset_index(drop=True)


def _signature():
    """Input: the contract's text columns (narrative required); output: the scored columns."""
    from mlflow.models.signature import ModelSignature
    from mlflow.types.schema import ColSpec, Schema

    inputs = Schema([ColSpec("string", "incident_id"), ColSpec("string", "narrative"),
                     ColSpec("string", "opening_code", required=False),
                     ColSpec("string", "closing_comment", required=False)])
    outputs = Schema([ColSpec("double", "p_should_record"), ColSpec("boolean", "predicted_should_record"),
                      ColSpec("string", "predicted_category"), ColSpec("double", "p_domestic_abuse"),
                      ColSpec("string", "evidence")])
    return ModelSignature(inputs=inputs, outputs=outputs)


def load_model_from(spec, *, cache_dir=None):
    """Load a crimerec model from a directory or an MLflow URI (``models:/crimerec@champion``, ``runs:/...``).

    URIs are downloaded into ``cache_dir``, then loaded with the usual checksum verification. Without a
    ``cache_dir`` the download goes to a temporary folder removed once the model is in memory, so
    repeated commands leave no model copies behind.
    """
    from classifier.model import load_model

    text = str(spec)
    if not text.startswith(("models:/", "runs:/")):
        return load_model(text)
    if cache_dir is not None:
        return load_model(download_model(text, cache_dir))
    import tempfile

    with tempfile.TemporaryDirectory(prefix="crimerec-model-") as folder:
        return load_model(download_model(text, folder))


def download_model(model_uri, destination):
    """Download the crimerec model directory behind an MLflow URI (e.g. ``models:/crimerec@champion``).

    Returns
    -------
    Path
        The local model directory (load it with ``classifier.model.estimator.load_model``).

    Raises
    ------
    ModelLoadError
        There is no tracking store to look in, or it holds no such model.
    """
    from classifier import ModelLoadError

    uri = default_tracking_uri()
    _check_store_exists(uri, model_uri)
    ready_store(uri)
    mlflow.set_tracking_uri(uri)
    try:
        local = Path(mlflow.artifacts.download_artifacts(artifact_uri=model_uri, dst_path=str(destination)))
    except mlflow.exceptions.MlflowException as error:
        raise ModelLoadError(f"Cannot load {model_uri} from the MLflow store {uri}: {error.message} Check the "
                             "model name and alias (or version), or give a model directory.") from None
    matches = sorted(local.rglob("model_card.json"))
    if not matches:
        raise ModelLoadError(f"{model_uri} holds no crimerec model directory (no model_card.json).")
    return matches[0].parent


def _check_store_exists(tracking_uri, model_uri):
    """Refuse to look up a model in a local SQLite store that does not exist (MLflow would create it)."""
    from classifier import ModelLoadError

    prefix = "sqlite:///"
    if tracking_uri.startswith(prefix) and not Path(tracking_uri[len(prefix):]).is_file():
        raise ModelLoadError(f"Cannot load {model_uri}: there is no MLflow store at {tracking_uri[len(prefix):]}. "
                             "Run the command from the folder holding mlflow.db, set MLFLOW_TRACKING_URI, or "
                             "give a model directory with -m.")


class CrimeRecPyfunc(mlflow.pyfunc.PythonModel):
    """The pyfunc wrapper of versions logged before models carried their code (kept so they still load).

    New versions are logged with ``classifier.model.pyfunc`` as their loader instead.
    """

    def load_context(self, context):
        """Load (and checksum-verify) the crimerec model directory shipped as an artefact."""
        from classifier.model import PyfuncModel, load_model

        self._served = PyfuncModel(load_model(context.artifacts["model_dir"]))

    def predict(self, context, model_input: pd.DataFrame, params=None) -> pd.DataFrame:
        """Score a DataFrame with at least ``narrative``; returns the five prediction columns."""
        return self._served.predict(model_input)


def register_model(model_dir, tracking_config, *, tracking_uri=None):
    """Register an existing model directory (such as ``models/default``) in the MLflow model registry.

    Logs one run holding the model card and the self-contained pyfunc model, registers it and, if no
    version holds the champion alias yet, makes it the champion, so a new tracking store starts with
    the shipped model.

    Parameters
    ----------
    model_dir : str or Path
        A model directory (``model.joblib``, ``model_card.json``, ``MODEL_CARD.md``).
    tracking_config : TrackingConfig
        Experiment, registered model name and champion alias.
    tracking_uri : str, default=None
        Overrides ``default_tracking_uri()``.

    Returns
    -------
    dict
        ``name``, ``version``, ``model_uri``, ``run_id`` and ``champion`` (the version holding the alias).
    """
    from classifier.model import load_model

    model_dir = Path(model_dir)
    card = load_model(model_dir).card_  # refuses a directory that fails its checksum before anything is logged
    tracker = MlflowTracker(tracking_config, tracking_uri=tracking_uri)
    tracker.start(run_name=f"register {model_dir.name}")
    try:
        tracker.log_params({"registered_from": model_dir.name, "model_sha256": card.get("sha256"),
                            "threshold": card.get("threshold")})
        tracker.set_tags({"training_data_sha256": card.get("training_data_sha256", "")})
        for name in ("model_card.json", "MODEL_CARD.md"):
            if (model_dir / name).is_file():
                tracker.log_artifact(model_dir / name)
        version = tracker.log_model(model_dir)
    except BaseException:
        tracker.finish(status="FAILED")
        raise
    tracker.finish()
    name = tracking_config.registered_model
    return {"name": name, "version": version, "model_uri": f"models:/{name}/{version}", "run_id": tracker.run_id,
            "champion": get_champion_version(tracker)}


def spark_udf(spark, model_uri, *, env_manager="local"):
    """A Spark UDF scoring with a logged crimerec model: ``mlflow.pyfunc.spark_udf`` with crimerec's result type.

    Parameters
    ----------
    spark : pyspark.sql.SparkSession
    model_uri : str
        E.g. ``models:/crimerec@champion``.
    env_manager : {'local', 'virtualenv', 'uv', 'conda'}, default='local'
        Where the executors' Python gets the model's requirements (see MLflow's ``spark_udf``).

    Returns
    -------
    pyspark UDF
        Call it on the input columns; each row gets a struct of the five prediction columns.

    Examples
    --------
    >>> from pyspark.sql import functions as F  # doctest: +SKIP
    >>> score = spark_udf(spark, "models:/crimerec@champion")  # doctest: +SKIP
    >>> logs.withColumn("scores", score(F.struct("incident_id", "narrative", "opening_code",
    ...                                           "closing_comment"))).select("incident_id", "scores.*")  # doctest: +SKIP
    """
    mlflow.set_tracking_uri(default_tracking_uri())
    return mlflow.pyfunc.spark_udf(spark, model_uri, result_type=SPARK_RESULT_TYPE, env_manager=env_manager)


# ---- registry helpers for retraining (used by training/audit/retrain.py) ----------------------------

__all__ += ["get_champion_version", "set_champion", "clear_champion", "tag_model_version",
            "list_model_versions"]


def _registry(tracker):
    """(client, registered model name, champion alias) for an MlflowTracker; None for other trackers."""
    if not isinstance(tracker, MlflowTracker):
        return None
    ready_store(tracker.tracking_uri)
    mlflow.set_tracking_uri(tracker.tracking_uri)
    config = tracker.tracking_config
    return mlflow.MlflowClient(), config.registered_model, config.champion_alias


def get_champion_version(tracker):
    """The registered version holding the champion alias, or None (no alias, no model, or no tracking)."""
    registry = _registry(tracker)
    if registry is None:
        return None
    client, name, alias = registry
    try:
        return str(client.get_model_version_by_alias(name, alias).version)
    except mlflow.exceptions.MlflowException as error:
        if error.error_code in ("RESOURCE_DOES_NOT_EXIST", "INVALID_PARAMETER_VALUE"):
            return None
        raise


def set_champion(tracker, version):
    """Point the champion alias at ``version`` (no-op without MLflow tracking)."""
    registry = _registry(tracker)
    if registry is not None and version is not None:
        client, name, alias = registry
        client.set_registered_model_alias(name, alias, str(version))


def clear_champion(tracker, version):
    """Remove the champion alias if it points at ``version`` (undoes the first-version default)."""
    if version is not None and get_champion_version(tracker) == str(version):
        client, name, alias = _registry(tracker)
        client.delete_registered_model_alias(name, alias)


def tag_model_version(tracker, version, tags):
    """Set tags (e.g. lineage: parent_version, store_digest, n_new_labels) on a registered version."""
    registry = _registry(tracker)
    if registry is not None and version is not None:
        client, name, _ = registry
        for key, value in tags.items():
            client.set_model_version_tag(name, str(version), key, "" if value is None else str(value))


def list_model_versions(tracker):
    """Registered versions, oldest first: ``version``, ``run_id``, ``aliases`` and one column per tag."""
    registry = _registry(tracker)
    if registry is None:
        return pd.DataFrame(columns=["version", "run_id", "aliases"])
    client, name, _ = registry
    versions = client.search_model_versions(f"name = '{name}'")
    # search results do not carry aliases in every MLflow version; the registered model does
    aliases = {}
    for alias, version in (client.get_registered_model(name).aliases if versions else {}).items():
        aliases.setdefault(str(version), []).append(alias)
    rows = [{"version": str(v.version), "run_id": v.run_id, "aliases": ",".join(sorted(aliases.get(str(v.version), []))),
             **v.tags} for v in versions]
    frame = pd.DataFrame(rows, columns=None if rows else ["version", "run_id", "aliases"])
    return frame.sort_values("version", key=lambda s: s.astype(int), ignore_index=True)
