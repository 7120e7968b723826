"""The executor side of Spark scoring: what each Python worker of a Spark executor holds and does.

``classifier.scoring.spark`` hands Spark one function, ``score_partition``, through ``mapInPandas``.
It runs on the executors: it validates each batch of rows with ``classifier.data.check_frame``
(the checks and reasons of ``crimerec score``) and scores the accepted rows with the same
``_prediction_columns`` as a ``crimerec score`` worker, so the values are the same. The model
arrives once per executor as a Spark broadcast of the model directory's files and is loaded (its
SHA-256 checked) once per Python worker, which Spark reuses from task to task.
"""

import csv
import functools
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from classifier.data import check_frame, neutralise_formulas
from classifier.scoring.frame import _prediction_columns, _with_threshold

__all__ = []

# Columns the driver adds to every row before the rows reach ``score_partition``.
FILE, ROW, FIRST_ROW = "_crimerec_file", "_crimerec_row", "_crimerec_first_row"
# The CSV reader's column for rows whose field count differs from the header's.
CORRUPT = "_crimerec_corrupt_record"
# Columns ``score_partition`` adds to say where a row came from and, for a rejected row, why.
SOURCE, REJECT_COLUMN, REJECT_REASON, REJECT_ID = ("_crimerec_source", "_crimerec_reject_column",
                                                  "_crimerec_reject_reason", "_crimerec_reject_id")
# A rejects line's place among the lines of its batch (a kept row can have several emptied values).
REJECT_LINE = "_crimerec_reject_line"
TRAILER = (ROW, SOURCE, REJECT_COLUMN, REJECT_REASON, REJECT_ID, REJECT_LINE)

_MODELS = {}  # SHA-256 -> model, in this Python worker (Spark reuses workers across tasks)


@dataclass(frozen=True)
class Job:
    """What ``score_partition`` needs besides the rows; pickled once into the Spark plan.

    ``model_files`` is a Spark broadcast of ``{file name: bytes}`` of the model directory.
    """

    model_files: object
    model_sha256: str
    threshold: float | None
    input_columns: tuple
    renames: dict
    sources: dict
    output_format: str
    rejects_format: str
    input_format: str
    max_text_chars: int
    id_column: str
    date_format: str | None = None
    strict: bool = True


def score_partition(job, batches):
    """Validate and score each Arrow batch of a partition; yield scored and rejected rows.

    Rows arrive ordered by file and row number. Every row comes back exactly once: accepted rows
    with their input cells as read and the score columns, rejected rows with the reject columns.
    """
    model = None
    for batch in batches:
        if model is None:
            model = _executor_model(job)
        parts = [_score_file_rows(job, model, rows) for _, rows in batch.groupby(FILE, sort=False)]
        yield _for_arrow(pd.concat(parts, ignore_index=True))


def _for_arrow(frame):
    """``frame`` as pyspark's Arrow writer takes it: text and all-missing columns as Python objects.

    (pandas ``str`` columns convert to chunked Arrow arrays, and a column of NaN, from rows that
    were all rejected, would not convert to a text column.)
    """
    loose = [name for name, dtype in frame.dtypes.items()
             if isinstance(dtype, pd.StringDtype) or frame[name].isna().all()]
    return frame.astype(dict.fromkeys(loose, object)) if loose else frame


def warm_worker(model_files, model_sha256, batches):
    """Load the model in this Python worker and score one made-up log, so its first real batch runs at speed.

    ``mapInPandas`` function of ``classifier.scoring.spark``'s warm-up job (a local session runs it
    while the driver reads the input on one core). Loading takes about 2 s and the first
    prediction 0.6 s more (lazy caches); Spark reuses the worker for the scoring tasks.
    Yields one row: the partition's rows seen.
    """
    model = _loaded_model(model_files, model_sha256)
    _prediction_columns(pd.DataFrame({"incident_id": ["warm-up"], "narrative": ["Caller reports a bicycle taken."]}),
                        model)
    yield pd.DataFrame({"rows": [sum(len(batch) for batch in batches)]})


def _executor_model(job):
    """This worker's model at the job's threshold."""
    return _with_threshold(_loaded_model(job.model_files, job.model_sha256), job.threshold)


def _loaded_model(model_files, model_sha256):
    """This worker's model, loaded (SHA-256 checked) from the broadcast files the first time."""
    model = _MODELS.get(model_sha256)
    if model is None:
        from classifier.model import load_model

        with tempfile.TemporaryDirectory(prefix="crimerec-model-") as folder:
            for name, data in model_files.value.items():
                (Path(folder) / name).write_bytes(data)
            model = load_model(folder)
        _MODELS.clear()
        _MODELS[model_sha256] = model
    return model


def _score_file_rows(job, model, rows):
    """Validate and score the rows of one file (a slice of a batch)."""
    source = job.sources[rows[FILE].iloc[0]]
    raw = rows.set_index(pd.Index(rows[ROW].to_numpy(dtype=np.int64), name="row"))
    ragged = raw[CORRUPT].notna().to_numpy() if CORRUPT in raw.columns else np.zeros(len(raw), dtype=bool)
    cells = raw.loc[~ragged, list(job.input_columns)]
    if job.input_format == "csv":
        cells = cells.fillna("")  # a CSV cell is text: an empty one is "", as crimerec's reader gives
    first = raw.loc[~ragged, FIRST_ROW].fillna(-1).to_numpy(dtype=np.int64)
    accepted, rejects, emptied = check_frame(
        cells.rename(columns=job.renames), source=source, first_row=None,
        seen_ids=_FirstRows(cells.index.to_numpy(), first), max_text_chars=job.max_text_chars,
        date_format=job.date_format, strict=job.strict)
    scored = _scored(job, model, cells.loc[accepted.index], accepted)
    # As in crimerec score: unparsable rows, rejected rows and emptied values, in row order.
    problems = [_ragged_rejects(job, raw[ragged], source)] if ragged.any() else []
    problems = pd.concat([*problems, rejects, emptied], ignore_index=True).sort_values("row", kind="stable")
    return pd.concat([scored, _reject_rows(job, problems)], ignore_index=True)


def _scored(job, model, cells, accepted):
    """The accepted rows' input cells as read, then the score columns, then the trailer columns."""
    scores = _prediction_columns(accepted, model) if len(accepted) else _no_scores(accepted)
    out = cells.assign(**{name: scores[name].to_numpy() for name in scores.columns})
    if job.output_format == "csv":
        out = neutralise_formulas(out).set_axis(out.columns, axis=1)
    out[ROW] = accepted.index.to_numpy(dtype=np.int64)
    for name in (SOURCE, REJECT_COLUMN, REJECT_REASON, REJECT_ID):
        out[name] = None
    out[REJECT_LINE] = 0
    return out.reset_index(drop=True)


def _no_scores(accepted):
    """Empty score columns for a file slice whose rows were all rejected."""
    columns = ["p_should_record", "predicted_should_record", "predicted_category", "p_domestic_abuse", "evidence"]
    if "recorded" in accepted.columns:
        columns.append("discrepancy")
    return pd.DataFrame({name: [] for name in columns})


def _reject_rows(job, rejects):
    """Rejects lines (ordered by row) in the output schema: only the trailer columns are filled."""
    if job.rejects_format == "csv":
        rejects = neutralise_formulas(rejects).set_axis(rejects.columns, axis=1)
    return pd.DataFrame({ROW: rejects["row"].to_numpy(dtype=np.int64), SOURCE: rejects["source"].to_numpy(object),
                        REJECT_COLUMN: rejects["column"].to_numpy(object),
                        REJECT_REASON: rejects["reason"].to_numpy(object),
                        REJECT_ID: rejects["incident_id"].to_numpy(object),
                        REJECT_LINE: np.arange(len(rejects), dtype=np.int64)})


def _ragged_rejects(job, raw, source):
    """Rejects for rows Spark could not parse, worded as ``crimerec score`` words them.

    A CSV row with more or fewer fields than the header; a JSON Lines line that is not one object.
    """
    records = [(source, int(row), "", *_unparsed_reason(job, text)) for row, text in zip(raw.index, raw[CORRUPT])]
    return pd.DataFrame(records, columns=["source", "row", "column", "reason", "incident_id"])


def _unparsed_reason(job, text):
    """``(reason, incident_id)`` for the text of a row Spark could not parse."""
    if job.input_format == "jsonl":
        from classifier.data.readers import _loads, _not_an_object

        return _not_an_object(_loads(text)), ""
    fields = _csv_fields(text)
    position = job.input_columns.index(job.id_column) if job.id_column in job.input_columns else None
    incident_id = fields[position] if position is not None and position < len(fields) else ""
    return (f"row has {len(fields)} fields but the header has {len(job.input_columns)}; look for an unquoted "
            "comma or a missing double quote in this row"), incident_id


@functools.lru_cache(maxsize=64)
def _csv_fields(text):
    """The fields of one CSV record's text."""
    return next(csv.reader([text]), [])


class _FirstRows:
    """Plays ``IdRegister`` for ``check_frame``: where each row's id first appeared in its file.

    Spark finds every id's first row over the whole file before the rows are split into
    partitions, so a duplicate is rejected with the same reason, naming the same row, as in a
    ``crimerec score`` run that reads the file from the top.
    """

    def __init__(self, rows, first_rows):
        self._first = pd.Series(first_rows, index=rows)

    def check_and_add_hashed(self, hashes, rows):
        """Return, per row, the row where its id first appeared if that is an earlier row, else -1."""
        rows = np.asarray(rows, dtype=np.int64)
        first = self._first.reindex(rows).fillna(-1).to_numpy(dtype=np.int64)
        return np.where(first < rows, first, -1)
