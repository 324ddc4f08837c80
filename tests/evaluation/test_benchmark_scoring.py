"""The benchmark scoring rules (README of the shared benchmarks), on hand-made tables."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.evaluation import scoring


def test_prf_is_the_one_formula():
    assert scoring.prf(3, 4, 6) == {"precision": 0.75, "recall": 0.5, "f1": 0.6}
    assert scoring.prf(3, 4, 6, gold_found=2)["recall"] == pytest.approx(1 / 3)
    assert scoring.prf(0, 0, 0) == {"precision": 0.0, "recall": 0.0, "f1": 0.0}


def numbers_gold():
    return pd.DataFrame([
        ["x01", "deaths_total", "12", "at_least"],
        ["x01", "injured", "30", "exact"],
        ["x02", "deaths_total", "dozens", "vague"],
        ["x02", "ignore", "5", "exact"],
    ], columns=["article", "category", "value", "qualifier"])


def test_numbers_match_on_article_category_and_stated_number():
    pred = pd.DataFrame([
        # right, twice (both count for precision, the gold claim once for recall)
        ["x01_story", "deaths_total", "12", 12, "at_least", "12"],
        ["x01_story", "deaths_total", "12", 12, "exact", "12"],
        # wrong number
        ["x01_story", "injured", "31", 31, "exact", "31"],
        # vague gold matched by word and qualifier
        ["x02_other", "deaths_total", "dozens", 24, "vague", "Dozens"],
        # an ignore row: neither right nor wrong
        ["x02_other", "deaths_total", "5", 5, "exact", "five"],
        # a category the gold does not score, and an article it does not have
        ["x01_story", "detained", "40", 40, "exact", "40"],
        ["y09", "deaths_total", "3", 3, "exact", "3"],
    ], columns=["article_id", "category", "value", "value_low", "qualifier", "text"])
    s = scoring.bench_numbers(pred, numbers_gold())
    assert (s["matched"], s["n_predicted"], s["n_gold"]) == (3, 4, 3)
    assert s["precision"] == 0.75 and s["recall"] == pytest.approx(2 / 3)
    assert s["qualifier_accuracy"] == 1.0  # the first prediction of each gold claim decides


def quotes_gold():
    return pd.DataFrame([
        ["q1", "Ada Stone|Stone", "The river is rising", "full", "yes"],
        ["q1", "", "a disgrace", "partial", "no"],
        ["q1", "", "unmarked words here", "ignore", "no"],
    ], columns=["article", "speaker_keys", "quote_prefix", "kind", "score_speaker"])


RAW = ('"The river is rising faster than last year," said Ada Stone. Critics called the plan "a disgrace." '
       'A sign read "unmarked words here".')


def test_quotes_cover_the_gold_and_speakers_match_by_key():
    pred = pd.DataFrame([
        ["q1_a", "The river is rising faster than last year,", "Mayor Ada Stone", "Stone"],
        ["q1_a", "a disgrace.", "", ""],
        ["q1_a", "unmarked words here", "", ""],  # inside an ignore stretch
        ["q1_a", "an invented quotation", "", ""],  # extra
    ], columns=["article_id", "text", "speaker", "speaker_as_written"])
    s = scoring.bench_quotes(pred, {"q1": RAW}, quotes_gold())
    assert (s["matched"], s["n_predicted"], s["n_gold"]) == (2, 3, 2)
    assert s["speaker_accuracy"] == 1.0 and s["speaker_scored"] == 1


def test_a_quote_that_swallows_the_text_around_it_does_not_match():
    long = "The river is rising faster than last year, said Ada Stone to the crowd of farmers at the market"
    pred = pd.DataFrame([["q1_a", long, "Ada Stone", ""]], columns=["article_id", "text", "speaker",
                                                                     "speaker_as_written"])
    s = scoring.bench_quotes(pred, {"q1": RAW}, quotes_gold().iloc[:1])
    assert s["matched"] == 0 and s["recall"] == 0.0


def test_a_count_reported_twice_is_found_twice():
    gold = pd.DataFrame([["x03", "deaths_total", "dozens", "vague"], ["x03", "deaths_total", "dozens", "vague"]],
                        columns=["article", "category", "value", "qualifier"])
    pred = pd.DataFrame([["x03", "deaths_total", "dozens", 24, "vague", "Dozens"],
                         ["x03", "deaths_total", "dozens", 24, "vague", "dozens"]],
                        columns=["article_id", "category", "value", "value_low", "qualifier", "text"])
    s = scoring.bench_numbers(pred, gold)
    assert s["recall"] == 1.0 and s["precision"] == 1.0
    s = scoring.bench_numbers(pred.iloc[:1], gold)
    assert s["recall"] == 0.5
