"""Stopping ``crimerec score`` with SIGTERM or SIGKILL leaves no process behind (issue #14, defect 3).

Non-regression test for: issue #14 "SIGTERM or SIGKILL of crimerec score leaves the forkserver,
resource tracker and workers alive for good". The command runs in its own session, so every
process it starts (fork server, resource tracker, workers) shares its process group; after the
signal, none may remain.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import group_members

ROOT = Path(__file__).resolve().parents[2]


def _wait_until(condition, seconds):
    """Poll ``condition`` every 0.1 s for up to ``seconds``; return its last value."""
    deadline = time.monotonic() + seconds
    while not (value := condition()) and time.monotonic() < deadline:
        time.sleep(0.1)
    return value


def _start_scoring(tmp_path, tiny_frame, tiny_model_dir):
    """Start ``crimerec score`` with two workers on 3,200 logs; return it once a chunk is done."""
    import pandas as pd

    frame = pd.concat([tiny_frame] * 50, ignore_index=True)
    frame["incident_id"] = [f"S{i:05d}" for i in range(len(frame))]
    frame[["incident_id", "narrative", "closing_comment"]].to_csv(tmp_path / "in.csv", index=False)
    command = [sys.executable, "-m", "classifier", "score", str(tmp_path / "in.csv"), "-o", str(tmp_path / "out.csv"),
               "-m", str(tiny_model_dir), "--workers", "2", "--chunk-size", "10"]
    process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    started = _wait_until(lambda: list((tmp_path / "out.csv.partial").glob("*.done.json")) or process.poll() is not None, 90)
    assert started and process.poll() is None, "scoring did not start"
    return process


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGKILL], ids=["sigterm", "sigkill"])
def test_stopped_score_leaves_no_process(tmp_path, tiny_frame, tiny_model_dir, signum):
    process = _start_scoring(tmp_path, tiny_frame, tiny_model_dir)
    group = process.pid
    assert len(group_members(group)) >= 3  # the command, the fork server and its workers
    process.send_signal(signum)
    process.wait(timeout=60)
    left = _wait_until(lambda: not group_members(group), 20)
    for pid in group_members(group):  # clean up before failing
        os.kill(pid, signal.SIGKILL)
    assert left, "processes were left behind"
    assert not (tmp_path / "out.csv").exists()
    assert list((tmp_path / "out.csv.partial").glob("*.done.json"))  # finished chunks kept for --resume
    if signum == signal.SIGTERM:
        assert b"Traceback" not in process.stderr.read()
