"""Score a whole incident file (``score_file``); ``classifier.scoring.frame`` scores a frame in memory.

``score_file`` streams the file in chunks through a pool of worker processes, keeps input order,
accounts for every row (scored or rejected), writes its output atomically and can resume a run
that was killed. The design and its guarantees are described in ``docs/SCORING.md``.
"""

import datetime as dt
import time
from dataclasses import asdict, dataclass, field

from classifier.data import MAX_TEXT_CHARS
from classifier.model.provenance import build_provenance, write_sidecar
from classifier.scoring import run as _run
from classifier.scoring.frame import _check_threshold

__all__ = ["DEFAULT_CHUNK_SIZE", "ScoreSummary", "score_file"]

DEFAULT_CHUNK_SIZE = 2_000


@dataclass(frozen=True)
class ScoreSummary:
    """What ``score_file`` did: every row read is either scored or rejected.

    ``rows_per_second`` counts rows read by this run (chunks reused by ``resume`` excluded).
    ``discrepancies`` counts the ``discrepancy`` values (empty when there is no ``recorded``).
    ``lines_read`` is the number of physical lines in a CSV or JSON Lines input, header included
    (None for Parquet): a file whose lines far outnumber its rows deserves a look.
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
    lines_read: int | None = None
    values_emptied: int = 0
    provenance: dict = field(default_factory=dict)

    def to_dict(self):
        """Return the summary as a JSON-ready dict."""
        return asdict(self)



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
    date_format=None,
    strict=True,
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
        Contract column -> the file's column name (``classifier.data.contract.parse_mapping``). The
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
    date_format : None, 'dayfirst' or str, default=None
        How ``reported_at`` is written (``classifier.data.dates``); None is ISO 8601.
    strict : bool, default=True
        False scores a row whose yes/no value or date cannot be read, with that value empty,
        and lists the value in the rejects file (worded as kept); True rejects the row.
    progress : callable or None, default=None
        Called with a ``ScoreProgress`` after each chunk. The library never prints.

    Returns
    -------
    ScoreSummary
        Rows read, scored and rejected, time taken, rows per second, discrepancy counts and the
        provenance (crimerec version, model, input SHA-256, run time), which is also written
        beside the output as ``<output>.provenance.json``.

    Raises
    ------
    InputFileError, SchemaError
        The input cannot be read, or does not follow the data contract (see
        ``classifier.data.loading.iter_incident_chunks``); raised before anything is written.
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
    ``classifier.data.loading.restore_formulas(pandas.read_csv(path, dtype=str, keep_default_na=False))``.
    JSON Lines and Parquet output are written unchanged.

    Examples
    --------
    >>> summary = score_file("incidents.csv", "scored.csv", workers=2)  # doctest: +SKIP
    >>> summary.rows_read == summary.rows_scored + summary.rows_rejected  # doctest: +SKIP
    True
    """
    started, started_at = time.perf_counter(), dt.datetime.now(dt.timezone.utc)
    plan = _run.make_plan(
        input, output, model=model, rejects=rejects, mapping=mapping, encoding=encoding,
        input_format=format, output_format=output_format, workers=workers, chunk_size=chunk_size,
        resume=resume, threshold=_check_threshold(threshold), max_text_chars=max_text_chars,
        date_format=date_format, strict=strict,
    )
    tally = _run.run(plan, resume=resume, progress=progress, started=started)
    provenance = build_provenance(model=plan.worker_source, inputs=[plan.input], started=started_at,
                                  extra={"options": {k: v for k, v in plan.options.items() if k != "chunk_size"}})
    write_sidecar(plan.output, provenance)
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
        lines_read=tally.file_lines or None,
        values_emptied=tally.values_emptied,
        provenance=provenance,
    )
