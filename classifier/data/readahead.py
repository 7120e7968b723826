"""Keep pyarrow's CSV read-ahead to a few blocks, so reading a large file takes little memory.

pyarrow's streaming CSV reader reads blocks on a background thread and queues up to 32 of them
ahead of the parser. With the 8 MB blocks crimerec needs (a 5 MB narrative must fit in one
block to become a row reject rather than stop the file), that queue held about 200 MB in the
scoring process. ``PacedStream`` lets the background thread read only ``ahead`` blocks beyond
the batches the caller has taken.
"""

import io
import threading
import time

import pyarrow as pa

# Streams open and not stopped. Each may hold one of pyarrow's I/O threads waiting for room; the
# pool must keep a thread free beyond those, or a reader opened while others are left suspended
# would wait for ever for a thread to read its first block.
_open_streams = 0
_open_lock = threading.Lock()


def _count_open(change):
    """Add ``change`` to the count of open streams; grow pyarrow's I/O pool to leave threads free."""
    global _open_streams
    with _open_lock:
        _open_streams += change
        if pa.io_thread_count() < _open_streams + 2:
            pa.set_io_thread_count(_open_streams + 2)


class PacedStream(io.RawIOBase):
    """A byte stream that pyarrow may read only a few blocks ahead of the batches taken from it.

    Parameters
    ----------
    stream : binary stream
        Where the bytes come from (e.g. ``classifier.data.decoding.DecodedStream``).
    block_size : int
        pyarrow's ``ReadOptions.block_size``.
    ahead : int, default=3
        Blocks the background thread may read beyond the batches taken. pyarrow needs the next
        block to finish a batch's last row, so this must be at least 2.
    stall : float, default=0.2
        Seconds the caller may wait for a batch before reads are let through regardless. The
        count of batches is a proxy for the blocks parsed; if it ever lags (say, pyarrow makes
        no batch for a block whose rows were all set aside), waiting would never end.
    """

    def __init__(self, stream, *, block_size, ahead=3, stall=0.2):
        super().__init__()
        self._stream, self._budget, self._stall = stream, block_size, stall
        self._allowed = ahead * block_size  # bytes pyarrow may have read so far
        self._handed = 0
        self._waiting_since = None  # when the caller began waiting for a batch
        self._stopped = False
        self._room = threading.Condition()
        _count_open(+1)

    @property
    def bytes_read(self):
        """Bytes handed to pyarrow so far."""
        return self._handed

    @property
    def tail(self):
        """The last bytes of the underlying stream (see ``DecodedStream.tail``)."""
        return self._stream.tail

    def readable(self):
        """Return True: this is a readable stream."""
        return True

    def readinto(self, buffer):
        """Wait for room, then fill ``buffer`` from the underlying stream; 0 bytes once stopped."""
        with self._room:
            while not self._may_read():
                self._room.wait(self._stall / 2)
            if self._stopped:
                return 0
        count = self._stream.readinto(buffer)
        self._handed += count
        return count

    def batches(self, reader):
        """Yield every batch of ``reader`` (a pyarrow ``RecordBatchReader``), letting reads follow."""
        try:
            while True:
                self._set_waiting(time.monotonic())
                try:
                    batch = reader.read_next_batch()
                except StopIteration:
                    return
                finally:
                    self._set_waiting(None)
                with self._room:
                    self._allowed += self._budget
                    self._room.notify_all()
                yield batch
        finally:
            self.stop()

    def stop(self):
        """Let the background thread finish: every later read returns end of file."""
        with self._room:
            if not self._stopped:
                _count_open(-1)
            self._stopped = True
            self._room.notify_all()

    def _set_waiting(self, since):
        """Note when the caller began waiting for a batch (None: not waiting), and wake readers."""
        with self._room:
            self._waiting_since = since
            self._room.notify_all()

    def _may_read(self):
        """True when a read fits the budget, the caller has waited too long, or reading stopped."""
        if self._stopped or self._handed < self._allowed:
            return True
        return self._waiting_since is not None and time.monotonic() - self._waiting_since > self._stall
