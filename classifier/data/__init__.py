"""The data contract and the files that follow it: reading, validating, mapping and writing incident logs.

May import: classifier.errors only.
Public names are imported on first use (``classifier._exports``).
"""

from classifier._exports import lazy_exports

_EXPORTS = {
    "contract": ("REQUIRED_COLUMNS", "TEXT_COLUMNS", "BOOL_COLUMNS", "DATE_COLUMNS",
        "OPTIONAL_COLUMNS", "CONTRACT_COLUMNS", "DECISION_COLUMNS", "SCORE_COLUMNS",
        "REJECT_COLUMNS", "HOCR_GROUPS", "NO_CRIME", "MAX_TEXT_CHARS", "TRUE_WORDS", "FALSE_WORDS",
        "IdRegister", "to_hocr_group", "parse_bool", "parse_mapping", "load_mapping_file",
        "load_mapping", "plan_renames", "check_columns", "validate_frame", "check_frame", "empty_rejects"),
    "dates": ("DAYFIRST", "check_date_format", "parse_dates", "describe_format"),
    "profile": ("ForceProfile", "load_profile", "save_profile", "resolve_profile"),
    "loading": ("FORMATS", "DEFAULT_CHUNK_SIZE", "IncidentChunk", "InputCells", "LoadResult",
        "ValidationSummary", "columns_found", "detect_format", "iter_incident_chunks", "load_incidents",
        "read_incidents", "validate_file", "write_frame", "frame_to_bytes", "FrameWriter",
        "neutralise_formulas", "restore_formulas"),
    "paths": ("check_writable", "resolve_path"),
}

__all__ = [name for names in _EXPORTS.values() for name in names]
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
