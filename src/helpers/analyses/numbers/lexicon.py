"""The language side of numeric claims, compiled once per codebook from ``codebooks/general/<language>``.

Number words, scales, vague quantities, qualifiers and their intervals, ordinals, calendar words, units,
time phrases and source cues are all word lists in the general codebook; this module only turns them
into patterns, so another language adds a folder, not code.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from helpers.inputs.codebook import Codebook
from helpers.inputs.patterns import phrase_pattern, trie_body

DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
DAY = r"\d{1,2}"
NEVER = re.compile(r"(?!)")
DIGIT_RX = re.compile(r"\d")
# Up to this many words, a word gate looks for each as a substring; beyond, one pattern for all is faster.
FEW_WORDS = 4
# Capitalised words of a street name between a number and "Road" ("12 Harbour Road").
ADDRESS_NAME_WORDS = 2
# Words between a breakdown word and a comma before the count ("Among those killed, 10 were ...").
BREAKDOWN_GAP_WORDS = 2
# Letters a word keeps before an ending for the ending to count ("fled" is a past tense, "red" is not).
MIN_STEM = 2
# Words read before and after a number by its context rules, when the codebook does not set ``context_words``.
CONTEXT_WORDS = 16


def words_rx(terms: list[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """Whole-word pattern for a word list (a trailing * takes any ending); never matches when empty."""
    terms = [str(t) for t in terms if str(t)]
    return phrase_pattern(terms, flags) if terms else NEVER


def alternation(terms: list[str]) -> str:
    """Regex alternation of literal terms, longest first (symbols and dotted abbreviations escaped)."""
    return "|".join(re.escape(str(t)) for t in sorted(terms, key=len, reverse=True))


def literal_alternation(terms: list[str]) -> str:
    """The same alternation as :func:`alternation`, factored into a trie when that matches the same way.

    Python's regular expressions try every alternative at every position; a trie discards most at the
    first letter. For lower-case ASCII terms the trie tries the same matches in the same order (longest
    first), so the pattern finds exactly what the plain alternation finds; other terms keep the plain form.
    """
    terms = [str(t) for t in terms]
    if not terms or not all(t and t.isascii() and t == t.lower() and not t.endswith("*") for t in terms):
        return alternation(terms)
    return trie_body(sorted(set(terms)), space=re.escape(" "))


@dataclass(frozen=True)
class WordGate:
    """A quick test that passes wherever a pattern over these words can match: one of its words is in the text.

    Of each phrase the longest word is kept (a phrase pattern may join its words by any space) without a
    trailing ``*``. A pattern that ignores case is tested on the lower-cased text, which only ASCII text
    allows (``str.lower`` and the pattern engine fold some other letters differently): other text passes.
    A few words are looked for as substrings; more by one case-sensitive pattern, which the engine scans
    for far faster than one that ignores case. Caching nothing, it costs the same for every sentence.
    """

    words: tuple[str, ...]
    caseless: bool = True
    ascii: bool = True  # all words are ASCII: lower-cased ASCII text may be tested
    rx: re.Pattern[str] | None = None  # None: every text passes (an empty word is in every text)

    @classmethod
    def of(cls, terms: list[str], caseless: bool = True) -> WordGate:
        longest = {max(str(t).rstrip("*").split() or [""], key=len) for t in terms}
        words = tuple(sorted({w.lower() if caseless else w for w in longest}))
        rx = None if "" in words else re.compile(trie_body(list(words), space=re.escape(" ")) or "(?!)")
        return cls(words, caseless, all(w.isascii() for w in words), rx)

    def passes(self, text: str) -> bool:
        if self.rx is None:
            return True
        if self.caseless:
            if not (self.ascii and text.isascii()):
                return True
            text = text.lower()
        if len(self.words) <= FEW_WORDS:
            return any(w in text for w in self.words)
        return self.rx.search(text) is not None


INTERVAL_RX = re.compile(r"(\d*\.?\d*)v([+-]\d+(?:\.\d+)?)?")


@lru_cache(maxsize=64)
def _bound_terms(expr: str) -> tuple[float, float] | None:
    """(factor, offset) of a codebook interval expression ('0.9v' -> (0.9, 0)), read once per expression."""
    m = INTERVAL_RX.fullmatch(expr.replace(" ", ""))
    if not m:
        return None
    return float(m.group(1)) if m.group(1) else 1.0, float(m.group(2)) if m.group(2) else 0.0


def _bound(expr: object, v: float, open_end: float) -> float:
    """One end of an interval from the codebook's expression: 'v', '0.9v', 'v+1', 'v-1' or null."""
    if expr is None:
        return open_end
    terms = _bound_terms(str(expr))
    if terms is None:
        raise ValueError(f"qualifiers.yaml intervals: cannot read {expr!r} (use k*v, v+k, v-k or null)")
    return terms[0] * v + terms[1]


@dataclass(frozen=True)
class Lexicon:
    """Compiled number vocabulary and context patterns from the general codebook."""

    words: dict[str, int]
    scales: dict[str, int]
    vague: dict[str, tuple[int, int]]
    qualifiers: dict[str, str]
    intervals: dict[str, tuple[object, object]]
    ordinals: dict[str, int]
    number_rx: re.Pattern[str]
    vague_rx: re.Pattern[str]
    number_gate: re.Pattern[str]
    number_gate_lower: re.Pattern[str] | None
    vague_gate: WordGate
    ordinal_gate: WordGate
    ordinal_digit_rx: re.Pattern[str]  # a digit and an ordinal suffix, which every written ordinal holds
    qualifier_rx: re.Pattern[str]
    qualifier_window: int
    context_words: int
    qualifier_start_rx: re.Pattern[str]
    noun_phrase_words: frozenset[str]
    agent_rx: re.Pattern[str]
    ordinal_rx: re.Pattern[str]
    month_rx: str
    weekday_rx: str
    month_before_rx: re.Pattern[str]  # a month right before a number ("January 5")
    month_after_rx: re.Pattern[str]  # a month right after it ("5 January")
    units: dict[str, re.Pattern[str]]
    unit_terms: dict[str, list[str]]
    currency_rx: re.Pattern[str]
    age_before_rx: re.Pattern[str]
    address_before_rx: re.Pattern[str]
    address_after_rx: re.Pattern[str]
    function_words: frozenset[str]
    past_tense_rx: re.Pattern[str]
    singular_aux_rx: str
    singular_determiners: frozenset[str]
    plural_rx: re.Pattern[str]
    plural_words: frozenset[str]
    auxiliaries: frozenset[str]
    conjunctions: frozenset[str]
    breakdown_rx: re.Pattern[str]
    breakdown_after_rx: re.Pattern[str]
    joined_rx: re.Pattern[str]
    added_before_rx: re.Pattern[str]  # "another 12": a count added to one told before
    added_after_rx: re.Pattern[str]  # "12 more", "12 others"
    clause_opener_rx: re.Pattern[str]
    range_rx: re.Pattern[str]
    range_lead_rx: re.Pattern[str]
    as_of_rx: re.Pattern[str]
    adverb_rx: re.Pattern[str]
    relative_words: frozenset[str]
    copulas: frozenset[str]
    group_heads: frozenset[str]
    partitive_rx: re.Pattern[str]
    count_verb_rx: re.Pattern[str]
    deadline_words: list[str]
    sources: dict[str, list[str]]

    def may_hold_number(self, text: str) -> bool:
        """Whether a sentence can hold a number, vague quantity or ordinal at all: a digit or a number word.

        Most sentences hold none; this one quick test spares them the three full number patterns. It is
        never False where those patterns would find something (see :func:`_number_gates`).
        """
        if DIGIT_RX.search(text):
            return True
        if self.number_gate_lower is not None and text.isascii():
            return self.number_gate_lower.search(text.lower()) is not None
        return self.number_gate.search(text) is not None

    def interval(self, value_low: float, value_high: float, qualifier: str) -> tuple[float, float]:
        """The interval a qualified number stands for, from the ``intervals`` section of qualifiers.yaml."""
        low, high = self.intervals.get(qualifier, ("v", "v"))
        lo, hi = _bound(low, value_low, 0.0), _bound(high, value_high, math.inf)
        return float(round(lo)), (hi if hi == math.inf else float(round(hi)))


def _number_rx(words: dict[str, int], scales: dict[str, int]) -> re.Pattern[str]:
    word_alt = literal_alternation(list(words))
    scale_alt = literal_alternation(list(scales))
    wordnum = rf"(?:(?:{word_alt})(?:[\s-]+(?:{word_alt}))*(?:\s+(?:{scale_alt}))*|an?\s+(?:{scale_alt}))"
    return re.compile(
        rf"(?<![\w.,])(?P<num>(?:{DIGITS})(?:\s*(?:{scale_alt})\b)?|{wordnum})(?![\w])"
        rf"(?P<suffix>%|\s*per\s?cent|-(?P<compound>[a-z]+(?:-[a-z]+)*))?",
        re.IGNORECASE,
    )


def _number_gates(words: list[str], vague: list[str]) -> dict:
    """Patterns for a word that every number without a digit contains, for :meth:`Lexicon.may_hold_number`.

    ``words`` are the number words, scales and ordinals (each match of the number and ordinal patterns
    without a digit starts with one, or is "a"/"an" and a scale); of a vague phrase its longest word is
    taken ("a number of" -> "number"). All stand after a word boundary in those patterns. The lower-case
    pattern reads ASCII text lower-cased, which is faster than ignoring case; it is left out when a word is
    not ASCII, whose case rules ``str.lower`` and the pattern engine might read differently.
    """
    terms = sorted({str(w) for w in words} | {max(str(v).split(), key=len).rstrip("*") for v in vague} - {""})
    if not terms:
        return dict(number_gate=NEVER, number_gate_lower=None)
    bound = r"\b" if all(re.match(r"\w", t) for t in terms) else ""
    lower = sorted({t.lower() for t in terms})
    return dict(
        number_gate=re.compile(bound + "(?:" + alternation(terms) + ")", re.I),
        number_gate_lower=re.compile(bound + "(?:" + trie_body(lower, space=re.escape(" ")) + ")")
        if all(t.isascii() for t in terms) else None,
    )


def _time_rx(phrases: list[str], month_rx: str, weekday_rx: str) -> re.Pattern[str]:
    """The time phrases of a claim ("on Friday", "overnight"), also where one opens a sentence ("On Friday, ...").

    Only a phrase's first letter takes either case: month and weekday names keep their capitals, so "may" the
    verb is not a month.
    """
    bodies = []
    for p in sorted(phrases, key=len, reverse=True):
        opening = f"[{p[0]}{p[0].upper()}]" if p[:1].isalpha() and p[:1].islower() else ""
        body = opening + re.escape(p[1:] if opening else p)
        body = body.replace(r"\{weekday\}", weekday_rx).replace(r"\{month\}", month_rx)
        bodies.append(body.replace(r"\{day\}", DAY).replace(r"\ ", r"\s+"))
    return re.compile(r"\b(?:" + "|".join(bodies) + r")\b") if bodies else NEVER


def _alt(section: dict, key: str) -> str:
    """Alternation of a codebook word list, or a pattern that never matches when the list is empty."""
    return alternation([str(t) for t in section.get(key, [])]) or "(?!)"


def _ending(section: dict, key: str) -> str:
    """Word-final pattern for a list of word endings ("ed", "ly")."""
    endings = "|".join(map(re.escape, section.get(key, []))) or "(?!)"
    return rf"[a-z]{{{MIN_STEM},}}(?:{endings})"


def _before(section: dict, key: str) -> re.Pattern[str]:
    """Any of the words right before a number (end of the text before it)."""
    return re.compile(r"(?<![\w-])(?:" + _alt(section, key) + r")\s*$", re.I)


def _after(section: dict, key: str) -> re.Pattern[str]:
    """Any of the words right after a number (start of the text after it)."""
    return re.compile(r"\s+(?:" + _alt(section, key) + r")\b", re.I)


def _set(section: dict, key: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in section.get(key, []))


def _vocabulary(nw: dict, qs: dict) -> dict:
    """Number words, scales, vague quantities, qualifiers and their intervals, ordinals."""
    words = {k: int(v) for section in ("units", "tens") for k, v in nw.get(section, {}).items()}
    determiners = _set(nw, "singular_determiners")
    for d in determiners:  # "a"/"an" count only before a scale ("a thousand") or as a singular subject
        if words.get(d) == 1 and len(d) <= len("an"):
            words.pop(d)
    scales = {k: int(v) for k, v in nw.get("scales", {}).items()}
    vague = {k: (int(v[0]), int(v[1])) for k, v in nw.get("vague", {}).items()}
    quals = {k.lower(): v for k, v in qs.get("qualifiers", {}).items()}
    ordinals = {k.lower(): int(v) for k, v in nw.get("ordinals", {}).items()}
    qual_alt = alternation(list(quals)) or "(?!)"
    return dict(
        words=words, scales=scales, vague=vague, qualifiers=quals, ordinals=ordinals,
        intervals={k: (v[0], v[1]) for k, v in qs.get("intervals", {}).items()},
        number_rx=_number_rx(words, scales), vague_rx=words_rx(list(vague)),
        **_number_gates(list(words) + list(scales) + list(ordinals), list(vague)),
        qualifier_rx=re.compile(r"(?<![\w-])(?:" + qual_alt + r")\s*$", re.I),
        qualifier_window=max((len(q) for q in quals), default=0) + 2,
        context_words=int(nw.get("context_words", CONTEXT_WORDS)),
        qualifier_start_rx=re.compile(r"\s*(?:" + qual_alt + r")(?![\w-])", re.I),
        vague_gate=WordGate.of(list(vague)), ordinal_gate=WordGate.of(list(ordinals)),
        ordinal_digit_rx=re.compile(rf"\d(?:{_alt(nw, 'ordinal_suffixes')})", re.I),
        ordinal_rx=re.compile(rf"\b(?:{literal_alternation(list(ordinals)) or '(?!)'})\b"
                              rf"|\b\d+(?:{_alt(nw, 'ordinal_suffixes')})\b", re.I),
        singular_determiners=determiners,
    )


def _contexts(nw: dict, qs: dict) -> dict:
    """Words around a number that say what it is: calendar, units, ages, addresses, clause and breakdown words."""
    months = [str(m) for m in nw.get("months", [])] + [str(m) for m in nw.get("month_abbreviations", [])]
    month_rx = "(?:" + (alternation(months) or "(?!)") + ")"
    weekday_rx = "(?:" + _alt(nw, "weekdays") + ")"
    unit_terms = {k: [str(t) for t in v] for k, v in (nw.get("unit_words") or {}).items()}
    aux = [str(a) for a in nw.get("singular_auxiliaries", [])]
    return dict(
        month_rx=month_rx, weekday_rx=weekday_rx, unit_terms=unit_terms,
        month_before_rx=re.compile(month_rx + r"\s*$"), month_after_rx=re.compile(r"\s*" + month_rx),
        units={k: re.compile(r"(?:" + trie_body(sorted(v)) + r")(?![\w])", re.I) for k, v in unit_terms.items()},
        currency_rx=re.compile("(?:" + _alt(nw, "currency_symbols") + r")\s*$"),
        age_before_rx=_before(nw, "age_before"), address_before_rx=_before(nw, "address_before"),
        address_after_rx=re.compile(rf"\s+(?:[A-Z][\w'-]*\s+){{0,{ADDRESS_NAME_WORDS}}}(?i:" + _alt(nw, "address_after")
                                    + r")\b"),
        agent_rx=_before(nw, "agent_markers"), noun_phrase_words=_set(nw, "noun_phrase_words"),
        function_words=_set(nw, "function_words"), past_tense_rx=re.compile(_ending(nw, "past_tense_endings")),
        singular_aux_rx=trie_body(sorted(aux)) if aux else "(?!)",
        plural_words=_set(nw, "plural_words"), auxiliaries=_set(nw, "auxiliaries"),
        conjunctions=_set(nw, "conjunctions"),
        plural_rx=re.compile(r"\w+(?:" + ("|".join(nw.get("plural_endings", [])) or "(?!)") + r")"),
        breakdown_rx=re.compile(r"(?<![\w-])(?:" + _alt(nw, "breakdown_markers") + r")(?:(?:\s+(?:"
                                + _alt(nw, "function_words") + r"))?"
                                + rf"|(?:\s+[\w-]+){{1,{BREAKDOWN_GAP_WORDS}}},)[\s,:(]*$", re.I),
        breakdown_after_rx=re.compile(_after(nw, "breakdown_after").pattern + r"|(?:\s+[\w'-]+){1,"
                                      + str(BREAKDOWN_GAP_WORDS) + r"}\s+(?:" + _alt(nw, "breakdown_after_noun")
                                      + r")\b", re.I),
        joined_rx=words_rx([str(w) for w in nw.get("victims_joined_by", [])]),
        added_before_rx=_before(nw, "added_before"), added_after_rx=_after(nw, "added_after"),
        clause_opener_rx=re.compile(r"[;:]|(?<![\w-])(?:" + _alt(nw, "clause_openers") + r")(?![\w-])", re.I),
        range_rx=re.compile(r"\s*(?:" + _alt(nw, "range_connectors") + r")\s*$", re.I),
        range_lead_rx=_before(nw, "range_lead"),
        as_of_rx=_time_rx([str(p) for p in qs.get("time_phrases", [])], month_rx, weekday_rx),
        adverb_rx=re.compile(_ending(nw, "adverb_endings")), relative_words=_set(nw, "relative_words"),
        copulas=_set(nw, "copulas"), group_heads=_set(nw, "group_heads"),
        partitive_rx=_after(nw, "partitive_words"), count_verb_rx=words_rx([str(w) for w in nw.get("count_verbs", [])]),
        deadline_words=[str(w) for w in qs.get("deadline_words", [])],
        sources={k: [str(t) for t in v] for k, v in qs.get("sources", {}).items()},
    )


@lru_cache(maxsize=8)
def lexicon(codebook: Codebook) -> Lexicon:
    """Compile the general codebook's number vocabulary and context words (cached per codebook)."""
    nw, qs = codebook.section("number_words"), codebook.section("qualifiers")
    return Lexicon(**_vocabulary(nw, qs), **_contexts(nw, qs))
