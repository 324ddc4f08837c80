"""The tone model toward each actor against hand coding: invented tables, expected values written by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.evaluation.actor_tone_gold import (
    ActorToneGoldError,
    actor_tone_scores,
    check_actor_tone_gold,
    macro_f1,
    model_labels,
)


def _mention(article: str, sentence: int, canonical: str, neg: float, neu: float, pos: float) -> dict:
    return {"article_id": article, "sentence_id": sentence, "actor": "group", "canonical": canonical,
            "p_negative": neg, "p_neutral": neu, "p_positive": pos}


MENTIONS = pd.DataFrame([
    _mention("a1", 0, "Mayor Ode", 0.7, 0.2, 0.1),   # negative
    _mention("a1", 0, "Harbour Board", 0.1, 0.8, 0.1),  # neutral
    # the mayor twice in one sentence: mean (0.35, 0.25, 0.4) -> positive, although one mention reads negative
    _mention("a1", 2, "Mayor Ode", 0.6, 0.3, 0.1),
    _mention("a1", 2, "Mayor Ode", 0.1, 0.2, 0.7),
    _mention("a2", 1, "dock workers", 0.2, 0.7, 0.1),  # neutral
])
GOLD = pd.DataFrame({
    "article_id": ["a1", "a1", "a1", "a2", "a2"],
    "sentence_id": [0, 0, 2, 1, 3],
    "actor": ["Mayor Ode", "Harbour Board", "Mayor Ode", "dock workers", "Harbour Board"],
    "tone": ["negative", "positive", "positive", "neutral", "negative"],
})


def test_an_actor_named_twice_takes_the_label_of_its_mean_probabilities() -> None:
    labels = model_labels(MENTIONS).set_index(["article_id", "sentence_id", "actor"])["model"]
    assert labels[("a1", 2, "Mayor Ode")] == "positive"
    assert labels[("a1", 0, "Harbour Board")] == "neutral"
    assert len(labels) == 4


def test_scores_count_a_pair_without_a_mention_as_not_found() -> None:
    row = actor_tone_scores(GOLD, MENTIONS, "in-sample: invented").iloc[0]
    assert row["n_gold"] == 5
    assert row["n_found"] == 4  # the board in a2's sentence 3 has no mention
    assert row["coverage"] == pytest.approx(4 / 5)
    assert row["agreement"] == pytest.approx(3 / 4)  # only the board in a1 sentence 0 disagrees
    assert row["agreement_all"] == pytest.approx(3 / 5)
    # found pairs: gold (neg, pos, pos, neu) against model (neg, neu, pos, neu):
    # F1 negative 1, neutral 2*1/(2+1) = 2/3, positive 2*1/(1+2) = 2/3
    assert row["macro_f1"] == pytest.approx((1 + 2 / 3 + 2 / 3) / 3)
    assert row["label"] == "in-sample: invented"


def test_macro_f1_of_perfect_and_of_nothing() -> None:
    assert macro_f1(["negative", "neutral"], ["negative", "neutral"]) == pytest.approx(1.0)
    assert macro_f1(["negative"], ["positive"]) == pytest.approx(0.0)
    assert pd.isna(macro_f1([], []))


def test_no_mention_at_all_gives_no_agreement_but_a_coverage_of_zero() -> None:
    row = actor_tone_scores(GOLD, MENTIONS.iloc[0:0], "in-sample").iloc[0]
    assert row["n_found"] == 0 and row["coverage"] == 0
    assert pd.isna(row["agreement"]) and row["agreement_all"] == 0


@pytest.mark.parametrize(("change", "message"), [
    ({"tone": "angry"}, "row 3: tone 'angry'"),
    ({"actor": "Nobody Known"}, "row 3: actor 'Nobody Known'"),
])
def test_bad_gold_is_named_by_file_and_row(change: dict, message: str) -> None:
    bad = GOLD.copy()
    for column, value in change.items():
        bad.loc[1, column] = value
    with pytest.raises(ActorToneGoldError, match=message):
        check_actor_tone_gold(bad, {"Mayor Ode", "Harbour Board", "dock workers"}, "gold/actor_tone.csv")


def test_gold_coded_twice_or_without_a_column_is_refused() -> None:
    canonicals = {"Mayor Ode", "Harbour Board", "dock workers"}
    with pytest.raises(ActorToneGoldError, match="coded twice"):
        check_actor_tone_gold(pd.concat([GOLD, GOLD.iloc[:1]]), canonicals)
    with pytest.raises(ActorToneGoldError, match="missing column"):
        check_actor_tone_gold(GOLD.drop(columns="tone"), canonicals)
    check_actor_tone_gold(GOLD, canonicals)  # the good file passes
