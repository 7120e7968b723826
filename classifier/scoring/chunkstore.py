"""The resumable work folder behind ``score_file``: per-chunk results, a manifest, atomic assembly.

While a file is scored, each finished chunk is saved in ``OUTPUT.partial/`` as an output
fragment, a rejects fragment and, last, a small JSON marker with its counts; a chunk counts as
done only once its marker exists. At the end the fragments are joined into a temporary file
next to OUTPUT, flushed to disk and renamed onto OUTPUT, so OUTPUT is either absent (or the old
file) or complete. ``--resume`` reuses the done chunks after checking the manifest still matches.
"""

import contextlib
import fcntl
import gzip
import hashlib
import json
import os
import secrets
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from classifier.errors import ClassifierError

MANIFEST_VERSION = 1
_MANIFEST = "manifest.json"
_PUBLISHED = "published.json"
_LOCK = "lock"
_FINGERPRINT_BYTES = 1 << 20
_TEMP_PREFIX = ".crimerec-tmp-"


class ResumeError(ClassifierError, ValueError):
    """A work folder cannot be used: it belongs to another run, or a run is already using it."""


def work_dir_for(output):
    """Return the work folder used for ``output``: ``OUTPUT.partial`` beside it."""
    output = Path(output)
    return output.with_name(output.name + ".partial")


def fingerprint_file(path):
    """Return size, mtime and SHA-256 of the first and last MiB of ``path``, as a dict."""
    stat = os.stat(path)
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        digest.update(handle.read(_FINGERPRINT_BYTES))
        if stat.st_size > 2 * _FINGERPRINT_BYTES:
            handle.seek(-_FINGERPRINT_BYTES, os.SEEK_END)
        digest.update(handle.read(_FINGERPRINT_BYTES))
    return {
        "path": str(Path(path).resolve()),
        "size": stat.st_size,
        "mtime_ns": stat.st_mtime_ns,
        "sha256_head_tail": digest.hexdigest(),
    }


def fingerprint_code():
    """Return the SHA-256 of crimerec's scoring code (every file of the ``classifier`` package).

    Resuming after an upgrade would mix chunks scored by two versions of the preprocessing, so
    the code is part of what a resumed run must match.
    """
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix != ".pyc":
            digest.update(str(path.relative_to(package)).encode("utf-8"))
            digest.update(path.read_bytes())
    return digest.hexdigest()


class ChunkStore:
    """The ``OUTPUT.partial`` folder: create or reopen it, save chunks, assemble the result.

    Parameters
    ----------
    output : path-like
        The final output file.
    rejects : path-like
        The final rejects file.
    manifest : dict
        What makes a run reproducible (input fingerprint, model SHA-256, options). A resumed
        run must present an identical manifest.
    output_format : {'csv', 'jsonl', 'parquet'}
        Format of the fragments and of the assembled file.
    """

    def __init__(self, output, rejects, manifest, *, output_format):
        self.output, self.rejects = Path(output), Path(rejects)
        self.path = work_dir_for(output)
        self.manifest = dict(manifest, manifest_version=MANIFEST_VERSION)
        self.output_format = output_format
        self._lock_handle = None

    # -- opening ---------------------------------------------------------------------------
    def open(self, *, resume):
        """Create the folder, or reopen it: continue it (``resume=True``) or reuse it if it holds no work.

        A folder with finished chunks is never silently discarded: without ``resume`` that is an
        error. With ``resume`` and no folder, the run simply starts from the beginning.
        """
        self.path.mkdir(parents=True, exist_ok=True)
        self._lock()
        try:
            if self._was_published():
                self._clear()  # the earlier run finished; only its clean-up was cut short
            if self.chunk_indices() and not resume:
                raise ResumeError(
                    f"'{self.path}' holds {len(self.chunk_indices())} finished chunks of an earlier, "
                    f"unfinished run writing '{self.output.name}'. Rerun with --resume to continue "
                    "it, or delete that folder to start again (it is kept so that finished work is "
                    "never thrown away)."
                )
            manifest_path = self.path / _MANIFEST
            if resume and manifest_path.exists():
                self._check_manifest(json.loads(manifest_path.read_text(encoding="utf-8")))
            else:
                self._clear()
                _write_atomic_bytes(manifest_path, _dump(self.manifest).encode("utf-8"))
            self._remove_stray_temporaries()
        except BaseException:
            self.close()
            raise
        return self

    def _was_published(self):
        """Whether the run that left this folder had already put its complete output in place.

        ``assemble`` notes the fingerprint of the finished output just before renaming it onto
        OUTPUT; a run killed between that rename and the folder's removal left an OUTPUT that
        matches the note (issue #14, defect 10).
        """
        note = self.path / _PUBLISHED
        if not note.exists() or not self.output.is_file():
            return False
        return json.loads(note.read_text(encoding="utf-8")) == _content_fingerprint(self.output)

    def _note_published(self, temporary):
        """Note the fingerprint of the finished output, before it is renamed onto OUTPUT."""
        _write_atomic_bytes(self.path / _PUBLISHED, _dump(_content_fingerprint(temporary)).encode("utf-8"))

    def _clear(self):
        """Remove everything but the lock file (a folder with no finished chunk, or a fresh one)."""
        for entry in self.path.iterdir():
            if entry.name != _LOCK:
                entry.unlink()

    def _lock(self):
        """Hold an exclusive lock on the folder so two runs cannot write the same output."""
        handle = open(self.path / _LOCK, "a+b")  # noqa: SIM115 - kept open until close()
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            handle.close()
            raise ResumeError(
                f"Another crimerec run is writing '{self.output}' (its work folder "
                f"'{self.path}' is locked). Wait for it to finish or choose another output."
            ) from error
        self._lock_handle = handle

    def _check_manifest(self, saved):
        """Raise ``ResumeError`` naming every setting that differs from the saved run."""
        differences = _describe_differences(saved, self.manifest)
        if differences:
            raise ResumeError(
                f"Cannot resume into '{self.path}': {'; '.join(differences)}. Resuming would "
                "mix results from different inputs, models or options. Rerun with the original "
                "input, model and options, or delete that folder to start again."
            )

    def _remove_stray_temporaries(self):
        """Delete half-written files left by a run that was killed mid-write (we hold the lock)."""
        for stray in self.path.glob("*.tmp"):
            stray.unlink()
        for final in (self.output, self.rejects):
            for stray in final.parent.glob(f"{_TEMP_PREFIX}*-{final.name}"):
                stray.unlink(missing_ok=True)

    def close(self):
        """Release the folder lock."""
        if self._lock_handle is not None:
            self._lock_handle.close()
            self._lock_handle = None

    # -- chunks ----------------------------------------------------------------------------
    def _chunk(self, index, kind):
        """Return the path of one file belonging to chunk ``index``."""
        suffix = {"out": self.output_format, "rejects": "parquet", "done": "json"}[kind]
        return self.path / f"chunk-{index:06d}.{kind}.{suffix}"

    def done_counts(self, index):
        """Return the saved counts of chunk ``index``, or None when it is not finished."""
        marker = self._chunk(index, "done")
        if not marker.exists():
            return None
        return json.loads(marker.read_text(encoding="utf-8"))

    def save_chunk(self, index, output_bytes, rejects, counts):
        """Save one finished chunk: output fragment, rejects, then the marker that commits it."""
        _write_atomic_bytes(self._chunk(index, "out"), output_bytes)
        _write_atomic_table(self._chunk(index, "rejects"), rejects)
        _write_atomic_bytes(self._chunk(index, "done"), _dump(counts).encode("utf-8"))

    def chunk_indices(self):
        """Return the indices of all finished chunks, in order."""
        return sorted(int(p.name.split("-")[1].split(".")[0]) for p in self.path.glob("*.done.json"))

    # -- assembly --------------------------------------------------------------------------
    def assemble(self, *, n_chunks, header, rejects_writer, compress=False):
        """Join chunks ``0 .. n_chunks-1`` into OUTPUT and the rejects file, each atomically.

        The rejects file is renamed into place first, so once OUTPUT exists its rejects do too.
        """
        indices = range(n_chunks)
        missing = [i for i in indices if self.done_counts(i) is None]
        if missing:
            raise ResumeError(
                f"Chunks {missing[:5]} of '{self.path}' are missing, so the output cannot be "
                "assembled. Delete that folder and score the file again."
            )
        rejects = [self._chunk(i, "rejects") for i in indices]
        with atomic_path(self.rejects) as temporary:
            rejects_writer(_iter_tables(rejects), temporary)
        fragments = [self._chunk(i, "out") for i in indices]
        with atomic_path(self.output, before_replace=self._note_published) as temporary:
            if self.output_format == "parquet":
                _join_parquet(fragments, temporary)
            else:
                _join_text(fragments, temporary, header, compress=compress)

    def remove(self):
        """Delete the work folder after a successful run."""
        self.close()
        shutil.rmtree(self.path, ignore_errors=True)


def _describe_differences(saved, current):
    """List, in words, the manifest entries that differ between two runs."""
    differences = []
    for key in sorted(set(saved) | set(current)):
        before, after = saved.get(key), current.get(key)
        if before == after:
            continue
        if isinstance(before, dict) and isinstance(after, dict):
            inner = [k for k in sorted(set(before) | set(after)) if before.get(k) != after.get(k)]
            for name in inner:
                differences.append(f"{key}.{name} was {before.get(name)!r}, now {after.get(name)!r}")
        else:
            differences.append(f"{key} was {before!r}, now {after!r}")
    return differences


def _dump(value):
    """Serialise ``value`` as stable, sorted JSON."""
    return json.dumps(value, sort_keys=True, indent=1, default=str)


def _iter_tables(paths):
    """Yield the Arrow table stored in each Parquet file, one at a time."""
    for path in paths:
        yield pq.read_table(path)


def _join_text(fragments, target, header, *, compress):
    """Write ``header`` then the bytes of every fragment into ``target`` (gzipped if ``compress``)."""
    with open(target, "wb") as raw:
        # mtime=0 and no file name in the gzip header: the same rows always give the same bytes.
        out = gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) if compress else raw
        with out:
            out.write(header)
            for fragment in fragments:
                with open(fragment, "rb") as handle:
                    shutil.copyfileobj(handle, out, 1 << 20)


def _join_parquet(fragments, target):
    """Write every fragment as row groups of one Parquet file, with one unified schema."""
    schemas = [pq.read_schema(path) for path in fragments]
    schema = pa.unify_schemas(schemas, promote_options="permissive")
    with pq.ParquetWriter(target, schema) as writer:
        for table in _iter_tables(fragments):
            writer.write_table(table.cast(schema) if table.schema != schema else table)


def _content_fingerprint(path):
    """``fingerprint_file`` without the path: what a file keeps when it is renamed."""
    return {key: value for key, value in fingerprint_file(path).items() if key != "path"}


@contextlib.contextmanager
def atomic_path(target, *, before_replace=None):
    """Yield a temporary path beside ``target``; on success fsync it and rename it onto ``target``.

    ``before_replace``, if given, is called with the finished temporary path just before the
    rename. On any error the temporary file is removed and ``target`` is left as it was.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = _new_temporary(target)
    try:
        yield temporary
        _fsync_path(temporary)
        if before_replace is not None:
            before_replace(temporary)
        os.replace(temporary, target)
        _fsync_path(target.parent)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _new_temporary(target):
    """Create an empty, uniquely named file beside ``target``, with the permissions a new file gets.

    The name ends with the target's name, so its suffixes (``.csv.gz``) still tell the format.
    (``tempfile.mkstemp`` would make it private, mode 0600, and the result would keep that.)
    """
    while True:
        candidate = target.with_name(f"{_TEMP_PREFIX}{secrets.token_hex(4)}-{target.name}")
        try:
            os.close(os.open(candidate, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
        except FileExistsError:
            continue
        return candidate


def _fsync_path(path):
    """Flush a file's or directory's contents to disk."""
    flags = os.O_RDONLY | (os.O_DIRECTORY if Path(path).is_dir() else 0)
    descriptor = os.open(path, flags)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _write_atomic_bytes(target, data):
    """Write ``data`` to ``target`` through a ``.tmp`` file and a rename."""
    temporary = target.with_name(target.name + ".tmp")
    with open(temporary, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, target)


def _write_atomic_table(target, frame):
    """Write a DataFrame as Parquet to ``target`` through a ``.tmp`` file and a rename."""
    temporary = target.with_name(target.name + ".tmp")
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), temporary)
    _fsync_path(temporary)
    os.replace(temporary, target)
