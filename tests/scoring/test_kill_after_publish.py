"""A run killed after its output was renamed into place is recognised as finished (issue #14, defect 10).

Non-regression test for: issue #14 "A kill right after the final rename leaves the .partial folder,
and the next plain run refuses as if unfinished".
"""

import pytest

from classifier.scoring import score_file
from classifier.scoring.chunkstore import ChunkStore, ResumeError


def _input(tmp_path, tiny_frame):
    path = tmp_path / "in.csv"
    tiny_frame[["incident_id", "narrative", "closing_comment"]].to_csv(path, index=False)
    return path


def test_plain_run_after_a_kill_past_the_final_rename_cleans_up(tmp_path, tiny_frame, tiny_model_dir, monkeypatch):
    source, output = _input(tmp_path, tiny_frame), tmp_path / "out.csv"
    with monkeypatch.context() as patch:
        patch.setattr(ChunkStore, "remove", lambda self: self.close())  # killed before the folder is removed
        score_file(source, output, model=tiny_model_dir, workers=1, chunk_size=20)
    first = output.read_bytes()
    assert (tmp_path / "out.csv.partial").is_dir()
    summary = score_file(source, output, model=tiny_model_dir, workers=1, chunk_size=20)
    assert summary.rows_scored == len(tiny_frame) and output.read_bytes() == first
    assert not (tmp_path / "out.csv.partial").exists()


def test_kill_before_the_rename_still_needs_resume(tmp_path, tiny_frame, tiny_model_dir, monkeypatch):
    source, output = _input(tmp_path, tiny_frame), tmp_path / "out.csv"

    note = ChunkStore._note_published

    def killed(self, temporary):  # the note is written, then the process dies before the rename
        note(self, temporary)
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(ChunkStore, "_note_published", killed)
        with pytest.raises(KeyboardInterrupt):
            score_file(source, output, model=tiny_model_dir, workers=1, chunk_size=20)
    assert not output.exists()
    with pytest.raises(ResumeError, match="Rerun with --resume"):
        score_file(source, output, model=tiny_model_dir, workers=1, chunk_size=20)
    summary = score_file(source, output, model=tiny_model_dir, workers=1, chunk_size=20, resume=True)
    assert summary.chunks_resumed == summary.chunks
