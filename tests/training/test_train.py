"""Tests for training.train and training.tracking: fitting, card, determinism, MLflow run and registry."""

import json

import mlflow
import pandas as pd
import pytest

from classifier import SchemaError
from classifier.model import CALIBRATIONS, load_model
from training.config import load_config
from training.tracking import MlflowTracker, NullTracker, default_tracking_uri
from training.train import dataset_digest, split_frame, train


@pytest.fixture(scope="module")
def generated():
    """300 generated audited logs (the generator is deterministic for a seed)."""
    from training.generator.generate import generate_incidents

    return generate_incidents(300, seed=11)


def _config(**overrides):
    """A small, fast configuration; tracking off unless a test passes a tracker."""
    small = {"model.min_df": 1, "model.max_word_features": 3000, "model.max_char_features": 3000,
             "tracking.enabled": False}
    return load_config(overrides={**small, **overrides})


def test_train_writes_a_loadable_model_with_its_card(generated, tmp_path):
    config = _config()
    steps = []
    result = train(config, data=generated, output_dir=tmp_path / "m", tracker=NullTracker(),
                   progress=steps.append, command="crimerec train x.csv")
    card = json.loads((tmp_path / "m" / "model_card.json").read_text())
    train_part, validation = split_frame(generated, config)
    assert card["training_rows"] == len(generated)
    assert card["validation_rows"] == len(validation) and card["train_rows"] == len(train_part)
    assert card["training_data_sha256"] == dataset_digest(generated)
    assert card["threshold"] == result.model.threshold_
    assert card["command"] == "crimerec train x.csv" and card["mlflow_run_id"] is None
    assert card["config"]["model"]["min_df"] == 1
    assert set(card["calibration_comparison"]) == set(CALIBRATIONS)
    briers = {m: v["brier"] for m, v in card["calibration_comparison"].items()}
    assert card["calibration"] == min(briers, key=briers.get)
    # The threshold is the highest reaching the target recall on validation, so recall >= target.
    assert result.metrics["recall"] >= config.threshold.target_recall
    assert any("preprocessing" in step for step in steps)
    loaded = load_model(tmp_path / "m")
    pd.testing.assert_frame_equal(loaded.predict_frame(validation), result.model.predict_frame(validation))


def test_training_is_deterministic_for_a_seed(generated, tmp_path):
    config = _config(**{"model.calibration": "sigmoid"})
    first = train(config, data=generated, output_dir=tmp_path / "a")
    second = train(config, data=generated, output_dir=tmp_path / "b")
    sample = generated.head(40)
    pd.testing.assert_frame_equal(first.model.predict_frame(sample), second.model.predict_frame(sample))
    assert first.model.threshold_ == second.model.threshold_


def test_train_without_labels_is_refused(generated, tmp_path):
    unlabelled = generated.drop(columns=["should_record"])
    with pytest.raises(SchemaError, match="should_record"):
        train(_config(), data=unlabelled, output_dir=tmp_path / "m")
    assert not (tmp_path / "m").exists()


def test_mlflow_run_is_logged_and_first_model_becomes_champion(generated, tmp_path):
    config = _config(**{"tracking.enabled": True})
    result = train(config, data=generated, output_dir=tmp_path / "m",
                   tracker=MlflowTracker(config.tracking))
    client = mlflow.MlflowClient(default_tracking_uri())
    run = client.get_run(result.run_id)
    assert run.info.status == "FINISHED"
    assert run.data.params["model.min_df"] == "1"
    assert run.data.params["training_data_sha256"] == dataset_digest(generated)
    assert 0.0 <= run.data.metrics["validation.roc_auc"] <= 1.0
    logged = {item.path for item in client.list_artifacts(result.run_id)}
    assert {"model_card.json", "MODEL_CARD.md", "plots"} <= logged
    assert result.card["mlflow_run_id"] == result.run_id
    aliases = client.get_registered_model("crimerec").aliases
    assert {alias: str(version) for alias, version in aliases.items()} == {"champion": result.model_version}

    again = train(config, data=generated, output_dir=tmp_path / "m2", tracker=MlflowTracker(config.tracking))
    assert again.model_version != result.model_version
    aliases = client.get_registered_model("crimerec").aliases
    assert {alias: str(version) for alias, version in aliases.items()} == {"champion": result.model_version}


def test_logged_artefacts_hold_no_narratives(generated, tmp_path):
    config = _config(**{"tracking.enabled": True})
    result = train(config, data=generated, output_dir=tmp_path / "m", tracker=MlflowTracker(config.tracking))
    local = mlflow.artifacts.download_artifacts(run_id=result.run_id, artifact_path="model_card.json",
                                                dst_path=str(tmp_path / "dl"))
    card_text = open(local, encoding="utf-8").read()
    run = mlflow.MlflowClient(default_tracking_uri()).get_run(result.run_id)
    logged_text = card_text + json.dumps(run.data.params) + json.dumps(run.data.tags)
    for narrative in generated["narrative"].head(50):
        assert narrative[:60] not in logged_text


def test_pyfunc_model_scores_like_the_model(generated, tmp_path):
    config = _config(**{"tracking.enabled": True})
    result = train(config, data=generated, output_dir=tmp_path / "m", tracker=MlflowTracker(config.tracking))
    pyfunc = mlflow.pyfunc.load_model("models:/crimerec@champion")
    sample = generated.head(8)[["incident_id", "narrative", "opening_code", "closing_comment"]]
    served = pyfunc.predict(sample.astype(str))
    expected = result.model.predict_frame(sample.reset_index(drop=True))
    pd.testing.assert_series_equal(served["p_should_record"], expected["p_should_record"])


# ---- the train / evaluate commands ------------------------------------------------------------


@pytest.fixture(scope="module")
def generated_csv(generated, tmp_path_factory):
    """The generated logs written as a CSV file, as a force analyst would pass them."""
    from classifier.data import write_frame

    path = tmp_path_factory.mktemp("data") / "audited.csv"
    write_frame(generated, path)
    return path


SMALL = ["--set", "model.min_df=1", "--set", "model.max_word_features=3000",
         "--set", "model.max_char_features=3000"]


def test_train_then_evaluate_commands(generated_csv, tmp_path):
    from typer.testing import CliRunner

    from classifier.cli import app

    model_dir = tmp_path / "model"
    trained = CliRunner().invoke(app, ["train", str(generated_csv), "-o", str(model_dir), "--seed", "3",
                                       "--set", "tracking.enabled=false", *SMALL])
    assert trained.exit_code == 0, trained.output
    assert f"Saved {model_dir}" in trained.stdout and "validation ROC-AUC" in trained.stdout
    card = json.loads((model_dir / "model_card.json").read_text())
    assert card["config"]["data"]["seed"] == 3 and card["command"].startswith("crimerec ")

    evaluated = CliRunner().invoke(app, ["evaluate", str(generated_csv), "-m", str(model_dir), "--json",
                                         str(tmp_path / "m.json"), "--plots", str(tmp_path / "plots")])
    assert evaluated.exit_code == 0, evaluated.output
    metrics = json.loads((tmp_path / "m.json").read_text())
    assert {"roc_auc", "pr_auc", "brier", "ece", "precision", "recall", "f1", "category_accuracy",
            "domestic_abuse_accuracy"} <= set(metrics)
    assert "roc_auc" in evaluated.stdout
    assert (tmp_path / "plots" / "reliability.png").exists()
    assert (tmp_path / "plots" / "precision_recall.png").exists()


def test_train_command_rejects_unknown_settings(generated_csv, tmp_path):
    from typer.testing import CliRunner

    from classifier.cli import app
    from training.config import ConfigError

    result = CliRunner().invoke(app, ["train", str(generated_csv), "-o", str(tmp_path / "m"),
                                      "--set", "model.learning_rate=3"])
    assert isinstance(result.exception, ConfigError)
    assert "model.learning_rate" in str(result.exception)
    assert not (tmp_path / "m").exists()
