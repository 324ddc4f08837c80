"""Who a numeric claim comes from: citing X, X said, according to X."""

from __future__ import annotations

import re

from helpers.inputs.codebook import Codebook

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
