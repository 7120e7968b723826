"""Turn a scenario's facts into the narrative text of a command-and-control log.

The layout follows real logs: an opening written by the call-taker in capitals and shorthand (or the
victim's own online report, or a front-counter officer's prose), then timestamped updates by
attending officers, with noise such as PNC checks, DASH, units assigned and call-back attempts.
Writer habits (shorthand density, typo rate, time format) are drawn once per log.

Registers (drawn per log, independently of the facts and the label, so no style marks a class):
- phone calls: call-taker capitals with shorthand; ordinary prose; call-handler notes in mixed case
  ("C/S her ex turned up...", "Caller states..."); capitals typed as one unpunctuated line; terse
  fragments.
- online reports: plain first person; a narrative frame ("I was on my way home when..."); long rambling
  reports with asides and run-on sentences; phone text-speak; capitals; a web form with labelled fields.
- counter and patrol reports: officer prose, terse notes or capitals.
- updates: prose, terse shorthand ("S/W IP, adv re..."), capitals, officers writing in the first person
  ("I attended and spoke to..."), or a mix line by line; now and then a single line in capitals.
"""

import re

from training.generator import words as W
from training.generator.phrasing import (
    add_typos,
    clock,
    drop_punctuation,
    expand,
    officer,
    run_on,
    shorthand,
    tidy,
    to_call_taker,
    to_terse,
    to_textspeak,
)
from training.generator.scenarios.common import (
    CALL,
    CALLSIGNS,
    COUNTER,
    FOLLOW_UP,
    HISTORY,
    NOISE,
    ONLINE,
    PROCEDURE,
    PROCEDURE_DOMESTIC,
    SHARED,
    SHARED_DOMESTIC,
)
from training.generator.scene import add_minutes

_CALL_OPENERS = (
    "CALLER STATES [THAT|]", "RP STATES", "RP REPORTS", "CALLER REPORTING", "[999|101] CALL[ -|:|] ",
    "INFORMANT STATES", "{vgender} CALLER [STATES|REPORTING|]", "CALLER [VERY|] DISTRESSED, STATES",
    "", "", "CALL FROM {phone}:", "REPORT OF", "CALLER [ADVISES|SAYS]", "C/S", "C/S [THAT|]", "CLR STATES",
    "CALLER IS [STATING|SAYING] [THAT|]", "RP RANG IN [TO SAY|STATING]", "[CALLER|RP] ON [999|101] [STATING|"
    "SAYING]", "CALL RECEIVED[ FROM RP|] -", "INF STATES", "[CALLER|RP] [HAS CALLED|RINGING] [TO REPORT|RE]",
)
# Call-handler notes written in mixed case: each sentence may start with its own reporting words.
_HANDLER_CUES = (
    "C/S", "c/s", "Caller states", "Caller states that", "RP states", "CLR states", "Caller advises",
    "Caller reports", "Caller is saying", "Caller says", "Informant states", "RP c/s", "Clr says",
    "RP advises", "C/S that",
)
_HANDLER_LATER_CUES = _HANDLER_CUES + ("States", "Advises", "Also states", "Also c/s", "Further states")
_HANDLER_JOINS = (". ", ". ", " / ", " - ", "\n", ". ")
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
    "[I'm not sure if this is a police matter but|Not sure if this is the right place but|Sorry if this is "
    "the wrong place but] [.|-|]", "[So|Ok so|Right so] basically", "What happened was",
    "I am [reporting|writing] this [myself|on my own behalf][.|:]", "Hi [police|there|all][,|.|]",
)
# "I was ... when" narrative frames for first-person reports of an event (neutral about place).
_NARRATIVE_FRAMES = (
    "I was [just|] [minding my own business|standing there|on the phone|trying to calm things down|sat down|"
    "about to leave|getting the kids ready|looking at my phone] when",
    "[Earlier|{day}] I was [on the phone to my mum|going about my day|about to leave|minding my own business] "
    "when", "It was about {hour} and I was [sat down|about to go to bed|on the phone|minding my own business] "
    "when",
)
_FORM_FIELDS = (
    "Location: [{street}|{addr}|near {street}]", "Date/time: [{when}|{day}|around {hour}]",
    "Is the person known to you: [yes|no|not sure|{known}]", "Any witnesses: [no|not sure|yes, a friend|"
    "don't know]", "Preferred contact: [phone|email|{phone}]", "Reference (if any): [none|n/a|]",
)
_FORM_HEADERS = ("Online report form.", "Web report -", "Report submitted online.", "Single Online Home "
                 "report:", "Online reporting form submitted.", "Online form:")
_FORM_WHAT = ("What happened:", "Details:", "Description of incident:", "Tell us what happened:",
              "Incident details:")
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
    "{t} - ", "{t} >> ", "** {t} ** {off}: ", "@{t} {off} ", "({t}) ", "{t} [FCR|Control room|CAD]: ",
    "Log updated {t} by {off}: ", "{t} [Resp|Response|Attending] officer {off}: ", "{off} @ {t} - ",
    "{t} [Att|Attending] unit: ", "{t}: ",
)
_STATIONS = ("Central", "Northfield", "Lloyd House", "Beaumont Leys", "Euston Street", "Mansfield House",
             "Bloxwich", "Steelhouse Lane", "Wednesfield", "Hinckley")
_SEPARATORS = ("\n", "\n", "\n", " ", "\n\n", " // ", "\n- ", " ** ", "\n\n---\n")
_CALL_REGISTERS, _CALL_REGISTER_W = ("caps", "prose", "handler", "runon", "terse"), (55, 12, 15, 8, 10)
_ONLINE_REGISTERS = ("plain", "narrative", "rambling", "textspeak", "caps", "form")
_ONLINE_REGISTER_W = (40, 15, 15, 10, 8, 12)
_OFFICER_REGISTERS, _OFFICER_REGISTER_W = ("prose", "terse", "caps"), (70, 20, 10)
_UPDATE_REGISTERS = ("prose", "terse", "caps", "first_person", "mixed")
_UPDATE_REGISTER_W = (55, 20, 10, 10, 5)


class WriterStyle:
    """Per-log writing habits: registers, shorthand, typos, punctuation, time format, separators."""

    __slots__ = ("shorthand", "typo", "punct_drop", "clock", "sep", "updates", "officer", "caps_line",
                 "opening")

    def __init__(self, r):
        self.shorthand = r.choice((0.15, 0.35, 0.6, 0.85))
        self.typo = r.choice((0.0, 0.004, 0.01, 0.02, 0.035, 0.05))
        self.punct_drop = r.choice((0.0, 0.0, 0.1, 0.3, 0.6))
        self.clock = r.choices((0, 1, 2, 3, 4, 5, 6, 7), (42, 18, 9, 9, 8, 6, 4, 4))[0]
        self.sep = r.choice(_SEPARATORS)
        self.updates = r.choices(_UPDATE_REGISTERS, _UPDATE_REGISTER_W)[0]
        self.caps_line = 0.08 if r.random() < 0.15 else 0.0
        self.officer = officer(r)
        self.opening = ""


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
    if case.channel == "brief":  # written whole by the scenario (scenarios/brief.py); no updates
        return case.call[0]
    style = WriterStyle(r)
    sc = case.scene
    opening = _opening(case, r, style)
    case.register = f"{case.channel}_{style.opening}"
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
    """The first block, in the channel's register (see the module docstring)."""
    sc, facts = case.scene, list(case.call)
    if len(facts) > 2 and r.random() < 0.35:
        head, tail = facts[:1], facts[1:]
        r.shuffle(tail)
        facts = head + tail
    if case.channel == CALL:
        return _call_opening(case, r, style, facts)
    if case.channel == ONLINE:
        return _online_opening(case, r, style, facts)
    slots = sc.view(r, third_person=True, station=r.choice(_STATIONS))
    openers = _COUNTER_OPENERS if case.channel == COUNTER else _PATROL_OPENERS
    if case.family == "society":  # police-initiated: no one flags officers down
        openers = ("[Self generated|Officer generated|Proactive patrol|Patrol][.|:|-]",)
    opener = expand(openers, r, slots)
    body = _sentences(facts, r, slots)
    text = tidy(opener + " " + _lower_first(body))
    register = r.choices(_OFFICER_REGISTERS, _OFFICER_REGISTER_W)[0]
    style.opening = register
    if register == "terse":
        return to_terse(text, r, 0.6)
    return text.upper() if register == "caps" else text


def _call_opening(case, r, style, facts):
    """A phone call as the call-taker typed it."""
    sc = case.scene
    tails = _CALL_TAILS + _CALL_TAILS_DOMESTIC if case.domestic else _CALL_TAILS
    for _ in range(r.choices((0, 1, 2, 3), (10, 35, 40, 15))[0]):
        facts.append(r.choice(NOISE) if r.random() < 0.3 else r.choice(tails))
    slots = sc.view(r, callsign=r.choice(CALLSIGNS))
    register = r.choices(_CALL_REGISTERS, _CALL_REGISTER_W)[0]
    style.opening = register
    if register == "handler":
        return _handler_notes(facts + case.observations, r, slots, style)
    third = case.hard_case.startswith("third_party") or "caller}" in facts[0]
    opener = expand(_TP_OPENERS if third else _CALL_OPENERS, r, slots).strip()
    body = _sentences(facts + case.observations, r, slots)
    if opener and _starts_like_opener(body):
        opener = ""  # never "CALLER STATES CALLER STATES"
    text = (opener + " " + body) if opener else body
    if register == "runon":
        return to_call_taker(run_on(text), r, style.shorthand)
    if register == "terse":
        return to_terse(tidy(text[:1].upper() + text[1:]), r, 0.7)
    if r.random() < 0.2:
        text = text.replace(". ", ", ")
    if register == "prose":  # some call handlers type ordinary prose, not capitals
        return tidy(text[:1].upper() + text[1:])
    return to_call_taker(text, r, style.shorthand)


def _handler_notes(facts, r, slots, style):
    """Call-handler notes in mixed case: 'C/S her ex turned up. C/S he pushed her. Nil injs.'"""
    out = []
    for i, tpl in enumerate(facts):
        s = expand(tpl, r, slots).strip(" ,.")
        if not s:
            continue
        if i == 0 and not _starts_like_opener(s):
            s = r.choice(_HANDLER_CUES) + " " + _lower_first(s)
        elif i > 0 and r.random() < 0.35 and not s[:12].isupper():
            s = r.choice(_HANDLER_LATER_CUES) + " " + _lower_first(s)
        out.append(s)
    text = tidy(r.choice(_HANDLER_JOINS).join(out)) if out else ""
    return shorthand(text, r, style.shorthand / 2)


def _online_opening(case, r, style, facts):
    """The victim's own online report, in one of the online registers."""
    sc = case.scene
    if r.random() < 0.5:
        facts.append(r.choice(_ONLINE_TAILS))
    if r.random() < 0.55:
        context = _ONLINE_CONTEXT["domestic" if sc.domestic else "other"]
        facts.insert(r.randrange(1, len(facts) + 1), r.choice(context))
    when = sc.when.strftime(r.choice(("%d/%m/%Y", "%A", "%d %B")))
    slots = sc.view(r, when=when, known=r.choice(("no", "no", "not sure")) if sc.relation == "stranger" else "yes")
    register = r.choices(_ONLINE_REGISTERS, _ONLINE_REGISTER_W)[0]
    style.opening = register
    if register == "form":
        fields = r.sample(_FORM_FIELDS, r.choice((1, 2, 3)))
        body = _sentences(facts, r, slots)
        parts = [r.choice(_FORM_HEADERS), r.choice(_FORM_WHAT) + " " + body] + [
            expand(f, r, slots) for f in fields]
        return _agree_first_person(r.choice(("\n", " ", ". ")).join(p.rstrip(".") for p in parts))
    if register == "narrative":
        # "I was ... when my ex pushed me" for an event; "I was ... when I found out that ..." otherwise,
        # so the frame is used by crime and non-crime reports alike.
        first = expand(facts[0], r, slots).strip(" ,.")
        frame = expand(_NARRATIVE_FRAMES, r, slots)
        if first.split(" ", 1)[0] in ("I", "We"):
            frame = frame.rsplit(" when", 1)[0] + " and"  # "I was sat down and I realised I had lost my keys"
        elif not _is_event(first):
            frame += r.choice((" I realised that", " I found out that", " I noticed that", " I saw that"))
        body = _sentences(facts[1:], r, slots)
        text = tidy(frame + " " + _lower_event(first) + ". " + body)
        return _agree_first_person(text)
    opener = expand(_ONLINE_OPENERS, r, slots)
    if register == "rambling":
        body = _ramble(facts, r, slots)
    else:
        body = _sentences(facts, r, slots)
    if opener and not opener.endswith((".", ":", "-")):
        body = _lower_first(body)
    text = _agree_first_person(tidy(opener + " " + body))
    if register == "textspeak":
        return to_textspeak(text, r, 0.7)
    if register == "caps":  # some people type their whole report in capitals
        return text.upper()
    return text


_PAST_EVENT = frozenset(("pushed", "shoved", "punched", "hit", "grabbed", "slapped", "kicked", "spat", "threw",
                         "bit", "headbutted", "took", "stole", "snatched", "smashed", "broke", "touched",
                         "followed", "attacked", "assaulted", "barged", "dragged", "pinned", "put", "poked",
                         "got", "came", "started", "told", "said", "tried", "kept", "walked", "ran", "jumped",
                         "exposed", "filmed", "stroked", "rubbed", "squeezed", "stabbed", "slashed", "cut",
                         "set", "sprayed", "scratched", "keyed", "damaged", "burst", "threatened", "swung",
                         "lunged", "tripped", "knocked", "elbowed", "nudged", "flicked", "stamped"))


def _is_event(sentence):
    """True when a first-person report's first sentence is 'someone/something did ...' in the simple past.

    Crime and non-crime reports both qualify ("my ex pushed me", "my neighbour parked across my drive").
    """
    words = sentence.split(" ", 12)
    if not words or words[0].lower() not in ("my", "a", "an", "two", "someone", "some", "the", "three", "this",
                                             "i", "we", "our", "next", "loud", "there"):
        return False
    low = [w.lower().strip(",") for w in words[1:12]]
    if any(w in ("has", "have", "keeps", "is", "are", "am", "had", "'ve", "wants", "want", "need", "needs",
                 "won't", "will", "would", "can't", "does", "doesn't") for w in low[:8]):
        return False

    def past(word):
        return word in _PAST_EVENT or (len(word) > 4 and word.endswith("ed") and word not in (
            "concerned", "worried", "scared", "aged", "married"))

    if words[0] in ("I", "We"):
        return bool(low) and past(low[0])
    return any(past(w) for w in low[:8])


def _lower_event(sentence):
    """Lower-case the first word of an event sentence placed after a frame ('... when my ex ...')."""
    return sentence if sentence[:2] in ("I ", "I'") else sentence[:1].lower() + sentence[1:]


def _ramble(facts, r, slots):
    """A long first-person report: asides, hedges and sentences run together."""
    pieces = [expand(t, r, slots).strip(" ,.") for t in facts]
    for _ in range(r.choice((1, 2, 2, 3))):
        pieces.insert(r.randrange(0, len(pieces) + 1), expand(W.RAMBLE_FILLERS, r, slots))
    out = []
    for i, piece in enumerate(p for p in pieces if p):
        if r.random() < 0.25:
            piece = r.choice(W.HEDGES) + " " + _lower_first(piece)
        if i and r.random() < 0.55:
            joiner = r.choice(W.RAMBLE_CONNECTORS)
            piece = joiner + (_lower_first(piece) if not joiner.startswith(".") else piece)
        else:
            piece = (". " if i else "") + piece
        out.append(piece)
    return tidy("".join(out) + ".")


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


_FIRST_PERSON_RE = re.compile(r"(^|[.;] )(Attended|Spoke to|Spoke with|Called|Saw|Rang|Tried|Left|Gave|"
                              r"Checked|Advised|Explained|Spoken to|Officers attended|Officers arrived)\b")
_FIRST_PERSON = {"Spoken to": "I have spoken to", "Officers attended": "I attended",
                 "Officers arrived": "I arrived"}
_CO_ATTEND = ("Myself and {off} attended.", "I attended with {off}.", "Attended with {off}.",
              "Myself and colleague attended.", "I attended alone.")


def _first_person(body, r):
    """An officer writing in the first person: 'I attended', 'I spoke to'."""
    body = _FIRST_PERSON_RE.sub(lambda m: m.group(1) + _FIRST_PERSON.get(m.group(2), "I " + m.group(2)[:1].lower()
                                                                          + m.group(2)[1:]), body)
    if r.random() < 0.3:
        body = r.choice(_CO_ATTEND).replace("{off}", officer(r)) + " " + body
    return body


def _update(templates, r, style, sc, t):
    """One timestamped officer update in the log's update register."""
    off = style.officer if r.random() < 0.75 else officer(r)
    head = expand(_UPDATE_FORMS, r, {"t": clock(t, r, style.clock), "off": off})
    body = _sentences([x for x in templates if x], r, sc.view(r, third_person=True,
                                                              callsign=r.choice(CALLSIGNS)))
    if not body:
        return ""
    register = style.updates
    if register == "mixed":
        register = r.choices(_UPDATE_REGISTERS[:4], _UPDATE_REGISTER_W[:4])[0]
    if register == "caps" or (style.caps_line and r.random() < style.caps_line):
        return to_call_taker(head + body, r, style.shorthand / 2)
    if register == "terse":
        return head + to_terse(body, r, 0.65)
    if register == "first_person":
        return head + _first_person(body, r)
    return head + body
