"""Tone in the outlet's own voice and in the words it quotes, measured apart.

Quoted speech is not the outlet's voice: an official calling protesters "bandits" says something
about the official. Each sentence is split at its quotation spans (full and partial quotes from the
quotation-mark rules; scare quotes of one to three words stay in the outlet's voice, since the outlet
chose to use them): the words outside the quotes are scored as the outlet's voice, the words inside
as quoted speech. Both parts are scored with the same masked VADER as whole sentences.
"""

from __future__ import annotations

import re
import warnings

import pandas as pd

from helpers.analyses import sentiment
from helpers.analyses.quotes.marks import find_quotes, quote_kind
from helpers.text.normalise import WORD, NormalisedCorpus

VOICES = {"outside": "Outlet's own voice", "inside": "Quoted speech"}
QUOTED_KINDS = ("full", "partial")


def quote_spans(normalised: NormalisedCorpus) -> pd.DataFrame:
    """Clean-text spans of full and partial quotes, per article (article_id, start, end, kind)."""
    rows = []
    raw = normalised.articles.set_index("article_id")["raw_text"]
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
    """(words outside quotes, words inside quotes) of one sentence starting at ``offset``."""
    inside = [False] * len(text)
    for s, e in spans:
        for i in range(max(s - offset, 0), min(e - offset, len(text))):
            inside[i] = True
    outside_text = "".join(" " if inside[i] else c for i, c in enumerate(text))
    inside_parts = [text[max(s - offset, 0) : min(e - offset, len(text))] for s, e in spans]
    return _tidy(outside_text), " ... ".join(p.strip() for p in inside_parts if p.strip())


def _tidy(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[\"“”]", " ", text)).strip()


def split_by_voice(sentences: pd.DataFrame, spans: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence part with words: article_id, sentence_id, voice (outside | inside), text."""
    by_article = {a: list(zip(g["start"], g["end"], strict=True)) for a, g in spans.groupby("article_id")}
    rows = []
    for r in sentences.itertuples(index=False):
        mine = [(s, e) for s, e in by_article.get(r.article_id, []) if s < r.clean_end and e > r.clean_start]
        outside, inside = _split(r.text, r.clean_start, mine) if mine else (r.text, "")
        for voice, part in (("outside", outside), ("inside", inside)):
            if WORD.search(part):
                rows.append({"article_id": r.article_id, "sentence_id": r.sentence_id, "voice": voice, "text": part})
    return pd.DataFrame(rows, columns=["article_id", "sentence_id", "voice", "text"])


def voice_scores(
    parts: pd.DataFrame, articles: pd.DataFrame, mask: re.Pattern[str] | None, n_boot: int = 2000
) -> pd.DataFrame:
    """Per outlet and voice: mean compound of the parts with its bootstrap interval (as for sentences)."""
    tables = []
    for voice, g in parts.groupby("voice"):
        scored = sentiment.score_sentences(g, mask)
        table = sentiment.outlet_scores(scored, articles, n_boot=n_boot)
        tables.append(table.assign(voice=VOICES.get(str(voice), str(voice))))
    cols = ["outlet", "voice", "n_articles", "n_sentences", "mean_compound", "ci_low", "ci_high"]
    if not tables:
        return pd.DataFrame(columns=cols)
    return pd.concat(tables, ignore_index=True)[cols].rename(columns={"n_sentences": "n_parts"})
