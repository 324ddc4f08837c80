"""The book benchmark's corpus and stage runner (the benchmark itself stays out of the test suite)."""

from __future__ import annotations

import sys

from helpers.pipeline import book_benchmark as bb


def read(folder):
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}


def test_corpus_is_reproducible_and_about_a_third_reuse(tmp_path):
    kinds = bb.write_corpus(400, tmp_path / "a")
    bb.write_corpus(400, tmp_path / "b")
    a, b = read(tmp_path / "a"), read(tmp_path / "b")
    assert a == b and len(a) == 400
    assert (tmp_path / "a" / "manifest.csv").read_text().startswith("file,outlet,published,notes")
    reuse = (kinds["wire_copy"] + kinds["edited"]) / 400
    assert 0.2 <= reuse <= 0.4 and kinds["wire_copy"] > 0 and kinds["edited"] > 0
    paragraphs = [t.rstrip("\n").split("\n\n") for t in a.values()]
    copies = [p for p in paragraphs if p[-1].startswith("Republished by")]
    assert len(copies) == kinds["wire_copy"]
    originals = {tuple(p) for p in paragraphs}
    assert all(tuple(p[:-1]) in originals for p in copies)  # every other paragraph word for word


def test_edited_republication_changes_words_and_a_number():
    import random
    import re

    paras = ["Officials said 120 people were held overnight.", "The port stayed closed for 35 hours.",
             "Talks resume with 48 delegates today."]
    edited = bb._edited(random.Random(1), paras)
    text = " ".join(edited)
    assert len(edited) == 2
    assert any(n not in {"120", "35", "48"} for n in re.findall(r"\d+", text))
    assert any(w in text.split() for w in bb.EDIT_WORDS)


def test_stage_runner_reports_time_and_memory(tmp_path):
    result = bb.run_stage([sys.executable, "-c", "x = bytearray(50_000_000)"], tmp_path / "log.txt")
    assert result["peak_rss_mb"] >= 50 and result["seconds"] >= 0


def test_stage_commands_call_the_driver_functions(tmp_path):
    run = bb.stage_command("run", tmp_path / "corpus", tmp_path, 2)
    assert "helpers.pipeline.driver import run" in run[-1] and "EngineOptions(workers=2)" in run[-1]
    assert "build_book" in bb.stage_command("book", tmp_path / "corpus", tmp_path, None)[-1]


def test_driver_timings_are_read_from_the_run_log(tmp_path):
    import json

    log = ["engine: 8,511 articles done in 33.3 s (255.9 articles/s)", "reuse: 58,312 pairs done in 41.0 s",
           "notebook 1/8 01_a.ipynb done in 37.9 s; about 4 min left"]
    (tmp_path / "t.json").write_text(json.dumps({"notebooks": {"01_a.ipynb": 37.9}, "log": log}))
    assert bb.driver_timings(tmp_path / "t.json") == {"engine": 33.3, "reuse": 41.0, "notebook 01_a.ipynb": 37.9}
