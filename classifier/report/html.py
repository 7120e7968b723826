"""The HTML of ``crimerec report``: a jinja2 template (autoescaped) and matplotlib charts embedded
as base64 PNG ``data:`` URIs, so the page has no external assets and opens offline.

Log text reaches the page only through ``_triage_rules.highlight`` (every character escaped, only
``<mark>`` added) or through jinja2's autoescaping.
"""

import base64
import io
from importlib import resources

import jinja2
import pandas as pd
from matplotlib.figure import Figure

from classifier.report import triage_rules as _triage_rules

TEMPLATE = "report.html.j2"
_COLOURS = {"audit": "#8c8c8c", "model_assisted": "#1f5fa8", "observed": "#d08c1f"}
_MAX_AREAS = 15
_SNIPPET_CHARS = 420


def _mask(text):
    """Mask personal data in log text for display, in its original case (decisions kept: the reader needs them)."""
    from classifier.text.display import mask_for_display

    return mask_for_display(text)


def _evidence_phrases(evidence, shown):
    """The evidence items as the log writes them (original case, masked), else as scored."""
    phrases = []
    for pattern in _triage_rules.evidence_patterns(evidence):
        match = pattern.search(shown)
        if match and match.group(0) not in phrases:
            phrases.append(match.group(0))
    return phrases or [item for item in str(evidence or "").split("; ") if item][:6]


def _placeholders(texts):
    """The placeholders that appear in ``texts``, with what each stands for."""
    from classifier.text.display import PLACEHOLDER_MEANINGS

    joined = " ".join(texts)
    return {name: meaning for name, meaning in PLACEHOLDER_MEANINGS.items() if name in joined}


def _quote_advice(summary):
    """Which recording rate to quote, and why (one sentence for the page)."""
    rate, audit = summary["recording_rate"], summary["audit"]
    if audit.get("refused"):
        return None, "No recording rate can be quoted: the audit labels are not a random sample (see below)."
    if rate["model_assisted"]["low"] is not None and rate["model_assisted"]["method"] == "model_assisted":
        return ("model_assisted", "Quote the model-assisted rate: it uses every log and corrects the model with the "
                "audit, so its interval is valid and usually narrower than the audit's alone.")
    if rate["audit"]["low"] is not None:
        return "audit", "Quote the audit-only rate: the audit is too small for the model to help."
    return None, ("No recording rate can be quoted: without a random audit the model's own estimate has no valid "
                  "interval. Audit a sample chosen with 'crimerec audit-sample'.")


def _environment():
    """A jinja2 environment with autoescaping on for every template."""
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True)
    env.filters["pct"] = _pct
    env.filters["count"] = _count
    return env


def _pct(value, digits=1):
    """0.782 -> '78.2%'; None -> 'n/a'."""
    return "n/a" if value is None else f"{100 * value:.{digits}f}%"


def _count(value):
    """12345.6 -> '12,346'; None -> 'n/a'."""
    return "n/a" if value is None else f"{value:,.0f}"


def _png(fig):
    """Encode a matplotlib figure as a ``data:image/png;base64`` URI."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _best(entry):
    """The method to plot for a group: model-assisted when it has an interval, else audit/model."""
    for method in ("model_assisted", "audit"):
        if entry[method]["low"] is not None:
            return entry[method]
    return entry["model_assisted"]


def _rate_bars(groups, title, *, horizontal=True):
    """Bar chart of rates with interval error bars (groups: name -> both-method entry)."""
    names = [n for n, e in groups.items() if _best(e)["estimate"] is not None]
    if not names:
        return None
    best = [_best(groups[n]) for n in names]
    values = [100 * b["estimate"] for b in best]
    errors = [[100 * (b["estimate"] - b["low"]) if b["low"] is not None else 0 for b in best],
              [100 * (b["high"] - b["estimate"]) if b["high"] is not None else 0 for b in best]]
    fig = Figure(figsize=(7.5, 0.45 * len(names) + 1.2))
    ax = fig.subplots()
    colours = [_COLOURS.get(b["method"], _COLOURS["audit"]) for b in best]
    if horizontal:
        ax.barh(names, values, xerr=errors, color=colours, capsize=3)
        ax.invert_yaxis()
        ax.set_xlim(0, 100)
        ax.set_xlabel("recorded, % of logs that should have been recorded")
    else:
        ax.bar(names, values, yerr=errors, color=colours, capsize=3)
        ax.set_ylim(0, 100)
        ax.set_ylabel("% recorded")
    ax.set_title(title, fontsize=10)
    return _png(fig)


def _month_chart(by_month):
    """Recording rate by month (with interval band) and the observed recorded share."""
    months = sorted(m for m in by_month if m)
    if not months:
        return None
    fig = Figure(figsize=(7.5, 3.2))
    ax = fig.subplots()
    best = [_best(by_month[m]) for m in months]
    xs = range(len(months))
    rate = [100 * b["estimate"] if b["estimate"] is not None else float("nan") for b in best]
    ax.plot(xs, rate, marker="o", color=_COLOURS["model_assisted"], label="recording rate")
    if all(b["low"] is not None for b in best):
        ax.fill_between(xs, [100 * b["low"] for b in best], [100 * b["high"] for b in best],
                        color=_COLOURS["model_assisted"], alpha=0.2, label="95% interval")
    observed = [100 * (by_month[m].get("recorded_rate_observed") or 0) for m in months]
    ax.plot(xs, observed, marker="s", color=_COLOURS["observed"], label="% of all logs recorded")
    ax.set_xticks(list(xs), months, rotation=45, ha="right")
    ax.set_ylim(0, 100)
    ax.legend(fontsize=8, loc="lower left")
    ax.set_title("By month", fontsize=10)
    return _png(fig)


def _charts(summary):
    """All charts as data URIs (None where there is nothing to draw)."""
    areas = dict(sorted(summary["by_area"].items(), key=lambda kv: -kv[1].get("logs", 0))[:_MAX_AREAS])
    return {
        "category": _rate_bars(summary["by_category"], "Recording rate by offence group"),
        "domestic_abuse": _rate_bars(summary["by_domestic_abuse"], "Domestic abuse or not",
                                     horizontal=False),
        "area": _rate_bars(areas, f"By area (largest {_MAX_AREAS})"),
        "month": _month_chart(summary["by_month"]),
    }


def _triage_rows(triage, scored, top):
    """Triage rows for the page: numbers, flags and highlighted (escaped, masked) log text."""
    if triage is None or scored is None:
        return []
    rows = []
    for index, row in triage.head(top).iterrows():
        log = scored.loc[index]
        narrative = _mask(str(log["narrative"]))
        closing = _mask(str(log.get("closing_comment", "") or ""))
        said, closed = _triage_rules.find_indicators([log["narrative"], log.get("closing_comment", "")])
        offences = [t for f, t, neg in said if f in _triage_rules.OFFENCE_FAMILIES and not neg]
        denials = [t for f, t, neg in closed if f in _triage_rules.DENIAL_FAMILIES and not neg]
        rows.append({
            **{k: row[k] for k in ("rank", "incident_id", "priority", "p_should_record",
                                   "predicted_category", "vulnerability", "contradiction_reason",
                                   "evidence", "area")},
            "evidence_phrases": _evidence_phrases(row["evidence"], narrative),
            "reviewed": None if pd.isna(row["should_record"]) else bool(row["should_record"]),
            "shown": narrative + " " + closing,
            "contradiction": bool(row["contradiction"]),
            "narrative": _triage_rules.highlight(
                narrative,
                _triage_rules.evidence_patterns(row["evidence"]) + _triage_rules.phrase_patterns(offences),
                limit=_SNIPPET_CHARS),
            "closing": _triage_rules.highlight(
                closing, [*_triage_rules.phrase_patterns(denials), _triage_rules.DENIAL_PATTERN],
                limit=_SNIPPET_CHARS),
        })
    return rows


def _over_rows(over, top):
    """The top of the over-recorded list for the page (masked excerpt, no full text)."""
    if over is None:
        return []
    return [{k: row[k] for k in ("rank", "incident_id", "p_should_record", "predicted_category", "excerpt",
                                 "closing_code", "area")} for _, row in over.head(top).iterrows()]


def render_html(summary, *, triage, scored, top, over=None):
    """Render the report page (see ``classifier.report.discrepancies.render_report``)."""
    from classifier.text.display import masking_recall

    source = resources.files("classifier.report").joinpath("templates", TEMPLATE).read_text("utf-8")
    template = _environment().from_string(source)
    rows = _triage_rows(triage, scored, top)
    quote, advice = _quote_advice(summary)
    provenance = summary.get("provenance") or {}
    return template.render(
        s=summary,
        charts=_charts(summary),
        triage=rows,
        over=_over_rows(over, top),
        top=top,
        audited=summary["audit"]["rows_audited"] > 0,
        quote=quote,
        advice=advice,
        placeholders=_placeholders([row["shown"] for row in rows] + [row["excerpt"] for row in _over_rows(over, top)]),
        masking=masking_recall(),
        provenance=provenance,
        model=provenance.get("model") or {},
        marking=provenance.get("security_marking") or "",
        force=provenance.get("force") or "",
    )
