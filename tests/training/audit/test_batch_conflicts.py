"""Two contradicting labels of one log in one batch are a conflict, not a duplicate (issue #14, defect 9).

Non-regression test for: issue #14 "Contradictory labels for one id within one batch are rejected as
duplicates and never recorded as conflicts; the summary counts accepted rows as 'rows'".
"""

import pandas as pd

from training.audit.retrain import render_retrain_result, retrain
from training.config import load_config

FAST = {"model.max_word_features": 2000, "model.max_char_features": 2000, "model.min_df": 1,
        "model.read_closing_comment": True, "tracking.enabled": False}


def test_contradicting_rows_of_one_batch_are_recorded_as_a_conflict(tmp_path, tiny_frame):
    repeat = tiny_frame.iloc[[0]].assign(should_record=pd.array([False], dtype="boolean"), hocr_category="")
    batch = pd.concat([tiny_frame, repeat], ignore_index=True)
    batch.to_csv(tmp_path / "labels.csv", index=False)
    result = retrain(tmp_path / "labels.csv", store=tmp_path / "store", model_dir=tmp_path / "m", cv_folds=0,
                     config=load_config(overrides=FAST))
    added = result.added
    assert (added.n_new, added.n_conflict_rows, len(result.rejects)) == (64, 1, 0)
    assert added.conflicts[["row", "incident_id", "field"]].values.tolist() == [[65, "T000", "should_record"]]
    assert "conflicts" in result.decision.blocked_by
    assert render_retrain_result(result).startswith("Batch labels.csv: 65 rows read, 64 new")
