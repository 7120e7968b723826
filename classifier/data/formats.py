"""Which file format a path holds, from its extension: shared by the readers and writers of ``io``."""

from pathlib import Path

from classifier.errors import InputFileError

FORMATS = ("csv", "jsonl", "parquet")
_SUFFIX_FORMATS = {
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
}
_SPREADSHEET_SUFFIXES = (".xlsx", ".xls", ".xlsm", ".ods")


def detect_format(path, file_format=None):
    """Return 'csv', 'jsonl' or 'parquet' for ``path`` (from ``file_format`` or the extension).

    ``.csv``; ``.jsonl``, ``.ndjson`` and ``.json`` (read as JSON Lines); ``.parquet``, ``.pq``.
    A final ``.gz`` is allowed for CSV and JSON Lines.

    Examples
    --------
    >>> detect_format("export.CSV"), detect_format("logs.jsonl.gz"), detect_format("x.txt", "csv")
    ('csv', 'jsonl', 'csv')
    """
    path = Path(path)
    if file_format is not None:
        if file_format not in FORMATS:
            raise InputFileError(f"Unknown format {file_format!r}; use one of {', '.join(FORMATS)}.")
        return file_format
    suffixes = [suffix.lower() for suffix in path.suffixes]
    compressed = suffixes[-1:] == [".gz"]
    if compressed:
        suffixes = suffixes[:-1]
    found = _SUFFIX_FORMATS.get(suffixes[-1]) if suffixes else None
    if found is None or (found == "parquet" and compressed):
        raise InputFileError(_unknown_format_message(path))
    return found


def _unknown_format_message(path):
    """Explain an unknown file extension, with the fix."""
    if path.suffix.lower() in _SPREADSHEET_SUFFIXES:
        return (
            f"{path.name} is a spreadsheet. crimerec reads .csv, .jsonl and .parquet files: in Excel "
            "use File > Save As > 'CSV UTF-8 (Comma delimited)'."
        )
    return (
        f"Cannot tell the format of {path.name} from its extension {path.suffix or '(none)'!r}. "
        "crimerec reads .csv, .jsonl (JSON Lines) and .parquet files (.csv.gz and .jsonl.gz too); "
        "rename the file or pass --format csv, jsonl or parquet."
    )
