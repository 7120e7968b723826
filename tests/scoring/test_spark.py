"""Tests for classifier.scoring.spark: ``spark-score`` gives the columns, values and rejects of ``crimerec score``.

One small local[2] session serves the whole run (``spark`` in tests/conftest.py); each test scores a
dozen rows it writes itself.
"""

import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from classifier.cli import app
from classifier.errors import SchemaError
from classifier.scoring import score_file
from classifier.scoring.spark import spark_score

NARRATIVES = (
    "IP states her partner punched her in the face during a row, cut lip, does not want police action.",
    "Neighbour playing loud music late at night,\ncaller wants it to stop.",
    "Back door forced overnight, laptop and jewellery taken from the house.",
    "Caller lost her phone in town, no suggestion it was stolen.",
    "Ex-partner keeps sending \"abusive\" messages and turning up at her work, she is frightened.",
    "=HYPERLINK(\"http://evil.example\",\"click\") male threatened to kill caller with a knife.",
    "Shop staff report a male stole two bottles of vodka and ran off.",
    "Youth had his phone taken by two males who threatened to stab him.",
)
SCORES = ["p_should_record", "p_domestic_abuse"]


def _logs(n=12, *, prefix="INC"):
    """``n`` raw logs as a force export holds them: yes/no/blank ``recorded`` and an extra column."""
    return pd.DataFrame({
        "incident_id": [f"{prefix}-{i:03d}" for i in range(n)],
        "narrative": [NARRATIVES[i % len(NARRATIVES)] + f" Ref {i}." for i in range(n)],
        "recorded": [("yes", "N", "")[i % 3] for i in range(n)],
        "beat": [f"-B{i % 4}" for i in range(n)],
    })


def _hostile_csv(path):
    """Good rows (quoted line breaks, quotes, a formula, spaces) and one row of each problem a CSV can have."""
    good = _logs(8)
    good.loc[2, "beat"] = "  B2 "
    text = good.to_csv(index=False, lineterminator="\n")
    bad = ['X1,Noise complaint from a neighbour.,maybe,B1', 'X2,,no,B2', 'INC-001,Duplicate of the second log.,no,B3',
           'X4,Text with a NUL \x00 byte.,no,B4', 'X5,Male stole a bike,no,B5,extra field', '  ,No id at all.,no,B6']
    path.write_text(text + "\n".join(bad) + "\n", encoding="utf-8")
    return path


def _parts(folder, file_format):
    """A written dataset's part files, in name order, as one frame (CSV as text)."""
    files = sorted(Path(folder).glob("part-*"))
    if file_format == "csv":
        frames = [pd.read_csv(path, dtype=str, keep_default_na=False) for path in files]
    elif file_format == "jsonl":
        frames = [pd.read_json(path, lines=True, dtype=False, precise_float=True) for path in files]
    else:
        frames = [pd.read_parquet(path) for path in files]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def _assert_same_scores(ours, reference):
    """Same rows, columns and values as crimerec score (floats exactly; CSV booleans in any case)."""
    assert list(ours.columns) == list(reference.columns)
    assert len(ours) == len(reference)
    for name in reference.columns:
        if name in SCORES:
            np.testing.assert_array_equal(ours[name].astype(float), reference[name].astype(float), err_msg=name)
        elif name == "predicted_should_record":
            assert ours[name].astype(str).str.lower().tolist() == reference[name].astype(str).str.lower().tolist()
        else:
            assert ours[name].tolist() == reference[name].tolist(), name


def test_csv_scores_and_rejects_equal_crimerec_score(spark, tiny_model_dir, tmp_path):
    source = _hostile_csv(tmp_path / "logs.csv")
    reference = score_file(source, tmp_path / "ref.csv", model=tiny_model_dir, workers=1)
    summary = spark_score(str(source), str(tmp_path / "out.csv"), model=tiny_model_dir, spark=spark, partitions=3)

    assert (summary.rows_read, summary.rows_scored, summary.rows_rejected) == (14, 8, 6)
    assert summary.discrepancies == reference.discrepancies
    expected = pd.read_csv(tmp_path / "ref.csv", dtype=str, keep_default_na=False)
    _assert_same_scores(_parts(tmp_path / "out.csv", "csv"), expected)
    rejects = _parts(tmp_path / "out.rejects.csv", "csv")
    pd.testing.assert_frame_equal(rejects, pd.read_csv(tmp_path / "ref.rejects.csv", dtype=str, keep_default_na=False))
    assert "already appears at row 2" in rejects.set_index("row").loc["11", "reason"]


def test_parquet_read_in_several_blocks_keeps_row_numbers(spark, tiny_model_dir, tmp_path):
    raw = _logs(40)
    raw.loc[37, "incident_id"] = raw.loc[3, "incident_id"]
    source = tmp_path / "logs.parquet"
    raw.to_parquet(source, index=False, row_group_size=5)
    reference = score_file(source, tmp_path / "ref.parquet", model=tiny_model_dir, workers=1)
    spark.conf.set("spark.sql.files.maxPartitionBytes", "2048")
    try:
        summary = spark_score(str(source), str(tmp_path / "out.parquet"), model=tiny_model_dir, spark=spark)
    finally:
        spark.conf.unset("spark.sql.files.maxPartitionBytes")

    assert (summary.rows_read, summary.rows_rejected) == (reference.rows_read, 1)
    _assert_same_scores(_parts(tmp_path / "out.parquet", "parquet"), pd.read_parquet(tmp_path / "ref.parquet"))
    rejects = _parts(tmp_path / "out.rejects.csv", "csv")
    assert rejects[["row", "column"]].values.tolist() == [["38", "incident_id"]]
    assert "already appears at row 4" in rejects["reason"][0]


def test_folder_of_json_lines_files_numbers_rows_per_file(spark, tiny_model_dir, tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    for name, prefix in (("a.jsonl", "A"), ("b.jsonl", "B")):
        logs = _logs(6, prefix=prefix)
        logs.loc[4, "narrative"] = ""
        logs.to_json(folder / name, orient="records", lines=True, force_ascii=False)
    summary = spark_score(str(folder), str(tmp_path / "out.jsonl"), format="jsonl", model=tiny_model_dir,
                          spark=spark, rejects=str(tmp_path / "rejects.parquet"))

    assert (summary.rows_read, summary.rows_scored, summary.files) == (12, 10, 2)
    rejects = pd.read_parquet(tmp_path / "rejects.parquet")
    assert rejects[["source", "row", "column"]].values.tolist() == [["a.jsonl", 5, "narrative"],
                                                                   ["b.jsonl", 5, "narrative"]]
    ours = _parts(tmp_path / "out.jsonl", "jsonl").set_index("incident_id")
    for name in ("a.jsonl", "b.jsonl"):
        score_file(folder / name, tmp_path / f"ref-{name}", model=tiny_model_dir, workers=1)
        expected = pd.read_json(tmp_path / f"ref-{name}", lines=True, dtype=False, precise_float=True)
        # Spark's JSON reader orders keys by name; the values are crimerec score's
        _assert_same_scores(ours.loc[expected["incident_id"]].reset_index()[expected.columns], expected)


def test_mapped_columns_keep_the_file_names(spark, tiny_model_dir, tmp_path):
    source = tmp_path / "export.csv"
    _logs(6).rename(columns={"incident_id": "URN", "narrative": "Opening Remarks"}).to_csv(source, index=False)
    mapping = {"incident_id": "URN", "narrative": "Opening Remarks"}
    score_file(source, tmp_path / "ref.csv", model=tiny_model_dir, mapping=mapping, workers=1)
    spark_score(str(source), str(tmp_path / "out.csv"), model=tiny_model_dir, mapping=mapping, spark=spark)
    _assert_same_scores(_parts(tmp_path / "out.csv", "csv"),
                        pd.read_csv(tmp_path / "ref.csv", dtype=str, keep_default_na=False))


@pytest.mark.parametrize(("change", "message"), [
    ("existing-output", "already exists"),
    ("missing-column", "'narrative' is missing"),
    ("score-column", "score column"),
], ids=["existing-output", "missing-column", "already-scored"])
def test_problems_stop_before_anything_is_written(spark, tiny_model_dir, tmp_path, change, message):
    raw = _logs(4)
    if change == "missing-column":
        raw = raw.drop(columns="narrative")
    if change == "score-column":
        raw["evidence"] = "x"
    source = tmp_path / "logs.csv"
    raw.to_csv(source, index=False)
    if change == "existing-output":
        (tmp_path / "out.csv").mkdir()
    with pytest.raises(SchemaError, match=message):
        spark_score(str(source), str(tmp_path / "out.csv"), model=tiny_model_dir, spark=spark)
    assert not (tmp_path / "out.rejects.csv").exists()


def test_missing_pyspark_names_the_extra(monkeypatch, tiny_model_dir, tmp_path):
    monkeypatch.setitem(sys.modules, "pyspark", None)
    monkeypatch.setitem(sys.modules, "pyspark.sql", None)
    with pytest.raises(ImportError, match=r"pip install 'crimerec\[spark\]'"):
        spark_score(str(tmp_path / "logs.csv"), str(tmp_path / "out.csv"), model=tiny_model_dir)


def test_spark_score_command_prints_a_reconciled_summary(spark, tiny_model_dir, tmp_path):
    source = _hostile_csv(tmp_path / "logs.csv")
    result = CliRunner().invoke(app, ["spark-score", str(source), "-o", str(tmp_path / "out.parquet"),
                                      "-m", str(tiny_model_dir), "--master", "local[2]",
                                      "--conf", "spark.sql.shuffle.partitions=2"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["rows_read"] == summary["rows_scored"] + summary["rows_rejected"] == 14
    assert len(_parts(tmp_path / "out.rejects.csv", "csv")) == 6


def test_bad_conf_item_is_refused():
    from classifier.scoring.spark import parse_conf

    with pytest.raises(SchemaError, match="KEY=VALUE"):
        parse_conf(["spark.executor.memory"])


@pytest.mark.parametrize("strict", [False, True], ids=["kept", "strict"])
def test_profile_date_format_and_strict_as_crimerec_score(spark, tiny_model_dir, tmp_path, strict):
    logs = _logs(8).rename(columns={"incident_id": "URN"})
    logs["reported_at"] = [f"{day:02d}/01/2024 10:0{day}" for day in range(1, 9)]
    logs.loc[3, "reported_at"] = "31/02/2024 10:00"  # no such day
    logs.loc[5, "recorded"] = "maybe"
    source = tmp_path / "export.csv"
    logs.to_csv(source, index=False)
    profile = tmp_path / "force.toml"
    profile.write_text('force = "Testshire"\ndate_format = "dayfirst"\n\n[columns]\nincident_id = "URN"\n')
    flags = ["--profile", str(profile), "-m", str(tiny_model_dir)] + (["--strict"] if strict else [])
    runner = CliRunner()
    reference = runner.invoke(app, ["score", str(source), "-o", str(tmp_path / "ref.csv"), "-w", "1", *flags])
    assert reference.exit_code == 0, reference.output
    result = runner.invoke(app, ["spark-score", str(source), "-o", str(tmp_path / "out.csv"), "--master", "local[2]",
                                 *flags])
    assert result.exit_code == 0, result.output

    ours, theirs = (json.loads(run.stdout.strip().splitlines()[-1]) for run in (result, reference))
    counts = ("rows_read", "rows_scored", "rows_rejected", "values_emptied")
    assert [ours[name] for name in counts] == [theirs[name] for name in counts] == ([8, 6, 2, 0] if strict
                                                                                      else [8, 8, 0, 2])
    _assert_same_scores(_parts(tmp_path / "out.csv", "csv"),
                        pd.read_csv(tmp_path / "ref.csv", dtype=str, keep_default_na=False))
    rejects = _parts(tmp_path / "out.rejects.csv", "csv")
    pd.testing.assert_frame_equal(rejects, pd.read_csv(tmp_path / "ref.rejects.csv", dtype=str, keep_default_na=False))
    assert rejects["column"].tolist() == ["reported_at", "recorded"]
    assert rejects["reason"].str.contains("use --strict").tolist() == [not strict] * 2


def test_partitions_take_equal_runs_of_rows_in_order(spark, tiny_model_dir, tmp_path):
    source = tmp_path / "logs.csv"
    _logs(31).to_csv(source, index=False)
    spark_score(str(source), str(tmp_path / "out.parquet"), model=tiny_model_dir, spark=spark, partitions=3)
    parts = [pd.read_parquet(path)["incident_id"].tolist() for path in sorted((tmp_path / "out.parquet").glob("part-*"))]
    assert [len(part) for part in parts] == [11, 10, 10]
    assert [name for part in parts for name in part] == [f"INC-{i:03d}" for i in range(31)]


@pytest.mark.parametrize("rejects_name", ["out.rejects.csv", "out.rejects.parquet"])
def test_no_rejects_gives_an_empty_rejects_dataset_with_its_columns(spark, tiny_model_dir, tmp_path, rejects_name):
    """A clean file still gets its rejects dataset: the columns (a CSV header) and no rows."""
    source = tmp_path / "logs.csv"
    _logs(9).to_csv(source, index=False)
    summary = spark_score(str(source), str(tmp_path / "out.csv"), rejects=str(tmp_path / rejects_name),
                          model=tiny_model_dir, spark=spark)
    assert (summary.rows_read, summary.rows_scored, summary.rows_rejected) == (9, 9, 0)
    file_format = "csv" if rejects_name.endswith(".csv") else "parquet"
    rejects = _parts(tmp_path / rejects_name, file_format)
    assert list(rejects.columns) == ["source", "row", "column", "reason", "incident_id"] and rejects.empty
