"""Coverage and width of the recording-rate intervals on simulated forces (table for docs/RATES.md).

Each repetition draws a force of ``--logs`` logs with known should-record labels and recording
decisions, scores it with a simulated model (good / weak / biased), audits a sample, and checks
whether each method's 95% interval contains the force's true recording rate.

Run: ``python benchmarks/rate_coverage.py [--repetitions 2000] [--seed 20240501]``
"""

import argparse
import time

from training.rate_simulation import simulate_coverage

MODELS = ("good", "weak", "biased")
DESIGNS = ("srs", "unequal")
CATEGORIES = ("Violence without injury", "Sexual offences")


def _row(label, result, seconds):
    """One markdown table row for a simulate_coverage result."""
    audit, assisted = result["audit"], result["model_assisted"]
    ratio = assisted["mean_width"] / audit["mean_width"]
    return (
        f"| {label} | {audit['coverage']:.3f} | {assisted['coverage']:.3f} "
        f"| {100 * audit['mean_width']:.1f} | {100 * assisted['mean_width']:.1f} "
        f"| {ratio:.2f} | {100 * assisted['mean_error']:+.2f} | {seconds:.0f} s |"
    )


def main():
    """Print the coverage table as markdown."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repetitions", type=int, default=2000)
    parser.add_argument("--category-repetitions", type=int, default=300)
    parser.add_argument("--logs", type=int, default=20_000)
    parser.add_argument("--audit-size", type=int, default=400)
    parser.add_argument("--seed", type=int, default=20240501)
    args = parser.parse_args()
    print(f"{args.logs} logs per force, audit of {args.audit_size}, 95% intervals, "
          f"seed {args.seed}")
    print("| target / model / audit | coverage audit | coverage model-assisted | mean width audit "
          "(pts) | mean width model-assisted (pts) | width ratio | bias model-assisted (pts) "
          "| time |")
    print("|---|---|---|---|---|---|---|---|")
    for model in MODELS:
        for design in DESIGNS:
            started = time.perf_counter()
            result = simulate_coverage(repetitions=args.repetitions, n_logs=args.logs,
                                       audit_size=args.audit_size, model=model, design=design,
                                       seed=args.seed)
            label = f"overall, {model} model, {design} audit ({args.repetitions} reps)"
            print(_row(label, result, time.perf_counter() - started), flush=True)
    for category in CATEGORIES:
        for model in ("good", "biased"):
            started = time.perf_counter()
            result = simulate_coverage(repetitions=args.category_repetitions, n_logs=args.logs,
                                       audit_size=args.audit_size, model=model, design="srs",
                                       category=category, seed=args.seed)
            label = f"{category}, {model} model, srs audit ({args.category_repetitions} reps)"
            print(_row(label, result, time.perf_counter() - started), flush=True)


if __name__ == "__main__":
    main()
