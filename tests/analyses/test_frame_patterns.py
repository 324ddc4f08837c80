"""The case-sensitive form of a frame pattern finds what the case-insensitive one finds, on ASCII text."""

from __future__ import annotations

import re

from helpers.analyses.framing import term_pattern
from helpers.inputs.patterns import lowered

# Invented terms: case variants that share a trie node ("AB"/"ab cd", "US"/"us*"), a wildcard, a dotted
# initialism, a hyphenated phrase and a phrase with a space.
TERMS = ["AB", "ab cd", "US", "us*", "riot*", "U.S.", "Rio", "state-run", "State Duma", "kill", "Kill switch"]
TEXTS = [
    "AB CD and ab cd and Ab Cd, then AB alone; USA, us, Usual, U.S. and u.s. too.",
    "Rioters rioted near Rio; the RIOT squad and the state-run STATE DUMA kill switch.",
    "Nothing here, only abacus, usurp-like words and a state-runner.",
    "",
]


def _found(rx: re.Pattern[str], text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group().lower()) for m in rx.finditer(text)]


def test_lowered_pattern_finds_the_same_matches():
    rx = term_pattern(TERMS)
    fast = lowered(rx)
    assert fast is not None and not fast.flags & re.IGNORECASE
    for text in TEXTS:
        assert _found(fast, text.lower()) == _found(rx, text), text
    # written by hand: the case-insensitive trie tries "AB" before "ab cd", so "AB CD" is found as "ab"
    assert _found(fast, TEXTS[0].lower())[:3] == [(0, 2, "ab"), (10, 12, "ab"), (20, 22, "ab")]


def test_escapes_are_kept_and_other_patterns_refused():
    assert lowered(re.compile(r"\S+\.X", re.IGNORECASE)).pattern == r"\S+\.x"
    assert lowered(re.compile("abc")) is None  # not case-insensitive
    assert lowered(re.compile("caf\u00e9", re.IGNORECASE)) is None  # not ASCII
    assert lowered(re.compile(r"(?-i:A)b", re.IGNORECASE)) is None  # inline flags
