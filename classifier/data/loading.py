"""Read incident files (CSV, JSON Lines, Parquet) in validated chunks, and write frames safely.

Reading streams a file in chunks of rows, maps the force's column names onto the data contract,
and splits every chunk into accepted rows and rejects, so that rows read = rows accepted + rows
rejected, always. Each chunk also keeps the input cells that validation parsed, as they were
read, so that output can carry every input cell unchanged. Writing appends chunks to CSV,
JSON Lines or Parquet, and CSV output has spreadsheet formulas neutralised.
"""

import atexit
import contextlib
import dataclasses
import weakref
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from classifier.data import writers as _writers
from classifier.data.contract import (
    CONTRACT_COLUMNS,
    MAX_TEXT_CHARS,
    IdRegister,
    check_columns,
    check_frame,
    empty_rejects,
    plan_renames,
)
from classifier.data.csv_reader import CsvReader
from classifier.data.formats import FORMATS, detect_format
from classifier.data.readers import JsonlReader, ParquetReader
from classifier.data.spool import needs_spooling, spool
from classifier.data.writers import FrameWriter, InputCells, frame_to_bytes, write_frame
from classifier.errors import InputFileError, ReconciliationError, SchemaError

__all__ = [
    "FORMATS",
    "DEFAULT_CHUNK_SIZE",
    "IncidentChunk",
    "InputCells",
    "LoadResult",
    "ValidationSummary",
    "columns_found",
    "detect_format",
    "iter_incident_chunks",
    "load_incidents",
    "read_incidents",
    "validate_file",
    "write_frame",
    "frame_to_bytes",
    "FrameWriter",
    "neutralise_formulas",
    "restore_formulas",
]

DEFAULT_CHUNK_SIZE = 50_000


@dataclass(frozen=True)
class IncidentChunk:
    """One chunk of a file: accepted rows, rejected rows, and how many rows were read.

    ``accepted`` has the data row number as its index (named ``row``); ``rejects`` has the
    columns in ``classifier.data.contract.REJECT_COLUMNS``; ``rows_read == len(accepted) + len(rejects)``.
    ``input_cells`` holds the accepted rows' input cells that validation parsed, as they were
    read (under the file's column names); pass it to ``frame_to_bytes`` to write them back.
    ``emptied`` lists optional values of accepted rows that could not be read and were left empty
    (``strict=False``), in the rejects' columns.
    ``file_lines`` (first chunk of a CSV or JSON Lines file only, else None) is the number of
    physical lines in the whole file, header included: far more lines than rows read is the
    sign of quoted fields that span lines, or of rows swallowed by a quote never closed.
    """

    accepted: pd.DataFrame
    rejects: pd.DataFrame
    rows_read: int
    input_cells: InputCells | None = None
    emptied: pd.DataFrame = field(default_factory=empty_rejects)
    file_lines: int | None = None


@dataclass(frozen=True)
class LoadResult:
    """A whole file, validated: accepted rows, rejected rows, the count of rows read, values emptied."""

    accepted: pd.DataFrame
    rejects: pd.DataFrame
    rows_read: int
    emptied: pd.DataFrame = field(default_factory=empty_rejects)
    file_lines: int | None = None

    @property
    def rows_accepted(self):
        """Number of accepted rows."""
        return len(self.accepted)

    @property
    def rows_rejected(self):
        """Number of rejected rows."""
        return len(self.rejects)


@dataclass(frozen=True)
class ValidationSummary:
    """What ``validate_file`` found: counts, rejects per column, and the first few rejects."""

    source: str
    rows_read: int
    rows_accepted: int
    rows_rejected: int
    rejects_by_column: dict = field(default_factory=dict)
    first_rejects: pd.DataFrame = field(default_factory=empty_rejects)
    rejects_path: str | None = None
    file_lines: int | None = None
    values_emptied: int = 0
    emptied_by_column: dict = field(default_factory=dict)
    columns: dict = field(default_factory=dict)
    date_range: tuple | None = None


def iter_incident_chunks(
    path,
    *,
    mapping=None,
    encoding=None,
    format=None,  # noqa: A002 - matches the --format option
    chunk_size=DEFAULT_CHUNK_SIZE,
    max_text_chars=MAX_TEXT_CHARS,
    formulas="keep",
    repeated_ids="reject",
    date_format=None,
    strict=True,
):
    """Read an incident file in validated chunks, in file order.

    File-level problems are raised by this call, before any chunk exists: the whole file is
    decoded once first (CSV and JSON Lines), so a bad byte near the end stops the run at the
    start. Row-level problems never stop the reading; the rows go to each chunk's rejects.

    Parameters
    ----------
    path : str or path-like
        A ``.csv``, ``.jsonl`` or ``.parquet`` file (``.csv.gz`` and ``.jsonl.gz`` too).
    mapping : dict of str to str or None, default=None
        Contract column -> the file's column name (see ``classifier.data.contract.parse_mapping``).
    encoding : str or None, default=None
        Text encoding of a CSV or JSON Lines file, e.g. ``'cp1252'``. None reads UTF-8, with
        or without a byte-order mark, and rejects the file at the first byte that is not UTF-8.
    format : {'csv', 'jsonl', 'parquet'} or None, default=None
        None decides from the file extension.
    chunk_size : int, default=50_000
        Most rows (accepted plus rejected) per chunk; memory use depends on it, not on the file.
    max_text_chars : int, default=100_000
        Longest allowed contract text value; longer ones reject their row.
    formulas : {'keep', 'restore'}, default='keep'
        'restore' undoes, in a CSV file's cells, the spreadsheet-formula protection crimerec's
        own CSV output carries (``restore_formulas``), so that reading a scored file or an audit
        sample gives back the values scored (an id ``-001`` written as ``'-001`` reads as
        ``-001``). Use it for files crimerec wrote; 'keep' reads every cell as it is.
    repeated_ids : {'reject', 'keep'}, default='reject'
        'reject' rejects every row whose ``incident_id`` appeared in an earlier row; 'keep'
        accepts it, for callers that judge repeats themselves (the label store records two
        contradicting labels of one log as a conflict).
    date_format : None, 'dayfirst' or str, default=None
        How ``reported_at`` is written (see ``classifier.data.dates``); None is ISO 8601.
    strict : bool, default=True
        False keeps a row whose yes/no value or date cannot be read, with that value empty,
        and lists it in the chunk's ``emptied``; True rejects the row.

    Returns
    -------
    iterator of IncidentChunk
        At least one chunk (possibly empty, to carry the columns). Accepted rows are indexed by
        their 1-based data row number (header excluded), which keeps counting across chunks.

    Raises
    ------
    InputFileError
        The file is missing, unreadable, in another encoding, or of an unknown format.
    SchemaError
        A required column is missing, a column name repeats, or the mapping does not fit.
    """
    _check_whole_number("chunk_size", chunk_size)
    _check_whole_number("max_text_chars", max_text_chars)
    if formulas not in ("keep", "restore"):
        raise SchemaError(f"formulas must be 'keep' or 'restore'; got {formulas!r}.")
    if repeated_ids not in ("reject", "keep"):
        raise SchemaError(f"repeated_ids must be 'reject' or 'keep'; got {repeated_ids!r}.")
    path = Path(path)
    id_hint = str((mapping or {}).get("incident_id", "incident_id"))
    file_format = detect_format(path, format)
    spooled = spool(path) if needs_spooling(path) else None  # a pipe can be read only once
    try:
        checks = {"max_text_chars": max_text_chars, "date_format": date_format, "strict": strict}
        chunks = _open_chunks(spooled or path, path.name, file_format=file_format, encoding=encoding,
                              mapping=mapping, id_hint=id_hint, chunk_size=chunk_size, checks=checks,
                              formulas=formulas, repeated_ids=repeated_ids)
    except BaseException:
        if spooled is not None:
            spooled.unlink(missing_ok=True)
        raise
    if spooled is not None:
        chunks = _deleting_after(chunks, spooled)
    _OPEN_READERS.add(chunks)
    return chunks


def _open_chunks(path, source, *, file_format, encoding, mapping, id_hint, chunk_size, checks, formulas, repeated_ids):
    """Open the reader, check the columns and mapping, and return the validated chunk iterator."""
    reader = _open_reader(path, file_format=file_format, encoding=encoding, source=source, id_column=id_hint)
    renames = plan_renames(reader.columns, mapping or {}, source=source)
    check_columns([renames.get(name, name) for name in reader.columns], source=source)
    id_column = {contract: name for name, contract in renames.items()}.get("incident_id", "incident_id")
    raw_chunks = reader.chunks(chunk_size, id_column)
    if formulas == "restore" and file_format == "csv":
        raw_chunks = _restored(raw_chunks)
    register = IdRegister() if repeated_ids == "reject" else _RepeatsAllowed()
    return _validated_chunks(raw_chunks, renames, source=source, checks=checks,
                             lines=getattr(reader, "lines", None), register=register)


def _deleting_after(chunks, path):
    """Yield from ``chunks``, then delete the temporary file ``path`` (also when stopped early)."""
    try:
        with contextlib.closing(chunks):
            yield from chunks
    finally:
        path.unlink(missing_ok=True)


# Chunk iterators not yet finished or closed. A caller that stops part-way and never closes one
# leaves pyarrow's read-ahead thread waiting; closing them at exit, while Python still runs,
# stops that thread cleanly instead of letting it call into a finalising interpreter.
_OPEN_READERS = weakref.WeakSet()


@atexit.register
def _close_open_readers():
    """Close every chunk iterator still open (see ``_OPEN_READERS``)."""
    for chunks in list(_OPEN_READERS):
        chunks.close()


def _open_reader(path, *, file_format, encoding, source, id_column="incident_id"):
    """Open ``path`` with the reader for ``file_format`` ('csv', 'jsonl' or 'parquet')."""
    if file_format == "parquet":
        if encoding is not None:
            raise InputFileError(
                f"--encoding {encoding} was given for {source}, but it only applies to CSV and JSON "
                "Lines files; Parquet text is always UTF-8. Leave out --encoding."
            )
        return ParquetReader(path, source=source)
    if file_format == "csv":
        return CsvReader(path, encoding=encoding, source=source, id_column=id_column)
    return JsonlReader(path, encoding=encoding, source=source)


def _restored(raw_chunks):
    """Yield each raw chunk with crimerec's formula protection undone in its cells (names kept)."""
    with contextlib.closing(raw_chunks):
        for raw in raw_chunks:
            frame = _writers.map_text_cells(raw.frame, _writers.RESTORE).set_axis(raw.frame.columns, axis=1)
            ids = _writers.map_text_cells(raw.rejects[["incident_id"]], _writers.RESTORE)["incident_id"]
            rejects = raw.rejects.assign(incident_id=ids)
            yield dataclasses.replace(raw, frame=frame, rejects=rejects)


class _RepeatsAllowed:
    """An id register that finds no id repeated (``repeated_ids='keep'``)."""

    def check_and_add_hashed(self, hashes, rows):
        """Report every id as seen for the first time."""
        return np.full(len(hashes), -1, dtype=np.int64)


def _validated_chunks(raw_chunks, renames, *, source, checks, lines, register):
    """Validate raw chunks in order with one id register; check every chunk reconciles."""
    with contextlib.closing(raw_chunks):
        yield from _validate_each(raw_chunks, renames, source=source, checks=checks, lines=lines, register=register)


def _validate_each(raw_chunks, renames, *, source, checks, lines, register):
    """The body of ``_validated_chunks``: validate and reconcile each raw chunk."""
    for number, raw in enumerate(raw_chunks):
        frame = raw.frame.rename(columns=renames) if renames else raw.frame
        accepted, rejects, emptied = check_frame(
            frame, source=source, first_row=None, seen_ids=register, **checks
        )
        if len(raw.rejects):
            parsed = raw.rejects.assign(column=raw.rejects["column"].replace(renames))
            rejects = pd.concat([parsed, rejects], ignore_index=True)
            rejects = rejects.sort_values("row", kind="stable", ignore_index=True)
        rows_read = len(frame) + len(raw.rejects)
        if len(accepted) + len(rejects) != rows_read:
            raise ReconciliationError(
                f"Reading {source} lost rows: {rows_read} read but {len(accepted)} accepted and "
                f"{len(rejects)} rejected. This is a crimerec bug; please report it."
            )
        cells = _input_cells(raw, frame, accepted, renames)
        yield IncidentChunk(accepted, rejects, rows_read, cells, emptied, file_lines=lines if number == 0 else None)


def _input_cells(raw, frame, accepted, renames):
    """Collect the accepted rows' input cells that the validated frame no longer holds as read.

    ``frame`` is the raw chunk renamed to contract names; the result is under the file's names.
    Only contract columns are changed by validation; each one whose validated values or type
    differ from the input's is kept as read.
    """
    positions = frame.index.get_indexer(accepted.index)
    file_name = {contract: name for name, contract in renames.items()}
    values = {}
    for name in (name for name in accepted.columns if name in CONTRACT_COLUMNS):
        original = frame[name].iloc[positions]
        if not original.equals(accepted[name]):
            values[file_name.get(name, name)] = original
    values = pd.DataFrame(values, index=accepted.index)
    json_values = None
    if raw.json_values:
        json_values = pd.DataFrame({name: column.iloc[positions] for name, column in raw.json_values.items()},
                                   index=accepted.index)
    arrow = schema = None
    if raw.arrow is not None:
        schema = raw.arrow.schema
        kept = [field.name for field in schema if not _plain_text(field.type)]
        arrow = raw.arrow.select(kept).take(pa.array(positions, type=pa.int64()))
    return InputCells(values, json_values=json_values, arrow=arrow, schema=schema)


def _plain_text(arrow_type):
    """Whether an Arrow column of this type comes back exactly from pandas text (after a cast)."""
    return pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type) or pa.types.is_string_view(arrow_type)


def load_incidents(path, **options):
    """Read a whole incident file into memory: accepted rows, rejects and the count of rows read.

    Takes the same keyword options as ``iter_incident_chunks``. Use that for large files.

    Returns
    -------
    LoadResult
        ``accepted`` (index = data row number), ``rejects`` and ``rows_read``.
    """
    chunks = list(iter_incident_chunks(path, **options))
    accepted = pd.concat([chunk.accepted for chunk in chunks])
    rejects = pd.concat([chunk.rejects for chunk in chunks], ignore_index=True)
    emptied = pd.concat([chunk.emptied for chunk in chunks], ignore_index=True)
    return LoadResult(accepted, rejects, sum(chunk.rows_read for chunk in chunks), emptied, chunks[0].file_lines)


def read_incidents(path, **options):
    """Read a whole incident file that must be clean; return its rows as a validated frame.

    Takes the same keyword options as ``iter_incident_chunks``. Meant for audited training
    files, where a bad row should stop the work; ``load_incidents`` keeps the good rows instead.

    Raises
    ------
    SchemaError
        If any row is rejected; the message gives the first rejected row and how many there are.
    """
    result = load_incidents(path, **options)
    if result.rows_rejected:
        first = result.rejects.iloc[0]
        where = f"row {first['row']}" + (f", column {first['column']}" if first["column"] else "")
        raise SchemaError(
            f"{result.rows_rejected} of {result.rows_read} rows in {Path(path).name} break the data "
            f"contract. First: {where}: {first['reason']}. List them all with "
            f"'crimerec validate {Path(path).name} --rejects rejects.csv', or use load_incidents "
            "to keep the good rows."
        )
    return result.accepted


def validate_file(path, *, rejects_path=None, **options):
    """Check a whole file against the data contract, streaming; optionally write its rejects.

    Takes the same keyword options as ``iter_incident_chunks``.

    Parameters
    ----------
    path : str or path-like
        The incident file.
    rejects_path : str, path-like or None, default=None
        Where to write the rejected rows, and the values left empty on kept rows (CSV, JSON
        Lines or Parquet, by extension).

    Returns
    -------
    ValidationSummary
        Rows read, accepted and rejected, rejects per column (``""`` = the whole row), the first
        ten problems, values left empty per column, the columns found/missing/ignored and the
        range of ``reported_at``.
    """
    counts, by_column, emptied, first, lines = Counter(), Counter(), Counter(), [], None
    dates = _DateRange()
    writer = FrameWriter(rejects_path, template=empty_rejects()) if rejects_path else None
    chunks = iter_incident_chunks(path, **options)
    # On a file-level error the writer is released without writing: no empty rejects file.
    with writer if writer is not None else contextlib.nullcontext():
        for chunk in chunks:
            counts.update(read=chunk.rows_read, accepted=len(chunk.accepted))
            lines = chunk.file_lines if lines is None else lines
            by_column.update(chunk.rejects["column"].tolist())
            emptied.update(chunk.emptied["column"].tolist())
            dates.add(chunk.accepted)
            if sum(len(frame) for frame in first) < 10:
                first.append(pd.concat([chunk.rejects, chunk.emptied]).sort_values("row").head(10))
            if writer is not None:
                writer.write(pd.concat([chunk.rejects, chunk.emptied]).sort_values("row", kind="stable"))
            columns = columns_found(chunk.accepted.columns, options.get("mapping"))
    return ValidationSummary(
        source=Path(path).name,
        rows_read=counts["read"],
        rows_accepted=counts["accepted"],
        rows_rejected=counts["read"] - counts["accepted"],
        rejects_by_column=dict(by_column.most_common()),
        first_rejects=pd.concat([empty_rejects(), *first], ignore_index=True).head(10),
        rejects_path=str(rejects_path) if rejects_path else None,
        values_emptied=sum(emptied.values()),
        emptied_by_column=dict(emptied.most_common()),
        columns=columns,
        date_range=dates.span(),
        file_lines=lines,
    )


def columns_found(columns, mapping=None):
    """Which contract columns a file has (under which of its names), which are missing, which are ignored.

    Parameters
    ----------
    columns : sequence of str
        Column names after the mapping (contract names where mapped).
    mapping : dict of str to str or None, default=None
        Contract column -> the file's column name.

    Returns
    -------
    dict
        ``found`` (contract column -> file column), ``missing`` (optional contract columns absent)
        and ``ignored`` (file columns outside the contract, carried through untouched).

    Examples
    --------
    >>> columns_found(["incident_id", "narrative", "Division"], {"incident_id": "URN"})["found"]
    {'incident_id': 'URN', 'narrative': 'narrative'}
    """
    mapping = mapping or {}
    present = [str(name) for name in columns]
    return {
        "found": {name: mapping.get(name, name) for name in CONTRACT_COLUMNS if name in present},
        "missing": [name for name in CONTRACT_COLUMNS if name not in present],
        "ignored": [name for name in present if name not in CONTRACT_COLUMNS],
    }


class _DateRange:
    """Earliest and latest ``reported_at`` of the accepted rows, over chunks."""

    def __init__(self):
        self.first = self.last = None

    def add(self, accepted):
        """Widen the range with one chunk's dates (already validated ISO text)."""
        if "reported_at" not in accepted.columns:
            return
        stamps = pd.to_datetime(accepted["reported_at"], format="ISO8601", errors="coerce", utc=True).dropna()
        if len(stamps):
            low, high = stamps.min(), stamps.max()
            self.first = low if self.first is None else min(self.first, low)
            self.last = high if self.last is None else max(self.last, high)

    def span(self):
        """``(first, last)`` as ISO dates, or None without dates."""
        if self.first is None:
            return None
        return self.first.date().isoformat(), self.last.date().isoformat()


def neutralise_formulas(frame):
    """Return a copy of ``frame`` in which no text cell can run as a spreadsheet formula.

    A text cell (or column name) that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
    carriage return gets one leading single quote ``'``, as OWASP advises against CSV
    injection. So the change can be undone exactly, a cell that starts with one or more
    quotes followed by one of those characters also gets one more quote; ``restore_formulas``
    removes one leading quote from any cell that starts with quotes and then one of them.
    Numbers, booleans and missing values are left alone.

    Examples
    --------
    >>> frame = pd.DataFrame({"note": ["=HYPERLINK(1)", "-5", "'=x", "plain"]})
    >>> neutralise_formulas(frame)["note"].tolist()
    ["'=HYPERLINK(1)", "'-5", "''=x", 'plain']
    >>> restore_formulas(neutralise_formulas(frame)).equals(frame)
    True
    """
    return _writers.map_text_cells(frame, _writers.NEUTRALISE)


def restore_formulas(frame):
    """Undo ``neutralise_formulas``: drop one leading ``'`` from cells that start ``'`` + ``= + - @``."""
    return _writers.map_text_cells(frame, _writers.RESTORE)


def _check_whole_number(name, value):
    """Raise ``SchemaError`` unless ``value`` is an int of at least 1."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise SchemaError(f"{name} must be a whole number of at least 1; got {value!r}.")

