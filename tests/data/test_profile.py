"""Force profiles and dates as forces write them: day-first, explicit formats, kept rows with a value emptied."""

import pandas as pd
import pytest

from classifier.data import (
    ForceProfile,
    load_incidents,
    load_profile,
    resolve_profile,
    save_profile,
    validate_file,
)
from classifier.errors import InputFileError, SchemaError

FORCE_CSV = (
    "URN,Opening Remarks,Closing Remarks,Crime Raised,Division,Date Reported\n"
    "N1,Caller punched in the face by partner,DNW to support,N,North,31/01/2024 14:30\n"
    "N2,Neighbour noise complaint,Advice given,N,South,01/02/2024 09:05\n"
    "N3,Shed broken into and bike stolen,Crime raised,Y,North,29/02/2024 23:59\n"
    "N4,Threats to kill made by text,Words only,maybe,South,31/02/2024 10:00\n"
)
COLUMNS = {"incident_id": "URN", "narrative": "Opening Remarks", "closing_comment": "Closing Remarks",
           "recorded": "Crime Raised", "area": "Division", "reported_at": "Date Reported"}


@pytest.fixture
def export(tmp_path):
    path = tmp_path / "force.csv"
    path.write_text(FORCE_CSV, encoding="utf-8")
    return path


def test_profile_round_trips_through_toml(tmp_path):
    profile = ForceProfile(columns=COLUMNS, date_format="%d/%m/%Y %H:%M", force='Northshire "N"',
                           security_marking="OFFICIAL-SENSITIVE")
    path = save_profile(profile, tmp_path / "force.toml")
    assert load_profile(path) == profile
    with pytest.raises(InputFileError, match="already exists"):
        save_profile(profile, path)


@pytest.mark.parametrize(
    ("text", "message"),
    [("colour = 'red'\n", "unknown key 'colour'"),
     ("[columns]\nnarative = 'Remarks'\n", "did you mean 'narrative'"),
     ("date_format = 'dd/mm/yyyy'\n", "Date format 'dd/mm/yyyy' is not understood")],
    ids=["unknown-key", "misspelt-column", "bad-date-format"],
)
def test_bad_profiles_are_named(tmp_path, text, message):
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SchemaError, match=message):
        load_profile(path)


def test_map_options_override_the_profile():
    profile = resolve_profile(ForceProfile(columns=COLUMNS), map_items=["narrative=Remarks"], date_format="dayfirst")
    assert profile.columns["narrative"] == "Remarks" and profile.date_format == "dayfirst"


@pytest.mark.parametrize("date_format", ["dayfirst", "%d/%m/%Y %H:%M"], ids=["dayfirst", "explicit"])
def test_day_first_dates_are_read_and_written_as_iso(export, date_format):
    result = load_incidents(export, mapping=COLUMNS, date_format=date_format, strict=False)
    assert result.accepted["reported_at"].tolist() == [
        "2024-01-31T14:30:00", "2024-02-01T09:05:00", "2024-02-29T23:59:00", ""]
    assert result.rows_rejected == 0
    emptied = result.emptied.set_index("column")["reason"]
    assert "not dd/mm/yyyy hh:mm" in emptied["reported_at"] or "day-first" in emptied["reported_at"]
    assert "kept and scored with reported_at left empty" in emptied["reported_at"]
    assert pd.isna(result.accepted.loc[4, "recorded"]) and "recorded holds a 5-character value of letters" in emptied["recorded"]


def test_strict_rejects_the_row_naming_row_and_format(export):
    result = load_incidents(export, mapping=COLUMNS, date_format="%d/%m/%Y %H:%M", strict=True)
    assert result.rejects["row"].tolist() == [4]
    assert result.rejects["column"].tolist() == ["recorded"]
    iso = load_incidents(export, mapping=COLUMNS, strict=True)
    assert "not an ISO 8601 date" in iso.rejects["reason"].iloc[0]
    assert iso.rows_rejected == 4


def test_iso_text_reads_back_under_a_day_first_profile(tmp_path):
    path = tmp_path / "normalised.csv"
    path.write_text("URN,Opening Remarks,Date Reported\nA,Text,2024-01-31T14:30:00\n", encoding="utf-8")
    mapping = {"incident_id": "URN", "narrative": "Opening Remarks", "reported_at": "Date Reported"}
    result = load_incidents(path, mapping=mapping, date_format="dayfirst", strict=True)
    assert result.accepted["reported_at"].tolist() == ["2024-01-31T14:30:00"]


def test_validate_summarises_columns_and_date_range(export):
    summary = validate_file(export, mapping={**COLUMNS}, date_format="dayfirst", strict=False)
    assert summary.rows_rejected == 0 and summary.values_emptied == 2
    assert summary.columns["found"]["narrative"] == "Opening Remarks"
    assert "should_record" in summary.columns["missing"] and summary.columns["ignored"] == []
    assert summary.date_range == ("2024-01-31", "2024-02-29")
