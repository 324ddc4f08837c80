"""Case-insensitive word lists run case-sensitively on text whose A-Z are lower-cased: the same matches."""

from __future__ import annotations

import re

from helpers.inputs.patterns import ascii_lowered, finditer_folded, lowered, phrase_pattern

RX = phrase_pattern(["said", "told reporters", "kind", "insisted", "it"], re.IGNORECASE)
TEXTS = [
    "SAID she. He Told  Reporters it was kind; It insisted.",  # ASCII only
    "Éric SAID the café was KIND — it Insisted, said-so aside.",  # other non-ASCII letters: A-Z lower-cased alone
    "The \u212aIND officer said it.",  # Kelvin sign: IGNORECASE matches it to k, so the slow path is taken
    "\u0130T was said by \u0131t.",  # dotted capital I and dotless i fold to ASCII i as well
    "",
]


def _spans(matches, text):
    return [(m.start(), m.end(), text[m.start() : m.end()]) for m in matches]


def test_folded_text_gives_the_matches_of_the_case_insensitive_pattern():
    fast = lowered(RX)
    assert fast is not None
    for text in TEXTS:
        assert _spans(finditer_folded(RX, fast, text, ascii_lowered(text)), text) == _spans(RX.finditer(text), text)


def test_what_is_found_written_by_hand():
    text = TEXTS[1]
    got = [w for _, _, w in _spans(finditer_folded(RX, lowered(RX), text, ascii_lowered(text)), text)]
    assert got == ["SAID", "KIND", "it", "Insisted"]  # "said-so" is a compound, not a cue


def test_only_the_four_folding_letters_force_the_slow_path():
    assert ascii_lowered("Éric SAID") == "Éric said"  # offsets kept: only A-Z change
    assert ascii_lowered("The \u212aIND") is None
    assert ascii_lowered("\u0130T") is None and ascii_lowered("\u0131t") is None and ascii_lowered("\u017fo") is None
    assert _spans(RX.finditer(TEXTS[2]), TEXTS[2])[0][2] == "\u212aIND"  # why: re's IGNORECASE does match it
