"""Harassment, stalking, malicious communications, coercive control and public-order scenarios.

Labelling rules applied here:
- Harassment/stalking needs a course of conduct: two or more occasions that alarm or distress
  -> "Stalking and harassment". One unwanted contact with no threat -> "No crime".
- Malicious communications: one threatening or grossly offensive message sent to cause distress is
  enough -> "Stalking and harassment". A single rude or insulting message with no threat -> "No crime".
- Controlling or coercive behaviour by a partner/ex/family member -> "Stalking and harassment".
- Threatening or abusive words/behaviour aimed at a person who is caused fear, harassment, alarm or
  distress -> "Public order offences" (racially aggravated included). Shouting not aimed at anyone,
  or words exchanged between two people each inside their own home (the dwelling exemption) -> "No crime".
- The victim's stance never changes the label (primer 5); "just wants it logged" stays a crime.
"""

from training.generator.scenarios.common import CALL, COUNTER, NO_CRIME, ONLINE, Case, apply_stance, attend, pick_hard
from training.generator.scenarios.harassment_banks import (
    CCB,
    COURSE,
    COURSE_UPD,
    MALCOMM,
    MALCOMM_NEG,
    PO,
    PO_NEG,
    SINGLE_NEG,
)

_HARASS = "Stalking and harassment"


def _case(r, env, key, group, relation, hard, channels, opening, crime_name="", night=0.4):
    """Set up the scene and an empty case."""
    channel = r.choices((CALL, ONLINE, COUNTER), channels)[0]
    sc = env.scene(r, relation=relation, first_person=channel == ONLINE, night_bias=night)
    return Case(key, "harassment" if key != "public_order" else "public order", group, scene=sc,
                channel=channel, domestic=sc.domestic, hard_case=hard, opening_codes=opening,
                crime_name=crime_name)


def build_harassment(r, env):
    """Course of conduct (2+ occasions): messages, calls, turning up, following -> crime."""
    relation = r.choices(("ex", "partner", "family", "known", "stranger"), (50, 5, 8, 27, 10))[0]
    hard = pick_hard(r, (("logged_only", 12),))
    case = _case(r, env, "harassment", _HARASS, relation, hard, (55, 35, 10),
                 ("HARASSMENT", "DOMESTIC", "STALKING", "CONCERN FOR SAFETY", "MALICIOUS COMMS", "ASB"),
                 crime_name=r.choice(("harassment", "s2 harassment", "stalking", "s2A stalking")))
    n_occ = r.sample(COURSE, r.choice((2, 2, 3)))
    case.call = n_occ + ([r.choice(COURSE_UPD["effect"])] if r.random() < 0.7 else [])
    case.updates = [[attend(r), r.choice(COURSE_UPD["officer"])]]
    if r.random() < 0.3:  # the same words appear in the duplicate negatives: no single phrase decides
        case.updates[0].append("[Course of conduct|Clear course of conduct|Pattern of behaviour] [established|"
                               "identified] [- {num} incidents listed|since {month}|]")
    if hard == "logged_only":
        case.call.append("{V} [just wants|only wants|would like] it [logged|on record|noted] [for now|in "
                         "case it gets worse|]")
        case.situations = ("logged_only",)
    else:
        apply_stance(r, case, hard)
    return case


def build_malicious(r, env):
    """One threatening or grossly offensive message -> crime (malicious communications)."""
    relation = r.choices(("ex", "family", "known", "stranger"), (40, 10, 35, 15))[0]
    hard = pick_hard(r)
    case = _case(r, env, "malicious_comms", _HARASS, relation, hard, (50, 40, 10),
                 ("MALICIOUS COMMS", "HARASSMENT", "THREATS", "ONLINE REPORT", "DOMESTIC"),
                 crime_name=r.choice(("malicious communications", "mal comms", "s127 communications")))
    case.call = [r.choice(MALCOMM["call"]), r.choice(MALCOMM["extra"])]
    case.updates = [[attend(r), r.choice(MALCOMM["update"])]]
    case.situations = ("single_message",)
    apply_stance(r, case, hard)
    return case


def build_single_message_negative(r, env):
    """A single rude or unwanted message with no threat: no course of conduct, no offence -> No crime."""
    relation = r.choices(("ex", "known", "stranger", "family"), (40, 35, 15, 10))[0]
    case = _case(r, env, "single_message", NO_CRIME, relation, "hard_negative_single_message", (45, 45, 10),
                 ("HARASSMENT", "MALICIOUS COMMS", "ONLINE REPORT", "CIVIL DISPUTE"))
    case.domestic = False
    case.call = [r.choice(SINGLE_NEG["call"])] + r.sample(SINGLE_NEG["extra"], r.choice((1, 2)))
    case.updates = [[attend(r)] + r.sample(SINGLE_NEG["update"], 2)]
    case.close_nocrime, case.codes_nocrime = SINGLE_NEG["close"], ("ADVICE GIVEN", "NO CRIME")
    case.over_weight = 1.2
    return case


def build_malcomm_negative(r, env):
    """Message complained of is disproved or not offensive (sent by mistake, fake screenshot)."""
    case = _case(r, env, "malicious_comms_disproved", NO_CRIME, r.choice(("known", "ex", "stranger")),
                 "hard_negative_disproved", (55, 35, 10), ("MALICIOUS COMMS", "HARASSMENT", "THREATS"))
    case.domestic = False
    case.call = [r.choice(MALCOMM["call"])]
    case.updates = [[attend(r), r.choice(MALCOMM_NEG["update"])]]
    case.close_evidence = MALCOMM_NEG["evidence"]
    case.close_nocrime, case.codes_nocrime = MALCOMM_NEG["close"], ("NO CRIME",)
    case.over_weight = 1.5
    return case


def build_coercive(r, env):
    """Controlling or coercive behaviour by a partner/ex -> crime; often disclosed in an update."""
    relation = r.choices(("partner", "ex"), (70, 30))[0]
    hard = r.choices(("", "declined_support", "disclosed_in_update"), (40, 30, 30))[0]
    case = _case(r, env, "coercive_control", _HARASS, relation, hard, (70, 20, 10),
                 ("DOMESTIC", "CONCERN FOR SAFETY", "DOMESTIC - VERBAL"),
                 crime_name="controlling or coercive behaviour")
    facts = r.sample(CCB["facts"], 3)
    if hard == "disclosed_in_update":
        case.channel = CALL
        case.call = [r.choice(CCB["vague"])]
        case.updates = [[attend(r), "[During DASH|When spoken to alone|On completing DASH] {V} [disclosed|"
                         "said|went on to say] [that|] " + facts[0]] + facts[1:]]
        case.situations = ("update_only",)
    else:
        case.call = facts
        case.updates = [[attend(r), r.choice(CCB["update"])]]
        apply_stance(r, case, hard)
    return case


def build_public_order(r, env):
    """Threatening/abusive words or behaviour causing a victim fear or distress -> Public order."""
    hard = pick_hard(r)
    case = _case(r, env, "public_order", "Public order offences", r.choice(("stranger", "known")), hard,
                 (80, 10, 10), ("PUBLIC ORDER", "ASB", "DISTURBANCE", "HATE INCIDENT", "ABUSE"),
                 crime_name=r.choice(("s4A public order", "s5 public order", "racially aggravated s5",
                                      "s4 public order")), night=0.6)
    case.call = [r.choice(PO["call"]), r.choice(PO["effect"])] + r.sample(PO["extra"], r.choice((0, 1)))
    case.updates = [[attend(r), r.choice(PO["update"])]]
    apply_stance(r, case, hard)
    return case


def build_public_order_negative(r, env):
    """Shouting aimed at no one, or between two people in their own homes (dwelling) -> No crime."""
    case = _case(r, env, "public_order_no_offence", NO_CRIME, "known", "hard_negative_vocab", (85, 10, 5),
                 ("PUBLIC ORDER", "ASB", "NEIGHBOUR DISPUTE", "DISTURBANCE"), night=0.7)
    # Coherence: the street variant never says "both inside their own homes", the dwelling one does.
    street_case = r.random() < 0.5
    k = 0 if street_case else 1
    case.call = [PO_NEG["call"][k]] + ([PO_NEG["extra"][0], PO_NEG["extra"][2]][r.randrange(2):][:1]
                                       if street_case else [r.choice(PO_NEG["extra"][1:])])
    case.updates = [[attend(r), r.choice((PO_NEG["update"][0], PO_NEG["update"][2]) if street_case
                                         else PO_NEG["update"][1:])]]
    case.close_nocrime, case.codes_nocrime = PO_NEG["close"], ("ADVICE GIVEN", "NO CRIME", "RESOLVED")
    case.over_weight = 1.5
    return case


SCENARIOS = {
    build_harassment: 4.5, build_malicious: 2.2, build_single_message_negative: 2.0,
    build_malcomm_negative: 0.6, build_coercive: 1.3, build_public_order: 3.0,
    build_public_order_negative: 1.3,
}
