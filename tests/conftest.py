"""Shared fixtures: the loaded codebook, the seeds, and helpers to write small corpora."""

from __future__ import annotations

import itertools
import warnings
from pathlib import Path

import pandas as pd
import pytest

from helpers.analyses import numbers
from helpers.inputs.codebook import load_codebook
from helpers.inputs.config import PROJECT_ROOT
from helpers.inputs.corpus import CorpusWarning, load_corpus
from helpers.pipeline.new_study import new_study
from helpers.text.normalise import normalise_corpus

SEEDS = PROJECT_ROOT / "seeds"
GOLD = Path(__file__).parent / "gold"
SEED_IDS = sorted(p.stem for p in SEEDS.glob("*.txt"))


@pytest.fixture(scope="session")
def codebook():
    return load_codebook()


@pytest.fixture(scope="session")
def seed_articles():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        return load_corpus(SEEDS)


@pytest.fixture(scope="session")
def seeds(seed_articles, codebook):
    return normalise_corpus(seed_articles, codebook)


QUIET = {"log": lambda *a, **k: None}


@pytest.fixture(scope="session")
def seed_run(tmp_path_factory):
    """The driver run on the seeds, with the book source copied next to it (as `make book` does)."""
    import shutil

    from helpers.inputs.config import BOOK_DIR, DEFAULT_STUDY
    from helpers.pipeline.driver import run

    tmp = tmp_path_factory.mktemp("seedrun")
    book = tmp / "book"
    shutil.copytree(BOOK_DIR, book, ignore=shutil.ignore_patterns("_build", "chapters", "data"))
    run(None, tmp / "build", book_dir=book / "chapters", study=DEFAULT_STUDY, **QUIET)
    return tmp


@pytest.fixture(scope="session")
def seed_book(seed_run):
    """The strict book build of the seed run; returns the html folder."""
    from helpers.pipeline.driver import build_book

    build_book(seed_run / "book", **QUIET)
    return seed_run / "book" / "_build" / "html"


def seed_id(prefix: str) -> str:
    """Full article id of the seed whose id starts with ``prefix`` ("000" ...)."""
    return next(s for s in SEED_IDS if s.startswith(prefix))


def write_corpus(folder: Path, files: dict[str, str | bytes], manifest: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (folder / name).write_bytes(data)
    if manifest is not None:
        (folder / "manifest.csv").write_text(manifest, encoding="utf-8")
    return folder


def quotes_of_text(folder: Path, text: str, codebook) -> pd.DataFrame:
    """The quotes table of one invented article written to ``folder/a.txt`` (corpus warnings silenced)."""
    from helpers.analyses import quotes

    (folder / "a.txt").write_text(text, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        norm = normalise_corpus(load_corpus(folder), codebook)
    return quotes.extract_quotes(norm, norm.articles, codebook)


def speakers_of_text(folder: Path, text: str, codebook, column: str = "speaker") -> list[str]:
    """The speaker (or ``speaker_as_written``) of each quote of one invented article, in order."""
    return list(quotes_of_text(folder, text, codebook)[column])


def glued_values(notebook: str | Path) -> dict[str, str]:
    """The text/plain values a notebook glued (``myst_nb.glue``), by key."""
    import nbformat

    nb = nbformat.read(notebook, as_version=4)
    values: dict[str, str] = {}
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            meta = out.get("metadata", {}).get("scrapbook", {})
            if "name" in meta:
                prefix = meta.get("mime_prefix", "")
                values[meta["name"]] = out.get("data", {}).get(prefix + "text/plain", "")
    return values


# --- count tests (tests/analyses/numbers): one conftest for the whole suite, since tests import helpers from it

@pytest.fixture(scope="module")
def study(tmp_path_factory):
    return load_codebook(new_study("fresh", tmp_path_factory.mktemp("study")) / "codebook")


@pytest.fixture(scope="module")
def claims_in(tmp_path_factory):
    """Every number claim of one invented article under a codebook (the numbers table, one article per call)."""
    counter = itertools.count()

    def run(text: str, codebook):
        folder = tmp_path_factory.mktemp(f"corpus{next(counter)}")
        (folder / "a.txt").write_text(text + "\n", encoding="utf-8")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", CorpusWarning)
            articles = load_corpus(folder)
        corpus = normalise_corpus(articles, codebook)
        return numbers.extract_numbers(corpus, corpus.articles, codebook)

    return run


@pytest.fixture(scope="module")
def counts_of(claims_in):
    """(category, value, unit, part_of) of the event counts of one invented article under a codebook."""

    def run(text: str, codebook) -> list[tuple[str, str, str, str]]:
        ev = numbers.event_counts(claims_in(text, codebook))
        return [(c, v, u, p.rsplit(":", 1)[-1]) for c, v, u, p in
                zip(ev["category"], ev["value"], ev["unit"], ev["part_of"], strict=True)]

    return run
