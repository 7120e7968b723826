"""Tests for training.evaluate: metrics on handcrafted cases with known values, ECE, threshold, plots."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from classifier import SchemaError
from training.evaluate import (
    bootstrap_interval,
    choose_threshold,
    compute_metrics,
    evaluate_model,
    expected_calibration_error,
    plot_precision_recall,
    plot_reliability,
    render_category_table,
)

Y = np.array([True, True, True, False, False, False, True, False])
P = np.array([0.95, 0.80, 0.30, 0.60, 0.20, 0.05, 0.55, 0.40])


def test_confusion_matrix_and_rates_at_threshold():
    metrics = compute_metrics(Y, P, 0.5)
    # Flagged (p >= 0.5): 0.95 T, 0.80 T, 0.60 F, 0.55 T -> tp 3, fp 1; missed 0.30 T -> fn 1; tn 3.
    assert (metrics["tp"], metrics["fp"], metrics["fn"], metrics["tn"]) == (3.0, 1.0, 1.0, 3.0)
    assert metrics["precision"] == pytest.approx(0.75)
    assert metrics["recall"] == pytest.approx(0.75)
    assert metrics["f1"] == pytest.approx(0.75)
    assert metrics["threshold"] == 0.5


def test_ranking_metrics_known_values():
    metrics = compute_metrics(Y, P, 0.5)
    # 16 positive/negative pairs; the positive scores lower in 3 (0.30 < 0.60, 0.30 < 0.40, 0.55 < 0.60).
    assert metrics["roc_auc"] == pytest.approx(13 / 16)
    assert metrics["brier"] == pytest.approx(np.mean((P - Y) ** 2))
    assert 0 < metrics["pr_auc"] <= 1


def test_category_recall_and_accuracy():
    true_groups = np.array(["Robbery", "Robbery", "Burglary", "No crime", "No crime", "No crime",
                            "Burglary", ""], dtype=object)
    predicted = np.array(["Robbery", "Burglary", "No crime", "Robbery", "No crime", "No crime",
                          "Burglary", "No crime"], dtype=object)
    metrics = compute_metrics(Y, P, 0.5, true_categories=true_groups, predicted_categories=predicted)
    assert metrics["recall_by_category.robbery"] == 1.0
    assert metrics["recall_by_category.burglary"] == 0.5
    # Known groups: 7 rows (the "" row is excluded); correct: rows 0, 4, 5, 6 -> 4 / 7.
    assert metrics["category_accuracy"] == pytest.approx(4 / 7)
    assert metrics["category_accuracy_crimes"] == pytest.approx(2 / 4)


def test_domestic_abuse_accuracy_skips_unaudited_rows():
    truth = np.array([1, 0, np.nan, 1, 0, 0, 1, 0], dtype=float)
    p_da = np.array([0.9, 0.1, 0.9, 0.2, 0.7, 0.0, 0.6, 0.1])
    metrics = compute_metrics(Y, P, 0.5, true_domestic=truth, p_domestic=p_da)
    # 7 audited rows; wrong: row 3 (0.2 for true) and row 4 (0.7 for false) -> 5 / 7.
    assert metrics["domestic_abuse_accuracy"] == pytest.approx(5 / 7)


def test_single_class_gives_nan_auc_not_an_error():
    metrics = compute_metrics([True, True], [0.2, 0.9], 0.5)
    assert math.isnan(metrics["roc_auc"]) and math.isnan(metrics["pr_auc"])
    assert metrics["recall"] == 0.5


def test_ece_matches_hand_computation():
    y = [True, False, False, False, True, True]
    p = [0.05, 0.05, 0.15, 0.95, 0.95, 0.95]
    # Bin 0: rate 0.5 vs 0.05 (2 rows); bin 1: 0 vs 0.15 (1 row); bin 9: 2/3 vs 0.95 (3 rows).
    expected = (2 * 0.45 + 1 * 0.15 + 3 * abs(2 / 3 - 0.95)) / 6
    assert expected_calibration_error(y, p) == pytest.approx(expected)


def test_ece_puts_probability_one_in_last_bin():
    assert expected_calibration_error([True, True], [1.0, 1.0]) == 0.0


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.floats(0, 1)), min_size=1, max_size=40))
def test_ece_is_between_zero_and_one(pairs):
    y, p = zip(*pairs)
    assert 0.0 <= expected_calibration_error(y, p) <= 1.0


def test_choose_threshold_reaches_target_recall_and_is_highest():
    threshold = choose_threshold(Y, P, 0.75)
    assert threshold == 0.55
    flagged = P >= threshold
    assert flagged[Y].mean() >= 0.75
    assert (P >= np.nextafter(threshold, 1))[Y].mean() < 0.75


def test_choose_threshold_without_positives_raises():
    with pytest.raises(SchemaError, match="no should-record logs"):
        choose_threshold([False, False], [0.1, 0.2], 0.95)


def test_bootstrap_interval_brackets_the_estimate():
    rng = np.random.default_rng(1)
    y = rng.random(200) < 0.5
    p = np.clip(y * 0.3 + rng.random(200) * 0.7, 0, 1)
    from sklearn.metrics import roc_auc_score

    low, high = bootstrap_interval(roc_auc_score, y, p, n_resamples=200)
    assert low < roc_auc_score(y, p) < high
    assert 0.5 < low and high <= 1.0


def test_plots_are_png_files(tmp_path):
    for path in (plot_reliability(Y, P, tmp_path / "r.png"),
                 plot_precision_recall(Y, P, tmp_path / "pr.png", threshold=0.5)):
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_evaluate_model_needs_should_record(tiny_model):
    frame = pd.DataFrame({"incident_id": ["a"], "narrative": ["He punched me."]})
    with pytest.raises(SchemaError, match="should_record"):
        evaluate_model(tiny_model, frame)


def test_evaluate_model_on_training_rows(tiny_model, tiny_frame, tmp_path):
    metrics = evaluate_model(tiny_model, tiny_frame, plots_dir=tmp_path)
    assert metrics["n_logs"] == len(tiny_frame)
    assert metrics["roc_auc"] > 0.9  # the tiny model has seen these rows
    assert all(isinstance(value, float) for value in metrics.values())
    assert (tmp_path / "reliability.png").exists() and (tmp_path / "precision_recall.png").exists()


def test_category_ranking_and_calibration_by_predicted_group():
    y = np.array([True, True, True, False, False, False])
    p = np.array([0.9, 0.2, 0.7, 0.5, 0.1, 0.8])
    true_groups = np.array(["Robbery", "Burglary", "Burglary", "No crime", "No crime", "No crime"], dtype=object)
    predicted = np.array(["Robbery", "No crime", "Burglary", "Robbery", "No crime", "Burglary"], dtype=object)
    metrics = compute_metrics(y, p, 0.5, true_categories=true_groups, predicted_categories=predicted)
    # Robbery's one crime (0.9) outranks all three non-crimes (0.5, 0.1, 0.8).
    assert metrics["roc_auc_by_category.robbery"] == 1.0
    # Burglary crimes 0.2 and 0.7 against 0.5, 0.1, 0.8: 3 of 6 pairs ranked right.
    assert metrics["roc_auc_by_category.burglary"] == pytest.approx(3 / 6)
    # Predicted "Burglary": p 0.7 (crime) and 0.8 (no crime).
    assert metrics["n_by_predicted.burglary"] == 2
    assert metrics["mean_p_by_predicted.burglary"] == pytest.approx(0.75)
    assert metrics["observed_by_predicted.burglary"] == 0.5
    assert metrics["brier_by_predicted.burglary"] == pytest.approx((0.3**2 + 0.8**2) / 2)
    table = render_category_table(metrics)
    assert "| burglary | 0.500 |" in table and "| no_crime | 2 | 0.150 | 0.500 |" in table
