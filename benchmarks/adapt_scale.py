"""Time and memory of ``crimerec adapt`` on a large generated export (the 1,000,000-row budget).

Usage: python benchmarks/adapt_scale.py [--rows 1000000] [--audit-fraction 0.002] [--workers 2]

Uses ``score_bench.py``'s cached export (out/bench/, 100,000 distinct generated logs repeated with new
ids), keeps audit labels on a random share of rows, then runs the CLI end to end in its own process
(MLflow into a throwaway store) and reports wall time and the peak memory of the process tree
(PSS sum and largest single-process RSS), sampled as in ``score_bench.py``.
"""

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

from score_bench import DATA_DIR, ensure_data, run_measured  # noqa: E402


def audited_export(rows, fraction, seed):
    """out/bench/adapt-<rows>-<fraction>.csv: the benchmark logs with labels on a random share only."""
    path = DATA_DIR / f"adapt-{rows}-{fraction}.csv"
    if path.exists():
        return path
    import numpy as np
    import pandas as pd

    source = ensure_data(rows, seed, 100_000)
    rng = np.random.default_rng(seed)
    with open(path.with_suffix(".tmp"), "w", encoding="utf-8", newline="") as handle:
        for number, chunk in enumerate(pd.read_csv(source, dtype=str, keep_default_na=False, chunksize=100_000)):
            hidden = rng.random(len(chunk)) >= fraction
            for column in ("should_record", "hocr_category"):
                chunk.loc[hidden, column] = ""
            chunk.drop(columns=["scenario", "hard_case"], errors="ignore").to_csv(handle, index=False, header=number == 0)
    path.with_suffix(".tmp").rename(path)
    return path


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--audit-fraction", type=float, default=0.002)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    export = audited_export(args.rows, args.audit_fraction, args.seed)
    with tempfile.TemporaryDirectory() as folder:
        os.environ["MLFLOW_TRACKING_URI"] = f"sqlite:///{folder}/mlflow.db"
        command = [sys.executable, "-m", "classifier", "adapt", str(export), "-o", f"{folder}/adapted",
                   "--workers", str(args.workers)]
        seconds, pss, rss, stdout = run_measured(command)
    print(stdout)
    print(f"| rows | audited share | workers | wall time | peak PSS (tree) | peak RSS (one process) |\n"
          f"|---|---|---|---|---|---|\n| {args.rows:,} | {args.audit_fraction} | {args.workers} | "
          f"{seconds / 60:.1f} min | {pss:,.0f} MiB | {rss:,.0f} MiB |")


if __name__ == "__main__":
    main()
