"""Tests for training.tracking's portable model: code carried with the model, card, example, register, spark_udf.

The clean-environment test builds (once, then reuses) a virtual environment with only MLflow and the
model's requirements, and checks that the registered model loads by alias, scores, and serves over
loopback there without any crimerec checkout on the path.
"""

import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import mlflow
import pandas as pd
import pytest

from classifier.model import load_model
from classifier.scoring import score_file
from training.config import TrackingConfig
from training.tracking import default_tracking_uri, register_model, spark_udf

NARRATIVES = (
    "IP states her partner punched her in the face during a row, cut lip, does not want police action.",
    "Neighbour playing loud music late at night, caller wants it to stop.",
    "Back door forced overnight, laptop and jewellery taken from the house.",
    "Ex-partner keeps sending abusive messages and turning up at her work, she is frightened.",
    "Shop staff report a male stole two bottles of vodka and ran off.",
    "Caller lost her phone in town, no suggestion it was stolen.",
)
PREDICTIONS = ["p_should_record", "predicted_should_record", "predicted_category", "p_domestic_abuse", "evidence"]


def _logs():
    """Six logs in the signature's input columns."""
    return pd.DataFrame({"incident_id": [f"P{i}" for i in range(len(NARRATIVES))], "narrative": list(NARRATIVES),
                         "opening_code": ["ASSAULT", "NOISE", "BURGLARY", "HARASSMENT", "THEFT", "LOST"],
                         "closing_comment": ["Advice given."] * len(NARRATIVES)})


@pytest.fixture
def registered(tiny_model_dir):
    """The tiny model registered in this test's throwaway store (see the autouse MLflow fixture)."""
    return register_model(tiny_model_dir, TrackingConfig())


def test_register_makes_a_self_contained_champion(registered, tiny_model_dir):
    assert registered["version"] == registered["champion"] == "1"
    client = mlflow.MlflowClient(default_tracking_uri())
    version = client.get_model_version("crimerec", "1")
    assert version.description == (tiny_model_dir / "MODEL_CARD.md").read_text(encoding="utf-8")
    info = mlflow.models.get_model_info("models:/crimerec@champion")
    flavor = info.flavors["python_function"]
    assert flavor["loader_module"] == "classifier.model.pyfunc" and flavor["code"] == "code"
    example = json.loads(Path(mlflow.artifacts.download_artifacts(
        f"models:/crimerec@champion/{info.saved_input_example_info['artifact_path']}")).read_text())
    assert example["columns"] == ["incident_id", "narrative", "opening_code", "closing_comment"]
    assert all(row[0].startswith("WM18-") for row in example["data"])  # generated logs, not real ones

    served = mlflow.pyfunc.load_model("models:/crimerec@champion").predict(_logs())
    pd.testing.assert_frame_equal(served, load_model(tiny_model_dir).predict_frame(_logs()))


def test_a_second_registration_leaves_the_champion(registered, tiny_model_dir):
    again = register_model(tiny_model_dir, TrackingConfig())
    assert (again["version"], again["champion"]) == ("2", "1")


def test_spark_udf_recipe_scores_like_crimerec_score(spark, registered, tiny_model_dir, tmp_path):
    from pyspark.sql import functions as F

    source = tmp_path / "logs.csv"
    _logs().to_csv(source, index=False)
    score_file(source, tmp_path / "ref.csv", model=tiny_model_dir, workers=1)
    expected = pd.read_csv(tmp_path / "ref.csv", dtype=str, keep_default_na=False)

    score = spark_udf(spark, "models:/crimerec@champion")
    logs = spark.read.options(header=True, multiLine=True, escape='"').csv(str(source))
    inputs = F.struct("incident_id", "narrative", "opening_code", "closing_comment")
    ours = logs.withColumn("scores", score(inputs)).select("incident_id", "scores.*").toPandas()

    ours = ours.set_index("incident_id").loc[expected["incident_id"]].reset_index()
    assert ours["p_should_record"].tolist() == expected["p_should_record"].astype(float).tolist()
    assert ours["p_domestic_abuse"].tolist() == expected["p_domestic_abuse"].astype(float).tolist()
    assert ours["evidence"].tolist() == expected["evidence"].tolist()
    assert ours["predicted_category"].tolist() == expected["predicted_category"].tolist()


# ---- a clean virtual environment: MLflow and the model's requirements, no crimerec --------------------------


def _clean_python(requirements):
    """A virtual environment with only ``requirements`` installed, cached in the temp folder by their hash."""
    digest = hashlib.sha256(requirements.encode()).hexdigest()[:16]
    folder = Path(tempfile.gettempdir()) / f"crimerec-clean-env-{digest}"
    python = folder / "bin" / "python"
    if not (folder / ".complete").exists():
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(folder)], check=True)
        listed = folder / "requirements.txt"
        listed.write_text(requirements)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "-r", str(listed)], check=True)
        (folder / ".complete").touch()
    return python


def _free_port():
    """A free TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


_LOAD_AND_SCORE = """
import json, sys, pandas as pd, mlflow
try:
    import training
    sys.exit("training is importable: the checkout leaked into the clean environment")
except ImportError:
    pass
model = mlflow.pyfunc.load_model("models:/crimerec@champion")
import classifier
frame = pd.DataFrame(json.loads(sys.argv[1]))
print(json.dumps({"classifier": classifier.__file__,
                  "p": model.predict(frame)["p_should_record"].tolist()}))
"""


def test_clean_environment_loads_by_alias_and_serves(registered, tiny_model_dir, tmp_path):
    requirements = Path(mlflow.artifacts.download_artifacts("models:/crimerec@champion/requirements.txt",
                                                            dst_path=str(tmp_path / "req"))).read_text()
    python = _clean_python(requirements)
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{python.parent}{os.pathsep}{env.get('PATH', '')}"  # the server starts uvicorn from PATH
    expected = load_model(tiny_model_dir).predict_frame(_logs())["p_should_record"].tolist()

    loaded = subprocess.run([str(python), "-c", _LOAD_AND_SCORE, _logs().to_json(orient="records")], cwd=tmp_path,
                            env=env, capture_output=True, text=True, timeout=300, check=False)
    assert loaded.returncode == 0, loaded.stderr[-2000:]
    result = json.loads(loaded.stdout.strip().splitlines()[-1])
    assert "/code/classifier/" in result["classifier"] and result["p"] == expected

    port = _free_port()
    server = subprocess.Popen([str(python), "-m", "mlflow", "models", "serve", "-m", "models:/crimerec@champion",
                               "--env-manager", "local", "-h", "127.0.0.1", "-p", str(port)], cwd=tmp_path, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        answer = _ask(server, port, {"dataframe_split": _logs().to_dict(orient="split", index=False)})
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
    assert [row["p_should_record"] for row in answer["predictions"]] == expected


def _ask(server, port, payload, *, timeout=300):
    """POST ``payload`` to the model server's /invocations once /ping answers; return the JSON answer."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/ping", timeout=5):
                break
        except OSError:
            if server.poll() is not None:
                pytest.fail(f"mlflow models serve exited: {server.stderr.read().decode()[-2000:]}")
            if time.monotonic() > deadline:
                raise
            time.sleep(1)
    request = urllib.request.Request(f"http://127.0.0.1:{port}/invocations", data=json.dumps(payload).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.loads(response.read())


def test_loading_by_alias_leaves_no_downloaded_copy_behind(registered, tmp_path, monkeypatch):
    from training.tracking import load_model_from

    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))  # the download's temporary folder goes here
    model = load_model_from("models:/crimerec@champion")
    assert model.predict_frame(_logs())["p_should_record"].between(0, 1).all()
    assert list(temporary.iterdir()) == []
    kept = load_model_from("models:/crimerec@champion", cache_dir=tmp_path / "cache")
    assert kept.card_["sha256"] and list((tmp_path / "cache").rglob("model_card.json"))
