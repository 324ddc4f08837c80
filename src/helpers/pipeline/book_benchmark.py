"""The book benchmark: the whole ``make book`` on a synthetic corpus of N articles, stage by stage.

``helpers bench`` measures the per-article analyses; users get the book, so this benchmark runs what
``make book`` runs (the batch engine, the notebooks through the papermill driver, and the Jupyter
Book build) on a corpus written to a temporary folder, and reports the wall time and the peak memory
of every stage. Each stage runs in its own process, so its peak memory (``wait4``'s maximum resident
set, which includes the notebook kernels it started) is its own.

The corpus is made with a fixed seed from the seeds' sentences. About 30% of it is reuse, because
real corpora are full of it: half word-for-word wire copies of an earlier article under another
outlet (with the republisher's credit line, as real copies carry, so they are not byte-identical files),
half edited republications (a word swapped, a number changed, a sentence cut).

The stages are the two commands of ``make book``: ``run`` (the engine, the reuse comparison and every
notebook, as ``helpers run``) and ``book`` (the Jupyter Book build). Inside ``run`` the driver's own
timings are reported too: the engine, the reuse stage and each notebook.
"""

from __future__ import annotations

import csv
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from helpers.inputs.config import BOOK_DIR, NOTEBOOKS_DIR, PROJECT_ROOT

REUSE_SHARE = 0.3
SEED = 20220106
STAGES = ("run", "book")
FIRST_DAY, DAYS = 5, 8  # publication dates spread over 8 days from 5 January of the event year
EDIT_WORDS = ("reportedly", "again", "officially", "still")  # inserted by an edited republication
CREDIT = "Republished by {outlet}."  # the line a wire copy adds, so the file is not a byte-identical duplicate


def _original(rng: random.Random, pool: list[str]) -> list[str]:
    picked = rng.sample(pool, min(rng.randint(8, 20), len(pool)))
    paras, i = [], 0
    while i < len(picked):
        step = rng.randint(1, 3)
        paras.append(" ".join(picked[i : i + step]))
        i += step
    return paras


def _edited(rng: random.Random, paras: list[str]) -> list[str]:
    """An edited republication: one word inserted, the first number changed, one paragraph cut."""
    out = list(paras)
    if len(out) > 2:
        del out[rng.randrange(len(out))]
    j = rng.randrange(len(out))
    words = out[j].split()
    words.insert(rng.randrange(1, max(2, len(words))), rng.choice(EDIT_WORDS))
    out[j] = " ".join(words)
    for k, p in enumerate(out):
        m = re.search(r"\b\d{2,}\b", p)
        if m:
            out[k] = p[: m.start()] + str(int(m.group()) + rng.randint(1, 9)) + p[m.end() :]
            break
    return out


def write_corpus(n: int, dest: Path, seed: int = SEED, pool: list[str] | None = None) -> dict[str, int]:
    """Write ``n`` synthetic articles and a manifest to ``dest``; return how many are of each kind."""
    from helpers.pipeline.benchmark import seed_sentences

    pool = pool or seed_sentences()
    rng = random.Random(seed)
    dest.mkdir(parents=True, exist_ok=True)
    n_outlets = max(5, n // 20)
    originals: list[tuple[list[str], int]] = []
    kinds = {"original": 0, "wire_copy": 0, "edited": 0}
    rows = []
    for i in range(n):
        day = rng.randrange(DAYS)
        outlet = f"Outlet {rng.randrange(n_outlets):03d}"
        if originals and rng.random() < REUSE_SHARE:
            paras, first_day = rng.choice(originals)
            day = min(DAYS - 1, first_day + rng.randrange(2))
            kind = "wire_copy" if rng.random() < 0.5 else "edited"
            paras = [*paras, CREDIT.format(outlet=outlet)] if kind == "wire_copy" else _edited(rng, paras)
        else:
            kind, paras = "original", _original(rng, pool)
            originals.append((paras, day))
        kinds[kind] += 1
        name = f"syn{i:06d}.txt"
        (dest / name).write_text("\n\n".join(paras) + "\n", encoding="utf-8")
        rows.append({"file": name, "outlet": outlet, "published": f"2022-01-{FIRST_DAY + day:02d}",
                     "notes": f"synthetic: {kind}"})
    with open(dest / "manifest.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=["file", "outlet", "published", "notes"])
        writer.writeheader()
        writer.writerows(rows)
    return kinds


def _book_copy(dest: Path) -> Path:
    """The book's source pages in a scratch folder, so the benchmark never touches the project's book."""
    ignore = shutil.ignore_patterns("_build", "chapters", "data")
    shutil.copytree(BOOK_DIR, dest, ignore=ignore)
    return dest


def stage_command(stage: str, corpus: Path, work: Path, workers: int | None,
                  notebooks: Path = NOTEBOOKS_DIR) -> list[str]:
    """The command one stage runs: the same functions ``make book`` calls (``run`` also records the
    driver's timings of the engine, the reuse stage and each notebook in ``run-timings.json``)."""
    if stage == "run":
        code = ("import json; from helpers.pipeline.driver import run; from helpers.pipeline.stages import "
                "EngineOptions; lines = []\n"
                "def log(*a, **k):\n    print(*a, **k); lines.append(' '.join(map(str, a)))\n"
                f"runs = run({str(corpus)!r}, {str(work / 'run')!r}, book_dir={str(work / 'book' / 'chapters')!r}, "
                f"notebooks_dir={str(notebooks)!r}, engine=EngineOptions(workers={workers!r}), log=log)\n"
                f"json.dump({{'notebooks': {{r.notebook: round(r.seconds, 1) for r in runs}}, 'log': lines}}, "
                f"open({str(work / 'run-timings.json')!r}, 'w'))")
    else:
        code = ("from pathlib import Path; from helpers.pipeline.driver import build_book; "
                f"build_book(Path({str(work / 'book')!r}))")
    return [sys.executable, "-c", code]


def driver_timings(path: Path) -> dict[str, float]:
    """Seconds of the engine, the reuse stage and each notebook, as the driver logged them."""
    if not path.exists():
        return {}
    record = json.loads(path.read_text(encoding="utf-8"))
    out: dict[str, float] = {}
    for line in record.get("log", []):
        m = re.match(r"(engine|reuse): [\d,]+ \w+ done in ([\d.]+) s", line)
        if m:
            out[m.group(1)] = float(m.group(2))
    out.update({f"notebook {name}": seconds for name, seconds in record.get("notebooks", {}).items()})
    return out


def run_stage(cmd: list[str], log: Path) -> dict[str, float]:
    """Run one stage in its own process; its wall time and peak memory (the process and its children)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(PROJECT_ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    t0 = time.perf_counter()
    with open(log, "w", encoding="utf-8") as out:
        proc = subprocess.Popen(cmd, cwd=PROJECT_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"stage failed (exit {proc.returncode}): see {log}")
    return {"seconds": round(seconds, 1), "peak_rss_mb": round(usage.ru_maxrss / 1024.0, 1)}


def lsh_pair_counts(work: Path) -> dict[str, int]:
    """Candidate pairs the LSH finds in the run's signatures, and the pairs the reuse stage compared and related."""
    import pandas as pd

    from helpers.analyses.near_copies import candidates_from_table
    from helpers.analyses.provenance import LSH_THRESHOLD, RELATED
    from helpers.pipeline.parts import read_parts

    tables = work / "run" / "current" / "tables"
    if not (tables / "signatures").is_dir():
        return {}
    found = candidates_from_table(read_parts(tables, "signatures"), LSH_THRESHOLD)
    out = {"candidate_pairs": len(found.pairs), "largest_bucket": found.largest_bucket}
    reuse = work / "run" / "results" / "reuse.csv"
    if reuse.exists():
        table = pd.read_csv(reuse)
        out["reuse_pairs_compared"] = len(table)
        out["reuse_pairs_related"] = int(table["relation"].isin(RELATED).sum())
    return out


def run_book_benchmark(n: int, workers: int | None = None, keep: Path | None = None,
                       stages: tuple[str, ...] = STAGES, notebooks: Path = NOTEBOOKS_DIR,
                       log=print) -> dict[str, object]:
    """Write the corpus, run every stage, and collect the measurements."""
    with tempfile.TemporaryDirectory(prefix="refract-bench-book-") as tmp:
        work = Path(keep) if keep else Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        corpus = work / "corpus"
        kinds = write_corpus(n, corpus)
        _book_copy(work / "book")
        result: dict[str, object] = {"articles": n, "corpus": kinds, "stages": {}}
        total = time.perf_counter()
        for stage in stages:
            log(f"bench-book: {stage} ...", flush=True)
            result["stages"][stage] = run_stage(stage_command(stage, corpus, work, workers, notebooks),
                                                 work / f"{stage}.log")
            log(f"bench-book: {stage} {result['stages'][stage]}", flush=True)
        result["seconds"] = round(time.perf_counter() - total, 1)
        result["peak_rss_mb"] = max(s["peak_rss_mb"] for s in result["stages"].values())
        result["run_parts"] = driver_timings(work / "run-timings.json")
        result.update(lsh_pair_counts(work))
    return result


def bench_book_command(n: int, as_json: bool, workers: int | None, keep: str | None,
                       notebooks: str | None = None) -> int:
    result = run_book_benchmark(n, workers=workers, keep=Path(keep) if keep else None,
                                notebooks=Path(notebooks) if notebooks else NOTEBOOKS_DIR,
                                log=(lambda *a, **k: None) if as_json else print)
    print(json.dumps(result) if as_json else json.dumps(result, indent=2))
    return 0
