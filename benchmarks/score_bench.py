"""Benchmark ``crimerec score`` end to end against an I/O floor, spaCy textcat and a naive row loop.

Usage: python benchmarks/score_bench.py [--rows 100000] [--model models/default] [--workers N]

Generates N synthetic logs with ``training.generator.generate`` (cached in out/bench/), then measures on that one
file, each in its own process, with the peak memory of the whole process tree:

* ``crimerec score``     the CLI, end to end (start-up, model load, read, score, write, rename);
* (a) I/O floor          read the CSV and write it back with pyarrow, no scoring;
* (b) spaCy textcat      blank English + ``textcat`` trained briefly on 2,000 rows, scoring every row
                         with ``nlp.pipe`` (the faster of 1 and ``workers`` processes; scoring pass only);
                         both the bag-of-words model of ``training/baselines.py`` and spaCy's default
                         ensemble (tok2vec) architecture;
* (c) naive loop         ``model.predict_frame`` one row at a time, one process, on a subset,
                         extrapolated to rows/s.

Peak memory is the largest sum of proportional set sizes (PSS, shared pages split between processes)
of the measured process and all its children, sampled every 0.2 s, plus the largest single-process
peak RSS (VmHWM). Prints a Markdown table for benchmarks/README.md.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "out" / "bench"


# ---- memory of a process tree -------------------------------------------------------------------


def _children(pid):
    """Return the pids of ``pid``'s children (all threads' children)."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def _tree(pid):
    """Return ``pid`` and all its descendants."""
    pids, queue = [], [pid]
    while queue:
        current = queue.pop()
        pids.append(current)
        queue += _children(current)
    return pids


def _memory_kib(pid):
    """Return (PSS, VmHWM) of one process in KiB; (0, 0) if it has gone."""
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0, 0
    pss = next((int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:")), 0)
    hwm = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")), 0)
    return pss, hwm


class TreeMemory:
    """Sample the memory of a process tree in a background thread."""

    def __init__(self, pid, interval=0.2):
        self.pid, self.interval = pid, interval
        self.peak_pss_kib = self.peak_rss_kib = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def _run(self):
        """Record the largest total PSS and the largest single-process VmHWM seen."""
        while not self._stop.is_set():
            sizes = [_memory_kib(pid) for pid in _tree(self.pid)]
            self.peak_pss_kib = max(self.peak_pss_kib, sum(pss for pss, _ in sizes))
            self.peak_rss_kib = max([self.peak_rss_kib] + [hwm for _, hwm in sizes])
            self._stop.wait(self.interval)


def run_measured(command):
    """Run ``command``; return (wall seconds, peak PSS MiB, peak single-process RSS MiB, stdout)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    with TreeMemory(process.pid) as memory:
        stdout, stderr = process.communicate()
    seconds = time.perf_counter() - start
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, command))} failed:\n{stderr.decode()[-3000:]}")
    return seconds, memory.peak_pss_kib / 1024, memory.peak_rss_kib / 1024, stdout.decode()


# ---- data -----------------------------------------------------------------------------------------


def ensure_data(rows, seed, unique_rows):
    """Write (once) ``rows`` generated logs to out/bench/; beyond ``unique_rows`` logs repeat with new ids."""
    path = DATA_DIR / f"logs-{rows}-seed{seed}.csv"
    if path.exists():
        return path
    import pandas as pd

    from training.generator.generate import generate_incidents

    DATA_DIR.mkdir(parents=True, exist_ok=True)
    base = generate_incidents(min(rows, unique_rows), seed=seed)
    frame = pd.concat([base] * -(-rows // len(base)), ignore_index=True).head(rows)
    frame["incident_id"] = [f"B{i:08d}" for i in range(rows)]
    temporary = path.with_suffix(".tmp")
    frame.to_csv(temporary, index=False)
    temporary.rename(path)
    return path


# ---- the measurements (each runs in its own process: ``score_bench.py _measure KIND ...``) --------


def _measure_io_floor(data, output):
    """Stream the CSV through pyarrow's reader and writer: the cost of the bytes alone."""
    import pyarrow.csv as pa_csv

    options = {"read_options": pa_csv.ReadOptions(block_size=16 << 20),
               "parse_options": pa_csv.ParseOptions(newlines_in_values=True)}
    with pa_csv.open_csv(data, **options) as reader:
        with pa_csv.CSVWriter(output, reader.schema) as writer:
            for batch in reader:
                writer.write_batch(batch)
    return {}


def _measure_pandas_io(data, output):
    """Read the CSV in chunks with pandas and write it back with pandas (the writer crimerec uses)."""
    import pandas as pd

    with open(output, "w", encoding="utf-8") as handle:
        for number, chunk in enumerate(pd.read_csv(data, dtype=str, keep_default_na=False, chunksize=5000)):
            chunk.to_csv(handle, index=False, header=number == 0)
    return {}


def _texts_and_labels(data, rows):
    """Log texts (as the model sees them) and should_record labels of the first ``rows`` rows."""
    from classifier.data import read_incidents
    from classifier.text import log_text

    frame = read_incidents(data).head(rows)
    return frame, list(log_text(frame))


def _measure_textcat(data, rows, workers, architecture):
    """Train spaCy textcat on 2,000 rows (untimed), then time scoring ``rows`` rows."""
    from training.baselines import SpacyTextcat

    frame, texts = _texts_and_labels(data, rows)
    baseline = SpacyTextcat(epochs=2, seed=0)
    if architecture == "ensemble":
        baseline = _EnsembleTextcat(epochs=1)
    baseline.fit(frame.head(2000))
    best = None
    # spaCy's n_process pickles every Doc back to the parent, which can cost more than it saves:
    # time one process and ``workers`` processes and keep the faster, so the baseline is not handicapped.
    for processes in sorted({1, workers}):
        start = time.perf_counter()
        scores = [doc.cats["RECORD"] for doc in baseline.nlp_.pipe(texts, batch_size=256, n_process=processes)]
        seconds = time.perf_counter() - start
        if best is None or seconds < best["scoring_seconds"]:
            best = {"scored_rows": len(scores), "scoring_seconds": seconds, "processes": processes}
    return best


class _EnsembleTextcat:
    """spaCy ``textcat`` with its default architecture (TextCatEnsemble: tok2vec CNN + bag of words)."""

    def __init__(self, *, epochs):
        self.epochs = epochs

    def fit(self, frame):
        """Train from scratch on the raw log text."""
        import spacy
        from spacy.training import Example
        from spacy.util import minibatch

        from classifier.text import log_text

        nlp = spacy.blank("en")
        textcat = nlp.add_pipe("textcat")
        for label in ("RECORD", "NOT"):
            textcat.add_label(label)
        labels = frame["should_record"].astype(bool).tolist()
        examples = [Example.from_dict(nlp.make_doc(text), {"cats": {"RECORD": float(y), "NOT": float(not y)}})
                    for text, y in zip(log_text(frame), labels)]
        optimizer = nlp.initialize(lambda: examples[:500])
        for _ in range(self.epochs):
            for batch in minibatch(examples, size=64):
                nlp.update(batch, sgd=optimizer, drop=0.1)
        self.nlp_ = nlp
        return self


def _measure_naive(data, rows, model):
    """Time ``predict_frame`` called once per row on ``rows`` rows."""
    from classifier.data import read_incidents
    from classifier.model import load_model

    loaded = load_model(model)
    frame = read_incidents(data).head(rows)
    loaded.predict_frame(frame.head(5))  # build lazy caches outside the timing
    start = time.perf_counter()
    for position in range(len(frame)):
        loaded.predict_frame(frame.iloc[[position]])
    return {"scored_rows": len(frame), "scoring_seconds": time.perf_counter() - start}


def _measure(argv):
    """Entry point of a measuring child process: print its result as one JSON line."""
    kind, data, rest = argv[0], argv[1], argv[2:]
    if kind == "io-floor":
        result = _measure_io_floor(data, rest[0])
    elif kind == "pandas-io":
        result = _measure_pandas_io(data, rest[0])
    elif kind == "textcat":
        result = _measure_textcat(data, int(rest[0]), int(rest[1]), rest[2])
    else:
        result = _measure_naive(data, int(rest[0]), rest[1])
    print(json.dumps(result))


# ---- the report ----------------------------------------------------------------------------------


def describe_machine():
    """One line: CPU model, cores, memory, OS, Python."""
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "unknown CPU")
    memory_kib = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal:"))
    return (f"{cpu}, {len(os.sched_getaffinity(0))} cores, {memory_kib / 1024 ** 2:.0f} GiB RAM, "
            f"{platform.system()} {platform.release()}, Python {platform.python_version()}")


def _row(name, rows, seconds, pss, rss, note=""):
    """One Markdown table row."""
    return f"| {name} | {rows:,} | {seconds:,.1f} | {rows / seconds:,.0f} | {pss:,.0f} | {rss:,.0f} | {note} |"


def _emit(line):
    """Print a table line as soon as it is measured, so a long run shows what it has so far."""
    print(line, flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000, help="Logs to score (e.g. 10000, 100000, 1000000).")
    parser.add_argument("--model", default=str(ROOT / "models" / "default"), help="Model directory.")
    parser.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)), help="Worker processes.")
    parser.add_argument("--chunk-size", type=int, default=2000)
    parser.add_argument("--naive-rows", type=int, default=300, help="Rows for the row-at-a-time loop.")
    parser.add_argument("--textcat-rows", type=int, default=100_000, help="Most rows scored by textcat.")
    parser.add_argument("--unique-rows", type=int, default=200_000, help="Generated logs; more rows repeat them.")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--skip", action="append", default=[], help="Skip a measurement: io, textcat, naive.")
    args = parser.parse_args()

    data = ensure_data(args.rows, args.seed, args.unique_rows)
    me = [sys.executable, str(Path(__file__).resolve()), "_measure"]
    out = DATA_DIR / "scored.csv"
    print(f"Machine: {describe_machine()}")
    print(f"Command: python benchmarks/score_bench.py {' '.join(sys.argv[1:])}")
    _emit("| approach | rows | seconds | rows/s | peak PSS, all processes (MiB) | peak RSS, one process (MiB) | notes |")
    _emit("|---|---:|---:|---:|---:|---:|---|")

    command = [sys.executable, "-m", "classifier", "score", str(data), "-o", str(out), "-m", args.model,
               "--workers", str(args.workers), "--chunk-size", str(args.chunk_size)]
    seconds, pss, rss, stdout = run_measured(command)
    summary = json.loads(stdout.strip().splitlines()[-1])
    _emit(_row(f"crimerec score, {args.workers} workers", summary["rows_read"], seconds, pss, rss,
                      f"end to end; {summary['rows_rejected']} rejected; in-run {summary['rows_per_second']:,.0f} rows/s"))
    if "io" not in args.skip:
        seconds, pss, rss, _ = run_measured(me + ["io-floor", str(data), str(DATA_DIR / "copy.csv")])
        _emit(_row("(a) I/O floor: pyarrow read + write", args.rows, seconds, pss, rss, "no scoring"))
        seconds, pss, rss, _ = run_measured(me + ["pandas-io", str(data), str(DATA_DIR / "copy.csv")])
        _emit(_row("(a') pandas read_csv + to_csv", args.rows, seconds, pss, rss, "no scoring"))
    if "textcat" not in args.skip:
        for architecture in ("bow", "ensemble"):
            rows = min(args.rows, args.textcat_rows if architecture == "bow" else args.textcat_rows // 5)
            seconds, pss, rss, stdout = run_measured(
                me + ["textcat", str(data), str(rows), str(args.workers), architecture])
            timed = json.loads(stdout.strip().splitlines()[-1])
            _emit(_row(f"(b) spaCy textcat ({architecture}), {timed['processes']} process(es)",
                              timed["scored_rows"], timed["scoring_seconds"], pss, rss,
                              f"scoring pass only (no file I/O, training excluded); faster of n_process=1 and {args.workers}"))
    if "naive" not in args.skip:
        seconds, pss, rss, stdout = run_measured(me + ["naive", str(data), str(args.naive_rows), args.model])
        timed = json.loads(stdout.strip().splitlines()[-1])
        _emit(_row("(c) naive predict loop, 1 process", timed["scored_rows"], timed["scoring_seconds"],
                          pss, rss, f"{timed['scored_rows']} rows, one predict_frame call each; rows/s extrapolated"))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_measure":
        _measure(sys.argv[2:])
    else:
        main()
