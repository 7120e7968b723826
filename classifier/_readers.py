"""File readers behind ``classifier.io``: JSON Lines and Parquet, and what every reader shares.

A reader checks the whole file for file-level problems when it is opened (undecodable bytes,
no header, unreadable file), so nothing is yielded from a file that will fail half-way. It has
``columns`` (the file's column names) and ``chunks(chunk_size, id_column)``, which yields
``RawChunk``s in file order: the rows as read, with the 1-based data row number as index, plus
the rows the parser itself had to set aside (ragged CSV rows, lines that are not JSON objects)
as rejects. The CSV reader is in ``_csv_reader.py``.
"""

import io
import json
from dataclasses import dataclass

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from classifier._decoding import DecodedStream, open_binary
from classifier.errors import InputFileError, SchemaError
from classifier.schema import REJECT_COLUMNS, empty_rejects

_READ_BLOCK = 1 << 20  # bytes per read when scanning a file


@dataclass(frozen=True)
class RawChunk:
    """Rows as read (index = data row number) and the rows the parser rejected."""

    frame: pd.DataFrame
    rejects: pd.DataFrame


def open_text(path, encoding, source):
    """Open ``path`` as a UTF-8 byte stream decoded from ``encoding``."""
    return DecodedStream(open_binary(path, source), encoding=encoding, source=source)


def scan(stream):
    """Read ``stream`` to the end (so decoding errors surface first); return the byte count."""
    total = 0
    while block := stream.read(_READ_BLOCK):
        total += len(block)
    return total


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
        self.columns = self._scan_keys()
        self._known = set(self.columns)

    def _lines(self):
        """Yield (line number, line text) for each non-blank line; lines end only at ``\\n``."""
        stream = io.BufferedReader(open_text(self._path, self._encoding, self._source), _READ_BLOCK)
        with io.TextIOWrapper(stream, encoding="utf-8", newline="\n") as lines:
            for number, line in enumerate(lines, start=1):
                if line.strip():
                    yield number, line

    def _scan_keys(self):
        """Read the whole file once: surface decoding errors and collect the keys, in order."""
        keys, objects, lines = {}, 0, 0
        for _, line in self._lines():
            lines += 1
            value = _loads(line)
            if isinstance(value, dict):
                objects += 1
                keys.update(dict.fromkeys(value))
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
                records.append(value)
                rows.append(number)
            else:
                rejects.append((number, "", _not_an_object(value), ""))
            if len(records) + len(rejects) >= chunk_size:
                yield self._chunk(records, rows, rejects)
                records, rows, rejects, emitted = [], [], [], True
        if records or rejects or not emitted:
            yield self._chunk(records, rows, rejects)

    def _chunk(self, records, rows, rejects):
        """Build a ``RawChunk``: every value as text (JSON text for numbers, booleans, lists)."""
        frame = pd.DataFrame(records, columns=self.columns, dtype=object)
        for position in range(len(self.columns)):
            values = frame.iloc[:, position].astype(object)
            missing = values.isna()  # a key absent from a line, or null
            if pd.api.types.infer_dtype(values, skipna=True) not in ("string", "empty"):
                values = values.where(missing, values.map(_as_text))
            frame.isetitem(position, values.where(~missing, None).astype("str"))
        frame.index = pd.Index(rows, name="row", dtype="int64")
        return RawChunk(frame, rejects_frame(rejects, self._source))


class _BadLine:
    """A line that is not valid JSON, with the parser's explanation."""

    def __init__(self, why):
        self.why = why


_DECODE = json.JSONDecoder().decode


def _loads(line):
    """Parse one line of text; return the value, or a ``_BadLine``."""
    try:
        return _DECODE(line)
    except json.JSONDecodeError as error:
        return _BadLine(f"{error.msg} at character {error.colno}")
    except RecursionError:
        return _BadLine("nested too deeply")


def _not_an_object(value):
    """Word the reason for a line that is not one JSON object."""
    if isinstance(value, _BadLine):
        return f"line is not valid JSON ({value.why}); each line must be one JSON object"
    kinds = {list: "an array", str: "a string", bool: "true/false", type(None): "null"}
    kind = kinds.get(type(value), "a number")
    return f"line holds {kind}, not a JSON object; each line must be one {{...}} object"


def _as_text(value):
    """Return a JSON value as text: strings as they are, other values as JSON, null as None."""
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


class ParquetReader:
    """A Parquet file, read in record batches; values keep their Parquet types."""

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
                    yield self._chunk(batch.to_pandas(), first)
                    first, emitted = first + batch.num_rows, True
                if not emitted:
                    yield self._chunk(parquet.schema_arrow.empty_table().to_pandas(), first)
            except (pa.ArrowException, OSError) as error:
                message = f"Cannot read {self._source} after data row {first - 1:,}: {error}."
                raise InputFileError(message) from None

    def _chunk(self, frame, first):
        """Number a batch's rows from ``first``."""
        frame.index = pd.RangeIndex(first, first + len(frame), name="row")
        return RawChunk(frame, empty_rejects())
