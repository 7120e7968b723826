"""Spark datasets for ``classifier.scoring.spark``: reading inputs as crimerec reads files, writing, publishing.

Inputs are read with Spark's own readers, CSV with the options that make it read as ``crimerec
score`` reads it. The scored rows and the rejects are written beside their targets, read back and
counted, and moved into place only when rows read = scored + rejected.
"""

import logging
import uuid

import pandas as pd

from classifier.data import REJECT_COLUMNS, neutralise_formulas
from classifier.data.validation import KEPT_ENDING
from classifier.errors import InputFileError, ReconciliationError, SchemaError
from classifier.scoring import executor as _executor
from classifier.scoring.executor import CORRUPT, ROW

__all__ = []

logger = logging.getLogger(__name__)

# ---- reading ---------------------------------------------------------------------------------------


def read_input(session, input, input_format, encoding):
    """Read the input with Spark; return (DataFrame, the file's column names)."""
    try:
        if input_format == "csv":
            return _read_csv(session, str(input), encoding or "UTF-8")
        if encoding is not None and input_format == "parquet":
            raise InputFileError(f"--encoding {encoding} was given, but it only applies to CSV and JSON Lines; "
                                 "Parquet text is always UTF-8. Leave out --encoding.")
        if input_format == "jsonl":
            options = {"encoding": encoding or "UTF-8", "columnNameOfCorruptRecord": CORRUPT}
            frame = session.read.options(**options).json(str(input))
        else:
            frame = session.read.parquet(str(input))
    except Exception as error:  # py4j raises its own types; the message is what matters
        if isinstance(error, (InputFileError, SchemaError)):
            raise
        raise InputFileError(f"Spark cannot read {input} as {input_format}: {str(error).splitlines()[0]}") from None
    return frame, [name for name in frame.columns if name != CORRUPT]


def _read_csv(session, path, encoding):
    """CSV as ``crimerec score`` reads it: a header, text cells, quoted line breaks, ``""`` inside quotes."""
    from pyspark.sql.types import StringType, StructField, StructType

    options = {"header": "true", "multiLine": "true", "escape": '"', "encoding": encoding, "mode": "PERMISSIVE"}
    columns = session.read.options(**options).csv(path).columns
    columns = [name.removeprefix("\ufeff") for name in columns]
    schema = StructType([StructField(name, StringType()) for name in columns] + [StructField(CORRUPT, StringType())])
    frame = session.read.options(**options, columnNameOfCorruptRecord=CORRUPT, enforceSchema="true") \
        .schema(schema).csv(path)
    return frame, columns


def refuse_existing(session, *paths):
    """Raise SchemaError if an output dataset already exists (Spark datasets are never overwritten)."""
    for path in paths:
        fs, hadoop_path = _hadoop_path(session, path)
        if fs.exists(hadoop_path):
            raise SchemaError(f"{path} already exists; scoring never overwrites a dataset. Choose another "
                              "path or delete it first.")


def _hadoop_path(session, path):
    """``(FileSystem, Path)`` of the JVM for ``path``, from the session's Hadoop configuration."""
    jvm_path = session._jvm.org.apache.hadoop.fs.Path(str(path))
    return jvm_path.getFileSystem(session._jsc.hadoopConfiguration()), jvm_path


# ---- writing, reconciling, publishing --------------------------------------------------------------------


def write_and_publish(session, result, output, output_format, rejects, rejects_format, *, rows_read, source):
    """Write both datasets beside their targets, count them back, reconcile, then move them into place."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    token = uuid.uuid4().hex[:12]
    staged = {path: f"{str(path).rstrip('/')}.crimerec-tmp-{token}" for path in (output, rejects)}
    result = result.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        scored = result.filter(F.col(_executor.REJECT_REASON).isNull()).select(*_output_columns(result, output_format))
        rejected = result.filter(F.col(_executor.REJECT_REASON).isNotNull()).select(
            F.col(_executor.SOURCE).alias("source"), F.col(ROW).alias("row"),
            F.col(_executor.REJECT_COLUMN).alias("column"), F.col(_executor.REJECT_REASON).alias("reason"),
            F.col(_executor.REJECT_ID).alias("incident_id"), F.col(_executor.REJECT_LINE).alias("line")) \
            .coalesce(1).sortWithinPartitions("source", "row", "line").drop("line")
        _write(scored, staged[output], output_format)
        logger.info("scored rows written")
        _write(rejected, staged[rejects], rejects_format)
        counts = _count_written(session, staged[output], output_format, staged[rejects], rejects_format,
                                scored.columns)
        logger.info("rejects written and both datasets counted back")
        _reconcile(counts, rows_read, source)
        for path in (rejects, output):
            _rename(session, staged[path], path)
    finally:
        result.unpersist()
        for path in staged.values():
            fs, hadoop_path = _hadoop_path(session, path)
            if fs.exists(hadoop_path):
                fs.delete(hadoop_path, True)
    return counts


def _output_columns(result, output_format):
    """Input and score columns (no trailer); CSV column names neutralised as ``crimerec score`` does."""
    from pyspark.sql import functions as F

    names = [name for name in result.columns if name not in _executor.TRAILER]
    written = list(neutralise_formulas(pd.DataFrame(columns=names)).columns) if output_format == "csv" else names
    return [F.col(f"`{name}`").alias(alias) for name, alias in zip(names, written)]


def _write(frame, path, file_format):
    """Write a dataset: CSV with a header and RFC 4180 quoting, JSON Lines keeping nulls, or Parquet."""
    writer = frame.write.mode("errorifexists")
    if file_format == "csv":
        # Spark's CSV writer trims cells unless told not to; crimerec keeps every cell's text.
        writer.options(header="true", escape='"', quote='"', encoding="UTF-8", ignoreLeadingWhiteSpace="false",
                       ignoreTrailingWhiteSpace="false").csv(path)
    elif file_format == "jsonl":
        writer.option("ignoreNullFields", "false").json(path)
    else:
        writer.parquet(path)


def _count_written(session, output, output_format, rejects, rejects_format, columns):
    """Rows and discrepancy counts of the written datasets, read back from storage.

    ``columns`` are the scored dataset's column names as written: with them the datasets are read
    back with a schema, so counting them costs one read each (no pass to infer a schema).
    """
    from pyspark.sql import functions as F

    written = _read_back(session, output, output_format, columns)
    if "discrepancy" in columns:
        by_kind = {row["discrepancy"]: row["count"] for row in written.groupBy("discrepancy").count().collect()}
        scored = sum(by_kind.values())
        discrepancies = {str(kind): count for kind, count in sorted(by_kind.items(), key=str) if kind}
    else:
        scored, discrepancies = written.count(), {}
    # A rejects line ending as kept lists a value left empty on a row that was scored (strict=False).
    kept = F.col("reason").endswith(KEPT_ENDING)
    lines = {row["kept"]: row["count"] for row in
             _read_back(session, rejects, rejects_format, list(REJECT_COLUMNS)).groupBy(kept.alias("kept")).count()
             .collect()}
    return {"scored": scored, "rejected": lines.get(False, 0), "emptied": lines.get(True, 0),
            "discrepancies": discrepancies}


def _read_back(session, path, file_format, columns):
    """A written dataset with columns ``columns``, read as its format is written (text columns for counting).

    A CSV line is read whole, so every column is named; a JSON Lines reader needs only the
    columns counted (``discrepancy``, ``reason``), else the first.
    """
    from pyspark.sql.types import StringType, StructField, StructType

    if file_format == "parquet":
        return session.read.parquet(path)
    if file_format == "jsonl":
        wanted = [name for name in columns if name in ("discrepancy", "reason")] or columns[:1]
        return session.read.schema(StructType([StructField(name, StringType()) for name in wanted])).json(path)
    schema = StructType([StructField(name, StringType()) for name in columns])
    return session.read.options(header="true", multiLine="true", escape='"', ignoreLeadingWhiteSpace="false",
                                ignoreTrailingWhiteSpace="false").schema(schema).csv(path)


def _reconcile(counts, rows_read, source):
    """Raise ReconciliationError unless rows read = rows written as scored + rows written as rejected."""
    accounted = counts["scored"] + counts["rejected"]
    if accounted != rows_read:
        raise ReconciliationError(
            f"{source}: {rows_read:,} rows read but {counts['scored']:,} scored and {counts['rejected']:,} rejected "
            f"were written, so {rows_read - accounted:,} rows are unaccounted for. Nothing was moved into place. "
            "This is a crimerec bug; please report it.")


def _rename(session, source, target):
    """Move a finished dataset into place (a rename on HDFS and local disks; a copy on S3)."""
    fs, source_path = _hadoop_path(session, source)
    _, target_path = _hadoop_path(session, target)
    parent = target_path.getParent()
    if parent is not None and not fs.exists(parent):
        fs.mkdirs(parent)
    if not fs.rename(source_path, target_path):
        raise InputFileError(f"Could not move the finished dataset {source} to {target}; it is left in place.")
