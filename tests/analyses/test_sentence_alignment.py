"""Sentence alignment: the pruned alignment equals scoring every sentence pair that shares words with difflib."""

from __future__ import annotations

import difflib
import random

import pytest

from helpers.analyses import sentence_alignment
from helpers.analyses.near_copies import words
from helpers.analyses.sentence_alignment import align, shared_words, word_incidence

VOCAB = ["police", "said", "the", "protesters", "in", "Almaty", "were", "detained", "on", "Wednesday", "225", "of",
         "troops", "arrived", "a", "curfew", "was", "declared", "government", "resigned", "and", "city"]


def _every_pair(wa: list[list[str]], wb: list[list[str]], min_ratio: float = 0.6) -> list[tuple[int, int, float]]:
    """The alignment written plainly: score every pair sharing 40% of the shorter one's words, best first."""
    scored = []
    for i, x in enumerate(wa):
        for j, y in enumerate(wb):
            shared = len(set(x) & set(y))
            if shared == 0 or shared < 0.4 * min(len(x), len(y)):
                continue
            r = difflib.SequenceMatcher(None, x, y, autojunk=False).ratio()
            if r >= min_ratio:
                scored.append((r, i, j))
    used_a, used_b, pairs = set(), set(), []
    for r, i, j in sorted(scored, reverse=True):
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.append((i, j, r))
    return sorted(pairs, key=lambda p: p[1])


def _article(rng: random.Random, base: list[str] | None = None) -> list[str]:
    if base is None:
        return [" ".join(rng.choices(VOCAB, k=rng.randint(0, 14))) for _ in range(rng.randint(1, 12))]
    out = []
    for s in base:  # an edited copy: sentences kept, changed by a word, cut, or added
        w = s.split()
        roll = rng.random()
        if roll < 0.15:
            continue
        if roll < 0.5 and w:
            w[rng.randrange(len(w))] = rng.choice(VOCAB)
        out.append(" ".join(w))
        if rng.random() < 0.1:
            out.append(" ".join(rng.choices(VOCAB, k=rng.randint(1, 10))))
    return out


@pytest.mark.parametrize("seed", range(40))
def test_alignment_equals_scoring_every_sentence_pair(seed):
    rng = random.Random(seed)
    sa = _article(rng)
    sb = _article(rng, sa) if seed % 3 else _article(rng)
    wa, wb = [words(s) for s in sa], [words(s) for s in sb]
    expected = _every_pair(wa, wb)
    assert align(sa, sb) == expected
    found = word_incidence({"a": wa, "b": wb})
    assert align(sa, sb, tokens=(wa, wb), incidence=(found["a"], found["b"])) == expected


def test_shared_words_counts_distinct_words():
    wa, wb = [["a", "b", "a"], [], ["c"]], [["a", "a", "c"], ["b", "d"]]
    assert shared_words(wa, wb).tolist() == [[1, 1], [0, 0], [1, 0]]


def test_identical_sentences_are_not_given_to_difflib(monkeypatch):
    """A copy's sentences align without difflib: the bulk of a wire-heavy corpus costs no ratio."""
    made = []
    real = difflib.SequenceMatcher
    monkeypatch.setattr(sentence_alignment.difflib, "SequenceMatcher", lambda *a, **k: made.append(1) or real(*a, **k))
    sents = ["Police said 225 people died.", "A curfew was declared in Almaty.", "Troops arrived on Wednesday."]
    assert align(sents, [*sents, "The government resigned."]) == [(0, 0, 1.0), (1, 1, 1.0), (2, 2, 1.0)]
    assert made == []
    align(sents, ["Police said 226 people died."])
    assert len(made) == 1
