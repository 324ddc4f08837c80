"""Who a numeric claim comes from: citing X, X said, according to X.

The cue words (speech verbs, "citing", "according to", institutions referred back to, unnamed
officials) are the ``sources`` section of the general qualifiers codebook.
"""

from __future__ import annotations

import re
from functools import lru_cache

from helpers.analyses.numbers.lexicon import WordGate, alternation, lexicon, words_rx
from helpers.analyses.numbers.windows import text_before, window_end
from helpers.inputs.codebook import Codebook

# Characters of an appositive allowed between a source and its verb ("the ministry, in a statement, said").
APPOSITIVE_MAX_CHARS = 60


@lru_cache(maxsize=8)
def _cues(codebook: Codebook) -> dict[str, re.Pattern[str]]:
    src = lexicon(codebook).sources

    def alt(key: str) -> str:
        return "(?:" + (alternation(src.get(key, [])) or "(?!)") + ")"

    verbs, det, adv = alt("verbs"), alt("determiners"), alt("adverbs")
    return {
        "institution": words_rx(src.get("institutions", [])),
        "institution_ref": re.compile(rf"\b{det} ({alt('institutions')})\b", re.I),
        "citing": re.compile(rf"\b{alt('citing')}\s+(?:{det}\s+)?$", re.I),
        "according": re.compile(rf"\b{alt('according')}\s+(?:{det}\s+)?$", re.I),
        "verb_after": re.compile(rf"(?:\s*\([^)]*\))?(?:,[^,]{{0,{APPOSITIVE_MAX_CHARS}}},)?\s*(?:{adv}\s+)?{verbs}\b"),
        "verb_before": re.compile(rf"\b{verbs}\s+(?:{det}\s+)?$"),
        "unnamed": re.compile(rf"\b({alt('unnamed')})\s+{verbs}\b"),
    }


@lru_cache(maxsize=8)
def _gates(codebook: Codebook) -> dict[str, WordGate]:
    """Quick tests of whether a sentence holds a cue's words at all, before its pattern is searched."""
    src = lexicon(codebook).sources
    return {
        "institution": WordGate.of(src.get("institutions", [])),
        "citing": WordGate.of(src.get("citing", [])),
        "according": WordGate.of(src.get("according", [])),
        "verbs": WordGate.of(src.get("verbs", []), caseless=False),
        "unnamed": WordGate.of(src.get("unnamed", []), caseless=False),
    }


def needs_source(sentence: str, codebook: Codebook) -> bool:
    """A sentence naming an institution is read for its source even without a number (for later references)."""
    return _gates(codebook)["institution"].passes(sentence) and _cues(codebook)["institution"].search(sentence) \
        is not None


def _mentions(sentence: str, codebook: Codebook, previous: list[str],
              names: list[re.Match] | None) -> list[tuple[int, int, str]]:
    rx, ents, cues = codebook.alias_pattern, codebook.entity_info, _cues(codebook)
    mentions = []
    if names is None:
        names = list(rx.finditer(sentence)) if rx is not None else []
    for m in names:
        canon = codebook.canonical(m.group())
        if canon in ents and ents[canon]["type"] != "place":
            mentions.append((m.start(), m.end(), canon))
    refs = cues["institution_ref"].finditer(sentence) if previous and _gates(codebook)["institution"].passes(
        sentence) else ()
    for m in refs:
        ref = next((p for p in reversed(previous) if m.group(1).lower() in p.lower()), "")
        if ref:
            mentions.append((m.start(), m.end(), ref))
    return sorted(mentions)


def source_of(sentence: str, codebook: Codebook, previous: list[str], names: list[re.Match] | None = None) -> str:
    """Who a sentence attributes its claim to: citing X > X said/told/reported > according to X.

    ``names``: the matches of the codebook's names in the sentence, when the caller has found them already.
    A cue whose words the sentence lacks is not searched for.
    """
    cues, gates, words = _cues(codebook), _gates(codebook), lexicon(codebook).context_words
    mentions = _mentions(sentence, codebook, previous, names)
    citing, verbs, according = (bool(mentions) and gates[k].passes(sentence) for k in ("citing", "verbs", "according"))
    befores = [text_before(sentence, s, words) for s, _e, _c in mentions] if citing or verbs or according else []
    for (_s, _e, canon), before in zip(mentions, befores if citing else (), strict=False):
        if cues["citing"].search(before):
            return canon
    for (_s, e, canon), before in zip(mentions, befores if verbs else (), strict=False):
        after = sentence[e : window_end(sentence, e + APPOSITIVE_MAX_CHARS, words)]  # an appositive, then the verb
        if cues["verb_after"].match(after) or cues["verb_before"].search(before):
            return canon
    for (_s, _e, canon), before in zip(mentions, befores if according else (), strict=False):
        if cues["according"].search(before):
            return canon
    unnamed = None
    if gates["unnamed"].passes(sentence) and gates["verbs"].passes(sentence):
        unnamed = cues["unnamed"].search(sentence)
    return unnamed.group(1) if unnamed else ""
