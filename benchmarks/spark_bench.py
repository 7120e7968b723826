"""Benchmark ``crimerec spark-score`` and the MLflow ``spark_udf`` recipe against ``crimerec score``, side by side.

Usage: python benchmarks/spark_bench.py [--rows 100000] [--data FILE] [--model models/default] [--rounds 3]

On one generated file (``crimerec generate -n ROWS --seed 1``, cached in out/bench/), each in its own
process and with the peak memory of its whole process tree (JVM and Python workers included):

* ``crimerec score -w 2``                 the one-machine baseline, run before and after the Spark runs;
* ``crimerec spark-score --master local[2]``  the Spark engine, end to end (JVM start, read, number,
                                          validate, score, write both datasets, count them back, rename),
                                          twice: the first run on a machine writes the JVM's class-data
                                          archive (``classifier.scoring.spark_jvm``), later runs map it;
* ``spark_udf``                           ``training.tracking.spark_udf`` on the model registered with
                                          ``crimerec register`` (registration not timed): read the CSV,
                                          repartition to the cores by id, score, write CSV.

Each round runs them all in turn (``--rounds``, default 3: on a shared two-core machine one run can be
20% off the next), and the table gives every run, the minimum and the median. Then checks that all
approaches give the same scores for every row. Prints Markdown for benchmarks/README.md.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from score_bench import DATA_DIR, ROOT, describe_machine, run_measured  # noqa: E402

PREDICTIONS = ["p_should_record", "predicted_should_record", "predicted_category", "p_domestic_abuse", "evidence"]
SIGNATURE_INPUTS = ["incident_id", "narrative", "opening_code", "closing_comment"]


def ensure_data(rows, seed):
    """Generate (once) ``rows`` logs with the CLI, as the issue's benchmark asks."""
    path = DATA_DIR / f"generated-{rows}-seed{seed}.csv"
    if not path.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "classifier", "generate", "-n", str(rows), "--seed", str(seed),
                        "-o", str(path)], check=True, cwd=ROOT)
    return path


def _measure_udf(data, output, model_uri):
    """The spark_udf recipe of docs/SCALE_OUT.md, in this process (run by ``spark_bench.py _udf``)."""
    from pyspark.sql import functions as F

    from classifier.scoring.spark import spark_session
    from training.tracking import spark_udf

    spark = spark_session(master="local[2]")
    spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", "10000")  # as spark-score's batches
    logs = spark.read.options(header=True, multiLine=True, escape='"').csv(data)
    # Hash on the id, not round-robin: an even split without sorting every row first.
    logs = logs.repartition(spark.sparkContext.defaultParallelism, "incident_id")
    score = spark_udf(spark, model_uri)
    scored = logs.withColumn("scores", score(F.struct(*SIGNATURE_INPUTS))).select("*", "scores.*").drop("scores")
    scored.write.options(header=True, escape='"', ignoreLeadingWhiteSpace=False,
                         ignoreTrailingWhiteSpace=False).csv(output)
    spark.stop()


def _parts(folder):
    """A CSV dataset's part files as one frame, text as written."""
    import pandas as pd

    frames = [pd.read_csv(path, dtype=str, keep_default_na=False) for path in sorted(Path(folder).glob("part-*"))]
    return pd.concat(frames, ignore_index=True)


def compare(reference_csv, other):
    """Rows compared, max |difference| of the probabilities, and whether category and evidence are equal."""
    import numpy as np
    import pandas as pd

    reference = pd.read_csv(reference_csv, dtype=str, keep_default_na=False).set_index("incident_id")
    ours = other.set_index("incident_id").loc[reference.index]
    diff = max(float(np.abs(ours[name].astype(float) - reference[name].astype(float)).max())
               for name in ("p_should_record", "p_domestic_abuse"))
    same_flags = ours["predicted_should_record"].str.lower().equals(reference["predicted_should_record"].str.lower())
    same_text = all(ours[name].equals(reference[name]) for name in ("predicted_category", "evidence"))
    return {"rows": len(ours), "max_abs_diff": diff, "flags_equal": same_flags, "category_and_evidence_equal": same_text}


SCORE, SPARK, UDF = "crimerec score, 2 workers", "crimerec spark-score, local[2]", "spark_udf (registered model), local[2]"
FIRST = "crimerec spark-score, local[2], first run (writes the class archive)"


def _commands(data, work, model, round_number):
    """The measured commands of one round, in the order they run (score both first and last)."""
    python, cli = sys.executable, [sys.executable, "-m", "classifier"]

    def out(name):
        return str(work / f"{name}-{round_number}.csv")  # a new dataset every round

    commands = [(SCORE, cli + ["score", str(data), "-o", out("score"), "-w", "2", "-m", model])]
    if round_number == 0:
        commands.append((FIRST, cli + ["spark-score", str(data), "-o", out("first"), "--master", "local[2]",
                                       "-m", model]))
    commands += [(SPARK, cli + ["spark-score", str(data), "-o", out("spark"), "--master", "local[2]", "-m", model]),
                 (UDF, [python, __file__, "_udf", str(data), out("udf"), "models:/crimerec@champion"]),
                 (SCORE, cli + ["score", str(data), "-o", out("score-after"), "-w", "2", "-m", model])]
    return commands


def _table(runs):
    """Markdown: every run's seconds, the minimum and median, both as multiples of crimerec score's, and memory."""
    import statistics

    base_min, base_median = min(runs[SCORE]["seconds"]), statistics.median(runs[SCORE]["seconds"])
    header = ("| approach | runs (s) | min (s) | median (s) | min × score's min | median × score's median "
              "| peak PSS, all processes (MiB) | peak RSS, one process (MiB) |")
    lines = [header, "|---|---|---:|---:|---:|---:|---:|---:|"]
    for name, run in runs.items():
        low, middle = min(run["seconds"]), statistics.median(run["seconds"])
        lines.append(f"| {name} | {', '.join(f'{value:.1f}' for value in run['seconds'])} | {low:.1f} | {middle:.1f} "
                     f"| {low / base_min:.2f} | {middle / base_median:.2f} | {max(run['pss']):,.0f} "
                     f"| {max(run['rss']):,.0f} |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--data", help="An incident CSV to use instead of generating one.")
    parser.add_argument("--model", default=str(ROOT / "models" / "default"))
    parser.add_argument("--rounds", type=int, default=3, help="Rounds of all approaches, alternated (default 3).")
    args = parser.parse_args()
    model = str(Path(args.model).resolve())
    data = Path(args.data) if args.data else ensure_data(args.rows, 1)
    work = Path(tempfile.mkdtemp(prefix="crimerec-spark-bench-"))
    # Python workers of local Spark import crimerec from this checkout, as the driver does.
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    os.environ["MLFLOW_TRACKING_URI"] = f"sqlite:///{work / 'mlflow.db'}"
    # A cache of its own, so the first Spark run writes the class-data archive and the others map it.
    os.environ["CRIMEREC_CACHE_DIR"] = str(work / "cache")
    os.environ.pop("CRIMEREC_SPARK_CLASS_CACHE", None)
    print(f"Machine: {describe_machine()}. Data: {data}. Work folder: {work}", flush=True)
    subprocess.run([sys.executable, "-m", "classifier", "register", model], check=True, cwd=work,
                   stdout=subprocess.DEVNULL)
    runs = {}
    for round_number in range(args.rounds):
        for name, command in _commands(data, work, model, round_number):
            started = time.strftime("%H:%M:%S")
            seconds, pss, rss, _ = run_measured(command)
            run = runs.setdefault(name, {"seconds": [], "pss": [], "rss": []})
            run["seconds"].append(seconds), run["pss"].append(pss), run["rss"].append(rss)
            print(f"measured {name} at {started}: {seconds:.1f} s", flush=True)
    print("\n" + _table(runs))
    print("\nEquality with crimerec score (every row, by incident_id):")
    for name in ("first", "spark", "udf"):
        print(f"{name}:", json.dumps(compare(work / "score-0.csv", _parts(work / f"{name}-0.csv"))))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_udf":
        _measure_udf(*sys.argv[2:5])
    else:
        main()
