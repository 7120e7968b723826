"""Property and acquisitive-crime scenarios: criminal damage, arson, theft, burglary, robbery, drugs.

Labelling rules applied here:
- Damage to someone else's property done deliberately or recklessly -> "Criminal damage and arson"
  (a partner smashing the victim's phone counts; joint-home damage by a partner counts).
- Damage that is accidental, to the person's own property, weather/wear, or an accidental fire
  confirmed by the fire service -> "No crime" (hard negative: the log says "damage").
- Something taken without consent with no entry to a building and no force -> "Theft offences";
  entry to a building (house, shed, garage, shop out of hours) as a trespasser to steal, or an
  attempt with damage to a door/window -> "Burglary"; force or threat of force to steal -> "Robbery".
- Victim only wants a crime number for insurance, or declines: still a crime (primer 5).
- Possession of drugs or a weapon found by police -> "Other crimes against society" (points to
  prove made out, police-witnessed, primer 3); a search that finds nothing -> "No crime".
"""

from training.generator.scenarios.common import (
    CALL,
    CCTV_NEUTRAL,
    COUNTER,
    NO_CRIME,
    ONLINE,
    PATROL,
    Case,
    apply_stance,
    attend,
    pick_hard,
)
from training.generator.scenarios.property_banks import (
    ARSON,
    ARSON_NEG,
    BURGLARY,
    BURGLARY_CLOSE_NEG,
    BURGLARY_NEG,
    DAMAGE,
    DAMAGE_CLOSE_NEG,
    DAMAGE_NEG_EXTRA,
    DAMAGE_NEG_KINDS,
    DRUGS,
    DRUGS_NEG,
    ROBBERY,
    ROBBERY_NEG,
    THEFT,
    TP_DAMAGE,
)


def _case(r, env, key, family, group, *, relation, hard, channels=(65, 25, 10), crime_name="",
          opening=("THEFT",), night=0.5):
    """Common set-up: channel, scene and the empty case."""
    channel = r.choices((CALL, ONLINE, COUNTER), channels)[0]
    sc = env.scene(r, relation=relation, first_person=channel == ONLINE, night_bias=night)
    return Case(key, family, group, domestic=sc.domestic and group != NO_CRIME or False, hard_case=hard,
                scene=sc, channel=channel, crime_name=crime_name, opening_codes=opening)


def _fill(r, case, bank):
    """Call lines from ``bank['call']`` + extras, first update from ``bank['update']``."""
    extra, update = bank["extra"], bank["update"]
    case.call = [r.choice(bank["call"])] + r.sample(extra, min(len(extra), r.choice((0, 1, 1, 2))))
    case.updates = [[attend(r)] + r.sample(update, min(len(update), r.choice((1, 1, 2))))]
    if r.random() < 0.35:
        case.updates[0].append(r.choice(CCTV_NEUTRAL))


def build_damage(r, env):
    """Criminal damage to another's property, with declined/insurance/third-party hard cases."""
    relation = r.choices(("partner", "ex", "family", "known", "stranger"), (12, 14, 6, 18, 50))[0]
    hard = pick_hard(r, (("third_party", 8), ("insurance_only", 8)))
    case = _case(r, env, "criminal_damage", "property", "Criminal damage and arson", relation=relation,
                 hard=hard, crime_name=r.choice(("criminal damage", "CD", "criminal damage to vehicle")),
                 opening=("CRIMINAL DAMAGE", "DAMAGE", "ASB", "DOMESTIC" if relation in ("partner", "ex")
                          else "VANDALISM"))
    bank = DAMAGE["domestic"] if case.domestic else DAMAGE["other"]
    _fill(r, case, bank)
    if hard == "third_party":
        case.channel = CALL
        case.call = [r.choice(TP_DAMAGE)]
        case.situations = ("third_party",)
    elif hard == "insurance_only":
        case.call.append("{V} [only needs|just wants|wants] a crime [number|ref|reference] for [insurance|"
                         "the insurers|the landlord]")
        case.situations = ("insurance",)
    else:
        apply_stance(r, case, hard)
    return case


def build_arson(r, env):
    """Deliberate fire to property -> Criminal damage and arson; accidental fire -> No crime."""
    accidental = r.random() < 0.35
    case = _case(r, env, "arson" if not accidental else "fire_accidental", "property",
                 NO_CRIME if accidental else "Criminal damage and arson", relation="stranger",
                 hard="hard_negative_disproved" if accidental else "", channels=(100, 0, 0),
                 crime_name="arson", opening=("FIRE", "ARSON", "CRIMINAL DAMAGE", "ASB"), night=0.8)
    _fill(r, case, ARSON_NEG if accidental else ARSON)
    if accidental:
        case.close_nocrime, case.codes_nocrime = ARSON_NEG["close"], ("NO CRIME", "REFERRED - OTHER AGENCY")
        case.over_weight = 0.5
    return case


def build_damage_negative(r, env):
    """'Damage' that is accidental, own property, or weather -> No crime (hard negative)."""
    relation = r.choice(("partner", "family", "known", "stranger"))
    case = _case(r, env, "damage_no_offence", "property", NO_CRIME, relation=relation,
                 hard="hard_negative_vocab", opening=("CRIMINAL DAMAGE", "DAMAGE", "DOMESTIC", "ASB"))
    call, update = r.choice(DAMAGE_NEG_KINDS)
    case.call = [call] + r.sample(DAMAGE_NEG_EXTRA, r.choice((0, 1, 2)))
    case.updates = [[attend(r), update]]
    case.domestic = False
    case.close_nocrime, case.codes_nocrime = DAMAGE_CLOSE_NEG, ("NO CRIME", "ADVICE GIVEN", "RESOLVED")
    case.over_weight = 1.2
    return case


def build_theft(r, env):
    """Theft: shoplifting, from the person, bike, from or of a vehicle, by someone known."""
    kind = r.choice(tuple(THEFT))
    relation = "known" if kind == "by_known" else ("stranger" if kind != "domestic" else r.choice(("ex",
                                                                                                  "family")))
    hard = pick_hard(r, (("insurance_only", 10),))
    case = _case(r, env, "theft_" + kind, "property", "Theft offences", relation=relation, hard=hard,
                 crime_name=THEFT[kind]["name"], opening=THEFT[kind]["open"])
    _fill(r, case, THEFT[kind])
    if hard == "insurance_only":
        case.call.append("[{V} just needs|{V} needs|I need] a crime [number|reference] for [insurance|"
                         "{v_pos} insurer|the phone company]")
        case.situations = ("insurance",)
    else:
        apply_stance(r, case, hard)
    if kind == "shoplifting":
        case.situations += ("online",)
    return case


def build_burglary(r, env):
    """Burglary (dwelling, shed/garage, business, attempt) -> Burglary; hard case: nothing taken."""
    kind = r.choice(("dwelling", "dwelling", "shed", "business", "attempt"))
    hard = r.choices(("", "declined_support", "insurance_only"), (80, 8, 12))[0]
    case = _case(r, env, "burglary_" + kind, "property", "Burglary", relation="stranger", hard=hard,
                 channels=(75, 20, 5), crime_name=BURGLARY[kind]["name"],
                 opening=("BURGLARY", "BURGLARY DWELLING", "BURGLARY OTHER", "SUSPICIOUS CIRCS"))
    _fill(r, case, BURGLARY[kind])
    if hard == "insurance_only":
        case.situations = ("insurance",)
    elif hard:
        apply_stance(r, case, hard)
    return case


def build_burglary_negative(r, env):
    """Feared burglary disproved: family member had been in, door left open, nothing taken."""
    case = _case(r, env, "burglary_disproved", "property", NO_CRIME, relation="stranger",
                 hard="hard_negative_disproved", opening=("BURGLARY", "BURGLARY DWELLING", "SUSPICIOUS CIRCS"))
    _fill(r, case, BURGLARY_NEG)
    case.close_evidence = BURGLARY_NEG["evidence"]
    case.close_nocrime, case.codes_nocrime = BURGLARY_CLOSE_NEG, ("NO CRIME", "RESOLVED")
    case.over_weight = 1.5
    return case


def build_robbery(r, env):
    """Robbery: force or threat to steal. Hard cases: intoxicated, declined, hostile victim."""
    hard = pick_hard(r)
    case = _case(r, env, "robbery", "property", "Robbery", relation="stranger", hard=hard,
                 channels=(85, 5, 10), night=0.7, crime_name=r.choice(("robbery", "robbery of personal "
                                                                        "property", "street robbery")),
                 opening=("ROBBERY", "THEFT", "ASSAULT", "ROBBERY - PERSONAL"))
    _fill(r, case, ROBBERY)
    apply_stance(r, case, hard)
    return case


def build_robbery_negative(r, env):
    """A 'robbery' that verifiable information disproves (CCTV shows phone dropped, lent, sold)."""
    case = _case(r, env, "robbery_disproved", "property", NO_CRIME, relation="stranger",
                 hard="hard_negative_disproved", channels=(85, 5, 10), opening=("ROBBERY", "THEFT"))
    _fill(r, case, ROBBERY_NEG)
    case.close_evidence = ROBBERY_NEG["evidence"]
    case.close_nocrime, case.codes_nocrime = ROBBERY_NEG["close"], ("NO CRIME",)
    case.over_weight = 1.5
    return case


def build_drugs(r, env):
    """Police find drugs or a weapon on search -> Other crimes against society; nothing found -> No crime."""
    found = r.random() < 0.65
    bank = DRUGS if found else DRUGS_NEG
    case = _case(r, env, "possession" if found else "search_negative", "society",
                 "Other crimes against society" if found else NO_CRIME, relation="stranger",
                 hard="" if found else "hard_negative_vocab", channels=(40, 0, 0),
                 crime_name=r.choice(("possession of cannabis", "possession of class B", "possession of "
                                      "a bladed article")), opening=("DRUGS", "SUSPICIOUS CIRCS",
                                                                      "STOP SEARCH", "WEAPONS"))
    case.channel = PATROL
    _fill(r, case, bank)
    if not found:
        case.close_nocrime, case.codes_nocrime = bank["close"], ("NO CRIME", "RESOLVED", "NO TRACE")
        case.over_weight = 0.5
    return case


SCENARIOS = {
    build_damage: 5.0, build_arson: 1.0, build_damage_negative: 2.0, build_theft: 6.0, build_burglary: 3.5,
    build_burglary_negative: 1.0, build_robbery: 1.8, build_robbery_negative: 0.5, build_drugs: 1.6,
}
