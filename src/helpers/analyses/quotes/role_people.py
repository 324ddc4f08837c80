"""A role said again is the person the article named with it: "Governor Ana Ruiz ... the governor said".

News writing introduces a person once with a title or an appositive ("Governor Ana Ruiz", "the UN envoy,
Piet de Groot", "Piet de Groot, the UN envoy,") and then refers back with the definite role alone ("the
governor said", "the envoy added"). A reader resolves that role to the person; so does this module, within
one article, using only the shape of the text and the role nouns of ``roles.yaml`` (no event words). The
role keeps what was written (``speaker_as_written``), so the reader still sees the words on the page.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from helpers.analyses.quotes.mentions import Mention
from helpers.inputs.codebook import Codebook
from helpers.text.names import name_lexicon
from helpers.text.roles import is_role_noun

# The determiner that refers back to someone already named ("the governor", not "a governor").
DEFINITE = "the "
# What may stand between a role and the name in apposition to it ("the envoy, Piet de Groot").
APPOSITION = (", ",)


def _role_noun(text: str, m: Mention) -> str:
    """The noun a role phrase is about ("envoy" in "the UN envoy"), lower-cased."""
    head = text[m.head : m.end] if m.head >= m.start else m.text
    return head.lower().strip(" .,")


def _title_nouns(m: Mention, codebook: Codebook) -> list[str]:
    """Role nouns in a name's title ("Governor" in "Governor Ana Ruiz"; "former" and "U.S." are not)."""
    if m.head <= m.start:
        return []
    words = m.text[: m.head - m.start].replace(".", " ").split()
    return [w.lower() for w in words if w[:1].isalpha() and is_role_noun(w, codebook)]


def _person_noun(noun: str, codebook: Codebook) -> bool:
    """A noun for a person ("governor", "envoy"), not for a body ("committee") or a text ("statement")."""
    lex = name_lexicon(codebook)
    return is_role_noun(noun, codebook) and noun not in lex.institutions and noun not in lex.documents


def _qualifiers(role: str) -> set[str]:
    """Capitalised words that narrow a role ("Florida" in "the Florida senator"): the link must name them too."""
    return {w.lower() for w in role.replace(".", " ").split()[1:] if w[:1].isupper()}


def _links(text: str, found: list[Mention], codebook: Codebook) -> list[tuple[int, str, Mention, str]]:
    """(position, role noun, person, words tying them) for every place the article ties a role to a person."""
    names = {m.start: m for m in found if m.form in ("name", "variant") and m.type == "person" and not m.modifier
             and not is_role_noun(m.text.split()[-1], codebook)}  # "State Department" is no person
    name_ends = {m.end: m for m in names.values()}
    out: list[tuple[int, str, Mention, str]] = []
    for m in found:
        if m.form in ("name", "variant") and m.start in names:
            out += [(m.start, noun, m, m.text.lower()) for noun in _title_nouns(m, codebook)]
        if m.form != "role" or m.document:
            continue
        noun = _role_noun(text, m)
        after = names.get(m.end + 1) if m.modifier else None  # "pharmacist Jane Roe"
        for gap in APPOSITION:
            if after is None and text[m.end : m.end + len(gap)] == gap:
                after = names.get(m.end + len(gap))  # "the UN envoy, Piet de Groot"
            if after is None and text[m.start - len(gap) : m.start] == gap:
                after = name_ends.get(m.start - len(gap))  # "Piet de Groot, the UN envoy"
        if after is not None:
            out.append((m.start, noun, after, m.text.lower()))
    return sorted(out, key=lambda x: x[0])


def roles_to_people(text: str, found: list[Mention], codebook: Codebook) -> None:
    """Give a definite role ("the governor") the person the article last named with that role, in place."""
    links = _links(text, found, codebook)
    if not links:
        return
    for m in found:
        if (m.form != "role" or m.modifier or m.document or m.canonical != m.text
                or not m.text.lower().startswith(DEFINITE)):
            continue
        noun = _role_noun(text, m)
        if not _person_noun(noun, codebook):
            continue
        wanted = _qualifiers(m.text)
        person = next((p for pos, n, p, words in reversed(links)
                       if pos < m.start and n == noun and all(w in words for w in wanted)), None)
        if person is None:
            continue
        m.canonical, m.type, m.group = person.canonical, person.type, person.group
        m.gender = person.gender if m.gender == "any" else m.gender


# The gender of a descriptor that is a person of either sex: resolved like a pronoun, to a person only.
PERSON = "person"


@lru_cache(maxsize=8)
def _age_pattern(codebook: Codebook) -> tuple[tuple[str, ...], re.Pattern[str]]:
    words = tuple(str(w) for w in codebook.section("roles").get("age_nouns", []) or [])
    return words, re.compile(r"\b[Tt]he \d{1,3}-(?:" + ("|".join(map(re.escape, words)) or "(?!)") + r")(?![\w-])")


def age_descriptors(text: str, found: list[Mention], codebook: Codebook) -> None:
    """ "the 46-year-old said": a person described by age alone is someone the article has named; added to
    ``found`` (sorted by position) as a pronoun for a person, unless another mention already covers it."""
    words, rx = _age_pattern(codebook)
    if not any(w in text for w in words):  # most articles describe no one by age: skip the pattern
        return
    for m in rx.finditer(text):
        k = bisect_left([f.start for f in found], m.start())
        if (k < len(found) and found[k].start < m.end()) or (k > 0 and found[k - 1].end > m.start()):
            continue  # "the 46-year-old senator" is a role already
        found.insert(k, Mention(m.start(), m.end(), m.group(), "", "pronoun", PERSON, "", "pronoun"))
