"""One very long sentence (a whole article on a single line) costs work in proportion to its length.

The work counted is the number of characters handed to the rule patterns of the number lexicon and the
quantity codebook: a rule that reads the whole sentence before each number makes it grow with the square
of the sentence. No wall-clock time is asserted.
"""

from __future__ import annotations

import dataclasses
import re
import sys
import warnings

import pytest

from helpers.analyses import numbers
from helpers.analyses.numbers import extract as extract_module
from helpers.analyses.numbers.lexicon import lexicon
from helpers.analyses.numbers.rules import quantity_rules
from helpers.inputs.codebook import load_codebook
from helpers.inputs.corpus import CorpusWarning, load_corpus
from helpers.pipeline.new_study import new_study
from helpers.text.normalise import normalise_corpus

# Invented clauses: counts before and after their verbs, a breakdown, a count of one, a range, a vague
# count, a date, an age after a name and a clause with no number, joined by commas into one sentence.
CLAUSES = [
    "12 passengers were killed near the harbour",
    "police arrested 40 students outside the library",
    "about 300 families were displaced by the floods",
    "including 90 children",
    "a guard was killed at the gate",
    "between 5 and 8 fishermen are missing since March 3",
    "dozens of workers were injured",
    "the toll rose to 25",
    "Mara Quill, 46, was wounded",
    "residents of the Ravel quarter watched the smoke over the river",
]
# Event counts of one block of the long article below, written by hand.
BLOCK = "12 passengers were killed near the harbour, police arrested 40 students outside the library"
BLOCK_COUNTS = [("deaths_total", "12"), ("detained", "40")]
RATIO_MAX = 2.5


@pytest.fixture(scope="module")
def study_codebook(tmp_path_factory):
    return load_codebook(new_study("long", tmp_path_factory.mktemp("study")) / "codebook")


def _corpus(text: str, codebook, folder):
    (folder / "a.txt").write_text(text + "\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        articles = load_corpus(folder)
    return normalise_corpus(articles, codebook)


class CountingPattern:
    """A compiled pattern that adds the characters it is asked to scan to a shared tally."""

    SCANS = ("search", "match", "fullmatch", "finditer", "findall")

    def __init__(self, rx: re.Pattern[str], tally: list[int]):
        self._rx, self._tally = rx, tally

    def __getattr__(self, name: str):
        method = getattr(self._rx, name)
        if name not in self.SCANS:
            return method

        def scan(string: str, pos: int = 0, endpos: int = sys.maxsize):
            self._tally[0] += max(0, min(endpos, len(string)) - pos)
            return method(string, pos, endpos)

        return scan


def _counted(value, tally: list[int]):
    if isinstance(value, re.Pattern):
        return CountingPattern(value, tally)
    if isinstance(value, dict):
        return {k: _counted(v, tally) for k, v in value.items()}
    if isinstance(value, tuple):
        return tuple(_counted(v, tally) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(value, **{f.name: _counted(getattr(value, f.name), tally)
                                             for f in dataclasses.fields(value)})
    return value


def _work(text: str, codebook, folder, monkeypatch) -> tuple[int, int]:
    """(characters scanned by the rule patterns, numbers found) for one article."""
    tally = [0]
    lex, rules = _counted(lexicon(codebook), tally), _counted(quantity_rules(codebook), tally)
    monkeypatch.setattr(extract_module, "lexicon", lambda _cb: lex)
    monkeypatch.setattr(extract_module, "quantity_rules", lambda _cb: rules)
    corpus = _corpus(text, codebook, folder)
    assert len(corpus.sentences) == 1  # the article is one sentence, or the test proves nothing
    table = numbers.extract_numbers(corpus, corpus.articles, codebook)
    return tally[0], len(table)


def test_work_grows_linearly_with_one_long_sentence(study_codebook, tmp_path, monkeypatch):
    n = 6  # repeats of the clause list
    small = ", ".join(CLAUSES * n) + "."
    large = ", ".join(CLAUSES * 2 * n) + "."
    (tmp_path / "s").mkdir()
    (tmp_path / "l").mkdir()
    work_small, found_small = _work(small, study_codebook, tmp_path / "s", monkeypatch)
    work_large, found_large = _work(large, study_codebook, tmp_path / "l", monkeypatch)
    assert found_large == 2 * found_small > 0
    assert work_large / work_small <= RATIO_MAX


def test_a_200_kb_article_on_one_line(study_codebook, tmp_path):
    repeats = 200_000 // (len(BLOCK) + 2) + 1
    text = ", ".join([BLOCK] * repeats) + "."
    assert len(text) >= 200_000 and "\n" not in text
    corpus = _corpus(text, study_codebook, tmp_path)
    assert len(corpus.sentences) == 1
    events = numbers.event_counts(numbers.extract_numbers(corpus, corpus.articles, study_codebook))
    assert list(zip(events["category"], events["value"], strict=True)) == BLOCK_COUNTS * repeats
