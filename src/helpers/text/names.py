"""Candidate speakers found in the text itself: name-shaped spans and role or institution phrases.

A new study has an empty alias codebook, so speakers cannot come from it: they come from the shape of
the text. A *name* is a run of capitalised words (initials, particles such as "de" or "van", joined
prefixes such as "al-") with any title or honorific written before it ("Sen.", "Secretary of State").
A *role* is a determiner and a role, institution or document noun ("a spokeswoman for the ministry",
"the State Department", "the statement", "police"). All the words come from ``codebooks/general/en``
(``names.yaml``, ``roles.yaml``); the alias codebook only maps what was found to a canonical name.

Names found here are also clustered across a corpus (:func:`suggest_aliases`): spellings of one name,
compared after transliteration folds (Tchaikovsky / Chaikovsky / Tschaikowsky), become a suggested alias group.
"""

from __future__ import annotations

import json
import re
import string
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import networkx as nx
import pandas as pd
from rapidfuzz import fuzz

from helpers.inputs.codebook import Codebook
from helpers.inputs.patterns import trie_body
from helpers.inputs.results import write_text

# A capitalised word: initials (J., U.S.), names with inner apostrophes (O'Neill, but not the possessive
# 's), hyphenated or prefixed parts (Jean-Luc, al-Rashid), and all-capital words (PENCE).
TOKEN_TAIL = r"[^\W_]*(?:['’](?!s\b)[A-Za-z]+)?(?:-[A-Za-z][^\W_]*)*"  # what follows a word's capital
TOKEN = rf"(?:(?:[A-Z]\.){{2,}}|[A-Z]\.|(?:[a-z]{{1,3}}-)?[A-Z]{TOKEN_TAIL})"
# How many words may stand between a role phrase's determiner and its role noun ("a senior campaign spokesman").
ROLE_MAX_MODIFIERS = 3
# Capitalised words that may qualify a title before a name ("U.S. Secretary of State", "French President").
TITLE_MAX_QUALIFIERS = 3
# All-capital runs of at least this many words are headings.
HEADING_MIN_WORDS = 3


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
    infinitive = _words(codebook.section("speech_verbs"), "infinitive_markers")
    stop = trie_body(sorted(set(_words(roles, "determiners") + links + verbs + infinitive)))
    modifier = rf"(?:(?!(?:{stop})\b)(?:(?:[A-Za-z]\.)+|[\w'’-]+)[ ])"  # words of one sentence: no line breaks
    owner = r"[A-Z][\w.'’-]*(?:[ ][A-Z][\w.'’-]*)*['’]s"
    role_rx = re.compile(
        rf"(?<![\w-])(?:(?:(?i:{dets})|{owner})[ ](?:{modifier}){{0,{ROLE_MAX_MODIFIERS}}})?"
        rf"(?P<head>(?i:{noun})s?)(?![\w-])"
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


def find_names(text: str, codebook: Codebook) -> list[FoundName]:
    """Name-shaped spans of ``text``, each with its title and the gender the title reveals."""
    lex = name_lexicon(codebook)
    lower: set[str] | None = None  # the text's lower-case words, collected when a single word needs them
    out: list[FoundName] = []
    for m in lex.name_rx.finditer(text):
        run = m.group()
        if " " not in run and _is_noise(run, lex):
            continue  # a lone "The" or "But" (a title always ends in a space, so there is none here)
        start = m.start() + _noise(run, lex)
        core_start = max(m.start("core"), start)
        _, title_end = _strip_leading(text[core_start : m.end()], lex)
        core_start += title_end
        core = text[core_start : m.end()]
        if core.endswith(".") and not re.search(r"(?:^|[\s.])[A-Z]\.$", core):
            core = core[:-1]  # a full stop that ends the sentence, not an initial
        titled = start < core_start  # "Mr. King": after an honorific a title word is a name
        if not core or core in lex.not_names or (core.lower() in lex.title_words and not titled) or _heading(core):
            continue
        if " " not in core and SENTENCE_START.search(text[max(0, m.start() - SENTENCE_START_SPAN) : m.start()]):
            lower = set(LOWER_WORD.findall(text)) if lower is None else lower
            if core.lower() in lower:
                continue  # one capitalised word opening a sentence, written in lower case elsewhere ("Following")
        end = core_start + len(core)
        title = text[start:core_start]
        out.append(FoundName(start, end, text[start:end], core, "name", _gender(title, lex), core_start))
    return _join_institutions(text, out, lex)


def find_roles(text: str, codebook: Codebook) -> list[FoundName]:
    """Role, institution and document phrases ("a spokeswoman", "the ministry", "police")."""
    lex = name_lexicon(codebook)
    out = []
    for m in lex.role_rx.finditer(text):
        phrase = m.group()
        head = m.group("head").lower()
        kind = "document" if head in lex.documents or head[:-1] in lex.documents else "role"
        out.append(FoundName(m.start(), m.end(), phrase, phrase, kind, "any", m.start("head")))
    return out


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


# --- name variants across a corpus ---------------------------------------------------------------

# Folded names at least this similar (rapidfuzz ratio, 0-100) are spellings of one name.
VARIANT_MIN_SIMILARITY = 85
SUGGESTION_COLUMNS = ["canonical_suggestion", "variants", "n_variants", "n_mentions", "articles", "already_in_codebook"]


def fold_name(name: str, codebook: Codebook) -> str:
    """The comparison form of a name: lower case, no accents or hyphens, transliteration folds, no double letters."""
    decomposed = unicodedata.normalize("NFKD", name.lower())
    out = "".join(c for c in decomposed if c.isalpha() or c == " ")
    for a, b in codebook.section("names").get("transliteration_folds", []) or []:
        out = out.replace(str(a), str(b))
    return re.sub(r"(\w)\1+", r"\1", out)


def _similar(a: list[str], b: list[str]) -> bool:
    """Same surname (last word), and same first name when both have one (an initial matches its name)."""
    if fuzz.ratio(a[-1], b[-1]) < VARIANT_MIN_SIMILARITY:
        return False
    if len(a) == 1 or len(b) == 1:
        return True
    first_a, first_b = a[0], b[0]
    if len(first_a) == 1 or len(first_b) == 1:
        return first_a[0] == first_b[0]
    return fuzz.ratio(first_a, first_b) >= VARIANT_MIN_SIMILARITY


def name_mentions(normalised, codebook: Codebook) -> pd.DataFrame:
    """Every name written in each article, with its number of mentions (article_id, name, mentions).

    One row per article and name, so the table can be computed chunk by chunk and joined.
    """
    rows = []
    for aid, doc in normalised.documents.items():
        for name, n in Counter(f.name for f in find_names(doc.clean_text, codebook)).items():
            rows.append({"article_id": aid, "name": name, "mentions": n})
    return pd.DataFrame(rows, columns=["article_id", "name", "mentions"])


def _name_counts(source, codebook: Codebook) -> dict[str, tuple[int, set[str]]]:
    """Every name written in the corpus: mentions and the articles that write it."""
    table = source if isinstance(source, pd.DataFrame) else name_mentions(source, codebook)
    return {str(name): (int(g["mentions"].sum()), set(g["article_id"]))
            for name, g in table.groupby("name", sort=False)}


def _variant_groups(names: list[str], codebook: Codebook) -> list[list[str]]:
    """Connected components of 'same name' links; only names whose folded surnames start alike are compared."""
    folded = {n: fold_name(n, codebook).split() for n in names}
    blocks: dict[str, list[str]] = {}
    for n, parts in folded.items():
        if parts:
            blocks.setdefault(parts[-1][:1], []).append(n)
    graph = nx.Graph()
    graph.add_nodes_from(n for n in names if folded[n])
    for block in blocks.values():
        for i, a in enumerate(block):
            graph.add_edges_from((a, b) for b in block[i + 1 :] if _similar(folded[a], folded[b]))
    return [sorted(c) for c in nx.connected_components(graph)]


def suggest_aliases(source, codebook: Codebook, min_mentions: int = 2) -> pd.DataFrame:
    """Proposed alias groups: the spellings of each name across the corpus (a suggestion, not a codebook).

    ``source`` is a normalised corpus or its :func:`name_mentions` table (as a run's engine writes it).

    The suggested canonical name is the most mentioned full spelling (several words: "Jean-Luc Marchand"
    rather than "Marchand"). ``already_in_codebook`` says whether the codebook already maps every spelling.
    """
    counts = _name_counts(source, codebook)
    known = codebook.alias_lookup
    rows = []
    for group in _variant_groups(sorted(counts), codebook):
        n_mentions = sum(counts[v][0] for v in group)
        if n_mentions < min_mentions:
            continue
        canonical = max(group, key=lambda v: (len(v.split()) > 1, counts[v][0], len(v), v))
        articles = set().union(*(counts[v][1] for v in group))
        rows.append({
            "canonical_suggestion": canonical,
            "variants": group,
            "n_variants": len(group),
            "n_mentions": n_mentions,
            "articles": len(articles),
            "already_in_codebook": all(v in known for v in group),
        })
    table = pd.DataFrame(rows, columns=SUGGESTION_COLUMNS)
    return table.sort_values(["n_mentions", "canonical_suggestion"], ascending=[False, True]).reset_index(drop=True)


def suggested_aliases_yaml(suggestions: pd.DataFrame) -> str:
    """The suggestions in the format of a study's ``aliases.yaml``, ready to check and paste."""
    lines = [
        "# Suggested by Refract from the names written in this corpus (helpers.text.names.suggest_aliases).",
        "# Suggestions, not confirmed aliases: check each group, set type, gender and group, then paste the",
        "# entries you keep into your study's aliases.yaml.",
        "entities:",
    ]
    for row in suggestions[~suggestions["already_in_codebook"]].itertuples(index=False):
        variants = ", ".join(json.dumps(v, ensure_ascii=False) for v in row.variants)
        lines += [
            f"  - canonical: {json.dumps(row.canonical_suggestion, ensure_ascii=False)}",
            "    type: person  # check: person | organisation | group | place",
            "    gender: any  # check: male | female | institution | any",
            "    group: other  # set: your speaker group",
            f"    variants: [{variants}]  # {row.n_mentions} mentions in {row.articles} articles",
        ]
    if len(lines) == 4:
        lines[-1] = "entities: []"
    return "\n".join(lines) + "\n"


def write_suggested_aliases(suggestions: pd.DataFrame, path: str | Path) -> Path:
    """Write ``suggested_aliases.yaml`` (a result file, e.g. OUT/results/suggested_aliases.yaml) atomically."""
    return write_text(suggested_aliases_yaml(suggestions), path)
