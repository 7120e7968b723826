"""The speed-ups in preprocessing and features must give exactly what the plain versions give."""

import numpy
import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import TfidfVectorizer

from classifier.model.features import (
    CharTfidfVectorizer,
    WordTfidfVectorizer,
    _split_tokens,
)
from classifier.text.components import make_tokenizer
from classifier.text.masking import normalise_text

LOGS = [
    "OPENING: ASSAULT\nIP states her ex-partner punched her. She didn't want to call.\nCLOSING: words only",
    "Caller's neighbour can't stop shouting;  he's threatened to  \"sort her out\"\t(again).\n\nNFA.",
    "I'm not sure, she said: 'don't worry'. Mr. Smith's car... damaged? 12:30pm\u00a0today\n- PC 1234",
    "OPENING: CONCERN FOR SAFETY\nno injuries\nno threats\nRP happy",
    "",
    "\n",
    "   ",
]


def _tokens(tokenizer, text):
    """Each token's text and trailing whitespace."""
    return [(token.text, token.whitespace_) for token in tokenizer(text)]


@pytest.fixture(scope="module")
def tokenizers():
    """Our tokenizer and the same one with spaCy's whitespace special cases left in."""
    ours = make_tokenizer(spacy.blank("en"))
    reference = make_tokenizer(spacy.blank("en"))
    reference.rules = spacy.blank("en").tokenizer.rules
    assert "\n" in reference.rules and "\n" not in ours.rules
    return ours, reference


@pytest.mark.parametrize("text", LOGS)
def test_tokens_equal_spacy_with_whitespace_special_cases(tokenizers, text):
    ours, reference = tokenizers
    for variant in (text, normalise_text(text)):
        for _ in range(2):  # the second pass is served from the tokenizer's cache
            assert _tokens(ours, variant) == _tokens(reference, variant)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["IP", "didn't", "can't", "I'm", "mr.", "\n", " ", "  ", "\t", "\u00a0",
                                 "(her)", "__name__", "12:30", "ex-partner", ".", ",", "...", ":)", "'s",
                                 "e.g.", "\r\n", "punched"]), max_size=30))
def test_tokens_equal_spacy_on_any_mix_of_words_and_whitespace(tokenizers, parts):
    ours, reference = tokenizers
    text = "".join(parts)
    assert _tokens(ours, text) == _tokens(reference, text)


def _fitted_pair(texts):
    """scikit-learn's char_wb vectoriser and ours, fitted alike."""
    options = dict(ngram_range=(3, 4), min_df=1, max_features=500, sublinear_tf=True, dtype=numpy.float32)
    plain = TfidfVectorizer(analyzer="char_wb", **options).fit(texts)
    memo = CharTfidfVectorizer(**options).fit(texts)
    assert plain.vocabulary_ == memo.vocabulary_
    return plain, memo


def test_char_vectoriser_equals_scikit_learn_exactly():
    train = [normalise_text(text) for text in LOGS] + ["punched kicked threatened", "a an the"]
    plain, memo = _fitted_pair(train)
    test = train + ["unseen words ARE here", "x", "", "punched\tpunched  punched\npunched"]
    for _ in range(2):  # cold and warm memo
        expected, got = plain.transform(test), memo.transform(test)
        assert (expected != got).nnz == 0
        assert numpy.array_equal(expected.indices, got.indices)
        assert numpy.array_equal(expected.indptr, got.indptr)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet="abcde \n\tXY.'", max_size=40), min_size=1, max_size=8))
def test_char_vectoriser_equals_scikit_learn_on_any_text(texts):
    plain, memo = _fitted_pair(["abc abd bcd", "cde eda", "a b c d e"])
    assert (plain.transform(texts) != memo.transform(texts)).nnz == 0


def test_char_vectoriser_memo_is_not_pickled_and_refit_forgets_it():
    import pickle

    _, memo = _fitted_pair(["abc abd bcd", "cde eda"])
    memo.transform(["abc cde"])
    assert memo._memo
    assert "_memo" not in pickle.loads(pickle.dumps(memo)).__dict__
    memo.fit(["zzz yyy"])
    assert "_memo" not in memo.__dict__
    assert memo.transform(["zzz"]).nnz > 0


def _fitted_word_pair(texts, ngram_range=(1, 2)):
    """scikit-learn's word vectoriser over space-separated tokens and ours, fitted alike."""
    options = dict(ngram_range=ngram_range, min_df=1, max_features=40, sublinear_tf=True, dtype=numpy.float32)
    plain = TfidfVectorizer(tokenizer=_split_tokens, token_pattern=None, lowercase=False, **options).fit(texts)
    ours = WordTfidfVectorizer(**options).fit(texts)
    assert plain.vocabulary_ == ours.vocabulary_
    return plain, ours


@pytest.mark.parametrize("ngram_range", [(1, 1), (1, 2), (1, 3), (2, 3)])
def test_word_vectoriser_equals_scikit_learn_exactly(ngram_range):
    train = ["he punch her", "NOT_punch her no injury", "she say he punch her again and again", "a b c d e f g"]
    plain, ours = _fitted_word_pair(train, ngram_range)
    test = train + ["", "punch", "unseen word here", "her her her punch her", "a  b\tc\nd"]
    expected, got = plain.transform(test), ours.transform(test)
    assert (expected != got).nnz == 0
    assert numpy.array_equal(expected.indices, got.indices) and numpy.array_equal(expected.indptr, got.indptr)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet="abc \n", max_size=30), min_size=1, max_size=8))
def test_word_vectoriser_equals_scikit_learn_on_any_text(texts):
    plain, ours = _fitted_word_pair(["a b c", "a a b", "c b a b", "ab bc ca"])
    assert (plain.transform(texts) != ours.transform(texts)).nnz == 0
