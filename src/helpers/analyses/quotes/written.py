"""The speaker as the page writes it: the whole noun phrase, not only the head that names the speaker.

A candidate speaker is found by its head ("workers", "Ana Ruiz"); the words that qualify it stand before
it in the same noun phrase ("Portville port workers", "the Harbour Gazette's Ana Ruiz", "night
nurses"). ``speaker_as_written`` keeps them, so a reader sees who the text says spoke. The phrase is read
back word by word from the head, and stops at punctuation, a function word (``Grammar.phrase_ends``) or a
speech verb: "said night nurses" is written "night nurses".
"""

from __future__ import annotations

import re

from helpers.analyses.quotes.cues import Context, sentence_of
from helpers.analyses.quotes.mentions import Mention

# At most this many words before the head belong to the written phrase.
WRITTEN_MAX_WORDS = 4
# A word that may qualify a noun: letters, with hyphens, dots of an abbreviation or a possessive ending.
QUALIFIER = re.compile(r"[A-Za-z][\w.&-]*(?:['’]s?)?")
LAST_WORD = re.compile(r"(\S+) $")
# Characters looked back for the word before the phrase.
LOOKBACK_CHARS = 40
# Up to three words and "of" (or "in 10") right before a phrase: a quantity that takes part of it.
PARTITIVE = re.compile(r"(?<![^\s])((?:[\w'’%-]+ ){1,3}(?:of|in \d+) )$")


def as_written(ctx: Context, m: Mention) -> str:
    """The noun phrase ``m`` heads, with the words before it that qualify it, as the text writes it."""
    floor = ctx.sentences[sentence_of(ctx, m.start)][0]
    start = m.start
    for _ in range(WRITTEN_MAX_WORDS):
        word = LAST_WORD.search(ctx.masked, max(floor, start - LOOKBACK_CHARS), start)
        if word is None or not _qualifies(ctx, word.group(1), word.start(), floor):
            break
        start = word.start()
    after = ctx.grammar.post_modifier.match(ctx.text, m.end)  # "one Republican involved in the talks"
    return ctx.text[_partitive(ctx, start, floor) : after.end() if after else m.end]


def _partitive(ctx: Context, start: int, floor: int) -> int:
    """Where a quantity that takes part of the phrase starts: "At least half of voters", "a lot of people", "About
    four in 10 voters" are written with it; a verb or a clause word before it is not ("said most of ...")."""
    part = PARTITIVE.search(ctx.masked, max(floor, start - LOOKBACK_CHARS), start)
    word = LAST_WORD.search(ctx.masked, max(floor, start - LOOKBACK_CHARS), start) if part is None else None
    if word is not None and word.group(1).islower():  # "52 percent of registered voters": one adjective between
        part = PARTITIVE.search(ctx.masked, max(floor, word.start() - LOOKBACK_CHARS), word.start())
    if part is None:
        return start
    pos = part.start()
    for word in part.group(1).split()[:-1]:
        low = word.lower()
        if low not in ctx.grammar.verbs and low not in ctx.grammar.clause_words:
            return pos if not word[:1].isdigit() or pos > part.start() else start
        pos += len(word) + 1
    return start


def _qualifies(ctx: Context, w: str, at: int, floor: int) -> bool:
    """A word that may qualify the noun after it: no function word, speech verb or word that never opens a
    name ("Even", "what"); no lower-case word shaped like a verb or an adverb ("issued", "rallying",
    "recently", "offers"); a capitalised word opening the sentence only when it starts a name ("Asked by")."""
    low = w.lower()
    if not QUALIFIER.fullmatch(w) or low in ctx.grammar.phrase_ends or low in ctx.grammar.verbs:
        return False
    if low.rstrip(".") in ctx.grammar.not_qualifiers:
        return False
    if w.islower():
        return not w.endswith(ctx.grammar.verb_like)
    return at > floor or any(c.start == at for c in ctx.capable_in(at, at + 1))
