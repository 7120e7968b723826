"""A base model adapted to one force's export: the base's features plus the force's own vocabulary.

``AdaptedModel`` wraps a fitted base model. It reuses the base's preprocessing and feature matrix (one
spaCy pass per log, as before), adds word and character TF-IDF fitted on the force's own logs, and
computes ``p_should_record`` with one linear head over both blocks (fitted by ``training.adapt``). A
two-weight stacking head (fitted on audited logs) then combines that margin with the base's own
margin, so a strong base is kept and a weak one is outweighed. A head that ``training.adapt`` could not
show to beat the base on audited logs is not adopted: its rows are scored exactly as the base scores them
(probability, threshold and all). The crime group, domestic-abuse flag and evidence always come from the
base (the evidence explains the base's score). With several fold heads it is a cross-fitting scorer:
each row is scored by the head of its fold (a hash of ``incident_id``).
"""

import copy
import hashlib
from types import SimpleNamespace

import numpy as np
import scipy.sparse as sp
from scipy.special import expit

from classifier.data import NO_CRIME
from classifier.errors import NotFittedError, SchemaError
from classifier.model.features import (
    CharTfidfVectorizer,
    WordTfidfVectorizer,
    _decision_free_masked,
    _decision_free_tokens,
)
from classifier.model.folded import FoldedHead

__all__ = ["AdaptedModel", "ForceVocabulary", "LinearHead", "assign_folds", "stack_inputs"]

# Margins are clipped before stacking: a base that is confidently wrong on foreign text can give
# margins in the hundreds, which would swamp two weights fitted on a hundred audited logs.
STACK_CLIP = 15.0


def stack_inputs(base_margin, head_margin):
    """The stacking head's two inputs: clipped base margin and clipped head margin, one row per log."""
    return np.clip(np.c_[np.asarray(base_margin, float), np.asarray(head_margin, float)], -STACK_CLIP, STACK_CLIP)


def assign_folds(incident_ids, n_folds, *, seed=0):
    """Fold of each incident id: a seeded hash, so any chunk of a file can be scored on its own.

    Parameters
    ----------
    incident_ids : iterable of str
    n_folds : int
        Number of folds (>= 2).
    seed : int, default=0

    Returns
    -------
    numpy.ndarray of int
        Values in ``range(n_folds)``; the same id always gets the same fold.

    Examples
    --------
    >>> folds = assign_folds(["a", "b", "c", "a"], 5)
    >>> int(folds[0]) == int(folds[3]), bool(((folds >= 0) & (folds < 5)).all())
    (True, True)
    """
    if isinstance(n_folds, bool) or not isinstance(n_folds, (int, np.integer)) or n_folds < 2:
        raise ValueError(f"n_folds must be an integer >= 2; got {n_folds!r}.")
    salt = f"{seed}:".encode()
    return np.array([int.from_bytes(hashlib.blake2b(salt + str(i).encode("utf-8"), digest_size=8).digest(), "big")
                     % n_folds for i in incident_ids], dtype=np.int64)


class ForceVocabulary:
    """Word TF-IDF over the base's lemma stream (and optionally character TF-IDF over its masked text).

    Fitted on the force's own logs (text only, never labels), so words the generator never used
    ("e-scooter", local place names, house abbreviations) become features. Decision placeholders are
    dropped exactly as in the base's own features. The character block is off by default: on real
    logs it added nothing over the base's own character n-grams and costs 0.07-0.2 ms per log
    (docs/ADAPTATION.md).

    Parameters
    ----------
    word_ngram_max : int, default=2
    char_ngram_range : tuple of int, default=(3, 5)
    min_df : int, default=2
        Lowered to a quarter of the logs for tiny exports, so a vocabulary always exists.
    max_word_features : int, default=50000
    max_char_features : int, default=0
        0 leaves the character block out.
    """

    def __init__(self, *, word_ngram_max=2, char_ngram_range=(3, 5), min_df=2, max_word_features=50000,
                 max_char_features=0):
        self.word_ngram_max = word_ngram_max
        self.char_ngram_range = char_ngram_range
        self.min_df = min_df
        self.max_word_features = max_word_features
        self.max_char_features = max_char_features

    def fit(self, docs):
        """Learn the vocabularies from processed logs (``Features.docs`` of the base)."""
        min_df = min(self.min_df, max(1, len(docs) // 4))
        self.blocks_ = [(_decision_free_tokens, WordTfidfVectorizer(
            ngram_range=(1, self.word_ngram_max), min_df=min_df, max_features=self.max_word_features))]
        if self.max_char_features:
            self.blocks_.append((_decision_free_masked, CharTfidfVectorizer(
                ngram_range=tuple(self.char_ngram_range), min_df=min_df, max_features=self.max_char_features)))
        for select, vectorizer in self.blocks_:
            vectorizer.fit(select(docs))
            vectorizer.__dict__.pop("stop_words_", None)  # every pruned n-gram: large and never used
        return self

    def transform(self, docs):
        """Sparse float32 matrix, one block after the other."""
        if not hasattr(self, "blocks_"):
            raise NotFittedError("This ForceVocabulary is not fitted yet: call fit(docs) first.")
        return sp.hstack([vectorizer.transform(select(docs)) for select, vectorizer in self.blocks_],
                         format="csr", dtype=np.float32)

    @property
    def n_features_(self):
        """Number of columns ``transform`` returns."""
        return sum(len(vectorizer.vocabulary_) for _, vectorizer in self.blocks_)


class LinearHead:
    """A fitted linear margin ``X @ coef + intercept`` (the should-record head of an adapted model)."""

    def __init__(self, coef, intercept):
        self.coef = np.asarray(coef, dtype=np.float64).ravel()
        self.intercept = float(intercept)

    def decision_function(self, matrix):
        """Margins for a sparse or dense matrix with ``len(coef)`` columns."""
        return np.asarray(matrix @ self.coef).ravel() + self.intercept


class AdaptedModel:
    """Should-record probability learned from a force's export, on top of a base model.

    Parameters
    ----------
    base : CrimeRecModel
        The fitted base model; its preprocessing, features, category and domestic-abuse heads and
        evidence are reused unchanged.
    vocabulary : ForceVocabulary
        Fitted force vocabulary.
    heads : list of LinearHead
        One head (a model for new exports) or one per fold (cross-fitted scoring of the export itself),
        over ``design_matrix``.
    stackers : list of LinearHead or None, default=None
        Per head, two weights and an intercept combining (base margin, head margin) into the final
        margin; None uses the head's margin alone.
    adopted : list of bool or None, default=None
        Per head, whether it is used at all; a head that is not adopted leaves its rows scored exactly
        as the base scores them (the base's probability and threshold). None adopts every head.
    fold_seed : int, default=0
        Seed of ``assign_folds`` when there are several heads.
    threshold : float, default=0.5
        Operating threshold on ``p_should_record``.

    Attributes
    ----------
    threshold_ : float
    calibration_ : str
        Always 'none': the stacking head, fitted on audited logs, outputs probabilities directly.
    card_ : dict
    """

    calibration_ = "none"

    def __init__(self, base, vocabulary, heads, *, stackers=None, adopted=None, fold_seed=0, threshold=0.5):
        if not heads or (stackers is not None and len(stackers) != len(heads)):
            raise ValueError(f"AdaptedModel needs at least one head and one stacker per head; got {len(heads)} "
                             f"heads and {None if stackers is None else len(stackers)} stackers.")
        if adopted is not None and len(adopted) != len(heads):
            raise ValueError(f"AdaptedModel needs one adopted flag per head; got {len(adopted)} for {len(heads)} heads.")
        self.base = base
        self.vocabulary = vocabulary
        self.heads = list(heads)
        self.stackers = None if stackers is None else list(stackers)
        self.adopted = None if adopted is None else [bool(a) for a in adopted]
        self.fold_seed = fold_seed
        self.threshold_ = float(threshold)
        self.card_ = {}

    @property
    def category_head_(self):
        """The base's crime-group head (the adapted model predicts groups as the base does)."""
        return self.base.category_head_

    @property
    def read_closing_comment(self):
        """Whether the text read includes the closing comment (as the base)."""
        return self.base.read_closing_comment

    def _check_fitted(self):
        """Raise NotFittedError when the base is not fitted."""
        self.base._check_fitted()

    def set_operating_point(self, *, threshold=None, calibration=None):
        """Set the operating threshold; only calibration 'none' exists for an adapted model."""
        if calibration not in (None, "none"):
            raise ValueError(f"An adapted model has calibration 'none' only; got {calibration!r}.")
        if threshold is not None:
            if not 0.0 <= float(threshold) <= 1.0:
                raise ValueError(f"threshold must be in [0, 1]; got {threshold!r}.")
            self.threshold_ = float(threshold)
        return self

    def featurise(self, frame, *, n_jobs=1, folded=False):
        """The base's ``Features`` for ``frame`` (docs, base matrix, index); ``folded`` as the base's."""
        return self.base.featurise(frame, n_jobs=n_jobs, folded=folded)

    def design_matrix(self, features):
        """The adapted head's input: force-vocabulary block next to the base feature matrix (for fitting)."""
        return sp.hstack([self.vocabulary.transform(features.docs), features.matrix], format="csr",
                         dtype=np.float32)

    @property
    def adopts_any(self):
        """Whether any head is used (False: the model scores exactly as its base)."""
        return getattr(self, "adopted", None) is None or any(self.adopted)

    def _adopted_mask(self, folds, n_rows):
        """Per row, whether its head is adopted (every row when there is one adopted head)."""
        adopted = getattr(self, "adopted", None)
        if adopted is None:
            return np.ones(n_rows, bool)
        if len(self.heads) == 1:
            return np.full(n_rows, adopted[0])
        return np.asarray(adopted, bool)[folds]

    def decision_function(self, features, *, folds=None):
        """Final margins of the adapted heads (``folds`` picks each row's head and stacker when there are several).

        The two blocks of the design matrix are multiplied separately, so the base's matrix is never
        copied; the base margin is computed once per batch. Rows of heads that are not adopted get the
        adapted head's margin all the same (``predict_features`` replaces them by the base's scores).
        """
        if len(self.heads) > 1 and folds is None:
            raise SchemaError("This adapted model is a cross-fitting scorer with one head per fold; "
                              "score frames with an 'incident_id' column (predict_frame) so rows find their fold.")
        force = self.vocabulary.transform(features.docs)
        base = self.base.decision_function(features)
        if len(self.heads) == 1:
            return self._stacked(0, base, self._head_margin(0, force, features))
        margins = np.zeros(force.shape[0])
        for fold in range(len(self.heads)):
            rows = np.flatnonzero(folds == fold)
            if len(rows):
                margins[rows] = self._stacked(fold, base[rows], self._head_margin(fold, force[rows], features, rows))
        return margins

    def _head_margin(self, index, force, features, rows=None):
        """Head ``index`` over [force block | base matrix] without stacking the two blocks into one matrix.

        With folded base features (``featurise(..., folded=True)``) the head's base-matrix weights are
        folded per length class as the base's own heads are (``classifier.model.folded``).
        """
        head, width = self.heads[index], force.shape[1]
        matrix = features.matrix if rows is None else features.matrix[rows]
        margin = np.asarray(force @ head.coef[:width]).ravel() + head.intercept
        short = getattr(features, "short", None)
        if short is None:
            return margin + np.asarray(matrix @ head.coef[width:]).ravel()
        return margin + self._folded_head(index).decision_function(matrix, short if rows is None else short[rows])

    def _folded_head(self, index):
        """Head ``index``'s base-matrix weights folded per length class (made once per head, not pickled)."""
        folds = self.__dict__.setdefault("_folds", {})
        if index not in folds:
            coef = self.heads[index].coef[self.vocabulary.n_features_:]
            weights = SimpleNamespace(coef_=coef.reshape(1, -1), intercept_=np.zeros(1))
            folds[index] = FoldedHead(weights)
        return folds[index]

    def _stacked(self, index, base_margin, head_margin):
        """Combine base and head margins with stacker ``index`` (the head's margin alone without stackers)."""
        if self.stackers is None:
            return head_margin
        return self.stackers[index].decision_function(stack_inputs(base_margin, head_margin))

    def calibrate(self, margins, *, calibration=None):
        """Probabilities from margins (logistic)."""
        return expit(np.asarray(margins, dtype=float))

    def predict_features(self, features, *, evidence=True, folds=None):
        """Score a ``Features`` batch; columns as ``CrimeRecModel.predict_frame``.

        Rows whose head is adopted get the adapted probability and threshold; the others keep the
        base's probability and threshold exactly, so they score as the base would.
        """
        base = self._base_all_groups().predict_features(features, evidence=evidence)
        if len(base) == 0:
            return base
        p = base["p_should_record"].to_numpy(float)
        flagged = p >= self.base.threshold_
        if self.adopts_any:
            use = self._adopted_mask(folds, len(p))
            adapted = self.calibrate(self.decision_function(features, folds=folds))
            p = np.where(use, adapted, p)
            flagged = np.where(use, adapted >= self.threshold_, flagged)
        return base.assign(p_should_record=p.astype(float), predicted_should_record=flagged,
                           predicted_category=np.where(flagged, base["predicted_category"].to_numpy(object),
                                                       NO_CRIME).astype(object))

    def predict_frame(self, frame, *, evidence=True, n_jobs=1):
        """Score incident logs (see ``CrimeRecModel.predict_frame``); fold heads are picked by ``incident_id``."""
        folds = None
        if len(self.heads) > 1 and self.adopts_any and "incident_id" in frame.columns:
            folds = assign_folds(frame["incident_id"].astype(str), len(self.heads), seed=self.fold_seed)
        return self.predict_features(self.featurise(frame, n_jobs=n_jobs, folded=True), evidence=evidence,
                                     folds=folds)

    def _base_all_groups(self):
        """A shallow copy of the base at threshold 0, so its predicted group is filled for every row."""
        if "_base_all" not in self.__dict__:
            self._base_all = copy.copy(self.base).set_operating_point(threshold=0.0)
        return self._base_all

    def __getstate__(self):
        """Leave the threshold-0 copy of the base (it would store the base twice) and the folds out of the pickle."""
        return {k: v for k, v in self.__dict__.items() if k not in ("_base_all", "_folds")}

