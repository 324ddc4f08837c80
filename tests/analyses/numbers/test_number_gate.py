"""The quick test that spares a sentence the full number patterns must never skip a sentence with a number.

``Lexicon.may_hold_number`` is asked before the number, vague-quantity and ordinal patterns are run; a
sentence it rejects gets no claims at all. Each invented sentence below is checked against the full
patterns themselves: wherever they find something, the quick test must say yes. The trie form of the
number-word alternation must find exactly what the plain alternation finds.
"""

from __future__ import annotations

import dataclasses
import re

import pytest

from helpers.analyses.numbers.lexicon import WordGate, alternation, lexicon, literal_alternation, words_rx
from helpers.analyses.numbers.rules import quantity_rules
from helpers.analyses.numbers.spans import find_numbers
from helpers.inputs.codebook import load_codebook
from helpers.inputs.config import DEFAULT_CODEBOOK

# Invented sentences, each with some way of writing a number (or none).
WITH_NUMBERS = [
    "Dozens of fishermen waited at the quay.",
    "A hundred lanterns were lit on the bridge.",
    "Twelve riders crossed the pass at dawn.",
    "The league counted 1,250 members last spring.",
    "Sixty-two ferries were held in port.",
    "The third convoy left before noon.",
    "It was the 3rd delay this month.",
    "Several farmers sold their goats.",
    "A number of clerks resigned.",
    "Tens of thousands of tulips opened.",
    "Only a few dozen seats were empty.",
    "The count reached 4.5 million.",
    "TWELVE PIGEONS RETURNED.",
    "Scores of kites filled the sky.",
    "Onze? No: eleven jugglers arrived in Besançon.",  # not ASCII: the case-blind pattern is asked
    "Room 12 was closed.",
    "About 40% of the orchards flooded.",
]
WITHOUT_NUMBERS = [
    "The choir sang in the old hall.",
    "Nobody knew where the ferry had gone.",
    "Someone often left the gate open.",  # "one" and "ten" inside longer words are not number words
]


@pytest.fixture(scope="module")
def lex():
    return lexicon(load_codebook(DEFAULT_CODEBOOK))


def _full_patterns_find(text: str, lex) -> bool:
    return any(rx.search(text) for rx in (lex.vague_rx, lex.number_rx, lex.ordinal_rx))


@pytest.mark.parametrize("text", WITH_NUMBERS + WITHOUT_NUMBERS)
def test_never_skips_what_the_full_patterns_find(text, lex):
    if _full_patterns_find(text, lex):
        assert lex.may_hold_number(text)


@pytest.mark.parametrize("text", WITH_NUMBERS)
def test_sentences_with_numbers_keep_their_numbers(text, lex):
    assert _full_patterns_find(text, lex)  # the sentence is a real case, or the test proves nothing
    assert lex.may_hold_number(text)
    assert find_numbers(text, lex, list)


@pytest.mark.parametrize("text", WITHOUT_NUMBERS)
def test_sentences_without_numbers_are_skipped(text, lex):
    assert not _full_patterns_find(text, lex)
    assert not lex.may_hold_number(text)
    assert find_numbers(text, lex, list) == []


def test_the_trie_alternation_matches_like_the_plain_one():
    terms = ["six", "sixteen", "sixty", "seven", "seventy", "seventeen", "ten", "a b"]
    text = "Sixteen, sixty-six, seventy seven, ten, often, a b, sixtyfold, SEVENTEEN."
    plain = re.compile(rf"\b(?:{alternation(terms)})(?:[\s-]+(?:{alternation(terms)}))*", re.I)
    trie = re.compile(rf"\b(?:{literal_alternation(terms)})(?:[\s-]+(?:{literal_alternation(terms)}))*", re.I)
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert literal_alternation(["Ten", "ten*"]) == alternation(["Ten", "ten*"])  # kept plain: not lower-case ASCII


# Invented texts for the one pattern of all predicates: with predicates at the start, inside, overlapping
# (one term inside another's phrase) and with none.
PREDICATE_TEXTS = [
    "killed",
    "Forty were killed and dozens wounded in the square.",
    "Hospitalised overnight, the clerk was later arrested",
    "the death toll rose as the force was deployed",
    "unkilled words, deathless songs and a red-deployment",
    "nobody was there",
    "",
]


@pytest.fixture(scope="module")
def rules():
    return quantity_rules(load_codebook(DEFAULT_CODEBOOK))


@pytest.mark.parametrize("text", PREDICATE_TEXTS)
def test_one_pattern_for_all_predicates_agrees_with_each(text, rules):
    each = sorted((m.start(), m.end(), name) for name, rx in rules.predicates.items() for m in rx.finditer(text))
    assert rules.predicate_hits(text) == each
    assert rules.has_predicate(text) == bool(each)
    assert rules.starts_with_predicate(text) == any(start == 0 for start, _end, _name in each)


# A word gate over invented cue words: a phrase may be written with any space between its words, a
# trailing * takes any ending, and text that is not ASCII is always read by the full pattern.
GATE_TERMS = ["according to", "minist*", "Said"]
GATE_TEXTS = [
    "According  to the harbour master, ...",  # two spaces inside the phrase
    "The Ministries said so.",
    "the MINISTRY replied",
    "Zoë said nothing",  # not ASCII
    "nothing to see",
]


@pytest.mark.parametrize("text", GATE_TEXTS)
@pytest.mark.parametrize("terms", [GATE_TERMS, GATE_TERMS + ["harbour wall", "quay*", "pier", "dock"]])
def test_a_word_gate_passes_wherever_its_pattern_matches(text, terms):  # a few words, and more than a few
    gate = WordGate.of(terms)
    if words_rx(terms).search(text):
        assert gate.passes(text)
    exact = WordGate.of(["said", "told"], caseless=False)
    if re.search(r"\b(?:said|told)\b", text):
        assert exact.passes(text)


def test_a_word_gate_rejects_text_without_its_words():
    assert not WordGate.of(GATE_TERMS).passes("nothing to see")
    assert not WordGate.of(["said"], caseless=False).passes("He SAID so")  # a case-sensitive pattern would not match
    assert WordGate.of(GATE_TERMS).passes("the MINISTRY replied")


def _spans(found) -> list[tuple]:
    return [(f.start, f.end, f.written, f.low, f.high, f.kind) for f in found]


@pytest.mark.parametrize("text", WITH_NUMBERS + WITHOUT_NUMBERS + ["The 2nd and tenth boats, several dozen oars."])
def test_the_quick_tests_change_nothing_found(text, lex):
    """With every quick test made to pass, the full patterns find exactly the same numbers."""
    always = WordGate(("",))
    open_lex = dataclasses.replace(lex, number_gate=re.compile(""), number_gate_lower=None, vague_gate=always,
                                   ordinal_gate=always, ordinal_digit_rx=re.compile(""))
    assert _spans(find_numbers(text, lex, list)) == _spans(find_numbers(text, open_lex, list))
