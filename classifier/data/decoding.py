"""Reading bytes as text for ``classifier.data.loading``: open (and gunzip) files, decode without guessing.

Any undecodable byte stops the read with its byte offset and line, and a hint at the likely
encoding; nothing is ever replaced, so no narrative is silently changed.
"""

import codecs
import gzip
import io
from pathlib import Path

from classifier.errors import InputFileError

_READ_BLOCK = 1 << 20


def open_binary(path, source):
    """Open ``path`` for reading bytes (gunzipping ``.gz``), with analyst-readable errors."""
    path = Path(path)
    try:
        handle = open(path, "rb")
    except FileNotFoundError:
        raise InputFileError(f"Cannot find {path}. Check the folder and file name.") from None
    except IsADirectoryError:
        raise InputFileError(f"{path} is a folder; give the path of an incident file.") from None
    except OSError as error:
        raise InputFileError(f"Cannot open {path}: {error.strerror or error}.") from None
    if path.suffix.lower() == ".gz":
        return gzip.GzipFile(fileobj=handle, mode="rb")
    return handle


def resolve_encoding(encoding):
    """Return the ``codecs.CodecInfo`` for ``encoding`` (None means UTF-8, BOM optional)."""
    try:
        info = codecs.lookup(encoding or "utf-8")
    except LookupError:
        info = None
    if info is None or not getattr(info, "_is_text_encoding", True):
        raise InputFileError(
            f"Unknown text encoding {encoding!r}. Use a name such as utf-8, cp1252, latin-1 or utf-16."
        )
    return info


class DecodedStream(io.RawIOBase):
    """Bytes in any encoding, handed on as UTF-8; stops at the first undecodable byte with its offset.

    Nothing is replaced: a byte that is not valid in the encoding raises ``InputFileError``
    naming its byte offset in the file (after decompression) and its line. A UTF-8 byte-order
    mark is dropped, and a final newline is added if the file lacks one.
    """

    def __init__(self, raw, *, encoding, source):
        self._raw, self._source, self._explicit = raw, source, encoding is not None
        self._codec = resolve_encoding(encoding)
        self._utf8 = self._codec.name in ("utf-8", "utf-8-sig")
        self._decoder = codecs.getincrementaldecoder("utf-8" if self._utf8 else self._codec.name)("strict")
        self._base = 0  # file offset of the next raw byte to decode
        self._lines = 0  # newlines decoded so far
        self._head = None
        self._out, self._pos, self._eof, self._last = b"", 0, False, b"\n"
        self.tail = b""  # the last bytes handed on, for checking how the file ends

    def readable(self):
        """Return True: this is a readable stream."""
        return True

    def close(self):
        """Close the underlying file as well."""
        self._raw.close()
        super().close()

    def readinto(self, buffer):
        """Fill ``buffer`` with the next UTF-8 bytes; return how many (fewer only at the end).

        Reads are filled completely, like a plain file's, because pyarrow's CSV reader treats
        a short read as a block boundary.
        """
        view, filled = memoryview(buffer).cast("B"), 0
        while filled < len(view):
            if self._pos >= len(self._out):
                if self._eof:
                    break
                self._fill()
                continue
            size = min(len(view) - filled, len(self._out) - self._pos)
            view[filled : filled + size] = self._out[self._pos : self._pos + size]
            self._pos += size
            filled += size
        return filled

    def _fill(self):
        """Read and decode the next raw block into the output buffer."""
        block = self._read_raw()
        if self._head is None:
            self._head = block[:4]
            if self._utf8 and block.startswith(codecs.BOM_UTF8):
                block, self._base = block[3:], 3
        text = self._decode(block, final=not block)
        out = block if self._utf8 and block else text.encode("utf-8")
        if not block:
            self._eof = True
            out += b"" if self._last in b"\r\n" else b"\n"
        if out:
            self._last = out[-1:]
            self.tail = (self.tail + out[-8:])[-8:]
        self._out, self._pos = out, 0

    def _read_raw(self):
        """Read one raw block, turning read failures (e.g. a broken .gz) into ``InputFileError``."""
        try:
            return self._raw.read(_READ_BLOCK)
        except (OSError, EOFError) as error:
            message = f"Cannot read {self._source}: {error}. The file may be damaged or cut short."
            raise InputFileError(message) from None

    def _decode(self, block, *, final):
        """Decode ``block``; on failure raise ``InputFileError`` naming the absolute byte offset."""
        held_back = len(getattr(self._decoder, "buffer", b""))
        try:
            text = self._decoder.decode(block, final)
        except UnicodeDecodeError as error:
            raise InputFileError(self._decode_message(error, self._base - held_back + error.start)) from None
        self._base += len(block)
        self._lines += text.count("\n")
        return text

    def _decode_message(self, error, offset):
        """Word the undecodable-byte error: what, where (offset, line), how to fix."""
        bad = error.object[error.start : error.end]
        before = bytes(error.object[: error.start]).decode(self._codec.name, errors="replace")
        line = self._lines + before.count("\n") + 1
        label = "UTF-8" if self._utf8 else self._codec.name
        shown = " ".join(f"0x{byte:02X}" for byte in bad)
        return (
            f"{self._source} is not valid {label} text: the byte {shown} at byte offset {offset:,} "
            f"(line {line:,}) cannot be decoded. {self._encoding_hint(bad)}"
        )

    def _encoding_hint(self, bad):
        """Suggest the likely fix for an undecodable byte."""
        if self._explicit:
            return f"The file does not match --encoding {self._codec.name}; check the encoding the export uses."
        if self._head and self._head[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
            return "The file starts with a UTF-16 byte-order mark: re-run with --encoding utf-16."
        try:
            bytes(bad).decode("cp1252")
        except UnicodeDecodeError:
            return (
                "Find out which encoding the export uses and pass it with --encoding (for example "
                "cp1252 or latin-1); crimerec never replaces unreadable characters silently."
            )
        return (
            "It was probably saved by Excel or another Windows program in the Windows-1252 "
            "encoding: re-run with --encoding cp1252, or save the file again as 'CSV UTF-8'."
        )
