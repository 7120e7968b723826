"""Exceptions raised by crimerec, worded for the analyst who has to act on them.

Every error is a ``ClassifierError``; each also inherits the matching built-in so that
callers who catch ``ValueError`` or ``OSError`` keep working.
"""

__all__ = [
    "ChecksumError",
    "ClassifierError",
    "EngineError",
    "InputFileError",
    "ModelLoadError",
    "NotFittedError",
    "ReconciliationError",
    "SchemaError",
]


class ClassifierError(Exception):
    """Base class for every error crimerec raises on purpose."""


class SchemaError(ClassifierError, ValueError):
    """A file or frame does not follow the incident-log data contract."""


class InputFileError(ClassifierError, OSError):
    """An input file cannot be read at all (missing, wrong encoding, unknown format)."""


class ModelLoadError(ClassifierError, OSError):
    """A model directory is missing, incomplete, or from an incompatible version."""


class ChecksumError(ModelLoadError):
    """A model file's SHA-256 does not match its model card, so it is not loaded."""


class NotFittedError(ClassifierError, ValueError):
    """A model or transformer was used before it was trained."""


class ReconciliationError(ClassifierError, RuntimeError):
    """Rows read do not equal rows scored plus rows rejected: something was lost."""


class EngineError(ClassifierError, ImportError):
    """An optional engine is not installed or cannot start: pyspark, or the Java runtime Spark runs on."""
