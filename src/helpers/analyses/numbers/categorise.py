"""What a number counts: numbers that are not event counts are typed; candidate counts get a category.

The category comes from the event's quantity codebook: the predicate of the number's own clause
(killed, detained ...) and the noun it counts (people, protesters ...). A clause is read the way a
reader does: the verb right before a number takes it as its object ("killed 14 people"); otherwise
the verb after the number and its noun ("14 people were killed"); otherwise the last verb earlier in
the clause ("the toll rose to 14"). A count followed by another verb ("30 gunmen stormed ...") is the
subject of that action, not a casualty. Every word list is a codebook list: language words in
``general/<language>``, categories, nouns and predicates in the event's ``quantities.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from helpers.analyses.numbers.lexicon import Lexicon, words_rx
from helpers.inputs.codebook import Codebook

# Words that may stand between a number and the noun it counts ("six unarmed Iraqi civilians").
NOUN_MAX_WORDS = 4
# Words that may stand between a noun written before a number and the count verb ("force would number").
COUNT_VERB_MAX_WORDS = 3
OTHER_VERB = "\x00other verb"
# The largest number read as an age when it is set off by commas after a name.
AGE_MAX = 120


@dataclass(frozen=True)
class Category:
    """One quantity category of the codebook and the options that refine it."""

    name: str
    predicate: str
    nouns: tuple[str, ...]
    claims_nouns: bool  # a count of these nouns is this category whatever the verb ("2,500 troops")
    requires_context: re.Pattern[str] | None  # ... when the sentence has one of these words
    exclude_contexts: re.Pattern[str] | None  # never when the sentence has one of these words
    needs_country: bool  # record the country or bloc the counted group belongs to
    exclude_label: str  # the unit given to an excluded count, for the reader


@dataclass(frozen=True)
class QuantityRules:
    """The event's quantity codebook, compiled."""

    predicates: dict[str, re.Pattern[str]]
    nouns: dict[str, re.Pattern[str]]
    categories: tuple[Category, ...]
    countries: tuple[tuple[str, re.Pattern[str]], ...]
    count_of_one: tuple[str, ...]
    not_people: re.Pattern[str]

    def predicate_hits(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, predicate) of every predicate term in ``text``, in order."""
        return sorted((m.start(), m.end(), name) for name, rx in self.predicates.items() for m in rx.finditer(text))

    def noun_at(self, text: str) -> tuple[str, str] | None:
        """(noun group, noun) when ``text`` starts with a noun of the codebook (longest match)."""
        best = None
        for group, rx in self.nouns.items():
            m = rx.match(text)
            if m and (best is None or len(m.group()) > len(best[1])):
                best = (group, m.group())
        return best

    def category(self, predicate: str | None, noun_group: str) -> Category | None:
        for cat in self.categories:
            if cat.predicate == predicate and noun_group in cat.nouns:
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


@lru_cache(maxsize=8)
def quantity_rules(codebook: Codebook) -> QuantityRules:
    """Compile the event's quantity codebook (cached per codebook)."""
    q = codebook.section("quantities")
    general_exclude = q.get("exclude_contexts") or []
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
        ))
    return QuantityRules(
        predicates={k: words_rx([str(t) for t in v]) for k, v in (q.get("predicates") or {}).items()},
        nouns={k: words_rx([str(t) for t in v]) for k, v in (q.get("nouns") or {}).items()},
        categories=tuple(cats), countries=_countries(q.get("countries")),
        count_of_one=tuple(str(c) for c in q.get("count_of_one", [])),
        not_people=words_rx([str(t) for t in q.get("not_people", [])]),
    )


# --- numbers that are not counts ---------------------------------------------------------------------
def _unit_check(before: str, after: str, m: re.Match, value: float | None, lex: Lexicon) -> str | None:
    suffix = (m.group("suffix") or "").strip()
    compound = (m.group("compound") or "").lower()
    for unit, rx in lex.units.items():
        if suffix and not compound and rx.fullmatch(suffix):
            return unit
        if compound and rx.fullmatch(compound):
            return unit
    if compound:
        return None
    for unit, rx in lex.units.items():
        if rx.match(after.lstrip()) and after[:1].isspace():
            return unit
    if re.match(r":\d", after) or re.search(r"\d:$", before):
        return "time"
    return None


def _context_check(before: str, after: str, m: re.Match, value: float | None, lex: Lexicon) -> str | None:
    raw = m.group("num")
    if re.search(lex.month_rx + r"\s*$", before) or re.match(r"\s*" + lex.month_rx, after):
        return "date"
    if re.fullmatch(r"(1[89]|20)\d\d", raw) and not m.group("compound"):
        return "year"
    if lex.currency_rx.search(before):
        return "money"
    if lex.age_before_rx.search(before):
        return "age"
    if lex.address_before_rx.search(before) or (raw[:1].isdigit() and lex.address_after_rx.match(after)):
        return "address"
    if value == 1 and not raw[:1].isdigit() and lex.partitive_rx.match(after):
        return "one_of"
    if value is not None and value < AGE_MAX and re.search(r"[A-Z][\w'-]*,\s*$", before) and re.match(r"\s*,", after):
        return "age"  # "Ana Lopez, 46, was ..." : an age set off by commas after a name
    return None


def typed(sentence: str, m: re.Match, value: float | None, lex: Lexicon) -> str | None:
    """The unit of a number that is not an event count (percent, age, date ...); None for candidate counts."""
    before, after = sentence[: m.start()], sentence[m.end() :]
    return _unit_check(before, after, m, value, lex) or _context_check(before, after, m, value, lex)


# --- what is counted ---------------------------------------------------------------------------------
WORD_RX = re.compile(r"[\s-]*([^\W\d_][\w'.-]*|\S)")


def _words(text: str, limit: int) -> list[tuple[int, str]]:
    """The first ``limit`` words of ``text`` with their offsets; stops at punctuation."""
    out, pos = [], 0
    while len(out) < limit:
        m = WORD_RX.match(text, pos)
        if not m or not re.match(r"[^\W\d_]", m.group(1)):
            break
        out.append((m.start(1), m.group(1).rstrip(".")))
        pos = m.end()
    return out


def noun_after(text: str, rules: QuantityRules, lex: Lexicon) -> tuple[str, str, int] | None:
    """(noun group, noun, end offset) of the noun a number counts, within a few words after it."""
    for start, word in _words(text, NOUN_MAX_WORDS):
        hit = rules.noun_at(text[start:])
        if hit:
            return hit[0], hit[1], start + len(hit[1])
        lower = word.lower()
        if rules.predicate_hits(word) and word.islower():
            nxt = _words(text[start + len(word) :], 1)
            if nxt and rules.noun_at(text[start + len(word) + nxt[0][0] :]):
                continue  # a predicate used as an adjective: "displaced people", "wounded soldiers"
            return None
        if lower in lex.function_words and lower not in lex.noun_phrase_words:
            return None  # the noun phrase has ended ("800 cattle by ...")
        if word[:1].isupper() or lower in lex.noun_phrase_words or lex.adverb_rx.fullmatch(lower):
            continue
        if word.islower() and not lex.past_tense_rx.fullmatch(lower):
            continue  # an adjective: "two armed men"
        return None
    return None


def counts_something_else(text: str, rules: QuantityRules, lex: Lexicon) -> str:
    """The word a number counts when it is not a person noun ("six houses"); '' when there is none."""
    words = _words(text, 1)
    if not words:
        return ""
    word = words[0][1]
    lower = word.lower()
    if not word.islower() or lower in lex.function_words or lex.adverb_rx.fullmatch(lower):
        return ""
    if rules.predicate_hits(text[words[0][0]:]) and rules.predicate_hits(text[words[0][0]:])[0][0] == 0:
        return ""
    return word


def noun_before(lead: str, rules: QuantityRules, lex: Lexicon) -> tuple[str, str] | None:
    """A noun written before the number with a count verb between ("the force would number about 2,500")."""
    best = None
    for group, rx in rules.nouns.items():
        for m in rx.finditer(lead):
            gap = lead[m.end() :]
            verb = lex.count_verb_rx.search(gap)
            near = verb is not None and len(gap[: verb.start()].split()) <= COUNT_VERB_MAX_WORDS
            if near and (best is None or m.start() > best[2]):
                best = (group, m.group(), m.start())
    return (best[0], best[1]) if best else None


def earlier_noun(lead: str, rules: QuantityRules) -> str:
    """The last noun group named earlier in the sentence, for an elided noun ("... and 700 were wounded")."""
    hits = [(m.start(), g) for g, rx in rules.nouns.items() if g not in rules.claimed_nouns for m in rx.finditer(lead)]
    return max(hits)[1] if hits else ""


# --- the verb of the clause --------------------------------------------------------------------------
def _chain_end(hits: list[tuple[int, int, str]], i: int, text: str, lex: Lexicon) -> str:
    """The last of coordinated predicates ("were abducted and later killed" -> killed)."""
    while i + 1 < len(hits):
        gap = text[hits[i][1] : hits[i + 1][0]].replace(",", " ").split()
        if not gap or not all((w.lower() in lex.function_words and w.lower() not in lex.noun_phrase_words)
                              or lex.adverb_rx.fullmatch(w.lower()) for w in gap):
            break
        i += 1
    return hits[i][2]


def object_of(before_clause: str, rules: QuantityRules, lex: Lexicon) -> str | None:
    """The predicate that takes the number as its object: nothing but a qualifier between ("killed at least")."""
    hits = rules.predicate_hits(before_clause)
    if not hits:
        return None
    gap = before_clause[hits[-1][1] :].strip()
    q = lex.qualifier_rx.search(gap) if gap else None
    if gap and not (q and not gap[: q.start()].strip()):
        return None
    return hits[-1][2]


def _subject_of_other_verb(text: str, rules: QuantityRules, lex: Lexicon) -> bool:
    """The word right after a count is another verb, used actively ("30 gunmen stormed the village").

    A participle followed by a preposition ("people trapped in ...") describes the count instead.
    """
    words = _words(text, 2)
    if not words:
        return False
    lower = words[0][1].lower()
    if lower in lex.function_words or not lex.past_tense_rx.fullmatch(lower) or rules.predicate_hits(lower):
        return False
    nxt = words[1][1].lower() if len(words) > 1 else ""
    return not nxt or nxt in lex.singular_determiners or nxt not in lex.function_words


def _agent(after: str, hit: tuple[int, int, str], lex: Lexicon) -> bool:
    """An active verb right after the count with an object after it: the count did it ("two gunmen killed a priest")."""
    between = after[: hit[0]].lower().split()
    if any(w in lex.function_words for w in between):
        return False  # "14 people were killed", "12 have died"
    rest = after[hit[1] :]
    nxt = re.match(r"\s+([\w-]+)", rest)
    if not nxt:
        return False
    word = nxt.group(1).lower()
    return (word in lex.singular_determiners or word[:1].isdigit() or word in lex.words
            or lex.qualifier_start_rx.match(rest) is not None)


def _coordinated(sentence: str, tail: int, outer: tuple[int, int], rules: QuantityRules, lex: Lexicon) -> str | None:
    """Coordinated subjects share the verb after the last of them ("dozens of X and 12 Y had been killed")."""
    link = sentence[tail : outer[1]]
    q = lex.qualifier_rx.search(link)
    link = link[: q.start()] if q else link
    if lex.breakdown_rx.search(link):  # "Nine people including two soldiers were killed"
        return _next_clause_predicate(sentence, outer, rules, lex)
    words = link.replace(",", " ").lower().split()
    if outer[1] >= len(sentence) or not words or not all(w in lex.function_words for w in words):
        return None
    return _next_clause_predicate(sentence, outer, rules, lex)


def _next_clause_predicate(sentence: str, outer: tuple[int, int], rules: QuantityRules, lex: Lexicon) -> str | None:
    rest = sentence[outer[1] :]
    stop = lex.clause_opener_rx.search(rest)
    hits = rules.predicate_hits(rest[: stop.start()] if stop else rest)
    return hits[0][2] if hits else None


def clause_predicate(sentence: str, s: int, tail: int, clause: tuple[int, int], outer: tuple[int, int],
                     rules: QuantityRules, lex: Lexicon) -> str | None:
    """The predicate of a count's clause: object position, then after the count, then before it.

    The last resort is the nearest predicate between the neighbouring numbers (``outer``): a verb
    across another number belongs to that number.
    """
    before = sentence[clause[0] : s]
    found = object_of(before, rules, lex)
    if found:
        return found
    after = sentence[tail : clause[1]]
    hits = rules.predicate_hits(after)
    if _subject_of_other_verb(after, rules, lex) or (hits and _agent(after, hits[0], lex)):
        return OTHER_VERB
    if hits:
        return _chain_end(hits, 0, after, lex)
    hits = rules.predicate_hits(before)
    if hits:
        return hits[-1][2]
    shared = _coordinated(sentence, tail, outer, rules, lex)
    if shared:
        return shared
    hits = [(a + outer[0], b + outer[0], n) for a, b, n in rules.predicate_hits(sentence[outer[0] : outer[1]])]
    if hits:
        return min((min(abs(a - tail), abs(b - s)), name) for a, b, name in hits)[1]
    return None


# --- the category --------------------------------------------------------------------------------------
def _claimed(sentence: str, noun_group: str, rules: QuantityRules) -> tuple[str, str] | None:
    """A category that owns the counted noun ("2,500 troops"), if the sentence gives it the right context."""
    for cat in rules.categories:
        if cat.claims_nouns and noun_group in cat.nouns:
            if cat.exclude_contexts is not None and cat.exclude_contexts.search(sentence):
                return "other", f"{noun_group} ({cat.exclude_label})"
            if cat.requires_context is None or cat.requires_context.search(sentence):
                return cat.name, noun_group
            return "other", noun_group
    return None


def _qualified_start(sentence: str, s: int, lex: Lexicon) -> int:
    """Where a number's qualifier starts ("at least 12" -> the 'a'), else the number's start."""
    m = lex.qualifier_rx.search(sentence[max(0, s - lex.qualifier_window) : s])
    return max(0, s - lex.qualifier_window) + m.start() if m else s


def _victim_object(sentence: str, s: int, clause: tuple[int, int], rules: QuantityRules, lex: Lexicon,
                   after_text: str) -> bool:
    """An unlisted noun is still a victim as the object of a casualty verb ("killed 10 loggers"), unless the
    codebook lists it among the things that are not people ("killed 20 goats")."""
    first = _words(after_text, 1)
    if not first or rules.not_people.match(after_text[first[0][0] :]):
        return False
    return object_of(sentence[clause[0] : s], rules, lex) is not None


def own_clause(sentence: str, s: int, e: int, clause: tuple[int, int], lex: Lexicon) -> tuple[int, int]:
    """The stretch between neighbouring numbers, cut at words that open another clause ("when", "after", ";")."""
    lo = max([clause[0]] + [clause[0] + m.end() for m in lex.clause_opener_rx.finditer(sentence[clause[0] : s])])
    after = lex.clause_opener_rx.search(sentence, e, clause[1])
    return lo, after.start() if after else clause[1]


def categorise(sentence: str, s: int, e: int, clause: tuple[int, int], rules: QuantityRules, lex: Lexicon,
               inherited: str = "", compound: str = "") -> tuple[str, str, str]:
    """(category, noun group, unit) for a candidate count: 'other' when it counts something else."""
    outer, clause = clause, own_clause(sentence, s, e, clause, lex)
    after_text = (compound + " " if compound else "") + sentence[e : clause[1]]
    noun = noun_after(after_text, rules, lex)
    if noun is None:
        lead = noun_before(sentence[clause[0] : s], rules, lex)
        if lead:
            noun = (lead[0], lead[1], 0)
        elif counts_something_else(after_text, rules, lex) and not _victim_object(sentence, s, clause, rules, lex,
                                                                                   after_text):
            return "other", "", counts_something_else(after_text, rules, lex)
    if lex.agent_rx.search(sentence[clause[0] : _qualified_start(sentence, s, lex)]):
        return "other", noun[0] if noun else "", "agents"
    group = noun[0] if noun else (inherited or earlier_noun(sentence[:s], rules))
    noun_text = noun[1] if noun else ""
    tail = e + max(0, noun[2] - (len(compound) + 1 if compound else 0)) if noun else e
    claimed = _claimed(sentence, group, rules)
    if claimed:
        return claimed[0], group, claimed[1] if claimed[0] == "other" else (noun_text or group)
    predicate = clause_predicate(sentence, s, tail, clause, outer, rules, lex)
    if predicate == OTHER_VERB:
        return "other", group, noun_text or "count"
    cat = rules.category(predicate, group) or rules.category(predicate, "")
    if cat is None or (cat.exclude_contexts is not None and cat.exclude_contexts.search(sentence[clause[0]:clause[1]])):
        return "other", group, noun_text or "count"
    return cat.name, group, noun_text or "people"


def country_of(sentence: str, s: int, rules: QuantityRules) -> str:
    """The nearest country or bloc named before a count, else anywhere in the sentence."""
    before = [(m.start(), name) for name, rx in rules.countries for m in rx.finditer(sentence[:s])]
    if before:
        return max(before)[1]
    anywhere = [(m.start(), name) for name, rx in rules.countries for m in rx.finditer(sentence)]
    return min(anywhere)[1] if anywhere else ""
