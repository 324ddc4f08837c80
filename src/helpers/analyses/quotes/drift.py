"""Quote drift: the same quotation across outlets, and the words each outlet changed inside it."""

from __future__ import annotations

import difflib
import re

import pandas as pd

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


def quote_variants(quotes: pd.DataFrame, min_ratio: float = 0.6, min_words: int = 4) -> pd.DataFrame:
    """Cluster the same quote across articles; classify each against the cluster's fullest version."""
    q = quotes[quotes["n_words"] >= min_words].reset_index(drop=True)
    words = [_norm_words(t) for t in q["text"]]
    parent = list(range(len(q)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    index: dict[str, set[int]] = {}
    for i, w in enumerate(words):
        for t in set(w):
            index.setdefault(t, set()).add(i)
    for i, w in enumerate(words):
        cands = set().union(*(index.get(t, set()) for t in set(w))) if w else set()
        for j in cands:
            if j <= i or q.at[i, "article_id"] == q.at[j, "article_id"]:
                continue
            r = difflib.SequenceMatcher(None, w, words[j], autojunk=False).ratio()
            shorter, longer = sorted((w, words[j]), key=len)
            contained = " ".join(shorter) in " ".join(longer)
            if r >= min_ratio or (contained and len(shorter) >= min_words):
                parent[find(i)] = find(j)
    clusters: dict[int, list[int]] = {}
    for i in range(len(q)):
        clusters.setdefault(find(i), []).append(i)
    rows = []
    cid = 0
    for members in clusters.values():
        if len({q.at[i, "article_id"] for i in members}) < 2:
            continue
        ref = max(members, key=lambda i: (len(words[i]), -i))
        for i in members:
            if words[i] == words[ref]:
                rel, diff = "identical", ""
            elif " ".join(words[i]) in " ".join(words[ref]):
                rel, diff = "trimmed", word_diff(q.at[ref, "text"], q.at[i, "text"])
            else:
                rel, diff = "altered", word_diff(q.at[ref, "text"], q.at[i, "text"])
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
