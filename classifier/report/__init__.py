"""Recording rates with confidence intervals, the triage queue of discrepancies, and the report files.

May import: classifier.model, classifier.text, classifier.data, classifier.errors (never classifier.scoring).
Public names are imported on first use (``classifier._exports``).
"""

from classifier._exports import lazy_exports

_EXPORTS = {
    "rates": ("METHODS", "WEIGHT_COLUMNS", "MIN_AUDITED_POSITIVES", "MIN_AUDITED_EACH_OUTCOME",
        "RateEstimate", "wilson_interval", "estimate_recording_rate", "estimate_unrecorded_share",
        "estimate_rates_by", "format_rate"),
    "discrepancies": ("VULNERABILITY_WEIGHTS", "VIOLENT_GROUPS", "TRIAGE_COLUMNS",
        "OVER_RECORDED_COLUMNS", "find_discrepancies", "summarise_recording", "render_report",
        "write_report"),
    "triage_rules": ("OFFENCE_FAMILIES", "DENIAL_FAMILIES", "DENIAL_PATTERN", "find_indicators",
        "phrase_patterns", "evidence_patterns", "highlight"),
}

__all__ = [name for names in _EXPORTS.values() for name in names]
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
