"""Tests for brief logs (training.generator.scenarios.brief, issue #13).

Real exports are often one line long. The generator writes each brief register on both sides of the
label, so these tests check that every label rule holds in a short form on both sides, that registers
and lengths carry no label, and that generation stays seeded.
"""

import re

import pytest

from classifier.data import NO_CRIME
from training.generator import words as _words
from training.generator.generate import _Env, generate_incidents
from training.generator.phrasing import FastRandom
from training.generator.scenarios.brief import REGISTERS, SCENARIOS, render_brief
from training.generator.scenarios.brief_noncrimes import NONCRIME_SPECS
from training.generator.scenarios.brief_offences import CRIME_SPECS

# (rule, crime scenario, its decisive words, no-crime scenario, its decisive words): the primer rule
# that separates two short logs about the same kind of thing.
RULE_PAIRS = (
    ("taken without consent vs lost", "brief_theft_item", r"stol|tak|took|nick|swip|pinch|theft|larceny|gone",
     "brief_lost_item", r"lost|misplac|left|dropped|forg"),
    ("force on a person vs accident or illness", "brief_assault",
     r"punch|hit|kick|slap|shov|push|headbutt|spat|bit|elbow|struck|grab|attack|assault|batter|fight|scuffle|"
     r"brawl|swung|lunged|ABH|threw",
     "brief_medical", r"fell|fall|collaps|faint|seizure|pain|breath|allerg|unwell|passed out|slip|trip|injur|"
     r"hurt|cut|sprain|intoxicated|drunk|unresponsive|came off|medical|ambulance|paramedic|ambo"),
    ("threat in fear vs words only", "brief_threats", r"threat|brandish|wav|pull|produc|knife|blade|machete|bat",
     "brief_dispute", r"verbal|civil|dispute|argu|shout|no threats|words only|disagree|deposit|refund|rent|"
     r"landlord|neighbo|owes"),
    ("reported stolen vs found where left", "brief_theft_cycle", r"stol|tak|nick|cut|rode off|theft|larceny|gone",
     "brief_stolen_then_found", r"found|locat|turned up|friend had|lost prop|wasnt stolen|at home|left it|no offence|recovered|family member|permission"),
)
_SHORT_CHARS = 260


def _draw(builder, n, seed="brief"):
    """``n`` cases from one builder with its own seeded stream."""
    r = FastRandom(f"{seed}-{builder.__name__}")
    env = _Env(2018, _words.POSTCODE_AREAS["west-midlands-2018"])
    return [builder(r, env) for _ in range(n)]


@pytest.fixture(scope="module")
def drawn():
    """1,500 cases from every brief builder, keyed by scenario name."""
    out = {}
    for builder in SCENARIOS:
        for case in _draw(builder, 1500):
            out.setdefault(case.scenario, []).append(case)
    return out


@pytest.mark.parametrize("rule, crime, crime_words, other, other_words", RULE_PAIRS,
                         ids=[pair[0] for pair in RULE_PAIRS])
def test_each_rule_holds_on_both_sides_in_a_short_form(drawn, rule, crime, crime_words, other, other_words):
    for scenario, words, crime_side in ((crime, crime_words, True), (other, other_words, False)):
        cases = drawn[scenario]
        assert {case.should_record for case in cases} == {crime_side}, scenario
        texts = [case.call[0] for case in cases]
        assert max(len(text) for text in texts) < _SHORT_CHARS, scenario
        # Misspellings may break the decisive word in a few logs, never in most.
        said = sum(bool(re.search(words, text, re.IGNORECASE)) for text in texts)
        assert said / len(texts) > 0.9, (scenario, [t for t in texts if not re.search(words, t, re.I)][:5])


def test_every_register_is_written_on_both_sides_of_the_label(drawn):
    sides = {True: set(), False: set()}
    for cases in drawn.values():
        for case in cases:
            sides[case.should_record].add(case.register)
    expected = {f"brief_{name}" for name in REGISTERS + ("update",)}
    assert sides[True] == expected
    assert sides[False] == expected


def test_length_says_nothing_about_the_label(generated):
    brief = generated[generated["register"].str.startswith("brief_")]
    lengths = brief["narrative"].str.len().groupby(brief["should_record"]).median()
    assert lengths.max() < 100
    assert abs(lengths[True] - lengths[False]) < 12


def test_specs_decide_the_label_whatever_the_update(drawn):
    for scenario, cases in drawn.items():
        key = scenario.removeprefix("brief_")
        if key.startswith("disproved_"):
            # An offence report answered by checkable evidence that nothing happened (primer 6).
            assert all(case.group == NO_CRIME and case.register == "brief_update" for case in cases)
        elif key in CRIME_SPECS:
            # Declined support, a suspect's denial or an officer's doubt never cancel it (primer 4-6).
            assert {case.group for case in cases} == {CRIME_SPECS[key]["group"]}, scenario
        else:
            assert key in NONCRIME_SPECS and {case.group for case in cases} == {NO_CRIME}, scenario


def test_declined_support_keeps_a_brief_offence_a_crime(drawn):
    declined = [case for key, cases in drawn.items() if key.removeprefix("brief_") in CRIME_SPECS
                for case in cases if "declined" in case.situations]
    assert declined and all(case.should_record for case in declined)
    assert any(re.search(r"does(n't| not) (wish|want)|declined|refused", case.call[0], re.I) for case in declined)


def test_other_forces_vocabulary_appears_beside_uk_terms(drawn):
    text = "\n".join(case.call[0] for cases in drawn.values() for case in cases).lower()
    for us, uk in (("tires", "tyres"), ("vandalized", "vandalised"), ("cell phone", "mobile phone"),
                   ("$", "£"), ("parking lot", "car park")):
        assert us in text and uk in text, (us, uk)


def test_render_is_deterministic_for_a_seed():
    spec = CRIME_SPECS["theft_cycle"]
    first = [render_brief(spec, FastRandom("same")) for _ in range(3)]
    again = [render_brief(spec, FastRandom("same")) for _ in range(3)]
    assert first == again


@pytest.fixture(scope="module")
def generated():
    """3,000 generated logs, about 900 of them brief."""
    return generate_incidents(3000, seed=5)


def test_generated_logs_mix_brief_and_long_logs_with_the_same_label_balance(generated):
    frame = generated
    brief = frame["register"].str.startswith("brief_")
    assert 0.2 < brief.mean() < 0.4
    assert abs(frame.loc[brief, "should_record"].mean() - frame.loc[~brief, "should_record"].mean()) < 0.12
    assert (frame.loc[brief, "narrative"].str.len() < _SHORT_CHARS).all()
    assert frame["register"].ne("").all()
