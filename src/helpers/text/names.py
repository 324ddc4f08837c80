"""Candidate speakers found in the text itself: name-shaped spans and role or institution phrases.

A new study has an empty alias codebook, so speakers cannot come from it: they come from the shape of
the text. A *name* is a run of capitalised words (initials, particles such as "de" or "van", joined
prefixes such as "al-") with any title or honorific written before it ("Sen.", "Secretary of State").
A *role* is a determiner and a role, institution or document noun ("a spokeswoman for the ministry",
"the State Department", "the statement", "police"), found by :mod:`helpers.text.roles` with the patterns
compiled here. All the words come from ``codebooks/general/en`` (``names.yaml``, ``roles.yaml``); the alias
codebook only maps what was found to a canonical name.

Names found here are also counted per article and grouped across a corpus into
suggested alias groups (:mod:`helpers.text.name_groups`).
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from helpers.inputs.codebook import Codebook
from helpers.inputs.patterns import ascii_lowered, lowered, trie_body

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


NAME_JOINS = "_.'’-"  # characters besides letters and digits that the name pattern's look-behind refuses
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
    core_rx: re.Pattern[str]  # name_rx without a title: a run of capitalised words
    titled_rx: re.Pattern[str]  # name_rx with a title, tried only where a title word could open it
    title_cue: re.Pattern[str] | None  # any title word, on ascii-lowered text (see :func:`_name_matches`)
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
    head_fast: re.Pattern[str] | None  # the same in lower case, for candidates in ascii-lowered text (_next_head)
    role_reach: int  # words a role phrase may have before its head, besides an owner's capitalised words
    opener_endings: tuple[str, ...]
    headline_verb: re.Pattern[str]  # a capitalised present-tense speech verb inside a run ("Jane Roe Says X")


def _words(section: dict, key: str) -> list[str]:
    return [str(w) for w in section.get(key, []) or []]


def _name_patterns(names: dict, honorifics: dict[str, str]) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str],
                                                                    re.Pattern[str] | None]:
    """(name pattern, its run of capitalised words alone, the same with a title, any title word on lower-cased
    text) from names.yaml: see :class:`NameLexicon`."""
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
    titled = rf"(?P<title>(?:{token}[ ]){{0,{TITLE_MAX_QUALIFIERS}}}?(?:(?i:{title})[ ]+)+)"
    core = rf"(?P<core>{token}(?:[ ](?:(?:{particles})[ ])*{token})*)(?![\w-])"
    # zero-width, so a title inside another is found too ("lady" in "first lady")
    title_cue = lowered(re.compile(rf"(?<!\w)(?=(?:{prefixes})[ -]|(?:{short})\.?[ ]|(?:{offices})[ ])", re.I))
    start = r"(?<![\w.'’-])"
    return (re.compile(rf"{start}{titled}?{core}"), re.compile(rf"{start}{core}"),
            re.compile(rf"{start}{titled}{core}"), title_cue)


@lru_cache(maxsize=8)
def name_lexicon(codebook: Codebook) -> NameLexicon:
    """Compile the name and role patterns once per codebook."""
    names = codebook.section("names")
    roles = codebook.section("roles")
    honorifics = {str(w).lower(): g for g, ws in (names.get("honorifics") or {}).items() for w in ws}
    titles = _words(names, "titles") + list(honorifics)
    name_rx, core_rx, titled_rx, title_cue = _name_patterns(names, honorifics)
    nouns = _words(roles, "people") + _words(roles, "institutions") + _words(roles, "documents")
    dets = trie_body(_words(roles, "determiners")) or "(?!)"
    links = _words(roles, "links")
    noun = trie_body(sorted(set(nouns))) or "(?!)"  # an old study copy without roles.yaml finds no roles
    noun_lower = trie_body(sorted({w.lower() for w in nouns})) or "(?!)"
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
        core_rx,
        titled_rx,
        title_cue,
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
        re.compile(rf"(?<![\w-])(?:{noun_lower})s?(?![\w-])") if noun_lower.isascii() else None,
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


def _name_matches(text: str, lex: NameLexicon) -> Iterator[re.Match[str]]:
    """The matches of ``lex.name_rx.finditer(text)``, found in little more than half the time.

    Trying the optional title (up to three qualifiers, then case-insensitive title words) at every word costs
    most of the scan, and few words are near a title. So runs of capitalised words come from the pattern
    without a title, and the titled pattern is tried only where it could match: at a title word and at the up
    to ``TITLE_MAX_QUALIFIERS`` words before it. At each position the titled match wins, as the optional group
    does in ``name_rx``, and the leftmost match wins, as in ``finditer``.
    """
    folded = ascii_lowered(text) if lex.title_cue is not None else None
    if folded is None:
        yield from lex.name_rx.finditer(text)
        return
    starts = sorted({s for cue in lex.title_cue.finditer(folded) for s in _words_before(text, cue.start())})
    pos, k = 0, 0
    while True:
        core = lex.core_rx.search(text, pos)
        limit = core.start() if core is not None else len(text)
        titled = None
        while k < len(starts) and starts[k] <= limit:
            if starts[k] >= pos and (titled := lex.titled_rx.match(text, starts[k])) is not None:
                break
            k += 1
        found = titled or core
        if found is None:
            return
        yield found
        pos = found.end()


def _words_before(text: str, pos: int) -> list[int]:
    r"""``pos`` and the positions in the up to ``TITLE_MAX_QUALIFIERS`` words before it (each followed by one space)
    that no word character precedes: where a title at ``pos`` with its qualifiers ("U.S. Secretary of State")
    may begin, a word's start or after a mark inside it ('"Acting', "(Texas"). ``str.isalnum`` is what ``\w``
    means, with the underscore."""
    out = [pos]
    for _ in range(TITLE_MAX_QUALIFIERS):
        if pos < 2 or text[pos - 1] != " " or text[pos - 2].isspace():
            break
        end = pos = pos - 1
        while pos > 0 and not text[pos - 1].isspace():
            pos -= 1
        out.extend(i for i in range(pos, end) if i == pos or not (text[i - 1].isalnum() or text[i - 1] in NAME_JOINS))
    return out


def _find_names(text: str, codebook: Codebook) -> list[FoundName]:
    lex = name_lexicon(codebook)
    lower: set[str] | None = None  # the text's lower-case words, collected when a single word needs them
    out: list[FoundName] = []
    common: list[tuple[int, str]] = []  # lone words that are never a name's first word ("Will", "From")
    for m in _name_matches(text, lex):
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
