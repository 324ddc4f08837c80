"""Shapes of a speaker's noun phrase that the cue rules ask about, kept apart from :mod:`cues`.

* a title phrase after a verb ends in the name it qualifies ("said Portville dock union chief Ana Ruiz");
* after "with", a participle has its own subject ("..., with Ana Ruiz loudly shouting");
* a clause's comma segments: the candidate each opens, a name in apposition to a role whose closing comma is
  missing ("Jane Roe, the director of the port said"), and a place that goes on past a comma ("in Salem, Ohio,").

Words come from the codebook through the context's :class:`~helpers.analyses.quotes.cues.Grammar`.
"""

from __future__ import annotations

import re
from typing import Any, Protocol

from helpers.analyses.quotes.mentions import NAMES, Mention


class PhraseContext(Protocol):
    """What these rules read of :class:`~helpers.analyses.quotes.cues.Context` (which calls them, so it is not
    imported here)."""

    masked: str
    grammar: Any

    def capable_in(self, start: int, end: int) -> list[Mention]: ...

# Words of a title that may stand between a qualifier and the name it qualifies ("Portville dock union chief Ana Ruiz").
TITLE_MAX_WORDS = 4
TITLE_GAP = re.compile(r"[\w.'’&$-]+")


def name_ending_phrase(ctx: PhraseContext, first: Mention, rest: list[Mention]) -> Mention | None:
    """'said Portville dock union chief Ana Ruiz', 'said Coast Guard Lt. Tom Birk': the head of a noun phrase is its
    last word, so a full name that ends the phrase opened by ``first`` speaks, not the place, body or role that
    qualifies it. The phrase ends at punctuation or a function word (a link, a determiner, a coordinator, a
    relative)."""
    nxt = next(iter(rest), None)
    if nxt is None or nxt.form not in NAMES or " " not in nxt.text.strip():
        return None
    if first.form != "role" and " " in first.text.strip() and nxt.head <= nxt.start:
        return None  # a full name heads the phrase, unless a title follows it ("said Coast Guard Lt. Tom Birk")
    words = ctx.masked[first.end : nxt.start].split()
    if not words or len(words) > TITLE_MAX_WORDS:
        return None
    if any(not TITLE_GAP.fullmatch(w) or w.lower() in ctx.grammar.phrase_ends for w in words):
        return None
    return nxt


# Lower-case words (adverbs) that may stand between an absolute subject and its participle ("with X later
# adding").
ABSOLUTE_MAX_WORDS = 2


def absolute_subject(ctx: PhraseContext, ss: int, cs: int) -> Mention | None:
    """'..., with Jane Roe telling reporters that ...': after "with", a participle has its own subject, the
    candidate right before it, not the subject of the main clause."""
    cands = ctx.capable_in(ss, cs)  # "with" is a link: the name after it is marked as a complement
    if not cands:
        return None
    m = cands[-1]
    gap = ctx.masked[m.end : cs].split()
    if len(gap) > ABSOLUTE_MAX_WORDS or not all(w.isalpha() and w.islower() for w in gap):
        return None
    return m if ctx.grammar.absolute.search(ctx.masked[ss : m.start]) else None


# --- comma segments of a clause and the names and places in them ---------------------------------------


def segment_head(ctx: PhraseContext, cands: list[Mention], seg: tuple[int, int]) -> Mention | None:
    """The candidate a comma segment starts with, if it starts with one ("Jane Roe", "a spokeswoman for X")."""
    heads = [m for m in cands if seg[0] <= m.start < seg[1] and not m.modifier]
    lead = ctx.masked[seg[0] : heads[0].start].strip(" \"'").lower() if heads else "-"
    return heads[0] if lead == "" or lead in ctx.grammar.determiners else None  # "the Security Council"


def last_head(cands: list[Mention], seg: tuple[int, int]) -> Mention | None:
    """The head of a noun phrase is its last word: the last candidate in the stretch that qualifies nothing."""
    heads = [m for m in cands if seg[0] <= m.start < seg[1] and not m.modifier]
    return heads[-1] if heads else None


PARENTHETICAL_CUE = re.compile(r"\s*\w+,")  # "Clinton, a top aide said, ...": the cue is a parenthetical


def unclosed_apposition(ctx: PhraseContext, cands: list[Mention], segs: list[tuple[int, int]]) -> Mention | None:
    """ "Jane Roe, the director of the port said": a role opening the clause's second segment is in apposition to
    the name that fills its first, even when the comma that should close the apposition is missing."""
    if len(segs) != 2 or PARENTHETICAL_CUE.match(ctx.masked, segs[-1][1]):
        return None  # "In Salem, Ohio, the mayor said"; "Clinton, a top aide said, ..." is a parenthetical cue
    role = segment_head(ctx, cands, segs[-1])
    if role is None or role.form != "role" or role.document:
        return None
    name = segment_head(ctx, cands, segs[-2])
    if name is None or name.form not in NAMES or ctx.masked[name.end : segs[-2][1]].strip():
        return None
    return name


def segments(ctx: PhraseContext, start: int, end: int) -> list[tuple[int, int]]:
    """Comma-separated stretches of [start, end) that hold any text."""
    out, pos = [], start
    for m in re.finditer(",", ctx.masked[start:end]):
        out.append((pos, start + m.start()))
        pos = start + m.end()
    out.append((pos, end))
    return [(a, b) for a, b in out if ctx.masked[a:b].strip()]


def place_goes_on(ctx: PhraseContext, cands: list[Mention], segs: list[tuple[int, int]], k: int) -> bool:
    """Segment ``k`` is a name alone, right after a segment that ends in a place, and either followed by another
    segment ("in Salem, Ohio, Jane Roe said") or after a person of that place ("Jane Roe of Columbia, Iowa says"):
    the place goes on, and the name is part of it, not a subject ("In Salem, Jane Roe said" keeps Roe)."""
    if k == 0:
        return False
    head = segment_head(ctx, cands, segs[k])
    a, b = segs[k - 1]
    if (head is None or head.form not in NAMES or ctx.masked[head.end : segs[k][1]].strip()
            or ctx.masked[b : head.start] != ", "):
        return False
    last = next((m for m in reversed(cands) if a <= m.start < b), None)
    if last is None or not last.modifier or ctx.masked[last.end : b].strip():
        return False
    if k < len(segs) - 1:
        return True
    person = segment_head(ctx, cands, segs[k - 1])  # "Jane Roe of Columbia": a name, one link word, the place
    return person is not None and len(ctx.masked[person.end : last.start].split()) == 1


def only_qualifiers(ctx: PhraseContext, start: int, end: int) -> bool:
    """True when [start, end) holds nothing but names and roles that qualify the next word ("Portville moderator")."""
    pos = start
    for m in ctx.capable_in(start, end):
        if not m.modifier or ctx.masked[pos : m.start].strip():
            return False
        pos = m.end
    return not ctx.masked[pos:end].strip()
