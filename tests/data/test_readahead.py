"""PacedStream: pyarrow's CSV read-ahead stays a few blocks ahead, and never hangs."""

import io
import threading
import time

import pyarrow.csv as pa_csv

from classifier.data.readahead import PacedStream

BLOCK = 4096


class _Bytes(io.RawIOBase):
    """An in-memory stream with the ``tail`` attribute PacedStream passes on."""

    def __init__(self, data):
        self._data, self.tail = io.BytesIO(data), data[-8:]

    def readable(self):
        return True

    def readinto(self, buffer):
        return self._data.readinto(buffer)


def _csv(rows, *, bad_every=0):
    lines = ["incident_id,narrative"]
    for i in range(rows):
        lines.append(f"A{i},x,y,z" if bad_every and i % bad_every else f'A{i},"caller reports item {i} taken"')
    return ("\n".join(lines) + "\n").encode()


def _reader(stream, *, skip_bad=False):
    parse = pa_csv.ParseOptions(newlines_in_values=True, invalid_row_handler=(lambda row: "skip") if skip_bad else None)
    return pa_csv.open_csv(stream, read_options=pa_csv.ReadOptions(block_size=BLOCK, use_threads=False),
                           parse_options=parse)


def test_background_reads_stay_within_the_allowance():
    data = _csv(20_000)  # ~700 KB: ~170 blocks, far more than pyarrow's own queue of 32
    stream = PacedStream(_Bytes(data), block_size=BLOCK, ahead=3)
    reader, taken, leads = _reader(stream), 0, []
    for batch in stream.batches(reader):
        taken += 1
        time.sleep(0.01)  # give the background thread every chance to run ahead
        leads.append(stream.bytes_read - taken * BLOCK)
        if taken == 40:
            break
    assert max(leads) <= 4 * BLOCK  # 3 blocks ahead, plus the block whose rows straddle
    assert stream.bytes_read < 50 * BLOCK  # unpaced, pyarrow reads ~32 blocks ahead at once


def test_every_row_arrives_in_order():
    data = _csv(5_000)
    stream = PacedStream(_Bytes(data), block_size=BLOCK, ahead=2)
    ids = [value for batch in stream.batches(_reader(stream)) for value in batch.column(0).to_pylist()]
    assert ids == [f"A{i}" for i in range(5_000)]
    assert stream.bytes_read == len(data)


def test_blocks_with_no_good_rows_do_not_hang_the_reader():
    # Only every 500th row parses, so many blocks give pyarrow nothing to put in a batch.
    data = _csv(20_000, bad_every=500)
    stream = PacedStream(_Bytes(data), block_size=BLOCK, ahead=2, stall=0.05)
    result = {}

    def read_all():
        result["ids"] = [v for batch in stream.batches(_reader(stream, skip_bad=True)) for v in batch.column(0).to_pylist()]

    worker = threading.Thread(target=read_all, daemon=True)
    worker.start()
    worker.join(timeout=60)
    assert not worker.is_alive(), "reading stalled"
    assert result["ids"] == [f"A{i}" for i in range(0, 20_000, 500)]


def test_stopping_early_ends_the_background_reads():
    stream = PacedStream(_Bytes(_csv(20_000)), block_size=BLOCK, ahead=2)
    batches = stream.batches(_reader(stream))
    next(batches)
    batches.close()  # the caller gives up, e.g. after an error elsewhere
    read_when_stopped = stream.bytes_read
    time.sleep(0.1)
    assert stream.bytes_read == read_when_stopped  # the background thread reads nothing more
    assert stream.readinto(bytearray(BLOCK)) == 0
