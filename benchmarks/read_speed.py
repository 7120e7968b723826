"""Benchmark: rows per second and peak memory of ``iter_incident_chunks`` on a generated CSV.

Usage::

    .venv/bin/python benchmarks/read_speed.py --rows 500000 [--chunk-size 50000] [--format csv]

Writes a synthetic export (about 600 characters of narrative a row, a few bad rows) to a
temporary folder, then streams it through the reader and validation, discarding the chunks. Prints
rows read / accepted / rejected, seconds, rows per second and the peak resident memory. Run it
twice with different ``--rows``: peak memory should stay about the same. Not a test.
"""

import argparse
import resource
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from classifier.data import FrameWriter, iter_incident_chunks

_PHRASES = np.array(
    [
        "Caller states her partner has punched her in the face.",
        "Male seen leaving the shop with two bottles of vodka without paying.",
        "Neighbour reports ongoing dispute over parking, words exchanged.",
        "Informant's car window smashed overnight, nothing taken.",
        "Update: officers attended, victim declined to provide a statement.",
        "Concern for welfare, elderly male found safe and well at home.",
        "Youths shouting abuse at a passer-by who felt alarmed and distressed.",
        "Update: suspect arrested, crime number to follow.",
    ]
)


def make_frame(rows, seed=0):
    """Return ``rows`` synthetic incident rows, with one bad row in a thousand."""
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(_PHRASES), size=(rows, 10))
    narratives = pd.Series(_PHRASES[picks].tolist()).str.join(" ")
    recorded = rng.choice(np.array(["Y", "N", ""]), size=rows)
    recorded[::1000] = "maybe"
    return pd.DataFrame(
        {
            "incident_id": [f"INC-{n:08d}" for n in range(rows)],
            "narrative": narratives,
            "closing_comment": rng.choice(np.array(["Crime raised", "NFA", "Advice given"]), size=rows),
            "recorded": recorded,
            "reported_at": "2024-03-01T14:30:00",
            "area": rng.choice(np.array(["North", "South", "East"]), size=rows),
        }
    )


def main():
    """Generate a file, stream it, print the measurements."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--chunk-size", type=int, default=50_000)
    parser.add_argument("--format", choices=["csv", "jsonl", "parquet"], default="csv")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"incidents.{args.format}"
        with FrameWriter(path) as writer:  # in pieces, so writing does not set the memory peak
            for start in range(0, args.rows, 20_000):
                writer.write(make_frame(min(20_000, args.rows - start), seed=start).assign(
                    incident_id=lambda f, s=start: [f"INC-{s + n:08d}" for n in range(len(f))]))
        size_mb = path.stat().st_size / 1e6
        baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        start = time.perf_counter()
        read = accepted = 0
        for chunk in iter_incident_chunks(path, chunk_size=args.chunk_size):
            read += chunk.rows_read
            accepted += len(chunk.accepted)
        seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{args.format}: {size_mb:,.0f} MB, {read:,} rows read, {accepted:,} accepted, "
        f"{read - accepted:,} rejected in {seconds:.1f} s = {read / seconds:,.0f} rows/s; "
        f"peak RSS {peak:,.0f} MB (after writing the file: {baseline:,.0f} MB)"
    )


if __name__ == "__main__":
    main()
