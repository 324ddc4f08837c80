"""What the tone model sees of one mention: feature strings and a few numbers, the same at training and at run time.

Tone toward a person is carried by the words around the person, not by the sentence as a whole:
"X attacked Y" is negative from Y's side and says little of X. So every feature is relative to the
target span: the target itself is masked (the model must not learn that one politician is disliked),
words are kept apart by side (left / right) and by distance, and lexicon words (VADER's valences,
Hutto and Gilbert 2014) are weighted by how close they are to the target and flipped after a negation.
Whether the target stands inside a quotation is a feature of its own, since a quoted speaker's
feelings are not the outlet's.

Training (``helpers.models.train_tone``) and inference (``helpers.analyses.tone_model``) both call
:func:`mention_features`, so the two can never drift apart. Only the standard library, numpy and
the lexicon shipped by ``vaderSentiment`` are used: nothing here needs the training extra.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

TOKEN_RX = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?|[^\sa-z0-9]")
TARGET = "<t>"
WINDOW = 6  # words each side that get side-and-distance features
NEAR = 2  # words this close to the target also get a "near" feature
NEGATIONS = frozenset(
    "not no never none nobody nothing neither nor cannot can't won't don't doesn't didn't isn't aren't wasn't "
    "weren't hasn't haven't hadn't shouldn't wouldn't couldn't without n't".replace("'", "'").split()
)
# Where the target's clause ends: punctuation and the conjunctions and relatives that open another clause.
CLAUSE_BOUNDS = frozenset(
    ", ; : — – ( ) . ! ? but while although though whereas because which who after before when and".split()
)
# The dense block: each mention's lexicon and position numbers, in this order.
DENSE_NAMES = (
    "lex_left", "lex_right", "lex_near", "lex_sentence", "lex_weighted",
    "neg_left", "pos_left", "neg_right", "pos_right", "lex_clause_left", "lex_clause_right", "clause_is_left",
    "in_quote", "starts_sentence", "rel_position",
)


@lru_cache(maxsize=1)
def vader_valences() -> dict[str, float]:
    """VADER's lexicon (word -> valence, -4..4) from the file ``vaderSentiment`` ships; read once per process."""
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


def tokens(text: str) -> list[str]:
    """Lower-cased words and punctuation marks; curly apostrophes read as straight ones."""
    return TOKEN_RX.findall(text.lower().replace("’", "'"))


def _inside_quote(left: str) -> bool:
    """Is a position after ``left`` inside a quotation? Curly quotes pair up; straight ones count by parity."""
    opened = left.count("“") - left.count("”")
    return opened > 0 or (opened == 0 and left.count('"') % 2 == 1)


def _valences(words: list[str], lexicon: dict[str, float]) -> np.ndarray:
    """Each word's valence, flipped (and damped, as VADER does) when one of the three words before it negates."""
    out = np.zeros(len(words))
    for i, w in enumerate(words):
        v = lexicon.get(w)
        if v is None:
            continue
        if any(p in NEGATIONS or p.endswith("n't") for p in words[max(0, i - 3):i]):
            v = -0.74 * v
        out[i] = v
    return out


def _lexicon_numbers(left: list[str], right: list[str], lexicon: dict[str, float]) -> list[float]:
    """Lexicon sums by side and by closeness to the target (scaled by 1/4, VADER's largest valence)."""
    words = left + [TARGET] + right
    val = _valences(words, lexicon) / 4.0
    k = len(left)
    dist = np.abs(np.arange(len(words)) - k)
    lv, rv = val[:k], val[k + 1:]
    lw, rw = lv[-WINDOW:], rv[:WINDOW]
    near = val[(dist <= NEAR + 1) & (dist > 0)].sum()
    return [
        float(lw.sum()), float(rw.sum()), float(near), float(val.sum()), float((val / (1.0 + dist)).sum()),
        float(-lw[lw < 0].sum()), float(lw[lw > 0].sum()), float(-rw[rw < 0].sum()), float(rw[rw > 0].sum()),
    ]


def _clause(words: list[str], side: str) -> list[str]:
    """The words of the target's own clause on one side: up to the first clause boundary."""
    seq = words if side == "r" else words[::-1]
    out: list[str] = []
    for w in seq:
        if w in CLAUSE_BOUNDS:
            break
        out.append(w)
    return out if side == "r" else out[::-1]


def _lexicon_tags(val: np.ndarray, k: int) -> list[str]:
    """Each lexicon word as its sign, side and distance bucket (1-2, 3-5, 6-10, farther words from the target)."""
    feats = []
    for i in np.flatnonzero(val):
        dist = abs(int(i) - k)
        bucket = "1" if dist <= 2 else "2" if dist <= 5 else "3" if dist <= 10 else "4"
        sign = "p" if val[i] > 0 else "n"
        feats += [f"x:{'l' if i < k else 'r'}{bucket}{sign}", f"x:{bucket}{sign}"]
    return feats


def _side_features(words: list[str], side: str) -> list[str]:
    """Words by side (``l``/``r``), by side within the window, near the target, and bigrams within the window."""
    near = words[:NEAR] if side == "r" else words[-NEAR:]
    window = words[:WINDOW] if side == "r" else words[-WINDOW:]
    feats = [f"{side}:{w}" for w in words]
    feats += [f"{side}w:{w}" for w in window]
    feats += [f"{side}n:{w}" for w in near]
    seq = [TARGET, *window] if side == "r" else [*window, TARGET]
    feats += [f"{side}b:{a}_{b}" for a, b in zip(seq, seq[1:], strict=False)]
    return feats


def mention_features(text: str, start: int, end: int) -> tuple[list[str], list[float]]:
    """(feature strings, dense numbers in ``DENSE_NAMES`` order) for the target at ``text[start:end]``."""
    left_text, right_text = text[:start], text[end:]
    left, right = tokens(left_text), tokens(right_text)
    sentence = left + [TARGET] + right
    feats = [f"w:{w}" for w in sentence]
    feats += [f"b:{a}_{b}" for a, b in zip(sentence, sentence[1:], strict=False)]
    feats += _side_features(left, "l") + _side_features(right, "r")
    left_clause, right_clause = _clause(left, "l"), _clause(right, "r")
    feats += [f"lc:{w}" for w in left_clause] + [f"rc:{w}" for w in right_clause]
    in_quote = _inside_quote(left_text)
    if in_quote:
        feats.append("q:inside")
    lexicon = vader_valences()
    feats += _lexicon_tags(_valences(sentence, lexicon), len(left))
    numbers = _lexicon_numbers(left, right, lexicon)
    numbers += [float(_valences(left_clause, lexicon).sum() / 4), float(_valences(right_clause, lexicon).sum() / 4),
                float(len(left_clause) == len(left))]
    starts = not any(t.isalnum() for t in left)
    numbers += [float(in_quote), float(starts), len(left) / max(1, len(sentence))]
    return feats, numbers
