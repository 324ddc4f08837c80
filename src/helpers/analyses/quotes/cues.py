"""Speech cues and the speaker each one points to.

A cue is a speech verb, noun or phrase from ``speech_verbs.yaml`` ("said", "statement", "according to"),
or a layout: a colon before a quotation (*X: "..."*, *X on Y: "..."*) or a dash after one (*"..." - Name*).
The speaker is the *head* of the noun phrase that goes with the cue: a name wins over a role in
apposition ("Clinton's communications director, Jennifer Palmieri"), and a name that only qualifies
another noun ("Trump attorney", "Clinton's", "of Virginia") is never the head.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from helpers.analyses.quotes.mentions import SPEAKER_TYPES, Mention
from helpers.inputs.codebook import Codebook
from helpers.text.patterns import phrase_pattern

CLAUSE_BOUNDARY = re.compile(
    r";|,?\s+(?:while|but|which|whereas|after|before|because|although|though|as|when)\s+", re.I
)
RELATIVE_CLAUSE = re.compile(r",\s*(?:who|which|whose|whom)\b[^,]*,", re.I)
# Words that may stand between a verb and the speaker it introduces ("said on Monday Jane Roe").
AFTER_VERB_MAX_WORDS = 4
# Words that may stand between a closing mark and its cue ('"...," the former senior official said').
CUE_AFTER_QUOTE_MAX_WORDS = 6
NAMES = ("name", "variant", "descriptor")
BY = re.compile(r"\s+by\s+")
# Words between a possessive owner and the speech noun it owns ("Jane Roe's repeated claims").
OWNER_MAX_WORDS = 2


@dataclass
class Context:
    """One article's text with quotes masked, its candidate speakers, sentences and cues."""

    text: str
    masked: str
    mentions: list[Mention]
    sentences: list[tuple[int, int]]
    cues: list[tuple[int, int, str]]
    nouns: frozenset[str]
    phrases: frozenset[str]

    def __post_init__(self) -> None:
        self.capable = [m for m in self.mentions if _outside(self, m) and _capable(m)]


@lru_cache(maxsize=8)
def cue_pattern(codebook: Codebook) -> re.Pattern[str]:
    sv = codebook.section("speech_verbs")
    words = set(sv.get("verbs", [])) | set(sv.get("nouns", [])) | set(sv.get("phrases", []))
    return phrase_pattern(sorted(words), re.IGNORECASE)


def _capable(m: Mention) -> bool:
    return m.type in SPEAKER_TYPES or m.form in ("pronoun", "generic")


def _outside(ctx: Context, m: Mention) -> bool:
    return ctx.masked[m.start : m.end].strip() != ""


def sentence_of(ctx: Context, pos: int) -> int:
    for k, (s, e) in enumerate(ctx.sentences):
        if s <= pos < e:
            return k
    return max((k for k, (s, _) in enumerate(ctx.sentences) if s <= pos), default=0)


def _between(ctx: Context, start: int, end: int) -> list[Mention]:
    """Candidate speakers in [start, end), leaving out those inside a relative clause ("X, who met Y, said")."""
    skip = [(m.start(), m.end()) for m in RELATIVE_CLAUSE.finditer(ctx.masked, start, end)]
    return [m for m in ctx.capable if start <= m.start < end and not any(a <= m.start < b for a, b in skip)]


def _fallback_head(cands: list[Mention]) -> Mention | None:
    heads = [m for m in cands if not m.modifier]
    if not heads:
        return cands[-1] if cands else None
    last = heads[-1]
    if last.form == "role":
        names = [m for m in heads if m.form in NAMES]
        if names:
            return names[-1]
    return last


def _segment_head(ctx: Context, cands: list[Mention], seg: tuple[int, int]) -> Mention | None:
    """The candidate a comma segment starts with, if it starts with one ("Jane Roe", "a spokeswoman for X")."""
    heads = [m for m in cands if seg[0] <= m.start < seg[1] and not m.modifier]
    if heads and ctx.masked[seg[0] : heads[0].start].strip(" \"'") == "":
        return heads[0]
    return None


def _apposition_winner(ctx: Context, main: Mention | None, app: Mention | None, main_seg: tuple[int, int]) -> Mention:
    """'role, Name, said' -> Name; 'Name, description, said' -> Name; 'role in a place, Name, said' -> role."""
    if main is None or main.form in ("pronoun", "generic"):
        return app if app is not None else main
    if app is None or app.form not in NAMES or main.form in NAMES:
        return main
    if ctx.masked[main.end : main_seg[1]].strip():
        return main  # the name is in apposition to the last noun of a phrase after the role
    return app


def _last_head(cands: list[Mention], seg: tuple[int, int]) -> Mention | None:
    """The head of a noun phrase is its last word: the last candidate in the stretch that qualifies nothing."""
    heads = [m for m in cands if seg[0] <= m.start < seg[1] and not m.modifier]
    return heads[-1] if heads else None


def head_before(ctx: Context, cands: list[Mention], start: int, end: int) -> Mention | None:
    """The speaker of a noun phrase that ends at its verb; a name inside an appositive wins over a role.

    *X said*: the last head before the verb. *X, appositive, said*: the head of X, unless X is a role and the
    appositive a name ("Clinton's communications director, Jennifer Palmieri, said").
    """
    if not cands:
        return None
    segs = _segments(ctx, start, end)
    if not segs:
        return None
    if not ctx.masked[start:end].rstrip().endswith(",") or len(segs) < 2:
        return _last_head(cands, segs[-1]) or _fallback_head(cands)
    app_seg, main_seg = segs[-1], segs[-2]
    main = _segment_head(ctx, cands, main_seg) or _last_head(cands, main_seg)
    app = _segment_head(ctx, cands, app_seg)
    return _apposition_winner(ctx, main, app, main_seg) or _fallback_head(cands)


def _segments(ctx: Context, start: int, end: int) -> list[tuple[int, int]]:
    """Comma-separated stretches of [start, end) that hold any text."""
    out, pos = [], start
    for m in re.finditer(",", ctx.masked[start:end]):
        out.append((pos, start + m.start()))
        pos = start + m.end()
    out.append((pos, end))
    return [(a, b) for a, b in out if ctx.masked[a:b].strip()]


def head_after(ctx: Context, start: int, end: int) -> Mention | None:
    """The speaker of a noun phrase that starts after its verb ("said X", "according to X")."""
    heads = [m for m in _between(ctx, start, end) if not m.modifier]
    if not heads or len(ctx.masked[start : heads[0].start].split()) > AFTER_VERB_MAX_WORDS:
        return None
    first = heads[0]
    if first.form == "role":
        for m in heads[1:]:
            gap = ctx.masked[first.end : m.start]
            if m.form in NAMES and re.fullmatch(r"[\s,]*", gap):
                return m  # "said a campaign spokesman, Jane Roe"
            if gap.strip(" ,"):
                break
    return first


def _owner(ctx: Context, ss: int, cs: int) -> Mention | None:
    """The possessive name that owns a speech noun ("Jane Roe's claim that ...")."""
    for m in reversed(ctx.capable):
        if ss <= m.start < cs and m.form in NAMES:
            poss = re.match(r"['’]s?\s+", ctx.masked[m.end : cs])
            if poss and len(ctx.masked[m.end + poss.end() : cs].split()) <= OWNER_MAX_WORDS:
                return m
            return None
    return None


def _clause_start(ctx: Context, ss: int, cs: int) -> int:
    start = ss
    for b in CLAUSE_BOUNDARY.finditer(ctx.masked, ss, cs):
        start = b.end()
    return start


def speaker_for_cue(ctx: Context, cue: tuple[int, int, str], after_quote: int | None) -> Mention | None:
    """The mention that speaks through ``cue`` (``after_quote``: the cue follows a quote ending there)."""
    cs, ce, word = cue
    low = word.lower()
    ss, se = ctx.sentences[sentence_of(ctx, cs)]
    if low in ctx.phrases:  # according to X
        return head_after(ctx, ce, se)
    by = BY.match(ctx.text, ce)
    if low in ctx.nouns and by:  # claims by X
        return head_after(ctx, by.end(), se)
    if low in ctx.nouns:  # X's claim
        owner = _owner(ctx, ss, cs)
        if owner is not None:
            return owner
    if after_quote is not None:
        before = _between(ctx, after_quote, cs)
        if before:  # ..." X said
            return head_before(ctx, before, after_quote, cs)
        if ctx.masked[after_quote:cs].strip(" ,.?!\"'-"):
            return None  # '..." and urged X': a second verb of the clause, not an inverted cue
        return head_after(ctx, ce, se)  # ..." said X
    if low.endswith("ing") and low not in ctx.nouns and not re.search(r"\bto\s*$", ctx.text[ss:cs]):
        subj = next((m for m in ctx.capable if ss <= m.start < cs and not m.modifier), None)
        if subj is not None:
            return subj
    clause = _clause_start(ctx, ss, cs)
    in_clause = _between(ctx, clause, cs)
    if in_clause:
        return head_before(ctx, in_clause, clause, cs)
    before = _between(ctx, ss, cs)
    if before:
        return head_before(ctx, before, ss, cs)
    if ctx.masked[ss:cs].strip(" ,\"'") == "":  # cue first: 'Said X, chief economist: "..."'
        return head_after(ctx, ce, se)
    return None
