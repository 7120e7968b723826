"""Tests for per-register metrics and leave-group-out evaluation (training.heldout, issue #13)."""

import math
import sys

import numpy as np
import pandas as pd
import pytest

from classifier import cli
from training.heldout import group_metrics, leave_group_out, render_group_table


@pytest.fixture(scope="module")
def generated():
    """1,500 generated logs with their register and scenario_family columns."""
    from training.generator.generate import generate_incidents

    return generate_incidents(1500, seed=8)


def test_group_metrics_reports_every_group_and_nan_where_undefined():
    frame = pd.DataFrame({"should_record": [True, False, True, True], "register": ["a", "a", "b", "b"]})
    table = group_metrics(frame, np.array([0.9, 0.2, 0.3, 0.8]), 0.5, "register")
    assert table["group"].tolist() == ["a", "b"]
    assert table.loc[0, "roc_auc"] == 1.0 and table.loc[0, "precision"] == 1.0
    assert math.isnan(table.loc[1, "roc_auc"]) and table.loc[1, "recall"] == 0.5


def test_group_metrics_names_a_missing_column():
    with pytest.raises(KeyError, match="register"):
        group_metrics(pd.DataFrame({"should_record": [True]}), [0.5], 0.5, "register")


@pytest.mark.parametrize("column", ["register", "scenario_family"], ids=["leave-register-out", "leave-family-out"])
def test_leave_group_out_scores_each_held_out_group(generated, tiny_model, column):
    table = leave_group_out(generated, column, model=tiny_model)
    assert set(table["group"]) == set(generated[column])
    assert table["n_logs"].sum() == len(generated)
    scored = table.dropna(subset=["crimerec_roc_auc", "tfidf_roc_auc"])
    assert len(scored) >= 3
    assert scored[["crimerec_roc_auc", "tfidf_roc_auc"]].stack().between(0, 1).all()
    markdown = render_group_table(table, title="## t", columns={"group": column, "crimerec_roc_auc": "auc"})
    assert markdown.count("\n|") == len(table) + 2


def test_compare_rejects_an_unknown_leave_out_column(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", ["crimerec", "compare", str(tmp_path / "x.csv"), "--eval",
                                      f"a={tmp_path / 'y.csv'}", "--leave-out", "opening_code"])
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert exit_info.value.code == 1
    assert "--leave-out ['opening_code'] is not one of ['register', 'scenario_family']" in capsys.readouterr().err
