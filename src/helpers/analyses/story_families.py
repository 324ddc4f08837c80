"""Story families and the summaries a large corpus needs instead of all pairs.

Copies and rewrites of one text are one story. This module joins related articles into families
(connected components of copy and derived pairs, with networkx), weights each article by 1/family
size so a family votes once, and gives the ranked and summarised views a chapter shows when a corpus
is too large for a matrix of every pair: the strongest pairs, what they leave out, and the largest
families.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd

RELATED = ("copy", "derived", "shared_source")


def story_families(reuse_table: pd.DataFrame, article_ids: list[str]) -> pd.DataFrame:
    """Connected components of copy/derived pairs: article_id, family, family_size, weight (1/size).

    A family is named after its smallest article id; components come from networkx, so thousands of
    copies joined through one representative form one family without comparing them pair by pair.
    """
    graph = nx.Graph()
    graph.add_nodes_from(article_ids)
    linked = reuse_table[reuse_table["relation"].isin(["copy", "derived"])]
    graph.add_edges_from((a, b) for a, b in zip(linked["article_a"], linked["article_b"], strict=True)
                         if a in graph and b in graph)
    family = {a: min(component) for component in nx.connected_components(graph) for a in component}
    fam = pd.DataFrame({"article_id": article_ids, "family": [family[a] for a in article_ids]})
    fam["family_size"] = fam.groupby("family")["article_id"].transform("size")
    fam["weight"] = 1.0 / fam["family_size"]
    return fam


def top_pairs(reuse_table: pd.DataFrame, n: int = 30) -> pd.DataFrame:
    """The ``n`` strongest related pairs (copies first, then derived, then shared passages), ranked.

    For corpora too large for a containment heatmap: a ranked table a reader can scan.
    """
    rank = {rel: i for i, rel in enumerate(RELATED)}
    related = reuse_table[reuse_table["relation"].isin(RELATED)]
    strength = related[["containment_ab", "containment_ba"]].max(axis=1)
    ordered = related.assign(_rank=related["relation"].map(rank), _strength=strength).sort_values(
        ["_rank", "_strength", "article_a", "article_b"], ascending=[True, False, True, True])
    out = ordered.drop(columns=["_rank", "_strength"]).head(n).reset_index(drop=True)
    out.insert(0, "rank", range(1, len(out) + 1))
    return out


def pairs_not_shown(reuse_table: pd.DataFrame, n: int) -> str:
    """A sentence on what ``top_pairs(reuse_table, n)`` leaves out, for the chapter's caption."""
    related = reuse_table[reuse_table["relation"].isin(RELATED)]
    rest = len(related) - min(n, len(related))
    if rest <= 0:
        return "All related pairs are shown."
    counts = related["relation"].value_counts()
    parts = [f"{counts[r]:,} {r.replace('_', ' ')}" for r in RELATED if r in counts]
    return (f"The table shows the {n} strongest of {len(related):,} related pairs ({', '.join(parts)}); "
            f"the other {rest:,} are in reuse.csv.")


def family_summary(families: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """One row per story family of two or more articles: size, outlets, first and last publication date."""
    t = families[families["family_size"] > 1].merge(
        articles[["article_id", "outlet_label", "published"]], on="article_id", how="left")
    if t.empty:
        return pd.DataFrame(columns=["family", "articles", "outlets", "first_published", "last_published"])
    dated = t["published"].where(t["published"].astype(str) != "unknown")
    g = t.assign(dated=dated).groupby("family")
    out = pd.DataFrame({"articles": g.size(), "outlets": g["outlet_label"].nunique(),
                        "first_published": g["dated"].min(), "last_published": g["dated"].max()}).reset_index()
    return out.sort_values(["articles", "family"], ascending=[False, True]).reset_index(drop=True)


def top_families(families: pd.DataFrame, n: int = 12) -> pd.DataFrame:
    """The families table restricted to the ``n`` largest families of two or more (for a readable figure)."""
    multi = families[families["family_size"] > 1]
    keep = (multi.drop_duplicates("family").sort_values(["family_size", "family"], ascending=[False, True])
            ["family"].head(n))
    return families[families["family"].isin(set(keep))].reset_index(drop=True)


def one_vote_per_family(per_article: pd.DataFrame, families: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Corpus-level means of per-article values, counting every article vs one vote per story family.

    Two copies of one text are one story: with weights 1/family size, a family counts once however
    many times it was republished.
    """
    t = per_article.merge(families[["article_id", "weight"]], on="article_id", how="left").fillna({"weight": 1.0})
    rows = []
    for col in columns:
        per = float(t[col].mean())
        fam = float((t[col] * t["weight"]).sum() / t["weight"].sum())
        rows.append({"measure": col, "per_article": per, "one_vote_per_family": fam, "difference": fam - per})
    return pd.DataFrame(rows, columns=["measure", "per_article", "one_vote_per_family", "difference"])


def per_article_measures(article_scores: pd.DataFrame, frame_sentences: pd.DataFrame | None,
                         quotes: pd.DataFrame | None) -> pd.DataFrame:
    """The other chapters' per-article measures side by side: tone, frame shares, quotes per article."""
    out = article_scores[["article_id", "mean_compound"]].copy()
    if frame_sentences is not None and len(frame_sentences):
        shares = _frame_shares(frame_sentences)
        out = out.join(shares, on="article_id").fillna(dict.fromkeys(shares.columns, 0.0))
    if quotes is not None:
        out["quotes per article"] = out["article_id"].map(quotes.groupby("article_id").size()).fillna(0)
    return out


def _frame_shares(frame_sentences: pd.DataFrame) -> pd.DataFrame:
    """Per article (index) and frame (``share of sentences: FRAME``, frames sorted): the share of its sentences
    that hold the frame. Each sentence's frames are split once, not once per frame."""
    split = [str(v).split(";") if pd.notna(v) else [""] for v in frame_sentences["frames"]]
    ids = frame_sentences["article_id"].to_numpy()
    found = pd.DataFrame({"row": np.repeat(np.arange(len(split)), [len(x) for x in split]),
                          "frame": [f for x in split for f in x]})
    found = found[found["frame"] != ""].drop_duplicates()  # a frame counts once per sentence
    hits = pd.crosstab(ids[found["row"].to_numpy()], found["frame"].to_numpy())
    sentences = pd.Series(ids).value_counts()
    shares = hits.reindex(sentences.index, fill_value=0).div(sentences, axis=0)
    return shares[sorted(shares.columns)].add_prefix("share of sentences: ")


def derived_summary(reuse_table: pd.DataFrame, changes: pd.DataFrame, articles: pd.DataFrame) -> dict[str, str]:
    """Prose pieces about the first derived pair: who reused whom and which numbers changed."""
    label = dict(zip(articles["article_id"], articles["outlet_label"], strict=True))
    derived = reuse_table[reuse_table["relation"].isin(["copy", "derived"])]
    if derived.empty:
        return {"derived_origin": "none", "derived_copy": "none", "derived_numbers": "no numbers"}
    r = derived.iloc[0]
    origin = r["earlier"] or r["article_a"]
    later = r["article_b"] if origin == r["article_a"] else r["article_a"]
    nums = changes[(changes["article_a"] == origin) & (changes["article_b"] == later) & (changes["kind"] == "number")]
    text = ", ".join(f"{b} to {a}" for b, a in zip(nums["before"], nums["after"], strict=True)) or "no numbers"
    def name(aid: str) -> str:
        outlet = label.get(aid, aid)
        return outlet if aid in outlet else f"{outlet} ({aid})"

    return {"derived_origin": name(origin), "derived_copy": name(later), "derived_numbers": text}
