"""Lexical rules for preprocessing: the offence-indicator lexicon (data files) and negation scope.

The indicator phrases live in ``resources/indicators.tsv`` and the multi-token patterns in
``resources/indicator_patterns.json``; this module loads and checks them. Negation follows a
NegEx-style rule written out below so an auditor can check what "negated" means.

Negation rule: a cue (``no``, ``not``/``n't``, ``never``, ``without``, ``deny``, ``nil``, ``none``,
``nothing``, ``nobody``, ``neither``, ``nor``, ``lack``/``absence`` of ...) negates the tokens that
follow it, up to ``MAX_SCOPE`` tokens, stopping early at punctuation, a line break, a placeholder
(``__time__``...), another cue, a clause word (``but``, ``however``, ``although``, ``because``,
``which``, ``when``, ...), a reporting verb (``say``, ``state``, ``report``...), or ``and``/``or``
followed by a new subject (``he``, ``she``, ``injured party``...). Fixed phrases that look negative
but are not ("not only", "no doubt", "not sure") open no scope. "No longer" IS a cue: "no longer
afraid of him" denies the fear now (a fear felt at the time is written as such elsewhere in a log);
"no longer wishes to support" is matched whole as reluctance, so its cue sits inside the phrase and does
not negate it. "Refused" is NOT a cue: "refused a statement" is victim reluctance (an indicator family),
not a denial.

Idioms and innocent uses of offence words ("it all kicked off", "smashed it in his exams", "lost her
keys", "bought it online", "marks on the exhaust") are kept out of the indicators by the patterns'
``unless_followed_by`` / ``unless_preceded_by`` lists and body-part lists (``indicator_patterns.json``),
not by negation.
"""

import json
from functools import lru_cache
from importlib import resources

__all__ = [
    "INDICATOR_FAMILIES",
    "MAX_SCOPE",
    "NEGATION_CUES",
    "load_indicator_phrases",
    "load_indicator_patterns",
    "negation_scopes",
]

INDICATOR_FAMILIES = (
    "violence",
    "injury",
    "threat",
    "sexual",
    "harassment",
    "malicious_message",
    "damage",
    "theft",
    "fraud",
    "reluctance",
    "contrary_evidence",
    "non_crime",
    "domestic",
    "state_offence",
)
PHRASES_RESOURCE = "indicators.tsv"
PATTERNS_RESOURCE = "indicator_patterns.json"

MAX_SCOPE = 6
# Cues and stop words are lemmatised with the same table as the text before they are compared
# (see _components.py), so they may be written in any inflection.
NEGATION_CUES = frozenset(
    "no not n't nt never without deny denies denied denial nil none nothing nobody noone no-one"
    " neither nor nowhere lack absence".split()
)
PSEUDO_NEGATIONS = frozenset(
    {("not", "only"), ("no", "doubt"), ("not", "sure"),
     ("not", "just"), ("no", "matter"), ("not", "necessarily"), ("without", "delay")}
)  # fmt: skip
SCOPE_BREAKS = frozenset(
    "but however although though whereas while whilst except yet so because as since which who whom"
    " whose when where then after before until unless if despite instead rather apart otherwise"
    " later now say state report claim allege tell describe add explain confirm"
    " __time__ __date__ __decision__".split()
)
CONJUNCTIONS = frozenset(("and", "or", "&"))
NEW_SUBJECTS = frozenset(
    "he she they i we it you there this that injured victim suspect caller reporting male female"
    " officer police partner both".split()
)
# The lookup table has a few lemmas that are wrong for logs ("does" -> "doe", "wo" for "won't").
LEMMA_OVERRIDES = {
    "does": "do", "doe": "do", "wo": "will", "ca": "can", "sha": "shall", "ai": "be", "n't": "not",
    "nt": "not", "'ll": "will", "'ve": "have", "'re": "be", "'m": "be", "'d": "would", "as": "as",
    "left": "left",
}  # fmt: skip


def _resource_text(name):
    """Read a file shipped in ``classifier/text/resources``."""
    return resources.files("classifier.text").joinpath("resources", name).read_text("utf-8")


@lru_cache(maxsize=1)
def load_indicator_phrases():
    """Return the phrase lexicon as a tuple of ``(family, phrase)`` pairs.

    Raises
    ------
    ValueError
        If a line has no tab or names a family outside ``INDICATOR_FAMILIES``.

    Examples
    --------
    >>> ("reluctance", "just wants it logged") in load_indicator_phrases()
    True
    """
    rows = []
    for number, line in enumerate(_resource_text(PHRASES_RESOURCE).splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        family, _, phrase = line.partition("\t")
        if family not in INDICATOR_FAMILIES or not phrase.strip():
            raise ValueError(
                f"{PHRASES_RESOURCE} line {number} is malformed: expected 'family<TAB>phrase' with a "
                f"family in {list(INDICATOR_FAMILIES)}, got {line!r}."
            )
        rows.append((family, phrase.strip()))
    return tuple(rows)


@lru_cache(maxsize=1)
def load_indicator_patterns():
    """Return the token patterns as ``(family, name, pattern, trim)`` rows for ``_patterns.TokenPatterns``.

    ``trim`` is ``(left, right)``: tokens matched only as context and left out of the evidence
    span (e.g. the word after "injured" that shows it is not "injured party"). An entry's
    ``unless_followed_by`` / ``unless_preceded_by`` lists (token sequences) become the pattern's
    zero-width ``NOT_FOLLOWED_BY`` last element / ``NOT_PRECEDED_BY`` first element.

    Examples
    --------
    >>> sorted({row[0] for row in load_indicator_patterns()})[:2]
    ['contrary_evidence', 'damage']
    """
    rows = []
    for entry in json.loads(_resource_text(PATTERNS_RESOURCE)):
        if entry.get("family") not in INDICATOR_FAMILIES or not entry.get("pattern"):
            raise ValueError(
                f"{PATTERNS_RESOURCE}: pattern {entry.get('name')!r} needs a 'family' in "
                f"{list(INDICATOR_FAMILIES)} and a non-empty 'pattern'."
            )
        trim = tuple(entry.get("trim", (0, 0)))
        pattern = list(entry["pattern"])
        if entry.get("unless_preceded_by"):
            pattern.insert(0, {"NOT_PRECEDED_BY": entry["unless_preceded_by"]})
        if entry.get("unless_followed_by"):
            pattern.append({"NOT_FOLLOWED_BY": entry["unless_followed_by"]})
        rows.append((entry["family"], entry["name"], pattern, trim))
    return tuple(rows)


def negation_scopes(words, breaks, *, cues, pseudo, stops, conjunctions, subjects, max_scope=MAX_SCOPE):
    """Return, for each token, the index of the negation cue that governs it, or -1.

    Parameters
    ----------
    words : sequence
        One key per token (lemma strings, or their spaCy hashes: the sets below must match).
    breaks : sequence of bool
        True for tokens that always end a scope (punctuation, line breaks).
    cues, stops, conjunctions, subjects : set
        Keys of negation cues, scope-ending words, "and"/"or", and words that start a new subject.
    pseudo : set of tuple
        ``(cue, next_word)`` pairs that open no scope ("no longer").
    max_scope : int, default=MAX_SCOPE
        Longest scope in tokens.

    Returns
    -------
    list of int

    Examples
    --------
    >>> kw = dict(cues={"no", "deny"}, pseudo=set(), stops={"but"}, conjunctions={"and"},
    ...           subjects={"he"})
    >>> negation_scopes("deny hit her but he kick".split(), [False] * 6, **kw)
    [-1, 0, 0, -1, -1, -1]
    """
    n = len(words)
    governed = [-1] * n
    for cue in [i for i, word in enumerate(words) if word in cues]:
        if cue + 1 < n and (words[cue], words[cue + 1]) in pseudo:
            continue
        for j in range(cue + 1, min(n, cue + 1 + max_scope)):
            word = words[j]
            if breaks[j] or word in stops or word in cues:
                break
            if word in conjunctions and j + 1 < n and words[j + 1] in subjects:
                break
            governed[j] = cue
    return governed
