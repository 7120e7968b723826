"""Peak memory of ``crimerec adapt``'s fitting stage alone, in one process (quicker than ``adapt_scale.py``).

Usage: python benchmarks/adapt_fit_memory.py EXPORT [--max-training-rows 20000] [--model models/default]

Reads the export's training sample as ``adapt`` does (``collect_export_sample``), then runs
``cross_fit`` while a thread samples the process's RSS every 20 ms, and prints the RSS before fitting,
the peak while fitting and the difference. Fitting memory grows with the sample, so a small
``--max-training-rows`` extrapolates to the default 100,000.
"""

import argparse
import sys
import threading
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from classifier import load_model
from training.adapt.export import collect_export_sample
from training.adapt.fitting import choose_mode, cross_fit


def rss_mib():
    """This process's resident set size in MiB (Linux /proc)."""
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("export")
    parser.add_argument("--max-training-rows", type=int, default=20_000)
    parser.add_argument("--model", default=str(ROOT / "models" / "default"))
    args = parser.parse_args()
    base = load_model(args.model)
    sample = collect_export_sample(args.export, base, max_rows=args.max_training_rows, n_jobs=1)
    groups = sample.rows["group"].to_numpy(object)
    kinds = np.where(groups != "", groups, "Theft offences")  # groups only steer the recording rates
    mode = choose_mode(sample.rows)
    before, peak, done = rss_mib(), [0.0], threading.Event()

    def watch():
        while not done.is_set():
            peak[0] = max(peak[0], rss_mib())
            time.sleep(0.02)

    thread = threading.Thread(target=watch)
    thread.start()
    start = time.time()
    cross_fit(sample, base, kinds, n_folds=5, mode=mode)
    done.set()
    thread.join()
    print(f"{len(sample.rows):,} sample rows, mode {mode}: RSS before fitting {before:,.0f} MiB, peak while fitting "
          f"{peak[0]:,.0f} MiB (+{peak[0] - before:,.0f} MiB), {time.time() - start:.0f} s")


if __name__ == "__main__":
    main()
