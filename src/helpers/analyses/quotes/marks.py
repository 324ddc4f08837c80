"""Quotation marks: where direct quotes start and end, and what kind of quote each is.

Curly marks say which way they face; straight ones are read from their neighbours. Unbalanced marks
are closed at the end of the paragraph (or before their own speech cue) and reported with a warning,
so a stray mark never swallows the rest of an article silently.
"""

from __future__ import annotations

import re
import warnings
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import accumulate

from helpers.text.normalise import WORD, Normalised

OPEN_MARKS = "“„«"
CLOSE_MARKS = "”»"
SCARE_MAX_WORDS = 3


class QuoteWarning(UserWarning):
    """An unbalanced quotation mark was found; the quote was closed at the end of its paragraph."""


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




def _mark_role(raw: str, doc: Normalised, i: int) -> str:
    """'open', 'close' or 'either' for a double-quote character at clean position i."""
    rc = raw[doc.offsets[i]]
    text = doc.clean_text
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if rc in OPEN_MARKS:
        return "open"
    if rc in CLOSE_MARKS and not (before in " \n" and after.isalnum()):
        return "close"  # a closing mark typed where an opening one belongs (line start, before a word) is read as open
    if before in " \n([{-" and after not in " \n":
        return "open"
    if after in " \n.,;:!?)]}-" or before not in " \n":
        return "close"
    return "either"


def _warn(article_id: str, message: str) -> None:
    warnings.warn(f"{article_id}: {message}", QuoteWarning, stacklevel=3)


def _close_pending(pending: Quote, where: str, article_id: str) -> Quote:
    pending.closed = False
    pending.notes.append(f"no closing mark before the end of the {where}")
    _warn(article_id, f"unbalanced quotation mark at clean offset {pending.open_mark}")
    return pending


@dataclass
class _Scan:
    """State of the one left-to-right pass over the quotation marks of an article."""

    text: str
    article_id: str
    stats: dict[str, int] | None
    quotes: list[Quote] = field(default_factory=list)
    pending: Quote | None = None  # a quote left open at the end of the previous paragraph
    continued: Quote | None = None  # that quote, re-opened at the start of this paragraph
    opened: int | None = None

    def count(self, key: str, n: int = 1) -> None:
        if self.stats is not None:
            self.stats[key] = self.stats.get(key, 0) + n

    def start_paragraph(self, marks: list[int], roles: list[str], ps: int) -> tuple[list[int], list[str]]:
        """Carry a quote left open by the previous paragraph: re-opened here, or closed with a warning."""
        self.opened, self.continued = None, None
        if self.pending is None:
            return marks, roles
        if marks and marks[0] == ps and roles[0] in ("open", "either"):
            p = self.pending
            self.continued = Quote(p.start, p.end, p.paragraph, p.open_mark, -1, False)
            self.continued.notes.append("continues into the next paragraph")
            self.opened = ps
            marks, roles = marks[1:], roles[1:]
        else:
            self.quotes.append(_close_pending(self.pending, "paragraph", self.article_id))
        self.pending = None
        return marks, roles

    def mark(self, i: int, role: str, pid: int, ps: int) -> None:
        """One mark: open a quote, close the open one, or (a new opening while one is open) close it before."""
        if self.opened is None:
            if role == "close":
                _warn(self.article_id, f"closing mark without an opening one at clean offset {i}")
            else:
                self.opened = i
            return
        if role == "open" and i > self.opened + 1 and self.text[i - 1] == " ":
            _warn(self.article_id, f"quotation opened at {self.opened} not closed")
            q = Quote(self.opened + 1, i - 1, pid, self.opened, -1, False)
            q.notes.append("no closing mark before the next opening mark")
            self.quotes.append(q)
            self.opened = i
            return
        if self.continued is not None and self.opened == ps:
            self.continued.end, self.continued.close_mark = i, i
            self.quotes.append(self.continued)
            self.continued = None
        else:
            self.quotes.append(Quote(self.opened + 1, i, pid, self.opened, i))
        self.opened = None

    def end_paragraph(self, pid: int, ps: int, pe: int) -> None:
        """A quote still open at the paragraph end may continue in the next paragraph."""
        if self.opened is None:
            if self.continued is not None:  # re-opened but never closed here: it ends at this paragraph
                self.quotes.append(self.continued)
            return
        if self.continued is not None and self.opened == ps:
            self.continued.end = pe
            self.pending = self.continued
        else:
            if self.continued is not None:
                self.quotes.append(self.continued)
            start = self.opened + 1
            self.pending = Quote(start, pe, pid, self.opened, -1, False)


def _positions(text: str, mark: str, start: int, end: int) -> list[int]:
    """Where ``mark`` occurs in text[start:end], found by ``str.find`` rather than a test of every character."""
    out = []
    i = text.find(mark, start, end)
    while i >= 0:
        out.append(i)
        i = text.find(mark, i + 1, end)
    return out


def find_quotes(doc: Normalised, raw: str, article_id: str = "", stats: dict[str, int] | None = None) -> list[Quote]:
    """Quoted stretches of one article, per paragraph, with continuation across paragraphs.

    One pass over the marks (``stats``, when given, counts the marks looked at and the overlap checks, so tests
    can show the work grows linearly with the text, also when marks do not balance).
    """
    text = doc.clean_text
    scan = _Scan(text, article_id, stats)
    for pid, (ps, pe) in enumerate(doc.paragraphs):
        marks = _positions(text, '"', ps, pe)
        scan.count("marks", len(marks))
        roles = [_mark_role(raw, doc, i) for i in marks]
        marks, roles = scan.start_paragraph(marks, roles, ps)
        for i, role in zip(marks, roles, strict=True):
            scan.mark(i, role, pid, ps)
        scan.end_paragraph(pid, ps, pe)
    if scan.pending is not None:
        scan.quotes.append(_close_pending(scan.pending, "article", article_id))
    quotes = scan.quotes + _single_quoted(doc, scan.quotes, scan)
    return [q for q in sorted(quotes, key=lambda q: q.start) if q.end > q.start]


SINGLE = re.compile(r"(?<![\w'])'(?=[A-Za-z])([^'\n]*?[A-Za-z.,!?])'(?![\w'])")


def _single_quoted(doc: Normalised, doubles: list[Quote], scan: _Scan | None = None) -> list[Quote]:
    """Quotations in single marks ('swift and proportionate'), outside double-quoted stretches.

    Apostrophes inside words (city's, it's) never qualify: the opening mark must follow a non-letter
    and the closing mark precede one. Double-quoted stretches are looked up by bisection, not one by one.
    """
    covered = sorted((q.open_mark, max(q.close_mark, q.end)) for q in doubles)
    starts = [a for a, _ in covered]
    reach = list(accumulate((b for _, b in covered), max))  # furthest end among stretches opened so far
    out = []
    text = doc.clean_text
    for pid, (ps, pe) in enumerate(doc.paragraphs):
        for m in SINGLE.finditer(text, ps, pe):
            k = bisect_right(starts, m.start()) - 1
            if scan is not None:
                scan.count("overlap_checks")
            if k >= 0 and m.start() <= reach[k]:
                continue
            out.append(Quote(m.start() + 1, m.end() - 1, pid, m.start(), m.end() - 1))
    return out


# Words of a short subject before a cue at the end of an unclosed quote (', Jane Q. Roe said.').
TAIL_SUBJECT_MAX_WORDS = 3


def close_at_cue(quotes: list[Quote], text: str, cue: re.Pattern[str], pronouns: list[str]) -> None:
    """An unclosed quote that ends in its own speech cue (', she said.') is closed before the cue.

    The first subject-and-verb after a comma or full stop whose verb is a cue closes it; one pass per quote.
    """
    subject = "|".join(map(re.escape, pronouns)) or "(?!)"
    tail_rx = re.compile(
        rf"([,.?!])\s+((?:{subject}|[A-Z][\w.'-]*(?:\s+[A-Z][\w'-]*){{0,{TAIL_SUBJECT_MAX_WORDS - 1}}})\s+(\w+))"
    )
    for q in quotes:
        if q.closed:
            continue
        for tail in tail_rx.finditer(text, q.start, q.end):
            if cue.fullmatch(tail.group(3)):
                q.end = tail.start(1) + 1
                q.notes.append(f"closed before its speech cue ({tail.group(2)!r})")
                break


def quote_kind(text: str, q: Quote) -> str:
    inner = text[q.start : q.end].strip()
    n_words = len(WORD.findall(inner))
    before = text[: q.open_mark].rstrip(" ")
    at_start = before == "" or before.endswith(("\n", ",", ":", ".", "?", "!"))
    if inner[:1].isupper() and at_start and n_words > SCARE_MAX_WORDS:
        return "full"
    if n_words <= SCARE_MAX_WORDS and not q.speaker:
        return "scare"
    return "partial"
