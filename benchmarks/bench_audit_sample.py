"""Benchmark ``crimerec audit-sample``'s library call on a large generated scored frame.

Usage: python benchmarks/bench_audit_sample.py [N_ROWS]   (default 100,000)

Prints the time of near-duplicate grouping and of the whole proposal, the number of near-duplicate
groups, and the process's peak resident memory. Scores are simulated (no model needed): the point
is the sampler's cost, which is linear in the number of rows.
"""

import resource
import sys
import time

import numpy as np

from training.audit.sampling import group_near_duplicates, propose_audit_sample
from training.generator.generate import generate_incidents


def main(n_rows):
    """Generate, then time grouping and sampling."""
    scored = generate_incidents(n_rows, seed=1)
    scored["p_should_record"] = np.random.default_rng(0).beta(0.7, 0.7, n_rows)
    texts = (scored["narrative"] + " " + scored["closing_comment"]).tolist()
    started = time.perf_counter()
    groups = group_near_duplicates(texts)
    grouped = time.perf_counter()
    sample = propose_audit_sample(scored, 500, strategy="mixed", seed=0)
    finished = time.perf_counter()
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"rows {n_rows:,}: grouping {grouped - started:.1f}s ({groups.max() + 1:,} groups), "
          f"proposal of {len(sample)} (grouping included) {finished - grouped:.1f}s, peak RSS {peak_mib:.0f} MiB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
