"""Fixtures of the count tests: the codebook `new-study` creates, and the event counts of an invented article."""

from __future__ import annotations

import itertools
import warnings

import pytest

from helpers.analyses import numbers
from helpers.inputs.codebook import load_codebook
from helpers.inputs.corpus import CorpusWarning, load_corpus
from helpers.pipeline.new_study import new_study
from helpers.text.normalise import normalise_corpus


@pytest.fixture(scope="module")
def study(tmp_path_factory):
    return load_codebook(new_study("fresh", tmp_path_factory.mktemp("study")) / "codebook")


@pytest.fixture(scope="module")
def counts_of(tmp_path_factory):
    """(category, value, unit, part_of) of the event counts of one invented article under a codebook."""
    counter = itertools.count()

    def run(text: str, codebook) -> list[tuple[str, str, str, str]]:
        folder = tmp_path_factory.mktemp(f"corpus{next(counter)}")
        (folder / "a.txt").write_text(text + "\n", encoding="utf-8")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", CorpusWarning)
            articles = load_corpus(folder)
        corpus = normalise_corpus(articles, codebook)
        ev = numbers.event_counts(numbers.extract_numbers(corpus, corpus.articles, codebook))
        return [(c, v, u, p.rsplit(":", 1)[-1]) for c, v, u, p in
                zip(ev["category"], ev["value"], ev["unit"], ev["part_of"], strict=True)]

    return run
