"""The CSV reader behind ``classifier.data.loading``: pyarrow's streaming parser, with every row numbered.

Rows with too many or too few fields are set aside by pyarrow, and rows whose double quote is
never closed by ``classifier.data.quotes`` before pyarrow sees them; ``_Chunker`` gives the good
rows the numbers those rows leave free, so every row keeps its place in the file, and cuts chunks
in file order.
"""

import csv
import io

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv

from classifier.data.quotes import QuoteScanner, SkippingStream
from classifier.data.readahead import PacedStream
from classifier.data.readers import (
    READ_BLOCK,
    RawChunk,
    empty_file_error,
    open_text,
    rejects_frame,
)
from classifier.errors import InputFileError

# pyarrow parses CSV in blocks and cannot parse a row longer than one block: 8 MB blocks allow a
# single row of up to 8 MB (a 5 MB narrative is still a row reject). It also reads ahead on a
# thread; PacedStream keeps that to _AHEAD blocks (without it, ~200 MB of queued blocks).
_CSV_BLOCK = 8 << 20
_AHEAD = 3


class CsvReader:
    """Comma-separated text with a header row; quoted fields may span lines."""

    def __init__(self, path, *, encoding, source, id_column="incident_id"):
        self._path, self._encoding, self._source = path, encoding, source
        self._scanner = self._scan(id_column)
        self.columns = self._read_header()

    @property
    def lines(self):
        """Physical lines in the file, header included."""
        return self._scanner.lines

    def _scan(self, id_column):
        """Read the file once: surface decoding errors, count lines, find never-closed quotes."""
        scanner, total = QuoteScanner(id_column), 0
        with self._open() as stream:
            while block := stream.read(READ_BLOCK):
                total += len(block)
                scanner.feed(block)
        if total == 0:
            raise empty_file_error(self._source)
        scanner.finish()
        return scanner

    def _open(self):
        """Open the file as a UTF-8 stream."""
        return open_text(self._path, self._encoding, self._source)

    def _open_arrow(self, stream, column_types, handler):
        """Return a pyarrow streaming CSV reader over ``stream``."""
        return pa_csv.open_csv(
            stream,
            read_options=pa_csv.ReadOptions(block_size=_CSV_BLOCK, use_threads=False),
            memory_pool=pa.system_memory_pool(),
            parse_options=pa_csv.ParseOptions(newlines_in_values=True, invalid_row_handler=handler),
            convert_options=pa_csv.ConvertOptions(
                column_types=column_types,
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
                check_utf8=False,
            ),
        )

    def _read_header(self):
        """Return the header row's column names."""
        with self._open() as stream:
            try:
                names = self._open_arrow(stream, {}, lambda row: "skip").schema.names
            except pa.ArrowException as error:
                raise self._parse_error(error, 0) from None
        if any("\x00" in name for name in names):
            raise InputFileError(
                f"The header row of {self._source} contains NUL bytes, which usually means a UTF-16 "
                "file: re-run with --encoding utf-16."
            )
        return names

    def chunks(self, chunk_size, id_column):
        """Yield ``RawChunk``s of up to ``chunk_size`` rows (accepted or not), in file order."""
        runaways = self._scanner.runaways
        chunker = _Chunker(self.columns, chunk_size, self._source, [self._runaway_reject(r) for r in runaways])
        set_aside = self._set_aside(chunker, id_column)
        with self._open() as decoded:
            skipping = SkippingStream(decoded, [(r.start, r.end) for r in runaways])
            stream, reader = PacedStream(skipping, block_size=_CSV_BLOCK, ahead=_AHEAD), None
            try:
                reader = self._open_arrow(stream, dict.fromkeys(self.columns, pa.string()), set_aside)
                if reader.schema.names != self.columns:
                    raise InputFileError(f"{self._source} changed while it was being read; run again.")
                for batch in stream.batches(reader):
                    yield from chunker.add(batch)
            except pa.ArrowException as error:
                raise self._parse_error(error, chunker.rows_seen) from None
            finally:
                # Stop pyarrow's read-ahead thread now, while Python can still serve its reads: a
                # reader left to the end of the interpreter aborts it (issue #14, defect 12).
                stream.stop()
                _finish(reader)
            if not stream.tail.rstrip(b"\r\n").endswith(b'"'):
                chunker.reject_unclosed_quote(self._id_position(id_column))
        yield from chunker.finish()

    def _runaway_reject(self, runaway):
        """The reject record of a row left out because its double quote is never closed."""
        column = self.columns[runaway.field] if runaway.field < len(self.columns) else ""
        reason = (
            f"{column or 'a field'} opens a double quote on line {runaway.line:,} of the file that is never "
            f"closed, so the lines after it read as one field; line {runaway.resumed_at:,} starts a complete "
            f"row, so this row is left out and reading carries on from there. Close the quote and re-run"
        )
        return (runaway.row, column, reason, runaway.incident_id)

    def _id_position(self, id_column):
        """Return the position of the id column, or None."""
        return self.columns.index(id_column) if id_column in self.columns else None

    def _set_aside(self, chunker, id_column):
        """Return pyarrow's invalid-row handler: record the row as a reject and skip it."""
        position = self._id_position(id_column)
        reasons = {}  # one string per field count: a file of bad rows should not hold a million copies

        def handler(row):
            fields = _split_csv_row(row.text)
            incident_id = fields[position] if position is not None and position < len(fields) else ""
            reason = reasons.setdefault(
                row.actual_columns,
                f"row has {row.actual_columns} fields but the header has {row.expected_columns}; look "
                "for an unquoted comma or a missing double quote in this row",
            )
            chunker.reject(chunker.file_row(row.number - 1), "", reason, incident_id)
            return "skip"

        return handler

    def _parse_error(self, error, last_row):
        """Turn a pyarrow parse failure into an analyst-readable error."""
        message = str(error)
        if "Empty CSV" in message:
            return empty_file_error(self._source)
        if "straddl" in message:
            size = f"{_CSV_BLOCK >> 20} MB" if _CSV_BLOCK >= 1 << 20 else f"{_CSV_BLOCK >> 10} KB"
            return InputFileError(
                f"{self._source} has a row longer than {size} after data row {last_row:,}. This "
                'usually means a double quote (") that is never closed, so the following lines read '
                "as one field; check the quotes just after that row."
            )
        return InputFileError(
            f"Cannot read {self._source} as CSV after data row {last_row:,}: {message}. Check that "
            "it is comma-separated text with a header row."
        )


def _finish(reader):
    """Read a stopped pyarrow reader to its end, so its read-ahead thread is done, then close it."""
    if reader is None:
        return
    try:
        while True:
            reader.read_next_batch()
    except (StopIteration, pa.ArrowException):
        pass
    reader.close()


def _split_csv_row(text):
    """Split one raw CSV row into fields, best effort (for naming the id of a rejected row)."""
    try:
        return next(csv.reader(io.StringIO(text)), [])
    except csv.Error:
        return []


class _Chunker:
    """Number parsed rows, interleave them with the rows set aside, and cut chunks in file order.

    pyarrow reports a set-aside row (with its number) while parsing the block that holds it,
    before it returns that block's good rows, and it parses serially (``use_threads=False``).
    So when a batch arrives, every set-aside row reported so far comes before any row still to
    be parsed, and the batch's good rows take the next numbers the set-aside rows left free.
    """

    def __init__(self, columns, chunk_size, source, left_out=()):
        self._columns, self._chunk_size, self._source = columns, chunk_size, source
        self._numbering = _Numbering()
        self._tables, self._rows, self._rejects, self._new_skips = [], [], [], []
        self._emitted = False
        # Rows left out before parsing (never-closed quotes): their numbers are taken from the
        # start, and each joins the rejects once parsing has reached it, to keep file order.
        self._left_out = sorted(left_out)
        self._left_out_rows = np.asarray([record[0] for record in self._left_out], dtype=np.int64)
        self._numbering.skip(self._left_out_rows.tolist())

    def file_row(self, parsed_row):
        """The file's data row number of the ``parsed_row``-th row the parser saw (rows left out skipped)."""
        row = parsed_row
        for left_out in self._left_out_rows:
            if left_out > row:
                break
            row += 1
        return row

    @property
    def rows_seen(self):
        """The highest data row number reached so far."""
        last_reject = max((record[0] for record in self._rejects), default=0)
        return max(self._numbering.next_row - 1, last_reject)

    def reject(self, row, column, reason, incident_id):
        """Record a row the parser set aside."""
        self._rejects.append((row, column, reason, incident_id))
        self._new_skips.append(row)

    def add(self, batch):
        """Number a batch of good rows; yield every full chunk now available."""
        self._numbering.skip(self._new_skips)
        self._new_skips.clear()
        self._tables.append(pa.Table.from_batches([batch]))
        self._rows.append(self._numbering.take(batch.num_rows))
        self._release_left_out(self._numbering.next_row)
        # Hold back at least one row: the file's last row may still be rejected (see below).
        while self._buffered() > self._chunk_size:
            yield self._cut(self._chunk_size)

    def reject_unclosed_quote(self, id_position):
        """Reject the file's last row if its last field ran to the end of the file inside quotes.

        A double quote that is never closed makes the parser read every later line into one
        field. pyarrow accepts that at the end of a file; the sign is a last field ending in a
        line break while the file does not end with a closing quote.
        """
        if not self._tables or not len(self._rows[-1]):
            return
        table, rows = self._tables[-1], self._rows[-1]
        last_row = int(rows[-1])
        if any(record[0] > last_row for record in self._rejects) or table.num_columns == 0:
            return
        value = table.column(table.num_columns - 1)[table.num_rows - 1].as_py()
        if not value.endswith("\n"):
            return
        incident_id = table.column(id_position)[table.num_rows - 1].as_py() if id_position is not None else ""
        self._tables[-1], self._rows[-1] = table.slice(0, table.num_rows - 1), rows[:-1]
        reason = (
            f"{self._columns[-1]} opens a double quote that is never closed, so the rest of the file "
            "was read into this row; close the quote and re-run"
        )
        self.reject(last_row, self._columns[-1], reason, incident_id)

    def _release_left_out(self, before):
        """Move the left-out rows numbered below ``before`` into the rejects."""
        while self._left_out and self._left_out[0][0] < before:
            self._rejects.append(self._left_out.pop(0))

    def finish(self):
        """Yield what is left; a file always gives at least one chunk, so callers see its columns."""
        self._release_left_out(np.iinfo(np.int64).max)
        while self._buffered() > self._chunk_size:
            yield self._cut(self._chunk_size)
        if self._buffered() or not self._emitted:
            yield self._cut(self._buffered())

    def _buffered(self):
        """Rows waiting to be emitted, good and set aside."""
        return sum(len(rows) for rows in self._rows) + len(self._rejects)

    def _cut(self, size):
        """Emit the ``size`` lowest-numbered waiting rows as a ``RawChunk``."""
        good = np.concatenate(self._rows) if self._rows else np.empty(0, dtype=np.int64)
        set_aside = np.asarray([record[0] for record in self._rejects], dtype=np.int64)
        if size < len(good) + len(set_aside):
            boundary = np.partition(np.concatenate([good, set_aside]), size - 1)[size - 1]
        else:
            boundary = np.iinfo(np.int64).max
        n_good = int(np.searchsorted(good, boundary, side="right"))
        n_rejects = int(np.searchsorted(set_aside, boundary, side="right"))
        table = pa.concat_tables(self._tables) if self._tables else None
        frame = self._frame(table, good[:n_good])
        self._tables = [table.slice(n_good)] if table is not None and n_good < len(good) else []
        self._rows = [good[n_good:]] if n_good < len(good) else []
        rejects, self._rejects = self._rejects[:n_rejects], self._rejects[n_rejects:]
        self._emitted = True
        return RawChunk(frame, rejects_frame(rejects, self._source))

    def _frame(self, table, rows):
        """Convert the first ``len(rows)`` rows of ``table`` to a text frame indexed by row."""
        if table is None or len(rows) == 0:
            frame = pd.DataFrame({name: pd.Series([], dtype="str") for name in self._columns})
        else:
            frame = table.slice(0, len(rows)).to_pandas()
        frame.index = pd.Index(rows, name="row", dtype="int64")
        return frame


class _Numbering:
    """Give good rows their 1-based numbers, skipping the numbers of rows set aside."""

    def __init__(self):
        self.next_row = 1
        self._skipped = np.empty(0, dtype=np.int64)

    def skip(self, rows):
        """Note the numbers of rows the parser set aside."""
        if rows:
            self._skipped = np.union1d(self._skipped, np.asarray(rows, dtype=np.int64))

    def take(self, count):
        """Return the numbers of the next ``count`` good rows."""
        skipped = self._skipped[self._skipped >= self.next_row]
        candidates = np.arange(self.next_row, self.next_row + count + len(skipped), dtype=np.int64)
        rows = candidates[~np.isin(candidates, skipped)][:count]
        if count:
            self.next_row = int(rows[-1]) + 1
        self._skipped = skipped
        return rows
