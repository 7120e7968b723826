"""Tests for training/audit/promotion.py: the paired bootstrap and the promotion rule."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import roc_auc_score

from training.audit.promotion import (
    PromotionRule,
    check_batch_agreement,
    compare_on_holdout,
    decide_promotion,
    paired_bootstrap_auc,
)


def _scores(seed, n=300, separation=1.0):
    """Labels and a noisy score whose quality grows with ``separation``."""
    rng = np.random.default_rng(seed)
    y = rng.random(n) < 0.4
    return y, 1 / (1 + np.exp(-(separation * (2 * y - 1) + rng.normal(0, 1, n))))


def _holdout(n_per_group=40):
    """A holdout of two crime groups plus non-crimes, with both models' predictions."""
    groups = ["Violence without injury"] * n_per_group + ["Sexual offences"] * n_per_group
    frame = pd.DataFrame({
        "should_record": pd.array([True] * (2 * n_per_group) + [False] * n_per_group, dtype="boolean"),
        "hocr_category": groups + ["No crime"] * n_per_group,
    })
    p = np.r_[np.linspace(0.55, 0.95, 2 * n_per_group), np.linspace(0.05, 0.6, n_per_group)]
    champion = pd.DataFrame({"p_should_record": p, "predicted_should_record": p >= 0.5}, index=frame.index)
    return frame, champion


def test_point_difference_matches_sklearn_including_ties():
    y = np.array([0, 0, 1, 1, 0, 1, 0, 1])
    a = np.array([0.1, 0.5, 0.5, 0.9, 0.3, 0.3, 0.7, 0.8])
    b = np.array([0.2, 0.2, 0.6, 0.6, 0.1, 0.4, 0.6, 0.9])
    result = paired_bootstrap_auc(y, a, b, n_boot=200)
    assert result.diff == pytest.approx(roc_auc_score(y, b) - roc_auc_score(y, a))


def test_identical_models_have_a_zero_width_interval():
    y, p = _scores(0)
    result = paired_bootstrap_auc(y, p, p, n_boot=300)
    assert (result.diff, result.low, result.high) == (0.0, 0.0, 0.0)


def test_clearly_better_challenger_has_interval_above_zero():
    y, weak = _scores(1, separation=0.3)
    _, strong = _scores(1, separation=2.0)
    result = paired_bootstrap_auc(y, weak, strong, n_boot=500, seed=4)
    assert result.low > 0.05 and result.low <= result.diff <= result.high


def test_pairing_makes_the_interval_narrower_than_the_unpaired_sum():
    y, champion = _scores(2, separation=1.5)
    challenger = np.clip(champion + np.random.default_rng(9).normal(0, 0.02, len(y)), 0, 1)
    paired = paired_bootstrap_auc(y, champion, challenger, n_boot=500)
    single = paired_bootstrap_auc(y, np.full(len(y), 0.5), champion, n_boot=500)
    assert (paired.high - paired.low) < 0.25 * (single.high - single.low)


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.integers(20, 80))
def test_swapping_the_models_negates_the_difference(seed, n):
    rng = np.random.default_rng(seed)
    y = np.r_[np.zeros(n // 2), np.ones(n - n // 2)]
    a, b = rng.random(n), rng.random(n)
    ab = paired_bootstrap_auc(y, a, b, n_boot=200, seed=seed)
    ba = paired_bootstrap_auc(y, b, a, n_boot=200, seed=seed)
    assert ab.diff == pytest.approx(-ba.diff)
    assert ab.low == pytest.approx(-ba.high) and ab.high == pytest.approx(-ba.low)
    assert -1 <= ab.low <= ab.diff <= ab.high <= 1


@pytest.mark.parametrize(("y", "a", "b", "message"), [
    ([1, 1, 1], [0.1, 0.2, 0.3], [0.1, 0.2, 0.3], "both classes"),
    ([0, 1, 1], [0.1, 0.2], [0.1, 0.2, 0.3], "length"),
    ([0, 1, 2], [0.1, 0.2, 0.3], [0.1, 0.2, 0.3], "0/1"),
    ([0, 1, 1], [0.1, np.nan, 0.3], [0.1, 0.2, 0.3], "missing"),
], ids=["one-class", "length-mismatch", "not-binary", "missing-score"])
def test_bad_inputs_are_refused(y, a, b, message):
    with pytest.raises(ValueError, match=message):
        paired_bootstrap_auc(y, a, b, n_boot=100)


def test_recall_table_has_support_and_both_recalls():
    holdout, champion = _holdout()
    challenger = champion.copy()
    sexual = holdout.index[holdout["hocr_category"] == "Sexual offences"]
    challenger.loc[sexual[:10], ["p_should_record", "predicted_should_record"]] = [0.3, False]
    comparison = compare_on_holdout(holdout, champion, challenger, rule=PromotionRule(n_boot=300))
    table = comparison.recall.set_index("category")
    assert table.loc["Sexual offences", "support"] == 40
    assert table.loc["Sexual offences", "recall_challenger"] == pytest.approx(0.75)
    assert table.loc["Violence without injury", "diff"] == 0.0
    assert "No crime" not in table.index


def test_no_champion_means_promotion():
    decision = decide_promotion(None, has_champion=False)
    assert decision.promote and "No champion yet" in decision.reasons[0]


def test_same_model_is_promoted_with_reasons():
    holdout, champion = _holdout()
    comparison = compare_on_holdout(holdout, champion, champion.copy(), rule=PromotionRule(n_boot=200))
    decision = decide_promotion(comparison)
    assert decision.promote and decision.blocked_by == []
    assert any("not worse beyond the margin" in r for r in decision.reasons)


def test_recall_drop_in_a_supported_group_blocks_promotion():
    holdout, champion = _holdout()
    challenger = champion.copy()
    sexual = holdout.index[holdout["hocr_category"] == "Sexual offences"]
    challenger.loc[sexual[:6], "predicted_should_record"] = False  # recall 1.0 -> 0.85, AUC unchanged
    rule = PromotionRule(n_boot=300, min_support=30)
    decision = decide_promotion(compare_on_holdout(holdout, champion, challenger, rule=rule), rule=rule)
    assert not decision.promote and decision.blocked_by == ["recall"]
    assert any("'Sexual offences'" in r and "worse beyond the margin" in r for r in decision.reasons)
    lenient = PromotionRule(n_boot=300, min_support=41)
    assert decide_promotion(compare_on_holdout(holdout, champion, challenger, rule=lenient),
                            rule=lenient).promote


def _auc_only(y, p_champion, p_challenger):
    """Compare two probability vectors on one holdout where only the ROC-AUC check can block."""
    holdout = pd.DataFrame({"should_record": pd.array(y, dtype="boolean"), "hocr_category": "Burglary"})
    as_pred = lambda p: pd.DataFrame({"p_should_record": p, "predicted_should_record": p >= 0.5})  # noqa: E731
    rule = PromotionRule(n_boot=300, min_support=10_000)
    comparison = compare_on_holdout(holdout, as_pred(p_champion), as_pred(p_challenger), rule=rule)
    return comparison, rule


def test_auc_drop_blocks_and_force_overrides_with_the_reason_logged():
    y, good = _scores(5, separation=2.5)
    _, bad = _scores(6, separation=0.5)
    comparison, rule = _auc_only(y, good, bad)
    decision = decide_promotion(comparison, rule=rule)
    assert not decision.promote and decision.blocked_by == ["auc"]
    assert not any("too few" in r for r in decision.reasons)  # it looks worse: no row estimate
    forced = decide_promotion(comparison, rule=rule, force=True, force_reason="urgent fix agreed by registrar")
    assert forced.promote and forced.forced and forced.blocked_by == ["auc"]
    assert "FORCED" in forced.reasons[-1] and "registrar" in forced.reasons[-1]


def test_unresolved_conflicts_block_even_a_better_model():
    holdout, champion = _holdout()
    comparison = compare_on_holdout(holdout, champion, champion.copy(), rule=PromotionRule(n_boot=200))
    decision = decide_promotion(comparison, n_unresolved_conflicts=4)
    assert not decision.promote and decision.blocked_by == ["conflicts"]
    assert "--latest-wins" in decision.reasons[0]


def _losses(n, wrong_share, seed):
    """Squared errors of a fairly good model: small for most labels, large for a share of them."""
    rng = np.random.default_rng(seed)
    wrong = rng.random(n) < wrong_share
    return np.where(wrong, rng.uniform(0.5, 0.95, n), rng.uniform(0.0, 0.1, n))


def test_batch_that_disagrees_with_the_champion_blocks():
    passes, new_mean, p_value, base = check_batch_agreement(_losses(300, 0.25, 1), _losses(150, 0.05, 2))
    assert not passes and new_mean - base > 0.1 and p_value < 1e-6
    decision = decide_promotion(None, has_champion=False, agreement=(passes, new_mean, p_value, base))
    assert not decision.promote and decision.blocked_by == ["label-agreement"]
    assert "Brier score on the new labels" in decision.reasons[0]


@pytest.mark.parametrize(("new", "baseline", "passes"), [
    ((400, 0.06, 3), (80, 0.06, 4), True),       # same label quality, small baseline
    ((5000, 0.09, 5), (5000, 0.06, 6), True),    # significant but below the minimum excess
    ((200, 0.25, 7), (160, 0.06, 8), False),     # a fifth of the labels wrong
    ((1, 0.0, 9), (80, 0.06, 10), True),         # too few new labels to judge
], ids=["same-quality", "tiny-excess", "corrupted", "one-label"])
def test_agreement_check_needs_significance_and_a_real_excess(new, baseline, passes):
    assert check_batch_agreement(_losses(*new), _losses(*baseline))[0] is passes


def test_agreement_check_false_alarm_rate_is_at_most_alpha():
    """Clean batches from the same population as the holdout almost never block."""
    alarms = sum(not check_batch_agreement(_losses(400, 0.1, s), _losses(80, 0.1, 1000 + s))[0] for s in range(300))
    assert alarms <= 3


def test_agreement_check_rejects_values_that_are_not_squared_errors():
    with pytest.raises(ValueError, match="new_loss"):
        check_batch_agreement([0.1, 1.5], [0.1, 0.2])


def test_rule_values_are_checked():
    with pytest.raises(ValueError, match="auc_margin"):
        PromotionRule(auc_margin=-0.1)
    with pytest.raises(ValueError, match="n_boot"):
        PromotionRule(n_boot=10)


def test_a_too_small_holdout_says_how_many_rows_would_settle_it():
    # Two models of equal quality with independent errors, on 120 rows: this seed's challenger
    # scores a little higher (+0.012), but the interval reaches -0.06.
    rng = np.random.default_rng(4)
    y = rng.random(120) < 0.4
    champion, challenger = (2 * y - 1) + rng.normal(0, 1, 120), (2 * y - 1) + rng.normal(0, 1, 120)
    comparison, rule = _auc_only(y, 1 / (1 + np.exp(-champion)), 1 / (1 + np.exp(-challenger)))
    decision = decide_promotion(comparison, rule=rule)
    ci = comparison.auc
    assert ci.diff > 0 > ci.low + 0.01
    assert not decision.promote and decision.blocked_by == ["auc"]
    message = next(r for r in decision.reasons if "too few" in r)
    needed = int(message.split("about ")[1].split(" would")[0].replace(",", ""))
    assert needed == pytest.approx(120 * ((ci.diff - ci.low) / (ci.diff + 0.01)) ** 2, abs=10)
    assert needed > 120
