"""The worker side of file scoring: each worker process holds one model and scores chunks.

The model is loaded (SHA-256 checked) at the first chunk a worker receives, and each chunk goes
back to the main process as serialised output bytes, so only bytes cross the process boundary.
"""

import os

from classifier.data import frame_to_bytes
from classifier.scoring.frame import _prediction_columns, _with_threshold

__all__ = []

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
