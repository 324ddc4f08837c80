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
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from helpers.analyses.quotes.marks import Quote, close_at_cue, find_quotes, quote_kind
from helpers.inputs.codebook import Codebook
from helpers.text.normalise import WORD, Normalised, NormalisedCorpus
from helpers.text.patterns import phrase_pattern

SPEAKER_TYPES = ("person", "organisation", "group")
CLAUSE_BOUNDARY = re.compile(
    r";|,?\s+(?:while|but|which|whereas|after|before|because|although|though|as|when)\s+", re.I
)
PRONOUN = re.compile(r"\b(he|she|they|it)\b", re.I)


@dataclass
class Mention:
    start: int
    end: int
    text: str
    canonical: str
    type: str
    gender: str
    group: str
    form: str  # variant | descriptor | pronoun | generic


# --- mentions and cues -----------------------------------------------------------------------


@lru_cache(maxsize=8)
def _role_patterns(codebook: Codebook) -> dict[str, re.Pattern[str]]:
    roles = codebook.section("speech_verbs").get("gendered_roles", {})
    return {
        g: re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b", re.I) for g, words in roles.items() if words
    }


@lru_cache(maxsize=8)
def _generic_pattern(codebook: Codebook) -> re.Pattern[str] | None:
    generic = codebook.section("speech_verbs").get("generic_subjects", [])
    return re.compile(r"\b(?:" + "|".join(map(re.escape, generic)) + r")\b", re.I) if generic else None


def mentions(text: str, codebook: Codebook) -> list[Mention]:
    """Codebook names and descriptors, pronouns, and generic subjects in ``text``."""
    ents = codebook.entity_info
    forms = codebook.alias_forms
    out: list[Mention] = []
    roles = _role_patterns(codebook)
    if codebook.alias_pattern is not None:
        for m in codebook.alias_pattern.finditer(text):
            canon = codebook.canonical(m.group())
            e = ents.get(canon)
            gender = e["gender"] if e is not None else "any"
            form = forms.get(m.group(), "variant")
            for g, rx in roles.items():
                if rx.search(m.group()):
                    gender = g
            out.append(
                Mention(
                    m.start(),
                    m.end(),
                    m.group(),
                    canon,
                    e["type"] if e is not None else "unknown",
                    gender,
                    e["group"] if e is not None else "other",
                    form,
                )
            )
    pronouns = codebook.section("speech_verbs").get("pronouns", {})
    for m in PRONOUN.finditer(text):
        out.append(
            Mention(m.start(), m.end(), m.group(), "", "pronoun", pronouns.get(m.group().lower(), "any"), "", "pronoun")
        )
    generic = _generic_pattern(codebook)
    if generic is not None:
        for m in generic.finditer(text):
            if not any(o.start <= m.start() < o.end for o in out):
                out.append(Mention(m.start(), m.end(), m.group(), "", "generic", "any", "", "generic"))
    return sorted(out, key=lambda x: x.start)


@lru_cache(maxsize=8)
def cue_pattern(codebook: Codebook) -> re.Pattern[str]:
    sv = codebook.section("speech_verbs")
    words = set(sv.get("verbs", [])) | set(sv.get("nouns", [])) | set(sv.get("phrases", []))
    return phrase_pattern(sorted(words), re.IGNORECASE)


def _masked(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for s, e in spans:
        for i in range(max(s, 0), min(e, len(chars))):
            chars[i] = " "
    return "".join(chars)


# --- attribution -----------------------------------------------------------------------------


@dataclass
class _Context:
    text: str
    masked: str
    mentions: list[Mention]
    sentences: list[tuple[int, int]]
    cues: list[tuple[int, int, str]]
    nouns: frozenset[str]
    phrases: frozenset[str]


def _sentence_of(ctx: _Context, pos: int) -> int:
    for k, (s, e) in enumerate(ctx.sentences):
        if s <= pos < e:
            return k
    return max((k for k, (s, _) in enumerate(ctx.sentences) if s <= pos), default=0)


def _capable(m: Mention) -> bool:
    return m.type in SPEAKER_TYPES or m.form in ("pronoun", "generic")


def _compatible(pronoun: Mention, m: Mention) -> bool:
    want = pronoun.gender
    if m.form in ("pronoun", "generic") or m.type not in SPEAKER_TYPES:
        return False
    if want == "any":
        return True
    if want == "institution":
        return m.gender in ("institution", "any")
    return m.gender in (want, "any")


def _outside(ctx: _Context, m: Mention) -> bool:
    return ctx.masked[m.start : m.end].strip() != ""


def _subject(ctx: _Context, sent: int) -> Mention | None:
    s, e = ctx.sentences[sent]
    for m in ctx.mentions:
        if s <= m.start < e and _outside(ctx, m) and _capable(m) and m.form not in ("pronoun", "generic"):
            return m
    return None


def _resolve(ctx: _Context, pron: Mention, history: list[Mention]) -> Mention | None:
    sent = _sentence_of(ctx, pron.start)
    s, _ = ctx.sentences[sent]
    for m in ctx.mentions:  # (a) a compatible speaker earlier in the same sentence
        if s <= m.start < pron.start and _outside(ctx, m) and _compatible(pron, m):
            return m
    if sent > 0:  # (b) the subject of the previous sentence
        subj = _subject(ctx, sent - 1)
        if subj is not None and (_compatible(pron, subj) or subj.gender == "institution"):
            return subj
    for m in reversed(history):  # (c) the most recent compatible speaker
        if _compatible(pron, m):
            return m
    return None


def _speaker_for_cue(ctx: _Context, cue: tuple[int, int, str], after_quote: int | None) -> Mention | None:
    """The mention that speaks through ``cue``."""
    cs, ce, word = cue
    low = word.lower()
    sent = _sentence_of(ctx, cs)
    ss, se = ctx.sentences[sent]
    capable = [m for m in ctx.mentions if _outside(ctx, m) and _capable(m)]
    if low in ctx.phrases:  # according to X
        return next((m for m in capable if ce <= m.start < se), None)
    if low in ctx.nouns and re.match(r"\s+by\s+", ctx.text[ce : ce + 5]):  # claims by X
        return next((m for m in capable if ce <= m.start < se), None)
    if after_quote is not None:
        between = [m for m in capable if after_quote <= m.start < cs]
        if between:  # ..." X said
            return between[0]
        # ..." said X
        return next((m for m in capable if ce <= m.start < min(se, ce + 60)), None)
    if low.endswith("ing") and low in ctx.phrases | {low} and not re.search(r"\bto\s*$", ctx.text[ss:cs]):
        subj = next((m for m in capable if ss <= m.start < cs), None)
        if subj is not None and low not in ctx.nouns:
            return subj
    # the first speaker in the clause that holds the cue, else the nearest before it
    clause_start = ss
    for b in CLAUSE_BOUNDARY.finditer(ctx.masked, ss, cs):
        clause_start = b.end()
    in_clause = [m for m in capable if clause_start <= m.start < cs]
    if in_clause:
        return in_clause[0]
    before = [m for m in capable if ss <= m.start < cs]
    if before:
        return before[-1]
    # cue first, speaker after it: 'Said X, chief economist: "..."'
    return next(
        (m for m in capable if ce <= m.start < min(se, ce + 80) and ctx.masked[ce : m.start].strip(" ,") == ""), None
    )


def attribute(
    doc: Normalised, raw: str, codebook: Codebook, sentences: pd.DataFrame, article_id: str = ""
) -> list[Quote]:
    """Find and attribute the quotes of one article."""
    quotes = find_quotes(doc, raw, article_id)
    text = doc.clean_text
    close_at_cue(quotes, text, cue_pattern(codebook))
    masked = _masked(text, [(q.start, q.end) for q in quotes])
    sv = codebook.section("speech_verbs")
    ctx = _Context(
        text,
        masked,
        mentions(text, codebook),
        list(zip(sentences["clean_start"], sentences["clean_end"], strict=True)),
        [(m.start(), m.end(), m.group()) for m in cue_pattern(codebook).finditer(masked)],
        frozenset(w.lower() for w in sv.get("nouns", [])),
        frozenset(p.lower() for p in sv.get("phrases", [])),
    )
    if not ctx.sentences:
        ctx.sentences = [(0, len(text))]
    history: list[Mention] = []
    previous: Quote | None = None
    for q in quotes:
        s0 = _sentence_of(ctx, q.open_mark)
        s1 = _sentence_of(ctx, q.end)
        region = (ctx.sentences[s0][0], ctx.sentences[s1][1])
        close = q.close_mark if q.close_mark >= 0 else q.end
        cues = [c for c in ctx.cues if region[0] <= c[0] < region[1]]
        after = [c for c in cues if c[0] > close and re.fullmatch(r"[\s,]*(\S+\s+){0,6}", text[close + 1 : c[0]])]
        before = [c for c in cues if c[1] <= q.open_mark]
        later = [c for c in cues if c[0] > close and c not in after]
        chosen, speaker = None, None
        for group, after_pos in ((after, close + 1), (list(reversed(before)), None), (later, None)):
            for c in group:
                spk = _speaker_for_cue(ctx, c, after_pos)
                if spk is not None:
                    chosen, speaker = c, spk
                    break
            if chosen:
                break
        method = "none"
        if speaker is not None:
            method = "explicit"
            if speaker.form == "pronoun":
                resolved = _resolve(ctx, speaker, history)
                q.speaker_as_written = speaker.text
                speaker, method = resolved, "pronoun" if resolved is not None else "none"
            elif speaker.form == "descriptor":
                method = "descriptor"
        elif (
            previous is not None
            and previous.speaker
            and (
                previous.paragraph == q.paragraph
                or (previous.paragraph == q.paragraph - 1 and q.open_mark == doc.paragraphs[q.paragraph][0])
            )
        ):
            q.speaker, q.group, q.method = previous.speaker, previous.group, "continuation"
            q.speaker_as_written, q.cue = previous.speaker_as_written, previous.cue
        if speaker is not None:
            if speaker.form == "generic":
                q.speaker, q.group = "", "none"
                q.speaker_as_written = speaker.text
                method = "none"
            else:
                q.speaker, q.group = speaker.canonical, speaker.group or "other"
                q.speaker_as_written = q.speaker_as_written or speaker.text
                history.append(speaker)
            q.cue = chosen[2] if chosen else ""
            q.method = method
        q.kind = quote_kind(text, q)
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
    by_article = normalised.sentences_of()
    for aid, doc in normalised.documents.items():
        sents = by_article.get(aid, normalised.sentences.iloc[:0])
        for n, q in enumerate(attribute(doc, raw[aid], codebook, sents, aid)):
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
            "n_words",
            "closed",
            "notes",
        ],
    )
