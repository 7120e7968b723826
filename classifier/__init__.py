"""crimerec inference: read incident logs, score them, report likely under-recording.

A log takes one path through the wings: ``data`` (contract, readers, writers) -> ``text`` (spaCy
preprocessing) -> ``model`` (features, heads, evidence) -> ``scoring`` -> ``report``; ``cli`` sits on
top. See docs/ARCHITECTURE.md.

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

from classifier._exports import lazy_exports
from classifier.data import (
    HOCR_GROUPS,
    NO_CRIME,
    parse_bool,
    to_hocr_group,
    validate_frame,
)
from classifier.errors import (
    ChecksumError,
    ClassifierError,
    InputFileError,
    ModelLoadError,
    NotFittedError,
    ReconciliationError,
    SchemaError,
)

# Wing -> the public names it serves (imported on first use, PEP 562).
_EXPORTS = {
    "classifier.data": ("load_incidents", "iter_incident_chunks", "read_incidents", "validate_file",
        "write_frame", "neutralise_formulas", "restore_formulas"),
    "classifier.text": ("LogPreprocessor", "build_nlp", "log_text"),
    "classifier.model": ("CrimeRecModel", "AdaptedModel", "ForceVocabulary", "LinearHead", "assign_folds",
        "stack_inputs", "load_model", "save_model"),
    "classifier.scoring": ("score_frame", "score_file", "ScoreSummary", "default_model_path"),
    "classifier.report": ("estimate_recording_rate", "wilson_interval", "format_rate",
        "find_discrepancies", "summarise_recording", "render_report", "write_report"),
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
    *(name for names in _EXPORTS.values() for name in names),
]
__version__ = "0.1.0"
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
