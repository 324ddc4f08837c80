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


def _conflict_partner(row, lows: list, highs: list) -> int | None:
    """A claim of the same time, from another family, whose interval does not overlap this one."""
    below = next(((v, i) for v, f, i in highs if f != row.family), None)
    if below is not None and below[0] < row.value_low:
        return below[1]
    above = next(((v, i) for v, f, i in lows if f != row.family), None)
    return above[1] if above is not None and above[0] > row.value_high else None


def _sweep(g: pd.DataFrame, cumulative: bool, official: set[str]) -> dict[int, tuple[str, str]]:
    """Status and note of every vote in one category: windows swept from the latest time back."""
    out: dict[int, tuple[str, str]] = {}
    best_by_source: dict[str, int] = {}
    best_official: int | None = None
    known = g[g["claim_time"] != UNKNOWN]
    windows = list(known.groupby(["claim_time", "_rank"], sort=True)) + [
        (None, g[g["claim_time"] == UNKNOWN])]
    for key, w in reversed(windows):
        if w.empty:
            continue
        lows, highs = _two_extremes(w, "value_low", False), _two_extremes(w, "value_high", True)
        for row in w.itertuples():
            later = [best_by_source.get(row.source) if row.source else None, best_official]
            later = [i for i in later if i is not None and g.at[i, "value_low"] >= row.value_low]
            partner = _conflict_partner(row, lows, highs)
            if cumulative and key is not None and later:
                o = g.loc[later[0]]
                out[row.Index] = ("superseded", f"a later report ({o['claim_time']}) from "
                                  f"{o['source'] or 'an unnamed source'} gives {o['text']} ({o['claim_id']})")
            elif partner is not None:
                o = g.loc[partner]
                out[row.Index] = ("conflict", f"does not overlap {o['text']} ({o['outlet']}, {o['claim_id']}) "
                                  f"reported at the same time ({o['claim_time']})")
        if key is None:
            continue
        for row in w.itertuples():  # what later windows offer to earlier ones: the highest count per source
            if row.source and (row.source not in best_by_source
                               or row.value_low > g.at[best_by_source[row.source], "value_low"]):
                best_by_source[row.source] = row.Index
            if row.source in official and (best_official is None or row.value_low > g.at[best_official, "value_low"]):
                best_official = row.Index
    return out


def _overlap_note(g: pd.DataFrame, idx: int) -> str:
    lo, hi = g.at[idx, "value_low"], g.at[idx, "value_high"]
    lows, highs = np.sort(g["value_low"].to_numpy()), np.sort(g["value_high"].to_numpy())
    n = len(g) - np.searchsorted(highs, lo, side="left") - (len(g) - np.searchsorted(lows, hi, side="right")) - 1
    if n <= 0:
        return "reported at a different time from the claims it does not overlap"
    if len(g) > LISTED_GROUP:  # a large category: the count, not a list that would grow with its square
        return f"overlaps {n} other independent claim{'s' if n > 1 else ''}"
    near = g[(g.index != idx) & (g["value_low"] <= hi) & (g["value_high"] >= lo)]["claim_id"]
    return "overlaps " + ", ".join(near)


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
    t["status"], t["note"] = "consistent", ""
    for _, g in t.groupby("group", sort=False):
        votes = g[g["echo_of"] == ""]
        if len(votes) == 1:
            t.loc[votes.index, ["status", "note"]] = ["single", "the only independent claim in this category"]
        else:
            for idx, (status, note) in _sweep(votes, g["category"].iloc[0] in cumulative, official).items():
                t.at[idx, "status"], t.at[idx, "note"] = status, note
            rest = [i for i in votes.index if t.at[i, "note"] == ""]
            for idx in rest:
                t.at[idx, "note"] = _overlap_note(votes, idx)
    by_id = t.set_index("claim_id")
    for idx in t.index[t["echo_of"] != ""]:
        o = by_id.loc[t.at[idx, "echo_of"]]
        t.at[idx, "status"] = o["status"]
        same = o["article_id"] == t.at[idx, "article_id"]
        where = "earlier in the same article" if same else "from the same story family"
        t.at[idx, "note"] = (f"echo: repeats {o['text']} ({o['outlet']}, {t.at[idx, 'echo_of']}) {where}; "
                             "not counted as independent evidence")
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
