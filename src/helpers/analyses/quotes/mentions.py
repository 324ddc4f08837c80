"""Who could be speaking: every candidate speaker of one article, as :class:`Mention` records.

Candidates come from the text (names and role phrases, :mod:`helpers.text.names`), from the alias
codebook (variants and descriptors, which also give a canonical name and a speaker group), and from
pronouns and generic subjects. The codebook names what the text finds; it is never needed to find it.

Within one article a bare surname ("Garten") is the person named in full elsewhere ("Alan Garten"),
so both get the same canonical name even when the codebook knows neither.
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass, fields
from functools import lru_cache

from helpers.inputs.codebook import Codebook
from helpers.inputs.patterns import ascii_lowered, finditer_folded, lowered
from helpers.text.names import SENTENCE_START, SENTENCE_START_SPAN, FoundName, find_names
from helpers.text.roles import find_roles, is_determiner, is_link, is_role_noun

SPEAKER_TYPES = ("person", "organisation", "group")
# Mention forms that name someone (a name found in the text, a codebook spelling or descriptor), not a role.
NAMES = ("name", "variant", "descriptor")
POSSESSIVE = re.compile(r"['’]s?\b")
UNKNOWN_GROUP = "other"
# Words looked back for a preposition that makes a name its complement ("of Virginia", "for the Ministry").
LINK_LOOKBACK_WORDS = 2
# A name used as an adjective: followed by up to this many lower-case words ending in a role noun.
ATTRIBUTIVE_MAX_WORDS = 2
ATTRIBUTIVE = re.compile(rf" ((?:[a-z][\w-]* ){{0,{ATTRIBUTIVE_MAX_WORDS - 1}}}[a-z][\w-]*)\b")


# A dateline opening a paragraph: a place in capitals or a place before an agency in brackets, an optional
# date, then a dash ("PORTVILLE —", "PORTVILLE, Dec. 8 (UPI) —", "Portville (AFP) –"). Its place speaks nothing.
DATELINE = re.compile(
    r"(?m)^(?:[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+)*|[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)*(?=,[^\n(]{0,16}\(| \())"
    r"(?:, [A-Z][a-z]{2,8}\.? \d{1,2})?(?: \([^)\n]{1,40}\))? ?[—–-]+ ")


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    text: str  # as written
    canonical: str
    type: str
    gender: str
    group: str
    form: str  # variant | descriptor | name | role | pronoun | generic
    modifier: bool = False  # a name that only qualifies another noun ("Trump attorney", "Clinton's aide")
    document: bool = False  # a text that speaks for an author who may be named elsewhere ("the statement")
    head: int = -1  # where a role's noun starts ("spokeswoman" in "a spokeswoman for X"), or a name after its title


@lru_cache(maxsize=8)
def pronoun_pattern(codebook: Codebook) -> re.Pattern[str]:
    """The personal pronouns of ``speech_verbs.yaml`` (he, she, they, it) as whole words."""
    words = [str(w) for w in codebook.section("speech_verbs").get("pronouns", {})]
    return re.compile(r"\b(?:" + ("|".join(map(re.escape, words)) or "(?!)") + r")\b", re.I)


@lru_cache(maxsize=8)
def _role_patterns(codebook: Codebook) -> dict[str, re.Pattern[str]]:
    roles = codebook.section("speech_verbs").get("gendered_roles", {})
    return {
        g: re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b", re.I) for g, words in roles.items() if words
    }


@lru_cache(maxsize=8)
def _generic_pattern(codebook: Codebook) -> re.Pattern[str] | None:
    generic = codebook.section("speech_verbs").get("generic_subjects", [])
    return re.compile(r"\b(?:" + "|".join(map(re.escape, generic)) + r")\b", re.I) if generic else None


@lru_cache(maxsize=16)
def _lowered(rx: re.Pattern[str]) -> re.Pattern[str] | None:
    return lowered(rx)


def _role_gender(text: str, codebook: Codebook, default: str) -> str:
    for g, rx in _role_patterns(codebook).items():
        if rx.search(text):
            return g
    return default


def _codebook_mentions(text: str, codebook: Codebook) -> list[Mention]:
    out: list[Mention] = []
    if codebook.alias_pattern is None:
        return out
    ents, forms = codebook.entity_info, codebook.alias_forms
    known: dict[str, tuple[str, str, str, str, str]] = {}  # an article names the same people again and again
    for m in codebook.alias_pattern.finditer(text):
        written = m.group()
        info = known.get(written)
        if info is None:
            canon = codebook.canonical(written)
            e = ents.get(canon)
            gender = _role_gender(written, codebook, e["gender"] if e is not None else "any")
            kind = e["type"] if e is not None else "unknown"
            group = e["group"] if e is not None else UNKNOWN_GROUP
            info = known[written] = (canon, kind, gender, group, forms.get(written, "variant"))
        out.append(Mention(m.start(), m.end(), written, *info))
    return out


def _from_text(found: FoundName, codebook: Codebook) -> Mention:
    """A name or role found in the text; the codebook supplies canonical name and group when it knows it."""
    canon = codebook.canonical(found.name)
    e = codebook.entity_info.get(canon)
    if found.kind == "name":
        gender = e["gender"] if e is not None and found.gender == "any" else found.gender
        kind = e["type"] if e is not None else "person"
        return Mention(found.start, found.end, found.text, canon, kind, gender,
                       e["group"] if e is not None else UNKNOWN_GROUP, "name", head=found.head_start)
    gender = _role_gender(found.text, codebook, "any" if e is None else e["gender"])
    return Mention(found.start, found.end, found.text, canon if e is not None else found.text,
                   e["type"] if e is not None else "organisation", gender,
                   e["group"] if e is not None else UNKNOWN_GROUP, "role", document=found.kind == "document",
                   head=found.head_start)


class _Spans:
    """Which mention covers each character: overlap look-ups in the length of the span, not of the list."""

    def __init__(self, size: int) -> None:
        self.owner = [-1] * (size + 1)
        self.covered = bytearray(size + 1)  # 1 where a mention covers the character: searched in C by find()
        self.items: list[Mention] = []

    def add(self, m: Mention) -> None:
        k = len(self.items)
        self.items.append(m)
        if self.free(m.start, m.end):  # nothing there yet: claim the span at once
            self.owner[m.start : m.end] = [k] * (m.end - m.start)
        else:
            for i in range(m.start, m.end):
                if self.owner[i] < 0:
                    self.owner[i] = k
        self.covered[m.start : m.end] = b"\x01" * (m.end - m.start)

    def free(self, start: int, end: int) -> bool:
        """True when no mention covers any character of [start, end)."""
        return self.covered.find(1, start, end) < 0

    def within(self, start: int, end: int) -> list[Mention]:
        """Mentions that cover any character of [start, end)."""
        if self.free(start, end):
            return []
        seen = dict.fromkeys(k for k in self.owner[start:end] if k >= 0)
        return [self.items[k] for k in seen]

    def covering(self, pos: int) -> Mention | None:
        k = self.owner[pos] if 0 <= pos < len(self.owner) else -1
        return self.items[k] if k >= 0 else None


def _attributive(text: str, m: Mention, after: re.Match[str], codebook: Codebook) -> bool:
    """A name before a role noun qualifies it: right before it ("Trump aides"), or with words between when the
    role is a title before another name or the name opens the sentence ("Libertarian presidential candidate")."""
    words = after.group(1).split()
    if is_role_noun(words[0], codebook):
        return True
    if not is_role_noun(words[-1], codebook):
        return False
    title = re.match(r" [A-Z]", text[after.end() : after.end() + 2]) is not None
    return title or SENTENCE_START.search(text[max(0, m.start - SENTENCE_START_SPAN) : m.start]) is not None


def _previous_words(text: str, pos: int, n: int) -> list[str]:
    """Up to ``n`` words right before ``pos`` (walking back over letters and spaces only, so the cost is theirs)."""
    words: list[str] = []
    i = pos
    while len(words) < n:
        j = i
        while j > 0 and text[j - 1] == " ":
            j -= 1
        k = j
        while k > 0 and text[k - 1].isalnum():
            k -= 1
        if k == j:
            break
        words.insert(0, text[k:j])
        i = k
    return words


def _link_before_determiner(text: str, pos: int, codebook: Codebook) -> bool:
    """ "for the Ministry": a preposition two words back, before the determiner that opens the phrase."""
    words = _previous_words(text, pos, LINK_LOOKBACK_WORDS)
    return len(words) > 1 and is_link(words[-2], codebook)


def _is_modifier(text: str, m: Mention, codebook: Codebook, roles: _Spans) -> bool:
    """A name that qualifies something else: possessive, before a role noun, after a preposition, or inside a role."""
    if POSSESSIVE.match(text, m.end) and m.form in ("name", "variant", "role"):
        return True  # "Jane Roe's aide", "the woman's quotes"
    if m.form not in ("name", "variant"):
        return False
    if text[m.start - 1 : m.start] == "(":
        return True
    after = ATTRIBUTIVE.match(text, m.end)
    if after and _attributive(text, m, after, codebook):
        return True  # "Trump attorney", "Democratic presidential nominee Jane Roe"
    before = _previous_words(text, m.start, 1)  # the word before decides whether the one before it matters
    if before and (is_link(before[0], codebook) or (
            is_determiner(before[0], codebook)
            and _link_before_determiner(text, m.start, codebook))):
        return True  # "of Virginia", "for the Ministry"
    role = roles.covering(m.start)
    return role is not None and role.start <= m.start and m.end < role.end


def _same_person(mentions: list[Mention]) -> None:
    """A lone surname takes the canonical name of the full name it shortens (first full name in the article)."""
    full: dict[str, str] = {}
    for m in mentions:
        parts = m.canonical.split()
        if m.form == "name" and len(parts) > 1:
            full.setdefault(parts[-1], m.canonical)
    for m in mentions:
        if m.form == "name" and " " not in m.canonical and m.canonical in full:
            m.canonical = full[m.canonical]


def _generic(text: str, folded: str | None, codebook: Codebook, taken: _Spans) -> list[Mention]:
    """Subjects that name no particular speaker ("analysts", "some")."""
    generic = _generic_pattern(codebook)
    if generic is None:
        return []
    return [
        Mention(m.start(), m.end(), text[m.start() : m.end()], "", "generic", "any", "", "generic")
        for m in finditer_folded(generic, _lowered(generic), text, folded)
        if taken.covering(m.start()) is None
    ]


def _role_is_new(start: int, end: int, head: int, taken: _Spans) -> bool:
    """A role is kept unless a name ends where it ends ("the State Department") or it sits inside or across another."""
    for t in taken.within(start, end):
        inside = start <= t.start and t.end <= end
        if inside and t.end == end and t.form != "generic" and t.start <= head:
            return False  # the role noun is part of the name: "the State Department", "the country's Ministry of X"
        if t.start < end and start < t.end and not inside:
            return False
        if inside and t.form == "generic":
            return False
    return True


def _roles_serve(taken: list[Mention], size: int) -> None:
    """A role that serves a body the codebook knows speaks for it ("a spokeswoman for X" -> X, group of X)."""
    known = _Spans(size)
    for m in taken:
        if m.form in ("variant", "descriptor"):
            known.add(m)
    for r in taken:
        if r.form != "role" or r.canonical != r.text:
            continue
        inner = next((k for k in known.within(r.start, r.end) if r.start <= k.start and k.end <= r.end), None)
        if inner is not None:
            r.canonical, r.group, r.type = inner.canonical, inner.group, inner.type


def mentions(text: str, codebook: Codebook) -> list[Mention]:
    """Candidate speakers in ``text``: codebook forms, names, roles, pronouns and generic subjects."""
    out = _codebook_mentions(text, codebook)
    spans = _Spans(len(text))
    for m in out:
        spans.add(m)
    # a name or role becomes a Mention only once it is known to be kept: most of the cost is in building them
    datelines = _Spans(len(text))
    for d in DATELINE.finditer(text):
        datelines.covered[d.start() : d.end()] = b"\x01" * (d.end() - d.start())
    for f in find_names(text, codebook):
        if not is_role_noun(f.text, codebook) and spans.free(f.start, f.end) and datelines.free(f.start, f.end):
            spans.add(_from_text(f, codebook))
    folded = ascii_lowered(text)  # case-insensitive word lists run case-sensitively on it
    for g in _generic(text, folded, codebook, spans):
        spans.add(g)
    role_spans = _Spans(len(text))
    for f in find_roles(text, codebook):
        if _role_is_new(f.start, f.end, f.head_start, spans):
            r = _from_text(f, codebook)
            spans.add(r)
            role_spans.add(r)
    taken = spans.items
    starts = {m.start for m in taken if m.form in ("name", "variant")}
    for m in taken:
        m.modifier = _is_modifier(text, m, codebook, role_spans)
        if m.form == "role" and text[m.end : m.end + 1] == " " and m.end + 1 in starts:
            m.modifier = True  # a role written as a title before a name ("pharmacist Jane Roe")
    pronouns = codebook.section("speech_verbs").get("pronouns", {})
    rx = pronoun_pattern(codebook)
    for m in finditer_folded(rx, _lowered(rx), text, folded):
        word = text[m.start() : m.end()]
        taken.append(Mention(m.start(), m.end(), word, "", "pronoun", pronouns.get(word.lower(), "any"), "", "pronoun"))
    taken.sort(key=lambda x: x.start)
    _same_person(taken)
    _roles_serve(taken, len(text))
    return taken


def shared_mentions(text: str, codebook: Codebook) -> list[Mention]:
    """:func:`mentions` of ``text``, found once per process: the quote finder and the actor mentions read the
    same articles of a chunk one stage after the other. Each caller gets its own copies, free to annotate."""
    return [_copied(m) for m in _mentions_once(text, codebook)]


_MENTION_FIELDS = operator.attrgetter(*(f.name for f in fields(Mention)))


def _copied(m: Mention) -> Mention:
    """A copy (every field is a string, a number or a flag), without ``copy.copy``'s slower generic protocol."""
    return Mention(*_MENTION_FIELDS(m))


@lru_cache(maxsize=1024)  # more than a chunk's articles
def _mentions_once(text: str, codebook: Codebook) -> tuple[Mention, ...]:
    return tuple(mentions(text, codebook))
