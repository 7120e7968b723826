"""Synthetic audited incident logs: the stand-in for a force's audited data.

Each log is built in three separate steps. (1) A scenario builder decides the facts and derives the
auditor's truth (``should_record``, ``hocr_category``, ``domestic_abuse``) by the rules written in the
scenario modules. (2) A recording profile decides what the simulated force did (``recorded``), from the
situations of the case, calibrated to the inspectorate's published rates. (3) The closing comment and
code are written to match what the force did. Same seed and profile give byte-identical output.
"""

from pathlib import Path

import numpy as np
import pandas as pd

from training.generator import words as _words
from training.generator.phrasing import FastRandom
from training.generator.profiles import PROFILES, get_profile
from training.generator.recording import frame_of, recording_probabilities, write_closing
from training.generator.render import render_narrative
from training.generator.scenarios.ambiguous import SCENARIOS as _AMBIGUOUS
from training.generator.scenarios.brief import SCENARIOS as _BRIEF
from training.generator.scenarios.common import (
    CONTRADICTING,
    NO_CRIME,
    SUSPECT_CLAIM,
    SUSPECT_CLAIM_FRAME,
)
from training.generator.scenarios.coverage import SCENARIOS as _COVERAGE
from training.generator.scenarios.crossover import SCENARIOS as _CROSSOVER
from training.generator.scenarios.harassment import SCENARIOS as _HARASSMENT
from training.generator.scenarios.noncrime import SCENARIOS as _NONCRIME
from training.generator.scenarios.property import SCENARIOS as _PROPERTY
from training.generator.scenarios.sexual import SCENARIOS as _SEXUAL
from training.generator.scenarios.spread import SCENARIOS as _SPREAD
from training.generator.scenarios.violence import (
    build_assault,
    build_threats,
    build_update_injury,
)
from training.generator.scene import Scene, random_datetime

__all__ = ["generate_incidents", "write_incidents", "keep_audit_sample", "SCENARIO_WEIGHTS", "PROFILES", "OUTPUT_COLUMNS"]

# Builder -> relative frequency. Roughly half the logs should be recorded crimes, violence-heavy,
# with the non-crimes a force actually receives (welfare, disputes, noise, collisions...).
SCENARIO_WEIGHTS = {
    build_assault: 17.0,
    build_threats: 4.0,
    build_update_injury: 1.5,
    **_HARASSMENT,
    **_SEXUAL,
    **_PROPERTY,
    **_NONCRIME,
    **_CROSSOVER,
    **_AMBIGUOUS,
    **_SPREAD,
    **_COVERAGE,
    **_BRIEF,
}
OUTPUT_COLUMNS = (
    "incident_id", "reported_at", "area", "opening_code", "narrative", "closing_comment",
    "closing_code", "recorded", "should_record", "hocr_category", "domestic_abuse", "scenario",
    "hard_case", "register", "scenario_family",
)
_VAGUE_CODES = ("CONCERN FOR SAFETY", "SUSPICIOUS CIRCS", "ASB", "ABANDONED CALL", "PUBLIC SAFETY",
                "ADMIN", "GENERAL ENQUIRY", "DISTURBANCE", "OTHER")
# Opening codes are the call-taker's first guess and mislead in both directions: a true crime opened
# under the kind of non-crime call it first sounded like, a non-crime under the offence the caller
# alleged or feared. Keyed by family (crimes) or scenario prefix (non-crimes); never decides the label.
_MISLEADING_CRIME_CODES = {
    "violence": ("DOMESTIC - VERBAL", "VERBAL ARGUMENT", "CONCERN FOR SAFETY", "NEIGHBOUR DISPUTE",
                 "WELFARE CHECK", "ASB", "CIVIL DISPUTE", "ABANDONED CALL"),
    "public order": ("NEIGHBOUR DISPUTE", "ASB", "NOISE", "CIVIL DISPUTE", "DISTURBANCE"),
    "harassment": ("CIVIL DISPUTE", "CHILD CONTACT", "GENERAL ENQUIRY", "NEIGHBOUR DISPUTE", "ASB", "ADVICE"),
    "property": ("LOST PROPERTY", "CIVIL DISPUTE", "RTC", "SUSPICIOUS CIRCS", "GENERAL ENQUIRY", "ALARM"),
    "sexual": ("CONCERN FOR SAFETY", "GENERAL ENQUIRY", "SUSPICIOUS CIRCS", "TAXI", "WELFARE CHECK"),
    "crossover": ("CONCERN FOR SAFETY", "WELFARE CHECK", "CIVIL DISPUTE", "NOISE", "RTC", "LOST PROPERTY"),
    "society": ("SUSPICIOUS CIRCS", "ASB", "STOP CHECK"),
}
_MISLEADING_NONCRIME_CODES = (
    ("verbal_argument", ("ASSAULT", "THREATS", "DOMESTIC ABUSE", "DOMESTIC - ASSAULT")),
    ("teenager", ("ASSAULT", "DOMESTIC ABUSE", "CRIMINAL DAMAGE")),
    ("lost_property", ("THEFT", "ROBBERY", "THEFT FROM PERSON")), ("welfare", ("DOMESTIC", "ASSAULT", "KIDNAP")),
    ("mental_health", ("WEAPONS", "ASSAULT", "THREATS")), ("civil", ("THEFT", "FRAUD", "HARASSMENT")),
    ("neighbour", ("CRIMINAL DAMAGE", "HARASSMENT", "THREATS")), ("noise", ("ASSAULT", "THREATS", "FIGHT")),
    ("collision", ("CRIMINAL DAMAGE", "ASSAULT", "ROAD RAGE")), ("suspicious", ("BURGLARY", "THEFT FROM MV")),
    ("missing", ("CHILD ABDUCTION", "KIDNAP")), ("school", ("ASSAULT", "ABH")),
    ("single_message", ("MALICIOUS COMMS", "THREATS", "STALKING")), ("idiom", ("ASSAULT", "FIGHT", "THREATS")),
    ("everyday", ("THEFT", "CRIMINAL DAMAGE", "BURGLARY", "HARASSMENT")),
    ("belongings", ("THEFT", "BURGLARY", "DOMESTIC")), ("reported_stolen", ("THEFT", "ROBBERY", "THEFT FROM PERSON")),
    ("accidental", ("ASSAULT", "ABH", "WOUNDING")), ("youth", ("ASSAULT", "FIGHT", "ROBBERY")),
    ("street_report", ("ASSAULT", "DOMESTIC ABUSE", "ABDUCTION")), ("fire_controlled", ("ARSON", "CRIMINAL DAMAGE")),
    ("cannabis", ("DRUGS", "DRUG DEALING", "WEAPONS")), ("shop", ("SHOPLIFTING", "THEFT", "ROBBERY")),
    ("lawful", ("ASSAULT", "ABH", "WOUNDING")), ("", ("ASSAULT", "THREATS", "CRIMINAL DAMAGE", "THEFT")),
)
# The same code typed the way different forces' systems show it.
_CODE_ABBREVIATIONS = {
    "CONCERN FOR SAFETY": ("CFS", "CONCERN FOR SAFETY/WELFARE", "PUBLIC SAFETY - CFS"),
    "DOMESTIC": ("DOM", "DOMESTIC INCIDENT", "DA INCIDENT"), "SUSPICIOUS CIRCS": ("SUS CIRCS", "SUSP CIRCS"),
    "CRIMINAL DAMAGE": ("CRIM DAM", "CD", "DAMAGE - CRIMINAL"), "MISSING PERSON": ("MISPER",),
    "ROAD TRAFFIC COLLISION": ("RTC",), "ASSAULT": ("ASSLT", "VIOLENCE - ASSAULT", "ASSAULT - GENERAL"),
    "THEFT": ("THEFT - OTHER", "THEFT GENERAL"), "WELFARE CHECK": ("WELFARE", "CFW"),
    "NEIGHBOUR DISPUTE": ("NEIGHBOUR", "ASB - NEIGHBOUR"), "VERBAL ARGUMENT": ("VERBAL", "ARGUMENT"),
    "HARASSMENT": ("HARASS", "HARASSMENT/STALKING"), "CIVIL DISPUTE": ("CIVIL", "CIVIL MATTER"),
    "BURGLARY": ("BURG", "BURGLARY - RESIDENTIAL"), "DISTURBANCE": ("DISTURB", "PUBLIC ORDER/DISTURBANCE"),
}


def _opening_code(case, r):
    """The opening code: mostly the call's own, sometimes vague or misleading, in a force's format."""
    roll = r.random()
    if roll < 0.07:
        code = r.choice(_VAGUE_CODES)
    elif roll < 0.15:
        if case.should_record:
            code = r.choice(_MISLEADING_CRIME_CODES.get(case.family, _VAGUE_CODES))
        else:
            code = r.choice(next(c for prefix, c in _MISLEADING_NONCRIME_CODES
                                 if case.scenario.startswith(prefix)))
    else:
        code = r.choice(case.opening_codes)
    roll = r.random()
    if roll < 0.12 and code in _CODE_ABBREVIATIONS:
        return r.choice(_CODE_ABBREVIATIONS[code])
    if roll < 0.18:
        return code.title()
    if roll < 0.22:
        return f"{code} (GRADE {r.randrange(1, 4)})"
    if roll < 0.25:
        return f"{r.randrange(1, 99):02d} - {code}"
    return code


class _Env:
    """Per-batch context handed to scenario builders: the force's year and postcode areas."""

    def __init__(self, year, postcode_areas):
        self.year = year
        self.postcode_areas = postcode_areas

    def scene(self, r, *, relation, first_person, caller=None, night_bias=0.5, **kwargs):
        """Invent the people, places and time of one log."""
        when = random_datetime(r, self.year, night_bias)
        return Scene(r, relation=relation, first_person=first_person, when=when,
                     areas=self.postcode_areas, caller=caller, **kwargs)


def generate_incidents(n, *, seed=0, profile="west-midlands-2018"):
    """Generate ``n`` synthetic audited incident logs with every label column filled.

    Parameters
    ----------
    n : int
        Number of logs (>= 0).
    seed : int, default=0
        Random seed; the same seed and profile give identical output.
    profile : str or RecordingProfile, default='west-midlands-2018'
        Recording behaviour of the simulated force (a key of ``PROFILES``).

    Returns
    -------
    pandas.DataFrame
        The data-contract columns plus ``scenario``, ``hard_case``, ``register`` (how the opening was
        written) and ``scenario_family`` (the kind of call, shared by its crimes and non-crimes); these
        are for analysis only, never features.

    Raises
    ------
    ValueError
        If ``n`` is negative or not an integer, or the profile is unknown.

    Examples
    --------
    >>> frame = generate_incidents(50, seed=1)
    >>> len(frame), frame["incident_id"].is_unique
    (50, True)
    >>> sorted(set(frame.columns) - set(OUTPUT_COLUMNS))
    []
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 0:
        raise ValueError(f"n must be a whole number of logs >= 0. Got {n!r} instead.")
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise ValueError(f"seed must be an integer. Got {seed!r} instead.")
    return _generate(int(n), int(seed), get_profile(profile))


def _generate(n, seed, prof):
    """Build the truth, simulate recording, then write closings (see module docstring)."""
    truth_rng = FastRandom(f"truth-{seed}")
    env = _Env(prof.year, _words.POSTCODE_AREAS[prof.areas_key])
    areas = _words.AREAS[prof.areas_key]
    builders = list(SCENARIO_WEIGHTS)
    cum = np.cumsum(list(SCENARIO_WEIGHTS.values())).tolist()
    rows, cases = [], []
    for i in range(n):
        case = truth_rng.choices(builders, cum_weights=cum)[0](truth_rng, env)
        _maybe_contradict(case, truth_rng)
        _maybe_suspect_claim(case, truth_rng)
        if case.close_evidence and truth_rng.random() < 0.55:
            case.updates.append([truth_rng.choice(case.close_evidence)])
            case.close_evidence = ()
        code = _opening_code(case, truth_rng)
        if case.channel == "brief" and truth_rng.random() < 0.65:
            code = ""  # most short exports carry no call type, or it is in the line itself
        rows.append({
            "incident_id": f"{prof.id_prefix}{prof.year % 100:02d}-{i + 1:07d}",
            "reported_at": case.scene.when.strftime("%Y-%m-%dT%H:%M:%S"),
            "area": areas[int(truth_rng.random() * len(areas))],
            "opening_code": code,
            "narrative": render_narrative(case, truth_rng),
        })
        cases.append(case)
    recorded = _simulate_recording(cases, seed, prof)
    close_rng = FastRandom(f"closing-{seed}-{prof.name}")
    for row, case, rec in zip(rows, cases, recorded):
        comment, code, extra = write_closing(case, bool(rec), close_rng, prof.year)
        row.update(closing_comment=comment, closing_code=code, recorded=bool(rec),
                   should_record=case.should_record, hocr_category=case.group,
                   domestic_abuse=case.domestic, scenario=case.scenario,
                   hard_case=case.hard_case or extra, register=case.register,
                   scenario_family=frame_of(case))
    return _to_frame(rows)


def _maybe_contradict(case, r):
    """Sometimes an officer's update calls a true crime 'words only' / 'no offences disclosed'.

    Rule: the officer's conclusion is opinion, not verifiable evidence (primer 4, 6), so the label
    stays a crime; the case gains the 'contradicting' situation, which makes recording unlikely.
    """
    if case.should_record and not case.hard_case and case.updates and r.random() < 0.08 \
            and case.family in ("violence", "harassment", "crossover", "public order"):
        case.updates[-1].append(r.choice(CONTRADICTING))
        case.hard_case = "contradicting_update"
        case.situations = tuple(case.situations) + ("contradicting",)


_CLAIM_FAMILY = {"violence": "violence", "crossover": "violence", "public order": "violence",
                 "property": "property", "sexual": "sexual", "harassment": "harassment"}


def _maybe_suspect_claim(case, r):
    """Sometimes the suspect's own version ('accident', 'consented', 'made up') goes into an update.

    Rule: a suspect's claim is not verifiable evidence to the contrary (primer 6): still a crime.
    """
    family = _CLAIM_FAMILY.get(case.family)
    if family and case.should_record and not case.hard_case and case.updates and r.random() < 0.12 \
            and case.scene.relation != "stranger":
        claim = r.choice(SUSPECT_CLAIM[family])
        case.updates.append([r.choice(SUSPECT_CLAIM_FRAME).replace("{claim}", claim)])
        case.hard_case = "suspect_claim"
        case.situations = tuple(case.situations) + ("disbelief",)


def _simulate_recording(cases, seed, prof):
    """Draw ``recorded`` for every case from the calibrated profile probabilities."""
    if not cases:
        return np.zeros(0, dtype=bool)
    effects = prof.situation_effects
    groups = np.array([c.group for c in cases], dtype=object)
    p = recording_probabilities(
        groups=groups,
        domestic=np.array([c.domestic for c in cases], dtype=bool),
        effects=np.array([sum(effects.get(s, 0.0) for s in c.situations) for c in cases]),
        should=groups != NO_CRIME,
        over_weights=np.array([c.over_weight for c in cases], dtype=float),
        profile=prof,
    )
    draws = np.random.default_rng([seed, 20180301]).random(len(cases))
    return draws < p


def _to_frame(rows):
    """Assemble the output frame with contract dtypes."""
    frame = pd.DataFrame(rows, columns=list(OUTPUT_COLUMNS))
    for col in ("recorded", "should_record", "domestic_abuse"):
        frame[col] = frame[col].astype("boolean")
    return frame


def write_incidents(path, n, *, seed=0, profile="west-midlands-2018", audit_fraction=1.0):
    """Generate ``n`` logs and write them to ``path`` (.csv, .jsonl or .parquet by extension).

    Parameters
    ----------
    path : str or Path
        Output file; the extension chooses the format.
    n : int
        Number of logs.
    seed : int, default=0
    profile : str, default='west-midlands-2018'
    audit_fraction : float, default=1.0
        Share of logs that keep their audit labels (see ``keep_audit_sample``); 1.0 keeps all.

    Returns
    -------
    pandas.DataFrame
        The frame that was written.

    Raises
    ------
    ValueError
        If the extension is not one of .csv, .jsonl, .parquet.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".jsonl", ".parquet"):
        raise ValueError(f"Cannot write {path.name!r}: use a .csv, .jsonl or .parquet file name.")
    frame = generate_incidents(n, seed=seed, profile=profile)
    if audit_fraction < 1.0:
        frame = keep_audit_sample(frame, audit_fraction, seed=seed)
    _write(frame, path, suffix)
    return frame


def keep_audit_sample(frame, fraction, *, seed=0):
    """Keep the auditor's labels on a simple random sample of logs, as in a real force export.

    A force's export has ``recorded`` on every log but an auditor's ``should_record`` and
    ``hocr_category`` only on the logs that were audited. The sample is drawn with its own random
    stream (so the logs themselves do not change) and each audited log gets
    ``inclusion_probability`` = ``fraction``, which ``crimerec report`` uses as its weight.

    Parameters
    ----------
    frame : pandas.DataFrame
        Output of ``generate_incidents``.
    fraction : float
        Share of logs to keep as audited, in (0, 1].
    seed : int, default=0

    Returns
    -------
    pandas.DataFrame
        A copy with labels blanked outside the sample.

    Examples
    --------
    >>> audited = keep_audit_sample(generate_incidents(200, seed=3), 0.25, seed=3)
    >>> int(audited["should_record"].notna().sum())
    50
    """
    if not 0.0 < fraction <= 1.0:
        raise ValueError(f"The audit fraction must be in (0, 1]. Got {fraction!r} instead.")
    rng = np.random.default_rng([seed, 0xA0D17])
    chosen = np.zeros(len(frame), dtype=bool)
    chosen[rng.choice(len(frame), size=round(fraction * len(frame)), replace=False)] = True
    out = frame.copy()
    out["should_record"] = pd.array(out["should_record"], dtype="boolean")
    out.loc[~chosen, "should_record"] = pd.NA
    out["hocr_category"] = out["hocr_category"].where(chosen, "")
    out["inclusion_probability"] = np.where(chosen, float(fraction), np.nan)
    return out


def _write(frame, path, suffix):
    """Write through the project's writer (CSV formula neutralisation, same formats)."""
    from classifier.data import write_frame

    write_frame(frame, path)
