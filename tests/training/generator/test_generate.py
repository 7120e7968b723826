"""Tests for the synthetic audited-log generator (training.generator.generate, training.generator.profiles)."""

import math
import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from classifier.data import CONTRACT_COLUMNS, HOCR_GROUPS, NO_CRIME, validate_frame
from training.generator.generate import (
    OUTPUT_COLUMNS,
    generate_incidents,
    write_incidents,
)
from training.generator.profiles import PROFILES, SEXUAL_GROUPS, VIOLENT_GROUPS


@pytest.fixture(scope="module")
def west_midlands():
    """20,000 logs from the West Midlands profile (shared by the rate and rule tests)."""
    return generate_incidents(20_000, seed=11, profile="west-midlands-2018")


@pytest.fixture(scope="module")
def leicestershire():
    """20,000 logs from the Leicestershire profile."""
    return generate_incidents(20_000, seed=12, profile="leicestershire-2018")


def _within(frame_rows, target, k=3.0):
    """Assert the recorded rate among ``frame_rows`` is within ``k`` standard errors of ``target``."""
    n = len(frame_rows)
    assert n > 100, "too few rows to test a rate"
    rate = frame_rows["recorded"].astype(bool).mean()
    se = math.sqrt(target * (1 - target) / n)
    assert abs(rate - target) < k * se, f"rate {rate:.4f} vs target {target:.4f} (n={n}, se={se:.4f})"


def test_output_passes_the_data_contract():
    frame = generate_incidents(400, seed=3)
    assert tuple(frame.columns) == OUTPUT_COLUMNS
    assert set(CONTRACT_COLUMNS) <= set(frame.columns)
    accepted, rejects = validate_frame(frame, source="<generated>")
    assert len(rejects) == 0
    assert len(accepted) == 400
    assert set(frame["hocr_category"]) <= set(HOCR_GROUPS)
    assert (frame["should_record"] == (frame["hocr_category"] != NO_CRIME)).all()
    assert pd.to_datetime(frame["reported_at"], format="%Y-%m-%dT%H:%M:%S").notna().all()


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"], ids=["csv", "jsonl", "parquet"])
def test_same_seed_gives_byte_identical_file(tmp_path, suffix):
    first, second = tmp_path / f"a{suffix}", tmp_path / f"b{suffix}"
    write_incidents(first, 250, seed=7, profile="leicestershire-2018")
    write_incidents(second, 250, seed=7, profile="leicestershire-2018")
    assert first.read_bytes() == second.read_bytes()
    write_incidents(second, 250, seed=8, profile="leicestershire-2018")
    assert first.read_bytes() != second.read_bytes()


def test_profile_changes_recording_but_not_the_truth():
    a = generate_incidents(600, seed=5, profile="west-midlands-2018")
    b = generate_incidents(600, seed=5, profile="compliant")
    assert (a["should_record"] == b["should_record"]).all()
    assert (a["scenario"] == b["scenario"]).all()
    assert b.loc[b["should_record"], "recorded"].mean() > a.loc[a["should_record"], "recorded"].mean()


def test_west_midlands_rates_match_the_inspection(west_midlands):
    crimes = west_midlands[west_midlands["should_record"]]
    _within(crimes[crimes["hocr_category"].isin(VIOLENT_GROUPS)], 0.782)
    _within(crimes[crimes["hocr_category"].isin(SEXUAL_GROUPS)], 0.892)
    _within(crimes[crimes["domestic_abuse"]], 354 / 470)
    _within(crimes, PROFILES["west-midlands-2018"].overall_rate)


def test_leicestershire_rates_match_the_inspection(leicestershire):
    crimes = leicestershire[leicestershire["should_record"]]
    _within(crimes, 0.841)
    _within(crimes[crimes["hocr_category"].isin(VIOLENT_GROUPS)], 0.789)
    _within(crimes[crimes["hocr_category"].isin(SEXUAL_GROUPS)], 0.878)


def test_compliant_force_records_at_least_96_percent_of_every_group():
    frame = generate_incidents(12_000, seed=13, profile="compliant")
    crimes = frame[frame["should_record"]]
    for group, rows in crimes.groupby("hocr_category"):
        n, rate = len(rows), rows["recorded"].astype(bool).mean()
        assert rate >= 0.96 - 3 * math.sqrt(0.96 * 0.04 / n), f"{group}: {rate:.3f} of {n}"


def test_over_recording_happens_at_the_profile_rate(west_midlands):
    non_crimes = west_midlands[~west_midlands["should_record"]]
    _within(non_crimes, PROFILES["west-midlands-2018"].over_recording_rate)


def test_class_balance_and_violence_heavy_mix(west_midlands):
    share = west_midlands["should_record"].mean()
    assert 0.45 <= share <= 0.60
    groups = west_midlands.loc[west_midlands["should_record"], "hocr_category"].value_counts(normalize=True)
    assert groups[list(VIOLENT_GROUPS)].sum() > 0.4
    assert set(HOCR_GROUPS) == set(west_midlands["hocr_category"])


FAMILIES = (
    "assault_injury", "assault_no_injury", "threats_to_kill", "harassment", "malicious_comms",
    "coercive_control", "public_order", "sexual_assault", "rape", "historic_sexual", "exposure",
    "criminal_damage", "arson", "theft_shoplifting", "burglary_dwelling", "robbery", "possession",
    "verbal_argument", "welfare", "mental_health", "sudden_death", "lost_property", "civil_dispute",
    "neighbour_dispute", "noise", "collision", "hoax", "disproved_report", "duplicate",
    "outside_jurisdiction", "fraud_action_fraud", "school", "missing_person", "single_message",
    "intimate_image", "welfare_assault", "mental_health_assault", "neighbour_offence", "noise_threat",
    "collision_assault", "lost_property_theft", "suspicious_burglary", "verbal_with_push",
    "buried_disclosure", "buried_non_offence", "neighbour_threat_words_only", "neighbour_words_no_offence",
    "domestic_third_party_damage", "domestic_own_damage", "varied_pickpocket", "varied_taxi_touching",
    "varied_atm_robbery", "alarming_code_firearm", "alarming_code_urinating", "alarming_code_brush",
    "drug_smell_negative", "course_of_conduct_duplicate", "burglary_authorised_entry", "teenager_kicking_off",
    "idiom_no_offence", "idiom_with_offence", "everyday_words_no_offence", "everyday_words_offence",
    "third_party_report", "retraction", "alarming_code_fireworks", "alarming_code_bladed_tool",
    "alarming_code_screaming", "alarming_code_play_fight", "alarming_code_abduction", "alarming_code_cut_hand",
)


def test_every_scenario_family_is_present(west_midlands):
    missing = set(FAMILIES) - set(west_midlands["scenario"])
    assert not missing


# (hard_case, should_record) pairs the primer fixes.
RULES = (
    ("declined_support", True), ("intoxicated", True), ("hostile_victim", True),
    ("injury_minimised", True), ("officer_disbelief", True), ("words_only_threat", True),
    ("disclosed_in_update", True), ("third_party", True), ("third_party_supported", True),
    ("logged_only", True), ("historic_report", True), ("insurance_only", True),
    ("third_party_denied", False), ("hard_negative_disproved", False), ("hard_negative_vocab", False),
    ("hard_negative_hypothetical", False), ("hard_negative_single_message", False),
    ("fraud_referred", False), ("outside_area", False), ("duplicate", False), ("school_protocol", False),
    ("school_serious", True), ("suspect_claim", True), ("suspect_denies", True), ("victim_retracts", True),
    ("casual_assault", True), ("mental_health_offender", True), ("contradicting_update", True),
    ("buried_disclosure", True), ("domestic_damage", True), ("hard_negative_aside", False),
    ("hard_negative_own_property", False), ("search_negative", False),
    ("hard_negative_idiom", False), ("idiom_with_offence", True), ("hard_negative_everyday_words", False),
    ("everyday_words_offence", True), ("third_party_vulnerable", True), ("retraction_unverified", True),
    ("retraction_verified", False),
)


@pytest.mark.parametrize("hard_case, expected", RULES, ids=[r[0] for r in RULES])
def test_labels_follow_the_primer_rules(west_midlands, hard_case, expected):
    rows = west_midlands[west_midlands["hard_case"] == hard_case]
    assert len(rows) >= 10, f"hard case {hard_case!r} barely generated"
    assert (rows["should_record"] == expected).all()


def test_under_recorded_crimes_close_without_a_crime_and_recorded_ones_with_one(west_midlands):
    recorded = west_midlands["recorded"].astype(bool)
    assert (west_midlands.loc[recorded, "closing_code"] == "CRIME RECORDED").all()
    assert (west_midlands.loc[~recorded, "closing_code"] != "CRIME RECORDED").all()
    declined = west_midlands[west_midlands["hard_case"] == "declined_support"]
    plain = west_midlands[(west_midlands["hard_case"] == "") & west_midlands["should_record"]]
    # The victim declining is what drives under-recording, not the label.
    assert declined["recorded"].astype(bool).mean() < plain["recorded"].astype(bool).mean() - 0.15
    assert (west_midlands["hard_case"] == "contradicting_close").sum() > 50


def test_domestic_flag_only_between_partners_ex_partners_or_family(west_midlands):
    never = ("sudden_death", "welfare", "missing_person", "noise", "collision", "hoax", "fraud_action_fraud",
             "historic_sexual", "school", "burglary_dwelling", "robbery")
    assert not west_midlands.loc[west_midlands["scenario"].isin(never), "domestic_abuse"].any()
    verbal = west_midlands[west_midlands["scenario"] == "verbal_argument"]
    assert 0.3 < verbal["domestic_abuse"].mean() < 1.0  # domestic incidents flagged, crime or not
    crimes_da = west_midlands[west_midlands["should_record"] & west_midlands["domestic_abuse"]]
    assert 0.2 < len(crimes_da) / west_midlands["should_record"].sum() < 0.5


def test_dates_spread_over_a_year_and_areas_over_districts(west_midlands):
    dates = pd.to_datetime(west_midlands["reported_at"])
    assert dates.dt.month.nunique() == 12 and (dates.dt.year == 2018).all()
    assert west_midlands["area"].nunique() >= 6


@pytest.mark.parametrize("word", ["assault", "threat", "damage", "stolen", "support", "CCTV", "knife"])
def test_no_single_keyword_gives_the_label_away(west_midlands, word):
    text = west_midlands["narrative"] + " " + west_midlands["closing_comment"]
    has = text.str.contains(word, case=False, regex=False)
    assert has.sum() > 200
    share = west_midlands.loc[has, "should_record"].mean()
    assert 0.1 < share < 0.9, f"{word!r}: {share:.2f} of {has.sum()} logs are crimes"


def test_logs_look_like_command_and_control_text(west_midlands):
    # Long logs only: brief one-liners (issue #13, tests/training/generator/test_brief.py) have no
    # updates or officer numbers, and the same short line can recur as in real exports.
    narratives = west_midlands.loc[~west_midlands["register"].str.startswith("brief_"), "narrative"]
    words = narratives.str.split().str.len()
    assert 35 < words.median() < 140
    assert narratives.str.contains(r"\b\d{2}[:.]?\d{2}\b").mean() > 0.6          # timestamps
    assert narratives.str.contains(r"\b(?:PC|PCSO|PS|DC|Sgt)\s?\d{3,4}", case=False).mean() > 0.5
    assert narratives.str.contains(r"^[^a-z]{25}", regex=True).mean() > 0.4       # capitals call-taker
    assert narratives.str.contains(r"\bI (?:would|want|was|have|am)\b").mean() > 0.05  # online reports
    assert narratives.nunique() == len(narratives)


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError, match="n must be a whole number"):
        generate_incidents(-1)
    with pytest.raises(ValueError, match="Unknown recording profile 'kent'"):
        generate_incidents(5, profile="kent")
    with pytest.raises(ValueError, match=r"use a \.csv, \.jsonl or \.parquet"):
        write_incidents("out.xlsx", 5)


@settings(max_examples=15, deadline=None)
@given(n=st.integers(min_value=0, max_value=40), seed=st.integers(min_value=0, max_value=2**31))
def test_any_seed_gives_consistent_labels(n, seed):
    frame = generate_incidents(n, seed=seed)
    assert len(frame) == n and frame["incident_id"].is_unique
    assert (frame["should_record"] == (frame["hocr_category"] != NO_CRIME)).all()
    brief = frame["register"].str.startswith("brief_")
    assert (frame.loc[~brief, "narrative"].str.len() > 20).all()
    assert (frame.loc[brief, "narrative"].str.len() > 5).all()  # "Lost bag", misspelt at worst
    assert not frame["narrative"].str.contains(r"[\[\]{}|]", regex=True).any()  # no template leaks


def test_cli_generate_writes_the_file(tmp_path):
    from classifier.cli import app

    out = tmp_path / "gen.csv"
    result = CliRunner().invoke(app, ["generate", "-n", "30", "--seed", "2", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Wrote 30 logs" in result.output
    frame = pd.read_csv(out)
    assert len(frame) == 30 and re.fullmatch(r"WM18-\d{7}", frame["incident_id"].iloc[0])
    bad = CliRunner().invoke(app, ["generate", "-n", "3", "--profile", "kent", "-o", str(out)])
    assert bad.exit_code != 0
    assert "--profile must be one of" in str(bad.exception) + bad.output


def test_update_count_carries_no_label(west_midlands):
    """Every kind of long log gets a similar number of timestamped updates (no layout leak).

    Brief logs have none by design; their length carries no label (test_brief.py).
    """
    long = west_midlands[~west_midlands["register"].str.startswith("brief_")]
    stamps = long["narrative"].str.count(r"\b\d{2}[:.]?\d{2}\b")
    groups = stamps.groupby([long["should_record"], long["recorded"]]).mean()
    assert groups.max() - groups.min() < 0.75, groups.to_dict()


def test_domestic_only_clauses_stay_in_domestic_logs(west_midlands):
    """MARAC/IDVA, DASH risk levels and child-safeguarding noise only appear where the parties are family."""
    other = west_midlands[~west_midlands["domestic_abuse"].astype(bool)]
    text = other["narrative"] + " " + other["closing_comment"]
    assert not text.str.contains(r"MARAC|IDVA|\bDASH\b", case=False).any()
    assert not text.str.contains("children asleep|kids asleep upstairs", case=False).any()


def test_outside_jurisdiction_names_the_right_force(west_midlands):
    rows = west_midlands[west_midlands["scenario"] == "outside_jurisdiction"]
    text = rows["narrative"] + " " + rows["closing_comment"]
    scots = text.str.contains("Police Scotland", case=False)
    abroad = text.str.contains("Spain|Benidorm|Magaluf|Amsterdam|Poland|Turkey|Dublin|Paris", case=False)
    assert scots.any() and abroad.any()
    assert not (scots & abroad).any()


# ---- realism and variety: no style, closing or code gives the truth away -------------------------


def test_closings_of_unrecorded_logs_do_not_give_the_truth_away(west_midlands):
    """Unrecorded crimes and genuine non-crimes are closed from shared banks (primer 12, notes-generator-gaps).

    A word n-gram model reading only the closing comment of unrecorded logs must rank crimes above
    non-crimes far less well than the 0.997 it reached when each class had its own phrase bank.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import cross_val_predict

    # Long logs: brief logs are still closed from the default banks (a known gap, see models/README.md).
    long = west_midlands[~west_midlands["register"].str.startswith("brief_")]
    unrecorded = long[~long["recorded"].astype(bool)]
    truth = unrecorded["should_record"].astype(bool).to_numpy()
    words = TfidfVectorizer(ngram_range=(1, 2), min_df=2).fit_transform(unrecorded["closing_comment"])
    p = cross_val_predict(LogisticRegression(max_iter=2000), words, truth, cv=3, method="predict_proba")[:, 1]
    assert roc_auc_score(truth, p) < 0.92
    shared = ("Parties separated", "Civil matter", "No offences disclosed", "Words of advice",
              "No lines of enquiry", "does not wish to support", "Neighbour dispute")
    for phrase in shared:
        has = unrecorded["closing_comment"].str.contains(phrase, case=False, regex=False)
        assert has.sum() >= 20, phrase
        assert 0.05 < unrecorded.loc[has, "should_record"].mean() < 0.95, phrase


# Marks of each writer register (call-handler notes, terse officers, online text-speak and forms...).
REGISTERS = {
    "call-handler notes": r"\bC/S\b|\bCLR STATES\b|\bClr says\b",
    "terse officer": r"\bS/W\b|\bS/T\b|\bs/t\b",
    "first-person officer": r"\bI attended\b|\bMyself and\b",
    "narrative frame": r"^(?:\w+ )*?I was (?:just )?(?:minding|standing|on the phone|sat down|about to)",
    "online form": r"^(?:Online report form|Web report|Report submitted online|Single Online Home|Online form)",
    "text-speak": r"\b(?:u|ur|cos|im|dont|wot|abt)\b",
    "rambling": r"I didn't know whether to ring 101|sorry if this is the wrong|I don't want to waste police time",
    "timestamp with date": r"\b\d{2}/\d{2}(?:/\d{2,4})? \d{2}:?\d{2}\b",
}


@pytest.mark.parametrize("pattern", REGISTERS.values(), ids=list(REGISTERS))
def test_every_writer_register_is_used_and_carries_no_label(west_midlands, pattern):
    has = west_midlands["narrative"].str.contains(pattern, regex=True)
    assert has.sum() > 40, f"register barely used ({has.sum()} logs)"
    base = west_midlands["should_record"].mean()
    assert abs(west_midlands.loc[has, "should_record"].mean() - base) < 0.2


@pytest.mark.parametrize(
    "pattern",
    [r"kick(?:ed|ing) off|went mental|going mental|killing", r"\bkeys?\b", r"\bonline\b", r"not scared",
     r"no longer (?:afraid|scared|upset|worried)", r"exhaust", r"withdr|retract"],
    ids=["idioms", "keys", "online", "not-scared", "no-longer-afraid", "exhaust", "withdrawn"],
)
def test_idioms_and_everyday_offence_words_appear_in_crimes_and_non_crimes(west_midlands, pattern):
    text = west_midlands["narrative"] + " " + west_midlands["closing_comment"]
    has = text.str.contains(pattern, case=False, regex=True)
    assert has.sum() >= 30
    assert 0.1 < west_midlands.loc[has, "should_record"].mean() < 0.9


def test_opening_codes_mislead_in_both_directions_and_vary_in_format(west_midlands):
    codes = west_midlands["opening_code"].str.upper()
    crimes, non = west_midlands["should_record"].astype(bool), ~west_midlands["should_record"].astype(bool)
    sounds_civil = codes.isin(["LOST PROPERTY", "CIVIL DISPUTE", "VERBAL ARGUMENT", "WELFARE CHECK", "NOISE"])
    sounds_criminal = codes.isin(["ASSAULT", "THEFT", "THREATS", "KIDNAP", "CRIMINAL DAMAGE", "BURGLARY"])
    assert (crimes & sounds_civil).sum() > 100
    assert (non & sounds_criminal).sum() > 100
    raw = west_midlands["opening_code"]
    assert raw.str.contains(r"\(GRADE [123]\)").sum() > 100
    assert (raw.str.contains(r"[a-z]") & ~raw.str.contains(r"\(")).sum() > 100  # title case
    assert raw.str.match(r"\d{2} - ").sum() > 100


def test_typos_and_style_are_seeded():
    a = generate_incidents(300, seed=41)
    b = generate_incidents(300, seed=41)
    assert a["narrative"].tolist() == b["narrative"].tolist()
    assert a["closing_comment"].tolist() == b["closing_comment"].tolist()
    assert generate_incidents(300, seed=42)["narrative"].tolist() != a["narrative"].tolist()
