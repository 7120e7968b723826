"""Reject reasons never repeat a cell's value (issue #14, defect 11).

Non-regression test for: issue #14 "Reject reasons repeat raw cell values (e.g. a phone number typed
into recorded) in the rejects file and on stdout".
"""

from typer.testing import CliRunner

from classifier.cli import app
from classifier.data import load_incidents

PHONE, NAME, POSTCODE = "07700 900123", "Jane Smithson", "B15 2TT"


def test_rejects_file_and_stdout_describe_values_without_repeating_them(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text("incident_id,narrative,recorded,domestic_abuse,reported_at\n"
                    f"A1,Pushed in the street,{PHONE},,\n"
                    f"A2,Pushed in the street,yes,{NAME},\n"
                    f"A3,Pushed in the street,no,,{POSTCODE}\n", encoding="utf-8")
    reasons = load_incidents(path).rejects["reason"].tolist()
    assert reasons[0].startswith("recorded holds a 12-character value of digits and spaces, not a yes/no")
    assert reasons[1].startswith("domestic_abuse holds a 13-character value of letters and spaces")
    assert reasons[2].startswith("reported_at holds a 7-character value of letters, digits and spaces")
    run = CliRunner().invoke(app, ["validate", str(path), "--rejects", str(tmp_path / "rejects.csv")])
    saved = (tmp_path / "rejects.csv").read_text(encoding="utf-8")
    for value in (PHONE, NAME, POSTCODE):
        assert value not in run.output and value not in saved and value not in " ".join(reasons)
