"""Brief logs: one incident written as a headline, a one-line summary, a passive sentence, an officer's
precis or a terse online one-liner, sometimes with a one-sentence update.

Real forces' exports are often this short (campus and transport police, online one-liners, the call
type with a detail), so the generator writes every brief register on both sides of the label: a "lost
phone" one-liner is no crime and a "phone taken from bag" one-liner is a theft, each with loss values,
abbreviations, misspellings and UK, US or Australian wording. Length and register then say nothing
about the label. Labelling rules applied here (the per-kind rules are beside each spec in
``brief_offences`` and ``brief_noncrimes``):
- An offence spec is a crime whatever register writes it; an update with the victim's wishes, a
  suspect's denial or an officer's doubt keeps it a crime (primer 4-6).
- A non-crime spec is no crime; an offence report followed by an update with checkable evidence that
  nothing happened (found where left, receipt, CCTV) is no crime (primer 6, 9).
"""

import re

from training.generator.phrasing import add_typos, expand, tidy
from training.generator.scenarios import brief_banks as B
from training.generator.scenarios.brief_noncrimes import DISPROVES, KEEPS_CRIME, NEUTRAL_UPDATES, NONCRIME_SPECS
from training.generator.scenarios.brief_offences import CRIME_SPECS
from training.generator.scenarios.common import NO_CRIME, Case

BRIEF = "brief"  # the channel of a brief log: the whole narrative is one rendered line or two
REGISTERS = ("head", "line", "passive", "precis", "online")
_REGISTER_W = (22, 34, 16, 16, 12)
# Relative frequency of each kind among brief offences and brief non-crimes.
_CRIME_W = {"theft_item": 9, "theft_cycle": 5, "theft_vehicle": 4, "shoplifting": 2, "burglary": 3,
            "robbery": 1.5, "damage": 5, "arson": 1, "assault": 6, "domestic_assault": 2, "threats": 2.5,
            "harassment": 2.5, "sexual": 1.5, "possession": 1}
_NONCRIME_W = {"lost_item": 7, "found_item": 3, "stolen_then_found": 3, "medical": 6, "welfare": 5,
               "noise": 3, "hazard": 7, "dispute": 4, "assist": 4, "disproved": 2}
_JOINS = (". ", ". ", "; ", " - ", "\n")


def _word_map(pairs):
    """``(table, pattern)``: lower-case lookup and a whole-word, case-insensitive regex, longest first."""
    keys = sorted((re.escape(a) for a, _ in pairs), key=len, reverse=True)
    return {a.lower(): b for a, b in pairs}, re.compile(r"(?<!\w)(?:" + "|".join(keys) + r")(?!\w)", re.I)


_OTHER_FORCE = _word_map(B.US_WORDS)
_ABBREVIATED = _word_map(B.ABBREVIATIONS)


def _swap_words(text, word_map, r, rate):
    """Replace mapped words at ``rate`` (keeping capitals when the original was in capitals)."""
    table, pattern = word_map

    def _sub(match):
        if r.random() >= rate:
            return match.group(0)
        out = table[match.group(0).lower()]
        return out.upper() if match.group(0).isupper() and len(match.group(0)) > 1 else out

    return pattern.sub(_sub, text)


def _amount(r):
    """A loss or damage value as people write it (no currency sign here)."""
    roll = r.random()
    if roll < 0.4:
        return str(r.randrange(2, 40) * 10)
    high = 2000 if roll < 0.8 else 15000
    return f"{r.randrange(100, high):,}"


def _slots(r):
    """One value per slot for the whole log, plus a capitalised ``{Slot}`` form of each."""
    item, item2 = r.sample(B.ITEMS, 2)
    slots = {"item": item, "item2": item2, "amount": _amount(r)}
    for name, bank in (("cycle", B.CYCLES), ("veh", B.VEHICLES), ("part", B.VEHICLE_PARTS),
                       ("place", B.PLACES), ("outdoor", B.OUTDOOR), ("dwelling", B.DWELLINGS),
                       ("building", B.OUTBUILDINGS), ("structure", B.STRUCTURES), ("staff", B.STAFF),
                       ("victim", B.VICTIMS), ("suspect", B.SUSPECTS), ("partner", B.PARTNERS),
                       ("body", B.BODY), ("injury", B.INJURIES), ("time", B.TIMES), ("transport", B.TRANSPORT),
                       ("shop", B.SHOPS), ("goods", B.GOODS), ("bin", B.BINS), ("money", B.MONEY)):
        slots[name] = r.choice(bank)
    for name in list(slots):
        slots[name[:1].upper() + name[1:]] = slots[name][:1].upper() + slots[name][1:]
    return slots


def render_brief(spec, r, *, update=None):
    """Write one brief log of ``spec``; returns ``(text, register)``.

    ``update`` (templates) adds a second sentence, and the register is then ``"update"``. Writer
    habits are drawn per log and never depend on the label: loss/damage values, another force's
    vocabulary, abbreviations, capitals or lower case, misspellings.
    """
    names = [name for name in REGISTERS if spec.get(name)]
    register = r.choices(names, [w for name, w in zip(REGISTERS, _REGISTER_W) if spec.get(name)])[0]
    slots = _slots(r)
    text = expand(spec[register], r, slots).strip()
    if spec.get("tail") and r.random() < 0.45:
        tails = B.LOSS_TAILS if spec["tail"] == "loss" else B.DAMAGE_TAILS
        text = text.rstrip(".") + r.choice((", ", ". ", " - ", "; ", " ")) + expand(tails, r, slots)
    if update:
        text = text.rstrip(".") + r.choice(_JOINS) + expand(update, r, slots)
        register = "update"
    text = " ".join(text.split(" ")) if register == "online" else tidy(text)
    if register in ("head", "line") and r.random() < 0.3:
        text = text.rstrip(".")
    if r.random() < 0.4:
        text = _swap_words(text, _OTHER_FORCE, r, 0.8)
    if r.random() < 0.35:
        text = _swap_words(text, _ABBREVIATED, r, 0.5)
    return add_typos(_letter_case(text, r, register), r, r.choice((0.0, 0.0, 0.01, 0.03))), register


def _letter_case(text, r, register):
    """Most logs keep their case; some are typed in capitals, lower case or (headlines) title case."""
    roll = r.random()
    if roll < 0.15:
        return text.upper()
    if roll < 0.22:
        return text.lower()
    if roll < 0.27 and register == "head":
        return text.title()
    return text


def _brief_case(r, env, key, spec, group, *, relation="stranger"):
    """An empty brief ``Case`` for one spec (the text is written by the builder)."""
    domestic = bool(spec.get("domestic")) and group != NO_CRIME
    scene = env.scene(r, relation="partner" if domestic else relation, first_person=False)
    return Case("brief_" + key, spec["family"] if group != NO_CRIME else "non-crime", group, domestic=domestic,
                scene=scene, channel=BRIEF, opening_codes=spec["codes"], crime_name=key.replace("_", " "))


def _write(case, spec, r, update):
    """Render the case's one-line narrative into ``case.call`` and record its register."""
    text, register = render_brief(spec, r, update=update)
    case.call, case.register = [text], "brief_" + register
    return case


def build_brief_offence(r, env):
    """A brief offence report -> the spec's crime group, whatever the register or update (primer 4-6)."""
    key = r.choices(tuple(_CRIME_W), tuple(_CRIME_W.values()))[0]
    spec = CRIME_SPECS[key]
    case = _brief_case(r, env, key, spec, spec["group"])
    update = None
    roll = r.random()
    if roll < 0.15:
        situation, update = r.choice(KEEPS_CRIME)
        case.situations = (situation,) if situation else ()
    elif roll < 0.22:
        update = NEUTRAL_UPDATES
    return _write(case, spec, r, update)


def build_brief_noncrime(r, env):
    """A brief non-crime (lost, found, medical, welfare, noise, hazard, dispute, assist) -> No crime."""
    key = r.choices(tuple(_NONCRIME_W), tuple(_NONCRIME_W.values()))[0]
    spec = NONCRIME_SPECS[key]
    case = _brief_case(r, env, key, spec, NO_CRIME, relation="known" if key == "dispute" else "stranger")
    _write(case, spec, r, NEUTRAL_UPDATES if r.random() < 0.07 else None)
    case.over_weight = 0.5 if key in ("stolen_then_found", "disproved") else -0.5
    return case


def build_brief_disproved(r, env):
    """A brief offence report whose update shows with checkable evidence that nothing happened -> No crime."""
    key = r.choice(tuple(DISPROVES))
    case = _brief_case(r, env, "disproved_" + key, CRIME_SPECS[key], NO_CRIME)
    _write(case, CRIME_SPECS[key], r, DISPROVES[key])
    case.hard_case, case.over_weight = "hard_negative_disproved", 1.0
    return case


# Brief logs are about 30% of all generated logs, a little under half of them offences.
SCENARIOS = {build_brief_offence: 33.0, build_brief_noncrime: 30.0, build_brief_disproved: 9.0}
