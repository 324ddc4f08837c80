"""Role, institution and document phrases in the text ("a spokeswoman for the ministry", "police").

A role is a determiner and a role, institution or document noun, with up to a few modifiers and an owner
("the country's interior ministry"); the words come from ``codebooks/general/en/roles.yaml``, compiled with the
name patterns in :func:`helpers.text.names.name_lexicon`. The quote finder takes roles as candidate speakers,
and the actor mentions read "the president" as the person the article last named so.
"""

from __future__ import annotations

from helpers.inputs.codebook import Codebook
from helpers.inputs.patterns import ascii_lowered
from helpers.text.names import FoundName, NameLexicon, name_lexicon


def find_roles(text: str, codebook: Codebook) -> list[FoundName]:
    """Role, institution and document phrases ("a spokeswoman", "the ministry", "police").

    The same phrases as ``role_rx.finditer`` over the whole text, found faster: the full pattern is tried only
    from the earliest word a phrase ending in the next head noun could start at (see ``_role_start``).
    """
    lex = name_lexicon(codebook)
    folded = ascii_lowered(text) if lex.head_fast is not None else None
    out = []
    pos = 0
    while (head := _next_head(text, folded, pos, lex)) >= 0:
        m = lex.role_rx.search(text, max(pos, _role_start(text, head, lex.role_reach)))
        if m is None:
            break
        phrase = m.group()
        head_word = m.group("head").lower()
        kind = "document" if head_word in lex.documents or head_word[:-1] in lex.documents else "role"
        out.append(FoundName(m.start(), m.end(), phrase, phrase, kind, "any", m.start("head")))
        pos = m.end()
    return out


def _next_head(text: str, folded: str | None, pos: int, lex: NameLexicon) -> int:
    """Where the next head noun from ``pos`` starts (-1: none), as ``head_rx.search`` finds it.

    Comparing letters case-insensitively costs most of that scan, so candidates come from ``head_fast`` on the
    lower-cased text (it matches wherever ``head_rx`` does, and sometimes more: "CHIEFS" in capitals), and
    ``head_rx`` decides at each."""
    if folded is None or lex.head_fast is None:
        head = lex.head_rx.search(text, pos)
        return head.start() if head is not None else -1
    while (cand := lex.head_fast.search(folded, pos)) is not None:
        if lex.head_rx.match(text, cand.start()) is not None:
            return cand.start()
        pos = cand.start() + 1
    return -1


def _role_start(text: str, head: int, reach: int) -> int:
    """The earliest position a role phrase whose head noun starts at ``head`` can start: ``reach`` words back
    (determiner and modifiers, each followed by one space), then further over capitalised words (an owner such
    as "Jane Roe's"). No match of the role pattern can start before it, so nothing is missed."""
    pos, words = head, 0
    while pos > 1 and text[pos - 1] == " " and not text[pos - 2].isspace():
        start = pos - 1
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        words += 1
        if words > reach and not ("A" <= text[start] <= "Z"):
            break
        pos = start
    return pos


def is_link(word: str, codebook: Codebook) -> bool:
    """True for a preposition that makes the next name a complement ("of Virginia", "for the ministry")."""
    return word.lower() in name_lexicon(codebook).links


def is_determiner(word: str, codebook: Codebook) -> bool:
    """True for a word that opens a noun phrase ("the", "a", "his")."""
    return word.lower() in name_lexicon(codebook).determiners


def is_role_noun(word: str, codebook: Codebook) -> bool:
    """True for a role or institution noun ("attorney", "campaign"): a name before it is a modifier."""
    w = word.lower()
    nouns = name_lexicon(codebook).role_nouns
    return w in nouns or (w.endswith("s") and w[:-1] in nouns)
