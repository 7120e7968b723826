"""Turn incident logs into what the model reads: masked text, negation-marked lemmas and evidence.

A spaCy pipeline built on ``spacy.blank("en")`` (no downloaded model) masks personal data and the
force's recording decision, expands shorthand, adds lookup lemmas, marks negation scope and tags
offence-indicator spans. The force's decision never reaches the model: ``log_text`` reads only
``opening_code``, ``narrative`` and ``closing_comment``, and decision wording inside them is masked
(rules in ``classifier/text/masking.py``; lexicon and shorthand tables in ``classifier/text/resources/``).
"""

import gc
from contextlib import contextmanager
from functools import lru_cache
from numbers import Integral
from typing import NamedTuple

import numpy
import pandas
import scipy.sparse
import spacy
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils._param_validation import Interval
from spacy.attrs import IDX

from classifier.errors import SchemaError

# Importing _components registers the crimerec_* spaCy factories.
from classifier.text.components import MaskingTokenizer, make_tokenizer
from classifier.text.lexicon import INDICATOR_FAMILIES
from classifier.text.masking import normalise_texts

__all__ = [
    "INDICATOR_FAMILIES",
    "LOG_TEXT_COLUMNS",
    "MAX_CHARS",
    "IndicatorCounts",
    "LogPreprocessor",
    "ProcessedLog",
    "build_nlp",
    "describe_indicators",
    "log_text",
    "processed_masked",
    "processed_tokens",
]

LOG_TEXT_COLUMNS = ("opening_code", "narrative", "closing_comment")
# Longer texts are cut here: real logs are a few thousand characters, and the cap bounds the time
# one pathological row can take.
MAX_CHARS = 100_000
_PIPE_NAMES = ("crimerec_lemmatizer", "crimerec_negation", "crimerec_indicators")


class ProcessedLog(NamedTuple):
    """One preprocessed log.

    ``tokens``: space-joined lemmas with placeholders and ``neg_`` prefixes (for word n-grams);
    ``masked``: lower-case masked text (for character n-grams and display);
    ``indicators``: ``(family, text, negated)`` evidence triples, text taken from ``masked``.
    """

    tokens: str
    masked: str
    indicators: tuple


def log_text(frame):
    """Build the one text the model reads for each row of a contract frame.

    Parameters
    ----------
    frame : pandas.DataFrame
        Incident rows with at least ``narrative``; ``opening_code`` and ``closing_comment`` are used
        when present. No other column is read (``recorded``, ``closing_code`` and the labels never).

    Returns
    -------
    list of str
        ``"OPENING: <code>\\n<narrative>\\nCLOSING: <comment>"``, leaving out empty parts.

    Raises
    ------
    SchemaError
        If ``narrative`` is missing.

    Examples
    --------
    >>> frame = pandas.DataFrame({"narrative": ["IP punched"], "opening_code": ["ASSAULT"],
    ...                           "recorded": [True], "closing_comment": [None]})
    >>> log_text(frame)
    ['OPENING: ASSAULT\\nIP punched']
    """
    if "narrative" not in frame.columns:
        raise SchemaError(
            "Column 'narrative' is missing, so there is no log text to read. "
            f"Columns present: {list(frame.columns)}."
        )
    columns = [_text_column(frame, name) for name in LOG_TEXT_COLUMNS]
    return [_join_parts(*parts) for parts in zip(*columns)]


def _text_column(frame, name):
    """One text column as a list of stripped strings ("" for missing values or absent columns)."""
    if name not in frame.columns:
        return [""] * len(frame)
    values = frame[name].astype(object).where(frame[name].notna(), "")
    return [str(value).strip() for value in values.tolist()]


def _join_parts(opening, narrative, closing):
    """Join the parts of one log with labelled line breaks."""
    parts = [f"OPENING: {opening}"] if opening else []
    parts.append(narrative)
    if closing:
        parts.append(f"CLOSING: {closing}")
    return "\n".join(parts)


def build_nlp(*, mask_decisions=True):
    """Build crimerec's spaCy pipeline on ``spacy.blank("en")``; no model is downloaded.

    Parameters
    ----------
    mask_decisions : bool, default=True
        Mask recording decisions (``__decision__``) as well as personal data.

    Returns
    -------
    spacy.language.Language
        Tokenizer that masks and normalises first, then ``crimerec_lemmatizer``,
        ``crimerec_negation`` and ``crimerec_indicators``.

    Examples
    --------
    >>> nlp = build_nlp()
    >>> doc = nlp("IP has no injuries. Tel 07700 900123.")
    >>> doc.text
    'injured party has no injuries. telephone __phone__.'
    >>> [(span.label_, span.text) for span in doc._.indicator_spans]
    [('injury', 'injuries')]
    """
    nlp = spacy.blank("en")
    nlp.tokenizer = MaskingTokenizer(make_tokenizer(nlp), mask_decisions=mask_decisions)
    for name in _PIPE_NAMES:
        nlp.add_pipe(name)
    nlp.initialize()
    return nlp


@lru_cache(maxsize=2)
def _shared_nlp(mask_decisions):
    """One pipeline per setting per process, built on first use (never pickled)."""
    return build_nlp(mask_decisions=mask_decisions)


@contextmanager
def _no_cyclic_gc():
    """Pause the cyclic garbage collector while a batch is processed (about 10% faster).

    Reference counting still frees every Doc; the collector only re-scans the many small objects
    spaCy creates. It is switched back on (if it was on) when the batch is done.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _as_texts(X):
    """Check and return ``X`` as a list of strings (1-D, or a single text column)."""
    if isinstance(X, str):
        raise SchemaError(
            "Expected a sequence of log texts, got a single string. Wrap it in a list: [text]."
        )
    if isinstance(X, pandas.DataFrame):
        if X.shape[1] != 1:
            raise SchemaError(
                f"Expected one text column, got a frame with columns {list(X.columns)}. "
                "Build the texts with log_text(frame)."
            )
        X = X.iloc[:, 0]
    elif isinstance(X, numpy.ndarray) and X.ndim == 2 and X.shape[1] == 1:
        X = X[:, 0]
    elif isinstance(X, numpy.ndarray) and X.ndim != 1:
        raise SchemaError(f"Expected a 1-D sequence of log texts, got an array of shape {X.shape}.")
    texts = list(X)
    for row, text in enumerate(texts):
        if not isinstance(text, str):
            raise SchemaError(
                f"Expected text (str) in every row, got {type(text).__name__} ({text!r}) at row {row}. "
                "Build the texts with log_text(frame), which turns missing text into ''."
            )
    return [text[:MAX_CHARS] for text in texts]


class LogPreprocessor(TransformerMixin, BaseEstimator):
    """scikit-learn transformer: log texts -> ``ProcessedLog`` (tokens, masked text, indicators).

    Stateless: ``fit`` only checks its input. The spaCy pipeline is not part of the estimator; it
    is built once per process on first use, so a pickled model stays small and loads fast.

    Parameters
    ----------
    batch_size : int, default=256
        Texts per ``nlp.pipe`` batch.
    mask_decisions : bool, default=True
        Mask recording decisions. Switch off only to study leakage; a model must never be trained
        on unmasked decisions.
    mark_negation : bool, default=True
        Prefix negated tokens with ``neg_`` and report negated indicators.

    Examples
    --------
    >>> [log] = LogPreprocessor().fit_transform(["IP has no injuries but was punched."])
    >>> log.tokens
    'injure party have no neg_injury but be punch'
    >>> log.indicators
    (('injury', 'injuries', True), ('violence', 'punched', False))
    """

    _parameter_constraints = {
        "batch_size": [Interval(Integral, 1, None, closed="left")],
        "mask_decisions": ["boolean"],
        "mark_negation": ["boolean"],
    }

    def __init__(self, *, batch_size=256, mask_decisions=True, mark_negation=True):
        self.batch_size = batch_size
        self.mask_decisions = mask_decisions
        self.mark_negation = mark_negation

    def fit(self, X, y=None):
        """Check the parameters and that ``X`` is a sequence of texts; learns nothing."""
        self._validate_params()
        _as_texts(X)
        return self

    def transform(self, X):
        """Preprocess each text; returns a list of ``ProcessedLog`` in input order."""
        self._validate_params()
        texts = _as_texts(X)
        nlp = _shared_nlp(self.mask_decisions)
        negation = nlp.get_pipe("crimerec_negation")
        with _no_cyclic_gc():
            # Masking a batch at once is faster than text by text; spaCy then takes the tokenised Docs.
            masked = normalise_texts(texts, decisions=self.mask_decisions)
            docs = (nlp.tokenizer.from_normalised(text) for text in masked)
            return [self._process(doc, negation) for doc in nlp.pipe(docs, batch_size=self.batch_size)]

    def _process(self, doc, negation):
        """Read one processed ``Doc`` into a ``ProcessedLog``."""
        text = doc.user_data.get("crimerec_text", None) or doc.text
        found = doc.user_data.get("crimerec_indicators", ())
        indicators = ()
        if found:
            # Character offsets of every token, plus the end of the text, to cut evidence out of it.
            offsets = doc.to_array(IDX).tolist() + [len(text)]
            indicators = tuple(
                (family, text[offsets[start] : offsets[end]].rstrip(), negated and self.mark_negation)
                for start, end, family, negated in found
            )
        return ProcessedLog(negation.tokens_text(doc, mark=self.mark_negation), text, indicators)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.requires_fit = False
        tags.input_tags.string = True
        tags.input_tags.one_d_array = True
        tags.transformer_tags.preserves_dtype = []
        return tags


def processed_tokens(docs):
    """The ``tokens`` field of each ``ProcessedLog`` (for a FunctionTransformer)."""
    return [doc.tokens for doc in docs]


def processed_masked(docs):
    """The ``masked`` field of each ``ProcessedLog`` (for a FunctionTransformer)."""
    return [doc.masked for doc in docs]


def describe_indicators(doc):
    """Short evidence strings for one ``ProcessedLog``, in text order, without repeats.

    Examples
    --------
    >>> describe_indicators(ProcessedLog("", "", (("violence", "punched", True),)))
    ["violence (negated): 'punched'"]
    """
    seen = []
    for family, text, negated in doc.indicators:
        item = f"{family} (negated): '{text}'" if negated else f"{family}: '{text}'"
        if item not in seen:
            seen.append(item)
    return seen


class IndicatorCounts(TransformerMixin, BaseEstimator):
    """Count indicator spans per family (plain and negated) plus a few layout counts.

    Input: a sequence of ``ProcessedLog``. Output: a sparse ``float64`` matrix with the columns of
    ``get_feature_names_out()``: ``ind_<family>``, ``ind_neg_<family>``, ``n_timestamps`` and
    ``n_lines``. Stateless.

    Examples
    --------
    >>> counts = IndicatorCounts().fit_transform([ProcessedLog("", "a", (("injury", "cut", True),))])
    >>> dict(zip(IndicatorCounts().get_feature_names_out(), counts.toarray()[0]))["ind_neg_injury"]
    np.float64(1.0)
    """

    def fit(self, X, y=None):
        """Learn nothing; present for the scikit-learn API."""
        return self

    def get_feature_names_out(self, input_features=None):
        """Column names: ``ind_<family>``, ``ind_neg_<family>``, ``n_timestamps``, ``n_lines``."""
        names = [f"ind_{family}" for family in INDICATOR_FAMILIES]
        names += [f"ind_neg_{family}" for family in INDICATOR_FAMILIES]
        return numpy.asarray(names + ["n_timestamps", "n_lines"], dtype=object)

    def transform(self, X):
        """Count per row; returns a ``scipy.sparse.csr_matrix``."""
        column = {family: i for i, family in enumerate(INDICATOR_FAMILIES)}
        offset = len(INDICATOR_FAMILIES)
        docs = list(X)
        rows, cols, values = [], [], []
        for row, doc in enumerate(docs):
            counts = {}
            for family, _, negated in doc.indicators:
                index = column[family] + (offset if negated else 0)
                counts[index] = counts.get(index, 0) + 1
            counts[2 * offset] = doc.masked.count("__time__")
            counts[2 * offset + 1] = doc.masked.count("\n") + 1 if doc.masked else 0
            for index, value in counts.items():
                if value:
                    rows.append(row)
                    cols.append(index)
                    values.append(float(value))
        shape = (len(docs), 2 * offset + 2)
        return scipy.sparse.csr_matrix((values, (rows, cols)), shape=shape, dtype=numpy.float64)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.requires_fit = False
        tags.input_tags.two_d_array = False
        return tags
