"""Dates in the text: month-day mentions, dates outside the event window, and when each article reported.

Many scraped articles carry no publication date; the latest plausible date an article mentions is the
best available stand-in, and is always labelled as inferred.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from functools import lru_cache

import pandas as pd

from helpers.analyses.numbers.lexicon import lexicon
from helpers.inputs.codebook import Codebook
from helpers.text.normalise import NormalisedCorpus

# Characters of clean text kept around a date, to show it in the anomaly note and to find a deadline word.
CONTEXT_BEFORE = 60
CONTEXT_AFTER = 40


@lru_cache(maxsize=8)
def calendar(codebook: Codebook) -> tuple[re.Pattern[str], dict[str, int], re.Pattern[str]]:
    """Month-day pattern, month prefix -> number, and the deadline cue, from the general codebook."""
    lex = lexicon(codebook)
    names = [str(m) for m in codebook.section("number_words").get("months", [])]
    months = {m.lower(): i for i, m in enumerate(names, 1)}
    date_rx = re.compile(rf"\b({lex.month_rx})\s+(\d{{1,2}})(?:,\s*(\d{{4}}))?\b")
    deadline = re.compile(r"\b(?:" + ("|".join(map(re.escape, lex.deadline_words)) or "(?!)") + r")\s+$")
    return date_rx, months, deadline


def month_number(written: str, months: dict[str, int]) -> int | None:
    """'Jan.' -> 1, 'Sept.' -> 9: a month written in full or by its first letters."""
    stem = written.lower().rstrip(".")
    return next((v for k, v in months.items() if k.startswith(stem[:3])), None)


def mentioned_dates(normalised: NormalisedCorpus, codebook: Codebook) -> pd.DataFrame:
    """Month-day dates in each article, resolved to the event's year when none is written."""
    year = int(codebook.section("event").get("year", 0) or 0)
    date_rx, months, deadline = calendar(codebook)
    rows = []
    for aid, doc in normalised.documents.items():
        for m in date_rx.finditer(doc.clean_text):
            month = month_number(m.group(1), months)
            y = int(m.group(3)) if m.group(3) else year
            try:
                d = date(y, month, int(m.group(2))) if y and month else None
            except ValueError:
                d = None
            rs, re_ = doc.raw_span(m.start(), m.end())
            rows.append(
                {
                    "article_id": aid,
                    "text": m.group(),
                    "date": d.isoformat() if d else "",
                    "month": month,
                    "explicit_year": bool(m.group(3)),
                    "start": rs,
                    "end": re_,
                    "context": doc.clean_text[max(0, m.start() - CONTEXT_BEFORE) : m.end() + CONTEXT_AFTER],
                    "deadline": bool(deadline.search(doc.clean_text[max(0, m.start() - CONTEXT_BEFORE) : m.start()])),
                }
            )
    return pd.DataFrame(
        rows, columns=["article_id", "text", "date", "month", "explicit_year", "start", "end", "context", "deadline"]
    )


ANOMALY_COLUMNS = ["article_id", "kind", "text", "note", "start", "end"]
DATE_FIELDS = ["text", "date", "month", "explicit_year", "start", "end", "context"]


def _by_article(dates: pd.DataFrame) -> dict[str, list[tuple]]:
    """Each article's date mentions (DATE_FIELDS, in table order), articles sorted: one pass over the table."""
    rows: dict[str, list[tuple]] = {}
    columns = [dates[c].tolist() for c in DATE_FIELDS]
    for aid, *fields in zip(dates["article_id"].tolist(), *columns, strict=True):
        if aid == aid:  # not NaN
            rows.setdefault(aid, []).append(tuple(fields))
    return {aid: rows[aid] for aid in sorted(rows)}


def date_anomalies(dates: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """Dates outside the event window whose month contradicts every other date in the article.

    "Every other date" is the article's dates without a written year, other than this one's text. Counting
    them by month once per article (all of them, and those with each text) answers that for each date in
    constant time, instead of filtering the article's dates again for each of its dates.
    """
    window = codebook.section("event").get("window", {})
    start = date.fromisoformat(str(window["start"])) if window.get("start") else None
    end = date.fromisoformat(str(window["end"])) if window.get("end") else None
    names = {i: name for name, i in calendar(codebook)[1].items()}
    rows = []
    for aid, mentions in _by_article(dates).items():
        by_month: Counter = Counter(m[2] for m in mentions if not m[3])
        by_text_month: Counter = Counter((m[0], m[2]) for m in mentions if not m[3])
        by_text: Counter = Counter(m[0] for m in mentions if not m[3])
        for text, iso, month, explicit, s, e, context in mentions:
            if explicit or not iso or start is None:
                continue
            d = date.fromisoformat(iso)
            n_others = by_text.total() - by_text[text]
            if start <= d <= end or n_others == 0:
                continue
            others = {m: n - by_text_month[(text, m)] for m, n in by_month.items()}
            if any(n > 0 and m == month for m, n in others.items()):
                continue
            numbers = sorted({int(m) for m, n in others.items() if n > 0})
            months = " or ".join(names.get(n, str(n)).capitalize() for n in numbers)
            note = (f"{text} falls outside the event window {start} to {end}, and every other "
                    f"date in the article is in {months}; probably a typo for the same "
                    f"day in that month. Context: ...{context}...")
            rows.append({"article_id": aid, "kind": "date_outside_window", "text": text, "note": note,
                         "start": s, "end": e})
    return pd.DataFrame(rows, columns=ANOMALY_COLUMNS)


def report_dates(articles: pd.DataFrame, dates: pd.DataFrame, anomalies: pd.DataFrame) -> pd.DataFrame:
    """When each article reported: its declared date, else the latest plausible date it mentions.

    The plausible dates (no written year, not an anomaly, not a deadline) are chosen in one pass over the
    dates table and their latest kept per article, so an undated article costs a lookup, not a table scan.
    """
    bad = set(zip(anomalies["article_id"], anomalies["text"], strict=True)) if len(anomalies) else set()
    g = dates[(dates["date"] != "") & (~dates["explicit_year"])]
    g = g[pd.Series([(a, t) not in bad for a, t in zip(g["article_id"].tolist(), g["text"].tolist(), strict=True)],
                    index=g.index, dtype=bool)]  # a mask, also when empty (an empty list would select no columns)
    if "deadline" in g.columns:
        g = g[~g["deadline"].astype(bool)]  # "a state of emergency until January 19" is not a report date
    latest: dict[str, str] = {}
    for aid, day in zip(g["article_id"].tolist(), g["date"].tolist(), strict=True):
        latest[aid] = max(latest[aid], day) if aid in latest else day
    rows = []
    for aid, published in zip(articles["article_id"].tolist(), articles["published"].tolist(), strict=True):
        if published not in ("", "unknown"):
            rows.append({"article_id": aid, "report_date": published, "basis": "declared"})
        elif aid in latest:
            rows.append({"article_id": aid, "report_date": latest[aid], "basis": "inferred: latest date mentioned"})
        else:
            rows.append({"article_id": aid, "report_date": "unknown", "basis": "no date declared or mentioned"})
    return pd.DataFrame(rows, columns=["article_id", "report_date", "basis"])
