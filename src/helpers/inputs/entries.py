"""What is in a corpus folder, looked at without trusting it: links, loops, pipes, odd names, huge files.

Every entry of the folder gets a row: articles are read, everything else is listed with a status, so
nothing is skipped unseen. Links are followed only when their target stays inside the corpus folder
(a link to ``/etc/passwd`` must never reach a published table); pipes and devices are never opened
(reading a FIFO would block the run); a file's size is checked before a single byte is read.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from helpers.inputs.records import MANIFEST, CorpusError

TEXT_SUFFIX = ".txt"
KINDS = {stat.S_IFIFO: "a named pipe (FIFO)", stat.S_IFSOCK: "a socket", stat.S_IFCHR: "a character device",
         stat.S_IFBLK: "a block device"}


@dataclass(frozen=True)
class Entry:
    """One entry of the corpus folder: its printable name, what to open, and why not when it is not read."""

    name: str
    target: Path | None = None  # a regular file to read (the link's target for a link inside the folder)
    status: str = ""  # "" for an article to read; else rejected/skipped
    issue: str = ""

    @property
    def is_text(self) -> bool:
        return self.name.lower().endswith(TEXT_SUFFIX)


def printable_name(name: str) -> tuple[str, str]:
    """The name as valid UTF-8 (undecodable bytes shown as \\xNN) and an issue when it was not."""
    try:
        name.encode("utf-8")
        return name, ""
    except UnicodeEncodeError:
        shown = os.fsencode(name).decode("utf-8", errors="backslashreplace")
        return shown, "file name is not valid UTF-8 (undecodable bytes shown as \\x escapes); not read"


def _follow(path: Path, root: Path) -> tuple[Path | None, str]:
    """A link's target inside ``root``, or the reason it is not followed."""
    try:
        target = Path(os.path.realpath(path, strict=True))
    except FileNotFoundError:
        return None, f"broken link (its target {os.readlink(path)!r} does not exist); not followed"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return None, "link loop (the link points back at itself); not followed"
        return None, f"link cannot be followed ({exc.strerror})"
    if not target.is_relative_to(root):
        return None, "link to a file outside the corpus folder; not followed (only links inside the folder are read)"
    return target, ""


def classify(path: Path, root: Path) -> Entry:
    """One folder entry as an Entry; ``root`` is the resolved corpus folder."""
    name, bad_name = printable_name(path.name)
    if bad_name:
        return Entry(name, status="rejected", issue=bad_name)
    if name.startswith("."):
        return Entry(name, status="skipped", issue="hidden entry (name starts with a dot); not read")
    target = path
    if path.is_symlink():
        target, why = _follow(path, root)
        if target is None:
            return Entry(name, status="rejected", issue=why)
    try:
        mode = target.stat().st_mode
    except OSError as exc:
        return Entry(name, status="rejected", issue=f"cannot be examined ({exc.strerror}); not read")
    if stat.S_ISDIR(mode):
        if name.lower().endswith(TEXT_SUFFIX):
            return Entry(name, status="rejected", issue="a folder named like an article, not a file; not read")
        return Entry(name, status="skipped", issue="subfolder; not read (articles are the folder's own *.txt files)")
    if not stat.S_ISREG(mode):
        kind = KINDS.get(stat.S_IFMT(mode), "not a regular file")
        return Entry(name, status="rejected", issue=f"{kind}, not a regular file; not read")
    if not name.lower().endswith(TEXT_SUFFIX):
        return Entry(name, target, status="rejected", issue="not a .txt file; ignored")
    return Entry(name, target)


def scan(corpus_dir: Path) -> list[Entry]:
    """Every entry of the folder except the manifest, sorted by name."""
    root = corpus_dir.resolve()
    try:
        paths = sorted((p for p in corpus_dir.iterdir() if p.name != MANIFEST), key=lambda p: os.fsencode(p.name))
    except OSError as exc:
        raise CorpusError(f"{corpus_dir}: cannot list the corpus folder ({exc.strerror})") from None
    return [classify(p, root) for p in paths]


class Unreadable(ValueError):
    """The file is over the size limit or no longer a regular file; it was not read."""


def read_limited(path: Path, max_bytes: int) -> bytes:
    """Read a regular file whose size is checked first; never follows a link swapped in since the scan."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:  # unreadable, vanished, or swapped for a link since the scan
        raise Unreadable(f"cannot be read ({exc.strerror}); not read") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise Unreadable("no longer a regular file; not read")
        if st.st_size > max_bytes:
            raise Unreadable(f"file is {st.st_size:,} bytes, over the {max_bytes:,}-byte limit; not read")
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(max_bytes + 1)
    finally:
        os.close(fd)
    if len(data) > max_bytes:  # grew while we looked
        raise Unreadable(f"file is over the {max_bytes:,}-byte limit; not read")
    return data
