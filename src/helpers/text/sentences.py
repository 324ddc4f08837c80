"""Sentence splitting for news text: Punkt with codebook abbreviations, plus three rules about quotations.

Punkt (Kiss and Strunk 2006) is given the abbreviations of ``codebooks/general/<lang>/abbreviations.yaml``
instead of being trained, so nothing is downloaded. On top of it:

* a split inside a balanced quotation is undone (a quoted passage is one unit with its cue);
* a "sentence" that starts with a lower-case letter is no sentence: "F.B.I. agents", "(D-Wis.) said";
* a quotation's end never separates the quote from its trailing cue (*"...?" Jane Roe asked.*).

Punkt is NLTK's stock tokenizer, used through its public API only. Running its private patterns on Python's
``re`` instead split about twice as fast, but that saved only 0.2-0.6 s per 1,000 articles, some 4-10% of the
whole per-article analysis (measured on a shared machine; all of stock Punkt's splitting is about 0.4-0.6 s):
too little to keep a replay of NLTK's internals.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from helpers.inputs.codebook import Codebook
from helpers.inputs.patterns import phrase_pattern

if TYPE_CHECKING:  # imported where a splitter is made: importing nltk loads scipy.stats, about 1.5 s per process,
    # which every chapter's kernel would pay only to read tables
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

# A cue that follows a quotation's sentence end within this many words belongs to that quotation.
TRAILING_CUE_MAX_WORDS = 6
# the mark ends the quote, not the sentence; a quotation inside it may close first ('...: 'What now?'"')
ENDS_WITH_QUESTION = re.compile(r"""[?!,]['"]{1,2}\s*$""")
ENDS_WITH_QUOTE = re.compile(r"""[.?!,]['"]{1,2}\s*$""")
# An appositive between the speaker who opens the sentence after a quote and the cue: ", the head of X,".
APPOSITIVE = re.compile(r"^(\s*(?:[^\s,]+\s+){0,2}[^\s,]+),[^,.!?\"]*,")
STARTS_LOWER = re.compile(r"""^[\s"'(\[]*[a-z]|^\s*[),;:\]]""")  # "agents", "), the leader": no new sentence


@dataclass(frozen=True)
class SentenceSplitter:
    """NLTK's Punkt with the codebook's abbreviations, and the speech cues that keep a quote with its cue."""

    punkt: PunktSentenceTokenizer
    cue: re.Pattern[str] | None = None

    def span_tokenize(self, text: str) -> Iterator[tuple[int, int]]:
        """Punkt's sentence spans of ``text``, before the quotation rules of :func:`split_sentences`."""
        return self.punkt.span_tokenize(text)


def punkt_parameters(codebook: Codebook) -> PunktParameters:
    """Punkt's parameters without training: the codebook's abbreviations, and every single letter (an initial)."""
    from nltk.tokenize.punkt import PunktParameters

    params = PunktParameters()
    params.abbrev_types = set(codebook.abbreviations) | set("abcdefghijklmnopqrstuvwxyz")
    return params


def sentence_tokenizer(codebook: Codebook) -> SentenceSplitter:
    """Punkt with codebook abbreviations and initials, and the codebook's speech verbs as cues."""
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    words = [str(w) for w in codebook.section("speech_verbs").get("verbs", [])]
    cue = phrase_pattern(sorted(words), re.IGNORECASE) if words else None
    return SentenceSplitter(PunktSentenceTokenizer(punkt_parameters(codebook)), cue)


def _quote_marks(text: str) -> list[int] | None:
    """Positions of the double quote marks, or None when they do not balance (then nothing is inside a quote)."""
    marks = []
    i = text.find('"')
    while i >= 0:
        marks.append(i)
        i = text.find('"', i + 1)
    return marks if len(marks) % 2 == 0 else None


def _inside_quote(marks: list[int] | None, i: int) -> bool:
    """True when character ``i`` lies strictly between an opening mark and its closing mark."""
    if not marks:
        return False
    k = bisect_left(marks, i)  # marks before i
    return k % 2 == 1 and marks[k] != i  # an odd number before, and i is not the closing mark itself


def _trailing_cue(previous: str, following: str, cue: re.Pattern[str] | None) -> bool:
    """True when ``previous`` ends a quotation and ``following`` is its speech cue.

    After *?"* or *!"* the cue may go on (*"...?" Jane Roe asked, smiling.*); after *."* only a short
    cue-only sentence counts (*"..." Jane Roe added.*), since a new sentence may start with a cue of its own.
    """
    if cue is None or not ENDS_WITH_QUOTE.search(previous) or following.lstrip().startswith('"'):
        return False
    words = APPOSITIVE.sub(r"\1", following, count=1).split()  # '"...!" Jane Roe, head of X, said': "Jane Roe said"
    if not cue.search(" ".join(words[:TRAILING_CUE_MAX_WORDS])):
        return False
    return bool(ENDS_WITH_QUESTION.search(previous)) or len(words) <= TRAILING_CUE_MAX_WORDS


def split_sentences(text: str, tokenizer: SentenceSplitter | PunktSentenceTokenizer) -> list[tuple[int, int]]:
    """Sentence spans of one paragraph; never splits inside a balanced quotation or before its cue."""
    spans = list(tokenizer.span_tokenize(text))
    if len(spans) < 2:
        return spans
    marks = _quote_marks(text)
    cue = getattr(tokenizer, "cue", None)
    merged = [spans[0]]
    for s, e in spans[1:]:
        boundary = merged[-1][1] - 1
        prev = text[merged[-1][0] : merged[-1][1]]
        following = text[s:e]
        if (_inside_quote(marks, boundary) or _inside_quote(marks, s) or STARTS_LOWER.match(following)
                or _trailing_cue(prev, following, cue)):
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged
