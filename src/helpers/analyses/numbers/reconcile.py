"""Reconciliation: which numeric claims agree, which are superseded by later reports, which conflict.

Outlets disagree about how many died or were detained. Most disagreements are reports made at
different times from different sources, so each claim keeps who it came from and when;
reconciliation then follows casualty recorders: a later cumulative count from the same or an
official source supersedes an earlier one, overlapping intervals are consistent, and only
non-overlapping claims of the same time are conflicts. The summary gives the most conservative
current figure and the full min-max range, with the claims behind them.
"""

from __future__ import annotations

import math

import pandas as pd

from helpers.inputs.codebook import Codebook


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def reconcile(claims: pd.DataFrame, dates: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """Status of every event-count claim within its category, with a note in words."""
    q = codebook.section("quantities")
    cumulative = set(q.get("cumulative", []))
    ents = codebook.entities.set_index("canonical")
    official = set(q.get("official_groups", []))
    when = dict(zip(dates["article_id"], dates["report_date"], strict=True))
    rows = []
    keyed = claims.assign(
        key=[c + (f" ({k})" if k else "") for c, k in zip(claims["category"], claims["country"], strict=True)]
    )
    for cat, g in keyed.groupby("key"):
        g = g.reset_index(drop=True)
        for i, r in g.iterrows():
            mine = (r["value_low"], r["value_high"])
            t = when.get(r["article_id"], "unknown")
            others = g.drop(index=i)
            status, note = "consistent", ""
            if others.empty:
                status, note = "single", "the only claim in this category"
            else:
                later = []
                for _, o in others.iterrows():
                    to = when.get(o["article_id"], "unknown")
                    src_official = o["source"] in ents.index and ents.loc[o["source"], "group"] in official
                    same_source = o["source"] and o["source"] == r["source"]
                    if (
                        cat in cumulative
                        and t != "unknown"
                        and to != "unknown"
                        and to > t
                        and (same_source or src_official)
                        and o["value_low"] >= r["value_low"]
                    ):
                        later.append(o)
                conflicts = [
                    o
                    for _, o in others.iterrows()
                    if when.get(o["article_id"], "unknown") == t
                    and not _overlap(mine, (o["value_low"], o["value_high"]))
                ]
                if later:
                    o = later[0]
                    status = "superseded"
                    note = (
                        f"a later report ({when.get(o['article_id'])}) from {o['source'] or 'an unnamed source'} "
                        f"gives {o['text']} ({o['claim_id']})"
                    )
                elif conflicts:
                    status = "conflict"
                    o = conflicts[0]
                    note = (
                        f"does not overlap {o['text']} ({o['outlet']}, {o['claim_id']}) reported at the same time ({t})"
                    )
                else:
                    overl = [
                        o["claim_id"] for _, o in others.iterrows() if _overlap(mine, (o["value_low"], o["value_high"]))
                    ]
                    if overl:
                        note = "overlaps " + ", ".join(overl)
                    else:
                        note = "reported at a different time from the claims it does not overlap"
            rows.append(
                {
                    "category": r["category"],
                    "group": cat,
                    "claim_id": r["claim_id"],
                    "article_id": r["article_id"],
                    "outlet": r["outlet"],
                    "published": t,
                    "text": r["text"],
                    "value_low": r["value_low"],
                    "value_high": r["value_high"],
                    "qualifier": r["qualifier"],
                    "source": r["source"],
                    "status": status,
                    "note": note,
                }
            )
    return pd.DataFrame(
        rows,
        columns=[
            "category",
            "group",
            "claim_id",
            "article_id",
            "outlet",
            "published",
            "text",
            "value_low",
            "value_high",
            "qualifier",
            "source",
            "status",
            "note",
        ],
    )


def summary(reconciled: pd.DataFrame) -> pd.DataFrame:
    """Per category: the most conservative current figure, the min-max range, and the claims behind."""
    rows = []
    for cat, g in reconciled.groupby("group"):
        current = g[g["status"] != "superseded"]
        lows = current["value_low"]
        highs = g["value_high"].replace(math.inf, float("nan"))
        conservative = float(lows.min()) if len(lows) else float("nan")
        rows.append(
            {
                "group": cat,
                "claims": len(g),
                "conservative_estimate": conservative,
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
        columns=["group", "claims", "conservative_estimate", "range_min", "range_max", "range_min_text",
                 "range_max_text", "conflicts", "claims_behind"],
    )


QUALIFIER_WORDS = {"at_least": "at least", "more_than": "more than", "about": "about", "up_to": "up to",
                   "less_than": "fewer than", "exact": "", "vague": ""}


def _as_written(claim: pd.Series) -> str:
    """A claim in words for prose: 'more than 2,000 (The Washington Times)'."""
    words = QUALIFIER_WORDS.get(str(claim["qualifier"]), "")
    return f"{words} {claim['text']} ({claim['outlet']})".strip()
