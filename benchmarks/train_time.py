"""Benchmark: wall-clock time of ``crimerec train`` stages on N generated logs, and scoring speed.

Usage::

    .venv/bin/python benchmarks/train_time.py --rows 100000 [--config FILE] [--score-rows 10000]

Prints one line per stage (seconds) and the artefact size. Tracking is switched off so only the
training itself is timed. Not a test: run it by hand on the target machine (the goal is under five
minutes for 100,000 logs on 2 cores).
"""

import argparse
import tempfile
import time
from pathlib import Path


def main():
    """Generate logs, train with stage timings, then time scoring on fresh logs."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--score-rows", type=int, default=10_000)
    parser.add_argument("--config", default=None)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    from training.config import load_config
    from training.generator.generate import generate_incidents
    from training.train import train

    started = time.perf_counter()
    frame = generate_incidents(args.rows, seed=args.seed)
    print(f"generate {args.rows} logs: {time.perf_counter() - started:.1f}s", flush=True)
    config = load_config(args.config, overrides={"tracking.enabled": False})
    last = [time.perf_counter()]

    def stage(message):
        now = time.perf_counter()
        print(f"  +{now - last[0]:6.1f}s  {message}", flush=True)
        last[0] = now

    with tempfile.TemporaryDirectory() as out:
        began = time.perf_counter()
        result = train(config, data=frame, output_dir=Path(out) / "m", progress=stage)
        stage("done")
        total = time.perf_counter() - began
        size = (Path(out) / "m" / "model.joblib").stat().st_size
        print(f"train total: {total:.1f}s; model.joblib {size / 1e6:.2f} MB; "
              f"validation ROC-AUC {result.metrics['roc_auc']:.4f}", flush=True)
        fresh = generate_incidents(args.score_rows, seed=args.seed + 1000)
        for evidence in (False, True):
            began = time.perf_counter()
            result.model.predict_frame(fresh, evidence=evidence)
            seconds = time.perf_counter() - began
            print(f"score {args.score_rows} logs (evidence={evidence}): {seconds:.1f}s "
                  f"= {args.score_rows / seconds:,.0f} rows/s", flush=True)


if __name__ == "__main__":
    main()
