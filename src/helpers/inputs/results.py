"""Atomic, spreadsheet-safe writes of result tables and files.

An interrupted run must never leave a half-written CSV that looks finished, so every write goes to a
temporary file in the same folder and is renamed into place (a rename is atomic on one filesystem).

Result tables carry text from the input (outlets, titles, file names, sentences). A spreadsheet
runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return) as a formula,
so every such text value and header is written with a leading apostrophe, the usual neutralisation
(OWASP, "CSV Injection"); a text that itself starts with an apostrophe gets one more, so
:func:`read_table` restores every value exactly.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd


def current_umask() -> int:
    """The process's umask, read without changing it where Linux reports it (os.umask can only swap it)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except OSError:
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_text(text: str, path: str | os.PathLike[str]) -> Path:
    """Write ``text`` to ``path`` atomically (UTF-8, Unix newlines), with the mode any new file gets.

    ``mkstemp`` makes its file private (0600) whatever the umask; the result would then be unreadable to
    the others sharing OUT or ``book/data``, unlike every other file of the run. It gets 0666 less the umask.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~current_umask())
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
GUARD = "'"


def neutralise(value: object) -> object:
    """A text a spreadsheet would run as a formula, made inert with a leading apostrophe."""
    if isinstance(value, str) and value.startswith((*FORMULA_START, GUARD)):
        return GUARD + value
    return value


def restore(value: object) -> object:
    """The inverse of :func:`neutralise`."""
    if isinstance(value, str) and value.startswith(GUARD) and value[1:].startswith((*FORMULA_START, GUARD)):
        return value[1:]
    return value


def _texts(table: pd.DataFrame, fn) -> pd.DataFrame:
    table = table.rename(columns=fn)
    texts = [c for c in table.columns if not pd.api.types.is_numeric_dtype(table[c])
             and not pd.api.types.is_bool_dtype(table[c])]
    return table.assign(**{str(c): table[c].map(fn) for c in texts}) if texts else table


def write_table(table: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
    """Write a result table as CSV atomically, stable float formatting, formula-like text neutralised."""
    return write_text(_texts(table, neutralise).to_csv(index=False, float_format="%.6g", lineterminator="\n"), path)


def read_table(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read a result table written by :func:`write_table`; empty strings stay empty strings."""
    return _texts(pd.read_csv(path, keep_default_na=False, na_values=[""]), restore)
