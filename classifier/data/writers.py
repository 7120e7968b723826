"""Writing frames for ``classifier.data.loading``: CSV, JSON Lines and Parquet, whole or chunk by chunk.

CSV output is made safe to open in a spreadsheet: text that would start a formula is
prefixed with a single quote (see ``classifier.data.loading.neutralise_formulas``). JSON Lines output
writes every number with all its digits (Python's shortest round-trip form), so reading it back
gives the same floats. ``InputCells`` lets scored output carry each input cell exactly as it
was read, although validation parsed it.
"""

import gzip
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from classifier.data.formats import detect_format
from classifier.data.jsonl import json_text, jsonl_bytes
from classifier.errors import InputFileError, SchemaError

# OWASP "CSV injection": cells starting with these run as formulas in Excel, LibreOffice, Sheets.
_FORMULA_CHARS = "=+\\-@\t\r"
NEUTRALISE = ("neutralise", re.compile(f"'*[{_FORMULA_CHARS}]"))
RESTORE = ("restore", re.compile(f"'+[{_FORMULA_CHARS}]"))


def map_text_cells(frame, how):
    """Apply ``NEUTRALISE`` or ``RESTORE`` to every text cell and text column name of ``frame``."""
    out = frame.copy()
    for position in range(frame.shape[1]):
        column = frame.iloc[:, position]
        if isinstance(column.dtype, pd.CategoricalDtype):
            out.isetitem(position, column.cat.rename_categories(lambda value: _map_value(value, how)))
        elif pd.api.types.is_string_dtype(column.dtype) and column.dtype != object:
            out.isetitem(position, _map_text_series(column, how))
        elif column.dtype == object:
            out.isetitem(position, column.map(lambda value: _map_value(value, how)))
    out.columns = [_map_value(name, how) for name in frame.columns]
    return out


def _map_text_series(series, how):
    """Vectorised ``_map_value`` for a pandas ``str`` column."""
    kind, pattern = how
    hit = series.str.match(pattern.pattern).fillna(False).astype(bool)
    if not hit.any():
        return series
    changed = "'" + series if kind == "neutralise" else series.str.slice(1)
    return series.where(~hit, changed)


def _map_value(value, how):
    """Neutralise or restore one value if it is text that matches."""
    kind, pattern = how
    if not isinstance(value, str) or not pattern.match(value):
        return value
    return "'" + value if kind == "neutralise" else value[1:]


@dataclass(frozen=True)
class InputCells:
    """Input cells of a chunk's accepted rows, as read, where the validated frame holds them otherwise.

    Validation parses columns for use: yes/no columns become booleans, Parquet ids and dates
    become text, missing contract text becomes ``""``, and the JSON Lines reader turns numbers,
    booleans, arrays and objects into their JSON text. Scored output must carry every input
    cell exactly as it was read; ``restore`` and ``to_table`` put the cells back. Columns are
    under the file's own names; the index is the accepted rows' row numbers.

    Attributes
    ----------
    values : pandas.DataFrame
        The cells as the reader gave them, before validation, of the columns validation changed.
    json_values : pandas.DataFrame or None
        JSON Lines input: the JSON values (Python objects, None for null or absent) of every
        column holding anything but strings. Only JSON Lines output writes them; CSV and Parquet
        output write their JSON text.
    arrow : pyarrow.Table or None
        Parquet input: the accepted rows' columns that are not plain text, with their Arrow
        types, for Parquet output. (pandas holds plain text exactly: ``values`` or the frame.)
    schema : pyarrow.Schema or None
        Parquet input: the file's schema, metadata included.
    """

    values: pd.DataFrame
    json_values: pd.DataFrame | None = None
    arrow: pa.Table | None = None
    schema: pa.Schema | None = None

    def restore(self, frame, output_format):
        """Return ``frame`` with its input columns holding the cells as read (for ``output_format``).

        JSON Lines output also gets the JSON values of a JSON Lines input, and the Python values
        of a Parquet input's columns (exact where pandas would turn whole numbers in a struct
        into floats); CSV output gets Parquet lists, structs and maps as JSON text.
        """
        replace = dict(self.values.items())
        if output_format == "jsonl" and self.json_values is not None:
            replace.update(self.json_values.items())
        if output_format == "jsonl" and self.arrow is not None:
            replace.update(self._python_values(self.arrow.column_names))
        if output_format == "csv" and self.arrow is not None:
            nested = [field.name for field in self.arrow.schema if pa.types.is_nested(field.type)]
            replace.update({name: column.map(json_text) for name, column in self._python_values(nested).items()})
        if not replace:
            return frame
        if not self.values.index.equals(frame.index):
            raise ValueError("InputCells.restore needs the frame of the same accepted rows, in order.")
        out = frame.copy(deep=False)
        for name, column in replace.items():
            out.isetitem(out.columns.get_loc(name), column.set_axis(out.index))
        return out

    def _python_values(self, names):
        """The Parquet input's columns ``names`` as object Series of Python values (None for null)."""
        return {name: pd.Series(self.arrow.column(name).to_pylist(), index=self.values.index, dtype=object)
                for name in names}

    def to_table(self, frame):
        """Return ``frame`` as an Arrow table whose input columns are the Parquet input's, types included.

        ``frame`` has been through ``restore``. Columns kept in ``arrow`` are taken as they are;
        the other input columns (plain text) are converted from pandas and cast to the file's
        type; the score columns are converted from pandas. The schema metadata is the input
        file's.
        """
        taken = set(self.arrow.column_names) if self.arrow is not None else set()
        converted = pa.Table.from_pandas(frame[[name for name in frame.columns if name not in taken]],
                                         preserve_index=False)
        arrays, fields = [], []
        for name in frame.columns:
            if name in taken:
                arrays.append(self.arrow.column(name))
                fields.append(self.schema.field(name))
            elif self.schema.get_field_index(name) >= 0:
                fields.append(self.schema.field(name))
                arrays.append(converted.column(name).cast(fields[-1].type))
            else:
                arrays.append(converted.column(name))
                fields.append(converted.schema.field(name))
        return pa.Table.from_arrays(arrays, schema=pa.schema(fields, metadata=self.schema.metadata))


def frame_to_bytes(frame, *, format, header=True, neutralise=True, index=False, input_cells=None):  # noqa: A002
    """Serialise a frame as CSV, JSON Lines or Parquet bytes.

    Parameters
    ----------
    frame : pandas.DataFrame
        The rows to write.
    format : {'csv', 'jsonl', 'parquet'}
        Output format.
    header : bool, default=True
        Write the CSV header line (False for a chunk appended to an existing CSV).
    neutralise : bool, default=True
        Neutralise spreadsheet formulas in CSV text (see ``neutralise_formulas``).
    index : bool, default=False
        Write the index (e.g. the ``row`` number of accepted frames) as the first column.
    input_cells : InputCells or None, default=None
        The input cells of ``frame``'s rows as read (``IncidentChunk.input_cells``): written in
        place of the validated values, so the input columns come out as they went in.

    Returns
    -------
    bytes
        UTF-8 text for CSV (``\\n`` line ends, missing values empty) and JSON Lines (missing
        values ``null``, one object per line, each line ending ``\\n``, floats with every digit
        needed to read back the same number); a whole Parquet file.

    Examples
    --------
    >>> frame_to_bytes(pd.DataFrame({"id": ["A1"], "note": ["=1+1"]}), format="csv")
    b"id,note\\nA1,'=1+1\\n"
    """
    if input_cells is not None and format == "parquet" and input_cells.schema is not None and not index:
        buffer = io.BytesIO()
        pq.write_table(input_cells.to_table(input_cells.restore(frame, format)), buffer)
        return buffer.getvalue()
    if input_cells is not None:
        frame = input_cells.restore(frame, format)
    if index:
        frame = frame.reset_index()
    if format == "csv":
        if frame.shape[1] == 0:
            return b""
        frame = map_text_cells(frame, NEUTRALISE) if neutralise else frame
        return _csv_text(frame, header=header).encode("utf-8")
    if format == "jsonl":
        return jsonl_bytes(frame)
    buffer = io.BytesIO()
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), buffer)
    return buffer.getvalue()


class _RecordSink:
    """A text sink for ``csv.writer`` that ends each record with ``\\n`` instead of ``\\r\\n``.

    Python's CSV writer (3.11) quotes a field only if it holds the delimiter, the quote or a
    character of the line terminator; with a ``\\n`` terminator a field holding a bare ``\\r``
    would be written unquoted, and every CSV reader would split the row there. Writing with a
    ``\\r\\n`` terminator quotes both; the writer hands over one whole record per ``write``,
    so the terminator is known to be its last two characters and is replaced here.
    """

    def __init__(self):
        self.parts, self.records = [], 0

    def write(self, text):
        """Take one record ending in ``\\r\\n``."""
        if not text.endswith("\r\n"):
            raise RuntimeError("CSV writer handed over a partial record; please report this crimerec bug.")
        self.parts.append(text[:-2])
        self.parts.append("\n")
        self.records += 1
        return len(text)

    def __iter__(self):  # pandas accepts only objects that look like files
        return iter(())


def _csv_text(frame, *, header):
    """Serialise ``frame`` as CSV text with ``\\n`` line ends; any field holding ``\\r`` or ``\\n`` is quoted."""
    sink = _RecordSink()
    frame.to_csv(sink, index=False, header=header, lineterminator="\r\n")
    if sink.records != len(frame) + bool(header):
        raise RuntimeError("CSV writer wrote records in an unexpected way; please report this crimerec bug.")
    return "".join(sink.parts)


class FrameWriter:
    """Append frames, chunk by chunk, to one CSV, JSON Lines or Parquet file.

    Every chunk must have the columns of the first. Use as a context manager; the file is
    complete once ``close`` has run.

    Parameters
    ----------
    path : str or path-like
        Output file; the format comes from the extension (``.csv``, ``.jsonl``, ``.parquet``;
        ``.csv.gz`` and ``.jsonl.gz`` are gzipped) unless ``format`` is given.
    format : {'csv', 'jsonl', 'parquet'} or None, default=None
        Output format, overriding the extension.
    neutralise : bool, default=True
        Neutralise spreadsheet formulas in CSV text cells (see ``neutralise_formulas``).
    index : bool, default=False
        Write each frame's index (e.g. the ``row`` number) as the first column.
    bom : bool, default=False
        Start a CSV with a UTF-8 byte-order mark, so that Excel detects UTF-8 when the file
        is double-clicked.
    template : pandas.DataFrame or None, default=None
        A frame (usually empty) written at ``close`` if no frame was written, so the file still
        has its header and column types.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.csv"
    >>> with FrameWriter(target) as writer:
    ...     writer.write(pd.DataFrame({"id": ["A1"]}))
    ...     writer.write(pd.DataFrame({"id": ["A2"]}))
    >>> target.read_text(), writer.rows_written
    ('id\\nA1\\nA2\\n', 2)
    """

    def __init__(  # noqa: A002 - ``format`` matches the --format option
        self, path, *, format=None, neutralise=True, index=False, bom=False, template=None
    ):
        self.path = Path(path)
        self.format = detect_format(self.path, format)
        self.rows_written = 0
        self._options = {"neutralise": neutralise, "index": index}
        self._bom, self._template = bom, template
        self._columns, self._handle, self._parquet, self._closed = None, None, None, False

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        if exc_type is None:
            self.close()
        else:  # leave what was written as it is; do not add a template to a failed file
            self._release()
        return False

    def write(self, frame):
        """Append ``frame``'s rows."""
        if self._closed:
            raise ValueError(f"The writer for {self.path.name} is closed; open a new FrameWriter.")
        columns = list(frame.reset_index().columns if self._options["index"] else frame.columns)
        if self._columns is not None and columns != self._columns:
            raise SchemaError(
                f"Cannot append to {self.path.name}: the columns {columns} differ from those "
                f"already written, {self._columns}."
            )
        if self.format == "parquet":
            self._write_parquet(frame)
        else:
            self._write_text(frame, header=self._columns is None)
        self._columns = columns
        self.rows_written += len(frame)

    def close(self):
        """Finish the file (writing ``template`` if nothing was written) and close it."""
        if self._closed:
            return
        if self._columns is None:
            self.write(self._template if self._template is not None else pd.DataFrame())
        self._release()

    def _release(self):
        """Close the open file handles and refuse further writes."""
        self._closed = True
        if self._parquet is not None:
            self._parquet.close()
        if self._handle is not None:
            self._handle.close()

    def _write_text(self, frame, *, header):
        """Append CSV or JSON Lines bytes, opening the file on first use."""
        if self._handle is None:
            self._handle = self._open()
            if self._bom and self.format == "csv":
                self._handle.write(b"\xef\xbb\xbf")
        self._handle.write(frame_to_bytes(frame, format=self.format, header=header, **self._options))

    def _open(self):
        """Open the output file for bytes, gzipped for ``.gz``."""
        try:
            if self.path.suffix.lower() == ".gz":
                return gzip.open(self.path, "wb")
            return open(self.path, "wb")
        except OSError as error:
            raise InputFileError(f"Cannot write {self.path}: {error.strerror or error}.") from None

    def _write_parquet(self, frame):
        """Append a row group, fitting later chunks to the first chunk's column types."""
        if self._options["index"]:
            frame = frame.reset_index()
        table = pa.Table.from_pandas(frame, preserve_index=False)
        if self._parquet is None:
            try:
                self._parquet = pq.ParquetWriter(self.path, table.schema)
            except OSError as error:
                raise InputFileError(f"Cannot write {self.path}: {error}.") from None
        elif not table.schema.equals(self._parquet.schema, check_metadata=False):
            try:
                table = table.cast(self._parquet.schema)
            except (pa.ArrowException, ValueError) as error:
                raise SchemaError(
                    f"Cannot append to {self.path.name}: a chunk's column types differ from the first "
                    f"chunk's ({error})."
                ) from None
        self._parquet.write_table(table)


def write_frame(frame, path, *, format=None, neutralise=True, index=False, bom=False):  # noqa: A002
    """Write a whole frame to CSV, JSON Lines or Parquet (by extension unless ``format`` is given).

    Takes the options of ``FrameWriter``; CSV text has spreadsheet formulas neutralised.

    Returns
    -------
    pathlib.Path
        The file written.
    """
    with FrameWriter(path, format=format, neutralise=neutralise, index=index, bom=bom) as writer:
        writer.write(frame)
    return writer.path
