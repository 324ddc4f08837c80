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
from helpers.pipeline.parts import PART, has_table, read_parts, write_part
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


def survey(corpus: Path, log: Callable[..., None]) -> tuple[int | None, list[str]]:
    """What the engine needs before its first chunk, read without decoding any article: how many inputs
    there are (for the time left) and every outlet the corpus declares. Outlets are masked before any
    sentence is scored, so an outlet named in another outlet's article is masked in every chunk; the texts
    themselves are read and decoded once, by the engine."""
    from helpers.inputs.corpus import CorpusError
    from helpers.pipeline.publish import DriverError

    try:
        inputs, outlets = _declared(corpus)
    except (CorpusError, OSError, ValueError) as exc:
        raise DriverError(f"{corpus}: {exc}" if str(corpus) not in str(exc) else str(exc)) from None
    found = f"{inputs:,} inputs" if inputs is not None else "inputs"
    log(f"corpus: {found}, {len(outlets):,} outlets declared", flush=True)
    return inputs, outlets


def _declared(corpus: Path) -> tuple[int | None, list[str]]:
    """(number of inputs, declared outlets) from the manifest or from a table's outlet column alone."""
    import json

    from helpers.inputs.corpus import read_manifest

    if corpus.is_dir():
        manifest, _ = read_manifest(corpus)
        values = manifest["outlet"].tolist()
        inputs: int | None = sum(1 for p in corpus.iterdir() if p.suffix.lower() == ".txt")
    elif corpus.suffix.lower() == ".parquet":
        import pyarrow.parquet as pq

        meta = pq.ParquetFile(corpus)
        inputs = meta.metadata.num_rows
        names = meta.schema_arrow.names
        values = pd.read_parquet(corpus, columns=["outlet"])["outlet"].tolist() if "outlet" in names else []
    elif corpus.suffix.lower() == ".csv":
        values = pd.read_csv(corpus, usecols=lambda c: c == "outlet", dtype=str, keep_default_na=False,
                             encoding="utf-8-sig").get("outlet", pd.Series(dtype=str)).tolist()
        inputs = None
    else:  # JSON lines: one record a line
        values, inputs = [], 0
        with corpus.open(encoding="utf-8", errors="replace") as fh:
            for line in fh:
                if line.strip():
                    inputs += 1
                    try:
                        record = json.loads(line)
                    except ValueError:
                        continue  # the engine reports the bad line with its row
                    if isinstance(record, dict):
                        values.append(record.get("outlet"))
    outlets = {str(v).strip() for v in values if v is not None and str(v).strip()}
    return inputs, sorted(outlets - {"unknown"})


def _sized(chunks: Iterator[pd.DataFrame], sizes: dict[int, int], seen: list[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """The corpus's chunks, counting the inputs of each and keeping every file's row (without text)."""
    for i, chunk in enumerate(chunks):
        sizes[i] = len(chunk)
        seen.append(chunk.drop(columns=["raw_text"]))
        yield chunk


def _written(folder: Path, sizes: dict[int, int]) -> int:
    """Inputs whose chunk the engine has written (its parts are renamed into place when complete)."""
    try:
        return sum(sizes.get(int(p.stem.split("-")[1]), 0) for p in (folder / "texts").glob(PART))
    except (OSError, ValueError):
        return 0


def _fit_workers(options: EngineOptions, inputs: int | None, log: Callable[..., None]) -> EngineOptions:
    """No more local workers than chunks, known from the survey (the engine also checks as it reads):
    one chunk runs in this process, since starting a process pool would only cost time."""
    if options.engine != "local" or inputs is None:
        return options
    chunks = max(1, -(-inputs // options.chunk_size))
    if options.workers is None:
        return replace(options, workers=1) if chunks == 1 else options
    if options.workers > chunks:
        log(f"note: --workers {options.workers} capped at {chunks}, the number of chunks", flush=True)
        return replace(options, workers=chunks)
    return options


def build(corpus: Path, folder: Path, codebook_dir: str | None, outlets: list[str], inputs: int | None,
          options: EngineOptions, log: Callable[..., None], every: float | None = None):
    """Run the engine on the corpus into ``folder``, writing progress lines (rate, time left) to ``log``."""
    from helpers.inputs.corpus import USABLE, CorpusWarning, iter_corpus
    from helpers.pipeline.engine import run_batch
    from helpers.pipeline.per_article import analyse_chunk
    from helpers.pipeline.progress import EVERY_S

    options = _fit_workers(options, inputs, log)
    where = f"on Dask at {options.scheduler}" if options.scheduler else (
        "on a local Dask cluster" if options.engine == "dask" else
        "in this process" if options.workers == 1 else
        f"on {options.workers} worker processes" if options.workers else "on every core")
    log(f"engine: {'' if inputs is None else f'{inputs:,} '}inputs in chunks of {options.chunk_size:,}, {where}",
        flush=True)
    sizes: dict[int, int] = {}
    seen: list[pd.DataFrame] = []
    progress = Progress("engine", inputs, log, unit="input")
    task = partial(analyse_chunk, codebook_dir=codebook_dir, outlets=tuple(sorted(outlets)))
    with watched(progress, lambda: _written(folder, sizes), EVERY_S if every is None else every), \
            warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)  # the survey reported every status; the chapters list them
        result = run_batch(corpus, folder, codebook_dir, engine=options.engine, workers=options.workers,
                           chunk_size=options.chunk_size, scheduler=options.scheduler,
                           progress=options.terminal_bar, task=task, log=log,
                           chunks=_sized(iter_corpus(corpus, chunk_size=options.chunk_size), sizes, seen))
    progress.done = sum(sizes.values())
    progress.finish()
    corpus_rows = pd.concat(seen, ignore_index=True) if seen else pd.DataFrame()
    registry.declared("corpus").check(corpus_rows)
    write_part(folder, "corpus", corpus_rows)
    counts = corpus_rows["status"].value_counts()
    log("corpus: " + ", ".join(f"{n} {status}" for status, n in sorted(counts.items())), flush=True)
    if not counts[counts.index.isin(USABLE)].sum():
        from helpers.pipeline.publish import DriverError

        raise DriverError(f"{corpus}: no usable article (every input was rejected; see the statuses above)")
    return result


def run_store(folder: Path, codebook_dir: str | None, outlets: tuple[str, ...] = (),
              **settings: object) -> registry.TableStore:
    """A store over a run's tables: what the folder holds is read, corpus and summary tables are made."""
    from helpers.pipeline.per_article import codebook_at

    def source(name: str) -> pd.DataFrame | None:
        return read_parts(folder, name) if has_table(folder, name) else None

    return registry.TableStore(codebook_at(codebook_dir), source=source, outlets=outlets,
                               stages=("corpus", "summary"), settings=dict(settings))


def build_run_tables(folder: Path, codebook_dir: str | None, outlets: list[str], workers: int | None,
                     log: Callable[..., None] = print, study: Path | None = None) -> None:
    """Make the corpus-stage and summary tables once, from the engine's tables, next to them.

    ``study`` is the study folder whose gold the validation tables score against (none: empty tables).
    """
    store = run_store(folder, codebook_dir, tuple(sorted(outlets)), workers=workers, log=log, study=study)
    wanted = [*registry.names("corpus"), *registry.names("summary")]
    for name in registry.in_order(wanted):
        if not has_table(folder, name):
            write_part(folder, name, store[name])
    log(f"tables: {len(wanted)} corpus and summary tables made", flush=True)


def export_results(folder: Path, results: Path) -> list[Path]:
    """Write every table the registry exports into ``results`` (CSV, or YAML for the alias suggestions)."""
    from helpers.inputs.results import write_table, write_text
    from helpers.text.name_groups import write_suggested_aliases

    written = []
    for name in registry.names(export="csv"):
        table = read_parts(folder, name)
        written.append(write_table(table, results / f"{name}.csv"))
    for name in registry.names(export="yaml"):
        written.append(write_suggested_aliases(read_parts(folder, name), results / f"{name}.yaml"))
    written.append(write_text(registry.data_dictionary(), results / "README.md"))
    return written


__all__ = ["EngineOptions", "PARAMETER", "TABLES_DIR", "build", "build_run_tables", "export_results", "run_store",
           "survey"]
