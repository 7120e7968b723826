"""crimerec adapt on generated exports: every recording profile, audited on a small random share.

Usage: python benchmarks/adapt_generated.py [--rows 50000] [--audit-fraction 0.02] [--seed 101]
                                            [--profiles west-midlands-2018,leicestershire-2018,compliant]

For each profile a fresh export is generated (seed not used for the shipped model), audit labels are
kept on a random share, and ``training.adapt.adapt`` runs on it (no MLflow). Measured on the
unaudited rows against the generator's truth, adapted against the base model: ROC-AUC, Brier score,
recall and precision at each model's threshold, recall at k of the under-recorded logs among
unrecorded ones, and ROC-AUC and recall per HOCR group.
"""

import argparse
import json
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import roc_auc_score

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from classifier import load_model, to_hocr_group
from training.adapt import adapt
from training.generator.generate import generate_incidents, keep_audit_sample

OPTIONS = {}  # extra adapt() keyword arguments (set by --set)


def measures(p, flagged, truth, mask):
    """Headline and per-group measures on the rows in ``mask``."""
    y, r = truth["should_record"].to_numpy(bool), truth["recorded"].to_numpy(bool)
    groups = np.array([to_hocr_group(c) if s else "" for c, s in zip(truth["hocr_category"], y)], dtype=object)
    out = {"roc_auc": roc_auc_score(y[mask], p[mask]), "brier": float(np.mean((p[mask] - y[mask]) ** 2)),
           "recall": float(flagged[mask & y].mean()), "precision": float(y[mask & flagged].mean())}
    rows = mask & ~r
    k = int(y[rows].sum())
    top = np.zeros(len(y), bool)
    top[np.flatnonzero(rows)[np.argsort(-p[rows], kind="mergesort")[:k]]] = True
    out["recall_at_k"] = float(top[rows & y].mean())
    for group in sorted(set(groups[y])):
        members = mask & ((groups == group) | ~y)
        out[f"roc_auc[{group}]"] = roc_auc_score(y[members], p[members])
        out[f"recall[{group}]"] = float(flagged[mask & (groups == group)].mean())
    return {key: float(value) for key, value in out.items()}


def run_profile(profile, args, base, folder):
    """Generate, adapt, measure one profile."""
    truth = generate_incidents(args.rows, seed=args.seed, profile=profile)
    export = keep_audit_sample(truth, args.audit_fraction, seed=args.seed)
    path = Path(folder) / f"{profile}.csv"
    export.drop(columns=["scenario", "hard_case"]).to_csv(path, index=False)
    result = adapt(path, Path(folder) / profile, base=base, seed=args.seed, **OPTIONS)
    scored = pd.read_csv(Path(folder) / profile / "scored.csv", dtype={"incident_id": str}, keep_default_na=False)
    scored = scored.set_index("incident_id").loc[truth["incident_id"]]
    base_pred = base.predict_frame(truth.drop(columns=["should_record", "hocr_category"]), evidence=False, n_jobs=-1)
    mask = export["should_record"].isna().to_numpy()
    adapted = measures(scored["p_should_record"].astype(float).to_numpy(),
                       scored["predicted_should_record"].astype(str).str.lower().eq("true").to_numpy(), truth, mask)
    plain = measures(base_pred["p_should_record"].to_numpy(), base_pred["predicted_should_record"].to_numpy(), truth, mask)
    return {"profile": profile, "adapted": adapted, "base": plain, "selection": result.report["selection"]}


def render(runs):
    """Markdown: one table per profile, adapted against base, with a mark where adapted is worse."""
    lines = []
    for run in runs:
        selection = run["selection"]
        final = selection.get("final") or {}
        lines += ["", f"#### {run['profile']}", "",
                  (f"Adapted head adopted: final model {selection.get('final_adopted')} (log-loss gain "
                  f"{final.get('log_loss_gain')}, 95% CI {final.get('low')} to {final.get('high')}); folds "
                  f"{selection.get('fold_adopted')}."), "", "| measure | base | adapted |", "|---|---|---|"]
        for key, value in run["adapted"].items():
            base = run["base"][key]
            worse = value < base - 1e-9 if key != "brier" else value > base + 1e-9
            lines.append(f"| {key} | {base:.4f} | {value:.4f}{' (worse)' if worse else ''} |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--audit-fraction", type=float, default=0.02)
    parser.add_argument("--seed", type=int, default=101)
    parser.add_argument("--profiles", default="west-midlands-2018,leicestershire-2018,compliant")
    parser.add_argument("--model", default=str(ROOT / "models" / "default"))
    parser.add_argument("--json", default=None)
    parser.add_argument("--set", action="append", default=[], help="adapt() option NAME=NUMBER")
    args = parser.parse_args()
    OPTIONS.update({name: float(value) for name, value in (item.split("=", 1) for item in args.set)})
    base = load_model(args.model)
    with tempfile.TemporaryDirectory() as folder:
        runs = [run_profile(profile, args, base, folder) for profile in args.profiles.split(",")]
    print(render(runs))
    if args.json:
        Path(args.json).write_text(json.dumps(runs, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
