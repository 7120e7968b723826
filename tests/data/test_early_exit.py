"""A reader stopped part-way must leave the interpreter to exit cleanly (issue #14, defect 12).

Non-regression test for: issue #14 "A reader stopped part-way aborts the interpreter" (a script
that stopped iterating ``iter_incident_chunks`` early exited with "Fatal Python error:
PyGILState_Release", rc 134). Each format is opened and abandoned 200 times in one process, half
left open until the interpreter exits, half dropped, one closed by leaving a for loop.
"""

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

_SCRIPT = textwrap.dedent("""
    import sys
    from classifier.data import csv_reader, iter_incident_chunks
    csv_reader._CSV_BLOCK = 1 << 12  # small parser blocks: most of the file is still unread
    path, kept = sys.argv[1], []
    for attempt in range(200):
        chunks = iter_incident_chunks(path, chunk_size=50)
        next(chunks)
        if attempt % 2:
            kept.append(chunks)  # left open until the interpreter exits
    for chunk in iter_incident_chunks(path, chunk_size=50):
        break
""")


def _write(folder, file_format):
    """A 600-row incident file in ``file_format``."""
    import pandas as pd

    frame = pd.DataFrame({"incident_id": [f"ID{i:06d}" for i in range(600)],
                          "narrative": [f"Narrative {i}, a few words long" for i in range(600)]})
    path = Path(folder) / f"a.{file_format}"
    {"csv": lambda: frame.to_csv(path, index=False), "jsonl": lambda: frame.to_json(path, orient="records", lines=True),
     "parquet": lambda: frame.to_parquet(path)}[file_format]()
    return path


@pytest.mark.parametrize("file_format", ["csv", "jsonl", "parquet"])
def test_readers_abandoned_part_way_exit_cleanly(tmp_path, file_format):
    path = _write(tmp_path, file_format)
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", _SCRIPT, str(path)], capture_output=True, text=True,
                          timeout=120, cwd=root, env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"})
    assert (done.returncode, done.stderr) == (0, "")
