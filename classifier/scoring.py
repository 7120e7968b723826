"""Score incident logs: a frame in memory (``score_frame``), or a whole file (``score_file``).

``score_file`` streams the file in chunks through a pool of worker processes, keeps input order,
accounts for every row (scored or rejected), writes its output atomically and can resume a run
that was killed. The design and its guarantees are described in ``docs/SCORING.md``.
"""

import copy
import os
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from classifier.errors import ReconciliationError, SchemaError
from classifier.io import frame_to_bytes
from classifier.schema import MAX_TEXT_CHARS, REQUIRED_COLUMNS, SCORE_COLUMNS

__all__ = [
    "DEFAULT_CHUNK_SIZE",
    "DISCREPANCY_TYPES",
    "ScoreProgress",
    "ScoreSummary",
    "default_model_path",
    "score_file",
    "score_frame",
]

DEFAULT_CHUNK_SIZE = 2_000
UNDER_RECORDED, OVER_RECORDED, AGREES = "under-recorded?", "over-recorded?", "agrees"
DISCREPANCY_TYPES = (UNDER_RECORDED, OVER_RECORDED, AGREES)
MODEL_ENV = "CRIMEREC_MODEL"


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


@dataclass(frozen=True)
class ScoreSummary:
    """What ``score_file`` did: every row read is either scored or rejected.

    ``rows_per_second`` counts rows read by this run (chunks reused by ``resume`` excluded).
    ``discrepancies`` counts the ``discrepancy`` values (empty when there is no ``recorded``).
    """

    rows_read: int
    rows_scored: int
    rows_rejected: int
    seconds: float
    rows_per_second: float
    discrepancies: dict = field(default_factory=dict)
    output: str = ""
    rejects: str = ""
    chunks: int = 0
    chunks_resumed: int = 0
    workers: int = 1

    def to_dict(self):
        """Return the summary as a JSON-ready dict."""
        return asdict(self)


# ---- one frame ----------------------------------------------------------------------------------


def score_frame(frame, model, *, threshold=None):
    """Score a validated frame of incident logs.

    Parameters
    ----------
    frame : pandas.DataFrame
        Rows following the data contract (e.g. ``load_incidents(...).accepted`` or
        ``validate_frame``'s accepted rows); ``incident_id`` and ``narrative`` are required.
    model : CrimeRecModel
        A trained model (``classifier.model.load_model``).
    threshold : float or None, default=None
        Operating threshold for ``predicted_should_record``; None uses ``model.threshold_``.

    Returns
    -------
    pandas.DataFrame
        Every column of ``frame`` unchanged and in order (same index), then ``p_should_record``,
        ``predicted_should_record``, ``predicted_category``, ``p_domestic_abuse``, ``evidence``
        and, only when ``frame`` has ``recorded``, ``discrepancy``: ``under-recorded?``
        (predicted crime, not recorded), ``over-recorded?`` (recorded, predicted no crime),
        ``agrees``, or ``""`` where ``recorded`` is missing. Each row's scores depend on that
        row alone: scoring rows one at a time gives the same numbers as scoring them together.

    Raises
    ------
    SchemaError
        If a required column is missing, a score column already exists, or ``recorded``
        holds values other than true/false/missing.

    Examples
    --------
    >>> from classifier.scoring import score_frame
    >>> scored = score_frame(frame, model)  # doctest: +SKIP
    >>> scored[["incident_id", "p_should_record", "discrepancy"]]  # doctest: +SKIP
    """
    _check_frame(frame, source="the frame")
    threshold = _check_threshold(threshold)
    return _score_frame(frame, _with_threshold(model, threshold))


def _score_frame(frame, model):
    """Return ``frame`` with the score columns appended (inputs already checked)."""
    scores = _prediction_columns(frame, model)
    return frame.assign(**{name: scores[name].to_numpy() for name in scores.columns})


def _prediction_columns(frame, model):
    """Return the score columns for ``frame`` (same index), with fixed dtypes."""
    predicted = model.predict_frame(frame)
    if len(predicted) != len(frame) or not predicted.index.equals(frame.index):
        raise ReconciliationError(
            f"The model returned {len(predicted)} predictions for {len(frame)} rows (or in another "
            "order), so rows would be lost or mismatched. This is a crimerec bug; please report it."
        )
    flagged = predicted["predicted_should_record"].to_numpy(dtype=bool)
    scores = pd.DataFrame(
        {
            "p_should_record": predicted["p_should_record"].to_numpy(dtype=np.float64),
            "predicted_should_record": flagged,
            "predicted_category": pd.array(predicted["predicted_category"].astype(str), dtype="str"),
            "p_domestic_abuse": predicted["p_domestic_abuse"].to_numpy(dtype=np.float64),
            "evidence": pd.array(predicted["evidence"].astype(str), dtype="str"),
        },
        index=frame.index,
    )
    if "recorded" in frame.columns:
        scores["discrepancy"] = _discrepancy(_as_boolean(frame["recorded"]), flagged)
    return scores


def _discrepancy(recorded, flagged):
    """Compare what was recorded with the prediction, row by row ("" where recorded is unknown)."""
    known = recorded.notna().to_numpy()
    was = recorded.fillna(False).to_numpy(dtype=bool)
    labels = np.where(was == flagged, AGREES, np.where(flagged, UNDER_RECORDED, OVER_RECORDED))
    return pd.array(np.where(known, labels, ""), dtype="str")


def _as_boolean(column):
    """Return ``column`` as pandas ``boolean``, or raise SchemaError naming the column."""
    try:
        return column.astype("boolean")
    except (TypeError, ValueError):
        raise SchemaError(
            "Column 'recorded' must hold true/false values (or be empty); got "
            f"{column.dtype} values such as {column.dropna().astype(str).head(3).tolist()}. "
            "Run the frame through classifier.schema.validate_frame first."
        ) from None


def _check_frame(frame, *, source):
    """Raise SchemaError unless ``frame`` is a DataFrame that can take the score columns."""
    if not isinstance(frame, pd.DataFrame):
        raise SchemaError(f"Expected a pandas DataFrame of incident logs; got {type(frame).__name__}.")
    missing = [name for name in REQUIRED_COLUMNS if name not in frame.columns]
    if missing:
        raise SchemaError(
            f"Column {missing[0]!r} is missing from {source}. Columns present: {list(frame.columns)}. "
            "Scoring needs 'incident_id' and 'narrative'; map other names with --map."
        )
    clashing = [name for name in SCORE_COLUMNS if name in frame.columns]
    if clashing:
        raise SchemaError(
            f"{source} already has the score column(s) {clashing}; it looks like crimerec output. "
            "Score the original file, or rename or drop those columns first, so old and new scores "
            "cannot be confused."
        )


def _check_threshold(threshold):
    """Return ``threshold`` as a float in [0, 1], or None."""
    if threshold is None:
        return None
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or not 0 <= threshold <= 1:
        raise SchemaError(f"threshold must be a number between 0 and 1; got {threshold!r}.")
    return float(threshold)


def _with_threshold(model, threshold):
    """Return ``model``, or a shallow copy operating at ``threshold`` (the caller's model is untouched)."""
    if threshold is None or threshold == getattr(model, "threshold_", None):
        return model
    adjusted = copy.copy(model)
    adjusted.threshold_ = threshold
    return adjusted


# ---- worker side --------------------------------------------------------------------------------

_WORKER_MODEL = None
_WORKER_SOURCE = None


def _init_worker(source, threshold):
    """Remember which model this worker scores with: a directory path or a model object.

    The model is loaded at the first chunk, not here: an error raised while a chunk is scored
    (a missing file, a checksum mismatch) travels back to the caller with its message, whereas
    an initializer failure only breaks the pool.
    """
    global _WORKER_MODEL, _WORKER_SOURCE
    _WORKER_MODEL, _WORKER_SOURCE = None, (source, threshold)


def _worker_model():
    """Return this worker's model, loading it (SHA-256 checked) the first time."""
    global _WORKER_MODEL
    if _WORKER_MODEL is None:
        source, threshold = _WORKER_SOURCE
        if isinstance(source, (str, os.PathLike)):
            from classifier.model import load_model

            source = load_model(source)
        _WORKER_MODEL = _with_threshold(source, threshold)
    return _WORKER_MODEL


def _score_chunk(task):
    """Score one chunk in a worker and serialise it; return (output fragment bytes, counts).

    Serialising here rather than in the main process spreads the cost of writing CSV text
    over the workers; only bytes travel back. ``input_cells`` (``IncidentChunk.input_cells``)
    puts the input cells back as they were read, so the output carries them unchanged.
    """
    frame, output_format, renames_back, input_cells = task
    scores = _prediction_columns(frame, _worker_model())
    scored = frame.assign(**{name: scores[name].to_numpy() for name in scores.columns})
    if renames_back:
        scored = scored.rename(columns=renames_back)
    counts = {"rows_scored": len(scores), "discrepancies": _count_discrepancies(scores)}
    return frame_to_bytes(scored, format=output_format, header=False, input_cells=input_cells), counts


def _count_discrepancies(scores):
    """Count each non-empty ``discrepancy`` value of a chunk."""
    if "discrepancy" not in scores.columns:
        return {}
    values = scores["discrepancy"]
    return {str(key): int(count) for key, count in values[values != ""].value_counts().items()}


def _release_worker_model():
    """Forget the model held for in-process scoring (so a finished run frees it)."""
    global _WORKER_MODEL, _WORKER_SOURCE
    _WORKER_MODEL = _WORKER_SOURCE = None


# ---- files --------------------------------------------------------------------------------------


def default_model_path():
    """Return the model directory used when none is given: ``$CRIMEREC_MODEL``, else ``models/default``.

    Examples
    --------
    >>> isinstance(default_model_path(), Path)
    True
    """
    configured = os.environ.get(MODEL_ENV)
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[1] / "models" / "default"


def score_file(
    input,  # noqa: A002 - the CLI's INPUT argument
    output,
    *,
    model=None,
    rejects=None,
    mapping=None,
    encoding=None,
    format=None,  # noqa: A002 - matches the --format option
    output_format=None,
    workers=None,
    chunk_size=DEFAULT_CHUNK_SIZE,
    resume=False,
    threshold=None,
    max_text_chars=MAX_TEXT_CHARS,
    progress=None,
):
    """Score an incident file in chunks and write every input row, scored, to ``output``.

    Parameters
    ----------
    input : str or path-like
        CSV, JSON Lines or Parquet incident file (``.csv.gz`` and ``.jsonl.gz`` too).
    output : str or path-like
        Where to write the scored rows. Written atomically: it appears only when complete.
    model : str, path-like, CrimeRecModel or None, default=None
        A model directory (loaded in every worker after its SHA-256 is checked), a loaded
        model, or None for ``default_model_path()``.
    rejects : str, path-like or None, default=None
        Where to write rejected rows (source, row, column, reason, incident_id). None writes
        ``<output name>.rejects.csv`` beside the output. Always written, even when empty.
    mapping : dict of str to str or None, default=None
        Contract column -> the file's column name (``classifier.schema.parse_mapping``). The
        output keeps the file's own column names.
    encoding : str or None, default=None
        Text encoding of a CSV or JSON Lines input; None means UTF-8.
    format : {'csv', 'jsonl', 'parquet'} or None, default=None
        Input format; None decides from the extension.
    output_format : {'csv', 'jsonl', 'parquet'} or None, default=None
        Output format; None decides from the output's extension, else the input format.
    workers : int or None, default=None
        Worker processes; None uses every available core. 1 scores in this process.
    chunk_size : int, default=2000
        Rows per chunk. Memory use depends on ``chunk_size * workers``, not on the file size.
    resume : bool, default=False
        Continue an interrupted run writing the same ``output`` from its finished chunks.
        The input, model and options must be the ones of that run. Without an interrupted
        run, scoring starts from the beginning.
    threshold : float or None, default=None
        Operating threshold for ``predicted_should_record``; None uses the model's.
    max_text_chars : int, default=100_000
        Longest allowed text value; longer ones reject their row.
    progress : callable or None, default=None
        Called with a ``ScoreProgress`` after each chunk. The library never prints.

    Returns
    -------
    ScoreSummary
        Rows read, scored and rejected, time taken, rows per second and discrepancy counts.

    Raises
    ------
    InputFileError, SchemaError
        The input cannot be read, or does not follow the data contract (see
        ``classifier.io.iter_incident_chunks``); raised before anything is written.
    ModelLoadError, ChecksumError
        The model directory is missing, incompatible, or fails its checksum.
    ReconciliationError
        Rows read differ from rows scored plus rows rejected; no output is written.
    ClassifierError
        The work folder belongs to another run (see ``resume``) or is in use.

    Notes
    -----
    CSV output has spreadsheet formulas neutralised: a text cell starting with ``=``, ``+``,
    ``-``, ``@``, a tab or a carriage return gets one leading ``'``. Recover the exact text with
    ``classifier.io.restore_formulas(pandas.read_csv(path, dtype=str, keep_default_na=False))``.
    JSON Lines and Parquet output are written unchanged.

    Examples
    --------
    >>> summary = score_file("incidents.csv", "scored.csv", workers=2)  # doctest: +SKIP
    >>> summary.rows_read == summary.rows_scored + summary.rows_rejected  # doctest: +SKIP
    True
    """
    from classifier import _scoring_run

    started = time.perf_counter()
    plan = _scoring_run.make_plan(
        input, output, model=model, rejects=rejects, mapping=mapping, encoding=encoding,
        input_format=format, output_format=output_format, workers=workers, chunk_size=chunk_size,
        resume=resume, threshold=_check_threshold(threshold), max_text_chars=max_text_chars,
    )
    tally = _scoring_run.run(plan, resume=resume, progress=progress, started=started)
    seconds = time.perf_counter() - started
    return ScoreSummary(
        rows_read=tally.rows_read,
        rows_scored=tally.rows_scored,
        rows_rejected=tally.rows_rejected,
        seconds=round(seconds, 3),
        rows_per_second=tally.rows_per_second(seconds),
        discrepancies=dict(tally.discrepancies),
        output=str(plan.output),
        rejects=str(plan.rejects),
        chunks=tally.chunks,
        chunks_resumed=tally.chunks_resumed,
        workers=plan.workers,
    )
