"""Scoring frames in memory and files in streamed, parallel, resumable runs.

May import: classifier.model, classifier.text, classifier.data, classifier.errors (never classifier.report).
Public names are imported on first use (``classifier._exports``).
"""

from classifier._exports import lazy_exports

_EXPORTS = {
    "frame": ("DISCREPANCY_TYPES", "score_frame"),
    "files": ("DEFAULT_CHUNK_SIZE", "ScoreSummary", "score_file"),
    "run": ("MODEL_ENV", "ScoreProgress", "default_model_path"),
    "spark": ("SparkScoreSummary", "parse_conf", "spark_score", "spark_session"),
}

__all__ = [name for names in _EXPORTS.values() for name in names]
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
