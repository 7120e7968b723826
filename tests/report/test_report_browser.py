"""The report's new parts (issue 15) in headless Chromium, and printing it to PDF on A4."""

import base64
import os
import re

import numpy as np
import pytest

from classifier.data import ForceProfile
from classifier.report import write_report
from tests.report.test_reports import _audited, _chromium_paths, _headless_chrome


@pytest.fixture
def driver(tmp_path):
    if _chromium_paths() is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("Chromium/chromedriver are missing in CI; .ci/run must install them.")
        pytest.skip("Chromium and chromedriver are not installed on this machine.")
    chrome = _headless_chrome(tmp_path / "chrome-profile")
    yield chrome
    chrome.quit()


def _report(tmp_path):
    """A report from a weighted audit, a force profile with a marking, and a name in a triage log."""
    frame = _audited()
    frame["inclusion_probability"] = np.where(frame["should_record"].notna(), 0.5, np.nan)
    frame.loc[0, ["narrative", "predicted_should_record", "p_should_record", "recorded", "evidence"]] = [
        "SPOKE WITH PAIGE HOLT at 4 Elm Road. She was PUNCHED in the face by her partner dave.",
        True, 0.999, False, "'punch face'; violence"]
    profile = ForceProfile(force="Northshire Police", security_marking="OFFICIAL-SENSITIVE")
    write_report(frame, tmp_path / "out", profile=profile, top=400)
    return (tmp_path / "out" / "report.html").as_uri()


def test_new_parts_of_the_report_render(driver, tmp_path):
    from selenium.webdriver.common.by import By

    driver.get(_report(tmp_path))
    text = driver.find_element(By.TAG_NAME, "body").text
    assert driver.find_element(By.ID, "marking-top").text == "OFFICIAL-SENSITIVE"
    assert driver.find_element(By.ID, "marking-bottom").text == "OFFICIAL-SENSITIVE"
    assert "Northshire Police" in driver.find_element(By.TAG_NAME, "h1").text
    assert "Quote the model-assisted rate" in driver.find_element(By.ID, "quote").text
    assert len(driver.find_elements(By.CSS_SELECTOR, "#over-recorded tr")) > 1
    assert "crimerec" in driver.find_element(By.ID, "model").text
    assert re.search(r"\d+\.\d\d% were masked", driver.find_element(By.ID, "masking-note").text)
    triage = driver.find_element(By.ID, "triage").text
    assert "PAIGE" not in triage and "HOLT" not in triage and "dave" not in triage and "Elm" not in triage
    assert "SPOKE WITH __name__" in triage and "Evidence: PUNCHED in the face" in triage
    assert "__name__ a person's name" in driver.find_element(By.ID, "placeholders").text
    assert "Personal details are masked." not in text
    assert driver.find_elements(By.TAG_NAME, "script") == []


def test_report_prints_on_a4_without_splitting_rows(driver, tmp_path):
    from selenium.webdriver.common.print_page_options import PrintOptions

    driver.get(_report(tmp_path))
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    styles = driver.execute_script(
        "const tr = document.querySelector('#triage tr:nth-child(2)');"
        "return [getComputedStyle(tr).breakInside, getComputedStyle(document.querySelector('#triage thead')).display];")
    assert styles == ["avoid", "table-header-group"]
    options = PrintOptions()
    options.page_width, options.page_height = 21.0, 29.7
    pdf = base64.b64decode(driver.print_page(options))
    assert pdf.startswith(b"%PDF")
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert boxes and all(abs(float(w) - 595.3) < 2 and abs(float(h) - 841.9) < 2 for w, h in boxes)
    assert len(boxes) >= 2  # several A4 pages
    (tmp_path / "report.pdf").write_bytes(pdf)
