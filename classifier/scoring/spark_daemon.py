"""Spark's Python daemon for crimerec's local sessions: crimerec's scoring code imported once, then workers forked.

Spark starts Python workers by forking them from a daemon (``pyspark.daemon``). Started from
pyspark's own daemon, each scoring worker imports pandas, scikit-learn, spaCy and crimerec and
builds the spaCy pipeline itself: about 2.5 s before its first batch. This daemon does that once,
before it forks, so every worker starts with them, as ``crimerec score``'s forkserver preloads
its workers' modules (``classifier.scoring.pool``). ``classifier.scoring.spark.spark_session``
sets ``spark.python.daemon.module`` to this module for the local sessions it starts.
"""

import importlib
import sys

__all__ = []


def _preload():
    """Import what every scoring worker needs and build the spaCy pipeline; a failure only costs speed."""
    try:
        # scikit-learn and spaCy, to unpickle the model; pandas, the validation and the scoring code
        for module in ("classifier.model.estimator", "classifier.scoring.executor"):
            importlib.import_module(module)
        from classifier.text.preprocessing import _shared_nlp

        _shared_nlp(True)
    except Exception as error:  # noqa: BLE001 - the workers import what they need themselves
        print(f"crimerec: Python workers start without preloading ({type(error).__name__})", file=sys.stderr)


if __name__ == "__main__":
    from pyspark import daemon

    _preload()
    daemon.manager()
