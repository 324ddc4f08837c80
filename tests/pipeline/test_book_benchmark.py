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
    texts = list(a.values())
    assert len(set(texts)) < len(texts)  # wire copies repeat an earlier article word for word


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
    run = bb.stage_command("notebooks", tmp_path / "corpus", tmp_path, None)
    assert "helpers.pipeline.driver import run" in run[-1]
    assert "build_book" in bb.stage_command("book", tmp_path / "corpus", tmp_path, None)[-1]
    assert "run_batch" in bb.stage_command("engine", tmp_path / "corpus", tmp_path, 2)[-1]
