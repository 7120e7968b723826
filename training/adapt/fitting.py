"""Cross-fitting the adapted head on an export sample: fold heads, out-of-fold scores, the final head.

Every row of the sample is scored by the head of its fold, which was fitted on the other folds only:
its recorded decision and audit label never reached the model that scores it. The final head is
fitted on every row, for the next export.
"""

from dataclasses import dataclass, field

import numpy as np
from sklearn.metrics import roc_auc_score

from classifier import AdaptedModel, ForceVocabulary
from training.adapt.pu import fit_adapted_head

__all__ = ["CrossFit", "choose_mode", "cross_fit"]

# Below this many audited rows of each class, audit labels are too few to correct or check anything.
MIN_AUDITED_EACH_CLASS = 2


@dataclass
class CrossFit:
    """Fold heads, the final head and the out-of-fold should-record probabilities of the sample."""

    mode: str
    vocabulary: ForceVocabulary
    fold_heads: list
    final_head: object
    p_oof: np.ndarray
    rates: object = None
    fold_rates: list = field(default_factory=list)
    fold_metrics: list = field(default_factory=list)


def choose_mode(rows):
    """'pu' with recorded decisions and audit labels, else 'recorded-only' or 'audit-only'.

    Raises
    ------
    ValueError
        With neither usable decisions nor enough audit labels, there is nothing to learn from.
    """
    has_recorded = bool(np.isfinite(rows["recorded"].to_numpy(float)).any())
    audited = rows.loc[rows["audited"], "should_record"]
    has_audit = audited.sum() >= MIN_AUDITED_EACH_CLASS and (~audited).sum() >= MIN_AUDITED_EACH_CLASS
    if has_recorded and has_audit:
        return "pu"
    if has_recorded:
        return "recorded-only"
    if has_audit:
        return "audit-only"
    raise ValueError("The export has no 'recorded' decisions and fewer than "
                     f"{MIN_AUDITED_EACH_CLASS} audited logs of each should_record value, so there is "
                     "nothing to learn from. Add the force's recording decisions or audit labels.")


def cross_fit(sample, base, kinds, *, n_folds, mode, regularisation=1.0, base_margin_scale=1.0, seed=0,
              progress=None):
    """Fit the vocabulary, one head per fold and the final head; score the sample out of fold.

    Parameters
    ----------
    sample : ExportSample
    base : CrimeRecModel
    kinds : array of str
        Crime group per sample row (for per-group recording rates).
    n_folds : int
    mode : {'pu', 'recorded-only', 'audit-only'}
    progress : callable or None
        Called with a short message per fitted head.

    Returns
    -------
    CrossFit
    """
    step = progress or (lambda message: None)
    vocabulary = ForceVocabulary().fit(sample.docs)
    scorer = AdaptedModel(base, vocabulary, [None], base_margin_scale=base_margin_scale)
    matrix = scorer.design_matrix(_Batch(sample.docs, sample.matrix))
    rows = sample.rows
    labels = {"recorded": rows["recorded"].to_numpy(float), "audited": rows["audited"].to_numpy(bool),
              "should_record": rows["should_record"].to_numpy(bool), "kinds": np.asarray(kinds, dtype=object)}
    folds = rows["fold"].to_numpy()
    p_oof = np.full(len(rows), np.nan)
    fit = CrossFit(mode, vocabulary, [], None, p_oof)
    for fold in range(n_folds):
        step(f"fold {fold + 1} of {n_folds}: fitting on {int((folds != fold).sum()):,} rows")
        train, held = np.flatnonzero(folds != fold), np.flatnonzero(folds == fold)
        head, rates = fit_adapted_head(matrix[train], **{k: v[train] for k, v in labels.items()}, mode=mode,
                                       regularisation=regularisation, seed=seed)
        fit.fold_heads.append(head)
        fit.fold_rates.append(rates)
        p_oof[held] = _sigmoid(head.decision_function(matrix[held]))
        fit.fold_metrics.append(_fold_metrics(fold, labels, held, p_oof))
    step(f"final model: fitting on all {len(rows):,} rows")
    fit.final_head, fit.rates = fit_adapted_head(matrix, **labels, mode=mode, regularisation=regularisation,
                                                 seed=seed)
    return fit


class _Batch:
    """The two ``Features`` fields ``AdaptedModel.design_matrix`` reads."""

    def __init__(self, docs, matrix):
        self.docs, self.matrix = docs, matrix


def _sigmoid(margins):
    """Logistic function."""
    return 1.0 / (1.0 + np.exp(-np.clip(margins, -50, 50)))


def _fold_metrics(fold, labels, held, p_oof):
    """Audited rows of one fold: how many, ROC-AUC and Brier score of the out-of-fold probabilities."""
    audited = held[labels["audited"][held]]
    y = labels["should_record"][audited]
    out = {"fold": fold, "rows": int(len(held)), "audited_rows": int(len(audited)), "roc_auc": None, "brier": None}
    if len(audited):
        out["brier"] = float(np.mean((p_oof[audited] - y) ** 2))
    if 0 < y.sum() < len(y):
        out["roc_auc"] = float(roc_auc_score(y, p_oof[audited]))
    return out
