"""The review app end to end: the real server (``crimerec review`` in a subprocess) driven by headless
Chromium through a whole session, and its token, CSRF and Host checks probed with plain HTTP requests.

Set ``CRIMEREC_REVIEW_SCREENSHOT=docs/review.png`` to save the screenshot shown in docs/REVIEW.md.
"""

import http.client
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pandas as pd
import pytest
from review_data import SCRIPT, make_review_scored
from typer.testing import CliRunner

from classifier import write_frame
from classifier.cli import app

ROOT = Path(__file__).resolve().parents[3]


class ReviewServer:
    """``crimerec review`` running in a subprocess; ``url`` is the address it printed (with the token)."""

    def __init__(self, scored, store, reviewer, *options):
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "classifier", "review", str(scored), "--store", str(store), "--port", "0",
             "--reviewer", reviewer, *options], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        self.output = []
        self.url = self._wait_for_address()
        parts = urlsplit(self.url)
        self.host, self.port, self.token = parts.hostname, parts.port, parts.query.split("token=")[1]

    def _wait_for_address(self, timeout=90):
        """Read the server's output until it prints the address (in a thread: readline blocks)."""
        found = threading.Event()

        def read():
            for line in self.process.stdout:
                self.output.append(line)
                if "http://" in line:
                    found.set()

        threading.Thread(target=read, daemon=True).start()
        if not found.wait(timeout):
            self.stop()
            raise AssertionError("crimerec review printed no address:\n" + "".join(self.output))
        return re.search(r"http://\S+", "".join(self.output)).group(0)

    def request(self, method, path, *, form=None, cookie=True, host=None):
        """One HTTP request; returns (status, headers, body text)."""
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        headers = {"Host": host or f"{self.host}:{self.port}"}
        if cookie:
            headers["Cookie"] = f"crimerec_review_{self.port}={self.token}"
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        result = response.status, dict(response.getheaders()), response.read().decode("utf-8")
        connection.close()
        return result

    def csrf(self):
        """The CSRF token embedded in the page's forms."""
        return re.search(r'name="csrf" value="([^"]+)"', self.request("GET", "/")[2]).group(1)

    def stop(self):
        """Stop the server as Ctrl+C would."""
        self.process.terminate()
        self.process.wait(timeout=30)


def _chromium_paths():
    """Paths of the Chromium binary and chromedriver, or None when either is missing."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


@pytest.fixture(scope="module")
def session_files(tmp_path_factory):
    """The scored file and the label store directory shared by this module's tests."""
    folder = tmp_path_factory.mktemp("review")
    write_frame(make_review_scored(), folder / "scored.csv")
    return folder / "scored.csv", folder / "labels"


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """One headless Chromium for the module (it makes no network calls of its own)."""
    if _chromium_paths() is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("Chromium/chromedriver are missing in CI; .ci/run must install them.")
        pytest.skip("Chromium and chromedriver are not installed on this machine.")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    binary, driver = _chromium_paths()
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1280,900",
                 f"--user-data-dir={tmp_path_factory.mktemp('chrome-profile')}"):
        options.add_argument(flag)
    chrome = webdriver.Chrome(service=Service(executable_path=driver), options=options)
    yield chrome
    chrome.quit()


def _text(driver, element_id):
    """Visible text of the element with this id."""
    from selenium.webdriver.common.by import By

    return driver.find_element(By.ID, element_id).text


def _press(driver, keys):
    """Type keys on the page (not into a field), as a reviewer would."""
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(driver).send_keys(keys).perform()


def _wait_for_log_change(driver, before):
    """Wait until the page shows another log (or says the queue is done)."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    def changed(d):
        logs = d.find_elements(By.ID, "incident-id")
        return not logs or logs[0].text != before

    WebDriverWait(driver, 20, ignored_exceptions=[StaleElementReferenceException]).until(changed)


# The keys typed for each of the ten decisions, and the decision they stand for.
_KEYS = (("y1d", "yes"), ("n", "no"), ("y3r", "yes"), ("u", "unsure"), ("y2", "yes"), ("nrr", "no"),
         ("y7", "yes"), ("y9d", "yes"), ("n", "no"), ("y8", "yes"))


def test_whole_session_by_keyboard_with_undo_filter_restart_and_export(browser, session_files, tmp_path):
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select

    scored, store = session_files
    server = ReviewServer(scored, store, "alice")
    try:
        browser.get(server.url)
        assert browser.current_url.endswith("/") and "token" not in browser.current_url
        assert (_text(browser, "done"), _text(browser, "left")) == ("0", "14")
        # The <script> narrative is shown as text; the only script is the page's own file.
        assert SCRIPT in _text(browser, "narrative")
        assert [s.get_attribute("src") for s in browser.find_elements(By.TAG_NAME, "script")] == [
            f"http://{server.host}:{server.port}/static/review.js"]
        with pytest.raises(NoAlertPresentException):
            _ = browser.switch_to.alert.text
        families = [m.get_attribute("data-family") for m in browser.find_elements(By.CSS_SELECTOR, "#narrative mark")]
        assert any("violence" in family for family in families)

        decided = []
        for keys, decision in _KEYS:
            current = _text(browser, "incident-id")
            _press(browser, keys)
            if decision == "unsure":  # a note, typed after C, left with Esc
                _press(browser, "c")
                _press(browser, "hard to say" + Keys.ESCAPE)
            _press(browser, Keys.ENTER)
            _wait_for_log_change(browser, current)
            assert current in _text(browser, "message")
            decided.append((current, decision))
            if len(decided) == 1 and os.environ.get("CRIMEREC_REVIEW_SCREENSHOT"):
                browser.save_screenshot(os.environ["CRIMEREC_REVIEW_SCREENSHOT"])
        assert (_text(browser, "done"), _text(browser, "left")) == ("10", "4")

        current = _text(browser, "incident-id")
        _press(browser, "z")
        _wait_for_log_change(browser, current)
        assert _text(browser, "incident-id") == decided[-1][0]
        assert "Undid" in _text(browser, "message") and _text(browser, "done") == "9"
        undone = decided.pop()

        Select(browser.find_element(By.ID, "filter-area")).select_by_visible_text("South")
        browser.find_element(By.CSS_SELECTOR, "#filters button").click()
        south = make_review_scored().query("area == 'South'")["incident_id"].tolist()
        done_south = sum(incident in south for incident, _ in decided)
        assert _text(browser, "done") == str(done_south)
        assert int(_text(browser, "left")) == len(south) - done_south
        assert _text(browser, "incident-id") in south
    finally:
        server.stop()

    server = ReviewServer(scored, store, "alice")  # restart: resumes where alice stopped
    try:
        browser.get(server.url)
        assert (_text(browser, "done"), _text(browser, "incident-id")) == ("9", undone[0])
        _press(browser, "n" + Keys.ENTER)
        _wait_for_log_change(browser, undone[0])
        decided.append((undone[0], "no"))
        assert _text(browser, "done") == "10"
    finally:
        server.stop()

    exported = tmp_path / "reviews.csv"
    result = CliRunner().invoke(app, ["export-reviews", "-o", str(exported), "--store", str(store)])
    assert result.exit_code == 0, result.output
    reviews = pd.read_csv(exported, dtype=str, keep_default_na=False)
    assert list(zip(reviews["incident_id"], reviews["review_decision"])) == decided
    assert set(reviews["reviewer"]) == {"alice"} and set(reviews["label_source"]) == {"review"}
    assert reviews.loc[reviews["review_decision"] == "unsure", "review_note"].tolist() == ["hard to say"]
    groups = reviews.loc[reviews["review_decision"] == "yes", "hocr_category"].tolist()
    assert groups[:2] == ["Violence with injury", "Stalking and harassment"]


@pytest.fixture(scope="module")
def running(session_files):
    """A server for the HTTP checks (its own reviewer, same store)."""
    server = ReviewServer(*session_files, "carol")
    yield server
    server.stop()


@pytest.mark.parametrize("path", ["/", "/static/review.js", "/?token=wrong"], ids=["page", "static", "wrong-token"])
def test_every_request_needs_the_token(running, path):
    status, _, body = running.request("GET", path, cookie=False)
    assert status == 403 and "access token" in body


def test_the_token_in_the_address_becomes_a_strict_cookie(running):
    status, headers, _ = running.request("GET", f"/?token={running.token}", cookie=False)
    assert status == 303 and headers["location"] == "/"
    assert f"crimerec_review_{running.port}={running.token}" in headers["set-cookie"]
    assert "HttpOnly" in headers["set-cookie"] and "SameSite=strict" in headers["set-cookie"]
    status, headers, _ = running.request("GET", "/")
    assert status == 200 and "script-src 'self'" in headers["content-security-policy"]


def test_a_foreign_host_header_is_refused(running):
    assert running.request("GET", "/", host="attacker.example:80")[0] == 421


@pytest.mark.parametrize("csrf", [None, "wrong"], ids=["no-csrf", "wrong-csrf"])
def test_posts_need_the_csrf_token(running, csrf, session_files):
    from training.audit.labels import open_label_store
    from training.audit.reviews import read_reviews

    form = {"incident_id": "V14", "decision": "no"}
    if csrf:
        form["csrf"] = csrf
    for path in ("/decide", "/undo"):
        status, _, body = running.request("POST", path, form=form)
        assert status == 403 and "CSRF" in body
    with open_label_store(session_files[1]) as store:
        assert "carol" not in set(read_reviews(store, include_undone=True)["reviewer"])


def test_a_second_reviewer_at_the_same_time_sees_the_conflict(running, session_files):
    """dave decides V12 is a crime while carol's page is open; carol, on another server, says it is not."""
    from training.audit.labels import open_label_store
    from training.audit.reviews import ReviewDecision, record_decision
    from training.review.queue import build_review_queue

    log = build_review_queue(session_files[0]).by_id["V12"]
    with open_label_store(session_files[1]) as store:
        record_decision(store, log, ReviewDecision(incident_id="V12", decision="yes", reviewer="dave",
                                                   hocr_category="Public order offences"))
    status, headers, _ = running.request("POST", "/decide", form={
        "csrf": running.csrf(), "incident_id": "V12", "decision": "no"})
    assert status == 303
    message = re.search(r'id="message"[^>]*>([^<]*)<', running.request("GET", headers["location"])[2]).group(1)
    assert "Already decided by another reviewer (dave said yes)" in message
    assert "Conflict with the stored label (should_record True → False)" in message


def test_a_second_reviewer_decides_blind_and_agreement_is_recorded(tmp_path):
    from training.audit.labels import open_label_store
    from training.audit.reviews import ReviewDecision, read_reviews, record_decision
    from training.review.queue import build_review_queue

    write_frame(make_review_scored(), tmp_path / "scored.csv")
    queue = build_review_queue(tmp_path / "scored.csv")
    with open_label_store(tmp_path / "labels") as store:
        for item in queue.items[:2]:
            record_decision(store, item, ReviewDecision(incident_id=item["incident_id"], decision="yes",
                                                        reviewer="alice", hocr_category="Robbery", note="alice's note"))
    server = ReviewServer(tmp_path / "scored.csv", tmp_path / "labels", "bob", "--second-reviewer")
    try:
        page = server.request("GET", "/")[2]
        assert re.search(r'id="left">2<', page) and "alice" not in page and "Robbery\" selected" not in page
        first = re.search(r'id="incident-id">([^<]*)<', page).group(1)
        _, headers, _ = server.request("POST", "/decide", form={"csrf": server.csrf(), "incident_id": first,
                                                                 "decision": "unsure"})
        assert "You disagreed with the first reviewer (yes)" in server.request("GET", headers["location"])[2]
    finally:
        server.stop()
    with open_label_store(tmp_path / "labels") as store:
        second = read_reviews(store).query("round == 2")
    assert second[["incident_id", "reviewer", "decision", "agrees"]].values.tolist() == [[first, "bob", "unsure", 0]]
