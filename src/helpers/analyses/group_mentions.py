"""How news refers to a group or an institution after (or instead of) naming it: the group forms of actor mentions.

A codebook names a group once ("Verdant lawmakers", "the Acme administration", "Senate Lumens"),
but articles mostly refer to it otherwise:

* by its **head noun** with a definite determiner: "the administration", "his administration", "the
  programs", "the bill". The head is the last word of a codebook variant when it is a common noun (written
  in lower case, or a role or institution noun of ``roles.yaml``). The article must write another word of
  the group's name somewhere ("Acme" for "the administration" of "the Acme administration"), and the head
  is read only when one group (or one set of spellings of it) is left;
* by its **members**: a group "<Adjective> <member noun>" ("Verdant lawmakers", "Veridian leaders"; the
  plural nouns of ``roles.yaml`` ``member_nouns``, for bodies one belongs to) is also meant by the plural noun
  of the adjective ("Verdants"; "Lumens" for "Lumenic", by the
  endings of ``roles.yaml`` ``member_noun_endings``), and a plural group ("Veridians") by its adjective
  before a people noun ("Veridian bishops").

A mention may then count for two codebook actors ("Verdants" for the group Verdants and for
Verdant lawmakers): both are meant. Nothing here knows an event: the words come from ``roles.yaml``
and from the study's own codebook.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from helpers.inputs.codebook import Codebook
from helpers.inputs.patterns import confirmed_finditer

MIN_KEY_LETTERS = 3  # a modifier shorter than this ("of", "US") does not decide between groups


@dataclass(frozen=True)
class GroupForms:
    """The codebook's groups as look-ups: head noun, member noun and adjective -> canonical names."""

    head_rx: re.Pattern[str] | None  # definite determiner + a head noun, singular or plural
    head_fast: re.Pattern[str] | None  # where head_rx may match, found case-sensitively in lower-cased text
    by_head: dict[str, tuple[str, ...]]
    words_of: dict[str, frozenset[str]]  # canonical -> the other words of its variants (lower case)
    member_rx: re.Pattern[str] | None
    by_member: dict[str, tuple[str, ...]]
    adjective_rx: re.Pattern[str] | None  # adjective + people noun
    by_adjective: dict[str, tuple[str, ...]]


def singular(word: str) -> str:
    """A noun's key for singular and plural alike ("programs" -> "program"; "class" kept): a key, not always a word."""
    w = word.lower()
    return w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w


def singular_words(text: str) -> set[str]:
    """The :func:`singular` key of every word of ``text`` (lower-case letters and digits), the same rule in one
    pass: an article has a few hundred distinct words, and a call per word cost more than the rule."""
    words = set(re.findall(r"[a-z0-9]+", text.lower()))
    return {w[:-1] if len(w) > 3 and w[-1] == "s" and w[-2] != "s" else w for w in words}


def _words(codebook: Codebook, key: str) -> list[str]:
    return [str(w) for w in codebook.section("roles").get(key, []) or []]


def _alternation(words: set[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def member_nouns(adjective: str, endings: list[list[str]]) -> set[str]:
    """The plural nouns for members of an adjective's group: "Verdant" -> "Verdants", "Lumenic" -> "Lumens"."""
    out = set()
    for drop, add in endings:
        if adjective.endswith(drop) and len(adjective) > len(drop) + 2:
            out.add(adjective[: len(adjective) - len(drop)] + add)
    return out


@lru_cache(maxsize=8)
def group_forms(codebook: Codebook, actors: frozenset[str]) -> GroupForms:
    """Built once per codebook from its variants of the ``actors`` (canonical names that have an actor)."""
    people = {singular(w) for w in _words(codebook, "people")}
    nouns = people | {singular(w) for w in _words(codebook, "institutions") + _words(codebook, "documents")}
    links = {w.lower() for w in _words(codebook, "links")}
    endings = [list(map(str, e)) for e in codebook.section("roles").get("member_noun_endings", []) or []]
    by_head: dict[str, set[str]] = {}
    words_of: dict[str, set[str]] = {}
    by_member: dict[str, set[str]] = {}
    by_adjective: dict[str, set[str]] = {}
    members = {singular(w) for w in _words(codebook, "member_nouns")}
    info = codebook.entity_info
    for variant, canonical, form in zip(codebook.aliases["variant"], codebook.aliases["canonical"],
                                        codebook.aliases["form"], strict=True):
        if canonical not in actors or form != "variant":  # a descriptor ("the top envoy") is resolved as a role
            continue
        words = str(variant).replace("’", "'").split()
        cut = next((i for i, w in enumerate(words) if i and w.lower() in links), len(words))
        words = words[:cut]  # "rule for couples": the head is "rule"
        last = words[-1]
        if len(words) > 1 and (last.islower() or singular(last) in nouns) and last.isalpha():
            by_head.setdefault(singular(last), set()).add(canonical)
            words_of.setdefault(canonical, set()).update(
                singular(w.removesuffix("'s")) for w in words[:-1]
                if len(w) >= MIN_KEY_LETTERS or any(ch.isdigit() for ch in w))
        if len(words) == 2 and words[0][:1].isupper() and words[0].isalpha() and singular(last) in members \
                and last.lower().endswith("s"):
            for noun in member_nouns(words[0], endings):
                by_member.setdefault(noun, set()).add(canonical)
        if len(words) == 1 and last[:1].isupper() and last.endswith("s") and last.isalpha() \
                and info.get(canonical, {}).get("type") != "person":
            for drop, add in endings:  # "Veridians" -> "Veridian"; "Lumens" -> "Lumenic"
                if last.endswith(add) and add:
                    by_adjective.setdefault(last[: len(last) - len(add)] + drop, set()).add(canonical)
    definite = _words(codebook, "definite_determiners")
    head_rx = (re.compile(rf"(?<![\w-])(?i:{_alternation(set(definite))})[ ]+"
                          rf"(?P<head>(?i:{_alternation(set(by_head))})(?:s|'s)?)(?![\w-])")
               if by_head and definite else None)
    dets_lower, heads_lower = {w.lower() for w in definite}, {w.lower() for w in by_head}
    head_fast = (re.compile(rf"(?<![\w-])(?:{_alternation(dets_lower)})[ ]+(?:{_alternation(heads_lower)})")
                 if head_rx is not None and all(w.isascii() for w in dets_lower | heads_lower) else None)
    member_rx = re.compile(rf"(?<![\w-])(?:{_alternation(set(by_member))})(?![\w-])") if by_member else None
    plural_people = {w + "s" for w in people} | people
    adjective_rx = (re.compile(rf"(?<![\w-])(?P<adj>{_alternation(set(by_adjective))})[ ]+"
                               rf"(?i:{_alternation(plural_people)})(?![\w-])") if by_adjective else None)
    freeze = lambda d: {k: tuple(sorted(v)) for k, v in d.items()}  # noqa: E731
    return GroupForms(head_rx, head_fast, freeze(by_head), {c: frozenset(w) for c, w in words_of.items()}, member_rx,
                      freeze(by_member), adjective_rx, freeze(by_adjective))


def other_spellings(variant: str, codebook: Codebook) -> list[str]:
    """Other ways to write a codebook variant: the conjuncts swapped ("Ann and Bo Roe" -> "Bo and Ann Roe") and an
    institution named by its head noun ("Justice Department" -> "Department of Justice")."""
    words = variant.split()
    out = []
    conjunctions = {str(w) for w in codebook.section("number_words").get("conjunctions", [])}
    if len(words) >= 4 and words[1] in conjunctions:  # "Ann and Bo Roe"
        out.append(" ".join([words[2], words[1], words[0], *words[3:]]))
    institutions = {w.lower() for w in _words(codebook, "institutions")}
    joiner = next((str(j) for j in codebook.section("names").get("institution_joiners", [])), "")
    if len(words) == 2 and words[0][:1].isupper() and words[1][:1].isupper() and words[1].lower() in institutions \
            and joiner:
        out.append(f"{words[1]} {joiner} {words[0]}")
    return out


def _by_head(head: str, forms: GroupForms, written: set[str], same: dict[str, tuple[str, ...]]) -> str:
    """The one group of the codebook this article means by a head noun, or "" when it cannot tell."""
    found = forms.by_head.get(singular(head.removesuffix("'s")), ())
    found = tuple(c for c in found if any(w in written for w in forms.words_of.get(c, ())) or not forms.words_of.get(c))
    if len(found) > 1 and all(c in same.get(found[0], ()) for c in found[1:]):
        found = found[:1]  # spellings of one group ("Acme administration", "Acme's administration")
    return found[0] if len(found) == 1 else ""


def group_references(text: str, codebook: Codebook, actors: frozenset[str],
                     same: dict[str, tuple[str, ...]] | None = None) -> list[tuple[int, int, str, str, str]]:
    """(start, end, as written, canonical, how) of every head-noun and member reference to a codebook group.

    ``how`` is ``head`` ("the administration") or ``member`` ("Verdants" for Verdant lawmakers,
    "Veridian bishops" for Veridians). ``same`` maps a canonical name to its other spellings.
    """
    forms = group_forms(codebook, actors)
    out: list[tuple[int, int, str, str, str]] = []
    if forms.head_rx is not None:
        written: set[str] | None = None  # the text's words, read only once a head noun is found
        for m in confirmed_finditer(forms.head_rx, forms.head_fast, text):
            if written is None:
                written = singular_words(text)
            canonical = _by_head(m.group("head"), forms, written, same or {})
            if canonical:
                out.append((m.start("head"), m.end("head"), m.group("head"), canonical, "head"))
    if forms.member_rx is not None:
        for m in forms.member_rx.finditer(text):
            out.extend((m.start(), m.end(), m.group(), c, "member") for c in forms.by_member[m.group()])
    if forms.adjective_rx is not None:
        for m in forms.adjective_rx.finditer(text):
            out.extend((m.start(), m.end(), m.group(), c, "member") for c in forms.by_adjective[m.group("adj")])
    return out
