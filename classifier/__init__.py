"""crimerec inference: read incident logs, score them, report likely under-recording.

The public API is re-exported here. Heavy modules (spaCy, scikit-learn, matplotlib) are imported
only when one of their names is first used, so ``crimerec --help`` and the loader stay quick.

Examples
--------
>>> import classifier
>>> classifier.to_hocr_group("Assault with injury")
'Violence with injury'
>>> callable(classifier.score_frame)
True
"""

import importlib

from classifier.errors import (
    ChecksumError,
    ClassifierError,
    InputFileError,
    ModelLoadError,
    NotFittedError,
    ReconciliationError,
    SchemaError,
)
from classifier.schema import HOCR_GROUPS, NO_CRIME, parse_bool, to_hocr_group, validate_frame

# Public name -> the module that defines it (imported on first use, PEP 562).
_LAZY = {
    "load_incidents": "classifier.io",
    "iter_incident_chunks": "classifier.io",
    "read_incidents": "classifier.io",
    "validate_file": "classifier.io",
    "write_frame": "classifier.io",
    "neutralise_formulas": "classifier.io",
    "restore_formulas": "classifier.io",
    "LogPreprocessor": "classifier.preprocessing",
    "build_nlp": "classifier.preprocessing",
    "log_text": "classifier.preprocessing",
    "CrimeRecModel": "classifier.model",
    "load_model": "classifier.model",
    "save_model": "classifier.model",
    "score_frame": "classifier.scoring",
    "score_file": "classifier.scoring",
    "ScoreSummary": "classifier.scoring",
    "estimate_recording_rate": "classifier.rates",
    "wilson_interval": "classifier.rates",
    "format_rate": "classifier.rates",
    "find_discrepancies": "classifier.reports",
    "summarise_recording": "classifier.reports",
    "render_report": "classifier.reports",
    "write_report": "classifier.reports",
}

__all__ = [
    "ChecksumError",
    "ClassifierError",
    "InputFileError",
    "ModelLoadError",
    "NotFittedError",
    "ReconciliationError",
    "SchemaError",
    "HOCR_GROUPS",
    "NO_CRIME",
    "parse_bool",
    "to_hocr_group",
    "validate_frame",
    *_LAZY,
]
__version__ = "0.1.0"


def __getattr__(name):
    """Import a public name's module the first time the name is used."""
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'classifier' has no attribute {name!r}")


def __dir__():
    """List the public API, including names not imported yet."""
    return sorted(set(globals()) | set(__all__))
