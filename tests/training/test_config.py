"""Tests for training.config: defaults from the TOML file, overrides, and rejected settings."""

import dataclasses

import pytest

from classifier import InputFileError
from training.config import (
    ConfigError,
    TrainConfig,
    flatten_config,
    load_config,
    parse_overrides,
)


def test_default_file_matches_dataclass_defaults():
    assert load_config() == TrainConfig()


def test_user_file_overrides_only_its_keys(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text("[model]\nalpha = 2e-5\nmax_iter = 20\ncalibration = 'isotonic'\n[data]\nseed = 7\n")
    config = load_config(path)
    assert config.model.alpha == 2e-5 and config.model.max_iter == 20
    assert config.model.calibration == "isotonic"
    assert config.data.seed == 7
    assert config.model.min_df == TrainConfig().model.min_df


def test_dotted_overrides_win_over_file(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text("[data]\nseed = 7\n")
    config = load_config(path, overrides=parse_overrides(["data.seed=9", "tracking.enabled=false"]))
    assert config.data.seed == 9 and config.tracking.enabled is False


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("[modle]\nalpha = 1.0\n", "Unknown training config section 'modle'"),
        ("[model]\nC = 1.0\n", "Unknown training setting 'model.C'"),
        ("[model]\nalpha = 'big'\n", "'model.alpha' is 'big'"),
        ("[model]\nalpha = -1.0\n", r"'model.alpha' is -1.0; it must be a number in \(0, 1\)"),
        ("[model]\ncalibration = 'platt'\n", "model.calibration"),
        ("[threshold]\ntarget_recall = 1.5\n", "threshold.target_recall"),
        ("[tracking]\nenabled = 'yes'\n", "tracking.enabled"),
        ("[data]\nseed = true\n", "data.seed"),
    ],
    ids=["unknown-section", "unknown-key", "wrong-type", "out-of-range", "bad-choice",
         "recall-above-one", "bool-as-text", "bool-as-int"],
)
def test_invalid_settings_are_rejected_with_the_key_named(tmp_path, text, match):
    path = tmp_path / "c.toml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=match):
        load_config(path)


def test_missing_and_broken_files(tmp_path):
    with pytest.raises(InputFileError, match="Cannot read training config"):
        load_config(tmp_path / "absent.toml")
    broken = tmp_path / "broken.toml"
    broken.write_text("[model\n")
    with pytest.raises(InputFileError, match="not valid TOML"):
        load_config(broken)


def test_override_syntax_is_checked():
    with pytest.raises(ConfigError, match="section.key=value"):
        parse_overrides(["seed=3"])


def test_config_is_frozen_and_flattens_every_key():
    config = TrainConfig()
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.data.seed = 3
    flat = flatten_config(config)
    assert flat["model.calibration"] == "auto"
    assert len(flat) == sum(len(dataclasses.fields(f.type)) for f in dataclasses.fields(TrainConfig))
