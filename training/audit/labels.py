"""The labelled store: every audited log kept once, with where each label came from.

The store is one SQLite file (``labels.sqlite`` in the store directory). Adding a batch is one
transaction: a label that repeats a stored one merges, a label that contradicts a stored one is a
*conflict* that is recorded and, unless ``latest_wins`` is asked for, not applied. Each log is put
in the frozen ``train`` or ``holdout`` split once, by a seeded stratified rule, and never moves.
A batch whose labels disagree with the champion beyond chance is *quarantined*: kept and listed,
but the logs it first stored are left out of both splits until a person releases it, so a bad
batch can neither train a model nor judge one. Why SQLite and how the split grows is explained in
``docs/RETRAINING.md``.
"""

import contextlib
import datetime as dt
import hashlib
import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from classifier import NO_CRIME, ClassifierError, to_hocr_group

__all__ = [
    "STORE_FILE",
    "STORE_FORMAT_VERSION",
    "LABEL_FIELDS",
    "DEFAULT_HOLDOUT_FRACTION",
    "LABEL_SOURCES",
    "LabelStoreError",
    "AddResult",
    "LabelStore",
    "open_label_store",
]

STORE_FILE = "labels.sqlite"
STORE_FORMAT_VERSION = 1
# The auditor's judgement; a disagreement on any of these (or on the narrative) is a conflict.
LABEL_FIELDS = ("should_record", "hocr_category", "domestic_abuse")
DEFAULT_HOLDOUT_FRACTION = 0.2
# Where a label came from: a labels file given to ``retrain`` (how it was sampled is not known), a
# random audit with known inclusion probabilities, or a review of the triage queue (a biased sample:
# never usable for recording rates). See docs/REVIEW.md.
LABEL_SOURCES = ("audit-file", "random-audit", "review")
_TEXT_FIELDS = ("narrative", "closing_comment", "opening_code", "closing_code", "reported_at", "area")
_BOOL_FIELDS = ("recorded", "should_record", "domestic_abuse")
_STORED_FIELDS = _TEXT_FIELDS + ("recorded", "should_record", "hocr_category", "domestic_abuse", "auditor")
# Logs in use: not first stored by a quarantined batch.
_IN_USE = "first_batch NOT IN (SELECT batch_id FROM batches WHERE quarantined = 1)"
CONFLICT_COLUMNS = ("batch_id", "source", "row", "incident_id", "field", "stored_value", "new_value",
                    "stored_batch", "resolution")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS batches (
    batch_id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    source_sha256 TEXT NOT NULL,
    added_at TEXT NOT NULL,
    rows_read INTEGER NOT NULL,
    n_new INTEGER NOT NULL,
    n_merged INTEGER NOT NULL,
    n_conflicts INTEGER NOT NULL,
    n_overwritten INTEGER NOT NULL,
    n_rejected INTEGER NOT NULL,
    latest_wins INTEGER NOT NULL CHECK (latest_wins IN (0, 1)),
    quarantined INTEGER NOT NULL DEFAULT 0 CHECK (quarantined IN (0, 1)),
    quarantine_reason TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS labels (
    incident_id TEXT PRIMARY KEY,
    narrative TEXT NOT NULL,
    closing_comment TEXT NOT NULL DEFAULT '',
    opening_code TEXT NOT NULL DEFAULT '',
    closing_code TEXT NOT NULL DEFAULT '',
    reported_at TEXT,
    area TEXT NOT NULL DEFAULT '',
    recorded INTEGER CHECK (recorded IN (0, 1)),
    should_record INTEGER NOT NULL CHECK (should_record IN (0, 1)),
    hocr_category TEXT NOT NULL DEFAULT '',
    domestic_abuse INTEGER CHECK (domestic_abuse IN (0, 1)),
    auditor TEXT NOT NULL DEFAULT '',
    split TEXT NOT NULL CHECK (split IN ('train', 'holdout')),
    stratum TEXT NOT NULL,
    first_batch INTEGER NOT NULL REFERENCES batches (batch_id),
    last_batch INTEGER NOT NULL REFERENCES batches (batch_id)
);
CREATE TABLE IF NOT EXISTS provenance (
    batch_id INTEGER NOT NULL REFERENCES batches (batch_id),
    row INTEGER NOT NULL,
    incident_id TEXT NOT NULL,
    should_record INTEGER NOT NULL,
    hocr_category TEXT NOT NULL,
    domestic_abuse INTEGER,
    auditor TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('new', 'merged', 'conflict-kept', 'conflict-overwritten')),
    PRIMARY KEY (batch_id, row)
);
CREATE TABLE IF NOT EXISTS conflicts (
    conflict_id INTEGER PRIMARY KEY,
    batch_id INTEGER NOT NULL REFERENCES batches (batch_id),
    row INTEGER NOT NULL,
    incident_id TEXT NOT NULL,
    field TEXT NOT NULL,
    stored_value TEXT NOT NULL,
    new_value TEXT NOT NULL,
    stored_batch INTEGER NOT NULL,
    resolution TEXT NOT NULL CHECK (resolution IN ('kept-stored', 'latest-wins'))
);
CREATE INDEX IF NOT EXISTS provenance_incident ON provenance (incident_id);
CREATE INDEX IF NOT EXISTS conflicts_batch ON conflicts (batch_id);
"""
# Columns added after format 1 was released: (table, column, declaration). Stores created before
# them gain the column on opening; older crimerec versions name their columns and ignore it.
_ADDED_COLUMNS = (
    ("batches", "label_source", "TEXT NOT NULL DEFAULT 'audit-file'"),
    ("labels", "label_source", "TEXT NOT NULL DEFAULT 'audit-file'"),
    ("batches", "quarantined", "INTEGER NOT NULL DEFAULT 0 CHECK (quarantined IN (0, 1))"),
    ("batches", "quarantine_reason", "TEXT NOT NULL DEFAULT ''"),
)


class LabelStoreError(ClassifierError, ValueError):
    """The label store is missing, damaged, from another version, or asked to do something invalid."""


@dataclass
class AddResult:
    """What adding one batch of audit labels did.

    Attributes
    ----------
    batch_id : int
        The batch's id in the store (provenance rows and conflicts refer to it).
    source : str
        The file name (or label) the batch came from.
    rows_read : int
        Rows offered, accepted or not: ``rows_read == n_new + n_merged + n_conflict_rows + len(rejects)``.
    n_new, n_merged : int
        Rows that added a new log / repeated a stored label (filling in any field it lacked).
    n_conflict_rows : int
        Rows contradicting a stored label (``conflicts`` has one row per contradicting field).
    n_overwritten : int
        Conflict rows applied because ``latest_wins`` was set.
    new_ids : list of str
        Incident ids first stored by this batch.
    conflicts : pandas.DataFrame
        Columns ``CONFLICT_COLUMNS``; narratives are never copied into it.
    rejects : pandas.DataFrame
        Rows refused (no ``should_record``), in the rejects-file layout.
    """

    batch_id: int
    source: str
    rows_read: int
    n_new: int = 0
    n_merged: int = 0
    n_conflict_rows: int = 0
    n_overwritten: int = 0
    new_ids: list = field(default_factory=list)
    conflicts: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=CONFLICT_COLUMNS))
    rejects: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def n_unresolved_conflicts(self):
        """Conflict rows that were not applied (the stored label was kept)."""
        return self.n_conflict_rows - self.n_overwritten


def open_label_store(directory, *, create=True, holdout_fraction=DEFAULT_HOLDOUT_FRACTION, seed=0):
    """Open (or create) the label store in ``directory``.

    Parameters
    ----------
    directory : str or Path
        The store directory; the data lives in ``directory / STORE_FILE``.
    create : bool, default=True
        Create an empty store when none exists; when False a missing store is an error.
    holdout_fraction : float, default=0.2
        Share of each stratum frozen as the holdout. Only used when the store is created; an
        existing store keeps the fraction it was created with.
    seed : int, default=0
        Seed of the split rule; fixed at creation like ``holdout_fraction``.

    Returns
    -------
    LabelStore

    Raises
    ------
    LabelStoreError
        The store is missing (with ``create=False``), unreadable, or from another format version.
    """
    path = Path(directory) / STORE_FILE
    if not path.exists() and not create:
        raise LabelStoreError(f"No label store at {path}. Add labels first with "
                              "'crimerec retrain --labels FILE --store DIR', or check --store.")
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        connection = sqlite3.connect(path, isolation_level=None)
    except sqlite3.Error as error:
        raise LabelStoreError(f"Cannot open the label store {path}: {error}.") from error
    return LabelStore(connection, path=path, holdout_fraction=holdout_fraction, seed=seed)


class LabelStore:
    """Audited logs with provenance, a frozen holdout split and a conflict log, in one SQLite file.

    Use ``open_label_store`` to get one. The store is a context manager that closes its connection.

    Examples
    --------
    >>> import pandas as pd
    >>> store = LabelStore.in_memory()
    >>> frame = pd.DataFrame({"incident_id": ["a1", "a2"], "narrative": ["pushed", "noise"],
    ...                       "should_record": pd.array([True, False], dtype="boolean")})
    >>> result = store.add_frame(frame, source="audit1.csv")
    >>> result.n_new, len(store)
    (2, 2)
    >>> flipped = frame.assign(should_record=pd.array([False, False], dtype="boolean"))
    >>> again = store.add_frame(flipped, source="audit2.csv")
    >>> again.n_merged, again.n_conflict_rows, list(again.conflicts["field"])
    (1, 1, ['should_record'])
    """

    def __init__(self, connection, *, path=None, holdout_fraction=DEFAULT_HOLDOUT_FRACTION, seed=0):
        self._db = connection
        self.path = path
        self._db.execute("PRAGMA foreign_keys = ON")
        self._init_schema(float(holdout_fraction), int(seed))

    @classmethod
    def in_memory(cls, *, holdout_fraction=DEFAULT_HOLDOUT_FRACTION, seed=0):
        """Return an empty store that lives in memory only (tests, dry runs)."""
        return cls(sqlite3.connect(":memory:", isolation_level=None),
                   holdout_fraction=holdout_fraction, seed=seed)

    def copy_in_memory(self):
        """Return an in-memory copy of this store; changes to the copy never reach the file."""
        target = sqlite3.connect(":memory:", isolation_level=None)
        self._db.backup(target)
        return LabelStore(target, path=None)

    def close(self):
        """Close the database connection."""
        self._db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __len__(self):
        return self._db.execute("SELECT COUNT(*) FROM labels").fetchone()[0]

    def _init_schema(self, holdout_fraction, seed):
        """Create the tables in a new store, or check the format version of an existing one."""
        try:
            self._db.executescript(_SCHEMA)
            self._add_missing_columns()
            meta = dict(self._db.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.DatabaseError as error:
            raise LabelStoreError(f"{self.path or 'The label store'} is not a readable label store: "
                                  f"{error}. Restore it from a backup or start a new --store.") from error
        if not meta:
            if not 0.05 <= holdout_fraction <= 0.5:
                raise LabelStoreError(f"holdout_fraction must be between 0.05 and 0.5. "
                                      f"Got {holdout_fraction} instead.")
            self._db.executemany("INSERT INTO meta VALUES (?, ?)", [
                ("format_version", str(STORE_FORMAT_VERSION)), ("holdout_fraction", repr(holdout_fraction)),
                ("split_seed", str(seed)), ("created_at", _now())])
            meta = dict(self._db.execute("SELECT key, value FROM meta").fetchall())
        if meta.get("format_version") != str(STORE_FORMAT_VERSION):
            raise LabelStoreError(f"{self.path} has label-store format {meta.get('format_version')!r}; "
                                  f"this crimerec reads format {STORE_FORMAT_VERSION}.")
        self.holdout_fraction = float(meta["holdout_fraction"])
        self.seed = int(meta["split_seed"])

    def _add_missing_columns(self):
        """Migrate a store made before ``_ADDED_COLUMNS``: add each missing column with its default."""
        for table, column, declaration in _ADDED_COLUMNS:
            present = {row[1] for row in self._db.execute(f"PRAGMA table_info({table})")}
            if column not in present:
                self._db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {declaration}")

    @contextlib.contextmanager
    def transaction(self):
        """Context manager running the block in one ``BEGIN IMMEDIATE`` transaction; yields the connection.

        The whole block is committed or, on any exception, rolled back. ``IMMEDIATE`` takes the write
        lock at the start, so two processes writing to one store are serialised, never interleaved.
        Inside an open transaction the block simply joins it (so ``add_frame`` can be one step of a
        larger change, such as a review decision and the label it stores).
        """
        if self._db.in_transaction:
            yield self._db
            return
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    # ---- quarantine ---------------------------------------------------------------------------

    def quarantine_batch(self, batch_id, reason):
        """Leave the logs first stored by ``batch_id`` out of both splits until ``release_batch``.

        They stay in the store (with their provenance) and are listed by ``quarantined_batches``.
        """
        self._set_quarantine(batch_id, 1, reason)

    def release_batch(self, batch_id):
        """Let a quarantined batch's logs back into their splits (a person has checked them)."""
        self._set_quarantine(batch_id, 0, "")

    def _set_quarantine(self, batch_id, flag, reason):
        """Set one batch's quarantine flag; raise LabelStoreError for an unknown batch."""
        updated = self._db.execute("UPDATE batches SET quarantined = ?, quarantine_reason = ? WHERE batch_id = ?",
                                   (flag, reason, int(batch_id))).rowcount
        if not updated:
            known = [row[0] for row in self._db.execute("SELECT batch_id FROM batches ORDER BY batch_id")]
            raise LabelStoreError(f"There is no batch {batch_id} in {self.path or 'the label store'}. "
                                  f"Batches: {known}.")

    def quarantined_batches(self):
        """Return the quarantined batches: id, source, time added, new logs held back, and why."""
        return pd.read_sql_query(
            "SELECT b.batch_id, b.source, b.added_at, COUNT(l.incident_id) AS logs_held_back, b.quarantine_reason "
            "FROM batches b LEFT JOIN labels l ON l.first_batch = b.batch_id WHERE b.quarantined = 1 "
            "GROUP BY b.batch_id ORDER BY b.batch_id", self._db)


    # ---- adding labels -----------------------------------------------------------------------

    def add_frame(self, frame, *, source, source_sha256=None, row_numbers=None, latest_wins=False,
                  label_source="audit-file"):
        """Add a validated frame of audit labels as one batch, in one transaction.

        Parameters
        ----------
        frame : pandas.DataFrame
            A frame that passed the data contract (``classifier.data.loading.load_incidents``). Rows without
            ``should_record`` are rejected; an ``auditor`` column is kept as provenance if present.
        source : str
            Where the batch came from (the file name), kept as provenance.
        source_sha256 : str, optional
            Digest of the source file; computed from the frame's content when not given.
        row_numbers : sequence of int, optional
            1-based data row numbers in the source file, used in conflicts and rejects. Defaults to
            the index when it is named ``row`` (as ``load_incidents`` returns it), else position + 1.
        latest_wins : bool, default=False
            Apply contradicting labels (the conflict is still recorded) instead of keeping the stored one.
        label_source : {'audit-file', 'random-audit', 'review'}, default='audit-file'
            How the labels were chosen, kept on the batch and on the labels it stores or overwrites.

        Returns
        -------
        AddResult

        Raises
        ------
        SchemaError
            ``incident_id``, ``narrative`` or ``should_record`` is missing from the frame.
        """
        _check_label_frame(frame, source)
        if row_numbers is None:
            row_numbers = frame.index if frame.index.name == "row" else range(1, len(frame) + 1)
        rows = [int(r) for r in row_numbers]
        if len(rows) != len(frame):
            raise LabelStoreError(f"row_numbers has {len(rows)} entries for {len(frame)} rows of {source}.")
        if label_source not in LABEL_SOURCES:
            raise LabelStoreError(f"label_source must be one of {LABEL_SOURCES}. Got {label_source!r} instead.")
        records, rejects = _frame_records(frame, rows, source)
        for record in records:
            record["label_source"] = label_source
        digest = source_sha256 or _frame_digest(frame)
        with self.transaction():
            return self._add_records(records, source, digest, latest_wins, len(frame), rejects, label_source)

    def _add_records(self, records, source, digest, latest_wins, rows_read, rejects, label_source):
        """Insert one batch inside an open transaction and return its AddResult."""
        batch_id = self._db.execute(
            "INSERT INTO batches (source, source_sha256, added_at, rows_read, n_new, n_merged, n_conflicts,"
            " n_overwritten, n_rejected, latest_wins, label_source) VALUES (?, ?, ?, ?, 0, 0, 0, 0, ?, ?, ?)",
            (source, digest, _now(), rows_read, len(rejects), int(latest_wins), label_source)).lastrowid
        result = AddResult(batch_id=batch_id, source=source, rows_read=rows_read, rejects=rejects)
        stored = self._stored_labels({r["incident_id"] for r in records})
        conflicts, new_records = [], []
        for record in records:
            outcome = self._merge_one(record, stored, batch_id, latest_wins, conflicts, new_records)
            self._db.execute("INSERT INTO provenance VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (
                batch_id, record["_row"], record["incident_id"], record["should_record"],
                record["hocr_category"], record["domestic_abuse"], record["auditor"], outcome))
            _count_outcome(result, outcome)
        self._insert_new(new_records, batch_id)
        result.new_ids = [r["incident_id"] for r in new_records]
        result.conflicts = self._save_conflicts(conflicts, batch_id, source)
        self._db.execute("UPDATE batches SET n_new=?, n_merged=?, n_conflicts=?, n_overwritten=? "
                         "WHERE batch_id=?", (result.n_new, result.n_merged, result.n_conflict_rows,
                                              result.n_overwritten, batch_id))
        return result

    def _stored_labels(self, ids):
        """Return {incident_id: record} for the stored logs among ``ids``."""
        found, ids = {}, sorted(ids)
        columns = ", ".join(("incident_id",) + _STORED_FIELDS + ("last_batch",))
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            query = f"SELECT {columns} FROM labels WHERE incident_id IN ({','.join('?' * len(chunk))})"
            cursor = self._db.execute(query, chunk)
            names = [d[0] for d in cursor.description]
            found.update({row[0]: dict(zip(names, row)) for row in cursor.fetchall()})
        return found

    def _merge_one(self, record, stored, batch_id, latest_wins, conflicts, new_records):
        """Decide new / merged / conflict for one row, apply it, and return the provenance outcome."""
        incident_id = record["incident_id"]
        old = stored.get(incident_id)
        if old is None:
            # The same dict is stored and queued for insertion, so a repeat later in this batch
            # merges into (or overwrites) the row that is about to be inserted.
            entry = stored[incident_id] = dict(record, last_batch=batch_id)
            new_records.append(entry)
            return "new"
        differences = _differences(old, record)
        if not differences:
            self._fill_missing(old, record, batch_id)
            return "merged"
        resolution = "latest-wins" if latest_wins else "kept-stored"
        for name, old_value, new_value in differences:
            conflicts.append((record["_row"], incident_id, name, old_value, new_value, old["last_batch"],
                              resolution))
        if latest_wins:
            self._overwrite(old, record, batch_id)
            return "conflict-overwritten"
        return "conflict-kept"

    def _fill_missing(self, old, record, batch_id):
        """Copy fields the stored row lacks from a repeating row (labels agree, so nothing is lost)."""
        updates = {name: record[name] for name in _STORED_FIELDS
                   if old[name] in (None, "") and record[name] not in (None, "")}
        old.update(updates, last_batch=batch_id)
        self._update_row(old["incident_id"], dict(updates, last_batch=batch_id))

    def _overwrite(self, old, record, batch_id):
        """Replace the stored fields with the new row's (explicit latest-wins); the split is kept."""
        updates = {name: record[name] for name in _STORED_FIELDS + ("label_source",)}
        old.update(updates, last_batch=batch_id)
        self._update_row(old["incident_id"], dict(updates, last_batch=batch_id))

    def _update_row(self, incident_id, updates):
        """UPDATE one labels row with the given column values."""
        if updates:
            assignments = ", ".join(f"{name} = ?" for name in updates)
            self._db.execute(f"UPDATE labels SET {assignments} WHERE incident_id = ?",
                             [*updates.values(), incident_id])

    def _insert_new(self, records, batch_id):
        """Assign the frozen split to new logs and insert them."""
        splits = self._assign_splits(records)
        given = ("incident_id",) + _STORED_FIELDS + ("label_source",)
        columns = given + ("split", "stratum", "first_batch", "last_batch")
        self._db.executemany(
            f"INSERT INTO labels ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
            [tuple(r[c] for c in given)
             + (splits[r["incident_id"]], r["_stratum"], batch_id, batch_id) for r in records])

    def _assign_splits(self, records):
        """Give each new log a split so every stratum's holdout share stays at the store's fraction.

        Per stratum (should_record x HOCR group), the holdout grows to round(fraction * stratum size);
        which new logs fill it is decided by a seeded hash of the incident id, so the result does not
        depend on row order and an id's split never changes once stored.

        Review labels always go to ``train``: a reviewer sees the logs the champion ranked highest, so
        a holdout holding them would judge models on the champion's own choice of logs, not on the
        population. They are left out of the holdout share, which counts the other sources only.
        """
        existing = dict(((s, h), n) for s, h, n in self._db.execute(
            f"SELECT stratum, split = 'holdout', COUNT(*) FROM labels WHERE {_IN_USE} AND label_source != 'review' "
            "GROUP BY stratum, split = 'holdout'"))
        by_stratum, splits = {}, {}
        for record in records:
            if record["label_source"] == "review":
                splits[record["incident_id"]] = "train"
                continue
            by_stratum.setdefault(record["_stratum"], []).append(record["incident_id"])
        for stratum, ids in by_stratum.items():
            held = existing.get((stratum, 1), 0)
            total = held + existing.get((stratum, 0), 0) + len(ids)
            want = min(max(int(self.holdout_fraction * total + 0.5) - held, 0), len(ids))
            ordered = sorted(ids, key=lambda i: _split_key(self.seed, i))
            splits.update({i: ("holdout" if k < want else "train") for k, i in enumerate(ordered)})
        return splits

    def _save_conflicts(self, conflicts, batch_id, source):
        """Persist this batch's conflicts and return them as a frame."""
        self._db.executemany(
            "INSERT INTO conflicts (batch_id, row, incident_id, field, stored_value, new_value, "
            "stored_batch, resolution) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(batch_id,) + c for c in conflicts])
        frame = pd.DataFrame([(batch_id, source) + c for c in conflicts], columns=list(CONFLICT_COLUMNS))
        return frame.astype({"batch_id": "int64", "row": "int64", "stored_batch": "int64"})

    # ---- reading ------------------------------------------------------------------------------

    def to_frame(self, *, split=None, label_source=None, include_quarantined=False):
        """Return the stored logs as a contract frame, ordered by ``incident_id``.

        Parameters
        ----------
        split : {'train', 'holdout'}, optional
            Only that split; all logs when None.
        label_source : {'audit-file', 'random-audit', 'review'}, optional
            Only labels from that source; all when None. Training may use every source; recording
            rates may use only ``random-audit`` labels (with their inclusion probabilities).
        include_quarantined : bool, default=False
            Also return logs first stored by a quarantined batch (for people reviewing labels;
            never for training or judging a model).

        Returns
        -------
        pandas.DataFrame
            The contract columns (bools as pandas ``boolean``, text as ``str``) plus ``auditor``,
            ``split``, ``first_batch``, ``last_batch`` and ``label_source``. Logs first stored by a
            quarantined batch are left out unless ``include_quarantined``.
        """
        if split not in (None, "train", "holdout"):
            raise LabelStoreError(f"split must be 'train', 'holdout' or None. Got {split!r} instead.")
        if label_source not in (None, *LABEL_SOURCES):
            raise LabelStoreError(f"label_source must be one of {LABEL_SOURCES} or None. "
                                  f"Got {label_source!r} instead.")
        columns = ("incident_id",) + _STORED_FIELDS + ("split", "first_batch", "last_batch", "label_source")
        filters = {"split": split, "label_source": label_source}
        given = {name: value for name, value in filters.items() if value is not None}
        conditions = [*([] if include_quarantined else [_IN_USE]), *(f"{name} = ?" for name in given)]
        where = ("WHERE " + " AND ".join(conditions)) if conditions else ""
        rows = self._db.execute(f"SELECT {', '.join(columns)} FROM labels {where} ORDER BY incident_id",
                                tuple(given.values())).fetchall()
        frame = pd.DataFrame(rows, columns=list(columns))
        for name in _BOOL_FIELDS:
            frame[name] = pd.array([None if v is None else bool(v) for v in frame[name]], dtype="boolean")
        for name in ("first_batch", "last_batch"):
            frame[name] = frame[name].astype("int64")
        frame["reported_at"] = frame["reported_at"].fillna("").astype(str)
        return frame

    def batches(self):
        """Return one row per added batch: source, digest, time added and what the batch did."""
        return pd.read_sql_query("SELECT * FROM batches ORDER BY batch_id", self._db)

    def conflicts(self, *, batch_id=None):
        """Return the recorded conflicts (all, or one batch's) with the source file name."""
        query = ("SELECT c.batch_id, b.source, c.row, c.incident_id, c.field, c.stored_value, c.new_value, "
                 "c.stored_batch, c.resolution FROM conflicts c JOIN batches b USING (batch_id)")
        params = ()
        if batch_id is not None:
            query, params = query + " WHERE c.batch_id = ?", (int(batch_id),)
        return pd.read_sql_query(query + " ORDER BY c.conflict_id", self._db, params=params)

    def provenance(self, incident_id):
        """Return every label ever offered for one incident id, oldest first, with its batch."""
        return pd.read_sql_query(
            "SELECT p.*, b.source, b.added_at FROM provenance p JOIN batches b USING (batch_id) "
            "WHERE p.incident_id = ? ORDER BY p.batch_id, p.row", self._db, params=(str(incident_id),))

    def digest(self):
        """Return a SHA-256 of the logs in use, their labels and splits (independent of insertion order)."""
        hasher = hashlib.sha256()
        columns = ("incident_id",) + _STORED_FIELDS + ("split",)
        for row in self._db.execute(f"SELECT {', '.join(columns)} FROM labels WHERE {_IN_USE} ORDER BY incident_id"):
            hasher.update("\x1f".join("" if v is None else str(v) for v in row).encode("utf-8"))
            hasher.update(b"\x1e")
        return hasher.hexdigest()


def _now():
    """Current UTC time as ISO 8601 (seconds)."""
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _split_key(seed, incident_id):
    """A seeded, platform-independent sort key for an incident id."""
    return hashlib.sha256(f"{seed}\x1f{incident_id}".encode("utf-8")).hexdigest()


def _check_label_frame(frame, source):
    """Raise SchemaError when a column the store needs is missing."""
    from classifier import SchemaError

    missing = [c for c in ("incident_id", "narrative", "should_record") if c not in frame.columns]
    if missing:
        raise SchemaError(f"Audit labels from {source} lack column(s) {missing}; the label store needs "
                          "incident_id, narrative and the auditor's should_record. "
                          f"Columns present: {list(frame.columns)}.")


def _frame_records(frame, rows, source):
    """Turn frame rows into store records; rows without ``should_record`` become rejects."""
    records, rejects = [], []
    present = set(frame.columns)
    for row, values in zip(rows, frame.to_dict(orient="records")):
        should = _bool_or_none(values.get("should_record"))
        incident_id = str(values["incident_id"])
        if should is None:
            rejects.append((source, int(row), "should_record", "The audit label 'should_record' is empty; "
                            "only audited logs can be added to the label store.", incident_id))
            continue
        records.append(_record(values, present, should, int(row)))
    reject_frame = pd.DataFrame(rejects, columns=["source", "row", "column", "reason", "incident_id"])
    return records, reject_frame


def _record(values, present, should, row):
    """Build one store record (plain Python values) from a validated row."""
    record = {"incident_id": str(values["incident_id"]), "_row": row, "should_record": int(should)}
    for name in _TEXT_FIELDS + ("auditor",):
        record[name] = _text(values.get(name)) if name in present else ""
    for name in ("recorded", "domestic_abuse"):
        value = _bool_or_none(values.get(name)) if name in present else None
        record[name] = None if value is None else int(value)
    raw = _text(values.get("hocr_category")) if "hocr_category" in present else ""
    record["hocr_category"] = _label_group(should, raw)
    record["_stratum"] = f"{int(should)}|{record['hocr_category']}"
    return record


def _label_group(should, raw):
    """The HOCR group a label stands for: ``No crime`` when not recordable, else the mapped group.

    Unknown category names are kept as written so nothing the auditor wrote is lost.
    """
    if not should:
        return NO_CRIME
    if not raw:
        return ""
    return to_hocr_group(raw) or raw


def _text(value):
    """A text value as str ('' for missing); timestamps become ISO 8601."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, (pd.Timestamp, dt.datetime, dt.date)):
        return value.isoformat()
    return str(value)


def _bool_or_none(value):
    """A validated bool cell as True/False, or None when missing."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return bool(value)


def _normalise_text(text):
    """Whitespace- and case-insensitive form of a narrative, for duplicate detection."""
    return re.sub(r"\s+", " ", str(text or "")).strip().lower()


def _differences(old, record):
    """List (field, stored, new) where a repeated log contradicts the stored one.

    Narratives are compared after whitespace/case normalisation and never copied into the report.
    A field missing on either side is not a contradiction; it is filled in instead.
    """
    found = []
    if old["should_record"] != record["should_record"]:
        found.append(("should_record", str(bool(old["should_record"])), str(bool(record["should_record"]))))
    # A flipped should_record implies "No crime" on one side; only compare categories of two crimes.
    same_crime = old["should_record"] == record["should_record"] == 1
    if same_crime and old["hocr_category"] and record["hocr_category"] and \
            old["hocr_category"] != record["hocr_category"]:
        found.append(("hocr_category", old["hocr_category"], record["hocr_category"]))
    if None not in (old["domestic_abuse"], record["domestic_abuse"]) and \
            old["domestic_abuse"] != record["domestic_abuse"]:
        found.append(("domestic_abuse", str(bool(old["domestic_abuse"])), str(bool(record["domestic_abuse"]))))
    if _normalise_text(old["narrative"]) != _normalise_text(record["narrative"]):
        found.append(("narrative", _short_digest(old["narrative"]), _short_digest(record["narrative"])))
    return found


def _short_digest(text):
    """A short fingerprint of a narrative so reports can show that two texts differ without quoting them."""
    return "text sha256:" + hashlib.sha256(_normalise_text(text).encode("utf-8")).hexdigest()[:12]


def _frame_digest(frame):
    """A SHA-256 of a frame's content, for batches that did not come from a file."""
    hashed = pd.util.hash_pandas_object(frame.astype(str), index=False).to_numpy()
    return hashlib.sha256(hashed.tobytes()).hexdigest()


def _count_outcome(result, outcome):
    """Increment the AddResult counter matching a provenance outcome."""
    if outcome == "new":
        result.n_new += 1
    elif outcome == "merged":
        result.n_merged += 1
    else:
        result.n_conflict_rows += 1
        result.n_overwritten += outcome == "conflict-overwritten"
