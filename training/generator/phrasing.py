"""Compositional phrasing engine for synthetic incident logs.

Templates use a tiny language: ``[a|b|c]`` picks one alternative (``[a|]`` makes ``a`` optional),
``{slot}`` inserts a value from the scene (a string, or a tuple to pick from at each use), and both
nest. The people, places and times a log's slots draw on live in ``training.generator.scene``.
"""

import random
import re

from training.generator import words as W

_CACHE = {}
_SPECIAL = re.compile(r"[\[\]{}|]")


class FastRandom(random.Random):
    """``random.Random`` with a faster ``choice``/``randrange`` built on ``random()`` (same seed, same draws).

    The generator makes millions of small choices; ``random()`` indexing is about twice as fast as the
    rejection sampling of the base class and is just as reproducible.
    """

    def choice(self, seq):
        """Pick one element of a non-empty sequence."""
        return seq[int(self.random() * len(seq))]

    def randrange(self, start, stop=None, step=1):
        """Integer in [start, stop) (``step`` must be 1)."""
        if stop is None:
            start, stop = 0, start
        return start + int(self.random() * (stop - start))


def compile_template(text):
    """Parse a template into nested tuples (cached): str, ('s', slot) or ('c', alternatives).

    An alternative that is plain text is stored as a ``str`` so that expanding it is one append.
    """
    node = _CACHE.get(text)
    if node is None:
        node, _ = _parse(text, 0, top=True)
        _CACHE[text] = node
    return node


def _parse(text, i, top=False):
    """Recursive-descent parser for one sequence; returns (node, index after it)."""
    seq, alts, buf = [], [], []
    while i < len(text):
        ch = text[i]
        if ch == "[":
            if buf:
                seq.append("".join(buf))
                buf = []
            sub, i = _parse(text, i + 1)
            seq.append(("c", sub))
            continue
        if ch == "{":
            end = text.index("}", i)
            if buf:
                seq.append("".join(buf))
                buf = []
            seq.append(("s", text[i + 1:end]))
            i = end + 1
            continue
        if ch == "|" and not top:
            alts.append(tuple(seq) + (("".join(buf),) if buf else ()))
            seq, buf = [], []
        elif ch == "]" and not top:
            alts.append(tuple(seq) + (("".join(buf),) if buf else ()))
            return tuple(_flatten(a) for a in alts), i + 1
        else:
            buf.append(ch)
        i += 1
    if buf:
        seq.append("".join(buf))
    return tuple(seq), i


def _flatten(alt):
    """An alternative made only of text becomes one string; others stay sequences."""
    if all(x.__class__ is str for x in alt):
        return "".join(alt)
    return alt


def expand(template, r, slots):
    """Expand one template (or a tuple of templates, one picked) into text."""
    if isinstance(template, tuple):
        template = r.choice(template)
    out = []
    _expand(compile_template(template), r, slots, out)
    return "".join(out)


def _expand(node, r, slots, out):
    """Append the expansion of a compiled node to ``out``."""
    rnd = r.random
    for item in node:
        if item.__class__ is str:
            out.append(item)
        elif item[0] == "s":
            value = slots[item[1]]
            if value.__class__ is tuple:
                value = value[int(rnd() * len(value))]
            if _SPECIAL.search(value):
                _expand(compile_template(value), r, slots, out)
            else:
                out.append(value)
        else:
            alts = item[1]
            alt = alts[int(rnd() * len(alts))]
            if alt.__class__ is str:
                out.append(alt)
            else:
                _expand(alt, r, slots, out)


_SENT_START = re.compile(r"(^|[.!?] )([a-z])")
_FIXES = ((" ,", ","), (" .", "."), (" ;", ";"), (" :", ":"), (" ?", "?"), (" !", "!"), ("..", "."),
          (",.", "."), (".,", "."), (",,", ","), (":.", ":"), ("-.", "-"))


def tidy(text):
    """Collapse spaces, remove space before punctuation and capitalise sentence starts."""
    text = " ".join(text.split())
    for bad, good in _FIXES:
        if bad in text:
            text = text.replace(bad, good)
    return _SENT_START.sub(lambda m: m.group(1) + m.group(2).upper(), text)


_SHORT_MAP = {p.replace(r"\b", ""): rep for p, rep in W.SHORTHAND}
_SHORT_RE = re.compile(r"\b(?:" + "|".join(sorted((re.escape(k) for k in _SHORT_MAP), key=len, reverse=True))
                       + r")\b", re.IGNORECASE)


def to_call_taker(text, r, density):
    """Rewrite prose as a call-taker types it: capitals and shorthand (each at rate ``density``)."""
    return shorthand(text, r, density).upper()


def add_typos(text, r, rate):
    """Inject realistic misspellings and slips at about ``rate`` per word (seeded through ``r``).

    Slips: a common misspelling of the word, swapped or dropped or doubled letters, a neighbouring key
    hit instead, and now and then two words run together.
    """
    if rate <= 0:
        return text
    words = text.split(" ")
    n = len(words)
    k = sum(1 for _ in range(max(1, n // 25)) if r.random() < rate * 25)
    for pos in sorted(r.sample(range(n), min(k, n)), reverse=True):
        if pos + 1 < n and r.random() < 0.08 and words[pos].isalpha() and words[pos + 1].isalpha():
            words[pos:pos + 2] = [words[pos] + words[pos + 1]]  # "tothe", "hadbeen"
        else:
            words[pos] = _typo(words[pos], r)
    return " ".join(words)


def _typo(word, r):
    """Return one misspelling of ``word`` (keeps the case of the original)."""
    low = word.lower()
    if low in W.MISSPELLINGS:
        wrong = W.MISSPELLINGS[low]
        return wrong.upper() if word.isupper() else wrong
    if len(word) < 4 or not word.isalpha() or (len(word) == 4 and word.isupper()):
        return word  # short capitals are mostly acronyms (ISVA, DASH): left alone
    i = r.randrange(1, len(word) - 1)
    op = r.random()
    if op < 0.32:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if op < 0.6:
        return word[:i] + word[i + 1:]
    if op < 0.8:
        near = W.KEY_NEIGHBOURS.get(word[i].lower())
        if near:
            ch = r.choice(near)
            return word[:i] + (ch.upper() if word[i].isupper() else ch) + word[i + 1:]
    return word[:i] + word[i] + word[i:]


def _word_map_re(words):
    """A case-insensitive whole-word regex for the keys of ``words``, longest first."""
    return re.compile(r"(?<![\w/])(?:" + "|".join(sorted((re.escape(k) for k in words), key=len, reverse=True))
                      + r")(?![\w/])", re.IGNORECASE)


_TERSE_MAP = dict(W.OFFICER_TERSE)
_TERSE_RE = _word_map_re(_TERSE_MAP)
_ARTICLE_RE = re.compile(r"\b(?:[Tt]he|[Aa]n?) (?=[a-z])")


def to_terse(text, r, density):
    """Rewrite officer prose as a hurried update: shorthand ('S/W IP', 'att', 'NFA') and dropped articles."""

    def _sub(match):
        if r.random() >= density:
            return match.group(0)
        return _TERSE_MAP[match.group(0).lower()]

    text = _TERSE_RE.sub(_sub, text)
    return _ARTICLE_RE.sub(lambda m: "" if r.random() < density else m.group(0), text)


_TEXT_MAP = dict(W.TEXTSPEAK)
_TEXT_RE = _word_map_re(_TEXT_MAP)


def to_textspeak(text, r, density):
    """Rewrite a report the way people type on a phone: lower case, 'u', 'cos', 'im', few full stops."""
    text = _TEXT_RE.sub(lambda m: _TEXT_MAP[m.group(0).lower()] if r.random() < density else m.group(0),
                        text.lower())
    text = text.replace("'", "") if r.random() < 0.6 else text
    return re.sub(r"[.,](?= )", lambda m: "" if r.random() < 0.7 else m.group(0), text)


def run_on(text):
    """Remove sentence punctuation, as when a report is typed as one long line."""
    return " ".join(re.sub(r"[.,;:!?]+(?=\s|$)", "", text).split())


def shorthand(text, r, density):
    """Call-taker shorthand at rate ``density`` without changing the case of the rest of the text."""

    def _sub(match):
        word = match.group(0)
        if r.random() >= density:
            return word
        return _SHORT_MAP.get(word.lower(), word)

    return _SHORT_RE.sub(_sub, text)


def drop_punctuation(text, r, rate):
    """Remove some full stops and commas, as hurried typists do."""
    if rate <= 0:
        return text
    return re.sub(r"[.,](?= )", lambda m: "" if r.random() < rate else m.group(0), text)


def phone_number(r):
    """An invented UK mobile number in one of the usual written forms."""
    body = f"07{r.randrange(100, 999)}{r.randrange(100000, 999999)}"
    form = r.random()
    if form < 0.5:
        return f"{body[:5]} {body[5:]}"
    return body if form < 0.85 else f"{body[:5]}-{body[5:]}"


def vrm(r):
    """An invented current-style UK registration mark."""
    letters = "ABCDEFGHJKLMNOPRSTUVWXY"
    return (r.choice(letters) + r.choice(letters) + str(r.randrange(51, 70) if r.random() < 0.5 else
            r.randrange(10, 19)) + " " + "".join(r.choice(letters) for _ in range(3)))


def postcode(r, areas):
    """An invented postcode in the force's postcode areas."""
    letters = "ABDEFGHJLNPQRSTUWXYZ"
    area = areas[int(r.random() * len(areas))]  # same draws for every force: truth stays profile-free
    return f"{area}{r.randrange(1, 30)} {r.randrange(1, 9)}{r.choice(letters)}{r.choice(letters)}"


def street(r):
    """An invented street name, sometimes abbreviated."""
    suffix = r.choice(W.STREET_SUFFIXES)
    if r.random() < 0.3 and suffix in W.STREET_ABBREV:
        suffix = W.STREET_ABBREV[suffix]
    return f"{r.choice(W.STREET_STEMS)} {suffix}"


def officer(r):
    """An officer's rank and collar number as written in updates."""
    roll = r.random()
    num = r.randrange(1000, 9999)
    if roll < 0.55:
        return r.choice((f"PC {num}", f"PC{num}", f"PC {num}", f"pc {num}"))
    if roll < 0.7:
        return r.choice((f"PS {r.randrange(100, 999)}", f"Sgt {r.randrange(100, 999)}"))
    if roll < 0.82:
        return f"PCSO {r.randrange(5000, 9999)}"
    if roll < 0.9:
        return f"DC {num}"
    return f"PC {num} {r.choice(W.SURNAMES).title()}"


def clock(t, r, style):
    """Format a time the way one writer does throughout a log."""
    if style == 0:
        return t.strftime("%H:%M")
    if style == 1:
        return t.strftime("%H%M")
    if style == 2:
        return t.strftime("%H.%M")
    if style == 3:
        return t.strftime("%H:%Mhrs")
    if style == 4:
        return t.strftime("%d/%m/%Y %H:%M")
    if style == 5:
        return t.strftime("%d/%m %H:%M")
    if style == 6:
        return t.strftime("%H:%M:%S")
    return t.strftime("%d/%m/%y %H%M")
