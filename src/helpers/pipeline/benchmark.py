"""The scale benchmark: a synthetic corpus of N articles made by recombining the seeds' sentences.

It runs the full per-article analysis (normalise, sentiment, frames, quotes, numbers, MinHash) plus
pairwise provenance with LSH, and on the same text a baseline that only runs NLTK's VADER over each
line. Both go through the same engine and workers, so ``ratio`` (full time / baseline time) says what
all the analyses together cost relative to sentiment alone, measured in the same run.
"""

from __future__ import annotations

import json
import random
import resource
import sys
import tempfile
import time
import warnings
from collections.abc import Iterator

import pandas as pd

from helpers.inputs.config import DEFAULT_CORPUS
from helpers.inputs.corpus import ARTICLE_COLUMNS, CorpusWarning, load_corpus


def seed_sentences(corpus_dir=DEFAULT_CORPUS) -> list[str]:
    """The seeds' sentences after cleaning, the material the synthetic articles are made of."""
    from helpers.inputs.codebook import load_codebook
    from helpers.text.normalise import normalise_corpus

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        arts = load_corpus(corpus_dir)
    return normalise_corpus(arts, load_codebook()).sentences["text"].tolist()


def synthetic_chunks(n: int, chunk_size: int = 500, seed: int = 20220106,
                     sentences: list[str] | None = None, n_outlets: int = 50) -> Iterator[pd.DataFrame]:
    """Yield articles-table chunks of ``n`` synthetic articles (fixed seed, so runs are comparable)."""
    pool = sentences or seed_sentences()
    rng = random.Random(seed)
    made = 0
    while made < n:
        rows = []
        for _ in range(min(chunk_size, n - made)):
            k = rng.randint(8, 20)
            picked = rng.sample(pool, min(k, len(pool)))
            paras, i = [], 0
            while i < len(picked):
                step = rng.randint(1, 3)
                paras.append(" ".join(picked[i:i + step]))
                i += step
            row = {c: "" for c in ARTICLE_COLUMNS}
            row.update(article_id=f"syn{made:07d}", file=f"syn{made:07d}.txt", outlet=f"Outlet {made % n_outlets:03d}",
                       published="unknown", status="ok", raw_text="\n\n".join(paras), encoding="utf-8")
            rows.append(row)
            made += 1
        chunk = pd.DataFrame(rows, columns=ARTICLE_COLUMNS)
        chunk["outlet_label"] = chunk["outlet"]
        yield chunk


def _peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024.0  # Linux reports KiB


def run_benchmark(n: int, workers: int | None = None, chunk_size: int = 500, engine: str = "local",
                  progress: bool = False) -> dict[str, object]:
    """Full analysis and baseline on the same synthetic corpus; timings and peak memory."""
    from helpers.pipeline.engine import baseline_chunk, provenance_from_signatures, run_batch

    pool = seed_sentences()
    with tempfile.TemporaryDirectory(prefix="refract-bench-") as tmp:
        t0 = time.perf_counter()
        full = run_batch(None, f"{tmp}/full", engine=engine, workers=workers, chunk_size=chunk_size,
                         progress=progress, chunks=synthetic_chunks(n, chunk_size, sentences=pool))
        t1 = time.perf_counter()
        sigs = full.read("signatures")
        pairs = provenance_from_signatures(sigs)
        t2 = time.perf_counter()
        run_batch(None, f"{tmp}/base", engine=engine, workers=workers, chunk_size=chunk_size,
                         progress=progress, task=baseline_chunk, chunks=synthetic_chunks(n, chunk_size, sentences=pool))
        t3 = time.perf_counter()
    full_s = (t1 - t0) + (t2 - t1)
    base_s = t3 - t2
    stages = {k: round(v, 3) for k, v in full.stage_seconds.items()}
    stages["provenance_lsh"] = round(t2 - t1, 3)
    return {"articles": n, "articles_per_s": round(n / full_s, 2), "baseline_articles_per_s": round(n / base_s, 2),
            "ratio": round(full_s / base_s, 3), "peak_rss_mb": round(_peak_rss_mb(), 1), "stages": stages,
            "candidate_pairs": len(pairs), "workers": workers, "engine": engine}


def bench_command(n: int, as_json: bool, workers: int | None, chunk_size: int, engine: str) -> int:
    result = run_benchmark(n, workers=workers, chunk_size=chunk_size, engine=engine, progress=not as_json)
    if as_json:
        print(json.dumps(result))
    else:
        for k, v in result.items():
            print(f"{k:>24}: {v}")
    sys.stdout.flush()
    return 0
