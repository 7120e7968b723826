"""Reading ``reported_at`` as forces write it: ISO 8601, day-first UK dates, or an explicit format.

A date format is ``None`` (ISO 8601 only, the contract's default), ``'dayfirst'`` (the usual UK
spellings such as ``31/01/2024 14:30``), or a ``strptime`` format such as ``'%d/%m/%Y %H:%M'``.
Whatever the format, ISO 8601 text is also accepted, so a file crimerec has already normalised
reads back with the same profile.
"""

import numpy as np
import pandas as pd

from classifier.errors import SchemaError

__all__ = ["DAYFIRST", "DAYFIRST_FORMATS", "check_date_format", "parse_dates", "describe_format"]

DAYFIRST = "dayfirst"
# Tried in order for 'dayfirst'; the first that reads a value wins.
DAYFIRST_FORMATS = (
    "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y",
    "%d-%m-%Y %H:%M:%S", "%d-%m-%Y %H:%M", "%d-%m-%Y",
    "%d.%m.%Y %H:%M", "%d.%m.%Y", "%d/%m/%y %H:%M", "%d/%m/%y",
)  # fmt: skip
_SPELLING = {"%d": "dd", "%m": "mm", "%Y": "yyyy", "%y": "yy", "%H": "hh", "%M": "mm", "%S": "ss",
             "%b": "Mon", "%B": "Month", "%I": "hh", "%p": "AM/PM"}


def check_date_format(date_format):
    """Return ``date_format`` if crimerec can use it, else raise ``SchemaError`` saying what is allowed.

    Examples
    --------
    >>> check_date_format("%d/%m/%Y %H:%M")
    '%d/%m/%Y %H:%M'
    >>> check_date_format("dd/mm/yyyy")
    Traceback (most recent call last):
    ...
    classifier.errors.SchemaError: Date format 'dd/mm/yyyy' is not understood. Give 'iso' (ISO 8601, the default), 'dayfirst' (UK dates such as 31/01/2024 14:30), or a strptime format such as '%d/%m/%Y %H:%M'.
    """
    if date_format is None or str(date_format).strip().lower() in ("", "iso", "iso8601"):
        return None
    text = str(date_format).strip()
    if text.lower() == DAYFIRST:
        return DAYFIRST
    if "%" in text and ("%d" in text or "%j" in text):
        return text
    raise SchemaError(
        f"Date format {text!r} is not understood. Give 'iso' (ISO 8601, the default), 'dayfirst' "
        "(UK dates such as 31/01/2024 14:30), or a strptime format such as '%d/%m/%Y %H:%M'."
    )


def describe_format(date_format):
    """Say in words what a date should look like, for messages.

    Examples
    --------
    >>> describe_format("%d/%m/%Y %H:%M")
    "dd/mm/yyyy hh:mm (--date-format '%d/%m/%Y %H:%M') or ISO 8601"
    """
    if date_format is None:
        return "an ISO 8601 date or date-time; write it like 2024-03-01 or 2024-03-01T14:30:00"
    if date_format == DAYFIRST:
        return "a day-first date such as 31/01/2024 or 31/01/2024 14:30 (--date-format dayfirst) or ISO 8601"
    spelled = date_format
    for code, word in _SPELLING.items():
        spelled = spelled.replace(code, word)
    return f"{spelled} (--date-format {date_format!r}) or ISO 8601"


def parse_dates(text, date_format=None):
    """Parse date text; return ``(timestamps, bad)``: UTC timestamps (NaT where empty or bad) and a bad mask.

    Parameters
    ----------
    text : pandas.Series of str
        Date values as text, ``""`` for missing.
    date_format : None, 'dayfirst' or str, default=None
        See the module docstring; ISO 8601 is always accepted as well.

    Returns
    -------
    timestamps : pandas.Series
        ``datetime64[ns, UTC]`` values, aligned with ``text``.
    bad : numpy.ndarray of bool
        True for non-empty values that no accepted format reads.

    Examples
    --------
    >>> stamps, bad = parse_dates(pd.Series(["31/01/2024 14:30", "2024-02-01", "", "31/02/2024"]), "dayfirst")
    >>> [str(s.date()) if not pd.isna(s) else None for s in stamps], bad.tolist()
    (['2024-01-31', '2024-02-01', None, None], [False, False, False, True])
    """
    stripped = text.astype("str").str.strip()
    filled = (stripped != "").to_numpy()
    result = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns, UTC]")
    if not filled.any():
        return result, np.zeros(len(text), dtype=bool)
    values = stripped[filled]
    parsed = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns, UTC]")
    formats = {None: (), DAYFIRST: DAYFIRST_FORMATS}.get(date_format, (date_format,))
    for fmt in (*formats, "ISO8601"):
        missing = parsed.isna()
        if not missing.any():
            break
        parsed[missing] = pd.to_datetime(values[missing], format=fmt, errors="coerce", utc=True)
    result[filled] = parsed
    bad = np.zeros(len(text), dtype=bool)
    bad[filled] = parsed.isna().to_numpy()
    return result, bad


def to_iso_text(timestamps):
    """Write parsed timestamps as ISO 8601 text (``2024-01-31T14:30:00``; ``""`` where missing)."""
    text = timestamps.dt.strftime("%Y-%m-%dT%H:%M:%S")
    return text.astype("str").where(timestamps.notna(), "")
