"""The vectorised VADER scorer against NLTK's own ``polarity_scores`` on many sentences."""

from __future__ import annotations

import itertools
import random

import pytest

from helpers.analyses import sentiment, vader

# Invented sentences that exercise every VADER rule: boosters, capitals, negation, "never so", "least",
# idioms, "but", "kind of", repeated tokens, "!" and "?" emphasis, punctuation around words.
RULES = [
    "The talks were very good but the outcome was BAD!!!",
    "It was not a great result, and hardly a good one.",
    "Never so happy to see the harbour open again.",
    "This is the least helpful statement of the week?",
    "At least the crew was safe; at very least nobody died.",
    "The report was kind of sad, sort of hopeful.",
    "That deal is the bomb, yeah right.",
    "He said the plan would cut the mustard -- or be the kiss of death.",
    "GOOD news, good news, good news: the strike is over!",
    "Isn't it wonderful? Aren't we lucky?? Are we???",
    "Terrible, terrible, TERRIBLE violence erupted (again).",
    "\"Peace,\" said the mayor, 'is fragile' ... but possible!",
    "Nobody was hurt, nor was anything damaged; we don't know why.",
    "The extremely hostile crowd was barely calm, but never violent.",
    ":) the sailors cheered :( the owners frowned",
    "",
    "a",
    "Protesters and police clashed; dozens were killed and hundreds injured.",
]
WORDS = ["good", "bad", "very", "not", "never", "so", "this", "least", "at", "but", "kind", "of", "GREAT",
         "terrible", "isn't", "hardly", "the", "bomb", "happy", "war", "peace", "!", "?", "really", "no"]


def generated(n: int, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        words = [rng.choice(WORDS) for _ in range(rng.randint(1, 12))]
        out.append(" ".join(w + rng.choice(["", "", ",", ".", "!", "?!"]) for w in words))
    return out


@pytest.fixture(scope="module")
def corpus_sentences(seeds) -> list[str]:
    return seeds.sentences["text"].tolist()


def test_compound_matches_nltk(corpus_sentences):
    texts = RULES + corpus_sentences + generated(3000)
    nltk_scores = [vader.analyzer().polarity_scores(t)["compound"] for t in texts]
    ours = vader.compounds(texts)
    bad = [(t, a, b) for t, a, b in zip(texts, ours, nltk_scores, strict=True) if abs(round(a, 4) - b) > 1e-9]
    assert not bad, bad[:5]
    assert any(abs(x) > 0.5 for x in ours)  # the corpus is not all neutral: the comparison can fail


def test_tokens_match_nltk_sentitext():
    from nltk.sentiment.vader import SentiText

    c = vader.analyzer().constants
    for text in RULES + generated(500, seed=5) + ["'quoted' (brackets) --dash-- U.S., it's-fine!?!"]:
        stock = SentiText(text, c.PUNC_LIST, c.REGEX_REMOVE_PUNCTUATION).words_and_emoticons
        assert vader.words_and_emoticons(text) == stock


def test_word_shares_sum_to_the_compound():
    for text in RULES + generated(200, seed=2):
        compound, parts = sentiment.compound_with_shares(text)
        assert compound == pytest.approx(sum(v for _, v in parts), abs=1e-12)
        assert compound == pytest.approx(float(vader.compounds([text])[0]), abs=1e-12)


def test_rule_combinations_cover_every_prefix():
    words = ["not", "very", "never", "so", "least", "kind", "of"]
    texts = [" ".join(p) + " good" for r in (1, 2, 3) for p in itertools.product(words, repeat=r)]
    expected = [vader.analyzer().polarity_scores(t)["compound"] for t in texts]
    assert [round(x, 4) for x in vader.compounds(texts)] == pytest.approx(expected, abs=1e-9)


def test_emphasis_of_one_text_equals_the_array_version():
    texts = ["", "Yes!", "No!!!!!!", "Why?", "Why??", "Why???", "Why????!!", "?!?!?!", "Calm."] + generated(300, seed=8)
    assert [vader._emphasis_of(t) for t in texts] == vader.emphasis(texts).tolist()
