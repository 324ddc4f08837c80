"""A run's tables on disk: each table a folder of Parquet parts, one part per engine chunk.

The engine writes a chunk's tables as ``TABLE/part-NNNNNN.parquet`` (renamed into place when complete, so
a reader never sees half a part); whole-corpus tables are written the same way as a single part. Parts
are numbered by chunk and chunks follow the corpus, so reading them in order gives article order.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

PART = "part-*.parquet"


class TableError(RuntimeError):
    """A table was asked for that the run's folder does not hold."""


def write_parts(result: dict[str, object], out: Path, index: int) -> None:
    """Write every table of one result (names starting with ``_`` are measurements, not tables) as part ``index``."""
    for name, table in result.items():
        if name.startswith("_") or not isinstance(table, pd.DataFrame):
            continue
        folder = out / name
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".part-{index:06d}.parquet.tmp"
        table.reset_index(drop=True).to_parquet(tmp, index=False)
        tmp.replace(folder / f"part-{index:06d}.parquet")


def write_part(folder: Path, name: str, table: pd.DataFrame) -> None:
    """A whole-corpus table as the single part of ``folder/name``."""
    write_parts({name: table}, folder, 0)


def has_table(folder: Path, name: str) -> bool:
    return any((folder / name).glob(PART))


def read_parts(folder: Path, name: str) -> pd.DataFrame:
    """All parts of one table, in article order."""
    parts = sorted((folder / name).glob(PART))
    if not parts:
        raise TableError(f"{folder / name}: no table {name!r} here; run `python -m helpers run` again")
    tables = [pd.read_parquet(p) for p in parts]
    filled = [t for t in tables if len(t)] or tables[:1]  # empty parts carry no dtypes worth keeping
    return pd.concat(filled, ignore_index=True)
