"""Rows for ``classifier.scoring.spark``: numbered in their files, repeated ids marked, split evenly in order.

Spark reads a file in blocks and partitions; these functions give every row the row number
``crimerec score`` would give it, find where each repeated incident id first appears in its file,
and hand the rows to the scoring partitions in equal runs of (file, row), so the part files, taken
in name order, hold the rows in input order.
"""

import math

from classifier.scoring.executor import CORRUPT, FILE, FIRST_ROW, ROW

__all__ = []

_BLOCK, _MID, _START = "_crimerec_block", "_crimerec_mid", "_crimerec_start"
_ID = "_crimerec_id"
_BLOCKS, _REPEATS = 0, 1  # the two kinds of line of ``_blocks_and_repeats``
_ROWS_PER_PARTITION = 100_000  # at most, by default; enough partitions to keep every core busy


def number_rows(session, raw, id_column):
    """Number every row in its file and mark repeated incident ids; return (frame, rows read, file -> source name).

    Spark reads a file in blocks (a CSV with quoted line breaks in one). Within a partition the
    rows of a block are consecutive, so a row's number is its block's offset in the file plus its
    position in the block. One aggregation over the input (``_blocks_and_repeats``) finds both the
    row counts per block and, for every incident id seen more than once in a file, where it first
    appears; so the input is read once before scoring. The frame gets ``ROW`` and ``FIRST_ROW``
    (the row where the row's id first appears in its file when the id repeats, else null).
    """
    from pyspark.sql import functions as F

    tagged = raw.withColumn(FILE, F.input_file_name()).withColumn(_BLOCK, F.input_file_block_start()) \
        .withColumn(_MID, F.monotonically_increasing_id())
    found = _blocks_and_repeats(tagged, id_column).collect()
    bases, offsets = {}, {}
    for block in sorted((row for row in found if row["kind"] == _BLOCKS), key=lambda row: (row[FILE], row["at"][0])):
        offset = offsets.get(block[FILE], 0)
        bases[block[FILE], block["at"][0]] = offset + 1 - block["at"][1]
        offsets[block[FILE]] = offset + block["rows"]
    # Where each file starts among all rows read (files in name order), for splitting them evenly.
    starts, total = {}, 0
    for name in sorted(offsets):
        starts[name], total = total, total + offsets[name]
    # The offsets go into the plan as two constant maps (no join, so no job to broadcast a table).
    block_key = F.concat_ws("\t", F.col(FILE), F.col(_BLOCK).cast("string"))  # a file URI has no raw tab
    base = F.element_at(_constant_map({f"{name}\t{block}": value for (name, block), value in bases.items()}), block_key)
    numbered = tagged.withColumn(ROW, F.col(_MID) + base) \
        .withColumn(_START, F.element_at(_constant_map(starts), F.col(FILE))).drop(_BLOCK, _MID)
    firsts = [(row[FILE], row["key"], bases[row[FILE], row["at"][0]] + row["at"][1])
              for row in found if row["kind"] == _REPEATS]
    return _with_first_rows(session, numbered, id_column, firsts), total, _source_names(sorted(offsets))


def _constant_map(mapping):
    """A ``map<string, bigint>`` column holding ``mapping``, folded into a constant when Spark plans the query."""
    import json

    from pyspark.sql import functions as F

    return F.from_json(F.lit(json.dumps(mapping)), "map<string,bigint>")


def _blocks_and_repeats(tagged, id_column):
    """One aggregation: a line per block (kind ``_BLOCKS``) and per id repeated in a file (kind ``_REPEATS``).

    Each line has the file, ``key`` (the block's start or the id as text), ``at`` (the first
    (block, position) of the group) and ``rows`` (rows in the block, or appearances of the id).
    Rows Spark could not parse count in their block but not as appearances of an id.
    """
    from pyspark.sql import functions as F

    identifier = F.col(_quoted(id_column))
    usable = identifier.isNotNull() & (F.col(CORRUPT).isNull() if CORRUPT in tagged.columns else F.lit(True))
    at = F.struct(F.col(_BLOCK), F.col(_MID))
    entries = F.array(
        F.struct(F.lit(_BLOCKS).alias("kind"), F.col(_BLOCK).cast("string").alias("key"), at.alias("at")),
        F.when(usable, F.struct(F.lit(_REPEATS).alias("kind"), identifier.cast("string").alias("key"), at.alias("at"))))
    lines = tagged.select(FILE, F.explode(entries).alias("entry")).filter(F.col("entry").isNotNull()) \
        .select(FILE, "entry.kind", "entry.key", "entry.at")
    found = lines.groupBy(FILE, "kind", "key").agg(F.min("at").alias("at"), F.count(F.lit(1)).alias("rows"))
    return found.filter((F.col("kind") == _BLOCKS) | (F.col("rows") > 1))


def _with_first_rows(session, numbered, id_column, firsts):
    """Add ``FIRST_ROW`` from ``[(file, id as text, first row)]``: a broadcast join, or nulls when no id repeats."""
    from pyspark.sql import functions as F

    if not firsts:
        return numbered.withColumn(FIRST_ROW, F.lit(None).cast("long"))
    table = session.createDataFrame(firsts, f"{FILE} string, {_ID} string, {FIRST_ROW} long")
    keyed = numbered.withColumn(_ID, F.col(_quoted(id_column)).cast("string"))
    return keyed.join(F.broadcast(table), [FILE, _ID], "left").drop(_ID)


def _quoted(name):
    """A column name as Spark reads it literally (dots and spaces included)."""
    return "`" + name.replace("`", "``") + "`"


def _source_names(files):
    """File URI -> the name written in ``source``: the file name, or its path below the input folder."""
    from urllib.parse import unquote

    if len(files) == 1:
        return {files[0]: unquote(files[0].rsplit("/", 1)[-1])}
    prefix = files[0].rsplit("/", 1)[0] if files else ""
    while files and not all(name.startswith(prefix + "/") for name in files):
        prefix = prefix.rsplit("/", 1)[0]
    return {name: unquote(name[len(prefix) + 1:]) for name in files}


def split_in_order(numbered, n_partitions, rows_read):
    """Rows in ``n_partitions`` equal runs of (file, row), partition p holding the p-th run, sorted.

    Every row's place among all rows read is known (its file's start plus its row number), so its
    partition is computed, not sampled: no pass over the data to find range bounds, and the cores
    get equal shares. ``repartitionById`` sends each row straight to its computed partition.
    """
    from pyspark.sql import functions as F

    place = F.col(_START) + F.col(ROW) - 1
    part = F.floor(place * F.lit(n_partitions) / F.lit(max(rows_read, 1))).cast("int")
    return numbered.repartitionById(n_partitions, part).sortWithinPartitions(FILE, ROW).drop(_START)


def default_partitions(session, rows_read):
    """A multiple of the cores with at most ``_ROWS_PER_PARTITION`` rows in each partition."""
    cores = max(1, session.sparkContext.defaultParallelism)
    return cores * max(1, math.ceil(rows_read / (cores * _ROWS_PER_PARTITION)))
