"""A force profile: how one force's exports are read, saved once and given to every command.

A profile is a small TOML file::

    force = "Northshire Police"
    security_marking = "OFFICIAL-SENSITIVE"
    date_format = "%d/%m/%Y %H:%M"     # or "dayfirst", or "iso" (the default)
    encoding = "utf-8"                 # optional; cp1252 for many older exports

    [columns]                          # contract column = the force's column
    incident_id = "URN"
    narrative = "Opening Remarks"

Scored files keep the force's column names, so the same profile reads the export, the scored
file, the audit sample and the audited labels: no second mapping.
"""

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from classifier.data.contract import CONTRACT_COLUMNS, load_mapping
from classifier.data.dates import check_date_format
from classifier.data.mapping import checked_mapping, did_you_mean
from classifier.errors import InputFileError, SchemaError

__all__ = ["ForceProfile", "load_profile", "save_profile", "resolve_profile"]

_KEYS = ("force", "security_marking", "date_format", "encoding", "columns")


@dataclass(frozen=True)
class ForceProfile:
    """How to read one force's files; see the module docstring for the TOML form.

    Attributes
    ----------
    columns : dict of str to str
        Contract column -> the force's column name.
    date_format : None, 'dayfirst' or str
        How ``reported_at`` is written (``classifier.data.dates``); None is ISO 8601.
    encoding : str or None
        Text encoding of CSV and JSON Lines exports; None is UTF-8.
    force : str
        The force's name, shown in reports.
    security_marking : str
        Government Security Classification marking shown at the top and bottom of the report,
        e.g. ``'OFFICIAL-SENSITIVE'``; ``""`` for none.
    """

    columns: dict = field(default_factory=dict)
    date_format: str | None = None
    encoding: str | None = None
    force: str = ""
    security_marking: str = ""

    def reading_options(self):
        """Keyword options for ``iter_incident_chunks`` / ``load_incidents`` / ``score_file``.

        Examples
        --------
        >>> ForceProfile(columns={"incident_id": "URN"}, date_format="dayfirst").reading_options()
        {'mapping': {'incident_id': 'URN'}, 'encoding': None, 'date_format': 'dayfirst'}
        """
        return {"mapping": dict(self.columns), "encoding": self.encoding, "date_format": self.date_format}

    def file_column(self, contract):
        """The force's name for a contract column (the contract name when it is not mapped)."""
        return self.columns.get(contract, contract)

    def to_toml(self):
        """The profile as TOML text (the form ``load_profile`` reads)."""
        lines = [f"{key} = {_toml_string(value)}" for key, value in
                 (("force", self.force), ("security_marking", self.security_marking),
                  ("date_format", self.date_format or "iso"), ("encoding", self.encoding)) if value]
        lines += ["", "[columns]"] + [f"{key} = {_toml_string(value)}" for key, value in self.columns.items()]
        return "\n".join(lines) + "\n"


def _toml_string(value):
    """Quote ``value`` as a TOML basic string."""
    escaped = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def load_profile(path):
    """Read a force profile from a TOML file.

    Parameters
    ----------
    path : str or path-like

    Returns
    -------
    ForceProfile

    Raises
    ------
    InputFileError
        The file is missing, unreadable or not TOML.
    SchemaError
        An unknown key, a column that is not in the contract, a column mapped twice, or a date
        format crimerec does not understand.
    """
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            table = tomllib.load(handle)
    except OSError as error:
        raise InputFileError(f"Cannot read profile {path}: {error.strerror or error}.") from error
    except tomllib.TOMLDecodeError as error:
        raise InputFileError(f"Profile {path.name} is not valid TOML: {error}.") from error
    return _profile_from_table(table, where=path.name)


def _profile_from_table(table, *, where):
    """Check a profile's keys and values and build the ``ForceProfile``."""
    unknown = [key for key in table if key not in _KEYS]
    if unknown:
        raise SchemaError(f"Profile {where} has an unknown key {unknown[0]!r}{did_you_mean(unknown[0], _KEYS)}. "
                          f"Allowed keys: {', '.join(_KEYS)}.")
    columns = table.get("columns", {})
    if not isinstance(columns, dict) or any(not isinstance(v, str) for v in columns.values()):
        raise SchemaError(f'Profile {where}: [columns] must hold contract_column = "force column" pairs of text.')
    for key in ("force", "security_marking", "date_format", "encoding"):
        if key in table and not isinstance(table[key], str):
            raise SchemaError(f"Profile {where}: {key} must be text in quotes; got {table[key]!r}.")
    return ForceProfile(
        columns=checked_mapping(columns.items(), where=f"[columns] of {where}", allowed=CONTRACT_COLUMNS),
        date_format=check_date_format(table.get("date_format")),
        encoding=table.get("encoding") or None,
        force=table.get("force", ""),
        security_marking=table.get("security_marking", "").strip(),
    )


def save_profile(profile, path, *, overwrite=False):
    """Write ``profile`` as TOML to ``path``; refuse to replace a file unless ``overwrite``.

    Returns
    -------
    pathlib.Path
        The file written.
    """
    path = Path(path)
    if path.exists() and not overwrite:
        raise InputFileError(f"Profile {path} already exists; choose another name or pass --force to replace it.")
    path.write_text(profile.to_toml(), encoding="utf-8")
    return path


def resolve_profile(profile=None, *, map_items=(), mapping_file=None, date_format=None, encoding=None,
                    security_marking=None):
    """Combine a profile file with command-line options; the options win.

    Parameters
    ----------
    profile : str, path-like, ForceProfile or None, default=None
        A profile file, a loaded profile, or None for an empty one.
    map_items : iterable of str, default=()
        ``--map`` items (``contract=file column``).
    mapping_file : str or None, default=None
        ``--mapping-file``.
    date_format, encoding, security_marking : str or None, default=None
        ``--date-format``, ``--encoding``, ``--security-marking``; None keeps the profile's.

    Returns
    -------
    ForceProfile

    Examples
    --------
    >>> resolve_profile(map_items=["incident_id=URN"], date_format="dayfirst").columns
    {'incident_id': 'URN'}
    """
    if profile is None:
        profile = ForceProfile()
    elif not isinstance(profile, ForceProfile):
        profile = load_profile(profile)
    extra = load_mapping(map_items or (), mapping_file=mapping_file)
    columns = checked_mapping({**profile.columns, **extra}.items(), where="the profile with --map",
                              allowed=CONTRACT_COLUMNS)
    return ForceProfile(
        columns=columns,
        date_format=check_date_format(date_format) if date_format is not None else profile.date_format,
        encoding=encoding if encoding is not None else profile.encoding,
        force=profile.force,
        security_marking=security_marking.strip() if security_marking is not None else profile.security_marking,
    )
