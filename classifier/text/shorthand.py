"""Expand police-log shorthand (IP, c/o, o/s, BWV, s.47, ...) into plain English.

The table lives in ``resources/shorthand.tsv`` so an auditor can read and extend it without touching
code. Case-sensitive entries (``IP``, ``DA``) are expanded on the original text, so they do not fire
on ordinary lower-case words; the others are expanded on the lower-cased, masked text.
"""

import re
from functools import lru_cache
from importlib import resources

__all__ = [
    "SHORTHAND_RESOURCE", "expand_cased", "expand_lower", "expand_lower_words", "expand_shorthand", "load_shorthand",
    "shorthand_words", "word_set",
]  # fmt: skip

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
# The characters ``word_set`` splits words at ("" stands for the start or end of the text).
_SEPARATORS = frozenset(chr(byte) for byte in range(128) if bytes([byte]).translate(_WORD_BYTES).isspace()) | {""}


def _read_table():
    """Read ``shorthand.tsv`` into ``(short, expansion, case_sensitive)`` rows."""
    text = resources.files("classifier.text").joinpath("resources", SHORTHAND_RESOURCE).read_text("utf-8")
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
        start = match.start()
        if start:
            before = match.string[start - 1]
            if before in _BEFORE_CHARS:
                return match.group(0)
            if before.isdigit():  # "25y/o" -> "25 year old": keep a number and its expansion apart
                return " " + table[match.group(0)]
        return table[match.group(0)]

    return _replace


@lru_cache(maxsize=1)
def _compiled():
    """Compile the table: cased regex, section rules, grouped lower-case regexes and lookups."""
    cased, sections, words, symbols, numbers = {}, [], {}, {}, set()
    for short, expansion, case_sensitive in load_shorthand():
        lowered = short.lower()
        if lowered.startswith("s.") and lowered[2:3].isdigit():
            number, words_after = lowered[2:], expansion.split(" ", 2)[2:]
            if number in numbers:  # ``_expand_sections`` relies on one entry per section
                raise ValueError(f"{SHORTHAND_RESOURCE} lists section {number} twice; keep one entry.")
            numbers.add(number)
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
    # The letters seen just before and just after "/" or "&" in the short forms ("c/o": "c", "o").
    around = {"/": ("", ""), "&": ("", "")}
    for key in symbols:
        for index, char in enumerate(key):
            if char in around and around[char] is not None:
                before, after = key[index - 1 : index], key[index + 1 : index + 2]
                # A short form starting or ending with the symbol could touch anything there.
                around[char] = (around[char][0] + before, around[char][1] + after) if before and after else None
    generic = re.compile(_SECTION_PREFIX + r"(\d{1,3}[a-z]?)\b")
    return {
        "cased": (_alternation(cased), _replacer(cased)),
        "sections": tuple(sections),
        "generic": generic,
        "words": by_word,
        "symbols": (_alternation(symbols), _replacer(symbols)),
        "around_symbol": around,
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


def word_set(low, vocabulary=None):
    """The set of words (as bytes) in lower-case text, used to skip rules that cannot apply.

    With ``vocabulary`` (a frozenset of bytes) only the words in it are kept, which is faster when
    the caller asks about those words only.
    """
    words = low.encode("utf-8", "surrogatepass").translate(_WORD_BYTES).split()
    return frozenset(words) if vocabulary is None else vocabulary.intersection(words)


def shorthand_words():
    """The case-insensitive short forms that are plain words ("tel", "bwv"), as bytes."""
    return frozenset(_compiled()["words"])


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
    return _expand_lower(low, words, None)


def expand_lower_words(low, words, vocabulary):
    """``expand_lower``, and the words of the result: ``word_set(result, vocabulary)``.

    Parameters
    ----------
    low : str
        Lower-case, masked text.
    words : frozenset of bytes
        ``word_set(low, vocabulary)``.
    vocabulary : frozenset of bytes
        The words asked about; it must hold every plain-word short form (``shorthand_words()``).

    Returns
    -------
    tuple of (str, frozenset of bytes)

    Notes
    -----
    The words are worked out from what was replaced rather than by splitting the whole text
    again: when both characters around each replacement separate words (as ``word_set`` splits),
    the other words of the text are untouched, so only the words of the short forms can go and
    only those of the expansions can come. Otherwise the text is split again.
    """
    notes = []
    expanded = _expand_lower(low, words, notes)
    return expanded, _updated_words(expanded, words, vocabulary, notes) if notes else words


def _expand_lower(low, words, notes):
    """``expand_lower``; each replacement is added to ``notes`` (a list) unless it is None."""
    table = _compiled()
    if _SECTION_GATE.search(low):
        low = _expand_sections(low, table["sections"], table["generic"], notes)
    if "/" in low or "&" in low:
        low = _expand_symbols(low, *table["symbols"], table["around_symbol"], notes)
    words = word_set(low) if words is None else words
    for key in words & table["words"].keys():
        pattern, replace = table["words"][key]
        low = pattern.sub(replace if notes is None else _noting(replace, notes), low)
    return low


def _note(notes, text, start, end, replacement):
    """Record that ``text[start:end]`` becomes ``replacement``, with the characters around it."""
    notes.append((text[start:end], replacement, text[start - 1 : start] if start else "", text[end : end + 1]))


def _noting(replace, notes):
    """A replacement callback that also records each replacement it makes in ``notes``."""

    def _replace(match):
        replacement = replace(match)
        if replacement != match.group(0):
            _note(notes, match.string, match.start(), match.end(), replacement)
        return replacement

    return _replace


def _updated_words(text, words, vocabulary, notes):
    """``word_set(text, vocabulary)`` from ``words`` (the set before the replacements in ``notes``)."""
    lost, gained = set(), set()
    for old, new, before, after in notes:
        if before not in _SEPARATORS or after not in _SEPARATORS:
            return word_set(text, vocabulary)  # a word was split or joined: read the text again
        lost.update(_tokens(old))
        gained.update(_tokens(new))
    result = set(words)
    result.update(gained & vocabulary)
    for word in (lost & words) - gained:
        if not _has_word(text, word.decode()):
            result.discard(word)
    return frozenset(result)


@lru_cache(maxsize=4096)
def _tokens(text):
    """The words of a short piece of text, as ``word_set`` splits them (a frozenset of bytes)."""
    return frozenset(text.encode("utf-8", "surrogatepass").translate(_WORD_BYTES).split())


def _has_word(text, word):
    """True when ``word`` (ASCII) is one of ``word_set(text)``, found without splitting ``text``."""
    size, index = len(word), text.find(word)
    while index >= 0:
        if (not index or text[index - 1] in _SEPARATORS) and text[index + size : index + size + 1] in _SEPARATORS:
            return True
        index = text.find(word, index + 1)
    return False


def _expand_sections(low, sections, generic, notes=None):
    """Expand "s.47", "sec 5"...: a listed section gets its words, any other becomes "section N".

    Every section reference starts where ``_SECTION_GATE`` matches, so the rules are tried only
    there. This gives what applying each listed rule to the whole text and then the generic one
    would give, because the listed numbers differ and an expansion is never expanded again.
    """
    out, pos = [], 0
    for found in _SECTION_GATE.finditer(low):
        start = found.start()
        if start < pos:
            continue
        for pattern, expansion in sections:
            match = pattern.match(low, start)
            if match:
                break
        else:
            match = generic.match(low, start)
            if not match:
                continue
            expansion = "section " + match.group(1)
        out += (low[pos:start], expansion)
        pos = match.end()
        if notes is not None:
            _note(notes, low, start, pos, expansion)
    return "".join(out) + low[pos:] if out else low


def _expand_symbols(low, pattern, replace, around, notes=None):
    """Expand short forms containing "/" or "&", trying only the words around those characters.

    ``around`` maps each of "/" and "&" to the characters that come just before and just after it
    in some short form (or to None: try everywhere); elsewhere ("//", "12/03") none can match.
    """
    starts = set()
    for symbol in "/&":
        neighbours = around[symbol]
        index = low.find(symbol)
        while index >= 0:
            if neighbours is None or (
                index and low[index - 1] in neighbours[0] and low[index + 1 : index + 2] in neighbours[1]
            ):
                start = index
                while start > 0 and index - start < 4 and (low[start - 1].isalnum() or low[start - 1] == "-"):
                    start -= 1
                starts.update(range(start, index))  # "25y/o": the short form starts after the digits
            index = low.find(symbol, index + 1)
    out, pos = [], 0
    for start in sorted(starts):
        match = pattern.match(low, start) if start >= pos else None
        if match:
            replacement = replace(match)
            out += (low[pos:start], replacement)
            pos = match.end()
            if notes is not None and replacement != match.group(0):
                _note(notes, low, start, pos, replacement)
    return "".join(out) + low[pos:] if out else low


def expand_shorthand(text):
    """Expand every shorthand entry in ``text`` (cased entries first); returns lower case.

    Examples
    --------
    >>> expand_shorthand("IP c/o pain o/s address, BWV on, s.47")
    'injured party complains of pain outside address, body worn video on, section 47 actual bodily harm'
    """
    return expand_lower(expand_cased(text).lower())
