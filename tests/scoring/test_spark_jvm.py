"""Tests for classifier.scoring.spark_jvm: the driver JVM's options and the class-data archive kept between runs.

Most tests use a stand-in Java and Spark installation (files whose sizes and dates name the
archive); one runs ``crimerec spark-score`` twice in subprocesses with a real JVM, so the archive
is written by one run and mapped by the next.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from classifier.scoring import spark_jvm


@pytest.fixture
def installation(tmp_path, monkeypatch):
    """A stand-in ``java`` and Spark ``jars`` folder, and an empty cache folder; the archive switched on."""
    java = tmp_path / "jdk" / "bin" / "java"
    java.parent.mkdir(parents=True)
    java.write_text("#!/bin/sh\n")
    jars = tmp_path / "spark" / "jars"
    jars.mkdir(parents=True)
    (jars / "spark-core.jar").write_bytes(b"jar")
    monkeypatch.setenv("JAVA_HOME", str(java.parent.parent))
    monkeypatch.setenv("SPARK_HOME", str(jars.parent))
    monkeypatch.setenv(spark_jvm.CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.setenv(spark_jvm.SWITCH_ENV, "on")
    monkeypatch.setattr(spark_jvm, "_PENDING", {})
    monkeypatch.setattr(spark_jvm, "_COMPLETED", [True])
    monkeypatch.setattr(spark_jvm.atexit, "register", lambda function: None)  # never at this test run's exit
    return {"java": java, "jars": jars, "cache": tmp_path / "cache" / "spark-classes"}


def _option(options, name):
    """The value of ``-XX:<name>=`` in an options string, else None."""
    return next((item.split("=", 1)[1] for item in options.split() if item.startswith(f"-XX:{name}=")), None)


def test_first_run_writes_an_archive_at_exit_under_a_temporary_name(installation):
    options = spark_jvm.driver_java_options({})
    temporary = _option(options, "ArchiveClassesAtExit")
    assert spark_jvm.QUICK_COMPILER in options and "-XX:+VerifySharedSpaces" in options
    assert temporary.endswith(f".{os.getpid()}.tmp") and Path(temporary).parent == installation["cache"]
    assert _option(options, "SharedArchiveFile") is None
    assert "-Xlog:all=warning:stderr" in options  # JVM warnings never reach the command's JSON on stdout


def test_a_finished_archive_is_kept_under_its_size_and_then_mapped(installation):
    temporary = Path(_option(spark_jvm.driver_java_options({}), "ArchiveClassesAtExit"))
    temporary.write_bytes(b"x" * 1234)
    final = spark_jvm._PENDING.pop(temporary)
    spark_jvm._keep_or_drop(temporary, final, 0)
    kept = installation["cache"] / f"{final.name}-1234.jsa"
    assert kept.exists() and not temporary.exists()
    assert _option(spark_jvm.driver_java_options({}), "SharedArchiveFile") == str(kept)


@pytest.mark.parametrize("code", [1, None])
def test_an_archive_from_a_jvm_that_failed_is_deleted(installation, code):
    temporary = Path(_option(spark_jvm.driver_java_options({}), "ArchiveClassesAtExit"))
    temporary.write_bytes(b"partial")
    spark_jvm._keep_or_drop(temporary, spark_jvm._PENDING.pop(temporary), code)
    assert list(installation["cache"].iterdir()) == []


def test_the_archive_of_a_run_that_did_not_complete_is_deleted(installation, monkeypatch):
    """It would hold only the classes loaded before the run stopped, and every later run would map it."""
    monkeypatch.setattr(spark_jvm, "_COMPLETED", [])
    temporary = Path(_option(spark_jvm.driver_java_options({}), "ArchiveClassesAtExit"))
    temporary.write_bytes(b"x" * 10)
    monkeypatch.setattr(spark_jvm, "_PENDING", {temporary: installation["cache"] / "key"})
    pyspark = pytest.importorskip("pyspark")
    monkeypatch.setattr(pyspark.SparkContext, "_gateway", None)  # never stop the JVM other tests share
    spark_jvm.finish_class_archive()
    assert list(installation["cache"].iterdir()) == []


def test_a_truncated_archive_is_never_mapped(installation):
    """A JVM that maps a truncated archive crashes (SIGBUS), so the size in the name must match."""
    key = spark_jvm._archive_key({})
    installation["cache"].mkdir(parents=True)
    (installation["cache"] / f"{key}-5000.jsa").write_bytes(b"x" * 4000)
    options = spark_jvm.driver_java_options({})
    assert _option(options, "SharedArchiveFile") is None
    assert _option(options, "ArchiveClassesAtExit") is not None


def test_a_new_java_or_spark_gets_a_new_archive(installation):
    before = spark_jvm._archive_key({})
    (installation["jars"] / "extra.jar").write_bytes(b"another jar")
    assert spark_jvm._archive_key({}) != before


@pytest.mark.parametrize("settings, expected", [
    ({"spark.driver.extraJavaOptions": "-Xmx8g"}, None),
    ({"spark.jars": "/opt/extra.jar"}, spark_jvm.QUICK_COMPILER),
    ({"spark.driver.extraClassPath": "/opt/lib/*"}, spark_jvm.QUICK_COMPILER),
])
def test_own_java_options_or_jars_turn_the_archive_off(installation, settings, expected):
    assert spark_jvm.driver_java_options(settings) == expected
    assert spark_jvm._PENDING == {}


def test_the_switch_turns_the_archive_off(installation, monkeypatch):
    monkeypatch.setenv(spark_jvm.SWITCH_ENV, "off")
    assert spark_jvm.driver_java_options({}) == spark_jvm.QUICK_COMPILER
    assert not installation["cache"].exists()


def test_temporary_archives_of_finished_processes_are_removed(installation):
    installation["cache"].mkdir(parents=True)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                          check=True)
    abandoned = installation["cache"] / f"key.{dead.stdout.strip()}.tmp"
    running = installation["cache"] / f"key.{os.getppid()}.tmp"
    abandoned.write_bytes(b"x")
    running.write_bytes(b"x")
    spark_jvm.driver_java_options({})
    assert not abandoned.exists() and running.exists()


def test_drop_archive_deletes_the_mapped_archive(tmp_path):
    archive = tmp_path / "k-3.jsa"
    archive.write_bytes(b"abc")
    assert spark_jvm.drop_archive(f"-XX:TieredStopAtLevel=1 -XX:SharedArchiveFile={archive}")
    assert not archive.exists()
    assert not spark_jvm.drop_archive("-XX:TieredStopAtLevel=1")


def test_spark_score_keeps_the_archive_and_the_next_run_maps_it(tiny_model_dir, tmp_path):
    """Two real runs: the first leaves one sound archive and no temporary file; the second starts from it."""
    pytest.importorskip("pyspark")
    source = tmp_path / "logs.csv"
    pd.DataFrame({"incident_id": ["A1", "A2"], "narrative": ["Male punched the caller, cut lip.",
                                                             "Lost purse in town."]}).to_csv(source, index=False)
    env = {**os.environ, spark_jvm.SWITCH_ENV: "on", spark_jvm.CACHE_ENV: str(tmp_path / "cache"),
           "PYTHONPATH": os.pathsep.join([str(Path(__file__).resolve().parents[2]), os.environ.get("PYTHONPATH", "")])}
    summaries = []
    for run in (1, 2):
        done = subprocess.run([sys.executable, "-m", "classifier", "spark-score", str(source), "-o",
                               str(tmp_path / f"out{run}.csv"), "-m", str(tiny_model_dir), "--master", "local[1]",
                               "-v"], capture_output=True, text=True, env=env, timeout=300, check=False)
        assert done.returncode == 0, done.stderr[-2000:]
        summaries.append(json.loads(done.stdout.strip().splitlines()[-1]))
        archives = sorted((tmp_path / "cache" / "spark-classes").iterdir())
        assert [path.suffix for path in archives] == [".jsa"]  # one archive, no temporary file left
        assert archives[0].stat().st_size == int(archives[0].stem.rsplit("-", 1)[1])
    assert "mapping Spark's classes" in done.stderr
    assert summaries[0]["rows_scored"] == summaries[1]["rows_scored"] == 2


def test_a_jvm_that_cannot_start_with_the_archive_starts_without_it(tmp_path, monkeypatch):
    pyspark = pytest.importorskip("pyspark")
    from classifier.scoring import spark

    archive = tmp_path / "k-3.jsa"
    archive.write_bytes(b"abc")
    monkeypatch.setattr(pyspark.SparkContext, "_gateway", None)
    monkeypatch.setattr(spark_jvm, "driver_java_options", lambda settings: f"-XX:SharedArchiveFile={archive}")
    started = []

    def build(session_class, master, settings):
        started.append(settings["spark.driver.extraJavaOptions"])
        if len(started) == 1:
            raise RuntimeError("[JAVA_GATEWAY_EXITED] Java gateway process exited before sending its port number.")
        return "session"

    monkeypatch.setattr(spark, "_build", build)
    assert spark.spark_session(master="local[1]") == "session"
    assert started == [f"-XX:SharedArchiveFile={archive}", spark_jvm.QUICK_COMPILER] and not archive.exists()


def test_spark_that_cannot_start_says_what_to_check(monkeypatch):
    pyspark = pytest.importorskip("pyspark")
    from classifier.errors import EngineError
    from classifier.scoring import spark

    monkeypatch.setattr(pyspark.SparkContext, "_gateway", None)
    monkeypatch.setattr(spark_jvm, "driver_java_options", lambda settings: spark_jvm.QUICK_COMPILER)

    def build(session_class, master, settings):
        raise RuntimeError("[JAVA_GATEWAY_EXITED] Java gateway process exited before sending its port number.\nmore")

    monkeypatch.setattr(spark, "_build", build)
    with pytest.raises(EngineError, match=r"^Spark could not start \(\[JAVA_GATEWAY_EXITED\] .* port number\)\. "
                                          r"It needs Java 17 or later: check that `java -version` works"):
        spark.spark_session(master="local[1]")
