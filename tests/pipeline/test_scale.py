"""Bring-your-own corpus and scale: table inputs, column mapping, streaming, Dask, benchmark, new study."""

from __future__ import annotations

import json
import subprocess
import sys
import warnings

import pandas as pd
import pytest
from conftest import SEEDS

from helpers.inputs.codebook import load_codebook
from helpers.inputs.config import PROJECT_ROOT
from helpers.inputs.corpus import CorpusError, iter_corpus, load_corpus
from helpers.pipeline import benchmark, registry
from helpers.pipeline import engine as batch
from helpers.pipeline.new_study import new_study
from helpers.text.normalise import normalise_corpus


def seeds_table() -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        arts = load_corpus(SEEDS)
    return pd.DataFrame({"id": arts["article_id"], "body": arts["raw_text"], "source": arts["outlet"],
                         "date": arts["published"]})


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
def test_table_corpus_with_column_mapping_matches_the_folder(tmp_path, suffix, codebook):
    table = seeds_table()
    path = tmp_path / f"corpus{suffix}"
    {".jsonl": lambda: table.to_json(path, orient="records", lines=True),
     ".csv": lambda: table.to_csv(path, index=False),
     ".parquet": lambda: table.to_parquet(path, index=False)}[suffix]()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        loaded = load_corpus(path, columns={"text": "body", "outlet": "source", "published": "date"})
        folder = load_corpus(SEEDS)
    assert list(loaded["article_id"]) == list(folder["article_id"])
    assert list(loaded["outlet"]) == list(folder["outlet"])
    assert list(loaded["raw_text"]) == list(folder["raw_text"])
    a = normalise_corpus(loaded, codebook).sentences
    b = normalise_corpus(folder, codebook).sentences
    pd.testing.assert_frame_equal(a, b)


def test_table_corpus_problems(tmp_path):
    path = tmp_path / "c.jsonl"
    pd.DataFrame({"id": ["a", "a", "b", "c"], "text": ["Police said 3 people were held.", "Another story here.",
                                                       "", "Police said 3 people were held."],
                  "published": ["2022-01-06", "06/01/2022", "", ""]}).to_json(path, orient="records", lines=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t = load_corpus(path).set_index("article_id")
    assert "repeats an earlier row" in t.loc["a__2", "issues"] and "malformed date" in t.loc["a__2", "issues"]
    assert t.loc["b", "status"] == "rejected" and "empty text" in t.loc["b", "issues"]
    assert t.loc["c", "status"] == "duplicate"
    bad = tmp_path / "bad.csv"
    bad.write_text("id,body\n1,hello\n")
    with pytest.raises(CorpusError, match="bad.csv: no 'text' column"):
        load_corpus(bad)


def test_chunks_stream_the_folder():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        chunks = list(iter_corpus(SEEDS, chunk_size=2))
    assert [len(c) for c in chunks] == [2, 2, 1]


def _compare(a: batch.BatchResult, b: batch.BatchResult) -> None:
    for table in ("article_counts", "sentences", "frame_hits", "quotes", "numbers", "signatures"):
        pd.testing.assert_frame_equal(a.read(table), b.read(table), check_dtype=False, obj=table)


def test_streaming_matches_in_memory(tmp_path, codebook):
    streamed = batch.run_batch(SEEDS, tmp_path / "s", chunk_size=2, workers=1, progress=False)
    whole = batch.run_batch(SEEDS, tmp_path / "w", chunk_size=100, workers=1, progress=False)
    _compare(streamed, whole)
    # and the chunked tables equal the notebooks' in-memory functions
    from helpers.analyses import quotes

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        norm = normalise_corpus(load_corpus(SEEDS), codebook)
    q = quotes.extract_quotes(norm, norm.articles, codebook)
    pd.testing.assert_frame_equal(streamed.read("quotes"), q, check_dtype=False)


def test_parallel_processes_match(tmp_path):
    serial = batch.run_batch(SEEDS, tmp_path / "a", chunk_size=2, workers=1, progress=False)
    parallel = batch.run_batch(SEEDS, tmp_path / "b", chunk_size=2, workers=2, progress=False)
    _compare(serial, parallel)


@pytest.mark.slow
def test_dask_engine_matches_local(tmp_path):
    pytest.importorskip("dask.distributed")
    local = batch.run_batch(SEEDS, tmp_path / "l", chunk_size=2, workers=1, progress=False)
    dask = batch.run_batch(SEEDS, tmp_path / "d", chunk_size=2, workers=1, engine="dask", progress=False)
    _compare(local, dask)


def test_lsh_on_signatures_finds_the_republication(tmp_path):
    res = batch.run_batch(SEEDS, tmp_path / "x", workers=1, progress=False)
    pairs = batch.provenance_from_signatures(res.read("signatures"), threshold=0.3)
    assert ("000_93bec88a104edc14", "001_a6ae878ee47caf42") in pairs


def test_benchmark_runs_small():
    result = benchmark.run_benchmark(30, workers=1, chunk_size=10)
    assert result["articles"] == 30
    assert {"articles_per_s", "baseline_articles_per_s", "ratio", "peak_rss_mb", "stages"} <= set(result)
    assert {"normalise", *registry.names("chunk")} <= set(result["stages"])


def test_bench_command_prints_one_json_line():
    out = subprocess.run([sys.executable, "-m", "helpers", "bench", "--articles", "12", "--json", "--workers", "1"],
                         capture_output=True, text=True, cwd=PROJECT_ROOT, check=True).stdout
    lines = [line for line in out.splitlines() if line.strip()]
    assert len(lines) == 1 and json.loads(lines[0])["articles"] == 12


def test_synthetic_corpus_is_reproducible():
    a = next(benchmark.synthetic_chunks(5, 5))
    b = next(benchmark.synthetic_chunks(5, 5))
    assert list(a["raw_text"]) == list(b["raw_text"])


def test_new_study(tmp_path):
    root = new_study("harbour-strike", tmp_path)
    assert (root / "codebook" / "aliases.yaml").exists()
    assert (root / "codebook" / "general" / "en" / "speech_verbs.yaml").exists()
    assert (root / "corpus" / "manifest.csv").read_text().startswith("file,outlet")
    cb = load_codebook(root / "codebook")
    assert cb.general["speech_verbs"]["verbs"] and cb.entities.empty
    with pytest.raises(FileExistsError):
        new_study("harbour-strike", tmp_path)


@pytest.mark.slow
def test_example_study_runs_end_to_end(tmp_path):
    from helpers.inputs.results import read_table
    from helpers.pipeline.driver import run

    example = PROJECT_ROOT / "examples" / "harbour-strike"
    run(example / "corpus", tmp_path / "out", codebook=example / "codebook", log=lambda *a, **k: None)
    quotes = read_table(tmp_path / "out" / "results" / "quotes.csv")
    assert "Maria Okafor" in set(quotes["speaker"])
    numbers = read_table(tmp_path / "out" / "results" / "numbers.csv")
    assert {"detained", "ships_waiting"} <= set(numbers["category"])
    articles = read_table(tmp_path / "out" / "results" / "articles.csv")
    assert sorted(articles["outlet"]) == ["Harbour Weekly", "Port Alder Post"]
