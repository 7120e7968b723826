"""Display masking (issue 15): names after cues in any case, titles, relationship words, streets and house numbers."""

import pytest

from classifier.text.display import PLACEHOLDER_MEANINGS, mask_for_display, masking_recall

CASES = [
    ("SPOKE WITH PAIGE RE THE INCIDENT", "SPOKE WITH __name__ RE THE INCIDENT", "paige"),
    ("spoke with sophie fletcher at the scene", "spoke with __name__ at the scene", "fletcher"),
    ("IP Amy McBride states her ex kicked her.", "IP __name__ states her ex kicked her.", "mcbride"),
    ("mr smith and MRS JONES attended", "mr __name__ and MRS __name__ attended", "jones"),
    ("Her partner dave kicked the door.", "Her partner __name__ kicked the door.", "dave"),
    ("She lives on gravelly lane with her mum", "She lives on __address__ with her mum", "gravelly"),
    ("Attended number 14 and spoke to the occupant.", "Attended __address__ and spoke to the occupant.", "14"),
]


@pytest.mark.parametrize(("text", "expected", "secret"), CASES,
                         ids=["caps-after-verb", "lower-full-name", "role", "titles", "relationship",
                              "street-no-number", "house-number"])
def test_names_and_addresses_are_masked_in_the_original_case(text, expected, secret):
    shown = mask_for_display(text)
    assert shown == expected and secret not in shown.lower()


@pytest.mark.parametrize("text", ["Officers spoke to the caller and advised her.", "walked down the road to the shop",
                                  "Victim was punched by the suspect. Crime raised."],
                         ids=["no-name", "no-street", "decision-kept"])
def test_ordinary_wording_is_left_alone(text):
    assert mask_for_display(text) == text


def test_the_measured_recall_is_shipped_with_its_benchmark():
    recall = masking_recall()
    assert recall["overall"]["planted"] >= 10_000 and recall["overall"]["recall"] >= 0.995
    assert recall["benchmark"] == "benchmarks/masking_recall.py"
    assert {"__name__", "__address__"} <= set(PLACEHOLDER_MEANINGS)
