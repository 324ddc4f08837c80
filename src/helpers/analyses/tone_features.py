"""What the tone model sees of each mention: integer feature keys and a few numbers, built for many mentions at once.

Tone toward a person is carried by the words around the person, not by the sentence as a whole:
"X attacked Y" is negative from Y's side and says little of X. So every feature is relative to the
target span (after Jiang et al. 2011): the target itself is masked (the model must not learn that one
politician is disliked), words are kept apart by side and by distance, the target's own clause is
marked, and lexicon words (VADER's valences, Hutto and Gilbert 2014) are weighted by how close they
are to the target and flipped after a negation. Whether the target stands inside a quotation is a
feature of its own, since a quoted speaker's feelings are not the outlet's.

Speed matters (the pipeline scores every actor mention of a large corpus), so the only per-mention
Python work is tokenising and looking words up; every feature is then an integer key
``(kind * V + a) * V + b`` (``a``, ``b`` token ids, ``b = 0`` for single words) computed with numpy
over all mentions together, and the numbers are ``bincount`` sums. Training
(``helpers.models.train_tone``) and inference (``helpers.analyses.tone_model``) both call
:func:`encode_mentions`, so the two cannot drift apart.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import scipy.sparse as sp

TOKEN_RX = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[^\sa-z0-9]")
TARGET = "<t>"
WINDOW = 6  # words each side that get window features
NEAR = 2  # words this close to the target also get a "near" feature
NEGATIONS = frozenset(
    "not no never none nobody nothing neither nor cannot can't won't don't doesn't didn't isn't aren't wasn't "
    "weren't hasn't haven't hadn't shouldn't wouldn't couldn't without".split()
)
# Where the target's clause ends: punctuation and the conjunctions and relatives that open another clause.
CLAUSE_BOUNDS = frozenset(
    ", ; : — – ( ) . ! ? but while although though whereas because which who after before when and".split()
)
# Sparse feature kinds: sentence words and pairs; words left / right; within the window; near; pairs in the
# window (with the masked target); words of the target's clause; lexicon sign x side x distance; in a quotation.
KINDS = ("w", "b", "l", "r", "lw", "rw", "ln", "rn", "lb", "rb", "lc", "rc", "x", "q", "t", "e", "l2", "r2")
KIND = {k: i + 1 for i, k in enumerate(KINDS)}
# The dense block: each mention's lexicon and position numbers, in this order.
DENSE_NAMES = (
    "lex_left", "lex_right", "lex_near", "lex_sentence", "lex_weighted",
    "neg_left", "pos_left", "neg_right", "pos_right", "lex_clause_left", "lex_clause_right", "clause_is_left",
    "in_quote", "starts_sentence", "rel_position",
)


@lru_cache(maxsize=1)
def vader_valences() -> dict[str, float]:
    """VADER's lexicon (single word -> valence, -4..4) from the file ``vaderSentiment`` ships; read once."""
    from helpers.inputs.nltk_data import vader_lexicon_source

    valences: dict[str, float] = {}
    for line in vader_lexicon_source().read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and " " not in parts[0]:
            try:
                valences[parts[0].lower()] = float(parts[1])
            except ValueError:
                continue
    return valences


def tone_tokens(text: str) -> list[str]:
    """Lower-cased words and punctuation marks; curly apostrophes read as straight ones."""
    return TOKEN_RX.findall(text.lower().replace("’", "'"))


def inside_quote(left: str) -> bool:
    """Is a position after ``left`` inside a quotation? Curly quotes pair up; straight ones count by parity."""
    opened = left.count("“") - left.count("”")
    return opened > 0 or (opened == 0 and left.count('"') % 2 == 1)


@dataclass(frozen=True)
class TokenTables:
    """Token ids (1..V; 0 = unknown) and, per id, its word group, valence and negation / boundary / word flags.

    Features are keyed by word group, not token: tokens of one stem ("criticised", "criticism") share
    a group, so a rare form borrows the evidence of its common relatives.
    """

    index: dict[str, int]
    group: np.ndarray
    valence: np.ndarray
    negation: np.ndarray
    boundary: np.ndarray
    is_word: np.ndarray
    n_keyed: int = 0  # tokens 1..n_keyed key features; later ids are words known only by their vector
    has_vector: np.ndarray | None = None  # per id: does the word have a (pretrained) vector?

    @property
    def base(self) -> int:
        """The radix of the feature keys: one more than the largest keyed token or group id."""
        return max(int(self.group.max()), self.n_keyed or len(self.index)) + 1

    @classmethod
    def build(cls, vocabulary: Sequence[str], valences: dict[str, float],
              groups: Sequence[int] | None = None, extra: Sequence[str] = (),
              has_vector: Sequence[bool] | None = None) -> TokenTables:
        """Tables for a token list (its order gives the ids 1..V), a lexicon, and each token's group (1..G).

        ``extra`` words (ids V+1..) key no feature (their group is 0, as for an unknown word): they are
        there so that a word the training sentences never used still brings its vector's evidence.
        ``has_vector`` flags, for ids 1.., the words with a vector.
        """
        index = {w: i + 1 for i, w in enumerate([*vocabulary, *extra])}
        own = range(1, len(vocabulary) + 1) if groups is None else groups
        group = np.concatenate([[0], np.asarray(own, dtype=np.int64), np.zeros(len(extra), dtype=np.int64)])
        words = ["", *vocabulary, *extra]
        valence = np.array([valences.get(w, 0.0) for w in words]) / 4.0  # 4: VADER's largest valence
        negation = np.array([w in NEGATIONS or w.endswith("n't") for w in words])
        boundary = np.array([w in CLAUSE_BOUNDS for w in words])
        is_word = np.array([i == 0 or w.isalnum() or any(c.isalnum() for c in w) for i, w in enumerate(words)])
        vector = None if has_vector is None else np.concatenate([[False], np.asarray(has_vector, dtype=bool)])
        return cls(index, group, valence, negation, boundary, is_word, len(vocabulary), vector)


def stem_groups(vocabulary: Sequence[str]) -> list[int]:
    """Each token's group id (1..G): tokens with one Porter stem (NLTK's, no data files needed) share a group.

    Only the trainer calls this; the groups are stored with the model, so scoring needs no stemmer.
    """
    from nltk.stem.porter import PorterStemmer

    stem = PorterStemmer().stem
    stems = [stem(w) if w.isalpha() and w != TARGET else w for w in vocabulary]
    ids = {s: i + 1 for i, s in enumerate(sorted(set(stems)))}
    return [ids[s] for s in stems]


def token_vocabulary(texts: Iterable[str], valences: dict[str, float]) -> list[str]:
    """Every token of the training sentences plus the lexicon's, negation and boundary words, sorted."""
    seen = {TARGET, *valences, *NEGATIONS, *CLAUSE_BOUNDS}
    for text in texts:
        seen.update(tone_tokens(text))
    return sorted(seen)


@dataclass(frozen=True)
class Encoded:
    """Sparse features as (row, key) pairs, possibly repeated, and the dense block (rows x DENSE_NAMES)."""

    rows: np.ndarray
    keys: np.ndarray
    dense: np.ndarray
    slots: tuple[np.ndarray, ...] = ()  # per vector slot, the weighted mean of its table's rows (mentions x width)


def _token_spans(text: str, index: dict[str, int]) -> tuple[list[int], list[int], list[int]] | None:
    """(starts, ends, ids) of the tokens of a whole sentence (ids from ``index``, 0 for an unknown token), or None
    when lower-casing changes its length (then offsets in the lower-cased text are not those of the sentence)."""
    low = text.lower().replace("’", "'")
    if len(low) != len(text):
        return None
    found = [(m.start(), m.end(), m.group()) for m in TOKEN_RX.finditer(low)]
    return [f[0] for f in found], [f[1] for f in found], [index.get(f[2], 0) for f in found]


def _cut_between_tokens(spans: tuple[list[int], list[int], list[int]], start: int, end: int) -> bool:
    """True when no token of the sentence runs across ``start`` or ``end``: the tokens of the text before the
    mention are then the sentence's tokens that end by ``start``, and those after it the ones from ``end``."""
    t_starts, t_ends, _ = spans
    for cut in (start, end):
        k = bisect.bisect_right(t_starts, cut - 1) - 1  # the last token starting before the cut
        if k >= 0 and t_ends[k] > cut:
            return False
    return True


def _tokenise(texts: Sequence[str], starts: Sequence[int], ends: Sequence[int],
              tables: TokenTables) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(flat token ids, mention of each token, position relative to the target, inside-quote per mention)."""
    get, target = tables.index.get, tables.index[TARGET]
    ids: list[int] = []
    lengths, lefts, quoted = [], [], []
    read: dict[str, tuple[list[int], list[int], list[int]] | None] = {}  # a sentence read once for all its mentions
    for text, start, end in zip(texts, starts, ends, strict=True):
        if text not in read:
            read[text] = _token_spans(text, tables.index)
        whole = read[text]
        if whole is not None and _cut_between_tokens(whole, start, end):
            t_starts, t_ends, t_ids = whole
            n_left = bisect.bisect_right(t_ends, start)
            first_right = bisect.bisect_left(t_starts, end)
            left_ids, right_ids = t_ids[:n_left], t_ids[first_right:]
        else:  # a mention that cuts a token ("Roe" in "al-Roe's"): its sides are read as cut
            left_ids = [get(w, 0) for w in tone_tokens(text[:start])]
            right_ids = [get(w, 0) for w in tone_tokens(text[end:])]
        ids.extend(left_ids)
        ids.append(target)
        ids.extend(right_ids)
        lengths.append(len(left_ids) + len(right_ids) + 1)
        lefts.append(len(left_ids))
        quoted.append(inside_quote(text[:start]))
    lengths_a = np.asarray(lengths, dtype=np.int64)
    mention = np.repeat(np.arange(len(lengths_a)), lengths_a)
    first = np.concatenate([[0], np.cumsum(lengths_a)[:-1]]) if len(lengths_a) else np.zeros(0, dtype=np.int64)
    rel = np.arange(len(ids)) - np.repeat(first + np.asarray(lefts, dtype=np.int64), lengths_a)
    return np.asarray(ids, dtype=np.int64), mention, rel, np.asarray(quoted, dtype=bool)


def _negated(ids: np.ndarray, mention: np.ndarray, tables: TokenTables) -> np.ndarray:
    """Is one of the three tokens before each token (same mention) a negation?"""
    neg = tables.negation[ids]
    out = np.zeros(len(ids), dtype=bool)
    for lag in (1, 2, 3):
        out[lag:] |= neg[:-lag] & (mention[lag:] == mention[:-lag])
    return out


def _clause_masks(ids: np.ndarray, mention: np.ndarray, rel: np.ndarray, tables: TokenTables) -> tuple:
    """Masks: in the target's clause on the left, on the right (no clause boundary between token and target);
    in the next clause on the left, on the right (one boundary between: "X, who was convicted of fraud, ...")."""
    bnd = tables.boundary[ids].astype(np.int64)
    cs = np.cumsum(bnd)
    at_target = np.flatnonzero(rel == 0)[mention]  # flat index of each token's target
    left_count = cs[at_target] - cs + bnd - bnd[at_target]
    right_count = cs - cs[at_target]
    return ((rel < 0) & (left_count == 0), (rel > 0) & (right_count == 0),
            (rel < 0) & (left_count == 1), (rel > 0) & (right_count == 1))


def _pair_keys(ids: np.ndarray, mention: np.ndarray, rel: np.ndarray, base: int) -> tuple:
    """(rows, keys) of word pairs: the sentence's, and those in the window on each side including the target."""
    same = mention[1:] == mention[:-1]
    a, b, r = ids[:-1], ids[1:], rel[:-1]
    rows, keys = [], []
    for kind, mask in (("b", same), ("lb", same & (r >= -WINDOW) & (r <= -1)), ("rb", same & (r >= 0) & (r < WINDOW))):
        rows.append(mention[:-1][mask])
        keys.append((KIND[kind] * base + a[mask]) * base + b[mask])
    return rows, keys


def _triple_keys(ids: np.ndarray, mention: np.ndarray, base: int) -> tuple[np.ndarray, np.ndarray]:
    """(rows, keys) of the sentence's word triples (keys above every pair key: a third factor of ``base``)."""
    same = (mention[2:] == mention[1:-1]) & (mention[1:-1] == mention[:-2])
    a, b, c = ids[:-2][same], ids[1:-1][same], ids[2:][same]
    return mention[:-2][same], ((KIND["t"] * base + a) * base + b) * base + c


def _lexicon_tags(val: np.ndarray, mention: np.ndarray, rel: np.ndarray, base: int) -> tuple:
    """(rows, keys): each lexicon word as its sign, side and distance bucket (1-2, 3-5, 6-10, farther)."""
    hit = val != 0
    dist = np.abs(rel[hit])
    bucket = np.searchsorted([2, 5, 10], dist, side="left")  # 0..3
    code = bucket * 2 + (val[hit] > 0) + 1  # 1..8, side-free
    sided = code + 8 * np.where(rel[hit] < 0, 1, 2)  # 9..24
    rows = np.concatenate([mention[hit], mention[hit]])
    keys = (KIND["x"] * base + np.concatenate([code, sided])) * base
    return rows, keys


def _dense(val: np.ndarray, mention: np.ndarray, rel: np.ndarray, clause: tuple, quoted: np.ndarray,
           ids: np.ndarray, tables: TokenTables) -> np.ndarray:
    """The numbers of ``DENSE_NAMES`` for every mention, as sums over its tokens."""
    n = len(quoted)

    def total(weights: np.ndarray) -> np.ndarray:
        return np.bincount(mention, weights=weights, minlength=n)

    lw, rw = (rel < 0) & (rel >= -WINDOW), (rel > 0) & (rel <= WINDOW)
    dist = np.abs(rel)
    left_words = total(((rel < 0) & tables.is_word[ids]).astype(float))
    n_left, n_all = total((rel < 0).astype(float)), total(np.ones(len(ids)))
    n_clause_left = total(clause[0].astype(float))
    return np.column_stack([
        total(val * lw), total(val * rw), total(val * ((dist >= 1) & (dist <= NEAR + 1))), total(val),
        total(val / (1.0 + dist)),
        total(-np.minimum(val, 0) * lw), total(np.maximum(val, 0) * lw),
        total(-np.minimum(val, 0) * rw), total(np.maximum(val, 0) * rw),
        total(val * clause[0]), total(val * clause[1]), (n_clause_left == n_left).astype(float),
        quoted.astype(float), (left_words == 0).astype(float), n_left / np.maximum(1.0, n_all),
    ])


def slot_weights(slot: str, rel: np.ndarray) -> np.ndarray:
    """Each token's weight in a vector slot (the target itself, at 0, never counts).

    ``left`` / ``right``: every word on that side, weighted 1/(1 + distance), so the words next to the
    target count most; ``near_left`` / ``near_right``: the words within ``NEAR``, equally;
    ``window_left`` / ``window_right``: the words within ``WINDOW``, equally; ``sentence``: every word.
    """
    side = {"left": rel < 0, "right": rel > 0}
    name, _, where = slot.rpartition("_")
    if slot == "sentence":
        return (rel != 0).astype(float)
    if where not in side or name not in ("", "near", "window"):
        raise ValueError(f"unknown vector slot {slot!r}")
    if name == "":
        return side[where] / (1.0 + np.abs(rel))
    reach = NEAR if name == "near" else WINDOW
    return (side[where] & (np.abs(rel) <= reach)).astype(float)


def _slot_means(ids: np.ndarray, mention: np.ndarray, rel: np.ndarray, n: int, tables: TokenTables,
                slot_tables: Sequence[tuple[str, np.ndarray]]) -> tuple[np.ndarray, ...]:
    """Per slot, the weighted mean of ``table[id]`` over the words with a vector (zero where a slot has none).

    Training passes the word vectors as the table; the shipped model passes each word's class scores
    for that slot, precomputed: the mean of scores is the score of the mean, so both give the same model.
    """
    if not slot_tables:
        return ()
    usable = tables.is_word[ids] & (tables.has_vector[ids] if tables.has_vector is not None else False)
    out = []
    for slot, table in slot_tables:
        weight = slot_weights(slot, rel) * usable
        total = np.maximum(np.bincount(mention, weights=weight, minlength=n), 1e-12)
        if table.shape[1] > 8:  # training's vectors: one sparse product
            spread = sp.csr_matrix((weight, (mention, ids)), shape=(n, len(table)))
            out.append(np.asarray(spread @ table) / total[:, None])
            continue
        hit = np.flatnonzero(weight)  # scoring's few class scores: a bincount per column is faster
        rows = table[ids[hit]] * weight[hit, None]
        out.append(np.column_stack([np.bincount(mention[hit], weights=rows[:, c], minlength=n)
                                    for c in range(table.shape[1])]) / total[:, None])
    return tuple(out)


def encode_mentions(texts: Sequence[str], starts: Sequence[int], ends: Sequence[int],
                    tables: TokenTables, triples: bool = False, exact: bool = False,
                    second_clause: bool = False, slot_tables: Sequence[tuple[str, np.ndarray]] = ()) -> Encoded:
    """Feature keys and dense numbers for each mention ``texts[i][starts[i]:ends[i]]``.

    ``triples`` adds the sentence's word triples; ``exact`` adds its words by exact form besides their stem;
    ``second_clause`` adds the words of the clause next to the target's on each side; ``slot_tables``
    (slot name, table with a row per token id) adds each slot's weighted mean of the table's rows.
    """
    ids, mention, rel, quoted = _tokenise(texts, starts, ends, tables)
    base = tables.base
    word = tables.group[ids]
    val = tables.valence[ids] * np.where(_negated(ids, mention, tables), -0.74, 1.0)  # VADER's negation factor
    clause = _clause_masks(ids, mention, rel, tables)
    singles = {
        "w": np.ones(len(ids), dtype=bool), "l": rel < 0, "r": rel > 0,
        "lw": (rel < 0) & (rel >= -WINDOW), "rw": (rel > 0) & (rel <= WINDOW),
        "ln": (rel < 0) & (rel >= -NEAR), "rn": (rel > 0) & (rel <= NEAR), "lc": clause[0], "rc": clause[1],
    }
    rows = [mention[m] for m in singles.values()]
    keys = [(KIND[k] * base + word[m]) * base for k, m in singles.items()]
    pair_rows, pair_keys = _pair_keys(word, mention, rel, base)
    tag_rows, tag_keys = _lexicon_tags(val, mention, rel, base)
    quote_rows = np.flatnonzero(quoted)
    rows += [*pair_rows, tag_rows, quote_rows]
    keys += [*pair_keys, tag_keys, np.full(len(quote_rows), (KIND["q"] * base + 1) * base, dtype=np.int64)]
    if second_clause:
        rows += [mention[clause[2]], mention[clause[3]]]
        keys += [(KIND["l2"] * base + word[clause[2]]) * base, (KIND["r2"] * base + word[clause[3]]) * base]
    if exact:
        rows.append(mention)
        keys.append((KIND["e"] * base + np.where(ids <= (tables.n_keyed or len(tables.index)), ids, 0)) * base)
    if triples:
        triple_rows, triple_keys = _triple_keys(word, mention, base)
        rows.append(triple_rows)
        keys.append(triple_keys)
    return Encoded(np.concatenate(rows).astype(np.int64), np.concatenate(keys).astype(np.int64),
                   _dense(val, mention, rel, clause, quoted, ids, tables),
                   _slot_means(ids, mention, rel, len(quoted), tables, slot_tables))
