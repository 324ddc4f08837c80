"""Quote drift: the same quotation across outlets, and the words each outlet changed inside it.

Each printing is "identical", "formatting" (it differs only in spacing, punctuation, case or number
formatting, such as a scraped "2.6million"), "trimmed" (a shorter excerpt) or "altered" (words changed).
"""

from __future__ import annotations

import difflib
import re

import networkx as nx
import pandas as pd
from rapidfuzz import fuzz

from helpers.analyses.near_copies import similar_pairs
from helpers.text.normalise import WORD

GRAM = 2  # word k-grams: a quote of a few words has several, and they are far rarer than single words
LSH_SHARE = 0.5  # LSH Jaccard threshold on word k-grams as a share of min_ratio (a changed word breaks GRAM of them)
CHANGED_WORDS = 1  # a quote with this many words changed or cut still shares one of its rarest k-grams with its source
LOOKUP_PARTNERS = 50  # quotes looked up per rare k-gram (bounds a stock phrase that thousands of quotes share)


def _norm_words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def _letters(text: str) -> str:
    """The quotation's letters and digits only, lower-cased: what is left when spacing, punctuation, case and
    number formatting ("2.6million", "2.6 million"; "2,500", "2500") are set aside."""
    return "".join(ch for ch in text.lower() if ch.isalnum())


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


def _groups(keys: list[str], articles: list[str]) -> tuple[list[int], dict[int, set[str]]]:
    """Representative (first member) of each quote's identical normalised text, and each group's articles.

    Identical quotes need no comparison: every member joins its representative, and only the
    representatives go on to be compared.
    """
    first: dict[str, int] = {}
    rep = [first.setdefault(key, i) for i, key in enumerate(keys)]
    arts: dict[int, set[str]] = {}
    for i, r in enumerate(rep):
        arts.setdefault(r, set()).add(articles[i])
    return rep, arts


def _grams(w: list[str], k: int = GRAM) -> list[tuple[str, ...]]:
    return [tuple(w[i : i + k]) for i in range(len(w) - k + 1)]


def _rare_gram_pairs(words: dict[int, list[str]]) -> set[tuple[int, int]]:
    """Pairs of quotes that share one of the first's rarest inner word k-grams (trimmed and lightly edited quotes).

    LSH misses a trimmed quote that is a small part of the full one, and short quotes with a changed word.
    If a quote's text lies inside another's, its inner words (all but the first and last, which may be cut
    mid-word) are whole words of the other in the same order, so all its inner k-grams are the other's; a
    changed word breaks at most GRAM of them. So one of the CHANGED_WORDS * GRAM + 1 rarest inner k-grams
    is shared; each is looked up in at most LOOKUP_PARTNERS quotes, which keeps the work linear.
    """
    index: dict[tuple[str, ...], list[int]] = {}
    for i, w in words.items():
        for g in set(_grams(w)):
            index.setdefault(g, []).append(i)
    pairs = set()
    for i, w in words.items():
        rarest = sorted(set(_grams(w[1:-1])), key=lambda g: (len(index[g]), g))[: CHANGED_WORDS * GRAM + 1]
        for g in rarest:
            pairs.update((min(i, j), max(i, j)) for j in index[g][:LOOKUP_PARTNERS] if j != i)
    return pairs


def _candidate_pairs(words: dict[int, list[str]], min_ratio: float) -> list[tuple[int, int]]:
    """Pairs of distinct quote texts worth comparing: LSH on word k-grams, plus shared rare k-grams.

    Both sources are bounded per quote, so the pairs grow with the number of quotes, not its square.
    """
    texts = {str(i): " ".join(w) for i, w in words.items()}
    similar = similar_pairs(texts, min_ratio * LSH_SHARE, GRAM)
    return sorted(_rare_gram_pairs(words) | {(min(int(a), int(b)), max(int(a), int(b))) for a, b in similar})


def _same_quote(a: list[str], b: list[str], min_ratio: float, min_words: int) -> bool:
    shorter, longer = sorted((a, b), key=len)
    contained = " ".join(shorter) in " ".join(longer)
    return fuzz.ratio(a, b) / 100 >= min_ratio or (contained and len(shorter) >= min_words)


def _clusters(q: pd.DataFrame, words: list[list[str]], min_ratio: float, min_words: int) -> list[list[int]]:
    """Connected components of the graph whose edges join the same quote in two articles."""
    rep, arts = _groups([" ".join(w) for w in words], q["article_id"].tolist())
    graph = nx.Graph()
    graph.add_nodes_from(range(len(q)))
    graph.add_edges_from((i, r) for i, r in enumerate(rep) if i != r)
    for i, j in _candidate_pairs({r: words[r] for r in arts}, min_ratio):
        one_article = len(arts[i]) == 1 and arts[i] == arts[j]
        if not one_article and _same_quote(words[i], words[j], min_ratio, min_words):
            graph.add_edge(i, j)
    return [sorted(c) for c in sorted(nx.connected_components(graph), key=min)]


def _relation(words: list[list[str]], texts: list[str], i: int, ref: int,
              seen: dict[tuple[str, str], tuple[str, str]] | None = None) -> tuple[str, str]:
    """(relation, word diff) of quote ``i`` to its cluster's reference; ``seen`` keeps the answer per pair of
    texts, since wire copies print the same altered quotation again and again."""
    key = (texts[ref], texts[i])
    if seen is not None and key in seen:
        return seen[key]
    if words[i] == words[ref]:
        out = ("identical", "")
    elif _letters(texts[i]) == _letters(texts[ref]):
        out = ("formatting", word_diff(texts[ref], texts[i]))  # a scraping or house-style difference, not a change
    else:
        rel = "trimmed" if " ".join(words[i]) in " ".join(words[ref]) else "altered"
        out = (rel, word_diff(texts[ref], texts[i]))
    if seen is not None:
        seen[key] = out
    return out


def quote_variants(quotes: pd.DataFrame, min_ratio: float = 0.6, min_words: int = 4) -> pd.DataFrame:
    """Cluster the same quote across articles; classify each against the cluster's fullest version.

    Identical texts are grouped first; candidates among the rest come from MinHash LSH on word k-grams
    and from each quote's rarest inner k-grams (trimmed, lightly edited), so comparisons grow linearly; similarity
    from rapidfuzz, clusters from networkx connected components.
    """
    q = quotes[quotes["n_words"] >= min_words].reset_index(drop=True)
    words = [_norm_words(t) for t in q["text"]]
    texts = q["text"].tolist()
    col = {c: q[c].tolist() for c in ("article_id", "outlet", "quote_id", "speaker")}  # lists: no per-cell pandas
    rows = []
    cid = 0
    seen: dict[tuple[str, str], tuple[str, str]] = {}
    for members in _clusters(q, words, min_ratio, min_words):
        if len({col["article_id"][i] for i in members}) < 2:
            continue
        ref = max(members, key=lambda i: (len(words[i]), -i))
        for i in members:
            rel, diff = _relation(words, texts, i, ref, seen)
            rows.append(
                {
                    "cluster_id": f"c{cid:03d}",
                    "article_id": col["article_id"][i],
                    "outlet": col["outlet"][i],
                    "quote_id": col["quote_id"][i],
                    "speaker": col["speaker"][i],
                    "text": texts[i],
                    "relation": rel,
                    "reference": col["quote_id"][ref],
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
