"""The fitted crimerec model: one preprocessing pass, one shared feature union, three linear heads.

``CrimeRecModel`` runs spaCy preprocessing once per batch, turns the processed logs into one sparse
feature matrix (TF-IDF word n-grams over normalised lemmas with negation marks, TF-IDF character
n-grams over masked text, offence-indicator counts), and feeds it to three logistic regressions:
should-record (calibrated), HOCR group, and domestic abuse. ``save_model``/``load_model`` persist it
with a model card and refuse any artefact whose SHA-256 does not match the card.
"""

import logging
import warnings
from typing import NamedTuple

import numpy as np
import pandas as pd
from joblib import Parallel, delayed, effective_n_jobs
from scipy.special import expit
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import SGDClassifier
from sklearn.model_selection import GroupKFold, StratifiedKFold, cross_val_predict
from sklearn.pipeline import Pipeline

from classifier.data import NO_CRIME
from classifier.errors import NotFittedError, SchemaError
from classifier.model import evidence as _evidence
from classifier.model import features as _features
from classifier.model import folded as _folded
from classifier.model import heads as _heads
from classifier.model import persist as _persist
from classifier.model.adapted import AdaptedModel
from classifier.model.features import OffenceIndicators
from classifier.text import LogPreprocessor, describe_indicators, log_text

__all__ = ["CrimeRecModel", "Features", "OffenceIndicators", "save_model", "load_model", "PREDICTION_COLUMNS",
           "CALIBRATIONS", "ModelVersionWarning"]

logger = logging.getLogger(__name__)

PREDICTION_COLUMNS = ("p_should_record", "predicted_should_record", "predicted_category",
                      "p_domestic_abuse", "evidence")
CALIBRATIONS = ("sigmoid", "isotonic", "none")
ModelVersionWarning = _persist.ModelVersionWarning
# Below this many logs, starting worker processes costs more than it saves.
_PARALLEL_MIN_ROWS = 2000


class Features(NamedTuple):
    """A preprocessed batch: the processed logs, their feature matrix, and the frame's index.

    ``short`` is None when ``matrix`` is the full feature matrix the heads were fitted on. For a
    model with register copies scored with ``featurise(..., folded=True)``, ``matrix`` holds the base
    features only and ``short`` each row's length class; the heads then use folded weights
    (``classifier.model.folded``).
    """

    docs: list
    matrix: object
    index: pd.Index
    short: object = None


class CrimeRecModel:
    """Should-record probability, HOCR group and domestic-abuse flag for incident logs.

    Parameters
    ----------
    word_ngram_max : int, default=2
        Word n-grams 1..word_ngram_max over normalised lemmas (with ``neg_`` negation marks).
    char_ngram_range : tuple of int, default=(4, 4)
        Character n-gram sizes over the masked, lower-cased text (``char_wb`` analyser). Wider
        ranges cost 2-3x the feature time with no measurable gain on held-out data.
    max_word_features, max_char_features : int, default=40000, 20000
        Vocabulary caps (0 disables that block); they bound the artefact size.
    min_df : int, default=3
        Minimum number of training logs an n-gram must appear in.
    alpha : float, default=1e-5
        L2 regularisation of the three logistic-loss linear models (``SGDClassifier``; chosen over
        ``LogisticRegression`` by measurement: same validation quality, about 10x faster to fit).
    max_iter : int, default=50
        Maximum epochs of each linear model.
    class_weight : {None, 'balanced'}, default=None
        Class weighting for the should-record head.
    calibration : {'sigmoid', 'isotonic', 'none'}, default='sigmoid'
        Calibration of ``p_should_record``. All three are fitted on out-of-fold margins, so the
        choice can be changed after fitting with ``set_operating_point`` (training picks the one with
        the lowest validation Brier score).
    calibration_folds : int, default=3
        Folds used to produce the out-of-fold margins the calibrators are fitted on.
    decision_balance : bool, default=True
        Weight training rows so that the force's decision (``recorded``, when present) carries no
        information about ``should_record`` (see ``_decision_weights``); ``recorded`` is never a
        feature either way.
    read_closing_comment : bool, default=False
        Read the closing comment (decision wording masked). It can hold facts that disprove a report,
        but it is written after, and in support of, the force's decision, so it is off by default
        (as in ``training/default_config.toml``; see ``docs/MODEL_COMPARISON.md``).
    evidence_top_k : int, default=4
        Number of contributing features listed in ``evidence``.
    random_state : int, default=0
        Seed for the calibration folds.
    register_copies : bool, default=True
        Give every log a second copy of its features in the block of its length class (short or
        long; see ``features.RegisterCopies``) so offence words are weighted for one-line logs on their
        own, not only as the long logs' register dictates.
    short_log_tokens : int, default=30
        Logs with at most this many tokens count as short (``register_copies``, ``length_offset_recall``).
    length_offset_recall : float or None, default=0.95
        With calibration groups, shift the margins of short logs by ``short_offset_`` so that short and
        long logs of held-out registers reach this recall at the same margin. A one-line report of a
        crime carries less text than a long log, so its margin is smaller; without the shift one
        operating threshold would meet the recall target on long logs and miss it on short ones. None
        leaves margins as they are.
    calibration_groups : str or None, default='register'
        Column of the training frame whose values are held out whole in the calibration folds (the
        generator's ``register``). The calibrators, and the threshold training chooses from the same
        out-of-fold scores, then reflect logs written in a way the head did not see, rather than
        near-separable generated logs. Without that column (a force's own audited logs) the folds are
        stratified random folds.
    preprocessor : LogPreprocessor, default=None
        A configured (unfitted) preprocessor; None builds ``LogPreprocessor()``.

    Attributes
    ----------
    threshold_ : float
        Operating threshold on ``p_should_record`` (0.5 until training sets it).
    calibration_ : str
        The calibration in use.
    card_ : dict
        The model card (set by ``save_model`` / ``load_model``; empty before).
    short_offset_ : float
        Margin added to short logs (0.0 unless ``length_offset_recall`` and calibration groups apply).
    heldout_margins_, heldout_labels_ : ndarray
        The out-of-fold margins the calibrators were fitted on and their labels; ``heldout_grouped_``
        says whether whole ``calibration_groups`` were held out. Kept for training to choose the
        threshold; not saved with the model.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({
    ...     "incident_id": ["a", "b", "c", "d"],
    ...     "narrative": ["He punched me in the face.", "Someone stole my bike.",
    ...                   "Loud music next door.", "Lost my keys in town."],
    ...     "should_record": [True, True, False, False]})
    >>> model = CrimeRecModel(min_df=1, calibration_folds=2).fit(frame)
    >>> list(model.predict_frame(frame).columns)
    ['p_should_record', 'predicted_should_record', 'predicted_category', 'p_domestic_abuse', 'evidence']
    """

    def __init__(self, *, word_ngram_max=2, char_ngram_range=(4, 4), max_word_features=40000,
                 max_char_features=20000, min_df=3, alpha=1e-5, max_iter=50, class_weight=None,
                 calibration="sigmoid", calibration_folds=3, decision_balance=True,
                 read_closing_comment=False, evidence_top_k=4, random_state=0, register_copies=True,
                 short_log_tokens=30, length_offset_recall=0.95, calibration_groups="register",
                 preprocessor=None):
        self.word_ngram_max = word_ngram_max
        self.char_ngram_range = char_ngram_range
        self.max_word_features = max_word_features
        self.max_char_features = max_char_features
        self.min_df = min_df
        self.alpha = alpha
        self.max_iter = max_iter
        self.class_weight = class_weight
        self.calibration = calibration
        self.calibration_folds = calibration_folds
        self.decision_balance = decision_balance
        self.read_closing_comment = read_closing_comment
        self.evidence_top_k = evidence_top_k
        self.random_state = random_state
        self.register_copies = register_copies
        self.short_log_tokens = short_log_tokens
        self.length_offset_recall = length_offset_recall
        self.calibration_groups = calibration_groups
        self.preprocessor = preprocessor

    # ---- fitting --------------------------------------------------------------------------------

    def fit(self, frame, *, progress=None, n_jobs=1):
        """Fit preprocessing, features and the three heads on audited logs.

        Parameters
        ----------
        frame : DataFrame
            Validated contract frame. Rows with a ``should_record`` label are used; ``hocr_category``
            and ``domestic_abuse`` train the other two heads where present.
        progress : callable, default=None
            Called with a short message as each stage starts (the CLI shows them).
        n_jobs : int, default=1
            Processes for spaCy preprocessing (-1: all cores). A run-time choice, not stored.

        Returns
        -------
        self
        """
        self._check_params()
        labelled = self._check_training_frame(frame)
        step = progress or (lambda message: None)
        step(f"preprocessing {len(labelled)} logs")
        y = labelled["should_record"].astype(bool).to_numpy()
        self.pipeline_ = Pipeline([("preprocess", self._make_preprocessor()),
                                   ("features", self._make_features())])
        texts = self._log_text(labelled)
        self.pipeline_.named_steps["preprocess"].fit(texts)
        docs = self._preprocess(texts, n_jobs)
        step("building features")
        matrix = self.pipeline_.named_steps["features"].fit_transform(docs).astype(np.float32).tocsr()
        _features.drop_stop_words(self.pipeline_.named_steps["features"])
        step("fitting should-record head and calibrators")
        weights = _heads.decision_weights(labelled, y) if self.decision_balance else np.ones(len(y))
        self.record_head_ = self._quietly(self._logistic(self.class_weight).fit, matrix, y,
                                          sample_weight=weights)
        short = _features.short_rows(docs, self.short_log_tokens)
        self.calibrators_ = self._fit_calibrators(matrix, y, weights, self._groups(labelled), short)
        step("fitting category and domestic-abuse heads")
        self.category_head_ = self._fit_head(matrix, _heads.category_labels(labelled), weights)
        self.domestic_head_ = self._fit_head(matrix, _heads.optional_labels(labelled, "domestic_abuse"))
        self.calibration_ = self.calibration if self.calibration in CALIBRATIONS else "sigmoid"
        self.threshold_ = 0.5
        self.card_ = {}
        return self

    def _check_params(self):
        """Raise ValueError naming the first constructor parameter outside its allowed values."""
        low, high = tuple(self.char_ngram_range)
        checks = (
            ("word_ngram_max", self.word_ngram_max, 1 <= self.word_ngram_max <= 4, "1 to 4"),
            ("char_ngram_range", self.char_ngram_range, 1 <= low <= high <= 8, "(low, high), 1 <= low <= high <= 8"),
            ("min_df", self.min_df, self.min_df >= 1, "an integer >= 1"),
            ("alpha", self.alpha, 0 < self.alpha < 1, "a number in (0, 1)"),
            ("class_weight", self.class_weight, self.class_weight in (None, "balanced"), "None or 'balanced'"),
            ("calibration", self.calibration, self.calibration in CALIBRATIONS + ("auto",),
             f"one of {list(CALIBRATIONS + ('auto',))}"),
            ("calibration_folds", self.calibration_folds, 2 <= self.calibration_folds <= 10, "2 to 10"),
        )
        for name, value, ok, allowed in checks:
            if not ok:
                raise ValueError(f"CrimeRecModel parameter {name} must be {allowed}; got {value!r}.")

    def _check_training_frame(self, frame):
        """Return the labelled rows, or raise SchemaError when they cannot train a model."""
        for column in ("narrative", "should_record"):
            if column not in frame.columns:
                raise SchemaError(f"Training needs column '{column}', which is missing. "
                                  f"Columns present: {list(frame.columns)}.")
        labelled = frame[frame["should_record"].notna()]
        counts = labelled["should_record"].astype(bool).value_counts()
        if len(counts) < 2 or counts.min() < self.calibration_folds:
            raise SchemaError("Training needs at least "
                              f"{self.calibration_folds} audited logs of each should_record value; "
                              f"got {counts.to_dict()}.")
        return labelled

    def _make_preprocessor(self):
        """A fresh copy of the configured preprocessor (or the default one)."""
        from sklearn.base import clone

        return LogPreprocessor() if self.preprocessor is None else clone(self.preprocessor)

    def _make_features(self):
        """The feature union (word TF-IDF, character TF-IDF, offence indicators), in register copies."""
        union = _features.build_feature_union(
            word_ngram_max=self.word_ngram_max, char_ngram_range=tuple(self.char_ngram_range),
            max_word_features=self.max_word_features, max_char_features=self.max_char_features,
            min_df=self.min_df)
        if not self.register_copies:
            return union
        return _features.RegisterCopies(union, short_tokens=self.short_log_tokens)

    def _groups(self, labelled):
        """The calibration groups of the training rows, or None when they cannot make the folds."""
        column = self.calibration_groups
        if not column or column not in labelled.columns:
            return None
        groups = labelled[column].astype(str).to_numpy()
        names, index, sizes = np.unique(groups, return_inverse=True, return_counts=True)
        if len(names) < self.calibration_folds:
            return None
        # A register too large to hold out whole (over half a fold) would leave the head without the
        # main kind of log it scores: its rows are spread over the folds at random instead.
        spread = (sizes > len(groups) / (2 * self.calibration_folds))[index]
        draws = np.random.default_rng(self.random_state).integers(self.calibration_folds, size=len(groups))
        return np.where(spread, np.char.add("spread-", draws.astype(str)), groups)

    def _quietly(self, fit, *args, **kwargs):
        """Run a fit, logging (not warning about) SGD's 'max_iter reached' on tiny or easy data."""
        from sklearn.exceptions import ConvergenceWarning

        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ConvergenceWarning)
            result = fit(*args, **kwargs)
        for warning in caught:
            if issubclass(warning.category, ConvergenceWarning):
                logger.info("Linear model stopped at max_iter=%s before tol was met.", self.max_iter)
            else:
                warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
        return result

    def _logistic(self, class_weight=None):
        """The linear model every head uses: logistic loss, L2 penalty, seeded SGD."""
        return SGDClassifier(loss="log_loss", alpha=self.alpha, max_iter=self.max_iter, tol=1e-4,
                             class_weight=class_weight, random_state=self.random_state)

    def _fit_calibrators(self, matrix, y, weights, groups=None, short=None):
        """Fit sigmoid and isotonic calibrators on out-of-fold margins of the should-record head.

        The margins come from heads fitted with the decision-balancing weights; the calibrators
        themselves are fitted unweighted, so probabilities match the real mix of logs. With
        ``groups``, each fold holds out whole groups (registers), see ``calibration_groups``.
        """
        if groups is None:
            folds = StratifiedKFold(self.calibration_folds, shuffle=True, random_state=self.random_state)
        else:
            folds = GroupKFold(self.calibration_folds)
        margins = self._quietly(lambda: cross_val_predict(
            self._logistic(self.class_weight), matrix, y, cv=folds, groups=groups,
            method="decision_function", params={"sample_weight": weights}))
        self.short_offset_ = 0.0
        if groups is not None and self.length_offset_recall and short is not None:
            self.short_offset_ = _heads.length_offset(margins, y, short, self.length_offset_recall)
            margins = margins + self.short_offset_ * short
        self.heldout_margins_, self.heldout_labels_, self.heldout_grouped_ = margins, y, groups is not None
        isotonic = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(margins, y)
        return {"sigmoid": _heads.Platt().fit(margins, y), "isotonic": isotonic, "none": None}

    def _fit_head(self, matrix, labels, weights=None):
        """Fit a logistic-loss linear head on rows with a label; a constant head if only one class."""
        known = labels != ""
        classes, counts = np.unique(labels[known], return_counts=True)
        if len(classes) < 2:
            classes = classes if len(classes) else np.array(["false"], dtype=object)
            return _heads.ConstantHead(classes, np.ones(len(classes)))
        rows = np.flatnonzero(known)
        return self._quietly(self._logistic().fit, matrix[rows], labels[known],
                             sample_weight=None if weights is None else weights[rows])

    def set_operating_point(self, *, threshold=None, calibration=None):
        """Set the operating threshold and/or the calibration chosen on validation data.

        Parameters
        ----------
        threshold : float, default=None
            New ``threshold_`` in [0, 1].
        calibration : {'sigmoid', 'isotonic', 'none'}, default=None
            New ``calibration_``.
        """
        self._check_fitted()
        if calibration is not None:
            if calibration not in CALIBRATIONS:
                raise ValueError(f"calibration must be one of {list(CALIBRATIONS)}; got {calibration!r}.")
            self.calibration_ = calibration
        if threshold is not None:
            if not 0.0 <= float(threshold) <= 1.0:
                raise ValueError(f"threshold must be in [0, 1]; got {threshold!r}.")
            self.threshold_ = float(threshold)
        return self

    # ---- prediction -----------------------------------------------------------------------------

    def _check_fitted(self):
        """Raise NotFittedError before ``fit`` has run."""
        if not hasattr(self, "record_head_"):
            raise NotFittedError("This CrimeRecModel is not trained yet: call fit() or load a trained "
                                 "model with load_model('models/default').")

    def _log_text(self, frame):
        """The text the model reads: ``log_text``, without the closing comment if so configured."""
        if not self.read_closing_comment and "closing_comment" in frame.columns:
            frame = frame.drop(columns="closing_comment")
        return log_text(frame)

    def _preprocess(self, texts, n_jobs):
        """Run the preprocessor, split over ``n_jobs`` processes for large batches (same output)."""
        preprocessor = self.pipeline_.named_steps["preprocess"]
        workers = effective_n_jobs(n_jobs)
        if workers <= 1 or len(texts) < _PARALLEL_MIN_ROWS:
            return preprocessor.transform(texts)
        size = -(-len(texts) // (workers * 4))
        chunks = [texts[start:start + size] for start in range(0, len(texts), size)]
        parts = Parallel(n_jobs=workers)(delayed(preprocessor.transform)(chunk) for chunk in chunks)
        return [doc for part in parts for doc in part]

    def featurise(self, frame, *, n_jobs=1, folded=False):
        """Preprocess a frame once and build its feature matrix.

        Parameters
        ----------
        frame : DataFrame
            Validated contract frame (``narrative`` required; ``opening_code`` and
            ``closing_comment`` used when present; decision columns are never read).

        n_jobs : int, default=1
            Processes for spaCy preprocessing (-1: all cores); used for batches of 2,000+ logs.
        folded : bool, default=False
            For a model with register copies, return the base features and length classes only, to
            be scored with folded head weights: the same scores with about half the work. For scoring
            only; fitting anything on the features needs the default.

        Returns
        -------
        Features
        """
        self._check_fitted()
        if "narrative" not in frame.columns:
            raise SchemaError("Scoring needs column 'narrative', which is missing. "
                              f"Columns present: {list(frame.columns)}.")
        if len(frame) == 0:
            import scipy.sparse as sp

            return Features([], sp.csr_matrix((0, self.record_head_.coef_.shape[1])), frame.index)
        docs = self._preprocess(self._log_text(frame), n_jobs)
        union = self.pipeline_.named_steps["features"]
        if folded and isinstance(union, _features.RegisterCopies):
            matrix = union.union.transform(docs).astype(np.float32).tocsr()
            return Features(docs, matrix, frame.index, _features.short_rows(docs, union.short_tokens))
        return Features(docs, union.transform(docs).astype(np.float32).tocsr(), frame.index)

    def decision_function(self, features):
        """Raw (uncalibrated) should-record margins for a ``Features`` batch."""
        self._check_fitted()
        short = _folded_rows(features)
        if short is not None:
            margins = self._fold("record_head_").decision_function(features.matrix, short)
        else:
            margins = self.record_head_.decision_function(features.matrix)
        offset = getattr(self, "short_offset_", 0.0)  # absent in models saved before issue #13
        if offset and len(features.docs):
            margins = margins + offset * (_features.short_rows(features.docs, self.short_log_tokens)
                                          if short is None else short)
        return margins

    def _fold(self, name):
        """The head ``name``'s weights folded per length class, made once and kept until it changes."""
        folds = self.__dict__.setdefault("_folds", {})
        head = getattr(self, name)
        if name not in folds or not folds[name].fresh_for(head):
            folds[name] = _folded.FoldedHead(head)
        return folds[name]

    def _proba(self, name, features):
        """``predict_proba`` of head ``name`` on a batch, with folded weights for folded features."""
        head = getattr(self, name)
        short = _folded_rows(features)
        if short is None or isinstance(head, _heads.ConstantHead):
            return head.predict_proba(features.matrix)
        return self._fold(name).predict_proba(features.matrix, short)

    def calibrate(self, margins, *, calibration=None):
        """Turn margins into probabilities with ``calibration`` (default: ``calibration_``)."""
        method = calibration or self.calibration_
        margins = np.asarray(margins, dtype=float)
        if method == "none":
            return expit(margins)
        return np.clip(self.calibrators_[method].predict(margins), 0.0, 1.0)

    def predict_features(self, features, *, evidence=True):
        """Score a ``Features`` batch; see ``predict_frame`` for the columns."""
        self._check_fitted()
        n_rows = features.matrix.shape[0]
        if n_rows == 0:
            return _empty_predictions(features.index)
        p = self.calibrate(self.decision_function(features))
        flagged = p >= self.threshold_
        return pd.DataFrame({
            "p_should_record": p.astype(float),
            "predicted_should_record": flagged,
            "predicted_category": self._categories(features, flagged),
            "p_domestic_abuse": self._domestic(features),
            "evidence": self._evidence(features) if evidence else [""] * n_rows,
        }, index=features.index)

    def predict_frame(self, frame, *, evidence=True, n_jobs=1):
        """Score incident logs.

        Parameters
        ----------
        frame : DataFrame
            Validated contract frame.
        evidence : bool, default=True
            Build the ``evidence`` text (set False when only scores are needed; the column is then "").
        n_jobs : int, default=1
            Processes for spaCy preprocessing (see ``featurise``).

        Returns
        -------
        DataFrame
            Columns ``PREDICTION_COLUMNS``, same index as ``frame``. ``predicted_category`` is
            "No crime" whenever ``predicted_should_record`` is False, otherwise the most likely
            crime group.
        """
        return self.predict_features(self.featurise(frame, n_jobs=n_jobs, folded=True), evidence=evidence)

    def _categories(self, features, flagged):
        """Most likely crime group for flagged rows, "No crime" for the rest."""
        proba = self._proba("category_head_", features)
        classes = np.asarray(self.category_head_.classes_, dtype=object)
        crime = classes != NO_CRIME
        if not crime.any():
            return np.full(len(flagged), NO_CRIME, dtype=object)
        best = classes[crime][np.argmax(proba[:, crime], axis=1)]
        return np.where(flagged, best, NO_CRIME).astype(object)

    def _domestic(self, features):
        """Probability of the domestic-abuse flag (0.0 when the head never saw a positive)."""
        classes = list(np.asarray(self.domestic_head_.classes_, dtype=object))
        if "true" not in classes:
            return np.zeros(features.matrix.shape[0])
        return self._proba("domestic_head_", features)[:, classes.index("true")].astype(float)

    def _evidence(self, features):
        """Evidence text per row: indicator spans, then the top positive contributions."""
        union, coef, matrix = self.pipeline_.named_steps["features"], self.record_head_.coef_[0], features.matrix
        if _folded_rows(features) is not None:
            # Each log's contribution of a feature is its shared weight plus its length class's copy.
            matrix, coef = self._fold("record_head_").contributions(matrix, features.short), None
        elif isinstance(union, _features.RegisterCopies):
            matrix, coef = union.contributions(matrix, coef), None
        if not hasattr(self, "_labels"):
            self._kinds, self._labels = _evidence.feature_kinds_and_labels(union)
            weights = self.record_head_.coef_[0]
            if isinstance(union, _features.RegisterCopies):
                width = len(weights) // 3
                weights = weights[:width] + (weights[width:2 * width] + weights[2 * width:]) / 2
            self._pushing_up = _evidence.indicators_pushing_up(union, weights)
        ranked = _evidence.top_contributions(matrix, coef, self._kinds, top_k=self.evidence_top_k)
        return [_evidence.render_evidence(pairs, self._labels,
                                          _evidence.supporting_spans(doc, self._pushing_up, describe_indicators))
                for pairs, doc in zip(ranked, features.docs)]

    def __getstate__(self):
        """Leave the evidence label cache and the out-of-fold margins out of the pickle."""
        skipped = ("_labels", "_kinds", "_pushing_up", "_folds", "heldout_margins_", "heldout_labels_",
                   "heldout_grouped_")
        return {k: v for k, v in self.__dict__.items() if k not in skipped}


def _folded_rows(features):
    """The length class of each row when ``features`` hold base features for folded weights, else None.

    Batches built elsewhere with only ``docs`` and ``matrix`` (the full features) count as unfolded.
    """
    return getattr(features, "short", None)


def _empty_predictions(index):
    """A zero-row prediction frame with the right columns and dtypes."""
    return pd.DataFrame({"p_should_record": pd.Series([], dtype=float),
                         "predicted_should_record": pd.Series([], dtype=bool),
                         "predicted_category": pd.Series([], dtype=object),
                         "p_domestic_abuse": pd.Series([], dtype=float),
                         "evidence": pd.Series([], dtype=object)}, index=index)


def save_model(model, directory, *, card=None):
    """Save a fitted model with its model card.

    Parameters
    ----------
    model : CrimeRecModel
        A fitted model; ``threshold_`` and ``calibration_`` are recorded in the card.
    directory : str or Path
        Created if needed; an existing model directory there is replaced atomically.
    card : dict, default=None
        Extra card fields (training data digest and size, label balance, metrics, config, ...).

    Returns
    -------
    dict
        The full card as written (also set as ``model.card_``).
    """
    model._check_fitted()
    base = {"name": "crimerec", "threshold": model.threshold_, "calibration": model.calibration_,
            "categories": [str(c) for c in model.category_head_.classes_]}
    base.update(card or {})
    base["threshold"], base["calibration"] = model.threshold_, model.calibration_
    model.card_ = {}
    full = _persist.save_model_dir(model, directory, base)
    model.card_ = full
    return full


def load_model(path):
    """Load a model directory after checking its card, format version and SHA-256.

    Parameters
    ----------
    path : str or Path
        Directory holding ``model.joblib`` and ``model_card.json``.

    Returns
    -------
    CrimeRecModel

    Raises
    ------
    ModelLoadError
        Directory or card missing, wrong format version, scikit-learn major version changed.
    ChecksumError
        ``model.joblib`` does not match the SHA-256 in the card (the file is not unpickled).
    """
    card = _persist.read_card(path)
    _persist.check_card(card, path)
    model = _persist.load_artefact(path)
    if not isinstance(model, (CrimeRecModel, AdaptedModel)):
        from classifier.errors import ModelLoadError

        raise ModelLoadError(f"{path}/model.joblib holds a {type(model).__name__}, not a CrimeRecModel "
                             "or an AdaptedModel.")
    model.card_ = card
    return model
