"""Writing frames for ``classifier.io``: CSV, JSON Lines and Parquet, whole or chunk by chunk.

CSV output is made safe to open in a spreadsheet: text that would start a formula is
prefixed with a single quote (see ``classifier.io.neutralise_formulas``).
"""

import gzip
import io
import re
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from classifier._formats import detect_format
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


def frame_to_bytes(frame, *, format, header=True, neutralise=True, index=False):  # noqa: A002
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

    Returns
    -------
    bytes
        UTF-8 text for CSV (``\\n`` line ends, missing values empty) and JSON Lines (missing
        values ``null``, one object per line, each line ending ``\\n``); a whole Parquet file.

    Examples
    --------
    >>> frame_to_bytes(pd.DataFrame({"id": ["A1"], "note": ["=1+1"]}), format="csv")
    b"id,note\\nA1,'=1+1\\n"
    """
    if index:
        frame = frame.reset_index()
    if format == "csv":
        if frame.shape[1] == 0:
            return b""
        frame = map_text_cells(frame, NEUTRALISE) if neutralise else frame
        return frame.to_csv(index=False, header=header, lineterminator="\n").encode("utf-8")
    if format == "jsonl":
        if len(frame) == 0:
            return b""
        text = frame.to_json(orient="records", lines=True, force_ascii=False, date_format="iso")
        return (text if text.endswith("\n") else text + "\n").encode("utf-8")
    buffer = io.BytesIO()
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), buffer)
    return buffer.getvalue()


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
