"""One notion of "the model in use" (champion) and provenance of outputs (issue 15)."""

import json

import pytest

from classifier.model import (
    build_provenance,
    crimerec_home,
    read_sidecar,
    render_provenance,
    resolve_model,
    shipped_model_path,
    write_sidecar,
)


def _model_dir(path, *, version=None, sha="ab" * 32):
    """A model directory holding only a card (enough to resolve and describe it)."""
    path.mkdir(parents=True)
    card = {"name": "crimerec", "sha256": sha, "created": "2024-01-01T00:00:00+00:00"}
    if version:
        card["lineage"] = {"registered_version": version}
    (path / "model_card.json").write_text(json.dumps(card), encoding="utf-8")
    return path


def test_shipped_model_is_the_first_champion_from_any_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    choice = resolve_model()
    assert choice.source == "shipped" and choice.location == str(shipped_model_path())
    assert "no model has been promoted yet" in choice.describe()


def test_promoted_model_wins_and_is_found_the_same_from_any_folder(tmp_path, monkeypatch):
    current = _model_dir(crimerec_home() / "models" / "current", version="3")
    for folder in (tmp_path, current):
        monkeypatch.chdir(folder)
        choice = resolve_model()
        assert (choice.location, choice.source, choice.version) == (str(current), "current", "3")


@pytest.mark.parametrize(
    ("alias", "expected"),
    [(("models:/crimerec@champion", "4"), "registry"), (("models:/crimerec@champion", "3"), "current"), (None, "current")],
    ids=["alias-newer", "alias-same-as-disk", "no-alias"],
)
def test_registry_alias_is_used_unless_models_current_holds_that_version(alias, expected):
    _model_dir(crimerec_home() / "models" / "current", version="3")
    assert resolve_model(registry=lambda: alias).source == expected


def test_given_model_and_environment_come_first(monkeypatch):
    monkeypatch.setenv("CRIMEREC_MODEL", "/srv/m")
    assert resolve_model().source == "environment"
    assert resolve_model("models/mine").location == "models/mine"


def test_provenance_names_version_model_input_and_time(tmp_path):
    model = _model_dir(tmp_path / "m", version="7")
    source = tmp_path / "in.csv"
    source.write_text("incident_id,narrative\nA,text\n", encoding="utf-8")
    output = tmp_path / "out.csv"
    output.write_text("x\n", encoding="utf-8")
    provenance = build_provenance(model=model, inputs=[source])
    write_sidecar(output, provenance)
    saved = read_sidecar(output)
    assert saved["model"]["version"] == "7" and saved["model"]["sha256"] == "ab" * 32
    assert saved["inputs"][0]["name"] == "in.csv" and len(saved["inputs"][0]["sha256"]) == 64
    assert saved["crimerec_version"] and saved["run_at"].endswith("+00:00")
    assert "model crimerec version 7" in render_provenance(saved)
