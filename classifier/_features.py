"""The model's feature union: word TF-IDF over lemmas, character TF-IDF over masked text, indicators.

Decision placeholders left by the preprocessor are dropped here, and the indicator block keeps only
offence indicators (not layout counts), so the force's decision cannot reach the linear heads.
"""

import re

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import FunctionTransformer

from classifier.preprocessing import IndicatorCounts, processed_masked, processed_tokens

__all__ = ["OffenceIndicators", "build_feature_union", "drop_stop_words"]


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


class OffenceIndicators(TransformerMixin, BaseEstimator):
    """Offence-indicator counts (plain and negated), log-scaled; layout counts left out.

    Wraps ``classifier.preprocessing.IndicatorCounts`` and keeps only its ``ind_*`` columns: the number
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


def build_feature_union(*, word_ngram_max, char_ngram_range, max_word_features, max_char_features, min_df):
    """The unfitted feature union; a block with a zero feature cap is left out."""
    parts = []
    if max_word_features:
        words = TfidfVectorizer(tokenizer=_split_tokens, token_pattern=None, lowercase=False,
                                ngram_range=(1, word_ngram_max), min_df=min_df,
                                max_features=max_word_features, sublinear_tf=True, dtype=np.float32)
        parts.append(("words", Pipeline([("select", FunctionTransformer(_decision_free_tokens)),
                                         ("tfidf", words)])))
    if max_char_features:
        chars = TfidfVectorizer(analyzer="char_wb", ngram_range=char_ngram_range, min_df=min_df,
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
