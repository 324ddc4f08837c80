"""MinHash signatures: the fast path gives exactly the signatures of a plain datasketch MinHash per text."""

from __future__ import annotations

import numpy as np
from datasketch import MinHash

from helpers.analyses.near_copies import NUM_PERM, SEED, shingle_hash, shingle_hashes, shingles, signature_matrix
from helpers.text.normalise import WORD

# Invented texts: ASCII and not, repeated k-grams, fewer words than a shingle, exactly one shingle, no words.
TEXTS = {
    "plain": "The council met on Monday. The council met on Monday, and the mayor said the vote would wait.",
    "accents": "Zoë Ångström told the Café Müller board: \"ΟΔΟΣ and straße are spelt as written,\" she said.",
    "sigma": "ΣΟΦΟΣ ΛΟΓΟΣ walked past the Straße-Ende sign twice; ΣΟΦΟΣ ΛΟΓΟΣ walked on.",
    "short": "Only three words",
    "five": "exactly five words right here",
    "punctuation": "-- ... !!",
    "empty": "",
    "hyphens": "A well-known, long-running case: O'Neill's co-workers' state-run union's claim.",
}


def _grams(text: str, k: int = 5) -> set[str]:
    """Every distinct k-gram of lower-cased words (the whole text when shorter), joined by spaces."""
    w = [x.lower() for x in WORD.findall(text)]
    return {" ".join(w[i : i + k]) for i in range(max(len(w) - k + 1, 1))} if w else set()


def _reference(text: str) -> np.ndarray:
    """The signature as defined: one fresh datasketch MinHash fed every distinct k-gram."""
    m = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=shingle_hash)
    m.update_batch([g.encode("utf-8") for g in _grams(text)])
    return m.hashvalues.astype(np.uint32)


def test_shingle_hashes_are_the_hashes_of_the_shingles():
    for text in TEXTS.values():
        assert {" ".join(s) for s in shingles(text)} == _grams(text)
        assert set(shingle_hashes(text)) == {shingle_hash(g.encode("utf-8")) for g in _grams(text)}


def test_signatures_equal_a_fresh_minhash_per_text():
    ids, matrix = signature_matrix(TEXTS)
    assert ids == list(TEXTS)
    assert matrix.dtype == np.uint32
    for row, text in zip(matrix, TEXTS.values(), strict=True):
        assert np.array_equal(row, _reference(text))


def test_signatures_do_not_leak_between_texts():
    # the one reused MinHash is cleared per text: a text's row does not depend on the texts before it
    _, alone = signature_matrix({"short": TEXTS["short"]})
    _, after = signature_matrix(TEXTS)
    assert np.array_equal(alone[0], after[list(TEXTS).index("short")])
    assert (after[list(TEXTS).index("empty")] == np.iinfo(np.uint32).max).all()
