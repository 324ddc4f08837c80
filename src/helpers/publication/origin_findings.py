"""Where texts come from, in words, for every chapter that compares outlets: which "outlets" print another
newsroom's text, and what a copy changed in the numbers, names and quotations it took.

Provenance decides how every comparison between outlets reads: a machine rewrite of a wire article is not
a second newsroom. So the origin findings are written once here and carried into each chapter that compares
outlets and into the abstract. Everything is generated from the reuse, change and declared-origin tables.
"""

from __future__ import annotations

import pandas as pd

from helpers.publication.limitations import closest_first, origin_and_copy, republisher_findings
from helpers.publication.prose import article_phrase, capital, count, join, number, summarised

TOLD_KINDS = {"number": "changes the figure", "name": "writes the name", "quote": "changes words inside a quotation"}
CHANGE_ITEMS = 4  # changes named per copied pair; the rest are counted and left to reuse_changes.csv


def republishing_articles(declared: pd.DataFrame, reuse: pd.DataFrame, articles: pd.DataFrame) -> set[str]:
    """Articles that print another newsroom's text: by their own copyright or credit lines, or because they
    copy or rewrite an article of another outlet."""
    names = articles.set_index("article_id")["outlet_label"].to_dict()
    out = set(declared.loc[declared["declared_origin"].fillna("") != "", "article_id"])
    for r in reuse[reuse["relation"].isin(["copy", "derived"])].to_dict("records"):
        first, later = origin_and_copy(r)
        if names.get(first) != names.get(later):
            out.add(later)
    return {a for a in out if a in names}


def origin_caveat(declared: pd.DataFrame, reuse: pd.DataFrame, articles: pd.DataFrame) -> list[str]:
    """For a chapter that compares outlets: which of them print another newsroom's text, or nothing.

    Empty when every article is its own newsroom's, so the chapters stay quiet where nothing needs saying.
    """
    if not republishing_articles(declared, reuse, articles):
        return []
    return ["Read the comparisons between outlets with their origins in mind (the provenance chapter has the "
            "evidence):", *republisher_findings(declared, reuse, articles)]


def origin_in_brief(declared: pd.DataFrame, reuse: pd.DataFrame, articles: pd.DataFrame) -> str:
    """One sentence for the abstract: how many articles print another newsroom's text, or that none do."""
    n = len(republishing_articles(declared, reuse, articles))
    total = articles["article_id"].nunique()
    if not n:
        return (f"Each of the {count(total, 'article')} comes from its own outlet's newsroom, by declaration and "
                "by measure.")
    verb = "prints" if n == 1 else "print"
    return (f"{capital(count(n, 'article'))} of {number(total)} {verb} another "
            "newsroom's text (by credit lines or measured copying), so the outlets are fewer independent voices "
            "than their names suggest.")


def _told(changes: pd.DataFrame) -> pd.DataFrame:
    """The changes a reader must hear of: numbers, names, quotations, and words cut or added that hold a figure
    (a dropped "and 40 were held" changes what the copy reports as much as a changed number)."""
    if changes.empty:
        return changes
    with_figure = (changes["kind"].isin(["removed words", "inserted words"])
                   & (changes["before"].fillna("").astype(str) + changes["after"].fillna("").astype(str))
                   .str.contains(r"\d", regex=True))
    return changes[changes["kind"].isin(list(TOLD_KINDS)) | with_figure]


def _change_phrase(r: dict) -> str:
    if r["kind"] == "removed words":
        return f"drops “{r['before']}”"
    if r["kind"] == "inserted words":
        return f"adds “{r['after']}”"
    verb = TOLD_KINDS[r["kind"]]
    return f"{verb} “{r['before']}” as “{r['after']}”" if r["kind"] == "name" else (
        f"{verb} “{r['before']}” to “{r['after']}”")


def _change_words(told: list[dict]) -> list[str]:
    """What one copy changed, as verb phrases: 'changes the figure “12” to “18”'."""
    phrases = [_change_phrase(r) for r in told[:CHANGE_ITEMS]]
    rest = len(told) - len(phrases)
    if rest > 0:
        phrases.append(f"makes {count(rest, 'other such change')}")
    return phrases


def copy_change_findings(changes: pd.DataFrame, reuse: pd.DataFrame, articles: pd.DataFrame) -> list[str]:
    """Per copied or rewritten pair, the numbers, names and quotations the later text changed, and the words
    holding a figure it cut or added, as sentences.

    Copies that changed none of these are counted in one sentence; at many pairs the list is summarised
    with the closest copies first, and reuse_changes.csv lists every change.
    """
    names = articles.set_index("article_id")["outlet_label"].to_dict()
    reused = closest_first(reuse[reuse["relation"].isin(["copy", "derived"])])
    if reused.empty:
        return []
    told: dict[tuple[str, str], list[dict]] = {}  # grouped once: a filter of every change per pair was quadratic
    for c in _told(changes).to_dict("records"):
        told.setdefault((c["article_a"], c["article_b"]), []).append(c)
    sentences, faithful = [], 0
    for r in reused.to_dict("records"):
        first, later = origin_and_copy(r)
        g = told.get((first, later), [])
        if not g:
            faithful += 1
            continue
        sentences.append(capital(f"{article_phrase(later, names.get(later, ''))}, against its source "
                                 f"{article_phrase(first, names.get(first, ''))}, " + join(_change_words(g)) + "."))
    out = summarised(sentences, f"{capital(count(len(sentences), 'copy', 'copies'))} change numbers, names or "
                     "quotations of their source.", "reuse_changes.csv")
    if faithful:
        who = capital(count(faithful, "copy or rewrite", "copies and rewrites"))
        out.append(f"{who} keeps every number, name and quotation of its source." if faithful == 1 else
                   f"{who} keep every number, name and quotation of their sources.")
    return out
