"""spaCy preprocessing of log text: shorthand, masking of personal data and decisions, lemmas, offence indicators.

May import: classifier.data, classifier.errors.
Public names are imported on first use (``classifier._exports``).
"""

from classifier._exports import lazy_exports

_EXPORTS = {
    "preprocessing": ("INDICATOR_FAMILIES", "LOG_TEXT_COLUMNS", "MAX_CHARS", "IndicatorCounts",
        "LogPreprocessor", "ProcessedLog", "build_nlp", "describe_indicators", "log_text",
        "processed_masked", "processed_tokens"),
    "masking": ("mask_text",),
}

__all__ = [name for names in _EXPORTS.values() for name in names]
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
