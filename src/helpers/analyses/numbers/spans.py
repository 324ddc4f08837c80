"""Where the numbers of a sentence are: digits, number words, vague quantities, ordinals and ranges.

Also two counts that no digit states: a singular casualty ("a policeman was killed") is a count of
one. All words come from the general codebook through :mod:`helpers.analyses.numbers.lexicon`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from itertools import accumulate, takewhile

from helpers.analyses.numbers.categorise import typed
from helpers.analyses.numbers.clauses import has_object
from helpers.analyses.numbers.lexicon import Lexicon
from helpers.analyses.numbers.rules import NOUN_MAX_WORDS, QuantityRules, words_of
from helpers.analyses.numbers.windows import hits, text_after, window_start

# Words allowed between a singular auxiliary and its predicate ("has reportedly been killed").
SINGULAR_GAP_WORDS = 2
# Punctuation that ends the stretch a passive verb's subject is read in.
SEGMENT_MARKS = (("", re.compile(r"[,;:]")),)
DIGITS_AND_SCALE = re.compile(r"(\d+(?:\.\d+)?)\s*([a-z]+)?")
WORD_BREAK = re.compile(r"[\s-]+")
SPACES = re.compile(r"\s+")
TWO_WORDS = re.compile(r"\s+(\w+)\s+([\w-]+)")


@dataclass(slots=True)
class Found:
    """A number found in a sentence (offsets within the sentence)."""

    start: int
    end: int
    written: str
    low: float | None
    high: float | None
    match: re.Match | None = None  # None for vague words, ordinals and singular counts
    kind: str = "number"  # number | vague | ordinal | range | one


def parse_number(text: str, lex: Lexicon) -> float | None:
    """'2,500' -> 2500, 'Sixty-two' -> 62, '3 thousand' -> 3000, 'a thousand' -> 1000, 'two dozen' -> 24."""
    t = text.lower().replace(",", "").strip()
    m = DIGITS_AND_SCALE.fullmatch(t)
    if m:
        if m.group(2) and m.group(2) not in lex.scales:
            return None
        return float(m.group(1)) * (lex.scales[m.group(2)] if m.group(2) else 1)
    total, current = 0.0, 0.0
    for w in WORD_BREAK.split(t):
        if w in lex.words:
            current += lex.words[w]
        elif w in lex.singular_determiners:
            current += 1
        elif w in lex.scales:
            if lex.scales[w] >= 1000:
                total, current = total + max(current, 1) * lex.scales[w], 0.0
            else:
                current = max(current, 1) * lex.scales[w]
        elif w not in lex.function_words:
            return None
    return total + current


def qualifier_at(sentence: str, s: int, lex: Lexicon) -> tuple[str, int]:
    """The qualifier written right before a number and where it starts ('exact' and the number's start)."""
    lo = max(0, s - lex.qualifier_window)
    m = lex.qualifier_rx.search(sentence[lo:s])
    if not m:
        return "exact", s
    return lex.qualifiers[SPACES.sub(" ", m.group().strip().lower())], lo + m.start()


def qualifier_phrase_at(sentence: str, s: int, lex: Lexicon) -> str:
    """The qualifier right before a number as the source wrote it ("nearly", "no fewer than"), in lower case
    with single spaces; '' when there is none. The reader sees this phrase: the standard qualifier
    (:func:`qualifier_at`: "nearly" and "about" both read as ``about``) is only for the interval and reconciliation."""
    lo = max(0, s - lex.qualifier_window)
    m = lex.qualifier_rx.search(sentence[lo:s])
    return SPACES.sub(" ", m.group().strip().lower()) if m else ""


def _nowhere(_pos: int) -> bool:
    return False


def _inside_any(spans: list[tuple[int, int]]):
    """A test of whether a position lies inside any of the spans: a binary search, not a pass over all of them."""
    if not spans:
        return _nowhere
    spans = sorted(spans)
    starts = [a for a, _b in spans]
    reach = list(accumulate((b for _a, b in spans), max))  # the furthest end among the spans starting so far

    def inside(pos: int) -> bool:
        i = bisect_right(starts, pos) - 1
        return i >= 0 and reach[i] > pos

    return inside


def find_numbers(text: str, lex: Lexicon, protected: Callable[[], list[tuple[int, int]]]) -> list[Found]:
    """Vague quantities, numbers and ordinals of a sentence, outside names, merged into ranges.

    ``protected`` gives the spans of names; it is asked for only when a number or ordinal is found to test
    against them, and a sentence with no digit and no number word is not read by the full patterns at all.
    """
    if not lex.may_hold_number(text):
        return []
    found: list[Found] = []
    for m in lex.vague_rx.finditer(text) if lex.vague_gate.passes(text) else ():
        lo, hi = lex.vague[m.group().lower()]
        found.append(Found(m.start(), m.end(), m.group(), float(lo), float(hi), None, "vague"))
    numbers = list(lex.number_rx.finditer(text))
    written = lex.ordinal_digit_rx.search(text) or lex.ordinal_gate.passes(text)
    ordinals = list(lex.ordinal_rx.finditer(text)) if written else []
    if not numbers and not ordinals:
        return found  # vague words only: in order, and no range joins them
    names = protected()
    taken = _inside_any([(f.start, f.end) for f in found] + names)
    for m in numbers:
        value = parse_number(m.group("num"), lex)
        if value is not None and not taken(m.start()):
            found.append(Found(m.start(), m.end(), m.group(), value, value, m))
    taken = _inside_any([(f.start, f.end) for f in found] + names)
    for m in ordinals:
        if not taken(m.start()):
            value = float(lex.ordinals.get(m.group().lower(), re.sub(r"\D", "", m.group()) or 0))
            found.append(Found(m.start(), m.end(), m.group(), value, value, None, "ordinal"))
    found.sort(key=lambda f: f.start)
    return _ranges(text, found, lex)


def _ranges(text: str, found: list[Found], lex: Lexicon) -> list[Found]:
    """'10 to 15 people', 'between 10 and 15': one claim from the first number to the second."""
    out: list[Found] = []
    for f in found:
        prev = out[-1] if out else None
        if (prev is not None and prev.kind == "number" and f.kind == "number" and prev.match is not None
                and not prev.match.group("suffix") and prev.low is not None and f.low is not None
                and f.low > prev.low and lex.range_rx.fullmatch(text[prev.end : f.start] + " ")
                and (text[prev.end : f.start].strip().lower() not in lex.conjunctions
                     or lex.range_lead_rx.search(text, window_start(text, prev.start, lex.context_words),
                                                 prev.start))):
            out[-1] = Found(prev.start, f.end, text[prev.start : f.end], prev.low, f.high, f.match, "range")
            continue
        out.append(f)
    return out


def _passive_singular(text: str, seg_lo: int, start: int, end: int, lex: Lexicon) -> bool:
    """'a policeman was killed', 'has reportedly been killed', 'was shot and killed' (no object after)."""
    aux = re.compile(rf"(?<![\w-])(?:{lex.singular_aux_rx})\s+(?P<mid>(?:[a-z]+\s+){{0,{SINGULAR_GAP_WORDS}}})$", re.I)
    gap = aux.search(text[max(seg_lo, window_start(text, start, lex.context_words)) : start])
    if not gap or has_object(text_after(text, end, lex.context_words), lex):
        return False
    mid = gap.group("mid").lower().split()
    return all(w in lex.function_words or lex.adverb_rx.fullmatch(w) or _coordinated_participle(mid, i, lex)
               for i, w in enumerate(mid))


def _singular_object(text: str, end: int, lex: Lexicon) -> bool:
    """'killed a soldier', 'killed the chairman': one person as the object of a casualty verb."""
    rest = text_after(text, end, lex.context_words)
    of = lex.partitive_rx.match(rest)  # a noun's object: "the killing of a local leader"
    rest = rest[of.end() :] if of else rest
    obj = TWO_WORDS.match(rest)
    if not obj or obj.group(1).lower() not in lex.singular_determiners:
        return False
    head = _head_word(rest[obj.start(2) :], lex)  # "another religious scholar": one; "the villagers": not
    return head.lower() not in lex.plural_words and not lex.plural_rx.fullmatch(head)


def _head_word(phrase: str, lex: Lexicon) -> str:
    """The last word of a noun phrase before a function word, a verb in the past or punctuation: "religious
    scholar" -> scholar; "radio reporter prompted ..." -> reporter ("a wounded soldier": the first word may be one)."""
    words = [w for _s, w in words_of(phrase, NOUN_MAX_WORDS)]
    kept = words[:1] + list(takewhile(lambda w: w.lower() not in lex.function_words
                                      and not lex.past_tense_rx.fullmatch(w), words[1:]))
    kept = kept if not kept or kept[0].lower() not in lex.function_words else []
    return (kept or words or [""])[-1]


def singular_counts(text: str, found: list[Found], rules: QuantityRules, lex: Lexicon) -> list[Found]:
    """Casualties of one subject or object with no number ("a policeman was killed", "killed a soldier").

    A passive verb counts one only where its clause (between commas) gives its subject no number; only
    the categories the codebook lists under ``count_of_one`` are counted this way.
    """
    if not rules.count_of_one:
        return []
    out: list[Found] = []
    counted = [f.start for f in found if f.kind != "ordinal" and (
        f.match is None or typed(text, f.match, f.low, lex) in (None, "one_of"))]  # "one of whom was killed"
    marks, mark_starts = hits(SEGMENT_MARKS, text)
    for start, end, name in rules.predicate_hits(text):
        cat = rules.category(name, "")
        if cat is None or cat.name not in rules.count_of_one:
            continue
        k = bisect_left(mark_starts, start) - 1  # the last mark before the verb
        seg_lo = marks[k][1] if k >= 0 else 0
        i = bisect_left(counted, seg_lo)
        subject_counted = i < len(counted) and counted[i] < start
        if (not subject_counted and _passive_singular(text, seg_lo, start, end, lex)) or _singular_object(
                text, end, lex):
            out.append(Found(start, end, text[start:end], 1.0, 1.0, None, "one"))
    return out


def _coordinated_participle(words: list[str], i: int, lex: Lexicon) -> bool:
    """'shot' in 'was shot and killed': a participle joined to the predicate by a conjunction."""
    return i + 1 < len(words) and words[i + 1] in lex.function_words and words[i + 1] not in lex.noun_phrase_words


def between_numbers(sentence: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """For each number span, the stretch of the sentence from the previous number to the next one."""
    out = []
    for k in range(len(spans)):
        lo = spans[k - 1][1] if k else 0
        hi = spans[k + 1][0] if k + 1 < len(spans) else len(sentence)
        out.append((lo, hi))
    return out
