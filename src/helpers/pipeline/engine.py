"""The per-article analyses at scale: chunked, parallel, and resumable through Parquet parts.

A corpus of hundreds of thousands of articles does not fit the notebooks' in-memory tables, so this
module streams the corpus in chunks (``helpers.inputs.corpus.iter_corpus``), runs every per-article
analysis on each chunk in a worker (every per-article table of the registry: see
:func:`helpers.pipeline.per_article.analyse_chunk`), and writes each chunk's tables as Parquet parts.
Workers are processes on this machine by default (all cores), or a Dask cluster (``engine="dask"``, with
``scheduler`` for an existing one). Pairwise provenance then runs on the signatures with MinHash LSH
instead of comparing all pairs.

Results do not depend on the chunking: every identifier is per article.
"""

from __future__ import annotations

import gc
import itertools
import os
import signal
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from helpers.inputs.corpus import iter_corpus, usable
from helpers.pipeline.parts import write_parts

# Allocations between two runs of the cycle collector in a worker (Python's default: 700); see worker_start.
WORKER_GC_ALLOCATIONS = 50_000


def baseline_chunk(articles: pd.DataFrame) -> dict[str, object]:
    """The benchmark's baseline: NLTK VADER over every line of every article, nothing else."""
    from helpers.analyses.vader import analyzer

    sia = analyzer()
    t = time.perf_counter()
    scores = [sia.polarity_scores(line)["compound"] for text in articles["raw_text"] for line in text.split("\n")
              if line.strip()]
    return {"_seconds": {"vader": time.perf_counter() - t}, "_n": len(scores)}


@dataclass
class BatchResult:
    """Where the parts were written, and what the run measured."""

    out: Path
    articles: int = 0
    seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)

    def read(self, table: str) -> pd.DataFrame:
        """All parts of one table, in article order."""
        parts = sorted((self.out / table).glob("part-*.parquet"))
        if not parts:
            return pd.DataFrame()
        return pd.concat([pd.read_parquet(p) for p in parts], ignore_index=True)


def _progress(total: int | None, enabled: bool):
    from tqdm.auto import tqdm

    return tqdm(total=total, unit="article", disable=not enabled, mininterval=1.0, smoothing=0.1)


def run_batch(corpus: str | Path, out: str | Path, codebook_dir: str | None = None, engine: str = "local",
              workers: int | None = None, chunk_size: int = 500, scheduler: str | None = None,
              progress: bool = True, task: Callable[..., dict[str, object]] | None = None,
              chunks: Iterator[pd.DataFrame] | None = None, log: Callable[..., None] | None = None) -> BatchResult:
    """Run the per-article analyses over a corpus in chunks; write Parquet parts under ``out``.

    ``engine="local"`` uses a process pool (``workers`` defaults to every core; 1 runs in this
    process); ``engine="dask"`` submits chunks to Dask (a local cluster, or ``scheduler``'s).
    At most two chunks per worker are in flight, so memory stays bounded whatever the corpus size.
    ``log`` gets a note when the workers are capped at the number of chunks (default: standard error).
    """
    from helpers.pipeline.per_article import analyse_chunk

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    if engine not in ("local", "dask"):
        raise ValueError(f"unknown engine {engine!r}: use 'local' or 'dask'")
    task = task or analyse_chunk
    source = chunks if chunks is not None else iter_corpus(corpus, chunk_size=chunk_size)
    source, workers = fit_workers(source, workers or os.cpu_count() or 1, log)
    result = BatchResult(out)
    args = (codebook_dir,) if task is analyse_chunk else ()
    t0 = time.perf_counter()
    bar = _progress(None, progress)

    def collect(index: int, res: dict[str, object], n: int) -> None:
        write_parts(res, out, index)
        for k, v in res.get("_seconds", {}).items():
            result.stage_seconds[k] = result.stage_seconds.get(k, 0.0) + v
        result.articles += n
        bar.update(n)

    if engine == "local" and workers == 1:
        for i, chunk in enumerate(source):
            collect(i, task(_usable(chunk), *args), len(chunk))
    elif engine == "local":
        _run_local(source, task, args, workers, collect)
    else:
        _run_dask(source, task, args, workers, scheduler, collect)
    bar.close()
    result.seconds = time.perf_counter() - t0
    return result


def fit_workers(source: Iterator[pd.DataFrame], workers: int,
                log: Callable[..., None] | None = None) -> tuple[Iterator[pd.DataFrame], int]:
    """(the same chunks, the workers to start): no more workers than chunks, since an idle worker is only a
    process to start and stop. Reads at most ``workers`` chunks ahead, fewer than the pool keeps in flight."""
    if workers <= 1:
        return source, max(workers, 1)
    ahead = list(itertools.islice(source, workers))
    if len(ahead) < workers:
        capped = max(len(ahead), 1)
        note = f"note: {workers} workers capped at {capped}, the number of chunks"
        (log or (lambda text, **_: print(text, file=sys.stderr)))(note, flush=True)
        workers = capped
    return itertools.chain(ahead, source), workers


def worker_start(parent: int) -> None:
    """Set up a worker process so it never outlives the run that started it.

    Killed outright (``kill -9``), the driver cannot stop its workers, and orphans would keep computing and
    hold the OUT lock they inherited: on Linux the kernel kills a worker when its parent dies
    (``PR_SET_PDEATHSIG``), elsewhere a thread watches the parent. Ctrl-C is the parent's to handle (it
    stops the pool), and SIGTERM gets its default action back (the driver's handler is inherited by fork).

    A worker builds millions of small, short-lived records (names, mentions, spans) and keeps few of them, so
    Python's cycle collector, run every 700 allocations by default, spends about a tenth of the time finding
    nothing: in a worker it runs every ``WORKER_GC_ALLOCATIONS`` instead. Reference counting still frees each
    record as soon as it is dropped.
    """
    gc.set_threshold(WORKER_GC_ALLOCATIONS)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if not _parent_death_signal():
        import threading

        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before the signal was set
        os._exit(1)


def _parent_death_signal() -> bool:
    """Ask Linux to SIGKILL this process when its parent dies; False where that is not available."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        return ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0) == 0  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def stop_pool(pool: ProcessPoolExecutor) -> None:
    """Stop a pool at once (the run was interrupted or failed): cancel what waits, kill what runs."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.kill()
    for process in processes:
        process.join(timeout=5)


def _run_local(source: Iterator[pd.DataFrame], task: Callable, args: tuple, workers: int,
               collect: Callable[[int, dict, int], None]) -> None:
    """Chunks on a process pool; at most two per worker in flight, so memory stays bounded."""
    pool = ProcessPoolExecutor(max_workers=workers, initializer=worker_start, initargs=(os.getpid(),))
    try:
        pending: dict[Future, tuple[int, int]] = {}
        for i, chunk in enumerate(source):
            pending[pool.submit(task, _usable(chunk), *args)] = (i, len(chunk))
            while len(pending) >= 2 * workers:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for f in done:
                    idx, n = pending.pop(f)
                    collect(idx, f.result(), n)
        for f in list(pending):
            idx, n = pending.pop(f)
            collect(idx, f.result(), n)
    except BaseException:
        stop_pool(pool)
        raise
    pool.shutdown()


def _run_dask(source: Iterator[pd.DataFrame], task: Callable, args: tuple, workers: int, scheduler: str | None,
              collect: Callable[[int, dict, int], None]) -> None:
    """Chunks on Dask: a scheduler's workers, or a local cluster of processes; two per worker in flight."""
    from dask.distributed import Client, LocalCluster, as_completed

    cluster = None if scheduler else LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                                  dashboard_address=None)
    client = Client(scheduler or cluster)
    try:
        futures = {}
        ac = as_completed()
        for i, chunk in enumerate(source):
            fut = client.submit(task, _usable(chunk), *args, pure=False)
            futures[fut.key] = (i, len(chunk))
            ac.add(fut)
            while ac.count() >= 2 * workers:
                f = next(ac)
                idx, n = futures.pop(f.key)
                collect(idx, f.result(), n)
        for f in ac:
            idx, n = futures.pop(f.key)
            collect(idx, f.result(), n)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _usable(chunk: pd.DataFrame) -> pd.DataFrame:
    return usable(chunk)


def provenance_from_signatures(sigs: pd.DataFrame, threshold: float = 0.5) -> list[tuple[str, str]]:
    """Candidate pairs of near-duplicate articles from stored MinHash signatures (LSH, not all pairs)."""
    from helpers.analyses.near_copies import candidates_from_table

    return candidates_from_table(sigs, threshold).pairs
