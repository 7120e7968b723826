"""Rows for ``classifier.scoring.spark``: numbered in their files, repeated ids marked, split evenly in order.

Spark reads a file in blocks and partitions; these functions give every row the row number
``crimerec score`` would give it, find where each repeated incident id first appears in its file,
and hand the rows to the scoring partitions in equal runs of (file, row), so the part files, taken
in name order, hold the rows in input order.
"""

import math

from classifier.scoring.executor import CORRUPT, FILE, FIRST_ROW, ROW

__all__ = []

_BLOCK, _MID, _BASE, _START = "_crimerec_block", "_crimerec_mid", "_crimerec_base", "_crimerec_start"
_KEY = "_crimerec_partition_key"
_ROWS_PER_PARTITION = 100_000  # at most, by default; enough partitions to keep every core busy


def number_rows(session, raw):
    """Give every row its 1-based row number in its file; return (frame, rows read, file -> source name).

    Spark reads a file in blocks (a CSV with quoted line breaks in one). Within a partition the
    rows of a block are consecutive, so a row's number is its block's offset in the file plus its
    position in the block, found from one small aggregation of row counts per block.
    """
    from pyspark.sql import functions as F

    tagged = raw.withColumn(FILE, F.input_file_name()).withColumn(_BLOCK, F.input_file_block_start()) \
        .withColumn(_MID, F.monotonically_increasing_id())
    blocks = tagged.groupBy(FILE, _BLOCK).agg(F.min(_MID).alias("first"), F.count(F.lit(1)).alias("rows")) \
        .orderBy(FILE, _BLOCK).collect()
    bases, offsets = [], {}
    for block in blocks:
        offset = offsets.get(block[FILE], 0)
        bases.append((block[FILE], block[_BLOCK], offset + 1 - block["first"]))
        offsets[block[FILE]] = offset + block["rows"]
    # Where each file starts among all rows read (files in name order), for splitting them evenly.
    starts, total = {}, 0
    for name in sorted(offsets):
        starts[name], total = total, total + offsets[name]
    schema = f"{FILE} string, {_BLOCK} long, {_BASE} long, {_START} long"
    table = F.broadcast(session.createDataFrame([(*base, starts[base[0]]) for base in bases], schema))
    numbered = tagged.join(table, [FILE, _BLOCK]).withColumn(ROW, F.col(_MID) + F.col(_BASE)).drop(_BLOCK, _MID, _BASE)
    return numbered, total, _source_names(sorted(offsets))


def _source_names(files):
    """File URI -> the name written in ``source``: the file name, or its path below the input folder."""
    from urllib.parse import unquote

    if len(files) == 1:
        return {files[0]: unquote(files[0].rsplit("/", 1)[-1])}
    prefix = files[0].rsplit("/", 1)[0] if files else ""
    while files and not all(name.startswith(prefix + "/") for name in files):
        prefix = prefix.rsplit("/", 1)[0]
    return {name: unquote(name[len(prefix) + 1:]) for name in files}


def mark_duplicates(numbered, id_column):
    """Add the row where each repeated incident id first appears in its file (null for the others)."""
    from pyspark.sql import functions as F

    firsts = numbered.filter(F.col(CORRUPT).isNull()) if CORRUPT in numbered.columns else numbered
    firsts = firsts.groupBy(FILE, id_column).agg(F.min(ROW).alias(FIRST_ROW), F.count(F.lit(1)).alias("n")) \
        .filter("n > 1").drop("n")
    return numbered.join(F.broadcast(firsts), [FILE, id_column], "left")


def split_in_order(session, numbered, n_partitions, rows_read):
    """Rows in ``n_partitions`` equal runs of (file, row), partition p holding the p-th run, sorted.

    Every row's place among all rows read is known (its file's start plus its row number), so its
    partition is computed, not sampled: no pass over the data to find range bounds, and the cores
    get equal shares. Spark sends a row to partition ``pmod(hash(key), n)``, so each partition
    number is carried as a key that Spark's own hash sends there.
    """
    from pyspark.sql import functions as F

    keys = _partition_keys(session, n_partitions)
    place = F.col(_START) + F.col(ROW) - 1
    part = F.floor(place * F.lit(n_partitions) / F.lit(max(rows_read, 1))).cast("int")
    keyed = numbered.withColumn(_KEY, F.element_at(F.array(*[F.lit(key).cast("long") for key in keys]), part + 1))
    return keyed.repartition(n_partitions, _KEY).sortWithinPartitions(FILE, ROW).drop(_KEY, _START)


def _partition_keys(session, n_partitions):
    """For each partition p < ``n_partitions``, a number that Spark's hash partitioning sends to p."""
    from pyspark.sql import functions as F

    keys, tried = {}, 0
    while len(keys) < n_partitions:
        candidates = session.range(tried, tried + 64 * n_partitions)
        for row in candidates.select("id", F.pmod(F.hash("id"), F.lit(n_partitions)).alias("p")).collect():
            keys.setdefault(row["p"], row["id"])
        tried += 64 * n_partitions
    return [keys[p] for p in range(n_partitions)]


def default_partitions(session, rows_read):
    """A multiple of the cores with at most ``_ROWS_PER_PARTITION`` rows in each partition."""
    cores = max(1, session.sparkContext.defaultParallelism)
    return cores * max(1, math.ceil(rows_read / (cores * _ROWS_PER_PARTITION)))
