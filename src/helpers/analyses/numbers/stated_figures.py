"""Figures as the sources stated them: the written number, its qualifier, who gave it first, and the
per-category summary and outcome sentences of the reconciliation.

A conservative estimate is a figure a source stated, never a bound derived from a qualifier ("about
2,500" is 2,500, though its interval runs from 2,250); a figure in words keeps its qualifier ("at least",
"more than", "about", "dozens") and is credited to the first claim that gave it, not to a copy.
"""

from __future__ import annotations

import math

import pandas as pd

UNKNOWN = "unknown"


def stated_figure(claim: dict) -> float:
    """The number the source wrote: 2,500 for "about 2,500" and 2,000 for "more than 2,000", never a bound
    derived from the qualifier. A vague quantity ("dozens") has no written number: its lower bound stands in."""
    qualifier, low, high = str(claim.get("qualifier", "")), float(claim["value_low"]), float(claim["value_high"])
    try:
        return float(claim["value"])
    except (KeyError, TypeError, ValueError):
        pass
    if qualifier == "about":
        return round((low + high) / 2)
    if qualifier == "more_than":
        return low - 1
    if qualifier == "less_than":
        return high + 1
    return high if qualifier == "up_to" else low


SUMMARY_COLUMNS = ["group", "claims", "independent_claims", "undated_claims", "conservative_estimate",
                   "conservative_text", "range_min", "range_max", "range_min_text", "range_max_text", "conflicts",
                   "claims_behind"]


def summary(reconciled: pd.DataFrame) -> pd.DataFrame:
    """Per category: the most conservative current figure a source stated, the range, and the claims behind.

    The conservative estimate is the lowest written figure among the dated claims that are not superseded
    (a vague quantity such as "dozens" only when no claim writes a number): never a bound derived from a
    qualifier. Each figure in words keeps its qualifier and credits the first claim that gave it.
    """
    rows = []
    for cat, g in reconciled.groupby("group"):
        g = _with_stated(g)
        current = g[~g["status"].isin(["superseded", "undated"])]
        exact = current[current["qualifier"] != "vague"]
        pick = exact if len(exact) else current
        low = pick.loc[pick["stated"].idxmin()] if len(pick) else None
        highs = g["value_high"].replace(math.inf, float("nan"))
        echo = g["echo_of"].astype(str) != "" if "echo_of" in g else pd.Series(False, index=g.index)
        rows.append({
            "group": cat, "claims": len(g), "independent_claims": int((~echo).sum()),
            "undated_claims": int((g["status"] == "undated").sum()),
            "conservative_estimate": float(low["stated"]) if low is not None else float("nan"),
            "conservative_text": credited(low, g) if low is not None else "no dated current figure",
            "range_min": float(g["value_low"].min()),
            "range_max": float(highs.max()) if highs.notna().any() else float(g["value_low"].max()),
            "range_min_text": credited(g.loc[g["stated"].idxmin()], g),
            "range_max_text": credited(g.loc[g["stated"].idxmax()], g),
            "conflicts": int((g["status"] == "conflict").sum()),
            "claims_behind": ", ".join(current["claim_id"]),
        })
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS)


def _with_stated(g: pd.DataFrame) -> pd.DataFrame:
    """A reconciliation table from before the stated figure was kept gets it from its intervals."""
    if "stated" in g:
        return g
    return g.assign(stated=[stated_figure(r) for r in g.to_dict("records")])


def as_written_figure(phrase: object, text: object) -> str:
    """A figure with the qualifier phrase the source wrote before it ('nearly 2,000', 'no fewer than 12',
    'dozens'): the reader sees the source's words, not the standard qualifier reconciliation reads them as."""
    words = "" if phrase is None or pd.isna(phrase) else str(phrase).strip()
    text = str(text)
    return text if not words or text.lower().startswith(words.lower()) else f"{words} {text}"


def figure_in_words(claim: pd.Series | dict) -> str:
    """A claim's figure as written: its ``as_written`` column, or its text after its written qualifier."""
    given = claim.get("as_written", "")
    if isinstance(given, str) and given:
        return given
    return as_written_figure(claim.get("qualifier_written", ""), claim["text"])


def credited(claim: pd.Series, group: pd.DataFrame) -> str:
    """A figure in words, credited to the first claim that gave it, and to the figure a copy changed:
    'at least 18 (first reported by X, citing Y; changed from 12 in its story family)'."""
    first = claim
    if "first_reported" in group and claim.get("first_reported", "") in set(group["claim_id"]):
        first = group[group["claim_id"] == claim["first_reported"]].iloc[0]
    figure = figure_in_words(claim)
    who = str(first["outlet"])
    if who.startswith(f"{UNKNOWN} ("):
        who = f"an unattributed article ({first['article_id']})"
    credit = f"first reported by {who}" + (f", citing {first['source']}" if str(first["source"]) else "")
    if str(first.get("published", UNKNOWN)) != UNKNOWN:
        credit += f" on {first['published']}"
    changed = str(first.get("changed_from", "") or "")
    if changed:
        credit += f"; a copy's change from {changed.rsplit(' (', 1)[0]} in its story family"
    return f"{figure} ({credit})"


def _as_written(claim: pd.Series) -> str:
    """A claim in words for prose: 'more than 2,000 (The Daily Example)'."""
    return f"{figure_in_words(claim)} ({claim['outlet']})"


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
