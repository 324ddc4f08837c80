"""The event's quantity codebook, compiled: predicates, nouns, categories and their options, countries.

Also the word walk every clause rule uses (words after a number, up to punctuation).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from helpers.analyses.numbers.lexicon import words_rx
from helpers.inputs.codebook import Codebook


@dataclass(frozen=True)
class Category:
    """One quantity category of the codebook and the options that refine it."""

    name: str
    predicate: str
    nouns: tuple[str, ...]
    claims_nouns: bool  # a count of these nouns is this category whatever the verb ("2,500 firefighters")
    requires_context: re.Pattern[str] | None  # ... when the sentence has one of these words
    exclude_contexts: re.Pattern[str] | None  # never when the sentence has one of these words
    needs_country: bool  # record the country or bloc the counted group belongs to
    exclude_label: str  # the unit given to an excluded count, for the reader
    unit: str = ""  # "" counts people; a typed unit ("percent", "money") measures; another word names what is counted
    measures: bool = False  # the unit is one a number is typed with (number_words.yaml unit_words, or money)


@dataclass(frozen=True)
class QuantityRules:
    """The event's quantity codebook, compiled."""

    predicates: dict[str, re.Pattern[str]]
    nouns: dict[str, re.Pattern[str]]
    categories: tuple[Category, ...]
    countries: tuple[tuple[str, re.Pattern[str]], ...]
    count_of_one: tuple[str, ...]
    not_people: re.Pattern[str]
    any_predicate: re.Pattern[str]  # every predicate's terms in one pattern: matches where any of them does

    def predicate_hits(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, predicate) of every predicate term in ``text``, in order.

        Most texts asked about hold no predicate; one pattern for all of them says so in a single pass.
        """
        if self.any_predicate.search(text) is None:
            return []
        return sorted((m.start(), m.end(), name) for name, rx in self.predicates.items() for m in rx.finditer(text))

    def has_predicate(self, text: str) -> bool:
        """Whether any predicate term is in ``text`` (as ``bool(predicate_hits(text))``, in one pass)."""
        return self.any_predicate.search(text) is not None

    def starts_with_predicate(self, text: str) -> bool:
        """Whether a predicate term starts ``text`` (a hit at offset 0 of ``predicate_hits(text)``)."""
        return self.any_predicate.match(text) is not None

    def noun_at(self, text: str) -> tuple[str, str] | None:
        """(noun group, noun) when ``text`` starts with a noun of the codebook (longest match)."""
        best = None
        for group, rx in self.nouns.items():
            m = rx.match(text)
            if m and (best is None or len(m.group()) > len(best[1])):
                best = (group, m.group())
        return best

    def category(self, predicate: str | None, noun_group: str) -> Category | None:
        """The category of a count with this predicate and noun group (measures are found by :meth:`measure`)."""
        for cat in self.categories:
            if cat.predicate == predicate and noun_group in cat.nouns and not cat.measures:
                return cat
        return None

    def measure(self, unit: str, clause: str, at: int) -> Category | None:
        """The category measuring ``unit`` (a percentage, a sum of money) whose predicate is written in the
        ``clause`` nearest to offset ``at``, unless the category's contexts rule it out."""
        cats = {c.predicate: c for c in self.categories if c.measures and c.unit == unit}
        if not cats:
            return None
        found = sorted((min(abs(s - at), abs(e - at)), p) for s, e, p in self.predicate_hits(clause) if p in cats)
        for _, predicate in found:
            cat = cats[predicate]
            if cat.requires_context is not None and not cat.requires_context.search(clause):
                continue
            if cat.exclude_contexts is None or not cat.exclude_contexts.search(clause):
                return cat
        return None

    @property
    def claimed_nouns(self) -> frozenset[str]:
        return frozenset(g for c in self.categories if c.claims_nouns for g in c.nouns)


def _optional_rx(terms: list[str] | None) -> re.Pattern[str] | None:
    return words_rx([str(t) for t in terms]) if terms else None


def _countries(spec: object) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """``countries`` as a list of names, or a mapping name -> written forms."""
    if isinstance(spec, dict):
        return tuple((str(k), words_rx([str(k)] + [str(v) for v in (forms or [])], 0)) for k, forms in spec.items())
    return tuple((str(k), words_rx([str(k)], 0)) for k in (spec or []))


DEPLOYED = "deployed"  # the predicate of a study's deployment category, which the general force nouns join


def _not_listed(terms: list[str], listed: list[str]) -> list[str]:
    """The general terms the study's own lists do not already match (a study keeps the last word)."""
    rx = words_rx(listed)
    return [t for t in terms if not rx.fullmatch(t.rstrip("*"))]


def with_general_words(q: dict, general: dict) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """(predicates, nouns) of a study's quantity codebook with the general English count words added.

    General predicate terms join the study's predicate of the same name; the general force nouns join the
    noun group of the study's deployment category (predicate ``deployed``). A term already listed anywhere
    in the study's predicates (or nouns) is left where the study put it.
    """
    predicates = {str(k): [str(t) for t in v or []] for k, v in (q.get("predicates") or {}).items()}
    nouns = {str(k): [str(t) for t in v or []] for k, v in (q.get("nouns") or {}).items()}
    listed = [t for v in predicates.values() for t in v]
    for name, terms in (general.get("predicates") or {}).items():
        if name in predicates:
            predicates[name] += _not_listed([str(t) for t in terms or []], listed)
    deploy = next((spec for spec in (q.get("categories") or {}).values()
                   if str(spec.get("predicate", "")) == DEPLOYED), None)
    group = next((str(n) for n in (deploy or {}).get("nouns", []) if n and str(n) in nouns), None)
    if group is not None:
        forces = [str(t) for t in general.get("forces") or []]
        nouns[group] += _not_listed(forces, [t for v in nouns.values() for t in v])
    return predicates, nouns


@lru_cache(maxsize=8)
def quantity_rules(codebook: Codebook) -> QuantityRules:
    """Compile the event's quantity codebook (cached per codebook)."""
    q = codebook.section("quantities")
    general_exclude = q.get("exclude_contexts") or []
    typed_units = {str(u) for u in (codebook.section("number_words").get("unit_words") or {})} | {"money"}
    cats = []
    for name, spec in (q.get("categories") or {}).items():
        cats.append(Category(
            name=str(name), predicate=str(spec.get("predicate", "")),
            nouns=tuple("" if n is None else str(n) for n in spec.get("nouns", [""])),
            claims_nouns=bool(spec.get("claims_nouns", False)),
            requires_context=_optional_rx(spec.get("requires_context")),
            exclude_contexts=_optional_rx(spec.get("exclude_contexts", general_exclude)),
            needs_country=bool(spec.get("needs_country", False)),
            exclude_label=str(spec.get("exclude_label", "excluded by context")),
            unit=str(spec.get("unit") or ""), measures=str(spec.get("unit") or "") in typed_units,
        ))
    predicates, nouns = with_general_words(q, codebook.section("counts"))
    return QuantityRules(
        predicates={k: words_rx(v) for k, v in predicates.items()},
        any_predicate=words_rx([t for v in predicates.values() for t in v]),
        nouns={k: words_rx(v) for k, v in nouns.items()},
        categories=tuple(cats), countries=_countries(q.get("countries")),
        count_of_one=tuple(str(c) for c in q.get("count_of_one", [])),
        not_people=words_rx([str(t) for t in q.get("not_people", [])]),
    )


# Words that may stand between a number and the noun it counts ("six unarmed Iraqi civilians").
NOUN_MAX_WORDS = 5
QUOTE_MARKS = frozenset("\"'")
WORD_RX = re.compile(r"[\s-]*([^\W\d_][\w'.-]*|\S)")
LETTER_RX = re.compile(r"[^\W\d_]")


def words_of(text: str, limit: int) -> list[tuple[int, str]]:
    """The first ``limit`` words of ``text`` with their offsets; stops at punctuation."""
    out, pos = [], 0
    while len(out) < limit:
        m = WORD_RX.match(text, pos)
        if m and m.group(1) in QUOTE_MARKS:  # '"commando" fighters': quotation marks are not words
            pos = m.end()
            continue
        if not m or not LETTER_RX.match(m.group(1)):
            break
        out.append((m.start(1), m.group(1).rstrip(".")))
        pos = m.end()
    return out
