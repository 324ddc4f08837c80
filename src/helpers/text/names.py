"""Candidate speakers found in the text itself: name-shaped spans and role or institution phrases.

A new study has an empty alias codebook, so speakers cannot come from it: they come from the shape of
the text. A *name* is a run of capitalised words (initials, particles such as "de" or "van", joined
prefixes such as "al-") with any title or honorific written before it ("Sen.", "Secretary of State").
A *role* is a determiner and a role, institution or document noun ("a spokeswoman for the ministry",
"the State Department", "the statement", "police"). All the words come from ``codebooks/general/en``
(``names.yaml``, ``roles.yaml``); the alias codebook only maps what was found to a canonical name.

Names found here are also counted per article (:func:`name_mentions`) and grouped across a corpus into
suggested alias groups (:mod:`helpers.text.name_groups`).
"""

from __future__ import annotations

import bisect
import re
import string
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from helpers.inputs.codebook import Codebook
from helpers.inputs.patterns import trie_body

# A capitalised word: initials (J., U.S.), names with inner apostrophes (O'Neill, but not the possessive
# 's), hyphenated or prefixed parts (Jean-Luc, al-Rashid), and all-capital words (PENCE).
TOKEN_TAIL = r"[^\W_]*(?:['’](?!s\b)[A-Za-z]+)?(?:-[A-Za-z][^\W_]*)*"  # what follows a word's capital
TOKEN = rf"(?:(?:[A-Z]\.){{2,}}|[A-Z]\.|(?:[a-z]{{1,3}}-)?[A-Z]{TOKEN_TAIL})"
# How many words may stand between a role phrase's determiner and its role noun ("a senior campaign spokesman").
ROLE_MAX_MODIFIERS = 4
# Capitalised words that may qualify a title before a name ("U.S. Secretary of State", "French President").
TITLE_MAX_QUALIFIERS = 3
# All-capital runs of at least this many words are headings.
HEADING_MIN_WORDS = 3


NAMES_CACHED_TEXTS = 1024  # texts whose names are kept per process (more than a chunk's articles)

@dataclass(frozen=True, slots=True)
class FoundName:
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
    institutions: frozenset[str]
    links: frozenset[str]
    documents: frozenset[str]
    joiners: frozenset[str]
    determiners: frozenset[str]
    head_rx: re.Pattern[str]  # a role's head noun alone: where a role phrase can end
    role_reach: int  # words a role phrase may have before its head, besides an owner's capitalised words
    opener_endings: tuple[str, ...]
    headline_verb: re.Pattern[str]  # a capitalised present-tense speech verb inside a run ("Jane Roe Says X")


def _words(section: dict, key: str) -> list[str]:
    return [str(w) for w in section.get(key, []) or []]


@lru_cache(maxsize=8)
def name_lexicon(codebook: Codebook) -> NameLexicon:
    """Compile the name and role patterns once per codebook."""
    names = codebook.section("names")
    roles = codebook.section("roles")
    honorifics = {str(w).lower(): g for g, ws in (names.get("honorifics") or {}).items() for w in ws}
    titles = _words(names, "titles") + list(honorifics)
    prefixes = trie_body(_words(names, "title_prefixes")) or "(?!)"
    offices = trie_body(sorted(set(_words(names, "titles")))) or "(?!)"
    short = trie_body(sorted(honorifics)) or "(?!)"
    # an office is written in full ("aide." ends a sentence); only an honorific takes a full stop ("Sen.")
    title = rf"(?:(?:{prefixes})[ -]+)?(?:(?:{short})\.?|(?:{offices}))"
    particles = trie_body(_words(names, "particles")) or "(?!)"
    abbreviated = trie_body(sorted(w[:1].upper() + w[1:] for w in honorifics)) or "(?!)"
    # "Sen." and "Gen." may sit inside a run: "Democratic Sen. Jane Roe". The same alternatives as
    # (?:{abbreviated}\.|{TOKEN}), in the same order, but a word that opens in lower case is turned away by one
    # look-ahead instead of by every alternative: most words of a text do, and this pattern is tried at each.
    other_capitals = "".join(sorted({w[:1].upper() for w in honorifics if w} - set(string.ascii_uppercase)))
    capital = f"[A-Z{re.escape(other_capitals)}]"
    token = (rf"(?:(?={capital})(?:(?:{abbreviated})\.|(?:[A-Z]\.){{2,}}|[A-Z]\.|[A-Z]{TOKEN_TAIL})"
             rf"|[a-z]{{1,3}}-[A-Z]{TOKEN_TAIL})")
    name_rx = re.compile(
        rf"(?<![\w.'’-])(?P<title>(?:{token}[ ]){{0,{TITLE_MAX_QUALIFIERS}}}?(?:(?i:{title})[ ]+)+)?"
        rf"(?P<core>{token}(?:[ ](?:(?:{particles})[ ])*{token})*)(?![\w-])"
    )
    nouns = _words(roles, "people") + _words(roles, "institutions") + _words(roles, "documents")
    dets = trie_body(_words(roles, "determiners")) or "(?!)"
    links = _words(roles, "links")
    noun = trie_body(sorted(set(nouns))) or "(?!)"  # an old study copy without roles.yaml finds no roles
    verbs = _words(codebook.section("speech_verbs"), "verbs")
    present = trie_body(sorted({w.capitalize() for w in verbs if w.endswith("s") and " " not in w})) or "(?!)"
    infinitive = _words(codebook.section("speech_verbs"), "infinitive_markers")
    stop = trie_body(sorted(set(_words(roles, "determiners") + links + verbs + infinitive)))
    modifier = rf"(?:(?!(?:{stop})\b)(?:(?:[A-Za-z]\.)+|[\w'’-]+)[ ])"  # words of one sentence: no line breaks
    owner = r"[A-Z][\w.'’-]*(?:[ ][A-Z][\w.'’-]*)*['’]s"
    role_rx = re.compile(
        rf"(?<![\w-])(?:(?:(?i:{dets})|{owner})[ ](?:{modifier}){{0,{ROLE_MAX_MODIFIERS}}})?"
        rf"(?P<head>(?i:{noun})s?)(?![\w-])(?:[ ](?:{trie_body(_words(roles, 'post_modifiers')) or '(?!)'})(?=[ ]))?"
        rf"(?:[ ](?i:{trie_body(links) or '(?!)'})[ ](?:(?i:{dets})[ ])?"
        rf"(?:(?:{modifier}){{0,{ROLE_MAX_MODIFIERS}}}(?i:{noun})s?|{TOKEN}(?:[ ]{TOKEN})*)(?![\w-]))?",
    )
    return NameLexicon(
        name_rx,
        role_rx,
        honorifics,
        frozenset(_words(names, "not_names")),
        frozenset(w.lower() for w in _words(codebook.section("speech_verbs"), "verbs")),
        frozenset(w.lower() for w in titles),
        frozenset(w.lower() for w in nouns),
        frozenset(w.lower() for w in _words(roles, "institutions")),
        frozenset(w.lower() for w in links),
        frozenset(w.lower() for w in _words(roles, "documents")),
        frozenset(f" {w} " for w in _words(names, "institution_joiners")),
        frozenset(w.lower() for w in _words(roles, "determiners")),
        re.compile(rf"(?<![\w-])(?i:{noun})s?(?![\w-])"),
        ROLE_MAX_MODIFIERS + max((len(d.split()) for d in _words(roles, "determiners")), default=1),
        tuple(w.lower() for w in _words(names, "opener_endings")),
        re.compile(rf" (?:{present})(?= |$)"),
    )


def _strip_leading(core: str, lex: NameLexicon) -> tuple[int, int]:
    """(0, name start) in a capitalised run: titles inside it come off the front.

    "Democratic Sen. Jane Roe" and "Retired Lt. Gen. John Roe": the name starts after the last title word.
    A run's words are separated by single spaces (the name pattern allows nothing else), so splitting on
    the space finds the same words as a regex, at a fraction of the cost for the tens of thousands of runs.
    """
    title_end, pos = 0, 0
    for word in core.split(" "):
        pos += len(word)
        if pos < len(core) and word.rstrip(".").lower() in lex.title_words:
            title_end = pos + 1
        pos += 1
    return 0, min(title_end, len(core))


def _gender(title: str, lex: NameLexicon) -> str:
    if not title:  # most names come without a title
        return "any"
    for word in re.findall(r"[A-Za-z]+", title):
        g = lex.honorific_gender.get(word.lower())
        if g in ("male", "female"):
            return g
    return "any"


def _heading(core: str) -> bool:
    """A run of several all-capital words is a heading ("CONGRESS HAS INVESTIGATED"), not a name."""
    words = core.split()
    return len(words) >= HEADING_MIN_WORDS and all(w.isupper() for w in words)


def _join_institutions(text: str, found: list[FoundName], lex: NameLexicon) -> list[FoundName]:
    """ "Ministry" + "of" + "Foreign Affairs" is one name when the part before "of" ends in an institution noun."""
    out: list[FoundName] = []
    for f in found:
        prev = out[-1] if out else None
        gap = text[prev.end : f.start] if prev is not None else ""
        if prev is not None and gap in lex.joiners and prev.name.split()[-1].lower() in lex.institutions:
            name = text[prev.head_start : f.end]
            out[-1] = FoundName(prev.start, f.end, text[prev.start : f.end], name, "name", prev.gender, prev.head_start)
        else:
            out.append(f)
    return out


LOWER_WORD = re.compile(r"\b[a-z][a-z-]*\b")
SENTENCE_START = re.compile(r"(?:^|[.!?:]\s+|\n\s*|[\"']\s*)$")
# Characters looked back for a sentence end before a name: a full stop, a space and a quotation mark.
SENTENCE_START_SPAN = 3


def _is_noise(word: str, lex: NameLexicon) -> bool:
    word = word.rstrip(".")
    return word in lex.not_names or word.lower() in lex.verbs


def _noise(span: str, lex: NameLexicon) -> int:
    """Characters of leading words that start no name ("But", "Said").

    Most runs open with a name, so the first word is checked before the run is split into words.
    """
    if not _is_noise(span.split(None, 1)[0], lex):
        return 0
    cut = 0
    for m in re.finditer(r"\S+", span):
        if _is_noise(m.group(), lex):
            cut = m.end() + 1
        else:
            break
    return cut


def _opener(text: str, word: str, lex: NameLexicon) -> bool:
    """A lone capitalised word opening a sentence with the ending of a participle or an adverb ("Reached",
    "Hastily") that the text never capitalises inside a sentence: a name ("Manning", "Kelly") is written
    again mid-sentence, where only a name keeps its capital."""
    if not word.lower().endswith(lex.opener_endings) or not word[1:].islower():
        return False
    for m in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text):
        if not SENTENCE_START.search(text[max(0, m.start() - SENTENCE_START_SPAN) : m.start()]):
            return False
    return True


def find_names(text: str, codebook: Codebook) -> list[FoundName]:
    """Name-shaped spans of ``text``, each with its title and the gender the title reveals.

    Found once per text and process: the quote finder, the name table and the actor mentions all read the
    names of the same articles of a chunk, one stage after another.
    """
    return list(_names_once(text, codebook))


@lru_cache(maxsize=NAMES_CACHED_TEXTS)
def _names_once(text: str, codebook: Codebook) -> tuple[FoundName, ...]:
    return tuple(_find_names(text, codebook))


# What follows a lone surname that is also a common word: a relative clause or a lower-case verb.
SURNAME_FOLLOWER = re.compile(r"(?:(, who\b)|[ ]([a-z]+)\b)")


def _find_names(text: str, codebook: Codebook) -> list[FoundName]:
    lex = name_lexicon(codebook)
    lower: set[str] | None = None  # the text's lower-case words, collected when a single word needs them
    out: list[FoundName] = []
    common: list[tuple[int, str]] = []  # lone words that are never a name's first word ("Will", "From")
    for m in lex.name_rx.finditer(text):
        run = m.group()
        if " " not in run and _is_noise(run, lex):
            if run in lex.not_names:
                common.append((m.start(), run))
            continue  # a lone "The" or "But" (a title always ends in a space, so there is none here)
        start = m.start() + _noise(run, lex)
        core_start = max(m.start("core"), start)
        _, title_end = _strip_leading(text[core_start : m.end()], lex)
        core_start += title_end
        core = text[core_start : m.end()]
        if core.endswith(".") and not re.search(r"(?:^|[\s.])[A-Z]\.$", core):
            core = core[:-1]  # a full stop that ends the sentence, not an initial
        if " " in core and (verb := lex.headline_verb.search(core)) is not None:
            core = core[: verb.start()]  # a headline's "Jane Roe Says Tax Is Fair": the name ends before its verb
        titled = start < core_start  # "Mr. King": after an honorific a title word is a name
        if not core or core in lex.not_names or (core.lower() in lex.title_words and not titled) or _heading(core):
            if core and " " not in core and core.lower() in lex.title_words and not titled:
                common.append((core_start, core))  # "King says": the surname of "Billie Jean King" (_surnames_alone)
            continue
        if " " not in core and SENTENCE_START.search(text[max(0, m.start() - SENTENCE_START_SPAN) : m.start()]):
            lower = set(LOWER_WORD.findall(text)) if lower is None else lower
            if core.lower() in lower and not text.startswith(", who ", m.end()):
                continue  # one capitalised word opening a sentence, written in lower case elsewhere ("Following");
                # "Small, who led the vote," is someone
            if _opener(text, core, lex):
                continue  # "Boasting 108,000 residents, ...", "Shortly after": a participle or an adverb
        end = core_start + len(core)
        title = text[start:core_start]
        out.append(FoundName(start, end, text[start:end], core, "name", _gender(title, lex), core_start))
    if common:
        out = sorted(out + _surnames_alone(text, common, out, lex), key=lambda f: f.start)
    return _join_institutions(text, out, lex)


def _surnames_alone(
    text: str, common: list[tuple[int, str]], found: list[FoundName], lex: NameLexicon
) -> list[FoundName]:
    """A common word that ends a full name of the article ("Tom Will", "Ana From") is that surname again
    when it stands alone before a speech verb or a relative clause ("Will wrote", "From, who ...")."""
    surnames = {f.name.split()[-1] for f in found if " " in f.name}
    out = []
    for start, word in common:
        if word not in surnames:
            continue
        nxt = SURNAME_FOLLOWER.match(text, start + len(word))
        if nxt is not None and (nxt.group(1) is not None or nxt.group(2) in lex.verbs):
            out.append(FoundName(start, start + len(word), word, word, "name", "any", start))
    return out


def find_roles(text: str, codebook: Codebook) -> list[FoundName]:
    """Role, institution and document phrases ("a spokeswoman", "the ministry", "police").

    The same phrases as ``role_rx.finditer`` over the whole text, found faster: the full pattern is tried only
    from the earliest word a phrase ending in the next head noun could start at (see ``_role_start``).
    """
    lex = name_lexicon(codebook)
    out = []
    pos = 0
    while (head := lex.head_rx.search(text, pos)) is not None:
        m = lex.role_rx.search(text, max(pos, _role_start(text, head.start(), lex.role_reach)))
        if m is None:
            break
        phrase = m.group()
        head_word = m.group("head").lower()
        kind = "document" if head_word in lex.documents or head_word[:-1] in lex.documents else "role"
        out.append(FoundName(m.start(), m.end(), phrase, phrase, kind, "any", m.start("head")))
        pos = m.end()
    return out


def _role_start(text: str, head: int, reach: int) -> int:
    """The earliest position a role phrase whose head noun starts at ``head`` can start: ``reach`` words back
    (determiner and modifiers, each followed by one space), then further over capitalised words (an owner such
    as "Jane Roe's"). No match of the role pattern can start before it, so nothing is missed."""
    pos, words = head, 0
    while pos > 1 and text[pos - 1] == " " and not text[pos - 2].isspace():
        start = pos - 1
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        words += 1
        if words > reach and not ("A" <= text[start] <= "Z"):
            break
        pos = start
    return pos


def is_link(word: str, codebook: Codebook) -> bool:
    """True for a preposition that makes the next name a complement ("of Virginia", "for the ministry")."""
    return word.lower() in name_lexicon(codebook).links


def is_determiner(word: str, codebook: Codebook) -> bool:
    """True for a word that opens a noun phrase ("the", "a", "his")."""
    return word.lower() in name_lexicon(codebook).determiners


def is_role_noun(word: str, codebook: Codebook) -> bool:
    """True for a role or institution noun ("attorney", "campaign"): a name before it is a modifier."""
    w = word.lower()
    nouns = name_lexicon(codebook).role_nouns
    return w in nouns or (w.endswith("s") and w[:-1] in nouns)


# --- names per article, for the suggested alias groups (helpers.text.name_groups) -----------------

# An example sentence is cut to at most this many characters.
EXAMPLE_MAX_CHARS = 240
SENTENCE_EDGE = re.compile(r"(?<=[.!?])\s+|\n+")


def _sentence_at(text: str, start: int, edges: list[tuple[int, int]]) -> str:
    """The sentence around position ``start`` (split at . ! ? and line breaks), cut to EXAMPLE_MAX_CHARS.

    ``edges`` are the text's sentence edges (start, end), found once per article and searched by bisection.
    """
    i = bisect.bisect_right(edges, (start, len(text) + 1))
    left = edges[i - 1][1] if i and edges[i - 1][1] <= start else 0
    right = edges[i][0] if i < len(edges) else len(text)
    if i and edges[i - 1][1] > start:  # ``start`` inside an edge: the sentence ends there
        right = edges[i - 1][0]
        left = edges[i - 2][1] if i > 1 else 0
    sentence = " ".join(text[left:right].split())
    return sentence if len(sentence) <= EXAMPLE_MAX_CHARS else sentence[: EXAMPLE_MAX_CHARS - 1] + "…"


def name_mentions(normalised, codebook: Codebook) -> pd.DataFrame:
    """Every name written in each article (article_id, name, mentions, as_word, example).

    ``as_word`` counts the one-word names the article also writes in lower case ("Come" / "come"), and
    ``example`` is the sentence of the name's first mention. One row per article and name, so the table can
    be computed chunk by chunk and joined.
    """
    rows = []
    for aid, doc in normalised.documents.items():
        text = doc.clean_text
        found = find_names(text, codebook)
        edges = [(m.start(), m.end()) for m in SENTENCE_EDGE.finditer(text)]
        lower = Counter(LOWER_WORD.findall(text))
        first = {}
        for f in found:
            first.setdefault(f.name, f.head_start)
        for name, n in Counter(f.name for f in found).items():
            rows.append({"article_id": aid, "name": name, "mentions": n,
                         "as_word": 0 if " " in name else lower.get(name.lower(), 0),
                         "example": _sentence_at(text, first[name], edges)})
    return pd.DataFrame(rows, columns=["article_id", "name", "mentions", "as_word", "example"])
