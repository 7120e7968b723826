"""An order-preserving, memory-bounded parallel map over chunks, used by ``classifier.scoring.files``.

Workers are separate processes started from a ``forkserver`` (see ``docs/SCORING.md`` for why not
``fork`` or ``spawn``). Each worker runs an initializer once (e.g. load the model) and then
applies one function to chunk after chunk; at most ``max_in_flight`` chunks are held at a time,
so memory stays flat however long the input is, and results come back in submission order.
Every process involved hands freed heap pages back to the OS every ``_TRIM_EVERY`` items.
"""

import collections
import ctypes
import ctypes.util
import functools
import multiprocessing
import os
import select
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from classifier.errors import ClassifierError

# Imported once in the fork server, so each forked worker starts with spaCy/sklearn already loaded.
_FORKSERVER_PRELOAD = ["classifier.scoring.worker", "classifier.model.estimator"]


def available_cores():
    """Return the number of CPU cores this process may use (affinity-aware)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


@functools.lru_cache(maxsize=1)
def _malloc_trim():
    """glibc's ``malloc_trim``, or None where the C library has none (macOS, musl, Windows)."""
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError, TypeError):
        return None


def release_free_memory():
    """Hand freed heap pages back to the operating system; a no-op where that is not possible.

    Scoring allocates and frees a few megabytes of strings per chunk. glibc keeps the freed pages
    in fragmented arenas, so without this a process's RSS creeps up over a long file (measured:
    the main process from ~300 MiB to ~550 MiB over 1,000,000 rows) although nothing is leaked.
    """
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


_TRIM_EVERY = 16  # items a process handles between calls of release_free_memory
_items_handled = 0  # in this process (the main process, or one worker)


def _count_item():
    """Count one item handled here; every ``_TRIM_EVERY`` items, release freed memory."""
    global _items_handled
    _items_handled += 1
    if _items_handled % _TRIM_EVERY == 0:
        release_free_memory()


def _start_worker(parent, initializer, initargs):
    """Worker initializer: watch the process that started the pool, then run the caller's initializer."""
    _watch_parent(parent)
    initializer(*initargs)


def _watch_parent(parent):
    """Exit this worker as soon as process ``parent`` ends, however it ends (SIGKILL included).

    Workers are children of the fork server, not of the scoring process, so nothing else tells
    them it has gone: a worker blocked writing a result nobody will read would live for ever
    (issue #14, defect 3). A daemon thread waits on a pidfd for ``parent`` (Linux 5.3+), else
    polls it once a second.
    """
    try:
        handle = os.pidfd_open(parent)
    except (AttributeError, OSError):
        handle = None
    threading.Thread(target=_wait_for_exit, args=(parent, handle), name="crimerec-parent-watch", daemon=True).start()


def _wait_for_exit(parent, handle):
    """Block until ``parent`` has ended, then end this process at once."""
    if handle is not None:
        select.select([handle], [], [])
    else:
        while _is_alive(parent):
            time.sleep(1.0)
    os._exit(1)


def _is_alive(pid):
    """Whether process ``pid`` still exists."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _apply(func, argument):
    """Run ``func(argument)`` in a worker, keeping the worker's memory flat over a long map."""
    _count_item()
    return func(argument)


def _pool_context():
    """Return the multiprocessing context for worker pools: forkserver where available."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(_FORKSERVER_PRELOAD)
        return context
    return multiprocessing.get_context("spawn")


def map_ordered(func, items, *, workers, initializer, initargs=(), max_in_flight=None):
    """Yield ``(key, func(argument))`` for every ``(key, argument)`` pair, in input order.

    Only ``argument`` is sent to a worker; ``key`` (e.g. the full chunk) stays in this process.

    Parameters
    ----------
    func : callable
        A picklable module-level function of one argument.
    items : iterable of (key, argument)
        Read lazily; never more than ``max_in_flight`` items are held at once.
    workers : int
        Number of processes. With 1, or when ``items`` holds a single item, everything runs in
        this process (no pool start-up cost); the initializer is then run here too.
    initializer : callable
        Run once per worker process (and once in-process when no pool is used).
    initargs : tuple, default=()
        Arguments for ``initializer``; pickled once per worker.
    max_in_flight : int, optional
        Bound on chunks submitted but not yet yielded. Default ``2 * workers``.

    Yields
    ------
    tuple
        ``(key, result)``, in the order the items were read.
    """
    iterator = iter(items)
    first = next(iterator, _END)
    if first is _END:
        return
    second = next(iterator, _END) if workers > 1 else _END
    if second is _END:
        yield from _map_in_process(func, _chain(first, iterator), initializer, initargs)
        return
    yield from _map_in_pool(
        func,
        _chain(first, _chain(second, iterator)),
        workers=workers,
        initializer=initializer,
        initargs=initargs,
        max_in_flight=max_in_flight or 2 * workers,
    )


_END = object()


def _chain(head, tail):
    """Yield ``head`` then everything in ``tail``."""
    yield head
    yield from tail


def _map_in_process(func, items, initializer, initargs):
    """Apply ``func`` in this process after running the initializer once."""
    initializer(*initargs)
    for key, argument in items:
        yield key, _apply(func, argument)


def _map_in_pool(func, items, *, workers, initializer, initargs, max_in_flight):
    """Apply ``func`` in a process pool, keeping at most ``max_in_flight`` items pending."""
    pending = collections.deque()
    executor = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=_pool_context(),
        initializer=_start_worker,
        initargs=(os.getpid(), initializer, initargs),
    )
    try:
        for key, argument in items:
            pending.append((key, executor.submit(_apply, func, argument)))
            if len(pending) >= max_in_flight:
                yield _collect(pending.popleft())
        while pending:
            yield _collect(pending.popleft())
    finally:
        # On error or when the caller stops early, drop queued work instead of finishing it.
        for _, future in pending:
            future.cancel()
        executor.shutdown(wait=True, cancel_futures=True)


def _collect(entry):
    """Wait for one submitted item and return ``(key, result)``; explain a dead worker."""
    key, future = entry
    _count_item()
    try:
        return key, future.result()
    except BrokenProcessPool as error:
        raise WorkerCrashError(
            "A scoring worker process stopped unexpectedly (killed, or out of memory). "
            "Completed chunks are kept: rerun the same command with --resume to continue, "
            "or use fewer --workers / a smaller --chunk-size if memory is short."
        ) from error


class WorkerCrashError(ClassifierError, RuntimeError):
    """A worker process died (e.g. killed by the out-of-memory killer) while scoring."""
