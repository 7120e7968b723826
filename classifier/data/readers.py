"""File readers behind ``classifier.data.loading``: JSON Lines and Parquet, and what every reader shares.

A reader checks the whole file for file-level problems when it is opened (undecodable bytes,
no header, unreadable file), so nothing is yielded from a file that will fail half-way. It has
``columns`` (the file's column names) and ``chunks(chunk_size, id_column)``, which yields
``RawChunk``s in file order: the rows as read, with the 1-based data row number as index, plus
the rows the parser itself had to set aside (ragged CSV rows, lines that are not JSON objects)
as rejects. A chunk also keeps what the output needs to write every cell back exactly as it
was read: the JSON values of JSON Lines columns that hold numbers, booleans, arrays or objects,
and the Arrow columns of a Parquet batch. The CSV reader is in ``_csv_reader.py``.
"""

import io
import json
import math
import re
from dataclasses import dataclass, field

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from classifier.data.contract import REJECT_COLUMNS, empty_rejects
from classifier.data.decoding import DecodedStream, open_binary
from classifier.errors import InputFileError, SchemaError

READ_BLOCK = 1 << 20  # bytes per read when scanning a file


@dataclass(frozen=True)
class RawChunk:
    """Rows as read (index = data row number) and the rows the parser rejected.

    ``json_values`` (JSON Lines only) maps each column holding any value that is not a string
    to an object Series of the values as JSON gave them (None where null or absent), indexed
    like ``frame``; ``frame`` holds their JSON text. ``arrow`` (Parquet only) is the batch as
    read, its rows in the order of ``frame``.
    """

    frame: pd.DataFrame
    rejects: pd.DataFrame
    json_values: dict = field(default_factory=dict)
    arrow: pa.Table | None = None


def open_text(path, encoding, source):
    """Open ``path`` as a UTF-8 byte stream decoded from ``encoding``."""
    return DecodedStream(open_binary(path, source), encoding=encoding, source=source)


def empty_file_error(source):
    """The error for a file with no header row."""
    return SchemaError(
        f"{source} is empty: it needs a header row naming at least the columns incident_id and "
        "narrative, then one row per incident log."
    )


def rejects_frame(records, source):
    """Build a rejects frame from (row, column, reason, incident_id) records."""
    if not records:
        return empty_rejects()
    frame = pd.DataFrame(records, columns=["row", "column", "reason", "incident_id"])
    frame.insert(0, "source", source)
    return frame[list(REJECT_COLUMNS)].astype(
        {"source": "str", "row": "int64", "column": "str", "reason": "str", "incident_id": "str"}
    )


class JsonlReader:
    """JSON Lines: one JSON object per line; the columns are every key used in the file."""

    def __init__(self, path, *, encoding, source):
        self._path, self._encoding, self._source = path, encoding, source
        self.lines = 0  # physical lines, counted by _scan_keys
        self.columns = self._scan_keys()
        self._known = set(self.columns)

    def _lines(self):
        """Yield (line number, line text) for each non-blank line; lines end only at ``\\n``."""
        stream = io.BufferedReader(open_text(self._path, self._encoding, self._source), READ_BLOCK)
        with io.TextIOWrapper(stream, encoding="utf-8", newline="\n") as lines:
            for number, line in enumerate(lines, start=1):
                self.lines = max(self.lines, number)
                if line.strip():
                    yield number, line

    def _scan_keys(self):
        """Read the whole file once: surface decoding errors and collect the keys, in order."""
        keys, objects, lines = {}, 0, 0
        for number, line in self._lines():
            lines += 1
            value = _loads(line)
            if isinstance(value, dict):
                objects += 1
                keys.update(dict.fromkeys(value))
                if _SURROGATE_ESCAPE.search(line) and any(_has_lone_surrogate(key) for key in value):
                    raise InputFileError(
                        f"Line {number:,} of {self._source} has a key (column name) holding an escape "
                        "such as \\ud800 for half of a UTF-16 character pair, which is not text. Fix the "
                        "name in the export."
                    )
        if lines == 0:
            raise empty_file_error(self._source)
        if objects == 0:
            raise InputFileError(
                f"{self._source} has no JSON object on any line. crimerec reads JSON Lines: one object "
                'per line, like {"incident_id": "A1", "narrative": "..."}. If the file is a single '
                "JSON array, convert it to JSON Lines first."
            )
        return list(keys)

    def chunks(self, chunk_size, id_column):
        """Yield ``RawChunk``s of up to ``chunk_size`` lines (accepted or not), in file order."""
        records, rows, rejects, emitted = [], [], [], False
        for number, line in self._lines():
            value = _loads(line)
            if isinstance(value, dict):
                if not value.keys() <= self._known:
                    raise InputFileError(f"{self._source} changed while it was being read; run again.")
                broken = _lone_surrogate_key(value, line)
                if broken is None:
                    records.append(value)
                    rows.append(number)
                else:
                    rejects.append((number, broken, _lone_surrogate_reason(broken), _id_text(value, id_column)))
            else:
                rejects.append((number, "", _not_an_object(value), ""))
            if len(records) + len(rejects) >= chunk_size:
                yield self._chunk(records, rows, rejects)
                records, rows, rejects, emitted = [], [], [], True
        if records or rejects or not emitted:
            yield self._chunk(records, rows, rejects)

    def _chunk(self, records, rows, rejects):
        """Build a ``RawChunk``: every value as text (JSON text for numbers, booleans, lists).

        The JSON values of columns that hold anything but strings are kept in ``json_values``,
        so that JSON Lines output can write them back with their types.
        """
        index = pd.Index(rows, name="row", dtype="int64")
        frame = pd.DataFrame(records, columns=self.columns, dtype=object)
        json_values = {}
        for position, name in enumerate(self.columns):
            values = frame.iloc[:, position].astype(object)
            missing = values.isna()  # a key absent from a line, or null
            if pd.api.types.infer_dtype(values, skipna=True) not in ("string", "empty"):
                json_values[name] = values.where(~missing, None).set_axis(index)
                values = values.where(missing, values.map(_as_text))
            frame.isetitem(position, values.where(~missing, None).astype("str"))
        frame.index = index
        return RawChunk(frame, rejects_frame(rejects, self._source), json_values=json_values)


class _BadLine:
    """A line that is not valid JSON, with the parser's explanation."""

    def __init__(self, why):
        self.why = why


class _NotFinite(ValueError):
    """A JSON value that is NaN, Infinity or too large for a double: not strict JSON, not writable."""


def _refuse_constant(name):
    """``parse_constant`` hook: NaN, Infinity and -Infinity are not JSON."""
    raise _NotFinite(name)


def _finite_float(text):
    """``parse_float`` hook: the float, unless it overflows a double (``1e400``)."""
    value = float(text)
    if value in (math.inf, -math.inf):
        raise _NotFinite(text)
    return value


_DECODE = json.JSONDecoder(parse_constant=_refuse_constant, parse_float=_finite_float).decode


def _loads(line):
    """Parse one line of text; return the value, or a ``_BadLine``."""
    try:
        return _DECODE(line)
    except json.JSONDecodeError as error:
        return _BadLine(f"{error.msg} at character {error.colno}")
    except _NotFinite:
        return _BadLine("it holds NaN, Infinity or a number beyond the range of a double such as 1e400, "
                        "which strict JSON readers refuse; write null or a finite number instead")
    except RecursionError:
        return _BadLine("nested too deeply")


def _not_an_object(value):
    """Word the reason for a line that is not one JSON object."""
    if isinstance(value, _BadLine):
        return f"line is not valid JSON ({value.why}); each line must be one JSON object"
    kinds = {list: "an array", str: "a string", bool: "true/false", type(None): "null"}
    kind = kinds.get(type(value), "a number")
    return f"line holds {kind}, not a JSON object; each line must be one {{...}} object"


# A JSON escape for half of a UTF-16 surrogate pair; only lines holding one need a closer look.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _lone_surrogate_key(record, line):
    """Return the key of the first value holding an unpaired surrogate (``"\\ud800"``), else None.

    JSON may escape half of a UTF-16 surrogate pair on its own; Python then holds a string
    that is not text and cannot be written as UTF-8, so the row could not be written out.
    """
    if not _SURROGATE_ESCAPE.search(line):
        return None
    for key, value in record.items():
        if _has_lone_surrogate(value):
            return key
    return None


def _has_lone_surrogate(value):
    """Whether a JSON value (or anything nested in it) is text holding an unpaired surrogate."""
    if isinstance(value, str):
        return _SURROGATE.search(value) is not None
    if isinstance(value, list):
        return any(_has_lone_surrogate(item) for item in value)
    if isinstance(value, dict):
        return any(_has_lone_surrogate(key) or _has_lone_surrogate(item) for key, item in value.items())
    return False


def _lone_surrogate_reason(key):
    """Word the reason for a line whose value holds an unpaired surrogate escape."""
    return (
        f"{key} holds an escape such as \\ud800 for half of a UTF-16 character pair, which is not "
        "text and cannot be written to the output; fix or remove it in the export"
    )


def _id_text(record, id_column):
    """The incident id of a parsed line as text, for a rejects file ("" when absent or not text)."""
    value = record.get(id_column)
    if value is None or _has_lone_surrogate(value):
        return ""
    return _as_text(value)


def _as_text(value):
    """Return a JSON value as text: strings as they are, other values as JSON, null as None."""
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


class ParquetReader:
    """A Parquet file, read in record batches; values keep their Parquet types.

    Integer and boolean columns become pandas' nullable ``Int64``/``boolean`` types (so a
    missing value does not turn whole numbers into floats), and every column stored in the
    file is a column of the frame, a pandas index saved with the data included.
    """

    def __init__(self, path, *, source):
        self._path, self._source = path, source
        with open_binary(path, source) as handle:
            self.columns = self._open(handle).schema_arrow.names

    def _open(self, handle):
        """Open ``handle`` as a Parquet file, with an analyst-readable error."""
        try:
            return pq.ParquetFile(handle)
        except (pa.ArrowException, OSError, ValueError) as error:
            raise InputFileError(
                f"Cannot read {self._source} as Parquet: {error}. Check that the file is complete, "
                "or pass --format if its extension is wrong."
            ) from None

    def chunks(self, chunk_size, id_column):
        """Yield ``RawChunk``s of up to ``chunk_size`` rows, in file order."""
        with open_binary(self._path, self._source) as handle:
            parquet = self._open(handle)
            first, emitted = 1, False
            try:
                for batch in parquet.iter_batches(batch_size=chunk_size):
                    yield self._chunk(batch, first)
                    first, emitted = first + batch.num_rows, True
                if not emitted:
                    yield self._chunk(parquet.schema_arrow.empty_table(), first)
            except (pa.ArrowException, OSError) as error:
                message = f"Cannot read {self._source} after data row {first - 1:,}: {error}."
                raise InputFileError(message) from None

    def _chunk(self, batch, first):
        """Convert a batch to pandas and number its rows from ``first``; keep the batch for output."""
        table = pa.Table.from_batches([batch]) if isinstance(batch, pa.RecordBatch) else batch
        frame = table.to_pandas(types_mapper=_nullable_pandas_type, ignore_metadata=True)
        frame.index = pd.RangeIndex(first, first + len(frame), name="row")
        return RawChunk(frame, empty_rejects(), arrow=table)


_NULLABLE_TYPES = {
    pa.int8(): pd.Int8Dtype(),
    pa.int16(): pd.Int16Dtype(),
    pa.int32(): pd.Int32Dtype(),
    pa.int64(): pd.Int64Dtype(),
    pa.uint8(): pd.UInt8Dtype(),
    pa.uint16(): pd.UInt16Dtype(),
    pa.uint32(): pd.UInt32Dtype(),
    pa.uint64(): pd.UInt64Dtype(),
    pa.bool_(): pd.BooleanDtype(),
}


def _nullable_pandas_type(arrow_type):
    """The pandas nullable type for an Arrow integer or boolean type (else None: the default)."""
    return _NULLABLE_TYPES.get(arrow_type)
