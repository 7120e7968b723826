"""What ``adapt`` measured and how it is shown: class prior, base-vs-adapted on audited rows, card, summary.

Everything here is computed on audited rows with out-of-fold scores (the adapted model never saw the
row it is judged on) and returned as plain values; ``render_adapt_summary`` formats them for people.
"""

import numpy as np
import pandas as pd

__all__ = ["adapt_card", "audited_comparison", "class_prior", "limitations", "render_adapt_summary",
           "selection_notes"]

_N_BOOT = 2000
_LIMITS = {
    "recorded-only": [
        ("No audit labels: the model learns the force's own recording decisions (P(recorded | log)), its "
        "habits included. It cannot correct under-recording by crime group, estimate the share of logs "
        "that should be recorded, or check its calibration. Audit a sample ('crimerec audit-sample') and rerun.")],
    "audit-only": [
        ("No 'recorded' decisions: the model is trained on the audited rows alone (with the base model's "
        "features), so it learns less of the force's language than it could. Discrepancy flags cannot be computed.")],
    "pu": [],
}


def limitations(mode):
    """Plain-language list of what this mode cannot do."""
    return list(_LIMITS[mode])


def selection_notes(report):
    """Plain-language statement of whether the adapted head is used, from ``report['selection']``."""
    selection = report.get("selection") or {}
    final = selection.get("final")
    if selection.get("final_adopted") is None or not final:
        return []
    if final.get("log_loss_gain") is None:
        gain = "too few audited logs of each kind to compare"
    else:
        gain = (f"log loss per audited log {final['log_loss_gain']:+.4f} lower than the base's, 90% CI "
                f"{final['low']:+.4f} to {final['high']:+.4f}")
    folds = selection.get("fold_adopted") or []
    used = f"{sum(folds)} of {len(folds)} folds of scored.csv use the adapted head"
    if selection["final_adopted"]:
        return [f"The adapted head beats the base model on the audited logs ({gain}); the model uses it ({used})."]
    return [(f"The adapted head is not clearly better than the base model on the audited logs ({gain}), so "
            f"the model scores exactly as the base model (its probabilities and threshold); {used}.")]


def _bootstrap(statistic, n, *, seed=0):
    """Percentile 95% interval of ``statistic(index)`` over resampled row indices."""
    rng = np.random.default_rng(seed)
    values = [statistic(rng.integers(0, n, n)) for _ in range(_N_BOOT)]
    values = np.array([v for v in values if np.isfinite(v)])
    if not len(values):
        return None, None
    return float(np.percentile(values, 2.5)), float(np.percentile(values, 97.5))


def class_prior(sample, rates):
    """Share of logs that should be recorded: from the audit, and from ``recorded`` corrected by the audit.

    The audit estimate weights each audited row by 1 / ``inclusion_probability`` where given. The
    second inverts the noise model over every row: pi = (P(recorded) - eps) / (c - eps).
    """
    rows = sample.rows[sample.rows["audited"]]
    if not len(rows):
        return {"audit": None, "from_recorded": None}
    y = rows["should_record"].to_numpy(float)
    w = 1.0 / rows["inclusion_probability"].fillna(1.0).clip(lower=1e-6).to_numpy(float)
    audit_pi = lambda i: float(np.sum(w[i] * y[i]) / np.sum(w[i]))
    low, high = _bootstrap(audit_pi, len(y))
    result = {"audit": {"estimate": audit_pi(np.arange(len(y))), "low": low, "high": high, "audited_rows": len(y)},
              "from_recorded": None}
    r = rows["recorded"].to_numpy(float)
    known = np.isfinite(r)
    if rates is None or not sample.recorded_known or known.sum() < 4:
        return result
    p_recorded = sample.recorded_true / sample.recorded_known
    yk, rk = y[known] > 0.5, r[known] > 0.5

    def pu_pi(i):
        c = (rk[i][yk[i]].sum() + 1.0) / (yk[i].sum() + 2.0)
        eps = (rk[i][~yk[i]].sum() + 0.5) / ((~yk[i]).sum() + 1.0)
        return float(np.clip((p_recorded - eps) / max(c - eps, 1e-6), 0.0, 1.0))

    low, high = _bootstrap(pu_pi, int(known.sum()))
    result["from_recorded"] = {"estimate": pu_pi(np.arange(int(known.sum()))), "low": low, "high": high,
                               "recorded_share": p_recorded}
    return result


def audited_comparison(rows, base_pred, p_oof, flagged, kinds, rule):
    """Base against adapted on the audited rows (out-of-fold), with the paired bootstrap of ``retrain``.

    ``p_oof`` and ``flagged`` are the cross-fitted scorer's probability and flag for every sample row.

    Returns
    -------
    tuple of (dict, ModelComparison or None)
        JSON-ready metrics, and the comparison the promotion rule reads (None with too few audited rows).
    """
    from training.audit.promotion import compare_on_holdout

    audited = rows["audited"].to_numpy()
    y = rows["should_record"].to_numpy(bool)[audited]
    if y.sum() < 2 or (~y).sum() < 2:
        return {"metrics": {}, "note": "too few audited rows of each class to compare"}, None
    p_base, p_new = base_pred["p_should_record"].to_numpy()[audited], p_oof[audited]
    holdout = pd.DataFrame({"should_record": y, "hocr_category": np.asarray(kinds, object)[audited]})
    champion = pd.DataFrame({"p_should_record": p_base,
                             "predicted_should_record": base_pred["predicted_should_record"].to_numpy()[audited]})
    challenger = pd.DataFrame({"p_should_record": p_new, "predicted_should_record": np.asarray(flagged, bool)[audited]})
    comparison = compare_on_holdout(holdout, champion, challenger, rule=rule)
    recorded = rows["recorded"].to_numpy(float)[audited]
    metrics = {"audited_rows": len(y), "roc_auc_base": comparison.auc_champion,
               "roc_auc_adapted": comparison.auc_challenger, "roc_auc_diff": comparison.auc.diff,
               "roc_auc_diff_low": comparison.auc.low, "roc_auc_diff_high": comparison.auc.high,
               "brier_base": float(np.mean((p_base - y) ** 2)), "brier_adapted": float(np.mean((p_new - y) ** 2)),
               "recall_base": float(champion["predicted_should_record"][y].mean()),
               "recall_adapted": float(challenger["predicted_should_record"][y].mean()),
               **_under_recorded_found(y, recorded, p_base, p_new)}
    recall = comparison.recall.to_dict(orient="records")
    return {"metrics": metrics, "recall_by_group": recall}, comparison


def _under_recorded_found(y, recorded, p_base, p_new):
    """Among audited unrecorded rows: share of the under-recorded ones in each model's top k (k = their number)."""
    unrecorded = recorded == 0.0
    under = y[unrecorded]
    k = int(under.sum())
    if not k:
        return {}
    found = {}
    for name, p in (("base", p_base), ("adapted", p_new)):
        top = np.argsort(-p[unrecorded], kind="mergesort")[:k]
        found[f"under_recorded_recall_at_k_{name}"] = float(under[top].mean())
    return {"under_recorded_audited": k, **found}


def adapt_card(report, command, run_id):
    """Model-card fields of an adapted model (``save_model`` adds versions and the checksum)."""
    metrics = report["comparison"].get("metrics") or {}
    return {
        "name": "crimerec-adapted", "command": command or "", "mlflow_run_id": run_id,
        "base_model_sha256": report["base_model"]["sha256"], "base_model": report["base_model"]["source"],
        "export_sha256": report["export_sha256"], "training_data_sha256": report["export_sha256"],
        "rows": report["rows_used"], "training_rows": report["training_rows"], "audited_rows": report["audited_rows"],
        "folds": report["folds"], "mode": report["mode"], "limitations": report["limitations"],
        "class_prior": report["class_prior"], "recording_rates": report["recording_rates"],
        "metrics": {**({"audited_out_of_fold": metrics} if metrics else {}), **_selection_metrics(report)},
        "promotion": report.get("promotion"), "selection": report.get("selection"),
        "uses_adapted_head": report.get("selection", {}).get("final_adopted") is not False,
    }


def _selection_metrics(report):
    """The adoption decision as a card metric group (1 = the adapted head is used, 0 = scores as the base)."""
    final = (report.get("selection") or {}).get("final")
    if not final:
        return {}
    values = {"adopted": 1.0 if final["adopted"] else 0.0, "audited_rows": final["audited_rows"]}
    if final["log_loss_gain"] is not None:
        values.update({"log_loss_gain": final["log_loss_gain"], "log_loss_gain_low": final["low"],
                       "log_loss_gain_high": final["high"]})
    return {"adapted_head_selection": values}


def _interval(values):
    """'0.412 (0.35 to 0.47)' from an estimate dict, or 'n/a'."""
    if not values:
        return "n/a"
    if values.get("low") is None:
        return f"{values['estimate']:.3f}"
    return f"{values['estimate']:.3f} (95% CI {values['low']:.3f} to {values['high']:.3f})"


def render_adapt_summary(result):
    """Format an ``AdaptResult`` for the terminal: counts, prior, folds, base vs adapted, decision."""
    report = result.report
    lines = [(f"{result.rows_read:,} rows read: {result.rows_used:,} used, {result.rows_rejected:,} rejected; "
             f"{result.audited_rows:,} audited; {result.training_rows:,} used for fitting; mode {result.mode}."),
             (f"Share that should be recorded: audit {_interval(report['class_prior'].get('audit'))}; "
             f"from 'recorded' corrected by the audit {_interval(report['class_prior'].get('from_recorded'))}.")]
    for fold in report["per_fold"]:
        auc = "n/a" if fold["roc_auc"] is None else f"{fold['roc_auc']:.3f}"
        lines.append(f"  fold {fold['fold'] + 1}: {fold['rows']:,} rows, {fold['audited_rows']:,} audited, "
                     f"ROC-AUC {auc}")
    metrics = report["comparison"].get("metrics") or {}
    if metrics:
        lines.append(f"Audited rows, out of fold: ROC-AUC base {metrics['roc_auc_base']:.3f} -> adapted "
                     f"{metrics['roc_auc_adapted']:.3f} (difference {metrics['roc_auc_diff']:+.3f}, 95% CI "
                     f"{metrics['roc_auc_diff_low']:+.3f} to {metrics['roc_auc_diff_high']:+.3f}); Brier "
                     f"{metrics['brier_base']:.3f} -> {metrics['brier_adapted']:.3f}.")
    lines += result.notes
    promotion = report.get("promotion") or {}
    verdict = "made champion" if result.promoted else "not made champion"
    lines.append(f"Model {result.output_dir / 'model'} (MLflow version {result.model_version or '-'}, {verdict}).")
    lines += [f"  - {reason}" for reason in promotion.get("reasons", [])[:3]]
    lines.append(f"Scored rows: {result.output_dir / 'scored.csv'}; report: {result.output_dir / 'adapt_report.json'}.")
    return "\n".join(lines)
