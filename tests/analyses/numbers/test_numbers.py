"""Numeric claims: number forms, typing, categories, reconciliation and date checks."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from helpers.analyses import numbers
from helpers.evaluation import validation


def test_gold_targets():
    scores = validation.number_validation()
    seeds, second = scores.iloc[0], scores.iloc[1]
    assert seeds["precision"] >= 0.95 and seeds["recall"] >= 0.95
    assert second["precision"] >= 0.9 and second["recall"] >= 0.9
    assert second["other_types_correct"] >= 0.9


@pytest.mark.parametrize(("text", "value"), [
    ("2,500", 2500), ("1200", 1200), ("12.5", 12.5), ("Sixty-two", 62), ("three", 3), ("a thousand", 1000),
    ("3 thousand", 3000), ("19 million", 19_000_000), ("two hundred", 200), ("twenty five", 25),
])
def test_parse_number(codebook, text, value):
    assert numbers.parse_number(text, numbers.lexicon(codebook)) == value


def test_intervals_come_from_the_codebook(codebook):
    lex = numbers.lexicon(codebook)
    assert lex.interval(2000, 2000, "more_than") == (2001, math.inf)
    assert lex.interval(12, 12, "at_least") == (12, math.inf)
    assert lex.interval(2500, 2500, "about") == (2250, 2750)
    assert lex.interval(50, 50, "up_to") == (0, 50)


def claims(rows):
    cols = ["claim_id", "article_id", "outlet", "category", "country", "text", "value_low", "value_high",
            "qualifier", "source"]
    return pd.DataFrame(rows, columns=cols)


def test_reconciliation_statuses(codebook):
    c = claims([
        ["a:1", "a", "A", "detained", "", "2,000", 2001, math.inf, "more_than", "Kazakh Interior Ministry"],
        ["b:1", "b", "B", "detained", "", "3,811", 3811, 3811, "exact", "Kazakh Interior Ministry"],
        ["c:1", "c", "C", "deaths_total", "", "10", 10, 10, "exact", ""],
        ["d:1", "d", "D", "deaths_total", "", "40", 40, 40, "exact", ""],
        ["e:1", "e", "E", "injured", "", "5", 5, 5, "exact", ""],
    ])
    dates = pd.DataFrame({"article_id": list("abcde"),
                          "report_date": ["2022-01-06", "2022-01-07", "2022-01-07", "2022-01-07", "2022-01-07"]})
    rec = numbers.reconcile(c, dates, codebook)
    r = rec.set_index("claim_id")
    assert r.loc["a:1", "status"] == "superseded" and "3,811" in r.loc["a:1", "note"]
    assert r.loc["b:1", "status"] == "consistent"
    assert r.loc["c:1", "status"] == "conflict" and r.loc["d:1", "status"] == "conflict"
    assert r.loc["e:1", "status"] == "single"
    s = numbers.summary(rec).set_index("group")
    assert s.loc["detained", "conservative_estimate"] == 3811
    assert s.loc["deaths_total", "range_min"] == 10 and s.loc["deaths_total", "range_max"] == 40


def test_seed_date_anomaly_and_report_dates(seeds, codebook):
    dates = numbers.mentioned_dates(seeds, codebook)
    anomalies = numbers.date_anomalies(dates, codebook)
    assert list(anomalies["text"]) == ["June 5"]
    assert anomalies.iloc[0]["article_id"].startswith("004")
    rd = numbers.report_dates(seeds.articles, dates, anomalies).set_index("article_id")["report_date"]
    assert rd.filter(like="003").item() == "2022-01-07"  # "until January 19" is a deadline, not a report date
    assert rd.filter(like="000").item() == "2022-01-06"


def test_troops_on_another_border_are_not_deployed(seeds, codebook):
    n = numbers.extract_numbers(seeds, seeds.articles, codebook)
    tens = n[n["text"].str.lower() == "tens of thousands"]
    assert len(tens) == 2 and set(tens["category"]) == {"other"}


def test_offsets_point_to_the_number(seeds, codebook):
    n = numbers.extract_numbers(seeds, seeds.articles, codebook)
    raw = dict(zip(seeds.articles["article_id"], seeds.articles["raw_text"], strict=True))
    for r in n.itertuples():
        assert raw[r.article_id][r.start:r.end].replace("\u2019", "'") == r.text
