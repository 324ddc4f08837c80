"""End to end: the driver on the seeds and on a small corpus, then the strict book build."""

from __future__ import annotations

import pytest
import yaml
from conftest import glued_values, write_corpus

from helpers.inputs.results import read_table
from helpers.pipeline.driver import discover, run

pytestmark = pytest.mark.slow

QUIET = {"log": lambda *a, **k: None}


def toc_files(book):
    toc = yaml.safe_load((book / "_toc.yml").read_text())
    files = [toc["root"]]
    for part in toc.get("parts", []):
        files += [c["file"] for c in part["chapters"]]
    return files


def test_every_notebook_ran_and_wrote_its_tables(seed_run):
    results = seed_run / "build" / "results"
    articles = read_table(results / "articles.csv")
    assert len(articles) == 5
    for col in (
        "article_id",
        "file",
        "outlet",
        "published",
        "title",
        "n_words",
        "n_sentences",
        "boilerplate_chars",
        "sha256",
        "status",
    ):
        assert col in articles.columns, col
    sentences = read_table(results / "sentences.csv")
    for col in ("article_id", "sentence_id", "paragraph_id", "start", "end", "text", "compound"):
        assert col in sentences.columns, col
    assert len(sentences) == articles["n_sentences"].sum()
    executed = {p.name for p in (seed_run / "build" / "notebooks").glob("*.ipynb")}
    assert executed == {p.name for p in discover()}


def test_notebook_01_records_values(seed_run):
    glued = glued_values(seed_run / "build" / "notebooks" / "01_normalisation.ipynb")
    articles = read_table(seed_run / "build" / "results" / "articles.csv")
    assert int(glued["n_articles"]) == 5
    assert int(glued["n_outlets"]) == articles["outlet"].replace("unknown", None).nunique() + 1
    assert int(glued["n_words"]) == articles["n_words"].sum()
    assert int(glued["n_words"]) < int(glued["n_words_raw"])


def test_book_builds_strictly_with_every_chapter(seed_book):
    book = seed_book.parent.parent
    html = seed_book
    for page in toc_files(book):
        assert (html / f"{page}.html").exists(), page
    assert not (html / "reports").exists()
    landing = (html / f"{toc_files(book)[0]}.html").read_text(encoding="utf-8")
    assert "papermill" not in landing.lower()
    assert "Abstract" in landing and "in-sample" in landing


def test_driver_on_a_small_invented_corpus(tmp_path):
    corpus = write_corpus(
        tmp_path / "corpus",
        {
            "one.txt": "Breaking News\n\nFloods hit the river town of Norbury on Monday.\n\n"
            "Officials said 40 people were evacuated and two bridges were closed by the council.\n"
            "\u201cWe are doing all we can,\u201d the mayor, Jane Holt, said on Monday evening.\n",
            "two.txt": "The river at Norbury burst its banks on Monday, forcing dozens of residents out of homes.\n"
            "Council leader Jane Holt said the town had not seen such water levels in decades.\n",
        },
        "file,outlet,published\none.txt,Norbury Post,2030-03-04\ntwo.txt,Valley Times,2030-03-05\n",
    )
    run(corpus, tmp_path / "out", **QUIET)
    articles = read_table(tmp_path / "out" / "results" / "articles.csv")
    assert sorted(articles["outlet"]) == ["Norbury Post", "Valley Times"]
    assert (articles["status"] == "ok").all()
    glued = glued_values(tmp_path / "out" / "notebooks" / "01_normalisation.ipynb")
    assert int(glued["n_articles"]) == 2 and int(glued["n_outlets"]) == 2
    boiler = read_table(tmp_path / "out" / "results" / "boilerplate.csv")
    assert "Breaking News" in set(boiler["text"])


# Words that only the seed corpus and its codebook can put into the book. Built on another corpus, no
# page may contain them: every sentence must come from that corpus's results.
SEED_ONLY = ["Kazakhstan", "Kazakh", "Tokayev", "Toqaev", "Almaty", "RFE/RL", "Washington Times", "Digital Agency",
             "CSTO", "Blinken", "January 2022"]


def test_book_on_another_corpus_says_nothing_only_true_of_the_seeds(tmp_path):
    import re
    import shutil

    from helpers.inputs.config import BOOK_DIR, PROJECT_ROOT
    from helpers.pipeline.driver import build_book

    example = PROJECT_ROOT / "examples" / "harbour-strike"
    book = tmp_path / "book"
    shutil.copytree(BOOK_DIR, book, ignore=shutil.ignore_patterns("_build", "chapters", "data", "scores"))
    run(example / "corpus", tmp_path / "out", codebook=example / "codebook", book_dir=book / "chapters", **QUIET)
    html = build_book(book, **QUIET).parent
    tag = re.compile(r"<script.*?</script>|<style.*?</style>|<[^>]+>", re.S)
    for page in sorted(html.rglob("*.html")):
        if any(part.startswith("_") for part in page.relative_to(html).parts):
            continue
        text = tag.sub(" ", page.read_text(encoding="utf-8"))
        for word in SEED_ONLY:
            assert word not in text, f"{page.relative_to(html)}: mentions {word!r}, which only the seeds can say"
    overview = tag.sub(" ", (html / "chapters" / "08_overview.html").read_text(encoding="utf-8"))
    assert "Port Alder" in overview  # the event named by this corpus's codebook
    for chapter in ("01_normalisation", "02_tone_and_framing", "03_quotes", "04_numbers", "05_provenance"):
        assert "What we found" in (html / "chapters" / f"{chapter}.html").read_text(encoding="utf-8"), chapter
