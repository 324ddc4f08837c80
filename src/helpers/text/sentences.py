"""Sentence splitting for news text: Punkt with codebook abbreviations, plus three rules about quotations.

Punkt (Kiss and Strunk 2006) is given the abbreviations of ``codebooks/general/<lang>/abbreviations.yaml``
instead of being trained, so nothing is downloaded. On top of it:

* a split inside a balanced quotation is undone (a quoted passage is one unit with its cue);
* a "sentence" that starts with a lower-case letter is no sentence: "F.B.I. agents", "(D-Wis.) said";
* a quotation's end never separates the quote from its trailing cue (*"...?" Jane Roe asked.*).
"""

from __future__ import annotations

import re

import numpy as np
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from helpers.inputs.codebook import Codebook
from helpers.inputs.patterns import phrase_pattern

# A cue that follows a quotation's sentence end within this many words belongs to that quotation.
TRAILING_CUE_MAX_WORDS = 6
ENDS_WITH_QUESTION = re.compile(r"""[?!,]['"]\s*$""")  # the mark ends the quote, not the sentence
ENDS_WITH_QUOTE = re.compile(r"""[.?!,]['"]\s*$""")
STARTS_LOWER = re.compile(r"""^[\s"'(\[]*[a-z]|^\s*[),;:\]]""")  # "agents", "), the leader": no new sentence


class SentenceTokenizer(PunktSentenceTokenizer):
    """Punkt plus the codebook's speech cues, which the quotation rule needs."""

    cue: re.Pattern[str] | None = None


def sentence_tokenizer(codebook: Codebook) -> SentenceTokenizer:
    """Punkt with codebook abbreviations and every single letter as a possible initial."""
    params = PunktParameters()
    params.abbrev_types = set(codebook.abbreviations) | set("abcdefghijklmnopqrstuvwxyz")
    tok = SentenceTokenizer(params)
    sv = codebook.section("speech_verbs")
    words = [str(w) for w in sv.get("verbs", [])]
    tok.cue = phrase_pattern(sorted(words), re.IGNORECASE) if words else None
    return tok


def _inside_quote(text: str) -> np.ndarray:
    """Boolean per character: inside a double-quoted stretch (only when marks balance)."""
    inside = np.zeros(len(text), dtype=bool)
    marks = [i for i, c in enumerate(text) if c == '"']
    if len(marks) % 2:
        return inside
    for a, b in zip(marks[::2], marks[1::2], strict=True):
        inside[a + 1 : b] = True
    return inside


def _trailing_cue(previous: str, following: str, cue: re.Pattern[str] | None) -> bool:
    """True when ``previous`` ends a quotation and ``following`` is its speech cue.

    After *?"* or *!"* the cue may go on (*"...?" Jane Roe asked, smiling.*); after *."* only a short
    cue-only sentence counts (*"..." Jane Roe added.*), since a new sentence may start with a cue of its own.
    """
    if cue is None or not ENDS_WITH_QUOTE.search(previous) or following.lstrip().startswith('"'):
        return False
    words = following.split()
    if not cue.search(" ".join(words[:TRAILING_CUE_MAX_WORDS])):
        return False
    return bool(ENDS_WITH_QUESTION.search(previous)) or len(words) <= TRAILING_CUE_MAX_WORDS


def split_sentences(text: str, tokenizer: PunktSentenceTokenizer) -> list[tuple[int, int]]:
    """Sentence spans of one paragraph; never splits inside a balanced quotation or before its cue."""
    spans = list(tokenizer.span_tokenize(text))
    if len(spans) < 2:
        return spans
    inside = _inside_quote(text)
    cue = getattr(tokenizer, "cue", None)
    merged = [spans[0]]
    for s, e in spans[1:]:
        boundary = merged[-1][1] - 1
        prev = text[merged[-1][0] : merged[-1][1]]
        following = text[s:e]
        if inside[boundary] or inside[s] or STARTS_LOWER.match(following) or _trailing_cue(prev, following, cue):
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged
