"""Sentence alignment: which sentence of one article is which sentence of another, and how alike they are.

Reuse (``helpers.analyses.provenance``) aligns the sentences of every candidate pair of articles, and the
pairs grow with the corpus, so this is the inner loop of the reuse stage. Two sentences are scored with
difflib's ratio of their word sequences only when they could align: they share at least 40% of the shorter
one's distinct words, and their lengths allow the ratio asked for. The words shared by every sentence of
one article with every sentence of the other are one matrix product (each article's words are numbered once
per block of pairs, not once per pair), instead of a Python count per word.
"""

from __future__ import annotations

import difflib

import numpy as np

from helpers.analyses.near_copies import words

ALIGN_RATIO = 0.6  # difflib ratio of two word sequences from which two sentences align
SHARED_SHARE = 0.4  # share of the shorter sentence's distinct words the two must share to be scored

Incidence = tuple[np.ndarray, np.ndarray]  # (sentence, word id) of each distinct word of each sentence of an article


def word_incidence(tokens: dict[str, list[list[str]]]) -> dict[str, Incidence]:
    """Each article's distinct words per sentence as (sentence, word id) arrays over one vocabulary, for
    :func:`shared_words` of any two of them."""
    vocab: dict[str, int] = {}
    out = {}
    for article, sentences in tokens.items():
        ids = [[vocab.setdefault(t, len(vocab)) for t in set(w)] for w in sentences]
        rows = np.repeat(np.arange(len(ids)), [len(x) for x in ids])
        out[article] = rows, np.fromiter((t for x in ids for t in x), dtype=np.int64, count=len(rows))
    return out


def shared_words(wa: list[list[str]], wb: list[list[str]],
                 incidence: tuple[Incidence | None, Incidence | None] | None = None) -> np.ndarray:
    """How many distinct words each sentence of ``wa`` shares with each sentence of ``wb`` (rows: ``wa``):
    one product of two small 0/1 matrices over the two articles' words."""
    ia, ib = incidence if incidence is not None else (None, None)
    if ia is None or ib is None:
        found = word_incidence({"a": wa, "b": wb})
        ia, ib = found["a"], found["b"]
    (rows_a, ids_a), (rows_b, ids_b) = ia, ib
    both, local = np.unique(np.concatenate([ids_a, ids_b]), return_inverse=True)
    a, b = np.zeros((len(wa), len(both))), np.zeros((len(wb), len(both)))
    a[rows_a, local[: len(ids_a)]] = 1.0
    b[rows_b, local[len(ids_a) :]] = 1.0
    return a @ b.T  # exact: integer counts far below 2**53


def align(
    sent_a: list[str], sent_b: list[str], min_ratio: float = ALIGN_RATIO,
    tokens: tuple[list[list[str]], list[list[str]]] | None = None,
    incidence: tuple[Incidence | None, Incidence | None] | None = None,
) -> list[tuple[int, int, float]]:
    """Greedy one-to-one sentence alignment by word-sequence similarity (best pairs first).

    A ratio is at most 2·shorter/(sum of the lengths), so a pair whose lengths cannot reach ``min_ratio`` is
    not scored; identical word lists score 1.0 without difflib. ``tokens`` are the sentences' words and
    ``incidence`` their matrices when the caller has them already (``reuse`` makes them once per article).
    """
    wa, wb = tokens if tokens is not None else ([words(s) for s in sent_a], [words(s) for s in sent_b])
    if not wa or not wb:
        return []
    la, lb = np.array([len(w) for w in wa]), np.array([len(w) for w in wb])
    shorter, lengths = np.minimum.outer(la, lb), np.add.outer(la, lb)
    shared = shared_words(wa, wb, incidence)
    worth = (shared > 0) & (shared >= SHARED_SHARE * shorter) & (2.0 * shorter / np.maximum(lengths, 1) >= min_ratio)
    scored = []
    for j in np.flatnonzero(worth.any(axis=0)).tolist():
        matcher = None  # difflib indexes its second sequence: once per sentence of b, when one is not identical
        for i in np.flatnonzero(worth[:, j]).tolist():
            if wa[i] == wb[j]:
                r = 1.0
            else:
                matcher = matcher or difflib.SequenceMatcher(None, b=wb[j], autojunk=False)
                matcher.set_seq1(wa[i])
                r = matcher.ratio()
            if r >= min_ratio:
                scored.append((r, i, j))
    used_a, used_b, pairs = set(), set(), []
    for r, i, j in sorted(scored, reverse=True):
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.append((i, j, r))
    return sorted(pairs, key=lambda p: p[1])
