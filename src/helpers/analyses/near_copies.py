"""Near-copies at scale: MinHash signatures and LSH buckets, the one place both are made.

Comparing every pair of articles is quadratic, and a real corpus is full of wire copies: a thousand
copies of one agency report would make half a million pairs that all say the same thing. So the
signature of each article's word shingles (MinHash, datasketch) is cut into LSH bands; articles
whose band values agree fall in one bucket. A small bucket yields all its pairs. A large bucket is
a cluster of copies: it is summarised by joining every member to the bucket's representative (its
first article in the given order), which keeps the cluster connected for story families while the
work stays linear in the number of articles. The notebooks (``helpers.analyses.provenance``) and the
batch engine (``helpers.pipeline.engine``) both call these functions.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import accumulate, combinations

import numpy as np
import pandas as pd

from helpers.text.normalise import WORD

SHINGLE = 5
NUM_PERM = 128
SEED = 1
SCHEME = "affine32"  # datasketch's default permutation scheme; signatures are stored as uint32
SMALL_BUCKET = 8  # a bucket of at most this many articles yields all its pairs; a larger one, a star
MAX_PARTNERS = 10  # each article keeps its most similar candidates (by MinHash estimate) up to this many
EDGE_CHUNK = 200_000  # candidate pairs scored per numpy pass (bounds memory)


def words(text: str) -> list[str]:
    """Lower-case word tokens of normalised text.

    ASCII text is lower-cased whole before tokenising (one call instead of one per word; for ASCII the two
    agree); other text word by word, since lower-casing can change length or depend on context (final sigma).
    """
    if text.isascii():
        return WORD.findall(text.lower())
    return [w.lower() for w in WORD.findall(text)]


def shingles(text: str, k: int = SHINGLE) -> set[tuple[str, ...]]:
    """Word k-grams (the whole text as one shingle when shorter than k words)."""
    w = words(text)
    if len(w) < k:
        return {tuple(w)} if w else set()
    return {tuple(w[i : i + k]) for i in range(len(w) - k + 1)}


def shingle_hash(data: bytes) -> int:
    """32-bit hash of one shingle for MinHash: CRC-32 (C speed; datasketch's default SHA-1 is slower)."""
    return zlib.crc32(data)


def shingle_hashes(text: str, k: int = SHINGLE) -> list[int]:
    """:func:`shingle_hash` of each word k-gram of ``text``, in text order (a k-gram may repeat).

    The same values as hashing each member of :func:`shingles` (repeats do not change a MinHash), but the
    k-grams are cut as byte slices of the joined words instead of being built one tuple and one string each.
    """
    w = words(text)
    if len(w) <= k:
        return [shingle_hash(" ".join(w).encode("utf-8"))] if w else []
    data = " ".join(w).encode("utf-8")
    sizes = [len(x) for x in w] if text.isascii() else [len(x.encode("utf-8")) for x in w]
    starts = list(accumulate((n + 1 for n in sizes), initial=0))  # byte offset of each word; one past the end
    return [shingle_hash(data[a : b - 1]) for a, b in zip(starts[: len(starts) - k], starts[k:], strict=True)]


def signature_matrix(texts: Mapping[str, str], num_perm: int = NUM_PERM,
                     k: int = SHINGLE) -> tuple[list[str], np.ndarray]:
    """Ids and the MinHash signatures of their texts' word k-grams (one uint32 row each), in the mapping's order.

    One datasketch MinHash is made (its permutations drawn once) and cleared per text; it is given the
    shingles' CRC-32 values, already computed, so its hash function is the identity on them.
    """
    from datasketch import MinHash

    m = MinHash(num_perm=num_perm, seed=SEED, hashfunc=int)
    ids, rows = [], []
    for aid, text in texts.items():
        m.clear()
        m.update_batch(shingle_hashes(text, k))
        rows.append(m.hashvalues.astype(np.uint32))
        ids.append(aid)
    matrix = np.vstack(rows) if rows else np.zeros((0, num_perm), dtype=np.uint32)
    return ids, matrix


def lsh_bands(threshold: float, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """Bands and rows per band that datasketch's LSH chooses for a Jaccard threshold."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


@dataclass
class Candidates:
    """Candidate pairs (indices into ``ids``, first < second) and what finding them cost."""

    ids: list[str]
    pairs: list[tuple[str, str]] = field(default_factory=list)
    bucket_members: int = 0  # articles placed in buckets of two or more, summed over bands (the work)
    largest_bucket: int = 0
    summarised_buckets: int = 0  # buckets larger than SMALL_BUCKET, joined as a star instead of all pairs
    capped_pairs: int = 0  # bucket pairs dropped because neither article ranks the other among its closest


def _bucket_edges(members: np.ndarray, small_bucket: int) -> list[tuple[int, int]]:
    if len(members) <= small_bucket:
        return list(combinations(members.tolist(), 2))
    rep = int(members[0])
    return [(rep, int(m)) for m in members[1:]]


def _estimated_jaccard(matrix: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """Share of equal MinHash values of each pair (the MinHash estimate of their Jaccard similarity)."""
    out = np.empty(len(edges))
    for start in range(0, len(edges), EDGE_CHUNK):
        e = edges[start : start + EDGE_CHUNK]
        out[start : start + len(e)] = (matrix[e[:, 0]] == matrix[e[:, 1]]).mean(axis=1)
    return out


def _closest(edges: np.ndarray, score: np.ndarray, n: int, max_partners: int) -> np.ndarray:
    """Keep a pair when either article ranks the other among its ``max_partners`` most similar."""
    src = np.concatenate([edges[:, 0], edges[:, 1]])
    order = np.lexsort((-np.concatenate([score, score]), src))
    starts = np.searchsorted(src[order], np.arange(n))
    rank = np.empty(len(src), dtype=np.int64)
    rank[order] = np.arange(len(src)) - starts[src[order]]
    keep = (rank[: len(edges)] < max_partners) | (rank[len(edges) :] < max_partners)
    return edges[keep]


def candidate_pairs_from_matrix(ids: list[str], matrix: np.ndarray, threshold: float,
                                small_bucket: int = SMALL_BUCKET, max_partners: int = MAX_PARTNERS) -> Candidates:
    """Pairs of articles that share at least one LSH bucket; large buckets are joined as stars.

    Linear in the number of articles: each band costs one sort, each bucket yields at most
    ``small_bucket``² / 2 pairs or one pair per member, and an article keeps at most ``max_partners``
    candidates of its own (the closest by MinHash estimate), so a corpus where everything shares a
    little with everything does not turn into all pairs.
    """
    found = Candidates(list(ids))
    if len(ids) < 2:
        return found
    b, r = lsh_bands(threshold, matrix.shape[1])
    edges: set[tuple[int, int]] = set()
    for band in range(b):
        keys = np.ascontiguousarray(matrix[:, band * r : (band + 1) * r]).view(np.dtype((np.void, 4 * r))).ravel()
        _, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
        order = np.argsort(inverse, kind="stable")
        starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
        for bucket in np.flatnonzero(counts > 1):
            members = order[starts[bucket] : starts[bucket] + counts[bucket]]
            found.bucket_members += len(members)
            found.largest_bucket = max(found.largest_bucket, len(members))
            found.summarised_buckets += int(len(members) > small_bucket)
            edges.update(_bucket_edges(members, small_bucket))
    pairs = np.array(sorted(edges), dtype=np.int64).reshape(-1, 2)
    kept = _closest(pairs, _estimated_jaccard(matrix, pairs), len(ids), max_partners) if len(pairs) else pairs
    found.capped_pairs = len(pairs) - len(kept)
    found.pairs = sorted(tuple(sorted((ids[i], ids[j]))) for i, j in kept.tolist())
    return found


def signatures_table(texts: Mapping[str, str], num_perm: int = NUM_PERM) -> pd.DataFrame:
    """The engine's ``signatures`` table: article_id and one column per hash value."""
    ids, matrix = signature_matrix(texts, num_perm)
    table = pd.DataFrame(matrix, columns=[f"h{i:03d}" for i in range(num_perm)])
    table.insert(0, "article_id", ids)
    return table


def candidates_from_table(sigs: pd.DataFrame, threshold: float) -> Candidates:
    """Candidate pairs from a stored ``signatures`` table (as the engine writes it)."""
    values = sigs.drop(columns=["article_id"]).to_numpy(dtype=np.uint32)
    return candidate_pairs_from_matrix(sigs["article_id"].tolist(), values, threshold)


def similar_pairs(texts: Mapping[str, str], threshold: float, k: int = SHINGLE) -> list[tuple[str, str]]:
    """Candidate pairs among any short texts (quotations, headlines) by word k-gram MinHash LSH.

    For callers that today compare every text with every other sharing a word: the pairs to compare
    then grow with the number of texts, not its square.
    """
    ids, matrix = signature_matrix(texts, k=k)
    return candidate_pairs_from_matrix(ids, matrix, threshold).pairs
