"""Sentiment and framing: exact word shift, reproducible intervals, hand-checked keyness, validation."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers.analyses import framing, sentiment, vader
from helpers.evaluation import validation


@pytest.fixture(scope="module")
def scored(seeds):
    return sentiment.score_sentences(seeds.sentences)


def test_compound_matches_nltk_vader(scored):
    sia = vader.analyzer()
    for text, compound in zip(scored["text"], scored["compound"], strict=True):
        assert abs(sia.polarity_scores(text)["compound"] - compound) < 1e-4, text


def test_attribution_sums_to_compound():
    for text in [
        "Police said the rioters were terrorists!",
        "A peaceful, productive call.",
        "It was not good, but it was not terrible either.",
        "Nothing here.",
    ]:
        compound, parts = sentiment.compound_with_shares(text)
        assert sum(p for _, p in parts) == pytest.approx(compound, abs=1e-12)


def test_word_shift_sums_to_score_difference(scored, seeds):
    articles = seeds.articles
    by_article = sentiment.article_scores(scored, articles)
    corpus = by_article["mean_compound"].mean()
    shift = sentiment.word_shift(scored, articles)
    by_outlet = by_article.groupby("outlet_label")["mean_compound"].mean()
    for outlet, total in shift.groupby("outlet")["shift"].sum().items():
        assert total == pytest.approx(by_outlet[outlet] - corpus, abs=1e-9), outlet


def test_bootstrap_contains_mean_and_is_reproducible(scored, seeds):
    a = sentiment.outlet_scores(scored, seeds.articles, n_boot=300, seed=7)
    b = sentiment.outlet_scores(scored, seeds.articles, n_boot=300, seed=7)
    c = sentiment.outlet_scores(scored, seeds.articles, n_boot=300, seed=8)
    pd.testing.assert_frame_equal(a, b)
    assert not np.allclose(a["ci_low"], c["ci_low"])
    assert ((a["ci_low"] <= a["mean_compound"]) & (a["mean_compound"] <= a["ci_high"])).all()
    assert a.loc[a["outlet"] == "RFE/RL", "n_articles"].item() == 2


def test_family_weights_change_only_families(scored, seeds):
    """Halving one of RFE/RL's two articles moves RFE/RL's mean to the weighted mean and no other outlet's."""
    per_article = sentiment.article_scores(scored, seeds.articles).set_index("article_id")
    first, second = sorted(per_article.index[per_article["outlet"] == "RFE/RL"])
    w = pd.Series({aid: 1.0 for aid in seeds.documents})
    w[first] = 0.5
    plain = sentiment.outlet_scores(scored, seeds.articles, n_boot=10).set_index("outlet")
    weighted = sentiment.outlet_scores(scored, seeds.articles, n_boot=10, weights=w).set_index("outlet")
    m1, m2 = per_article.loc[first, "mean_compound"], per_article.loc[second, "mean_compound"]
    assert m1 != m2, "the test needs two articles with different tone"
    assert weighted.loc["RFE/RL", "mean_compound"] == pytest.approx((0.5 * m1 + m2) / 1.5)
    assert plain.loc["RFE/RL", "mean_compound"] == pytest.approx((m1 + m2) / 2)
    others = plain.index.drop("RFE/RL")
    assert np.allclose(plain.loc[others, "mean_compound"], weighted.loc[others, "mean_compound"])


def test_thresholds():
    assert sentiment.label(0.05) == "positive" and sentiment.label(-0.05) == "negative"
    assert sentiment.label(0.049) == "neutral"


def test_fightin_words_hand_computed():
    # outlet A uses x three times and y once; outlet B the reverse. With the prior equal to the
    # corpus counts (alpha_x = alpha_y = 4, a0 = 8): delta_x = ln(7/5) - ln(5/7) = 0.672944,
    # var = 1/7 + 1/5, z = 0.672944 / 0.585540 = 1.149271 (worked out by hand).
    counts = pd.DataFrame({"outlet": ["A", "A", "B", "B"], "term": ["x", "y", "x", "y"], "count": [3, 1, 1, 3]})
    k = framing.fightin_words(counts, min_count=1).set_index(["outlet", "term"])["z"]
    assert k[("A", "x")] == pytest.approx(1.149271, abs=1e-5)
    assert k[("A", "y")] == pytest.approx(-1.149271, abs=1e-5)
    assert k[("B", "y")] == pytest.approx(1.149271, abs=1e-5)
    assert framing.fightin_words(counts, min_count=2).set_index(["outlet", "term"]).index.tolist() == [
        ("A", "x"),
        ("B", "y"),
    ]


def test_term_pattern_wildcards_and_phrases():
    rx = framing.term_pattern(["riot*", "shoot to kill", "U.S."])
    found = [m.group() for m in rx.finditer("Rioters and a riot; U.S. troops; shoot  to kill; patriots")]
    assert found == ["Rioters", "riot", "U.S.", "shoot  to kill"]


def test_actor_labels(codebook):
    sents = pd.DataFrame(
        {
            "article_id": ["a", "a"],
            "sentence_id": [0, 1],
            "text": [
                "Bandits and terrorists attacked; protesters fled.",
                "Russian paratroopers and peacekeepers arrived.",
            ],
        }
    )
    arts = pd.DataFrame({"article_id": ["a"], "outlet_label": ["X"]})
    t = framing.actor_labels(sents, arts, codebook).set_index(["actor", "label"])["count"]
    assert t[("people_in_streets", "bandits")] == 1 and t[("people_in_streets", "terrorists")] == 1
    assert t[("people_in_streets", "protesters")] == 1
    assert t[("foreign_troops", "paratroopers")] == 1 and t[("foreign_troops", "peacekeepers")] == 1


def test_frame_validation_meets_stated_thresholds():
    # thresholds chosen from the validation: micro precision 0.85, recall 0.92 when first measured; 0.83 and 0.81
    # once names left the frames (issue 27: the gold codes a sentence naming a state as relations between states,
    # which the frame no longer counts, so "Relations between states" is below 0.7 in recall and marked)
    scores, confusion, micro = validation.frame_validation()
    assert micro["n_sentences"] >= 80
    assert micro["precision"] >= 0.80
    assert micro["recall"] >= 0.80
    meets = set(scores.loc[~scores["below_0_7"], "frame"])
    assert {"riot_violence", "confrontation", "security_defence"} <= meets
    assert confusion.to_numpy().sum() >= micro["n_sentences"]
