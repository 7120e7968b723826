"""Cross-over scenarios: a non-crime call type that turns out to hold an offence.

These keep the *topic* of a log (welfare check, mental-health crisis, neighbour dispute, noise,
collision, lost property, suspicious people, verbal argument) from giving the label away: the
same opening words lead to a crime when the facts disclose one. Labelling rules applied here:
- Injury or assault disclosed during a welfare check -> the violence group (primer 4: record once the
  account is given; the call type does not matter).
- A suspect's mental-health crisis does not stop recording an assault on a family member.
- Neighbour dispute with deliberate damage -> "Criminal damage and arson"; with repeated abuse on two
  or more occasions -> "Stalking and harassment".
- Noise complaint or parking row where the neighbour threatens to kill and the victim fears it
  -> "Violence without injury".
- Collision where a driver then assaults the other -> violence group.
- 'Lost' property that CCTV shows someone taking -> "Theft offences".
- 'Suspicious males' call where officers find a shed forced and bikes gone -> "Burglary".
- A 'verbal argument' during which one partner pushes or grabs the other -> "Violence without injury".
"""

from training.generator.scenarios.common import CALL, DECLINED, INTOXICATED, SUPPORTS, Case, attend
from training.generator.scenarios.noncrime_banks import BANKS
from training.generator.scenarios.violence import ACT_INJURY, ACT_NO_INJURY, FEAR, INJURY_NOTE, NO_INJURY_NOTE

_STANCE = SUPPORTS + SUPPORTS + DECLINED + INTOXICATED[:2]
# Active-voice acts only ("{O} pushed..."): these builders splice the verb phrase after their own subject.
_ACTIVE_INJURY = tuple(t for t in ACT_INJURY if t.startswith("{O} "))
_ACTIVE_NO_INJURY = tuple(t for t in ACT_NO_INJURY if t.startswith("{O} "))


def _case(r, env, key, group, relation, opening, crime_name, hard="disclosed_in_update", **kw):
    """A phone-call case with a scene for the given relation."""
    sc = env.scene(r, relation=relation, first_person=False, **kw)
    return Case(key, "crossover", group, domestic=sc.domestic, hard_case=hard, scene=sc, channel=CALL,
                opening_codes=opening, crime_name=crime_name, situations=("update_only",))


def _stance(r, case):
    """Victim's stance line; declining or drink add their recording situation (label unchanged)."""
    line = r.choice(_STANCE)
    if line in DECLINED:
        case.situations += ("declined",)
    elif line in INTOXICATED:
        case.situations += ("intoxicated",)
    return line


def build_welfare_assault(r, env):
    """Welfare check finds the person injured by a partner/family member -> violence."""
    injury = r.random() < 0.6
    case = _case(r, env, "welfare_assault", "Violence with injury" if injury else "Violence without injury",
                 r.choice(("partner", "ex", "family")), BANKS["welfare"]["open"], "ABH" if injury else
                 "common assault")
    case.call = [r.choice(BANKS["welfare"]["call"])] + r.sample(BANKS["welfare"]["extra"], 1)
    act = r.choice(ACT_INJURY if injury else ACT_NO_INJURY)
    case.updates = [[attend(r), "{V} [located|found|seen] [at the address|at a friend's|in the flat], "
                     "[disclosed|then disclosed|told officers] [that|] " + act,
                     r.choice(INJURY_NOTE if injury else NO_INJURY_NOTE), _stance(r, case)]]
    return case


def build_mental_health_assault(r, env):
    """A relative in mental-health crisis assaults the caller -> violence (illness does not stop recording)."""
    injury = r.random() < 0.4
    case = _case(r, env, "mental_health_assault", "Violence with injury" if injury else
                 "Violence without injury", "family", BANKS["mental_health"]["open"],
                 "ABH" if injury else "common assault", hard="mental_health_offender")
    case.call = ["[caller|{V}] [reports|states] {O} [is having a mental health episode|is in crisis|is off "
                 "{o_pos} meds|is very unwell] and " + r.choice(_ACTIVE_INJURY if injury else _ACTIVE_NO_INJURY)[4:],
                 r.choice(BANKS["mental_health"]["extra"])]
    case.updates = [[attend(r), "{o_ref} [detained under s136|taken to hospital by ambulance|assessed by the "
                     "crisis team|sectioned]", r.choice(INJURY_NOTE if injury else NO_INJURY_NOTE),
                     _stance(r, case)]]
    case.situations = ("declined",) if "declined" in case.situations else ()
    return case


def build_neighbour_offence(r, env):
    """Neighbour dispute with deliberate damage or repeated abuse -> damage or harassment."""
    damage = r.random() < 0.5
    case = _case(r, env, "neighbour_offence", "Criminal damage and arson" if damage else
                 "Stalking and harassment", "known", BANKS["neighbour_dispute"]["open"],
                 "criminal damage" if damage else "harassment", hard="")
    case.call = [r.choice(BANKS["neighbour_dispute"]["call"])]
    if damage:
        case.call.append("{O} [has|] [deliberately|] [cut down|kicked in|sprayed weedkiller on|smashed] "
                         "{v_pos} [fence panels|hedge|plants|garden lights|car wing mirror] [{day}|"
                         "overnight|in front of {v_obj}]")
    else:
        case.call += ["{O} [shouts|has been shouting] abuse [at {v_obj}|at {v_pos} kids] [every time|"
                      "whenever] {v} [leaves the house|goes out|parks]", "[this is|it has happened] [the "
                      "{num}th time|several times|again] [this month|since the summer]"]
    case.updates = [[attend(r), "[Spoke to|Saw] {vo}[, who showed officers the damage|, who has a diary of "
                     "incidents|, very fed up|]", _stance(r, case)]]
    case.situations = tuple(s for s in case.situations if s != "update_only")
    return case


def build_noise_threat(r, env):
    """Noise or parking complaint where the neighbour threatens to kill the caller, who is afraid."""
    case = _case(r, env, "noise_threat", "Violence without injury", "known", BANKS["noise"]["open"],
                 "threats to kill", hard="words_only_threat", night_bias=0.8)
    case.call = [r.choice(BANKS["noise"]["call"]), "when {v} [knocked|went round|asked {o_obj} to turn it "
                 "down] {O} [said|told {v_obj}|shouted] [{o} would kill {v_obj}|{o} would stab {v_obj}|"
                 "{v} would be dead [by the morning|if {v} knocked again]]", r.choice(FEAR)]
    case.updates = [[attend(r), "[Spoke to|Saw] {vo}, [very shaken|frightened|upset]", _stance(r, case)]]
    case.situations = ("words_only",) + tuple(s for s in case.situations if s != "update_only")
    return case


def build_collision_assault(r, env):
    """Collision where one driver then assaults the other -> violence."""
    injury = r.random() < 0.4
    case = _case(r, env, "collision_assault", "Violence with injury" if injury else "Violence without injury",
                 "stranger", BANKS["collision"]["open"], "ABH" if injury else "common assault", hard="")
    case.call = [r.choice(BANKS["collision"]["call"]), "[other driver|{O}] [got out and|then] " +
                 r.choice(_ACTIVE_INJURY if injury else _ACTIVE_NO_INJURY)[4:]]
    case.updates = [[attend(r), "[details exchanged|drivers identified] [, other driver admits hitting {v_obj}|"
                     ", witness saw the blow|, dashcam shows the assault|]", _stance(r, case)]]
    case.situations = tuple(s for s in case.situations if s != "update_only")
    return case


def build_lost_was_theft(r, env):
    """'Lost' item that CCTV or tracking shows was taken by someone -> theft."""
    case = _case(r, env, "lost_property_theft", "Theft offences", "stranger", BANKS["lost_property"]["open"],
                 "theft")
    case.call = [r.choice(BANKS["lost_property"]["call"])] + r.sample(BANKS["lost_property"]["extra"], 1)
    case.updates = [[attend(r), "[CCTV|footage] [from {shop}|from the venue|from the bus] [shows|viewed "
                     "shows] [a male|a female|someone] [picking up|taking|pocketing] [the {item}|{v_pos} "
                     "{mobile}|the bag] [from the table|from beside {v_obj}|from {v_pos} bag] and [leaving|"
                     "walking off]"]]
    return case


def build_suspicious_burglary(r, env):
    """'Suspicious males' call; officers find a shed forced and items gone -> burglary."""
    case = _case(r, env, "suspicious_burglary", "Burglary", "stranger", BANKS["suspicious"]["open"],
                 "residential burglary", night_bias=0.8)
    case.call = [r.choice(BANKS["suspicious"]["call"])]
    case.updates = [[attend(r), "[shed|garage] at {addr} [found|found to be] [forced|insecure with the lock "
                     "snapped], [bikes|tools|the mower] [taken|missing] - [owner|{V}] [woken and|] "
                     "[confirms|confirmed] nothing should be missing"]]
    return case


def build_verbal_push(r, env):
    """'Verbal argument' in which one partner pushes or grabs the other (described casually) -> assault."""
    case = _case(r, env, "verbal_with_push", "Violence without injury", r.choice(("partner", "ex", "family")),
                 BANKS["verbal_argument"]["open"], "common assault", hard="casual_assault")
    case.call = [r.choice(BANKS["verbal_argument"]["call"]), r.choice((
        "[during which|at one point|and] {O} [pushed|shoved|grabbed] {v_obj} [out of the way|by the arm|"
        "back onto the sofa]", "{O} [spat at|poked|slapped] {v_obj} [during the row|as {o} left|]"))]
    case.updates = [[attend(r), "[Both parties|Both] spoken to[ separately|], [{V} confirms what {o} did|"
                     "{V} says {o} did do it but {v} {v_is} not hurt|{o_ref} admits it]", _stance(r, case)]]
    case.situations = ("words_only",) + tuple(s for s in case.situations if s != "update_only")
    return case


SCENARIOS = {
    build_welfare_assault: 1.2, build_mental_health_assault: 0.8, build_neighbour_offence: 1.2,
    build_noise_threat: 0.6, build_collision_assault: 0.6, build_lost_was_theft: 0.7,
    build_suspicious_burglary: 0.5, build_verbal_push: 1.4,
}
