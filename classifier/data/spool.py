"""Copy piped input (a FIFO, ``/dev/stdin``) to a temporary file, so readers can read it more than once.

Every reader reads a file at least twice (a first pass for bad bytes, columns and quotes, then the
rows), which a pipe cannot give: its bytes are gone once read. A path that is not a regular file
is therefore read once into a private temporary file that lives as long as the reading.
"""

import os
import shutil
import stat
import tempfile
from pathlib import Path

from classifier.errors import InputFileError

_COPY_BLOCK = 1 << 20


def needs_spooling(path):
    """Whether ``path`` is a pipe, FIFO or character device rather than a file that can be re-read."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False  # missing or unreadable: the reader says which, in its own words
    return stat.S_ISFIFO(mode) or stat.S_ISCHR(mode) or stat.S_ISSOCK(mode)


def spool(path):
    """Copy everything readable from ``path`` into a new temporary file; return the file's path.

    The temporary file keeps ``path``'s suffixes (``.csv.gz``), so its format and compression
    are still recognised; the caller deletes it.
    """
    path = Path(path)
    handle, name = tempfile.mkstemp(prefix="crimerec-input-", suffix="".join(path.suffixes[-2:]))
    try:
        with open(path, "rb") as source, os.fdopen(handle, "wb") as target:
            shutil.copyfileobj(source, target, _COPY_BLOCK)
    except OSError as error:
        Path(name).unlink(missing_ok=True)
        raise InputFileError(f"Cannot read {path}: {error.strerror or error}.") from None
    return Path(name)
