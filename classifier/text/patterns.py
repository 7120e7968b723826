"""A small token-pattern matcher for the indicator patterns that have gaps or word sets.

It reads the same pattern syntax as spaCy's ``Matcher`` (a subset: ``LEMMA`` / ``LOWER`` with a
string, ``{"IN": [...]}`` or ``{"NOT_IN": [...]}``, ``IS_ALPHA``, ``{}`` for any token, and ``OP``
``?``, ``*``, ``+`` or ``{n,m}``). spaCy evaluates ``IN`` sets by calling Python per token, which
measured 40-240 microseconds per pattern per log; here every test is a set lookup on string
hashes and a pattern is tried only where its first token can match.

Two zero-width assertions, which spaCy's ``Matcher`` lacks, keep idioms and innocent uses of an
offence word out of the indicators ("kicking off", "smashed it in her exams", "marks on the
exhaust"):

- ``{"NOT_FOLLOWED_BY": [[token, ...], ...]}`` anywhere after the first token: the match fails when
  any of the listed token sequences matches starting at this point. It consumes no token, and it
  holds at the end of the text.
- ``{"NOT_PRECEDED_BY": [[token, ...], ...]}`` as the very first element: the match fails when any
  of the sequences ends just before the match starts ("car was scratched"). Its sequences must have a
  bounded length (no ``*`` or ``+``).

The sequences use the same token syntax (without further assertions).
"""

import re

__all__ = ["TokenPatterns", "AHEAD", "BEHIND"]

LEMMA, LOWER, IS_ALPHA = 0, 1, 2
_ATTRIBUTES = {"LEMMA": LEMMA, "LOWER": LOWER, "IS_ALPHA": IS_ALPHA}
_RANGE = re.compile(r"\{(\d*),(\d*)\}")
_OPS = {None: (1, 1), "?": (0, 1), "*": (0, 10**9), "+": (1, 10**9), "!": None}
AHEAD, BEHIND = "NOT_FOLLOWED_BY", "NOT_PRECEDED_BY"
_UNBOUNDED = 10**9


def _repeat(op, name):
    """``(min, max)`` for an ``OP`` value."""
    if op in _OPS and _OPS[op] is not None:
        return _OPS[op]
    match = _RANGE.fullmatch(op or "")
    if not match:
        raise ValueError(f"Pattern {name!r}: OP {op!r} is not supported; use '?', '*', '+' or '{{n,m}}'.")
    low, high = match.groups()
    return int(low or 0), int(high) if high else _UNBOUNDED


def _compile_token(token, name, key):
    """One slot: ``(attribute, keys, negate, min, max)``; ``attribute`` None means any token."""
    constraints = {k: v for k, v in token.items() if k != "OP"}
    low, high = _repeat(token.get("OP"), name)
    if not constraints:
        return (None, None, False, low, high)
    if len(constraints) != 1 or next(iter(constraints)) not in _ATTRIBUTES:
        raise ValueError(
            f"Pattern {name!r}: each token may test one of {sorted(_ATTRIBUTES)}; got {sorted(constraints)}."
        )
    attribute, value = next(iter(constraints.items()))
    if attribute == "IS_ALPHA":
        return (IS_ALPHA, None, not value, low, high)
    if isinstance(value, str):
        return (_ATTRIBUTES[attribute], frozenset((key(attribute, value),)), False, low, high)
    if set(value) - {"IN", "NOT_IN"} or len(value) != 1:
        raise ValueError(f"Pattern {name!r}: use a string, {{'IN': [...]}} or {{'NOT_IN': [...]}}.")
    op, words = next(iter(value.items()))
    keys = frozenset(key(attribute, word) for word in words)
    return (_ATTRIBUTES[attribute], keys, op == "NOT_IN", low, high)


def _compile_sequences(token, kind, name, key):
    """The token sequences of one assertion, each a tuple of ordinary slots."""
    sequences = token[kind]
    if set(token) != {kind} or not isinstance(sequences, list) or not sequences:
        raise ValueError(f"Pattern {name!r}: {kind} takes a non-empty list of token lists and nothing else.")
    out = []
    for sequence in sequences:
        if not isinstance(sequence, list) or not sequence:
            raise ValueError(f"Pattern {name!r}: every {kind} entry must be a non-empty list of tokens.")
        slots = tuple(_compile_token(t, name, key) for t in sequence)
        if sum(slot[3] for slot in slots) == 0:
            raise ValueError(f"Pattern {name!r}: a {kind} sequence must need at least one token.")
        if kind == BEHIND and sum(slot[4] for slot in slots) >= _UNBOUNDED:
            raise ValueError(f"Pattern {name!r}: {BEHIND} sequences must have a bounded length (no '*' or '+').")
        out.append(slots)
    return tuple(out)


def _compile(pattern, name, key):
    """``(behind sequences, slots)``; an assertion slot is ``(AHEAD, sequences)``."""
    behind = ()
    tokens = list(pattern)
    if tokens and BEHIND in tokens[0]:
        behind = _compile_sequences(tokens.pop(0), BEHIND, name, key)
    slots = []
    for token in tokens:
        if BEHIND in token:
            raise ValueError(f"Pattern {name!r}: {BEHIND} may only be the first element of a pattern.")
        if AHEAD in token:
            if not slots:
                raise ValueError(f"Pattern {name!r}: {AHEAD} cannot come before the first token.")
            slots.append((AHEAD, _compile_sequences(token, AHEAD, name, key)))
        else:
            slots.append(_compile_token(token, name, key))
    return behind, tuple(slots)


class TokenPatterns:
    """Compiled patterns, matched on per-token ``(lemma hash, lower hash, is_alpha)`` columns.

    Parameters
    ----------
    patterns : iterable of (label, name, pattern)
        ``pattern`` in the Matcher-like syntax above. The first token (after an optional
        ``NOT_PRECEDED_BY``) must be required (no ``OP``) and test ``LEMMA`` or ``LOWER`` with a
        string or ``IN`` set.
    key : callable
        ``key(attribute, text) -> int``: the hash the pipeline stores for that attribute.
    """

    def __init__(self, patterns, key):
        self.labels, self.slots, self.second, self.behind = [], [], [], []
        self.first = ({}, {})  # attribute -> {hash: [pattern index, ...]}
        for label, name, pattern in patterns:
            behind, slots = _compile(pattern, name, key)
            if not slots:
                raise ValueError(f"Pattern {name!r} has no token to match.")
            attribute, keys, negate, low, high = slots[0]
            if attribute not in (LEMMA, LOWER) or negate or low != 1 or high != 1:
                raise ValueError(
                    f"Pattern {name!r} must start with one required LEMMA or LOWER token "
                    "(a word or an IN list), so it can be looked up quickly."
                )
            for value in keys:
                self.first[attribute].setdefault(value, []).append(len(self.slots))
            self.labels.append(label)
            self.slots.append(slots)
            self.behind.append(behind)
            # Most tries fail on the second token: test it before the general search.
            second = slots[1] if len(slots) > 1 else None
            quick = second is not None and len(second) == 5 and second[3] >= 1 and second[1] is not None
            self.second.append(second[:3] if quick else None)
        self.first = tuple({value: tuple(ids) for value, ids in index.items()} for index in self.first)

    def __call__(self, columns):
        """Return ``(pattern index, start, end)`` for the longest match at each start.

        ``columns`` is ``(lemmas, lowers, alphas)``, three equal-length lists.
        """
        lemmas, lowers = columns[LEMMA], columns[LOWER]
        by_lemma, by_lower = self.first
        starts = [i for i, lemma in enumerate(lemmas) if lemma in by_lemma]
        starts += [i for i, lower in enumerate(lowers) if lower in by_lower]
        found, size = [], len(lemmas)
        for start in sorted(set(starts)):
            for index in by_lemma.get(lemmas[start], ()) + by_lower.get(lowers[start], ()):
                second = self.second[index]
                if second and (start + 1 == size or (columns[second[0]][start + 1] in second[1]) == second[2]):
                    continue
                if self.behind[index] and _preceded(self.behind[index], start, columns, size):
                    continue
                end = _longest(self.slots[index], 0, start, columns, size)
                if end > start:
                    found.append((index, start, end))
        return found


def _preceded(sequences, start, columns, size):
    """True when one of ``sequences`` matches a stretch of tokens ending just before ``start``."""
    for slots in sequences:
        longest = sum(min(slot[4], start) for slot in slots)
        for begin in range(max(0, start - longest), start):
            if start in _ends(slots, 0, begin, columns, size):
                return True
    return False


def _ends(slots, k, i, columns, size):
    """Every end position at which ``slots[k:]`` can match from token ``i`` (short sequences only)."""
    attribute, keys, negate, low, high = slots[k]
    limit = min(high, size - i)
    count = 0
    if attribute is None:
        count = limit
    else:
        column = columns[attribute]
        while count < limit and ((bool(column[i + count]) != negate) if keys is None
                                 else ((column[i + count] in keys) != negate)):
            count += 1
    if count < low:
        return set()
    if k + 1 == len(slots):
        return {i + taken for taken in range(low, count + 1)}
    out = set()
    for taken in range(low, count + 1):
        out |= _ends(slots, k + 1, i + taken, columns, size)
    return out


def _longest(slots, k, i, columns, size):
    """End of the longest match of ``slots[k:]`` from token ``i``, or -1."""
    slot = slots[k]
    if len(slot) == 2:  # NOT_FOLLOWED_BY: zero-width
        if any(_longest(sequence, 0, i, columns, size) >= 0 for sequence in slot[1]):
            return -1
        return i if k + 1 == len(slots) else _longest(slots, k + 1, i, columns, size)
    attribute, keys, negate, low, high = slot
    limit = min(high, size - i)
    if attribute is None:
        count = limit
    else:
        column, count = columns[attribute], 0
        if keys is None:
            while count < limit and bool(column[i + count]) != negate:
                count += 1
        else:
            while count < limit and (column[i + count] in keys) != negate:
                count += 1
    if count < low:
        return -1
    if k + 1 == len(slots):
        return i + count
    best = -1
    for taken in range(count, low - 1, -1):
        end = _longest(slots, k + 1, i + taken, columns, size)
        if end > best:
            best = end
    return best
