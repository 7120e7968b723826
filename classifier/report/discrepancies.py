"""Discrepancy reports: the triage queue of likely under-recorded crimes, recording-rate summaries,
and the ``crimerec report`` outputs (``report.html``, ``triage.csv``, ``over_recorded.csv``,
``summary.json``).

Computing is kept apart from rendering: ``find_discrepancies`` and ``summarise_recording`` return
data; ``render_report`` turns it into one self-contained HTML page; ``write_report`` does all three.
"""

import logging
import math
from pathlib import Path

import numpy as np
import pandas as pd

from classifier.data import NO_CRIME, check_writable, parse_bool
from classifier.errors import SchemaError
from classifier.report import triage_rules as _triage_rules
from classifier.report.rates import _as_float, estimate_recording_rate
from classifier.report.summary import (
    audit_design,
    audit_facts,
    both_methods,
    grouped_rates,
    mean_or_none,
    notes_for,
    period_of,
    unrecorded_per_year,
)

__all__ = [
    "VULNERABILITY_WEIGHTS",
    "VIOLENT_GROUPS",
    "TRIAGE_COLUMNS",
    "OVER_RECORDED_COLUMNS",
    "find_discrepancies",
    "summarise_recording",
    "render_report",
    "write_report",
]

logger = logging.getLogger(__name__)

# Priority = p_should_record x the product of the factors that apply to a log. Vulnerable victims
# first (HMICFRS re-inspections single out domestic abuse, sexual offences and violence), and
# repeat victims, whose risk grows with each unrecorded report.
VULNERABILITY_WEIGHTS = {
    "domestic abuse": 1.5,
    "sexual offence": 1.5,
    "violence": 1.3,
    "repeat victim or location": 1.25,
}
VIOLENT_GROUPS = ("Violence with injury", "Violence without injury", "Robbery")
TRIAGE_COLUMNS = (
    "rank", "incident_id", "priority", "p_should_record", "vulnerability_weight",
    "vulnerability", "predicted_category", "contradiction", "contradiction_reason", "evidence",
    "excerpt", "area", "reported_at", "recorded", "closing_code", "should_record",
)  # fmt: skip
OVER_RECORDED_COLUMNS = (
    "rank", "incident_id", "p_should_record", "predicted_category", "evidence", "excerpt", "area",
    "reported_at", "recorded", "closing_code", "should_record",
)  # fmt: skip
_SCORE_NEEDED = ("p_should_record", "predicted_should_record", "predicted_category")


def find_discrepancies(scored, *, kind="under", top=None):
    """Rank the logs where the model and the force's recording decision disagree.

    Parameters
    ----------
    scored : pandas.DataFrame
        Output of ``crimerec score`` (input columns plus the score columns), with ``recorded``.
    kind : {'under', 'over'}, default='under'
        ``'under'``: predicted should-record but not recorded, ranked by priority =
        ``p_should_record`` x vulnerability weight (see ``VULNERABILITY_WEIGHTS``), with a
        ``contradiction`` flag when the account discloses an offence and the closing comment
        denies or ignores it without verifiable contrary evidence. ``'over'``: recorded but
        predicted not to need recording, most confident first.
    top : int or None, default=None
        Keep only the first ``top`` rows.

    Returns
    -------
    pandas.DataFrame
        Columns ``TRIAGE_COLUMNS`` (or ``OVER_RECORDED_COLUMNS``); the index is the scored
        frame's, so the rows can be joined back to their logs.

    Raises
    ------
    SchemaError
        If ``recorded`` or a score column is missing.

    Examples
    --------
    >>> scored = pd.DataFrame({
    ...     "incident_id": ["A1", "A2"], "narrative": ["He punched her.", "Noise complaint."],
    ...     "closing_comment": ["Victim does not want to support police action.", "Advice."],
    ...     "recorded": [False, False], "p_should_record": [0.9, 0.2],
    ...     "predicted_should_record": [True, False],
    ...     "predicted_category": ["Violence without injury", "No crime"]})
    >>> triage = find_discrepancies(scored)
    >>> triage[["incident_id", "priority", "contradiction"]].values.tolist()
    [['A1', 1.17, True]]
    """
    if kind not in ("under", "over"):
        raise ValueError(f"kind must be 'under' or 'over'. Got {kind!r}.")
    frame = _coerce_scored(scored)
    if "recorded" not in frame.columns:
        raise SchemaError(
            "Column 'recorded' is missing, so there is nothing to compare the predictions with. "
            "Include the force's recorded yes/no column when scoring."
        )
    result = _under_recorded(frame) if kind == "under" else _over_recorded(frame)
    return result if top is None else result.head(top)


def _under_recorded(frame):
    """Triage queue: predicted should-record, not recorded, ranked by weighted priority."""
    mask = frame["predicted_should_record"].fillna(False) & frame["recorded"].eq(False).fillna(False)
    candidates = frame[mask.to_numpy(dtype=bool)]
    reasons = _vulnerability_reasons(frame, candidates)
    weights = reasons.map(lambda found: math.prod(VULNERABILITY_WEIGHTS[r] for r in found))
    checks = _contradictions(candidates)
    out = pd.DataFrame(index=candidates.index)
    out["incident_id"] = candidates["incident_id"]
    out["p_should_record"] = candidates["p_should_record"]
    out["vulnerability_weight"] = weights.astype("float64")
    out["priority"] = (out["p_should_record"] * out["vulnerability_weight"]).round(4)
    out["vulnerability"] = reasons.map("; ".join)
    out["contradiction"] = pd.array([flag for flag, _ in checks], dtype="boolean")
    out["contradiction_reason"] = [reason for _, reason in checks]
    out = _add_context(out, candidates)
    out = out.sort_values(["priority", "p_should_record", "incident_id"],
                          ascending=[False, False, True], kind="mergesort")
    out["rank"] = np.arange(1, len(out) + 1)
    return out[list(TRIAGE_COLUMNS)]


def _contradictions(candidates):
    """(flag, reason) per candidate from the indicators of its narrative and closing comment."""
    n = len(candidates)
    found = _triage_rules.find_indicators([*candidates["narrative"], *candidates["closing_comment"]])
    return [
        _triage_rules.assess_contradiction(found[i], closing, found[n + i])
        for i, closing in enumerate(candidates["closing_comment"])
    ]


def _over_recorded(frame):
    """Recorded logs the model says did not need recording, least likely crime first."""
    mask = frame["recorded"].eq(True).fillna(False) & ~frame["predicted_should_record"].fillna(True)
    candidates = frame[mask.to_numpy(dtype=bool)]
    out = pd.DataFrame(index=candidates.index)
    out["incident_id"] = candidates["incident_id"]
    out["p_should_record"] = candidates["p_should_record"]
    out = _add_context(out, candidates)
    out = out.sort_values(["p_should_record", "incident_id"], kind="mergesort")
    out["rank"] = np.arange(1, len(out) + 1)
    return out[list(OVER_RECORDED_COLUMNS)]


def _add_context(out, candidates):
    """Copy the category, evidence, a masked excerpt, area, date, the force's decision and audit label."""
    blank = pd.Series("", index=candidates.index)
    out["predicted_category"] = candidates["predicted_category"]
    out["evidence"] = candidates.get("evidence", blank)
    out["area"] = candidates.get("area", blank)
    out["reported_at"] = candidates.get("reported_at", blank).astype("string").fillna("")
    out["recorded"] = candidates["recorded"]
    out["closing_code"] = candidates.get("closing_code", blank).astype("string").fillna("")
    out["excerpt"] = [_triage_rules.masked_excerpt(text) for text in candidates["narrative"]]
    out["should_record"] = candidates.get("should_record", pd.Series(pd.NA, index=candidates.index,
                                                                      dtype="boolean"))
    return out


def _vulnerability_reasons(frame, candidates):
    """Per candidate, the list of ``VULNERABILITY_WEIGHTS`` keys that apply."""
    da = _domestic_abuse_flag(candidates)
    category = candidates["predicted_category"]
    repeat = _repeat_flags(frame).loc[candidates.index]
    rows = []
    for i in range(len(candidates)):
        found = []
        if da[i]:
            found.append("domestic abuse")
        if category.iloc[i] == "Sexual offences":
            found.append("sexual offence")
        if category.iloc[i] in VIOLENT_GROUPS:
            found.append("violence")
        if repeat.iloc[i]:
            found.append("repeat victim or location")
        rows.append(found)
    return pd.Series(rows, index=candidates.index, dtype=object)


def _domestic_abuse_flag(frame):
    """The ``domestic_abuse`` flag where known, else the model's ``p_domestic_abuse >= 0.5``."""
    known = _as_float(frame["domestic_abuse"]) if "domestic_abuse" in frame else np.full(len(frame), np.nan)
    model = _as_float(frame["p_domestic_abuse"]) if "p_domestic_abuse" in frame else np.zeros(len(frame))
    return np.where(np.isnan(known), np.nan_to_num(model) >= 0.5, known == 1)


def _repeat_flags(frame):
    """True for logs whose address recurs in the file (same area) or that say the victim is repeat."""
    area = frame.get("area", pd.Series("", index=frame.index)).astype("string").fillna("")
    keys = pd.Series([_triage_rules.location_key(n, a) for n, a in zip(frame["narrative"], area)],
                     index=frame.index, dtype=object)
    counts = keys.dropna().value_counts()
    repeated = keys.map(lambda k: k is not None and counts.get(k, 0) >= 2).astype(bool)
    said = frame["narrative"].map(_triage_rules.mentions_repeat).astype(bool)
    return repeated | said


# ---- summaries -------------------------------------------------------------------------------


def summarise_recording(scored, *, period_days=None, confidence=0.95):
    """Headline counts and recording-rate estimates (audit-only and model-assisted) for a report.

    Parameters
    ----------
    scored : pandas.DataFrame
        Scored logs with ``recorded``; ``should_record`` on audited rows (may be all missing);
        optional audit weights (``audit_weight`` or ``inclusion_probability``).
    period_days : float or None, default=None
        Days the logs cover, to scale unrecorded crimes to a year. None: the span of
        ``reported_at`` (first to last day, inclusive).
    confidence : float, default=0.95

    Returns
    -------
    dict
        JSON-ready: ``rows``, ``recorded_rate_observed``, ``under_recorded_candidates``,
        ``over_recorded_candidates``, ``contradictions``, ``audit``, ``recording_rate``
        (``audit`` and ``model_assisted``, each with ``estimate``, ``low``, ``high``, ``n``,
        ``text``), ``by_category``, ``by_domestic_abuse``, ``by_area``, ``by_month``,
        ``unrecorded_per_year``, ``period`` and plain-English ``notes``.
    """
    frame = _coerce_scored(scored)
    return _summarise(frame, find_discrepancies(frame), find_discrepancies(frame, kind="over"),
                      period_days=period_days, confidence=confidence)


def _summarise(frame, triage, over, *, period_days, confidence, design=None):
    """``summarise_recording`` on a coerced frame with its triage and over-recorded lists.

    ``design`` (from ``audit_design``) that refuses the labels leaves them out of every rate.
    """
    reviewed = int(frame["should_record"].notna().sum()) if "should_record" in frame else 0
    if design is not None and not design["used_for_rates"]:
        frame = frame.drop(columns="should_record")
    audited = int(frame["should_record"].notna().sum()) if "should_record" in frame else 0
    if "should_record" not in frame:
        frame = frame.assign(should_record=pd.array([pd.NA] * len(frame), dtype="boolean"))
    period = period_of(frame, period_days)
    summary = {
        "rows": len(frame),
        "rows_with_recorded": int(frame["recorded"].notna().sum()),
        "recorded_rate_observed": mean_or_none(frame["recorded"]),
        "predicted_should_record_rate": mean_or_none(frame["predicted_should_record"]),
        "under_recorded_candidates": len(triage),
        "over_recorded_candidates": len(over),
        "contradictions": int(triage["contradiction"].sum()),
        "confidence": confidence,
        "audit": audit_facts(frame, audited) | (design or {}) | {"rows_reviewed": reviewed},
        "recording_rate": both_methods(lambda m: estimate_recording_rate(
            frame, method=m, confidence=confidence)),
        "period": period,
    }
    summary.update(grouped_rates(frame, confidence, period))
    summary["unrecorded_per_year"] = unrecorded_per_year(frame, confidence, period)
    summary["notes"] = notes_for(summary)
    return summary


# ---- loading, rendering and writing ----------------------------------------------------------


def _coerce_scored(scored):
    """Check the score columns are present and give them their types (floats, booleans, text)."""
    missing = [c for c in ("incident_id", "narrative", *_SCORE_NEEDED) if c not in scored.columns]
    if missing:
        raise SchemaError(
            f"Columns {missing} are missing from the scored logs. The report needs the output of "
            "'crimerec score' (it adds p_should_record, predicted_should_record and "
            "predicted_category)."
        )
    frame = scored.copy()
    for column in ("p_should_record", "p_domestic_abuse"):
        if column in frame:
            frame[column] = _as_float(frame[column])
    for column in ("predicted_should_record", "recorded", "should_record", "domestic_abuse"):
        if column in frame and frame[column].dtype != "boolean":
            frame[column] = pd.array([parse_bool(v) for v in frame[column]], dtype="boolean")
    for column in ("narrative", "closing_comment", "evidence", "area", "predicted_category"):
        if column in frame:
            frame[column] = frame[column].astype("string").fillna("").astype(object)
        else:
            frame[column] = ""
    frame["predicted_category"] = frame["predicted_category"].replace("", NO_CRIME)
    return frame


def render_report(summary, *, triage=None, scored=None, top=25, over=None):
    """Render the summary and the top of the triage queue as one self-contained HTML page.

    Parameters
    ----------
    summary : dict
        From :func:`summarise_recording`.
    triage : pandas.DataFrame or None, default=None
        From :func:`find_discrepancies`; its index points into ``scored``.
    scored : pandas.DataFrame or None, default=None
        The scored logs, for the narratives shown (masked, escaped, evidence highlighted).
    top : int, default=25
        Triage rows shown (and over-recorded rows).
    over : pandas.DataFrame or None, default=None
        From ``find_discrepancies(kind='over')``: the top is shown.

    Returns
    -------
    str
        HTML with inline CSS and charts as ``data:`` PNG images; no scripts, no external links.
    """
    from classifier.report.html import render_html

    return render_html(summary, triage=triage, scored=scored, top=top, over=over)


def write_report(scored, out_dir, *, audit=None, period_days=None, top=25, confidence=0.95, profile=None,
                 audit_random=False, excel=False):
    """Write ``report.html``, ``triage.csv``, ``over_recorded.csv`` and ``summary.json``.

    Parameters
    ----------
    scored : str, path-like or pandas.DataFrame
        The output of ``crimerec score`` (CSV, JSON Lines or Parquet), or that frame.
    out_dir : str or path-like
        Directory for the outputs (created if needed).
    audit : str, path-like, pandas.DataFrame or None, default=None
        Audit labels joined on ``incident_id``: ``should_record`` and optionally
        ``hocr_category``, ``domestic_abuse``, ``inclusion_probability`` / ``audit_weight``.
        They replace the scored file's values for the same logs.
    period_days : float or None, default=None
        Days covered, for the per-year figures (default: the ``reported_at`` span).
    top : int, default=25
        Triage rows shown in the HTML (the CSV has them all).
    confidence : float, default=0.95
    profile : ForceProfile or None, default=None
        The force profile (``classifier.data.profile``): reads a scored file and audit file that
        kept the force's column names and date format; its force name and security marking are
        shown on the page.
    audit_random : bool, default=False
        Declare audit labels without inclusion probabilities a simple random sample. Without it
        such labels are not used for rates (see ``classifier.report.summary.audit_design``).
    excel : bool, default=False
        Write the CSV files with a UTF-8 byte-order mark, so spreadsheet programs read them right.

    Returns
    -------
    dict
        The summary written to ``summary.json`` (plus ``outputs``: the files written).
    """
    from classifier.report.files import join_audit, load_scored, report_provenance, write_outputs

    check_writable(out_dir, "report", folder=True)  # before the work, not after (issue #14, defect 6)
    started = _now()
    read_options = profile.reading_options() if profile is not None else None
    frame, read_facts = load_scored(scored, read_options)
    rejects = read_facts.pop("rejects", None)
    if audit is not None:
        frame, audit_facts = join_audit(frame, audit, (read_options or {}).get("mapping"))
        read_facts.update(audit_facts)
    frame = _coerce_scored(frame)
    triage = find_discrepancies(frame)
    over = find_discrepancies(frame, kind="over")
    design = audit_design(frame, audit_random=audit_random)
    summary = {**read_facts, **_summarise(frame, triage, over, period_days=period_days,
                                          confidence=confidence, design=design)}
    summary["provenance"] = report_provenance(scored, audit, started=started, profile=profile)
    html = render_report(summary, triage=triage, scored=frame, top=top, over=over)
    summary["outputs"] = write_outputs(Path(out_dir), summary=summary, triage=triage, over=over,
                                       html=html, rejects=rejects, excel=excel)
    return summary


def _now():
    """The current time in UTC (the run time recorded in the provenance)."""
    import datetime as dt

    return dt.datetime.now(dt.timezone.utc)
