"""Tests for classifier.report.discrepancies: triage queue, summaries, HTML (in a real headless browser) and CLI."""

import html
import json
import os
import re
import shutil

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from classifier.cli import app
from classifier.data import write_frame
from classifier.errors import SchemaError
from classifier.report import (
    TRIAGE_COLUMNS,
    estimate_unrecorded_share,
    find_discrepancies,
    render_report,
    summarise_recording,
    write_report,
)
from classifier.report import triage_rules as _triage_rules

SCRIPT = "<script>alert(1)</script>"
NARRATIVES = (
    "IP states her partner punched her in the face at 12 Elm Road. She has a black eye.",
    "Caller reports loud music from next door. No threats, no one hurt.",
    f"{SCRIPT} Male threatened to kill the caller outside the shop.",
    "Her ex keeps texting abusive messages, third time this month.",
    "RP reports his bike stolen from the shed overnight, lock cut.",
    "Victim says a man touched her bottom on the bus without consent.",
    "Concern for welfare, elderly male not answering the door.",
    "Neighbour dispute over hedge height, civil matter.",
    "IP punched by partner again at 12 Elm Road, small cut to lip.",
    "Male pushed the victim to the floor in the pub car park.",
)
CLOSINGS = (
    "IP does not wish to support police action. Filed.",
    "Advice given.",
    "",
    "Words only, no offences disclosed.",
    "Crime recorded.",
    "CCTV reviewed and shows no contact took place.",
    "Male found safe and well.",
    "Civil matter, advice given.",
    "Crime recorded, ABH.",
    "Recorded as common assault.",
)
RECORDED = (False, False, False, False, True, False, False, True, True, True)
P_SHOULD = (0.95, 0.10, 0.90, 0.85, 0.97, 0.80, 0.05, 0.20, 0.96, 0.93)
CATEGORIES = (
    "Violence with injury", "No crime", "Violence without injury", "Stalking and harassment",
    "Theft offences", "Sexual offences", "No crime", "No crime", "Violence with injury",
    "Violence without injury",
)  # fmt: skip


def _scored(**changes):
    """Ten scored logs (no audit labels) covering every triage branch."""
    frame = pd.DataFrame({
        "incident_id": [f"L{i:02d}" for i in range(1, 11)],
        "narrative": NARRATIVES,
        "closing_comment": CLOSINGS,
        "area": ["North"] * 5 + ["South"] * 3 + ["North", "=HYPERLINK(\"x\")"],
        "reported_at": [f"2024-0{1 + i % 3}-1{i}T10:00:00" for i in range(10)],
        "recorded": pd.array(RECORDED, dtype="boolean"),
        "should_record": pd.array([None] * 10, dtype="boolean"),
        "hocr_category": [""] * 10,
        "domestic_abuse": pd.array([True, False, None, True, None, None, None, None, True, None],
                                   dtype="boolean"),
        "p_should_record": P_SHOULD,
        "predicted_should_record": [p >= 0.5 for p in P_SHOULD],
        "predicted_category": CATEGORIES,
        "p_domestic_abuse": [0.9, 0.1, 0.2, 0.8, 0.1, 0.1, 0.1, 0.1, 0.9, 0.2],
        "evidence": ["'punch'; 'not wish support'", "", "'threaten kill'", "'abusive message'",
                     "'stolen'", "'touch bottom'", "", "", "'punch'", "'push'"],
    })
    return frame.assign(**changes)


def _audited(n=400, seed=0):
    """A larger scored frame with a random audit sample (for rate figures with intervals)."""
    rng = np.random.default_rng(seed)
    base = _scored()
    frame = base.sample(n, replace=True, random_state=seed).reset_index(drop=True)
    frame["incident_id"] = [f"A{i:04d}" for i in range(n)]
    should = rng.random(n) < 0.6
    frame["recorded"] = pd.array(np.where(should, rng.random(n) < 0.75, rng.random(n) < 0.05),
                                 dtype="boolean")
    frame["p_should_record"] = np.clip(should * 0.6 + rng.random(n) * 0.4, 0, 1)
    frame["predicted_should_record"] = frame["p_should_record"] >= 0.5
    audited = rng.random(n) < 0.5
    frame["should_record"] = pd.array(np.where(audited, should, None), dtype="boolean")
    frame["hocr_category"] = np.where(audited & should, frame["predicted_category"], "")
    return frame


# ---- triage ----------------------------------------------------------------------------------


def test_triage_holds_only_predicted_crimes_not_recorded():
    triage = find_discrepancies(_scored())
    assert triage["incident_id"].tolist() == ["L01", "L04", "L06", "L03"]
    assert list(triage.columns) == list(TRIAGE_COLUMNS)
    assert triage["rank"].tolist() == [1, 2, 3, 4]


def test_priority_is_probability_times_vulnerability_weights():
    triage = find_discrepancies(_scored()).set_index("incident_id")
    # L01: domestic abuse x violence x repeat address (12 Elm Road appears twice).
    assert triage.loc["L01", "vulnerability_weight"] == pytest.approx(1.5 * 1.3 * 1.25)
    assert triage.loc["L01", "priority"] == pytest.approx(0.95 * 1.5 * 1.3 * 1.25, abs=1e-4)
    assert triage.loc["L06", "vulnerability"] == "sexual offence"
    # L04: domestic abuse (model flag) and "third time" makes it a repeat victim.
    assert triage.loc["L04", "vulnerability"] == "domestic abuse; repeat victim or location"


@pytest.mark.parametrize(
    ("incident", "flag", "reason"),
    [
        ("L01", True, "not wish to support police action"),
        ("L03", True, "closing comment is empty"),
        ("L04", True, "Words only"),
        ("L06", False, ""),
    ],
    ids=["victim-wishes", "empty-closing", "denial", "cctv-contrary-evidence"],
)
def test_contradiction_flag(incident, flag, reason):
    triage = find_discrepancies(_scored()).set_index("incident_id")
    assert bool(triage.loc[incident, "contradiction"]) is flag
    assert reason in triage.loc[incident, "contradiction_reason"]


def _contradiction(narrative, closing):
    """assess_contradiction on raw texts, with indicators from the preprocessing pipeline."""
    said, closed = _triage_rules.find_indicators([narrative, closing])
    return _triage_rules.assess_contradiction(said, closing, closed)


@pytest.mark.parametrize(
    ("narrative", "closing", "flag"),
    [
        ("IP has no injuries and was not assaulted.", "Advice given.", False),
        ("He punched her in the face.", "Advice given.", True),
        ("He punched her in the face.", "Civil matter.", True),
        ("Her phone was stolen from her bag.", "Phone found at home where she left it.", False),
        ("He punched her in the face.", "Caller admitted she made it up.", False),
        ("He punched her in the face.", "Offender arrested for assault, punched victim.", False),
    ],
    ids=["negated-offence", "advice-only", "civil-matter", "item-found", "admitted-false",
         "offence-addressed"],
)
def test_contradiction_rules(narrative, closing, flag):
    assert _contradiction(narrative, closing)[0] is flag


def test_over_recorded_lists_recorded_logs_predicted_not_crimes():
    over = find_discrepancies(_scored(), kind="over")
    assert over["incident_id"].tolist() == ["L08"]


def test_top_limits_rows_and_index_points_back_to_scored_logs():
    scored = _scored()
    triage = find_discrepancies(scored, top=2)
    assert len(triage) == 2
    assert (scored.loc[triage.index, "incident_id"] == triage["incident_id"]).all()


def test_missing_score_columns_are_named():
    with pytest.raises(SchemaError, match="predicted_should_record"):
        find_discrepancies(_scored().drop(columns="predicted_should_record"))


def test_missing_recorded_column_explains_the_fix():
    with pytest.raises(SchemaError, match="'recorded' is missing"):
        find_discrepancies(_scored().drop(columns="recorded"))


def test_scores_read_back_from_text_are_coerced():
    text = _scored().astype(str).replace({"<NA>": ""})
    triage = find_discrepancies(text)
    assert triage["incident_id"].tolist() == ["L01", "L04", "L06", "L03"]


# ---- summaries -------------------------------------------------------------------------------


def test_summary_without_audit_says_only_model_estimate_is_available():
    summary = summarise_recording(_scored())
    assert summary["rows"] == 10
    assert summary["recorded_rate_observed"] == pytest.approx(0.4)
    assert summary["under_recorded_candidates"] == 4
    assert summary["over_recorded_candidates"] == 1
    assert summary["recording_rate"]["audit"]["estimate"] is None
    assisted = summary["recording_rate"]["model_assisted"]
    assert assisted["method"] == "model_only" and assisted["low"] is None
    assert "No audit labels" in summary["notes"][0]


def test_summary_with_audit_has_both_intervals_and_categories():
    frame = _audited()
    summary = summarise_recording(frame, period_days=91)
    for method in ("audit", "model_assisted"):
        rate = summary["recording_rate"][method]
        assert rate["low"] < rate["estimate"] < rate["high"]
        assert set(rate) >= {"estimate", "low", "high", "n", "text"}
    assert "Violence with injury" in summary["by_category"]
    assert set(summary["by_domestic_abuse"]) == {"Domestic abuse", "Not domestic abuse"}
    assert summary["by_area"]["North"]["logs"] == int((frame["area"] == "North").sum())
    assert set(summary["by_month"]) == {"2024-01", "2024-02", "2024-03"}


def test_unrecorded_per_year_scales_the_share_to_a_year():
    frame = _audited()
    per_year = summarise_recording(frame, period_days=73.05)["unrecorded_per_year"]
    share = estimate_unrecorded_share(frame)
    assert per_year["estimate"] == pytest.approx(share.estimate * len(frame) * 5, abs=0.1)
    assert per_year["low"] == pytest.approx(share.low * len(frame) * 5, abs=0.1)
    assert per_year["period_days"] == 73.05


def test_period_defaults_to_reported_at_span():
    summary = summarise_recording(_scored())
    assert summary["period"] == {"days": 69.0, "source": "reported_at", "start": "2024-01-10",
                                 "end": "2024-03-18"}


def test_period_unknown_without_dates():
    summary = summarise_recording(_scored().drop(columns="reported_at"))
    assert summary["unrecorded_per_year"]["estimate"] is None
    assert "--period-days" in summary["unrecorded_per_year"]["note"]


# ---- HTML ------------------------------------------------------------------------------------


def _page(frame):
    """Render the page for a scored frame."""
    return render_report(summarise_recording(frame), triage=find_discrepancies(frame),
                         scored=frame, top=10)


def test_html_escapes_log_text_and_loads_nothing_external():
    page = _page(_scored())
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script" not in page.lower()
    assert not re.search(r"""(?:src|href)\s*=\s*(?!["']?(?:data:|#))""", page)
    assert "<mark>punched her in the face</mark>" in page


def test_html_says_plainly_when_there_is_no_audit():
    page = _page(_scored())
    assert 'id="no-audit"' in page
    assert "no valid confidence interval" in page


def test_html_shows_headline_rate_when_audited():
    frame = _audited()
    summary = summarise_recording(frame)
    page = render_report(summary, triage=find_discrepancies(frame), scored=frame)
    assert html.escape(summary["recording_rate"]["model_assisted"]["text"]) in page
    assert 'id="no-audit"' not in page
    assert page.count('src="data:image/png;base64,') >= 3


@given(text=st.text(max_size=200), word=st.sampled_from(["hit", "a", "<", "&amp"]))
@settings(max_examples=150, deadline=None)
def test_highlight_escapes_everything_and_loses_nothing(text, word):
    marked = str(_triage_rules.highlight(text, [re.compile(re.escape(word))]))
    without_marks = marked.replace("<mark>", "").replace("</mark>", "")
    assert "<" not in without_marks and ">" not in without_marks
    assert html.unescape(without_marks) == text


# ---- writing files and the CLI ---------------------------------------------------------------


def test_write_report_writes_all_outputs(tmp_path):
    summary = write_report(_scored(), tmp_path / "out")
    out = tmp_path / "out"
    assert {p.name for p in out.iterdir()} == {"report.html", "triage.csv", "over_recorded.csv",
                                              "summary.json", "triage.csv.provenance.json",
                                              "over_recorded.csv.provenance.json"}
    saved = json.loads((out / "summary.json").read_text())
    for key in ("rows", "recorded_rate_observed", "under_recorded_candidates",
                "over_recorded_candidates", "recording_rate", "by_category", "unrecorded_per_year"):
        assert key in saved
    assert saved["under_recorded_candidates"] == summary["under_recorded_candidates"] == 4
    triage = pd.read_csv(out / "triage.csv", dtype=str, keep_default_na=False)
    assert triage["incident_id"].tolist() == ["L01", "L04", "L06", "L03"]
    over = (out / "over_recorded.csv").read_text()
    assert "'=HYPERLINK" not in over and "L08" in over
    assert "narrative" not in triage.columns  # the CSV carries no log text


def test_csv_neutralises_formulas(tmp_path):
    frame = _scored(area=["=cmd|' /C calc'!A0"] * 10)
    write_report(frame, tmp_path)
    triage = (tmp_path / "triage.csv").read_text()
    assert "'=cmd" in triage
    assert ",=cmd" not in triage


def test_audit_file_is_joined_on_incident_id(tmp_path, caplog):
    scored_path = tmp_path / "scored.csv"
    write_frame(_audited().assign(should_record=pd.NA, hocr_category=""), scored_path)
    labels = _audited()[["incident_id", "should_record", "hocr_category"]].dropna()
    labels = pd.concat([labels, pd.DataFrame({"incident_id": ["ZZ999"], "should_record": [True],
                                              "hocr_category": ["Robbery"]})])
    labels.to_csv(tmp_path / "audit.csv", index=False)
    with caplog.at_level("WARNING"):
        summary = write_report(scored_path, tmp_path / "out", audit=tmp_path / "audit.csv", audit_random=True)
    assert summary["audit_rows_matched"] == len(labels) - 1
    assert summary["audit"]["rows_audited"] == len(labels) - 1
    assert summary["recording_rate"]["audit"]["low"] is not None
    assert "not in the scored file" in caplog.text


def test_audit_file_with_repeated_ids_is_rejected(tmp_path):
    pd.DataFrame({"incident_id": ["L01", "L01"], "should_record": ["yes", "no"]}).to_csv(
        tmp_path / "audit.csv", index=False)
    with pytest.raises(SchemaError, match="more than once"):
        write_report(_scored(), tmp_path / "out", audit=tmp_path / "audit.csv")


def test_audit_file_with_bad_yes_no_names_row_and_column(tmp_path):
    pd.DataFrame({"incident_id": ["L01", "L02"], "should_record": ["yes", "perhaps"]}).to_csv(
        tmp_path / "audit.csv", index=False)
    with pytest.raises(SchemaError, match=r"audit.csv, row 2, column 'should_record'"):
        write_report(_scored(), tmp_path / "out", audit=tmp_path / "audit.csv")


def test_cli_report_prints_headline_and_writes_files(tmp_path):
    scored_path = tmp_path / "scored.csv"
    write_frame(_audited(), scored_path)
    result = CliRunner().invoke(app, ["report", str(scored_path), "-o", str(tmp_path / "r"),
                                      "--period-days", "91", "--top", "5", "--audit-random"])
    assert result.exit_code == 0, result.output
    assert "Recording rate: audit" in result.output and ("(±" in result.output or "–" in result.output)
    assert "Unrecorded crimes per year" in result.output
    assert (tmp_path / "r" / "report.html").is_file()
    assert "IP states" not in result.output  # never prints log text


def test_cli_report_rejects_non_positive_period(tmp_path):
    result = CliRunner().invoke(app, ["report", "x.csv", "-o", str(tmp_path), "--period-days", "0"])
    assert result.exit_code != 0
    assert "--period-days must be a finite number of days above 0" in str(result.exception)


# ---- real browser ----------------------------------------------------------------------------


def _chromium_paths():
    """Paths of the Chromium binary and chromedriver, or None when either is missing."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


def _headless_chrome(user_data_dir):
    """A headless Chromium WebDriver that makes no network calls of its own."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    browser, driver = _chromium_paths()
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", f"--user-data-dir={user_data_dir}"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(executable_path=driver), options=options)


def test_report_renders_in_headless_chromium(tmp_path):
    if _chromium_paths() is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("Chromium/chromedriver are missing in CI; .ci/run must install them.")
        pytest.skip("Chromium and chromedriver are not installed on this machine.")
    from selenium.webdriver.common.by import By

    frame = _audited()
    frame.loc[0, ["narrative", "predicted_should_record", "p_should_record"]] = [
        f"{SCRIPT} He punched me.", True, 0.999]
    frame.loc[0, "recorded"] = False
    summary = write_report(frame, tmp_path / "out")
    driver = _headless_chrome(tmp_path / "chrome-profile")
    try:
        driver.get((tmp_path / "out" / "report.html").as_uri())
        assert driver.title == "crimerec recording report"
        body = driver.find_element(By.TAG_NAME, "body").text
        assert summary["recording_rate"]["model_assisted"]["text"] in body
        assert summary["recording_rate"]["audit"]["text"] in body
        assert f"{summary['under_recorded_candidates']:,}" in driver.find_element(By.ID, "under-count").text
        assert SCRIPT in driver.find_element(By.ID, "triage").text
        assert driver.find_elements(By.TAG_NAME, "script") == []
        images = driver.find_elements(By.CSS_SELECTOR, "img.chart")
        assert images and all(driver.execute_script(
            "return arguments[0].complete && arguments[0].naturalWidth > 0", img) for img in images)
    finally:
        driver.quit()
