"""Expand police-log shorthand (IP, c/o, o/s, BWV, s.47, ...) into plain English.

The table lives in ``resources/shorthand.tsv`` so an auditor can read and extend it without touching
code. Case-sensitive entries (``IP``, ``DA``) are expanded on the original text, so they do not fire
on ordinary lower-case words; the others are expanded on the lower-cased, masked text.
"""

import re
from functools import lru_cache
from importlib import resources

__all__ = ["SHORTHAND_RESOURCE", "expand_cased", "expand_lower", "expand_shorthand", "load_shorthand"]

SHORTHAND_RESOURCE = "shorthand.tsv"

# "s.47", "s47", "s. 47", "sec 47", "sect. 47" and "section 47" all name the same section. A bare
# "s 47" (space, no dot) is not taken: "he's 47" would otherwise become a section number.
_SECTION_PREFIX = r"(?<![\w'])(?:section ?|sect?\.? ?|s\. ?|s(?=\d))"
_SECTION_GATE = re.compile(r"s\. ?\d|s\d|sect?\.? ?\d|section ?\d")
# A short form must not touch letters, "/", "&" or "_" on either side (so "c/o" inside "x/c/o" and
# placeholders such as "__ip__" are left alone); a digit may precede it, because ages are written
# "25y/o". The right-hand check is in the regex; the left-hand one is in ``_replace`` (a look-behind
# at the start of a pattern would stop Python's regex engine skipping ahead quickly).
_AFTER = r"(?![A-Za-z0-9/&_])"
_BEFORE_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ/&_")
_WORD_BYTES = bytes.maketrans(b"/.,;:!?()[]\"'-+#@*", b" " * 18)


def _read_table():
    """Read ``shorthand.tsv`` into ``(short, expansion, case_sensitive)`` rows."""
    text = resources.files("classifier").joinpath("resources", SHORTHAND_RESOURCE).read_text("utf-8")
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) < 3 or fields[2] not in ("sensitive", "insensitive"):
            raise ValueError(
                f"{SHORTHAND_RESOURCE} line {number} is malformed: expected 'short<TAB>expansion"
                f"<TAB>sensitive|insensitive', got {line!r}."
            )
        if fields[2] == "sensitive" and fields[0] == fields[0].lower():
            raise ValueError(
                f"{SHORTHAND_RESOURCE} line {number}: case-sensitive entry {fields[0]!r} has no capital "
                "letter, so it would also fire on lower-cased text; mark it 'insensitive'."
            )
        rows.append((fields[0], fields[1], fields[2] == "sensitive"))
    return rows


@lru_cache(maxsize=1)
def load_shorthand():
    """Return the shorthand table as a tuple of ``(short, expansion, case_sensitive)`` rows.

    Examples
    --------
    >>> ("c/o", "complains of", False) in load_shorthand()
    True
    """
    return tuple(_read_table())


def _alternation(keys):
    """A regex matching any of ``keys`` (longest first, so ``ex-b/f`` wins over ``b/f``)."""
    ordered = sorted(keys, key=len, reverse=True)
    return re.compile("(?:" + "|".join(re.escape(key) for key in ordered) + ")" + _AFTER)


def _replacer(table):
    """Replacement callback: the expansion, unless the match touches a letter on its left."""

    def _replace(match):
        start, text = match.start(), match.string
        if start and text[start - 1] in _BEFORE_CHARS:
            return match.group(0)
        expansion = table[match.group(0)]
        # "25y/o" -> "25 year old": keep a number and its expansion apart.
        return " " + expansion if start and text[start - 1].isdigit() else expansion

    return _replace


@lru_cache(maxsize=1)
def _compiled():
    """Compile the table: cased regex, section rules, grouped lower-case regexes and lookups."""
    cased, sections, words, symbols = {}, [], {}, {}
    for short, expansion, case_sensitive in load_shorthand():
        lowered = short.lower()
        if lowered.startswith("s.") and lowered[2:3].isdigit():
            number, words_after = lowered[2:], expansion.split(" ", 2)[2:]
            pattern = _SECTION_PREFIX + re.escape(number) + r"\b"
            if words_after:  # idempotent: "section 47 actual bodily harm" is left alone
                pattern += r"(?! " + re.escape(words_after[0]) + r")"
            sections.append((re.compile(pattern), expansion))
        elif case_sensitive:
            cased[short] = expansion
        elif lowered.isalnum():
            words[lowered] = expansion
        else:
            symbols[lowered] = expansion
    by_word = {key.encode(): (_alternation([key]), _replacer({key: value})) for key, value in words.items()}
    generic = re.compile(_SECTION_PREFIX + r"(\d{1,3}[a-z]?)\b")
    return {
        "cased": (_alternation(cased), _replacer(cased)),
        "sections": tuple(sections),
        "generic": generic,
        "words": by_word,
        "symbols": (_alternation(symbols), _replacer(symbols)),
    }


def expand_cased(text):
    """Expand the case-sensitive entries (``IP``, ``RP``, ``DA`` ...) in text of original case.

    Examples
    --------
    >>> expand_cased("IP and RP; ip address")
    'injured party and reporting person; ip address'
    """
    pattern, replace = _compiled()["cased"]
    return pattern.sub(replace, text)


def word_set(low):
    """The set of words (as bytes) in lower-case text, used to skip rules that cannot apply."""
    return frozenset(low.encode("utf-8", "surrogatepass").translate(_WORD_BYTES).split())


def expand_lower(low, words=None):
    """Expand the case-insensitive entries in lower-case text.

    Parameters
    ----------
    low : str
        Lower-case, masked text.
    words : frozenset of bytes, optional
        ``word_set(low)``, when the caller already has it.

    Examples
    --------
    >>> expand_lower("c/o pain o/s address, bwv on, s.47 and sec 5")
    'complains of pain outside address, body worn video on, section 47 actual bodily harm and section 5'
    """
    table = _compiled()
    if _SECTION_GATE.search(low):
        for pattern, replacement in table["sections"]:
            low = pattern.sub(replacement, low)
        low = table["generic"].sub(r"section \1", low)
    if "/" in low or "&" in low:
        low = _expand_symbols(low, *table["symbols"])
    words = word_set(low) if words is None else words
    for key in words & table["words"].keys():
        pattern, replace = table["words"][key]
        low = pattern.sub(replace, low)
    return low


def _expand_symbols(low, pattern, replace):
    """Expand short forms containing "/" or "&", trying only the words around those characters."""
    starts = set()
    for symbol in "/&":
        index = low.find(symbol)
        while index >= 0:
            start = index
            while start > 0 and index - start < 4 and (low[start - 1].isalnum() or low[start - 1] == "-"):
                start -= 1
            starts.add(start)
            index = low.find(symbol, index + 1)
    out, pos = [], 0
    for start in sorted(starts):
        match = pattern.match(low, start) if start >= pos else None
        if match:
            out += (low[pos:start], replace(match))
            pos = match.end()
    return "".join(out) + low[pos:] if out else low


def expand_shorthand(text):
    """Expand every shorthand entry in ``text`` (cased entries first); returns lower case.

    Examples
    --------
    >>> expand_shorthand("IP c/o pain o/s address, BWV on, s.47")
    'injured party complains of pain outside address, body worn video on, section 47 actual bodily harm'
    """
    return expand_lower(expand_cased(text).lower())
