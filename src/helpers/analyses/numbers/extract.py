"""Numeric claims: every number in the clean text, parsed, qualified, typed, sourced and timed.

Every number is found by rules over the general number-word and qualifier codebooks and the event's
quantity codebook; numbers that are not event counts (years, dates, ages, durations, money,
distances, percentages, ordinals) are typed as such and never counted.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from helpers.analyses.numbers.categorise import _categorise, _quantity_rules, _typed
from helpers.analyses.numbers.dates import MONTH_RX, WEEKDAYS
from helpers.analyses.numbers.sources import INSTITUTION_HINT, _source
from helpers.inputs.codebook import Codebook
from helpers.text.normalise import NormalisedCorpus

ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}
CLAIM_COLUMNS = [
    "article_id",
    "outlet",
    "claim_id",
    "text",
    "value",
    "value_low",
    "value_high",
    "qualifier",
    "category",
    "unit",
    "source",
    "as_of",
    "sentence_id",
    "start",
    "end",
    "country",
]


@dataclass(frozen=True)
class Lexicon:
    """Compiled number vocabulary from the general codebook."""

    words: dict[str, int]
    scales: dict[str, int]
    vague: dict[str, tuple[int, int]]
    qualifiers: dict[str, str]
    number_rx: re.Pattern[str]
    vague_rx: re.Pattern[str]
    qualifier_rx: re.Pattern[str]


@lru_cache(maxsize=8)
def lexicon(codebook: Codebook) -> Lexicon:
    nw = codebook.section("number_words")
    words = {
        **{k: int(v) for k, v in nw.get("units", {}).items()},
        **{k: int(v) for k, v in nw.get("tens", {}).items()},
    }
    words.pop("a", None)
    words.pop("an", None)
    scales = {k: int(v) for k, v in nw.get("scales", {}).items()}
    vague = {k: (int(v[0]), int(v[1])) for k, v in nw.get("vague", {}).items()}
    quals = {k.lower(): v for k, v in codebook.section("qualifiers").get("qualifiers", {}).items()}
    word_alt = "|".join(sorted(words, key=len, reverse=True))
    scale_alt = "|".join(sorted(scales, key=len, reverse=True))
    digits = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    wordnum = rf"(?:(?:{word_alt})(?:[\s-]+(?:{word_alt}))*(?:\s+(?:{scale_alt}))*|an?\s+(?:{scale_alt}))"
    number_rx = re.compile(
        rf"(?<![\w.,])(?P<num>(?:{digits})(?:\s*(?:{scale_alt}))?|{wordnum})(?![\w])"
        rf"(?P<suffix>%|\s*per\s?cent|-(?P<compound>[a-z]+(?:-[a-z]+)*))?",
        re.IGNORECASE,
    )
    vague_rx = re.compile(
        r"(?<![\w-])(?:" + "|".join(re.escape(v) for v in sorted(vague, key=len, reverse=True)) + r")(?![\w-])",
        re.IGNORECASE,
    )
    qualifier_rx = re.compile(
        r"(?:" + "|".join(re.escape(q) for q in sorted(quals, key=len, reverse=True)) + r")\s*$", re.IGNORECASE
    )
    return Lexicon(words, scales, vague, quals, number_rx, vague_rx, qualifier_rx)


def parse_number(text: str, lex: Lexicon) -> float | None:
    """'2,500' -> 2500, 'Sixty-two' -> 62, '3 thousand' -> 3000, 'a thousand' -> 1000."""
    t = text.lower().replace(",", "").strip()
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([a-z]+)?", t)
    if m:
        value = float(m.group(1))
        if m.group(2):
            if m.group(2) not in lex.scales:
                return None
            value *= lex.scales[m.group(2)]
        return value
    total, current = 0.0, 0.0
    parts = re.split(r"[\s-]+", t)
    if parts and parts[0] in ("a", "an"):
        parts[0] = "one"
    for w in parts:
        if w in lex.words:
            current += lex.words[w]
        elif w == "one":
            current += 1
        elif w in lex.scales:
            scale = lex.scales[w]
            if scale >= 1000:
                total += max(current, 1) * scale
                current = 0
            else:
                current = max(current, 1) * scale
        elif w == "and":
            continue
        else:
            return None
    return total + current


def _clauses(sentence: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """For each number span, the stretch of the sentence from the previous number to the next one."""
    out = []
    for k in range(len(spans)):
        lo = spans[k - 1][1] if k else 0
        hi = spans[k + 1][0] if k + 1 < len(spans) else len(sentence)
        out.append((lo, hi))
    return out


def _interval(value_low: float, value_high: float, qualifier: str) -> tuple[float, float]:
    if qualifier == "at_least":
        return value_low, math.inf
    if qualifier == "more_than":
        return value_low + 1, math.inf
    if qualifier == "up_to":
        return 0.0, value_high
    if qualifier == "less_than":
        return 0.0, value_high - 1
    if qualifier == "about":
        return round(value_low * 0.9), round(value_high * 1.1)
    return value_low, value_high


def _qualifier(sentence: str, s: int, lex: Lexicon) -> str:
    m = lex.qualifier_rx.search(sentence[max(0, s - 25) : s])
    return lex.qualifiers[re.sub(r"\s+", " ", m.group().strip().lower())] if m else "exact"


AS_OF = re.compile(
    rf"\b(?:overnight|(?:early |late )?on {WEEKDAYS}|(?:early |late )?on {MONTH_RX} \d{{1,2}}|as of {WEEKDAYS}|"
    rf"as of {MONTH_RX} \d{{1,2}}|earlier this week|over the past day|at night|{WEEKDAYS} (?:morning|evening|night)|"
    rf"in the early hours of {WEEKDAYS}(?: morning)?)\b"
)


def extract_numbers(normalised: NormalisedCorpus, articles: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """Every number in the clean text, typed; event counts get a category, source and time."""
    lex = lexicon(codebook)
    outlet = dict(zip(articles["article_id"], articles["outlet_label"], strict=True))
    _, _, _, _, countries = _quantity_rules(codebook)
    rows = []
    s = normalised.sentences
    by_article: dict[str, list[tuple[int, int, str]]] = {}
    for aid, sid, cs, txt in zip(s["article_id"].tolist(), s["sentence_id"].tolist(), s["clean_start"].tolist(),
                                 s["text"].tolist(), strict=True):
        by_article.setdefault(aid, []).append((sid, cs, txt))
    for aid, doc in normalised.documents.items():
        sents = by_article.get(aid, [])
        previous_sources: list[str] = []
        n = 0
        for sentence_id, clean_start, text in sents:
            found: list[tuple[int, int, str, float | None, float | None, re.Match | None]] = []
            for m in lex.vague_rx.finditer(text):
                lo, hi = lex.vague[m.group().lower()]
                found.append((m.start(), m.end(), m.group(), float(lo), float(hi), None))
            for m in lex.number_rx.finditer(text):
                if any(s <= m.start() < e for s, e, *_ in found):
                    continue
                value = parse_number(m.group("num"), lex)
                if value is None:
                    continue
                found.append((m.start(), m.end(), m.group(), value, value, m))
            for m in re.finditer(r"\b(" + "|".join(ORDINALS) + r")\b|\b\d+(?:st|nd|rd|th)\b", text, re.I):
                if not any(s <= m.start() < e for s, e, *_ in found):
                    found.append((m.start(), m.end(), m.group(), None, None, None))
            found.sort(key=lambda f: f[0])
            spans = [(f[0], f[1]) for f in found]
            clauses = _clauses(text, spans)
            needs_source = bool(found) or INSTITUTION_HINT.search(text) is not None
            source = _source(text, codebook, previous_sources) if needs_source else ""
            if source:
                previous_sources.append(source)
            asof = AS_OF.search(text)
            inherited = ""
            for (s, e, written, lo, hi, m), clause in zip(found, clauses, strict=True):
                if lo is None:
                    category, unit, qualifier, noun = "other", "ordinal", "exact", ""
                    lo = hi = float(ORDINALS.get(written.lower(), re.sub(r"\D", "", written) or 0))
                else:
                    typed = _typed(text, m, lo) if m is not None else None
                    qualifier = _qualifier(text, s, lex) if m is not None else "vague"
                    if typed:
                        category, unit = typed
                        noun = ""
                    else:
                        comp = (m.group("compound") or "") if m is not None else ""
                        category, noun, unit = _categorise(text, s, e, clause, codebook, inherited, comp)
                        if noun:
                            inherited = noun
                if m is None and category != "other":
                    qualifier = "vague"
                low, high = _interval(lo, hi, qualifier) if qualifier != "vague" else (lo, hi)
                country = ""
                if category == "troops_deployed":
                    cs = [c.group() for c in countries.finditer(text[:s])]
                    country = cs[-1] if cs else ""
                    if not country and re.search(r"Collective Security Treaty Organization|CSTO", text):
                        country = "CSTO"
                rs, re_ = doc.raw_span(clean_start + s, clean_start + e)
                rows.append(
                    {
                        "article_id": aid,
                        "outlet": outlet[aid],
                        "claim_id": f"{aid}:n{n:03d}",
                        "text": written,
                        "value": written.lower() if qualifier == "vague" else f"{lo:.15g}",
                        "value_low": low,
                        "value_high": high,
                        "qualifier": qualifier,
                        "category": category,
                        "unit": unit,
                        "source": source if category != "other" else "",
                        "as_of": asof.group() if asof and category != "other" else "",
                        "sentence_id": sentence_id,
                        "start": rs,
                        "end": re_,
                        "country": country,
                    }
                )
                n += 1
    table = pd.DataFrame(rows, columns=CLAIM_COLUMNS)
    return table


def event_counts(numbers: pd.DataFrame) -> pd.DataFrame:
    """Only the claims about event quantities (not dates, ages, durations ...)."""
    return numbers[numbers["category"] != "other"].reset_index(drop=True)
