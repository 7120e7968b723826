"""JSON Lines in and out stay strict JSON (issue #14, defect 8).

Non-regression test for: issue #14 "JSON Lines: Infinity and 1e400 are written back as bare
Infinity, which strict JSON readers refuse".
"""

import json

import pandas as pd
import pytest

from classifier.data import frame_to_bytes, load_incidents


def _strict(line):
    """Parse one line as strict JSON (NaN and Infinity refused)."""
    def refuse(name):
        raise ValueError(f"not strict JSON: {name}")

    return json.loads(line, parse_constant=refuse)


@pytest.mark.parametrize("value", ["Infinity", "-Infinity", "NaN", "1e400", "[1, -1e999]"],
                         ids=["inf", "minus-inf", "nan", "overflow", "nested-overflow"])
def test_non_finite_json_number_rejects_its_line(tmp_path, value):
    path = tmp_path / "a.jsonl"
    path.write_text('{"incident_id": "A0", "narrative": "fine", "n": 2.5}\n'
                    f'{{"incident_id": "A1", "narrative": "x", "n": {value}}}\n', encoding="utf-8")
    result = load_incidents(path)
    assert result.accepted["incident_id"].tolist() == ["A0"]
    assert result.rejects["row"].tolist() == [2]
    assert "NaN, Infinity or a number beyond the range of a double" in result.rejects["reason"].iloc[0]


def test_infinite_float_is_written_as_null():
    frame = pd.DataFrame({"incident_id": ["A1", "A2"], "x": [float("inf"), 1.5], "y": [[float("-inf")], None]})
    lines = frame_to_bytes(frame, format="jsonl").decode("utf-8").splitlines()
    assert [_strict(line) for line in lines] == [{"incident_id": "A1", "x": None, "y": [None]},
                                                  {"incident_id": "A2", "x": 1.5, "y": None}]


def test_large_but_finite_numbers_round_trip(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"incident_id": "A0", "narrative": "fine", "n": 1.7976931348623157e308, "big": '
                    + "1" + "0" * 400 + "}\n", encoding="utf-8")
    result = load_incidents(path)
    assert len(result.accepted) == 1
    assert result.accepted["big"].iloc[0] == "1" + "0" * 400
