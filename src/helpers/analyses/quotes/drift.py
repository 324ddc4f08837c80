"""Quote drift: the same quotation across outlets, and the words each outlet changed inside it."""

from __future__ import annotations

import difflib
import re
from math import ceil

import networkx as nx
import pandas as pd
from rapidfuzz import fuzz

from helpers.text.normalise import WORD


def _norm_words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def word_diff(a: str, b: str) -> str:
    """Word-level diff from a to b: '[-removed-] {+added+}' around the words that changed."""
    wa, wb = a.split(), b.split()
    out = []
    sm = difflib.SequenceMatcher(
        None, [w.lower().strip('.,;:"') for w in wa], [w.lower().strip('.,;:"') for w in wb], autojunk=False
    )
    for op, a0, a1, b0, b1 in sm.get_opcodes():
        if op == "equal":
            out.append(" ".join(wb[b0:b1]))
            continue
        if a1 > a0:
            out.append("[-" + " ".join(wa[a0:a1]) + "-]")
        if b1 > b0:
            out.append("{+" + " ".join(wb[b0:b1]) + "+}")
    return " ".join(out)


def _prefix_length(n_distinct: int, min_ratio: float) -> int:
    """How many of a quote's rarest words another quote must share one of to reach ``min_ratio``.

    Prefix filtering: two word sequences with similarity 2M/(a+b) >= t share at least t*a/(2-t) of the
    first one's words, so all but that many of its distinct words may be missing from the other.
    """
    must_share = ceil(min_ratio * n_distinct / (2 - min_ratio))
    return max(1, n_distinct - must_share + 1)


def _candidate_pairs(q: pd.DataFrame, words: list[list[str]], min_ratio: float) -> list[tuple[int, int]]:
    """Pairs of quotes from different articles that share one of the rarest words of the first (token index)."""
    index: dict[str, set[int]] = {}
    for i, w in enumerate(words):
        for t in set(w):
            index.setdefault(t, set()).add(i)
    articles = q["article_id"].tolist()
    pairs = set()
    for i, w in enumerate(words):
        distinct = sorted(set(w), key=lambda t: (len(index[t]), t))
        for t in distinct[: _prefix_length(len(distinct), min_ratio)]:
            for j in index[t]:
                if j != i and articles[i] != articles[j]:
                    pairs.add((min(i, j), max(i, j)))
    return sorted(pairs)


def _same_quote(a: list[str], b: list[str], min_ratio: float, min_words: int) -> bool:
    shorter, longer = sorted((a, b), key=len)
    contained = " ".join(shorter) in " ".join(longer)
    return fuzz.ratio(a, b) / 100 >= min_ratio or (contained and len(shorter) >= min_words)


def _clusters(q: pd.DataFrame, words: list[list[str]], min_ratio: float, min_words: int) -> list[list[int]]:
    """Connected components of the graph whose edges join the same quote in two articles."""
    graph = nx.Graph()
    graph.add_nodes_from(range(len(q)))
    pairs = _candidate_pairs(q, words, min_ratio)
    graph.add_edges_from((i, j) for i, j in pairs if _same_quote(words[i], words[j], min_ratio, min_words))
    return [sorted(c) for c in sorted(nx.connected_components(graph), key=min)]


def _relation(words: list[list[str]], texts: list[str], i: int, ref: int) -> tuple[str, str]:
    if words[i] == words[ref]:
        return "identical", ""
    rel = "trimmed" if " ".join(words[i]) in " ".join(words[ref]) else "altered"
    return rel, word_diff(texts[ref], texts[i])


def quote_variants(quotes: pd.DataFrame, min_ratio: float = 0.6, min_words: int = 4) -> pd.DataFrame:
    """Cluster the same quote across articles; classify each against the cluster's fullest version.

    Candidates come from a token index (only quotes sharing a rare word are compared), similarity from
    rapidfuzz, clusters from networkx connected components.
    """
    q = quotes[quotes["n_words"] >= min_words].reset_index(drop=True)
    words = [_norm_words(t) for t in q["text"]]
    texts = q["text"].tolist()
    rows = []
    cid = 0
    for members in _clusters(q, words, min_ratio, min_words):
        if len({q.at[i, "article_id"] for i in members}) < 2:
            continue
        ref = max(members, key=lambda i: (len(words[i]), -i))
        for i in members:
            rel, diff = _relation(words, texts, i, ref)
            rows.append(
                {
                    "cluster_id": f"c{cid:03d}",
                    "article_id": q.at[i, "article_id"],
                    "outlet": q.at[i, "outlet"],
                    "quote_id": q.at[i, "quote_id"],
                    "speaker": q.at[i, "speaker"],
                    "text": q.at[i, "text"],
                    "relation": rel,
                    "reference": q.at[ref, "quote_id"],
                    "diff": diff,
                }
            )
        cid += 1
    return pd.DataFrame(
        rows,
        columns=["cluster_id", "article_id", "outlet", "quote_id", "speaker", "text", "relation", "reference", "diff"],
    )


def altered_summary(variants: pd.DataFrame) -> tuple[str, str]:
    """(outlets, changes) of altered quotes, for prose: which outlets changed words inside quotes and how."""
    alt = variants[variants["relation"] == "altered"]
    if alt.empty:
        return "none", "no changes"
    changes = []
    for d in alt["diff"]:
        removed = re.findall(r"\[-(.+?)-\]", d)
        added = re.findall(r"\{\+(.+?)\+\}", d)
        changes.append("; ".join([f"removed “{r}”" for r in removed] + [f"added “{a}”" for a in added]))
    return ", ".join(sorted(set(alt["outlet"]))), " | ".join(changes)
