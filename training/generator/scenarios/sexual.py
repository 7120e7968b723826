"""Sexual-offence scenarios: sexual assault, exposure, rape (recent and historic), and negatives.

Labelling rules applied here:
- Non-consensual sexual touching, exposure, rape, or sharing (or threatening to share) intimate
  images without consent (grouped as the schema maps it)
  -> "Sexual offences", whoever reports it and however long ago (historic reports are recorded when
  made; primer 10: a rape held as an N100 must still become a crime).
- Victim wants it "logged only", doesn't want police contact, or was drunk: still a crime.
- Third-party report about a child or vulnerable adult needs no confirmation -> crime. An adult third
  party report the victim denies, with nothing else -> "No crime".
- Verifiable information that no offence occurred (the 'photographer' was taking pictures of his own
  family, confirmed; consensual relationship between adults confirmed by both) -> "No crime".
"""

from training.generator.scenarios.common import CALL, COUNTER, NO_CRIME, ONLINE, Case, apply_stance, attend
from training.generator.scenarios.sexual_banks import ASSAULT, EXPOSURE, HISTORIC, INTIMATE, NEG, RAPE, TP_ADULT_DENIED

_SEX = "Sexual offences"


def _case(r, env, key, group, relation, hard, channels, opening, crime_name, **kw):
    """Scene and empty case for a sexual-offence log."""
    channel = r.choices((CALL, ONLINE, COUNTER), channels)[0]
    sc = env.scene(r, relation=relation, first_person=channel == ONLINE,
                   victim_gender="f" if r.random() < 0.85 else "m", offender_gender="m", **kw)
    return Case(key, "sexual", group, domestic=sc.domestic and group != NO_CRIME, hard_case=hard,
                scene=sc, channel=channel, opening_codes=opening, crime_name=crime_name)


def _hard(r):
    """Hard-case mix for sexual offences: often 'logged only' or declined, sometimes intoxicated."""
    return r.choices(("", "logged_only", "declined_support", "intoxicated", "disclosed_in_update",
                      "third_party"), (40, 18, 15, 9, 8, 10))[0]


def build_sexual_assault(r, env):
    """Non-consensual touching (club, bus, work, party, partner) -> Sexual offences."""
    relation = r.choices(("stranger", "known", "partner", "ex"), (45, 35, 10, 10))[0]
    hard = _hard(r)
    case = _case(r, env, "sexual_assault", _SEX, relation, hard, (60, 30, 10),
                 ("SEXUAL OFFENCE", "SEXUAL ASSAULT", "ASSAULT", "CONCERN FOR SAFETY", "INDECENCY"),
                 r.choice(("sexual assault", "sexual assault on a female", "s3 sexual assault")))
    _write(r, case, ASSAULT, hard)
    return case


def build_rape(r, env):
    """Rape report (recent), often partner/ex/acquaintance; hard cases as for sexual assault."""
    relation = r.choices(("partner", "ex", "known", "stranger"), (25, 20, 45, 10))[0]
    hard = _hard(r)
    case = _case(r, env, "rape", _SEX, relation, hard, (55, 30, 15),
                 ("SEXUAL OFFENCE", "RAPE", "CONCERN FOR SAFETY", "DOMESTIC", "ASSAULT"),
                 r.choice(("rape", "rape of a female over 16", "rape (N100 converted)")))
    _write(r, case, RAPE, hard)
    if r.random() < 0.25:
        case.updates.append(["[N100|N100 raised|logged as N100] [pending|awaiting] [further info|"
                             "contact with {vo}|ABE interview]"])
    return case


def build_historic(r, env):
    """Historic sexual abuse disclosed as an adult -> Sexual offences (recorded when reported)."""
    relation = r.choices(("family", "known", "stranger"), (55, 35, 10))[0]
    hard = r.choices(("historic", "logged_only", "third_party"), (60, 25, 15))[0]
    case = _case(r, env, "historic_sexual", _SEX, relation, "historic_report" if hard == "historic" else
                 hard, (55, 30, 15), ("SEXUAL OFFENCE", "HISTORIC SEXUAL", "CHILD ABUSE", "GENERAL ENQUIRY"),
                 r.choice(("historic rape", "historic indecent assault", "historic sexual assault")))
    case.domestic = False  # abuse was in childhood: not domestic abuse between adults
    case.call = [r.choice(HISTORIC["call"])] + r.sample(HISTORIC["extra"], r.choice((1, 2)))
    case.updates = [[attend(r), r.choice(HISTORIC["update"])]]
    case.situations = ("historic",) + (("logged_only",) if hard == "logged_only" else ()) + (
        ("third_party",) if hard == "third_party" else ())
    if hard == "logged_only":
        case.updates[0].append(r.choice(ASSAULT["logged"]))
    elif hard == "third_party":
        case.call.insert(0, "[counsellor|GP|support worker|{v_pos} sister] [calling|reporting] on behalf "
                            "of [{V}|{vfirst}] [with consent|at {v_pos} request]")
    return case


def build_exposure(r, env):
    """Indecent exposure -> Sexual offences."""
    case = _case(r, env, "exposure", _SEX, "stranger", r.choice(("", "", "declined_support")), (75, 20, 5),
                 ("INDECENT EXPOSURE", "SEXUAL OFFENCE", "SUSPICIOUS CIRCS", "ASB"), "exposure")
    case.call = [r.choice(EXPOSURE["call"])] + r.sample(EXPOSURE["extra"], 1)
    case.updates = [[attend(r), r.choice(EXPOSURE["update"])]]
    if case.hard_case:
        apply_stance(r, case, case.hard_case)
    return case


def build_intimate_image(r, env):
    """Intimate images shared (or threatened) without consent, usually by an ex -> Sexual offences."""
    hard = r.choices(("", "declined_support", "logged_only"), (60, 20, 20))[0]
    case = _case(r, env, "intimate_image", _SEX, r.choices(("ex", "partner", "known"), (70, 10, 20))[0],
                 hard, (50, 40, 10), ("MALICIOUS COMMS", "HARASSMENT", "SEXUAL OFFENCE", "ONLINE REPORT"),
                 "sharing intimate image without consent")
    case.call = [r.choice(INTIMATE["call"])] + r.sample(INTIMATE["extra"], r.choice((1, 2)))
    case.updates = [[attend(r), r.choice(INTIMATE["update"])]]
    if hard == "logged_only":
        case.updates[0].append(r.choice(ASSAULT["logged"]))
        case.situations = ("logged_only",)
    elif hard:
        apply_stance(r, case, hard)
    return case


def build_sexual_negative(r, env):
    """Disproved or non-offence 'sexual' reports (verified innocent photos, consensual adults)."""
    kind = r.choice(tuple(NEG))
    case = _case(r, env, "sexual_no_offence", NO_CRIME, r.choice(("stranger", "known")),
                 "hard_negative_disproved", (80, 10, 10), ("SEXUAL OFFENCE", "SUSPICIOUS CIRCS",
                                                           "CONCERN FOR SAFETY", "INDECENCY"), "")
    bank = NEG[kind]
    case.call = [r.choice(bank["call"])]
    case.updates = [[attend(r), r.choice(bank["update"])]]
    case.close_evidence = bank["evidence"]
    case.close_nocrime, case.codes_nocrime = bank["close"], ("NO CRIME", "ADVICE GIVEN")
    case.over_weight = 1.0
    return case


def build_sexual_tp_denied(r, env):
    """Adult third party reports a sexual assault the adult victim flatly denies, nothing else."""
    case = _case(r, env, "sexual_third_party_denied", NO_CRIME, "known", "third_party_denied", (100, 0, 0),
                 ("SEXUAL OFFENCE", "CONCERN FOR SAFETY"), "")
    case.call = [r.choice(TP_ADULT_DENIED["call"])]
    case.updates = [[attend(r), r.choice(TP_ADULT_DENIED["update"])]]
    case.close_nocrime, case.codes_nocrime = TP_ADULT_DENIED["close"], ("NO CRIME", "RESOLVED")
    case.situations = ("third_party",)
    case.over_weight = 1.0
    return case


def _write(r, case, bank, hard):
    """Call/updates for an assault or rape with the given hard case."""
    facts = [r.choice(bank["act"]), r.choice(bank["where"])]
    if hard == "disclosed_in_update":
        case.channel = CALL if case.channel == ONLINE else case.channel
        case.call = [r.choice(bank["vague"])]
        case.updates = [[attend(r), "{V} [later|then|eventually] [disclosed|told officers|said] [that|] " +
                         facts[0] + " " + facts[1]]]
        case.situations = ("update_only",)
        return
    if hard == "third_party":
        case.channel = CALL
        case.call = [r.choice(bank["third"]) + " " + facts[1]]
        case.updates = [[attend(r), "{V} [spoken to and|] [confirms|confirmed|disclosed] [that|] " + facts[0]]]
        case.situations = ("third_party",)
        return
    case.call = facts + r.sample(bank["extra"], r.choice((0, 1, 2)))
    case.updates = [[attend(r), r.choice(bank["update"])]]
    if hard == "logged_only":
        case.updates[0].append(r.choice(bank["logged"]))
        case.situations = ("logged_only",)
    elif hard:
        apply_stance(r, case, hard)


SCENARIOS = {
    build_sexual_assault: 3.0, build_rape: 1.4, build_historic: 1.0, build_exposure: 0.8,
    build_sexual_negative: 0.8, build_sexual_tp_denied: 0.3, build_intimate_image: 0.5,
}
