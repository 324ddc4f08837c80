"""Sentence splitting for news text: Punkt with codebook abbreviations, plus three rules about quotations.

Punkt (Kiss and Strunk 2006) is given the abbreviations of ``codebooks/general/<lang>/abbreviations.yaml``
instead of being trained, so nothing is downloaded. On top of it:

* a split inside a balanced quotation is undone (a quoted passage is one unit with its cue);
* a "sentence" that starts with a lower-case letter is no sentence: "F.B.I. agents", "(D-Wis.) said";
* a quotation's end never separates the quote from its trailing cue (*"...?" Jane Roe asked.*).

Speed: NLTK runs Punkt's regular expressions on the third-party ``regex`` engine behind a time guard, which
costs more than the decisions themselves. The same patterns compiled with Python's ``re`` give the same
matches wherever the two engines agree on which characters are spaces, word characters and digits; they
disagree on a few thousand code points (combining marks, superscript digits, four ASCII separators, scripts
newer than Python's Unicode tables). So a paragraph is split by Punkt on ``re`` when every character it
contains is one the engines agree on, and by NLTK's own Punkt otherwise: the boundaries are the same either way.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from functools import cache

from nltk import redos
from nltk.tokenize.punkt import PunktLanguageVars, PunktParameters, PunktSentenceTokenizer, PunktToken

from helpers.inputs.codebook import Codebook
from helpers.inputs.patterns import phrase_pattern

# A cue that follows a quotation's sentence end within this many words belongs to that quotation.
TRAILING_CUE_MAX_WORDS = 6
ENDS_WITH_QUESTION = re.compile(r"""[?!,]['"]\s*$""")  # the mark ends the quote, not the sentence
ENDS_WITH_QUOTE = re.compile(r"""[.?!,]['"]\s*$""")
STARTS_LOWER = re.compile(r"""^[\s"'(\[]*[a-z]|^\s*[),;:\]]""")  # "agents", "), the leader": no new sentence


# Character classes Punkt's patterns are built from; a character both engines put in the same classes
# matches the same way in every one of them (\S, \W, \D and [^\W\d] are built from these).
PUNKT_CLASSES = (r"\s", r"\w", r"\d")


@cache
def _class_pairs() -> list[tuple[re.Pattern[str], redos.TimedPattern]]:
    """Each class compiled by both engines, with the flags Punkt compiles its patterns with."""
    return [(re.compile(c, re.UNICODE), redos.compile(c, re.UNICODE)) for c in PUNKT_CLASSES]


@cache
def _engines_agree(ch: str) -> bool:
    """True when Python's ``re`` and NLTK's regex engine classify one character alike (cached per character)."""
    return all(bool(a.fullmatch(ch)) == bool(b.fullmatch(ch)) for a, b in _class_pairs())


@cache
def _ascii_disagreeing() -> re.Pattern[str] | None:
    """The ASCII characters the engines classify differently, as one character class (None when there are none)."""
    chars = [chr(i) for i in range(128) if not _engines_agree(chr(i))]
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]") if chars else None


def re_is_exact(text: str) -> bool:
    """True when Punkt on ``re`` splits ``text`` exactly as NLTK's Punkt does (see the module docstring)."""
    if text.isascii():
        rx = _ascii_disagreeing()
        return rx is None or rx.search(text) is None
    return all(_engines_agree(ch) for ch in set(text))


class _ReLanguageVars(PunktLanguageVars):
    """NLTK's Punkt language variables, with the same patterns compiled by ``re``."""

    __slots__ = ()
    re_boundary_realignment = re.compile(PunktLanguageVars.re_boundary_realignment.pattern, re.MULTILINE)

    def _word_tokenizer_re(self) -> re.Pattern[str]:
        try:
            return self._re_word_tokenizer
        except AttributeError:
            self._re_word_tokenizer = re.compile(super()._word_tokenizer_re().pattern, re.UNICODE | re.VERBOSE)
            return self._re_word_tokenizer

    def period_context_re(self) -> re.Pattern[str]:
        try:
            return self._re_period_context
        except AttributeError:
            self._re_period_context = re.compile(super().period_context_re().pattern, re.UNICODE | re.VERBOSE)
            return self._re_period_context


class _ReToken(PunktToken):
    """NLTK's Punkt token, with the same patterns compiled by ``re``."""

    __slots__ = ()
    _RE_ELLIPSIS = re.compile(PunktToken._RE_ELLIPSIS.pattern)
    _RE_NUMERIC = re.compile(PunktToken._RE_NUMERIC.pattern)
    _RE_INITIAL = re.compile(PunktToken._RE_INITIAL.pattern, re.UNICODE)
    _RE_ALPHA = re.compile(PunktToken._RE_ALPHA.pattern, re.UNICODE)


class SentenceTokenizer(PunktSentenceTokenizer):
    """Punkt on ``re`` where that is exact, NLTK's Punkt elsewhere, plus the codebook's speech cues."""

    cue: re.Pattern[str] | None = None
    exact: PunktSentenceTokenizer | None = None  # the same Punkt on NLTK's engine, for the other paragraphs

    def span_tokenize(self, text: str, realign_boundaries: bool = True) -> Iterator[tuple[int, int]]:
        """Punkt's sentence spans of ``text``."""
        if self.exact is not None and not re_is_exact(text):
            return self.exact.span_tokenize(text, realign_boundaries)
        return super().span_tokenize(text, realign_boundaries)


def sentence_tokenizer(codebook: Codebook) -> SentenceTokenizer:
    """Punkt with codebook abbreviations and every single letter as a possible initial."""
    params = PunktParameters()
    params.abbrev_types = set(codebook.abbreviations) | set("abcdefghijklmnopqrstuvwxyz")
    tok = SentenceTokenizer(params, lang_vars=_ReLanguageVars(), token_cls=_ReToken)
    tok.exact = PunktSentenceTokenizer(params)
    sv = codebook.section("speech_verbs")
    words = [str(w) for w in sv.get("verbs", [])]
    tok.cue = phrase_pattern(sorted(words), re.IGNORECASE) if words else None
    return tok


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
    words = following.split()
    if not cue.search(" ".join(words[:TRAILING_CUE_MAX_WORDS])):
        return False
    return bool(ENDS_WITH_QUESTION.search(previous)) or len(words) <= TRAILING_CUE_MAX_WORDS


def split_sentences(text: str, tokenizer: PunktSentenceTokenizer) -> list[tuple[int, int]]:
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
