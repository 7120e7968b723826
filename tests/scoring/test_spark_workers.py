"""Tests for the Python side of a local Spark session: the preloading daemon and the warmed worker.

``classifier.scoring.spark_daemon`` imports the scoring code before Spark forks workers from it, and
``executor.warm_worker`` loads the model in a worker before scoring starts; tests/scoring/test_spark.py
runs whole scorings through both.
"""

import hashlib
from types import SimpleNamespace

import pandas as pd

from classifier.scoring import executor, spark_daemon
from classifier.text import preprocessing


def test_warm_worker_leaves_the_model_loaded_for_the_scoring_tasks(tiny_model_dir, monkeypatch):
    files = {path.name: path.read_bytes() for path in tiny_model_dir.iterdir() if path.is_file()}
    sha256 = hashlib.sha256(files["model.joblib"]).hexdigest()
    monkeypatch.setattr(executor, "_MODELS", {})
    out = list(executor.warm_worker(SimpleNamespace(value=files), sha256, iter([pd.DataFrame({"id": [0, 1, 2]})])))
    assert [frame["rows"].tolist() for frame in out] == [[3]]
    assert list(executor._MODELS) == [sha256]
    job = SimpleNamespace(model_files=SimpleNamespace(value={}), model_sha256=sha256, threshold=None)
    assert executor._executor_model(job) is not None  # from the cache: there are no files to load it from


def test_daemon_preloads_the_spacy_pipeline(monkeypatch):
    preprocessing._shared_nlp.cache_clear()
    spark_daemon._preload()
    assert preprocessing._shared_nlp.cache_info().currsize == 1


def test_daemon_that_cannot_preload_still_starts(monkeypatch, capsys):
    def broken(mask_decisions):
        raise MemoryError

    monkeypatch.setattr(preprocessing, "_shared_nlp", broken)
    spark_daemon._preload()
    assert capsys.readouterr().err.strip() == "crimerec: Python workers start without preloading (MemoryError)"
