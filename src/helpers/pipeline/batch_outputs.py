"""The ``analyse`` verb around the batch engine: its output folder, its corpus report, its counts.

The engine analyses the usable articles of each chunk; this module makes sure the output still
accounts for every input (every row, rejected and duplicate ones included, is listed with its status in
the ``corpus`` table), that a rerun never mixes in the previous corpus (its own old parts are removed first, and
only its own: table folders carry Refract's marker), and that two runs never write one folder at once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from helpers.inputs.corpus import USABLE, iter_corpus, write_canonical
from helpers.pipeline import registry
from helpers.pipeline.parts import write_part
from helpers.pipeline.publish import (
    DriverError,
    check_outside_corpus,
    check_replaceable,
    is_owned,
    locked,
    mark,
    writable_folder,
)

TABLES = (*registry.names("chunk"), "corpus")
PAIRS = "candidate_pairs.csv"
CONVERTED = "converted"  # a marked folder holding the corpus converted by --columns
PART_GLOBS = ("part-*.parquet", ".part-*.parquet.tmp")


@dataclass
class CorpusTally:
    """Every input row's status, and every row without its text (the corpus table)."""

    counts: Counter = field(default_factory=Counter)
    rows: list[pd.DataFrame] = field(default_factory=list)
    chunks: int = 0

    def tee(self, chunks: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for chunk in chunks:
            self.chunks += 1
            self.counts.update(chunk["status"].tolist())
            self.rows.append(chunk.drop(columns=["raw_text"]).reset_index(drop=True))
            yield chunk

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def analysed(self) -> int:
        return sum(self.counts[s] for s in USABLE)

    def summary(self) -> str:
        others = ", ".join(f"{n:,} {s}" for s, n in sorted(self.counts.items()) if s not in USABLE)
        return f"{self.total:,} inputs: {self.analysed:,} analysed" + (f", {others}" if others else "")


def prepare_out(out: Path) -> None:
    """Create OUT; remove this verb's own old parts; refuse table folders Refract did not make."""
    writable_folder(out)
    owned_any = False
    for name in TABLES:
        folder = out / name
        check_replaceable(folder, f"OUT/{name}")
        if folder.exists():
            owned_any = True
            for pattern in PART_GLOBS:
                for part in folder.glob(pattern):
                    part.unlink()
        mark(folder, "made by Refract's analyse; its part-*.parquet files are replaced by every run")
    pairs = out / PAIRS
    if pairs.exists() and not owned_any:
        raise DriverError(f"{pairs}: exists and was not written by Refract's analyse; refusing to replace it")


def write_corpus_table(out: Path, tally: CorpusTally) -> None:
    """Every input row with its status (no text), as the registry's ``corpus`` table."""
    if tally.rows:
        write_part(out, "corpus", pd.concat(tally.rows, ignore_index=True))


def converted(corpus: Path, out: Path, columns: dict[str, str]) -> Path:
    """The corpus converted to our column names, in a marked folder of OUT (never over the input)."""
    folder = out / CONVERTED
    check_replaceable(folder, "OUT/converted")
    mark(folder, "made by Refract; the corpus converted by --columns")
    return write_canonical(corpus, folder / "corpus.parquet", columns)


def analyse(corpus: Path, out: Path, columns: dict[str, str] | None, batch: Callable[..., object],
            **engine: object) -> tuple[object, CorpusTally]:
    """Run ``batch`` (the engine's ``run_batch``) on the corpus under a lock, accounting for every input."""
    for name in (*TABLES, PAIRS, *((CONVERTED,) if columns else ())):
        if corpus.resolve().is_relative_to((out / name).resolve()):
            raise DriverError(f"{corpus}: the corpus lies in OUT/{name}, which this run replaces; choose another --out")
    check_outside_corpus(out, corpus)
    writable_folder(out)
    with locked(out):  # before anything is removed: a refused second run touches nothing
        prepare_out(out)
        before = {p.name for p in out.iterdir()}
        if columns:
            corpus = converted(corpus, out, columns)
        tally = CorpusTally()
        result = batch(corpus, out, chunks=tally.tee(iter_corpus(corpus, chunk_size=int(engine["chunk_size"]))),
                       **engine)
        write_corpus_table(out, tally)
        for folder in out.iterdir():  # a table the engine added since TABLES was written: mark it as ours
            if folder.name not in before and folder.is_dir() and not is_owned(folder):
                mark(folder, "made by Refract's analyse; its part-*.parquet files are replaced by every run")
    return result, tally
