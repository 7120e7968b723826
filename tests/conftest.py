"""Shared pytest fixtures: tiny inline data and a tiny model trained once per session.

Nothing here reads ``data/``; every fixture builds its own rows (see STYLE.md, tests).
"""

import os

import pytest

# Local Spark sessions started by tests (and their subprocesses) keep no class-data archive in the
# user's cache; tests/scoring/test_spark_jvm.py turns it on in a folder of its own.
os.environ["CRIMEREC_SPARK_CLASS_CACHE"] = "off"


@pytest.fixture(autouse=True)
def _isolated_mlflow(tmp_path, monkeypatch):
    """Point MLflow at a throwaway store so no test writes into the project directory."""
    monkeypatch.setenv("MLFLOW_TRACKING_URI", f"sqlite:///{tmp_path / 'mlflow.db'}")
    monkeypatch.setenv("MLFLOW_DISABLE_TELEMETRY", "true")
    monkeypatch.setenv("DO_NOT_TRACK", "true")
    # The champion (models/current) is looked up under the crimerec home: never the checkout's in tests.
    monkeypatch.setenv("CRIMEREC_HOME", str(tmp_path / "crimerec-home"))
    monkeypatch.delenv("CRIMEREC_MODEL", raising=False)


# ---- tiny audited logs and a tiny trained model (classifier.model.estimator) --------------------------------

# (opening_code, narrative, hocr_category or "", domestic_abuse): should_record is True iff a category.
_TINY_CRIMES = (
    ("ASSAULT", "IP states her partner punched her in the face during an argument, cut lip.",
     "Assault with injury", True),
    ("ASSAULT", "Male was headbutted outside the pub by an unknown man, bleeding from the nose.",
     "Assault with injury", False),
    ("ASSAULT", "IP pushed and slapped by her ex-partner at the door, no injury, does not wish to "
     "support police action.", "Common assault", True),
    ("ASSAULT", "Victim was spat at and grabbed by the arm by a neighbour, refused to give a statement.",
     "Common assault", False),
    ("THREATS", "Caller says her brother threatened to kill her and waved a knife, she is scared.",
     "Threats to kill", True),
    ("HARASSMENT", "IP has received abusive texts from her ex every day this week and he keeps turning up "
     "at her work, she is frightened.", "Harassment", True),
    ("SEXUAL", "Female reports a man touched her bottom on the bus without consent, she just wants it "
     "logged.", "Sexual assault", False),
    ("DAMAGE", "Reporting person states someone smashed the windscreen of his car overnight.",
     "Criminal damage", False),
    ("THEFT", "Caller's bicycle was stolen from the front garden, lock cut.", "Bicycle theft", False),
    ("THEFT", "Shop staff report a male stole two bottles of vodka and ran off.", "Shoplifting", False),
    ("BURGLARY", "Back door forced overnight, laptop and jewellery taken from the house.",
     "Residential burglary", False),
    ("ROBBERY", "Youth had his phone taken by two males who threatened to stab him.",
     "Robbery of personal property", False),
    ("PUBLIC ORDER", "Male shouting threats and swearing at staff, staff member was in fear of violence.",
     "Public fear, alarm or distress", False),
    ("ASSAULT", "IP kicked in the leg by her father, bruising, victim does not want to make a complaint.",
     "Assault with injury", True),
    ("THREATS", "Ex-partner sent a message saying he will burn her house down, she is terrified.",
     "Malicious communications", True),
    ("THEFT", "Wallet stolen from handbag while in a cafe, victim saw the male take it.",
     "Theft from the person", False),
)
_TINY_NON_CRIMES = (
    ("DOMESTIC", "Verbal argument between partners about money, no threats, no violence, both calm.", True),
    ("NOISE", "Neighbour playing loud music late at night, caller wants it to stop.", False),
    ("WELFARE", "Concern for welfare of an elderly man not seen for two days, found safe and well.", False),
    ("MISSING", "Teenager missing from home, returned safe later that evening.", False),
    ("CIVIL", "Dispute with a builder about an unpaid invoice, civil matter advised.", False),
    ("LOST PROPERTY", "Caller lost her phone in town, no suggestion it was stolen.", False),
    ("RTC", "Minor collision in a car park, details exchanged, no injuries, no offences.", False),
    ("HOAX", "Caller admits he made the story up about a fight, no assault took place.", False),
    ("MENTAL HEALTH", "Male in crisis on the bridge, taken to hospital by ambulance.", False),
    ("NEIGHBOUR", "Neighbours disagree about a boundary fence, no damage, no threats made.", False),
    ("DOMESTIC", "Couple shouting at each other, words only, nobody put in fear, advice given.", True),
    ("CONCERN", "School reports a child seemed upset, no disclosure made, welfare check completed.", False),
    ("SUDDEN DEATH", "Sudden death of an elderly woman at home, nothing suspicious, GP attended.", False),
    ("ASB", "Youths kicking a football against a wall, no damage caused, moved on.", False),
    ("LOST PROPERTY", "Phone reported stolen was later found down the side of the sofa.", False),
    ("MEDICAL", "Man collapsed in the street, ambulance called, medical episode.", False),
)
_TINY_CLOSINGS = ("Officer attended and spoke to all parties.", "Call handled by the resolution centre.")


def make_tiny_frame():
    """64 audited logs: each inline narrative twice, with two different closing comments."""
    import pandas as pd

    rows = []
    for copy, closing in enumerate(_TINY_CLOSINGS):
        for code, narrative, category, domestic in _TINY_CRIMES:
            rows.append((code, narrative, closing, True, category, domestic))
        for code, narrative, domestic in _TINY_NON_CRIMES:
            rows.append((code, narrative, closing, False, "", domestic))
    frame = pd.DataFrame(rows, columns=["opening_code", "narrative", "closing_comment", "should_record",
                                        "hocr_category", "domestic_abuse"])
    frame.insert(0, "incident_id", [f"T{i:03d}" for i in range(len(frame))])
    frame["closing_code"] = ""
    frame["recorded"] = pd.array(frame["should_record"].to_numpy(), dtype="boolean")
    for column in ("should_record", "domestic_abuse"):
        frame[column] = frame[column].astype("boolean")
    return frame


@pytest.fixture
def tiny_frame():
    """A fresh copy of the 64 tiny audited logs (validated contract dtypes)."""
    return make_tiny_frame()


@pytest.fixture(scope="session")
def tiny_model():
    """A CrimeRecModel fitted once per session on the tiny logs, operating threshold 0.5."""
    from classifier.model import CrimeRecModel

    # The tiny logs keep some of their facts in the closing comment, so this model reads it.
    model = CrimeRecModel(min_df=1, max_word_features=2000, max_char_features=2000, read_closing_comment=True)
    model.fit(make_tiny_frame())
    return model.set_operating_point(threshold=0.5)


@pytest.fixture(scope="session")
def tiny_model_dir(tiny_model, tmp_path_factory):
    """The tiny model saved with ``save_model`` (model.joblib, model_card.json, MODEL_CARD.md)."""
    from classifier.model import save_model

    directory = tmp_path_factory.mktemp("models") / "tiny"
    save_model(tiny_model, directory, card={"command": "tests/conftest.py tiny_model"})
    return directory


# ---- a small local Spark session (classifier.scoring.spark, training.tracking's spark_udf) ----------------------


@pytest.fixture(scope="session")
def spark():
    """A local[2] Spark session shared by the whole run; skipped where pyspark or Java is missing."""
    import os
    import shutil

    pytest.importorskip("pyspark", reason="pip install 'crimerec[spark]'")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.skip("Spark needs Java (.ci/run installs openjdk-17-jre-headless)")
    from classifier.scoring.spark import spark_session

    session = spark_session(master="local[2]", conf={
        "spark.ui.enabled": "false", "spark.sql.shuffle.partitions": "2", "spark.default.parallelism": "2",
        "spark.driver.memory": "1g", "spark.ui.showConsoleProgress": "false"})
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="session")
def generated_model():
    """A model trained as ``crimerec train`` trains (default config) on 5,000 generated logs, once per session.

    Long call-handler logs and brief one-liners both; slow tests use it to check what the generator teaches.
    """
    from training.config import load_config, parse_overrides
    from training.generator import generate_incidents
    from training.train import fit_model, split_frame

    config = load_config(overrides=parse_overrides(["compute.n_jobs=1", "model.max_word_features=20000",
                                                    "model.max_char_features=10000"]))
    train_part, validation = split_frame(generate_incidents(5000, seed=11), config)
    return fit_model(train_part, validation, config).model


# ---- helpers of the hostile cases (issue #14): running the CLI as installed, read-only folders, processes ----


def run_main(monkeypatch, capsys, *args):
    """Run ``crimerec ARGS`` through ``classifier.cli.main``; return (exit code, stdout + stderr)."""
    import sys

    from classifier import cli

    monkeypatch.setattr(sys, "argv", ["crimerec", *args])
    code = 0
    try:
        cli.main()
    except SystemExit as stopped:
        code = stopped.code if isinstance(stopped.code, int) else 1
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.fixture
def read_only_dir(tmp_path):
    """tmp_path/ro, unwritable even for root (chmod, else chattr +i); the test is skipped if impossible."""
    import os
    import subprocess

    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    immutable = False
    if os.access(folder, os.W_OK):
        immutable = subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode == 0
        if not immutable:
            pytest.skip("cannot make a read-only folder here")
    yield folder
    if immutable:
        subprocess.run(["chattr", "-i", str(folder)], check=True)
    folder.chmod(0o755)


def group_members(group):
    """Pids of live processes (zombies excluded) whose process group is ``group``."""
    from pathlib import Path

    members = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == group and fields[0] != "Z":
                members.append(int(entry.name))
    return members
