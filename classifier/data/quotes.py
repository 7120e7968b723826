"""Find CSV rows whose double quote is never closed, so the parser can skip them and read on.

A quote opened and never closed makes a CSV parser read every later line into one field, until
some later stray quote closes it: the rows in between vanish inside one narrative. ``QuoteScanner``
follows the quotes line by line while the file is first read (as pyarrow's parser does: a field
is quoted only if it starts with ``"``; ``""`` inside it is a literal quote). When a line inside
a quoted field reads, on its own, as a complete row whose incident id looks like the file's other
ids, the quote is taken as runaway: the row that opened it is set aside as a reject and reading
starts again at that line. ``SkippingStream`` then hands the parser the file without those rows.
"""

import csv
import io
import re
from dataclasses import dataclass

_SHAPE = re.compile(r"[0-9]+|[^\W\d_]+")
_SHAPES_KEPT = 64  # id shapes remembered; ids in one export follow a handful of patterns
_LEARN_ROWS = 2_000  # rows whose id shapes are learned (an export's ids keep one pattern)
_QUOTE, _COMMA = ord('"'), ord(",")


@dataclass(frozen=True)
class RunawayQuote:
    """A row set aside because a quote in it was never closed.

    ``row`` is the 1-based data row number (header excluded), ``start``/``end`` the byte range of
    the row in the decoded file, ``line``/``resumed_at`` the 1-based physical lines where the row
    starts and where reading started again, ``field`` the position of the field that opened it.
    """

    row: int
    start: int
    end: int
    line: int
    resumed_at: int
    field: int
    incident_id: str


def id_shape(value):
    """The pattern of an incident id: runs of digits become 9, runs of letters A (``ID00010`` -> ``A9``)."""
    return _SHAPE.sub(lambda match: "9" if match.group()[0].isdigit() else "A", value)


def _advance(line, quoted, field):
    """Follow the quotes over one line (bytes, no line break); return (still quoted, field index)."""
    position = 0
    while True:
        if quoted:
            found = line.find(b'"', position)
            if found < 0:
                return True, field
            if line[found + 1:found + 2] == b'"':
                position = found + 2
                continue
            quoted, position = False, found + 1
        else:
            found = line.find(b",", position)
            if found < 0:
                return False, field
            field, position = field + 1, found + 1
            if line[position:position + 1] == b'"':
                quoted, position = True, position + 1


def _start_record(line):
    """Follow the quotes over the first line of a record; return (still quoted, field index)."""
    if line[:1] == b'"':
        return _advance(line[1:], True, 0)
    return _advance(line, False, 0)


class QuoteScanner:
    """Feed the decoded bytes of a CSV file block by block; collect runaway quotes and count lines.

    Parameters
    ----------
    id_column : str
        The file's name for the incident id column (its header names the position).
    """

    def __init__(self, id_column):
        self._id_column = id_column
        self._width = self._id_position = None
        self._shapes = set()
        self._rest = b""
        self._offset = 0  # byte offset of the start of ``_rest``
        self._quoted, self._field = False, 0
        self._record = None  # (row, start offset, line number, first line) of the record being read
        self.lines = 0
        self.records = 0  # header included
        self.runaways = []

    def feed(self, block):
        """Scan the complete lines of ``block``; keep a trailing partial line for the next call."""
        data = self._rest + block
        start = 0
        while (end := data.find(b"\n", start)) >= 0:
            self._line(data[start:end], self._offset + start, self._offset + end + 1)
            start = end + 1
        self._rest, self._offset = data[start:], self._offset + start

    def finish(self):
        """Scan a last line without a line break."""
        if self._rest:
            self._line(self._rest, self._offset, self._offset + len(self._rest))
            self._rest = b""

    def _line(self, line, start, end):
        """Advance over one physical line that spans bytes ``start``..``end``."""
        self.lines += 1
        line = line[:-1] if line.endswith(b"\r") else line
        if self._quoted and self._resumes_here(line):
            self._set_aside(start)
            self._quoted = False
        if self._quoted:
            self._quoted, self._field = _advance(line, True, self._field)
            return
        if not line:
            return  # a blank line between rows is not a row
        self.records += 1
        self._record = (self.records - 1, start, self.lines, line)
        self._quoted, self._field = _start_record(line)
        if not self._quoted and self.records <= _LEARN_ROWS:
            self._learn(line, self._field + 1)

    def _learn(self, line, width):
        """Take the header's width and id position, then the id shapes of the first well-formed rows."""
        if self._width is None:
            names = _fields(line)
            self._width = width
            self._id_position = names.index(self._id_column) if self._id_column in names else None
        elif width == self._width and self._id_position is not None and len(self._shapes) < _SHAPES_KEPT:
            fields = _fields(line) if b'"' in line else line.split(b",")
            if len(fields) == width:
                value = fields[self._id_position]
                self._shapes.add(id_shape(value if isinstance(value, str) else value.decode("utf-8", "replace")))

    def _resumes_here(self, line):
        """Whether a line met inside a quoted field reads on its own as a row with a familiar id."""
        if not self._shapes or line.count(b",") < self._width - 1:
            return False
        quoted, field = _start_record(line)
        if quoted or field + 1 != self._width:
            return False
        fields = _fields(line)
        if len(fields) != self._width:
            return False
        value = fields[self._id_position]
        return bool(value) and id_shape(value) in self._shapes

    def _set_aside(self, end):
        """Record the open record, from its first byte to ``end``, as a runaway quote."""
        row, start, line, first = self._record
        fields = _fields(first)
        position = self._id_position
        incident_id = fields[position] if position is not None and position < len(fields) else ""
        # While a quote is open the field index stays on the field that opened it.
        self.runaways.append(RunawayQuote(row, start, end, line, self.lines, self._field, incident_id))


def _fields(line):
    """Split one line (bytes) into its CSV fields as text."""
    text = line.decode("utf-8", "replace")
    try:
        return next(csv.reader(io.StringIO(text)), [])
    except csv.Error:
        return []


class SkippingStream(io.RawIOBase):
    """A readable byte stream that leaves out the given byte ranges of another stream.

    Parameters
    ----------
    stream : binary stream
        Where the bytes come from.
    ranges : list of (int, int)
        Sorted, non-overlapping ``[start, end)`` byte ranges to leave out.
    """

    def __init__(self, stream, ranges):
        super().__init__()
        self._stream, self._ranges, self._position = stream, list(ranges), 0

    @property
    def tail(self):
        """The last bytes of the underlying stream (see ``DecodedStream.tail``)."""
        return self._stream.tail

    def readable(self):
        """Return True: this is a readable stream."""
        return True

    def close(self):
        """Close the underlying stream as well."""
        self._stream.close()
        super().close()

    def readinto(self, buffer):
        """Fill ``buffer`` with the next bytes outside the skipped ranges."""
        view, filled = memoryview(buffer).cast("B"), 0
        while filled < len(view):
            self._skip()
            limit = len(view) - filled
            if self._ranges:
                limit = min(limit, self._ranges[0][0] - self._position)
            count = self._stream.readinto(view[filled:filled + limit])
            if not count:
                break
            self._position += count
            filled += count
        return filled

    def _skip(self):
        """Read past a skipped range that starts here."""
        while self._ranges and self._ranges[0][0] <= self._position:
            start, end = self._ranges.pop(0)
            while self._position < end:
                chunk = self._stream.read(min(end - self._position, 1 << 20))
                if not chunk:
                    return
                self._position += len(chunk)
