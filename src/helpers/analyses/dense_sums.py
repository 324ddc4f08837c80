"""Row sums of a sparse table that equal, bit for bit, NumPy's sums of the same table made dense.

A word x article table of contributions is mostly zeros and grows with the vocabulary times the corpus,
so the word shift keeps only its non-zero cells. Its means must still equal those of the dense table
exactly (the book's tables are compared between runs), and floating-point sums depend on the order of
the additions: NumPy adds a row pairwise. This module replays that order on the non-zero cells.
"""

from __future__ import annotations

import numpy as np

PAIRWISE_BLOCK = 128  # NumPy sums a row of at most this many numbers with UNROLL partial sums, longer rows in halves
UNROLL = 8


def _leaves(pos: np.ndarray, n: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Where NumPy's pairwise summation of a row of ``n`` numbers puts position ``pos``.

    Returns the leaf (a path code: 1 for the whole row, then one bit per halving, left 0, right 1), the
    position's offset in its leaf, and the leaf's length.
    """
    lo, size, path = np.zeros_like(pos), n.copy(), np.ones_like(pos)
    while (split := size > PAIRWISE_BLOCK).any():
        half = size // 2
        half -= half % UNROLL
        right = split & (pos >= lo + half)
        lo = np.where(right, lo + half, lo)
        size = np.where(split, np.where(right, size - half, half), size)
        path = np.where(split, path * 2 + right, path)
    return path, pos - lo, size


def dense_row_sums(row: np.ndarray, pos: np.ndarray, n: np.ndarray, values: np.ndarray, n_rows: int) -> np.ndarray:
    """Row sums of a table given only its non-zero cells, equal bit for bit to NumPy's ``sum(axis=1)`` of the
    dense table (C order), whose row ``row[i]`` has ``n[i]`` cells and ``values[i]`` at column ``pos[i]``.

    NumPy adds a row pairwise: halves until at most PAIRWISE_BLOCK numbers, there UNROLL running partial
    sums combined as a fixed tree, then the rest one by one. Adding a zero cell changes no sum, so the
    same tree over the non-zero cells gives the same result without building the table (linear in cells).
    Cells must be given in column order within each row.
    """
    path, offset, size = _leaves(pos, n)
    leaf_key = np.stack([row, path], axis=1)
    leaves, leaf = np.unique(leaf_key, axis=0, return_inverse=True)
    leaf = leaf.ravel()
    in_lanes = (size >= UNROLL) & (offset < size - size % UNROLL)
    lanes = np.zeros((len(leaves), UNROLL))
    np.add.at(lanes, (leaf[in_lanes], offset[in_lanes] % UNROLL), values[in_lanes])
    sums = ((lanes[:, 0] + lanes[:, 1]) + (lanes[:, 2] + lanes[:, 3])) + (
        (lanes[:, 4] + lanes[:, 5]) + (lanes[:, 6] + lanes[:, 7])
    )
    np.add.at(sums, leaf[~in_lanes], values[~in_lanes])  # the rest of the leaf, in order
    rows, paths = leaves[:, 0], leaves[:, 1]
    while (paths > 1).any():  # join the deepest nodes into their parents (x + 0.0 == x: absent halves are zeros)
        deep = np.log2(paths).astype(int) == int(np.log2(paths.max()))
        parents, parent = np.unique(np.stack([rows[deep], paths[deep] // 2], axis=1), axis=0, return_inverse=True)
        joined = np.zeros(len(parents))
        np.add.at(joined, parent.ravel(), sums[deep])
        rows, paths = np.r_[rows[~deep], parents[:, 0]], np.r_[paths[~deep], parents[:, 1]]
        sums = np.r_[sums[~deep], joined]
    out = np.zeros(n_rows)
    out[rows] = sums
    return out
