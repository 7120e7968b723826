"""Score incident logs on Apache Spark (``spark_score``): Spark datasets in, Spark datasets out.

The driver reads the input with Spark's own readers (so any path the session's Hadoop
configuration reaches: a local folder, HDFS, S3), numbers every row as ``crimerec score`` does,
finds repeated incident ids across the whole file (``classifier.scoring.spark_rows``), and hands
equal, ordered partitions to
``classifier.scoring.executor.score_partition``, which validates and scores them with the code of
``crimerec score``. Scored and rejected rows are written as two datasets, counted back from what
was written, and only then moved into place (``classifier.scoring.spark_io``). docs/SCALE_OUT.md
describes running it on a cluster.
"""

import contextlib
import functools
import hashlib
import json
import logging
import os
import sys
import time
import warnings
from concurrent.futures import Future
from dataclasses import asdict, dataclass, field

import pandas as pd

from classifier.data import MAX_TEXT_CHARS, SCORE_COLUMNS, check_columns, plan_renames
from classifier.data.dates import check_date_format
from classifier.errors import EngineError, InputFileError, SchemaError
from classifier.scoring import executor as _executor
from classifier.scoring import spark_io as _io
from classifier.scoring import spark_jvm as _jvm
from classifier.scoring import spark_rows as _rows
from classifier.scoring.executor import ROW
from classifier.scoring.frame import _check_frame, _check_threshold
from classifier.scoring.run import default_model_path

__all__ = ["SparkScoreSummary", "parse_conf", "spark_score", "spark_session", "start_session"]

logger = logging.getLogger(__name__)

INSTALL_HINT = "pip install 'crimerec[spark]'"
_FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".parquet": "parquet",
            ".pq": "parquet"}
_ARROW_BATCH = "spark.sql.execution.arrow.maxRecordsPerBatch"
# Rows per Arrow batch handed to score_partition. Five times crimerec score's chunks: every batch
# costs Spark's Python runner a fixed amount, and on 100,000 logs in local[2] batches of 10,000
# took about 5 s off 48 s (four alternated runs each; crimerec score itself gains nothing from
# larger chunks). A batch of 10,000 logs holds about 6 MB of text in and out of Python.
ARROW_ROWS = 10_000
# pyspark warns on import that it is not yet tested with pandas 3; the tests here are what counts.
_PANDAS_WARNING = "PySpark does not yet fully support pandas"


@dataclass(frozen=True)
class SparkScoreSummary:
    """What ``spark_score`` did; the counts are read back from the written datasets.

    ``values_emptied`` counts the values of kept rows that could not be read (``strict=False``);
    they are listed in the rejects but their rows are scored, as with ``crimerec score``.
    """

    rows_read: int
    rows_scored: int
    rows_rejected: int
    seconds: float
    rows_per_second: float
    discrepancies: dict = field(default_factory=dict)
    output: str = ""
    rejects: str = ""
    files: int = 0
    partitions: int = 0
    master: str = ""
    values_emptied: int = 0

    def to_dict(self):
        """Return the summary as a JSON-ready dict."""
        return asdict(self)


def parse_conf(items):
    """Turn ``KEY=VALUE`` items (the CLI's ``--conf``) into a dict of Spark settings.

    Examples
    --------
    >>> parse_conf(["spark.executor.memory=4g", "spark.sql.shuffle.partitions=8"])
    {'spark.executor.memory': '4g', 'spark.sql.shuffle.partitions': '8'}
    """
    settings = {}
    for item in items:
        key, sign, value = str(item).partition("=")
        if not sign or not key.strip():
            raise SchemaError(f"--conf takes KEY=VALUE, e.g. --conf spark.executor.memory=4g; got {item!r}.")
        settings[key.strip()] = value.strip()
    return settings


def spark_session(*, master=None, conf=None):
    """Return the active Spark session, or start one (``local[*]`` unless ``master`` says otherwise).

    Parameters
    ----------
    master : str or None, default=None
        Spark master URL, e.g. ``local[2]``, ``yarn``, ``spark://host:7077``; None keeps the
        active session's, else ``local[*]``.
    conf : dict of str to str or None, default=None
        Spark settings, e.g. ``{"spark.executor.memory": "4g"}``.

    Raises
    ------
    EngineError
        pyspark is not installed (``pip install 'crimerec[spark]'``), or Spark cannot start
        (no Java 17+, a bad setting). It is an ImportError.
    """
    try:
        from pyspark.sql import SparkSession
    except ImportError as error:
        raise EngineError(f"Scoring on Spark needs pyspark, which is not installed: {INSTALL_HINT}.") from error
    from pyspark import SparkContext

    settings = dict(conf or {})
    master = master or settings.pop("spark.master", None) or "local[*]"
    if master.startswith("local"):
        # Java options only apply to a JVM not started yet (a notebook's session already has one).
        options = _jvm.driver_java_options(settings) if SparkContext._gateway is None else None
        settings = {**_local_settings(master), **settings}
        if options:
            settings["spark.driver.extraJavaOptions"] = options
        if "spark.pyspark.python" not in settings:
            # Local Python workers run this interpreter, so they import the same crimerec as the driver.
            # (pyspark reads the worker's interpreter from PYSPARK_PYTHON when the context starts.)
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    try:
        return _build(SparkSession, master, settings)
    except Exception as error:  # noqa: BLE001 - py4j and pyspark raise their own types; the first line tells
        if not _jvm.drop_archive(settings.get("spark.driver.extraJavaOptions")):
            raise _start_error(error) from None
    try:
        return _build(SparkSession, master, {**settings, "spark.driver.extraJavaOptions": _jvm.QUICK_COMPILER})
    except Exception as error:  # noqa: BLE001 - as above
        raise _start_error(error) from None


def _start_error(error):
    """EngineError for a session that could not start (most often: no Java, or a bad --conf value)."""
    first = str(error).strip().splitlines()[0].rstrip(".") if str(error).strip() else type(error).__name__
    return EngineError(f"Spark could not start ({first}). It needs Java 17 or later: check that `java -version` "
                       "works or set JAVA_HOME, and check any --conf values.")


def _build(session_class, master, settings):
    """``getOrCreate`` a session named for crimerec with ``master`` and ``settings``."""
    builder = session_class.builder.appName("crimerec spark-score").master(master)
    for key, value in settings.items():
        builder = builder.config(key, str(value))
    return builder.getOrCreate()


def _local_settings(master):
    """Defaults for a local session: no web UI or console progress bar, as many shuffle partitions as cores.

    The UI and the progress bar cost a local run time and print over the command's output; Spark's
    default of 200 shuffle partitions makes 200 tiny tasks for every aggregation of a local run.
    Python workers are forked from ``classifier.scoring.spark_daemon``, which imports the scoring
    code once for all of them.
    The driver JVM's options come from ``classifier.scoring.spark_jvm``.
    """
    inside = master.removeprefix("local").strip("[]").split(",")[0]
    cores = int(inside) if inside.isdigit() else 1 if master == "local" else os.cpu_count() or 1
    return {"spark.ui.enabled": "false", "spark.ui.showConsoleProgress": "false",
            "spark.sql.shuffle.partitions": str(cores), "spark.python.daemon.module": "classifier.scoring.spark_daemon"}


def spark_score(
    input,  # noqa: A002 - the CLI's INPUT argument
    output,
    *,
    model=None,
    rejects=None,
    mapping=None,
    format=None,  # noqa: A002 - matches the --format option
    output_format=None,
    encoding=None,
    threshold=None,
    max_text_chars=MAX_TEXT_CHARS,
    date_format=None,
    strict=True,
    partitions=None,
    spark=None,
    master=None,
    conf=None,
):
    """Score incident logs on Spark and write the scored rows and the rejects as two datasets.

    The output has the columns and values of ``crimerec score`` on the same file: every input
    column as read, then ``p_should_record``, ``predicted_should_record``, ``predicted_category``,
    ``p_domestic_abuse``, ``evidence`` and, when there is ``recorded``, ``discrepancy``. Rows are
    validated with the same checks (duplicate incident ids across the whole of each file) and
    rejected rows go to ``rejects`` with ``source``, ``row``, ``column``, ``reason``,
    ``incident_id``. Part files, taken in name order, hold the rows in input order.

    Parameters
    ----------
    input : str
        A file or a folder of files, as Spark paths (``/data/x.csv``, ``hdfs:///exports/``,
        ``s3a://bucket/exports/``), all CSV, JSON Lines or Parquet.
    output : str
        The scored dataset to write (a folder); it must not exist yet.
    model : str, path-like or None, default=None
        A model directory on the driver; None uses ``default_model_path()``. Its files are
        broadcast to the executors, which check its SHA-256 before loading it.
    rejects : str or None, default=None
        The rejects dataset; None writes ``<output name>.rejects.csv`` beside the output.
        Its format comes from its extension (CSV when it has none).
    mapping : dict of str to str or None, default=None
        Contract column -> the file's column name; the output keeps the file's names.
    format : {'csv', 'jsonl', 'parquet'} or None, default=None
        Input format; None decides from the input's extension.
    output_format : {'csv', 'jsonl', 'parquet'} or None, default=None
        Output format; None decides from the output's extension, else the input format.
    encoding : str or None, default=None
        Text encoding of CSV or JSON Lines input; None means UTF-8.
    threshold : float or None, default=None
        Operating threshold for ``predicted_should_record``; None uses the model's.
    max_text_chars : int, default=100_000
        Longest allowed text value; longer ones reject their row.
    date_format : None, 'dayfirst' or str, default=None
        How ``reported_at`` is written (``classifier.data.dates``); None is ISO 8601.
    strict : bool, default=True
        False scores a row whose yes/no value or date cannot be read, with that value empty,
        and lists the value in the rejects (worded as kept); True rejects the row. As for
        ``score_file``.
    partitions : int or None, default=None
        Scoring partitions; None uses enough for every core and at most 100,000 rows each.
    spark : pyspark.sql.SparkSession, Future or None, default=None
        The session to use (a notebook's), or a ``Future`` of one from ``start_session``; None
        starts one with ``spark_session(master=, conf=)`` that logs only Spark's errors.
    master, conf
        Passed to ``spark_session`` when ``spark`` is None.

    Returns
    -------
    SparkScoreSummary

    Raises
    ------
    EngineError
        pyspark is not installed, or Spark cannot start (an ImportError).
    InputFileError, SchemaError
        The input cannot be read, does not follow the data contract, or an output exists.
    ReconciliationError
        Rows read differ from rows scored plus rows rejected; nothing is moved into place.

    Examples
    --------
    >>> summary = spark_score("exports/", "scored.parquet", master="local[2]")  # doctest: +SKIP
    >>> summary.rows_read == summary.rows_scored + summary.rows_rejected  # doctest: +SKIP
    True
    """
    started = time.perf_counter()
    input_format = _path_format(input, format, what="input")
    output_format = _path_format(output, output_format, what="output", default=input_format)
    rejects = rejects or _default_rejects(output)
    rejects_format = _path_format(rejects, None, what="rejects", default="csv")
    files, sha256 = _model_files(model)
    threshold = _check_threshold(threshold)
    date_format = check_date_format(date_format)
    session = _session_for_run(spark, master, conf)
    with warnings.catch_warnings(), _sql_settings(session, {_ARROW_BATCH: str(ARROW_ROWS)}):
        warnings.filterwarnings("ignore", message=_PANDAS_WARNING, category=FutureWarning)
        _io.refuse_existing(session, output, rejects)
        model_files = session.sparkContext.broadcast(files)
        warming = _warm_workers(session, model_files, sha256)
        raw, columns = _io.read_input(session, input, input_format, encoding)
        renames = _check_input(columns, mapping, input)
        id_column = {contract: name for name, contract in renames.items()}.get("incident_id", "incident_id")
        numbered, rows_read, sources = _rows.number_rows(session, raw, id_column)
        logger.info("%s rows in %s files numbered after %.1f s", rows_read, len(sources), time.perf_counter() - started)
        job = _executor.Job(model_files=model_files, model_sha256=sha256,
                            threshold=threshold, input_columns=tuple(columns), renames=renames, sources=sources,
                            output_format=output_format, rejects_format=rejects_format,
                            input_format=input_format, max_text_chars=max_text_chars, id_column=id_column,
                            date_format=date_format, strict=bool(strict))
        n_partitions = partitions or _rows.default_partitions(session, rows_read)
        ordered = _rows.split_in_order(numbered, n_partitions, rows_read)
        schema = _output_schema(raw, columns, "recorded" in renames.values() or "recorded" in columns)
        result = ordered.mapInPandas(functools.partial(_executor.score_partition, job), schema)
        counts = _io.write_and_publish(session, result, output, output_format, rejects, rejects_format,
                                        rows_read=rows_read, source=str(input))
        if warming is not None:
            warming.join()
    _jvm.run_completed()
    seconds = time.perf_counter() - started
    return SparkScoreSummary(rows_read=rows_read, rows_scored=counts["scored"], rows_rejected=counts["rejected"],
                             seconds=round(seconds, 3), rows_per_second=round(rows_read / seconds, 1),
                             discrepancies=counts["discrepancies"], output=str(output), rejects=str(rejects),
                             files=len(sources), partitions=n_partitions, master=session.sparkContext.master,
                             values_emptied=counts["emptied"])


def _session_for_run(spark, master, conf):
    """The session given, the session a ``Future`` from ``start_session`` gives, or a new one of our own."""
    if isinstance(spark, Future):
        return spark.result()
    return spark if spark is not None else _own_session(master, conf)


def start_session(master=None, conf=None):
    """Start a session for ``spark_score`` in a background thread; return a ``Future`` of it.

    Launching Spark's JVM takes 2–3 s; ``crimerec spark-score`` meanwhile finds the model and
    reads the force profile, and passes the future as ``spark_score(spark=)``. The session
    logs only Spark's errors (see ``_own_session``).
    """
    from concurrent.futures import ThreadPoolExecutor

    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="crimerec-spark-start")
    future = pool.submit(_own_session, master, conf)
    pool.shutdown(wait=False)
    return future


def _own_session(master, conf):
    """A session for this run, logging only Spark's errors (its warnings print Java stack traces for a missing
    path, which crimerec reports in one line), unless ``--conf`` sets a log level."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=_PANDAS_WARNING, category=FutureWarning)
        session = spark_session(master=master, conf=conf)
    if not any(key.startswith("spark.log") for key in (conf or {})):
        session.sparkContext.setLogLevel("ERROR")
    return session


def _warm_workers(session, model_files, sha256):
    """On a local master, start a Python worker with the model loaded while the driver reads the input; else None.

    Reading a CSV with quoted line breaks, numbering its rows and finding repeated ids keep one
    core busy for several seconds before scoring starts. A one-task job (``executor.warm_worker``)
    uses another core meanwhile to start Spark's Python daemon, which imports the scoring code
    for every worker it forks (``classifier.scoring.spark_daemon``), and one worker, which loads
    the model and which Spark reuses for scoring. (One task, not one per core: tasks of a job
    started first hold their cores, and the input's reading would wait for them.) Returns the
    thread running the job. Its failure is only logged: scoring loads the model itself and
    reports any problem.
    """
    import threading

    if not session.sparkContext.master.startswith("local"):
        return None
    job = session.range(1, numPartitions=1).mapInPandas(
        functools.partial(_executor.warm_worker, model_files, sha256), "rows long")

    def run():
        try:
            job.collect()
        except Exception as error:  # noqa: BLE001 - a warm-up; scoring reports real problems
            logger.info("warming a Python worker failed (%s); scoring loads the model itself",
                        str(error).splitlines()[0] if str(error) else type(error).__name__)

    thread = threading.Thread(target=run, name="crimerec-warm-worker", daemon=True)
    thread.start()
    return thread


# ---- checking the arguments ----------------------------------------------------------------------


def _path_format(path, given, *, what, default=None):
    """The format given, else from the path's extension (``.csv.gz`` counts as ``.csv``), else ``default``."""
    if given is not None:
        if given not in ("csv", "jsonl", "parquet"):
            raise SchemaError(f"{what} format must be one of 'csv', 'jsonl', 'parquet'; got {given!r}.")
        return given
    name = str(path).rstrip("/").rsplit("/", 1)[-1].lower().removesuffix(".gz")
    suffix = "." + name.rsplit(".", 1)[-1] if "." in name else ""
    if suffix in _FORMATS:
        return _FORMATS[suffix]
    if default is None:
        raise InputFileError(f"Cannot tell the format of the {what} {path!s} from its name; add --format "
                             "csv, jsonl or parquet.")
    return default


def _default_rejects(output):
    """``.../scored.csv`` -> ``.../scored.rejects.csv`` (a Spark path, so plain text, not ``Path``)."""
    text = str(output).rstrip("/")
    head, _, name = text.rpartition("/")
    stem = name.removesuffix(".gz")
    stem = stem.rsplit(".", 1)[0] if "." in stem and "." + stem.rsplit(".", 1)[-1].lower() in _FORMATS else stem
    return f"{head}/{stem}.rejects.csv" if head else f"{stem}.rejects.csv"


def _model_files(model):
    """``({file name: bytes}, SHA-256)`` of a model directory, its artefact checked against its card."""
    from pathlib import Path

    from classifier.errors import ChecksumError, ModelLoadError

    directory = Path(model) if model is not None else default_model_path()
    try:
        files = {path.name: path.read_bytes() for path in sorted(directory.iterdir()) if path.is_file()}
        card = json.loads(files["model_card.json"])
    except (OSError, KeyError, ValueError) as error:
        raise ModelLoadError(f"{directory} is not a readable crimerec model directory ({error}); pass the "
                             "directory that holds model.joblib and model_card.json.") from error
    actual = hashlib.sha256(files.get("model.joblib", b"")).hexdigest()
    if card.get("sha256") != actual:
        raise ChecksumError(f"{directory}/model.joblib does not match its model card (SHA-256 {actual}, the card "
                            f"says {card.get('sha256')!r}), so it was not sent to the executors.")
    return files, actual


def _check_input(columns, mapping, input):
    """Check the file's columns against the contract and the mapping; return the renames."""
    source = str(input).rstrip("/").rsplit("/", 1)[-1]
    renames = plan_renames(columns, mapping or {}, source=source)
    named = [renames.get(name, name) for name in columns]
    check_columns(named, source=source)
    _check_frame(pd.DataFrame(columns=named), source=source)
    clashing = [column for column in renames if column in SCORE_COLUMNS]
    if clashing:
        raise SchemaError(f"Column {clashing[0]!r} of {source} (mapped to {renames[clashing[0]]}) has the name of "
                          "a column that scoring adds, so the output would hold two columns of that name. Rename "
                          "that column before scoring.")
    return renames


@contextlib.contextmanager
def _sql_settings(session, settings):
    """Set Spark SQL settings for the duration of a run, then put back what the session had."""
    before = {key: session.conf.get(key, None) for key in settings}
    for key, value in settings.items():
        session.conf.set(key, value)
    try:
        yield
    finally:
        for key, value in before.items():
            if value is None:
                session.conf.unset(key)
            else:
                session.conf.set(key, value)


# ---- the output ------------------------------------------------------------------------------------


def _output_schema(raw, columns, has_recorded):
    """The schema ``score_partition`` returns: input columns as read, scores, then the trailer."""
    from pyspark.sql.types import BooleanType, DoubleType, LongType, StringType, StructField, StructType

    fields = [raw.schema[name] for name in columns]
    scores = [("p_should_record", DoubleType()), ("predicted_should_record", BooleanType()),
              ("predicted_category", StringType()), ("p_domestic_abuse", DoubleType()), ("evidence", StringType())]
    if has_recorded:
        scores.append(("discrepancy", StringType()))
    trailer = [(ROW, LongType())] + [(name, StringType()) for name in _executor.TRAILER[1:-1]] \
        + [(_executor.REJECT_LINE, LongType())]
    return StructType(fields + [StructField(name, kind) for name, kind in scores + trailer])
