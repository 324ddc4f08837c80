"""Suggested alias groups: the spellings of one name across a corpus, ready to check and paste.

Names come from :func:`name_mentions` (one row per article and name as written). A group
holds only spellings of one name:

- full names (given name and surname) join when their surnames and given names are spellings of one word:
  equal after the transliteration folds of ``names.yaml`` (Tchaikovsky / Chaikovsky), or, for words of five letters
  or more, differing only in vowels (Abaev / Abaiev). Each full name must fit *every* name already in its
  group, so no chain of near matches links two people;
- a surname written alone ("Clinton") or with an initial ("H. Clinton") joins a group only when exactly one
  group fits it; with two people of that surname in the corpus it stays apart;
- a capitalised word that the corpus also writes in lower case at least as often ("Come" / "come"), or a
  function word, is a common word and never a name;
- an organisation's or a place's name (its last word in ``organisation_heads`` / ``place_heads``: "Deutsche
  Bank", "Penn State", "Harbour Street") only meets the same name, never a person's;
- spellings the codebook maps to different canonical names are never grouped, and groups the codebook
  already maps entirely are marked ``already_in_codebook`` and left out of ``suggested_aliases.yaml``.
"""

from __future__ import annotations

import bisect
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from rapidfuzz import fuzz

from helpers.inputs.codebook import Codebook
from helpers.inputs.results import write_text
from helpers.text.names import LOWER_WORD, find_names

# Folded words at least this similar (rapidfuzz ratio, 0-100), and differing only in vowels, are one spelling.
VARIANT_MIN_SIMILARITY = 85
# Words shorter than this must be equal after folding to count as one spelling ("Ban" / "Band", "Come" / "Comey").
VARIANT_MIN_LETTERS = 5
SUGGESTION_COLUMNS = ["canonical_suggestion", "variants", "n_variants", "n_mentions", "articles",
                      "already_in_codebook", "type", "example"]
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
VOWELS = re.compile(r"(?<=.)[aeiouy]")



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


def fold_name(name: str, codebook: Codebook) -> str:
    """The comparison form of a name: lower case, no accents or hyphens, transliteration folds, no double letters."""
    decomposed = unicodedata.normalize("NFKD", name.lower())
    out = "".join(c for c in decomposed if c.isalpha() or c == " ")
    for a, b in codebook.section("names").get("transliteration_folds", []) or []:
        out = out.replace(str(a), str(b))
    return re.sub(r"(\w)\1+", r"\1", out)


def same_spelling(a: str, b: str) -> bool:
    """Two folded words that are spellings of one word (see the module docstring)."""
    if a == b:
        return True
    if min(len(a), len(b)) < VARIANT_MIN_LETTERS or a[0] != b[0]:
        return False
    return VOWELS.sub("", a) == VOWELS.sub("", b) and fuzz.ratio(a, b) >= VARIANT_MIN_SIMILARITY


@dataclass(frozen=True)
class _Name:
    written: str
    parts: tuple[str, ...]  # folded words, suffixes ("Jr.") dropped
    kind: str  # person | organisation | place
    known: str  # the codebook's canonical name, or ""

    @property
    def full(self) -> bool:
        return self.kind == "person" and len(self.parts) > 1 and len(self.parts[0]) > 1

    def fits(self, other: _Name) -> bool:
        """Same surname, and the same given name when both write one (an initial fits its name)."""
        if self.kind != other.kind or (self.known and other.known and self.known != other.known):
            return False
        if self.kind != "person":
            return self.parts == other.parts
        if not same_spelling(self.parts[-1], other.parts[-1]):
            return False
        if len(self.parts) == 1 or len(other.parts) == 1:
            return True
        a, b = self.parts[0], other.parts[0]
        return a[0] == b[0] if min(len(a), len(b)) == 1 else same_spelling(a, b)


def _kind(parts: tuple[str, ...], codebook: Codebook) -> str:
    names = codebook.section("names")
    last = parts[-1] if parts else ""
    if last in {str(w).lower() for w in names.get("organisation_heads") or []}:
        return "organisation"
    if last in {str(w).lower() for w in names.get("place_heads") or []}:
        return "place"
    return "person"


def _common_words(table: pd.DataFrame, codebook: Codebook) -> set[str]:
    """One-word names the corpus writes in lower case at least as often, or function words."""
    stop = {str(w).lower() for w in codebook.section("stopwords").get("stopwords") or []}
    stop |= {str(w).lower() for w in codebook.section("names").get("not_names") or []}
    sums = table.groupby("name")[["mentions", "as_word"]].sum() if "as_word" in table else None
    common = {n for n in table["name"].unique() if " " not in n and n.lower() in stop}
    if sums is not None:
        common |= set(sums.index[(sums["as_word"] >= sums["mentions"]) & ~sums.index.str.contains(" ")])
    return common


def _entries(names: list[str], codebook: Codebook) -> list[_Name]:
    out = []
    for n in names:
        parts = tuple(p for p in fold_name(n, codebook).split() if p not in NAME_SUFFIXES)
        if parts:
            known = codebook.canonical(n)
            out.append(_Name(n, parts, _kind(parts, codebook), known if known != n or n in codebook.alias_lookup
                             else ""))
    return out


def _group(entries: list[_Name], mentions: dict[str, int]) -> list[list[_Name]]:
    """Full names first (each fitting every member of its group), then partial forms that fit one group only."""
    order = sorted(entries, key=lambda e: (not e.full, -mentions[e.written], e.written))
    groups: list[list[_Name]] = []
    for entry in order:
        fitting = [g for g in groups if all(entry.fits(m) for m in g)]
        with_full = [g for g in fitting if any(m.full for m in g)]
        fitting = with_full or fitting
        if len(fitting) == 1 or (fitting and (entry.full or entry.kind != "person")):
            fitting[0].append(entry)
        else:
            groups.append([entry])
    return [g for g in groups if not _ambiguous(g, groups)]


def _ambiguous(group: list[_Name], groups: list[list[_Name]]) -> bool:
    """A group of partial forms only ("Clinton") that would fit two groups of full names: left out."""
    if any(e.full for e in group):
        return False
    homes = [g for g in groups if g is not group and any(m.full for m in g)
             and all(e.fits(m) for e in group for m in g)]
    return len(homes) > 1


def _example(table: pd.DataFrame, spelling: str) -> str:
    if "example" not in table:
        return ""
    rows = table[table["name"] == spelling].sort_values(["mentions", "article_id"], ascending=[False, True])
    return str(rows["example"].iloc[0]) if len(rows) else ""


def suggest_aliases(source, codebook: Codebook, min_mentions: int = 2) -> pd.DataFrame:
    """Proposed alias groups: the spellings of each name across the corpus (a suggestion, not a codebook).

    ``source`` is a normalised corpus or its :func:`name_mentions` table (as a run's
    engine writes it). The suggested canonical name is the most mentioned full spelling (several words:
    "Jean-Luc Marchand" rather than "Marchand"), or the codebook's canonical name when it has one.
    """
    table = source if isinstance(source, pd.DataFrame) else name_mentions(source, codebook)
    common = _common_words(table, codebook)
    table = table[~table["name"].isin(common)]
    mentions = table.groupby("name")["mentions"].sum().astype(int).to_dict()
    articles = table.groupby("name")["article_id"].agg(set).to_dict()
    rows = []
    for group in _group(_entries(sorted(mentions), codebook), mentions):
        spellings = sorted(e.written for e in group)
        n_mentions = sum(mentions[v] for v in spellings)
        if n_mentions < min_mentions:
            continue
        known = next((e.known for e in group if e.known), "")
        best = max(spellings, key=lambda v: (len(v.split()) > 1, mentions[v], len(v), v))
        rows.append({"canonical_suggestion": known or best, "variants": spellings, "n_variants": len(spellings),
                     "n_mentions": n_mentions, "articles": len(set().union(*(articles[v] for v in spellings))),
                     "already_in_codebook": all(e.known for e in group), "type": group[0].kind,
                     "example": _example(table, best)})
    out = pd.DataFrame(rows, columns=SUGGESTION_COLUMNS)
    return out.sort_values(["n_mentions", "canonical_suggestion"], ascending=[False, True]).reset_index(drop=True)


def suggested_aliases_yaml(suggestions: pd.DataFrame) -> str:
    """The suggestions in the format of a study's ``aliases.yaml``, ready to check and paste."""
    lines = [
        "# Suggested by Refract from the names written in this corpus (helpers.text.name_groups.suggest_aliases).",
        "# Each group holds spellings of one name only; a surname written alone with two people of that name",
        "# in the corpus is left out. Check each group, set gender and group, then paste the entries you keep",
        "# into your study's aliases.yaml. Groups the codebook already maps are not repeated.",
        "entities:",
    ]
    for row in suggestions[~suggestions["already_in_codebook"].astype(bool)].itertuples(index=False):
        variants = ", ".join(json.dumps(v, ensure_ascii=False) for v in row.variants)
        kind = getattr(row, "type", "person") or "person"
        lines += [
            f"  - canonical: {json.dumps(row.canonical_suggestion, ensure_ascii=False)}",
            f"    type: {kind}  # check: person | organisation | group | place",
            f"    gender: {'any' if kind == 'person' else 'institution'}  # check: male | female | institution | any",
            "    group: other  # set: your speaker group",
            f"    variants: [{variants}]  # {row.n_mentions} mentions in {row.articles} articles",
        ]
        example = str(getattr(row, "example", "") or "")
        if example:
            lines.append(f"    # e.g. {json.dumps(example, ensure_ascii=False)}")
    if len(lines) == 5:
        lines[-1] = "entities: []"
    return "\n".join(lines) + "\n"


def write_suggested_aliases(suggestions: pd.DataFrame, path: str | Path) -> Path:
    """Write ``suggested_aliases.yaml`` (a result file, e.g. OUT/results/suggested_aliases.yaml) atomically."""
    return write_text(suggested_aliases_yaml(suggestions), path)
