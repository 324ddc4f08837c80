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

import itertools
import re

from helpers.analyses.numbers.clauses import OTHER_VERB, clause_predicate, object_of, own_clause
from helpers.analyses.numbers.lexicon import Lexicon
from helpers.analyses.numbers.rules import DEPLOYED, NOUN_MAX_WORDS, Category, QuantityRules, quantity_rules, words_of
from helpers.analyses.numbers.windows import hits, last_hit, occurs, text_after, text_before

# Words that may stand between a noun written before a number and the count verb ("force would number").
COUNT_VERB_MAX_WORDS = 3
# The largest number read as an age when it is set off by commas after a name.
AGE_MAX = 120
CLOCK_AFTER, CLOCK_BEFORE = re.compile(r":\d"), re.compile(r"\d:$")  # "10:30"
YEAR = re.compile(r"(1[89]|20)\d\d")
NAME_COMMA_BEFORE, COMMA_AFTER = re.compile(r"[A-Z][\w'-]*,\s*$"), re.compile(r"\s*,")  # "Ana Lopez, 46, ..."

__all__ = ["categorise", "country_of", "noun_after", "quantity_rules", "typed"]


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
    if after[:1].isspace():  # a unit word is a word of its own after the number
        rest = after.lstrip()
        for unit, rx in lex.units.items():
            if rx.match(rest):
                return unit
    if CLOCK_AFTER.match(after) or CLOCK_BEFORE.search(before):
        return "time"
    return None


def _context_check(before: str, after: str, m: re.Match, value: float | None, lex: Lexicon) -> str | None:
    raw = m.group("num")
    if lex.month_after_rx.match(after) or lex.month_before_rx.search(before):
        return "date"
    if YEAR.fullmatch(raw) and not m.group("compound"):
        return "year"
    if lex.currency_rx.search(before):
        return "money"
    if lex.age_before_rx.search(before):
        return "age"
    if lex.address_before_rx.search(before) or (raw[:1].isdigit() and lex.address_after_rx.match(after)):
        return "address"
    if value == 1 and not raw[:1].isdigit() and lex.partitive_rx.match(after):
        return "one_of"
    if value is not None and value < AGE_MAX and COMMA_AFTER.match(after) and NAME_COMMA_BEFORE.search(before):
        return "age"  # "Ana Lopez, 46, was ..." : an age set off by commas after a name
    return None


def typed(sentence: str, m: re.Match, value: float | None, lex: Lexicon) -> str | None:
    """The unit of a number that is not an event count (percent, age, date ...); None for candidate counts."""
    before = text_before(sentence, m.start(), lex.context_words)
    after = text_after(sentence, m.end(), lex.context_words)
    return _unit_check(before, after, m, value, lex) or _context_check(before, after, m, value, lex)


def _modifies(text: str, start: int, word: str, rules: QuantityRules, lex: Lexicon) -> bool:
    """The word before is a modifier when a noun or a capitalised name follows ("displaced Syrians", "armed men")."""
    nxt = words_of(text[start + len(word) :], 1)
    if not nxt:
        return False
    following = text[start + len(word) + nxt[0][0] :]
    return rules.noun_at(following) is not None or (nxt[0][1][:1].isupper() and nxt[0][1].lower()
                                                     not in lex.function_words)


def _headline_verb(text: str, start: int, word: str, rules: QuantityRules) -> bool:
    """A capitalised predicate term not followed by another capitalised word is a verb of a headline written in
    title case ("5 Killed, Scores Injured in Car Bomb"), not a name."""
    if not word[:1].isupper() or not rules.starts_with_predicate(text[start:]):
        return False
    nxt = words_of(text[start + len(word) :], 1)
    return not nxt or not nxt[0][1][:1].isupper()


def modifiers_end(text: str, rules: QuantityRules, lex: Lexicon) -> int:
    """Where the participles and names after a number end when no listed noun follows ("displaced Yazidis")."""
    end = 0
    for start, word in words_of(text, NOUN_MAX_WORDS):
        if _headline_verb(text, start, word, rules):
            break
        is_participle = word.islower() and (rules.has_predicate(word) or lex.past_tense_rx.fullmatch(word))
        if not (word[:1].isupper() or (is_participle and _modifies(text, start, word, rules, lex))):
            break
        end = start + len(word)
    return end


def noun_after(text: str, rules: QuantityRules, lex: Lexicon) -> tuple[str, str, int] | None:
    """(noun group, noun, end offset) of the noun a number counts, within a few words after it."""
    for start, word in words_of(text, NOUN_MAX_WORDS):
        hit = rules.noun_at(text[start:])
        if hit:
            end = start + len(hit[1])
            return _group_of_head(text, hit[1], end, rules, lex) or (hit[0], hit[1], end)
        lower = word.lower()
        if _headline_verb(text, start, word, rules):
            return None
        if word.islower() and (rules.has_predicate(word) or lex.past_tense_rx.fullmatch(lower)) \
                and lower not in lex.function_words:
            if _modifies(text, start, word, rules, lex):
                continue  # a participle used as an adjective: "displaced Syrians", "armed bandits"
            return None
        if lower in lex.function_words and lower not in lex.noun_phrase_words:
            return None  # the noun phrase has ended ("800 cattle by ...")
        if word[:1].isupper() or lower in lex.noun_phrase_words or lex.adverb_rx.fullmatch(lower) or word.islower():
            continue  # a name, an adverb or an adjective: "two young men"
        return None
    return None


def _group_of_head(text: str, noun: str, end: int, rules: QuantityRules, lex: Lexicon) -> tuple[str, str, int] | None:
    """The noun after "of" when ``noun`` (ending at ``end``) names a group by it ("members of the security forces")."""
    if noun.split()[-1].lower() not in lex.group_heads:
        return None
    of = lex.partitive_rx.match(text, end)
    if of is None:
        return None
    inner = noun_after(text[of.end() :], rules, lex)
    return (inner[0], inner[1], of.end() + inner[2]) if inner else None


def counts_something_else(text: str, rules: QuantityRules, lex: Lexicon) -> str:
    """The word a number counts when it is not a person noun ("six houses", "three Wurkum villages").

    Names before it are skipped; '' when the number is followed by a verb, a function word or nothing.
    """
    for start, word in words_of(text, NOUN_MAX_WORDS):
        lower = word.lower()
        if not word.islower():
            continue
        if lower in lex.noun_phrase_words:
            continue  # "dozens of their cows"
        if lower in lex.function_words or lex.adverb_rx.fullmatch(lower):
            return ""
        if rules.starts_with_predicate(text[start:]) or noun_after(text[start + len(word) :], rules, lex):
            return ""  # a verb, or a modifier of a person noun ("sect members")
        return word
    return ""


def noun_after_copula(text: str, rules: QuantityRules, lex: Lexicon) -> tuple[str, str] | None:
    """(noun group, noun) named after a copula when no noun follows the number: "10 were civilians", "four of whom
    were soldiers", "three of those killed were policemen". Only function words and predicate terms may stand
    between the number and the copula; "12 were killed" names no group."""
    for start, word in words_of(text, NOUN_MAX_WORDS):
        lower = word.lower()
        if lower in lex.copulas:
            hit = noun_after(text[start + len(word) :], rules, lex)
            return (hit[0], hit[1]) if hit else None
        if not (lower in lex.function_words or lower in lex.relative_words or rules.starts_with_predicate(
                text[start:])):
            return None
    return None


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


def earlier_noun(sentence: str, s: int, rules: QuantityRules) -> str:
    """The last noun group named earlier in the sentence, for an elided noun ("... and 700 were wounded")."""
    claimed = rules.claimed_nouns
    hit = last_hit(tuple((g, rx) for g, rx in rules.nouns.items() if g not in claimed), sentence, s)
    return hit[2] if hit else ""


# --- the category --------------------------------------------------------------------------------------
def _claimed(sentence: str, noun_group: str, rules: QuantityRules) -> tuple[str, str] | None:
    """A category that owns the counted noun ("2,500 firefighters"), if the sentence gives it the right context."""
    for cat in rules.categories:
        if cat.claims_nouns and noun_group in cat.nouns:
            if cat.exclude_contexts is not None and occurs(cat.exclude_contexts, sentence):
                return "other", f"{noun_group} ({cat.exclude_label})"
            if cat.requires_context is None or occurs(cat.requires_context, sentence):
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
    first = words_of(after_text, 1)
    if not first or rules.not_people.match(after_text[first[0][0] :]):
        return False
    return object_of(sentence[clause[0] : s], rules, lex) is not None


def _passive_subject(after_text: str, noun: str, rules: QuantityRules, lex: Lexicon) -> bool:
    """An unlisted noun is still counted as the subject of a passive casualty verb: the verb decides, not the
    label ("more than 500 'looters' were arrested"), unless the codebook says it is not people."""
    at = after_text.find(noun)
    if at < 0 or rules.not_people.match(after_text[at:]):
        return False
    rest = after_text[at + len(noun) :]
    found = rules.predicate_hits(rest)
    if not found:
        return False
    between = [w for w in (w.strip("'\"") for w in rest[: found[0][0]].lower().split()) if w]
    return (any(w in lex.auxiliaries for w in between)
            and all(w in lex.function_words or lex.adverb_rx.fullmatch(w) for w in between))


def categorise(sentence: str, s: int, e: int, clause: tuple[int, int], rules: QuantityRules, lex: Lexicon,
               inherited: str = "", compound: str = "") -> tuple[str, str, str]:
    """(category, noun group, unit) for a candidate count: 'other' when it counts something else."""
    outer, clause = clause, own_clause(sentence, s, e, clause, lex)
    after_text = (compound + " " if compound else "") + sentence[e : clause[1]]
    noun = noun_after(after_text, rules, lex)
    if noun is None:
        lead = noun_before(sentence[clause[0] : s], rules, lex) or noun_after_copula(
            sentence[e : outer[1]], rules, lex)  # past "whom", which opens a clause: "four of whom were soldiers"
        if lead:
            noun = (lead[0], lead[1], 0)
        else:
            other = counts_something_else(after_text, rules, lex)
            if other and not (_victim_object(sentence, s, clause, rules, lex, after_text)
                              or _passive_subject(after_text, other, rules, lex)):
                return "other", "", other
    if lex.agent_rx.search(sentence[clause[0] : _qualified_start(sentence, s, lex)]):
        return "other", noun[0] if noun else "", "agents"
    group = noun[0] if noun else (inherited or earlier_noun(sentence, s, rules))
    noun_text = noun[1] if noun else ""
    tail = e + max(0, noun[2] - (len(compound) + 1 if compound else 0)) if noun else e + modifiers_end(
        sentence[e : clause[1]], rules, lex)
    claimed = _claimed(sentence, group, rules)
    if claimed:
        return claimed[0], group, claimed[1] if claimed[0] == "other" else (noun_text or group)
    predicate = clause_predicate(sentence, s, tail, clause, outer, rules, lex)
    if predicate is None and noun_text and rules.starts_with_predicate(noun_text):
        predicate = rules.predicate_hits(noun_text)[0][2]  # a noun that says what befell them: "seven bodies"
    if predicate == OTHER_VERB:
        return "other", group, noun_text or "count"
    cat = rules.category(predicate, group) or rules.category(predicate, "") or _deployment(predicate, group, rules)
    if cat is None or (cat.exclude_contexts is not None and cat.exclude_contexts.search(sentence[clause[0]:clause[1]])):
        return "other", group, noun_text or "count"
    return cat.name, group, noun_text or "people"


def _deployment(predicate: str | None, group: str, rules: QuantityRules) -> Category | None:
    """Forces sent are the study's deployment category whatever noun counts them ("sent 600 servicemen")."""
    if predicate != DEPLOYED or not group:
        return None
    return next((c for c in rules.categories if c.predicate == DEPLOYED), None)


def country_of(sentence: str, s: int, rules: QuantityRules) -> str:
    """The nearest country or bloc named before a count, else anywhere in the sentence."""
    before = last_hit(rules.countries, sentence, s)
    if before:
        return before[2]
    anywhere = hits(rules.countries, sentence)[0]
    if not anywhere:
        return ""
    first = anywhere[0][0]  # the hits are in order: the names at the first place
    return min(name for _start, _end, name in itertools.takewhile(lambda h: h[0] == first, anywhere))
