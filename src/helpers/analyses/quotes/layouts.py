"""Speakers given by the layout of the text rather than by a speech verb.

* *"..." - Name*: a vox-pop line signed after the quotation;
* *X: "..."*: a colon right before the quotation, with no verb before it;
* *X: headline words 'quote'* and *X on Y: '...'*: a short label before a colon that opens the sentence;
* *"WALLACE: ..."*: a transcript, whose speaker label opens the quotation;
* a paragraph that ends with a colon (*X continued:*, *The newspaper reports:*) introduces the quote-only
  paragraph after it;
* a sentence with no cue at all (*X dismissed the plan as a "fantasy"*): the subject of the sentence.
"""

from __future__ import annotations

import re

from helpers.analyses.quotes.cues import (
    NAMES,
    Context,
    clause_start,
    head_before,
    segment_head,
    segments,
    sentence_of,
    speaker_for_cue,
    usable_cues,
)
from helpers.analyses.quotes.marks import Quote
from helpers.analyses.quotes.mentions import Mention

DASH_AFTER = re.compile(r"[\s,]*-+\s*")
SIGNATURE_BEFORE = re.compile(r"[ \t]*\n\s*-*\s*")
# At most this many words make a line that signs the quotation above it ("Jane Roe, Portville Harbour Institute.").
SIGNATURE_MAX_WORDS = 8
COLON_BEFORE = re.compile(r":\s*$")
# At most this many words before a colon make a label ("Jane Roe on the budget:"), not a clause.
LABEL_MAX_WORDS = 6

Found = tuple[Mention, str] | None


def _close(q: Quote) -> int:
    return q.close_mark if q.close_mark >= 0 else q.end


def dash_speaker(ctx: Context, q: Quote, paragraph: tuple[int, int]) -> Found:
    """*"..." - Jane Roe*: a name right after a dash that follows the closing mark."""
    dash = DASH_AFTER.match(ctx.masked, _close(q) + 1)
    if dash is None or "-" not in dash.group():
        return None
    nxt = next(iter(ctx.capable_in(dash.end(), dash.end() + 1)), None)
    if nxt is not None and nxt.form in NAMES:
        return nxt, "-"
    return None


def signed_speaker(ctx: Context, q: Quote, paragraph: tuple[int, int]) -> Found:
    """*"...\nJane Roe, Portville Harbour Institute."*: a quotation opening its paragraph, signed on the next line
    by a short line that holds a name alone or a name and a comma (not a heading in capitals), and no cue."""
    if q.open_mark != paragraph[0]:
        return None
    gap = SIGNATURE_BEFORE.match(ctx.masked, q.close_mark + 1 if q.close_mark >= 0 else q.end)
    if gap is None:
        return None
    end = ctx.masked.find("\n", gap.end())
    end = len(ctx.masked) if end < 0 else end
    if len(ctx.masked[gap.end() : end].split()) > SIGNATURE_MAX_WORDS or ctx.cues_in(gap.end(), end):
        return None
    nxt = next(iter(ctx.capable_in(gap.end(), gap.end() + 1)), None)
    if nxt is None or nxt.form not in NAMES or nxt.text.isupper():
        return None
    if ctx.masked[nxt.end : end].strip(" .\"'")[:1] not in ("", ","):
        return None  # "Jane Roe is the mayor." is a sentence and "HARBOUR VOTE" a heading, not a signature
    return nxt, ""


def _label(ctx: Context, start: int, end: int) -> Mention | None:
    """The head of a short label before a colon, if nothing in it is a speech cue."""
    if ctx.cues_in(start, end) or len(ctx.masked[start:end].split()) > LABEL_MAX_WORDS:
        return None
    return head_before(ctx, ctx.capable_in(start, end), start, end)


def colon_speaker(ctx: Context, q: Quote, paragraph: tuple[int, int]) -> Found:
    """*Jane Roe: "..."*: a colon right before the opening mark."""
    colon = COLON_BEFORE.search(ctx.masked[paragraph[0] : q.open_mark])
    if colon is None:
        return None
    ss, _ = ctx.sentences[sentence_of(ctx, q.open_mark)]
    start = max(ss, paragraph[0])
    end = paragraph[0] + colon.start()
    if ctx.cues_in(start, end):
        return None  # a verb before the colon ('X said: "..."') is a cue
    spk = head_before(ctx, ctx.capable_in(start, end), start, end)
    return (spk, ":") if spk is not None else None


def label_speaker(ctx: Context, q: Quote, paragraph: tuple[int, int]) -> Found:
    """*Jane Roe: Headline Words 'Quote'* and *Jane Roe on the budget: '...'*: a label opening the sentence."""
    ss, _ = ctx.sentences[sentence_of(ctx, q.open_mark)]
    colon = ctx.masked.find(":", ss, q.open_mark)
    if colon < 0:
        return None
    spk = _label(ctx, ss, colon)
    return (spk, ":") if spk is not None else None


def transcript_speaker(ctx: Context, q: Quote, paragraph: tuple[int, int]) -> Found:
    """*"WALLACE: ..."*: a name followed by a colon opens a quotation that opens its paragraph."""
    if q.open_mark != paragraph[0]:
        return None
    first = ctx.text[q.start : q.end].lstrip()
    lead = q.end - q.start - len(ctx.text[q.start : q.end].lstrip())
    m = next((m for m in ctx.mentions if m.start == q.start + lead and m.form in NAMES), None)
    if m is not None and first[m.end - m.start : m.end - m.start + 1] == ":":
        return m, ":"
    return None


def intro_speaker(ctx: Context, q: Quote, paragraph: tuple[int, int]) -> Found:
    """A quote that opens its paragraph, after a paragraph ending with a colon ("Jane Roe continued:")."""
    if q.open_mark != paragraph[0]:
        return None
    prev_end = len(ctx.masked[: paragraph[0]].rstrip())
    if prev_end == 0 or ctx.masked[prev_end - 1] != ":":
        return None
    sent = sentence_of(ctx, prev_end - 1)
    ss, _ = ctx.sentences[sent]
    for c in reversed(usable_cues(ctx, ctx.cues_in(ss, prev_end))):
        spk = speaker_for_cue(ctx, c, None)
        if spk is not None:
            return spk, c[2]
    spk = _label(ctx, ss, prev_end - 1)
    return (spk, ":") if spk is not None else None


def _only(ctx: Context, m: Mention, segs: list[tuple[int, int]]) -> bool:
    """True when ``m`` fills its comma segment alone (an appositive such as a place or party label)."""
    seg = next((a, b) for a, b in segs if a <= m.start < b)
    return ctx.masked[seg[0] : seg[1]].strip(" .") == ctx.masked[m.start : m.end].strip(" .")


def subject_speaker(ctx: Context, q: Quote, paragraph: tuple[int, int]) -> Found:
    """No speech verb in the sentence: its subject speaks the quote (*X dismissed the plan as a "fantasy"*).

    The subject is the last comma segment before the quote that opens with a candidate ("In June, X called"),
    and a name in apposition wins over a role ("Another critic, Jane Roe, likened ...").
    """
    ss, se = ctx.sentences[sentence_of(ctx, q.open_mark)]
    if any(c[2].lower() not in ctx.nouns for c in ctx.cues_in(ss, se)):
        return None
    clause = clause_start(ctx, ss, q.open_mark)  # "X refers to Y as A, while Y refers to X as 'B'": Y
    if any(not m.modifier for m in ctx.capable_in(clause, q.open_mark)):
        ss = clause
    cands = ctx.capable_in(ss, q.open_mark)
    heads = [h for h in (segment_head(ctx, cands, seg) for seg in segments(ctx, ss, q.open_mark)) if h is not None]
    if heads:
        subj = heads[-1]
        alone = len(heads) > 1 and _only(ctx, subj, segments(ctx, ss, q.open_mark))
        if len(heads) > 1 and heads[-2].form in NAMES and (subj.form == "role" or alone):
            subj = heads[-2]  # "Another critic, Jane Roe, likened", "Jane Roe, Ohio, called"
        return subj, ""
    subj = next((m for m in cands if not m.modifier), None)
    return (subj, "") if subj is not None else None
