"""Baseline should-record classifiers for the comparison table (``training.compare``).

Each baseline has ``fit(train_frame)`` and ``score(frame) -> ndarray`` (higher = more likely to need
recording). They read the same text as crimerec (``log_text``: opening code, narrative, closing
comment) but none of crimerec's preprocessing: no shorthand expansion, masking, lemmas or negation.
"""

import random
import re

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score

from classifier.text import log_text

# Our own list of words a crime-keyword rule would look for (not taken from any evaluation set).
CRIME_WORDS = (
    "abh", "arson", "assault", "assaulted", "attacked", "bleeding", "broke", "burglary", "burgled",
    "damage", "damaged", "drugs", "exposed", "fraud", "gbh", "graffiti", "harassment", "harassing",
    "headbutted", "hit", "injury", "kicked", "kill", "knife", "mugged", "punched", "raped", "robbed",
    "robbery", "sexual", "shoplifting", "slapped", "smashed", "stabbed", "stalking", "steal", "stole",
    "stolen", "strangled", "theft", "threatened", "threats", "touched", "weapon",
)
_WORD = re.compile(r"[a-z]+")


def _lower_texts(frame):
    """The raw log text, lower-cased (no other processing)."""
    return [text.lower() for text in log_text(frame)]


def _raw_text(frame, *, closing_comment):
    """``log_text`` of the rows, leaving out the closing comment unless ``closing_comment``."""
    return log_text(frame if closing_comment else frame.drop(columns="closing_comment", errors="ignore"))


def _labels(frame):
    """``should_record`` as a bool array."""
    return frame["should_record"].astype(bool).to_numpy()


class SingleKeywordRule:
    """Flag a log when it contains one keyword: the keyword with the best training F1 is chosen."""

    name = "single keyword rule"
    fixed_threshold = 0.5

    def fit(self, frame):
        """Pick the keyword from ``CRIME_WORDS`` with the highest F1 on the training rows."""
        present = _keyword_matrix(_lower_texts(frame))
        y = _labels(frame)
        scores = [f1_score(y, present[:, j]) for j in range(present.shape[1])]
        self.keyword_ = CRIME_WORDS[int(np.argmax(scores))]
        self.name = f"single keyword rule ('{self.keyword_}')"
        return self

    def score(self, frame):
        """1.0 where the keyword occurs, else 0.0."""
        return np.array([float(self.keyword_ in set(_WORD.findall(t))) for t in _lower_texts(frame)])


class AnyKeywordRule:
    """Flag a log when any word of ``CRIME_WORDS`` occurs (a typical hand-written rule)."""

    name = "any crime keyword rule"
    fixed_threshold = 0.5

    def fit(self, frame):
        """Nothing to learn."""
        return self

    def score(self, frame):
        """1.0 where any keyword occurs, else 0.0."""
        return _keyword_matrix(_lower_texts(frame)).any(axis=1).astype(float)


def _keyword_matrix(texts):
    """Boolean matrix: row = log, column = whether that ``CRIME_WORDS`` entry occurs as a word."""
    index = {word: j for j, word in enumerate(CRIME_WORDS)}
    present = np.zeros((len(texts), len(CRIME_WORDS)), dtype=bool)
    for i, text in enumerate(texts):
        for word in set(_WORD.findall(text)) & index.keys():
            present[i, index[word]] = True
    return present


class KeywordCountsLR:
    """Logistic regression on counts of the ``CRIME_WORDS`` only."""

    name = "crime keywords + logistic regression"

    def fit(self, frame):
        """Fit the vectoriser (fixed vocabulary) and the regression."""
        self.vectorizer_ = CountVectorizer(vocabulary=CRIME_WORDS, token_pattern=r"[a-z]+")
        self.model_ = LogisticRegression(max_iter=1000).fit(
            self.vectorizer_.transform(_lower_texts(frame)), _labels(frame))
        return self

    def score(self, frame):
        """Predicted probability."""
        return self.model_.predict_proba(self.vectorizer_.transform(_lower_texts(frame)))[:, 1]


class PlainTfidfLR:
    """TF-IDF word 1-2-grams on the raw log text + logistic regression (no crimerec preprocessing).

    Parameters
    ----------
    closing_comment : bool, default=True
        Read the closing comment too. It holds the force's own decision in plain words ("crime
        recorded", "no crime"), which a model without decision masking can learn to copy.
    """

    def __init__(self, *, closing_comment=True):
        self.closing_comment = closing_comment
        self.name = ("plain TF-IDF + logistic regression" if closing_comment
                     else "plain TF-IDF + logistic regression (no closing comment)")

    def _texts(self, frame):
        """Raw log text, without the closing comment if so configured."""
        return _raw_text(frame, closing_comment=self.closing_comment)

    def fit(self, frame):
        """Fit vectoriser and regression on the raw text."""
        self.vectorizer_ = TfidfVectorizer(ngram_range=(1, 2), min_df=3, max_features=100000,
                                           sublinear_tf=True, dtype=np.float32)
        matrix = self.vectorizer_.fit_transform(self._texts(frame))
        self.model_ = LogisticRegression(C=4.0, max_iter=2000).fit(matrix, _labels(frame))
        return self

    def score(self, frame):
        """Predicted probability."""
        return self.model_.predict_proba(self.vectorizer_.transform(self._texts(frame)))[:, 1]


class SpacyTextcat:
    """spaCy ``textcat`` (bag-of-words unigrams+bigrams, exclusive labels) on a blank English pipeline.

    Parameters
    ----------
    epochs : int, default=3
    seed : int, default=0
    closing_comment : bool, default=True
        Read the closing comment too (see ``PlainTfidfLR``). Without it, the baseline reads
        exactly the fields crimerec's shipped model reads.
    """

    def __init__(self, *, epochs=3, seed=0, closing_comment=True):
        self.epochs = epochs
        self.seed = seed
        self.closing_comment = closing_comment
        self.name = "spaCy textcat (bow)" if closing_comment else "spaCy textcat (bow, no closing comment)"

    def _texts(self, frame):
        """Raw log text, without the closing comment if so configured."""
        return _raw_text(frame, closing_comment=self.closing_comment)

    def fit(self, frame):
        """Train from scratch on the raw log text."""
        import spacy
        from spacy.training import Example
        from spacy.util import fix_random_seed, minibatch

        fix_random_seed(self.seed)
        nlp = spacy.blank("en")
        textcat = nlp.add_pipe("textcat", config={"model": {
            "@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True, "ngram_size": 2,
            "no_output_layer": False, "length": 262144}})
        for label in ("RECORD", "NOT"):
            textcat.add_label(label)
        examples = [Example.from_dict(nlp.make_doc(text), {"cats": {"RECORD": float(y), "NOT": float(not y)}})
                    for text, y in zip(self._texts(frame), _labels(frame))]
        optimizer = nlp.initialize(lambda: examples[:500])
        order = random.Random(self.seed)
        for _ in range(self.epochs):
            order.shuffle(examples)
            for batch in minibatch(examples, size=64):
                nlp.update(batch, sgd=optimizer, drop=0.1)
        self.nlp_ = nlp
        return self

    def score(self, frame):
        """Probability of the RECORD label."""
        return np.array([doc.cats["RECORD"] for doc in self.nlp_.pipe(self._texts(frame), batch_size=256)])


def default_baselines(*, seed=0, textcat_epochs=3):
    """The baselines in the order they appear in the comparison table."""
    return [SingleKeywordRule(), AnyKeywordRule(), KeywordCountsLR(), PlainTfidfLR(),
            PlainTfidfLR(closing_comment=False), SpacyTextcat(epochs=textcat_epochs, seed=seed),
            SpacyTextcat(epochs=textcat_epochs, seed=seed, closing_comment=False)]
