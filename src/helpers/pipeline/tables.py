"""One path to the per-article tables: the engine writes them for a run, the notebooks read them.

``helpers run`` first runs the batch engine (:func:`helpers.pipeline.engine.run_batch`: chunked, on
every core or on Dask) into the run's ``tables/`` folder, then executes the notebooks, which get the
tables with ``study.table(name, tables_dir)``. A notebook run by hand (``tables_dir = None``) gets the
same table computed in memory by the same extractor call, so both ways give one table; a test checks it.

Besides the engine's own tables, a run's chunks record ``tone`` (sentences scored with names and set
phrases masked, as the tone chapter scores them; the mask needs every outlet of the corpus, so the
driver passes them in) and ``warnings`` (what the extractors warned about, re-emitted when the table is read).
"""

from __future__ import annotations

import importlib
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from helpers.pipeline.progress import Progress, watched

if TYPE_CHECKING:
    from helpers.inputs.codebook import Codebook
    from helpers.pipeline.engine import BatchResult
    from helpers.pipeline.study import Study
    from helpers.text.normalise import NormalisedCorpus

TABLES_DIR = "tables"  # the engine's tables inside a run folder
PARAMETER = "tables_dir"  # the notebook parameter that receives that folder
SENTENCE_COLUMNS = ["article_id", "sentence_id", "paragraph_id", "start", "end", "text", "compound", "polarity"]
TONE_COLUMNS = [*SENTENCE_COLUMNS, "scored_text"]
WARNING_COLUMNS = ["table", "module", "category", "message"]
WARNING_TABLES = {"QuoteWarning": "quotes"}  # warning category -> the table whose extractor emits it
PART = "part-*.parquet"
COUNT_COLUMNS = ("n_words_raw", "n_words", "n_sentences", "n_paragraphs", "boilerplate_chars")  # from normalising


@dataclass(frozen=True)
class EngineOptions:
    """How ``helpers run`` runs the engine: local processes (``workers``, default every core) or Dask."""

    engine: str = "local"
    workers: int | None = None
    scheduler: str | None = None
    chunk_size: int = 500
    terminal_bar: bool = False  # the engine's own tqdm bar, for a terminal (the log gets progress lines anyway)


class TableError(RuntimeError):
    """A table was asked for that the engine's folder does not hold."""


@lru_cache(maxsize=4)
def _mask(codebook_dir: str | None, outlets: tuple[str, ...]):
    from helpers.analyses.sentiment import mask_pattern
    from helpers.pipeline.engine import _codebook

    return mask_pattern(_codebook(codebook_dir), pd.DataFrame({"outlet": list(outlets)}))


def _warnings_table(caught: list[warnings.WarningMessage]) -> pd.DataFrame:
    rows = []
    for w in caught:
        table = WARNING_TABLES.get(w.category.__name__)
        if table is None:  # not an extractor's warning about the text: show it as it came
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
            continue
        rows.append({"table": table, "module": w.category.__module__, "category": w.category.__qualname__,
                     "message": str(w.message)})
    return pd.DataFrame(rows, columns=WARNING_COLUMNS, dtype=str)


def chunk_tables(articles: pd.DataFrame, codebook_dir: str | None = None,
                 outlets: tuple[str, ...] = ()) -> dict[str, object]:
    """The engine's chunk analysis, plus the masked ``tone`` scores and the extractors' ``warnings``."""
    from helpers.analyses.sentiment import score_sentences
    from helpers.pipeline.engine import _codebook, analyse_chunk

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = analyse_chunk(articles, codebook_dir, keep_normalised=True)
        result.update(chapter_tables(result.pop("_normalised"), _codebook(codebook_dir)))
    result["warnings"] = _warnings_table(caught)
    sentences = result["sentences"]
    assert isinstance(sentences, pd.DataFrame)
    result["tone"] = score_sentences(sentences, _mask(codebook_dir, outlets))[TONE_COLUMNS]
    return result


def chapter_tables(norm: NormalisedCorpus, codebook: Codebook) -> dict[str, pd.DataFrame]:
    """The per-article tables only the chapters read (not the ``bench`` analysis): removed boilerplate,
    what each text declares about its origin, each sentence split into the outlet's words and the quoted
    words (by quotation spans), the dates in the text, and the names written (codebook spellings and every
    name-shaped mention, for the spelling tables and the alias suggestions).

    Computed with the rest of a chunk, so no chapter has to normalise the corpus again to get them.
    """
    from helpers.analyses import numbers, voice
    from helpers.analyses.declared import declared_origin
    from helpers.inputs.corpus import usable
    from helpers.text.names import name_mentions
    from helpers.text.spellings import name_variants

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the quotes table already recorded these texts' quotation warnings
        parts = voice.split_by_voice(norm.sentences, voice.quote_spans(norm))
    return {"boilerplate": norm.boilerplate, "declared": declared_origin(norm, usable(norm.articles)),
            "voice_parts": parts, "dates": numbers.mentioned_dates(norm, codebook),
            "name_variants": name_variants(norm, codebook), "name_mentions": name_mentions(norm, codebook)}


def _sized(chunks: Iterator[pd.DataFrame], sizes: dict[int, int], seen: list[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """The corpus's chunks, counting the usable articles of each and keeping every file's row (without text)."""
    from helpers.inputs.corpus import USABLE

    for i, chunk in enumerate(chunks):
        sizes[i] = int(chunk["status"].isin(USABLE).sum())
        seen.append(chunk.drop(columns=["raw_text"]))
        yield chunk


def corpus_table(folder: Path) -> pd.DataFrame:
    """Every input file with its status (the ``corpus`` table) and the engine's counts for the analysed ones,
    as the corpus loaded and normalised in memory has them, without the texts."""
    corpus = read_parts(folder, "corpus")
    counts = read_parts(folder, "articles")
    extra = [c for c in COUNT_COLUMNS if c in counts.columns]
    out = corpus.merge(counts[["article_id", *extra]], on="article_id", how="left", validate="one_to_one")
    return out.fillna(dict.fromkeys(extra, 0)).astype(dict.fromkeys(extra, "int64"))


def _written(folder: Path, sizes: dict[int, int]) -> int:
    """Articles whose chunk the engine has written (its parts are renamed into place when complete)."""
    try:
        return sum(sizes.get(int(p.stem.split("-")[1]), 0) for p in (folder / "articles").glob(PART))
    except (OSError, ValueError):
        return 0


def build(corpus: Path, folder: Path, codebook_dir: str | None, outlets: list[str], usable: int,
          options: EngineOptions, log: Callable[..., None], every: float | None = None) -> BatchResult:
    """Run the engine on the corpus into ``folder``, writing progress lines (rate, time left) to ``log``."""
    from helpers.inputs.corpus import CorpusWarning, iter_corpus
    from helpers.pipeline.engine import run_batch
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
    task = partial(chunk_tables, codebook_dir=codebook_dir, outlets=tuple(sorted(outlets)))
    with watched(progress, lambda: _written(folder, sizes), EVERY_S if every is None else every), \
            warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)  # the survey reported every status; the chapters list them
        result = run_batch(corpus, folder, codebook_dir, engine=options.engine, workers=options.workers,
                           chunk_size=options.chunk_size, scheduler=options.scheduler,
                           progress=options.terminal_bar, task=task,
                           chunks=_sized(iter_corpus(corpus, chunk_size=options.chunk_size), sizes, seen))
    progress.done = sum(sizes.values())
    progress.finish()
    write_part(folder, "corpus", pd.concat(seen, ignore_index=True) if seen else pd.DataFrame())
    return result


def write_part(folder: Path, name: str, table: pd.DataFrame) -> None:
    """A whole-corpus table as the single part of ``folder/name``, written as the engine writes its parts."""
    from helpers.pipeline.engine import _write_parts

    _write_parts({name: table}, folder, 0)


def read_parts(folder: Path, name: str) -> pd.DataFrame:
    """All parts of one engine table, in article order (parts are numbered by chunk, chunks follow the corpus)."""
    parts = sorted((folder / name).glob(PART))
    if not parts:
        raise TableError(f"{folder / name}: no engine table {name!r} here; run `python -m helpers run` again")
    tables = [pd.read_parquet(p) for p in parts]
    filled = [t for t in tables if len(t)] or tables[:1]  # empty parts carry no dtypes worth keeping
    return pd.concat(filled, ignore_index=True)


def _reemit(folder: Path, name: str) -> None:
    """Warn again, in the reader, what the extractor warned about in the engine's worker."""
    if not (folder / "warnings").is_dir():
        return
    recorded = read_parts(folder, "warnings")
    for row in recorded[recorded["table"] == name].itertuples(index=False):
        try:
            category = getattr(importlib.import_module(row.module), row.category)
        except (ImportError, AttributeError):
            category = UserWarning
        warnings.warn(row.message, category if issubclass(category, Warning) else UserWarning, stacklevel=3)


# computed together, per chunk
CHAPTER_TABLES = ("boilerplate", "declared", "voice_parts", "dates", "name_variants", "name_mentions")
REUSE_TABLES = ("reuse", "reuse_changes")  # computed together, once per corpus (helpers.pipeline.corpus_stage)


def in_memory(study: Study, name: str) -> dict[str, pd.DataFrame]:
    """The table computed from the study's loaded corpus, with any table computed in the same step."""
    from helpers.analyses import framing, numbers, provenance, quotes, sentiment
    from helpers.inputs.corpus import usable

    norm = study.normalised
    articles = usable(norm.articles)
    if name in CHAPTER_TABLES:
        return chapter_tables(norm, study.codebook)
    if name in REUSE_TABLES:
        return dict(zip(REUSE_TABLES, provenance.reuse(norm, articles, study.codebook), strict=True))
    compute: dict[str, Callable[[], pd.DataFrame]] = {
        "quotes": lambda: quotes.extract_quotes(norm, articles, study.codebook),
        "numbers": lambda: numbers.extract_numbers(norm, articles, study.codebook),
        "frame_hits": lambda: framing.frame_hits(norm.sentences, study.codebook),
        "sentences": lambda: sentiment.score_sentences(norm.sentences)[SENTENCE_COLUMNS],
        "tone": lambda: sentiment.score_sentences(norm.sentences, sentiment.mask_pattern(study.codebook, articles))[
            TONE_COLUMNS],
    }
    if name not in compute:
        known = sorted([*compute, *CHAPTER_TABLES, *REUSE_TABLES])
        raise TableError(f"no table {name!r}: the tables are {known} (the engine's, with tables_dir)")
    return {name: compute[name]().reset_index(drop=True)}


def study_table(study: Study, name: str, tables_dir: str | Path | None = None) -> pd.DataFrame:
    """The engine's table when the run wrote one (``tables_dir``), else the same table computed in memory
    (once per kernel: a chapter that asks twice, or for two tables made in one step, computes them once)."""
    if tables_dir is None:
        if name not in study.computed:
            study.computed.update(in_memory(study, name))
        return study.computed[name].copy()
    folder = Path(tables_dir)
    table = read_parts(folder, name)
    _reemit(folder, name)
    return table


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
