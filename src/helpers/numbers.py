"""Numeric claims about the event: extraction, category, source, time, reconciliation, date checks.

Outlets disagree about how many died, were detained or were sent in as troops. Most disagreements
are reports made at different times from different sources, so each claim keeps who it came from and
when; reconciliation then follows casualty recorders: a later cumulative count from the same or an
official source supersedes an earlier one, overlapping intervals are consistent, and only
non-overlapping claims of the same time are conflicts. The summary gives the most conservative
current figure and the full min-max range, with the claims behind them.

Every number is found by rules over the general number-word and qualifier codebooks and the event's
quantity codebook; numbers that are not event counts (years, dates, ages, durations, money,
distances, percentages, ordinals) are typed as such and never counted.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import pandas as pd

from helpers.codebook import Codebook
from helpers.normalise import NormalisedCorpus
from helpers.patterns import phrase_pattern

MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        1,
    )
}
MONTH_RX = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
)
WEEKDAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
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
DURATION_UNITS = r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries)"
DISTANCE_UNITS = r"(?:miles?|mile|kilometres?|kilometers?|km|metres?|meters?)"
MONEY_WORDS = r"(?:dollars?|euros?|rubles?|roubles?|tenge|pounds?)"
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


def _terms_rx(terms: list[str]) -> re.Pattern[str]:
    return phrase_pattern(terms, re.IGNORECASE)


@lru_cache(maxsize=8)
def _quantity_rules(codebook: Codebook):
    q = codebook.section("quantities")
    preds = {k: _terms_rx(v) for k, v in q.get("predicates", {}).items()}
    nouns = {k: _terms_rx(v) for k, v in q.get("nouns", {}).items()}
    excl = _terms_rx(q.get("exclude_contexts", ["\u0000"]))
    countries = _terms_rx(q.get("countries", ["\u0000"]))
    return q, preds, nouns, excl, countries


def _typed(sentence: str, m: re.Match, value: float | None) -> tuple[str, str] | None:
    """(category 'other', unit) for numbers that are not event counts; None for candidate counts."""
    s, e = m.start(), m.end()
    raw = m.group("num")
    comp = (m.group("compound") or "").lower()
    before = sentence[max(0, s - 25) : s]
    after = sentence[e : e + 25]
    if m.group("suffix") and ("%" in m.group("suffix") or "cent" in m.group("suffix").lower()):
        return "other", "percent"
    if comp:
        if comp.startswith("year-old"):
            return "other", "age"
        if re.fullmatch(DURATION_UNITS.replace("s?", "s?"), comp) or re.match(
            r"(day|week|month|year|hour|minute)", comp
        ):
            return "other", "duration"
        if re.match(r"(mile|kilomet|km|metre|meter)", comp):
            return "other", "distance"
        if re.match(r"(member|strong|point|seat)", comp):
            return "other", "size"
    if re.search(rf"{MONTH_RX}\s*$", before) or re.match(rf"\s*{MONTH_RX}", after):
        return "other", "date"
    if re.fullmatch(r"(1[89]|20)\d\d", raw) and not comp:
        return "other", "year"
    if re.search(r"[$€£₽]\s*$", before) or re.match(rf"\s*{MONEY_WORDS}\b", after, re.I):
        return "other", "money"
    if re.match(rf"\s*{DURATION_UNITS}\b", after, re.I) and not re.match(r"\s*years? of independence", after):
        return "other", "duration"
    if re.match(r"\s*years? of independence", after):
        return "other", "duration"
    if re.match(rf"\s*{DISTANCE_UNITS}\b", after, re.I):
        return "other", "distance"
    if re.match(r"\s*(?:a\.m\.|p\.m\.|am\b|pm\b|o'clock)", after, re.I):
        return "other", "time"
    if re.search(r"\bone\s*$", raw.lower()) and re.match(r"\s+of\b", after):
        return "other", "one_of"
    if re.search(r"[A-Z][a-z]+\s+$", before) and value is not None and value < 100 and not re.match(r"\s+[a-z]", after):
        return "other", "name"
    return None


def _clauses(sentence: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """For each number span, the stretch of the sentence from the previous number to the next one."""
    out = []
    for k in range(len(spans)):
        lo = spans[k - 1][1] if k else 0
        hi = spans[k + 1][0] if k + 1 < len(spans) else len(sentence)
        out.append((lo, hi))
    return out


AUXILIARIES = {
    "were",
    "was",
    "have",
    "had",
    "are",
    "is",
    "been",
    "be",
    "and",
    "or",
    "of",
    "in",
    "on",
    "at",
    "to",
    "who",
    "that",
    "reportedly",
    "more",
    "people",
    "from",
    "by",
    "for",
    "while",
    "as",
}


def _categorise(
    sentence: str, s: int, e: int, clause: tuple[int, int], codebook: Codebook, inherited: str, compound: str = ""
) -> tuple[str, str, str]:
    """(category, noun group, unit) for a candidate count."""
    q, preds, nouns, excl, _ = _quantity_rules(codebook)
    after = sentence[e : clause[1]]
    if compound:  # "2,500-troop deployment": the compound names what is counted
        for rx in nouns.values():
            if rx.fullmatch(compound) or rx.fullmatch(compound + "s"):
                after = compound + " " + after
                break
    before_clause = sentence[clause[0] : s]
    noun_group, noun_text = "", ""
    m_after = re.match(r"[\s-]*(?:of\s+)?(?:the\s+)?((?:[\w-]+\s+){0,3}?[\w-]+)", after)
    window_after = (compound + " " if compound else "") + sentence[e : min(e + 45, clause[1])]
    best = None
    for group, rx in nouns.items():
        m = rx.search(window_after)
        if m and m.start() <= 25 and (best is None or m.start() < best[1]):
            best = (group, m.start(), m.group())
    if best:
        noun_group, noun_text = best[0], best[2]
    else:
        lead = sentence[max(0, s - 40) : s]
        for group, rx in nouns.items():
            found_in_lead = list(rx.finditer(lead))
            m = found_in_lead[-1] if found_in_lead else None
            if m and re.search(
                r"(of|number of)\s+" + re.escape(m.group()) + r"\s+\w+\s+(reached|rose|stood|is|was)",
                sentence[max(0, s - 60) : s],
            ):
                noun_group, noun_text = group, m.group()
                break
            if m and re.search(r"(number of|toll of)\s+" + re.escape(m.group()), sentence[max(0, s - 60) : s]):
                noun_group, noun_text = group, m.group()
                break
            if m and re.search(
                re.escape(m.group()) + r"\s+(?:would\s+|will\s+)?(?:number|numbered|totall?ed|total)\b", lead
            ):
                noun_group, noun_text = group, m.group()
                break
    next_word = re.match(r"[\s-]*([A-Za-z]+)", sentence[e:])
    if not noun_group and next_word and next_word.group(1).islower():
        word = next_word.group(1)
        is_predicate = any(rx.match(word) for rx in preds.values())
        if word not in AUXILIARIES and not is_predicate:
            return "other", "", word  # counts something else ("two smaller towns")
    if not noun_group and not inherited:
        for group, rx in nouns.items():  # a noun earlier in the sentence, elided here ("... and 700 were wounded")
            hits = list(rx.finditer(sentence[:s]))
            if hits and group != "troops":
                inherited = group
    if (
        not noun_group
        and inherited
        and not (
            m_after
            and re.match(r"[a-z]", m_after.group(1) or "")
            and not re.match(r"(were|was|have|had|are|is|been)\b", m_after.group(1))
        )
    ):
        noun_group = inherited
    # the predicate: own clause after the number, then the clause before, then the whole sentence (nearest)
    found = None
    for region in (after, before_clause):
        hits = [(m.start(), name) for name, rx in preds.items() for m in rx.finditer(region)]
        if hits:
            found = min(hits)[1]
            break
    if found is None:
        hits = []
        for name, rx in preds.items():
            for m in rx.finditer(sentence):
                hits.append((min(abs(m.start() - e), abs(m.end() - s)), name))
        if hits:
            found = min(hits)[1]
    if noun_text:  # "Tens of thousands of protesters marched": the count belongs to another action
        tail = re.match(
            r"[\s-]*(?:of\s+)?(?:the\s+)?" + re.escape(noun_text) + r"\s+((?:\w+\s+){0,2}?)(\w+ed)\b",
            (compound + " " if compound else "") + sentence[e : e + 80],
            re.I,
        )
        if (
            tail
            and all(w in AUXILIARIES for w in tail.group(1).split())
            and not any(rx.fullmatch(tail.group(2)) for rx in preds.values())
        ):
            return "other", noun_group, noun_text
    if found == "deployed" and noun_group != "troops":
        found = None
    if noun_group == "troops" and found not in ("deployed", None):
        found = "deployed" if found is None else found
    if noun_group == "troops" and found is None:
        found = "deployed" if re.search(r"deploy|sen[dt]|arriv|dispatch|mission|force", sentence, re.I) else None
    if noun_group == "troops" and excl.search(sentence[max(0, s - 40) : e + 60]):
        return "other", noun_group, "troops (not deployed to this event)"
    if found is None:
        return "other", noun_group, noun_text or "count"
    for cat, spec in q.get("categories", {}).items():
        if spec.get("predicate") == found and noun_group in spec.get("nouns", []):
            return cat, noun_group, noun_text or "people"
    return "other", noun_group, noun_text or "count"


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


# --- sources and time ------------------------------------------------------------------------

INSTITUTION_HINT = re.compile(r"[Mm]inistry|[Aa]gency|[Dd]epartment|[Pp]olice")
SOURCE_VERBS = r"(?:said|says|told|reported|reports|announced|confirmed|estimated|stated)"


def _source(sentence: str, codebook: Codebook, previous: list[str]) -> str:
    """Who a sentence attributes its claim to: citing X > X said/told/reported > according to X."""
    rx = codebook.alias_pattern
    ents = codebook.entity_info
    mentions = []
    if rx is not None:
        for m in rx.finditer(sentence):
            canon = codebook.canonical(m.group())
            if canon in ents and ents[canon]["type"] != "place":
                mentions.append((m.start(), m.end(), canon))
    for m in re.finditer(r"\bthe (ministry|agency|department|police)\b", sentence, re.I):
        ref = next((p for p in reversed(previous) if m.group(1).lower() in p.lower()), "")
        if ref:
            mentions.append((m.start(), m.end(), ref))
    mentions.sort()
    for s, _e, canon in mentions:
        if re.search(r"citing\s+(the\s+)?$", sentence[max(0, s - 12) : s]):
            return canon
    for s, e, canon in mentions:
        if re.match(rf"(?:\s*\([^)]*\))?(?:,[^,]{{0,60}},)?\s*(?:also\s+)?{SOURCE_VERBS}\b", sentence[e : e + 80]):
            return canon
        if re.search(rf"\b{SOURCE_VERBS}\s+(?:the\s+)?$", sentence[max(0, s - 14) : s]):
            return canon
    for s, _e, canon in mentions:
        if re.search(r"according to\s+(the\s+)?$", sentence[max(0, s - 20) : s]):
            return canon
    if re.search(rf"\bofficials\s+{SOURCE_VERBS}\b", sentence):
        return "officials"
    return ""


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


# --- dates -----------------------------------------------------------------------------------

DATE_RX = re.compile(rf"\b({MONTH_RX})\s+(\d{{1,2}})(?:,\s*(\d{{4}}))?\b")


def mentioned_dates(normalised: NormalisedCorpus, codebook: Codebook) -> pd.DataFrame:
    """Month-day dates in each article, resolved to the event's year when none is written."""
    year = int(codebook.section("event").get("year", 0) or 0)
    rows = []
    for aid, doc in normalised.documents.items():
        for m in DATE_RX.finditer(doc.clean_text):
            month = MONTHS.get(m.group(1).lower().rstrip(".")[:3] + "", None)
            month = next((v for k, v in MONTHS.items() if k.startswith(m.group(1).lower().rstrip(".")[:3])), month)
            y = int(m.group(3)) if m.group(3) else year
            try:
                d = date(y, month, int(m.group(2))) if y and month else None
            except ValueError:
                d = None
            rs, re_ = doc.raw_span(m.start(), m.end())
            rows.append(
                {
                    "article_id": aid,
                    "text": m.group(),
                    "date": d.isoformat() if d else "",
                    "month": month,
                    "explicit_year": bool(m.group(3)),
                    "start": rs,
                    "end": re_,
                    "context": doc.clean_text[max(0, m.start() - 60) : m.end() + 40],
                }
            )
    return pd.DataFrame(
        rows, columns=["article_id", "text", "date", "month", "explicit_year", "start", "end", "context"]
    )


def date_anomalies(dates: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """Dates outside the event window whose month contradicts every other date in the article."""
    window = codebook.section("event").get("window", {})
    start = date.fromisoformat(str(window["start"])) if window.get("start") else None
    end = date.fromisoformat(str(window["end"])) if window.get("end") else None
    rows = []
    for aid, g in dates.groupby("article_id"):
        for r in g.itertuples(index=False):
            if r.explicit_year or not r.date or start is None:
                continue
            d = date.fromisoformat(r.date)
            others = g[(g["text"] != r.text) & (~g["explicit_year"])]
            if start <= d <= end or others.empty:
                continue
            if (others["month"] != r.month).all():
                months = sorted({int(x) for x in others["month"]})
                rows.append(
                    {
                        "article_id": aid,
                        "kind": "date_outside_window",
                        "text": r.text,
                        "note": (
                            f"{r.text} falls outside the event window {start} to {end}, and every other "
                            f"date in the article is in month(s) {months}; probably a typo for the same "
                            f"day in that month. Context: ...{r.context}..."
                        ),
                        "start": r.start,
                        "end": r.end,
                    }
                )
    return pd.DataFrame(rows, columns=["article_id", "kind", "text", "note", "start", "end"])


def report_dates(articles: pd.DataFrame, dates: pd.DataFrame, anomalies: pd.DataFrame) -> pd.DataFrame:
    """When each article reported: its declared date, else the latest plausible date it mentions."""
    bad = set(zip(anomalies["article_id"], anomalies["text"], strict=True)) if len(anomalies) else set()
    rows = []
    for r in articles.itertuples(index=False):
        if r.published not in ("", "unknown"):
            rows.append({"article_id": r.article_id, "report_date": r.published, "basis": "declared"})
            continue
        g = dates[(dates["article_id"] == r.article_id) & (dates["date"] != "") & (~dates["explicit_year"])]
        g = g[g["text"].map(lambda t, a=r.article_id: (a, t) not in bad).astype(bool)]
        deadline = [
            bool(re.search(r"\b(?:until|through|till|by)\s+" + re.escape(t), c))
            for t, c in zip(g["text"], g["context"], strict=True)
        ]
        g = g[
            ~pd.Series(deadline, index=g.index, dtype=bool)
        ]  # "a state of emergency until January 19" is not a report date
        if len(g):
            rows.append(
                {"article_id": r.article_id, "report_date": max(g["date"]), "basis": "inferred: latest date mentioned"}
            )
        else:
            rows.append(
                {"article_id": r.article_id, "report_date": "unknown", "basis": "no date declared or mentioned"}
            )
    return pd.DataFrame(rows, columns=["article_id", "report_date", "basis"])


# --- reconciliation --------------------------------------------------------------------------


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def reconcile(claims: pd.DataFrame, dates: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """Status of every event-count claim within its category, with a note in words."""
    q = codebook.section("quantities")
    cumulative = set(q.get("cumulative", []))
    ents = codebook.entities.set_index("canonical")
    official = set(q.get("official_groups", []))
    when = dict(zip(dates["article_id"], dates["report_date"], strict=True))
    rows = []
    keyed = claims.assign(
        key=[c + (f" ({k})" if k else "") for c, k in zip(claims["category"], claims["country"], strict=True)]
    )
    for cat, g in keyed.groupby("key"):
        g = g.reset_index(drop=True)
        for i, r in g.iterrows():
            mine = (r["value_low"], r["value_high"])
            t = when.get(r["article_id"], "unknown")
            others = g.drop(index=i)
            status, note = "consistent", ""
            if others.empty:
                status, note = "single", "the only claim in this category"
            else:
                later = []
                for _, o in others.iterrows():
                    to = when.get(o["article_id"], "unknown")
                    src_official = o["source"] in ents.index and ents.loc[o["source"], "group"] in official
                    same_source = o["source"] and o["source"] == r["source"]
                    if (
                        cat in cumulative
                        and t != "unknown"
                        and to != "unknown"
                        and to > t
                        and (same_source or src_official)
                        and o["value_low"] >= r["value_low"]
                    ):
                        later.append(o)
                conflicts = [
                    o
                    for _, o in others.iterrows()
                    if when.get(o["article_id"], "unknown") == t
                    and not _overlap(mine, (o["value_low"], o["value_high"]))
                ]
                if later:
                    o = later[0]
                    status = "superseded"
                    note = (
                        f"a later report ({when.get(o['article_id'])}) from {o['source'] or 'an unnamed source'} "
                        f"gives {o['text']} ({o['claim_id']})"
                    )
                elif conflicts:
                    status = "conflict"
                    o = conflicts[0]
                    note = (
                        f"does not overlap {o['text']} ({o['outlet']}, {o['claim_id']}) reported at the same time ({t})"
                    )
                else:
                    overl = [
                        o["claim_id"] for _, o in others.iterrows() if _overlap(mine, (o["value_low"], o["value_high"]))
                    ]
                    if overl:
                        note = "overlaps " + ", ".join(overl)
                    else:
                        note = "reported at a different time from the claims it does not overlap"
            rows.append(
                {
                    "category": r["category"],
                    "group": cat,
                    "claim_id": r["claim_id"],
                    "article_id": r["article_id"],
                    "outlet": r["outlet"],
                    "published": t,
                    "text": r["text"],
                    "value_low": r["value_low"],
                    "value_high": r["value_high"],
                    "qualifier": r["qualifier"],
                    "source": r["source"],
                    "status": status,
                    "note": note,
                }
            )
    return pd.DataFrame(
        rows,
        columns=[
            "category",
            "group",
            "claim_id",
            "article_id",
            "outlet",
            "published",
            "text",
            "value_low",
            "value_high",
            "qualifier",
            "source",
            "status",
            "note",
        ],
    )


def summary(reconciled: pd.DataFrame) -> pd.DataFrame:
    """Per category: the most conservative current figure, the min-max range, and the claims behind."""
    rows = []
    for cat, g in reconciled.groupby("group"):
        current = g[g["status"] != "superseded"]
        lows = current["value_low"]
        highs = g["value_high"].replace(math.inf, float("nan"))
        conservative = float(lows.min()) if len(lows) else float("nan")
        rows.append(
            {
                "group": cat,
                "claims": len(g),
                "conservative_estimate": conservative,
                "range_min": float(g["value_low"].min()),
                "range_max": float(highs.max()) if highs.notna().any() else float(g["value_low"].max()),
                "range_min_text": _as_written(g.loc[g["value_low"].idxmin()]),
                "range_max_text": _as_written(g.loc[g["value_low"].idxmax()]),
                "conflicts": int((g["status"] == "conflict").sum()),
                "claims_behind": ", ".join(current["claim_id"]),
            }
        )
    return pd.DataFrame(
        rows,
        columns=["group", "claims", "conservative_estimate", "range_min", "range_max", "range_min_text",
                 "range_max_text", "conflicts", "claims_behind"],
    )


QUALIFIER_WORDS = {"at_least": "at least", "more_than": "more than", "about": "about", "up_to": "up to",
                   "less_than": "fewer than", "exact": "", "vague": ""}


def _as_written(claim: pd.Series) -> str:
    """A claim in words for prose: 'more than 2,000 (The Washington Times)'."""
    words = QUALIFIER_WORDS.get(str(claim["qualifier"]), "")
    return f"{words} {claim['text']} ({claim['outlet']})".strip()


def score_numbers(gold: pd.DataFrame, predicted: pd.DataFrame) -> dict[str, float]:
    """Precision/recall of event-count claims matched on article, category and value (as written)."""

    def key(df: pd.DataFrame) -> list[tuple[str, str, str]]:
        return [(a, c, _value_key(v)) for a, c, v in zip(df["article_id"], df["category"], df["value"], strict=True)]

    g, p = key(gold), key(event_counts(predicted))
    remaining = list(g)
    tp = 0
    for k in p:
        if k in remaining:
            remaining.remove(k)
            tp += 1
    prec = tp / len(p) if p else 0.0
    rec = tp / len(g) if g else 0.0
    return {
        "gold": len(g),
        "predicted": len(p),
        "matched": tp,
        "precision": prec,
        "recall": rec,
        "f1": 2 * prec * rec / (prec + rec) if tp else 0.0,
    }


def _value_key(v: object) -> str:
    try:
        return str(int(float(str(v).replace(",", ""))))
    except ValueError:
        return str(v).lower().strip()
