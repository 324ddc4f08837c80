"""Limitations from the data: where outlets are based, who republishes whom, which articles are updates.

At hundreds of outlets and thousands of reuse pairs these lists are summarised in one sentence with
the closest examples; the CSV named in the sentence lists every pair.
"""

from __future__ import annotations

import pandas as pd

from helpers.publication.prose import LIST_MAX, article_phrase, capital, count, number, outlet_name, summarised

NOT_RECORDED = "not recorded in the event codebook"  # an outlet fact the codebook does not give


def closest_first(pairs: pd.DataFrame) -> pd.DataFrame:
    """Reuse pairs ordered by their larger containment, so a summarised list shows the closest copies."""
    if len(pairs) <= LIST_MAX or "containment_ab" not in pairs:
        return pairs
    closest = pairs[["containment_ab", "containment_ba"]].max(axis=1)
    return pairs.assign(_closest=closest).sort_values("_closest", ascending=False, kind="stable")


def origin_and_copy(r: dict) -> tuple[str, str]:
    first = r.get("earlier") or r["article_a"]
    return first, (r["article_b"] if first == r["article_a"] else r["article_a"])


def outlet_facts(articles: pd.DataFrame, declared: list[dict]) -> pd.DataFrame:
    """Per outlet: where it is based and whose newsroom writes it (event codebook), and its articles."""
    facts = {str(o.get("name", "")): o for o in declared or []}
    rows = []
    for label, g in articles.groupby("outlet_label", sort=True):
        fact = facts.get(str(g["outlet"].iloc[0]), {})
        rows.append({
            "outlet": outlet_name(str(label)),
            "articles": len(g),
            "based": fact.get("based", NOT_RECORDED),
            "newsroom": fact.get("newsroom", NOT_RECORDED),
        })
    return pd.DataFrame(rows, columns=["outlet", "articles", "based", "newsroom"])


def any_outlet_fact(outlets: pd.DataFrame) -> bool:
    """True when the codebook records where any outlet is based or whose newsroom it is (from
    :func:`outlet_facts`): the outlets table is worth showing only then."""
    return bool(outlets[["based", "newsroom"]].ne(NOT_RECORDED).any().any())


def outlet_facts_finding(outlets: pd.DataFrame) -> str:
    """How many outlets have their base and newsroom recorded (from :func:`outlet_facts`): a sentence that
    stays short at 500 outlets, where the table shows only a sample."""
    missing = NOT_RECORDED
    total = len(outlets)
    unknown = int(((outlets["based"] == missing) & (outlets["newsroom"] == missing)).sum())
    if not total:
        return "The corpus has no usable outlet."
    if not unknown:
        return f"The event codebook records where each of the {count(total, 'outlet')} is based or whose newsroom " \
               "writes it."
    if unknown == total:
        subject = "the only outlet" if total == 1 else f"any of the {count(total, 'outlet')}"
        return (f"The event codebook does not record where {subject} is based or whose newsroom writes it: "
                "differences between outlets cannot be read as differences between countries or owners.")
    return (f"The event codebook records neither base nor newsroom for {count(unknown, 'outlet')} of "
            f"{number(total)}; differences involving them cannot be read as differences between countries or owners.")


def republisher_findings(
    declared: pd.DataFrame, reuse: pd.DataFrame, articles: pd.DataFrame, measured: bool = True
) -> list[str]:
    """Which 'outlets' print another newsroom's text: declared copyright or credit, or (``measured``) reuse.
    Long lists are summarised with a few examples (the CSV named in the sentence has every row)."""
    names = articles.set_index("article_id")["outlet_label"].to_dict()
    credited = [capital(f"{article_phrase(r['article_id'], names.get(r['article_id'], ''))} carries the "
                        f"text of {r['declared_origin']}, by its own copyright or credit lines.")
                for r in declared[declared["declared_origin"].fillna("") != ""].to_dict("records")]
    out = summarised(credited, f"{capital(count(len(credited), 'article'))} carry another newsroom's text by "
                      "their own copyright or credit lines.", "declared_origin.csv", "first")
    mastheads, republishers, copies = [], set(), set()
    for r in closest_first(reuse[reuse["relation"].isin(["copy", "derived"]) & measured]).to_dict("records"):
        first, later = origin_and_copy(r)
        if names.get(first) != names.get(later):
            republishers.add(names.get(later))
            copies.add(later)
            mastheads.append(capital(f"{article_phrase(later, names.get(later, ''))} republishes the text of "
                                     f"{article_phrase(first, names.get(first, ''))}: one newsroom, two mastheads."))
    out += summarised(mastheads, f"{capital(count(len(copies), 'article'))} of "
                       f"{count(len(republishers), 'outlet')} republish the text of another outlet's article: "
                       "one newsroom, several mastheads.", "reuse.csv")
    return out or ["No outlet in this corpus republishes another outlet's text" + (
        ", by declaration or by measure." if measured else " by its own declaration.")]


def update_findings(reuse: pd.DataFrame, articles: pd.DataFrame) -> list[str]:
    """Articles of one outlet that share text: versions (updates) of one story, not separate reports."""
    names = articles.set_index("article_id")["outlet_label"].to_dict()
    out = []
    related = closest_first(reuse[reuse["relation"].isin(["copy", "derived", "shared_source"])])
    for r in related.to_dict("records"):
        a, b = r["article_a"], r["article_b"]
        if names.get(a) == names.get(b) and not str(names.get(a, "")).startswith("unknown ("):
            out.append(f"Articles {a} and {b} ({outlet_name(names[a])}) share passages: they are probably "
                       "versions of one story, updated as it developed, not two independent reports.")
    summary = (f"{capital(count(len(out), 'pair'))} of articles from one outlet share passages: probably versions "
               "of one story, updated as it developed, not independent reports.")
    return summarised(out, summary, "reuse.csv") or [
        "No two articles of one outlet share text: no article is an update of another."]


def single_article_finding(outlets: pd.DataFrame) -> str:
    """How many outlets rest on one article (from :func:`outlet_facts`)."""
    single, total = int((outlets["articles"] == 1).sum()), len(outlets)
    tail = ": differences between outlets describe these articles, not the outlets' habits."
    if not single:
        return "Every outlet contributes more than one article."
    if single == total:
        subject = "The only outlet contributes" if total == 1 else "Every outlet contributes"
        return subject + " a single article" + tail
    verb = "contributes" if single == 1 else "contribute"
    return f"{capital(count(single, 'outlet'))} of {number(total)} {verb} a single article" + tail
