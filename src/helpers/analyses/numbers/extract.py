"""Numeric claims: every number in the clean text, parsed, qualified, typed, sourced and timed.

Every number is found by rules over the general number-word and qualifier codebooks and the event's
quantity codebook; numbers that are not event counts (years, dates, ages, durations, money,
distances, percentages, ordinals, numbers inside names) are typed as such and not counted, unless a
category of the study's ``quantities.yaml`` measures that unit (``unit: percent`` or ``unit: money``) and
one of its predicate terms is written in the number's clause ("46% support in the poll"). A count
introduced by a breakdown word ("including four children") is marked as part of the total before it
(``part_of``) rather than counted as a new total, and a singular casualty with no number ("a policeman
was killed") is a count of one. Across the sentences of a paragraph, later counts that break a total down,
repeat or revise it are marked as its parts, and derived totals are added where a report's own words
make one: a victim joined to a group, a total less its armed dead, a count told as more than one given
before ("two more people died") added to it (``breakdowns.py``).
"""

from __future__ import annotations

import functools
import itertools
import re
from bisect import bisect_left

import pandas as pd

from helpers.analyses.numbers.breakdowns import (
    ADDED,
    ONE,
    PARAGRAPH,
    added_totals,
    armed_differences,
    difference_row,
    joined_row,
    joined_total,
    mark_breakdowns,
    not_victims_rx,
    told_as_added,
)
from helpers.analyses.numbers.categorise import categorise, country_of, noun_after_copula, typed
from helpers.analyses.numbers.lexicon import Lexicon, lexicon
from helpers.analyses.numbers.rules import NOUN_MAX_WORDS, QuantityRules, quantity_rules
from helpers.analyses.numbers.sources import needs_source, source_of
from helpers.analyses.numbers.spans import (
    Found,
    between_numbers,
    find_numbers,
    parse_number,
    qualifier_at,
    qualifier_phrase_at,
    singular_counts,
)
from helpers.analyses.numbers.windows import hits, text_after, text_before
from helpers.inputs.codebook import Codebook
from helpers.text.normalise import NormalisedCorpus

CLAIM_COLUMNS = [
    "article_id", "outlet", "claim_id", "text", "value", "value_low", "value_high", "qualifier", "qualifier_written",
    "category", "unit", "source", "as_of", "sentence_id", "start", "end", "country", "part_of",
]
# A sub-count in the total's own category ("20 died, including four children") is filed under the total's
# category with this suffix, so it is never added to, reconciled with or scored as a total.
PART_SUFFIX = "_part"
CLAUSE_STOP = re.compile(r"[,;.)]")  # where a breakdown's own words end

__all__ = ["CLAIM_COLUMNS", "PART_SUFFIX", "event_counts", "extract_numbers", "lexicon", "parse_number"]


class _Names:
    """The codebook's names in one sentence, found once and only if asked for (by the number spans or the source)."""

    def __init__(self, text: str, codebook: Codebook):
        self.text, self.rx, self.found = text, codebook.alias_pattern, None

    def matches(self) -> list[re.Match]:
        if self.found is None:
            self.found = list(self.rx.finditer(self.text)) if self.rx is not None else []
        return self.found

    def protected(self) -> list[tuple[int, int]]:
        """Spans of names holding a digit: a number inside a name ("Channel 4") is part of the name."""
        return [m.span() for m in self.matches() if any(map(str.isdigit, m.group()))]


def _classify(text: str, f: Found, clause: tuple[int, int], rules: QuantityRules, lex: Lexicon,
              inherited: str) -> tuple[str, str, str, str, bool]:
    """(category, noun group, unit, qualifier, typed) of one number in its sentence; typed: not a count at all."""
    if f.kind == "ordinal":
        return "other", "", "ordinal", "exact", True
    if f.kind == "one":
        return rules.category(_predicate_at(text, f, rules), "").name, "", "people", "exact", False
    qualifier = f.kind if f.kind in ("vague", "range") else qualifier_at(text, f.start, lex)[0]
    unit = typed(text, f.match, f.low, lex) if f.kind in ("number", "range") and f.match is not None else None
    if unit:
        measured = rules.measure(unit, text[clause[0] : clause[1]], f.start - clause[0])
        return (measured.name, "", unit, qualifier, False) if measured else ("other", "", unit, qualifier, True)
    compound = (f.match.group("compound") or "") if f.match is not None else ""
    category, group, unit = categorise(text, f.start, f.end, clause, rules, lex, inherited, compound)
    declared = next((c.unit for c in rules.categories if c.name == category and c.unit), "")
    return category, group, declared or unit, qualifier, False


def _listed_with(text: str, f: Found, previous: dict, rules: QuantityRules, lex: Lexicon) -> str:
    """The category of a count listed right after another under one verb ("killed three soldiers, eight
    civilians"): only the previous count's noun and a comma or "and" stand between, and a listed noun follows."""
    if f.kind == "one" or previous.get(ONE):
        return ""
    gap = text[previous["end"] : qualifier_at(text, f.start, lex)[1]]
    words = gap.replace(",", " , ").split()
    if not words or words[-1] not in (",", *lex.conjunctions) or len(words) > NOUN_MAX_WORDS + 1 \
            or any(w == "," for w in words[:-1]) or lex.clause_opener_rx.search(gap) or rules.has_predicate(gap):
        return ""
    hit = rules.noun_at(text[f.end :].lstrip()) or noun_after_copula(text[f.end :], rules, lex)
    if hit is None:
        return ""
    predicate = next((c.predicate for c in rules.categories if c.name == previous["category"].removesuffix(
        PART_SUFFIX)), None)
    cat = rules.category(predicate, hit[0]) or rules.category(predicate, "")
    return cat.name if cat is not None else ""


def _predicate_at(text: str, f: Found, rules: QuantityRules) -> str:
    """The predicate that starts where a count of one does (the sentence's predicates are found once)."""
    found, starts = hits(tuple(rules.predicates.items()), text)
    i = bisect_left(starts, f.start)
    return found[i][2] if i < len(found) and starts[i] == f.start else ""


def _part_of(text: str, f: Found, category: str, claims: list[dict], rules: QuantityRules,
             lex: Lexicon) -> tuple[str, str]:
    """(category, claim id of the total) for a count introduced by a breakdown word; else (category, '').

    A breakdown counts what its total counts: it keeps a category of its own only when that category
    refines the total's (same predicate, narrower noun: "including 18 officers" under a death toll) or
    when its own words after it name its predicate ("including 40 in intensive care").
    """
    if f.kind == "one" or not claims:
        return category, ""
    start = qualifier_at(text, f.start, lex)[1] if f.kind != "vague" else f.start
    marker = lex.breakdown_rx.search(text_before(text, start, lex.context_words))
    if not (marker or lex.breakdown_after_rx.match(text, f.end)):
        return category, ""
    predicate = {c.name: c.predicate for c in rules.categories}
    own_words = text_after(text, f.end, lex.context_words)
    stop = CLAUSE_STOP.search(own_words)
    own_words = own_words[: stop.start()] if stop else own_words
    own_words = " ".join(itertools.takewhile(lambda w: w.lower() not in lex.conjunctions, own_words.split()))
    fit = [r for r in claims if f.low is None or float(r["value_high"]) >= f.low] or claims  # a part fits its total
    parent = _named_total(marker.group() if marker else own_words, fit, predicate, rules)  # "of those killed"
    parent_category = parent["category"].removesuffix(PART_SUFFIX)
    if category == parent_category or (predicate.get(category) != predicate.get(parent_category)
                                       and not rules.predicate_hits(own_words)):
        return parent_category + PART_SUFFIX, parent["claim_id"]
    return category, parent["claim_id"]


def _listed_part(category: str, previous: dict) -> tuple[str, str]:
    """(category, total) of a count listed right after another: a part of the same total, if that one is a part."""
    if not previous["part_of"] or previous.get(ONE):
        return category, ""
    same = category == previous["category"].removesuffix(PART_SUFFIX)
    return (category + PART_SUFFIX if same else category), previous["part_of"]


def _named_total(marker: str, claims: list[dict], predicate: dict[str, str], rules: QuantityRules) -> dict:
    """The total a breakdown belongs to: the last one of the kind its words name ("among the dead"), else the last."""
    named = {name for _a, _b, name in rules.predicate_hits(marker)}
    if not named:
        return claims[-1]
    return next((r for r in reversed(claims) if predicate.get(r["category"].removesuffix(PART_SUFFIX)) in named),
                claims[-1])


def _one_of_total(category: str, context: dict) -> tuple[str, str]:
    """(category, total) for a count of one ("the mayor was killed") after a total of its category.

    The last total of each category is kept as totals are told, rather than looked for among all of them.
    """
    total = context["last"].get(category)
    return (category + PART_SUFFIX, total["claim_id"]) if total else (category, "")


def _sentence_claims(aid: str, sid: int, text: str, codebook: Codebook, context: dict) -> list[dict]:
    """Claim rows of one sentence (offsets within the sentence; the caller maps them to the raw text)."""
    lex, rules, names = context["lex"], context["rules"], _Names(text, codebook)
    found = find_numbers(text, lex, names.protected)
    found = sorted(found + singular_counts(text, found, rules, lex), key=lambda f: f.start)
    source = ""
    if found or needs_source(text, codebook):
        source = source_of(text, codebook, context["sources"], names.matches())
        if source:
            context["sources"].append(source)
    if not found:
        return []
    numeric = [f for f in found if f.kind != "one"]  # counts of one are verbs, not clause boundaries
    spans = between_numbers(text, [(f.start, f.end) for f in numeric])
    bounds = dict(zip((id(f) for f in numeric), spans, strict=True))
    clauses = [bounds.get(id(f), (f.start, f.end)) for f in found]
    rows: list[dict] = []
    events: list[dict] = []  # the rows of this sentence that count something of the event
    inherited, told = "", {"source": source, "as_of": None}  # the time phrase is looked for at the first event count
    for f, clause in zip(found, clauses, strict=True):
        category, group, unit, qualifier, is_typed = _classify(text, f, clause, rules, lex, inherited)
        listed = category == "other" and not is_typed and bool(events)
        if listed:
            category = _listed_with(text, f, events[-1], rules, lex) or category
            listed = category != "other"
        if group and category != "other":
            inherited = group
        part_of = ""
        if f.kind == "one":  # one victim told of after a total of the same kind is one of them
            category, part_of = _one_of_total(category, context)
        elif not is_typed:  # the total a breakdown belongs to: in this sentence, else the article's last total
            category, part_of = _part_of(text, f, category, events or context["totals"], rules, lex)
            if listed and not part_of:  # listed after a part of a total ("including nine X and three Y"): a part too
                category, part_of = _listed_part(category, events[-1])
        rows.append(_row(aid, sid, text, f, (category, unit, qualifier, part_of), told, context))
        rows[-1][ADDED] = f.kind == "number" and not events and told_as_added(
            text, qualifier_at(text, f.start, lex)[1], f.end, lex)
        if category != "other":
            events.append(rows[-1])
            if not part_of:
                context["totals"].append(rows[-1])
                context["last"][category] = rows[-1]
    return rows + _joined(text, rows, lex, context)


def _row(aid: str, sid: int, text: str, f: Found, claim: tuple[str, str, str, str], told: dict,
         context: dict) -> dict:
    """The claim row of one number; an event count also gets the sentence's source and time phrase."""
    category, unit, qualifier, part_of = claim
    lex, rules = context["lex"], context["rules"]
    event = category != "other"
    if event and told["as_of"] is None:
        m = lex.as_of_rx.search(text)
        told["as_of"] = m.group() if m else ""
    low, high = lex.interval(f.low, f.high, qualifier) if qualifier not in ("vague", "range") else (f.low, f.high)
    row = {
        "article_id": aid, "claim_id": f"{aid}:n{context['n']:03d}", "text": f.written,
        "value": f.written.lower() if qualifier == "vague" else f"{f.low:.15g}",
        "value_low": low, "value_high": high, "qualifier": qualifier, "category": category, "unit": unit,
        "qualifier_written": qualifier_phrase_at(text, f.start, lex) if f.kind not in ("one", "ordinal") else "",
        "source": told["source"] if event else "", "as_of": told["as_of"] if event else "",
        "sentence_id": sid, "start": f.start, "end": f.end,
        "country": country_of(text, f.start, rules) if _needs_country(category, rules) else "",
        "part_of": part_of, ONE: f.kind == "one",
    }
    context["n"] += 1
    return row


def _joined(text: str, rows: list[dict], lex: Lexicon, context: dict) -> list[dict]:
    """The derived count of a victim and a group one verb joins ("killed the mayor and four others"), if any."""
    pair = joined_total(text, rows, lex)
    if pair is None:
        return []
    derived = joined_row(text, *pair, f"{rows[0]['article_id']}:n{context['n']:03d}")
    context["n"] += 1
    totals = context["totals"]
    for p in pair:  # told in this sentence: near the end of the article's totals
        at = next((i for i in range(len(totals) - 1, -1, -1) if totals[i] is p), None)
        if at is not None:
            del totals[at]
    totals.append(derived)
    context["last"][derived["category"]] = derived
    return [derived]


def _next_id(aid: str, context: dict) -> str:
    """A claim id for a row derived from others (the article's next)."""
    context["n"] += 1
    return f"{aid}:n{context['n'] - 1:03d}"


def _needs_country(category: str, rules: QuantityRules) -> bool:
    return any(c.name == category and c.needs_country for c in rules.categories)


def extract_numbers(normalised: NormalisedCorpus, articles: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """Every number in the clean text, typed; event counts get a category, source, time and any total above them."""
    outlet = dict(zip(articles["article_id"], articles["outlet_label"], strict=True))
    s = normalised.sentences
    by_article: dict[str, list[tuple[int, int, int, str]]] = {}
    for aid, sid, pid, cs, txt in zip(s["article_id"].tolist(), s["sentence_id"].tolist(), s["paragraph_id"].tolist(),
                                      s["clean_start"].tolist(), s["text"].tolist(), strict=True):
        by_article.setdefault(aid, []).append((sid, pid, cs, txt))
    rows, armed = [], not_victims_rx(codebook)
    lex, rules = lexicon(codebook), quantity_rules(codebook)
    growing = frozenset(str(c) for c in codebook.section("quantities").get("cumulative") or [])
    for aid, doc in normalised.documents.items():
        if aid not in outlet:
            continue
        context: dict = {"sources": [], "n": 0, "totals": [], "last": {}, "lex": lex, "rules": rules}
        article_rows = []
        for sentence_id, paragraph_id, clean_start, text in by_article.get(aid, []):
            for row in _sentence_claims(aid, sentence_id, text, codebook, context):
                row["start"], row["end"] = doc.raw_span(clean_start + row["start"], clean_start + row["end"])
                row["outlet"], row[PARAGRAPH] = outlet[aid], paragraph_id
                article_rows.append(row)
        article_rows = added_totals(article_rows, functools.partial(_next_id, aid, context))
        mark_breakdowns(article_rows, armed, growing)
        rows.extend(article_rows)
        for total, given in armed_differences(article_rows, armed):
            rows.append(difference_row(total, given, f"{aid}:n{context['n']:03d}"))
            context["n"] += 1
    return pd.DataFrame(rows, columns=CLAIM_COLUMNS)


def event_counts(numbers: pd.DataFrame) -> pd.DataFrame:
    """Only the claims about event quantities (not dates, ages, durations ...), sub-counts included."""
    return numbers[numbers["category"] != "other"].reset_index(drop=True)


def totals(numbers: pd.DataFrame) -> pd.DataFrame:
    """Event counts that are totals: sub-counts of a total in the same category are left out."""
    counts = event_counts(numbers)
    return counts[~counts["category"].str.endswith(PART_SUFFIX)].reset_index(drop=True)

