"""Retrain on new audit labels: add them to the store, train a challenger, compare, promote or keep.

One call of ``retrain`` is one turn of the audit loop: the batch is validated and merged into the label
store (conflicts recorded, not applied), a challenger is trained on the store's training split and
compared with the champion on the frozen holdout (paired bootstrap) and by cross-validation, and the
promotion rule decides. Promotion writes ``models/current`` atomically and moves the MLflow
``champion`` alias; every run is an MLflow run carrying the lineage. See docs/RETRAINING.md.
"""

import hashlib
import json
import logging
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold

from training.audit.labels import AddResult, LabelStore, open_label_store
from training.audit.promotion import (
    ModelComparison,
    PromotionDecision,
    PromotionRule,
    check_batch_agreement,
    compare_on_holdout,
    decide_promotion,
)

__all__ = ["DEFAULT_STORE_DIR", "DEFAULT_MODEL_DIR", "SHIPPED", "RetrainResult", "retrain", "render_retrain_result"]

logger = logging.getLogger(__name__)

DEFAULT_STORE_DIR = Path("data/labels")
DEFAULT_MODEL_DIR = Path("models/current")
# retrain's default first champion: the model shipped with crimerec (classifier.model.shipped_model_path).
SHIPPED = "shipped"
REPORTS_DIR = "reports"


@dataclass
class RetrainResult:
    """What one retraining run found and did.

    Attributes
    ----------
    decision : PromotionDecision
        Promote or keep, with every reason.
    added : AddResult
        What the batch did to the store (new, merged, conflicts, rejects).
    rejects : pandas.DataFrame
        Rows refused by the data contract or by the store (no ``should_record``).
    comparison : ModelComparison or None
        Champion vs challenger on the holdout (None without a champion or without training).
    metrics : dict[str, float]
        Holdout metrics of both models (``holdout.champion.*``, ``holdout.challenger.*``),
        the bootstrap results and cross-validation (``cv.*``).
    champion_version, challenger_version : str or None
        Registered MLflow versions (None without tracking).
    champion_origin : str or None
        Where the champion was loaded from (a directory, an MLflow URI, or the shipped model).
    store_digest : str
        SHA-256 of the store after the batch was added.
    rows_read : int
        Rows read from the label file: new + repeated + conflicting + rejected.
    store_rows, train_rows, holdout_rows : int
    run_id : str or None
        The MLflow run of this retraining.
    dry_run : bool
        True when nothing was written.
    model_dir : pathlib.Path or None
        Where the promoted model was written (None when not promoted or dry run).
    report_files : list of pathlib.Path
        Conflict, rejects and decision files written into the store's ``reports/`` folder.
    quarantined : bool
        True when the batch failed the label-agreement check and was quarantined: its new logs are
        kept but used neither for training nor as holdout until released (in a dry run: would be).
    """

    decision: PromotionDecision
    added: AddResult
    rejects: pd.DataFrame
    comparison: ModelComparison | None = None
    metrics: dict = field(default_factory=dict)
    champion_version: str | None = None
    challenger_version: str | None = None
    champion_origin: str | None = None
    store_digest: str = ""
    rows_read: int = 0
    store_rows: int = 0
    train_rows: int = 0
    holdout_rows: int = 0
    run_id: str | None = None
    dry_run: bool = False
    model_dir: Path | None = None
    report_files: list = field(default_factory=list)
    quarantined: bool = False


@dataclass
class _Champion:
    """The model currently in service, its registered version and where it was loaded from."""

    model: object
    version: str | None
    origin: str
    store_digest: str | None = None


@dataclass
class _Batch:
    """A validated label file: accepted rows, contract rejects, and provenance."""

    frame: pd.DataFrame
    rejects: pd.DataFrame
    rows_read: int
    source: str
    sha256: str


def retrain(labels, *, store=DEFAULT_STORE_DIR, config=None, tracker=None, model_dir=DEFAULT_MODEL_DIR,
            dry_run=False, force=False, force_reason="", latest_wins=False, rule=None, cv_folds=5,
            progress=None, first_champion=SHIPPED, read_options=None):
    """Add a batch of audit labels, train a challenger on the store, and promote it only if no worse.

    Parameters
    ----------
    labels : str, Path or pandas.DataFrame
        The new audit labels: a file read with the data contract (``classifier.data.loading.load_incidents``),
        or an already validated frame. Rows without ``should_record`` are rejected.
    store : str or Path, default='data/labels'
        The label store directory (created on first use).
    config : TrainConfig, optional
        Training configuration of the challenger; defaults to ``training/default_config.toml``.
    tracker : MlflowTracker or NullTracker, optional
        Where the run, the challenger version and the champion alias go; None records nothing.
    model_dir : str or Path, default='models/current'
        The champion's directory; replaced atomically on promotion.
    dry_run : bool, default=False
        Do everything on an in-memory copy of the store and write nothing (store, model, MLflow).
    force : bool, default=False
        Promote even when checks fail; the failed checks and ``force_reason`` are logged.
    force_reason : str, default=""
        Why ``force`` was used (only allowed with ``force``).
    latest_wins : bool, default=False
        Apply labels that contradict stored ones (the conflicts are still recorded).
    rule : PromotionRule, optional
        Margins, support threshold, bootstrap size; defaults to ``PromotionRule()``.
    cv_folds : int, default=5
        Cross-validation folds on the training split (0 turns cross-validation off).
    progress : callable, optional
        Called with a short message at each stage.
    first_champion : str, Path or None, default=SHIPPED
        The champion when ``model_dir`` holds no model and the registry has no champion alias:
        ``SHIPPED`` is the model shipped with crimerec, so the first challenger is compared with
        it rather than promoted unseen; None promotes the first challenger without comparison.
    read_options : dict or None, default=None
        How to read the label file (``mapping``, ``encoding``, ``date_format``), e.g.
        ``ForceProfile.reading_options()``.

    Returns
    -------
    RetrainResult

    Raises
    ------
    InputFileError, SchemaError
        The label file cannot be read or lacks required columns.
    LabelStoreError
        The store is damaged or from another version.
    ValueError
        Conflicting options (``force_reason`` without ``force``, ``cv_folds`` out of range).
    """
    from training.config import TrainConfig
    from training.tracking import NullTracker

    _check_options(force, force_reason, cv_folds)
    step = progress or (lambda message: None)
    context = _Context(config=config or TrainConfig(), rule=rule or PromotionRule(), reader=tracker or NullTracker(),
                       dry_run=dry_run, force=force, force_reason=force_reason, latest_wins=latest_wins,
                       cv_folds=cv_folds, step=step, store_dir=Path(store), model_dir=Path(model_dir))
    batch = _read_labels(labels, read_options or {})
    step(f"read {batch.rows_read} rows from {batch.source}: {len(batch.frame)} accepted")
    label_store = _open_store(context.store_dir, dry_run)
    try:
        champion = _load_champion(context.model_dir, context.reader, first_champion)
        _check_trainable(label_store, batch, latest_wins)
        added = label_store.add_frame(batch.frame, source=batch.source, source_sha256=batch.sha256,
                                      latest_wins=latest_wins)
        step(f"store: {added.n_new} new, {added.n_merged} repeated, {added.n_conflict_rows} conflicting")
        return _retrain_on_store(context, label_store, batch, added, champion)
    finally:
        label_store.close()


MIN_TRAIN_LABELS_PER_CLASS = 10


def _check_trainable(store, batch, latest_wins):
    """Refuse, before anything is stored, a batch after which the training split could not train a model.

    The batch is added to an in-memory copy of the store first; a challenger needs at least
    ``MIN_TRAIN_LABELS_PER_CLASS`` crimes and as many non-crimes in the training split.
    """
    from classifier import SchemaError

    with store.copy_in_memory() as trial:
        trial.add_frame(batch.frame, source=batch.source, source_sha256=batch.sha256, latest_wins=latest_wins)
        labels = training_and_holdout(trial)[0]["should_record"].astype(bool)
    crimes, others = int(labels.sum()), int((~labels).sum())
    if min(crimes, others) < MIN_TRAIN_LABELS_PER_CLASS:
        raise SchemaError(
            f"After {batch.source} the label store's training split would hold {crimes} logs that should be "
            f"recorded and {others} that should not; training a challenger needs at least "
            f"{MIN_TRAIN_LABELS_PER_CLASS} of each (a fifth of the labels are kept back as the holdout). "
            "Nothing was stored: add more audited logs to the batch and run again.")


@dataclass
class _Context:
    """The options of one ``retrain`` call, passed between its stages."""

    config: object
    rule: PromotionRule
    reader: object
    dry_run: bool
    force: bool
    force_reason: str
    latest_wins: bool
    cv_folds: int
    step: object
    store_dir: Path
    model_dir: Path

    @property
    def writer(self):
        """The tracker runs are written to: the real one, or a NullTracker in a dry run."""
        from training.tracking import NullTracker

        return NullTracker() if self.dry_run else self.reader


def _check_options(force, force_reason, cv_folds):
    """Reject conflicting or out-of-range options, naming every option involved."""
    if force_reason and not force:
        raise ValueError("--reason is only used with --force (it records why the rule was overridden).")
    if isinstance(cv_folds, bool) or not isinstance(cv_folds, int) or cv_folds == 1 or not 0 <= cv_folds <= 20:
        raise ValueError(f"cv_folds must be 0 (off) or 2 to 20. Got {cv_folds!r} instead.")


def _read_labels(labels, read_options):
    """Validate a label file (or take a validated frame) and fingerprint it."""
    if isinstance(labels, pd.DataFrame):
        digest = hashlib.sha256(pd.util.hash_pandas_object(labels.astype(str), index=False)
                                .to_numpy().tobytes()).hexdigest()
        return _Batch(labels, _empty_rejects(), len(labels), "<frame>", digest)
    from classifier.data import load_incidents

    path = Path(labels)
    # Labels usually come back in crimerec's own audit sample: undo its CSV protection once.
    # Repeated ids are kept: two labels of one log in a batch are judged by the store (a conflict when
    # they contradict), not rejected as duplicates (issue #14, defect 9).
    loaded = load_incidents(path, **{"formulas": "restore", "repeated_ids": "keep", **read_options})
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return _Batch(loaded.accepted, loaded.rejects, loaded.rows_read, path.name, digest)


def _empty_rejects():
    """A rejects frame with no rows."""
    return pd.DataFrame(columns=["source", "row", "column", "reason", "incident_id"])


def _open_store(directory, dry_run):
    """The label store; in a dry run an in-memory copy (or an empty in-memory store)."""
    if not dry_run:
        return open_label_store(directory)
    if not (Path(directory) / "labels.sqlite").exists():
        return LabelStore.in_memory()
    with open_label_store(directory, create=False) as real:
        return real.copy_in_memory()


def _load_champion(model_dir, tracker, first_champion):
    """The champion: ``model_dir`` if it holds a model, else the registry's alias, else ``first_champion``."""
    from classifier.model import load_model, shipped_model_path
    from training.tracking import get_champion_version, load_model_from

    alias_version = get_champion_version(tracker)
    if (Path(model_dir) / "model_card.json").exists():
        model = load_model(model_dir)
        lineage = model.card_.get("lineage") or {}
        version = lineage.get("registered_version")
        if alias_version and version and alias_version != version:
            logger.warning("%s holds registered version %s but the MLflow champion alias points at %s; "
                           "the model on disk is treated as the champion.", model_dir, version, alias_version)
        return _Champion(model, version, str(model_dir), lineage.get("store_digest"))
    if alias_version:
        config = tracker.tracking_config
        uri = f"models:/{config.registered_model}@{config.champion_alias}"
        return _Champion(load_model_from(uri), alias_version, uri)
    if first_champion is None:
        return None
    origin = shipped_model_path() if first_champion == SHIPPED else Path(first_champion)
    return _Champion(load_model(origin), None, str(origin))


def _retrain_on_store(ctx, store, batch, added, champion):
    """Everything after the batch is in the store: train, evaluate, decide, apply, log."""
    rejects = pd.concat([batch.rejects, added.rejects], ignore_index=True) if len(added.rejects) else batch.rejects
    result = RetrainResult(decision=PromotionDecision(False), added=added, rejects=rejects, dry_run=ctx.dry_run,
                           rows_read=batch.rows_read,
                           store_digest=store.digest(), store_rows=len(store),
                           champion_version=champion.version if champion else None,
                           champion_origin=champion.origin if champion else None)
    if champion is not None and added.n_new + added.n_overwritten == 0 \
            and champion.store_digest == result.store_digest:
        result.decision = PromotionDecision(False, ["No new or changed labels, and the champion was trained on "
                                                    "this store as it is: nothing to retrain."], ["no-new-labels"])
        _finish_without_training(ctx, store, result, batch)
        return result
    train_frame, holdout = training_and_holdout(store)
    result.train_rows, result.holdout_rows = len(train_frame), len(holdout)
    with tempfile.TemporaryDirectory(prefix="crimerec-retrain-") as staging:
        run = _KeepRunOpen(ctx.writer)
        trained = _train_challenger(ctx, train_frame, Path(staging) / f"challenger-batch-{added.batch_id}", run)
        result.challenger_version, result.run_id = trained.model_version, run.run_id
        try:
            _evaluate_and_decide(ctx, store, result, champion, trained.model, train_frame, holdout)
            _quarantine_if_disagreeing(ctx, store, result)
            if not ctx.dry_run:
                _apply_decision(ctx, result, trained, batch)
            _log_retrain(ctx.writer, result, batch, ctx)
        except BaseException:
            ctx.writer.finish(status="FAILED")
            raise
        ctx.writer.finish()
    if not ctx.dry_run:
        result.report_files = _write_reports(ctx.store_dir, result)
    return result


class _KeepRunOpen:
    """Wraps a tracker so ``train`` leaves the run open for the comparison and lineage logged after it."""

    def __init__(self, tracker):
        self._tracker = tracker

    def __getattr__(self, name):
        return getattr(self._tracker, name)

    def finish(self, *, status="FINISHED"):
        """Close the run only on failure; ``retrain`` closes it when its own logging is done."""
        if status != "FINISHED":
            self._tracker.finish(status=status)


def _train_challenger(ctx, train_frame, output_dir, run):
    """Fit the challenger on the store's training split with the usual ``train`` procedure."""
    from training.train import train

    ctx.step(f"training the challenger on {len(train_frame)} stored labels (holdout kept out)")
    return train(ctx.config, data=train_frame, output_dir=output_dir, tracker=run,
                 progress=ctx.step, command=f"crimerec retrain --store {ctx.store_dir}")


def training_and_holdout(store):
    """The labels a challenger trains on and the holdout both models are judged on.

    The holdout is the frozen ``holdout`` split without review labels: stores written before review
    labels were kept out of it may hold some, and a sample the champion chose cannot judge it fairly.
    Such rows train instead (no model was ever trained on them, so nothing leaks).
    """
    labels = store.to_frame()
    judged = (labels["split"] == "holdout") & (labels["label_source"] != "review")
    return labels[~judged].reset_index(drop=True), labels[judged].reset_index(drop=True)


def _evaluate_and_decide(ctx, store, result, champion, challenger, train_frame, holdout):
    """Holdout metrics, paired comparison, new-batch agreement, cross-validation, then the decision."""
    from training.evaluate import metrics_for_predictions

    ctx.step(f"scoring the {len(holdout)} holdout logs with the challenger" + (" and champion" if champion else ""))
    pred_challenger = challenger.predict_frame(holdout, evidence=False)
    _add_metrics(result.metrics, "holdout.challenger", metrics_for_predictions(holdout, pred_challenger,
                                                                               challenger.threshold_))
    agreement = None
    if champion is not None:
        pred_champion = champion.model.predict_frame(holdout, evidence=False)
        _add_metrics(result.metrics, "holdout.champion", metrics_for_predictions(holdout, pred_champion,
                                                                                 champion.model.threshold_))
        result.comparison = compare_on_holdout(holdout, pred_champion, pred_challenger, rule=ctx.rule)
        _add_comparison_metrics(result.metrics, result.comparison)
        agreement = _batch_agreement(ctx, store, result.added, champion, holdout, pred_champion)
    if ctx.cv_folds:
        ctx.step(f"{ctx.cv_folds}-fold cross-validation on the training split")
        result.metrics.update(_cross_validate(ctx, challenger, train_frame, result.added.new_ids))
    result.decision = decide_promotion(
        result.comparison, rule=ctx.rule, has_champion=champion is not None,
        n_unresolved_conflicts=result.added.n_unresolved_conflicts, agreement=agreement,
        force=ctx.force, force_reason=ctx.force_reason)


def _quarantine_if_disagreeing(ctx, store, result):
    """Quarantine a batch that failed the label-agreement check (unless forced through).

    Stored but unquarantined, its labels would sit in the frozen holdout and train later
    challengers: a later clean batch would then be judged on them and could promote a much worse
    model (issue #14, defect 2).
    """
    if "label-agreement" not in result.decision.blocked_by or result.decision.forced or not result.added.new_ids:
        return
    store.quarantine_batch(result.added.batch_id, "labels disagree with the champion (label-agreement check)")
    result.quarantined = True
    result.store_digest = store.digest()


def _add_metrics(target, prefix, metrics):
    """Copy finite numeric metrics under ``prefix.``."""
    for key, value in metrics.items():
        if isinstance(value, (int, float)) and np.isfinite(value):
            target[f"{prefix}.{key}"] = float(value)


def _add_comparison_metrics(target, comparison):
    """The bootstrap results as flat metrics (recall ones per category slug)."""
    target.update({"compare.auc_diff": comparison.auc.diff, "compare.auc_diff_low": comparison.auc.low,
                   "compare.auc_diff_high": comparison.auc.high})
    for row in comparison.recall.itertuples(index=False):
        slug = "".join(c if c.isalnum() else "_" for c in row.category.lower())
        target.update({f"compare.recall_diff.{slug}": row.diff, f"compare.recall_diff_low.{slug}": row.low,
                       f"compare.recall_support.{slug}": float(row.support)})


def _batch_agreement(ctx, store, added, champion, holdout, pred_champion):
    """``check_batch_agreement`` for the batch's new labels, or None when it cannot be measured.

    The baseline is the champion's loss on holdout labels from earlier batches (never trained on);
    at least 20 such labels are needed.
    """
    earlier = (holdout["first_batch"] < added.batch_id).to_numpy()
    if not added.new_ids or earlier.sum() < 20:
        return None
    baseline = _squared_errors(holdout[earlier], pred_champion[earlier])
    frame = store.to_frame()
    new_rows = frame[frame["incident_id"].isin(set(added.new_ids))]
    new_loss = _squared_errors(new_rows, champion.model.predict_frame(new_rows, evidence=False))
    return check_batch_agreement(new_loss, baseline, alpha=ctx.rule.agreement_alpha,
                                 min_excess=ctx.rule.agreement_excess)


def _squared_errors(labelled, predictions):
    """(p_should_record - should_record)^2 per row."""
    y = labelled["should_record"].astype(bool).to_numpy(dtype=float)
    return (predictions["p_should_record"].to_numpy(dtype=float) - y) ** 2


def _cross_validate(ctx, challenger, train_frame, new_ids):
    """Out-of-fold ROC-AUC on the training split, and how many new labels confident learning flags."""
    from training.audit.label_issues import out_of_fold_probabilities, rank_label_issues

    y = train_frame["should_record"].astype(bool).to_numpy()
    if min(y.sum(), (~y).sum()) < ctx.cv_folds:
        return {}
    features = challenger.featurise(train_frame)
    p_oof = out_of_fold_probabilities(challenger, features, y, cv_folds=ctx.cv_folds, seed=ctx.config.data.seed)
    folds = StratifiedKFold(ctx.cv_folds, shuffle=True, random_state=ctx.config.data.seed)
    per_fold = [roc_auc_score(y[held], p_oof[held]) for _, held in folds.split(np.zeros(len(y)), y)]
    flagged = train_frame["incident_id"].iloc[rank_label_issues(y, p_oof)]
    is_new = train_frame["incident_id"].isin(set(new_ids))
    return {"cv.auc": float(roc_auc_score(y, p_oof)), "cv.auc_fold_mean": float(np.mean(per_fold)),
            "cv.auc_fold_std": float(np.std(per_fold)), "cv.folds": float(ctx.cv_folds),
            "cv.label_issues": float(len(flagged)),
            "cv.label_issues_new": float(flagged.isin(set(new_ids)).sum()),
            "cv.new_train_rows": float(is_new.sum())}


def _apply_decision(ctx, result, trained, batch):
    """Tag the challenger's version with its lineage; on promotion write model_dir and move the alias."""
    from classifier.model import save_model
    from training.tracking import clear_champion, set_champion, tag_model_version

    lineage = _lineage(result, batch)
    tag_model_version(ctx.writer, result.challenger_version, {**lineage, "promoted": result.decision.promote})
    if not result.decision.promote:
        clear_champion(ctx.writer, result.challenger_version)  # a first version gets the alias by default
        return
    ctx.step(f"promoting the challenger to {ctx.model_dir}")
    card = {key: value for key, value in trained.card.items() if key not in ("sha256", "created")}
    card["lineage"] = {**lineage, "registered_version": result.challenger_version,
                       "decision": result.decision.reasons}
    save_model(trained.model, ctx.model_dir, card=card)
    set_champion(ctx.writer, result.challenger_version)
    result.model_dir = ctx.model_dir


def _lineage(result, batch):
    """The lineage recorded on the run, the registered version and the promoted model card."""
    return {"parent_version": result.champion_version or "", "store_digest": result.store_digest,
            "n_new_labels": result.added.n_new, "n_overwritten_labels": result.added.n_overwritten,
            "n_conflicts": result.added.n_conflict_rows, "labels_file": batch.source,
            "labels_sha256": batch.sha256, "store_batch_id": result.added.batch_id,
            "retrain_run_id": result.run_id or ""}


def _log_retrain(tracker, result, batch, ctx):
    """Lineage, decision and comparison into the (still open) MLflow run; never narratives."""
    lineage = _lineage(result, batch)
    tracker.set_tags({**{f"lineage.{k}": v for k, v in lineage.items()},
                      "retrain.decision": "promoted" if result.decision.promote else "kept champion",
                      "retrain.blocked_by": ",".join(result.decision.blocked_by) or "none",
                      "retrain.forced": result.decision.forced,
                      "retrain.reasons": " | ".join(result.decision.reasons)[:4900]})
    tracker.log_params({"retrain.latest_wins": ctx.latest_wins,
                        "retrain.force": ctx.force, "retrain.auc_margin": ctx.rule.auc_margin,
                        "retrain.recall_margin": ctx.rule.recall_margin, "retrain.min_support": ctx.rule.min_support})
    tracker.log_metrics({**result.metrics, "store.rows": result.store_rows, "store.train_rows": result.train_rows,
                         "store.holdout_rows": result.holdout_rows, "batch.new": result.added.n_new,
                         "batch.conflicts": result.added.n_conflict_rows, "batch.rejected": len(result.rejects)})
    with tempfile.TemporaryDirectory() as folder:
        for path in _report_frames(result, Path(folder)):
            tracker.log_artifact(path, artifact_path="retrain")


def _report_frames(result, folder):
    """Write the decision JSON and the conflict/rejects/comparison CSVs into ``folder``; return the paths."""
    from classifier.data import write_frame

    batch_id = result.added.batch_id
    decision = {"promote": result.decision.promote, "forced": result.decision.forced,
                "quarantined": result.quarantined,
                "blocked_by": result.decision.blocked_by, "reasons": result.decision.reasons,
                "champion_version": result.champion_version, "challenger_version": result.challenger_version,
                "store_digest": result.store_digest, "metrics": result.metrics}
    paths = [folder / f"batch-{batch_id}-decision.json"]
    paths[0].write_text(json.dumps(decision, indent=2, default=str) + "\n", encoding="utf-8")
    tables = {"conflicts": result.added.conflicts, "rejects": result.rejects,
              "recall": result.comparison.recall if result.comparison else None}
    for name, frame in tables.items():
        if frame is not None and len(frame):
            paths.append(write_frame(frame, folder / f"batch-{batch_id}-{name}.csv"))
    return paths


def _write_reports(store_dir, result):
    """Keep the batch's decision, conflicts and rejects next to the store (reports/)."""
    folder = Path(store_dir) / REPORTS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    return _report_frames(result, folder)


def _finish_without_training(ctx, store, result, batch):
    """Log a run for a batch that changed nothing, and keep its reports."""
    ctx.writer.start(run_name=f"retrain-batch-{result.added.batch_id}")
    result.run_id = ctx.writer.run_id
    _log_retrain(ctx.writer, result, batch, ctx)
    ctx.writer.finish()
    if not ctx.dry_run:
        result.report_files = _write_reports(ctx.store_dir, result)


def render_retrain_result(result):
    """Format a ``RetrainResult`` for the terminal: counts, conflicts, comparison and the decision.

    Conflicts are shown by incident id and field only; narratives are never printed.
    """
    added = result.added
    lines = [("DRY RUN - nothing was written. " if result.dry_run else "")
             + f"Batch {added.source}: {result.rows_read or added.rows_read} rows read, {added.n_new} new, "
             f"{added.n_merged} repeated, "
             f"{added.n_conflict_rows} conflicting ({added.n_overwritten} applied with --latest-wins), "
             f"{len(result.rejects)} rejected.",
             f"Store: {result.store_rows} labelled logs ({result.train_rows} train / {result.holdout_rows} holdout), "
             f"digest {result.store_digest[:12]}."]
    if added.n_conflict_rows:
        lines.append("Conflicts (stored label kept unless --latest-wins):")
        lines += [f"  row {c.row} {c.incident_id}: {c.field} stored {c.stored_value} -> new {c.new_value} "
                  f"({c.resolution})" for c in added.conflicts.head(20).itertuples()]
        if len(added.conflicts) > 20:
            lines.append(f"  ... and {len(added.conflicts) - 20} more in the conflicts report.")
    if "cv.auc" in result.metrics:
        lines.append(f"Cross-validation ROC-AUC (challenger, training split): {result.metrics['cv.auc']:.4f} "
                     f"(fold sd {result.metrics['cv.auc_fold_std']:.4f}).")
    versions = f"champion version {result.champion_version or '-'}, challenger {result.challenger_version or '-'}"
    if result.champion_origin:
        lines.append(f"Champion compared against: {result.champion_origin}.")
    lines.append(("PROMOTED" if result.decision.promote else "NOT PROMOTED") + f" ({versions}):")
    lines += [f"  - {reason}" for reason in result.decision.reasons]
    if result.quarantined:
        lines.append(f"QUARANTINED batch {added.batch_id}: its {added.n_new} new labels are kept but used neither for "
                     "training nor as holdout until a person checks them and runs 'crimerec quarantine --release "
                     f"{added.batch_id}'" + (" (dry run: nothing was changed)." if result.dry_run else "."))
    lines += [f"Report written: {path}" for path in result.report_files]
    return "\n".join(lines)
