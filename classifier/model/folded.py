"""Scoring with register copies folded into the heads: the same scores without building the copies.

A model with ``RegisterCopies`` features (issue #13) is fitted on three copies of each log's features:
shared, and one in the block of the log's length class. A linear head's score of a short log is then
``x . w_shared + x . w_short = x . (w_shared + w_short)``, and likewise for a long log. Folding the
weights once per head (two dense vectors per class) lets scoring multiply the base features by the
folded weights of each row's length class, instead of building a matrix three times as wide with
twice the entries and multiplying that. The results equal the copies' up to floating-point rounding
in the last digits; fitting still uses the copies (``CrimeRecModel.featurise``).
"""

import numpy as np
import scipy.sparse as sp
from scipy.special import expit

__all__ = ["FoldedHead"]


class FoldedHead:
    """A fitted linear head's weights folded per length class, for base (uncopied) features.

    Parameters
    ----------
    head : fitted linear classifier
        ``coef_`` of shape (n_classes or 1, 3 x base width) laid out as ``RegisterCopies`` builds it,
        and ``intercept_``.
    """

    def __init__(self, head):
        coef = np.asarray(head.coef_)  # kept in the head's dtype (float32): no upcast copy of the features
        width = coef.shape[1] // 3
        shared = coef[:, :width]
        # (width, n_classes) per length class: index 0 long, 1 short, so ``short`` (bool) picks the block.
        self.by_class = tuple(np.ascontiguousarray((shared + block).T)
                              for block in (coef[:, 2 * width:], coef[:, width:2 * width]))
        self.intercept = np.asarray(head.intercept_)
        self.source = head.coef_

    def fresh_for(self, head):
        """True while ``head`` still holds the coefficients this fold was made from."""
        return self.source is head.coef_

    def decision_function(self, matrix, short):
        """Margins of ``matrix`` (base features, CSR) given each row's length class.

        Shape (n_rows,) for a binary head, (n_rows, n_classes) otherwise, as scikit-learn returns.
        Each row is multiplied by its own class's weights only: rows are split by class, not scored twice.
        """
        dtype = np.result_type(matrix.dtype, self.intercept)
        out = np.empty((matrix.shape[0], self.intercept.shape[0]), dtype=dtype)
        for is_short in (False, True):
            rows = np.flatnonzero(short == is_short)
            if len(rows) == len(short):
                out[:] = matrix @ self.by_class[is_short]
            elif len(rows):
                out[rows] = matrix[rows] @ self.by_class[is_short]
        out += self.intercept
        return out.ravel() if out.shape[1] == 1 else out

    def predict_proba(self, matrix, short):
        """Class probabilities as ``SGDClassifier(loss="log_loss").predict_proba`` computes them.

        Binary: ``[1 - p, p]`` with ``p = expit(margin)``; more classes: one-vs-rest ``expit``,
        normalised to sum to one per row.
        """
        proba = expit(self.decision_function(matrix, short))
        if proba.ndim == 1:
            return np.column_stack([1 - proba, proba])
        return proba / proba.sum(axis=1, keepdims=True)

    def contributions(self, matrix, short, column=0):
        """Per-feature contributions ``value x folded weight`` of each row, for class ``column``."""
        matrix = sp.csr_matrix(matrix)
        rows = np.repeat(short, np.diff(matrix.indptr))
        weights = np.where(rows, self.by_class[True][matrix.indices, column],
                           self.by_class[False][matrix.indices, column])
        return sp.csr_matrix(((matrix.data * weights).astype(np.float32), matrix.indices, matrix.indptr),
                             shape=matrix.shape)
