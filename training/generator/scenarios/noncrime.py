"""Non-crime scenarios: the incidents a force receives that should *not* produce a recorded crime.

Labelling rules applied here (all -> "No crime"):
- Verbal argument with no threat, no violence and nobody put in fear (primer, "What is not").
- Hypothetical or conditional remark ("said he'd hit him if...") that nobody took as a real threat.
- Concern for welfare, missing person found, mental-health crisis, sudden death not suspicious,
  lost property, civil/neighbour disputes, noise, road collisions without an offence, suspicious
  circumstances with nothing found, non-notifiable offences (drunk and disorderly, no insurance).
- Hoax or mistaken calls; reports that verifiable information shows did not happen (primer 6).
- Duplicates of an already recorded crime; offences in Scotland or abroad (not this force's crime);
  fraud reported to the national fraud service (Action Fraud records it, not the force).
- School incidents dealt with under the schools protocol -> "No crime", unless serious (injury,
  weapon) or the victim/parent asks for police action -> the violence group (primer, schools).
Domestic-abuse flag: set on verbal arguments between partners, ex-partners or family aged 16+ (a
domestic *incident*), never on welfare, death or medical calls that are not between the parties.
"""

from training.generator.scenarios.common import CALL, COUNTER, DECLINED, NO_CRIME, NOISE, ONLINE, PATROL, Case
from training.generator.scenarios.noncrime_banks import BANKS


def _simple(r, env, key, *, relation="stranger", channel=None, hard="", domestic=False, over=0.0,
            first_person=None, group=NO_CRIME, victim_age=None):
    """Build a case from the bank named ``key`` (call lines, updates, closings, codes)."""
    bank = BANKS[key]
    channel = channel or r.choices((CALL, ONLINE, COUNTER), bank.get("channels", (85, 10, 5)))[0]
    fp = channel == ONLINE if first_person is None else first_person
    sc = env.scene(r, relation=relation, first_person=fp, victim_age=victim_age,
                   night_bias=bank.get("night", 0.4))
    case = Case(key, bank["family"], group, domestic=domestic, hard_case=hard, scene=sc, channel=channel,
                over_weight=over, opening_codes=bank["open"], close_nocrime=bank["close"],
                codes_nocrime=bank["codes"], crime_name=bank.get("crime_name", ""))
    n_call = r.choice(bank.get("n_call", (1, 2, 2, 3)))
    case.call = [r.choice(bank["call"])] + r.sample(bank["extra"], min(n_call - 1, len(bank["extra"])))
    case.updates = [[r.choice(("ATT.", "On arrival", "", "Attended.", "Spoke to {vo}.", "Called {vo} back."))]
                    + r.sample(bank["update"], min(len(bank["update"]), r.choice((1, 2, 2, 3))))]
    if r.random() < 0.3:
        case.updates[0].append(r.choice(NOISE))
    if r.random() < bank.get("stance", 0.0):
        # Non-crime callers also "don't want police action": the phrase must not mark a crime, and their
        # logs may be closed with the same "does not wish to support" wording (situations never change
        # a non-crime's label or recording; see _recording._closing_bank).
        case.updates[0].append(r.choice(DECLINED))
        case.situations = ("declined",)
    return case


def build_verbal_argument(r, env):
    """Domestic or neighbour argument, words only, no threat, nobody in fear -> No crime.

    Hard negative variant: the log uses 'assault', 'threat' or 'hit' but says none happened.
    """
    relation = r.choices(("partner", "ex", "family", "known"), (40, 20, 25, 15))[0]
    hard = "hard_negative_vocab" if r.random() < 0.45 else ""
    case = _simple(r, env, "verbal_argument", relation=relation, hard=hard,
                   domestic=relation != "known", over=0.8, channel=CALL if r.random() < 0.9 else COUNTER)
    if hard:
        case.updates[0].append(r.choice(BANKS["verbal_argument"]["negated"]))
    if not case.domestic:  # coherence: DASH and "domestic" wording only between partners or family
        case.updates = [[u for u in upd if "DASH" not in u] for upd in case.updates]
        case.close_nocrime = tuple(c for c in case.close_nocrime if "DASH" not in c and "omestic" not in c) \
            or ("[Verbal argument|Argument] only, no offences. [Advice given|Parties separated].",)
    return case


def build_hypothetical_threat(r, env):
    """Conditional remark nobody feared ('he'd hit him if he parked there again') -> No crime."""
    relation = r.choice(("known", "known", "stranger", "family"))
    return _simple(r, env, "hypothetical_threat", relation=relation, hard="hard_negative_hypothetical",
                   domestic=relation == "family", over=1.2)


def build_welfare(r, env):
    """Concern for welfare, found safe and well -> No crime."""
    return _simple(r, env, "welfare", relation="family", over=-3.0)


def build_mental_health(r, env):
    """Mental-health crisis, threats of self-harm only -> No crime."""
    return _simple(r, env, "mental_health", relation="family", over=-2.0,
                   hard="hard_negative_vocab" if r.random() < 0.3 else "")


def build_sudden_death(r, env):
    """Sudden death, nothing suspicious -> No crime."""
    return _simple(r, env, "sudden_death", relation="family", over=-5.0)


def build_missing(r, env):
    """Missing person located safe -> No crime."""
    return _simple(r, env, "missing_person", relation="family", over=-4.0)


def build_lost_property(r, env):
    """Lost property, or a 'stolen' item later found where it was left -> No crime (primer 6)."""
    found = r.random() < 0.5
    case = _simple(r, env, "lost_property", hard="hard_negative_disproved" if found else "",
                   over=0.8 if found else -0.5, channel=r.choice((CALL, ONLINE, ONLINE, COUNTER)))
    if found:
        case.close_evidence = BANKS["lost_property"]["found"]
    return case


def build_civil(r, env):
    """Civil dispute (debt, contract, car sale, deposit, child contact) with no offence -> No crime."""
    relation = r.choice(("known", "known", "ex", "stranger"))
    return _simple(r, env, "civil_dispute", relation=relation, over=0.3,
                   hard="hard_negative_vocab" if r.random() < 0.35 else "")


def build_neighbour(r, env):
    """Neighbour dispute (parking, hedges, boundaries, bins), no offence -> No crime."""
    return _simple(r, env, "neighbour_dispute", relation="known", over=0.2)


def build_noise(r, env):
    """Noise complaint -> No crime."""
    return _simple(r, env, "noise", relation="known", over=-3.0)


def build_collision(r, env):
    """Damage-only road collision, details exchanged or reported -> No crime (not notifiable)."""
    return _simple(r, env, "collision", relation="stranger", over=-0.5,
                   hard="hard_negative_vocab" if r.random() < 0.5 else "")


def build_hoax(r, env):
    """Hoax or mistaken call; caller admits inventing it -> No crime (primer 6)."""
    case = _simple(r, env, "hoax", relation="stranger", over=0.5, hard="hard_negative_disproved",
                   channel=CALL)
    case.close_evidence = BANKS["hoax"]["evidence"]
    return case


def build_disproved(r, env):
    """A reported theft/burglary/damage that verifiable information shows did not happen."""
    case = _simple(r, env, "disproved_report", relation="stranger", over=1.5,
                   hard="hard_negative_disproved")
    case.close_evidence = BANKS["disproved_report"]["evidence"]
    return case


def build_duplicate(r, env):
    """Second report of a crime already recorded under another reference -> should_record False."""
    return _simple(r, env, "duplicate", relation="stranger", over=1.5, hard="duplicate")


_OUTSIDE_PLACES = (("Glasgow", "Police Scotland"), ("Edinburgh", "Police Scotland"), ("Aberdeen", "Police Scotland"),
                   ("Spain", "the Spanish police"), ("Benidorm", "the Spanish police"),
                   ("Magaluf", "the Spanish police"), ("Amsterdam", "the Dutch police"),
                   ("Poland", "the Polish police"), ("Turkey", "the Turkish police"),
                   ("Belfast", "the PSNI"), ("Dublin", "An Garda Siochana"), ("Paris", "the French police"))
_OUTSIDE_WHAT = (("[being assaulted|an assault on {v_obj}|being punched]", ("ASSAULT", "GENERAL ENQUIRY")),
                 ("[that {v_pos} bag was stolen|{v_pos} {mobile} being stolen|the theft of {v_pos} {item}]",
                  ("THEFT", "GENERAL ENQUIRY", "LOST PROPERTY")),
                 ("[being robbed of {v_pos} {mobile}|a robbery]", ("ROBBERY", "THEFT")),
                 ("[being sexually assaulted|being groped in a club]", ("SEXUAL OFFENCE", "GENERAL ENQUIRY")))


def build_outside_area(r, env):
    """Offence that happened in Scotland or abroad: not this force's crime -> should_record False.

    Coherence: the place, the force to contact and the opening code all follow one drawn fact.
    """
    place, juris = r.choice(_OUTSIDE_PLACES)
    what, codes = r.choice(_OUTSIDE_WHAT)
    case = _simple(r, env, "outside_jurisdiction", relation="stranger", over=1.0, hard="outside_area",
                   channel=r.choice((CALL, ONLINE, COUNTER)))
    case.scene.lazy.update(place=place, juris=juris, what=what)
    case.opening_codes = codes
    return case


def build_fraud(r, env):
    """Fraud referred to the national fraud service: recorded there, not by the force -> False."""
    return _simple(r, env, "fraud_action_fraud", relation="stranger", over=0.5, hard="fraud_referred",
                   channel=r.choice((CALL, ONLINE, ONLINE, COUNTER)))


def build_school(r, env):
    """Playground incident under the schools protocol -> No crime; serious or parent asks -> crime."""
    serious = r.random() < 0.3
    case = _simple(r, env, "school", relation="stranger", over=-0.5, victim_age=r.randrange(11, 16),
                   hard="school_protocol" if not serious else "school_serious",
                   group="Violence with injury" if serious else NO_CRIME)
    if serious:
        case.updates.append([r.choice(BANKS["school"]["serious"])])
        case.crime_name = "ABH"
    return case


def build_suspicious(r, env):
    """Suspicious person/vehicle, checked, nothing found -> No crime."""
    return _simple(r, env, "suspicious", relation="stranger", over=-1.5, channel=CALL)


def build_non_notifiable(r, env):
    """Drunk and disorderly, breach of the peace, no insurance: not notifiable -> No crime."""
    return _simple(r, env, "non_notifiable", relation="stranger", over=0.3, channel=r.choice((CALL, PATROL)),
                   hard="hard_negative_vocab" if r.random() < 0.3 else "")


def build_declined_noncrime(r, env):
    """A non-crime where the caller also 'doesn't want police action' (decouples that phrase)."""
    case = build_verbal_argument(r, env)
    case.updates[0].append(r.choice(DECLINED))
    case.situations = ("declined",)
    return case


SCENARIOS = {
    build_verbal_argument: 6.5, build_hypothetical_threat: 1.5, build_welfare: 4.5,
    build_mental_health: 3.5, build_sudden_death: 1.8, build_missing: 2.0, build_lost_property: 2.5,
    build_civil: 3.0, build_neighbour: 2.5, build_noise: 2.0, build_collision: 2.5, build_hoax: 1.3,
    build_disproved: 2.2, build_duplicate: 1.4, build_outside_area: 0.9, build_fraud: 1.8,
    build_school: 1.5, build_suspicious: 2.0, build_non_notifiable: 1.8, build_declined_noncrime: 1.2,
}
