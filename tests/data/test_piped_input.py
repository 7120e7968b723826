"""Piped input (``/dev/stdin``, a FIFO) is read once and scored like a file (issue #14, defect 7).

Non-regression test for: issue #14 "Piped input: cat f.csv | crimerec score /dev/stdin --format csv
says 'stdin is empty'; a FIFO hangs".
"""

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CSV = b"incident_id,narrative\nA1,Pushed in the street\nA2,Neighbour noise\nA3,Bike stolen from the garden\n"


def _crimerec(*args, stdin=None):
    """Run the CLI in a subprocess (60 s at most); return the finished process."""
    return subprocess.run([sys.executable, "-m", "classifier", *args], input=stdin, capture_output=True,
                          timeout=60, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_validate_reads_a_pipe(tmp_path):
    done = _crimerec("validate", "/dev/stdin", "--format", "csv", stdin=CSV)
    assert done.returncode == 0, done.stderr
    assert b"3 rows read, 3 accepted, 0 rejected" in done.stdout


def test_score_reads_a_fifo(tmp_path, tiny_model_dir):
    fifo = tmp_path / "incidents"
    os.mkfifo(fifo)

    def write():
        with open(fifo, "wb") as handle:
            handle.write(CSV)

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    done = _crimerec("score", str(fifo), "--format", "csv", "-o", str(tmp_path / "out.csv"), "-m", str(tiny_model_dir),
                     "--workers", "1")
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert (summary["rows_read"], summary["rows_scored"]) == (3, 3)
    assert not list(Path(os.environ.get("TMPDIR", "/tmp")).glob("crimerec-input-*"))
