"""The machinery behind ``classifier.scoring.files.score_file``: plan a run, stream chunks, reconcile, publish.

The main process reads and validates chunks, hands each chunk's contract columns to the worker
pool, and saves every finished chunk (output fragment, rejects, counts) in the resumable work
folder of ``classifier.scoring.chunkstore``; at the end it checks rows read = scored + rejected and
only then assembles the output atomically.
"""

import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from classifier import __version__
from classifier.data import (
    SCORE_COLUMNS,
    FrameWriter,
    check_writable,
    detect_format,
    empty_rejects,
    frame_to_bytes,
    iter_incident_chunks,
    resolve_path,
)
from classifier.errors import InputFileError, ReconciliationError, SchemaError
from classifier.model.champion import MODEL_ENV, resolve_model
from classifier.scoring import pool as _pool
from classifier.scoring.chunkstore import (
    ChunkStore,
    ResumeError,
    fingerprint_code,
    fingerprint_file,
)
from classifier.scoring.frame import _check_frame
from classifier.scoring.worker import _init_worker, _release_worker_model, _score_chunk

__all__ = ["MODEL_ENV", "ScoreProgress", "default_model_path"]



@dataclass(frozen=True)
class ScoreProgress:
    """How far ``score_file`` has got; passed to the ``progress`` callback after each chunk.

    ``rows_total`` is exact for Parquet and an estimate from the file size for CSV and JSON
    Lines (None for gzipped files), so use it only for a progress bar.
    """

    rows_done: int
    rows_total: int | None
    rows_scored: int
    rows_rejected: int
    seconds: float


def default_model_path():
    """Return the model directory used when none is given: the champion (``classifier.model.champion``).

    That is ``$CRIMEREC_MODEL``, else ``<home>/models/current``, else the shipped ``models/default``
    (the MLflow alias is looked up by the CLI, which passes the model explicitly).

    Examples
    --------
    >>> isinstance(default_model_path(), Path)
    True
    """
    return Path(resolve_model().location)


_KNOWN_SUFFIXES = (".gz", ".csv", ".jsonl", ".ndjson", ".json", ".parquet", ".pq")


@dataclass
class Plan:
    """Everything a file-scoring run needs, checked before anything is read or written."""

    input: Path
    output: Path
    rejects: Path
    input_format: str
    output_format: str
    worker_source: object
    threshold: float | None
    workers: int
    options: dict
    renames_back: dict
    manifest: dict


@dataclass
class Tally:
    """Running counts of a run; ``chunks_resumed``/``rows_resumed`` come from an earlier run."""

    rows_read: int = 0
    rows_scored: int = 0
    rows_rejected: int = 0
    values_emptied: int = 0
    chunks: int = 0
    chunks_resumed: int = 0
    rows_resumed: int = 0
    file_lines: int = 0
    discrepancies: Counter = field(default_factory=Counter)

    def add(self, counts, *, resumed=False):
        """Add one chunk's counts."""
        self.rows_read += counts["rows_read"]
        self.rows_scored += counts["rows_scored"]
        self.rows_rejected += counts["rows_rejected"]
        self.file_lines += counts.get("file_lines", 0)
        self.values_emptied += counts.get("values_emptied", 0)
        self.discrepancies.update(counts["discrepancies"])
        self.chunks += 1
        if resumed:
            self.chunks_resumed += 1
            self.rows_resumed += counts["rows_read"]

    def rows_per_second(self, seconds):
        """Rows read by this run per second (rows reused from an earlier run excluded)."""
        return round((self.rows_read - self.rows_resumed) / seconds, 1) if seconds > 0 else 0.0


# ---- planning -----------------------------------------------------------------------------------


def make_plan(input, output, *, model, rejects, mapping, encoding, input_format, output_format,
              workers, chunk_size, resume, threshold, max_text_chars, date_format=None, strict=True):
    """Check the arguments, load the model, and describe the run (its manifest)."""
    source, target = Path(input), Path(output)
    rejects_path = Path(rejects) if rejects is not None else default_rejects_path(target)
    _check_paths(source, target, rejects_path)
    input_format = detect_format(source, input_format)
    output_format = _output_format(target, output_format, input_format)
    workers = _check_workers(workers)
    worker_source, identity = _resolve_model(model)
    if resume and identity is None:
        raise SchemaError(
            "resume=True needs a model saved with save_model (its SHA-256 identifies it across "
            "runs); pass the model directory instead of an unsaved model object."
        )
    options = {"mapping": dict(mapping or {}), "encoding": encoding, "format": input_format,
               "chunk_size": chunk_size, "max_text_chars": max_text_chars, "date_format": date_format,
               "strict": strict}
    manifest = {
        "input": fingerprint_file(source) if source.is_file() else {"path": str(source)},
        "model_sha256": identity,
        "options": {**options, "output_format": output_format, "threshold": threshold,
                    "rejects": str(rejects_path.resolve())},
        "crimerec_version": __version__,
        "code_sha256": fingerprint_code(),
    }
    renames_back = {contract: column for contract, column in (mapping or {}).items() if contract != column}
    return Plan(source, target, rejects_path, input_format, output_format, worker_source,
                threshold, workers, options, renames_back, manifest)


def default_rejects_path(output):
    """``scored.csv`` -> ``scored.rejects.csv``, beside the output."""
    name = output.name
    for suffix in _KNOWN_SUFFIXES:
        if name.lower().endswith(suffix) and len(name) > len(suffix):
            name = name[: -len(suffix)]
    return output.with_name(f"{name}.rejects.csv")


def _check_paths(source, target, rejects_path):
    """Refuse to overwrite the input, to write output and rejects to one file, or to start unwritable."""
    source_r, target_r, rejects_r = (resolve_path(source, "input"), resolve_path(target, "output"),
                                     resolve_path(rejects_path, "rejects"))
    if source_r in (target_r, rejects_r):
        raise SchemaError(f"The output would overwrite the input file {source}; choose another output path.")
    if target_r == rejects_r:
        raise SchemaError(f"Output and rejects are both {target}; give --rejects another file name.")
    for label, path in (("output", target), ("rejects", rejects_path)):
        if path.is_dir():
            raise SchemaError(f"The {label} path {path} is a folder; give a file name such as {path / 'scored.csv'}.")
        check_writable(path, label)  # before scoring, not after (issue #14, defect 6)


def _output_format(target, output_format, input_format):
    """The output's format: as given, else from its extension, else the input's."""
    if output_format is not None:
        return detect_format(target, output_format)
    try:
        return detect_format(target)
    except InputFileError:  # no known extension: keep the input's format
        return input_format


def _check_workers(workers):
    """Return the number of worker processes (None -> every available core)."""
    if workers is None:
        return _pool.available_cores()
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise SchemaError(f"workers must be a whole number of at least 1; got {workers!r}.")
    return workers


def _resolve_model(model):
    """Return (what each worker loads, SHA-256 identity or None), without loading a model directory.

    The main process only reads the model card (for the identity the manifest records); the
    workers load and checksum the artefact. Loading it here too would cost every run the
    memory of one more model. A directory that has no readable card is passed to ``load_model``
    so that its own, precise error is raised straight away.
    """
    if model is None or isinstance(model, (str, os.PathLike)):
        path = (Path(model) if model is not None else default_model_path()).resolve()
        identity = _card_sha256(path)
        if identity is None:
            from classifier.model import load_model

            identity = (load_model(path).card_ or {}).get("sha256")
        return str(path), identity
    if not hasattr(model, "predict_frame"):
        raise SchemaError(f"model must be a model directory or a loaded CrimeRecModel; got {type(model).__name__}.")
    return model, (getattr(model, "card_", None) or {}).get("sha256")


def _card_sha256(directory):
    """The ``sha256`` recorded in ``directory/model_card.json``, or None if it cannot be read."""
    try:
        card = json.loads((directory / "model_card.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    sha = card.get("sha256") if isinstance(card, dict) else None
    return sha if isinstance(sha, str) else None


# ---- running ------------------------------------------------------------------------------------


def run(plan, *, resume, progress, started):
    """Score every chunk (reusing finished ones when resuming), reconcile, assemble; return the Tally."""
    # File-level problems (missing columns, undecodable bytes) surface here, before any folder exists.
    chunks = iter_incident_chunks(plan.input, **plan.options)
    first = next(chunks)
    _check_frame(first.accepted, source=plan.input.name)
    _check_output_names(first.accepted, plan)
    store = ChunkStore(plan.output, plan.rejects, plan.manifest, output_format=plan.output_format)
    store.open(resume=resume)
    try:
        tally = _score_chunks(_chain(first, chunks), store, plan, _Reporter(plan, progress, started))
        _reconcile(tally, plan, store)
        store.assemble(
            n_chunks=tally.chunks,
            header=_header(first.accepted, plan),
            rejects_writer=_write_rejects,
            compress=plan.output.name.lower().endswith(".gz"),
        )
    finally:
        store.close()
    store.remove()
    return tally


def _check_output_names(accepted, plan):
    """Raise SchemaError if a mapped column's own name is one of the score columns crimerec adds.

    The output keeps the file's column names, so ``--map narrative=evidence`` would give the
    output two ``evidence`` columns. (A score column name in the file itself is refused by
    ``_check_frame``.)
    """
    for contract, column in plan.renames_back.items():
        if column in SCORE_COLUMNS and contract in accepted.columns:
            raise SchemaError(
                f"Column {column!r} of {plan.input.name} (mapped to {contract}) has the name of a "
                f"column that scoring adds, so the output would hold two columns called {column!r}. "
                "Rename that column in the file before scoring it."
            )


def _chain(first, rest):
    """Yield ``first`` then everything in ``rest``."""
    yield first
    yield from rest


def _score_chunks(chunks, store, plan, reporter):
    """Send unfinished chunks through the pool, in order, and save each result as it arrives."""
    tally = Tally()
    todo = _unfinished(chunks, store, tally, reporter, plan)
    results = _pool.map_ordered(
        _score_chunk,
        todo,
        workers=plan.workers,
        initializer=_init_worker,
        initargs=(plan.worker_source, plan.threshold),
    )
    try:
        for (index, chunk), result in results:
            counts = _save_chunk(store, index, chunk, result)
            tally.add(counts)
            reporter.report(tally, chunk)
    finally:
        results.close()
        _release_worker_model()
    return tally


def _unfinished(chunks, store, tally, reporter, plan):
    """Yield ``((index, chunk), task)`` for chunks still to score; count the finished ones."""
    for index, chunk in enumerate(chunks):
        saved = store.done_counts(index)
        if saved is None:
            task = (chunk.accepted, plan.output_format, plan.renames_back, chunk.input_cells)
            yield (index, chunk), task
            continue
        _check_saved(saved, chunk, index, store)
        tally.add(saved, resumed=True)
        reporter.report(tally, chunk)


def _check_saved(saved, chunk, index, store):
    """Raise ResumeError if a finished chunk no longer matches the rows read for it now."""
    now = {"rows_read": chunk.rows_read, "rows_scored": len(chunk.accepted), "rows_rejected": len(chunk.rejects)}
    before = {key: saved[key] for key in now}
    if now != before:
        raise ResumeError(
            f"Chunk {index} in '{store.path}' was saved with {before} but the input now gives "
            f"{now}: the input changed since the interrupted run. Delete that folder and score "
            "the file again."
        )


def _save_chunk(store, index, chunk, result):
    """Write one scored chunk (fragment bytes from the worker) into the work folder; return its counts."""
    fragment, worker_counts = result
    if worker_counts["rows_scored"] != len(chunk.accepted):
        raise ReconciliationError(
            f"Chunk {index}: {len(chunk.accepted)} rows were sent for scoring but "
            f"{worker_counts['rows_scored']} came back. This is a crimerec bug; please report it."
        )
    counts = {"rows_read": chunk.rows_read, "rows_rejected": len(chunk.rejects),
              "values_emptied": len(chunk.emptied), **worker_counts}
    if chunk.file_lines:
        counts["file_lines"] = chunk.file_lines
    # Values left empty on kept rows go to the rejects file too, worded as kept ("--strict" rejects them).
    problems = pd.concat([chunk.rejects, chunk.emptied]).sort_values("row", kind="stable") if len(chunk.emptied) \
        else chunk.rejects
    store.save_chunk(index, fragment, problems, counts)
    return counts


def _reconcile(tally, plan, store):
    """Raise ReconciliationError unless rows read = rows scored + rows rejected."""
    accounted = tally.rows_scored + tally.rows_rejected
    if tally.rows_read != accounted:
        raise ReconciliationError(
            f"{plan.input.name}: {tally.rows_read:,} rows read but {tally.rows_scored:,} scored and "
            f"{tally.rows_rejected:,} rejected, so {tally.rows_read - accounted:,} rows are unaccounted "
            f"for. No output was written; the chunks are kept in '{store.path}' for inspection. "
            "This is a crimerec bug; please report it."
        )


def _header(accepted, plan):
    """The CSV header line of the output (nothing for JSON Lines and Parquet)."""
    if plan.output_format != "csv":
        return b""
    columns = list(accepted.columns) + ["p_should_record", "predicted_should_record", "predicted_category",
                                        "p_domestic_abuse", "evidence"]
    if "recorded" in accepted.columns:
        columns.append("discrepancy")
    empty = pd.DataFrame(columns=columns).rename(columns=plan.renames_back)
    return frame_to_bytes(empty, format="csv", header=True)


def _write_rejects(tables, target):
    """Write the rejects of every chunk, in order, to ``target`` (format from its name)."""
    with FrameWriter(target, template=empty_rejects()) as writer:
        for table in tables:
            if table.num_rows:
                writer.write(table.to_pandas())


class _Reporter:
    """Call the user's progress callback with rows done and an estimated total."""

    def __init__(self, plan, callback, started):
        self._callback, self._started = callback, started
        self._total = _exact_total(plan)
        self._size = (None if self._total is not None or plan.input.name.lower().endswith(".gz")
                      or not plan.input.is_file() else plan.input.stat().st_size)
        self._text_chars = 0
        self._text_rows = 0

    def report(self, tally, chunk):
        """Report after a chunk has been saved (or reused)."""
        if self._callback is None:
            return
        import time

        self._callback(ScoreProgress(
            rows_done=tally.rows_read,
            rows_total=self._estimate(tally, chunk),
            rows_scored=tally.rows_scored,
            rows_rejected=tally.rows_rejected,
            seconds=time.perf_counter() - self._started,
        ))

    def _estimate(self, tally, chunk):
        """Total rows: exact for Parquet, else file size / average characters per row so far."""
        if self._total is not None or self._size is None:
            return self._total
        frame = chunk.accepted
        self._text_chars += sum(int(frame[name].str.len().sum()) + len(frame) for name in frame.columns
                                if pd.api.types.is_string_dtype(frame[name].dtype))
        self._text_rows += len(frame)
        if not self._text_chars:
            return None
        return max(tally.rows_read, round(self._size * self._text_rows / self._text_chars))


def _exact_total(plan):
    """The number of rows of a Parquet input, from its metadata; None for other formats."""
    if plan.input_format != "parquet" or not plan.input.is_file():  # a pipe cannot be opened twice
        return None
    import pyarrow.parquet as pq

    return pq.ParquetFile(plan.input).metadata.num_rows
