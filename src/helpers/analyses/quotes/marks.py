"""Quotation marks: where direct quotes start and end, and what kind of quote each is.

Curly marks say which way they face; straight ones are read from their neighbours. Unbalanced marks
are closed at the end of the paragraph (or before their own speech cue) and reported with a warning,
so a stray mark never swallows the rest of an article silently.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field

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
