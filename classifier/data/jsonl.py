"""JSON Lines serialisation for ``classifier.data.writers``: exact numbers, one object per row.

Floats are written by Python's ``repr`` (the shortest text that reads back as the same double),
so scores and input numbers survive a round trip bit for bit; missing values become ``null``.
Output is strict JSON: NaN and infinite floats (from a Parquet input, say) are written as ``null``.
"""

import datetime
import json
import math

import numpy as np
import pandas as pd

from classifier.errors import SchemaError

__all__ = ["json_text", "jsonl_bytes"]


def jsonl_bytes(frame):
    """Serialise a frame as JSON Lines: one object per row, keys in column order.

    Floats are written by Python's ``repr`` (the shortest text that reads back as the same
    double); missing values (None, NaN, ``pd.NA``, ``NaT``) and infinities as ``null``; dates and times as ISO
    8601 text; values JSON has no type for (decimals, bytes, durations) as text.
    """
    if len(frame) == 0:
        return b""
    names = [str(name) for name in frame.columns]
    if len(set(names)) != len(names):
        repeated = sorted({name for name in names if names.count(name) > 1})
        raise SchemaError(f"Cannot write JSON Lines: the column {repeated[0]!r} appears more than once.")
    columns = [_json_column(frame.iloc[:, position]) for position in range(frame.shape[1])]
    lines = [_JSON_LINE(dict(zip(names, row))) for row in zip(*columns)]
    text = "\n".join(lines) + "\n"
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:  # text holding half a surrogate pair: keep it as a \\udXXX escape
        return "".join(_encodable_line(line) + "\n" for line in lines).encode("utf-8")


_JSON_LINE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode
_ASCII_JSON = json.JSONDecoder().decode


def _encodable_line(line):
    """Return ``line`` itself if it encodes as UTF-8, else the same JSON with non-ASCII escaped."""
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(_ASCII_JSON(line), ensure_ascii=True, separators=(",", ":"))
    return line


def _json_column(series):
    """Return a column's values as JSON-ready Python objects (None for missing)."""
    dtype = series.dtype
    if isinstance(dtype, np.dtype) and dtype.kind in "biu":
        return series.tolist()
    if isinstance(dtype, np.dtype) and dtype.kind == "f":
        return [value if math.isfinite(value) else None for value in series.tolist()]
    missing = series.isna().to_numpy(dtype=bool)
    values = series.astype(object).tolist()
    return [None if gap else _json_value(value) for value, gap in zip(values, missing)]


def json_text(value):
    """Return a value as JSON text (None stays None: an empty cell)."""
    return None if value is None else json.dumps(_json_value(value), ensure_ascii=False)


def _json_value(value):
    """Return one value as a JSON-ready Python object (see ``jsonl_bytes``)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, np.generic):
        return _json_value(value.item())
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(key): _json_value(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, np.ndarray)):
        return [_json_value(item) for item in value]
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="backslashreplace")
    return str(value)
