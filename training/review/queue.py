"""The logs to review, in order: the triage queue of a scored file, or an audit sample as drawn.

``build_review_queue`` reads a scored file (the triage queue is computed as ``crimerec report`` does),
a ``triage.csv`` together with the scored file it came from (its ranks are kept), or an
``audit-sample`` file (random-audit mode: file order, no model output shown). Items are plain dicts;
``ReviewQueue.select`` applies the page's filters.
"""

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from classifier import InputFileError, SchemaError, find_discrepancies, load_incidents, restore_formulas

__all__ = ["FILTERS", "ReviewQueue", "build_review_queue"]

# Filter name -> item key it compares with; yes/no filters compare with a bool.
FILTERS = {"area": "area", "group": "predicted_category", "da": "domestic_abuse_flag",
           "contradiction": "contradiction"}
_LOG_FIELDS = ("narrative", "closing_comment", "opening_code", "closing_code", "reported_at", "area")


@dataclass
class ReviewQueue:
    """Logs in review order, each a dict of what the page shows.

    Attributes
    ----------
    items : list of dict
        Keys: ``incident_id``, the log's text fields, ``recorded`` (bool or None), and in review mode
        ``rank``, ``priority``, ``p_should_record``, ``predicted_category``, ``domestic_abuse_flag``,
        ``contradiction``, ``contradiction_reason``, ``evidence``, ``vulnerability``; in random-audit
        mode ``inclusion_probability``.
    source : str
        The file name the queue was read from.
    label_source : {'review', 'random-audit'}
    """

    items: list
    source: str
    label_source: str = "review"
    by_id: dict = field(init=False, repr=False)

    def __post_init__(self):
        self.by_id = {item["incident_id"]: item for item in self.items}

    @property
    def random_audit(self):
        """True in random-audit mode (model output hidden, decisions stored as random-audit labels)."""
        return self.label_source == "random-audit"

    def filter_choices(self):
        """{filter name: sorted values seen in the queue} for the filters this mode offers."""
        names = ("area",) if self.random_audit else tuple(FILTERS)
        return {name: sorted({str(item.get(FILTERS[name], "")) for item in self.items} - {""})
                if name in ("area", "group") else ["yes", "no"] for name in names}

    def select(self, filters):
        """The items matching every given filter (``{'area': 'North', 'da': 'yes', ...}``), in order."""
        chosen = self.items
        for name, value in filters.items():
            if not value or name not in FILTERS or (self.random_audit and name != "area"):
                continue
            key = FILTERS[name]
            if name in ("da", "contradiction"):
                wanted = value == "yes"
                chosen = [item for item in chosen if bool(item.get(key)) == wanted]
            else:
                chosen = [item for item in chosen if str(item.get(key, "")) == value]
        return chosen


def build_review_queue(path, *, logs=None, audit_sample=False):
    """Read the logs to review from a scored file, a triage.csv (with ``logs``), or an audit sample.

    Parameters
    ----------
    path : str or Path
        A scored file (``crimerec score`` output), a ``triage.csv`` from ``crimerec report``, or
        (with ``audit_sample=True``) an ``audit-sample`` file.
    logs : str or Path, optional
        The scored file a ``triage.csv`` was made from: triage.csv holds no narratives.
    audit_sample : bool, default=False
        Random-audit mode: every row of the file in file order; it must have ``inclusion_probability``.

    Returns
    -------
    ReviewQueue

    Raises
    ------
    InputFileError
        A file is missing.
    SchemaError
        A column the mode needs is missing, or a triage.csv is given without ``logs``.
    """
    path = Path(path)
    if not path.is_file():
        raise InputFileError(f"{str(path)!r} does not exist. Give a scored file, a triage.csv or an audit sample.")
    if audit_sample:
        return _audit_queue(path)
    if logs is None:
        if path.suffix.lower() == ".csv" and "narrative" not in _csv_header(path):
            raise SchemaError(f"{path.name} has no narrative column (a triage.csv holds none). Pass the scored "
                              "file it was made from as well: crimerec review triage.csv --logs scored.csv.")
        return _triage_queue(_load(path), source=path.name)
    ranks = restore_formulas(pd.read_csv(path, dtype=str, keep_default_na=False))
    if "incident_id" not in ranks.columns:
        raise SchemaError(f"{path.name} has no incident_id column; give the triage.csv of 'crimerec report'.")
    return _triage_queue(_load(Path(logs)), source=path.name, order=list(ranks["incident_id"]))


def _csv_header(path):
    """Column names of a CSV file."""
    return set(pd.read_csv(path, nrows=0, encoding="utf-8-sig").columns)


def _load(path):
    """The accepted rows of a scored or audit-sample file (rows breaking the contract are left out)."""
    if not path.is_file():
        raise InputFileError(f"{str(path)!r} does not exist. Give the scored file the triage.csv was made from.")
    return load_incidents(path).accepted


def _triage_queue(scored, *, source, order=None):
    """The triage queue of a scored frame, optionally restricted to and ordered by ``order`` (ids)."""
    triage = find_discrepancies(scored)
    if order is not None:
        position = {incident_id: k for k, incident_id in enumerate(order)}
        triage = triage[triage["incident_id"].isin(position)]
        triage = triage.iloc[np.argsort([position[i] for i in triage["incident_id"]], kind="stable")]
    items = []
    for index, row in triage.iterrows():
        log = scored.loc[index]
        item = _log_fields(log)
        item.update({name: _plain(row[name]) for name in (
            "rank", "priority", "p_should_record", "predicted_category", "contradiction_reason", "evidence",
            "vulnerability")})
        item["contradiction"] = bool(row["contradiction"])
        item["domestic_abuse_flag"] = "domestic abuse" in str(row["vulnerability"])
        item["p_domestic_abuse"] = _plain(log.get("p_domestic_abuse"))
        items.append(item)
    return ReviewQueue(items, source=source)


def _audit_queue(path):
    """Random-audit mode: every row of an audit sample, in file order, with its inclusion probability."""
    sample = _load(path)
    if "inclusion_probability" not in sample.columns:
        raise SchemaError(f"{path.name} has no inclusion_probability column, so decisions on it could not be "
                          "used for recording rates. Make the sample with 'crimerec audit-sample'.")
    items = []
    for _, log in sample.iterrows():
        item = _log_fields(log)
        item["inclusion_probability"] = float(log["inclusion_probability"])
        items.append(item)
    return ReviewQueue(items, source=path.name, label_source="random-audit")


def _log_fields(log):
    """The contract fields of one log as plain Python values."""
    item = {"incident_id": str(log["incident_id"])}
    item.update({name: str(log.get(name, "") or "") for name in _LOG_FIELDS})
    recorded = log.get("recorded")
    item["recorded"] = None if recorded is None or recorded is pd.NA else bool(recorded)
    return item


def _plain(value):
    """A numpy/pandas scalar as a plain Python value ('' for missing)."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    return value.item() if hasattr(value, "item") else value
