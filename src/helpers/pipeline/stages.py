"""The driver's build steps, in run order: survey the corpus, run the engine, make the run's tables, export.

``helpers run`` reads the corpus once to survey it (statuses, the usable count, every outlet for the
tone mask), then the engine writes every per-article table of the registry in chunks, then the corpus
and summary tables are made from those once, then the exported tables become ``results/*.csv``. The
notebooks run after all of this and only ask for tables (see :mod:`helpers.pipeline.study`).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

import pandas as pd

from helpers.pipeline import registry
from helpers.pipeline.parts import PART, has_table, read_parts, write_part, write_parts
from helpers.pipeline.progress import Progress, watched

TABLES_DIR = "tables"  # the run's tables inside a run folder
PARAMETER = "tables_dir"  # the notebook parameter that receives that folder


@dataclass(frozen=True)
class EngineOptions:
    """How ``helpers run`` runs the engine: local processes (``workers``, default every core) or Dask."""

    engine: str = "local"
    workers: int | None = None
    scheduler: str | None = None
    chunk_size: int = 500
    terminal_bar: bool = False  # the engine's own tqdm bar, for a terminal (the log gets progress lines anyway)


def survey(corpus: Path, log: Callable[..., None]) -> tuple[int, list[str]]:
    """Read the corpus once before anything runs: one clear error for a corpus-wide problem, the status
    counts for the log, and what the engine needs up front (the usable count, every outlet for the mask)."""
    from helpers.inputs.corpus import USABLE, CorpusError, CorpusWarning, iter_corpus
    from helpers.pipeline.publish import DriverError

    counts: dict[str, int] = {}
    outlets: set[str] = set()
    progress = Progress("corpus", None, log, unit="input")
    read = [0]
    try:
        with warnings.catch_warnings(), watched(progress, lambda: read[0]):
            warnings.simplefilter("ignore", CorpusWarning)
            for chunk in iter_corpus(corpus):
                read[0] += len(chunk)
                for status, n in chunk["status"].value_counts().items():
                    counts[status] = counts.get(status, 0) + int(n)
                outlets.update(str(o) for o in chunk.loc[chunk["status"].isin(USABLE), "outlet"].dropna())
    except CorpusError as exc:
        raise DriverError(str(exc)) from None
    log("corpus: " + ", ".join(f"{n} {status}" for status, n in sorted(counts.items())), flush=True)
    return sum(counts.get(s, 0) for s in USABLE), sorted(outlets)


def _sized(chunks: Iterator[pd.DataFrame], sizes: dict[int, int], seen: list[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """The corpus's chunks, counting the usable articles of each and keeping every file's row (without text)."""
    from helpers.inputs.corpus import USABLE

    for i, chunk in enumerate(chunks):
        sizes[i] = int(chunk["status"].isin(USABLE).sum())
        seen.append(chunk.drop(columns=["raw_text"]))
        yield chunk


def _written(folder: Path, sizes: dict[int, int]) -> int:
    """Articles whose chunk the engine has written (its parts are renamed into place when complete)."""
    try:
        return sum(sizes.get(int(p.stem.split("-")[1]), 0) for p in (folder / "texts").glob(PART))
    except (OSError, ValueError):
        return 0


def build(corpus: Path, folder: Path, codebook_dir: str | None, outlets: list[str], usable: int,
          options: EngineOptions, log: Callable[..., None], every: float | None = None):
    """Run the engine on the corpus into ``folder``, writing progress lines (rate, time left) to ``log``."""
    from helpers.inputs.corpus import CorpusWarning, iter_corpus
    from helpers.pipeline.engine import run_batch
    from helpers.pipeline.per_article import analyse_chunk
    from helpers.pipeline.progress import EVERY_S

    if options.engine == "local" and options.workers is None and usable <= options.chunk_size:
        options = replace(options, workers=1)  # one chunk: starting a process pool would only cost time
    where = f"on Dask at {options.scheduler}" if options.scheduler else (
        "on a local Dask cluster" if options.engine == "dask" else
        "in this process" if options.workers == 1 else
        f"on {options.workers} worker processes" if options.workers else "on every core")
    log(f"engine: {usable:,} articles in chunks of {options.chunk_size:,}, {where}", flush=True)
    sizes: dict[int, int] = {}
    seen: list[pd.DataFrame] = []
    progress = Progress("engine", usable, log)
    task = partial(analyse_chunk, codebook_dir=codebook_dir, outlets=tuple(sorted(outlets)))
    with watched(progress, lambda: _written(folder, sizes), EVERY_S if every is None else every), \
            warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)  # the survey reported every status; the chapters list them
        result = run_batch(corpus, folder, codebook_dir, engine=options.engine, workers=options.workers,
                           chunk_size=options.chunk_size, scheduler=options.scheduler,
                           progress=options.terminal_bar, task=task,
                           chunks=_sized(iter_corpus(corpus, chunk_size=options.chunk_size), sizes, seen))
    progress.done = sum(sizes.values())
    progress.finish()
    corpus_rows = pd.concat(seen, ignore_index=True) if seen else pd.DataFrame()
    registry.declared("corpus").check(corpus_rows)
    write_part(folder, "corpus", corpus_rows)
    return result


def run_store(folder: Path, codebook_dir: str | None, **settings: object) -> registry.TableStore:
    """A store over a run's tables: what the folder holds is read, corpus and summary tables are made."""
    from helpers.pipeline.per_article import codebook_at

    def source(name: str) -> pd.DataFrame | None:
        return read_parts(folder, name) if has_table(folder, name) else None

    return registry.TableStore(codebook_at(codebook_dir), source=source, stages=("corpus", "summary"),
                               settings=dict(settings))


def build_run_tables(folder: Path, codebook_dir: str | None, workers: int | None,
                     log: Callable[..., None] = print) -> None:
    """Make the corpus-stage and summary tables once, from the engine's tables, next to them."""
    store = run_store(folder, codebook_dir, workers=workers, log=log)
    wanted = [*registry.names("corpus"), *registry.names("summary")]
    for name in registry.in_order(wanted):
        if not has_table(folder, name):
            write_part(folder, name, store[name])
    log(f"tables: {len(wanted)} corpus and summary tables made", flush=True)


def export_results(folder: Path, results: Path) -> list[Path]:
    """Write every table the registry exports into ``results`` (CSV, or YAML for the alias suggestions)."""
    from helpers.inputs.results import write_table, write_text
    from helpers.text.names import write_suggested_aliases

    written = []
    for name in registry.names(export="csv"):
        table = read_parts(folder, name)
        written.append(write_table(table, results / f"{name}.csv"))
    for name in registry.names(export="yaml"):
        written.append(write_suggested_aliases(read_parts(folder, name), results / f"{name}.yaml"))
    written.append(write_text(registry.data_dictionary(), results / "README.md"))
    return written


__all__ = ["EngineOptions", "PARAMETER", "TABLES_DIR", "build", "build_run_tables", "export_results", "run_store",
           "survey", "write_parts"]
