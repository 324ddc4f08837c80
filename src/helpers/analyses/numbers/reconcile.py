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
"""

from __future__ import annotations

import math
import re
from datetime import date, timedelta

import numpy as np
import pandas as pd

from helpers.analyses.numbers.dates import calendar, month_number
from helpers.inputs.codebook import Codebook

UNKNOWN = "unknown"
LISTED_GROUP = 20  # in a category of at most this many claims, a consistent claim's note names those it overlaps
COLUMNS = ["category", "group", "claim_id", "article_id", "outlet", "published", "claim_time", "time_basis",
           "text", "value_low", "value_high", "qualifier", "source", "family", "echo_of", "status", "note"]


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
    t["published"] = [str(when.get(a, UNKNOWN)) for a in t["article_id"]]
    as_of = t["as_of"].fillna("") if "as_of" in t else pd.Series("", index=t.index)
    times = [claim_time(a, p, codebook) for a, p in zip(as_of, t["published"], strict=True)]
    t["claim_time"] = [d for d, _, _ in times]
    t["_rank"] = [r for _, r, _ in times]
    t["time_basis"] = [b for _, _, b in times]
    t["family"] = [fam.get(a, a) for a in t["article_id"]]
    t["source"] = t["source"].fillna("")
    return t


def _mark_echoes(t: pd.DataFrame) -> pd.Series:
    """For each claim, the claim it repeats inside its story family (same group and interval), else ''."""
    order = t.sort_values(["published", "article_id", "claim_id"])
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
    known = g[g["claim_time"] != UNKNOWN]
    windows = list(known.groupby(["claim_time", "_rank"], sort=True)) + [
        (None, g[g["claim_time"] == UNKNOWN])]
    for key, w in reversed(windows):
        if w.empty:
            continue
        lows, highs = _two_extremes(w, "value_low", False), _two_extremes(w, "value_high", True)
        for i in w.index:
            source = col["source"][i]
            later = [best_by_source.get(source) if source else None, best_official]
            later = [j for j in later if j is not None and low[j] >= low[i]]
            partner = _conflict_partner(col["family"][i], low[i], col["value_high"][i], lows, highs)
            if cumulative and key is not None and later:
                o = later[0]
                out[i] = ("superseded", f"a later report ({col['claim_time'][o]}) from "
                          f"{col['source'][o] or 'an unnamed source'} gives {col['text'][o]} ({col['claim_id'][o]})")
            elif partner is not None:
                o = partner
                out[i] = ("conflict", f"does not overlap {col['text'][o]} ({col['outlet'][o]}, {col['claim_id'][o]}) "
                          f"reported at the same time ({col['claim_time'][o]})")
        if key is None:
            continue
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
    return t[COLUMNS]


def summary(reconciled: pd.DataFrame) -> pd.DataFrame:
    """Per category: the most conservative current figure, the min-max range, and the claims behind."""
    rows = []
    for cat, g in reconciled.groupby("group"):
        current = g[g["status"] != "superseded"]
        lows = current["value_low"]
        highs = g["value_high"].replace(math.inf, float("nan"))
        echo = g["echo_of"].astype(str) != "" if "echo_of" in g else pd.Series(False, index=g.index)
        rows.append(
            {
                "group": cat,
                "claims": len(g),
                "independent_claims": int((~echo).sum()),
                "conservative_estimate": float(lows.min()) if len(lows) else float("nan"),
                "range_min": float(g["value_low"].min()),
                "range_max": float(highs.max()) if highs.notna().any() else float(g["value_low"].max()),
                "range_min_text": _as_written(g.loc[g["value_low"].idxmin()]),
                "range_max_text": _as_written(g.loc[g["value_low"].idxmax()]),
                "conflicts": int((g["status"] == "conflict").sum()),
                "claims_behind": ", ".join(current["claim_id"]),
            }
        )
    return pd.DataFrame(
        rows,
        columns=["group", "claims", "independent_claims", "conservative_estimate", "range_min", "range_max",
                 "range_min_text", "range_max_text", "conflicts", "claims_behind"],
    )


QUALIFIER_WORDS = {"at_least": "at least", "more_than": "more than", "about": "about", "up_to": "up to",
                   "less_than": "fewer than", "exact": "", "vague": ""}


def _as_written(claim: pd.Series) -> str:
    """A claim in words for prose: 'more than 2,000 (The Daily Example)'."""
    words = QUALIFIER_WORDS.get(str(claim["qualifier"]), "")
    return f"{words} {claim['text']} ({claim['outlet']})".strip()


def _count(n: int, singular: str, plural: str) -> str:
    return f"one {singular}" if n == 1 else f"{n:,} {plural}"


def _conflict_examples(reconciled: pd.DataFrame, groups: list[str], limit: int = 3) -> str:
    parts = []
    for grp in groups[:limit]:
        g = reconciled[(reconciled["group"] == grp) & (reconciled["status"] == "conflict")]
        lo, hi = g.loc[g["value_low"].idxmin()], g.loc[g["value_low"].idxmax()]
        parts.append(f"{grp.replace('_', ' ')}: {_as_written(lo)} against {_as_written(hi)}")
    more = f"; and {_count(len(groups) - limit, 'other category', 'other categories')}" if len(groups) > limit else ""
    return "; ".join(parts) + more


def outcome(reconciled: pd.DataFrame) -> str:
    """The reconciliation's result as sentences, for the chapter and the landing page."""
    if reconciled.empty:
        return "No event counts were found, so there is nothing to reconcile."
    echo = reconciled["echo_of"].astype(str) != ""
    n_groups = reconciled["group"].nunique()
    conflicting = sorted(reconciled.loc[reconciled["status"] == "conflict", "group"].unique())
    claims = _count(int((~echo).sum()), "independent claim", "independent claims")
    cats = _count(n_groups, "category", "categories")
    if conflicting:
        head = (f"Figures conflict in {len(conflicting)} of {n_groups} categories: reports of the same time give "
                f"intervals that do not overlap ({_conflict_examples(reconciled, conflicting)}).")
    else:
        head = f"No figures conflict: the {claims} in {cats} overlap, or were superseded by later counts."
    sentences = [head]
    superseded = int(((reconciled["status"] == "superseded") & ~echo).sum())
    if superseded:
        verb = "was" if superseded == 1 else "were"
        sentences.append(f"{_count(superseded, 'claim', 'claims').capitalize()} {verb} superseded by a later "
                         "count from the same or an official source.")
    if echo.any():
        n = int(echo.sum())
        sentences.append(f"{_count(n, 'claim repeats', 'claims repeat').capitalize()} a figure given earlier in "
                         f"the same article or story family and {'is' if n == 1 else 'are'} not counted as independent "
                         "evidence.")
    return " ".join(sentences)
