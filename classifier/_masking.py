"""Mask personal data and the force's recording decision in log text, before anything else sees it.

Everything runs as regular expressions on the raw string, so nothing downstream ever holds the
original. Names, old-style plates, street addresses and case-sensitive shorthand are found on the
text as written; the text is then lower-cased and the remaining rules run on it. The rules:

=================  ========================================================  ==================
what               examples                                                  becomes
=================  ========================================================  ==================
decision phrase    crime recorded/raised/created, crimed, not crimed,        ``__decision__``
                   no crime, non-crime, NFA, no further action, no offences
                   disclosed, recorded/closed/filed as, incident closed,
                   closing/outcome code, N100, OEL, HOCR/NCRS, DA flagged
crime reference    CRI/24/046402, CRN 12345678, crime no. 1234/24,           ``__decision__``
                   Niche occurrence 2400012345                               (a crime number
                                                                             exists only once a
                                                                             crime is recorded)
classification     "ABH", "s.47", "common assault", "burglary dwelling"...   absorbed into
next to a          right after a decision phrase ("recorded as ABH") or      ``__decision__``
decision           just before it in the same clause ("ABH - crimed")
URL / email        https://..., jo@example.com, @handle                      ``__url__``,
                                                                             ``__email__``,
                                                                             ``__handle__``
IP address         192.168.0.1                                               ``__ipaddr__``
incident ref       INC-20240312-0042, log 1234 of 12/03, CAD ref 5678        ``__incref__``
PNC ID             12/345678A                                                ``__pnc__``
NI number          AB 12 34 56 C                                             ``__nino__``
card / account     16-digit card, sort code 12-34-56, account no. 12345678   ``__card__``,
                                                                             ``__account__``
date of birth      DOB 12/03/1985, d.o.b. 12.03.85, born on 3 March 1990     ``__dob__``
date               12/03/2024, 12.03.24, 2024-03-12, 12th March 2024, 12/03  ``__date__``
time               14:32, 1432hrs, 2.30pm                                    ``__time__``
phone              07700 900123, 0121 496 0000, +44 (0)20 7946 0000          ``__phone__``
postcode           B23 6AB, SW1A 1AA                                         ``__postcode__``
vehicle reg.       AB12 CDE, A123 BCD, ABC 123D, "VRM: XYZ 123"              ``__vrm__``
street address     12 Acacia Avenue, 3a High Street                          ``__address__``
ethnicity code     IC1 ... IC9                                               ``__ic__``
name               Name: John Smith; Mr/Mrs/PC/DC + name; John SMITH;        ``__name__``
                   SMITH, John; later repeats of a name found this way
long identifier    any word with six or more digits (custody, passport...)   ``__id__``
=================  ========================================================  ==================

Decision rule (for auditors): a decision phrase, a crime reference, and an offence classification
joined to them by separators (space , : ; / - or "as/for/under/of") collapse into one
``__decision__``; a run of decisions joined only by punctuation collapses too, and so do the words
"no/not/non/never" and auxiliaries ("was", "to be") just before it. Replacing one decision
wording by another therefore gives the same masked text.

Known limits: names are found only from the patterns above (no statistical NER is available
offline): a lone forename ("her partner Dave"), names written all in lower case, or
"John Smith" with no title and no capitals-only surname are NOT masked. In text written wholly
in capitals only labelled and titled names are masked. Street addresses need a house number and
a street-type word. Vehicle registrations in the dateless format are masked only after a
keyword (VRM, reg, index, plate).
"""

import re
import unicodedata

from classifier._decisions import CRIME_REF, mask_decisions
from classifier._names import mask_cased
from classifier._rules import find_word, previous_starts, rx, sub_at
from classifier._shorthand import expand_cased, expand_lower, word_set

__all__ = ["PLACEHOLDERS", "mask_text", "normalise_text"]

PLACEHOLDERS = (
    "__decision__", "__crimeref__", "__url__", "__email__", "__handle__", "__ipaddr__",
    "__incref__", "__pnc__", "__nino__", "__card__", "__account__", "__dob__", "__date__",
    "__time__", "__phone__", "__postcode__", "__vrm__", "__address__", "__ic__", "__name__",
    "__id__",
)  # fmt: skip

# Speed note: CPython's regex engine can skip ahead quickly only when a pattern starts with a
# literal or a character class, and it tries a long alternation at every position otherwise.
# So rules start that way, word-boundary checks sit after the first character, rules are skipped
# when a cheap word-set test says they cannot match, and the costliest rules are tried only at
# candidate positions (around decision words and digits) with ``pattern.match``.

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"'})
_SPACES = re.compile(r"[^\S\n]+")
_LINES = re.compile(r" ?\n\s*")
_ODD_ASCII_SPACE = ("  ", "\t", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f")
_HAS_DIGIT = re.compile(r"\d")


def _tidy(text):
    """NFKC-normalise, straighten quotes and collapse whitespace (line breaks are kept)."""
    if not text.isascii():
        if not unicodedata.is_normalized("NFKC", text):
            text = unicodedata.normalize("NFKC", text)
        text = _SPACES.sub(" ", text.translate(_QUOTES))
    elif any(space in text for space in _ODD_ASCII_SPACE):
        text = _SPACES.sub(" ", text)
    if "\n" in text:
        text = _LINES.sub("\n", text)
    return text.strip()


# ---- personal data with a keyword (on lower-case text) -----------------------------------------

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_MONTHS = frozenset(
    "jan january feb february mar march apr april may jun june jul july aug august sep sept"
    " september oct october nov november dec december".split()
)
_DATE = (
    r"(?:\d{4}-\d{2}-\d{2}(?:[t ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:z|[+-]\d{2}:?\d{2})?)?"
    r"|\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})"
    r"|\d{1,2}(?:st|nd|rd|th)? (?:of )?" + _MONTH + r"\.?(?:,? \d{4})?"
    r"|" + _MONTH + r"\.? \d{1,2}(?:st|nd|rd|th)(?:,? \d{4})?|" + _MONTH + r"\.? \d{1,2},? \d{4})\b"
)
_PLATE = (
    r"(?:[a-z]{2}\d{2} ?[a-z]{3}|[a-z]\d{1,3} ?[a-z]{3}|[a-z]{3} ?\d{1,3}[a-z]|[a-z]{1,3} ?\d{1,4}"
    r"|\d{1,4} ?[a-z]{1,3})\b"
)


def _keep(placeholder):
    """Replacement that keeps the named group ``keep`` (a keyword such as "vrm") and masks the rest."""
    return lambda match: match.group("keep") + placeholder


def _words(text):
    """A frozenset of the words in ``text``, as bytes (to compare with ``word_set``)."""
    return frozenset(text.encode().split())


# Each rule is tried only at the whole-word occurrences of its trigger words (and up to
# ``lookback`` words before them): (trigger words, lookback, regex, replacement).
_KEYWORD_RULES = (
    (_words("http https www"), 0, rx(r"\b(?:https?://\S{1,500}|www\.\S{1,500})"), "__url__"),
    (
        _words("log incident inc cad storm ref reference urn job"),
        0,
        rx(r"\b(?:log|incident|inc|cad|storm|ref(?:erence)?|urn|job)\b\.?(?: ?(?:no|number|num|ref"
            r"|reference)\b\.?)? ?[:#/-]? ?(?:[a-z]{1,4}[-/])?\d[\d/-]{2,30}[a-z]?\b"
            r"(?: (?:of|dated|on) \d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?\b)?"),
        "__incref__",
    ),
    (
        _words("sort account acc a/c"),
        0,
        rx(r"(?P<keep>\bsort ?code\b ?[:#-]? ?)\d{2}[- ]?\d{2}[- ]?\d{2}\b"
            r"|(?P<keep2>\b(?:account|acc|a/c)(?: (?:no|number|num)\b\.?)? ?[:#-]? ?)\d{6,10}\b"),
        lambda match: (match.group("keep") or match.group("keep2")) + "__account__",
    ),
    (
        _words("dob d birth born"),
        2,
        rx(r"\b(?:dob|d\.o\.b\.?|date of birth|born(?: on)?) ?[:-]? ?" + _DATE),
        "__dob__",
    ),
    (
        _words("vrm reg registration index plate"),
        1,
        rx(r"(?P<keep>\b(?:vrm|reg(?:istration)?(?: (?:no|number|mark|plate))?\.?|index|(?:number )?plate)"
            r" ?[:#-]? ?)" + _PLATE),
        _keep("__vrm__"),
    ),
)
# E-mail addresses and handles are rare: a plain scan when the text has an "@" is cheap enough.
_AT_RULES = (
    # Runs joined by "@" are taken whole ("a@b.c@d.e"), so no "@" is left to pair with later.
    (rx(r"[\w.+-]{1,64}@[\w-]{1,63}(?:[.@][\w-]{1,63}){1,8}"), "__email__"),
    (rx(r"@(?<![\w@]@)[a-z0-9_.]{2,30}"), "__handle__"),
)


def _mask_keywords(low, words):
    """Apply the keyword rules at the occurrences of their trigger words."""
    if "@" in low:
        for pattern, replacement in _AT_RULES:
            low = pattern.sub(replacement, low)
    for triggers, lookback, pattern, replacement in _KEYWORD_RULES:
        present = triggers & words
        # A trigger with "/" ("a/c") is not in the word set, which splits on "/".
        if "/" in low:
            present |= {word for word in triggers - words if b"/" in word and word.decode() in low}
        if not present:
            continue
        starts = set()
        for word in present:
            for index in find_word(low, word.decode()):
                starts.add(index)
                starts.update(previous_starts(low, index, lookback))
        low = sub_at(pattern, low, starts, replacement)
    return low


# ---- personal data anchored on digits (on lower-case text) --------------------------------------


def _phone(match):
    """Mask a candidate phone number only when it has the digit count of a UK number."""
    digits = re.sub(r"\D", "", match.group(0).replace("(0)", ""))
    if digits.startswith("0044"):
        digits = "0" + digits[4:]
    elif digits.startswith("44"):
        digits = "0" + digits[2:]
    return "__phone__" if digits.startswith("0") and len(digits) in (10, 11) else match.group(0)


def _postcode(match):
    """Mask a candidate postcode unless its inward part is an ordinal such as "1st"."""
    return match.group(0) if match.group(0)[-2:] in ("st", "nd", "rd", "th") else "__postcode__"


def _long_id(match):
    """Mask a word carrying six or more digits (custody, passport, licence numbers...)."""
    word = match.group(0)
    return "__id__" if sum(char.isdigit() for char in word) >= 6 else word


_DIGIT_RULES = (
    ("ipaddr", r"(?:\d{1,3}\.){3}\d{1,3}\b", "__ipaddr__"),
    ("pnc", r"\d{2,4}/\d{5,7}[a-z]\b", "__pnc__"),
    ("card", r"(?:\d[ -]?){12,18}\d\b", "__card__"),
    ("date", _DATE + r"|\d{2}/\d{2}\b(?![/\d])", "__date__"),
    (
        "time",
        r"(?:[01]?\d|2[0-3])[:.][0-5]\d(?:[:.][0-5]\d)? ?(?:hrs|hours|am|pm)\b"
        r"|(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?\b|(?:[01]\d|2[0-3])[0-5]\d ?(?:hrs|hours)\b"
        r"|(?:1[0-2]|0?\d) ?(?:am|pm)\b",
        "__time__",
    ),
    ("phone", r"(?:(?:\+|00)44[\s-]?(?:\(0\)[\s-]?)?|\(?0)(?:\d[\s\-()]?){8,11}\d(?!\w)", _phone),
    ("nino", r"[a-ceghj-pr-tw-z]{2} ?\d{2} ?\d{2} ?\d{2} ?[a-d]\b", "__nino__"),
    ("postcode", r"(?:[a-z]{1,2}\d[a-z\d]?|gir) ?\d[a-z]{2}\b", _postcode),
    ("vrm", r"[a-z]{2}\d{2} ?[a-z]{3}\b", "__vrm__"),
    ("ic", r"ic ?\d\b", "__ic__"),
    ("id", r"[a-z]{0,30}\d[a-z0-9]{0,40}\b", _long_id),
)
_DIGITS = rx("|".join(f"(?P<{name}>{pattern})" for name, pattern, _ in _DIGIT_RULES))
_DIGIT_REPLACEMENTS = {name: replacement for name, _, replacement in _DIGIT_RULES}
_DIGIT_RUN = re.compile(r"\d+")


def _digit_starts(low, index):
    """Where a digit-anchored rule may start for the digits at ``index`` (earliest first)."""
    start = index
    while start > 0 and start > index - 30 and low[start - 1].isalnum():
        start -= 1
    starts = [start]
    if start and low[start - 1] in "+(":
        starts.insert(0, start - 1)
    before = previous_starts(low, start, 1)
    # "ab 12 34 56 c", "ic 1", "b23 6ab" and "march 12th" begin one short word earlier.
    previous = low[before[0] : start] if before else ""
    if previous.strip(" ") and (len(previous) <= 5 or previous.rstrip(" .,") in _MONTHS):
        starts.insert(0, before[0])
    return starts


def _mask_digits(low):
    """Apply the digit-anchored rules, trying them only where the digits are."""
    out, pos = [], 0
    for run in _DIGIT_RUN.finditer(low):
        if run.start() < pos:
            continue
        for start in _digit_starts(low, run.start()):
            if start < pos:
                continue
            match = _DIGITS.match(low, start)
            if match and match.end() > run.start():
                replacement = _DIGIT_REPLACEMENTS[match.lastgroup]
                out += (low[pos:start], replacement if isinstance(replacement, str) else replacement(match))
                pos = match.end()
                break
    if not out:
        return low
    out.append(low[pos:])
    return "".join(out)


# ---- the whole procedure --------------------------------------------------------------------


def _mask_lower(low, words, decisions):
    """The rules that run on lower-case text: decisions, keyword rules, digit rules."""
    low = mask_decisions(low, words) if decisions else CRIME_REF.sub("__crimeref__", low)
    low = _mask_keywords(low, words)
    return _mask_digits(low) if _HAS_DIGIT.search(low) else low


def _normalise(text, decisions, shorthand):
    """Tidy, mask the cased rules, expand shorthand (optional), then mask the lower-case rules.

    Shorthand is expanded before the lower-case rules so that an expansion which separates glued
    characters ("s47/03" -> "section 47/03") is masked in the same pass: normalising twice then
    changes nothing.
    """
    text = mask_cased(_tidy(text))
    if shorthand:
        text = expand_cased(text)
    low = text.lower()
    words = word_set(low)
    if shorthand:
        expanded = expand_lower(low, words)
        if expanded != low:
            low, words = expanded, word_set(expanded)
    return _tidy(_mask_lower(low, words, decisions))


def mask_text(text, *, decisions=True):
    """Mask personal data (and, by default, recording decisions) in one log text.

    Parameters
    ----------
    text : str
        Raw log text.
    decisions : bool, default=True
        Also mask recording decisions and crime references as ``__decision__``. When False, crime
        references are still masked, as ``__crimeref__``.

    Returns
    -------
    str
        Lower-case text with placeholders in place of personal data.

    Examples
    --------
    >>> mask_text("Call from 07700 900123 re John SMITH, DOB 12/03/1985. Crime recorded CRI/24/046402 ABH.")
    'call from __phone__ re __name__, __dob__. __decision__.'
    """
    return _normalise(text, decisions, shorthand=False)


def normalise_text(text, *, decisions=True):
    """Mask, expand shorthand and lower-case one log text: the surface every feature starts from.

    Parameters
    ----------
    text : str
        Raw log text.
    decisions : bool, default=True
        Mask recording decisions too (see ``mask_text``).

    Returns
    -------
    str
        Lower-case text with placeholders and expanded shorthand. Normalising the result again
        returns it unchanged.

    Examples
    --------
    >>> normalise_text("IP c/o pain, tel 07700 900123. NFA.")
    'injured party complains of pain, telephone __phone__. __decision__.'
    """
    return _normalise(text, decisions, shorthand=True)
