"""Vectorised row checks behind ``classifier.data.contract.validate_frame``.

Each check returns a boolean mask over a chunk's rows; ``Problems`` keeps the first problem
found for each row, so a rejected row gets exactly one reason. Nothing here loops over rows in
Python except to word the reasons of rows already rejected.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from classifier.data.dates import describe_format, parse_dates, to_iso_text
from classifier.data.ids import hash_ids

_QUOTE_LIMIT = 40
# How the reason of a value left empty on a kept row ends (``strict=False``); Spark scoring counts
# rejects lines with this ending as kept rows, not rejected ones.
KEPT_ENDING = " left empty (use --strict to reject it)"


@dataclass(frozen=True)
class Rules:
    """Which columns get which check; ``classifier.data.contract`` builds the one instance."""

    text_columns: tuple
    bool_columns: tuple
    date_columns: tuple
    bool_words: dict
    yes_no_help: str
    reject_columns: tuple


def split_rows(frame, rows, *, source, register, limit, rules, date_format=None, strict=True):
    """Run the row checks in priority order on ``frame``; return (accepted, rejects, emptied).

    The first problem found decides a row's reason: empty id, NUL bytes, text too long,
    duplicate id, empty narrative, bad yes/no value, bad date. With ``strict=False`` a bad
    yes/no value or date does not reject its row: the value is left empty and the problem is
    listed in ``emptied`` (same columns as the rejects), because the narrative is what is scored.
    """
    clean = {
        name: to_text(frame[name])
        for name in frame.columns
        if name in rules.text_columns or name in rules.date_columns
    }
    ids = clean["incident_id"]
    problems = Problems(len(frame))
    empty_id = (ids.str.strip() == "").to_numpy()
    problems.add(empty_id, "incident_id", "incident_id is empty; every log needs its own reference")
    _check_text(problems, clean, limit, rules.text_columns)
    earlier = earlier_rows(ids, rows, register)
    problems.add(earlier >= 0, "incident_id", _duplicate_reasons(ids, earlier))
    problems.add(
        (clean["narrative"].str.strip() == "").to_numpy(),
        "narrative",
        "narrative is empty; a log needs its call or update text to be scored",
    )
    fields = problems if strict else FieldProblems(len(frame), problems.rejected)
    for name in (name for name in rules.bool_columns if name in frame.columns):
        clean[name], bad = parse_bool_column(frame[name], rules.bool_words)
        fields.add(bad, name, _value_reasons(name, frame[name], f"not a yes/no value; {rules.yes_no_help}"))
        clean[name] = clean[name].where(~bad, pd.NA)
    for name in (name for name in rules.date_columns if name in frame.columns):
        stamps, bad = parse_dates(clean[name], date_format)
        fields.add(bad, name, _value_reasons(name, frame[name], f"not {describe_format(date_format)}"))
        if date_format is not None:
            clean[name] = to_iso_text(stamps)
        clean[name] = clean[name].where(~bad, "")
    accepted = frame.assign(**clean)[~problems.rejected]
    rejects = problems.to_frame(source=source, rows=rows, ids=ids, columns=rules.reject_columns)
    emptied = empty_frame(rules.reject_columns) if strict else fields.to_frame(
        source=source, rows=rows, ids=ids, columns=rules.reject_columns)
    return accepted, rejects, emptied


def _check_text(problems, clean, limit, text_columns):
    """Reject rows whose contract text holds NUL bytes or is longer than ``limit`` characters."""
    present = [name for name in text_columns if name in clean]
    for name in present:
        has_nul = clean[name].str.contains("\x00", regex=False).to_numpy()
        why = (
            f"{name} contains NUL bytes (\\x00), a sign of a corrupt or binary export; "
            "remove them or re-export the row"
        )
        problems.add(has_nul, name, why)
    for name in present:
        lengths = clean[name].str.len().to_numpy()
        problems.add(lengths > limit, name, _length_reasons(name, lengths, limit))


def _length_reasons(name, lengths, limit):
    """Return a function wording the too-long reason for given row positions."""

    def reasons(positions):
        return [
            f"{name} is {lengths[i]:,} characters long, over the limit of {limit:,}; check the row "
            "(often two logs run together or a broken quote), or raise --max-text-chars"
            for i in positions
        ]

    return reasons


def _duplicate_reasons(ids, earlier):
    """Return a function wording the duplicate-id reason for given row positions."""

    def reasons(positions):
        return [
            f"incident_id {quote(ids.iloc[i])} already appears at row {earlier[i]}; "
            "incident ids must be unique within a file"
            for i in positions
        ]

    return reasons


def _value_reasons(name, raw, why):
    """Return a function wording '<name> holds <kind of value>, <why>' for given row positions.

    The value itself is never repeated: a cell in the wrong column may hold a phone number or a
    name, and reasons are printed and saved in rejects files (issue #14, defect 11).
    """

    def reasons(positions):
        return [f"{name} holds {describe_value(raw.iloc[i])}, {why}" for i in positions]

    return reasons


_CHARACTER_KINDS = (("letters", str.isalpha), ("digits", str.isdigit), ("spaces", str.isspace))


def describe_value(value):
    """Say what kind of value a cell holds without repeating it (length and kinds of character).

    Examples
    --------
    >>> describe_value("07700 900123")
    'a 12-character value of digits and spaces'
    >>> describe_value("maybe")
    'a 5-character value of letters'
    """
    text = str(value)
    kinds = [name for name, test in _CHARACTER_KINDS if any(test(character) for character in text)]
    if any(not (character.isalnum() or character.isspace()) for character in text):
        kinds.append("punctuation")
    if not kinds:
        return "an empty value"
    listed = kinds[0] if len(kinds) == 1 else ", ".join(kinds[:-1]) + " and " + kinds[-1]
    return f"a {len(text):,}-character value of {listed}"


def quote(value, limit=_QUOTE_LIMIT):
    """Return ``value`` quoted for a message, cut to ``limit`` characters (never a whole narrative)."""
    text = str(value)
    if len(text) > limit:
        text = text[:limit] + "..."
    return repr(text)


def to_text(series):
    """Return ``series`` as pandas ``str`` values with missing values as ``""``.

    Dates and date-times become ISO 8601 text (``2024-03-01T14:30:00``); numbers and Python
    objects become their ``str``.
    """
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        text = series.astype("str").str.replace(" ", "T", n=1, regex=False)
        return text.where(series.notna(), "").astype("str")
    return series.astype("str").fillna("")


def parse_bool_column(series, words):
    """Parse a yes/no column: return (``boolean`` Series, mask of values that are not yes/no).

    ``words`` maps lower-case words to True/False; empty and missing values become ``pd.NA``.
    """
    if pd.api.types.is_bool_dtype(series.dtype):
        return series.astype("boolean"), np.zeros(len(series), dtype=bool)
    if pd.api.types.is_numeric_dtype(series.dtype):
        known = series.isin([0, 1]).to_numpy()
        values = series.where(known).map({0: False, 1: True}, na_action="ignore")
        return values.astype("boolean"), (series.notna().to_numpy() & ~known)
    text = to_text(series).str.strip().str.lower()
    values = text.map(words)
    bad = (text != "").to_numpy() & values.isna().to_numpy()
    return values.astype("boolean"), bad


def earlier_rows(ids, rows, register):
    """Return, per row, the row where its id first appeared (in this chunk or before), else -1.

    Empty ids are never duplicates. The register learns every id's first row as a side effect.
    """
    result = np.full(len(ids), -1, dtype=np.int64)
    filled = (ids.str.strip() != "").to_numpy()
    if not filled.any():
        return result
    result[filled] = register.check_and_add_hashed(hash_ids(ids[filled]), rows[filled])
    return result


class Problems:
    """The first problem found for each row of a chunk: which rows, which column, why."""

    def __init__(self, n_rows):
        self.rejected = np.zeros(n_rows, dtype=bool)
        self._found = []

    def add(self, mask, column, reason):
        """Record ``reason`` for rows in ``mask`` that have no problem yet.

        ``reason`` is a string, or a function from the new rows' positions to a list of strings.
        """
        new = np.flatnonzero(np.asarray(mask, dtype=bool) & ~self.rejected)
        if len(new) == 0:
            return
        self.rejected[new] = True
        reasons = reason(new) if callable(reason) else [reason] * len(new)
        self._found.append((new, column, list(reasons)))

    def to_frame(self, *, source, rows, ids, columns):
        """Return the rejects frame (``columns`` order), one line per rejected row, in row order."""
        if not self._found:
            return empty_frame(columns)
        positions = np.concatenate([found[0] for found in self._found])
        frame = pd.DataFrame(
            {
                "source": source,
                "row": rows[positions],
                "column": np.concatenate([[found[1]] * len(found[0]) for found in self._found]),
                "reason": [reason for found in self._found for reason in found[2]],
                "incident_id": ids.to_numpy(dtype=object)[positions],
            },
            columns=list(columns),
        )
        return _typed_rejects(frame).sort_values("row", kind="stable").reset_index(drop=True)


class FieldProblems(Problems):
    """Optional values that could not be read on rows that are kept: the value is left empty.

    Unlike ``Problems``, a row can have several (one per column); rows already rejected for
    another reason are skipped. Each reason ends by saying the row was kept.
    """

    def __init__(self, n_rows, rejected):
        super().__init__(n_rows)
        self._skip = rejected

    def add(self, mask, column, reason):
        """Record ``reason`` for rows in ``mask`` that are not rejected."""
        new = np.flatnonzero(np.asarray(mask, dtype=bool) & ~self._skip)
        if len(new) == 0:
            return
        reasons = reason(new) if callable(reason) else [reason] * len(new)
        kept = f"; the row was kept and scored with {column}{KEPT_ENDING}"
        self._found.append((new, column, [text + kept for text in reasons]))


def empty_frame(columns):
    """Return an empty rejects frame with the right columns and dtypes."""
    frame = pd.DataFrame({name: pd.Series([], dtype="str") for name in columns})
    return _typed_rejects(frame)


def _typed_rejects(frame):
    """Give a rejects frame its dtypes: ``row`` int64, the rest ``str``."""
    dtypes = {name: ("int64" if name == "row" else "str") for name in frame.columns}
    return frame.astype(dtypes)
