"""Tests for classifier.model.estimator: predictions, evidence, decision-blindness, save/load with checksum."""

import importlib
import json
import sys
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from classifier import (
    HOCR_GROUPS,
    NO_CRIME,
    ChecksumError,
    ModelLoadError,
    NotFittedError,
    SchemaError,
)
from classifier.model import (
    PREDICTION_COLUMNS,
    CrimeRecModel,
    ModelVersionWarning,
    load_model,
    save_model,
)
from classifier.model import persist as _persist

NEW_LOGS = (
    "IP states her ex-partner punched her twice in the face, she does not wish to support police action.",
    "Neighbour complains about a barking dog, no offences disclosed.",
    "Caller reports that a man stole her purse from her bag on the train.",
    "Concern for welfare: elderly male found safe and well at his daughter's address.",
    "Male threatened to kill the caller and smashed his car window with a brick.",
    "Verbal argument about parking, no threats and no violence.",
)


def _frame(narratives, **columns):
    """A minimal contract frame around some narratives."""
    frame = pd.DataFrame({"incident_id": [f"N{i}" for i in range(len(narratives))],
                          "narrative": list(narratives)})
    for name, values in columns.items():
        frame[name] = values
    return frame


def test_predict_frame_columns_types_and_index(tiny_model):
    frame = _frame(NEW_LOGS).set_index(pd.Index([10, 3, 7, 99, 5, 42]))
    scored = tiny_model.predict_frame(frame)
    assert list(scored.columns) == list(PREDICTION_COLUMNS)
    assert scored.index.equals(frame.index)
    assert scored["p_should_record"].between(0, 1).all()
    assert scored["p_domestic_abuse"].between(0, 1).all()
    assert scored["predicted_should_record"].dtype == bool
    assert (scored["predicted_should_record"] == (scored["p_should_record"] >= tiny_model.threshold_)).all()


def test_predicted_category_is_consistent_with_the_flag(tiny_model, tiny_frame):
    scored = tiny_model.predict_frame(pd.concat([tiny_frame, _frame(NEW_LOGS)], ignore_index=True))
    flagged = scored["predicted_should_record"]
    assert (scored.loc[~flagged, "predicted_category"] == NO_CRIME).all()
    crime_groups = set(HOCR_GROUPS) - {NO_CRIME}
    assert scored.loc[flagged, "predicted_category"].isin(crime_groups).all()


def test_tiny_model_separates_its_training_logs(tiny_model, tiny_frame):
    scored = tiny_model.predict_frame(tiny_frame)
    y = tiny_frame["should_record"].astype(bool)
    assert scored.loc[y, "p_should_record"].min() > scored.loc[~y, "p_should_record"].max()


def test_batch_scoring_equals_row_by_row(tiny_model, tiny_frame):
    frame = pd.concat([tiny_frame.head(10), _frame(NEW_LOGS)], ignore_index=True)
    batch = tiny_model.predict_frame(frame)
    rows = pd.concat([tiny_model.predict_frame(frame.iloc[[i]]) for i in range(len(frame))])
    pd.testing.assert_frame_equal(batch, rows)


def test_decision_columns_never_change_the_score(tiny_model, tiny_frame):
    frame = tiny_frame.head(12).copy()
    before = tiny_model.predict_frame(frame)
    frame["recorded"] = ~frame["recorded"]
    frame["closing_code"] = ["CRIME RECORDED", "NO CRIME", "FILED"] * 4
    after = tiny_model.predict_frame(frame)
    pd.testing.assert_frame_equal(before, after)


DECISION_CLOSINGS = ("Closed.", "Closed. Crime recorded CRI/24/012345.", "Closed. No crime.",
                     "Closed. Crimed as common assault, CRI/18/556677 - filed.", "Closed. NFA.")


@pytest.mark.parametrize("narrative", NEW_LOGS[:3], ids=["assault", "noise", "theft"])
def test_decision_wording_in_the_closing_comment_never_changes_the_score(tiny_model, narrative):
    frame = _frame([narrative] * len(DECISION_CLOSINGS), closing_comment=list(DECISION_CLOSINGS))
    scored = tiny_model.predict_frame(frame)
    assert scored["p_should_record"].nunique() == 1
    assert scored["evidence"].nunique() == 1


def test_model_without_closing_comment_never_reads_it(tiny_frame):
    model = CrimeRecModel(min_df=1, read_closing_comment=False).fit(tiny_frame)
    changed = tiny_frame.assign(closing_comment="Punched, stabbed, robbed and threatened to kill.")
    pd.testing.assert_frame_equal(model.predict_frame(tiny_frame), model.predict_frame(changed))


def test_evidence_is_short_text_with_contributions(tiny_model):
    scored = tiny_model.predict_frame(_frame(NEW_LOGS))
    flagged_evidence = scored.loc[scored["predicted_should_record"], "evidence"]
    assert len(flagged_evidence) > 0
    assert all("(+" in text for text in flagged_evidence)
    assert all(len(text.split("; ")) <= tiny_model.evidence_top_k + 3 for text in scored["evidence"])
    quiet = tiny_model.predict_frame(_frame(NEW_LOGS), evidence=False)
    assert (quiet["evidence"] == "").all()
    pd.testing.assert_series_equal(quiet["p_should_record"], scored["p_should_record"])


def test_evidence_contributions_are_exact_for_the_linear_part(tiny_model):
    features = tiny_model.featurise(_frame(NEW_LOGS[:1]))
    contributions = features.matrix.multiply(tiny_model.record_head_.coef_[0]).toarray()[0]
    margin = tiny_model.decision_function(features)[0]
    assert contributions.sum() + tiny_model.record_head_.intercept_[0] == pytest.approx(margin, rel=1e-5)


def test_empty_frame_gives_empty_predictions(tiny_model):
    scored = tiny_model.predict_frame(_frame(()))
    assert scored.empty and list(scored.columns) == list(PREDICTION_COLUMNS)


def test_missing_narrative_column_is_a_schema_error(tiny_model):
    with pytest.raises(SchemaError, match="narrative"):
        tiny_model.predict_frame(pd.DataFrame({"incident_id": ["a"]}))


def test_decision_weights_make_recorded_independent_of_the_label():
    from classifier.model.heads import decision_weights as _decision_weights

    y = np.array([True] * 8 + [False] * 8)
    recorded = [True] * 6 + [False] * 2 + [False] * 7 + [True] * 1
    frame = pd.DataFrame({"recorded": pd.array(recorded, dtype="boolean")})
    weights = _decision_weights(frame, y)
    r = np.array(recorded)
    total = weights.sum()
    for y_value in (False, True):
        for r_value in (False, True):
            cell = weights[(y == y_value) & (r == r_value)].sum() / total
            marginal_y = weights[y == y_value].sum() / total
            marginal_r = weights[r == r_value].sum() / total
            assert cell == pytest.approx(marginal_y * marginal_r)
    assert weights[y].sum() / total == pytest.approx(0.5)  # the label's share is unchanged


def test_decision_weights_ignore_missing_recorded():
    from classifier.model.heads import decision_weights as _decision_weights

    frame = pd.DataFrame({"recorded": pd.array([None, None, True, False], dtype="boolean")})
    weights = _decision_weights(frame, np.array([True, False, True, False]))
    assert list(weights[:2]) == [1.0, 1.0]
    assert (_decision_weights(frame.drop(columns="recorded"), np.array([True] * 4)) == 1.0).all()


def test_unfitted_model_says_how_to_get_a_trained_one():
    with pytest.raises(NotFittedError, match="load_model"):
        CrimeRecModel().predict_frame(_frame(NEW_LOGS))


@pytest.mark.parametrize(("param", "value"), [("calibration", "platt"), ("alpha", 0.0), ("char_ngram_range", (5, 3))],
                         ids=["calibration", "alpha", "char-range"])
def test_bad_parameters_fail_at_fit_naming_the_parameter(tiny_frame, param, value):
    with pytest.raises(ValueError, match=f"parameter {param} must be"):
        CrimeRecModel(**{param: value}).fit(tiny_frame)


def test_fit_needs_both_classes(tiny_frame):
    only_crimes = tiny_frame[tiny_frame["should_record"].astype(bool)]
    with pytest.raises(SchemaError, match="each should_record value"):
        CrimeRecModel(min_df=1).fit(only_crimes)


def test_set_operating_point_rejects_bad_values(tiny_model):
    with pytest.raises(ValueError, match="threshold must be in"):
        tiny_model.set_operating_point(threshold=1.5)
    with pytest.raises(ValueError, match="calibration must be one of"):
        tiny_model.set_operating_point(calibration="platt")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(min_size=1, max_size=80), min_size=1, max_size=4))
def test_scores_stay_probabilities_for_any_text(tiny_model, narratives):
    scored = tiny_model.predict_frame(_frame(narratives))
    assert len(scored) == len(narratives)
    assert scored["p_should_record"].between(0, 1).all()


# ---- persistence ------------------------------------------------------------------------------


def test_save_load_round_trip_gives_identical_predictions(tiny_model, tiny_model_dir, tiny_frame):
    loaded = load_model(tiny_model_dir)
    frame = pd.concat([tiny_frame, _frame(NEW_LOGS)], ignore_index=True)
    pd.testing.assert_frame_equal(tiny_model.predict_frame(frame), loaded.predict_frame(frame))
    assert loaded.threshold_ == tiny_model.threshold_
    assert loaded.card_["sha256"] == _persist.file_sha256(tiny_model_dir / "model.joblib")


def _save_under_old_module_names(model, directory, monkeypatch):
    """Save ``model`` as crimerec did before the wings layout: its classes named by their old modules."""
    for old, new in _persist._LEGACY_MODULES.items():
        module = importlib.import_module(new)
        monkeypatch.setitem(sys.modules, old, module)
        for value in vars(module).values():
            if isinstance(value, type) and value.__module__ == new:
                monkeypatch.setattr(value, "__module__", old)
    save_model(model, directory, card={"command": "an older crimerec"})
    monkeypatch.undo()


def test_model_saved_before_the_wings_layout_still_loads(tiny_model, tiny_frame, tmp_path, monkeypatch):
    _save_under_old_module_names(tiny_model, tmp_path / "old", monkeypatch)
    assert not any(old in sys.modules for old in _persist._LEGACY_MODULES)
    try:
        loaded = load_model(tmp_path / "old")
        assert "classifier._features" in sys.modules  # only the legacy path puts it there
        pd.testing.assert_frame_equal(tiny_model.predict_frame(tiny_frame), loaded.predict_frame(tiny_frame))
    finally:
        for old in _persist._LEGACY_MODULES:
            sys.modules.pop(old, None)


def test_model_card_files(tiny_model_dir):
    card = json.loads((tiny_model_dir / "model_card.json").read_text())
    for key in ("format_version", "created", "library_versions", "threshold", "sha256", "calibration"):
        assert key in card
    assert card["library_versions"]["scikit-learn"]
    markdown = (tiny_model_dir / "MODEL_CARD.md").read_text()
    assert card["sha256"] in markdown and "Operating threshold" in markdown


def _copy_model(source, tmp_path):
    """Copy a model directory so a test can damage it."""
    import shutil

    target = tmp_path / "copy"
    shutil.copytree(source, target)
    return target


def test_flipped_byte_is_refused_without_unpickling(tiny_model_dir, tmp_path, monkeypatch):
    directory = _copy_model(tiny_model_dir, tmp_path)
    artefact = directory / "model.joblib"
    data = bytearray(artefact.read_bytes())
    data[len(data) // 2] ^= 0x01
    artefact.write_bytes(bytes(data))

    def _never(*args, **kwargs):
        raise AssertionError("joblib.load was called on a file whose checksum does not match")

    monkeypatch.setattr("joblib.load", _never)
    with pytest.raises(ChecksumError, match="does not match its model card"):
        load_model(directory)


def test_card_without_checksum_is_refused(tiny_model_dir, tmp_path):
    directory = _copy_model(tiny_model_dir, tmp_path)
    card = json.loads((directory / "model_card.json").read_text())
    del card["sha256"]
    (directory / "model_card.json").write_text(json.dumps(card))
    with pytest.raises(ChecksumError, match="the card says None"):
        load_model(directory)


def test_missing_card_and_missing_directory(tiny_model_dir, tmp_path):
    directory = _copy_model(tiny_model_dir, tmp_path)
    (directory / "model_card.json").unlink()
    with pytest.raises(ModelLoadError, match="model_card.json is missing"):
        load_model(directory)
    with pytest.raises(ModelLoadError, match="does not exist"):
        load_model(tmp_path / "nowhere")


def _rewrite_card(directory, **changes):
    """Change top-level card fields in place."""
    card = json.loads((directory / "model_card.json").read_text())
    card.update(changes)
    (directory / "model_card.json").write_text(json.dumps(card))


def test_other_format_version_is_refused(tiny_model_dir, tmp_path):
    directory = _copy_model(tiny_model_dir, tmp_path)
    _rewrite_card(directory, format_version=99)
    with pytest.raises(ModelLoadError, match="format version 99; this crimerec reads format version 1"):
        load_model(directory)


def test_library_versions_major_refused_minor_warned(tiny_model_dir, tmp_path):
    directory = _copy_model(tiny_model_dir, tmp_path)
    versions = dict(_persist.library_versions())
    _rewrite_card(directory, library_versions={**versions, "scikit-learn": "0.24.2"})
    with pytest.raises(ModelLoadError, match="scikit-learn 0.24.2"):
        load_model(directory)
    major, minor = versions["scikit-learn"].split(".")[:2]
    _rewrite_card(directory, library_versions={**versions, "scikit-learn": f"{major}.{int(minor) + 1}.0"})
    with pytest.warns(ModelVersionWarning, match="other library versions"):
        load_model(directory)


def test_same_versions_load_without_warning(tiny_model_dir):
    with warnings.catch_warnings():
        warnings.simplefilter("error", ModelVersionWarning)
        load_model(tiny_model_dir)


def test_save_replaces_a_model_but_not_other_folders(tiny_model, tmp_path):
    target = tmp_path / "m"
    first = save_model(tiny_model, target)
    second = save_model(tiny_model, target, card={"note": "again"})
    assert second["note"] == "again" and first["created"] <= second["created"]
    assert sorted(p.name for p in target.iterdir()) == ["MODEL_CARD.md", "model.joblib", "model_card.json"]
    other = tmp_path / "notes"
    other.mkdir()
    (other / "keep.txt").write_text("x")
    with pytest.raises(ModelLoadError, match="Refusing to overwrite"):
        save_model(tiny_model, other)
    assert (other / "keep.txt").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_pickle_does_not_carry_the_card_or_caches(tiny_model, tiny_model_dir):
    tiny_model.predict_frame(_frame(NEW_LOGS[:1]))  # fills the evidence label cache
    state = tiny_model.__getstate__()
    assert "_labels" not in state
    assert load_model(tiny_model_dir).card_["sha256"]
    assert np.isfinite(load_model(tiny_model_dir).threshold_)
