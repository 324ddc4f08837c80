"""Reading one codebook file without trusting it: a regular UTF-8 file, plain YAML, a checked shape.

A codebook folder comes from a researcher, or from whoever sent them a study. Whatever is in it must end
in a codebook or in one line naming the file and the problem, quickly:

- only a regular file is opened, without blocking (a named pipe would stall the run forever);
- its size is checked before reading, and its bytes must be UTF-8 (a cp1252 file is named, not guessed);
- YAML anchors and aliases are refused: nothing in a codebook needs them, and a kilobyte of nested
  aliases (a "billion laughs") expands to gigabytes; nesting deeper than any codebook needs is refused too;
- the content is checked against the file's schema (:mod:`helpers.inputs.codebook_schema`).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import yaml

from helpers.inputs.codebook_schema import problems

MAX_CODEBOOK_BYTES = 2_000_000  # the largest shipped file is under 10 kB
MAX_DEPTH = 20  # the deepest shipped file nests 4 levels
KINDS = {stat.S_IFIFO: "a named pipe (FIFO)", stat.S_IFSOCK: "a socket", stat.S_IFCHR: "a character device",
         stat.S_IFBLK: "a block device", stat.S_IFDIR: "a folder"}


class CodebookError(ValueError):
    """A codebook file is missing, unreadable or malformed; the message names the file."""


class _Refused(yaml.YAMLError):
    """A YAML construct codebooks do not allow (an anchor, an alias, too deep a nesting)."""


class CodebookLoader(yaml.SafeLoader):
    """PyYAML's safe loader without anchors and aliases, and with a cap on nesting."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.depth = 0

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node:
        event = self.peek_event()
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _Refused(f"line {line}: YAML anchors and aliases (&name, *name) are not allowed in a codebook; "
                           "write the values out")
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise _Refused(f"line {line}: nested more than {MAX_DEPTH} levels deep; a codebook needs at most a few")
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def read_bytes(path: Path, max_bytes: int = MAX_CODEBOOK_BYTES) -> bytes:
    """The bytes of a regular file, opened without blocking and size-checked before reading."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise CodebookError(f"{path}: cannot be read ({exc.strerror})") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            kind = KINDS.get(stat.S_IFMT(st.st_mode), "not a regular file")
            raise CodebookError(f"{path}: is {kind}, not a regular file; a codebook file must be a YAML file")
        if st.st_size > max_bytes:
            raise CodebookError(f"{path}: is {st.st_size:,} bytes, over the {max_bytes:,}-byte codebook limit")
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(max_bytes + 1)
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise CodebookError(f"{path}: is over the {max_bytes:,}-byte limit for a codebook file")
    return data


def parse(text: str, path: Path) -> dict[str, Any]:
    """YAML text to a mapping (empty for an empty file); errors name the file."""
    try:
        data = yaml.load(text, Loader=CodebookLoader)  # noqa: S506 - a SafeLoader subclass
    except _Refused as exc:
        raise CodebookError(f"{path}: {exc}") from None
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        at = f" at line {where.line + 1}, column {where.column + 1}" if where is not None else ""
        why = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise CodebookError(f"{path}: not valid YAML{at}: {why}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise CodebookError(f"{path}: expected a mapping of keys at the top level, got {type(data).__name__}")
    return data


def read_codebook_file(path: Path, is_general: bool) -> dict[str, Any]:
    """One codebook file as a checked mapping; {} when it does not exist; CodebookError naming the file."""
    if not path.exists() and not path.is_symlink():
        return {}
    data = read_bytes(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = data[exc.start]
        raise CodebookError(f"{path}: not UTF-8 (byte {exc.start:,} is {bad:#04x}); save it as UTF-8") from None
    content = parse(text, path)
    found = problems(content, path.stem, is_general)
    if found:
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        raise CodebookError(f"{path}: {found[0]}{more}")
    return content
