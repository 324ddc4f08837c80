"""Fast patterns for long word lists (names, speech cues, frame terms).

Python's regular expressions try each alternative of ``a|b|c|...`` at every position, which is slow
for hundreds of phrases. Factoring the phrases into a trie (``(?:ab(?:c|d)|e)``) lets the engine
discard impossible branches at once; the pattern matches exactly the same strings, and greedy
optional groups still prefer the longest phrase.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator

WILD = "\x00*"


def trie_body(phrases: list[str], wildcard: str = r"[\w'-]*", space: str = r"\s+") -> str:
    """Regex body (no boundaries) matching any of ``phrases``; a trailing ``*`` takes any word ending."""
    trie: dict = {}
    for phrase in phrases:
        if not phrase:
            continue
        star = phrase.endswith("*")
        node = trie
        for ch in phrase.rstrip("*"):
            node = node.setdefault(ch, {})
        node[WILD if star else ""] = True

    def build(node: dict) -> str:
        ends = [k for k in node if k in ("", WILD)]
        alts = []
        for ch in sorted(k for k in node if k not in ("", WILD)):
            head = space if ch == " " else re.escape(ch)
            alts.append(head + build(node[ch]))
        if WILD in node:
            alts.append(wildcard)  # last: longer literal phrases are tried first; it may match nothing
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in ends else body

    return build(trie)


def phrase_pattern(phrases: list[str], flags: int = 0) -> re.Pattern[str]:
    """Whole-word matches of any phrase (not inside a longer word or a hyphenated compound)."""
    body = trie_body(sorted(set(phrases))) or "(?!)"
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", flags)


LITERAL_OR_ESCAPE = re.compile(r"\\.|[A-Z]")
INLINE_SYNTAX = re.compile(r"\(\?[a-zA-Z-]|\\N")  # inline flags, named groups, named characters: not handled


def lowered(rx: re.Pattern[str]) -> re.Pattern[str] | None:
    """A case-insensitive ASCII pattern as a case-sensitive one for lower-cased ASCII text (faster to run).

    Its literal letters are lower-cased (escapes such as ``\\s`` or ``\\.`` are kept), so every branch stays
    where it was: on ASCII text a literal letter matches a character case-insensitively exactly when it matches
    the lower-cased character, and classes, look-arounds and lengths are unchanged by lower-casing ASCII. The
    matches are therefore the same, at the same offsets. None when the pattern is not ASCII or not
    case-insensitive, or uses syntax whose letters are not literals (inline flags, named groups or characters).
    """
    if not rx.pattern.isascii() or not rx.flags & re.IGNORECASE or INLINE_SYNTAX.search(rx.pattern):
        return None
    body = LITERAL_OR_ESCAPE.sub(lambda m: m.group().lower() if len(m.group()) == 1 else m.group(), rx.pattern)
    return re.compile(body, rx.flags & ~re.IGNORECASE)


# The non-ASCII letters that IGNORECASE matches to ASCII letters (Python's ``re`` documentation lists these
# four): İ, ı, ſ and the Kelvin sign. Lower-casing only A-Z leaves them as they are, so text holding one of
# them is matched the slow way.
IGNORECASE_ASCII_FOLDS = "\u0130\u0131\u017f\u212a"
ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def ascii_lowered(text: str) -> str | None:
    """``text`` with A-Z lower-cased and every other character kept, for a :func:`lowered` pattern.

    Offsets are unchanged, and a lowered pattern finds in it exactly what the case-insensitive pattern finds in
    ``text``; None when the text holds one of the four non-ASCII letters that fold to ASCII ones.
    """
    if text.isascii():
        return text.lower()
    if any(ch in text for ch in IGNORECASE_ASCII_FOLDS):
        return None
    return text.translate(ASCII_LOWER)


def finditer_folded(rx: re.Pattern[str], fast: re.Pattern[str] | None, text: str, folded: str | None):
    """``rx.finditer(text)``, run as ``fast`` over ``folded`` (see :func:`ascii_lowered`) when both exist.

    The matches have the same offsets; their text must be read from ``text``, not from the match.
    """
    if fast is not None and folded is not None:
        return fast.finditer(folded)
    return rx.finditer(text)


def confirmed_finditer(rx: re.Pattern[str], fast: re.Pattern[str] | None, text: str,
                       folded: str | None = None) -> Iterator[re.Match[str]]:
    """The matches of ``rx.finditer(text)``, with candidate places found by ``fast`` in ``folded``.

    ``fast`` is a case-sensitive pattern for the ascii-lowered text (:func:`ascii_lowered`; made here when not
    given) that matches wherever ``rx`` does and possibly elsewhere: comparing letters as they are lets the engine
    turn away most alternatives at their first letter, which case-insensitive matching cannot. ``rx`` itself
    decides at each candidate, so the matches are the same; where it does not match, the scan goes on one
    character later, as ``finditer`` does. Without ``fast``, or for a text lower-casing cannot fold, this is
    ``rx.finditer(text)``.
    """
    if fast is not None and folded is None:
        folded = ascii_lowered(text)
    if fast is None or folded is None:
        yield from rx.finditer(text)
        return
    pos = 0
    while (cand := fast.search(folded, pos)) is not None:
        found = rx.match(text, cand.start())
        if found is None:
            pos = cand.start() + 1
            continue
        yield found
        pos = found.end() if found.end() > found.start() else found.end() + 1
