"""Benchmark ``crimerec spark-score`` and the MLflow ``spark_udf`` recipe against ``crimerec score``, side by side.

Usage: python benchmarks/spark_bench.py [--rows 100000] [--data FILE] [--model models/default]

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

Then checks that all three give the same scores for every row. Prints Markdown for benchmarks/README.md.
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
    spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", "2000")  # crimerec score's chunk size
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--data", help="An incident CSV to use instead of generating one.")
    parser.add_argument("--model", default=str(ROOT / "models" / "default"))
    args = parser.parse_args()
    args.model = str(Path(args.model).resolve())
    data = Path(args.data) if args.data else ensure_data(args.rows, 1)
    work = Path(tempfile.mkdtemp(prefix="crimerec-spark-bench-"))
    # Python workers of local Spark import crimerec from this checkout, as the driver does.
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    os.environ["MLFLOW_TRACKING_URI"] = f"sqlite:///{work / 'mlflow.db'}"
    # A cache of its own, so the first Spark run writes the class-data archive and the others map it.
    os.environ["CRIMEREC_CACHE_DIR"] = str(work / "cache")
    os.environ.pop("CRIMEREC_SPARK_CLASS_CACHE", None)
    python = sys.executable
    print(f"Machine: {describe_machine()}. Data: {data}. Work folder: {work}", flush=True)
    subprocess.run([python, "-m", "classifier", "register", args.model], check=True, cwd=work,
                   stdout=subprocess.DEVNULL)
    runs = {}
    commands = {
        "crimerec score, 2 workers (before)": [python, "-m", "classifier", "score", str(data), "-o",
                                               str(work / "score.csv"), "-w", "2", "-m", args.model],
        "crimerec spark-score, local[2], first run (writes the class archive)": [
            python, "-m", "classifier", "spark-score", str(data), "-o", str(work / "spark-first.csv"), "--master",
            "local[2]", "-m", args.model],
        "crimerec spark-score, local[2]": [python, "-m", "classifier", "spark-score", str(data), "-o",
                                           str(work / "spark.csv"), "--master", "local[2]", "-m", args.model],
        "spark_udf (registered model), local[2]": [python, __file__, "_udf", str(data), str(work / "udf.csv"),
                                                   "models:/crimerec@champion"],
        "crimerec score, 2 workers (after)": [python, "-m", "classifier", "score", str(data), "-o",
                                              str(work / "score-after.csv"), "-w", "2", "-m", args.model],
    }
    for name, command in commands.items():
        started = time.strftime("%H:%M:%S")
        seconds, pss, rss, _ = run_measured(command)
        runs[name] = (seconds, pss, rss)
        print(f"measured {name} at {started}: {seconds:.1f} s", flush=True)
    baseline = (runs["crimerec score, 2 workers (before)"][0] + runs["crimerec score, 2 workers (after)"][0]) / 2
    print("\n| approach | seconds | × crimerec score (mean of both runs) | peak PSS, all processes (MiB) "
          "| peak RSS, one process (MiB) |\n|---|---:|---:|---:|---:|")
    for name, (seconds, pss, rss) in runs.items():
        print(f"| {name} | {seconds:,.1f} | {seconds / baseline:.2f} | {pss:,.0f} | {rss:,.0f} |")
    print("\nEquality with crimerec score (every row, by incident_id):")
    print("spark-score, first run:", json.dumps(compare(work / "score.csv", _parts(work / "spark-first.csv"))))
    print("spark-score:", json.dumps(compare(work / "score.csv", _parts(work / "spark.csv"))))
    print("spark_udf:  ", json.dumps(compare(work / "score.csv", _parts(work / "udf.csv"))))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_udf":
        _measure_udf(*sys.argv[2:5])
    else:
        main()
