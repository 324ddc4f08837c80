"""What a number counts: numbers that are not event counts are typed; candidate counts get a category.

The category comes from the quantity codebook: a predicate (killed, detained ...) and a noun group
(people, protesters ...) in the number's own clause.
"""

from __future__ import annotations

import re
from functools import lru_cache

from helpers.analyses.numbers.dates import MONTH_RX
from helpers.inputs.codebook import Codebook
from helpers.text.patterns import phrase_pattern

DURATION_UNITS = r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries)"
DISTANCE_UNITS = r"(?:miles?|mile|kilometres?|kilometers?|km|metres?|meters?)"
MONEY_WORDS = r"(?:dollars?|euros?|rubles?|roubles?|tenge|pounds?)"

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
