"""The pieces of ``summarise_recording``: rates by group, the period, per-year figures, notes."""

import math

import numpy as np
import pandas as pd

from classifier.errors import SchemaError
from classifier.report.rates import (
    WEIGHT_COLUMNS,
    _as_float,
    estimate_rates_by,
    estimate_unrecorded_share,
    format_rate,
)

_DAYS_PER_YEAR = 365.25


def both_methods(estimate):
    """Run ``estimate(method)`` for both methods and return JSON-ready dicts with their text form."""
    out = {}
    for method in ("audit", "model_assisted"):
        result = estimate(method)
        out[method] = {**result.to_dict(), "text": format_rate(result)}
    return out


def grouped_rates(frame, confidence, period):
    """Rates by category, domestic-abuse flag, area and month, both methods."""
    groups = {}
    frame = frame.assign(month=months_of(frame))
    for key, by in (("by_category", "category"), ("by_domestic_abuse", "domestic_abuse"),
                    ("by_area", "area"), ("by_month", "month")):
        if by in ("area", "month") and (by not in frame or frame[by].eq("").all()):
            groups[key] = {}
            continue
        per_method = {m: estimate_rates_by(frame, by, method=m, confidence=confidence)
                      for m in ("audit", "model_assisted")}
        groups[key] = {
            name: {m: {**per_method[m][name].to_dict(), "text": format_rate(per_method[m][name])}
                   for m in per_method}
            | _group_counts(frame, by, name)
            for name in per_method["audit"]
        }
    for name, entry in groups["by_category"].items():
        entry["unrecorded_per_year"] = unrecorded_per_year(frame, confidence, period, name)
    return groups


def _group_counts(frame, by, name):
    """Logs and observed recorded share in a group defined on every row (area, month)."""
    if by not in ("area", "month"):
        return {}
    member = frame[by].eq(name).to_numpy(dtype=bool)
    return {"logs": int(member.sum()), "recorded_rate_observed": mean_or_none(frame["recorded"][member])}


def months_of(frame):
    """``YYYY-MM`` of ``reported_at`` (``""`` where missing or unreadable)."""
    if "reported_at" not in frame:
        return pd.Series("", index=frame.index)
    dates = pd.to_datetime(frame["reported_at"].astype("string"), errors="coerce", utc=True,
                           format="ISO8601")
    return dates.dt.strftime("%Y-%m").astype("string").fillna("")


def period_of(frame, period_days):
    """The period the logs cover: given in days, or the span of ``reported_at``."""
    start = end = None
    if "reported_at" in frame:
        dates = pd.to_datetime(frame["reported_at"].astype("string"), errors="coerce", utc=True,
                               format="ISO8601").dropna()
        if len(dates):
            start, end = dates.min(), dates.max()
    if period_days is not None:
        if not 0 < period_days < math.inf:  # also refuses NaN
            raise SchemaError(f"period_days must be a number of days above 0 and finite. Got {period_days!r}.")
        days, source = float(period_days), "given"
    elif start is not None:
        days, source = float((end.normalize() - start.normalize()).days + 1), "reported_at"
    else:
        days, source = None, "unknown"
    return {"days": days, "source": source,
            "start": start.date().isoformat() if start is not None else None,
            "end": end.date().isoformat() if end is not None else None}


def unrecorded_per_year(frame, confidence, period, category=None):
    """Should-record logs not recorded, scaled to a year: share estimate x logs x 365.25 / days."""
    result = {"period_days": period["days"]}
    if period["days"] is None:
        return result | {"estimate": None, "low": None, "high": None, "method": None,
                         "note": "The period is unknown: give --period-days or a reported_at column."}
    logs = int(frame["recorded"].notna().sum())
    scale = logs * _DAYS_PER_YEAR / period["days"]
    for method in ("audit", "model_assisted"):
        share = estimate_unrecorded_share(frame, method=method, confidence=confidence,
                                          category=category)
        result[method] = {k: (None if v is None else round(v * scale, 1))
                          for k, v in (("estimate", share.estimate), ("low", share.low),
                                       ("high", share.high))} | {"method": share.method, "note": share.note}
    headline = result["model_assisted"]
    return result | {k: headline[k] for k in ("estimate", "low", "high", "method", "note")}


def audit_design(frame, *, audit_random=False):
    """Whether the audit labels may be used as a probability sample of the logs, and why not.

    They may when they carry inclusion probabilities or weights (as ``crimerec audit-sample``
    writes), when the user declares them a simple random sample (``audit_random``), or when every
    log is audited (a census). Otherwise logs chosen for review (such as the top of the triage
    queue) would be taken for a random sample and the rates would be badly wrong.

    Returns
    -------
    dict
        ``used_for_rates`` (bool), ``design`` ('none', 'weighted', 'declared random', 'census' or
        'not random') and ``refused`` (the explanation, ``""`` when used).
    """
    labelled = frame["should_record"].notna().to_numpy() if "should_record" in frame else np.zeros(len(frame), bool)
    weighted = any(column in frame and frame[column][labelled].notna().any() for column in WEIGHT_COLUMNS)
    if not labelled.any() or weighted or audit_random or labelled[frame["recorded"].notna().to_numpy()].all():
        design = ("none" if not labelled.any() else "weighted" if weighted else
                  "declared random" if audit_random else "census")
        return {"used_for_rates": True, "design": design, "refused": ""}
    refused = (
        f"The {int(labelled.sum()):,} audit labels carry no inclusion_probability (or audit_weight) and were "
        "not declared a random sample, so they are not used for the recording rates: logs chosen for "
        "review, such as the top of the triage queue, are not a random sample, and treating them as one "
        "can turn a 90% rate into 0%. They still mark the reviewed rows of the triage queue. Choose logs "
        "with 'crimerec audit-sample' (it records each log's inclusion probability), or pass "
        "--audit-random if these logs were drawn at random."
    )
    return {"used_for_rates": False, "design": "not random", "refused": refused}


def audit_facts(frame, audited):
    """What the audit sample is: size, should-record count, weighting."""
    weight_column = next((c for c in WEIGHT_COLUMNS if c in frame.columns), None)
    should = frame["should_record"] if "should_record" in frame else pd.Series(dtype="boolean")
    return {"rows_audited": audited, "should_record_audited": int(should.eq(True).sum()),
            "weighted": weight_column is not None, "weight_column": weight_column}


def mean_or_none(values):
    """Mean of a boolean/number column ignoring missing values, or None when all are missing."""
    numbers = _as_float(values)
    numbers = numbers[~np.isnan(numbers)]
    return float(numbers.mean()) if numbers.size else None


def notes_for(summary):
    """Plain-English caveats for the report and summary.json."""
    notes = []
    if summary["audit"].get("refused"):
        notes.append(summary["audit"]["refused"])
    elif summary["audit"]["rows_audited"] == 0:
        notes.append(
            "No audit labels were supplied: only the observed recording rate and the model's own "
            "estimate are available, and the model's estimate has no valid confidence interval. "
            "Audit a random sample of logs (crimerec report --audit) for a valid rate."
        )
    if summary["rows_with_recorded"] < summary["rows"]:
        notes.append(f"{summary['rows'] - summary['rows_with_recorded']} logs have no recorded "
                     "yes/no and are left out of every rate.")
    return notes
