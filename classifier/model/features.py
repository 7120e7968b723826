"""The model's feature union: word TF-IDF over lemmas, character TF-IDF over masked text, indicators.

Decision placeholders left by the preprocessor are dropped here, and the indicator block keeps only
offence indicators (not layout counts), so the force's decision cannot reach the linear heads.
"""

import re

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import FunctionTransformer

from classifier.text import IndicatorCounts, processed_masked, processed_tokens

__all__ = ["CharTfidfVectorizer", "OffenceIndicators", "RegisterCopies", "WordTfidfVectorizer",
           "build_feature_union", "drop_stop_words", "short_rows"]

_MEMO_LIMIT = 200_000  # distinct words remembered per vectoriser before the memo restarts


def _split_tokens(text):
    """Tokenizer for the lemma stream: the preprocessor already separated tokens by spaces."""
    return text.split()


# The preprocessor replaces the force's decision wording with this placeholder. The model drops it
# (with trailing punctuation) so that even the presence or absence of a decision phrase, which
# differs between recorded and unrecorded logs, cannot become a feature.
_DECISION_TOKEN = re.compile(r"\S*__decision__[\s.,;:!?/-]*")


def _decision_free_tokens(docs):
    """Lemma streams (``ProcessedLog.tokens``) without decision placeholders."""
    return [_DECISION_TOKEN.sub(" ", text) for text in processed_tokens(docs)]


def _decision_free_masked(docs):
    """Masked surface texts (``ProcessedLog.masked``) without decision placeholders."""
    return [_DECISION_TOKEN.sub(" ", text) for text in processed_masked(docs)]


def _count_matrix(indices, indptr, n_columns, dtype):
    """Term counts as scikit-learn's ``_count_vocab`` returns them, from one column index per n-gram seen.

    Row ``i`` holds the indices ``indices[indptr[i]:indptr[i + 1]]``; repeats are summed.
    """
    shape = (len(indptr) - 1, n_columns)
    counts = sp.csr_array((np.ones(len(indices), dtype=dtype), np.asarray(indices, dtype=np.int32),
                           np.asarray(indptr, dtype=np.int64)), shape=shape)
    counts.sum_duplicates()
    return sp.csr_matrix(counts)


class CharTfidfVectorizer(TfidfVectorizer):
    """``TfidfVectorizer(analyzer="char_wb")`` whose ``transform`` remembers each word's n-grams.

    ``char_wb`` n-grams never cross a space, so a text's counts are the sum of its words' counts.
    After fitting, each distinct word is analysed once and its vocabulary columns remembered; the
    output is exactly scikit-learn's, about twice as fast on log text. Fitting is unchanged.
    """

    def __init__(self, *, ngram_range=(3, 5), min_df=1, max_features=None, sublinear_tf=True,
                 dtype=np.float32):
        super().__init__(analyzer="char_wb", ngram_range=ngram_range, min_df=min_df,
                         max_features=max_features, sublinear_tf=sublinear_tf, dtype=dtype)

    def _count_vocab(self, raw_documents, fixed_vocab):
        if not fixed_vocab:
            self.__dict__.pop("_memo", None)
            return super()._count_vocab(raw_documents, fixed_vocab)
        memo = self.__dict__.setdefault("_memo", {})
        if len(memo) > _MEMO_LIMIT:
            memo.clear()
        indices, indptr = [], [0]
        for doc in raw_documents:
            for word in doc.lower().split():
                columns = memo.get(word)
                if columns is None:
                    columns = memo[word] = self._word_columns(word)
                indices += columns
            indptr.append(len(indices))
        return self.vocabulary_, _count_matrix(indices, indptr, len(self.vocabulary_), self.dtype)

    def _word_columns(self, word):
        """Vocabulary columns of one word's ``char_wb`` n-grams (repeats kept, unknown ones dropped)."""
        vocabulary = self.vocabulary_
        return [vocabulary[gram] for gram in self._char_wb_ngrams(word) if gram in vocabulary]

    def __getstate__(self):
        state = super().__getstate__()
        state.pop("_memo", None)
        return state


class WordTfidfVectorizer(TfidfVectorizer):
    """``TfidfVectorizer`` over space-separated tokens whose ``transform`` looks n-grams up directly.

    scikit-learn's ``transform`` finds each n-gram with a ``KeyError`` when it is not in the
    vocabulary, which most bigrams are not. Here they are tested with ``in``: the output is
    exactly scikit-learn's, and fitting is unchanged.
    """

    def __init__(self, *, ngram_range=(1, 2), min_df=1, max_features=None, sublinear_tf=True,
                 dtype=np.float32):
        super().__init__(tokenizer=_split_tokens, token_pattern=None, lowercase=False,
                         ngram_range=ngram_range, min_df=min_df, max_features=max_features,
                         sublinear_tf=sublinear_tf, dtype=dtype)

    def _count_vocab(self, raw_documents, fixed_vocab):
        if not fixed_vocab:
            return super()._count_vocab(raw_documents, fixed_vocab)
        vocabulary = self.vocabulary_
        low, high = self.ngram_range
        indices, indptr = [], [0]
        for doc in raw_documents:
            tokens = doc.split()
            for n in range(low, high + 1):
                grams = tokens if n == 1 else map(" ".join, zip(*(tokens[k:] for k in range(n))))
                indices += [vocabulary[gram] for gram in grams if gram in vocabulary]
            indptr.append(len(indices))
        return vocabulary, _count_matrix(indices, indptr, len(vocabulary), self.dtype)


class OffenceIndicators(TransformerMixin, BaseEstimator):
    """Offence-indicator counts (plain and negated), log-scaled; layout counts left out.

    Wraps ``classifier.text.preprocessing.IndicatorCounts`` and keeps only its ``ind_*`` columns: the number
    of lines and timestamps in a log mostly reflects how the force handled it (updates follow a
    recorded crime), which would let the decision back in.
    """

    def fit(self, X, y=None):
        """Learn nothing; present for the scikit-learn API."""
        return self

    def _keep(self):
        """Positions of the offence-indicator columns in ``IndicatorCounts`` output."""
        names = IndicatorCounts().get_feature_names_out()
        return np.flatnonzero([str(name).startswith("ind_") for name in names])

    def get_feature_names_out(self, input_features=None):
        """The kept ``ind_<family>`` and ``ind_neg_<family>`` names."""
        return IndicatorCounts().get_feature_names_out()[self._keep()]

    def transform(self, X):
        """``log1p`` of the indicator counts, as a sparse float32 matrix."""
        counts = IndicatorCounts().transform(X).tocsc()[:, self._keep()].tocsr()
        return counts.log1p().astype(np.float32)


class RegisterCopies(TransformerMixin, BaseEstimator):
    """The feature matrix three times over: shared, short-log copy and long-log copy.

    A one-line log ("bike taken from rack") and a long call-handler log with updates use the same
    words with different weight: in a long log an offence word can be answered by an update ("found
    where she left it"), in a one-liner it is the whole story. With one set of weights the long logs'
    register decided how much an offence word counted in every log. Here each log also gets a copy of
    its features in the block of its length class (at most ``short_tokens`` tokens, or more), so a
    linear head learns shared weights plus a correction per length class ("frustratingly easy" domain
    adaptation, Daume 2007). Length is read from the log itself, never from a label.

    Parameters
    ----------
    union : FeatureUnion
        The unfitted base features (``build_feature_union``).
    short_tokens : int, default=30
        Logs with at most this many tokens count as short.
    """

    def __init__(self, union, *, short_tokens=30):
        self.union = union
        self.short_tokens = short_tokens

    @property
    def transformer_list(self):
        """The base union's parts (for evidence labels and ``drop_stop_words``)."""
        return self.union.transformer_list

    def fit(self, X, y=None):
        """Fit the base features."""
        self.union.fit(X)
        return self

    def fit_transform(self, X, y=None):
        """Fit the base features and return the three copies."""
        return self._copies(self.union.fit_transform(X), X)

    def transform(self, X):
        """The three copies of the base features of ``X`` (a list of ``ProcessedLog``)."""
        return self._copies(self.union.transform(X), X)

    def _copies(self, base, docs):
        """``[base, base on short rows, base on long rows]`` as one CSR matrix.

        Built directly: row ``i``'s entries, then the same entries shifted into its length block
        (about five times faster than two diagonal products and a stack).
        """
        base = sp.csr_matrix(base, dtype=np.float32)
        width, indptr = base.shape[1], base.indptr.astype(np.int64)
        sizes = np.diff(indptr)
        rows = np.repeat(np.arange(base.shape[0]), sizes)
        first = np.arange(base.nnz) + indptr[rows]
        second = first + sizes[rows]
        shift = np.where(short_rows(docs, self.short_tokens), width, 2 * width)[rows]
        data = np.empty(2 * base.nnz, dtype=np.float32)
        indices = np.empty(2 * base.nnz, dtype=np.int32)
        data[first], data[second] = base.data, base.data
        indices[first], indices[second] = base.indices, base.indices + shift
        return sp.csr_matrix((data, indices, 2 * indptr), shape=(base.shape[0], 3 * width))

    @staticmethod
    def contributions(matrix, coef):
        """Per-feature contributions ``value x (shared weight + length-class weight)`` of each row.

        ``matrix`` must come from ``transform`` (each row: its base entries, then the same entries in
        its length block); the result has the base width.
        """
        half = np.asarray(matrix.indptr, dtype=np.int64) // 2
        sizes = np.diff(half)
        rows = np.repeat(np.arange(matrix.shape[0]), sizes)
        first = np.arange(half[-1]) + half[rows]
        second = first + sizes[rows]
        indices = matrix.indices[first]
        data = matrix.data[first] * (coef[indices] + coef[matrix.indices[second]])
        return sp.csr_matrix((data.astype(np.float32), indices, half), shape=(matrix.shape[0], matrix.shape[1] // 3))


def short_rows(docs, short_tokens):
    """Boolean mask of the processed logs with at most ``short_tokens`` tokens."""
    return np.fromiter((doc.tokens.count(" ") < short_tokens for doc in docs), dtype=bool, count=len(docs))


def build_feature_union(*, word_ngram_max, char_ngram_range, max_word_features, max_char_features, min_df):
    """The unfitted feature union; a block with a zero feature cap is left out."""
    parts = []
    if max_word_features:
        words = WordTfidfVectorizer(ngram_range=(1, word_ngram_max), min_df=min_df,
                                    max_features=max_word_features, sublinear_tf=True, dtype=np.float32)
        parts.append(("words", Pipeline([("select", FunctionTransformer(_decision_free_tokens)),
                                         ("tfidf", words)])))
    if max_char_features:
        chars = CharTfidfVectorizer(ngram_range=char_ngram_range, min_df=min_df,
                                    max_features=max_char_features, sublinear_tf=True, dtype=np.float32)
        parts.append(("chars", Pipeline([("select", FunctionTransformer(_decision_free_masked)),
                                         ("tfidf", chars)])))
    parts.append(("indicators", OffenceIndicators()))
    return FeatureUnion(parts)


def drop_stop_words(feature_union):
    """Remove the vectorisers' ``stop_words_`` (every pruned n-gram): not needed, and large."""
    for _, part in feature_union.transformer_list:
        last = part[-1] if hasattr(part, "steps") else part
        if hasattr(last, "stop_words_"):
            del last.stop_words_
