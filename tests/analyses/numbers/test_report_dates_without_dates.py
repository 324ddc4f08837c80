"""A corpus whose texts mention no date still gets a report date per article (declared or unknown)."""

from __future__ import annotations

import pandas as pd

from helpers.analyses.numbers.dates import ANOMALY_COLUMNS, report_dates

DATE_COLUMNS = ["article_id", "text", "date", "month", "explicit_year", "start", "end", "context", "deadline"]


def test_no_dates_mentioned_anywhere():
    articles = pd.DataFrame({"article_id": ["a", "b"], "published": ["2031-04-02", ""]})
    dates = pd.DataFrame(columns=DATE_COLUMNS).astype({"explicit_year": bool, "deadline": bool})
    when = report_dates(articles, dates, pd.DataFrame(columns=ANOMALY_COLUMNS))
    assert when.to_dict("records") == [
        {"article_id": "a", "report_date": "2031-04-02", "basis": "declared"},
        {"article_id": "b", "report_date": "unknown", "basis": "no date declared or mentioned"},
    ]
