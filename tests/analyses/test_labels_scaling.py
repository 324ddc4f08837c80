"""Actor labels: looking back for modifiers reads the words before a head once per sentence, not once per hit."""

from __future__ import annotations

import random

import pandas as pd
import pytest
from work_counting import steps_taken

from helpers.analyses import labels
from helpers.inputs.codebook import load_codebook
from helpers.text.normalise import WORD

ROW_GROWTH = 2.2


@pytest.fixture(scope="module")
def codebook():
    return load_codebook(None)


@pytest.mark.parametrize("seed", range(6))
def test_words_before_an_offset_are_those_of_the_prefix(seed):
    """Cut anywhere, also inside a hyphenated or apostrophised word, the prefix has the words the pattern finds."""
    rng = random.Random(seed)
    pieces = ["troops", "Moscow-led", "O'Brien's", "x", "—", "re-", "'", "-", "  ", ", ", "Kazakhstan’s", "42nd"]
    text = "".join(rng.choice(pieces) + rng.choice([" ", "", "-", "'"]) for _ in range(60))
    words = labels._Words(text)
    for start in range(len(text) + 1):
        assert list(words.before(start)) == [m.span() for m in reversed(list(WORD.finditer(text[:start])))], start


def test_modifier_runs_unchanged_inside_one_long_sentence(codebook):
    text = "Police said foreign units, Russian peacekeeping troops and armed government forces met units. " * 3
    sents = pd.DataFrame({"article_id": ["a"], "sentence_id": [0], "text": [text]})
    h = labels.label_hits(sents, pd.DataFrame({"article_id": ["a"], "outlet_label": ["X"]}), codebook)
    expected = [("police", "Police"), ("units", "foreign units"), ("troops", "Russian peacekeeping troops"),
                ("forces", "armed government forces"), ("units", "units")] * 3
    assert list(zip(h["label"], h["as_written"], strict=True)) == expected


class _CountingWords:
    """Stands in for the word pattern and counts the characters each search covers."""

    def __init__(self) -> None:
        self.scanned = 0

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        end = len(text) if endpos is None else endpos
        self.scanned += max(end - pos, 0)
        return WORD.finditer(text, pos, end)


def _scan(codebook, n: int, monkeypatch) -> int:
    counter = _CountingWords()
    monkeypatch.setattr(labels, "WORD", counter)
    text = " ".join(["Local people watched as foreign units and Kazakh security forces arrived;"] * n)
    sents = pd.DataFrame({"article_id": ["a"], "sentence_id": [0], "text": [text]})
    labels.label_hits(sents, pd.DataFrame({"article_id": ["a"], "outlet_label": ["X"]}), codebook)
    return counter.scanned


def test_label_hits_scan_a_long_sentence_linearly(codebook, monkeypatch):
    small, big = _scan(codebook, 200, monkeypatch), _scan(codebook, 400, monkeypatch)
    assert big <= ROW_GROWTH * small, (small, big)


def test_label_hits_work_grows_linearly(codebook):
    def tables(n: int):
        texts = [f"Protesters {i} met foreign troops and police" for i in range(n)]
        sents = pd.DataFrame({"article_id": [f"a{i % 50}" for i in range(n)], "sentence_id": range(n), "text": texts})
        return sents, pd.DataFrame({"article_id": [f"a{i}" for i in range(50)], "outlet_label": "X"}), codebook

    small, _ = steps_taken(labels.label_hits, *tables(300))
    big, _ = steps_taken(labels.label_hits, *tables(600))
    assert big <= ROW_GROWTH * small, (small, big)
