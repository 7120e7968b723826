"""Helpers behind the column-mapping functions of ``classifier.data.contract``: checks, file reading, hints.

A mapping is ``{contract column: the file's column}``; these helpers know nothing about which
columns the contract has, so ``schema`` passes its lists in.
"""

import difflib
import json
import tomllib
from pathlib import Path

from classifier.errors import InputFileError, SchemaError

_LIST_LIMIT = 20


def checked_mapping(entries, *, where, allowed):
    """Return ``dict(entries)`` after checking names are allowed and each side is used once."""
    mapping, used = {}, {}
    for contract, column in entries:
        if contract not in allowed:
            raise SchemaError(
                f"{contract!r} in {where} is not a contract column{did_you_mean(contract, allowed)}. "
                f"Contract columns: {', '.join(allowed)}."
            )
        if not column:
            raise SchemaError(
                f"The mapping for {contract} in {where} names no file column; "
                f'write it as {contract}="<column in the file>".'
            )
        if contract in mapping:
            raise SchemaError(
                f"{contract} is mapped twice in {where} ({mapping[contract]!r} and {column!r}); keep one."
            )
        if column in used:
            raise SchemaError(
                f"File column {column!r} is mapped to both {used[column]} and {contract} in {where}; "
                "a file column can feed only one contract column."
            )
        mapping[contract], used[column] = column, contract
    return mapping


def unquote(text):
    """Remove one pair of matching surrounding quotes, as a shell would."""
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    return text


def read_table(path):
    """Read a mapping file (``.json`` object or ``.toml`` top-level table) into a dict of str."""
    path = Path(path)
    loaders = {".json": _load_json_object, ".toml": _load_toml_table}
    kind = path.suffix.lower()
    if kind not in loaders:
        raise InputFileError(
            f"Mapping file {path.name} must end in .json or .toml (got {path.suffix or 'no extension'!r})."
        )
    try:
        table = loaders[kind](path)
    except OSError as error:
        raise InputFileError(f"Cannot read mapping file {path}: {error.strerror or error}.") from error
    except ValueError as error:  # json.JSONDecodeError and tomllib.TOMLDecodeError
        raise InputFileError(f"Mapping file {path.name} is not valid {kind[1:].upper()}: {error}.") from error
    bad = [key for key, value in table.items() if not isinstance(value, str)]
    if bad:
        raise InputFileError(
            f'Mapping file {path.name} must hold only contract_column = "file column" pairs of text; '
            f"these entries are not text: {', '.join(bad)}."
        )
    return table


def _load_json_object(path):
    """Read a JSON file that must hold one object."""
    with open(path, encoding="utf-8-sig") as handle:
        table = json.load(handle)
    if not isinstance(table, dict):
        raise ValueError(f"expected one {{...}} object of names, found a JSON {type(table).__name__}")
    return table


def _load_toml_table(path):
    """Read a TOML file's top-level table."""
    with open(path, "rb") as handle:
        return tomllib.load(handle)


def name_list(columns):
    """Quote up to ``_LIST_LIMIT`` column names for a message."""
    shown = ", ".join(repr(name) for name in columns[:_LIST_LIMIT]) or "none"
    extra = len(columns) - _LIST_LIMIT
    return shown + (f" and {extra} more" if extra > 0 else "")


def did_you_mean(name, options):
    """Return ' (did you mean X?)' for the closest option (ignoring case first), or ''."""
    options = [str(option) for option in options]
    folded = {option.strip().lower(): option for option in options}
    close = [folded[name.strip().lower()]] if name.strip().lower() in folded else []
    close = close or difflib.get_close_matches(name, options, n=1, cutoff=0.75)
    return f" (did you mean {close[0]!r}?)" if close else ""


def mapping_hint(missing, columns):
    """Suggest a ``--map`` for each missing required column, naming a likely file column."""
    hints = []
    for name in missing:
        folded = [column for column in columns if column.strip().lower().replace(" ", "_") == name]
        close = folded or difflib.get_close_matches(name, columns, n=1, cutoff=0.75)
        if close:
            hints.append(f'If {close[0]!r} holds it, map it with --map {name}="{close[0]}".')
        else:
            hints.append(
                f'If the file calls it something else, map it, e.g. --map {name}="<column in the file>" '
                "(or use --mapping-file)."
            )
    return " ".join(hints)
