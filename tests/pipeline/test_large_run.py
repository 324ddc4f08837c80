"""A corpus of 400 articles, about a third of them copies, runs through every chapter (issue: it used to crash)."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import QUIET

from helpers.analyses import provenance
from helpers.pipeline import book_benchmark
from helpers.pipeline.driver import run


@pytest.mark.slow
def test_four_hundred_articles_run_through_every_chapter(tmp_path):
    corpus = tmp_path / "corpus"
    kinds = book_benchmark.write_corpus(400, corpus)
    run(corpus, tmp_path / "out", **QUIET)
    results = tmp_path / "out" / "results"
    articles = pd.read_csv(results / "articles.csv")
    assert len(articles) == 400, "every input file has a row"
    reuse = pd.read_csv(results / "reuse.csv")
    # a word-for-word wire copy is a duplicate file (listed, not analysed twice) or, after boilerplate, a copy
    found = (articles["status"] == "duplicate").sum() + (reuse["relation"] == "copy").sum()
    assert found >= kinds["wire_copy"] // 2, "wire copies are found"
    assert (reuse["relation"] == "derived").sum() > 0, "edited republications are found"
    assert 400 > provenance.MATRIX_MAX_ARTICLES, "the heat map is replaced by a ranked table at this size"
    chapter = (tmp_path / "out" / "notebooks" / "05_provenance.ipynb").read_text(encoding="utf-8")
    assert "a heat map is readable only up to" in chapter
