"""Frames, actor labels and distinctive words (keyness) by outlet.

Frames are found with a dictionary from the event codebook that combines the protest paradigm
(McLeod and Hertog) with the applicable frames of the Policy Frames Codebook (Boydstun et al.). A
dictionary is transparent (every hit can be shown) but blunt, so it is validated against sentences
coded by hand (``tests/gold/frames.csv``) and the book reports precision and recall per frame.

Keyness uses the "Fightin' Words" log-odds ratio with an informative Dirichlet prior (Monroe,
Colaresi and Quinn 2008), which keeps rare words from dominating small corpora.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import pandas as pd

from helpers.analyses import labels
from helpers.inputs.codebook import Codebook
from helpers.inputs.patterns import phrase_pattern
from helpers.text.normalise import WORD

TOKEN = re.compile(r"[a-z][a-z'-]*[a-z]|[a-z]")


def term_pattern(terms: list[str]) -> re.Pattern[str]:
    """One case-insensitive pattern; ``word*`` matches any ending, phrases match whole words."""
    return phrase_pattern(terms, re.IGNORECASE)


@lru_cache(maxsize=8)
def _frame_patterns(codebook: Codebook) -> dict[str, re.Pattern[str]]:
    return {
        name: term_pattern(spec.get("terms", [])) for name, spec in codebook.section("frames").get("frames", {}).items()
    }


@lru_cache(maxsize=8)
def _any_frame(codebook: Codebook) -> re.Pattern[str]:
    """All frame terms in one pattern: sentences without any term are skipped in one pass."""
    terms = [t for spec in codebook.section("frames").get("frames", {}).values() for t in spec.get("terms", [])]
    return term_pattern(terms or ["\u0000"])


def frame_table(codebook: Codebook) -> pd.DataFrame:
    """The frame codebook for the reader: frame, family, label, definition, terms."""
    rows = [
        {
            "frame": name,
            "family": spec.get("family", ""),
            "label": spec.get("label", name),
            "definition": spec.get("definition", ""),
            "terms": ", ".join(spec.get("terms", [])),
        }
        for name, spec in codebook.section("frames").get("frames", {}).items()
    ]
    return pd.DataFrame(rows, columns=["frame", "family", "label", "definition", "terms"])


@lru_cache(maxsize=8)
def _term_frames(codebook: Codebook) -> tuple[dict[str, frozenset[str]], list[tuple[str, str]]]:
    """Literal term -> frames, and (prefix, frame) for wildcard terms."""
    literal: dict[str, set[str]] = {}
    wild: list[tuple[str, str]] = []
    for name, spec in codebook.section("frames").get("frames", {}).items():
        for term in spec.get("terms", []):
            if term.endswith("*"):
                wild.append((term[:-1].lower(), name))
            else:
                literal.setdefault(re.sub(r"\s+", " ", term.lower()), set()).add(name)
    return {k: frozenset(v) for k, v in literal.items()}, wild


def frame_hits(sentences: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """Every dictionary hit: article_id, sentence_id, frame, term as written, offset in the sentence.

    One pass of a single pattern holding every frame's terms; each match is mapped to the frames whose
    terms it matches (a word can belong to several frames).
    """
    rows = []
    any_frame = _any_frame(codebook)
    literal, wild = _term_frames(codebook)
    memo: dict[str, list[str]] = {}
    order = {name: i for i, name in enumerate(_frame_patterns(codebook))}
    for aid, sid, text in zip(sentences["article_id"], sentences["sentence_id"], sentences["text"], strict=True):
        for m in any_frame.finditer(text):
            term = m.group().lower()
            frames = memo.get(term)
            if frames is None:
                key = re.sub(r"\s+", " ", term)
                found = set(literal.get(key, ()))
                found |= {f for prefix, f in wild if key.startswith(prefix)}
                frames = memo[term] = sorted(found, key=order.get)
            for f in frames:
                rows.append((aid, sid, f, term, m.start()))
    return pd.DataFrame(rows, columns=["article_id", "sentence_id", "frame", "term", "offset"])


def sentence_frames(sentences: pd.DataFrame, hits: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence: the frames it is in and the terms that matched (empty when none)."""
    key = ["article_id", "sentence_id"]
    frames = hits.groupby(key)["frame"].apply(lambda s: ";".join(sorted(set(s))))
    terms = hits.groupby(key)["term"].apply(lambda s: ", ".join(sorted(set(s))))
    out = sentences[["article_id", "sentence_id", "text"]].copy()
    pairs = list(zip(out["article_id"], out["sentence_id"], strict=True))
    out["frames"] = [frames.get(p, "") for p in pairs]
    out["terms"] = [terms.get(p, "") for p in pairs]
    return out


def framing_by_outlet(
    hits: pd.DataFrame, sentences: pd.DataFrame, articles: pd.DataFrame, codebook: Codebook
) -> pd.DataFrame:
    """Per outlet and frame: hits, hits per 1,000 words, share of sentences in the frame."""
    meta = articles.set_index("article_id")
    frames = list(_frame_patterns(codebook))
    sent = sentences.assign(outlet=meta.loc[sentences["article_id"], "outlet_label"].to_numpy())
    h = (
        hits.assign(outlet=meta.loc[hits["article_id"], "outlet_label"].to_numpy())
        if len(hits)
        else hits.assign(outlet=[])
    )
    rows = []
    for outlet, g in sent.groupby("outlet"):
        words = int(meta.loc[g["article_id"].unique(), "n_words"].sum())
        n_sent = len(g)
        for frame in frames:
            fh = h[(h["outlet"] == outlet) & (h["frame"] == frame)]
            in_frame = fh[["article_id", "sentence_id"]].drop_duplicates()
            rows.append(
                {
                    "outlet": outlet,
                    "frame": frame,
                    "hits": len(fh),
                    "per_1000_words": 1000 * len(fh) / words if words else 0.0,
                    "share_sentences": len(in_frame) / n_sent if n_sent else 0.0,
                }
            )
    return pd.DataFrame(rows, columns=["outlet", "frame", "hits", "per_1000_words", "share_sentences"])


# --- actor labels ----------------------------------------------------------------------------


def actor_labels(sentences: pd.DataFrame, articles: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """Per outlet: how often each label is written for each group (see :mod:`helpers.analyses.labels`)."""
    return labels.label_counts(labels.label_hits(sentences, articles, codebook))


# --- keyness ---------------------------------------------------------------------------------


def tokens(text: str, stopwords: frozenset[str] = frozenset()) -> list[str]:
    """Lower-case word tokens without stopwords or numbers."""
    return [t for t in (w.lower() for w in WORD.findall(text)) if TOKEN.fullmatch(t) and t not in stopwords]


def term_counts(sentences: pd.DataFrame, articles: pd.DataFrame, stopwords: frozenset[str]) -> pd.DataFrame:
    """Counts of each term by outlet (long table: outlet, term, count)."""
    meta = articles.set_index("article_id")["outlet_label"]
    rows: dict[tuple[str, str], int] = {}
    for r in sentences.itertuples(index=False):
        for t in tokens(r.text, stopwords):
            k = (meta[r.article_id], t)
            rows[k] = rows.get(k, 0) + 1
    return pd.DataFrame([(o, t, c) for (o, t), c in rows.items()], columns=["outlet", "term", "count"])


def fightin_words(counts: pd.DataFrame, prior_scale: float = 1.0, min_count: int = 2) -> pd.DataFrame:
    """Log-odds ratio with informative Dirichlet prior, each outlet against all the others.

    For term w, outlet i and the rest j: alpha_w = prior_scale * corpus count of w, a0 = sum alpha,
    delta = log((y_iw + a_w) / (n_i + a0 - y_iw - a_w)) - log((y_jw + a_w) / (n_j + a0 - y_jw - a_w)),
    var = 1/(y_iw + a_w) + 1/(y_jw + a_w), z = delta / sqrt(var). Terms rarer than ``min_count`` in
    the outlet are not reported (they stay in the totals).
    """
    wide = counts.pivot_table(index="term", columns="outlet", values="count", aggfunc="sum", fill_value=0)
    total = wide.sum(axis=1).astype(float)
    alpha = prior_scale * total
    a0 = float(alpha.sum())
    rows = []
    for outlet in wide.columns:
        yi = wide[outlet].astype(float)
        yj = total - yi
        ni, nj = float(yi.sum()), float(yj.sum())
        delta = np.log((yi + alpha) / (ni + a0 - yi - alpha)) - np.log((yj + alpha) / (nj + a0 - yj - alpha))
        var = 1.0 / (yi + alpha) + 1.0 / (yj + alpha)
        z = delta / np.sqrt(var)
        for term in wide.index:
            if yi[term] >= min_count:
                rows.append(
                    {
                        "outlet": outlet,
                        "term": term,
                        "z": float(z[term]),
                        "count": int(yi[term]),
                        "delta": float(delta[term]),
                    }
                )
    out = pd.DataFrame(rows, columns=["outlet", "term", "z", "count", "delta"])
    return out.sort_values(["outlet", "z"], ascending=[True, False]).reset_index(drop=True)


def top_terms(keyness: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """The ``n`` most distinctive terms per outlet (highest z)."""
    if keyness.empty:
        return keyness
    ranked = keyness.sort_values(["outlet", "z"], ascending=[True, False], kind="stable")
    return ranked.groupby("outlet", sort=False).head(n).reset_index(drop=True)


def corpus_frame_shares(matched: pd.DataFrame) -> pd.DataFrame:
    """Share of all sentences in each frame, corpus-wide, largest first."""
    n = len(matched) or 1
    counts: dict[str, int] = {}
    for value in matched["frames"].fillna(""):
        for f in filter(None, str(value).split(";")):
            counts[f] = counts.get(f, 0) + 1
    table = pd.DataFrame({"frame": list(counts), "share": [c / n for c in counts.values()]}, columns=["frame", "share"])
    return table.sort_values(["share", "frame"], ascending=[False, True]).reset_index(drop=True)
