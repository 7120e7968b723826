"""Experiment tracking: the only module that imports MLflow, behind a small tracker interface.

``MlflowTracker`` logs a training run (flattened config as params, metrics, model card and plots as
artefacts, the dataset digest as a tag), logs the model directory as an MLflow pyfunc model and
registers it, setting the champion alias on the first version. ``NullTracker`` does nothing and is what
tests and ``tracking.enabled = false`` use. Raw narratives are never logged.
"""

import os
from pathlib import Path

# MLflow must not phone home: telemetry is read from these variables when mlflow is imported.
os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")
os.environ.setdefault("DO_NOT_TRACK", "true")

import mlflow  # noqa: E402  (after the telemetry switches above)
import mlflow.pyfunc  # noqa: E402
import pandas as pd  # noqa: E402

__all__ = ["NullTracker", "MlflowTracker", "CrimeRecPyfunc", "default_tracking_uri", "make_tracker",
           "download_model", "load_model_from"]

PYFUNC_NAME = "model"
_PYFUNC_REQUIREMENTS = ("scikit-learn", "spacy", "spacy-lookups-data", "joblib", "pandas", "numpy",
                        "scipy")


def default_tracking_uri(project_dir=None):
    """``MLFLOW_TRACKING_URI`` if set, else ``sqlite:///<project_dir or cwd>/mlflow.db``."""
    configured = os.environ.get("MLFLOW_TRACKING_URI", "").strip()
    if configured:
        return configured
    return f"sqlite:///{Path(project_dir or Path.cwd()).resolve() / 'mlflow.db'}"


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
        """Log the model directory as a pyfunc model, register it, alias the first version champion.

        Returns
        -------
        str
            The registered model version.
        """
        import warnings

        with warnings.catch_warnings():
            # An input example would be a real log: we never log narratives, so none is given.
            warnings.filterwarnings("ignore", message=".*input example was not provided", category=UserWarning)
            info = mlflow.pyfunc.log_model(
                name=PYFUNC_NAME, python_model=CrimeRecPyfunc(), artifacts={"model_dir": str(model_dir)},
                pip_requirements=_pip_requirements(), signature=_signature(),
                registered_model_name=self.tracking_config.registered_model)
        self.model_version = str(info.registered_model_version)
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

    URIs are downloaded into ``cache_dir`` (a temporary directory if None), then loaded with the usual
    checksum verification.
    """
    from classifier.model import load_model

    text = str(spec)
    if not text.startswith(("models:/", "runs:/")):
        return load_model(text)
    import tempfile

    destination = cache_dir or tempfile.mkdtemp(prefix="crimerec-model-")
    return load_model(download_model(text, destination))


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
    """MLflow pyfunc wrapper: ``predict`` takes a DataFrame of contract columns, returns the scores."""

    def load_context(self, context):
        """Load (and checksum-verify) the crimerec model directory shipped as an artefact."""
        from classifier.model import load_model

        self._model = load_model(context.artifacts["model_dir"])

    def predict(self, context, model_input: pd.DataFrame, params=None) -> pd.DataFrame:
        """Score a DataFrame with at least ``narrative``; returns the five prediction columns."""
        frame = pd.DataFrame(model_input).reset_index(drop=True)
        for column in ("opening_code", "closing_comment"):
            frame[column] = frame[column].fillna("").astype(str) if column in frame else ""
        frame["narrative"] = frame["narrative"].fillna("").astype(str)
        return self._model.predict_frame(frame)


# ---- registry helpers for retraining (used by training/audit/retrain.py) ----------------------------

__all__ += ["get_champion_version", "set_champion", "clear_champion", "tag_model_version",
            "list_model_versions"]


def _registry(tracker):
    """(client, registered model name, champion alias) for an MlflowTracker; None for other trackers."""
    if not isinstance(tracker, MlflowTracker):
        return None
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
