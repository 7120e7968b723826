"""A batch that fails the label-agreement check is quarantined and cannot poison the holdout (issue #14, defect 2).

Non-regression test for: issue #14 "A blocked batch poisons the frozen holdout; a later clean batch
promotes a much worse model". The replay is the issue's: 600 clean labels, then 3,000 new logs with
should_record inverted, then 300 clean labels.
"""

import pandas as pd
from sklearn.metrics import roc_auc_score
from threadpoolctl import threadpool_limits
from typer.testing import CliRunner

from classifier.cli import app
from classifier.model import load_model
from training.audit.labels import LabelStore, open_label_store
from training.audit.retrain import retrain
from training.config import load_config
from training.generator.generate import generate_incidents

FAST = {"model.max_word_features": 3000, "model.max_char_features": 3000, "model.alpha": 1e-4,
        "model.read_closing_comment": True, "model.calibration": "sigmoid", "model.evidence_top_k": 3,
        "tracking.enabled": False}


def _inverted(frame):
    """``frame`` with every should_record negated."""
    return frame.assign(should_record=pd.array(~frame["should_record"].astype(bool).to_numpy(), dtype="boolean"))


def test_quarantined_batch_is_left_out_of_both_splits_until_released():
    frame = pd.DataFrame({"incident_id": [f"a{i}" for i in range(40)], "narrative": ["text"] * 40,
                          "should_record": pd.array([i % 2 == 0 for i in range(40)], dtype="boolean")})
    store = LabelStore.in_memory()
    store.add_frame(frame.iloc[:20], source="one.csv")
    second = store.add_frame(frame.iloc[20:], source="two.csv")
    before = store.digest()
    store.quarantine_batch(second.batch_id, "test")
    assert len(store.to_frame()) == 20 and store.digest() != before
    assert store.quarantined_batches()[["batch_id", "logs_held_back"]].values.tolist() == [[2, 20]]
    store.release_batch(second.batch_id)
    assert len(store.to_frame()) == 40 and store.digest() == before


def test_inverted_batch_is_quarantined_and_a_later_clean_batch_is_judged_on_clean_labels(tmp_path):
    frame = generate_incidents(600 + 3000 + 300 + 400, seed=22)
    clean1, inverted, clean2, check = (frame.iloc[:600], _inverted(frame.iloc[600:3600]), frame.iloc[3600:3900],
                                       frame.iloc[3900:])
    options = dict(store=tmp_path / "labels", config=load_config(overrides=FAST), model_dir=tmp_path / "current",
                   cv_folds=0, first_champion=None)  # the replay starts without a champion, as in the issue
    with threadpool_limits(1, user_api="blas"):
        first = retrain(clean1, **options)
        blocked = retrain(inverted, **options)
        third = retrain(clean2, **options)
    assert first.decision.promote
    assert not blocked.decision.promote and "label-agreement" in blocked.decision.blocked_by and blocked.quarantined
    assert third.holdout_rows < 200  # the 3,000 quarantined logs are not in the holdout
    assert third.metrics["holdout.champion.roc_auc"] > 0.8
    champion = load_model(tmp_path / "current")
    p = champion.predict_frame(check, evidence=False)["p_should_record"]
    assert roc_auc_score(check["should_record"].astype(bool), p) > 0.8
    run = CliRunner().invoke(app, ["quarantine", "--store", str(tmp_path / "labels")])
    assert run.exit_code == 0 and f"batch {blocked.added.batch_id} (<frame>" in run.output
    with open_label_store(tmp_path / "labels", create=False) as store:
        assert len(store.to_frame()) == 900


def test_batch_too_small_to_train_on_is_refused_before_anything_is_stored(tmp_path):
    """Non-regression test for: issue #14 defect 6, retrain with a 3-row labels file."""
    labels = tmp_path / "labels.csv"
    labels.write_text("incident_id,narrative,should_record\nA1,Pushed in the street,yes\nA2,Noise,no\n"
                      "A3,Bike stolen,yes\n", encoding="utf-8")
    run = CliRunner().invoke(app, ["retrain", "--labels", str(labels), "--store", str(tmp_path / "store"),
                                   "--model-dir", str(tmp_path / "m"), "--cv-folds", "0"])
    assert isinstance(run.exception, SystemExit) or run.exit_code != 0
    assert "training a challenger needs at least 10 of each" in str(run.exception) + run.output
    with open_label_store(tmp_path / "store") as store:
        assert len(store) == 0
