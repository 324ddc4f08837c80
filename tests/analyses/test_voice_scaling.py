"""Splitting sentences at quotation spans: the same parts as character by character, linear work per article."""

from __future__ import annotations

import random

import pandas as pd
from work_counting import steps_taken

from helpers.analyses import voice

ROW_GROWTH = 2.3  # steps allowed when one article's sentences and quotes double


def _article(n_sentences: int, seed: int = 11) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One invented article of n sentences; quotes inside sentences, across two sentences, nested and empty."""
    rng = random.Random(seed)
    sents, spans, pos = [], [], 0
    for i in range(n_sentences):
        text = f'Officer {i} said "we will hold the square" and "stay" today.'
        sents.append({"article_id": "a", "sentence_id": i, "clean_start": pos, "clean_end": pos + len(text),
                      "text": text})
        first = pos + text.index("we")
        kind = rng.choice(["inner", "two", "across", "nested", "none"])
        if kind in ("inner", "two", "nested"):
            spans.append((first, pos + text.index('" and')))
        if kind in ("two", "nested"):
            spans.append((pos + text.index("stay"), pos + text.index('" today')))
        if kind == "nested":
            spans.append((first + 3, first + 7))
        if kind == "across":
            spans.append((pos + text.index("today"), pos + len(text) + 12))
        pos += len(text) + 1
    table = pd.DataFrame(spans, columns=["start", "end"]).assign(article_id="a", kind="partial")
    return pd.DataFrame(sents), table[["article_id", "start", "end", "kind"]]


def _reference(text: str, offset: int, spans: list[tuple[int, int]]) -> tuple[str, str]:
    """Outside: every covered character blanked one by one; inside: the spans' text joined with ' ... '."""
    inside = [False] * len(text)
    for s, e in spans:
        for i in range(max(s - offset, 0), min(e - offset, len(text))):
            inside[i] = True
    outside = "".join(" " if inside[i] else c for i, c in enumerate(text))
    parts = [text[max(s - offset, 0) : min(e - offset, len(text))].strip() for s, e in spans]
    return voice._tidy(outside), " ... ".join(p for p in parts if p)


def test_split_by_voice_matches_character_by_character():
    sents, spans = _article(60)
    got = voice.split_by_voice(sents, spans)
    expected = []
    for r in sents.itertuples(index=False):
        mine = [(s, e) for s, e in zip(spans["start"], spans["end"], strict=True)
                if s < r.clean_end and e > r.clean_start]
        outside, inside = _reference(r.text, r.clean_start, mine) if mine else (r.text, "")
        expected += [(r.sentence_id, v, p) for v, p in (("outside", outside), ("inside", inside)) if p.strip()]
    assert list(got[["sentence_id", "voice", "text"]].itertuples(index=False, name=None)) == expected
    assert {"inside", "outside"} == set(got["voice"])


def test_a_quote_across_two_sentences_is_split_in_both():
    sents, spans = _article(2, seed=1)
    spans = pd.DataFrame({"article_id": ["a"], "start": [sents["clean_end"][0] - 7], "end": [sents["clean_start"][1]
                                                                                          + 7], "kind": ["full"]})
    got = voice.split_by_voice(sents, spans)
    assert got.loc[got["voice"] == "inside", "text"].tolist() == ['today.', 'Officer']


def test_split_by_voice_work_grows_linearly():
    small, _ = steps_taken(voice.split_by_voice, *_article(400))
    big, _ = steps_taken(voice.split_by_voice, *_article(800))
    assert big <= ROW_GROWTH * small, (small, big)
