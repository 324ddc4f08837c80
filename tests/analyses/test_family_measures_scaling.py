"""Per-article measures for the reuse effect: each sentence's frames are split once, not once per frame."""

from __future__ import annotations

import pandas as pd
from work_counting import steps_taken

from helpers.analyses.story_families import per_article_measures

GROWTH = 1.6  # four times the frames may add columns, not a pass over every sentence per frame


def _tables(n_frames: int, n_sentences: int = 400) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    frames = [f"frame_{i:02d}" for i in range(n_frames)]
    scores = pd.DataFrame({"article_id": ["a", "b", "c"], "mean_compound": [0.1, -0.2, 0.0]})
    found = [";".join(frames[(i + j) % n_frames] for j in range(i % 3)) for i in range(n_sentences)]
    sentences = pd.DataFrame({"article_id": [("a", "b")[i % 2] for i in range(n_sentences)], "frames": found})
    return scores, sentences, pd.DataFrame({"article_id": ["a", "a", "c"]})


def test_shares_of_sentences_and_quotes_per_article():
    scores = pd.DataFrame({"article_id": ["a", "b", "c"], "mean_compound": [0.1, -0.2, 0.0]})
    sentences = pd.DataFrame({"article_id": ["a", "a", "a", "a", "b"],
                              "frames": ["riot;riot", "riot;order", "", None, "order"]})
    out = per_article_measures(scores, sentences, pd.DataFrame({"article_id": ["a", "a", "c"]}))
    assert list(out.columns) == ["article_id", "mean_compound", "share of sentences: order",
                                 "share of sentences: riot", "quotes per article"]
    assert out["share of sentences: riot"].tolist() == [0.5, 0.0, 0.0]  # a frame counts once per sentence
    assert out["share of sentences: order"].tolist() == [0.25, 1.0, 0.0]
    assert out["quotes per article"].tolist() == [2, 0, 1]


def test_work_does_not_grow_with_the_frames_times_the_sentences():
    few, _ = steps_taken(per_article_measures, *_tables(10))
    many, _ = steps_taken(per_article_measures, *_tables(40))
    assert many <= GROWTH * few, (few, many)
