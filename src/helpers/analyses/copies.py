"""Copies counted once, the same way in every chapter.

One story-family assignment (the registry's ``story_families`` table, made once per run from the corpus
stage's ``reuse`` table) says which articles are copies or rewrites of one text. Every chapter reads it
from there, never from a grouping of its own. A mean across articles is given two ways, as the pages
state: **by article** (each article one vote) and **one vote per story family** (each article weighted
1 / the size of its family, so a text copied three times counts once).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.analyses import sentiment, vader

OVERALL_COLUMNS = ["voice", "n_articles", "n_story_families", "mean_by_article", "mean_one_vote_per_family"]


def family_weights(article_ids: pd.Series | list[str], families: pd.DataFrame) -> np.ndarray:
    """Each article's weight, 1 / size of its story family (1 for an article the families table lacks)."""
    weight = families.set_index("article_id")["weight"]
    return weight.reindex(pd.Index(list(article_ids))).fillna(1.0).to_numpy(dtype=float)


def weighted_means(per_article: pd.DataFrame, value: str, families: pd.DataFrame,
                   by: str | None = None) -> pd.DataFrame:
    """The mean of ``value`` over articles, by article and with one vote per story family (per ``by`` group).

    ``per_article`` has one row per article (and group) with ``article_id``; the result has ``n_articles``,
    ``n_story_families``, ``mean_by_article`` and ``mean_one_vote_per_family`` (one row, or one per group).
    """
    fam = families.set_index("article_id")["family"]
    t = per_article.assign(_w=family_weights(per_article["article_id"], families),
                           _family=fam.reindex(per_article["article_id"]).fillna(per_article["article_id"]).to_numpy())
    groups = t.groupby(by, sort=True) if by else [(None, t)]
    rows = []
    for key, g in groups:
        values, w = g[value].to_numpy(dtype=float), g["_w"].to_numpy()
        row = {"n_articles": int(g["article_id"].nunique()), "n_story_families": int(g["_family"].nunique()),
               "mean_by_article": float(values.mean()) if len(g) else float("nan"),
               "mean_one_vote_per_family": float(np.average(values, weights=w)) if len(g) else float("nan")}
        rows.append({by: key, **row} if by else row)
    return pd.DataFrame(rows)


def voice_overall(scored_parts: pd.DataFrame, families: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """Tone of the outlets' own words and of quoted speech across the corpus: the mean of article means, by
    article and with one vote per story family (``scored_parts``: voice_parts with ``compound``)."""
    if scored_parts.empty:
        return pd.DataFrame(columns=OVERALL_COLUMNS)
    per_article = scored_parts.groupby(["voice", "article_id"], as_index=False)["compound"].mean()
    out = weighted_means(per_article, "compound", families, by="voice")
    return out.assign(voice=out["voice"].map(lambda v: names.get(str(v), str(v))))[OVERALL_COLUMNS]


def score_parts(parts: pd.DataFrame, mask, sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """The voice parts scored once with the masked VADER used for sentences.

    A part that reads, once masked, exactly as its scored sentence (a sentence without a quotation, most of
    them) takes the sentence's score from ``sentences`` instead of being scored a second time.
    """
    if sentences is None or parts.empty:
        return sentiment.score_sentences(parts, mask)
    out = parts.copy()
    out["scored_text"] = [sentiment.mask_text(t, mask) for t in out["text"]]
    keys = ["article_id", "sentence_id"]
    known = out[keys].merge(sentences[[*keys, "scored_text", "compound"]], on=keys, how="left", validate="many_to_one")
    same = known["scored_text"].to_numpy(dtype=object) == out["scored_text"].to_numpy(dtype=object)
    compound = known["compound"].to_numpy(dtype=float, copy=True)
    compound[~same] = vader.compounds(out.loc[~same, "scored_text"].tolist())
    out["compound"] = compound
    out["polarity"] = out["compound"].map(sentiment.label)
    return out


def copies_note(families: pd.DataFrame, counted_once: bool) -> str:
    """Whether a finding counts copies once, in words, from the one story-family assignment."""
    multi = families[families["family_size"] > 1] if len(families) else families
    if multi.empty:
        return "No article copies or rewrites another, so counting copies once changes nothing."
    n_copies = len(multi) - multi["family"].nunique()
    verb = "is a copy or rewrite" if n_copies == 1 else "are copies or rewrites"
    what = f"{n_copies} article{'' if n_copies == 1 else 's'} {verb} of another"
    if counted_once:
        return f"Copies are counted once ({what}; each story family has one vote)."
    return f"Copies are counted as published ({what}; each article counts)."


def same_within_outlets(families: pd.DataFrame, articles: pd.DataFrame) -> str:
    """Why an outlet's mean is the same by article and with one vote per story family, when it is."""
    t = articles[["article_id", "outlet_label"]].merge(families[["article_id", "weight"]], on="article_id")
    mixed = t.groupby("outlet_label")["weight"].nunique() > 1
    if mixed.any():
        return ""
    if (t["weight"] < 1).any():
        return ("within each outlet every article carries the same weight (copies sit in other outlets or in "
                "families of one size), so an outlet's own mean does not change")
    return "no article copies or rewrites another"


def weighted_counts(rows: pd.DataFrame, families: pd.DataFrame, by: list[str], value: str) -> pd.DataFrame:
    """Per ``by`` group: rows and the sum of ``value`` with each row weighted 1 / its article's story-family size
    (``rows`` has ``article_id``): a copy's rows count once across the family, not once per copy."""
    w = family_weights(rows["article_id"], families)
    t = rows[by].assign(_n=w, _v=w * rows[value].to_numpy(dtype=float))
    out = t.groupby(by, as_index=False)[["_n", "_v"]].sum()
    return out.rename(columns={"_n": "rows_one_vote_per_family", "_v": f"{value}_one_vote_per_family"})
