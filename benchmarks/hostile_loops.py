"""The slow part of the hostile campaign (issue #14): a 500k-row hostile file, and kill loops.

Three loops, each printing one line per round and a summary; any failed check stops the script
with exit code 1.

``big``          writes a 500,000-row CSV salted with hostile rows (a quote never closed, ragged rows,
                 formula-like ids, phone numbers in yes/no columns, NUL bytes), validates it and
                 checks rows read = accepted + rejected, the rejects expected and the line count.
``kill-resume``  scores a file with two workers, kills the run at a random moment (after a random number
                 of finished chunks, 0 = start-up, plus up to 1 s; SIGKILL or SIGTERM alternately), resumes it with --resume, and compares the output and rejects byte for
                 byte with an uninterrupted run; after each kill no process of the run's process group
                 may be left (fork server, resource tracker, workers).
``kill-retrain`` in a fresh folder each round, kills 'crimerec retrain' (MLflow tracking on) at a random
                 moment, often while mlflow.db is being created, then runs it again: it must succeed,
                 the label store must hold every label of the batch exactly once, pass SQLite's
                 integrity check, and no process may be left.

Usage::

    python benchmarks/hostile_loops.py big [--rows 500000]
    python benchmarks/hostile_loops.py kill-resume [--rounds 50] [--rows 10000]
    python benchmarks/hostile_loops.py kill-retrain [--rounds 50]
"""

import argparse
import filecmp
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.conftest import group_members, make_tiny_frame  # noqa: E402  (after the path is set)

ENV = {**os.environ, "PYTHONPATH": str(ROOT), "MLFLOW_DISABLE_TELEMETRY": "true", "DO_NOT_TRACK": "true"}


def wait_group_empty(group, seconds=20):
    """Wait until no process of ``group`` is left; return the pids still alive after ``seconds``."""
    deadline = time.monotonic() + seconds
    while (left := group_members(group)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


def crimerec(*args, cwd, check=True, **popen):
    """Run ``crimerec ARGS`` to the end; return the CompletedProcess."""
    done = subprocess.run([sys.executable, "-m", "classifier", *args], cwd=cwd, env=ENV, capture_output=True, text=True)
    if check and done.returncode != 0:
        raise SystemExit(f"crimerec {' '.join(args)} failed: {done.stderr[-2000:]}")
    return done


def killed_run(args, cwd, delay, signum, *, ready=None):
    """Start ``crimerec ARGS`` in its own session and send it ``signum``; return the pids left behind.

    The signal is sent ``delay`` seconds after ``ready()`` first returns True (at once if ``ready`` is
    None), or not at all if the run ends first. Every process of the run's group must then end.
    """
    process = subprocess.Popen([sys.executable, "-m", "classifier", *args], cwd=cwd, env=ENV, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while ready is not None and not ready() and process.poll() is None:
        time.sleep(0.02)
    time.sleep(delay)
    if process.poll() is None:
        process.send_signal(signum)
    process.wait(timeout=300)
    left = wait_group_empty(process.pid)
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    return left


# ---- the 500k-row file -------------------------------------------------------------------------------
def write_big(path, rows):
    """Write ``rows`` logs with hostile rows at known places; return the rows expected to be rejected."""
    rejected = set()
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write("incident_id,narrative,closing_comment,recorded\n")
        for i in range(1, rows + 1):
            narrative, recorded, identifier = f"Caller reports a dispute, number {i}", "no", f"ID{i:07d}"
            if i % 50_000 == 7:
                narrative = '"Help me she screamed then he punched her'  # a quote never closed
                rejected.add(i)
            elif i % 50_000 == 11:
                recorded = "07700 900123"  # a phone number in a yes/no column
                rejected.add(i)
            elif i % 50_000 == 13:
                out.write(f"{identifier},too,many,fields,here\n")
                rejected.add(i)
                continue
            elif i % 50_000 == 17:
                identifier = f"-{i:07d}"  # looks like a formula
            elif i % 50_000 == 19:
                narrative = "text with a \x00 NUL byte"
                rejected.add(i)
            if narrative.startswith('"'):
                out.write(f"{identifier},{narrative},Advice given,{recorded}\n")
            else:
                out.write(f'{identifier},"{narrative}",Advice given,{recorded}\n')
    return rejected


def run_big(args):
    """Validate the 500k-row hostile file and check every row is accounted for."""
    with tempfile.TemporaryDirectory(prefix="crimerec-big-") as folder:
        path = Path(folder) / "big.csv"
        expected = write_big(path, args.rows)
        started = time.perf_counter()
        done = crimerec("validate", str(path), "--rejects", str(Path(folder) / "rejects.csv"), cwd=folder)
        seconds = time.perf_counter() - started
        import pandas as pd

        rejects = pd.read_csv(Path(folder) / "rejects.csv", dtype={"row": int}, keep_default_na=False)
        ok = (f"{args.rows:,} rows read" in done.stdout and set(rejects["row"]) == expected
              and f"{args.rows + 1:,} lines in the file" in done.stdout and "07700" not in done.stdout
              and "07700" not in (Path(folder) / "rejects.csv").read_text())
        print(f"big: {args.rows:,} rows, {len(expected)} hostile rows listed in the rejects file as expected: {ok}; validate took "
              f"{seconds:.1f} s")
        return ok


# ---- kill and resume ---------------------------------------------------------------------------------
def tiny_model(folder):
    """Train and save the tiny test model into ``folder/model`` (fast to load, same code path)."""
    from classifier.model import CrimeRecModel, save_model

    model = CrimeRecModel(min_df=1, max_word_features=2000, max_char_features=2000, read_closing_comment=True)
    model.fit(make_tiny_frame()).set_operating_point(threshold=0.5)
    save_model(model, folder / "model", card={"command": "benchmarks/hostile_loops.py"})
    return folder / "model", make_tiny_frame


def write_scoring_input(path, rows, make_tiny_frame):
    """``rows`` logs from the tiny frame with unique ids and a few hostile rows."""
    import pandas as pd

    frame = pd.concat([make_tiny_frame()] * (rows // 64 + 1), ignore_index=True).head(rows)
    frame["incident_id"] = [f"-{i:06d}" if i % 97 == 0 else f"K{i:06d}" for i in range(len(frame))]
    frame.loc[frame.index % 101 == 5, "narrative"] = ""
    frame[["incident_id", "narrative", "closing_comment", "recorded"]].to_csv(path, index=False)


def run_kill_resume(args):
    """Kill scoring at random moments, resume, and compare with an uninterrupted run byte for byte."""
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="crimerec-kill-") as folder:
        folder = Path(folder)
        model, make_tiny_frame = tiny_model(folder)
        write_scoring_input(folder / "in.csv", args.rows, make_tiny_frame)
        base = ["score", "in.csv", "-m", str(model), "--workers", "2", "--chunk-size", "100"]
        started = time.perf_counter()
        crimerec(*base, "-o", "ref.csv", cwd=folder)
        full = time.perf_counter() - started
        n_chunks = -(-args.rows // 100)
        failures = 0
        for round_ in range(1, args.rounds + 1):
            for stale in folder.glob("out*"):
                subprocess.run(["rm", "-rf", str(stale)], check=True)
            signum = signal.SIGKILL if round_ % 2 else signal.SIGTERM
            # A random moment: after a random number of finished chunks (0: during start-up), plus up to 1 s.
            wanted, delay = rng.randint(0, n_chunks), rng.uniform(0.0, 1.0)
            done = lambda: len(list((folder / "out.csv.partial").glob("*.done.json"))) >= wanted  # noqa: E731
            left = killed_run([*base, "-o", "out.csv"], folder, delay, signum, ready=done)
            resumed = crimerec(*base, "-o", "out.csv", "--resume", cwd=folder, check=False)
            same = (resumed.returncode == 0 and filecmp.cmp(folder / "ref.csv", folder / "out.csv", shallow=False)
                    and filecmp.cmp(folder / "ref.rejects.csv", folder / "out.rejects.csv", shallow=False)
                    and not (folder / "out.csv.partial").exists())
            chunks = json.loads(resumed.stdout or "{}").get("chunks_resumed", "-") if resumed.returncode == 0 else "-"
            print(f"kill-resume round {round_}: {signal.Signals(signum).name} {delay:.2f} s after chunk {wanted}, reused "
                  f"{chunks}, identical: {same}, processes left: {len(left)}")
            failures += (not same) + bool(left)
        print(f"kill-resume: {args.rounds} rounds, {failures} failures (uninterrupted run {full:.1f} s)")
        return failures == 0


# ---- kill and retrain --------------------------------------------------------------------------------
def run_kill_retrain(args):
    """Kill 'retrain' at random moments in a fresh folder, rerun it, and check nothing was lost."""
    rng = random.Random(args.seed)
    failures = 0
    with tempfile.TemporaryDirectory(prefix="crimerec-retrain-") as root:
        labels = Path(root) / "labels.csv"
        frame = make_tiny_frame()
        frame.to_csv(labels, index=False)
        command = ["retrain", "--labels", str(labels), "--store", "store", "--model-dir", "current", "--cv-folds", "0",
                   "--set", "model.max_word_features=500", "--set", "model.max_char_features=500",
                   "--set", "model.min_df=1", "--set", "compute.n_jobs=2"]
        (Path(root) / "reference").mkdir()
        started = time.perf_counter()
        crimerec(*command, cwd=Path(root) / "reference")
        full = time.perf_counter() - started
        for round_ in range(1, args.rounds + 1):
            folder = Path(root) / f"round-{round_}"
            folder.mkdir()
            delay = rng.uniform(0.5, full * 1.05)
            left = killed_run(command, folder, delay, signal.SIGKILL if round_ % 2 else signal.SIGTERM)
            again = crimerec(*command, cwd=folder, check=False)
            stored = _store_check(folder / "store" / "labels.sqlite", frame["incident_id"])
            ok = again.returncode == 0 and stored and not left
            print(f"kill-retrain round {round_}: killed after {delay:.2f} s, rerun rc {again.returncode}, store "
                  f"complete: {stored}, processes left: {len(left)}" + ("" if ok else f"\n{again.stderr[-1500:]}"))
            failures += not ok
    print(f"kill-retrain: {args.rounds} rounds, {failures} failures (uninterrupted run {full:.1f} s)")
    return failures == 0


def _store_check(path, ids):
    """Whether the store passes SQLite's integrity check and holds every id exactly once."""
    with sqlite3.connect(path) as db:
        if db.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            return False
        stored = [row[0] for row in db.execute("SELECT incident_id FROM labels")]
    return sorted(stored) == sorted(ids)


def main():
    """Parse the command line and run one loop."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("loop", choices=["big", "kill-resume", "kill-retrain"])
    parser.add_argument("--rows", type=int, default=None)
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    args.rows = args.rows or {"big": 500_000, "kill-resume": 10_000}.get(args.loop)
    runner = {"big": run_big, "kill-resume": run_kill_resume, "kill-retrain": run_kill_retrain}[args.loop]
    sys.exit(0 if runner(args) else 1)


if __name__ == "__main__":
    main()
