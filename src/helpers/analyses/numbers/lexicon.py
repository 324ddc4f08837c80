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
from helpers.text.patterns import phrase_pattern, trie_body

DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
DAY = r"\d{1,2}"
NEVER = re.compile(r"(?!)")


def words_rx(terms: list[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """Whole-word pattern for a word list (a trailing * takes any ending); never matches when empty."""
    terms = [str(t) for t in terms if str(t)]
    return phrase_pattern(terms, flags) if terms else NEVER


def alternation(terms: list[str]) -> str:
    """Regex alternation of literal terms, longest first (symbols and dotted abbreviations escaped)."""
    return "|".join(re.escape(str(t)) for t in sorted(terms, key=len, reverse=True))


def _bound(expr: object, v: float, open_end: float) -> float:
    """One end of an interval from the codebook's expression: 'v', '0.9v', 'v+1', 'v-1' or null."""
    if expr is None:
        return open_end
    text = str(expr).replace(" ", "")
    m = re.fullmatch(r"(\d*\.?\d*)v([+-]\d+(?:\.\d+)?)?", text)
    if not m:
        raise ValueError(f"qualifiers.yaml intervals: cannot read {expr!r} (use k*v, v+k, v-k or null)")
    factor = float(m.group(1)) if m.group(1) else 1.0
    return factor * v + (float(m.group(2)) if m.group(2) else 0.0)


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
    qualifier_rx: re.Pattern[str]
    qualifier_window: int
    qualifier_start_rx: re.Pattern[str]
    noun_phrase_words: frozenset[str]
    agent_rx: re.Pattern[str]
    ordinal_rx: re.Pattern[str]
    month_rx: str
    weekday_rx: str
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
    conjunctions: frozenset[str]
    breakdown_rx: re.Pattern[str]
    breakdown_after_rx: re.Pattern[str]
    clause_opener_rx: re.Pattern[str]
    range_rx: re.Pattern[str]
    range_lead_rx: re.Pattern[str]
    as_of_rx: re.Pattern[str]
    adverb_rx: re.Pattern[str]
    relative_words: frozenset[str]
    partitive_rx: re.Pattern[str]
    count_verb_rx: re.Pattern[str]
    deadline_words: list[str]
    sources: dict[str, list[str]]

    def interval(self, value_low: float, value_high: float, qualifier: str) -> tuple[float, float]:
        """The interval a qualified number stands for, from the ``intervals`` section of qualifiers.yaml."""
        low, high = self.intervals.get(qualifier, ("v", "v"))
        lo, hi = _bound(low, value_low, 0.0), _bound(high, value_high, math.inf)
        return float(round(lo)), (hi if hi == math.inf else float(round(hi)))


def _number_rx(words: dict[str, int], scales: dict[str, int]) -> re.Pattern[str]:
    word_alt = alternation(list(words))
    scale_alt = alternation(list(scales))
    wordnum = rf"(?:(?:{word_alt})(?:[\s-]+(?:{word_alt}))*(?:\s+(?:{scale_alt}))*|an?\s+(?:{scale_alt}))"
    return re.compile(
        rf"(?<![\w.,])(?P<num>(?:{DIGITS})(?:\s*(?:{scale_alt})\b)?|{wordnum})(?![\w])"
        rf"(?P<suffix>%|\s*per\s?cent|-(?P<compound>[a-z]+(?:-[a-z]+)*))?",
        re.IGNORECASE,
    )


def _time_rx(phrases: list[str], month_rx: str, weekday_rx: str) -> re.Pattern[str]:
    bodies = []
    for p in sorted(phrases, key=len, reverse=True):
        body = re.escape(p).replace(r"\{weekday\}", weekday_rx).replace(r"\{month\}", month_rx)
        bodies.append(body.replace(r"\{day\}", DAY).replace(r"\ ", r"\s+"))
    return re.compile(r"\b(?:" + "|".join(bodies) + r")\b") if bodies else NEVER


@lru_cache(maxsize=8)
def lexicon(codebook: Codebook) -> Lexicon:
    """Compile the general codebook's number vocabulary (cached per codebook)."""
    nw = codebook.section("number_words")
    qs = codebook.section("qualifiers")
    words = {k: int(v) for section in ("units", "tens") for k, v in nw.get(section, {}).items()}
    determiners = [str(d) for d in nw.get("singular_determiners", [])]
    for d in determiners:  # "a"/"an" count only before a scale ("a thousand") or as a singular subject
        if d in words and words[d] == 1 and len(d) <= len("an"):
            words.pop(d)
    scales = {k: int(v) for k, v in nw.get("scales", {}).items()}
    vague = {k: (int(v[0]), int(v[1])) for k, v in nw.get("vague", {}).items()}
    quals = {k.lower(): v for k, v in qs.get("qualifiers", {}).items()}
    ordinals = {k.lower(): int(v) for k, v in nw.get("ordinals", {}).items()}
    suffixes = "|".join(nw.get("ordinal_suffixes", [])) or "(?!)"
    months = [str(m) for m in nw.get("months", [])] + [str(m) for m in nw.get("month_abbreviations", [])]
    month_rx = "(?:" + (alternation(months) or "(?!)") + ")"
    weekday_rx = "(?:" + (alternation(nw.get("weekdays", [])) or "(?!)") + ")"
    unit_terms = {k: [str(t) for t in v] for k, v in (nw.get("unit_words") or {}).items()}
    units = {k: re.compile(r"(?:" + trie_body(sorted(v)) + r")(?![\w])", re.IGNORECASE) for k, v in unit_terms.items()}
    aux = [str(a) for a in nw.get("singular_auxiliaries", [])]
    return Lexicon(
        words=words, scales=scales, vague=vague, qualifiers=quals,
        intervals={k: (v[0], v[1]) for k, v in qs.get("intervals", {}).items()},
        ordinals=ordinals,
        number_rx=_number_rx(words, scales),
        vague_rx=words_rx(list(vague)),
        qualifier_rx=re.compile(r"(?<![\w-])(?:" + (alternation(list(quals)) or "(?!)") + r")\s*$", re.IGNORECASE),
        qualifier_window=max((len(q) for q in quals), default=0) + 2,
        qualifier_start_rx=re.compile(r"\s*(?:" + (alternation(list(quals)) or "(?!)") + r")(?![\w-])", re.I),
        agent_rx=re.compile(r"(?<![\w-])(?:" + (alternation(nw.get("agent_markers", [])) or "(?!)") + r")\s*$", re.I),
        noun_phrase_words=frozenset(str(w).lower() for w in nw.get("noun_phrase_words", [])),
        ordinal_rx=re.compile(rf"\b(?:{alternation(list(ordinals)) or '(?!)'})\b|\b\d+(?:{suffixes})\b", re.I),
        month_rx=month_rx, weekday_rx=weekday_rx, units=units, unit_terms=unit_terms,
        currency_rx=re.compile("(?:" + (alternation(nw.get("currency_symbols", [])) or "(?!)") + r")\s*$"),
        age_before_rx=re.compile(r"(?<![\w-])(?:" + (alternation(nw.get("age_before", [])) or "(?!)") + r")\s*$",
                                 re.I),
        address_before_rx=re.compile(r"(?<![\w-])(?:" + (alternation(nw.get("address_before", [])) or "(?!)")
                                     + r")\s*$", re.I),
        address_after_rx=re.compile(r"\s+(?:[A-Z][\w'-]*\s+){0,2}(?i:" + (alternation(nw.get("address_after", []))
                                    or "(?!)") + r")\b"),
        function_words=frozenset(str(w).lower() for w in nw.get("function_words", [])),
        past_tense_rx=re.compile(r"[a-z]+(?:" + ("|".join(nw.get("past_tense_endings", [])) or "(?!)") + r")"),
        singular_aux_rx=trie_body(sorted(aux)) if aux else "(?!)",
        singular_determiners=frozenset(d.lower() for d in determiners),
        plural_words=frozenset(str(w).lower() for w in nw.get("plural_words", [])),
        conjunctions=frozenset(str(w).lower() for w in nw.get("conjunctions", [])),
        plural_rx=re.compile(r"\w+(?:" + ("|".join(nw.get("plural_endings", [])) or "(?!)") + r")"),
        breakdown_rx=re.compile(r"(?<![\w-])(?:" + (alternation(nw.get("breakdown_markers", [])) or "(?!)")
                                + r")(?:\s+(?:" + (alternation(nw.get("function_words", [])) or "(?!)")
                                + r"))?[\s,:(]*$", re.I),
        breakdown_after_rx=re.compile(r"\s+(?:" + (alternation(nw.get("breakdown_after", [])) or "(?!)") + r")\b",
                                      re.I),
        clause_opener_rx=re.compile(r"[;:]|(?<![\w-])(?:" + (alternation(nw.get("clause_openers", [])) or "(?!)")
                                    + r")(?![\w-])", re.I),
        range_rx=re.compile(r"\s*(?:" + (alternation(nw.get("range_connectors", [])) or "(?!)") + r")\s*$", re.I),
        range_lead_rx=re.compile(r"(?<![\w-])(?:" + (alternation(nw.get("range_lead", [])) or "(?!)") + r")\s*$",
                                 re.I),
        as_of_rx=_time_rx([str(p) for p in qs.get("time_phrases", [])], month_rx, weekday_rx),
        adverb_rx=re.compile(r"[a-z]+(?:" + ("|".join(nw.get("adverb_endings", [])) or "(?!)") + r")"),
        relative_words=frozenset(str(w).lower() for w in nw.get("relative_words", [])),
        partitive_rx=re.compile(r"\s+(?:" + (alternation(nw.get("partitive_words", [])) or "(?!)") + r")\b", re.I),
        count_verb_rx=words_rx([str(w) for w in nw.get("count_verbs", [])]),
        deadline_words=[str(w) for w in qs.get("deadline_words", [])],
        sources={k: [str(t) for t in v] for k, v in qs.get("sources", {}).items()},
    )
