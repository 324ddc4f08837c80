"""The verb of a count's clause, read the way a reader does.

The verb right before a number takes it as its object ("killed 14 people"); otherwise the verb after
the number and its noun ("14 people were killed"), the last of coordinated verbs ("abducted and later
killed"); otherwise the last verb earlier in the clause ("the toll rose to 14"); coordinated subjects
share the verb after the last of them. A count followed by another verb used actively ("30 gunmen
stormed ...") or doing the deed ("two gunmen killed a priest") is not a casualty. A clause ends at the
neighbouring numbers and at words that open another clause ("when", "after", ";").
"""

from __future__ import annotations

import re

from helpers.analyses.numbers.lexicon import Lexicon
from helpers.analyses.numbers.rules import QuantityRules, words_of
from helpers.analyses.numbers.windows import first_hit

OTHER_VERB = "\x00other verb"
# Words read after a count (and its noun) for another verb it is the subject of ("two men with pistols approached").
SUBJECT_MAX_WORDS = 8
NEXT_WORD = re.compile(r"\s+([\w-]+)")


def _chain_end(hits: list[tuple[int, int, str]], i: int, text: str, lex: Lexicon) -> str:
    """The last of coordinated predicates ("were abducted and later killed" -> killed)."""
    while i + 1 < len(hits):
        gap = text[hits[i][1] : hits[i + 1][0]].replace(",", " ").split()
        if not gap or not all((w.lower() in lex.function_words and w.lower() not in lex.noun_phrase_words)
                              or lex.adverb_rx.fullmatch(w.lower()) for w in gap):
            break
        i += 1
    return hits[i][2]


def object_of(before_clause: str, rules: QuantityRules, lex: Lexicon,
              hits: list[tuple[int, int, str]] | None = None) -> str | None:
    """The predicate that takes the number as its object: nothing but a qualifier between ("killed at least").

    ``hits``: the predicates in ``before_clause``, when the caller has found them already.
    """
    hits = rules.predicate_hits(before_clause) if hits is None else hits
    if not hits:
        return None
    gap = before_clause[hits[-1][1] :].strip()
    q = lex.qualifier_rx.search(gap) if gap else None
    if gap and not (q and not gap[: q.start()].strip()):
        return None
    return hits[-1][2]


def _subject_of_other_verb(text: str, rules: QuantityRules, lex: Lexicon,
                           first_hit: list[tuple[int, int, str]]) -> bool:
    """The count is the subject of another verb used actively ("30 gunmen stormed the village", "two men
    with pistols approached and fired").

    The words after the count are read up to its first casualty verb; a verb group (an auxiliary) or a
    relative clause ends the search. A participle followed by a preposition ("people trapped in ...")
    describes the count instead. ``first_hit``: the predicates in ``text``, found by the caller.
    """
    limit = first_hit[0][0] if first_hit else len(text)
    words = words_of(text[:limit], SUBJECT_MAX_WORDS)
    for i, (_start, word) in enumerate(words):
        lower = word.lower()
        if lower in lex.relative_words or lower in lex.auxiliaries:
            return False
        if lower in lex.function_words or not word.islower() or not lex.past_tense_rx.fullmatch(lower):
            continue  # names ("Red Cross") and function words are not verbs
        before = words[i - 1][1].lower() if i else ""
        if before in lex.function_words and before not in lex.conjunctions:
            continue  # after "the" or "in", a participle is an adjective: "in the disputed region"
        nxt = words[i + 1][1].lower() if i + 1 < len(words) else ""
        return (not nxt or nxt in lex.singular_determiners or nxt in lex.conjunctions
                or nxt not in lex.function_words)
    return False


def _agent(after: str, hit: tuple[int, int, str], lex: Lexicon) -> bool:
    """An active verb right after the count with an object after it: the count did it ("two gunmen killed a priest")."""
    between = after[: hit[0]].lower().split()
    if any(w in lex.function_words for w in between):
        return False  # "14 people were killed", "12 have died"
    return has_object(after[hit[1] :], lex)


def _coordinated(sentence: str, tail: int, outer: tuple[int, int], rules: QuantityRules, lex: Lexicon) -> str | None:
    """Coordinated subjects share the verb after the last of them ("dozens of X and 12 Y had been killed")."""
    link = sentence[tail : outer[1]]
    q = lex.qualifier_rx.search(link)
    link = link[: q.start()] if q else link
    if lex.breakdown_rx.search(link):  # "Nine people including two soldiers were killed"
        return _next_clause_predicate(sentence, outer, rules, lex)
    words = link.replace(",", " ").lower().split()
    if outer[1] >= len(sentence) or not (words or "," in link) or not all(w in lex.function_words for w in words):
        return None
    return _next_clause_predicate(sentence, outer, rules, lex)


def _next_clause_predicate(sentence: str, outer: tuple[int, int], rules: QuantityRules, lex: Lexicon) -> str | None:
    """The first predicate after the next number, before a word that opens another clause (both looked up
    among the sentence's matches, found once)."""
    stop = first_hit((("", lex.clause_opener_rx),), sentence, outer[1], len(sentence))
    hit = first_hit(tuple(rules.predicates.items()), sentence, outer[1], stop[0] if stop else len(sentence))
    return hit[2] if hit else None


def clause_predicate(sentence: str, s: int, tail: int, clause: tuple[int, int], outer: tuple[int, int],
                     rules: QuantityRules, lex: Lexicon) -> str | None:
    """The predicate of a count's own clause: object position, then after the count, then before it.

    Coordinated subjects look past the next number (``outer`` is the stretch between the neighbouring
    numbers); a verb in another clause is never borrowed.
    """
    before = sentence[clause[0] : s]
    before_hits = rules.predicate_hits(before)
    found = object_of(before, rules, lex, before_hits)
    if found:
        return found
    after = sentence[tail : clause[1]]
    hits = rules.predicate_hits(after)
    if _subject_of_other_verb(after, rules, lex, hits) or (hits and _agent(after, hits[0], lex)):
        return OTHER_VERB
    if hits:
        return _chain_end(hits, 0, after, lex)
    if before_hits:
        return before_hits[-1][2]
    shared = _coordinated(sentence, tail, outer, rules, lex)
    if shared:
        return shared
    return None


def own_clause(sentence: str, s: int, e: int, clause: tuple[int, int], lex: Lexicon) -> tuple[int, int]:
    """The stretch between neighbouring numbers, cut at words that open another clause ("when", "after", ";")."""
    lo = max([clause[0]] + [clause[0] + m.end() for m in lex.clause_opener_rx.finditer(sentence[clause[0] : s])])
    after = lex.clause_opener_rx.search(sentence, e, clause[1])
    return lo, after.start() if after else clause[1]


def has_object(rest: str, lex: Lexicon) -> bool:
    """An active verb with an object after it ("has killed seven civilians"), not a passive one."""
    nxt = NEXT_WORD.match(rest)
    if not nxt:
        return False
    word = nxt.group(1).lower()
    return (word in lex.singular_determiners or word[:1].isdigit() or word in lex.words
            or lex.qualifier_start_rx.match(rest) is not None)
