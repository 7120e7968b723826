"""Mask personal data anchored on digits in lower-case log text: dates, times, phones, ids...

The rules are listed in ``_masking``'s docstring. They are tried only where the digits are, so
that the regular expressions never run over the whole text.
"""

import re

from classifier.text.rules import replace_matches, rx

__all__ = ["DATE", "mask_digits"]

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_MONTHS = frozenset(
    "jan january feb february mar march apr april may jun june jul july aug august sep sept"
    " september oct october nov november dec december".split()
)
DATE = (
    r"(?:\d{4}-\d{2}-\d{2}(?:[t ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:z|[+-]\d{2}:?\d{2})?)?"
    r"|\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})"
    r"|\d{1,2}(?:st|nd|rd|th)? (?:of )?" + _MONTH + r"\.?(?:,? \d{4})?"
    r"|" + _MONTH + r"\.? \d{1,2}(?:st|nd|rd|th)(?:,? \d{4})?|" + _MONTH + r"\.? \d{1,2},? \d{4})\b"
)


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
    if len(word) < 6:  # most words with digits are short: "pc 9504", "x2"
        return word
    return "__id__" if sum(char.isdigit() for char in word) >= 6 else word


_DIGIT_RULES = (
    ("ipaddr", r"(?:\d{1,3}\.){3}\d{1,3}\b", "__ipaddr__"),
    ("pnc", r"\d{2,4}/\d{5,7}[a-z]\b", "__pnc__"),
    ("card", r"(?:\d[ -]?){12,18}\d\b", "__card__"),
    ("date", DATE + r"|\d{2}/\d{2}\b(?![/\d])", "__date__"),
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
_ASCII_DIGIT_RUN = re.compile(r"[0-9]+")  # the same in ASCII text, and faster to look for
_NINO = rx("(?P<nino>" + dict((name, pattern) for name, pattern, _ in _DIGIT_RULES)["nino"] + ")")
# Plain words that a digit rule can start with: months ("march 12th"), "ic 1" and "gir 0aa".
_LETTER_STARTS = _MONTHS | {"ic", "gir"}


def _match_before(low, before, start):
    """``_DIGITS.match(low, before)`` for the word before a word with digits, which ends at ``start``.

    When that word is plain letters and a space ("pc 1234", "on 12"), only a date (after a month),
    "ic 1", "gir 0aa" and, after two letters, an NI number can start there: the other words need
    no regex at all.
    """
    letters = low[before : start - 1]
    if low[start - 1] != " " or not (letters.isascii() and letters.isalpha()) or letters in _LETTER_STARTS:
        return _DIGITS.match(low, before)
    return _NINO.match(low, before) if len(letters) == 2 else None


def mask_digits(low):
    """Apply the digit-anchored rules, trying them only where the digits are.

    For each run of digits not yet masked, the rules are tried, earliest first, at: the previous
    word on the line when that word is short or a month ("ab 12 34 56 c", "ic 1", "b23 6ab",
    "march 12th"); a "+" or "(" just before the word holding the digits; the start of that word
    (at most 30 characters back). The first match that reaches the digits is taken.

    Examples
    --------
    >>> mask_digits("call 07700 900123 at 14:32, pc 4567, dob 12/03/1985")
    'call __phone__ at __time__, pc 4567, dob __date__'
    """
    matches, pos = [], 0
    for run in (_ASCII_DIGIT_RUN if low.isascii() else _DIGIT_RUN).finditer(low):
        if run.start() >= pos:
            match = _match_reaching(low, run.start(), pos)
            if match:
                matches.append(match)
                pos = match.end()
    return replace_matches(low, matches, _replacement)


def _replacement(match):
    """The placeholder (or kept text) for one digit-rule match."""
    replacement = _DIGIT_REPLACEMENTS[match.lastgroup]
    return replacement if isinstance(replacement, str) else replacement(match)


def _match_reaching(low, index, pos):
    """The first digit-rule match starting at or after ``pos`` that reaches the digits at ``index``.

    Tried in order: at the previous word, after a "+" or "(", at the start of the word holding
    the digits (see ``mask_digits``).
    """
    start = _word_start(low, index)
    if start > pos:
        match = _previous_word_match(low, start, pos)
        if match and match.end() > index:
            return match
        if low[start - 1] in "+(":
            match = _DIGITS.match(low, start - 1)
            if match and match.end() > index:
                return match
    if start >= pos:
        match = _DIGITS.match(low, start)
        if match and match.end() > index:
            return match
    return None


def _word_start(low, index):
    """Where the word holding the digits at ``index`` starts (at most 30 characters back)."""
    start = index
    if index and low[index - 1].isalnum():
        limit = max(index - 30, 0)
        while start > limit and low[start - 1].isalnum():
            start -= 1
    return start


def _previous_word_match(low, start, pos):
    """A match at the previous word on the line, when it is short or a month; else None."""
    line_start = low.rfind("\n", 0, start) + 1
    if start <= line_start:
        return None
    # The previous space-separated word, from its first letter or digit ("(crime").
    before = low.rfind(" ", line_start, start - 1) + 1 or line_start
    while before < start and not low[before].isalnum():
        before += 1
    if before < start and before >= pos and (start - before <= 5 or low[before:start].rstrip(" .,") in _MONTHS):
        return _match_before(low, before, start)
    return None
