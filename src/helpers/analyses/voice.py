"""Tone in the outlet's own voice and in the words it quotes, measured apart.

Quoted speech is not the outlet's voice: an official calling protesters "bandits" says something
about the official. Each sentence is split at its quotation spans (full and partial quotes from the
quotation-mark rules; scare quotes of one to three words stay in the outlet's voice, since the outlet
chose to use them): the words outside the quotes are scored as the outlet's voice, the words inside
as quoted speech. Both parts are scored with the same masked VADER as whole sentences.
"""

from __future__ import annotations

import bisect
import re
import warnings
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from helpers.analyses import sentiment
from helpers.analyses.quotes.marks import find_quotes, quote_kind
from helpers.inputs.codebook import Codebook
from helpers.text.normalise import WORD, NormalisedCorpus

VOICES = {"outside": "Outlet's own voice", "inside": "Quoted speech"}
QUOTED_KINDS = ("full", "partial")


def quote_spans(normalised: NormalisedCorpus) -> pd.DataFrame:
    """Clean-text spans of full and partial quotes, per article (article_id, start, end, kind)."""
    rows = []
    articles = normalised.articles
    raw = dict(zip(articles["article_id"].tolist(), articles["raw_text"].tolist(), strict=True))
    for aid, doc in normalised.documents.items():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            quotes = find_quotes(doc, raw[aid], aid)
        for q in quotes:
            kind = q.kind or quote_kind(doc.clean_text, q)
            if kind in QUOTED_KINDS:
                rows.append({"article_id": aid, "start": q.start, "end": q.end, "kind": kind})
    return pd.DataFrame(rows, columns=["article_id", "start", "end", "kind"])


def _split(text: str, offset: int, spans: list[tuple[int, int]]) -> tuple[str, str]:
    """(words outside quotes, words inside quotes) of one sentence starting at ``offset``.

    Outside, every character a span covers becomes a space; the text is cut at the merged span edges
    rather than rebuilt character by character.
    """
    clipped = sorted((max(s - offset, 0), min(e - offset, len(text))) for s, e in spans)
    pieces, done = [], 0
    for s, e in clipped:
        s = max(s, done)
        if e <= s:
            continue
        pieces += [text[done:s], " " * (e - s)]
        done = e
    outside_text = "".join(pieces) + text[done:]
    inside_parts = [text[max(s - offset, 0) : min(e - offset, len(text))] for s, e in spans]
    return _tidy(outside_text), " ... ".join(p.strip() for p in inside_parts if p.strip())


def _tidy(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[\"“”]", " ", text)).strip()


def _spans_by_sentence(sentences: pd.DataFrame, spans: pd.DataFrame) -> dict[int, list[tuple[int, int]]]:
    """Row number of each sentence -> the spans overlapping it, in the spans table's order.

    An article's sentences follow each other, so the sentences a span overlaps are found by two binary
    searches on their sorted starts and ends: the work grows with sentences plus spans, not their product
    within an article.
    """
    rows: dict[str, list[int]] = {}
    for k, aid in enumerate(sentences["article_id"].tolist()):
        rows.setdefault(aid, []).append(k)
    starts, ends = sentences["clean_start"].to_numpy(), sentences["clean_end"].to_numpy()
    found: dict[int, list[tuple[int, int]]] = {}
    span_start, span_end = spans["start"].tolist(), spans["end"].tolist()
    for aid, at in spans.groupby("article_id", sort=False).indices.items():  # positions, not sub-tables
        mine = sorted(rows.get(aid, []), key=lambda k: (starts[k], ends[k]))
        s_sorted, e_sorted = starts[mine], ends[mine]
        ordered = bool((e_sorted[1:] >= e_sorted[:-1]).all())
        for s, e in ((span_start[j], span_end[j]) for j in at):
            if ordered:
                hit = mine[bisect.bisect_right(e_sorted, s) : bisect.bisect_left(s_sorted, e)]
            else:  # overlapping sentences (not from the splitter): check each
                hit = [k for k in mine if starts[k] < e and ends[k] > s]
            for k in hit:
                found.setdefault(k, []).append((s, e))
    return found


def split_by_voice(sentences: pd.DataFrame, spans: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence part with words: article_id, sentence_id, voice (outside | inside), text."""
    found = _spans_by_sentence(sentences, spans)
    rows = []
    columns = [sentences[c].tolist() for c in ("article_id", "sentence_id", "text", "clean_start")]
    for k, (aid, sid, text, start) in enumerate(zip(*columns, strict=True)):
        mine = found.get(k)
        outside, inside = _split(text, start, mine) if mine else (text, "")
        for voice, part in (("outside", outside), ("inside", inside)):
            if WORD.search(part):
                rows.append({"article_id": aid, "sentence_id": sid, "voice": voice, "text": part})
    return pd.DataFrame(rows, columns=["article_id", "sentence_id", "voice", "text"])


def voice_scores(
    parts: pd.DataFrame, articles: pd.DataFrame, mask: re.Pattern[str] | None, n_boot: int = 2000
) -> pd.DataFrame:
    """Per outlet and voice: mean compound of the parts with its bootstrap interval (as for sentences).

    Parts that already carry ``compound`` (scored once by the caller) are not scored again.
    """
    tables = []
    for voice, g in parts.groupby("voice"):
        scored = g if "compound" in g.columns else sentiment.score_sentences(g, mask)  # parts scored once upstream
        table = sentiment.outlet_scores(scored, articles, n_boot=n_boot)
        tables.append(table.assign(voice=VOICES.get(str(voice), str(voice))))
    cols = ["outlet", "voice", "n_articles", "n_sentences", "mean_compound", "ci_low", "ci_high"]
    if not tables:
        return pd.DataFrame(columns=cols)
    return pd.concat(tables, ignore_index=True)[cols].rename(columns={"n_sentences": "n_parts"})


# --- whose words: the voice of a word found in a sentence -------------------------------------------

OWN_VOICE = "own"
QUOTED_VOICE = "quoted"
NO_SPEAKER = "unattributed"
REPORTER_MAX_WORDS = 3  # words before a speech verb kept as the speaker of reported speech when no name is there


def hit_voices(hits: pd.DataFrame, sentences: pd.DataFrame, found_quotes: pd.DataFrame,
               offset: str = "offset", codebook: Codebook | None = None) -> tuple[list[str], list[str]]:
    """(voice, speaker) of each hit: ``quoted`` with the speaker when it lies inside a full or partial quotation,
    or (with a ``codebook``) in reported speech after a speech verb ("X said the guards were not thieves").

    ``hits`` has ``article_id``, ``sentence_id`` and the hit's offset in the sentence text (column ``offset``);
    ``sentences`` gives each sentence's ``clean_start`` (and ``text``, for reported speech); ``found_quotes`` is
    the quotes table (``clean_start``, ``clean_end``, ``kind``, ``speaker``). Scare quotes stay in the outlet's own
    voice (the outlet chose the word); a quotation without a speaker is ``unattributed``. Hits outside every
    quotation and every reported clause are ``own`` with no speaker.
    """
    if hits.empty:
        return [], []
    starts = sentences.set_index(["article_id", "sentence_id"])["clean_start"]
    where = pd.MultiIndex.from_arrays([hits["article_id"], hits["sentence_id"]])
    begin = starts.reindex(where).to_numpy()
    at = (begin + hits[offset].to_numpy()).tolist()
    q = found_quotes[found_quotes["kind"].isin(QUOTED_KINDS)].sort_values(["article_id", "clean_start"])
    spans: dict[str, tuple[list[int], list[int], list[str]]] = {}
    q_start, q_end = q["clean_start"].astype(int).tolist(), q["clean_end"].astype(int).tolist()
    q_who = [str(s) if str(s).strip() and str(s) != "nan" else NO_SPEAKER for s in q["speaker"].tolist()]
    for aid, rows in q.groupby("article_id", sort=False).indices.items():  # positions, not one sub-table each
        spans[str(aid)] = ([q_start[k] for k in rows], [q_end[k] for k in rows], [q_who[k] for k in rows])
    texts = (sentences.set_index(["article_id", "sentence_id"])["text"].reindex(where).tolist()
             if codebook is not None and "text" in sentences.columns else [None] * len(hits))
    voices, speakers = [], []
    verbs: dict[str, list[tuple[int, int]]] = {}  # each sentence's speech verbs, found once
    for aid, pos, text, local in zip(hits["article_id"].tolist(), at, texts, hits[offset].tolist(), strict=True):
        s, e, who = spans.get(str(aid), ([], [], []))
        k = bisect.bisect_right(s, pos) - 1
        inside = next((j for j in (k, k - 1) if j >= 0 and s[j] <= pos < e[j]), None) if pos == pos else None
        reporter = ""
        if inside is None and isinstance(text, str) and codebook is not None:
            found = verbs.get(text)
            if found is None:
                found = verbs[text] = speech_verbs_at(text, codebook)
            reporter = reported_speaker(text, int(local), codebook, found) if found else ""
        voices.append(QUOTED_VOICE if inside is not None or reporter else OWN_VOICE)
        speakers.append(who[inside] if inside is not None else reporter)
    return voices, speakers


@lru_cache(maxsize=8)
def speech_verb_words(codebook: Codebook) -> frozenset[str]:
    """The one-word speech verbs of ``speech_verbs.yaml``, lower-cased, for a set look-up per word."""
    return frozenset(str(v).lower() for v in codebook.section("speech_verbs").get("verbs", []) if " " not in str(v))


WORD_AT = re.compile(r"(?<![\w-])[A-Za-z]+(?=\s)")
CLAUSE_MARKS = ",;:()“”\""


def reported_speaker(text: str, offset: int, codebook: Codebook | None,
                     verbs_at: list[tuple[int, int]] | None = None) -> str:
    """Who speaks at ``offset`` when a speech verb before it opens reported speech ("Ana Roe said the ..."), else "".

    The speaker is the capitalised name before the verb in its clause, else the words there ("rights groups");
    a verb with nothing before it in its clause ("said the ...") gives ``unattributed``. A cue after the word
    ("..., witnesses said") is left to the outlet: the words before it were already written as the outlet's.
    ``verbs_at`` (the (start, end) of each speech verb of ``text``) saves finding them again for each word.
    """
    if codebook is None:
        return ""
    if verbs_at is None:
        verbs_at = speech_verbs_at(text, codebook)
    before = [v for v in verbs_at if v[1] <= offset]
    if not before:
        return ""
    start = before[-1][0]
    opened = max(text.rfind(c, 0, start) for c in CLAUSE_MARKS)
    words = text[opened + 1 : start].split()
    plain = _plain_words(codebook)
    if words and words[-1].lower() in plain.determiners:
        return ""  # "the said fighters": "said" is an adjective there, and opens no one's speech
    while words and words[-1].lower() in plain.function_words:
        words.pop()  # "It also said": the adverb is not part of who speaks
    if not words or all(w.lower() in plain.function_words for w in words):
        return NO_SPEAKER  # nobody, or a pronoun ("He said ..."): whoever it stands for is not resolved here
    who = " ".join(words)
    names = re.findall(r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*", who)
    if names and not (len(names) == 1 and names[0] == words[0] and len(words) > 1):  # not a capital opening a clause
        return names[-1]
    return " ".join(words[-REPORTER_MAX_WORDS:])


@dataclass(frozen=True)
class PlainWords:
    """Words that never name a speaker: determiners, and the general stop words (pronouns, adverbs, ...)."""

    determiners: frozenset[str]
    function_words: frozenset[str]


@lru_cache(maxsize=8)
def _plain_words(codebook: Codebook) -> PlainWords:
    roles, stop = codebook.section("roles"), codebook.section("stopwords")
    determiners = {str(w).lower() for k in ("determiners", "definite_determiners") for w in roles.get(k) or []}
    pronouns = {str(w).lower() for w in (codebook.section("speech_verbs").get("pronouns") or {})}
    return PlainWords(frozenset(determiners),
                      frozenset({str(w).lower() for w in stop.get("stopwords") or []} | pronouns))


def speech_verbs_at(text: str, codebook: Codebook) -> list[tuple[int, int]]:
    """(start, end) of every one-word speech verb in ``text``, in order."""
    verbs = speech_verb_words(codebook)
    return [(m.start(), m.end()) for m in WORD_AT.finditer(text) if m.group().lower() in verbs]


def with_voice(hits: pd.DataFrame, sentences: pd.DataFrame, found_quotes: pd.DataFrame,
               offset: str = "offset", codebook: Codebook | None = None) -> pd.DataFrame:
    """``hits`` with ``voice`` (own or quoted) and ``speaker`` columns (see :func:`hit_voices`)."""
    voices, speakers = hit_voices(hits, sentences, found_quotes, offset, codebook)
    return hits.assign(voice=pd.Series(voices, index=hits.index, dtype=object),
                       speaker=pd.Series(speakers, index=hits.index, dtype=object))
