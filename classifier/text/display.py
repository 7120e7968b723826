"""Masking for what people see: report excerpts, triage CSVs. Recall first, original case kept.

``mask_for_display`` runs the display rules below on the text as written, then the model's own
masking (``classifier.text.masking.mask_text``), and gives the result back in the log's own
capitals: the lower-case masked text is aligned with the original and every character that the
masking kept takes its original case. Its lower-case form is always exactly the masked text, so
the alignment can never bring back a masked character.

The display rules add what the model's masking leaves (it must stay stable for trained models):

- names after contact verbs and roles, in any case: "spoke with paige", "SPOKE WITH PAIGE",
  "informed Dave", "victim Sophie Fletcher", "her partner dave", "the suspect, Tom";
- titles in any case: "mr smith", "MRS JONES", "pc 1234 evans";
- street names with or without a house number, in any case: "12 elm road", "on Gravelly Lane";
- house and flat numbers: "number 12", "no. 12a", "flat 3".

A word after a cue is taken for a name unless it is a common English word (the frequency table
in ``resources/common_words.txt``, from spaCy's English lexeme probabilities) or police shorthand.
Recall on planted names and addresses is measured by ``benchmarks/masking_recall.py`` and stated
in the report (``resources/masking_recall.json``).
"""

import difflib
import functools
import json
import re
from importlib import resources

from classifier.text.masking import mask_text

__all__ = ["PLACEHOLDER_MEANINGS", "mask_for_display", "masking_recall"]

PLACEHOLDER_MEANINGS = {
    "__name__": "a person's name", "__address__": "a street address or house number",
    "__phone__": "a phone number", "__email__": "an e-mail address", "__postcode__": "a postcode",
    "__vrm__": "a vehicle registration", "__date__": "a date", "__time__": "a time",
    "__dob__": "a date of birth", "__crimeref__": "a crime reference number", "__incref__": "an incident reference",
    "__id__": "a long identifier (custody, passport ...)", "__url__": "a web address",
    "__handle__": "a social-media handle", "__pnc__": "a PNC ID", "__nino__": "a National Insurance number",
    "__card__": "a card number", "__account__": "a bank account or sort code", "__ipaddr__": "an IP address",
    "__ic__": "an ethnicity code", "__decision__": "the force's recording decision",
}

_CONTACT = (
    r"(?:spoke|speak|speaking|spoken|talked|talking|chatted|chatting|dealt|sat|stayed|met up|left|went|was|is"
    r"|argued|arguing|fighting|fought|living|lives|staying)\s+(?:with|to)"
    r"|(?:contacted|called|phoned|rang|visited|met|saw|seen|interviewed|arrested|informed|told|advised|asked"
    r"|reassured|updated|emailed|texted|messaged|tasked|transported|detained|cautioned|warned|assaulted|punched"
    r"|hit|kicked|slapped|pushed|attacked|threatened|harassed|stalked|named|identified|known as|aka|called"
    r"|name|names|surname|forename|full name|nickname)"
)
_ROLES = (
    r"victim|suspect|caller|informant|witness|ip|rp|ap|ipp|sus|susp|vic|complainant|offender|occupant|resident"
    r"|owner|tenant|landlord|landlady|neighbour|friend|colleague|manager|mother|mum|mom|father|dad|son|daughter"
    r"|brother|sister|partner|ex-partner|ex|boyfriend|girlfriend|husband|wife|fiance|fiancee|grandmother|nan|nanna"
    r"|grandma|grandad|grandfather|uncle|aunt|auntie|cousin|niece|nephew|stepfather|stepdad|stepmother|stepmum"
    r"|carer|child|baby|toddler|pupil|student|teacher|male|female|man|woman|lady|boy|girl|youth|driver|staff member"
    r"|security guard|officer|pc|pcso|dc|ps|sgt"
)
_TITLES = r"mr|mrs|ms|miss|mx|dr|mister|pc|dc|ps|ds|di|dci|sgt|sergeant|insp|inspector|pcso|constable|detective"
_NAME = r"[A-Za-z][A-Za-z'-]{1,30}"
_CUE = re.compile(
    r"\b(?:(?:" + _CONTACT + r")|(?:(?:his|her|their|my|the|our|your|a|named|called)\s+)?(?:" + _ROLES
    + r"))(?:\s*(?:,|-|:)\s*|\s+(?:is|was|named|called|known as|aka)\s+|\s+)"
    r"(?P<name>" + _NAME + r"(?:\s+" + _NAME + r"){0,2})",
    re.IGNORECASE,
)
_TITLED = re.compile(r"\b(?:" + _TITLES + r")\.?\s+(?:\d{2,6}\s+)?(?P<name>" + _NAME + r"(?:\s+" + _NAME + r")?)",
                     re.IGNORECASE)
_STREET_TYPES = (
    r"road|rd|street|st|avenue|ave|lane|ln|close|drive|dr|way|court|ct|crescent|cres|place|pl|gardens|gdns"
    r"|terrace|grove|hill|park|walk|view|rise|mews|square|sq|row|green|parade|vale|croft|approach|gate"
    r"|boulevard|wharf|quay"
)
_STREET = re.compile(
    r"\b(?:(?:flat|apartment|apt|unit)\s+\d+[a-z]?,?\s+)?(?:\d{1,4}[a-z]?,?\s+)?(?P<words>(?:[A-Za-z][A-Za-z'-]{1,30}\s+){1,3})"
    r"(?:" + _STREET_TYPES + r")\b(?!\s+(?:" + _STREET_TYPES + r")\b)",
    re.IGNORECASE,
)
_HOUSE_NUMBER = re.compile(r"\b(?:house\s+number|number|no\.?|flat|apartment|apt|unit)\s*\d{1,4}[a-z]?\b",
                           re.IGNORECASE)
# Words that end a name: after a first name word is taken, the next word is taken too (a surname
# such as "White" or "Grant" is also a common word) unless it is one of these.
_AFTER_NAME = frozenset(
    "at on in to from with by of and or but is was are were has had have who whom which that this states "
    "stated says said reports reported told tells called rang phoned came went left arrived attended "
    "lives lived living wants wanted does did do not no will would can could should may might has "
    "she he they it her his their him them there here then when while whilst as re regarding about "
    "because so if into onto out up down over after before again also only just still now today "
    "yesterday tonight last this that the a an being been be under for via near outside inside "
    "confirmed advised asked explained admitted denied refused declined agreed".split()
)
_POLICE_WORDS = frozenset(
    "police control officers officer ambulance paramedics staff security council housing social services "
    "victim suspect caller informant witness male female the".split()
)
# Words that may stand before a street type without being part of a street's name ("down the road").
_NOT_STREET = frozenset(
    "the a an this that his her their my our your its down up along across same main busy side back front "
    "private public dual slip ring long quiet other next end of on in at to from by near off into onto via "
    "and or towards toward past round around over under behind opposite".split()
)


@functools.lru_cache(maxsize=1)
def _common_words():
    """Common English words and police shorthand: a word after a cue that is one of these is no name."""
    text = resources.files("classifier.text").joinpath("resources", "common_words.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def _name_words(words, *, titled=False):
    """The leading words of a candidate that look like a name, or [].

    The first word is a name unless it is a common word (a title makes it a name anyway, and so
    does a rare word after it: "mark dyer"); later words are taken until one of ``_AFTER_NAME``.
    """
    common = _common_words()
    parts = re.split(r"\s+", words)
    plains = [part.lower().strip("'-") for part in parts]
    first_is_name = plains[0] not in _AFTER_NAME and (
        titled or plains[0] not in common or _looks_like_a_name(parts[0], plains[0])
        or (len(parts) > 1 and plains[1] not in common and plains[1] not in _AFTER_NAME))
    if not first_is_name:
        return []
    taken = [parts[0]]
    for part, plain in zip(parts[1:], plains[1:]):
        # A common word that looks like a verb ("kicked", "shouting", "says") ends the name; others
        # may be surnames ("White", "Grant").
        if plain in _AFTER_NAME or (plain in common and plain.endswith(("ed", "ing", "s"))):
            break
        taken.append(part)
    return taken


def _looks_like_a_name(word, plain):
    """A capitalised common word after a cue ("spoke with Mark") is a name, unless a police word."""
    return word[:1].isupper() and word[1:].islower() and plain not in _AFTER_NAME and plain not in _POLICE_WORDS


def _mask_cued(match, *, titled=False):
    """Replace the name part of a cue match, keeping the cue and any common words after the name."""
    start, end = match.span("name")
    taken = _name_words(match.group("name"), titled=titled)
    if not taken:
        return match.group(0)
    rest = match.group("name")[len(" ".join(taken)):] if match.group("name").startswith(" ".join(taken)) else ""
    return match.string[match.start():start] + "__name__" + rest + match.string[end:match.end()]


def _mask_street(match):
    """``__address__`` for a street name (and its number); ordinary words before it are kept.

    The street's name is the words after the last ordinary word: "lives on Gravelly Lane" keeps
    "lives on", and "down the road" has no name at all.
    """
    words = match.group("words").split()
    ordinary = [i for i, word in enumerate(words) if word.lower() in _NOT_STREET]
    if not ordinary:
        return "__address__"
    if ordinary[-1] == len(words) - 1:
        return match.group(0)
    text, offset = match.group(0), match.start("words") - match.start()
    for word in words[:ordinary[-1] + 1]:
        offset = text.index(word, offset) + len(word)
    return text[:offset] + " __address__"


def _display_rules(text):
    """Apply the display-only rules (names after cues and titles, streets, house numbers)."""
    text = _STREET.sub(_mask_street, text)
    text = _HOUSE_NUMBER.sub("__address__", text)
    text = _TITLED.sub(functools.partial(_mask_cued, titled=True), text)
    return _CUE.sub(_mask_cued, text)


def _restore_case(original, masked):
    """``masked`` (lower case) with every character aligned to ``original`` given its original case."""
    lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in original)
    matcher = difflib.SequenceMatcher(None, lowered, masked, autojunk=False)
    parts = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        parts.append(original[i1:i2] if tag == "equal" else masked[j1:j2])
    return "".join(parts)


def mask_for_display(text):
    """Mask personal data in log text for people to read, keeping the log's own capitals.

    Parameters
    ----------
    text : str

    Returns
    -------
    str
        The text with placeholders (``PLACEHOLDER_MEANINGS``) in place of personal data; recording
        decisions are kept, because the reader needs them.

    Examples
    --------
    >>> mask_for_display("SPOKE WITH PAIGE at 4 Elm Road, her partner dave was arrested. Crime raised.")
    'SPOKE WITH __name__ at __address__, her partner __name__ was arrested. Crime raised.'
    """
    shown = _display_rules(str(text))
    return _restore_case(shown, mask_text(shown, decisions=False))


@functools.lru_cache(maxsize=1)
def masking_recall():
    """The measured recall of display masking (``benchmarks/masking_recall.py``), or None if not measured."""
    try:
        text = resources.files("classifier.text").joinpath("resources", "masking_recall.json").read_text("utf-8")
        return json.loads(text)
    except (OSError, ValueError):
        return None
