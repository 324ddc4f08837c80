"""Atomic writes of result tables and files.

An interrupted run must never leave a half-written CSV that looks finished, so every write goes to a
temporary file in the same folder and is renamed into place (a rename is atomic on one filesystem).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd


def write_text(text: str, path: str | os.PathLike[str]) -> Path:
    """Write ``text`` to ``path`` atomically (UTF-8, Unix newlines)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_table(table: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
    """Write a result table as CSV atomically, with stable float formatting for reproducibility."""
    return write_text(table.to_csv(index=False, float_format="%.6g", lineterminator="\n"), path)


def read_table(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read a result table written by :func:`write_table`; empty strings stay empty strings."""
    return pd.read_csv(path, keep_default_na=False, na_values=[""])
