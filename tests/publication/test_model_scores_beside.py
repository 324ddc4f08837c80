"""The tone model's card scores beside a study's actor-tone scores: invented tables, hand-written expectations."""

from __future__ import annotations

import pandas as pd

from helpers.publication.model_scores import actor_tone_validation_finding, tone_scores_beside_study

CARD = pd.DataFrame([{"set": "an invented set", "label": "development: tuned against", "n": "10",
                      "macro-F1": "0.500", "accuracy": "0.600"}])
VALIDATION = pd.DataFrame([{"n_gold": 8, "n_found": 4, "coverage": 0.5, "agreement": 0.75, "agreement_all": 0.375,
                            "macro_f1": 0.7, "label": "in-sample: invented"}])


def test_the_study_row_sits_under_the_card_row() -> None:
    table = tone_scores_beside_study(VALIDATION, CARD)
    assert list(table["label"]) == ["development: tuned against", "in-sample: invented"]
    assert table.iloc[1][["n", "macro-F1", "accuracy", "found"]].tolist() == ["8", "0.700", "0.750", "4 of 8"]
    assert table.iloc[0]["found"] == ""


def test_a_study_without_the_gold_shows_the_card_alone_and_says_so() -> None:
    assert len(tone_scores_beside_study(VALIDATION.iloc[0:0], CARD)) == 1
    assert "no hand coding" in actor_tone_validation_finding(VALIDATION.iloc[0:0])


def test_the_finding_gives_the_counts_and_the_label() -> None:
    text = actor_tone_validation_finding(VALIDATION)
    assert "in-sample: invented" in text
    assert "reached 4 of the 8" in text and "on 3 of those 4 (0.750" in text and "3 of all 8" in text
