"""Speech cues and the speaker each one points to.

A cue is a speech verb, noun or phrase from ``speech_verbs.yaml`` ("said", "statement", "according to"),
or a layout: a colon before a quotation (*X: "..."*, *X on Y: "..."*) or a dash after one (*"..." - Name*).
The speaker is the *head* of the noun phrase that goes with the cue: a name wins over a role in
apposition ("Clinton's communications director, Jennifer Palmieri"), and a name that only qualifies
another noun ("Trump attorney", "Clinton's", "of Virginia") is never the head.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from helpers.analyses.quotes.mentions import NAMES, SPEAKER_TYPES, Mention
from helpers.analyses.quotes.phrases import (
    absolute_subject,
    last_head,
    name_ending_phrase,
    only_qualifiers,
    place_goes_on,
    segment_head,
    segments,
    unclosed_apposition,
)
from helpers.inputs.codebook import Codebook
from helpers.inputs.patterns import lowered, phrase_pattern

# Words that may stand between a verb and the speaker it introduces ("said on Monday Jane Roe").
AFTER_VERB_MAX_WORDS = 4
# Words that may stand between a closing mark and its cue ('"...," the former senior official said').
CUE_AFTER_QUOTE_MAX_WORDS = 6
# Words between a coordinator and the cue it joins ("and then said").
COORDINATED_MAX_WORDS = 1
# Words between a possessive owner and the speech noun it owns ("Jane Roe's repeated claims").
OWNER_MAX_WORDS = 2


@dataclass(frozen=True)
class Grammar:
    """Clause-structure words of ``speech_verbs.yaml``, compiled."""

    clause: re.Pattern[str]
    relative: re.Pattern[str]
    coordinated: re.Pattern[str]
    agent: re.Pattern[str]
    infinitive: re.Pattern[str]
    infinitive_span: int  # characters an infinitive marker and its space take (clean text has single spaces)
    determiners: frozenset[str]
    participle: tuple[str, ...]  # endings of participles whose speaker is the main subject ("..., saying")
    addressee: re.Pattern[str]  # a verb whose object is the one spoken to ("told Reuters", "speaking to X")
    opens_clause: re.Pattern[str]  # a coordinator that opens a new clause after a quote ('"...," and Y vowed')
    phrase_ends: frozenset[str]  # words that end a noun phrase: links, determiners, relatives, coordinators
    absolute: re.Pattern[str]  # a word that gives a participle its own subject ("with X saying")
    verbs: frozenset[str]  # the speech verbs, lower-cased
    not_qualifiers: frozenset[str]  # words that never qualify a noun (names.yaml not_names, quantifiers aside)
    complement: re.Pattern[str]  # what opens a reported clause before its subject ("said that the mayor")
    verb_like: tuple[str, ...]  # endings of a lower-case verb or adverb, never a qualifier ("issued", "recently")
    clause_words: frozenset[str]  # words that join clauses ("that", "while", "who", "and"), never a quantity's
    post_modifier: re.Pattern[str]  # an adjective that describes a speaker after it ("a Republican involved in")


# Word lists of ``speech_verbs.yaml`` whose words end a noun phrase ("said X to Y", "X, who", "X and Y").
PHRASE_END_KEYS = ("clause_boundaries", "relative_pronouns", "coordinators", "infinitive_markers")


def _alternatives(words: list[str]) -> str:
    return "|".join(map(re.escape, words)) or "(?!)"


@lru_cache(maxsize=8)
def grammar(codebook: Codebook) -> Grammar:
    sv = codebook.section("speech_verbs")
    boundaries = _alternatives(sv.get("clause_boundaries", []))
    relative = _alternatives(sv.get("relative_pronouns", []))
    coord = _alternatives(sv.get("coordinators", []))
    return Grammar(
        re.compile(rf";|,?\s+(?:{boundaries})\s+", re.I),
        re.compile(rf",\s*(?:{relative})\b[^,]*(?:,|$)", re.I),
        re.compile(rf"\b(?:{coord})\s+(?:\w+\s+){{0,{COORDINATED_MAX_WORDS}}}$", re.I),
        re.compile(rf"\s+(?:{_alternatives(sv.get('agent_markers', []))})\s+", re.I),
        re.compile(rf"\b(?:{_alternatives(sv.get('infinitive_markers', []))})\s+$", re.I),
        max((len(w) + 1 for w in sv.get("infinitive_markers", [])), default=0),
        frozenset(str(w).lower() for w in codebook.section("roles").get("determiners", [])),
        tuple(str(w) for w in sv.get("participle_endings", [])),
        re.compile(rf"\b(?:{_alternatives(sv.get('addressee_verbs', []))})\s+(?:(?:the|a|an)\s+)?$", re.I),
        re.compile(rf"[\s,]*(?:{coord})\s", re.I),
        frozenset(str(w).lower() for key in PHRASE_END_KEYS for w in sv.get(key, []))
        | frozenset(str(w).lower() for key in ("links", "determiners") for w in codebook.section("roles").get(key, [])),
        re.compile(rf"\b(?:{_alternatives(sv.get('absolute_markers', []))})\s+$", re.I),
        frozenset(str(w).lower() for w in sv.get("verbs", [])),
        frozenset(str(w).lower() for w in codebook.section("names").get("not_names", []))
        - frozenset(str(w).lower() for w in codebook.section("roles").get("quantifiers", [])),
        re.compile(rf"\s+(?:(?:{_alternatives(sv.get('complementisers', []))})\s+)?", re.I),
        tuple(str(w) for w in codebook.section("roles").get("verb_like_endings", [])),
        frozenset(str(w).lower() for key in (*PHRASE_END_KEYS, "complementisers") for w in sv.get(key, [])),
        re.compile(rf" (?:{_alternatives(codebook.section('roles').get('post_modifiers', []))})\b"),
    )


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
    grammar: Grammar

    def __post_init__(self) -> None:
        self.sentence_starts = [s for s, _ in self.sentences]
        self.cue_starts = [c[0] for c in self.cues]
        self.set_capable([m for m in self.mentions if _outside(self, m) and _capable(m)])

    def set_capable(self, capable: list[Mention]) -> None:
        """Candidate speakers outside quotes, sorted by position, with their starts for bisection."""
        self.capable = capable
        self.capable_starts = [m.start for m in capable]

    def cues_in(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """Cues that start in [start, end), by bisection."""
        return self.cues[bisect_left(self.cue_starts, start) : bisect_left(self.cue_starts, end)]

    def capable_in(self, start: int, end: int) -> list[Mention]:
        """Candidates that start in [start, end), found by bisection (no scan of the whole article)."""
        found = self.capable[bisect_left(self.capable_starts, start) : bisect_left(self.capable_starts, end)]
        skip = getattr(self, "compound_before", -1)
        return [m for m in found if m.end + 1 != skip] if skip >= 0 else found


@lru_cache(maxsize=8)
def cue_pattern(codebook: Codebook) -> re.Pattern[str]:
    sv = codebook.section("speech_verbs")
    words = set(sv.get("verbs", [])) | set(sv.get("nouns", [])) | set(sv.get("phrases", []))
    return phrase_pattern(sorted(words), re.IGNORECASE)


@lru_cache(maxsize=8)
def cue_pattern_lowered(codebook: Codebook) -> re.Pattern[str] | None:
    """:func:`cue_pattern` for text whose A-Z are lower-cased (``patterns.ascii_lowered``): same matches, faster."""
    return lowered(cue_pattern(codebook))


def _capable(m: Mention) -> bool:
    return m.type in SPEAKER_TYPES or m.form in ("pronoun", "generic")


def _outside(ctx: Context, m: Mention) -> bool:
    return ctx.masked[m.start : m.end].strip() != ""


def sentence_of(ctx: Context, pos: int) -> int:
    """Index of the sentence holding ``pos`` (the last one starting at or before it), by bisection."""
    return max(bisect_right(ctx.sentence_starts, pos) - 1, 0)


# Characters looked back from a candidate for a verb that makes it the one spoken to ("speaking to the ").
ADDRESSEE_LOOKBACK = 24


def _addressed(ctx: Context, m: Mention) -> bool:
    """The one spoken to, not the speaker: the object of "told", "speaking to" ("X told Reuters")."""
    return ctx.grammar.addressee.search(ctx.masked, max(0, m.start - ADDRESSEE_LOOKBACK), m.start) is not None


def _between(ctx: Context, start: int, end: int) -> list[Mention]:
    """Candidate speakers in [start, end), leaving out those inside a relative clause ("X, who met Y, said")
    and those spoken to ("X told Reuters")."""
    skip = relative_spans(ctx, start, end)
    return [m for m in ctx.capable_in(start, end)
            if not any(a <= m.start < b for a, b in skip) and not _addressed(ctx, m)]


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


def _apposition_winner(ctx: Context, main: Mention | None, app: Mention | None, main_seg: tuple[int, int]) -> Mention:
    """'role, Name, said' -> Name; 'Name, description, said' -> Name; 'role in a place, Name, said' -> role."""
    if main is None or main.form in ("pronoun", "generic"):
        return app if app is not None else main
    if app is None or app.form not in NAMES or main.form in NAMES:
        return main
    if ctx.masked[main.end : main_seg[1]].strip():
        return main  # the name is in apposition to the last noun of a phrase after the role
    return app


def head_before(ctx: Context, cands: list[Mention], start: int, end: int) -> Mention | None:
    """The speaker of a noun phrase that ends at its verb; a name inside an appositive wins over a role.

    *X said*: the last head before the verb. *X, appositive, said*: the head of X, unless X is a role and the
    appositive a name ("Clinton's communications director, Jennifer Palmieri, said").
    """
    if not cands:
        return None
    segs = segments(ctx, start, end)
    if not segs:
        return None
    if not ctx.masked[start:end].rstrip().endswith(",") or len(segs) < 2:
        if len(segs) > 1 and place_goes_on(ctx, cands, segs, len(segs) - 1):
            segs = segs[:-1]  # "Jane Roe of Columbia, Iowa says": the subject is before the place
            return segment_head(ctx, cands, segs[-1]) or last_head(cands, segs[-1]) or _fallback_head(cands)
        return unclosed_apposition(ctx, cands, segs) or last_head(cands, segs[-1]) or _fallback_head(cands)
    # 'X, A, B, said': the subject is the first segment that opens with a candidate; the next may be its appositive
    k = next((i for i, seg in enumerate(segs[:-1]) if segment_head(ctx, cands, seg) is not None), len(segs) - 2)
    main_seg, app_seg = segs[k], segs[k + 1]
    main = segment_head(ctx, cands, main_seg) or last_head(cands, main_seg)
    app = segment_head(ctx, cands, app_seg)
    return _apposition_winner(ctx, main, app, main_seg) or _fallback_head(cands)


def head_after(ctx: Context, start: int, end: int) -> Mention | None:
    """The speaker of a noun phrase that starts after its verb ("said X", "according to X")."""
    cands = _between(ctx, start, end)
    heads = [m for m in cands if not m.modifier]
    if not heads:
        return None
    # words that qualify the head ("said Portville University political scientist Jane Roe") are no distance
    qualifying = sum(len(m.text.split()) for m in cands if m.modifier and m.end <= heads[0].start)
    if len(ctx.masked[start : heads[0].start].split()) - qualifying > AFTER_VERB_MAX_WORDS:
        return None
    first = heads[0]
    last = name_ending_phrase(ctx, first, heads[1:])
    if last is not None:
        return last
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
    for m in reversed(ctx.capable_in(ss, cs)):
        if m.form in NAMES:
            poss = re.match(r"['’]s?\s+", ctx.masked[m.end : cs])
            if poss and len(ctx.masked[m.end + poss.end() : cs].split()) <= OWNER_MAX_WORDS:
                return m
            return None
    return None


def _without_compound(ctx: Context, cs: int) -> Context:
    """The context minus a candidate that ends right before the speech noun at ``cs``."""
    if not any(m.end + 1 == cs for m in ctx.capable_in(0, cs)[-1:]):
        return ctx
    view = Context.__new__(Context)
    view.__dict__.update(ctx.__dict__)
    view.compound_before = cs
    return view


def relative_spans(ctx: Context, start: int, end: int) -> list[tuple[int, int]]:
    """Relative clauses in [start, end) (", who succeeded him last spring,"), up to the end when unclosed."""
    return [(m.start(), m.end()) for m in ctx.grammar.relative.finditer(ctx.masked, start, end)]


def clause_start(ctx: Context, ss: int, cs: int) -> int:
    """Where the cue's clause starts: after the last boundary word ("while", "as") outside a relative clause,
    so "X, who served as Y's aide, said" keeps X as the clause's subject."""
    start = ss
    skip = relative_spans(ctx, ss, cs)
    for b in ctx.grammar.clause.finditer(ctx.masked, ss, cs):
        if not any(a <= b.start() < e for a, e in skip):
            start = b.end()
    return start


def main_subject(ctx: Context, ss: int, cs: int) -> Mention | None:
    """The subject that opens a sentence: the first comma segment that starts with a candidate (not a place that
    goes on from the segment before)."""
    cands = _between(ctx, ss, cs)
    segs = segments(ctx, ss, cs)
    for k, seg in enumerate(segs):
        head = segment_head(ctx, cands, seg)
        if head is not None and not place_goes_on(ctx, cands, segs, k):
            return head
    return next((m for m in cands if not m.modifier), None)


def _noun_speaker(ctx: Context, cue: tuple[int, int, str], ss: int, se: int) -> tuple[Mention | None, Context]:
    """*claims by X*, *X's claim*; otherwise the context without a compound before the noun ("campaign message")."""
    cs, ce, _ = cue
    by = ctx.grammar.agent.match(ctx.text, ce)
    if by:
        return head_after(ctx, by.end(), se), ctx
    return _owner(ctx, ss, cs), _without_compound(ctx, cs)


def _after_quote_speaker(ctx: Context, cue: tuple[int, int, str], after_quote: int, se: int) -> Mention | None:
    """*"..." X said* or *"..." said X*."""
    cs, ce, _ = cue
    before = _between(ctx, after_quote, cs)
    if before:
        return head_before(ctx, before, after_quote, cs)
    if ctx.masked[after_quote:cs].strip(" ,.?!\"'-"):
        return None  # '..." and urged X': a second verb of the clause, not an inverted cue
    low = cue[2].lower()
    gap = ctx.masked[after_quote:cs].strip()
    if low.endswith(ctx.grammar.participle) and low not in ctx.nouns and gap in ("", ","):
        ss = ctx.sentences[sentence_of(ctx, cs)][0]  # 'X called it "absurd," adding that ...': X speaks
        return _earlier_verb_speaker(ctx, ss, cs) or main_subject(ctx, ss, cs) or head_after(ctx, ce, se)
    return head_after(ctx, ce, se)


def _coordinated_verb(ctx: Context, ss: int, cs: int) -> bool:
    """'X did this and said': the verb shares the clause's subject, unless a new subject follows the
    coordinator ('X said this, and Y vowed to')."""
    coord = ctx.grammar.coordinated.search(ctx.masked, ss, cs)
    return coord is not None and not any(not m.modifier for m in ctx.capable_in(coord.start(), cs))


def _earlier_verb_speaker(ctx: Context, ss: int, cs: int) -> Mention | None:
    """The speaker of the last speech verb before a participle in its sentence ('..., Ruiz said, adding that')."""
    verbs = [c for c in ctx.cues_in(ss, cs) if c[2].lower() not in ctx.nouns and c[2].lower() not in ctx.phrases]
    return speaker_for_cue(ctx, verbs[-1], None) if verbs else None


def _inverted(ctx: Context, ss: int, cs: int, ce: int, se: int) -> Mention | None:
    """*..., says Jane Roe, founder of X.*: a verb after a comma, whose clause has no subject of its own, followed
    at once by a name that ends the clause (or by words that only qualify it: "says Portville moderator Jane Roe")."""
    if not ctx.masked[ss:cs].rstrip().endswith(","):
        return None
    skip = relative_spans(ctx, ss, cs)  # "Jane Roe, who led the board, told X": the clause is no segment
    segs = [g for g in segments(ctx, ss, cs) if not any(a <= g[0] < b for a, b in skip)]
    if segs and segment_head(ctx, _between(ctx, ss, cs), segs[-1]) is not None and (
            ctx.masked[segs[-1][0] : segs[-1][1]] == ctx.text[segs[-1][0] : segs[-1][1]]):
        return None  # "Jane Roe, a spokeswoman, told X": the subject stands before the verb; 'Roe "won" here,
        # said X' is a quotation about Roe
    name = head_after(ctx, ce, se)
    if name is None or name.form not in NAMES or not only_qualifiers(ctx, ce, name.start):
        return None
    return name if ctx.masked[name.end : name.end + 1] in (",", ".", ":", "") else None


def speaker_for_cue(ctx: Context, cue: tuple[int, int, str], after_quote: int | None) -> Mention | None:
    """The mention that speaks through ``cue`` (``after_quote``: the cue follows a quote ending there)."""
    cs, ce, word = cue
    low = word.lower()
    ss, se = ctx.sentences[sentence_of(ctx, cs)]
    if low in ctx.phrases:  # according to X
        return head_after(ctx, ce, se)
    if low in ctx.nouns:
        owner, ctx = _noun_speaker(ctx, cue, ss, se)
        if owner is not None:
            return owner
    if after_quote is not None:
        return _after_quote_speaker(ctx, cue, after_quote, se)
    inverted = _inverted(ctx, ss, cs, ce, se)
    if inverted is not None:
        return inverted
    participle = low.endswith(ctx.grammar.participle) and low not in ctx.nouns
    if participle or _coordinated_verb(ctx, ss, cs):
        subj = (absolute_subject(ctx, ss, cs) or _earlier_verb_speaker(ctx, ss, cs)) if participle else None
        subj = subj or main_subject(ctx, ss, cs)  # "X did this, saying ...", "X did this and said ..."
        if subj is not None:
            return subj
    clause = clause_start(ctx, ss, cs)
    in_clause = _between(ctx, clause, cs)
    if in_clause:
        return head_before(ctx, in_clause, clause, cs)
    before = _between(ctx, ss, cs)
    if before:
        return head_before(ctx, before, ss, cs)
    if ctx.masked[ss:cs].strip(" ,\"'") == "":  # cue first: 'Said X, chief economist: "..."'
        return head_after(ctx, ce, se)
    return None


OWNED = re.compile(rf"['’]s?\s+(?:[\w-]+\s+){{0,{OWNER_MAX_WORDS}}}$")


def usable_cues(ctx: Context, cues: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Cues minus a possessed speech noun that follows a verb cue: it is the verb's object, and the verb
    speaks ("X called Y's remarks '...'", "X said before Y's comments")."""
    out = []
    for k, c in enumerate(cues):
        if c[2].lower() in ctx.nouns and any(v[2].lower() not in ctx.nouns for v in cues[:k]):
            ss, _ = ctx.sentences[sentence_of(ctx, c[0])]
            if OWNED.search(ctx.masked[ss : c[0]]):
                continue
        out.append(c)
    return out
