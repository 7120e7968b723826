"""The incident-log data contract: column names, types, HOCR groups and row validation.

A force's export is mapped onto these columns (see ``data/README.md``); everything downstream
(scoring, reports, training) relies on the names and types fixed here.
"""

from pathlib import Path

import numpy as np
import pandas as pd

from classifier.data import mapping as _mapping
from classifier.data import validation as _validation
from classifier.data.dates import check_date_format
from classifier.data.ids import IdRegister
from classifier.errors import SchemaError

__all__ = [
    "REQUIRED_COLUMNS",
    "TEXT_COLUMNS",
    "BOOL_COLUMNS",
    "DATE_COLUMNS",
    "OPTIONAL_COLUMNS",
    "CONTRACT_COLUMNS",
    "DECISION_COLUMNS",
    "SCORE_COLUMNS",
    "REJECT_COLUMNS",
    "HOCR_GROUPS",
    "NO_CRIME",
    "MAX_TEXT_CHARS",
    "TRUE_WORDS",
    "FALSE_WORDS",
    "IdRegister",
    "to_hocr_group",
    "parse_bool",
    "parse_mapping",
    "load_mapping_file",
    "load_mapping",
    "plan_renames",
    "check_columns",
    "validate_frame",
    "check_frame",
    "empty_rejects",
]

REQUIRED_COLUMNS = ("incident_id", "narrative")
TEXT_COLUMNS = ("closing_comment", "opening_code", "closing_code", "area", "hocr_category")
BOOL_COLUMNS = ("recorded", "should_record", "domestic_abuse")
DATE_COLUMNS = ("reported_at",)
OPTIONAL_COLUMNS = (
    "closing_comment",
    "opening_code",
    "closing_code",
    "reported_at",
    "area",
    "recorded",
    "should_record",
    "hocr_category",
    "domestic_abuse",
)
CONTRACT_COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
# The force's own decision: never a model feature (see classifier/text/preprocessing.py).
DECISION_COLUMNS = ("recorded", "closing_code")
SCORE_COLUMNS = (
    "p_should_record",
    "predicted_should_record",
    "predicted_category",
    "p_domestic_abuse",
    "evidence",
    "discrepancy",
)
REJECT_COLUMNS = ("source", "row", "column", "reason", "incident_id")
# Free-text and code columns checked for NUL bytes and length (reported_at is checked as a date).
CHECKED_TEXT_COLUMNS = REQUIRED_COLUMNS + TEXT_COLUMNS
MAX_TEXT_CHARS = 100_000
TRUE_WORDS = ("true", "yes", "y", "1")
FALSE_WORDS = ("false", "no", "n", "0")
_BOOL_WORDS = {**dict.fromkeys(TRUE_WORDS, True), **dict.fromkeys(FALSE_WORDS, False)}
_YES_NO_HELP = "use true/false, yes/no, y/n or 1/0 (any case), or leave it empty"
_RULES = _validation.Rules(
    text_columns=CHECKED_TEXT_COLUMNS,
    bool_columns=BOOL_COLUMNS,
    date_columns=DATE_COLUMNS,
    bool_words=_BOOL_WORDS,
    yes_no_help=_YES_NO_HELP,
    reject_columns=REJECT_COLUMNS,
)

NO_CRIME = "No crime"
HOCR_GROUPS = (
    "Violence with injury",
    "Violence without injury",
    "Stalking and harassment",
    "Sexual offences",
    "Public order offences",
    "Criminal damage and arson",
    "Theft offences",
    "Burglary",
    "Robbery",
    "Other crimes against society",
    NO_CRIME,
)

# Finer HOCR classifications (as auditors and force systems write them) -> the group we predict.
# Matching is case-insensitive on the whole name; unknown names fall through to keyword rules.
_FINE_TO_GROUP = {
    "assault with injury": "Violence with injury",
    "assault with injury on a constable": "Violence with injury",
    "wounding / gbh without intent": "Violence with injury",
    "wounding with intent": "Violence with injury",
    "gbh with intent": "Violence with injury",
    "abh": "Violence with injury",
    "assault without injury": "Violence without injury",
    "assault without injury on a constable": "Violence without injury",
    "common assault": "Violence without injury",
    "threats to kill": "Violence without injury",
    "non-fatal strangulation": "Violence without injury",
    "harassment": "Stalking and harassment",
    "stalking": "Stalking and harassment",
    "malicious communications": "Stalking and harassment",
    "controlling or coercive behaviour": "Stalking and harassment",
    "sexual assault": "Sexual offences",
    "rape": "Sexual offences",
    "exposure": "Sexual offences",
    "voyeurism": "Sexual offences",
    "sharing intimate image without consent": "Sexual offences",
    "public fear, alarm or distress": "Public order offences",
    "racially or religiously aggravated public fear, alarm or distress": "Public order offences",
    "criminal damage": "Criminal damage and arson",
    "racially or religiously aggravated criminal damage": "Criminal damage and arson",
    "arson": "Criminal damage and arson",
    "theft from vehicle": "Theft offences",
    "theft from the person": "Theft offences",
    "theft of vehicle": "Theft offences",
    "shoplifting": "Theft offences",
    "other theft": "Theft offences",
    "bicycle theft": "Theft offences",
    "residential burglary": "Burglary",
    "burglary business and community": "Burglary",
    "robbery of personal property": "Robbery",
    "robbery of business property": "Robbery",
    "possession of weapons": "Other crimes against society",
    "possession of drugs": "Other crimes against society",
}
_KEYWORD_TO_GROUP = (
    ("robbery", "Robbery"),
    ("burglary", "Burglary"),
    ("theft", "Theft offences"),
    ("damage", "Criminal damage and arson"),
    ("arson", "Criminal damage and arson"),
    ("sexual", "Sexual offences"),
    ("stalk", "Stalking and harassment"),
    ("harass", "Stalking and harassment"),
    ("public order", "Public order offences"),
    ("injury", "Violence with injury"),
    ("assault", "Violence without injury"),
)


def to_hocr_group(category):
    """Map a HOCR classification name (fine or group) onto one of ``HOCR_GROUPS``.

    Parameters
    ----------
    category : str or None
        A name such as "Assault with injury", "Residential burglary" or "Burglary".

    Returns
    -------
    str or None
        The group name, ``NO_CRIME`` for empty/"no crime", or None when the name is not recognised.

    Examples
    --------
    >>> to_hocr_group("Residential burglary")
    'Burglary'
    >>> to_hocr_group("Violence without injury")
    'Violence without injury'
    >>> to_hocr_group("")
    'No crime'
    """
    if category is None or str(category).strip() in ("", "nan", "<NA>"):
        return NO_CRIME
    name = str(category).strip()
    for group in HOCR_GROUPS:
        if name.lower() == group.lower():
            return group
    lowered = name.lower()
    if lowered in _FINE_TO_GROUP:
        return _FINE_TO_GROUP[lowered]
    for keyword, group in _KEYWORD_TO_GROUP:
        if keyword in lowered:
            return group
    return None


def parse_bool(value):
    """Read one yes/no value the way the data contract does.

    Parameters
    ----------
    value : str, bool, int, float or None
        ``true/false``, ``yes/no``, ``y/n`` or ``1/0`` in any case, with or without
        surrounding spaces; a Python or NumPy bool; the numbers 0 and 1.

    Returns
    -------
    bool or None
        None for an empty or missing value.

    Raises
    ------
    SchemaError
        If the value is anything else.

    Examples
    --------
    >>> parse_bool(" Yes "), parse_bool("0"), parse_bool(""), parse_bool(None)
    (True, False, None, None)
    >>> parse_bool("maybe")
    Traceback (most recent call last):
    ...
    classifier.errors.SchemaError: It holds a 5-character value of letters, not a yes/no value; use true/false, yes/no, y/n or 1/0 (any case), or leave it empty.
    """
    if value is None or value is pd.NA:
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, float, np.integer, np.floating)):
        if value != value:  # NaN marks a missing number
            return None
        if value in (0, 1):
            return bool(value)
    else:
        word = str(value).strip().lower()
        if word == "":
            return None
        if word in _BOOL_WORDS:
            return _BOOL_WORDS[word]
    # The value is described, not repeated: it may be personal data typed in the wrong column.
    raise SchemaError(f"It holds {_validation.describe_value(value)}, not a yes/no value; {_YES_NO_HELP}.")


def parse_mapping(items):
    """Turn ``contract=file column`` strings (the ``--map`` option) into a mapping.

    Parameters
    ----------
    items : iterable of str
        Each ``contract_column=column in the file``; the part after the first ``=`` is the
        file's column name, exactly (surrounding spaces and one pair of quotes are removed).

    Returns
    -------
    dict of str to str
        Contract column name -> the file's column name.

    Raises
    ------
    SchemaError
        If an item has no ``=``, names a column that is not in the contract, or maps a
        contract column or a file column twice.

    Examples
    --------
    >>> parse_mapping(["narrative=Opening Remarks", "incident_id = 'URN'"])
    {'narrative': 'Opening Remarks', 'incident_id': 'URN'}
    """
    entries = []
    for item in items:
        contract, equals, column = str(item).partition("=")
        if not equals:
            raise SchemaError(
                f"Column mapping {_validation.quote(item)} has no '='. Write it as "
                'contract_column=file_column, for example --map narrative="Opening Remarks".'
            )
        entries.append((contract.strip(), _mapping.unquote(column.strip())))
    return _mapping.checked_mapping(entries, where="--map", allowed=CONTRACT_COLUMNS)


def load_mapping_file(path):
    """Read a column mapping from a JSON or TOML file of ``contract column = file column``.

    Parameters
    ----------
    path : str or path-like
        A ``.json`` file holding one object, e.g. ``{"narrative": "Opening Remarks"}``, or a
        ``.toml`` file of top-level keys, e.g. ``narrative = "Opening Remarks"``.

    Returns
    -------
    dict of str to str
        Contract column name -> the file's column name.

    Raises
    ------
    InputFileError
        If the file is missing, unreadable, not JSON/TOML, or not a table of names.
    SchemaError
        If an entry names a column that is not in the contract, or maps a column twice.
    """
    table = _mapping.read_table(path)
    return _mapping.checked_mapping(table.items(), where=Path(path).name, allowed=CONTRACT_COLUMNS)


def load_mapping(items=(), *, mapping_file=None):
    """Combine a mapping file and ``--map`` items; the items win for the same contract column.

    Examples
    --------
    >>> load_mapping(["incident_id=URN"])
    {'incident_id': 'URN'}
    """
    merged = load_mapping_file(mapping_file) if mapping_file is not None else {}
    merged.update(parse_mapping(items or ()))
    where = "the combined --map and --mapping-file"
    return _mapping.checked_mapping(merged.items(), where=where, allowed=CONTRACT_COLUMNS)


def plan_renames(columns, mapping, *, source):
    """Check a mapping against a file's columns and return the renames it implies.

    Parameters
    ----------
    columns : sequence of str
        The file's column names.
    mapping : dict of str to str
        Contract column -> file column, from ``parse_mapping`` or ``load_mapping_file``.
    source : str
        The file name, for messages.

    Returns
    -------
    dict of str to str
        File column -> contract column, for ``DataFrame.rename(columns=...)``.

    Raises
    ------
    SchemaError
        If a mapped column is not in the file, or the file already has a column with the
        contract name that the mapping would duplicate.
    """
    columns = [str(name) for name in columns]
    mapping = _mapping.checked_mapping(
        (mapping or {}).items(), where="the column mapping", allowed=CONTRACT_COLUMNS
    )
    mapped_sources = set(mapping.values())
    for contract, column in mapping.items():
        if column not in columns:
            raise SchemaError(
                f"Column {column!r} (mapped to {contract}) is not in {source}. Columns found: "
                f"{_mapping.name_list(columns)}. Names must match exactly, including case and spaces"
                f"{_mapping.did_you_mean(column, columns)}."
            )
        if contract != column and contract in columns and contract not in mapped_sources:
            raise SchemaError(
                f"{source} already has a column named {contract!r}, so {column!r} cannot also be "
                f"mapped onto it. Remove the mapping for {contract}, or rename one of the two "
                "columns in the file."
            )
    return {column: contract for contract, column in mapping.items() if column != contract}


def check_columns(columns, *, source):
    """Raise ``SchemaError`` unless the column names are unique and include the required ones.

    Examples
    --------
    >>> check_columns(["URN", "narrative"], source="export.csv")
    Traceback (most recent call last):
    ...
    classifier.errors.SchemaError: Column 'incident_id' is missing from export.csv. Columns found: 'URN', 'narrative'. The contract needs 'incident_id' (a unique reference for each log) and 'narrative' (the log's text). If the file calls it something else, map it, e.g. --map incident_id="<column in the file>" (or use --mapping-file).
    """
    columns = [str(name) for name in columns]
    repeated = sorted({name for name in columns if columns.count(name) > 1})
    if repeated:
        raise SchemaError(
            f"Column {repeated[0]!r} appears {columns.count(repeated[0])} times in {source}. "
            "Rename the copies so that every column name is different."
        )
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        which = " and ".join(repr(name) for name in missing)
        raise SchemaError(
            f"Column {which} {'is' if len(missing) == 1 else 'are'} missing from {source}. "
            f"Columns found: {_mapping.name_list(columns)}. The contract needs 'incident_id' (a unique "
            "reference for each log) and 'narrative' (the log's text). "
            f"{_mapping.mapping_hint(missing, columns)}"
        )


def empty_rejects():
    """Return an empty rejects frame with the columns in ``REJECT_COLUMNS``."""
    return _validation.empty_frame(REJECT_COLUMNS)


def validate_frame(
    frame, *, source, first_row=1, seen_ids=None, max_text_chars=MAX_TEXT_CHARS, mapping=None,
    date_format=None,
):
    """Check every row of a frame against the data contract and split it into accepted and rejected.

    Parameters
    ----------
    frame : pandas.DataFrame
        Rows as read: contract columns under their contract names (or see ``mapping``), plus
        any other columns, which are carried through untouched.
    source : str
        File name (or a label such as ``"<frame>"``) written into the rejects and messages.
    first_row : int or None, default=1
        Row number of the frame's first row; rows are numbered consecutively from it. Pass
        None to use the frame's integer index as the row numbers (the readers do this).
    seen_ids : IdRegister or None, default=None
        Ids seen in earlier chunks of the same file; updated in place. None starts afresh.
    max_text_chars : int, default=MAX_TEXT_CHARS
        Longest allowed value, in characters, of a contract text column.
    mapping : dict of str to str or None, default=None
        Contract column -> the frame's column name, applied first (see ``parse_mapping``).
    date_format : None, 'dayfirst' or str, default=None
        How ``reported_at`` is written (``classifier.data.dates``); None means ISO 8601. With a
        format, accepted dates are rewritten as ISO 8601 text.

    Returns
    -------
    accepted : pandas.DataFrame
        Accepted rows in input order, index = row number (named ``row``). Contract text
        columns and ``reported_at`` are ``str`` with ``""`` for missing; ``recorded``,
        ``should_record`` and ``domestic_abuse`` are ``boolean`` (``pd.NA`` for missing).
    rejects : pandas.DataFrame
        One line per rejected row, columns ``REJECT_COLUMNS``, in row order.

    Raises
    ------
    SchemaError
        If a required column is missing, a column name is repeated, or the mapping does not fit.

    Examples
    --------
    >>> frame = pd.DataFrame({"incident_id": ["A1", "A2", "A1"],
    ...                       "narrative": ["Caller reports assault", "", "Repeat call"],
    ...                       "recorded": ["Y", "n", "yes"]})
    >>> accepted, rejects = validate_frame(frame, source="demo.csv")
    >>> accepted.index.tolist(), accepted["recorded"].tolist()
    ([1], [True])
    >>> rejects[["row", "column"]].values.tolist()
    [[2, 'narrative'], [3, 'incident_id']]
    """
    accepted, rejects, _ = check_frame(
        frame, source=source, first_row=first_row, seen_ids=seen_ids, max_text_chars=max_text_chars,
        mapping=mapping, date_format=date_format, strict=True,
    )
    return accepted, rejects


def check_frame(
    frame, *, source, first_row=1, seen_ids=None, max_text_chars=MAX_TEXT_CHARS, mapping=None,
    date_format=None, strict=True,
):
    """``validate_frame`` that can keep rows whose optional values cannot be read.

    Takes the parameters of :func:`validate_frame`, plus ``strict``.

    Parameters
    ----------
    strict : bool, default=True
        True rejects a row with an unreadable yes/no value or date (as ``validate_frame``).
        False keeps the row with that value empty and lists the problem in ``emptied``.

    Returns
    -------
    accepted, rejects : pandas.DataFrame
        As for :func:`validate_frame`.
    emptied : pandas.DataFrame
        Kept rows' values left empty, one line per value, columns ``REJECT_COLUMNS``.

    Examples
    --------
    >>> frame = pd.DataFrame({"incident_id": ["A1", "A2"], "narrative": ["Punched", "Kicked"],
    ...                       "reported_at": ["31/01/2024 10:00", "31/02/2024 10:00"]})
    >>> accepted, rejects, emptied = check_frame(frame, source="x.csv", date_format="dayfirst", strict=False)
    >>> accepted["reported_at"].tolist(), len(rejects), emptied["row"].tolist()
    (['2024-01-31T10:00:00', ''], 0, [2])
    """
    if isinstance(max_text_chars, bool) or not isinstance(max_text_chars, int) or max_text_chars < 1:
        raise SchemaError(f"max_text_chars must be a whole number of at least 1; got {max_text_chars!r}.")
    if mapping:
        frame = frame.rename(columns=plan_renames(frame.columns, mapping, source=source))
    check_columns(frame.columns, source=source)
    rows = _row_numbers(frame, first_row)
    register = seen_ids if seen_ids is not None else IdRegister()
    frame = frame.set_axis(pd.Index(rows, name="row"))
    return _validation.split_rows(
        frame, rows, source=source, register=register, limit=max_text_chars, rules=_RULES,
        date_format=check_date_format(date_format), strict=strict,
    )


def _row_numbers(frame, first_row):
    """Return the frame's row numbers as an int64 array (see ``validate_frame``)."""
    if first_row is None:
        if not pd.api.types.is_integer_dtype(frame.index.dtype):
            raise SchemaError(
                "first_row=None means the frame's index holds the row numbers, but the index is "
                f"{frame.index.dtype}; pass first_row=1 to number the rows from 1."
            )
        return frame.index.to_numpy(dtype=np.int64)
    if isinstance(first_row, bool) or not isinstance(first_row, (int, np.integer)) or first_row < 1:
        raise SchemaError(f"first_row must be a whole number of at least 1, or None; got {first_row!r}.")
    return np.arange(first_row, first_row + len(frame), dtype=np.int64)
