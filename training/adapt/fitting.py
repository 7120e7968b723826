"""Cross-fitting the adapted head on an export sample: fold heads, out-of-fold scores, the final head.

Every row of the sample is scored by the head of its fold, which was fitted on the other folds only:
its recorded decision and audit label never reached the model that scores it. The final head is
fitted on every row, for the next export.
"""

from dataclasses import dataclass, field

import numpy as np
from scipy.special import expit
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

from classifier import AdaptedModel, ForceVocabulary, LinearHead, stack_inputs
from training.adapt.pu import fit_adapted_head
from training.adapt.selection import fold_decisions, log_loss_gain

__all__ = ["CrossFit", "choose_mode", "cross_fit"]

# Below this many audited rows of each class, audit labels are too few to correct or check anything.
MIN_AUDITED_EACH_CLASS = 2


@dataclass
class CrossFit:
    """Fold heads and stackers, the final ones, and the out-of-fold should-record probabilities.

    ``p_adapted`` is the adapted heads' out-of-fold probability on every row; ``p_oof`` is what the
    cross-fitted scorer gives (``p_adapted`` where the row's fold head is adopted, else the base's).
    ``fold_adopted`` / ``final_adopted`` are None when nothing could be compared (no audit labels).
    """

    mode: str
    vocabulary: ForceVocabulary
    fold_heads: list
    final_head: object
    p_oof: np.ndarray
    p_adapted: np.ndarray = None
    p_base: np.ndarray = None
    fold_stackers: list | None = None
    final_stacker: object = None
    fold_adopted: list | None = None
    final_adopted: bool | None = None
    selection: dict = field(default_factory=dict)
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


def cross_fit(sample, base, kinds, *, n_folds, mode, regularisation=1.0, seed=0, adopt="if-better", progress=None):
    """Fit the vocabulary, one head and stacker per fold and the final ones; score the sample out of fold.

    Fold j's stacker is fitted on the audited rows of the other folds, each scored by a head fitted
    without fold j *and* without that row's own fold, so nothing fold j's rows are scored with has
    seen their labels (nested cross-fitting: K(K-1)/2 extra heads). Whether fold j's head is adopted
    at all is decided on those same rows (``selection.fold_decisions``); the final head is adopted
    when the audited rows' out-of-fold scores beat the base's (``selection.log_loss_gain``).

    Memory: the design matrix is built once; the sample's own docs and base matrix are released
    (``sample.docs`` and ``sample.matrix`` are emptied) and every fit selects its rows by index.

    Parameters
    ----------
    sample : ExportSample
    base : CrimeRecModel
    kinds : array of str
        Crime group per sample row (for per-group recording rates).
    n_folds : int
    mode : {'pu', 'recorded-only', 'audit-only'}
        Without audit labels ('recorded-only') there is nothing to stack on: the head's margin is used.
    adopt : {'if-better', 'always'}, default='if-better'
        'always' uses the adapted heads whatever the audit says (the decisions are still computed and
        reported); for comparisons and tests.
    progress : callable or None
        Called with a short message per fitted head.

    Returns
    -------
    CrossFit
    """
    step = progress or (lambda message: None)
    vocabulary = ForceVocabulary().fit(sample.docs)
    batch = _Batch(sample.docs, sample.matrix)
    matrix = AdaptedModel(base, vocabulary, [None]).design_matrix(batch)
    base_margin = base.decision_function(batch)
    p_base = base.calibrate(base_margin)
    del batch
    sample.docs, sample.matrix = [], None  # the design matrix holds what fitting needs (memory)
    rows = sample.rows
    labels = {"recorded": rows["recorded"].to_numpy(float), "audited": rows["audited"].to_numpy(bool),
              "should_record": rows["should_record"].to_numpy(bool), "kinds": np.asarray(kinds, dtype=object)}
    folds = rows["fold"].to_numpy()

    def fit_on(train):
        return fit_adapted_head(matrix, **{k: v[train] for k, v in labels.items()}, rows=train, mode=mode,
                                regularisation=regularisation, seed=seed)

    fit = CrossFit(mode, vocabulary, [], None, np.full(len(rows), np.nan), p_base=p_base)
    head_oof = np.zeros(len(rows))
    for fold in range(n_folds):
        step(f"fold {fold + 1} of {n_folds}: fitting on {int((folds != fold).sum()):,} rows")
        head, rates = fit_on(np.flatnonzero(folds != fold))
        held = np.flatnonzero(folds == fold)
        head_oof[held] = head.decision_function(matrix[held])
        fit.fold_heads.append(head)
        fit.fold_rates.append(rates)
    step(f"final model: fitting on all {len(rows):,} rows")
    fit.final_head, fit.rates = fit_on(np.arange(len(rows)))
    if mode != "recorded-only":
        inner = _nested_margins(fit_on, matrix, folds, labels["audited"], n_folds, step)
        y, audited = labels["should_record"], labels["audited"]
        fit.fold_stackers = [_fit_stacker(base_margin[use], inner[fold][use], y[use])
                             for fold in range(n_folds) for use in [audited & (folds != fold)]]
        fit.final_stacker = _fit_stacker(base_margin[audited], head_oof[audited], y[audited])
        decisions = fold_decisions(y, folds, audited, p_base, base_margin, inner, _fit_stacker, n_folds, seed=seed)
        fit.fold_adopted = [decision.adopted or adopt == "always" for decision in decisions]
        fit.selection["per_fold"] = [decision.to_dict() for decision in decisions]
    fit.p_adapted = np.full(len(rows), np.nan)
    for fold in range(n_folds):
        held = np.flatnonzero(folds == fold)
        stacker = None if fit.fold_stackers is None else fit.fold_stackers[fold]
        margin = head_oof[held] if stacker is None else stacker.decision_function(
            stack_inputs(base_margin[held], head_oof[held]))
        fit.p_adapted[held] = expit(margin)
        adopted = fit.fold_adopted is None or fit.fold_adopted[fold]
        fit.p_oof[held] = fit.p_adapted[held] if adopted else p_base[held]
        fit.fold_metrics.append(_fold_metrics(fold, labels, held, fit.p_oof))
    if fit.fold_adopted is not None:
        final = log_loss_gain(labels["should_record"][labels["audited"]], p_base[labels["audited"]],
                              fit.p_adapted[labels["audited"]], seed=seed)
        fit.final_adopted = final.adopted or adopt == "always"
        fit.selection["final"] = final.to_dict()
    return fit


def _nested_margins(fit_on, matrix, folds, audited, n_folds, step):
    """For each outer fold j, head margins of the audited rows outside j from heads that saw neither fold."""
    inner = [np.full(len(folds), np.nan) for _ in range(n_folds)]
    for first in range(n_folds):
        for second in range(first + 1, n_folds):
            step(f"stacking: head without folds {first + 1} and {second + 1}")
            head, _ = fit_on(np.flatnonzero((folds != first) & (folds != second)))
            for outer, other in ((first, second), (second, first)):
                rows = np.flatnonzero(audited & (folds == other))
                inner[outer][rows] = head.decision_function(matrix[rows])
    return inner


def _fit_stacker(base_margin, head_margin, y):
    """Two weights and an intercept on (base margin, head margin); the head alone with too few labels."""
    if y.sum() < 2 or (~y).sum() < 2:
        return LinearHead([0.0, 1.0], 0.0)
    model = LogisticRegression(C=1.0).fit(stack_inputs(base_margin, head_margin), y)
    return LinearHead(model.coef_[0], model.intercept_[0])


class _Batch:
    """The two ``Features`` fields ``AdaptedModel.design_matrix`` reads."""

    def __init__(self, docs, matrix):
        self.docs, self.matrix = docs, matrix


def _fold_metrics(fold, labels, held, p_oof):
    """Audited rows of one fold: how many, ROC-AUC and Brier score of the out-of-fold probabilities."""
    audited = held[labels["audited"][held]]
    y = labels["should_record"][audited]
    out = {"fold": fold, "rows": len(held), "audited_rows": len(audited), "roc_auc": None, "brier": None}
    if len(audited):
        out["brier"] = float(np.mean((p_oof[audited] - y) ** 2))
    if 0 < y.sum() < len(y):
        out["roc_auc"] = float(roc_auc_score(y, p_oof[audited]))
    return out
