"""Reading around a number in bounded windows, and matches found once per sentence.

A rule that asks what comes right before or after a number needs only a few words there, not the whole
sentence; a rule that asks which noun was named last can look its answer up among matches found once
for the sentence. Reading the whole sentence for every number made one long sentence (an article on a
single line) cost time growing with its square; with these helpers each number costs a window of words
and a binary search. Windows start and end at word boundaries, so a pattern's own word boundaries read
the same as in the whole sentence; the window size is the ``context_words`` setting of the number words.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

TOKEN_RX = re.compile(r"\S+")
# Sentences whose word offsets and matches are kept: the sentence being read and a few before it.
KEPT_SENTENCES = 4
KEPT_MATCHES = 32

Named = tuple[tuple[str, re.Pattern[str]], ...]
Hit = tuple[int, int, str]

__all__ = ["first_hit", "hits", "last_hit", "occurs", "text_after", "text_before", "window_end", "window_start"]


@lru_cache(maxsize=KEPT_SENTENCES)
def _tokens(text: str) -> tuple[list[int], list[int]]:
    """Start and end offsets of the whitespace-separated words of a sentence (computed once per sentence)."""
    starts, ends = [], []
    for m in TOKEN_RX.finditer(text):
        starts.append(m.start())
        ends.append(m.end())
    return starts, ends


def window_start(text: str, end: int, words: int) -> int:
    """Where the last ``words`` words before ``end`` begin (0 when fewer words come before)."""
    starts, _ends = _tokens(text)
    i = bisect_left(starts, end)  # the words starting before ``end``
    return starts[i - words] if i >= words else 0


def window_end(text: str, start: int, words: int) -> int:
    """Where the first ``words`` words after ``start`` end (the sentence's end when fewer words follow)."""
    _starts, ends = _tokens(text)
    i = bisect_right(ends, start) + words - 1  # the first word ending after ``start``, then ``words`` - 1 more
    return ends[i] if i < len(ends) else len(text)


def text_before(text: str, end: int, words: int) -> str:
    """The last ``words`` words before ``end``, for rules anchored at a number's start."""
    return text[window_start(text, end, words) : end]


def text_after(text: str, start: int, words: int) -> str:
    """The first ``words`` words after ``start``, for rules anchored at a number's end."""
    return text[start : window_end(text, start, words)]


@lru_cache(maxsize=KEPT_MATCHES)
def hits(named: Named, text: str) -> tuple[list[Hit], list[int]]:
    """(start, end, name) of every match of the named patterns in a sentence, in order, and their starts."""
    found = sorted((m.start(), m.end(), name) for name, rx in named for m in rx.finditer(text))
    return found, [h[0] for h in found]


@lru_cache(maxsize=KEPT_MATCHES)
def occurs(rx: re.Pattern[str], text: str) -> bool:
    """Whether a pattern matches anywhere in a sentence (asked for many numbers, searched once)."""
    return rx.search(text) is not None


def first_hit(named: Named, text: str, lo: int, hi: int) -> Hit | None:
    """The first match that lies within ``[lo, hi)``."""
    found, starts = hits(named, text)
    for i in range(bisect_left(starts, lo), len(found)):
        if found[i][0] >= hi:
            return None
        if found[i][1] <= hi:
            return found[i]
    return None


def last_hit(named: Named, text: str, end: int) -> Hit | None:
    """The match that starts last among those ending by ``end`` (ties: the greatest name, as ``max`` would)."""
    found, starts = hits(named, text)
    best: Hit | None = None
    for i in range(bisect_left(starts, end) - 1, -1, -1):
        if best is not None and found[i][0] < best[0]:
            break
        if found[i][1] <= end and (best is None or found[i][2] > best[2]):
            best = found[i]
    return best
