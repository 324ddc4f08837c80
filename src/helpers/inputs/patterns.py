"""Fast patterns for long word lists (names, speech cues, frame terms).

Python's regular expressions try each alternative of ``a|b|c|...`` at every position, which is slow
for hundreds of phrases. Factoring the phrases into a trie (``(?:ab(?:c|d)|e)``) lets the engine
discard impossible branches at once; the pattern matches exactly the same strings, and greedy
optional groups still prefer the longest phrase.
"""

from __future__ import annotations

import re

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
