"""The run's corpus-level tables: computed once from the engine's per-article tables, read by every chapter.

Reuse between articles (``reuse`` and ``reuse_changes``) is the one analysis that compares articles with
each other. Chapter 02 needs it for its one-vote-per-story-family view and chapter 05 reports it; computing it
in each kernel would cost the largest step of the book twice, and would make each kernel hold the whole
corpus's text. So ``helpers run`` computes it here, after the engine and before the notebooks, from the
engine's ``texts``, ``sentences`` and ``signatures`` tables.

The candidate pairs (every pair in a small corpus, LSH buckets in a larger one) are compared in blocks,
in parallel on the engine's workers, and the blocks are joined in order, so the tables do not depend on
the number of workers. Progress (pairs, rate, time left) goes to the run's log.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from functools import partial

import pandas as pd

from helpers.pipeline.progress import Progress, watched
from helpers.pipeline.registry import TableStore

BLOCK_PAIRS = 2000  # candidate pairs compared per task: big enough to amortise sending the texts, small for progress


def _compare_block(block: list[tuple[str, str]], texts: dict[str, str], sentences: pd.DataFrame,
                   articles: pd.DataFrame, codebook_dir: str | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    from helpers.analyses.provenance import reuse_from_tables
    from helpers.pipeline.per_article import codebook_at

    return reuse_from_tables(texts, sentences, articles, codebook_at(codebook_dir), candidates=block)


def _blocks(pairs: list[tuple[str, str]], texts: dict[str, str], sentences: dict[str, pd.DataFrame],
            size: int) -> Iterator[tuple[list[tuple[str, str]], dict[str, str], pd.DataFrame]]:
    """Each block of pairs with only the texts and sentences of the articles it compares."""
    for i in range(0, len(pairs), size):
        block = pairs[i : i + size]
        needed = sorted({a for pair in block for a in pair})
        yield block, {a: texts[a] for a in needed}, pd.concat([sentences[a] for a in needed if a in sentences])


def _in_parallel(task: Callable[..., tuple[pd.DataFrame, pd.DataFrame]], blocks: Iterator[tuple], workers: int
                 ) -> Iterator[tuple[pd.DataFrame, pd.DataFrame]]:
    """The blocks' results in order, with at most two blocks per worker in flight (bounded memory)."""
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: deque[Future] = deque()
        for args in blocks:
            pending.append(pool.submit(task, *args))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def candidates(texts: dict[str, str], signatures: pd.DataFrame | None) -> list[tuple[str, str]]:
    """The pairs to compare: every pair of a small corpus, else LSH candidates from the engine's signatures."""
    from helpers.analyses.near_copies import candidates_from_table
    from helpers.analyses.provenance import ALL_PAIRS_MAX_ARTICLES, LSH_THRESHOLD, all_pairs, candidate_pairs

    if len(texts) <= ALL_PAIRS_MAX_ARTICLES:
        return all_pairs(list(texts))
    if signatures is None or set(signatures["article_id"]) != set(texts):
        return candidate_pairs(texts)
    return candidates_from_table(signatures.sort_values("article_id", kind="stable"), LSH_THRESHOLD).pairs


def reuse_tables(articles: pd.DataFrame, texts: dict[str, str], sentences: pd.DataFrame,
                 signatures: pd.DataFrame | None, codebook_dir: str | None, workers: int | None = None,
                 log: Callable[..., None] = print, block: int = BLOCK_PAIRS) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``reuse`` and ``reuse_changes`` for the corpus, compared block by block (in parallel when worth it)."""
    pairs = candidates(texts, signatures)
    by_article = {a: g for a, g in sentences.groupby("article_id", sort=False)}
    progress = Progress("reuse", len(pairs), log, unit="pair")
    task = partial(_compare_block, articles=articles, codebook_dir=codebook_dir)
    parts: list[tuple[pd.DataFrame, pd.DataFrame]] = []
    blocks = _blocks(pairs, texts, by_article, block)
    with watched(progress, lambda: sum(len(p[0]) for p in parts)):
        if workers == 1 or len(pairs) <= block:
            parts.extend(task(b, t, s) for b, t, s in blocks)
        else:
            parts.extend(_in_parallel(task, blocks, workers or os.cpu_count() or 1))
    progress.done = sum(len(p[0]) for p in parts)
    progress.finish()
    if not parts:
        from helpers.analyses.provenance import reuse_from_tables

        return reuse_from_tables({}, sentences.iloc[0:0], articles, candidates=[])
    reuse = pd.concat([p[0] for p in parts], ignore_index=True)
    changes = pd.concat([p[1] for p in parts], ignore_index=True)
    return reuse, changes


def make_reuse_and_changes(store: TableStore) -> dict[str, pd.DataFrame]:
    """The registry's producer of ``reuse`` and ``reuse_changes``, from the usable articles' texts, sentences
    and signatures (the store's settings say how many workers, and where progress goes)."""
    from helpers.inputs.corpus import usable

    articles = usable(store["articles"])
    ids = set(articles["article_id"])
    text_table = store["texts"]
    texts = {a: t for a, t in zip(text_table["article_id"], text_table["clean_text"], strict=True) if a in ids}
    sentences = store["sentences"]
    workers = store.settings.get("workers", 1)
    log = store.settings.get("log", lambda *a, **k: None)
    reuse, changes = reuse_tables(articles, texts, sentences[sentences["article_id"].isin(ids)], store["signatures"],
                                  str(store.codebook.event_dir), workers, log)  # type: ignore[arg-type]
    return {"reuse": reuse, "reuse_changes": changes}
