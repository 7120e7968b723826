"""Tests for training.compare and training.baselines: same splits, honest table, Markdown rendering."""

import math

import numpy as np
import pytest

from training.baselines import (
    AnyKeywordRule,
    KeywordCountsLR,
    PlainTfidfLR,
    SingleKeywordRule,
    SpacyTextcat,
)
from training.compare import COMPARISON_COLUMNS, compare_models, render_comparison
from training.config import load_config


def test_single_keyword_rule_picks_the_most_useful_word(tiny_frame):
    rule = SingleKeywordRule().fit(tiny_frame)
    assert rule.keyword_ in rule.name
    scores = rule.score(tiny_frame)
    assert set(np.unique(scores)) <= {0.0, 1.0}


def test_any_keyword_rule_flags_crime_words(tiny_frame):
    frame = tiny_frame.head(2).copy()
    frame["narrative"] = ["He punched me.", "A quiet night."]
    frame["opening_code"] = ""
    frame["closing_comment"] = ""
    assert list(AnyKeywordRule().fit(frame).score(frame)) == [1.0, 0.0]


@pytest.mark.parametrize("baseline", [KeywordCountsLR(), PlainTfidfLR(), PlainTfidfLR(closing_comment=False)],
                         ids=["keyword-lr", "tfidf-lr", "tfidf-lr-no-closing"])
def test_learned_baselines_output_probabilities(tiny_frame, baseline):
    fitted = baseline.fit(tiny_frame)
    scores = fitted.score(tiny_frame)
    assert scores.shape == (len(tiny_frame),) and ((scores >= 0) & (scores <= 1)).all()


def test_plain_tfidf_without_closing_never_reads_it(tiny_frame):
    fitted = PlainTfidfLR(closing_comment=False).fit(tiny_frame)
    changed = tiny_frame.assign(closing_comment="Crime recorded, crime recorded, crime recorded.")
    np.testing.assert_array_equal(fitted.score(tiny_frame), fitted.score(changed))


def test_spacy_textcat_without_closing_never_reads_it(tiny_frame):
    fitted = SpacyTextcat(epochs=2, seed=1, closing_comment=False).fit(tiny_frame)
    changed = tiny_frame.assign(closing_comment="Crime recorded, crime recorded, crime recorded.")
    np.testing.assert_array_equal(fitted.score(tiny_frame), fitted.score(changed))
    assert fitted.name == "spaCy textcat (bow, no closing comment)"


def test_spacy_textcat_learns_the_tiny_logs(tiny_frame):
    scores = SpacyTextcat(epochs=8, seed=1).fit(tiny_frame).score(tiny_frame)
    y = tiny_frame["should_record"].astype(bool).to_numpy()
    assert scores[y].mean() > scores[~y].mean()


@pytest.mark.filterwarnings("ignore:The crimerec model given to compare_models")
def test_compare_models_table_and_markdown(tiny_frame, tiny_model):
    config = load_config(overrides={"data.validation_fraction": 0.5, "threshold.target_recall": 0.9})
    table = compare_models(tiny_frame, {"same logs": tiny_frame, "first half": tiny_frame.head(32)},
                           config=config, model=tiny_model, n_resamples=50,
                           baselines=[SingleKeywordRule(), PlainTfidfLR()])
    assert list(table.columns) == list(COMPARISON_COLUMNS)
    assert len(table) == 3 * 2
    assert set(table["eval_set"]) == {"same logs", "first half"}
    ours = table[table["model"].str.startswith("crimerec")]
    assert (ours["threshold"] == tiny_model.threshold_).all()
    rule = table[table["model"].str.startswith("single keyword")]
    assert rule["brier"].map(math.isnan).all()
    markdown = render_comparison(table, command="crimerec compare x", notes=["tiny test"])
    assert "crimerec compare x" in markdown and "## same logs (64 logs)" in markdown
    assert markdown.count("| crimerec (this model) |") == 2
    assert ours["delta_auc"].map(math.isnan).all() and not table["delta_auc"].map(math.isnan).all()
    assert "### crimerec by category on same logs" in markdown


def test_compare_warns_when_model_was_trained_on_other_data(tiny_frame, tiny_model):
    config = load_config(overrides={"data.validation_fraction": 0.5})
    with pytest.warns(UserWarning, match="not trained on this data"):
        compare_models(tiny_frame, {"x": tiny_frame}, config=config, model=tiny_model, n_resamples=10,
                       baselines=[AnyKeywordRule()])


def test_paired_difference_excludes_zero_only_when_one_model_is_clearly_ahead():
    from sklearn.metrics import roc_auc_score

    from training.evaluate import paired_bootstrap_difference

    rng = np.random.default_rng(0)
    y = rng.random(200) < 0.5
    strong = np.where(y, 0.7, 0.3) + rng.normal(0, 0.1, 200)
    weak = np.where(y, 0.55, 0.45) + rng.normal(0, 0.2, 200)
    difference, low, high = paired_bootstrap_difference(roc_auc_score, y, strong, weak, n_resamples=300)
    assert low <= difference <= high and low > 0
    same, low, high = paired_bootstrap_difference(roc_auc_score, y, strong, strong + 1e-9, n_resamples=300)
    assert same == 0 and low <= 0 <= high


def test_leave_scenario_out_auc_holds_out_whole_scenarios(tiny_model):
    from training.ablation import feature_blocks, leave_scenario_out_auc
    from training.generator.generate import generate_incidents

    frame = generate_incidents(1200, seed=4)  # 400 logs left the indicator AUC within noise of 0.5
    blocks = feature_blocks(tiny_model, frame)
    assert list(blocks) == ["words", "chars", "indicators"]
    assert sum(block.shape[1] for block in blocks.values()) == tiny_model.record_head_.coef_.shape[1]
    auc = leave_scenario_out_auc(blocks["indicators"].tocsr(), frame, folds=3)
    assert 0.55 < auc <= 1.0
    shuffled = frame.assign(should_record=frame["should_record"].sample(frac=1, random_state=0).to_numpy())
    assert leave_scenario_out_auc(blocks["indicators"].tocsr(), shuffled, folds=3) < auc
