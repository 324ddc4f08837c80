"""A quote with no cue of its own takes the speaker of the sentence before, when no new voice comes in.

'Ruiz said the port would reopen. The delay was "a disgrace".' and a quotation that fills a paragraph after
'Ruiz thanked the lock keepers.' both go on with Ruiz: the speaker of the earlier sentence's cue, or, across a
paragraph, that sentence's named subject.
"""

from __future__ import annotations

from helpers.analyses.quotes.cues import Context, sentence_of, speaker_for_cue, usable_cues
from helpers.analyses.quotes.layouts import Found
from helpers.analyses.quotes.marks import Quote
from helpers.analyses.quotes.mentions import NAMES, Mention


def sentence_subject(ctx: Context, sent: int) -> Mention | None:
    """The first candidate speaker of a sentence that is not a pronoun or a modifier."""
    s, e = ctx.sentences[sent]
    return next((m for m in ctx.capable_in(s, e) if not m.modifier
                 and m.form not in ("pronoun", "generic")), None)


def _no_new_voice(ctx: Context, ss: int, se: int) -> bool:
    """A sentence with no cue and no one who could speak: its quotation goes on with the last speaker
    ('Ruiz said the port would reopen. The delay was "a disgrace".')."""
    if not ctx.masked[ss:se].strip(" \"'.,?!-"):
        return True
    return not ctx.cues_in(ss, se) and not any(not m.modifier for m in ctx.capable_in(ss, se))


def _opens_quote_paragraph(ctx: Context, q: Quote, paragraph: tuple[int, int]) -> bool:
    """The quote opens a paragraph that holds no cue and no one who could speak, outside its quotations."""
    return q.open_mark == paragraph[0] and _no_new_voice(ctx, paragraph[0], paragraph[1])


def previous_sentence(ctx: Context, q: Quote, paragraph: tuple[int, int], previous: Quote | None) -> Found:
    """A sentence with no new voice after a sentence whose cue names a speaker: in the same paragraph
    ('X said. "..."', 'X stated that ... The plan was "dead".'), or the last sentence of the paragraph before
    when the quotation fills a paragraph of its own ('X praised the plan.' / '"It will work."') and that paragraph
    quotes no one (a quote in it is followed by :func:`_continues`)."""
    sent = sentence_of(ctx, q.open_mark)
    ss, se = ctx.sentences[sent]
    if sent == 0 or not _no_new_voice(ctx, ss, se):
        return None
    if ctx.sentences[sent - 1][0] < paragraph[0] and (
            not _opens_quote_paragraph(ctx, q, paragraph)
            or (previous is not None and previous.paragraph == q.paragraph - 1 and previous.speaker)):
        return None
    ps, pe = ctx.sentences[sent - 1]
    document: Found = None
    for c in reversed(usable_cues(ctx, ctx.cues_in(ps, pe))):
        spk = speaker_for_cue(ctx, c, None)
        if spk is not None and not spk.document:
            return spk, c[2]
        document = document or ((spk, c[2]) if spk is not None else None)
    own = q.open_mark == ss and (previous is None or previous.paragraph != q.paragraph or not previous.speaker)
    if document is None and (ps < paragraph[0] or own):  # or a quotation that is a sentence of its own
        subj = sentence_subject(ctx, sent - 1)
        if subj is not None and subj.form in NAMES and subj.type == "person":
            return subj, ""
    return document
