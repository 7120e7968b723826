"""Check, before any work starts, that output files can be written where they are asked for.

A run that scores a whole file and then cannot write its rejects, or a report that fails on its
first file, wastes the analyst's time and used to end in a traceback. ``check_writable`` tries
the folder the way the output will use it (creating a file in it), so read-only folders,
read-only file systems and immutable folders are all caught, whoever runs the command.
"""

import os
import secrets
from pathlib import Path

from classifier.errors import InputFileError

__all__ = ["check_writable", "resolve_path"]


def resolve_path(path, what):
    """Return ``path`` made absolute with symbolic links followed; refuse a symbolic-link loop.

    Examples
    --------
    >>> resolve_path("a.csv", "input").name
    'a.csv'
    """
    try:
        return Path(path).resolve()
    except (RuntimeError, OSError) as error:  # Python 3.11 raises RuntimeError for a loop
        raise InputFileError(f"The {what} path {path} is a loop of symbolic links ({error}); point it at a "
                             "real file or folder.") from None


def check_writable(path, what, *, folder=False):
    """Raise ``InputFileError`` unless a file (or, with ``folder``, the folder) ``path`` can be written.

    Parameters
    ----------
    path : str or path-like
        The output file, or the output folder when ``folder`` is True.
    what : str
        What the path is for, as the message should name it ("output", "rejects", "report").
    folder : bool, default=False
        ``path`` is a folder that will be created if missing, and must not be a file.
    """
    path = Path(path)
    if folder and path.exists() and not path.is_dir():
        raise InputFileError(f"The {what} folder {path} is a file; give the name of a folder (it is created "
                             "if missing).")
    if not folder and path.is_dir():
        raise InputFileError(f"The {what} path {path} is a folder; give a file name such as {path / 'out.csv'}.")
    _try_writing_in(_existing_ancestor(path if folder else path.parent), path, what)


def _existing_ancestor(path):
    """The nearest folder at or above ``path`` that exists (where missing folders would be created)."""
    path = resolve_path(path, "output")
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def _try_writing_in(directory, target, what):
    """Create and delete a small file in ``directory``; explain any failure in terms of ``target``."""
    probe = directory / f".crimerec-probe-{secrets.token_hex(4)}"
    try:
        os.close(os.open(probe, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        probe.unlink()
    except OSError as error:
        raise InputFileError(f"Cannot write the {what} {target}: {directory} is not writable "
                             f"({error.strerror or error}). Choose a folder you can write to.") from None
