"""Which model is "the model in use": one answer for every command, from any folder.

The champion is, in order: the model given (``--model``), ``$CRIMEREC_MODEL``, the MLflow
registry's champion alias (looked up by the caller, since only ``training`` talks to MLflow),
``<home>/models/current`` (where ``crimerec retrain`` promotes), else the shipped
``models/default``. ``<home>`` is ``$CRIMEREC_HOME``, else the crimerec checkout, so the answer
does not depend on the working folder.
"""

import json
import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["MODEL_ENV", "HOME_ENV", "ModelChoice", "crimerec_home", "shipped_model_path", "current_model_path",
           "resolve_model"]

MODEL_ENV = "CRIMEREC_MODEL"
HOME_ENV = "CRIMEREC_HOME"
_CHECKOUT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class ModelChoice:
    """The model a command will use and why.

    Attributes
    ----------
    location : str
        A model directory, or an MLflow URI such as ``models:/crimerec@champion``.
    source : {'given', 'environment', 'registry', 'current', 'shipped'}
        How it was chosen.
    version : str or None
        The registered version, when known.
    """

    location: str
    source: str
    version: str | None = None

    def describe(self):
        """One line for people: which model and why.

        Examples
        --------
        >>> ModelChoice("/srv/models/current", "current", "3").describe()
        'Model: /srv/models/current (the champion promoted by crimerec retrain, version 3)'
        """
        why = {
            "given": "given with --model",
            "environment": f"from ${MODEL_ENV}",
            "registry": "the MLflow registry's champion alias",
            "current": "the champion promoted by crimerec retrain",
            "shipped": "the shipped model: no model has been promoted yet",
        }[self.source]
        version = f", version {self.version}" if self.version else ""
        return f"Model: {self.location} ({why}{version})"


def crimerec_home():
    """``$CRIMEREC_HOME`` if set, else the folder crimerec is installed from (the checkout)."""
    configured = os.environ.get(HOME_ENV, "").strip()
    return Path(configured).expanduser().resolve() if configured else _CHECKOUT


def shipped_model_path():
    """The model shipped with crimerec: ``models/default`` of the checkout."""
    return _CHECKOUT / "models" / "default"


def current_model_path():
    """Where ``crimerec retrain`` promotes the champion: ``<home>/models/current``."""
    return crimerec_home() / "models" / "current"


def resolve_model(model=None, *, registry=None):
    """Decide which model a command uses.

    Parameters
    ----------
    model : str, path-like or None, default=None
        A model directory or MLflow URI given by the user; used as is.
    registry : callable or None, default=None
        Returns ``(uri, version)`` of the MLflow champion alias, or None when there is none. The
        CLI passes one from ``training.tracking``; the library never imports MLflow.

    Returns
    -------
    ModelChoice

    Examples
    --------
    >>> resolve_model("models/mine").source
    'given'
    """
    if model is not None:
        return ModelChoice(str(model), "given")
    configured = os.environ.get(MODEL_ENV, "").strip()
    if configured:
        return ModelChoice(configured, "environment")
    current = current_model_path()
    current_version = _registered_version(current)
    alias = registry() if registry is not None else None
    if alias is not None and alias[1] != current_version:
        return ModelChoice(alias[0], "registry", alias[1])
    if (current / "model_card.json").is_file():
        return ModelChoice(str(current), "current", current_version)
    return ModelChoice(str(shipped_model_path()), "shipped")


def _registered_version(directory):
    """The registry version recorded in a model directory's card (``lineage.registered_version``), or None."""
    try:
        card = json.loads((Path(directory) / "model_card.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    lineage = card.get("lineage") if isinstance(card, dict) else None
    version = (lineage or {}).get("registered_version")
    return str(version) if version else None
