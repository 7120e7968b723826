"""Provenance: what produced an output file (crimerec version, model, input checksum, run time).

Every output crimerec writes carries a provenance block: inside it where the format allows
(``summary.json``, the HTML report, the model card) and otherwise in a sidecar
``<file>.provenance.json`` beside it (CSV, JSON Lines and Parquet outputs).
"""

import datetime as dt
import json
from pathlib import Path

from classifier.model.persist import file_sha256

__all__ = ["SIDECAR_SUFFIX", "model_identity", "build_provenance", "write_sidecar", "read_sidecar",
           "render_provenance"]

SIDECAR_SUFFIX = ".provenance.json"


def model_identity(model):
    """Name, version, SHA-256 and location of a model directory or loaded model (Nones if unknown).

    Parameters
    ----------
    model : str, path-like, CrimeRecModel or None

    Returns
    -------
    dict
        ``name``, ``version`` (registered version, else ``created <date>``), ``sha256``, ``path``.
    """
    card, path = {}, None
    if isinstance(model, (str, Path)) and not str(model).startswith(("models:/", "runs:/")):
        path = str(Path(model).resolve())
        try:
            card = json.loads((Path(model) / "model_card.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            card = {}
    elif model is not None and not isinstance(model, (str, Path)):
        card = getattr(model, "card_", None) or {}
    else:
        path = model
    lineage = card.get("lineage") or {}
    version = lineage.get("registered_version") or (f"created {card['created']}" if card.get("created") else None)
    return {"name": card.get("name"), "version": version, "sha256": card.get("sha256"), "path": path}


def build_provenance(*, model=None, inputs=(), started=None, extra=None):
    """The provenance block of one output.

    Parameters
    ----------
    model : dict, str, path-like, CrimeRecModel or None, default=None
        A ``model_identity`` dict, or what to build one from.
    inputs : iterable of str or path-like, default=()
        Files the output was made from; each is checksummed (SHA-256).
    started : datetime.datetime or None, default=None
        When the run started (UTC); None is now.
    extra : dict or None, default=None
        More fields (e.g. the force profile used).

    Returns
    -------
    dict
        JSON-ready: ``crimerec_version``, ``model``, ``inputs`` (name and SHA-256), ``run_at``.
    """
    from classifier import __version__

    identity = model if isinstance(model, dict) else model_identity(model)
    stamp = (started or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc)
    files = [{"name": Path(p).name, "sha256": file_sha256(p)} for p in inputs if Path(p).is_file()]
    return {"crimerec_version": __version__, "model": identity, "inputs": files,
            "run_at": stamp.isoformat(timespec="seconds"), **(extra or {})}


def write_sidecar(output, provenance):
    """Write ``provenance`` (with the output's own SHA-256) to ``<output>.provenance.json``; return its path."""
    output = Path(output)
    record = {**provenance, "output": {"name": output.name, "sha256": file_sha256(output)}}
    target = output.with_name(output.name + SIDECAR_SUFFIX)
    target.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return target


def read_sidecar(path):
    """The provenance recorded beside a file, or None when there is none (or it cannot be read)."""
    target = Path(path).with_name(Path(path).name + SIDECAR_SUFFIX)
    try:
        record = json.loads(target.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def render_provenance(provenance):
    """One line for people: version, model, inputs and run time.

    Examples
    --------
    >>> render_provenance({"crimerec_version": "0.1.0", "run_at": "2024-01-01T00:00:00+00:00",
    ...     "model": {"name": "crimerec", "version": "3", "sha256": "ab" * 32}, "inputs": []})
    'crimerec 0.1.0; model crimerec version 3 (SHA-256 abababababab…); run 2024-01-01T00:00:00+00:00'
    """
    model = provenance.get("model") or {}
    parts = [f"crimerec {provenance.get('crimerec_version')}"]
    if model.get("sha256"):
        parts.append(f"model {model.get('name') or 'crimerec'} {_version_text(model.get('version'))} "
                     f"(SHA-256 {model['sha256'][:12]}…)")
    parts += [f"input {item['name']} (SHA-256 {item['sha256'][:12]}…)" for item in provenance.get("inputs", [])]
    parts.append(f"run {provenance.get('run_at')}")
    return "; ".join(parts)


def _version_text(version):
    """'version 3' for a registered version, 'created <date>' for an unregistered model, else 'version unknown'."""
    text = str(version or "unknown")
    return text if text.startswith("created ") else f"version {text}"
