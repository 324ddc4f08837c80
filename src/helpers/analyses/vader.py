"""VADER's compound score for many sentences at once, reproducing NLTK's ``polarity_scores`` exactly.

Scoring a corpus sentence by sentence through NLTK builds, for every sentence, a dictionary of every
word joined with every punctuation mark, and evaluates the rules for every token. Most tokens are not
in the lexicon and score 0 whatever their context, so this module tokenises the same way without that
dictionary, evaluates VADER's context rules (boosters, capitals, negation, "never so", idioms,
"least") only at the tokens that are in the lexicon, and applies the sentence-level rules (the first
"but", "!" and "?" emphasis) with array operations over all sentences.

Everything comes from NLTK's public analyzer: its lexicon and its ``constants`` (booster words,
negations, idioms, punctuation list, scalars). The arithmetic follows NLTK's order, so the unrounded
compound equals what NLTK rounds to four decimals (Hutto and Gilbert 2014; NLTK 3.9's implementation,
including its lookup of a repeated token's context at the token's first occurrence).
"""

from __future__ import annotations

import math
import re
import string
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from helpers.inputs.nltk_data import use_project_nltk_data

PUNCT_RX = re.compile("[" + re.escape(string.punctuation) + "]")
EMPHASIS_MAX_EXCLAMATIONS = 4
EXCLAMATION_WEIGHT = 0.292
QUESTION_WEIGHT = 0.18
QUESTION_MAX_EACH = 3  # up to this many "?" count one by one; more give QUESTION_CAP
QUESTION_CAP = 0.96
ALPHA = 15  # VADER's normalisation constant


@dataclass(frozen=True)
class Rules:
    """VADER's lexicon and rule constants, taken from NLTK's public analyzer."""

    lexicon: dict[str, float]
    boosters: dict[str, float]
    negations: frozenset[str]
    idioms: dict[str, float]
    punctuation: frozenset[str]
    c_incr: float
    b_decr: float
    n_scalar: float


@lru_cache(maxsize=1)
def analyzer():
    """NLTK's VADER with the lexicon provisioned offline (see helpers.inputs.nltk_data)."""
    use_project_nltk_data()
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    try:
        return SentimentIntensityAnalyzer()
    except LookupError as exc:  # pragma: no cover - depends on set-up
        raise RuntimeError("VADER lexicon not found: run `make setup` (python -m helpers provision)") from exc


@lru_cache(maxsize=1)
def rules() -> Rules:
    sia = analyzer()
    c = sia.constants
    return Rules(sia.lexicon, dict(c.BOOSTER_DICT), frozenset(c.NEGATE), dict(c.SPECIAL_CASE_IDIOMS),
                 frozenset(c.PUNC_LIST), c.C_INCR, c.B_DECR, c.N_SCALAR)


def _strip(token: str, punctuation: frozenset[str]) -> str:
    """NLTK's SentiText rule: one leading or trailing punctuation mark (from its list) comes off a word."""
    n = len(token)
    lead = n - len(token.lstrip(string.punctuation))
    trail = max(lead, len(token.rstrip(string.punctuation)))
    core = token[lead:trail]
    if len(core) < 2 or PUNCT_RX.search(core):
        return token
    if lead == 0 and trail < n and token[trail:] in punctuation:
        return core
    if trail == n and lead > 0 and token[:lead] in punctuation:
        return core
    return token


def words_and_emoticons(text: str, r: Rules | None = None) -> list[str]:
    """VADER's words and emoticons of a text (tokens of one character are dropped)."""
    r = r or rules()  # a letters-and-digits token has no punctuation to strip: most tokens skip _strip
    return [t if t.isalnum() else _strip(t, r.punctuation) for t in text.split() if len(t) > 1]


def _negated(word: str, r: Rules) -> bool:
    low = word.lower()
    return low in r.negations or "n't" in low


def _never(valence: float, w: list[str], start_i: int, i: int, r: Rules) -> float:
    if start_i == 0:
        return valence * r.n_scalar if _negated(w[i - 1], r) else valence
    if start_i == 1:
        if w[i - 2] == "never" and w[i - 1] in ("so", "this"):
            return valence * 1.5
        return valence * r.n_scalar if _negated(w[i - 2], r) else valence
    if (w[i - 3] == "never" and w[i - 2] in ("so", "this")) or w[i - 1] in ("so", "this"):
        return valence * 1.25
    return valence * r.n_scalar if _negated(w[i - 3], r) else valence


def _idioms(valence: float, w: list[str], i: int, r: Rules) -> float:
    seqs = [f"{w[i - 1]} {w[i]}", f"{w[i - 2]} {w[i - 1]} {w[i]}", f"{w[i - 2]} {w[i - 1]}",
            f"{w[i - 3]} {w[i - 2]} {w[i - 1]}", f"{w[i - 3]} {w[i - 2]}"]
    for seq in seqs:
        if seq in r.idioms:
            valence = r.idioms[seq]
            break
    if len(w) - 1 > i and f"{w[i]} {w[i + 1]}" in r.idioms:
        valence = r.idioms[f"{w[i]} {w[i + 1]}"]
    if len(w) - 1 > i + 1 and f"{w[i]} {w[i + 1]} {w[i + 2]}" in r.idioms:
        valence = r.idioms[f"{w[i]} {w[i + 1]} {w[i + 2]}"]
    if seqs[4] in r.boosters or seqs[2] in r.boosters:
        valence = valence + r.b_decr
    return valence


def _booster(word: str, valence: float, cap_diff: bool, r: Rules) -> float:
    scalar = r.boosters.get(word.lower(), 0.0)
    if scalar:
        if valence < 0:
            scalar *= -1
        if word.isupper() and cap_diff:
            scalar = scalar + r.c_incr if valence > 0 else scalar - r.c_incr
    return scalar


def _valence_at(w: list[str], low: list[str], i: int, cap_diff: bool, r: Rules) -> float:
    """The rule-adjusted valence of the lexicon word at position ``i`` (NLTK's sentiment_valence)."""
    valence = r.lexicon[low[i]]
    if w[i].isupper() and cap_diff:
        valence = valence + r.c_incr if valence > 0 else valence - r.c_incr
    for start_i in range(3):
        if i > start_i and low[i - start_i - 1] not in r.lexicon:
            s = _booster(w[i - start_i - 1], valence, cap_diff, r)
            if start_i == 1 and s != 0:
                s = s * 0.95
            if start_i == 2 and s != 0:
                s = s * 0.9
            valence = valence + s
            valence = _never(valence, w, start_i, i, r)
            if start_i == 2:
                valence = _idioms(valence, w, i, r)
    if i > 1 and low[i - 1] not in r.lexicon and low[i - 1] == "least":
        if low[i - 2] != "at" and low[i - 2] != "very":
            valence = valence * r.n_scalar
    elif i > 0 and low[i - 1] not in r.lexicon and low[i - 1] == "least":
        valence = valence * r.n_scalar
    return valence


def token_valences(w: list[str], r: Rules | None = None) -> list[float]:
    """Each token's valence, including the "but" rule, in token order (0 for most tokens)."""
    r = r or rules()
    low = [t.lower() for t in w]
    lexicon = r.lexicon
    out = [0] * len(w)
    scored = [k for k, lw in enumerate(low) if lw in lexicon]  # only these can be other than 0
    if scored:
        n_caps = sum(map(str.isupper, w))
        cap_diff = 0 < len(w) - n_caps < len(w)
        first: dict[str, int] = {}  # only lexicon tokens need it: every occurrence of such a token is in the lexicon
        for k in scored:
            lw = low[k]
            i = first.setdefault(w[k], k)  # NLTK reads a repeated token's context at its first occurrence
            skip = lw in r.boosters or (lw == "kind" and i < len(w) - 1 and low[i + 1] == "of")
            if not skip:
                out[k] = _valence_at(w, low, i, cap_diff, r)
    if "but" in low:
        bi = low.index("but")
        out = [v * 0.5 if k < bi else (v * 1.5 if k > bi else v) for k, v in enumerate(out)]
    return out


def emphasis(texts: Sequence[str]) -> np.ndarray:
    """VADER's "!" and "?" amplifier of every text, as an array."""
    ep = np.minimum([t.count("!") for t in texts], EMPHASIS_MAX_EXCLAMATIONS) * EXCLAMATION_WEIGHT
    qm = np.array([t.count("?") for t in texts], dtype=float)
    qm = np.where(qm > 1, np.where(qm <= QUESTION_MAX_EACH, qm * QUESTION_WEIGHT, QUESTION_CAP), 0.0)
    return ep + qm if len(texts) else np.zeros(0)


def _emphasis_of(text: str) -> float:
    """:func:`emphasis` of one text in plain floats (the same operations, without building arrays)."""
    ep = min(text.count("!"), EMPHASIS_MAX_EXCLAMATIONS) * EXCLAMATION_WEIGHT
    qm = float(text.count("?"))
    qm = (qm * QUESTION_WEIGHT if qm <= QUESTION_MAX_EACH else QUESTION_CAP) if qm > 1 else 0.0
    return ep + qm


def normalise(total: np.ndarray) -> np.ndarray:
    """VADER's map of a valence sum into [-1, 1]."""
    return total / np.sqrt(total * total + ALPHA)


def compounds(texts: Sequence[str]) -> np.ndarray:
    """Unrounded compound score of every text (NLTK's ``polarity_scores(text)["compound"]`` before rounding)."""
    r = rules()
    texts = list(texts)
    sums = np.zeros(len(texts))
    has_tokens = np.zeros(len(texts), dtype=bool)
    for k, text in enumerate(texts):
        w = words_and_emoticons(text, r)
        if w:
            has_tokens[k] = True
            sums[k] = float(sum(token_valences(w, r)))
    amp = emphasis(texts)
    total = np.where(sums > 0, sums + amp, np.where(sums < 0, sums - amp, sums))
    return np.where(has_tokens, normalise(total), 0.0)


def valences(text: str) -> tuple[list[str], list[float], float]:
    """Tokens, their valences and the signed punctuation emphasis of one text (for word attribution)."""
    r = rules()
    w = words_and_emoticons(text, r)
    vals = [float(v) for v in token_valences(w, r)]
    total = float(sum(vals))
    amp = _emphasis_of(text) if vals else 0.0
    return w, vals, amp if total > 0 else (-amp if total < 0 else 0.0)


def compound_of(total: float) -> float:
    """The compound score of one valence sum (0 for 0)."""
    return total / math.sqrt(total * total + ALPHA) if total else 0.0
