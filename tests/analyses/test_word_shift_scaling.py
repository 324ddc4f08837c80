"""Word shift without the word x article table: NumPy's dense sums bit for bit, work linear in sentences."""

from __future__ import annotations

import random

import numpy as np
import pandas as pd
import pytest
from work_counting import rows_compared, steps_taken

from helpers.analyses import dense_sums, sentiment

ROW_GROWTH = 2.2
WORDS = ["good", "bad", "terrible", "happy", "calm", "violent", "peaceful", "angry", "great", "sad", "table", "door"]


@pytest.mark.parametrize("n", [1, 5, 8, 9, 16, 63, 64, 127, 128, 129, 200, 257, 260, 300, 1031, 4100])
def test_dense_row_sums_equal_numpy_bit_for_bit(n):
    rng = np.random.default_rng(n)
    dense = rng.standard_normal((7, n)) * 10.0 ** rng.integers(-6, 6, size=(7, n))
    dense[rng.random((7, n)) < rng.choice([0.0, 0.5, 0.95])] = 0.0
    dense[3] = 0.0
    row, pos = np.nonzero(dense)  # row-major: column order within each row
    got = dense_sums.dense_row_sums(row, pos, np.full(len(row), n), dense[row, pos], 7)
    assert got.tolist() == np.ascontiguousarray(dense).sum(axis=1).tolist()


def test_dense_row_sums_rows_of_different_lengths():
    rng = np.random.default_rng(1)
    rows = [rng.standard_normal(n) for n in (3, 150, 9, 290)]
    row = np.concatenate([np.full(len(r), i) for i, r in enumerate(rows)])
    pos = np.concatenate([np.arange(len(r)) for r in rows])
    n = np.concatenate([np.full(len(r), len(r)) for r in rows])
    got = dense_sums.dense_row_sums(row, pos, n, np.concatenate(rows), 4)
    assert got.tolist() == [float(r.sum()) for r in rows]


def _scored(n_articles: int, n_outlets: int, seed: int = 2) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Invented sentences of lexicon and neutral words, 1-5 per article."""
    rng = random.Random(seed)
    arts, rows = [], []
    for a in range(n_articles):
        aid = f"a{a:05d}"
        arts.append({"article_id": aid, "outlet": "", "outlet_label": f"O{a % n_outlets:03d}"})
        for s in range(rng.randint(1, 5)):
            text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 9))) + rng.choice([".", "!", "?"])
            rows.append({"article_id": aid, "sentence_id": s, "text": text})
    return pd.DataFrame(rows), pd.DataFrame(arts)


def _reference(scored: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """The definition on the dense word x article table of contributions."""
    contrib = sentiment.word_contributions(scored)
    ids = sorted(scored["article_id"].unique())
    wide = contrib.pivot_table(index="word", columns="article_id", values="contribution", aggfunc="sum",
                               fill_value=0.0).reindex(columns=ids, fill_value=0.0)
    counts = contrib.pivot_table(index="word", columns="article_id", values="count", aggfunc="sum",
                                 fill_value=0).reindex(columns=ids, fill_value=0)
    outlets = articles.set_index("article_id").loc[ids, "outlet_label"]
    rows = []
    for outlet in sorted(outlets.unique()):
        members = list(outlets.index[outlets == outlet])
        shift = wide[members].mean(axis=1) - wide.mean(axis=1)
        rows += [(outlet, w, float(shift[w]), int(counts.loc[w, members].sum())) for w in shift.index if shift[w] != 0]
    return pd.DataFrame(rows, columns=["outlet", "word", "shift", "count_in_outlet"])


def test_word_shift_equals_the_dense_definition():
    scored, arts = _scored(300, 7)
    got = sentiment.word_shift(scored, arts)
    expected = _reference(scored, arts)
    assert list(got.itertuples(index=False, name=None)) == list(expected.itertuples(index=False, name=None))


def test_word_contributions_by_hand():
    scored = pd.DataFrame({"article_id": ["b", "a", "b"], "sentence_id": [0, 0, 1],
                           "text": ["good good", "table", "bad"]})
    got = sentiment.word_contributions(scored)
    c_good, parts = sentiment.compound_with_shares("good good")
    c_bad, _ = sentiment.compound_with_shares("bad")
    assert got["article_id"].tolist() == ["b", "b"] and got["word"].tolist() == ["good", "bad"]
    assert got["count"].tolist() == [2, 1]
    assert got["contribution"].tolist() == pytest.approx([c_good / 2, c_bad / 2])
    assert len(parts) == 2


def test_word_shift_work_grows_linearly():
    small, _ = steps_taken(sentiment.word_shift, *_scored(200, 10))
    big, _ = steps_taken(sentiment.word_shift, *_scored(400, 10))
    many_outlets, _ = steps_taken(sentiment.word_shift, *_scored(400, 80))
    assert big <= ROW_GROWTH * small, (small, big)
    assert many_outlets <= 1.1 * big, (big, many_outlets)


@pytest.mark.parametrize("negative", [True, False])
def test_strongest_words_by_outlet_equal_those_outlet_by_outlet(negative):
    shift = sentiment.word_shift(*_scored(300, 9))
    shift.loc[shift.index[:20], "count_in_outlet"] = 0  # words an outlet never used are not named
    got = sentiment.strongest_words_by_outlet(shift, 3, negative)
    assert list(got) == sorted(shift["outlet"].unique())
    assert got == {o: sentiment.strongest_words(shift, o, 3, negative) for o in got}


def test_strongest_words_by_outlet_compare_each_row_once():
    few, _ = rows_compared(sentiment.strongest_words_by_outlet, sentiment.word_shift(*_scored(400, 5)))
    many, _ = rows_compared(sentiment.strongest_words_by_outlet, sentiment.word_shift(*_scored(400, 40)))
    n_few, n_many = len(sentiment.word_shift(*_scored(400, 5))), len(sentiment.word_shift(*_scored(400, 40)))
    assert few <= 2 * n_few and many <= 2 * n_many, (few, n_few, many, n_many)
