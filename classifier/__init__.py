"""crimerec inference: read incident logs, score them, report likely under-recording.

The public API is re-exported here; everything else is private to its module.
"""

from classifier.errors import (
    ChecksumError,
    ClassifierError,
    InputFileError,
    ModelLoadError,
    NotFittedError,
    ReconciliationError,
    SchemaError,
)
from classifier.schema import HOCR_GROUPS, NO_CRIME, to_hocr_group

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
    "to_hocr_group",
]
__version__ = "0.1.0"
