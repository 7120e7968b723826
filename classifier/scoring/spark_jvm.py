"""The driver JVM of a local Spark session: quick compiler only, and Spark's classes kept between runs.

A local Spark session spends most of its first seconds loading and verifying the classes of
Spark's 300 jars, and its first queries loading more. Java can save the classes a run loaded in a
*class-data archive* (dynamic CDS, JDK 13 and later) and map them on the next start instead. On
the benchmark machine that took about 5 s off every local ``spark-score`` run after the first
(benchmarks/README.md). crimerec keeps one archive per Java runtime and Spark installation:

* the first local run asks its JVM to write the archive when it exits
  (``-XX:ArchiveClassesAtExit``) under a temporary name; ``finish_class_archive`` (run at exit)
  waits for the JVM and moves the archive into place only if the run completed and the JVM
  exited normally, with its size in its name (``<key>-<bytes>.jsa``);
* later runs map an archive whose size is the one in its name (a JVM that maps a truncated
  archive crashes) and check its checksums (``-XX:+VerifySharedSpaces``). A JVM that still
  fails to start with it gets the archive deleted and is started again without it.

The archives live in ``$CRIMEREC_CACHE_DIR/spark-classes`` (default ``~/.cache/crimerec``; 130–180
MB each). ``CRIMEREC_SPARK_CLASS_CACHE=off`` turns this off; so does giving your own
``spark.driver.extraJavaOptions`` or extra jars, which change what the JVM loads.
"""

import atexit
import hashlib
import logging
import os
import shutil
import sys
from pathlib import Path

from classifier.scoring.pool import _is_alive

__all__ = ["cache_folder", "driver_java_options", "finish_class_archive", "run_completed"]

logger = logging.getLogger(__name__)

SWITCH_ENV, CACHE_ENV = "CRIMEREC_SPARK_CLASS_CACHE", "CRIMEREC_CACHE_DIR"
QUICK_COMPILER = "-XX:TieredStopAtLevel=1"
# JVM warnings (an archive that does not fit this runtime) go to stderr: stdout holds the command's JSON.
_QUIET = "-Xlog:disable -Xlog:all=warning:stderr"
_OWN_JARS = ("spark.driver.extraClassPath", "spark.jars", "spark.jars.packages")
_FREE_BYTES_NEEDED = 1 << 30  # an archive takes 130-180 MB; never fill a disk for a speed-up
_PENDING = {}  # temporary archive -> final path, for the JVM this process started
_COMPLETED = []  # a run in this process completed, so its JVM loaded the classes a run needs


def cache_folder():
    """Where the archives live: ``$CRIMEREC_CACHE_DIR``, else ``$XDG_CACHE_HOME/crimerec``, else ``~/.cache/crimerec``."""
    base = os.environ.get(CACHE_ENV) or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "crimerec"
    return Path(base) / "spark-classes"


def driver_java_options(settings):
    """``spark.driver.extraJavaOptions`` for a local session with ``settings``, or None to leave the user's.

    The quick compiler always (a local driver JVM only reads, shuffles and writes; the optimising
    compiler's threads would take cores from the Python workers that score), plus the class-data
    archive: mapped when there is a sound one, else written at exit.
    """
    if "spark.driver.extraJavaOptions" in settings:
        return None
    key = _archive_key(settings)
    if key is None:
        return QUICK_COMPILER
    folder = cache_folder()
    if any(character.isspace() for character in str(folder)):
        return QUICK_COMPILER  # Spark splits extraJavaOptions at spaces, so the path could not be passed
    archive = _sound_archive(folder, key)
    if archive is not None:
        logger.info("mapping Spark's classes from %s", archive)
        # Should the JVM still crash on it, its report goes beside the archive, not into the user's folder.
        return (f"{QUICK_COMPILER} {_QUIET} -XX:+VerifySharedSpaces -XX:SharedArchiveFile={archive} "
                f"-XX:ErrorFile={folder}/jvm-crash-%p.log")
    temporary = _start_archive(folder, key)
    if temporary is None:
        return QUICK_COMPILER
    logger.info("keeping Spark's classes in %s for faster starts (%s=off to stop)", folder, SWITCH_ENV)
    return f"{QUICK_COMPILER} {_QUIET} -XX:+VerifySharedSpaces -XX:ArchiveClassesAtExit={temporary}"


def _archive_key(settings):
    """A name for this Java runtime and Spark installation, or None when no archive should be used."""
    if os.environ.get(SWITCH_ENV, "").strip().lower() in ("0", "off", "false", "no"):
        return None
    if any(settings.get(name) for name in _OWN_JARS):
        return None
    java = _java()
    jars = _spark_home() / "jars"
    if java is None or not jars.is_dir():
        return None
    digest = hashlib.sha256()
    for path in [java, *sorted(jars.glob("*.jar"))]:
        stat = path.stat()
        digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    digest.update(f"{sys.platform}\0{os.environ.get('SPARK_CONF_DIR', '')}".encode())
    return digest.hexdigest()[:20]


def _java():
    """The ``java`` that spark-submit will run (``$JAVA_HOME/bin/java``, else the one on PATH), resolved."""
    home = os.environ.get("JAVA_HOME")
    found = Path(home) / "bin" / "java" if home else shutil.which("java")
    return Path(found).resolve() if found and Path(found).exists() else None


def _spark_home():
    """``$SPARK_HOME``, else the pyspark package folder (which holds Spark's jars when pip installed it)."""
    if os.environ.get("SPARK_HOME"):
        return Path(os.environ["SPARK_HOME"])
    import pyspark

    return Path(pyspark.__file__).parent


def _sound_archive(folder, key):
    """The newest ``<key>-<bytes>.jsa`` whose size on disk is the size in its name, else None."""
    sound = []
    for path in folder.glob(f"{key}-*.jsa"):
        try:
            stat = path.stat()
        except OSError:  # removed by another run meanwhile
            continue
        stated = path.stem.rsplit("-", 1)[-1]
        if stated.isdigit() and stat.st_size == int(stated):
            sound.append((stat.st_mtime, path))
    return max(sound)[1] if sound else None


def _start_archive(folder, key):
    """A temporary archive path for this run's JVM to write at exit, or None (no room, or no folder)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if shutil.disk_usage(folder).free < _FREE_BYTES_NEEDED:
            return None
    except OSError:
        return None
    _remove_abandoned(folder)
    temporary = folder / f"{key}.{os.getpid()}.tmp"
    if not _PENDING:
        atexit.register(finish_class_archive)
    _PENDING[temporary] = folder / key
    return temporary


def _remove_abandoned(folder):
    """Delete temporary archives left by runs that were killed (their process no longer exists)."""
    for path in folder.glob("*.tmp"):
        pid = path.stem.rsplit(".", 1)[-1]
        if pid.isdigit() and not _is_alive(int(pid)):
            path.unlink(missing_ok=True)


def run_completed():
    """Say that a run completed: the archive being written holds the classes of a whole run, so keep it.

    An archive of a run that stopped early (a missing input, a bad option) would hold only the
    classes loaded until then and would be mapped by every later run; it is not kept.
    """
    _COMPLETED.append(True)


def finish_class_archive(timeout=180):
    """Stop the local JVM this process started and keep the archive it wrote, if the run completed.

    Runs at exit when a run is writing an archive (the JVM writes it as it exits); a command can
    call it earlier. Closing the JVM's standard input makes it stop Spark and exit, as when
    Python exits; this waits for that, so no JVM is left writing after crimerec ends. The
    archive moves into place under its size if ``run_completed`` was called and the JVM exited
    normally; otherwise it is deleted.
    """
    if not _PENDING:
        return
    from pyspark import SparkContext

    process = getattr(SparkContext._gateway, "proc", None)
    code = None
    if process is not None:
        try:
            process.stdin.close()
            # An archive that will not be kept is not worth waiting for: a failed first run stops soon.
            code = process.wait(timeout=timeout if _COMPLETED else min(timeout, 10))
        except Exception:  # noqa: BLE001 - a JVM that does not stop in time is stopped; its archive is never kept
            process.kill()
            code = None
        SparkContext._gateway, SparkContext._jvm, SparkContext._active_spark_context = None, None, None
    for temporary, final in list(_PENDING.items()):
        _PENDING.pop(temporary)
        _keep_or_drop(temporary, final, code if _COMPLETED else None)


def _keep_or_drop(temporary, final, code):
    """Move a finished archive to ``<final>-<bytes>.jsa`` (replacing older ones), or delete it."""
    try:
        if code == 0 and temporary.exists() and temporary.stat().st_size > 0:
            target = final.parent / f"{final.name}-{temporary.stat().st_size}.jsa"
            os.replace(temporary, target)
            for old in final.parent.glob(f"{final.name}-*.jsa"):
                if old != target:
                    old.unlink(missing_ok=True)
            logger.info("Spark's classes kept in %s", target)
        else:
            temporary.unlink(missing_ok=True)
    except OSError as error:
        logger.warning("could not keep Spark's class-data archive (%s); the next run will start without it", error)


def drop_archive(options):
    """Delete the archive named in ``options`` (a JVM could not start with it)."""
    marker = "-XX:SharedArchiveFile="
    for option in (options or "").split():
        if option.startswith(marker):
            Path(option[len(marker):]).unlink(missing_ok=True)
            logger.warning("Spark could not start with the class-data archive %s; deleted it and starting without",
                           option[len(marker):])
            return True
    return False
