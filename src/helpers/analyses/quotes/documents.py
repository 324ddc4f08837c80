"""A document speaks for the body that issued it: "the statement said" gives its author when the article names one.

News text names the author of a text in its own phrase ("a statement from the Harbour Board", "Ana Ruiz's
letter"), or in the clause that introduces it ("The Harbour Board issued a statement on Monday.") and then
refers back to it with the definite noun ("the statement said"). The document keeps what was written
(``speaker_as_written``) and its place after any other cue; only its canonical speaker becomes the author.
Words come from ``roles.yaml`` (``documents``, ``determiners``); nothing here is about one event.
"""

from __future__ import annotations

from helpers.analyses.quotes.cues import Context, sentence_of
from helpers.analyses.quotes.mentions import SPEAKER_TYPES, Mention

# The determiner that refers back to a text already introduced ("the statement", not "a statement").
DEFINITE = "the "


def _noun(ctx: Context, m: Mention) -> str:
    """The document noun ("statement" in "a statement from X"), lower-cased."""
    head = ctx.text[m.head : m.end] if m.head >= m.start else m.text
    return head.split()[0].lower().strip(" .,'’") if head.split() else ""


def _author_like(m: Mention) -> bool:
    return m.type in SPEAKER_TYPES and not m.document and m.form not in ("pronoun", "generic")


def _inner_author(ctx: Context, m: Mention) -> Mention | None:
    """A body named inside the document's own phrase ("a statement from X", "X's letter")."""
    return next((k for k in ctx.capable_in(m.start, m.end) if k is not m and _author_like(k)), None)


def _clause_author(ctx: Context, m: Mention, before: bool) -> Mention | None:
    """The subject of the sentence that introduces a document: before it ("X issued a statement") or, with
    ``before`` false, anywhere in it ("In a statement, X said")."""
    ss, se = ctx.sentences[sentence_of(ctx, m.start)]
    return next((k for k in ctx.capable_in(ss, m.start if before else se) if _author_like(k) and not k.modifier
                 and not m.start <= k.start < m.end), None)


def documents_to_authors(ctx: Context) -> None:
    """Give each document mention the body that issued it, in place: named in its phrase, in its clause, for
    an earlier text of the same kind, or in its sentence."""
    authors: dict[str, Mention] = {}
    for m in ctx.capable:
        if not m.document or m.canonical != m.text:
            continue
        noun = _noun(ctx, m)
        author = _inner_author(ctx, m) or _clause_author(ctx, m, before=True)
        if author is None and m.text.lower().startswith(DEFINITE):
            author = authors.get(noun)
        if author is None:
            author = _clause_author(ctx, m, before=False)
        if author is None:
            continue
        authors[noun] = author
        m.canonical, m.type, m.group = author.canonical, author.type, author.group
