"""Tests for the review queue, what the page shows of a log, Label Studio tasks and the review CLI's checks."""

import json

import pandas as pd
import pytest
from review_data import SCRIPT, make_review_scored
from typer.testing import CliRunner

from classifier import SchemaError, find_discrepancies, write_frame
from classifier.cli import app
from training.audit.labels import open_label_store
from training.audit.reviews import read_reviews
from training.review.display import highlighted_texts, mask_in_case, primer_hint
from training.review.labelstudio import LABEL_CONFIG, import_label_studio, write_label_studio_tasks
from training.review.queue import build_review_queue


def test_queue_is_the_triage_queue_in_priority_order(review_scored):
    queue = build_review_queue(review_scored)
    triage = find_discrepancies(make_review_scored())
    assert [item["incident_id"] for item in queue.items] == triage["incident_id"].tolist()
    assert [item["rank"] for item in queue.items] == list(range(1, 15))
    assert queue.label_source == "review" and not queue.random_audit


def test_filters_combine(review_scored):
    queue = build_review_queue(review_scored)
    south_da = queue.select({"area": "South", "da": "yes"})
    assert {item["incident_id"] for item in south_da} == {"V03", "V10"}
    assert all(item["contradiction"] for item in queue.select({"contradiction": "yes"}))
    assert [i["incident_id"] for i in queue.select({"group": "Robbery"})] == ["V08"]
    assert queue.filter_choices()["area"] == ["North", "South"]


def test_triage_csv_needs_the_scored_file_and_keeps_its_order(review_scored, tmp_path):
    triage = tmp_path / "triage.csv"
    pd.DataFrame({"rank": [1, 2], "incident_id": ["V05", "V02"]}).to_csv(triage, index=False)
    with pytest.raises(SchemaError, match="--logs scored.csv"):
        build_review_queue(triage)
    queue = build_review_queue(triage, logs=review_scored)
    assert [item["incident_id"] for item in queue.items] == ["V05", "V02"]


def test_audit_sample_mode_needs_inclusion_probabilities(tmp_path):
    sample = make_review_scored().head(3)
    write_frame(sample, tmp_path / "bad.csv")
    with pytest.raises(SchemaError, match="inclusion_probability"):
        build_review_queue(tmp_path / "bad.csv", audit_sample=True)
    write_frame(sample.assign(inclusion_probability=[0.1, 0.2, 0.3]), tmp_path / "sample.csv")
    queue = build_review_queue(tmp_path / "sample.csv", audit_sample=True)
    assert queue.random_audit and [i["inclusion_probability"] for i in queue.items] == [0.1, 0.2, 0.3]
    assert list(queue.filter_choices()) == ["area"]


def test_masked_text_keeps_its_case_and_never_a_letter_of_what_was_masked():
    shown = mask_in_case("Call from 07700 900123: John SMITH says IP was Punched at 12 Elm Road.")
    assert shown == "Call from __phone__: __name__ says IP was Punched at __address__."


def test_marks_name_their_family_and_escape_everything():
    narrative, closing = highlighted_texts(f"{SCRIPT} Her partner punched her.", "IP does not wish to support "
                                           "police action.", "'punch'")
    assert "&lt;script&gt;" in narrative and "<script>" not in narrative
    assert 'data-family="model evidence, violence"' in narrative
    assert 'data-family="explained away, reluctance"' in closing
    plain, _ = highlighted_texts("Her partner punched her.", "", "'partner'", with_evidence=False)
    assert "model evidence" not in plain


@pytest.mark.parametrize("narrative, closing, rule", [
    ("He hit her.", "", "Rule 12"),
    ("He hit her.", "Victim does not wish to support police action.", "Rule 5"),
    ("He hit her.", "Victim drunk.", "Rules 4 and 6"),
    ("He hit her.", "Transferred to another force.", "Rule 9"),
    ("He hit her.", "Officer attended.", "Rule 2"),
], ids=["empty-closing", "victim-declined", "intoxicated", "other-force", "default"])
def test_primer_hint(narrative, closing, rule):
    assert primer_hint(narrative, closing).startswith(rule)


def test_label_studio_round_trip(review_scored, tmp_path):
    queue = build_review_queue(review_scored)
    count, config = write_label_studio_tasks(queue, tmp_path / "tasks.json")
    tasks = json.loads((tmp_path / "tasks.json").read_text("utf-8"))
    assert count == 14 and config.read_text("utf-8") == LABEL_CONFIG
    assert "07700" not in (tmp_path / "tasks.json").read_text("utf-8")
    assert tasks[0]["data"]["incident_id"] == "V01" and "<script>" in tasks[0]["data"]["text"]
    tasks[0]["annotations"] = [{"completed_by": {"email": "ann@force"}, "created_at": "2024-05-01T10:00:00Z",
                                "result": [_choice("should_record", "yes"), _choice("hocr_category", "Robbery"),
                                           {"from_name": "note", "type": "textarea", "value": {"text": ["ok"]}}]}]
    tasks[1]["annotations"] = [{"was_cancelled": True, "result": [_choice("should_record", "no")]}]
    (tmp_path / "export.json").write_text(json.dumps(tasks), encoding="utf-8")
    with open_label_store(tmp_path / "labels") as store:
        counts = import_label_studio(tmp_path / "export.json", queue, store)
        reviews = read_reviews(store)
        again = write_label_studio_tasks(queue, tmp_path / "tasks2.json", store=store)
    assert counts == {"tasks": 14, "imported": 1, "conflicts": 0, "not_in_queue": 0, "without_annotation": 13}
    assert reviews[["incident_id", "reviewer", "decision", "hocr_category", "note"]].values.tolist() == [
        ["V01", "ann@force", "yes", "Robbery", "ok"]]
    assert again[0] == 14
    annotated = json.loads((tmp_path / "tasks2.json").read_text("utf-8"))[0]["annotations"][0]
    assert _choice("should_record", "yes") in annotated["result"]


def _choice(name, value):
    """A Label Studio choices result."""
    return {"from_name": name, "to_name": "text", "type": "choices", "value": {"choices": [value]}}


@pytest.mark.parametrize("args, message", [
    (["review"], "either a scored file"),
    (["review", "x.csv", "--audit-sample", "y.csv"], "either a scored file"),
    (["review", "--audit-sample", "y.csv", "--logs", "s.csv"], "--logs is for a triage.csv"),
    (["export-reviews", "-o", "r.csv", "--format", "xml"], "--format must be"),
], ids=["nothing-to-review", "both-inputs", "logs-with-audit-sample", "unknown-format"])
def test_cli_refuses_options_that_do_not_fit(args, message):
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1
    assert message in str(result.exception)


def test_cli_refuses_a_non_loopback_address_without_allow_remote(review_scored, tmp_path):
    result = CliRunner().invoke(app, ["review", str(review_scored), "--store", str(tmp_path / "labels"),
                                      "--host", "0.0.0.0", "--port", "0"])
    assert result.exit_code == 1
    assert "not a loopback address" in str(result.exception) and "--allow-remote" in str(result.exception)
