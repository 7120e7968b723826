"""The MLflow face of a saved model: ``_load_pyfunc`` is what ``mlflow.pyfunc.load_model`` calls.

``training.tracking`` logs a model directory with ``loader_module="classifier.model.pyfunc"`` and
the ``classifier`` package itself as the model's code, so a logged model loads (SHA-256 checked),
scores through ``spark_udf`` and serves with ``mlflow models serve`` in an environment that has
only MLflow and the model's pinned requirements, with no crimerec installed. Nothing here imports
MLflow.
"""

import pandas as pd

from classifier.model.estimator import load_model

__all__ = ["PyfuncModel"]

# The contract columns a served request may hold; all but ``narrative`` may be left out.
INPUT_COLUMNS = ("incident_id", "narrative", "opening_code", "closing_comment")


def _load_pyfunc(path):
    """Return the model in the directory ``path`` wrapped for MLflow (called by MLflow, not by crimerec)."""
    return PyfuncModel(load_model(path))


class PyfuncModel:
    """A loaded model with the ``predict`` MLflow expects.

    Parameters
    ----------
    model : CrimeRecModel
        A loaded model.

    Examples
    --------
    >>> served = PyfuncModel(model).predict(pd.DataFrame({"narrative": ["..."]}))  # doctest: +SKIP
    >>> list(served.columns)  # doctest: +SKIP
    ['p_should_record', 'predicted_should_record', 'predicted_category', 'p_domestic_abuse', 'evidence']
    """

    def __init__(self, model):
        self.model = model

    def predict(self, model_input, params=None):
        """Score a DataFrame with at least ``narrative``; return the five prediction columns, index 0..n-1."""
        frame = pd.DataFrame(model_input).reset_index(drop=True)
        for column in INPUT_COLUMNS:
            text = frame[column] if column in frame else pd.Series("", index=frame.index)
            frame[column] = text.fillna("").astype(str)
        return self.model.predict_frame(frame)
