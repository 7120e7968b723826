"""Turn a scenario's facts into the narrative text of a command-and-control log.

The layout follows real logs: an opening written by the call-taker in capitals and shorthand (or the
victim's own online report, or a front-counter officer's prose), then timestamped updates by
attending officers, with noise such as PNC checks, DASH, units assigned and call-back attempts.
Writer habits (shorthand density, typo rate, time format) are drawn once per log.
"""

import re

from training._phrasing import add_typos, clock, drop_punctuation, expand, officer, tidy, to_call_taker
from training._scene import add_minutes
from training._scenarios_common import (
    CALL, CALLSIGNS, COUNTER, FOLLOW_UP, HISTORY, NOISE, ONLINE, PROCEDURE, PROCEDURE_DOMESTIC, SHARED,
    SHARED_DOMESTIC,
)

_CALL_OPENERS = (
    "CALLER STATES [THAT|]", "RP STATES", "RP REPORTS", "CALLER REPORTING", "[999|101] CALL[ -|:|] ",
    "INFORMANT STATES", "[FEMALE|MALE] CALLER [STATES|REPORTING|]", "CALLER [VERY|] DISTRESSED, STATES",
    "", "", "CALL FROM {phone}:", "REPORT OF", "CALLER [ADVISES|SAYS]",
)
_TP_OPENERS = ("", "", "[999|101] CALL[ -|:] ", "3RD PARTY CALL:", "CALL FROM {phone} -", "REPORT FROM")
_CALL_TAILS = (
    "CALLER [CRYING|UPSET|DISTRESSED|CALM|SHAKEN] [ON THE PHONE|THROUGHOUT|]", "[NO|NIL] WEAPONS [SEEN|"
    "MENTIONED]", "[AMBO|AMBULANCE] [NOT REQUIRED|DECLINED|REQUESTED]", "[LOCATION|LOC] {addr} {postcode}",
    "CALLER [WILL|WOULD] [WAIT|BE] AT [ADDR|HOME|THE LOCATION]", "[PLS|PLEASE] [CALL|RING] BEFORE ATT",
    "[CALLER|RP] NO. {phone}",
    "[OCCURRED|HAPPENED|INCIDENT] [AT|AROUND|APPROX] {hour}", "[RP|CALLER|IP] DETAILS: {vname} [DOB|] {vdob}",
    "[NOT|NO] [KNOWN|AWARE OF] [ANY|] [WEAPONS|MEDICAL NEEDS]", "[GRADE|GRD] [1|2|3]",
    "[LINE|CALL] [QUALITY POOR|DROPPED, CALLED BACK|ENDED BY CALLER]", "[SUSP|OFF] [DESC|DESCRIPTION] "
    "[GIVEN|NOT KNOWN|AS ABOVE]",
)
# Call tails that only make sense when the incident is at home between partners or family.
_CALL_TAILS_DOMESTIC = (
    "[CHILDREN|KIDS] [PRESENT|IN ADDRESS|ASLEEP UPSTAIRS]", "[DOG|DOGS] AT [ADDRESS|PROPERTY]",
    "[CALLER|RP] [IS|REMAINS] [AT|IN] [ADDR|THE ADDRESS] [WITH A FRIEND|ALONE|WITH KIDS|]",
)
# How many updates a log has is drawn the same way for every kind of log (crime or not, recorded or not);
# routine follow-ups pad the scenario's own updates up to it, so layout length carries no label.
_N_UPDATES = (1, 2, 3, 4, 5)
_N_UPDATES_W = (14, 30, 30, 17, 9)
_ONLINE_OPENERS = (
    "I [would like|want|wish] to report [that|]", "[Hi|Hello|Hi there], I [want|would like] to report "
    "[something that happened {day}|an incident|this] [.|-|:]", "[On|] {when} ", "",
    "[Reporting an incident|Incident report|Online report]:", "I am writing to report [that|]",
)
_ONLINE_TAILS = (
    "[I can be contacted|Contact me] on {phone} [after 5pm|any time|]", "I [don't|do not] know what "
    "[else|] to do", "[Please|Pls] [call me|contact me|can someone call me]", "[Thank you|Thanks]",
    "I [have|do have] [screenshots|photos|messages] [if needed|I can send]",
)
_ONLINE_CONTEXT = {
    "domestic": ("We [have been|were] together for [{num} years|about {num} months|a long time]", "We "
                 "[split up|broke up|separated] [in {month}|last year|a few weeks ago]", "[This is not the "
                 "first time|It has happened before|It's happened a few times now]", "[We have|I have] "
                 "[kids|two children|a little boy] [together|with {o_obj}]", "I [am|was] [scared|worried] "
                 "about what [{o} will do|happens next]"),
    "other": ("I was [on my way home|walking back from work|out with friends|in town] [at the time|]",
              "[I have|I've got] [photos|screenshots|video] [I can send|on my phone]", "[I didn't|I did "
              "not] [report it straight away|call 999] [because I was in shock|as I was busy|]",
              "[I live|I'm] [at|on] {street} [with my family|on my own|]"),
}
_COUNTER_OPENERS = (
    "[Front counter|FRONT COUNTER|Walk in at front office|Station enquiry office] [report|enquiry]. {V} "
    "[attended|came in|walked in] [to report|stating|and reported] [that|]",
    "{V} [attended|presented at] [the front counter|{station} station] [to report|reporting] [that|]",
)
_PATROL_OPENERS = (
    "Officers [on patrol|on foot patrol|in the area|on mobile patrol] [were|] [flagged down|approached|"
    "stopped] by {vo} [who stated|who reported|stating] [that|]",
    "[Self generated|Officer generated|Stopped by member of public]. {V} [flagged down|approached] "
    "[the patrol|officers] [on {street}|] [and reported|stating] [that|]",
)
_UPDATE_FORMS = (
    "{t} {off}: ", "{t} {off} - ", "Update {off} {t}: ", "{t} {off} ", "{off} ({t}) ", "{t} ",
    "UPDATE {t} {off}: ", "{t} [OIC|oic] {off}: ", "[{t}] {off} - ", "{t} Update {off}: ",
)
_STATIONS = ("Central", "Northfield", "Lloyd House", "Beaumont Leys", "Euston Street", "Mansfield House",
             "Bloxwich", "Steelhouse Lane", "Wednesfield", "Hinckley")
_SEPARATORS = ("\n", "\n", "\n", " ", "\n\n", " // ")


class WriterStyle:
    """Per-log writing habits: shorthand, typos, time format, separators."""

    __slots__ = ("shorthand", "typo", "punct_drop", "clock", "sep", "caps_updates", "officer")

    def __init__(self, r):
        self.shorthand = r.choice((0.15, 0.35, 0.6, 0.85))
        self.typo = r.choice((0.0, 0.004, 0.01, 0.02, 0.035))
        self.punct_drop = r.choice((0.0, 0.0, 0.1, 0.3))
        self.clock = r.choices((0, 1, 2, 3, 4), (50, 20, 10, 10, 10))[0]
        self.sep = r.choice(_SEPARATORS)
        self.caps_updates = r.random() < 0.1
        self.officer = officer(r)


def render_narrative(case, r):
    """The full narrative of one log: the report, then timestamped updates.

    Parameters
    ----------
    case : Case
        Facts and templates from a scenario builder.
    r : random.Random
        Source of randomness for the phrasing choices.

    Returns
    -------
    str
    """
    style = WriterStyle(r)
    sc = case.scene
    opening = _opening(case, r, style)
    t = sc.when
    parts = [opening]
    updates = [list(u) for u in case.updates]
    procedure = PROCEDURE + _domestic_only(PROCEDURE_DOMESTIC, sc) if case.domestic else PROCEDURE
    shared = SHARED + _domestic_only(SHARED_DOMESTIC, sc) if case.domestic else SHARED
    if updates and r.random() < 0.7:
        updates[0] += r.sample(procedure, r.choice((1, 1, 2)))
    if updates and r.random() < 0.5:
        updates[-1].append(r.choice(shared))
    if updates and r.random() < 0.25:
        updates[0].insert(min(1, len(updates[0])), r.choice(HISTORY))
    target = r.choices(_N_UPDATES, _N_UPDATES_W)[0]
    extra = max(0, target - len(updates)) + (1 if r.random() < 0.15 else 0)
    for _ in range(extra):
        routine = r.sample(procedure, r.choice((1, 2))) if r.random() < 0.5 else [r.choice(FOLLOW_UP)]
        if r.random() < 0.3:
            routine.append(r.choice(NOISE))
        updates.insert(r.randrange(1, len(updates) + 1) if updates else 0, routine)
    for update in updates:
        t = add_minutes(t, r, 4, 95)
        parts.append(_update(update, r, style, sc, t))
    text = style.sep.join(p for p in parts if p)
    text = drop_punctuation(text, r, style.punct_drop)
    return add_typos(text, r, style.typo)


_PARTNER_ONLY = ("hild contact", "ontact arrangements", "non-molestation", "family court")


def _domestic_only(bank, sc):
    """Domestic noise for this scene: child-contact wording only between partners or ex-partners."""
    if sc.relation in ("partner", "ex"):
        return bank
    return tuple(t for t in bank if not any(w in t for w in _PARTNER_ONLY))


def _sentences(templates, r, slots):
    """Expand templates into tidy sentences joined by full stops."""
    out = []
    for tpl in templates:
        s = expand(tpl, r, slots).strip(" ,")
        if s:
            out.append(s if s[-1] in ".!?" else s + ".")
    return tidy(" ".join(out))


def _opening(case, r, style):
    """The first block: call-taker capitals, online first person, counter or patrol prose."""
    sc, facts = case.scene, list(case.call)
    if len(facts) > 2 and r.random() < 0.35:
        head, tail = facts[:1], facts[1:]
        r.shuffle(tail)
        facts = head + tail
    if case.channel == CALL:
        tails = _CALL_TAILS + _CALL_TAILS_DOMESTIC if case.domestic else _CALL_TAILS
        for _ in range(r.choices((0, 1, 2, 3), (10, 35, 40, 15))[0]):
            facts.append(r.choice(NOISE) if r.random() < 0.3 else r.choice(tails))
        slots = sc.view(r, callsign=r.choice(CALLSIGNS))
        third = case.hard_case.startswith("third_party") or "caller}" in facts[0]
        opener = expand(_TP_OPENERS if third else _CALL_OPENERS, r, slots)
        body = _sentences(facts + case.observations, r, slots)
        if opener and _starts_like_opener(body):
            opener = ""  # never "CALLER STATES CALLER STATES"
        text = (opener + " " + body) if opener else body
        if r.random() < 0.2:
            text = text.replace(". ", ", ")
        if r.random() < 0.12:  # some call handlers type ordinary prose, not capitals
            return tidy(text[:1].upper() + text[1:])
        return to_call_taker(text, r, style.shorthand)
    if case.channel == ONLINE:
        if r.random() < 0.5:
            facts.append(r.choice(_ONLINE_TAILS))
        if r.random() < 0.55:
            context = _ONLINE_CONTEXT["domestic" if sc.domestic else "other"]
            facts.insert(r.randrange(1, len(facts) + 1), r.choice(context))
        slots = sc.view(r, when=sc.when.strftime(r.choice(("%d/%m/%Y", "%A", "%d %B"))))
        opener = expand(_ONLINE_OPENERS, r, slots)
        body = _sentences(facts, r, slots)
        if opener and not opener.endswith((".", ":", "-")):
            body = _lower_first(body)
        text = _agree_first_person(tidy(opener + " " + body))
        if r.random() < 0.08:  # some people type their whole report in capitals
            text = text.upper()
        return text
    slots = sc.view(r, third_person=True, station=r.choice(_STATIONS))
    openers = _COUNTER_OPENERS if case.channel == COUNTER else _PATROL_OPENERS
    if case.family == "society":  # police-initiated: no one flags officers down
        openers = ("[Self generated|Officer generated|Proactive patrol|Patrol][.|:|-]",)
    opener = expand(openers, r, slots)
    body = _sentences(facts, r, slots)
    return tidy(opener + " " + _lower_first(body))


_OPENER_WORDS = ("caller", "rp ", "informant", "3rd party", "third party", "report", "call from", "999",
                 "101", "female caller", "male caller", "[caller", "concern for safety", "abandoned",
                 "silent 999", "the caller", "the rp", "the informant", "ip states", "ip reports",
                 "ip reporting", "the ip states", "the ip reports")


def _starts_like_opener(body):
    """True when the report already begins with its own reporting words ('Caller states ...')."""
    return body[:20].lower().startswith(_OPENER_WORDS)


_I_VERB = {"is": "am", "has": "have", "does": "do", "doesn't": "don't", "isn't": "am not",
           "hasn't": "haven't", "was not": "was not"}
_I_VERB_RE = re.compile(r"\b(I|me) ((?:just |only |now |really |still |also |genuinely |)?)"
                        r"(is|has|does|doesn't|isn't|hasn't|[a-z]+(?<!ss)(?<!u)s)\b")
_NOT_VERBS = frozenset(("was", "has", "is", "does", "this", "his", "as", "us", "its", "yes", "bus",
                        "always", "towards", "across", "less", "plus", "kids", "days", "weeks", "months",
                        "years", "friends", "parents", "messages", "times", "things", "hours"))


def _agree_first_person(text):
    """Fix verb agreement after 'I' in a first-person report ('I needs' -> 'I need', 'I is' -> 'I am')."""

    def _fix(match):
        pron, adv, verb = match.groups()
        if pron == "me":
            return match.group(0)
        if verb in _I_VERB:
            return f"I {adv}{_I_VERB[verb]}"
        if verb in _NOT_VERBS:
            return match.group(0)
        stem = verb[:-3] + "y" if verb.endswith("ies") else verb[:-2] if verb.endswith(("shes", "ches",
                                                                                        "sses")) else verb[:-1]
        return f"I {adv}{stem}"

    return _I_VERB_RE.sub(_fix, text)


def _lower_first(text):
    """Lower-case the first letter when it starts an ordinary word (not 'IP', 'I', a name)."""
    first = text.split(" ", 1)[0]
    if first == "A" or (len(first) > 1 and first[1:].islower() and first.lower() in _LOWERABLE):
        return text[:1].lower() + text[1:]
    return text


_LOWERABLE = frozenset(("her", "his", "my", "a", "an", "the", "someone", "unknown", "two", "staff",
                        "youths", "offenders", "male", "female", "there", "this", "it", "she", "he",
                        "their", "they", "we", "our", "shoplifter", "customer", "officers", "patrol",
                        "driver", "wheelie", "fire", "ball", "fence", "graffiti", "scam", "alarm",
                        "flasher", "man", "historic", "non-recent", "counsellor", "concern", "caller",
                        "verbal", "neighbour", "neighbours", "ongoing", "long", "loud", "party",
                        "collision", "rtc", "bump", "drunk", "suspicious", "report", "second",
                        "further", "another", "missing", "lost", "ambulance", "school", "teacher",
                        "parent", "security", "manager", "group", "car", "tools", "bike", "dispute",
                        "argument", "arguing", "shouting", "row", "heated", "on", "in", "at", "after",
                        "during", "when", "while"))


def _update(templates, r, style, sc, t):
    """One timestamped officer update."""
    off = style.officer if r.random() < 0.75 else officer(r)
    head = expand(_UPDATE_FORMS, r, {"t": clock(t, r, style.clock), "off": off})
    body = _sentences([x for x in templates if x], r, sc.view(r, third_person=True,
                                                              callsign=r.choice(CALLSIGNS)))
    if not body:
        return ""
    if style.caps_updates:
        return to_call_taker(head + body, r, style.shorthand / 2)
    return head + body
