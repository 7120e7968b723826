"""crimerec adapt on real logs: external-dev-real used as a force's export, 10% audited, several audit seeds.

Usage: python benchmarks/adapt_real.py [--data ../shared/external-dev-real/incidents.csv] [--seeds 5]
                                       [--audit-fraction 0.1] [--model models/default] [--json out.json]

For each seed, ``should_record`` is kept on a random audit sample and hidden elsewhere; the file is
written to a temporary export and run through ``training.adapt.adapt`` (no MLflow). Measured on the
unaudited rows against the hidden truth, side by side with the plain baseline (TF-IDF + logistic
regression trained out of fold on ``recorded`` alone) and the base model: ROC-AUC, and recall at k of
the under-recorded logs among unrecorded ones (k = their number). Per crime group uses the source
department's incident type, for error analysis only (it is never a feature). The data is read at run
time and never copied into the project.
"""

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import roc_auc_score

OPTIONS = {}  # extra adapt() keyword arguments (set by --set)
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from classifier import assign_folds, load_model
from training.adapt import adapt
from training.baselines import PlainTfidfLR

# Incident-type words -> crime group, first match wins (analysis only).
GROUPS = (("sexual", r"sexual|indecent"), ("burglary", r"burglary"),
          ("violence/harassment", r"battery|assault|threat|stalk|harass|annoying|brandish|weapon|extortion"),
          ("theft", r"theft|shoplift"), ("damage", r"vandal"))


def crime_group(incident_type, should):
    """Group of a true crime from its source incident type ('' for non-crimes)."""
    if not should:
        return ""
    for name, pattern in GROUPS:
        if re.search(pattern, incident_type, re.IGNORECASE):
            return name
    return "other"


def recall_at_k(score, y, recorded, mask):
    """Share of under-recorded rows (y & ~recorded) in the top k of unrecorded rows, k = their number."""
    rows = mask & ~recorded
    under = y[rows]
    top = np.argsort(-score[rows], kind="mergesort")[: under.sum()]
    return float(under[top].mean()) if under.sum() else float("nan")


def measures(score, data, mask):
    """ROC-AUC, recall at k, and both per crime group, on the rows in ``mask``."""
    y, r, g = data["should_record"].to_numpy(bool), data["recorded"].to_numpy(bool), data["group"].to_numpy()
    out = {"roc_auc": float(roc_auc_score(y[mask], score[mask])), "recall_at_k": recall_at_k(score, y, r, mask)}
    rows = mask & ~r
    top = np.zeros(len(y), bool)
    idx = np.flatnonzero(rows)
    top[idx[np.argsort(-score[rows], kind="mergesort")[: y[rows].sum()]]] = True
    for name in sorted(set(g[y])):
        members = mask & ((g == name) | ~y)
        under = rows & y & (g == name)
        out[f"roc_auc[{name}]"] = float(roc_auc_score(y[members], score[members]))
        out[f"recall_at_k[{name}]"] = float(top[under].mean()) if under.any() else float("nan")
    return out


def baseline_scores(data, folds):
    """Plain TF-IDF + LR trained out of fold on ``recorded`` (no audit, no base model)."""
    frame = data.assign(should_record=data["recorded"])
    p = np.zeros(len(data))
    for fold in np.unique(folds):
        train, held = folds != fold, folds == fold
        p[held] = PlainTfidfLR().fit(frame[train]).score(frame[held])
    return p


def run_seed(data, seed, fraction, model_dir, base_p, folder):
    """One audit sample: export, adapt, measure all three on the unaudited rows."""
    rng = np.random.default_rng(seed)
    audited = np.zeros(len(data), bool)
    audited[rng.choice(len(data), int(round(fraction * len(data))), replace=False)] = True
    export = data[["incident_id", "narrative", "recorded"]].assign(
        should_record=np.where(audited, data["should_record"].map({True: "true", False: "false"}), ""))
    path = Path(folder) / f"export-{seed}.csv"
    export.to_csv(path, index=False)
    result = adapt(path, Path(folder) / f"out-{seed}", base=model_dir, seed=seed, workers=1, **OPTIONS)
    scored = pd.read_csv(Path(folder) / f"out-{seed}" / "scored.csv", dtype={"incident_id": str})
    adapted = scored.set_index("incident_id").loc[data["incident_id"], "p_should_record"].to_numpy(float)
    folds = assign_folds(data["incident_id"], 5, seed=seed)
    plain = baseline_scores(data, folds)
    mask = ~audited
    return {"seed": seed, "audited": int(audited.sum()), "report": result.report["comparison"].get("metrics"),
            "class_prior": result.report["class_prior"], "selection": result.report["selection"],
            "adapted": measures(adapted, data, mask), "baseline": measures(plain, data, mask),
            "base": measures(base_p, data, mask)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "external-dev-real" / "incidents.csv"))
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--audit-fraction", type=float, default=0.1)
    parser.add_argument("--model", default=str(ROOT / "models" / "default"))
    parser.add_argument("--json", default=None)
    parser.add_argument("--set", action="append", default=[], help="adapt() option NAME=NUMBER, e.g. base_margin_scale=0")
    args = parser.parse_args()
    OPTIONS.update({name: float(value) for name, value in (item.split("=", 1) for item in args.set)})
    data = pd.read_csv(args.data, dtype={"incident_id": str})
    data["group"] = [crime_group(t, s) for t, s in zip(data["source_incident_type"].astype(str), data["should_record"])]
    base_p = load_model(args.model).predict_frame(data[["incident_id", "narrative"]], evidence=False)["p_should_record"].to_numpy()
    with tempfile.TemporaryDirectory() as folder:
        runs = [run_seed(data, seed, args.audit_fraction, args.model, base_p, folder) for seed in range(args.seeds)]
    print(render(runs))
    if args.json:
        Path(args.json).write_text(json.dumps(runs, indent=2) + "\n", encoding="utf-8")


def render(runs):
    """Markdown: per seed and mean for the two headline measures, then the per-group mean table."""
    lines = ["| seed | adapted ROC-AUC | baseline | base model | adapted recall@k | baseline | base model |",
             "|---|---|---|---|---|---|---|"]
    for run in runs:
        lines.append(f"| {run['seed']} | " + " | ".join(f"{run[m][k]:.3f}" for k in ("roc_auc", "recall_at_k")
                                                          for m in ("adapted", "baseline", "base")) + " |")
    mean = {m: {k: np.nanmean([run[m][k] for run in runs]) for k in runs[0][m]} for m in ("adapted", "baseline", "base")}
    lines.append("| **mean** | " + " | ".join(f"**{mean[m][k]:.3f}**" for k in ("roc_auc", "recall_at_k")
                                              for m in ("adapted", "baseline", "base")) + " |")
    lines += ["", "Adapted head adopted (final model; folds of scored.csv): " + "; ".join(
        f"seed {run['seed']} {'yes' if run['selection']['final_adopted'] else 'no'}, "
        f"{sum(run['selection']['fold_adopted'] or [])} of {len(run['selection']['fold_adopted'] or [])}"
        for run in runs)]
    lines += ["", "| measure (mean over seeds) | adapted | baseline | base model |", "|---|---|---|---|"]
    lines += [f"| {k} | {mean['adapted'][k]:.3f} | {mean['baseline'][k]:.3f} | {mean['base'][k]:.3f} |"
              for k in mean["adapted"] if "[" in k]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
