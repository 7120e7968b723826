"""The spaCy parts of crimerec's pipeline: a masking tokenizer and three components.

``MaskingTokenizer`` runs ``normalise_text`` (masking, shorthand, lower-casing) before spaCy's
tokenizer, so no ``Doc`` ever holds personal data. The components are registered as spaCy
factories: ``crimerec_lemmatizer`` (lookup lemmas from spacy-lookups-data, vectorised),
``crimerec_negation`` (negation scope, see ``_lexicon``) and ``crimerec_indicators`` (the
offence-indicator lexicon: a ``PhraseMatcher`` on lemmas plus the gap patterns of
``_patterns.TokenPatterns``).
"""

from collections import defaultdict

import numpy
from spacy.attrs import LEMMA, ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc, Span
from spacy.util import compile_prefix_regex, compile_suffix_regex

from classifier.text.lexicon import (
    CONJUNCTIONS,
    LEMMA_OVERRIDES,
    MAX_SCOPE,
    NEGATION_CUES,
    NEW_SUBJECTS,
    PSEUDO_NEGATIONS,
    SCOPE_BREAKS,
    load_indicator_patterns,
    load_indicator_phrases,
    negation_scopes,
)
from classifier.text.masking import normalise_text
from classifier.text.patterns import TokenPatterns

__all__ = ["MaskingTokenizer", "make_tokenizer"]

NUMBER_TOKEN = "__num__"
_CACHE_LIMIT = 500_000  # distinct word forms remembered per pipeline before the cache restarts
# Evidence spans of these families also show the body part or object that follows
# ("bruising" -> "bruising to her cheek", "punched" -> "punched her in the face").
_EXTENDED_FAMILIES = frozenset(("violence", "injury", "damage", "sexual"))
_OBJECTS = frozenset(("her", "him", "them", "me", "us", "it", "victim"))
_PREPOSITIONS = frozenset("to on in around across into against at over under above behind".split())
_MODIFIERS = frozenset("her his their the a an left right my its both upper lower back front top side of".split())


def _indicator_spans(doc):
    """``doc._.indicator_spans``: the indicator spans as spaCy ``Span`` objects labelled by family.

    Built on request rather than in the pipeline: creating ``Span`` objects for every log cost
    more than finding the indicators.
    """
    found = doc.user_data.get("crimerec_indicators", ())
    return [Span(doc, start, end, label=family) for start, end, family, _ in found]


# Components keep their results in ``doc.user_data`` under these keys (a plain dict is several
# times faster than spaCy's ``doc._`` for values written and read once per token list); the
# ``doc._`` extensions below read them for anyone using the pipeline directly.
for _name, _default in (("crimerec_negation", None), ("crimerec_indicators", ())):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, getter=lambda doc, key=_name, value=_default: doc.user_data.get(key, value))
if not Doc.has_extension("indicator_spans"):
    Doc.set_extension("indicator_spans", getter=_indicator_spans)


def token_columns(doc):
    """Per-token ``(lemma hashes, lower hashes, is_alpha, is_punct_or_space)`` lists.

    ``crimerec_lemmatizer`` leaves them in ``doc.user_data`` (it has them from its per-word-form
    cache, and reading lexeme flags with ``Doc.to_array`` costs more than the whole lookup); they
    are recomputed here for a Doc that did not come through it.
    """
    columns = doc.user_data.get("crimerec_columns")
    if columns is None or len(columns[0]) != len(doc):
        lemmas = [token.lemma for token in doc]
        columns = (
            lemmas,
            [token.lower for token in doc],
            [token.is_alpha for token in doc],
            [token.is_punct or token.is_space for token in doc],
        )
        doc.user_data["crimerec_columns"] = columns
    return columns


class MaskingTokenizer:
    """Tokenizer that masks and normalises the raw text first, then splits it with spaCy's rules.

    Parameters
    ----------
    tokenizer : spacy.tokenizer.Tokenizer
        The underlying tokenizer (see ``make_tokenizer``).
    mask_decisions : bool, default=True
        Mask recording decisions as well as personal data.
    """

    def __init__(self, tokenizer, *, mask_decisions=True):
        self.tokenizer = tokenizer
        self.mask_decisions = mask_decisions

    def __call__(self, text):
        return self.from_normalised(normalise_text(text, decisions=self.mask_decisions))

    def from_normalised(self, text):
        """Tokenise text that ``normalise_text`` (or ``normalise_texts``) has already masked."""
        doc = self.tokenizer(text)
        doc.user_data["crimerec_text"] = text  # equals doc.text, which is slow to rebuild
        return doc

    def pipe(self, texts, batch_size=1000):
        """Tokenise a stream of texts (spaCy's tokenizer API)."""
        for text in texts:
            yield self(text)


def make_tokenizer(nlp):
    """spaCy's English tokenizer, keeping placeholders such as ``__phone__`` as single tokens.

    "_" is taken out of the prefix and suffix rules (it is never an infix), which keeps
    ``(__name__)`` as three tokens. Special cases would do the same but made the tokenizer about
    three times slower, because spaCy then re-checks every ``Doc`` for them.

    The whitespace special cases ("\\n", " ", "\\t", no-break space) are dropped: spaCy gives the
    same tokens without them, but once a special case is met in a text it stops caching the rest of
    that text, and almost every log has a line break after its opening code. Without them the
    tokenizer is about five times faster on logs (``tests/text/test_fast_paths.py`` checks the tokens).
    """
    tokenizer = nlp.tokenizer
    tokenizer.prefix_search = compile_prefix_regex([p for p in nlp.Defaults.prefixes if p != "_"]).search
    tokenizer.suffix_search = compile_suffix_regex([s for s in nlp.Defaults.suffixes if s != "_"]).search
    tokenizer.rules = {key: value for key, value in tokenizer.rules.items() if not key.isspace()}
    return tokenizer


class FastLookupLemmatizer(Lemmatizer):
    """spaCy's lookup lemmatizer with a per-word-form cache and a few corrections for logs.

    The table is spaCy's ``lemma_lookup`` from spacy-lookups-data, loaded by ``nlp.initialize()``
    (local files, no network). Lemmas are set for a whole ``Doc`` at once with ``Doc.from_array``,
    and the per-token columns the later components need are left in ``doc.user_data``.
    """

    def __init__(self, vocab, model=None, name="crimerec_lemmatizer", *, overwrite=True):
        super().__init__(vocab, model, name, mode="lookup", overwrite=overwrite)
        self._table = {}
        self._cache = {}

    def initialize(self, get_examples=None, *, nlp=None, lookups=None):
        """Load the lookup table (spaCy reads it from the installed spacy-lookups-data)."""
        super().initialize(get_examples, nlp=nlp, lookups=lookups)
        self._table = self.lookups.get_table("lemma_lookup")
        self._cache = {}

    def lemma_of(self, word):
        """Lemma of one lower-case word form; placeholders are their own lemma."""
        if word.startswith("__") and word.endswith("__"):
            return word
        return LEMMA_OVERRIDES.get(word) or self._table.get(word, word)

    def _learn(self, orth):
        """Compute and cache ``(lemma hash, is_alpha, is_punct_or_space)`` for one word form."""
        if len(self._cache) > _CACHE_LIMIT:
            self._cache.clear()
        lexeme = self.vocab[orth]
        text = lexeme.text
        info = (
            self.vocab.strings.add(self.lemma_of(text.lower())),
            lexeme.is_alpha,
            lexeme.is_punct or lexeme.is_space,
        )
        self._cache[orth] = info
        return info

    def __call__(self, doc):
        if not len(doc):
            doc.user_data["crimerec_columns"] = ([], [], [], [])
            return doc
        orths = doc.to_array(ORTH).tolist()
        try:
            info = list(map(self._cache.__getitem__, orths))
        except KeyError:
            info = [self._cache.get(orth) or self._learn(orth) for orth in orths]
        lemmas, alphas, breaks = zip(*info)
        doc.from_array([LEMMA], numpy.asarray(lemmas, dtype=numpy.uint64).reshape(-1, 1))
        # The text is lower-cased before tokenising, so a token's LOWER is its ORTH.
        doc.user_data["crimerec_columns"] = (lemmas, orths, alphas, breaks)
        return doc


@Language.factory("crimerec_lemmatizer", assigns=["token.lemma"], default_config={"overwrite": True})
def _make_lemmatizer(nlp, name, overwrite):
    """spaCy factory for ``FastLookupLemmatizer``."""
    return FastLookupLemmatizer(nlp.vocab, None, name, overwrite=overwrite)


class NegationMarker:
    """Mark negation scope: ``doc._.crimerec_negation[i]`` is the governing cue's index or -1."""

    def __init__(self, vocab, *, max_scope=MAX_SCOPE):
        self.vocab = vocab
        self.max_scope = max_scope
        self._sets = None
        self._words = {}

    def initialize(self, get_examples=None, *, nlp=None):
        """Turn the word lists of ``_lexicon`` into lemma hashes, lemmatised like the text."""
        lemma_of = nlp.get_pipe("crimerec_lemmatizer").lemma_of

        def keys(words):
            return frozenset(self.vocab.strings.add(lemma_of(word)) for word in words)

        self._sets = {
            "cues": keys(NEGATION_CUES),
            "stops": keys(SCOPE_BREAKS),
            "conjunctions": keys(CONJUNCTIONS),
            "subjects": keys(NEW_SUBJECTS),
            "pseudo": frozenset(
                (self.vocab.strings.add(lemma_of(a)), self.vocab.strings.add(lemma_of(b)))
                for a, b in PSEUDO_NEGATIONS
            ),
        }

    def __call__(self, doc):
        lemmas, _, _, breaks = token_columns(doc)
        scopes = negation_scopes(lemmas, breaks, max_scope=self.max_scope, **self._sets)
        doc.user_data["crimerec_negation"] = scopes
        return doc

    def _word(self, lemma):
        """The output form of a lemma hash: its text, or ``__num__`` for numbers of 3+ digits."""
        if len(self._words) > _CACHE_LIMIT:
            self._words.clear()
        text = self.vocab.strings[lemma].lower()
        word = NUMBER_TOKEN if text.isdigit() and len(text) >= 3 else text
        self._words[lemma] = word
        return word

    def tokens_text(self, doc, *, mark):
        """Space-joined lemmas without punctuation, ``neg_``-prefixed inside a negation scope."""
        lemmas, _, _, breaks = token_columns(doc)
        try:
            out = list(map(self._words.__getitem__, lemmas))
        except KeyError:
            out = [self._words.get(lemma) or self._word(lemma) for lemma in lemmas]
        if mark:
            for index, cue in enumerate(doc.user_data.get("crimerec_negation", ())):
                if cue >= 0 and out[index][:2] != "__":
                    out[index] = "neg_" + out[index]
        return " ".join([word for word, skip in zip(out, breaks) if not skip])


@Language.factory(
    "crimerec_negation", assigns=["doc._.crimerec_negation"], default_config={"max_scope": MAX_SCOPE}
)
def _make_negation(nlp, name, max_scope):
    """spaCy factory for ``NegationMarker``."""
    return NegationMarker(nlp.vocab, max_scope=max_scope)


def _keep_longest(spans):
    """Per family, drop spans overlapping a longer (or equally long, earlier) one."""
    by_family = defaultdict(list)
    for span in spans:
        by_family[span[0]].append(span)
    kept = []
    for family_spans in by_family.values():
        chosen = []
        for span in sorted(family_spans, key=lambda s: (s[1] - s[2], s[1])):
            if all(span[2] <= other[1] or span[1] >= other[2] for other in chosen):
                chosen.append(span)
        kept += chosen
    return kept


def _extend(words, lowers, alphas, end):
    """Extend an evidence span over a following object and prepositional phrase (display only)."""
    n = len(lowers)
    j = end
    if j < n and lowers[j] in words["objects"]:
        j += 1
    elif j + 1 < n and lowers[j] == words["injured"] and lowers[j + 1] == words["party"]:
        j += 2
    if j < n and lowers[j] in words["prepositions"]:
        k = j + 1
        while k < n and k - j <= 3 and lowers[k] in words["modifiers"]:
            k += 1
        if k < n and alphas[k] and lowers[k] not in words["prepositions"]:
            return k + 1
    return j


class IndicatorTagger:
    """Tag offence-indicator spans by family.

    Sets ``doc._.crimerec_indicators``, a tuple of ``(start, end, family, negated)`` sorted by
    position; ``doc._.indicator_spans`` gives them as ``Span`` objects.
    """

    def __init__(self, vocab):
        self.vocab = vocab
        self.phrases = PhraseMatcher(vocab, attr="LEMMA")
        self.patterns = None
        self._family_of, self._trims = {}, []
        add = vocab.strings.add
        self._words = {
            "objects": frozenset(map(add, _OBJECTS)),
            "prepositions": frozenset(map(add, _PREPOSITIONS)),
            "modifiers": frozenset(map(add, _MODIFIERS)),
            "injured": add("injured"),
            "party": add("party"),
        }

    def initialize(self, get_examples=None, *, nlp=None):
        """Build the matchers from the lexicon files, normalised exactly like the logs."""
        lemmatizer = nlp.get_pipe("crimerec_lemmatizer")
        by_family = defaultdict(list)
        for family, phrase in load_indicator_phrases():
            doc = lemmatizer(nlp.make_doc(phrase))
            if any(token.text.startswith("__") for token in doc):
                raise ValueError(
                    f"Indicator phrase {phrase!r} ({family}) is masked as personal data or a "
                    "recording decision, so it could never match; reword it in indicators.tsv."
                )
            by_family[family].append(doc)
        for family, docs in by_family.items():
            self.phrases.add(family, docs)
            self._family_of[self.vocab.strings[family]] = family
        strings = self.vocab.strings

        def key(attribute, text):
            return strings.add(lemmatizer.lemma_of(text) if attribute == "LEMMA" else text)

        rows = load_indicator_patterns()
        self.patterns = TokenPatterns([(family, name, pattern) for family, name, pattern, _ in rows], key)
        self._trims = [trim for _, _, _, trim in rows]

    def __call__(self, doc):
        _, lowers, alphas, _ = columns = token_columns(doc)
        spans = [(self._family_of[key], start, end, (0, 0)) for key, start, end in self.phrases(doc)]
        for index, start, end in self.patterns(columns):
            spans.append((self.patterns.labels[index], start, end, self._trims[index]))
        scopes = doc.user_data.get("crimerec_negation") or [-1] * len(doc)
        found = []
        for family, start, end, (left, right) in _keep_longest(spans):
            start, end = start + left, end - right
            # A cue inside the matched phrase is part of it ("no complaint", "did not consent").
            negated = any(cue >= 0 and not start <= cue < end for cue in scopes[start:end])
            if family in _EXTENDED_FAMILIES:
                end = _extend(self._words, lowers, alphas, end)
            found.append((start, end, family, negated))
        found.sort()
        doc.user_data["crimerec_indicators"] = tuple(found)
        return doc


@Language.factory("crimerec_indicators", assigns=["doc._.crimerec_indicators"])
def _make_indicators(nlp, name):
    """spaCy factory for ``IndicatorTagger``."""
    return IndicatorTagger(nlp.vocab)

