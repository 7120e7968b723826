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
                   Niche occurrence 2400012345; after a decision phrase,     (a crime number
                   a bare or labelled number with a run of 5+ digits:        exists only once a
                   "crime created 37/750558/18", "crimed under ref           crime is recorded)
                   21/488406/18", "crime number is 18/123456"
classification     "ABH", "s.47", "common assault", "burglary dwelling"...   absorbed into
next to a          right after a decision phrase or crime reference          ``__decision__``
decision           ("recorded as ABH", "CRI/24/046402 (ABH)") or just
                   before it in the same clause ("ABH - crimed")
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
joined to them by separators (space , : ; / - or "as/for/under/of"), or in brackets after them,
collapse into one ``__decision__``; a run of decisions joined only by punctuation collapses too,
and so do the words "no/not/non/never" and auxiliaries ("was", "to be") just before it.
Replacing one decision wording by another therefore gives the same masked text. A number after a
decision phrase is taken for a crime reference only when it has a run of five or more digits, so
dates and times ("NFA 12/03/2024 at 14:32") keep their own placeholders.

Known limits: names are found only from the patterns above (no statistical NER is available
offline): a lone forename ("her partner Dave"), names written all in lower case, or
"John Smith" with no title and no capitals-only surname are NOT masked. In text written wholly
in capitals only labelled and titled names are masked. Street addresses need a house number and
a street-type word. Vehicle registrations in the dateless format are masked only after a
keyword (VRM, reg, index, plate).
"""

import re
import unicodedata
from itertools import islice

from classifier.text.decisions import CRIME_REF, DECISION_WORDS, mask_decisions
from classifier.text.digits import DATE, mask_digits
from classifier.text.names import mask_cased
from classifier.text.rules import find_word, previous_starts, rx, sub_at
from classifier.text.shorthand import (
    expand_cased,
    expand_lower_words,
    load_shorthand,
    shorthand_words,
    word_set,
)

__all__ = ["PLACEHOLDERS", "mask_text", "normalise_text", "normalise_texts"]

PLACEHOLDERS = (
    "__decision__", "__crimeref__", "__url__", "__email__", "__handle__", "__ipaddr__",
    "__incref__", "__pnc__", "__nino__", "__card__", "__account__", "__dob__", "__date__",
    "__time__", "__phone__", "__postcode__", "__vrm__", "__address__", "__ic__", "__name__",
    "__id__",
)  # fmt: skip

# Speed note: CPython's regex engine can skip ahead quickly only when a pattern starts with a
# literal or a character class, and it tries a long alternation at every position otherwise.
# So rules start that way, word-boundary checks sit after the first character, rules are skipped
# when a cheap test says they cannot match (a word set, "no digit in the text"), and the costliest
# rules are tried only at candidate positions (around decision words, digits, "/" and "@") with
# ``pattern.match``. Each shortcut gives exactly what the plain rule gives (tests compare them).
# Running one rule over many texts before the next is faster again: see ``normalise_texts``.

_QUOTES_FOUND = "‘’‚‛“”„"
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"'})
# A run of horizontal spaces other than one plain " " (a lone " " is left as it is, which is faster).
_SPACES = re.compile(r"[^\S\n](?:(?<! )[^\S\n]*|[^\S\n]+)")
_ODD_ASCII_SPACES = b"\t\r\x0b\x0c\x1c\x1d\x1e\x1f"
_DIGIT = re.compile(r"\d")


def _has_odd_space(text):
    """True when ASCII ``text`` holds a space other than " " and the line break."""
    data = text.encode("ascii")
    return len(data.translate(None, _ODD_ASCII_SPACES)) != len(data)


def _has_digit(text):
    """True when ``text`` holds a digit (``\\d``); fast for ASCII text."""
    if text.isascii():
        data = text.encode("ascii")
        return len(data.translate(None, b"0123456789")) != len(data)
    return _DIGIT.search(text) is not None


def _tidy(text):
    """NFKC-normalise, straighten quotes and collapse whitespace (line breaks are kept).

    Every run of spaces becomes one " ", and every run of spaces holding a line break becomes
    one line break.
    """
    if not text.isascii():
        if not unicodedata.is_normalized("NFKC", text):
            text = unicodedata.normalize("NFKC", text)
        if any(quote in text for quote in _QUOTES_FOUND):
            text = text.translate(_QUOTES)
        text = _SPACES.sub(" ", text)
    elif "  " in text or _has_odd_space(text):
        text = _SPACES.sub(" ", text)
    if "\n" in text:
        # Only single " " and line breaks are left: drop spaces at the ends of lines, and empty lines.
        lines = [line.strip(" ") for line in text.split("\n")]
        text = "\n".join([line for line in lines if line])
    return text.strip()


# ---- personal data with a keyword (on lower-case text) -----------------------------------------

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
        rx(r"\b(?:dob|d\.o\.b\.?|date of birth|born(?: on)?) ?[:-]? ?" + DATE),
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
# E-mail addresses and handles are rare: they are looked for only when the text has an "@".
# Runs joined by "@" are taken whole ("a@b.c@d.e"), so no "@" is left to pair with later.
_EMAIL = rx(r"[\w.+-]{1,64}@[\w-]{1,63}(?:[.@][\w-]{1,63}){1,8}")
_HANDLE = rx(r"@(?<![\w@]@)[a-z0-9_.]{2,30}")
_TRIGGERS = frozenset().union(*(triggers for triggers, _, _, _ in _KEYWORD_RULES))
_TRIGGER_TEXT = {word: word.decode() for word in _TRIGGERS}
# A trigger with "/" ("a/c") is not in the word set, which splits on "/": looked for in the text.
_SLASH_TRIGGERS = tuple(
    tuple(word.decode() for word in triggers if b"/" in word) for triggers, _, _, _ in _KEYWORD_RULES
)


def _mask_emails(low):
    """``_EMAIL.sub("__email__", low)``, tried only where an address can start.

    An address starts at the longest run of name characters (at most 64) just before its "@": a
    plain scan would try the name part again at every one of its characters.
    """
    out, pos, at = [], 0, low.find("@")
    while at >= 0:
        start, limit = at, max(pos, at - 64)
        while start > limit and (low[start - 1].isalnum() or low[start - 1] in "_.+-"):
            start -= 1
        match = _EMAIL.match(low, start) if start < at else None
        if match:
            out += (low[pos:start], "__email__")
            pos = match.end()
            at = low.find("@", pos)
        else:
            at = low.find("@", at + 1)
    if not out:
        return low
    out.append(low[pos:])
    return "".join(out)


def _mask_keywords(low, words):
    """Apply the keyword rules at the occurrences of their trigger words."""
    if "@" in low:
        low = _HANDLE.sub("__handle__", _mask_emails(low))
    slash = "/" in low
    if words.isdisjoint(_TRIGGERS) and not slash:
        return low
    for (triggers, lookback, pattern, replacement), slash_triggers in zip(_KEYWORD_RULES, _SLASH_TRIGGERS):
        present = [_TRIGGER_TEXT[word] for word in triggers & words]
        if slash and slash_triggers:
            present += [word for word in slash_triggers if word in low]
        if not present:
            continue
        starts = set()
        for word in present:
            for index in find_word(low, word):
                starts.add(index)
                if lookback:
                    starts.update(previous_starts(low, index, lookback))
        low = sub_at(pattern, low, starts, replacement)
    return low


# ---- the whole procedure --------------------------------------------------------------------


def _mask_lower(low, words, decisions, digits):
    """The rules that run on lower-case text: decisions, keyword rules, digit rules (if ``digits``)."""
    low = mask_decisions(low, words) if decisions else CRIME_REF.sub("__crimeref__", low)
    low = _mask_keywords(low, words)
    return mask_digits(low) if digits else low


# Expansions hold digits only for section numbers ("s.47"), which are digits already.
_EXPANSIONS_ADD_DIGITS = any(
    _DIGIT.search(expansion) for short, expansion, _ in load_shorthand() if not re.match(r"s\.\d", short.lower())
)
# Every word the lower-case rules ask the word set about: the others need not be kept.
_VOCABULARY = DECISION_WORDS | shorthand_words() | _TRIGGERS
# Texts normalised together by ``normalise_texts``: enough for each rule to stay in the caches.
_CHUNK = 256


def _normalise(text, decisions, shorthand):
    """Tidy, mask the cased rules, expand shorthand (optional), then mask the lower-case rules.

    Shorthand is expanded before the lower-case rules so that an expansion which separates glued
    characters ("s47/03" -> "section 47/03") is masked in the same pass: normalising twice then
    changes nothing.
    """
    text = _tidy(text)
    # Every address and digit rule needs a digit, and masking never adds one.
    digits = _has_digit(text)
    text = mask_cased(text, addresses=digits)
    if shorthand:
        text = expand_cased(text)
    low = text.lower()
    words = word_set(low, _VOCABULARY)
    if shorthand:
        low, words = expand_lower_words(low, words, _VOCABULARY)
    return _tidy(_mask_lower(low, words, decisions, digits or (shorthand and _EXPANSIONS_ADD_DIGITS)))


def _normalise_chunk(texts, decisions, shorthand):
    """``_normalise`` for a list of texts, one step at a time over the whole list.

    The steps are those of ``_normalise``, in the same order; running each over many texts before
    the next keeps the regular expressions and code of one step hot in the processor's caches.
    """
    texts = [_tidy(text) for text in texts]
    digits = [_has_digit(text) for text in texts]
    texts = [mask_cased(text, addresses=digit) for text, digit in zip(texts, digits)]
    if shorthand:
        texts = [expand_cased(text) for text in texts]
    lows = [text.lower() for text in texts]
    words = [word_set(low, _VOCABULARY) for low in lows]
    if shorthand:
        pairs = [expand_lower_words(low, found, _VOCABULARY) for low, found in zip(lows, words)]
        lows, words = [low for low, _ in pairs], [found for _, found in pairs]
    if decisions:
        lows = [mask_decisions(low, found) for low, found in zip(lows, words)]
    else:
        lows = [CRIME_REF.sub("__crimeref__", low) for low in lows]
    lows = [_mask_keywords(low, found) for low, found in zip(lows, words)]
    if shorthand and _EXPANSIONS_ADD_DIGITS:
        digits = [True] * len(lows)
    lows = [mask_digits(low) if digit else low for low, digit in zip(lows, digits)]
    return [_tidy(low) for low in lows]


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


def normalise_texts(texts, *, decisions=True):
    """``normalise_text`` for many texts: the same results, faster than one call per text.

    Each step runs over a few hundred texts before the next step starts, which keeps that step's
    rules in the processor's caches (about 1.3 times faster than calling ``normalise_text`` in a
    loop, on logs of 60-150 words).

    Parameters
    ----------
    texts : iterable of str
        Raw log texts.
    decisions : bool, default=True
        Mask recording decisions too (see ``mask_text``).

    Returns
    -------
    list of str
        ``[normalise_text(text, decisions=decisions) for text in texts]``.

    Examples
    --------
    >>> normalise_texts(["IP c/o pain. NFA.", "Tel 07700 900123"])
    ['injured party complains of pain. __decision__.', 'telephone __phone__']
    """
    texts, out = iter(texts), []
    while chunk := list(islice(texts, _CHUNK)):
        out += _normalise_chunk(chunk, decisions, shorthand=True)
    return out
