"""Reading the scored file and audit labels for ``crimerec report``, and writing its outputs."""

import json
import logging
import math
from pathlib import Path

import numpy as np
import pandas as pd

from classifier.data import load_incidents, parse_bool, restore_formulas, write_frame
from classifier.errors import InputFileError, SchemaError
from classifier.report.rates import WEIGHT_COLUMNS

logger = logging.getLogger(__name__)

AUDIT_COLUMNS = ("should_record", "hocr_category", "domestic_abuse")
# Left empty in triage.csv for the reviewer to fill in.
REVIEW_COLUMNS = ("review_decision", "review_reason", "reviewer", "reviewed_at")
_ROUNDED = ("priority", "p_should_record", "vulnerability_weight")


def load_scored(scored, read_options=None):
    """Return ``(frame, facts)`` for a scored frame or file; rejected rows are set aside, counted.

    ``read_options`` (``mapping``, ``encoding``, ``date_format``: a force profile's) read a scored
    file that kept the force's column names; a value that cannot be read is left empty, not rejected.
    """
    if isinstance(scored, pd.DataFrame):
        return scored, {"rows_read": len(scored), "rows_rejected": 0}
    path = Path(scored)
    if not path.is_file():
        raise InputFileError(f"Scored file {str(path)!r} does not exist. Run 'crimerec score' first "
                             "and pass its output file.")
    # crimerec's own output: undo its CSV formula protection once (issue #14, defect 4)
    result = load_incidents(path, **(read_options or {}), strict=False, formulas="restore")
    facts = {"source": path.name, "rows_read": result.rows_read,
             "rows_rejected": result.rows_rejected}
    if result.rows_rejected:
        logger.warning(
            "%d of %d rows in %s break the data contract and are left out of the report; they "
            "are listed in rejects.csv.", result.rows_rejected, result.rows_read, path.name,
        )
        facts["rejects"] = result.rejects
    return result.accepted, facts


def _read_table(path):
    """Read an audit file (CSV, JSON Lines or Parquet) with every value as text."""
    name = path.name.lower()
    try:
        if name.endswith((".csv", ".csv.gz")):
            # An audit sample written by crimerec carries its CSV protection; undo it once.
            return restore_formulas(pd.read_csv(path, dtype=str, keep_default_na=False))
        if name.endswith((".jsonl", ".jsonl.gz", ".json")):
            return pd.read_json(path, lines=True, dtype=False)
        if name.endswith(".parquet"):
            return pd.read_parquet(path)
    except (OSError, ValueError, UnicodeDecodeError) as error:
        raise InputFileError(f"Cannot read audit file {path.name}: {error}") from error
    raise InputFileError(f"Audit file {path.name} is not .csv, .jsonl or .parquet; convert it to "
                         "one of these.")


def _parse_audit_bools(audit, column, source):
    """Parse a yes/no audit column, naming the first bad row (1-based, header excluded)."""
    values = []
    for row, value in enumerate(audit[column], start=1):
        try:
            values.append(parse_bool(value))
        except SchemaError as error:
            raise SchemaError(f"{source}, row {row}, column '{column}': {error}") from None
    return pd.array(values, dtype="boolean")


def load_audit(audit, mapping=None):
    """Read and check audit labels: unique ``incident_id`` and a yes/no ``should_record``.

    ``mapping`` (contract column -> the force's column) renames the force's columns that are present.
    """
    source = "audit labels"
    if not isinstance(audit, pd.DataFrame):
        path = Path(audit)
        if not path.is_file():
            raise InputFileError(f"Audit file {str(path)!r} does not exist.")
        source, audit = path.name, _read_table(path)
    renames = {column: contract for contract, column in (mapping or {}).items()
               if column in audit.columns and contract not in audit.columns}
    audit = audit.rename(columns=renames)
    missing = [c for c in ("incident_id", "should_record") if c not in audit.columns]
    if missing:
        raise SchemaError(f"{source} lacks columns {missing}. An audit file needs incident_id and "
                          f"should_record. Columns present: {list(audit.columns)}.")
    audit = audit.copy()
    audit["incident_id"] = audit["incident_id"].astype("string").str.strip()
    repeated = audit["incident_id"][audit["incident_id"].duplicated()].unique().tolist()
    if repeated:
        raise SchemaError(f"{source} lists incident_id {repeated[:5]} more than once; keep one "
                          "audit decision per log.")
    for column in ("should_record", "domestic_abuse"):
        if column in audit:
            audit[column] = _parse_audit_bools(audit, column, source)
    return audit[audit["should_record"].notna()], source


def join_audit(frame, audit, mapping=None):
    """Put audit labels onto the scored logs with the same ``incident_id``.

    Returns the joined frame and facts (audit rows, matched, unmatched). Audit values replace
    the scored file's; weight columns are copied (missing off the audit).
    """
    labels, source = load_audit(audit, mapping)
    ids = frame["incident_id"].astype("string").str.strip()
    position = pd.Series(np.arange(len(frame)), index=ids.to_numpy())
    matched = labels[labels["incident_id"].isin(position.index)]
    unmatched = len(labels) - len(matched)
    if unmatched:
        logger.warning("%d logs in %s are not in the scored file and are ignored.", unmatched,
                       source)
    rows = position.loc[matched["incident_id"].to_numpy()].to_numpy()
    out = frame.copy()
    for column in AUDIT_COLUMNS + WEIGHT_COLUMNS:
        if column in matched:
            out[column] = _overwrite(out, column, rows, matched[column])
    facts = {"audit_source": source, "audit_rows": len(labels), "audit_rows_matched": len(matched),
             "audit_rows_unmatched": unmatched,
             "audit_weighted": any(column in matched for column in WEIGHT_COLUMNS)}
    return out, facts


def _overwrite(frame, column, rows, values):
    """Return ``frame[column]`` with ``values`` written at positions ``rows`` (column created)."""
    if column in WEIGHT_COLUMNS:
        current = np.full(len(frame), np.nan)
        current[rows] = pd.to_numeric(pd.Series(values), errors="coerce").to_numpy(dtype=float)
        return current
    if column in ("should_record", "domestic_abuse"):
        current = (frame[column].astype("boolean") if column in frame
                   else pd.array([pd.NA] * len(frame), dtype="boolean"))
        current = pd.array(current, dtype="boolean", copy=True)
        given = pd.array(values, dtype="boolean")
        keep = ~given.isna()
        current[rows[keep]] = given[keep]
        return current
    current = (frame[column].astype("string").fillna("") if column in frame
               else pd.Series("", index=frame.index, dtype="string")).to_numpy(dtype=object)
    text = pd.Series(values).astype("string").fillna("").to_numpy(dtype=object)
    keep = text != ""
    current[rows[keep]] = text[keep]
    return current


def _json_ready(value):
    """Turn numpy scalars and NaN into JSON values (NaN -> null)."""
    if isinstance(value, dict):
        return {str(k): _json_ready(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_ready(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def report_provenance(scored, audit, *, started, profile=None):
    """Provenance of a report: the model that scored the file (from its sidecar), inputs, run time."""
    from classifier.model import build_provenance, read_sidecar

    inputs = [path for path in (scored, audit) if isinstance(path, (str, Path))]
    scored_by = read_sidecar(scored) if isinstance(scored, (str, Path)) else None
    model = (scored_by or {}).get("model") or {"name": None, "version": None, "sha256": None, "path": None}
    extra = {"scored_at": (scored_by or {}).get("run_at")}
    if profile is not None:
        extra["force"], extra["security_marking"] = profile.force, profile.security_marking
    return build_provenance(model=model, inputs=inputs, started=started, extra=extra)


def _for_csv(frame, *, review=False):
    """The CSV form of a triage or over-recorded list: probabilities to 3 places, review columns added."""
    out = frame.copy()
    for column in (c for c in _ROUNDED if c in out):
        out[column] = out[column].astype(float).round(3)
    if review:
        for column in REVIEW_COLUMNS:
            out[column] = ""
    return out


def write_outputs(out_dir, *, summary, triage, over, html, rejects=None, excel=False):
    """Write the four report files (plus rejects.csv when rows were rejected); return their paths.

    Each CSV gets a ``<name>.provenance.json`` sidecar (``summary.json`` and the HTML carry it inside).
    """
    from classifier.model import write_sidecar

    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {
        "report": out_dir / "report.html",
        "triage": out_dir / "triage.csv",
        "over_recorded": out_dir / "over_recorded.csv",
        "summary": out_dir / "summary.json",
    }
    paths["report"].write_text(html, encoding="utf-8")
    # excel: a UTF-8 byte-order mark, so spreadsheet programs do not read the text as Windows-1252.
    write_frame(_for_csv(triage, review=True), paths["triage"], bom=excel)
    write_frame(_for_csv(over), paths["over_recorded"], bom=excel)
    if rejects is not None and len(rejects):
        paths["rejects"] = write_frame(rejects, out_dir / "rejects.csv", bom=excel)
    for name in ("triage", "over_recorded", "rejects"):
        if name in paths:
            write_sidecar(paths[name], summary.get("provenance", {}))
    outputs = {name: str(path) for name, path in paths.items()}
    payload = _json_ready({**summary, "outputs": outputs})
    paths["summary"].write_text(json.dumps(payload, indent=2, allow_nan=False) + "\n",
                                encoding="utf-8")
    logger.info("Report written to %s", out_dir)
    return outputs
