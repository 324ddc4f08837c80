"""Direct quotations: who speaks each quote, and the ``quotes.csv`` table.

Everything is rules over the codebooks, so every attribution can be shown with the rule that made it
(the ``method`` column):

* ``explicit``: a speech cue names the speaker (*"...," X said*, *said X*, *X said "..."*,
  *according to X*, *X issued a warning that "..."*, *claims by X that "..."*);
* ``pronoun``: the cue's subject is a pronoun, resolved to a compatible speaker (first in the same
  sentence, then the subject of the previous sentence, then the most recent speaker);
* ``descriptor``: the cue's subject is a role ("the top U.S. diplomat") that the alias codebook maps to a person;
* ``continuation``: no cue, but the quote follows another quote in the same paragraph, or fills a
  paragraph after a quoted paragraph: the previous speaker goes on;
* ``none``: no speaker (scare quotes, or nothing to go on).

Kinds: *full* (a whole utterance: starts with a capital at the start of a paragraph or after a cue),
*partial* (words embedded in reported speech), *scare* (a short label with no particular speaker).
"""

from __future__ import annotations

import re
from bisect import bisect_right

import pandas as pd

from helpers.analyses.quotes.carried import previous_sentence, sentence_subject
from helpers.analyses.quotes.cues import (
    CUE_AFTER_QUOTE_MAX_WORDS,
    Context,
    cue_pattern,
    cue_pattern_lowered,
    grammar,
    relative_spans,
    sentence_of,
    speaker_for_cue,
    usable_cues,
)
from helpers.analyses.quotes.documents import documents_to_authors
from helpers.analyses.quotes.layouts import (
    Found,
    colon_speaker,
    dash_speaker,
    intro_speaker,
    label_speaker,
    signed_speaker,
    subject_speaker,
    transcript_speaker,
)
from helpers.analyses.quotes.marks import Quote, close_at_cue, find_quotes, quote_kind
from helpers.analyses.quotes.mentions import SPEAKER_TYPES, Mention, shared_mentions
from helpers.analyses.quotes.reported import reporter_first
from helpers.analyses.quotes.role_people import PERSON, age_descriptors, roles_to_people
from helpers.analyses.quotes.written import as_written
from helpers.inputs.codebook import Codebook
from helpers.inputs.patterns import ascii_lowered, finditer_folded
from helpers.text.normalise import WORD, Normalised, NormalisedCorpus

Cue = tuple[int, int, str]


def _masked(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for s, e in spans:
        for i in range(max(s, 0), min(e, len(chars))):
            chars[i] = " "
    return "".join(chars)


# --- pronouns --------------------------------------------------------------------------------


def _compatible(pronoun: Mention, m: Mention) -> bool:
    want = pronoun.gender
    if m.form in ("pronoun", "generic") or m.type not in SPEAKER_TYPES or m.modifier:
        return False
    if want == "any":
        return True
    if want == PERSON:
        return m.type == "person"
    if want == "institution":
        return m.gender in ("institution", "any")
    return m.gender == want or (m.gender == "any" and m.type == "person")  # "she" is no board or ministry


def _resolve(ctx: Context, pron: Mention, history: list[Mention]) -> Mention | None:
    """The most recent compatible speaker: earlier in the sentence, the previous sentence's subject or its most
    recent compatible candidate, else the last speaker attributed."""
    sent = sentence_of(ctx, pron.start)
    s, _ = ctx.sentences[sent]
    earlier = [m for m in ctx.capable_in(s, pron.start) if _compatible(pron, m)]
    if earlier:
        return earlier[0]
    subj = sentence_subject(ctx, sent - 1) if sent > 0 else None
    if subj is not None and (_compatible(pron, subj) or subj.gender == "institution"):
        return subj
    if sent > 0:  # the most recent compatible candidate of the previous sentence
        ps, pe = ctx.sentences[sent - 1]
        recent = [m for m in ctx.capable_in(ps, pe) if _compatible(pron, m)]
        if recent:
            return recent[-1]
    for m in reversed(history):
        if _compatible(pron, m):
            return m
    return None


# --- attribution -----------------------------------------------------------------------------


def _cues(masked: str, codebook: Codebook) -> list[Cue]:
    """Speech cues outside quotes; an infinitive ("authority to call") is no speech act yet."""
    g = grammar(codebook)
    phrases = {p.lower() for p in codebook.section("speech_verbs").get("phrases", [])}
    out = []
    for m in finditer_folded(cue_pattern(codebook), cue_pattern_lowered(codebook), masked, ascii_lowered(masked)):
        infinitive = g.infinitive.search(masked, max(0, m.start() - g.infinitive_span), m.start())
        cue = masked[m.start() : m.end()]
        if cue.lower() in phrases or infinitive is None:
            out.append((m.start(), m.end(), cue))
    return out


def _outside_names(cues: list[Cue], found: list[Mention]) -> list[Cue]:
    """A cue word inside a name is part of the name ("The Huffington Post", "Chicago Tribune Statement")."""
    spans = sorted((m.start, m.end) for m in found if m.form in ("name", "variant"))
    starts = [a for a, _ in spans]
    out = []
    for c in cues:
        k = bisect_right(starts, c[0]) - 1
        if k < 0 or spans[k][1] <= c[0]:
            out.append(c)
    return out


def _joined_in_names(sents: list[tuple[int, int]], found: list[Mention]) -> list[tuple[int, int]]:
    """A sentence never ends inside a name: a split after initials ("G.K. | Butterfield said") is undone."""
    starts = [s for s, _ in sents]
    inside = set()
    for m in found:
        if m.form in ("name", "variant"):
            k = bisect_right(starts, m.start)
            while k < len(starts) and starts[k] < m.end:
                inside.add(k)
                k += 1
    if not inside:
        return sents
    out: list[tuple[int, int]] = []
    for k, (s, e) in enumerate(sents):
        if k in inside and out:
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _context(doc: Normalised, quotes: list[Quote], codebook: Codebook, sentences: list[tuple[int, int]]) -> Context:
    text = doc.clean_text
    masked = _masked(text, [(q.start, q.end) for q in quotes])
    sv = codebook.section("speech_verbs")
    sents = list(sentences) or [(0, len(text))]
    found = shared_mentions(text, codebook)
    sents = _joined_in_names(sents, found)
    roles_to_people(text, found, codebook)
    age_descriptors(text, found, codebook)
    ctx = Context(
        text,
        masked,
        found,
        sents,
        _outside_names(_cues(masked, codebook), found),
        frozenset(w.lower() for w in sv.get("nouns", [])),
        frozenset(p.lower() for p in sv.get("phrases", [])),
        grammar(codebook),
    )
    documents_to_authors(ctx)
    return ctx


TERMINAL_MARKS = ",.?!"
# Closing marks of a quotation inside the quotation, which may stand between its last word's mark and its own
# closing mark ('"... what can we do?'"').
INNER_CLOSING = "'’\""


# A short subject and its appositive between a quote and its cue: ', Jane Roe, the mayor of Portville since 2019,'.
APPOSITIVE = re.compile(r"^([\s,]*(?:[^\s,]+\s+){0,2}[^\s,]+),[^,.!?]*,\s*$")


def _subject_words(ctx: Context, start: int, end: int) -> str:
    """The text between a quote and a later cue without its relative clauses and appositive: '"...," Jane Roe,
    who led the board for ten years, said' and '"...," Jane Roe, the mayor since 2019, said' put the cue as near
    the quote as 'Jane Roe said'."""
    text = ctx.text[start:end]
    for a, b in reversed(relative_spans(ctx, start, end)):
        text = text[: a - start] + " " + text[b - start :]
    return APPOSITIVE.sub(r"\1 ", text, count=1)


def _cue_groups(ctx: Context, q: Quote) -> list[tuple[list[Cue], int | None]]:
    """Cues to try, in order: right after the quote, before it in its sentence, later in its sentence."""
    s0, s1 = sentence_of(ctx, q.open_mark), sentence_of(ctx, q.end)
    lo, hi = ctx.sentences[s0][0], ctx.sentences[s1][1]
    close = q.close_mark if q.close_mark >= 0 else q.end
    cues = ctx.cues_in(lo, hi)
    # a quotation that ends its utterance ('...,"' '...?"') may take a cue a few words later; one embedded in
    # a sentence ('called it "fair" to him, ...') only a cue right after it
    ends_utterance = ctx.text[max(q.start, close - 3) : close].rstrip(INNER_CLOSING)[-1:] in TERMINAL_MARKS
    near = rf"[\s,]*(\S+\s+){{0,{CUE_AFTER_QUOTE_MAX_WORDS}}}"
    after = [c for c in cues if ends_utterance and c[0] > close
             and re.fullmatch(near, _subject_words(ctx, close + 1, c[0]))
             and not ctx.grammar.opens_clause.match(ctx.masked, close + 1)]  # '"...," and Y vowed': Y's own
    before = usable_cues(ctx, [c for c in cues if c[1] <= q.open_mark])
    later = [c for c in cues if c[0] > close and c not in after and c[2].lower() not in ctx.nouns]
    return [(after, close + 1), (reporter_first(ctx, q, lo, list(reversed(before))), None), (later, None)]


def _by_cues(ctx: Context, q: Quote, paragraph: tuple[int, int]) -> tuple[Mention | None, str, Found]:
    """Speech cues around the quote; a colon right before it counts after the cues right after it."""
    document: Found = None
    for group, after_pos in _cue_groups(ctx, q):
        for c in group:
            spk = speaker_for_cue(ctx, c, after_pos)
            if spk is not None and spk.document:
                document = document or (spk, c[2])
            elif spk is not None:
                return spk, c[2], document
        if after_pos is not None:
            colon = colon_speaker(ctx, q, paragraph)
            if colon is not None:
                return colon[0], colon[1], document
    return None, "", document


def _find_speaker(ctx: Context, q: Quote, paragraph: tuple[int, int]) -> tuple[Mention | None, str, str]:
    """The mention that speaks ``q``, the cue that says so, and the method.

    A document ("according to the statement") speaks only when no author is named some other way.
    """
    for layout in (dash_speaker, transcript_speaker, signed_speaker):
        found = layout(ctx, q, paragraph)
        if found is not None:
            return found[0], found[1], "explicit"
    spk, cue, document = _by_cues(ctx, q, paragraph)
    if spk is not None:
        return spk, cue, "explicit"
    layouts = ((label_speaker, "explicit"), (intro_speaker, "explicit"), (subject_speaker, "subject"))
    for layout, method in layouts:
        found = layout(ctx, q, paragraph)
        if found is not None:
            return found[0], found[1], method
    if document is not None:
        return document[0], document[1], "explicit"
    return None, "", "none"


def _quote_just_before(ctx: Context, previous: Quote | None, q: Quote) -> bool:
    """The previous quote has a speaker and ends in this sentence or the one before, in this paragraph: its
    speaker goes on ('"...," Ruiz, who led the board, told the Tribune. "..."'), before any cue of that
    sentence is read again for a subject."""
    if previous is None or not previous.speaker or previous.paragraph != q.paragraph:
        return False
    return sentence_of(ctx, max(previous.end - 1, previous.start)) >= sentence_of(ctx, q.open_mark) - 1


def _continues(previous: Quote | None, q: Quote, doc: Normalised) -> bool:
    """A quote with no cue goes on with the previous quote's speaker when nothing intervenes."""
    if previous is None or not previous.speaker:
        return False
    if previous.paragraph == q.paragraph:
        return True
    starts_paragraph = q.open_mark == doc.paragraphs[q.paragraph][0]
    return previous.paragraph == q.paragraph - 1 and starts_paragraph


def _assign(q: Quote, speaker: Mention, cue: str, method: str, ctx: Context, history: list[Mention]) -> None:
    if speaker.form == "descriptor":
        method = "descriptor"
    if speaker.form == "pronoun":
        q.speaker_as_written = speaker.text
        resolved = _resolve(ctx, speaker, history)
        if resolved is None:
            return
        speaker, method = resolved, "pronoun"
    if speaker.form == "generic":
        q.speaker, q.group, q.speaker_as_written, q.method = "", "none", as_written(ctx, speaker), "none"
        return
    q.speaker, q.group = speaker.canonical, speaker.group or "other"
    q.speaker_as_written = q.speaker_as_written or as_written(ctx, speaker)
    q.cue, q.method = cue, method
    history.append(speaker)


def attribute(
    doc: Normalised, raw: str, codebook: Codebook, sentences: list[tuple[int, int]], article_id: str = ""
) -> list[Quote]:
    """Find and attribute the quotes of one article; ``sentences`` are its sentences' (clean start, clean end)."""
    quotes = find_quotes(doc, raw, article_id)
    if not quotes:  # nothing to attribute: skip finding every name and role in the text
        return quotes
    pronouns = [str(p) for p in codebook.section("speech_verbs").get("pronouns", {})]
    close_at_cue(quotes, doc.clean_text, cue_pattern(codebook), pronouns)
    ctx = _context(doc, quotes, codebook, sentences)
    history: list[Mention] = []
    previous: Quote | None = None
    for q in quotes:
        paragraph = doc.paragraphs[q.paragraph]
        speaker, cue, method = _find_speaker(ctx, q, paragraph)
        carried = None
        if speaker is None and not _quote_just_before(ctx, previous, q):
            carried = previous_sentence(ctx, q, paragraph, previous)
        if speaker is not None:
            _assign(q, speaker, cue, method, ctx, history)
        elif carried is not None:
            _assign(q, carried[0], carried[1], "continuation", ctx, history)
        elif _continues(previous, q, doc):
            q.speaker, q.group, q.method = previous.speaker, previous.group, "continuation"
            q.speaker_as_written, q.cue = previous.speaker_as_written, previous.cue
        q.kind = quote_kind(doc.clean_text, q)
        if q.kind == "scare":
            q.speaker, q.group, q.method = "", "none", "none"
        previous = q
    return quotes


# --- tables ----------------------------------------------------------------------------------


def extract_quotes(normalised: NormalisedCorpus, articles: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """The ``quotes.csv`` contract for every usable article (offsets into the raw text)."""
    raw = dict(zip(articles["article_id"], articles["raw_text"], strict=True))
    outlet = dict(zip(articles["article_id"], articles["outlet_label"], strict=True))
    rows = []
    sents = normalised.sentences
    starts, ends = sents["clean_start"].tolist(), sents["clean_end"].tolist()
    bounds = {aid: [(starts[k], ends[k]) for k in at]  # positions, not one sub-table per article
              for aid, at in sents.groupby("article_id", sort=False).indices.items()}
    for aid, doc in normalised.documents.items():
        for n, q in enumerate(attribute(doc, raw[aid], codebook, bounds.get(aid, []), aid)):
            start, end = doc.raw_span(q.start, q.end)
            rows.append(
                {
                    "article_id": aid,
                    "outlet": outlet[aid],
                    "quote_id": f"{aid}:q{n:03d}",
                    "text": doc.clean_text[q.start : q.end].strip(),
                    "kind": q.kind,
                    "speaker": q.speaker,
                    "speaker_as_written": q.speaker_as_written,
                    "speaker_group": q.group,
                    "cue": q.cue,
                    "method": q.method,
                    "start": start,
                    "end": end,
                    "clean_start": q.start,
                    "clean_end": q.end,
                    "n_words": len(WORD.findall(doc.clean_text[q.start : q.end])),
                    "closed": q.closed,
                    "notes": "; ".join(q.notes),
                }
            )
    return pd.DataFrame(
        rows,
        columns=[
            "article_id",
            "outlet",
            "quote_id",
            "text",
            "kind",
            "speaker",
            "speaker_as_written",
            "speaker_group",
            "cue",
            "method",
            "start",
            "end",
            "clean_start",
            "clean_end",
            "n_words",
            "closed",
            "notes",
        ],
    )
