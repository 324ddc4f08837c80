"""Word shift without the word x article table: the dense definition within a tolerance, work linear in sentences."""

from __future__ import annotations

import random

import pandas as pd
import pytest
from work_counting import rows_compared, steps_taken

from helpers.analyses import sentiment

ROW_GROWTH = 2.2
TOLERANCE = 1e-9  # floats are compared with a tolerance, never bit for bit (CONTRIBUTING)
WORDS = ["good", "bad", "terrible", "happy", "calm", "violent", "peaceful", "angry", "great", "sad", "table", "door"]


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
    both = got.merge(expected, on=["outlet", "word"], how="outer", suffixes=("", "_dense"))
    # a row on one side only is a shift that is zero on the other: it may differ from zero only by rounding
    both[["shift", "shift_dense"]] = both[["shift", "shift_dense"]].fillna(0.0)
    assert len(both) >= len(expected) > 50
    assert (both["shift"] - both["shift_dense"]).abs().max() <= TOLERANCE
    assert both["count_in_outlet"].fillna(0).tolist() == both["count_in_outlet_dense"].fillna(0).tolist()


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


def test_a_sentence_printed_by_many_articles_is_split_into_word_shares_once(monkeypatch):
    scored = sentiment.score_sentences(pd.DataFrame({"article_id": ["a", "b", "b", "c"], "sentence_id": [0, 0, 1, 0],
                                                     "text": ["A calm day.", "A calm day.", "Angry crowds.",
                                                              "A calm day."]}))
    calls = []
    real = sentiment.compound_with_shares
    monkeypatch.setattr(sentiment, "compound_with_shares", lambda t: calls.append(t) or real(t))
    contrib = sentiment.word_contributions(scored)
    assert sorted(calls) == ["A calm day.", "Angry crowds."]
    calm = contrib[contrib["word"] == "calm"].set_index("article_id")["contribution"]
    assert calm["a"] == pytest.approx(real("A calm day.")[0], abs=TOLERANCE)
    assert calm["b"] == pytest.approx(calm["a"] / 2, abs=TOLERANCE)
