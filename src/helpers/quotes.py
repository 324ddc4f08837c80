"""Direct quotations: extraction, kind, speaker attribution, and drift of the same quote across outlets.

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

import difflib
import re
import warnings
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd

from helpers.codebook import Codebook
from helpers.normalise import WORD, Normalised, NormalisedCorpus
from helpers.patterns import phrase_pattern

OPEN_MARKS = "“„«"
CLOSE_MARKS = "”»"
SPEAKER_TYPES = ("person", "organisation", "group")
SCARE_MAX_WORDS = 3
CLAUSE_BOUNDARY = re.compile(
    r";|,?\s+(?:while|but|which|whereas|after|before|because|although|though|as|when)\s+", re.I
)
PRONOUN = re.compile(r"\b(he|she|they|it)\b", re.I)


class QuoteWarning(UserWarning):
    """An unbalanced quotation mark was found; the quote was closed at the end of its paragraph."""


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


@dataclass
class Quote:
    start: int  # clean-text offsets of the quoted words (marks excluded)
    end: int
    paragraph: int
    open_mark: int
    close_mark: int
    closed: bool = True
    kind: str = ""
    speaker: str = ""
    speaker_as_written: str = ""
    group: str = "none"
    cue: str = ""
    method: str = "none"
    notes: list[str] = field(default_factory=list)


# --- marks -----------------------------------------------------------------------------------


def _mark_role(raw: str, doc: Normalised, i: int) -> str:
    """'open', 'close' or 'either' for a double-quote character at clean position i."""
    rc = raw[doc.offsets[i]]
    if rc in OPEN_MARKS:
        return "open"
    if rc in CLOSE_MARKS:
        return "close"
    text = doc.clean_text
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before in " \n([{-" and after not in " \n":
        return "open"
    if after in " \n.,;:!?)]}-" or before not in " \n":
        return "close"
    return "either"


def find_quotes(doc: Normalised, raw: str, article_id: str = "") -> list[Quote]:
    """Quoted stretches of one article, per paragraph, with continuation across paragraphs."""
    text = doc.clean_text
    quotes: list[Quote] = []
    pending: Quote | None = None  # a quote left open at the end of the previous paragraph
    for pid, (ps, pe) in enumerate(doc.paragraphs):
        marks = [i for i in range(ps, pe) if text[i] == '"']
        roles = [_mark_role(raw, doc, i) for i in marks]
        opened: int | None = None
        if pending is not None:
            if marks and marks[0] == ps and roles[0] in ("open", "either"):
                marks, roles = marks[1:], roles[1:]  # continued quote re-opens at the paragraph start
                opened = ps
                quotes.append(Quote(pending.start, pending.end, pending.paragraph, pending.open_mark, -1, False))
                quotes[-1].notes.append("continues into the next paragraph")
                continued = quotes[-1]
            else:
                pending.closed = False
                pending.notes.append("no closing mark before the end of the paragraph")
                warnings.warn(
                    f"{article_id}: unbalanced quotation mark at clean offset {pending.open_mark}",
                    QuoteWarning,
                    stacklevel=2,
                )
                quotes.append(pending)
                continued = None
            pending = None
        else:
            continued = None
        for i, role in zip(marks, roles, strict=True):
            if opened is None:
                if role == "close":
                    warnings.warn(
                        f"{article_id}: closing mark without an opening one at clean offset {i}",
                        QuoteWarning,
                        stacklevel=2,
                    )
                    continue
                opened = i
            else:
                if role == "open" and i > opened + 1 and text[i - 1] == " ":
                    # a new opening mark while one is open: close the old quote before it
                    warnings.warn(f"{article_id}: quotation opened at {opened} not closed", QuoteWarning, stacklevel=2)
                    q = Quote(opened + 1, i - 1, pid, opened, -1, False)
                    q.notes.append("no closing mark before the next opening mark")
                    quotes.append(q)
                    opened = i
                    continue
                if continued is not None and opened == ps:
                    continued.end, continued.close_mark = i, i
                    continued = None
                else:
                    quotes.append(Quote(opened + 1, i, pid, opened, i))
                opened = None
        if opened is not None:
            start = opened + 1 if opened != ps or continued is None else opened
            if continued is not None and opened == ps:
                continued.end = pe
                pending = continued
                quotes.remove(continued)
                pending.end = pe
            else:
                pending = Quote(start, pe, pid, opened, -1, False)
    if pending is not None:
        pending.closed = False
        pending.notes.append("no closing mark before the end of the article")
        warnings.warn(
            f"{article_id}: unbalanced quotation mark at clean offset {pending.open_mark}", QuoteWarning, stacklevel=2
        )
        quotes.append(pending)
    quotes += _single_quoted(doc, quotes)
    return [q for q in sorted(quotes, key=lambda q: q.start) if q.end > q.start]


SINGLE = re.compile(r"(?<![\w'])'(?=[A-Za-z])([^'\n]*?[A-Za-z.,!?])'(?![\w'])")


def _single_quoted(doc: Normalised, doubles: list[Quote]) -> list[Quote]:
    """Quotations in single marks ('swift and proportionate'), outside double-quoted stretches.

    Apostrophes inside words (city's, it's) never qualify: the opening mark must follow a non-letter
    and the closing mark precede one.
    """
    out = []
    text = doc.clean_text
    for pid, (ps, pe) in enumerate(doc.paragraphs):
        for m in SINGLE.finditer(text, ps, pe):
            if any(q.open_mark <= m.start() <= max(q.close_mark, q.end) for q in doubles):
                continue
            out.append(Quote(m.start() + 1, m.end() - 1, pid, m.start(), m.end() - 1))
    return out


def close_at_cue(quotes: list[Quote], text: str, cue: re.Pattern[str]) -> None:
    """An unclosed quote that ends in its own speech cue (', she said.') is closed before the cue."""
    for q in quotes:
        if q.closed:
            continue
        inner = text[q.start : q.end]
        tail = re.search(r"([,.?!])\s+((?:he|she|they|[A-Z][\w.'-]*(?:\s+[A-Z][\w'-]*){0,2})\s+(\w+))[^\n]*$", inner)
        if tail and cue.fullmatch(tail.group(3)):
            q.end = q.start + tail.start(1) + 1
            q.notes.append(f"closed before its speech cue ({tail.group(2)!r})")


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
        q.kind = _kind(text, q)
        if q.kind == "scare":
            q.speaker, q.group, q.method = "", "none", "none"
        previous = q
    return quotes


def _kind(text: str, q: Quote) -> str:
    inner = text[q.start : q.end].strip()
    n_words = len(WORD.findall(inner))
    before = text[: q.open_mark].rstrip(" ")
    at_start = before == "" or before.endswith(("\n", ",", ":", ".", "?", "!"))
    if inner[:1].isupper() and at_start and n_words > SCARE_MAX_WORDS:
        return "full"
    if n_words <= SCARE_MAX_WORDS and not q.speaker:
        return "scare"
    return "partial"


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


def _norm_words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def word_diff(a: str, b: str) -> str:
    """Word-level diff from a to b: '[-removed-] {+added+}' around the words that changed."""
    wa, wb = a.split(), b.split()
    out = []
    sm = difflib.SequenceMatcher(
        None, [w.lower().strip('.,;:"') for w in wa], [w.lower().strip('.,;:"') for w in wb], autojunk=False
    )
    for op, a0, a1, b0, b1 in sm.get_opcodes():
        if op == "equal":
            out.append(" ".join(wb[b0:b1]))
            continue
        if a1 > a0:
            out.append("[-" + " ".join(wa[a0:a1]) + "-]")
        if b1 > b0:
            out.append("{+" + " ".join(wb[b0:b1]) + "+}")
    return " ".join(out)


def quote_variants(quotes: pd.DataFrame, min_ratio: float = 0.6, min_words: int = 4) -> pd.DataFrame:
    """Cluster the same quote across articles; classify each against the cluster's fullest version."""
    q = quotes[quotes["n_words"] >= min_words].reset_index(drop=True)
    words = [_norm_words(t) for t in q["text"]]
    parent = list(range(len(q)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    index: dict[str, set[int]] = {}
    for i, w in enumerate(words):
        for t in set(w):
            index.setdefault(t, set()).add(i)
    for i, w in enumerate(words):
        cands = set().union(*(index.get(t, set()) for t in set(w))) if w else set()
        for j in cands:
            if j <= i or q.at[i, "article_id"] == q.at[j, "article_id"]:
                continue
            r = difflib.SequenceMatcher(None, w, words[j], autojunk=False).ratio()
            shorter, longer = sorted((w, words[j]), key=len)
            contained = " ".join(shorter) in " ".join(longer)
            if r >= min_ratio or (contained and len(shorter) >= min_words):
                parent[find(i)] = find(j)
    clusters: dict[int, list[int]] = {}
    for i in range(len(q)):
        clusters.setdefault(find(i), []).append(i)
    rows = []
    cid = 0
    for members in clusters.values():
        if len({q.at[i, "article_id"] for i in members}) < 2:
            continue
        ref = max(members, key=lambda i: (len(words[i]), -i))
        for i in members:
            if words[i] == words[ref]:
                rel, diff = "identical", ""
            elif " ".join(words[i]) in " ".join(words[ref]):
                rel, diff = "trimmed", word_diff(q.at[ref, "text"], q.at[i, "text"])
            else:
                rel, diff = "altered", word_diff(q.at[ref, "text"], q.at[i, "text"])
            rows.append(
                {
                    "cluster_id": f"c{cid:03d}",
                    "article_id": q.at[i, "article_id"],
                    "outlet": q.at[i, "outlet"],
                    "quote_id": q.at[i, "quote_id"],
                    "speaker": q.at[i, "speaker"],
                    "text": q.at[i, "text"],
                    "relation": rel,
                    "reference": q.at[ref, "quote_id"],
                    "diff": diff,
                }
            )
        cid += 1
    return pd.DataFrame(
        rows,
        columns=["cluster_id", "article_id", "outlet", "quote_id", "speaker", "text", "relation", "reference", "diff"],
    )


def who_gets_quoted(quotes: pd.DataFrame) -> pd.DataFrame:
    """Per outlet and speaker group: number of quotes and words quoted."""
    g = quotes.groupby(["outlet", "speaker_group"])
    return pd.DataFrame({"quotes": g.size(), "words": g["n_words"].sum()}).reset_index()


# --- evaluation ------------------------------------------------------------------------------


def match_spans(gold: pd.DataFrame, predicted: pd.DataFrame, min_coverage: float = 0.8) -> pd.DataFrame:
    """One-to-one matches of predicted to gold spans (same article) covering >= min_coverage of gold."""
    pairs = []
    for aid, g in gold.groupby("article_id"):
        p = predicted[predicted["article_id"] == aid]
        for gi, gr in g.iterrows():
            for pi, pr in p.iterrows():
                ov = min(gr["end"], pr["end"]) - max(gr["start"], pr["start"])
                if ov <= 0:
                    continue
                cov = ov / (gr["end"] - gr["start"])
                if cov >= min_coverage:
                    pairs.append((cov, gi, pi))
    used_g, used_p, rows = set(), set(), []
    for cov, gi, pi in sorted(pairs, key=lambda t: -t[0]):
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        rows.append({"gold": gi, "predicted": pi, "coverage": cov})
    return pd.DataFrame(rows, columns=["gold", "predicted", "coverage"])


def score_quotes(gold: pd.DataFrame, predicted: pd.DataFrame) -> dict[str, float]:
    """Span precision/recall/F1 at coverage >= 0.8, kind accuracy and speaker accuracy on matches."""
    m = match_spans(gold, predicted)
    tp = len(m)
    prec = tp / len(predicted) if len(predicted) else 0.0
    rec = tp / len(gold) if len(gold) else 0.0
    f1 = 2 * prec * rec / (prec + rec) if tp else 0.0
    g = gold.loc[m["gold"]].reset_index(drop=True)
    p = predicted.loc[m["predicted"]].reset_index(drop=True)
    speaker_ok = (g["speaker"].fillna("") == p["speaker"].fillna("")).to_numpy()
    kind_ok = (g["kind"] == p["kind"]).to_numpy()
    return {
        "gold": len(gold),
        "predicted": len(predicted),
        "matched": tp,
        "precision": prec,
        "recall": rec,
        "f1": f1,
        "speaker_accuracy": float(np.mean(speaker_ok)) if tp else 0.0,
        "kind_accuracy": float(np.mean(kind_ok)) if tp else 0.0,
        "mean_coverage": float(m["coverage"].mean()) if tp else 0.0,
    }


def altered_summary(variants: pd.DataFrame) -> tuple[str, str]:
    """(outlets, changes) of altered quotes, for prose: which outlets changed words inside quotes and how."""
    alt = variants[variants["relation"] == "altered"]
    if alt.empty:
        return "none", "no changes"
    changes = []
    for d in alt["diff"]:
        removed = re.findall(r"\[-(.+?)-\]", d)
        added = re.findall(r"\{\+(.+?)\+\}", d)
        changes.append("; ".join([f"removed “{r}”" for r in removed] + [f"added “{a}”" for a in added]))
    return ", ".join(sorted(set(alt["outlet"]))), " | ".join(changes)
