"""Candidate speakers found in the text itself: name-shaped spans and role or institution phrases.

A new study has an empty alias codebook, so speakers cannot come from it: they come from the shape of
the text. A *name* is a run of capitalised words (initials, particles such as "de" or "van", joined
prefixes such as "al-") with any title or honorific written before it ("Sen.", "Secretary of State").
A *role* is a determiner and a role, institution or document noun ("a spokeswoman for the ministry",
"the State Department", "the statement", "police"). All the words come from ``codebooks/general/en``
(``names.yaml``, ``roles.yaml``); the alias codebook only maps what was found to a canonical name.

Names found here also feed :mod:`helpers.text.aliases`, which clusters their spellings across a corpus.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from helpers.inputs.codebook import Codebook
from helpers.text.patterns import trie_body

# A capitalised word: initials (J., U.S.), names with inner apostrophes (O'Neill, but not the possessive
# 's), hyphenated or prefixed parts (Kassym-Jomart, al-Assad), and all-capital words (PENCE).
TOKEN = r"(?:(?:[A-Z]\.){2,}|[A-Z]\.|(?:[a-z]{1,3}-)?[A-Z][^\W_]*(?:['’](?!s\b)[A-Za-z]+)?(?:-[A-Za-z][^\W_]*)*)"
# How many words may stand between a role phrase's determiner and its role noun ("a senior campaign spokesman").
ROLE_MAX_MODIFIERS = 3
# All-capital runs of at least this many words are headings.
HEADING_MIN_WORDS = 3


@dataclass(frozen=True)
class Found:
    """A candidate speaker in the text: a name or a role phrase."""

    start: int
    end: int
    text: str  # as written, with any title
    name: str  # the name without its title (names), or the phrase itself (roles)
    kind: str  # name | role
    gender: str  # male | female | any
    head_start: int  # where the name itself (or the role noun) starts


@dataclass(frozen=True)
class NameLexicon:
    """The general-English word lists of names.yaml and roles.yaml, compiled."""

    name_rx: re.Pattern[str]
    role_rx: re.Pattern[str]
    honorific_gender: dict[str, str]
    not_names: frozenset[str]
    verbs: frozenset[str]
    title_words: frozenset[str]
    role_nouns: frozenset[str]
    links: frozenset[str]
    documents: frozenset[str]
    joiners: frozenset[str]


def _words(section: dict, key: str) -> list[str]:
    return [str(w) for w in section.get(key, []) or []]


@lru_cache(maxsize=8)
def lexicon(codebook: Codebook) -> NameLexicon:
    """Compile the name and role patterns once per codebook."""
    names = codebook.section("names")
    roles = codebook.section("roles")
    honorifics = {str(w).lower(): g for g, ws in (names.get("honorifics") or {}).items() for w in ws}
    titles = _words(names, "titles") + list(honorifics)
    prefixes = trie_body(_words(names, "title_prefixes")) or "(?!)"
    title = rf"(?:(?:{prefixes})[\s-]+)?(?:{trie_body(sorted(set(titles))) or '(?!)'})\.?"
    particles = trie_body(_words(names, "particles")) or "(?!)"
    abbreviated = trie_body(sorted(w[:1].upper() + w[1:] for w in honorifics)) or "(?!)"
    token = rf"(?:(?:{abbreviated})\.|{TOKEN})"  # "Sen." and "Gen." may sit inside a run: "Democratic Sen. Jane Roe"
    name_rx = re.compile(
        rf"(?<![\w.'’-])(?P<title>(?:(?i:{title})\s+)*)(?P<core>{token}(?:[ ](?:(?:{particles})[ ])*{token})*)(?![\w-])"
    )
    nouns = _words(roles, "people") + _words(roles, "institutions") + _words(roles, "documents")
    dets = trie_body(_words(roles, "determiners")) or "(?!)"
    links = _words(roles, "links")
    noun = trie_body(sorted(set(nouns)))
    verbs = _words(codebook.section("speech_verbs"), "verbs")
    stop = trie_body(sorted(set(_words(roles, "determiners") + links + verbs)))
    modifier = rf"(?:(?!(?:{stop})\b)[\w'’.-]+\s+)"
    owner = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*['’]s"
    role_rx = re.compile(
        rf"(?<![\w-])(?:(?:(?i:{dets})|{owner})\s+(?:{modifier}){{0,{ROLE_MAX_MODIFIERS}}})?"
        rf"(?P<head>(?i:{noun})s?)(?![\w-])"
        rf"(?:\s+(?i:{trie_body(links) or '(?!)'})\s+(?:(?i:the)\s+)?"
        rf"(?:{TOKEN}(?:[ ]{TOKEN})*|(?:{modifier}){{0,{ROLE_MAX_MODIFIERS}}}(?i:{noun})s?)(?![\w-]))?",
    )
    return NameLexicon(
        name_rx,
        role_rx,
        honorifics,
        frozenset(_words(names, "not_names")),
        frozenset(w.lower() for w in _words(codebook.section("speech_verbs"), "verbs")),
        frozenset(w.lower() for w in titles),
        frozenset(w.lower() for w in nouns),
        frozenset(w.lower() for w in links),
        frozenset(w.lower() for w in _words(roles, "documents")),
        frozenset(f" {w} " for w in _words(names, "institution_joiners")),
    )


def _strip_leading(core: str, lex: NameLexicon) -> tuple[int, int]:
    """(title end, name start) in a capitalised run: words that start no name, then titles, come off the front.

    "But Trump" -> Trump; "Democratic Sen. Jane Roe" and "Retired Lt. Gen. John Roe" -> the title ends
    after the last title word, and the name starts there.
    """
    words = list(re.finditer(r"\S+", core))
    cut = 0
    for m in words:
        word = m.group().rstrip(".")
        low = word.lower()
        if word in lex.not_names or low in lex.verbs:
            cut = m.end() + 1
        else:
            break
    title_end = cut
    for m in words:
        if m.start() >= cut and m.group().rstrip(".").lower() in lex.title_words and m.end() < len(core):
            title_end = m.end() + 1
    return min(cut, len(core)), min(title_end, len(core))


def _gender(title: str, lex: NameLexicon) -> str:
    for word in re.findall(r"[A-Za-z]+", title):
        g = lex.honorific_gender.get(word.lower())
        if g in ("male", "female"):
            return g
    return "any"


def _heading(core: str) -> bool:
    """A run of several all-capital words is a heading ("CONGRESS HAS INVESTIGATED"), not a name."""
    words = core.split()
    return len(words) >= HEADING_MIN_WORDS and all(w.isupper() for w in words)


def _join_institutions(text: str, found: list[Found], lex: NameLexicon) -> list[Found]:
    """ "Ministry" + "of" + "Foreign Affairs" is one name when the part before "of" ends in an institution noun."""
    out: list[Found] = []
    for f in found:
        prev = out[-1] if out else None
        gap = text[prev.end : f.start] if prev is not None else ""
        if prev is not None and gap in lex.joiners and prev.name.split()[-1].lower() in lex.role_nouns:
            name = text[prev.head_start : f.end]
            out[-1] = Found(prev.start, f.end, text[prev.start : f.end], name, "name", prev.gender, prev.head_start)
        else:
            out.append(f)
    return out


def find_names(text: str, codebook: Codebook) -> list[Found]:
    """Name-shaped spans of ``text``, each with its title and the gender the title reveals."""
    lex = lexicon(codebook)
    out: list[Found] = []
    for m in lex.name_rx.finditer(text):
        cut, title_end = _strip_leading(m.group("core"), lex)
        core_start = m.start("core") + title_end
        core = text[core_start : m.end()]
        if core.endswith(".") and not re.search(r"(?:^|[\s.])[A-Z]\.$", core):
            core = core[:-1]  # a full stop that ends the sentence, not an initial
        if not core or core in lex.not_names or core.lower() in lex.title_words or _heading(core):
            continue
        title = text[m.start() if cut == 0 else m.start("core") + cut : core_start]
        start = core_start - len(title)
        end = core_start + len(core)
        out.append(Found(start, end, text[start:end], core, "name", _gender(title, lex), core_start))
    return _join_institutions(text, out, lex)


def find_roles(text: str, codebook: Codebook) -> list[Found]:
    """Role, institution and document phrases ("a spokeswoman", "the ministry", "police")."""
    lex = lexicon(codebook)
    out = []
    for m in lex.role_rx.finditer(text):
        phrase = m.group()
        head = m.group("head").lower()
        kind = "document" if head in lex.documents or head[:-1] in lex.documents else "role"
        out.append(Found(m.start(), m.end(), phrase, phrase, kind, "any", m.start("head")))
    return out


def is_link(word: str, codebook: Codebook) -> bool:
    """True for a preposition that makes the next name a complement ("of Virginia", "for the ministry")."""
    return word.lower() in lexicon(codebook).links


def is_role_noun(word: str, codebook: Codebook) -> bool:
    """True for a role or institution noun ("attorney", "campaign"): a name before it is a modifier."""
    w = word.lower()
    nouns = lexicon(codebook).role_nouns
    return w in nouns or (w.endswith("s") and w[:-1] in nouns)
