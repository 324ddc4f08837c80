"""Article and outlet tone: the same tables as their per-article/per-outlet definitions, work linear in rows."""

from __future__ import annotations

import random

import numpy as np
import pandas as pd
import pytest
from work_counting import rows_compared, steps_taken

from helpers.analyses import sentiment

ROW_GROWTH = 2.2  # steps allowed when the rows double
OUTLET_GROWTH = 1.25  # steps allowed when outlets grow 8x over the same rows


def _scored(n_articles: int, n_outlets: int, seed: int = 5) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Invented scored sentences: 1-7 per article, compounds on VADER's grid, polarity from the thresholds."""
    rng = random.Random(seed)
    arts, rows = [], []
    for a in range(n_articles):
        aid = f"art{a:05d}"
        outlet = f"Outlet {rng.randrange(n_outlets):03d}"
        arts.append({"article_id": aid, "outlet": outlet.lower(), "outlet_label": outlet})
        for s in range(rng.randint(1, 7)):
            c = rng.choice([-0.8, -0.3, -0.05, 0.0, 0.02, 0.05, 0.4, 0.9])
            rows.append({"article_id": aid, "sentence_id": s, "compound": c, "polarity": sentiment.label(c)})
    return pd.DataFrame(rows), pd.DataFrame(arts)


def test_article_scores_match_the_definition():
    scored, arts = _scored(60, 4)
    got = sentiment.article_scores(scored, arts).set_index("article_id")
    assert list(got.index) == list(arts["article_id"])  # the articles table's order
    for aid, g in scored.groupby("article_id"):
        pol = g["polarity"].tolist()
        assert got.loc[aid, "n_sentences"] == len(g)
        assert got.loc[aid, "mean_compound"] == pytest.approx(sum(g["compound"]) / len(g), abs=1e-15)
        for p in ("positive", "neutral", "negative"):
            assert got.loc[aid, f"share_{p}"] == pol.count(p) / len(pol)


def test_article_scores_by_hand():
    scored = pd.DataFrame({"article_id": ["b", "a", "b", "b"], "sentence_id": [0, 0, 1, 2],
                           "compound": [0.5, -0.5, 0.0, -0.2], "polarity": ["positive", "negative", "neutral",
                                                                             "negative"]})
    arts = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet": ["x", "y", "y"], "outlet_label": ["X", "Y", "Y"]})
    got = sentiment.article_scores(scored, arts)
    assert got["article_id"].tolist() == ["a", "b"]
    assert got.iloc[1][["n_sentences", "share_positive", "share_neutral", "share_negative"]].tolist() == [
        3, 1 / 3, 1 / 3, 1 / 3]
    assert got.iloc[1]["mean_compound"] == pytest.approx(0.1)


def test_outlet_scores_counts_and_means_match_the_definition():
    scored, arts = _scored(80, 6)
    w = pd.Series({aid: 0.5 for aid in arts["article_id"][::3]})
    got = sentiment.outlet_scores(scored, arts, n_boot=0, weights=w)
    outlet_of = arts.set_index("article_id")["outlet_label"]
    expected = []
    for outlet in sorted(set(outlet_of)):
        ids = sorted(a for a in outlet_of.index[outlet_of == outlet] if a in set(scored["article_id"]))
        means = [scored.loc[scored["article_id"] == a, "compound"].mean() for a in ids]
        weights = [w.get(a, 1.0) for a in ids]
        expected.append((outlet, len(ids), int((scored["article_id"].isin(ids)).sum()),
                         sum(m * x for m, x in zip(means, weights, strict=True)) / sum(weights)))
    assert [tuple(r) for r in got[["outlet", "n_articles", "n_sentences"]].itertuples(index=False)] == [
        e[:3] for e in expected]
    assert got["mean_compound"].tolist() == pytest.approx([e[3] for e in expected], abs=1e-12)
    assert got[["ci_low", "ci_high"]].isna().all().all()  # n_boot=0: no bootstrap


def test_weights_do_not_change_the_intervals():
    scored, arts = _scored(40, 3)
    w = pd.Series({aid: 0.25 for aid in arts["article_id"][::2]})
    plain = sentiment.outlet_scores(scored, arts, n_boot=200, seed=3)
    weighted = sentiment.outlet_scores(scored, arts, n_boot=200, seed=3, weights=w)
    pd.testing.assert_frame_equal(plain[["ci_low", "ci_high"]], weighted[["ci_low", "ci_high"]])
    assert not np.allclose(plain["mean_compound"], weighted["mean_compound"])


def test_article_scores_work_grows_linearly():
    small, _ = steps_taken(sentiment.article_scores, *_scored(300, 10))
    big, _ = steps_taken(sentiment.article_scores, *_scored(600, 10))
    assert big <= ROW_GROWTH * small, (small, big)


def test_outlet_scores_scan_the_articles_once(monkeypatch):
    """No table is compared outlet by outlet, and each outlet's bootstrap draws only its own sentences."""
    scored, few_arts = _scored(400, 5)
    _, many_arts = _scored(400, 40)
    few, _ = rows_compared(sentiment.outlet_scores, scored, few_arts, n_boot=20)
    many, _ = rows_compared(sentiment.outlet_scores, scored, many_arts, n_boot=20)
    assert many <= OUTLET_GROWTH * few, (few, many)
    drawn = []
    real = sentiment._cluster_bootstrap
    monkeypatch.setattr(sentiment, "_cluster_bootstrap", lambda g, n, rng: drawn.append(sum(map(len, g))) or real(
        g, n, rng))
    sentiment.outlet_scores(scored, many_arts, n_boot=20)
    assert sum(drawn) == len(scored) and len(drawn) == many_arts["outlet_label"].nunique()


def _mention_sentences(n: int) -> pd.DataFrame:
    texts = ["Tokayev thanked the CSTO as foreign troops arrived.", "Protesters and police clashed in Almaty.",
             "Nothing about anyone here.", "Bandits, said Tokayev, attacked Russian paratroopers."]
    return pd.DataFrame({"article_id": [f"a{i // 4}" for i in range(n)], "sentence_id": [i % 4 for i in range(n)],
                         "text": [texts[i % 4] for i in range(n)]})


def test_actor_mentions_by_sentence(codebook):
    got = sentiment.actor_mentions(_mention_sentences(4), codebook)
    by_sentence = got.groupby("sentence_id")["actor"].apply(list).to_dict()
    assert 2 not in by_sentence  # no name and no label
    assert "protesters" in by_sentence[1] and "protesters" in by_sentence[3]
    assert all(actors == sorted(set(actors)) for actors in by_sentence.values())  # each actor once, sorted


def test_actor_mentions_work_grows_linearly(codebook):
    small, _ = steps_taken(sentiment.actor_mentions, _mention_sentences(400), codebook)
    big, _ = steps_taken(sentiment.actor_mentions, _mention_sentences(800), codebook)
    assert big <= ROW_GROWTH * small, (small, big)
