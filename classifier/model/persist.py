"""Saving and loading model directories: joblib artefact, model card (JSON + Markdown), SHA-256 check.

A model directory holds ``model.joblib``, ``model_card.json`` and ``MODEL_CARD.md``. The card is read
first and the artefact's SHA-256 is compared with the card *before* anything is unpickled: unpickling
runs code, so a file that does not match the card it shipped with is never opened.
"""

import datetime as dt
import hashlib
import importlib
import json
import os
import platform
import shutil
import sys
import tempfile
import warnings
from pathlib import Path

from classifier.errors import ChecksumError, ModelLoadError

FORMAT_VERSION = 1
MODEL_FILE = "model.joblib"
CARD_FILE = "model_card.json"
CARD_MARKDOWN = "MODEL_CARD.md"
_CHUNK = 1 << 20
_COUNT_METRICS = {"n_logs", "n_should_record", "tp", "fp", "tn", "fn"}


class ModelVersionWarning(UserWarning):
    """The model was saved with a different library version than the one installed."""


def file_sha256(path):
    """Return the hex SHA-256 of a file, read in 1 MiB chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(_CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def library_versions():
    """Versions of the libraries whose pickles or behaviour the model depends on."""
    import joblib
    import numpy
    import scipy
    import sklearn
    import spacy

    return {"python": platform.python_version(), "scikit-learn": sklearn.__version__,
            "spacy": spacy.__version__, "numpy": numpy.__version__, "scipy": scipy.__version__,
            "joblib": joblib.__version__}


def save_model_dir(model, directory, card):
    """Write the artefact, card and rendered card into ``directory`` via a temporary sibling.

    The directory is assembled next to its final place, then swapped in, so a crash never
    leaves a half-written model where a good one was.
    """
    import joblib

    target = Path(directory)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        staging.chmod(0o755)  # mkdtemp makes it private; a model directory is meant to be shared
        joblib.dump(model, staging / MODEL_FILE, compress=("zlib", 3))
        full_card = _complete_card(card, staging / MODEL_FILE)
        (staging / CARD_FILE).write_text(json.dumps(full_card, indent=2, sort_keys=True, default=_json_default) + "\n",
                                         encoding="utf-8")
        (staging / CARD_MARKDOWN).write_text(render_model_card(full_card), encoding="utf-8")
        _swap_into_place(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return full_card


def _json_default(value):
    """Serialise numpy scalars and paths that may appear in metrics or config."""
    if hasattr(value, "item"):
        return value.item()
    return str(value)


def _complete_card(card, artefact):
    """Add format version, creation time, library versions and the artefact's SHA-256."""
    from classifier import __version__

    full = dict(card)
    full.update({
        "crimerec_version": __version__,
        "format_version": FORMAT_VERSION,
        "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "library_versions": library_versions(),
        "artefact": MODEL_FILE,
        "artefact_bytes": os.path.getsize(artefact),
        "sha256": file_sha256(artefact),
    })
    return json.loads(json.dumps(full, default=_json_default))


def _swap_into_place(staging, target):
    """Replace ``target`` with ``staging``; an existing model is moved aside, then removed."""
    old = None
    if target.exists():
        if not (target / CARD_FILE).exists() and any(target.iterdir()):
            raise ModelLoadError(f"Refusing to overwrite {target}: it is not empty and holds no "
                                 f"{CARD_FILE}, so it is not a crimerec model directory. "
                                 "Choose another output directory.")
        old = target.with_name(f".{target.name}-old-{os.getpid()}")
        target.rename(old)
    staging.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def read_card(directory):
    """Read and minimally check ``model_card.json`` in a model directory."""
    path = Path(directory)
    if not path.is_dir():
        raise ModelLoadError(f"Model directory {path} does not exist. Train one with 'crimerec train' "
                             "or pass the directory that holds model.joblib and model_card.json.")
    card_path = path / CARD_FILE
    try:
        card = json.loads(card_path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise ModelLoadError(f"{card_path} is missing, so {path} is not a crimerec model directory "
                             "(a model is never loaded without its card).") from error
    except (OSError, ValueError) as error:
        raise ModelLoadError(f"Cannot read model card {card_path}: {error}.") from error
    if not isinstance(card, dict):
        raise ModelLoadError(f"Model card {card_path} must hold a JSON object.")
    return card


def check_card(card, directory):
    """Check format version and artefact SHA-256, then warn about library version differences."""
    path = Path(directory)
    version = card.get("format_version")
    if version != FORMAT_VERSION:
        raise ModelLoadError(f"Model {path / CARD_FILE} has format version {version!r}; this crimerec "
                             f"reads format version {FORMAT_VERSION}. Retrain the model with this version "
                             "('crimerec train') or install the crimerec version that saved it.")
    artefact = path / MODEL_FILE
    if not artefact.is_file():
        raise ModelLoadError(f"{artefact} is missing; the model directory is incomplete.")
    expected = card.get("sha256")
    actual = file_sha256(artefact)
    if not isinstance(expected, str) or expected.lower() != actual:
        raise ChecksumError(f"{artefact} does not match its model card: SHA-256 is {actual}, the card "
                            f"says {expected!r}. The file was changed or corrupted after it was saved, "
                            "so it was not loaded. Restore the directory from its source or retrain.")
    _check_library_versions(card.get("library_versions") or {}, path)


def _check_library_versions(saved, path):
    """Raise on a scikit-learn major-version change; warn on any other library version change."""
    installed = library_versions()
    saved_sklearn = str(saved.get("scikit-learn", ""))
    if saved_sklearn.split(".")[0] != installed["scikit-learn"].split(".")[0]:
        raise ModelLoadError(f"Model {path} was saved with scikit-learn {saved_sklearn or 'unknown'}; "
                             f"scikit-learn {installed['scikit-learn']} is installed. Pickles do not "
                             "survive a major version change: retrain with 'crimerec train'.")
    changed = [f"{name} {saved[name]} -> {installed[name]}" for name in ("scikit-learn", "spacy", "numpy", "scipy")
               if name in saved and _minor(saved[name]) != _minor(installed[name])]
    if changed:
        warnings.warn(f"Model {path} was saved with other library versions ({', '.join(changed)}); "
                      "predictions may differ slightly. Retrain to silence this warning.",
                      ModelVersionWarning, stacklevel=3)


def _minor(version):
    """'1.9.1' -> '1.9'."""
    return ".".join(str(version).split(".")[:2])


def load_artefact(directory):
    """Unpickle ``model.joblib`` (call only after ``check_card``).

    A model pickled before the package was split into wings names classes by their old modules
    (``classifier._features`` and so on); those names are mapped onto the new modules and the load
    is tried once more, so models saved by earlier versions keep working.
    """
    import joblib

    path = Path(directory) / MODEL_FILE
    try:
        try:
            return joblib.load(path)
        except ModuleNotFoundError as error:
            if error.name not in _LEGACY_MODULES:
                raise
            _alias_legacy_modules()
            return joblib.load(path)
    except (OSError, EOFError, ValueError, AttributeError, ImportError) as error:
        raise ModelLoadError(f"Cannot load {path}: {type(error).__name__}: {error}. The artefact may "
                             "come from another crimerec version; retrain with 'crimerec train'.") from error


# Where the modules of pickled classes lived before classifier/ was split into wings.
_LEGACY_MODULES = {
    "classifier.preprocessing": "classifier.text.preprocessing",
    "classifier._components": "classifier.text.components",
    "classifier._lexicon": "classifier.text.lexicon",
    "classifier._patterns": "classifier.text.patterns",
    "classifier._masking": "classifier.text.masking",
    "classifier._features": "classifier.model.features",
    "classifier._heads": "classifier.model.heads",
    "classifier._evidence": "classifier.model.evidence",
}


def _alias_legacy_modules():
    """Make each old module name importable as the module that now holds its classes."""
    for old, new in _LEGACY_MODULES.items():
        sys.modules.setdefault(old, importlib.import_module(new))


def render_model_card(card):
    """Render the card as Markdown for people: what the model is, how it was made, how good it is."""
    lines = [f"# crimerec model card — {card.get('name', 'crimerec model')}", ""]
    lines += _card_summary(card) + [""] + _card_metrics(card) + [""] + _card_provenance(card)
    return "\n".join(lines) + "\n"


def _card_summary(card):
    """Markdown bullet list of what the model predicts and its operating point."""
    balance = card.get("label_balance") or {}
    return [
        "## What it does",
        "Predicts for each incident log whether it should have produced a recorded crime under "
        "NCRS/HOCR (`p_should_record`, calibrated), its HOCR group and whether it is domestic abuse.",
        "",
        f"- Operating threshold: **{_fmt(card.get('threshold'))}** (chosen on validation data for "
        f"recall {_fmt(card.get('target_recall'))})",
        f"- Calibration: {card.get('calibration', 'n/a')}",
        f"- Training logs: {card.get('training_rows', 'n/a')}; should-record share "
        f"{_fmt(balance.get('should_record_rate'))}; domestic-abuse share {_fmt(balance.get('domestic_abuse_rate'))}",
        f"- Training data SHA-256: `{card.get('training_data_sha256', 'n/a')}`",
    ]


def _card_metrics(card):
    """Markdown table of every metric group in the card."""
    lines = ["## Measured quality"]
    for split, values in sorted((card.get("metrics") or {}).items()):
        lines += ["", f"### {split}", "", "| metric | value |", "|---|---|"]
        lines += [f"| {name} | {_fmt(value, count=name in _COUNT_METRICS)} |"
                  for name, value in sorted(values.items())]
    return lines


def _card_provenance(card):
    """Markdown bullets: how to reproduce and which versions made it."""
    versions = ", ".join(f"{k} {v}" for k, v in sorted((card.get("library_versions") or {}).items()))
    return [
        "## Provenance",
        f"- Created: {card.get('created')} by crimerec {card.get('crimerec_version', 'n/a')}; "
        f"format version {card.get('format_version')}",
        f"- Reproduce: `{card.get('command', 'n/a')}`",
        f"- Libraries: {versions}",
        f"- MLflow run: {card.get('mlflow_run_id') or 'not tracked'}",
        f"- `{MODEL_FILE}` SHA-256: `{card.get('sha256')}` ({card.get('artefact_bytes')} bytes)",
        "- Configuration: see `config` in model_card.json.",
    ]


def _fmt(value, *, count=False):
    """Format counts as integers, other numbers with 4 decimals, everything else as text."""
    if count and isinstance(value, (int, float)):
        return f"{int(value):,}"
    if isinstance(value, float):
        return f"{value:.4f}"
    return "n/a" if value is None else str(value)
