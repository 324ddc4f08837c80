"""Two shapes of a speaker's noun phrase that the cue rules ask about, kept apart from :mod:`cues`.

* a title phrase after a verb ends in the name it qualifies ("said Portville dock union chief Ana Ruiz");
* after "with", a participle has its own subject ("..., with Ana Ruiz loudly shouting").

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
