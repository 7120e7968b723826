"""Reading a force's export for adaptation: audit labels joined, folds assigned, a bounded training sample.

The export is streamed in chunks through the contract loader. Every audited row is kept; unaudited
rows are kept by a seeded bottom-k sample on a hash of ``incident_id`` (the same rows whatever the
chunk size), so memory is bounded by ``max_rows`` and only kept rows go through spaCy here. Counts
over *all* rows (recorded share, audited rows, rejects) are kept exactly.
"""

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sp

from classifier import InputFileError, SchemaError, assign_folds, iter_incident_chunks, parse_bool, to_hocr_group
from classifier.model import file_sha256

__all__ = ["AUDIT_COLUMNS", "ExportSample", "collect_export_sample", "read_audit_labels"]

AUDIT_COLUMNS = ("should_record", "hocr_category", "domestic_abuse", "inclusion_probability")


@dataclass
class ExportSample:
    """The training rows of an export and exact counts over the whole file.

    ``rows`` holds, per kept row: ``incident_id``, ``fold``, ``recorded`` (1.0/0.0/NaN), ``audited``,
    ``should_record``, ``group`` (true HOCR group where audited, else ""), ``inclusion_probability``.
    ``docs`` and ``matrix`` are the base model's processed logs and feature matrix for those rows.
    """

    rows: pd.DataFrame
    docs: list
    matrix: object
    rows_read: int = 0
    rows_rejected: int = 0
    rows_used: int = 0
    recorded_known: int = 0
    recorded_true: int = 0
    audited_total: int = 0
    sha256: str = ""
    columns: list = field(default_factory=list)


def read_audit_labels(path):
    """Audit labels from a file joined on ``incident_id``: the contract's label columns, one row per id.

    The file needs ``incident_id`` and ``should_record`` only (no narrative), as for ``crimerec report --audit``.

    Raises
    ------
    InputFileError, SchemaError
        When the file cannot be read, lacks those columns, holds a value that is not yes/no, or
        repeats an incident id.
    """
    path = Path(path)
    frame = _read_table(path)
    missing = [c for c in ("incident_id", "should_record") if c not in frame.columns]
    if missing:
        raise SchemaError(f"The audit file {path.name} lacks columns {missing}; it needs incident_id and "
                          f"should_record. Columns present: {list(frame.columns)}.")
    frame = frame.assign(incident_id=frame["incident_id"].astype(str).str.strip())
    for column in ("should_record", "domestic_abuse"):
        if column in frame.columns:
            frame[column] = pd.array([_parse_label(v, path.name, column, row) for row, v in enumerate(frame[column], 1)],
                                     dtype="boolean")
    frame = frame[frame["should_record"].notna()]
    if frame["incident_id"].duplicated().any():
        repeated = frame.loc[frame["incident_id"].duplicated(), "incident_id"].head(3).tolist()
        raise SchemaError(f"The audit file {path.name} repeats incident ids such as {repeated}; "
                          "give one audit label per log.")
    keep = ["incident_id"] + [c for c in AUDIT_COLUMNS if c in frame.columns]
    return frame[keep].set_index("incident_id")


def _read_table(path):
    """An audit table (CSV, JSON Lines or Parquet) with text values."""
    name = path.name.lower()
    try:
        if name.endswith((".csv", ".csv.gz")):
            return pd.read_csv(path, dtype=str, keep_default_na=False)
        if name.endswith((".jsonl", ".jsonl.gz")):
            return pd.read_json(path, lines=True, dtype=False)
        if name.endswith(".parquet"):
            return pd.read_parquet(path)
    except (OSError, ValueError, UnicodeDecodeError) as error:
        raise InputFileError(f"Cannot read audit file {path.name}: {error}") from error
    raise InputFileError(f"Audit file {path.name} is not .csv, .jsonl or .parquet; convert it to one of these.")


def _parse_label(value, source, column, row):
    """A yes/no audit value (None when empty), naming the file, row and column when it is neither."""
    try:
        return parse_bool(value)
    except SchemaError as error:
        raise SchemaError(f"{source}, row {row}, column '{column}': {error}") from None


def collect_export_sample(path, base, *, audit=None, n_folds=5, seed=0, max_rows=100_000, mapping=None,
                          encoding=None, date_format=None, format=None, chunk_size=20_000, n_jobs=1,
                          progress=None):
    """Stream an export and keep its training sample, featurised by the base model.

    Parameters
    ----------
    path : str or Path
        The export (data contract; ``recorded`` and audit columns where known).
    base : CrimeRecModel
        Its ``featurise`` is the only part used.
    audit : DataFrame or None
        ``read_audit_labels`` output; its labels replace the export's for the same ids.
    n_folds, seed : int
        Cross-fitting folds and the seed of fold and sample hashes.
    max_rows : int, default=100_000
        Unaudited rows kept for training at most (every audited row is kept).
    progress : callable or None
        Called with (rows read so far, estimated total or None).

    Returns
    -------
    ExportSample
    """
    kept, docs, matrices, tally = [], [], [], _Tally()
    threshold = np.inf
    chunks = iter_incident_chunks(path, mapping=mapping, encoding=encoding, date_format=date_format, format=format,
                                  chunk_size=chunk_size)
    for chunk in chunks:
        frame = _labelled_rows(chunk.accepted, audit)
        tally.add(chunk, frame)
        priority = _priority(frame["incident_id"], seed)
        take = frame["audited"].to_numpy() | (priority < threshold)
        if take.any():
            features = base.featurise(frame[take], n_jobs=n_jobs)
            part = _sample_columns(frame[take], n_folds, seed).assign(priority=priority[take])
            kept.append(part)
            docs.extend(features.docs)
            matrices.append(features.matrix)
        if sum(len(k) for k in kept) > 1.5 * max_rows + tally.audited:
            kept, docs, matrices, threshold = _prune(kept, docs, matrices, max_rows)
        if progress is not None:
            progress(tally.rows_read, None)
    kept, docs, matrices, _ = _prune(kept, docs, matrices, max_rows)
    rows = pd.concat(kept, ignore_index=True) if kept else _sample_columns(pd.DataFrame(
        {"incident_id": pd.Series([], dtype=str)}), n_folds, seed).assign(priority=[])
    matrix = sp.vstack(matrices, format="csr") if matrices else None
    return ExportSample(rows.drop(columns="priority"), docs, matrix, tally.rows_read, tally.rows_rejected,
                        tally.rows_used, tally.recorded_known, tally.recorded_true, tally.audited,
                        file_sha256(path), tally.columns)


class _Tally:
    """Exact counts over every chunk."""

    def __init__(self):
        self.rows_read = self.rows_rejected = self.rows_used = 0
        self.recorded_known = self.recorded_true = self.audited = 0
        self.columns = []

    def add(self, chunk, frame):
        """Add one chunk's counts."""
        self.rows_read += chunk.rows_read
        self.rows_rejected += len(chunk.rejects)
        self.rows_used += len(frame)
        self.columns = self.columns or list(chunk.accepted.columns)
        recorded = frame["recorded"]
        self.recorded_known += int(recorded.notna().sum())
        self.recorded_true += int((recorded == 1.0).sum())
        self.audited += int(frame["audited"].sum())


def _labelled_rows(accepted, audit):
    """The chunk with ``recorded`` as float (NaN unknown), audit labels joined, ``audited`` flag."""
    frame = accepted.copy()
    recorded = frame["recorded"] if "recorded" in frame.columns else pd.Series(pd.NA, index=frame.index)
    frame["recorded"] = recorded.astype("Float64").astype(float)
    if audit is not None:
        joined = audit.reindex(frame["incident_id"].astype(str))
        for column in audit.columns:
            frame[column] = joined[column].to_numpy()
    label = frame["should_record"] if "should_record" in frame.columns else pd.Series(pd.NA, index=frame.index)
    frame["audited"] = label.notna().to_numpy()
    frame["should_record"] = label.astype("boolean").fillna(False).astype(bool)
    return frame


def _sample_columns(frame, n_folds, seed):
    """The per-row columns adaptation needs, from a labelled chunk."""
    ids = frame["incident_id"].astype(str)
    groups = frame.get("hocr_category", pd.Series("", index=frame.index)).astype(object)
    audited = frame.get("audited", pd.Series(False, index=frame.index)).to_numpy(bool)
    should = frame.get("should_record", pd.Series(False, index=frame.index)).to_numpy(bool)
    group = [to_hocr_group(g) if a and s and isinstance(g, str) and g else "" for g, a, s in zip(groups, audited, should)]
    weight = pd.to_numeric(frame.get("inclusion_probability", pd.Series(np.nan, index=frame.index)), errors="coerce")
    return pd.DataFrame({
        "incident_id": ids.to_numpy(), "fold": assign_folds(ids, n_folds, seed=seed),
        "recorded": frame.get("recorded", pd.Series(np.nan, index=frame.index)).to_numpy(float),
        "audited": audited, "should_record": should, "group": np.array([g or "" for g in group], dtype=object),
        "inclusion_probability": weight.to_numpy(float)})


def _priority(ids, seed):
    """A uniform number in [0, 1) per id, from a hash independent of the fold hash."""
    salt = f"sample-{seed}:".encode()
    return np.array([int.from_bytes(hashlib.blake2b(salt + str(i).encode("utf-8"), digest_size=8).digest(), "big")
                     / 2.0 ** 64 for i in ids])


def _prune(kept, docs, matrices, max_rows):
    """Keep every audited row and the ``max_rows`` unaudited rows of lowest priority."""
    if not kept:
        return kept, docs, matrices, np.inf
    rows = pd.concat(kept, ignore_index=True)
    unaudited = np.flatnonzero(~rows["audited"].to_numpy())
    threshold = np.inf
    if len(unaudited) > max_rows:
        order = unaudited[np.argsort(rows["priority"].to_numpy()[unaudited], kind="stable")]
        threshold = float(rows["priority"].to_numpy()[order[max_rows]])
    keep = rows["audited"].to_numpy() | (rows["priority"].to_numpy() < threshold)
    index = np.flatnonzero(keep)
    matrix = sp.vstack(matrices, format="csr")[index]
    return [rows.iloc[index].reset_index(drop=True)], [docs[i] for i in index], [matrix], threshold
