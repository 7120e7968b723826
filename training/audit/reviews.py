"""Review decisions in the label store: each decision one transaction, undoable, kept apart by source.

A decision says whether a log should have produced a recorded crime (``yes``, ``no`` or ``unsure``),
with the HOCR group, the domestic-abuse flag, a reason and free text. It is written to the
``reviews`` table and, when it is a yes or no, offered to the label store as a one-row batch under the
store's usual rules (new, merged, or a conflict that keeps the stored label), all in one transaction.
``label_source`` keeps *review* decisions (the triage queue: a biased sample) apart from
*random-audit* decisions (an audit sample with inclusion probabilities): only the latter may be
used for recording rates (``random_audit_labels``). See docs/REVIEW.md.
"""

import json
from dataclasses import dataclass, field

import pandas as pd

from classifier import NO_CRIME, write_frame
from training.audit.labels import LabelStoreError, _now

__all__ = [
    "DECISIONS",
    "REVIEW_SOURCES",
    "REVIEW_EXPORT_COLUMNS",
    "ReviewDecision",
    "ReviewOutcome",
    "ensure_reviews_table",
    "record_decision",
    "undo_last_decision",
    "read_reviews",
    "decided_ids",
    "first_decisions",
    "random_audit_labels",
    "export_reviews",
]

DECISIONS = ("yes", "no", "unsure")
REVIEW_SOURCES = ("review", "random-audit")
_LOG_TEXT = ("narrative", "closing_comment", "opening_code", "closing_code", "reported_at", "area")
_RESTORED = _LOG_TEXT + ("recorded", "should_record", "hocr_category", "domestic_abuse", "auditor",
                         "label_source", "first_batch", "last_batch")
REVIEW_EXPORT_COLUMNS = (
    "incident_id", "label_source", "review_round", "reviewer", "reviewed_at", "review_decision",
    "hocr_category", "domestic_abuse", "review_reason", "review_note", "agrees_with_first",
    "store_outcome",
)  # fmt: skip

_REVIEWS_SCHEMA = """
CREATE TABLE IF NOT EXISTS reviews (
    review_id INTEGER PRIMARY KEY,
    incident_id TEXT NOT NULL,
    label_source TEXT NOT NULL CHECK (label_source IN ('review', 'random-audit')),
    round INTEGER NOT NULL CHECK (round IN (1, 2)),
    reviewer TEXT NOT NULL,
    decision TEXT NOT NULL CHECK (decision IN ('yes', 'no', 'unsure')),
    hocr_category TEXT NOT NULL DEFAULT '',
    domestic_abuse INTEGER CHECK (domestic_abuse IN (0, 1)),
    reason TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    inclusion_probability REAL CHECK (inclusion_probability > 0 AND inclusion_probability <= 1),
    agrees INTEGER CHECK (agrees IN (0, 1)),
    queue_source TEXT NOT NULL DEFAULT '',
    batch_id INTEGER,
    outcome TEXT NOT NULL DEFAULT '',
    prior TEXT,
    decided_at TEXT NOT NULL,
    undone_at TEXT
);
CREATE INDEX IF NOT EXISTS reviews_incident ON reviews (incident_id, label_source, round);
"""


@dataclass(frozen=True)
class ReviewDecision:
    """One reviewer's decision on one log.

    Attributes
    ----------
    incident_id : str
    decision : {'yes', 'no', 'unsure'}
        Should the log have produced a recorded crime.
    reviewer : str
    hocr_category : str, default=''
        The HOCR group (``No crime`` is implied by ``no``).
    domestic_abuse : bool or None, default=None
    reason, note : str, default=''
        A reason from the primer's categories and free text.
    label_source : {'review', 'random-audit'}, default='review'
    round : {1, 2}, default=1
        2 for a second reviewer, whose decision is compared with the first.
    inclusion_probability : float or None, default=None
        The log's chance of being in the audit sample; required for ``random-audit``.
    queue_source : str, default=''
        The file the queue was read from.
    """

    incident_id: str
    decision: str
    reviewer: str
    hocr_category: str = ""
    domestic_abuse: bool | None = None
    reason: str = ""
    note: str = ""
    label_source: str = "review"
    round: int = 1
    inclusion_probability: float | None = None
    queue_source: str = ""


@dataclass
class ReviewOutcome:
    """What recording a decision did.

    Attributes
    ----------
    review_id : int
    store_outcome : str
        ``new``, ``merged``, ``conflict-kept`` (the stored label differs and was kept) or ``''``
        (``unsure``: no label is stored).
    conflicts : list of (field, stored value, new value)
    decided_before : list of (reviewer, decision)
        Live decisions of the same round by other reviewers (e.g. one made while this page was open).
    agrees : bool or None
        Round 2 only: whether the decision matches the first reviewer's.
    first_decision : str or None
        Round 2 only: the first reviewer's decision (shown only after the second has decided).
    """

    review_id: int
    store_outcome: str
    conflicts: list = field(default_factory=list)
    decided_before: list = field(default_factory=list)
    agrees: bool | None = None
    first_decision: str | None = None


def ensure_reviews_table(store):
    """Create the ``reviews`` table in ``store`` if it is not there yet (an additive migration)."""
    with store.transaction() as db:
        for statement in filter(str.strip, _REVIEWS_SCHEMA.split(";")):
            db.execute(statement)


def record_decision(store, log, decision):
    """Store one decision (and, for yes/no, its label) in one transaction.

    Parameters
    ----------
    store : LabelStore
    log : mapping
        The log's contract fields: ``incident_id``, ``narrative`` and, when known, ``closing_comment``,
        ``opening_code``, ``closing_code``, ``reported_at``, ``area``, ``recorded`` (bool or None).
    decision : ReviewDecision

    Returns
    -------
    ReviewOutcome

    Raises
    ------
    LabelStoreError
        The decision is not valid (unknown decision or source, a random-audit decision without its
        inclusion probability, a log without narrative).
    """
    _check_decision(decision, log)
    ensure_reviews_table(store)
    with store.transaction() as db:
        before = _live(db, decision.incident_id, decision.label_source, decision.round, decision.reviewer)
        first = _first_for_second(db, decision) if decision.round == 2 else None
        prior = _stored_label(db, decision.incident_id)
        batch_id, outcome, conflicts = None, "", []
        if decision.decision != "unsure":
            added = store.add_frame(_label_frame(log, decision), source=_batch_source(decision),
                                    label_source=decision.label_source)
            batch_id = added.batch_id
            outcome = "new" if added.n_new else "merged" if added.n_merged else "conflict-kept"
            conflicts = [tuple(row) for row in added.conflicts[["field", "stored_value", "new_value"]].to_numpy()]
        agrees = None if first is None else first == decision.decision
        review_id = db.execute(
            "INSERT INTO reviews (incident_id, label_source, round, reviewer, decision, hocr_category, "
            "domestic_abuse, reason, note, inclusion_probability, agrees, queue_source, batch_id, outcome, "
            "prior, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (decision.incident_id, decision.label_source, decision.round, decision.reviewer, decision.decision,
             _group(decision), _int_or_none(decision.domestic_abuse), decision.reason, decision.note,
             decision.inclusion_probability, _int_or_none(agrees), decision.queue_source, batch_id, outcome,
             None if prior is None else json.dumps(prior), _now())).lastrowid
    return ReviewOutcome(review_id=review_id, store_outcome=outcome, conflicts=conflicts, decided_before=before,
                         agrees=agrees, first_decision=first)


def _check_decision(decision, log):
    """Raise LabelStoreError for a decision or log the store cannot take."""
    if decision.decision not in DECISIONS:
        raise LabelStoreError(f"decision must be one of {DECISIONS}. Got {decision.decision!r} instead.")
    if decision.label_source not in REVIEW_SOURCES:
        raise LabelStoreError(f"label_source must be one of {REVIEW_SOURCES}. Got {decision.label_source!r}.")
    if decision.round not in (1, 2):
        raise LabelStoreError(f"round must be 1 or 2. Got {decision.round!r} instead.")
    pi = decision.inclusion_probability
    if decision.label_source == "random-audit" and not (pi is not None and 0 < pi <= 1):
        raise LabelStoreError(f"A random-audit decision needs the log's inclusion_probability in (0, 1]; got "
                              f"{pi!r} for {decision.incident_id!r}. Review an audit-sample file.")
    if not str(log.get("narrative") or "").strip() or str(log.get("incident_id")) != decision.incident_id:
        raise LabelStoreError(f"The log given for {decision.incident_id!r} has no narrative or another id.")
    if not decision.reviewer.strip():
        raise LabelStoreError("A decision needs the reviewer's name (--reviewer NAME).")


def _live(db, incident_id, label_source, round_, reviewer):
    """(reviewer, decision) of live decisions on a log in one round by other reviewers, oldest first."""
    return db.execute("SELECT reviewer, decision FROM reviews WHERE incident_id = ? AND label_source = ? AND "
                      "round = ? AND reviewer != ? AND undone_at IS NULL ORDER BY review_id",
                      (incident_id, label_source, round_, reviewer)).fetchall()


def _first_for_second(db, decision):
    """The first reviewer's decision a second reviewer is compared with (None when there is none)."""
    row = db.execute("SELECT decision FROM reviews WHERE incident_id = ? AND label_source = ? AND round = 1 "
                     "AND reviewer != ? AND undone_at IS NULL ORDER BY review_id DESC LIMIT 1",
                     (decision.incident_id, decision.label_source, decision.reviewer)).fetchone()
    return None if row is None else row[0]


def _stored_label(db, incident_id):
    """The stored label row of a log as a dict (None when the store has none), for undo."""
    cursor = db.execute(f"SELECT {', '.join(_RESTORED)} FROM labels WHERE incident_id = ?", (incident_id,))
    row = cursor.fetchone()
    return None if row is None else dict(zip(_RESTORED, row))


def _group(decision):
    """The HOCR group stored with a decision: ``No crime`` for no, as given otherwise."""
    return NO_CRIME if decision.decision == "no" else decision.hocr_category.strip()


def _int_or_none(value):
    """True/False/None -> 1/0/None for SQLite."""
    return None if value is None else int(bool(value))


def _batch_source(decision):
    """The batch's source text: who decided, in which mode, from which queue file."""
    kind = "random audit" if decision.label_source == "random-audit" else "review"
    second = " (second reviewer)" if decision.round == 2 else ""
    return f"{kind} by {decision.reviewer}{second}: {decision.queue_source or 'crimerec review'}"


def _label_frame(log, decision):
    """A one-row contract frame of the log with the decision as its audit label."""
    row = {name: str(log.get(name) or "") for name in _LOG_TEXT}
    recorded = log.get("recorded")
    frame = pd.DataFrame([{"incident_id": decision.incident_id, **row, "hocr_category": _group(decision),
                           "auditor": decision.reviewer}])
    frame["recorded"] = pd.array([None if recorded is None or recorded is pd.NA else bool(recorded)],
                                 dtype="boolean")
    frame["should_record"] = pd.array([decision.decision == "yes"], dtype="boolean")
    frame["domestic_abuse"] = pd.array([decision.domestic_abuse], dtype="boolean")
    return frame


def undo_last_decision(store, *, reviewer, label_source="review", round=1):
    """Withdraw the reviewer's most recent live decision and what it did to the stored label.

    The decision stays in ``reviews`` with ``undone_at`` set. Its one-row batch (provenance, conflicts)
    is removed and the stored label is put back as it was, unless a later batch has changed it since,
    in which case nothing is undone and LabelStoreError explains why.

    Returns
    -------
    str or None
        The incident id of the withdrawn decision, or None when there was nothing to undo.
    """
    ensure_reviews_table(store)
    with store.transaction() as db:
        row = db.execute("SELECT review_id, incident_id, batch_id, prior FROM reviews WHERE reviewer = ? AND "
                         "label_source = ? AND round = ? AND undone_at IS NULL ORDER BY review_id DESC LIMIT 1",
                         (reviewer, label_source, round)).fetchone()
        if row is None:
            return None
        review_id, incident_id, batch_id, prior = row
        if batch_id is not None:
            _undo_batch(db, incident_id, batch_id, None if prior is None else json.loads(prior))
        db.execute("UPDATE reviews SET undone_at = ?, batch_id = NULL WHERE review_id = ?", (_now(), review_id))
    return incident_id


def _undo_batch(db, incident_id, batch_id, prior):
    """Put the stored label back as it was before ``batch_id`` and delete that one-row batch."""
    stored = db.execute("SELECT last_batch FROM labels WHERE incident_id = ?", (incident_id,)).fetchone()
    if stored is not None and stored[0] != batch_id and (prior is None or stored[0] != prior["last_batch"]):
        raise LabelStoreError(f"The label of {incident_id!r} was changed by batch {stored[0]} after this decision; "
                              "it cannot be undone. Record a new decision instead.")
    if prior is None:
        db.execute("DELETE FROM labels WHERE incident_id = ? AND first_batch = ?", (incident_id, batch_id))
    else:
        assignments = ", ".join(f"{name} = ?" for name in prior)
        db.execute(f"UPDATE labels SET {assignments} WHERE incident_id = ?", [*prior.values(), incident_id])
    for table in ("conflicts", "provenance", "batches"):
        db.execute(f"DELETE FROM {table} WHERE batch_id = ?", (batch_id,))


def read_reviews(store, *, label_source=None, include_undone=False):
    """Return the decisions in the store, oldest first, as a frame (one row per decision)."""
    ensure_reviews_table(store)
    where, params = ["1 = 1"], []
    if label_source is not None:
        where.append("label_source = ?")
        params.append(label_source)
    if not include_undone:
        where.append("undone_at IS NULL")
    with store.transaction() as db:
        cursor = db.execute(f"SELECT * FROM reviews WHERE {' AND '.join(where)} ORDER BY review_id", params)
        names = [d[0] for d in cursor.description]
        return pd.DataFrame(cursor.fetchall(), columns=names)


def decided_ids(store, *, label_source="review", round=1, reviewer=None):
    """Incident ids with a live decision in this source and round (by ``reviewer`` only, if given)."""
    reviews = read_reviews(store, label_source=label_source)
    reviews = reviews[reviews["round"] == round]
    if reviewer is not None:
        reviews = reviews[reviews["reviewer"] == reviewer]
    return set(reviews["incident_id"])


def first_decisions(store, *, label_source="review"):
    """{incident_id: reviewer} of the latest live first-round decision on each log."""
    reviews = read_reviews(store, label_source=label_source)
    first = reviews[reviews["round"] == 1]
    return dict(zip(first["incident_id"], first["reviewer"]))


def random_audit_labels(store):
    """The random-audit decisions usable for recording rates: an audit file for ``crimerec report --audit``.

    Only first-round ``random-audit`` yes/no decisions, each with its ``inclusion_probability``; review
    decisions (the triage queue, a biased sample) never appear here. The latest live decision per log
    wins.

    Returns
    -------
    pandas.DataFrame
        ``incident_id``, ``should_record``, ``hocr_category``, ``domestic_abuse``, ``inclusion_probability``,
        ``auditor``, ``label_source``.
    """
    reviews = read_reviews(store, label_source="random-audit")
    chosen = reviews[(reviews["round"] == 1) & reviews["decision"].isin(("yes", "no"))]
    chosen = chosen.drop_duplicates("incident_id", keep="last")
    return pd.DataFrame({
        "incident_id": chosen["incident_id"].astype(str).to_numpy(),
        "should_record": pd.array((chosen["decision"] == "yes").to_numpy(), dtype="boolean"),
        "hocr_category": chosen["hocr_category"].to_numpy(),
        "domestic_abuse": pd.array([None if v is None or v != v else bool(v) for v in chosen["domestic_abuse"]],
                                   dtype="boolean"),
        "inclusion_probability": chosen["inclusion_probability"].astype(float).to_numpy(),
        "auditor": chosen["reviewer"].to_numpy(),
        "label_source": "random-audit",
    })


def export_reviews(store, path, *, label_source="review"):
    """Write the decisions as a file for the force's own systems (CSV, JSON Lines or Parquet).

    ``review`` exports (the triage queue) carry the decision as ``review_decision``, no log text and no
    ``should_record`` column, so the file cannot be passed to ``crimerec report --audit`` as if it
    were a random audit. ``random-audit`` exports are the audit file itself: ``random_audit_labels``
    with the logs' contract columns in front, so it serves ``crimerec report --audit`` and
    ``crimerec retrain --labels`` alike (it holds narratives: keep it with the force's audit data).

    Returns
    -------
    pandas.DataFrame
        What was written.
    """
    if label_source not in REVIEW_SOURCES:
        raise LabelStoreError(f"label_source must be one of {REVIEW_SOURCES}. Got {label_source!r} instead.")
    if label_source == "random-audit":
        labels = random_audit_labels(store)
        logs = store.to_frame()[["incident_id", *_LOG_TEXT, "recorded"]]
        frame = logs.merge(labels, on="incident_id", how="right")[[*logs.columns, *labels.columns[1:]]]
    else:
        reviews = read_reviews(store, label_source="review")
        frame = pd.DataFrame({
            "incident_id": reviews["incident_id"], "label_source": reviews["label_source"],
            "review_round": reviews["round"], "reviewer": reviews["reviewer"], "reviewed_at": reviews["decided_at"],
            "review_decision": reviews["decision"], "hocr_category": reviews["hocr_category"],
            "domestic_abuse": [_yes_no(v) for v in reviews["domestic_abuse"]],
            "review_reason": reviews["reason"], "review_note": reviews["note"],
            "agrees_with_first": [_yes_no(v) for v in reviews["agrees"]], "store_outcome": reviews["outcome"],
        }, columns=list(REVIEW_EXPORT_COLUMNS))
    write_frame(frame, path)
    return frame


def _yes_no(value):
    """1/0/None (or NaN) -> 'yes'/'no'/''."""
    if value is None or value != value:
        return ""
    return "yes" if int(value) else "no"
