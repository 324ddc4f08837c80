"""Reconciliation: which numeric claims agree, which are superseded by later reports, which conflict.

Outlets disagree about how many died or were detained. Most disagreements are reports made at
different times from different sources, so each claim keeps who it came from and when: its own time
("early on January 6", "overnight") when the sentence gives one, else the article's report date.
Reconciliation then follows casualty recorders: a later cumulative count from the same or an
official source supersedes an earlier one, overlapping intervals are consistent, and only
non-overlapping claims of the same time are conflicts.

A copy or an edited republication is not independent evidence. With the story families of the
provenance chapter, a figure repeated inside one family is an echo: it is listed, marked with the
claim it repeats, and casts no vote of its own. Claims are grouped by category and then by time, and
each group is swept once in time order, so the work grows with the number of claims, not its square.

A claim in an undated copy takes its story family's date. A claim with no date at all is "undated": it
is listed apart, never superseded and never the current figure. Figures are reported as the sources
stated them: the "stated" figure is the number written, the interval only says what a qualifier allows,
and every figure is credited to the first claim that gave it ("first_reported"); a copy that changed
its family's figure says so ("changed_from").
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import numpy as np
import pandas as pd

from helpers.analyses.numbers.dates import calendar, month_number
from helpers.analyses.numbers.stated_figures import (  # noqa: F401  (summary and outcome re-exported)
    UNKNOWN,
    as_written_figure,
    outcome,
    stated_figure,
    summary,
)
from helpers.inputs.codebook import Codebook

LISTED_GROUP = 20  # in a category of at most this many claims, a consistent claim's note names those it overlaps
COLUMNS = ["category", "group", "claim_id", "article_id", "outlet", "published", "claim_time", "time_basis",
           "text", "as_written", "stated", "value_low", "value_high", "qualifier", "source", "family", "echo_of",
           "first_reported", "changed_from", "status", "note"]
UNDATED = ("undated: neither the claim, its article nor its story family gives a date, so it is shown apart from "
           "the timeline and is never taken as the current figure")


def _day_part_rank(phrase: str, codebook: Codebook) -> int:
    """Order within a day: 2*i for the i-th part of the day named in the codebook; 3 when none is named."""
    words = phrase.lower()
    for i, names in enumerate(codebook.section("qualifiers").get("day_parts", [])):
        if any(re.search(rf"\b{re.escape(str(n).lower())}\b", words) for n in names):
            return 2 * i
    return 3


def _weekday_before(phrase: str, report: date, codebook: Codebook) -> date | None:
    """The latest date on or before ``report`` that falls on the weekday the phrase names.

    Weekday names come from the general codebook, Monday first (Python's ``date.weekday()`` order).
    """
    days = {str(d).lower(): i for i, d in enumerate(codebook.section("number_words").get("weekdays", []))}
    for word in re.findall(r"\w+", phrase):
        wanted = days.get(word.lower())
        if wanted is not None:
            return report - timedelta(days=(report.weekday() - wanted) % 7)
    return None


def _month_day(phrase: str, year: int, codebook: Codebook) -> date | None:
    date_rx, months, _ = calendar(codebook)
    m = date_rx.search(phrase)
    if not m or not year:
        return None
    month = month_number(m.group(1), months)
    try:
        return date(int(m.group(3) or year), month, int(m.group(2))) if month else None
    except ValueError:
        return None


def claim_time(as_of: str, report_date: str, codebook: Codebook) -> tuple[str, int, str]:
    """(date, rank within the day, basis in words) of one claim: its own time phrase first."""
    as_of = str(as_of or "").strip()
    report = None
    if report_date and report_date != UNKNOWN:
        try:
            report = date.fromisoformat(str(report_date)[:10])
        except ValueError:
            report = None
    year = report.year if report else int(codebook.section("event").get("year", 0) or 0)
    rank = _day_part_rank(as_of, codebook) if as_of else 3
    own = _month_day(as_of, year, codebook) if as_of else None
    if own is None and as_of and report is not None:
        own = _weekday_before(as_of, report, codebook)
    if own is not None:
        return own.isoformat(), rank, f"the claim's own time ({as_of})"
    if report is None:
        return UNKNOWN, rank, "no date: neither the claim nor the article gives one"
    if as_of:
        return report.isoformat(), rank, f"the article's report date, at the claim's time of day ({as_of})"
    return report.isoformat(), rank, "the article's report date"


def _prepare(claims: pd.DataFrame, dates: pd.DataFrame, codebook: Codebook,
             families: pd.DataFrame | None) -> pd.DataFrame:
    when = dict(zip(dates["article_id"], dates["report_date"], strict=True))
    fam = dict(zip(families["article_id"], families["family"], strict=True)) if families is not None else {}
    t = claims.reset_index(drop=True).copy()
    country = t["country"] if "country" in t else pd.Series("", index=t.index)
    t["group"] = [c + (f" ({k})" if k else "") for c, k in zip(t["category"], country.fillna(""), strict=True)]
    t["family"] = [fam.get(a, a) for a in t["article_id"]]
    own = [str(when.get(a, UNKNOWN)) for a in t["article_id"]]
    family_date = _family_dates(fam, when)
    t["published"] = [d if d != UNKNOWN else family_date.get(f, UNKNOWN) for d, f in zip(own, t["family"], strict=True)]
    t["_borrowed"] = [d == UNKNOWN for d in own]  # a copy dated by its family comes after the dated original
    as_of = t["as_of"].fillna("") if "as_of" in t else pd.Series("", index=t.index)
    times = [claim_time(a, p, codebook) for a, p in zip(as_of, t["published"], strict=True)]
    t["claim_time"] = [d for d, _, _ in times]
    t["_rank"] = [r for _, r, _ in times]
    t["time_basis"] = [b + ("; the date of its story family's first dated article" if d == UNKNOWN and p != UNKNOWN
                            else "") for (_, _, b), d, p in zip(times, own, t["published"], strict=True)]
    t["source"] = t["source"].fillna("")
    t["stated"] = [stated_figure(r) for r in t.to_dict("records")]
    t["as_written"] = [as_written_figure(q, x) for q, x in zip(_qualifier_phrases(t, codebook), t["text"], strict=True)]
    return t


def _qualifier_phrases(t: pd.DataFrame, codebook: Codebook) -> list[str]:
    """Each claim's qualifier as its source wrote it; for a claims table made before the phrase was kept, the
    codebook's reader words for its standard qualifier."""
    if "qualifier_written" in t:
        return t["qualifier_written"].fillna("").astype(str).tolist()
    words = codebook.section("qualifiers").get("reader_words", {})
    return [str(words.get(str(q), "")) for q in t["qualifier"]]


def _family_dates(fam: dict[str, str], when: dict[str, str]) -> dict[str, str]:
    """The earliest known report date of each story family: an undated copy belongs to its family's date."""
    out: dict[str, str] = {}
    for article, family in fam.items():
        day = str(when.get(article, UNKNOWN))
        if day != UNKNOWN and (family not in out or day < out[family]):
            out[family] = day
    return out


def _mark_echoes(t: pd.DataFrame) -> pd.Series:
    """For each claim, the claim it repeats inside its story family (same group and interval), else ''."""
    order = t.sort_values(["published", "_borrowed", "article_id", "claim_id"])
    first = order.groupby(["group", "family", "value_low", "value_high"], sort=False)["claim_id"].transform("first")
    echo = first.where(first != order["claim_id"], "")
    return echo.reindex(t.index)


def _two_extremes(votes: pd.DataFrame, column: str, smallest: bool) -> list[tuple[float, str, int]]:
    """The most extreme value of ``column`` and the most extreme from another family: (value, family, row)."""
    ordered = votes.sort_values(column, ascending=smallest)
    out: list[tuple[float, str, int]] = []
    for idx, value, family in zip(ordered.index, ordered[column], ordered["family"], strict=True):
        if not out or family != out[0][1]:
            out.append((value, family, idx))
        if len(out) == 2:
            break
    return out


def _conflict_partner(family: str, low: float, high: float, lows: list, highs: list) -> int | None:
    """A claim of the same time, from another family, whose interval does not overlap this one."""
    below = next(((v, i) for v, f, i in highs if f != family), None)
    if below is not None and below[0] < low:
        return below[1]
    above = next(((v, i) for v, f, i in lows if f != family), None)
    return above[1] if above is not None and above[0] > high else None


SWEEP_COLUMNS = ["value_low", "value_high", "family", "source", "text", "claim_id", "outlet", "claim_time"]


def _sweep(g: pd.DataFrame, cumulative: bool, official: set[str]) -> dict[int, tuple[str, str]]:
    """Status and note of every vote in one category: windows swept from the latest time back.

    Rows are read from plain dicts (row label -> value), so a claim costs a few lookups, not pandas calls.
    """
    out: dict[int, tuple[str, str]] = {}
    col = {c: dict(zip(g.index, g[c].tolist(), strict=True)) for c in SWEEP_COLUMNS}
    low = col["value_low"]
    best_by_source: dict[str, int] = {}
    best_official: int | None = None
    known = g[g["claim_time"] != UNKNOWN]  # undated claims stand apart: no window, no vote on the timeline
    windows = list(known.groupby(["claim_time", "_rank"], sort=True))
    for _, w in reversed(windows):
        if w.empty:
            continue
        lows, highs = _two_extremes(w, "value_low", False), _two_extremes(w, "value_high", True)
        for i in w.index:
            source = col["source"][i]
            later = [best_by_source.get(source) if source else None, best_official]
            later = [j for j in later if j is not None and low[j] >= low[i]]
            partner = _conflict_partner(col["family"][i], low[i], col["value_high"][i], lows, highs)
            if cumulative and later:
                o = later[0]
                out[i] = ("superseded", f"a later report ({col['claim_time'][o]}) from "
                          f"{col['source'][o] or 'an unnamed source'} gives {col['text'][o]} ({col['claim_id'][o]})")
            elif partner is not None:
                o = partner
                out[i] = ("conflict", f"does not overlap {col['text'][o]} ({col['outlet'][o]}, {col['claim_id'][o]}) "
                          f"reported at the same time ({col['claim_time'][o]})")
        for i in w.index:  # what later windows offer to earlier ones: the highest count per source
            source = col["source"][i]
            if source and (source not in best_by_source or low[i] > low[best_by_source[source]]):
                best_by_source[source] = i
            if source in official and (best_official is None or low[i] > low[best_official]):
                best_official = i
    return out


def _overlap_notes(g: pd.DataFrame, rows: list[int]) -> list[str]:
    """The note of each consistent claim in ``rows``: the claims it overlaps (their number in a large category).

    The category's interval ends are sorted once; each claim's count is two binary searches.
    """
    lo_all, hi_all = g["value_low"].to_numpy(), g["value_high"].to_numpy()
    lows, highs = np.sort(lo_all), np.sort(hi_all)
    lo, hi = g.loc[rows, "value_low"].to_numpy(), g.loc[rows, "value_high"].to_numpy()
    counts = len(g) - np.searchsorted(highs, lo, side="left") - (len(g) - np.searchsorted(lows, hi, side="right")) - 1
    notes = []
    for idx, a, b, n in zip(rows, lo, hi, counts.tolist(), strict=True):
        if n <= 0:
            notes.append("reported at a different time from the claims it does not overlap")
        elif len(g) > LISTED_GROUP:  # a large category: the count, not a list that would grow with its square
            notes.append(f"overlaps {n} other independent claim{'s' if n > 1 else ''}")
        else:
            near = g[(g.index != idx) & (lo_all <= b) & (hi_all >= a)]["claim_id"]
            notes.append("overlaps " + ", ".join(near))
    return notes


def _echo_notes(t: pd.DataFrame, status: list[str], note: list[str]) -> None:
    """An echo takes the status of the claim it repeats, and a note naming it."""
    pos = {c: k for k, c in enumerate(t["claim_id"].tolist())}
    text, outlet, article = t["text"].tolist(), t["outlet"].tolist(), t["article_id"].tolist()
    for k, echo in enumerate(t["echo_of"].tolist()):
        if echo == "":
            continue
        o = pos[echo]
        status[k] = status[o]
        where = "earlier in the same article" if article[o] == article[k] else "from the same story family"
        note[k] = (f"echo: repeats {text[o]} ({outlet[o]}, {echo}) {where}; "
                   "not counted as independent evidence")


def reconcile(claims: pd.DataFrame, dates: pd.DataFrame, codebook: Codebook,
              families: pd.DataFrame | None = None) -> pd.DataFrame:
    """Status of every event-count claim within its category, with a note in words.

    ``families`` (article_id, family; from ``helpers.analyses.provenance.story_families``) makes a
    copy's repeated figure an echo of the original rather than a second vote.
    """
    q = codebook.section("quantities")
    cumulative = set(q.get("cumulative", []))
    groups_of = codebook.entities.set_index("canonical")["group"] if len(codebook.entities) else pd.Series()
    official = {s for s, grp in groups_of.items() if grp in set(q.get("official_groups", []))}
    if claims.empty:
        return pd.DataFrame(columns=COLUMNS)
    t = _prepare(claims, dates, codebook, families)
    t["echo_of"] = _mark_echoes(t)
    status, note = ["consistent"] * len(t), [""] * len(t)  # t has a RangeIndex: row label == position
    for _, g in t.groupby("group", sort=False):
        votes = g[g["echo_of"] == ""]
        for idx in votes.index[votes["claim_time"] == UNKNOWN]:
            status[idx], note[idx] = "undated", UNDATED
        votes = votes[votes["claim_time"] != UNKNOWN]
        if votes.empty:
            continue
        if len(votes) == 1:
            status[votes.index[0]], note[votes.index[0]] = "single", "the only independent claim in this category"
            continue
        for idx, (s, n) in _sweep(votes, g["category"].iloc[0] in cumulative, official).items():
            status[idx], note[idx] = s, n
        rest = [i for i in votes.index if note[i] == ""]
        for idx, n in zip(rest, _overlap_notes(votes, rest), strict=True):
            note[idx] = n
    _echo_notes(t, status, note)
    t["status"], t["note"] = status, note
    t["first_reported"], t["changed_from"] = _first_reports(t), _changed_figures(t)
    return t[COLUMNS]


def _in_order(t: pd.DataFrame) -> pd.DataFrame:
    """Claims in the order they were first reported: dated before undated, then by time, article and claim."""
    return t.assign(_undated=t["claim_time"] == UNKNOWN).sort_values(
        ["_undated", "claim_time", "_rank", "published", "_borrowed", "article_id", "claim_id"], kind="stable")


def _first_reports(t: pd.DataFrame) -> pd.Series:
    """For each claim, the first claim of its group that gave the same written figure: who gets the credit."""
    first = _in_order(t).groupby(["group", "stated", "qualifier"], sort=False)["claim_id"].transform("first")
    return first.reindex(t.index)


def _changed_figures(t: pd.DataFrame) -> pd.Series:
    """For a claim whose story family first gave another figure for the same group, that figure as written:
    the copy changed the number. Empty for the family's own first figure and for claims outside families."""
    out = pd.Series("", index=t.index)
    for _, g in _in_order(t).groupby(["group", "family"], sort=False):
        if g["article_id"].nunique() < 2:
            continue
        origin = g.iloc[0]
        changed = (g["article_id"] != origin["article_id"]) & (g["stated"] != origin["stated"]) & (
            ~g["stated"].isin(g.loc[g["article_id"] == origin["article_id"], "stated"]))
        out[g.index[changed]] = f"{origin['as_written']} ({origin['claim_id']})"
    return out
