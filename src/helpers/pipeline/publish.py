"""Where a run writes, and how it is published without touching anything that is not Refract's own.

A run writes into its own folder ``OUT/runs/<id>/`` (marked incomplete until every notebook has
succeeded) and is published by switching one symbolic link, ``OUT/current``, with an atomic rename;
``OUT/results``, ``OUT/figures`` and ``OUT/notebooks`` are fixed links through ``current``, so the
documented paths always show one whole run, never new figures next to old results. Refract replaces
only folders that carry its marker file; anything else is a clear error naming the folder. One run
at a time holds a lock on ``OUT``.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import signal
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

OWNED = ".refract-owned"
INCOMPLETE = ".refract-incomplete"
PUBLISHING = ".refract-publishing"  # next to a book source while its chapters and data are being swapped
LOCK = ".refract-lock"
RUNS = "runs"
CURRENT = "current"
PUBLISHED = ("results", "figures", "notebooks")
RUN_RECORD = "run.json"
GIT_KEY = "code_version"  # the commit and tree state: recorded, but a kept run with the same code hash is current
LEGACY_STAGING = ".staging-*"


class DriverError(RuntimeError):
    """A run cannot start or a notebook failed; the message names the notebook and the cell."""


class RunStopped(DriverError):
    """The run was stopped by a signal (SIGTERM, or Ctrl-C's SIGINT); nothing was published."""

    def __init__(self, message: str, signum: int = signal.SIGTERM) -> None:
        super().__init__(message)
        self.signum = signum  # the command exits with 128 + signum, as the shell reports a stopped process


def mark(folder: Path, note: str = "made by Refract; replaced by every run") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / OWNED).write_text(note + "\n", encoding="utf-8")
    return folder


def is_owned(folder: Path) -> bool:
    return folder.is_dir() and not folder.is_symlink() and (folder / OWNED).is_file()


def check_replaceable(folder: Path, what: str) -> None:
    """Refuse to replace a folder Refract did not make (no marker), or anything that is not a folder."""
    if not folder.exists() and not folder.is_symlink():
        return
    if folder.is_symlink() or not folder.is_dir():
        raise DriverError(f"{folder}: {what} exists and is not a folder Refract made; refusing to replace it")
    if not is_owned(folder):
        raise DriverError(
            f"{folder}: {what} exists and was not made by Refract (no {OWNED} marker); refusing to replace it. "
            "Move it away or choose another folder (one made by a Refract version without markers: remove it once)."
        )


def writable_folder(out: Path) -> None:
    """Create OUT if needed; a file in its place, or a folder this user cannot write, is a clear error."""
    if out.exists() and not out.is_dir():
        raise DriverError(f"{out}: --out is a file, not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DriverError(f"{out}: cannot create the output folder ({exc.strerror})") from None
    if not os.access(out, os.W_OK | os.X_OK):
        raise DriverError(f"{out}: the output folder is not writable")


def check_outside_corpus(out: Path, corpus: Path) -> None:
    """OUT must not be the corpus or lie inside it: a run's own files would become corpus rows, and its
    changing folders would change the corpus fingerprint, so every later ``--only`` would be refused."""
    if out.resolve().is_relative_to(corpus.resolve()):
        where = "is the corpus" if out.resolve() == corpus.resolve() else f"lies inside the corpus {corpus}"
        raise DriverError(f"{out}: --out {where}; choose an output folder outside the corpus")


def check_out(out: Path) -> None:
    """OUT must be a writable folder whose published names are Refract's links or absent."""
    writable_folder(out)
    for name in PUBLISHED:
        link = out / name
        if link.is_symlink() and os.readlink(link) == f"{CURRENT}/{name}":
            continue
        check_replaceable(link, f"OUT/{name}")
    current = out / CURRENT
    if current.exists() or current.is_symlink():
        if not current.is_symlink() or not os.readlink(current).startswith(f"{RUNS}/"):
            raise DriverError(f"{current}: exists and is not Refract's link to a run; refusing to replace it")
    check_replaceable(out / RUNS, "OUT/runs")


@contextmanager
def locked(out: Path, log: Callable[..., None] | None = None) -> Iterator[None]:
    """Hold an exclusive lock on OUT for the whole run; a second run gets a clear error at once.

    A lock whose recorded holder is no longer running (a run killed outright, whose orphaned worker processes
    may still hold the file) is broken, and ``log`` (default: standard error) says so.
    """
    fd = _take_lock(out, log or _to_stderr)
    try:
        yield
    finally:
        os.ftruncate(fd, 0)  # a lock that records a pid is one whose run never finished
        os.close(fd)  # closing releases the lock; the lock file stays (it is harmless and reused)


def _to_stderr(text: str, **_: object) -> None:
    import sys

    print(text, file=sys.stderr, flush=True)


def _take_lock(out: Path, log: Callable[..., None]) -> int:
    """An open descriptor of OUT's lock file, locked by this process (see :func:`locked`)."""
    for attempt in (1, 2):
        try:
            fd = os.open(out / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise DriverError(f"{out}: cannot write to the output folder ({exc.strerror})") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            if attempt == 1 and holder.isdigit() and _dead(fd, holder):
                _break_lock(out, fd)
                os.close(fd)
                log(f"note: {out / LOCK}: the lock was held for pid {holder}, which is no longer running (a run "
                    "stopped outright; processes it left may still hold the file); the lock was broken", flush=True)
                continue
            os.close(fd)
            why = f"another run is writing to this folder (pid {holder}); wait for it to finish"
            raise DriverError(f"{out}: {why}") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        return fd
    raise DriverError(f"{out}: another run took the output folder's lock; wait for it to finish")


def _holder(fd: int) -> str:
    return os.pread(fd, 64, 0).decode("ascii", "replace").strip() or "unknown"


def _dead(fd: int, holder: str) -> bool:
    """Whether the pid the lock file records is gone, and stays recorded: a run that has just taken the lock
    writes its pid a moment after locking, so a pid a finished run left is read twice, a little apart."""
    time.sleep(0.3)
    if _holder(fd) != holder:
        return False
    pid = int(holder)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # another user's live process
    try:  # a killed run not yet reaped by its parent is a zombie: gone, too
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return False


def _break_lock(out: Path, fd: int) -> None:
    """Unlink the stale lock file, if it is still the one ``fd`` opened: two runs breaking it at once
    take turns on a lock of OUT itself, so the second never removes the lock the first has just made."""
    folder = os.open(out, os.O_RDONLY)
    try:
        fcntl.flock(folder, fcntl.LOCK_EX)
        try:
            now = os.stat(out / LOCK)
        except FileNotFoundError:
            return
        mine = os.fstat(fd)
        if (now.st_dev, now.st_ino) == (mine.st_dev, mine.st_ino):
            os.unlink(out / LOCK)
    finally:
        os.close(folder)


def leftovers(out: Path, log: Callable[..., None]) -> None:
    """Remove unfinished run folders a stopped run left (Refract's own, marked); report older staging folders."""
    runs = out / RUNS
    current = os.path.realpath(out / CURRENT) if (out / CURRENT).is_symlink() else None
    if is_owned(runs):
        for folder in sorted(p for p in runs.iterdir() if is_owned(p)):
            if (folder / INCOMPLETE).exists() and str(folder.resolve()) != current:
                note = (folder / INCOMPLETE).read_text(encoding="utf-8").strip()
                log(f"removing {folder}: an unfinished run ({note}) that was stopped before it finished", flush=True)
                shutil.rmtree(folder)
    for old in sorted(out.glob(LEGACY_STAGING)):
        log(f"note: {old} is a staging folder left by an interrupted run of an older Refract version; "
            "it is not marked as Refract's, so it is left in place: remove it by hand", flush=True)


def new_run(out: Path, record: dict[str, object]) -> Path:
    """A fresh, marked, incomplete run folder under OUT/runs/."""
    mark(out / RUNS, "made by Refract; holds one folder per run, old runs are removed")
    folder = mark(Path(tempfile.mkdtemp(prefix=time.strftime("%Y%m%dT%H%M%S-"), dir=out / RUNS)))  # always new
    umask = os.umask(0)
    os.umask(umask)
    folder.chmod(0o777 & ~umask)  # as readable as a folder made by mkdir (mkdtemp makes it private)
    (folder / INCOMPLETE).write_text(f"pid {os.getpid()}, started {time.strftime('%Y-%m-%d %H:%M:%S')}\n")
    (folder / RUN_RECORD).write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return folder


def current_run(out: Path) -> Path | None:
    link = out / CURRENT
    return link.resolve() if link.is_symlink() and link.resolve().is_dir() else None


def previous_record(out: Path) -> dict[str, object] | None:
    run = current_run(out)
    if run is None or not (run / RUN_RECORD).exists():
        return None
    return json.loads((run / RUN_RECORD).read_text(encoding="utf-8"))


def publish_run(out: Path, folder: Path) -> None:
    """Make ``folder`` the current run with one atomic link switch, then drop older runs."""
    (folder / INCOMPLETE).unlink()
    tmp = out / f".{CURRENT}.{os.getpid()}.tmp"
    tmp.unlink(missing_ok=True)
    os.symlink(f"{RUNS}/{folder.name}", tmp)
    os.replace(tmp, out / CURRENT)
    for name in PUBLISHED:
        link = out / name
        if not link.is_symlink():
            if link.exists():  # an owned folder from an earlier layout (checked by check_out)
                shutil.rmtree(link)
            os.symlink(f"{CURRENT}/{name}", link)
    for old in (out / RUNS).iterdir():
        if old != folder and is_owned(old) and not (old / INCOMPLETE).exists():
            shutil.rmtree(old)


CODEBOOK_FILES = ("*.yaml", "*.yml")


def _fingerprint(path: Path, patterns: tuple[str, ...] = ("*",)) -> str:
    """Names, sizes and modification times of an input (a file or a folder tree): cheap, and changes with it."""
    h = hashlib.sha256(str(path).encode("utf-8", "surrogateescape"))
    items = sorted({p for pat in patterns for p in path.rglob(pat)}) if path.is_dir() else [path]
    for p in items:
        st = p.lstat()
        h.update(f"{p.relative_to(path.parent)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode("utf-8", "surrogateescape"))
    return h.hexdigest()


def run_record(corpus: Path, codebook: Path, study: Path | None = None) -> dict[str, object]:
    """What made a run: the corpus and codebook (by fingerprint), the package version and a hash of its code,
    and for each table of the registry the function that produced it with that code hash."""
    from importlib.metadata import PackageNotFoundError, version

    from helpers.pipeline import registry

    try:
        package = version("refract-helpers")
    except PackageNotFoundError:
        package = "unknown"
    from helpers.publication.build_version import git_version

    code = registry.code_version()
    study_parts = [p for p in (study / "study.yaml", study / "gold", study / "prose") if p.exists()] if study else []
    study_print = hashlib.sha256("".join(_fingerprint(p) for p in study_parts).encode()).hexdigest()
    return {"study": str(study) if study else "", "study_fingerprint": study_print,
            "corpus": str(corpus), "corpus_fingerprint": _fingerprint(corpus), "codebook": str(codebook),
            "codebook_fingerprint": _fingerprint(codebook, CODEBOOK_FILES), "package_version": package,
            "code_sha256": code, GIT_KEY: git_version(),
            "tables": {name: {"produced_by": t.produce, "code_sha256": code} for name, t in registry.tables().items()}}


def stale_tables(previous: dict[str, object], record: dict[str, object]) -> list[str]:
    """The tables of an earlier run that this code would make differently (or that it did not make at all)."""
    before = previous.get("tables") if isinstance(previous.get("tables"), dict) else {}
    now = record["tables"]
    assert isinstance(now, dict) and isinstance(before, dict)
    return [name for name, made in now.items() if before.get(name) != made]


def check_partial(out: Path, record: dict[str, object]) -> Path | None:
    """The run a partial (``--only``) run builds on; refused when it was made from another corpus or codebook."""
    previous = previous_record(out)
    if previous is None:
        return None
    for key in ("study", "corpus", "codebook"):
        if previous.get(f"{key}_fingerprint") != record[f"{key}_fingerprint"]:
            raise DriverError(
                f"--only would mix tables: the previous run in {out} used {key} {previous.get(key)}, which is not "
                f"the same as this run's {record[key]} (or it changed since). Run every notebook (drop --only)."
            )
    stale = stale_tables(previous, record)
    if stale:
        shown = ", ".join(stale[:8]) + (f" and {len(stale) - 8} more" if len(stale) > 8 else "")
        raise DriverError(f"--only would mix tables made by different code: in {out}, {shown} were made by another "
                          "version of Refract (or another registry). Run every notebook (drop --only).")
    return current_run(out)


def check_book(book: Path, protected: list[Path]) -> None:
    """The book's chapters folder and its sibling data/ must be absent or Refract's, and hold no input."""
    for keep in protected:
        if keep == book or keep.is_relative_to(book):
            raise DriverError(f"{book}: --book-dir would replace {keep}; point it at the book's chapters folder")
    check_replaceable(book, "--book-dir")
    check_replaceable(book.parent / "data", "the book's data folder (next to --book-dir)")


def _replace_with_copy(source: Path, final: Path, what: str) -> None:
    check_replaceable(final, what)
    tmp = final.with_name(f".{final.name}.refract-new-{os.getpid()}")
    old = final.with_name(f".{final.name}.refract-old-{os.getpid()}")
    for leftover in final.parent.glob(f".{final.name}.refract-*"):  # left by a publish that was stopped
        if is_owned(leftover):
            shutil.rmtree(leftover)
    shutil.copytree(source, tmp, ignore=shutil.ignore_patterns(OWNED, INCOMPLETE, RUN_RECORD))
    mark(tmp)
    if final.exists():
        final.rename(old)
    tmp.rename(final)
    if is_owned(old):
        shutil.rmtree(old)


def publish_book(notebooks: Path, results: Path, book: Path) -> None:
    """Copy the run's notebooks to the book source and its tables to the sibling data/ folder.

    The two folders cannot be swapped in one step, so a marker next to them says a swap is under
    way; ``build_book`` refuses to build while it is there (an interrupted publish is never built).
    """
    marker = book.parent / PUBLISHING
    book.parent.mkdir(parents=True, exist_ok=True)
    marker.write_text(f"pid {os.getpid()}: chapters and data are being replaced; rerun the driver if this stays\n")
    _replace_with_copy(notebooks, book, "--book-dir")
    _replace_with_copy(results, book.parent / "data", "the book's data folder")
    marker.unlink()
