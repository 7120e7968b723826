"""crimerec adapt: cross-fitting, bias correction, contract handling, modes, model card and MLflow.

Exports are generated in the test (``training.generator``) and the base is the session's tiny model,
so every test runs in seconds.
"""

import json
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from classifier import AdaptedModel, load_model, score_frame, to_hocr_group
from training.adapt import adapt
from training.generator.generate import generate_incidents, keep_audit_sample
from training.generator.profiles import ALL_CRIME_GROUPS, PROFILES, VIOLENT_GROUPS

_EXPORT_COLUMNS = ["incident_id", "opening_code", "narrative", "recorded", "should_record", "hocr_category",
                   "inclusion_probability"]


def _export(n, *, seed=0, audit_fraction=0.25, profile="west-midlands-2018"):
    """A generated export: recorded on every row, audit labels on a random share, truth kept aside."""
    truth = generate_incidents(n, seed=seed, profile=profile)
    return keep_audit_sample(truth, audit_fraction, seed=seed)[_EXPORT_COLUMNS], truth


def _write(frame, path):
    """Write a frame as CSV (labels as true/false/empty) and return the path."""
    frame.to_csv(path, index=False)
    return path


def _scores(directory):
    """incident_id -> p_should_record from DIR/scored.csv."""
    scored = pd.read_csv(directory / "scored.csv", dtype={"incident_id": str})
    return scored.set_index("incident_id")["p_should_record"]


@pytest.fixture(scope="module")
def small_export():
    """300 generated logs, a quarter audited."""
    return _export(300, seed=5)[0]


def test_flipping_a_rows_own_labels_leaves_its_score_unchanged(small_export, tiny_model, tmp_path):
    audited_ids = small_export.loc[small_export["should_record"].notna(), "incident_id"]
    target = audited_ids.iloc[3]
    flipped = small_export.copy()
    row = flipped["incident_id"] == target
    flipped.loc[row, "recorded"] = ~flipped.loc[row, "recorded"].astype(bool)
    flipped.loc[row, "should_record"] = ~flipped.loc[row, "should_record"].astype(bool)
    flipped.loc[row, "hocr_category"] = ""
    for adopt in ("if-better", "always"):  # with the adoption decisions per fold, and with every head used
        first = adapt(_write(small_export, tmp_path / "a.csv"), tmp_path / f"a-{adopt}", base=tiny_model, workers=1,
                      adopt=adopt)
        second = adapt(_write(flipped, tmp_path / "b.csv"), tmp_path / f"b-{adopt}", base=tiny_model, workers=1,
                       adopt=adopt)
        before, after = _scores(tmp_path / f"a-{adopt}"), _scores(tmp_path / f"b-{adopt}")
        assert first.mode == second.mode == "pu"
        assert before[target] == after[target]
    assert not np.allclose(before.drop(target), after.drop(target))  # the other rows did learn from it


def test_a_group_the_force_under_records_is_not_scored_lower_for_it(tiny_model, tmp_path):
    """Violence is recorded at 35%, everything else at 98%: the force's decisions copy that bias."""
    rates = {"violent": (VIOLENT_GROUPS, 0.35),
             "rest": (tuple(g for g in ALL_CRIME_GROUPS if g not in VIOLENT_GROUPS), 0.98)}
    biased = replace(PROFILES["west-midlands-2018"], name="planted", bucket_rates=rates, overall_rate=None,
                     domestic_rate=None)
    export, truth = _export(1200, seed=11, audit_fraction=0.2, profile=biased)
    unaudited = export["should_record"].isna().to_numpy()
    groups = truth["hocr_category"].map(to_hocr_group).to_numpy()
    violent = np.isin(groups, VIOLENT_GROUPS) & truth["should_record"].to_numpy(bool) & unaudited
    adapt(_write(export, tmp_path / "with-audit.csv"), tmp_path / "pu", base=tiny_model, workers=1)
    adapt(_write(export.drop(columns=["should_record", "hocr_category", "inclusion_probability"]),
                 tmp_path / "no-audit.csv"), tmp_path / "copy", base=tiny_model, workers=1)
    ids = truth["incident_id"]
    corrected, copied = _scores(tmp_path / "pu")[ids].to_numpy(), _scores(tmp_path / "copy")[ids].to_numpy()
    assert truth.loc[violent, "recorded"].mean() < 0.5  # the planted bias is there
    assert corrected[violent].mean() > copied[violent].mean() + 0.15
    assert np.median(corrected[violent]) > 0.5


def test_rejected_rows_are_accounted_for(small_export, tiny_model, tmp_path):
    broken = small_export.astype({"recorded": object}).copy()
    broken.loc[broken.index[:2], "narrative"] = ""
    broken.loc[broken.index[2], "recorded"] = "perhaps"
    result = adapt(_write(broken, tmp_path / "broken.csv"), tmp_path / "out", base=tiny_model, workers=1)
    assert result.rows_read == result.rows_used + result.rows_rejected == len(broken)
    assert result.rows_rejected == 3
    assert len(pd.read_csv(tmp_path / "out" / "scored.csv")) == result.rows_used
    assert len(pd.read_csv(tmp_path / "out" / "rejects.csv")) == 3


def test_scored_file_has_exactly_the_score_commands_columns(small_export, tiny_model, tmp_path):
    from classifier import score_file

    path = _write(small_export, tmp_path / "export.csv")
    adapt(path, tmp_path / "out", base=tiny_model, workers=1)
    score_file(path, tmp_path / "plain.csv", model=tiny_model, workers=1)
    adapted = pd.read_csv(tmp_path / "out" / "scored.csv")
    assert list(adapted.columns) == list(pd.read_csv(tmp_path / "plain.csv").columns)


def test_without_audit_labels_it_runs_and_says_what_it_cannot_do(small_export, tiny_model, tmp_path):
    export = small_export.drop(columns=["should_record", "hocr_category", "inclusion_probability"])
    result = adapt(_write(export, tmp_path / "export.csv"), tmp_path / "out", base=tiny_model, workers=1)
    assert result.mode == "recorded-only"
    assert any("cannot correct under-recording" in note for note in result.notes)
    assert result.report["promotion"]["blocked_by"] == ["no-audit"]


def test_without_recorded_it_trains_on_the_audited_rows(small_export, tiny_model, tmp_path):
    export = small_export.drop(columns="recorded")
    result = adapt(_write(export, tmp_path / "export.csv"), tmp_path / "out", base=tiny_model, workers=1)
    assert result.mode == "audit-only"
    assert any("No 'recorded' decisions" in note for note in result.notes)
    assert "discrepancy" not in pd.read_csv(tmp_path / "out" / "scored.csv").columns


def test_audit_file_joined_on_incident_id_gives_the_same_scores(small_export, tiny_model, tmp_path):
    labels = small_export.loc[small_export["should_record"].notna(),
                              ["incident_id", "should_record", "hocr_category", "inclusion_probability"]]
    export = small_export.drop(columns=["should_record", "hocr_category", "inclusion_probability"])
    adapt(_write(small_export, tmp_path / "inline.csv"), tmp_path / "inline", base=tiny_model, workers=1)
    adapt(_write(export, tmp_path / "export.csv"), tmp_path / "joined", base=tiny_model, workers=1,
          audit=_write(labels, tmp_path / "labels.csv"))
    pd.testing.assert_series_equal(_scores(tmp_path / "inline"), _scores(tmp_path / "joined"))


def test_nothing_to_learn_from_is_an_error(small_export, tiny_model, tmp_path):
    export = small_export[["incident_id", "narrative"]]
    with pytest.raises(ValueError, match="nothing to learn from"):
        adapt(_write(export, tmp_path / "export.csv"), tmp_path / "out", base=tiny_model, workers=1)


def test_model_card_and_round_trip(small_export, tiny_model, tiny_model_dir, tmp_path):
    path = _write(small_export, tmp_path / "export.csv")
    result = adapt(path, tmp_path / "out", base=tiny_model_dir, folds=3, workers=1)
    model = load_model(tmp_path / "out" / "model")
    card = model.card_
    assert isinstance(model, AdaptedModel)
    assert card["base_model_sha256"] == load_model(tiny_model_dir).card_["sha256"]
    assert len(card["export_sha256"]) == 64
    assert (card["rows"], card["audited_rows"], card["folds"]) == (300, result.audited_rows, 3)
    metrics = card["metrics"]["audited_out_of_fold"]
    assert metrics["roc_auc_diff_low"] <= metrics["roc_auc_diff"] <= metrics["roc_auc_diff_high"]
    frame = small_export.drop(columns=["should_record", "hocr_category", "inclusion_probability"])
    together = score_frame(frame, model)["p_should_record"].to_numpy()
    one_by_one = [score_frame(frame.iloc[[i]], model)["p_should_record"].iloc[0] for i in range(5)]
    np.testing.assert_allclose(together[:5], one_by_one)
    report = json.loads((tmp_path / "out" / "adapt_report.json").read_text())
    assert report["scoring"]["rows_scored"] == 300 and len(report["per_fold"]) == 3


def test_registered_in_mlflow_and_champion_only_by_the_rule(small_export, tiny_model_dir, tmp_path):
    from training.config import TrackingConfig
    from training.tracking import MlflowTracker, get_champion_version, list_model_versions

    tracker = MlflowTracker(TrackingConfig())
    result = adapt(_write(small_export, tmp_path / "export.csv"), tmp_path / "out", base=tiny_model_dir,
                   workers=1, tracker=tracker)
    assert result.model_version == "1"
    assert list_model_versions(tracker)["version"].tolist() == ["1"]
    champion = get_champion_version(tracker)
    assert (champion == "1") == result.report["promotion"]["promote"] == result.promoted


def test_cli_adapt_prints_the_summary(small_export, tiny_model_dir, tmp_path):
    from typer.testing import CliRunner

    from classifier.cli import app

    path = _write(small_export, tmp_path / "export.csv")
    outcome = CliRunner().invoke(app, ["adapt", str(path), "-o", str(tmp_path / "out"), "--base", str(tiny_model_dir),
                                       "--folds", "3", "--workers", "1"])
    assert outcome.exit_code == 0, outcome.output
    assert "300 rows read: 300 used, 0 rejected" in outcome.output
    assert "Share that should be recorded: audit" in outcome.output


def test_cli_adapt_refuses_one_fold(tmp_path):
    from typer.testing import CliRunner

    from classifier.cli import app

    outcome = CliRunner().invoke(app, ["adapt", "x.csv", "-o", str(tmp_path), "--folds", "1"])
    assert outcome.exit_code == 2
    assert "--folds" in outcome.output


def test_cli_adapt_reads_a_force_export_through_its_profile(small_export, tiny_model_dir, tmp_path):
    """The force's own column names and day-first dates reach adapt through one profile, as for score."""
    from typer.testing import CliRunner

    from classifier.cli import app
    from classifier.data import ForceProfile, save_profile

    export = small_export.rename(columns={"incident_id": "URN", "narrative": "Opening Remarks"})
    if "reported_at" in export.columns:
        stamps = pd.to_datetime(export["reported_at"], errors="coerce")
        export["reported_at"] = stamps.dt.strftime("%d/%m/%Y %H:%M").fillna("")
    profile = save_profile(ForceProfile(columns={"incident_id": "URN", "narrative": "Opening Remarks"},
                                        date_format="dayfirst"), tmp_path / "force.toml")
    path = _write(export, tmp_path / "export.csv")
    outcome = CliRunner().invoke(app, ["adapt", str(path), "-o", str(tmp_path / "out"), "--base", str(tiny_model_dir),
                                       "--profile", str(profile), "--folds", "3", "--workers", "1"])
    assert outcome.exit_code == 0, outcome.output
    assert "300 rows read: 300 used, 0 rejected" in outcome.output
    scored = pd.read_csv(tmp_path / "out" / "scored.csv", dtype=str, keep_default_na=False)
    assert {"URN", "Opening Remarks", "p_should_record"} <= set(scored.columns)


def test_a_head_that_is_not_adopted_scores_exactly_as_the_base(small_export, tiny_model, tmp_path):
    """adopted=[False]: probabilities, flags and groups are the base's own, threshold included."""
    adapt(_write(small_export, tmp_path / "export.csv"), tmp_path / "out", base=tiny_model, folds=3, workers=1)
    fitted = load_model(tmp_path / "out" / "model")
    kept = AdaptedModel(tiny_model, fitted.vocabulary, fitted.heads, stackers=fitted.stackers, adopted=[False],
                        threshold=0.01)
    frame = small_export.drop(columns=["should_record", "hocr_category", "inclusion_probability"])
    base, same = tiny_model.predict_frame(frame, evidence=False), kept.predict_frame(frame, evidence=False)
    pd.testing.assert_frame_equal(same, base)
    used = AdaptedModel(tiny_model, fitted.vocabulary, fitted.heads, stackers=fitted.stackers, adopted=[True],
                        threshold=0.01).predict_frame(frame, evidence=False)
    assert not np.allclose(used["p_should_record"], base["p_should_record"])


def test_selection_is_reported_and_each_fold_decided_without_its_own_labels(small_export, tiny_model, tmp_path):
    from training.adapt.selection import fold_decisions, log_loss_gain

    result = adapt(_write(small_export, tmp_path / "export.csv"), tmp_path / "out", base=tiny_model, folds=3,
                   workers=1)
    selection = result.report["selection"]
    assert len(selection["fold_adopted"]) == len(selection["per_fold"]) == 3
    final = selection["final"]
    assert final["adopted"] == (final["low"] > 0 and final["roc_auc_adapted"] >= final["roc_auc_base"])
    assert final["low"] <= final["log_loss_gain"] <= final["high"]
    assert any("base model" in note for note in result.notes)
    card = load_model(tmp_path / "out" / "model").card_
    assert card["metrics"]["adapted_head_selection"]["adopted"] == float(final["adopted"])
    # fold_decisions: flipping labels inside fold 0 cannot change fold 0's decision
    rng = np.random.default_rng(0)
    n = 600
    folds, y = rng.integers(0, 3, n), rng.random(n) < 0.4
    base_margin = np.where(y, 1.0, -1.0) + rng.normal(0, 2, n)
    inner = [np.where(y, 2.0, -2.0) + rng.normal(0, 1, n) for _ in range(3)]
    p_base = 1 / (1 + np.exp(-base_margin))
    from training.adapt.fitting import _fit_stacker

    first = fold_decisions(y, folds, np.ones(n, bool), p_base, base_margin, inner, _fit_stacker, 3)
    flipped = np.where(folds == 0, ~y, y)
    second = fold_decisions(flipped, folds, np.ones(n, bool), p_base, base_margin, inner, _fit_stacker, 3)
    assert first[0].to_dict() == second[0].to_dict()
    assert first[0].adopted  # the stacked margins carry real signal the base lacks
    assert not log_loss_gain(y, p_base, p_base).adopted  # no gain over the base: the base is kept


def test_label_issues_accepts_an_adapted_model(small_export, tiny_model, tmp_path):
    """'crimerec label-issues --model DIR/model' with an adapted model reuses its base's features."""
    from training.audit.label_issues import find_label_issues_in_store
    from training.audit.labels import LabelStore

    adapt(_write(small_export, tmp_path / "export.csv"), tmp_path / "out", base=tiny_model, folds=3, workers=1)
    adapted = load_model(tmp_path / "out" / "model")
    labelled = small_export[small_export["should_record"].notna()].copy()
    labelled["should_record"] = labelled["should_record"].astype(bool)
    flipped = labelled["incident_id"].iloc[:3]
    labelled.loc[labelled["incident_id"].isin(flipped), "should_record"] ^= True
    store = LabelStore.in_memory()
    store.add_frame(labelled.drop(columns=["recorded"]), source="audit.csv")
    issues = find_label_issues_in_store(store, cv_folds=3, model=adapted)
    assert {"incident_id", "should_record"} <= set(issues.columns)
    assert issues["incident_id"].is_unique and set(issues["incident_id"]) <= set(labelled["incident_id"])
