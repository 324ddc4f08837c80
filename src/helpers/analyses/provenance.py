"""Provenance: who copied, republished or rewrote whom.

Two copies of one text are not two independent outlets, so this module finds reuse before any
per-outlet comparison is read. Pairs of articles (every pair in a small corpus; in a larger one the
candidates that share an LSH bucket, see ``helpers.analyses.near_copies``) are compared by word
n-gram shingles on the normalised text (containment in both directions, because a short copy is contained in a long
original, and Jaccard); related pairs are aligned sentence by sentence and the alignment tells what
the later text changed: numbers, spellings of names, substituted words, dropped or added passages,
altered quotations. What the texts declare about themselves (wire credits, a copyright owner that is
not the publisher, another outlet's writers) is reported beside what the overlap shows.

Relations (thresholds in ``THRESHOLDS``, applied to the shorter text of a pair):

* ``copy``: nearly all of the shorter text appears verbatim in the other, and no number differs;
* ``derived``: at least half of the shorter text's sentences align with the other's, with edits;
* ``shared_source``: some passages align (for example the same statement or wire paragraph);
* ``independent``: nothing aligns beyond chance phrases.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass

import pandas as pd

from helpers.analyses.declared import declared_origin  # noqa: F401  (the chapter's API, re-exported)
from helpers.analyses.near_copies import (  # noqa: F401  (words, shingle_hash: re-exported for callers)
    Candidates,
    candidate_pairs_from_matrix,
    shingle_hash,
    shingles,
    signature_matrix,
    words,
)
from helpers.analyses.quotes.drift import word_diff
from helpers.analyses.sentence_alignment import ALIGN_RATIO, Incidence, align, word_incidence
from helpers.analyses.story_families import (  # noqa: F401  (the chapter's API, re-exported)
    RELATED,
    derived_summary,
    family_summary,
    one_vote_per_family,
    pairs_not_shown,
    per_article_measures,
    story_families,
    top_families,
    top_pairs,
)
from helpers.inputs.codebook import Codebook
from helpers.text.normalise import NormalisedCorpus

ALL_PAIRS_MAX_ARTICLES = 60  # up to this many articles every pair is compared; above, LSH candidates only
LSH_THRESHOLD = 0.1  # low: a shared paragraph is enough to become a candidate
MATRIX_MAX_ARTICLES = 20  # a containment heatmap is readable up to this many articles; above it, a ranked table
THRESHOLDS = {"copy_containment": 0.9, "derived_aligned": 0.5, "align_ratio": ALIGN_RATIO, "shared_min_sentences": 1}
NUMBER = re.compile(
    r"^\d[\d,.]*$|^(one|two|three|four|five|six|seven|eight|nine|ten|dozens?|hundreds?|thousands?)$", re.I
)


def overlap(a: set, b: set) -> tuple[float, float, float]:
    """containment of a in b, containment of b in a, Jaccard."""
    inter = len(a & b)
    union = len(a | b)
    return (inter / len(a) if a else 0.0, inter / len(b) if b else 0.0, inter / union if union else 0.0)


def all_pairs(ids: list[str]) -> list[tuple[str, str]]:
    """Every pair of a small corpus (quadratic: only used up to ``ALL_PAIRS_MAX_ARTICLES``)."""
    ids = sorted(ids)
    return [(a, b) for i, a in enumerate(ids) for b in ids[i + 1 :]]


def clean_texts(source: NormalisedCorpus | dict[str, str]) -> dict[str, str]:
    """Each article's clean text: the engine's ``texts`` table read as a dict, or a normalised corpus's."""
    return source if isinstance(source, dict) else {aid: doc.clean_text for aid, doc in source.documents.items()}


def pair_overlaps(source: NormalisedCorpus | dict[str, str],
                  candidates: list[tuple[str, str]] | None = None) -> pd.DataFrame:
    """Containment both ways and Jaccard for every pair (or the given candidate pairs)."""
    texts = clean_texts(source)
    pairs = candidates if candidates is not None else all_pairs(list(texts))
    needed = {a for pair in pairs for a in pair}
    sh = {aid: shingles(text) for aid, text in texts.items() if aid in needed}
    rows = []
    for a, b in pairs:
        cab, cba, jac = overlap(sh[a], sh[b])
        rows.append({"article_a": a, "article_b": b, "containment_ab": cab, "containment_ba": cba, "jaccard": jac})
    return pd.DataFrame(rows, columns=["article_a", "article_b", "containment_ab", "containment_ba", "jaccard"])


def find_candidates(source: NormalisedCorpus | dict[str, str], threshold: float = LSH_THRESHOLD) -> Candidates:
    """LSH candidates over the articles in id order, with the work it took (see ``near_copies``)."""
    ids, matrix = signature_matrix(dict(sorted(clean_texts(source).items())))
    return candidate_pairs_from_matrix(ids, matrix, threshold)


def candidate_pairs(source: NormalisedCorpus | dict[str, str],
                    threshold: float = LSH_THRESHOLD) -> list[tuple[str, str]]:
    """Pairs worth comparing in a large corpus, found with MinHash LSH buckets instead of all pairs."""
    return find_candidates(source, threshold).pairs


@dataclass
class Change:
    """One difference between aligned sentences."""

    kind: str  # number | name | wording | quote | dropped | added
    before: str
    after: str
    sentence_a: int
    sentence_b: int


def _in_quotes(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r'"[^"]+"', text)]


def _classify(before: list[str], after: list[str], codebook: Codebook | None) -> str:
    b, a = " ".join(before), " ".join(after)
    if before and after and all(NUMBER.match(t) for t in before + after):
        return "number"
    if codebook is not None and b and a:
        cb, ca = codebook.canonical(b.title()), codebook.canonical(a.title())
        if cb == ca and cb != b.title():
            return "name"
    if (before and after and difflib.SequenceMatcher(None, b, a).ratio() >= 0.6 and b[:1] == a[:1]
            and b[:1].isupper() and a[:1].isupper()):
        return "name"
    if before and after:
        return "substitution"
    return "inserted words" if after else "removed words"


DIFF_TOKEN = re.compile(r"\[-(.*?)-\](?= |$)|\{\+(.*?)\+\}(?= |$)|(\S+)")


def diff_chunks(text_a: str, text_b: str) -> list[tuple[list[str], list[str], int]]:
    """(removed words, added words, index of the first word in b) for each change between two sentences.

    Read from :func:`helpers.analyses.quotes.drift.word_diff`, the one word diff of the project, so a
    quotation and a republished sentence are compared the same way. (A text that itself contains the
    diff's markup, such as "{+x+}", can be split differently; news text does not.)
    """
    chunks: list[tuple[list[str], list[str], int]] = []
    b = 0
    pending: list[str] | None = None
    for m in DIFF_TOKEN.finditer(word_diff(text_a, text_b)):
        removed, added, same = m.groups()
        if removed is not None:
            pending = removed.split()
            chunks.append((pending, [], b))
            continue
        if added is not None:
            words_added = added.split()
            if pending is not None:
                chunks[-1] = (pending, words_added, chunks[-1][2])
            else:
                chunks.append(([], words_added, b))
            b += len(words_added)
        else:
            b += 1
        pending = None
    return chunks


def sentence_changes(text_a: str, text_b: str, ia: int, ib: int, codebook: Codebook | None) -> list[Change]:
    """Word-level differences between two aligned sentences, each classified."""
    tb = text_b.split()
    quotes_b = _in_quotes(text_b)
    pos_b = []
    p = 0
    for t in tb:
        p = text_b.find(t, p)
        pos_b.append(p)
        p += len(t)
    out = []
    for before, after, b0 in diff_chunks(text_a, text_b):
        clean_b = [t.strip('.,;:"()') for t in before]
        clean_a = [t.strip('.,;:"()') for t in after]
        if [x.lower() for x in clean_b] == [x.lower() for x in clean_a]:
            continue  # punctuation only
        kind = _classify(clean_b, clean_a, codebook)
        at = pos_b[b0] if b0 < len(pos_b) else len(text_b)
        if kind in ("substitution", "inserted words", "removed words") and any(s <= at < e for s, e in quotes_b):
            kind = "quote"
        out.append(Change(kind, " ".join(before), " ".join(after), ia, ib))
    return out


def compare_pair(
    sa: list[str], sb: list[str], codebook: Codebook | None,
    tokens: tuple[list[list[str]], list[list[str]]] | None = None,
    incidence: tuple[Incidence | None, Incidence | None] | None = None,
) -> tuple[list[tuple[int, int, float]], list[Change]]:
    """Alignment and changes from sentences ``sa`` to ``sb`` (b read as the later text)."""
    pairs = align(sa, sb, THRESHOLDS["align_ratio"], tokens=tokens, incidence=incidence)
    changes: list[Change] = []
    for i, j, r in pairs:
        if r < 1.0:
            changes += sentence_changes(sa[i], sb[j], i, j, codebook)
    matched_a = {i for i, _, _ in pairs}
    matched_b = {j for _, j, _ in pairs}
    if pairs:  # dropped/added passages only make sense for texts that share material
        changes += [Change("dropped", sa[i], "", i, -1) for i in range(len(sa)) if i not in matched_a]
        changes += [Change("added", "", sb[j], -1, j) for j in range(len(sb)) if j not in matched_b]
    return pairs, changes


def _earlier(
    a: str, b: str, published: dict[str, str], pairs: list[tuple[int, int, float]], n_a: int, n_b: int
) -> tuple[str, str]:
    """Which of the two looks earlier, and why."""
    da, db = published[a], published[b]
    if da != "unknown" and db != "unknown" and da != db:
        return (a, f"published {da}, before {db}") if da < db else (b, f"published {db}, before {da}")
    if n_a != n_b and pairs:
        fuller = a if n_a > n_b else b
        return fuller, "carries the fuller version of the shared text"
    if da != "unknown" and db == "unknown":
        return a, "has a declared date; the other has none"
    if db != "unknown" and da == "unknown":
        return b, "has a declared date; the other has none"
    return "", "no evidence of order"


REUSE_COLUMNS = ["article_a", "article_b", "containment_ab", "containment_ba", "jaccard", "aligned_sentences",
                 "relation", "earlier", "evidence"]
CHANGE_COLUMNS = ["article_a", "article_b", "relation", "kind", "before", "after", "sentence_a", "sentence_b"]


def _compare(sa: list[str], sb: list[str], codebook: Codebook | None, tokens=None, incidence=None):
    """compare_pair, with a shortcut for word-for-word copies (the bulk of a wire-heavy corpus)."""
    if sa == sb:
        return [(i, i, 1.0) for i in range(len(sa))], []
    return compare_pair(sa, sb, codebook, tokens, incidence) if tokens is not None else compare_pair(sa, sb, codebook)


def _relation(short_contained: float, aligned_share: float, n_aligned: int, n_numbers: int) -> str:
    if short_contained >= THRESHOLDS["copy_containment"] and n_numbers == 0:
        return "copy"
    if aligned_share >= THRESHOLDS["derived_aligned"]:
        return "derived"
    if n_aligned >= THRESHOLDS["shared_min_sentences"]:
        return "shared_source"
    return "independent"


def _evidence(r, rel: str, n_aligned: int, shorter: int, kinds: dict[str, int], first: str, why: str) -> str:
    if rel == "independent":
        return f"no aligned sentences; {r.jaccard:.0%} of 5-word shingles shared"
    parts = [f"{n_aligned} of {shorter} sentences of the shorter text align",
             f"containment {r.containment_ab:.0%} / {r.containment_ba:.0%}"]
    parts += [f"{n} {k} change{'s' if n > 1 else ''}" for k, n in sorted(kinds.items())]
    if rel == "derived" and kinds.get("substitution", 0) >= n_aligned:
        parts.append("word substitutions in most aligned sentences: looks like a synonym-spun rewrite")
    if first and rel in ("copy", "derived"):
        parts.append(f"earlier: {first} ({why})")
    return "; ".join(parts)


@dataclass
class _Pairs:
    """What every pair of a block reads: sentences, their words and word matrices, publication dates."""

    texts: dict[str, list[str]]
    tokens: dict[str, list[list[str]]]
    incidence: dict[str, Incidence]
    published: dict[str, str]
    codebook: Codebook | None

    def compare(self, a: str, b: str):
        words_ab = (self.tokens.get(a, []), self.tokens.get(b, []))
        return _compare(self.texts.get(a, []), self.texts.get(b, []), self.codebook, words_ab,
                        (self.incidence.get(a), self.incidence.get(b)))


def _pair_rows(r, block: _Pairs):
    """The reuse row of one candidate pair and its change rows (source -> later text)."""
    a, b = r.article_a, r.article_b
    sa, sb = block.texts.get(a, []), block.texts.get(b, [])
    pairs, changes = block.compare(a, b)
    shorter = min(len(sa), len(sb)) or 1
    short_contained = r.containment_ab if len(sa) <= len(sb) else r.containment_ba
    first, why = _earlier(a, b, block.published, pairs, len(sa), len(sb))
    kinds = dict(Counter(c.kind for c in changes))
    rel = _relation(short_contained, len(pairs) / shorter, len(pairs), sum(c.kind == "number" for c in changes))
    row = {"article_a": a, "article_b": b, "containment_ab": r.containment_ab, "containment_ba": r.containment_ba,
           "jaccard": r.jaccard, "aligned_sentences": len(pairs), "relation": rel,
           "earlier": first if rel in ("copy", "derived") else "",
           "evidence": _evidence(r, rel, len(pairs), shorter, kinds, first, why)}
    if rel not in RELATED:
        return row, []
    later = b if first == a or not first else a
    src = a if later == b else b
    ch = block.compare(src, later)[1] if later != b else changes
    change_rows = [{"article_a": src, "article_b": later, "relation": rel, "kind": c.kind, "before": c.before,
                    "after": c.after, "sentence_a": c.sentence_a, "sentence_b": c.sentence_b}
                   for c in ch if rel != "shared_source" or c.kind not in ("dropped", "added")]
    return row, change_rows


def reuse(
    normalised: NormalisedCorpus,
    articles: pd.DataFrame,
    codebook: Codebook | None = None,
    candidates: list[tuple[str, str]] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``reuse.csv`` table (one row per compared pair) and the table of changes for related pairs."""
    return reuse_from_tables(clean_texts(normalised), normalised.sentences, articles, codebook, candidates)


def reuse_from_tables(
    texts: dict[str, str],
    sentences: pd.DataFrame,
    articles: pd.DataFrame,
    codebook: Codebook | None = None,
    candidates: list[tuple[str, str]] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """:func:`reuse` from tables (clean texts, the sentences table), as a run computes it once for every chapter.

    A small corpus compares every pair; a larger one only LSH candidates, so the work grows with the
    number of articles, not with its square (a cluster of copies is compared against its
    representative, see ``helpers.analyses.near_copies``).
    """
    if candidates is None and len(texts) > ALL_PAIRS_MAX_ARTICLES:
        candidates = candidate_pairs(texts)
    ov = pair_overlaps(texts, candidates)
    sents = {a: g["text"].tolist() for a, g in sentences.groupby("article_id", sort=False)}  # grouped once
    tokens = {a: [words(s) for s in ss] for a, ss in sents.items()}
    published = dict(zip(articles["article_id"], articles["published"], strict=True))
    block = _Pairs(sents, tokens, word_incidence(tokens), published, codebook)
    rows, change_rows = [], []
    for r in ov.itertuples(index=False):
        row, ch = _pair_rows(r, block)
        rows.append(row)
        change_rows += ch
    return pd.DataFrame(rows, columns=REUSE_COLUMNS), pd.DataFrame(change_rows, columns=CHANGE_COLUMNS)
