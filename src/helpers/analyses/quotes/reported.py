"""Words quoted inside reported speech are the reporter's: 'Ruiz said the mayor urged the crew to stay "calm"'.

News writing often quotes a few words of a source inside that source's own report of what someone else did.
The quoted words are the source's (the journalist quotes Ruiz), so the verb that reports the clause speaks, not
the nearer verb inside it. A quotation introduced by its own cue ('the mayor said: "..."') keeps that cue.
Clause words come from ``speech_verbs.yaml`` through :class:`~helpers.analyses.quotes.cues.Grammar`.
"""

from __future__ import annotations

from helpers.analyses.quotes.cues import Context, clause_start
from helpers.analyses.quotes.marks import Quote

Cue = tuple[int, int, str]


def reporter_first(ctx: Context, q: Quote, ss: int, before: list[Cue]) -> list[Cue]:
    """Cues before a quote, nearest first; but words quoted inside reported speech are the reporter's: in
    'Ruiz said the mayor urged the crew to stay "calm"' the quoted words are Ruiz's, whose clause holds the
    nearer cue. A quote introduced by its own cue ('the mayor said: "..."', 'said, "..."') keeps the nearer one."""
    verbs = [c for c in before if c[2].lower() not in ctx.nouns and c[2].lower() not in ctx.phrases]
    if len(verbs) < 2 or ctx.masked[ss : q.open_mark].rstrip()[-1:] in (",", ":"):
        return before
    inner = verbs[0]
    outer = next((c for c in verbs[1:] if _reports(ctx, c, inner)), None)
    if outer is None or clause_start(ctx, ss, inner[0]) > outer[0]:
        return before  # 'After Ruiz said so, the mayor called it "fair"': a new clause, the mayor's
    return [outer] + [c for c in before if c is not outer]


def _reports(ctx: Context, outer: Cue, inner: Cue) -> bool:
    """``outer`` reports the clause of ``inner``: a finite verb followed at once by that clause's subject
    ('Ruiz said [that] the mayor called ...'), with no comma or coordinator between them."""
    if outer[2].lower().endswith(ctx.grammar.participle):
        return False
    gap = ctx.masked[outer[1] : inner[0]]
    lead = ctx.grammar.complement.match(gap)
    if lead is None or "," in gap or ";" in gap or ctx.grammar.opens_clause.search(gap):
        return False
    subject = ctx.capable_in(outer[1] + lead.end(), outer[1] + lead.end() + 1)
    return bool(subject) and not subject[0].modifier
