"""Date checks over many articles: the same anomalies and report dates as their definitions, linear work."""

from __future__ import annotations

import random
from datetime import date

import pandas as pd
import pytest
from work_counting import rows_compared, steps_taken

from helpers.analyses import numbers
from helpers.inputs.codebook import load_codebook

ROW_GROWTH = 2.3
MONTHS = ["January", "February", "June"]


@pytest.fixture(scope="module")
def codebook():
    return load_codebook(None)


def _dates(n_articles: int, per_article: tuple[int, int], seed: int = 9) -> pd.DataFrame:
    """Invented month-day mentions: mostly January, some June or February; some with a year, some deadlines."""
    rng = random.Random(seed)
    rows = []
    for a in range(n_articles):
        for _ in range(rng.randint(*per_article)):
            month = rng.choices([1, 2, 6], weights=[8, 1, 1])[0]
            day = rng.randint(1, 28)
            explicit = rng.random() < 0.1
            text = f"{MONTHS[[1, 2, 6].index(month)]} {day}" + (", 2021" if explicit else "")
            rows.append({"article_id": f"art{a:04d}", "text": text,
                         "date": date(2021 if explicit else 2022, month, day).isoformat(), "month": month,
                         "explicit_year": explicit, "start": day, "end": day + 5, "context": f"on {text}",
                         "deadline": rng.random() < 0.1})
    return pd.DataFrame(rows, columns=["article_id", "text", "date", "month", "explicit_year", "start", "end",
                                       "context", "deadline"])


def _reference_anomalies(dates: pd.DataFrame) -> list[tuple[str, str]]:
    """The definition: a date outside January 2022 (the codebook's window) whose month no other date shares."""
    out = []
    for aid, g in dates.groupby("article_id"):
        for r in g.itertuples(index=False):
            if r.explicit_year or date(2022, 1, 1) <= date.fromisoformat(r.date) <= date(2022, 1, 31):
                continue
            others = g[(g["text"] != r.text) & ~g["explicit_year"]]
            if len(others) and (others["month"] != r.month).all():
                out.append((aid, r.text))
    return out


def test_date_anomalies_by_hand(codebook):
    dates = pd.DataFrame({"article_id": ["a"] * 4 + ["b"] * 2, "text": ["January 5", "June 6", "January 7", "June 6",
                                                                        "June 6", "June 9"],
                          "date": ["2022-01-05", "2022-06-06", "2022-01-07", "2022-06-06", "2022-06-06", "2022-06-09"],
                          "month": [1, 6, 1, 6, 6, 6], "explicit_year": [False] * 6, "start": [0, 10, 20, 30, 0, 10],
                          "end": [9, 16, 29, 36, 6, 16], "context": ["x"] * 6})
    got = numbers.date_anomalies(dates, codebook)
    # article a: both "June 6" mentions are anomalies (every other date is in January); article b: June agrees
    assert list(zip(got["article_id"], got["text"], got["start"], strict=True)) == [("a", "June 6", 10),
                                                                                     ("a", "June 6", 30)]
    assert "every other date in the article is in January" in got["note"].iloc[0]


def test_date_anomalies_match_the_definition(codebook):
    dates = _dates(150, (1, 9))
    got = numbers.date_anomalies(dates, codebook)
    assert list(zip(got["article_id"], got["text"], strict=True)) == _reference_anomalies(dates)
    assert len(got) > 5


def test_report_dates_match_the_definition(codebook):
    dates = _dates(120, (0, 6))
    anomalies = numbers.date_anomalies(dates, codebook)
    published = ["2022-01-09" if a % 5 == 0 else ("" if a % 2 else "unknown") for a in range(130)]
    arts = pd.DataFrame({"article_id": [f"art{a:04d}" for a in range(130)], "published": published})
    got = numbers.report_dates(arts, dates, anomalies).set_index("article_id")
    bad = set(zip(anomalies["article_id"], anomalies["text"], strict=True))
    for aid, published in zip(arts["article_id"], arts["published"], strict=True):
        mine = dates[(dates["article_id"] == aid) & ~dates["explicit_year"] & ~dates["deadline"]]
        plausible = [d for t, d in zip(mine["text"], mine["date"], strict=True) if (aid, t) not in bad]
        expected = published if published not in ("", "unknown") else (max(plausible) if plausible else "unknown")
        assert got.loc[aid, "report_date"] == expected, aid
    assert set(got["basis"]) == {"declared", "inferred: latest date mentioned", "no date declared or mentioned"}


def test_date_anomalies_work_grows_linearly_within_an_article(codebook):
    for count in (steps_taken, rows_compared):  # Python steps, and rows of the table compared
        small, _ = count(numbers.date_anomalies, _dates(1, (300, 300)), codebook)
        big, _ = count(numbers.date_anomalies, _dates(1, (600, 600)), codebook)
        assert big <= ROW_GROWTH * small, (count.__name__, small, big)


def test_report_dates_do_not_scan_the_dates_per_article(codebook):
    def compared(n: int) -> int:
        dates = _dates(n, (2, 2))
        arts = pd.DataFrame({"article_id": [f"art{a:04d}" for a in range(n)], "published": "unknown"})
        return rows_compared(numbers.report_dates, arts, dates, numbers.date_anomalies(dates, codebook))[0]

    small, big = compared(200), compared(400)
    assert big <= ROW_GROWTH * small, (small, big)
