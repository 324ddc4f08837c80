"""Actor labels: the word an outlet uses for a group of people, counted as written.

The label ("bandits", "protesters") is the measured variable; who is meant (the identity) is kept
apart and never replaces it. Both come from ``actor_labels.yaml`` in the event codebook.

Nouns such as "forces" or "units" do not say whose they are: the words before them do. "Ruritanian
security forces" and "foreign peacekeeping units" belong to different groups, so a head noun takes the group of
the first modifier in the run of modifiers written before it. A bare head goes to the group that
claims it (``unmodified_heads``) or, when none does, is reported as "owner not stated", not guessed.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from helpers.inputs.codebook import Codebook
from helpers.inputs.patterns import phrase_pattern
from helpers.text.normalise import WORD

UNSTATED = "owner_not_stated"
UNSTATED_LABEL = "Owner not stated"
HIT_COLUMNS = ["article_id", "sentence_id", "outlet", "actor", "identity", "label", "as_written", "start", "end"]


@dataclass(frozen=True)
class LabelRules:
    """The codebook's label rules, compiled once."""

    pattern: re.Pattern[str]
    owners: dict[str, tuple[tuple[str, str], ...]]  # term (lower) -> ((target, label), ...)
    heads: frozenset[str]
    modifiers: dict[str, str]  # modifier (lower) -> target
    unmodified: dict[str, str]  # head (lower) -> target
    identity: dict[str, str]  # target -> actor group
    names: dict[str, str]  # target -> label in words


@lru_cache(maxsize=1 << 16)
def _norm(term: str) -> str:
    return re.sub(r"\s+", " ", term.lower().replace("’", "'"))


@lru_cache(maxsize=8)
def label_rules(codebook: Codebook) -> LabelRules:
    """Compile ``actor_labels.yaml``: one pattern over every term of every group."""
    spec = codebook.section("actor_labels")
    targets = spec.get("targets", {}) or {}
    owners: dict[str, list[tuple[str, str]]] = {}
    modifiers: dict[str, str] = {}
    unmodified: dict[str, str] = {}
    for target, tspec in targets.items():
        for label, terms in (tspec.get("labels", {}) or {}).items():
            for term in terms:
                owners.setdefault(_norm(str(term)), []).append((target, str(label)))
        for word in tspec.get("modifiers", []) or []:
            modifiers.setdefault(_norm(str(word)), target)
        for head in tspec.get("unmodified_heads", []) or []:
            unmodified.setdefault(_norm(str(head)), target)
    return LabelRules(
        pattern=phrase_pattern(list(owners) or ["\u0000"], re.IGNORECASE),
        owners={k: tuple(v) for k, v in owners.items()},
        heads=frozenset(_norm(str(h)) for h in spec.get("heads", []) or []),
        modifiers=modifiers,
        unmodified=unmodified,
        identity={t: str(s.get("actor", t)) for t, s in targets.items()},
        names={t: str(s.get("label", t.replace("_", " "))) for t, s in targets.items()},
    )


class _Words:
    """The words of one sentence, found once, for looking back from any offset (see :func:`_modifier_run`)."""

    def __init__(self, text: str) -> None:
        self.text = text
        found = list(WORD.finditer(text))
        self.spans = [(m.start(), m.end()) for m in found]
        self.ends = [m.end() for m in found]

    def before(self, start: int) -> Iterator[tuple[int, int]]:
        """(start, end) of the words of ``text[:start]``, right to left, as ``WORD.finditer(text[:start])`` finds them.

        The sentence's words that end by ``start`` are the same; a word running past ``start`` is cut there, so
        only that word is searched again, within the prefix. Looking back costs the words visited, not the prefix.
        """
        j = bisect.bisect_right(self.ends, start)
        if j < len(self.spans) and self.spans[j][0] < start:
            yield from reversed([m.span() for m in WORD.finditer(self.text, self.spans[j][0], start)])
        for k in range(j - 1, -1, -1):
            yield self.spans[k]


def _modifier_run(text: str, start: int, rules: LabelRules, words: _Words | None = None) -> tuple[int, list[str]]:
    """The modifiers written right before ``start`` (left to right) and where the run begins."""
    run: list[str] = []
    begin = start
    for w_start, w_end in (words or _Words(text)).before(start):
        gap = text[w_end:begin]
        word = _norm(text[w_start:w_end])
        if gap.strip() or word not in rules.modifiers:
            break
        run.insert(0, word)
        begin = w_start
    return begin, run


def _resolve(term: str, before: list[str], rules: LabelRules) -> tuple[str, str]:
    """(target, label) for one matched term, given the modifiers written before it."""
    owners = rules.owners[term]
    words = term.split(" ")
    head = words[-1]
    if head not in rules.heads:
        return owners[0]
    decided = next((rules.modifiers[w] for w in before + words[:-1] if w in rules.modifiers), None)
    target = decided or rules.unmodified.get(head) or UNSTATED
    for owner in owners:
        if owner[0] == target:
            return owner
    own_labels = {lab for t, lab in rules.owners.get(head, ()) if t == target}
    return target, (next(iter(own_labels)) if own_labels else head)


def label_hits(sentences: pd.DataFrame, articles: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """Every label as written: article, sentence, outlet, group, identity, label, phrase, offsets.

    ``start``/``end`` are offsets in the sentence text and cover the modifiers that decided the group.
    One pass over the sentences; a sentence's words are found once, when it has a head noun to resolve.
    """
    rules = label_rules(codebook)
    outlet_of = dict(zip(articles["article_id"].tolist(), articles["outlet_label"].tolist(), strict=True))
    rows = []
    columns = (sentences[c].tolist() for c in ("article_id", "sentence_id", "text"))
    for aid, sid, text in zip(*columns, strict=True):
        words = None
        for m in rules.pattern.finditer(text):
            term = _norm(m.group())
            begin, before = m.start(), []
            if term.split(" ")[-1] in rules.heads:
                words = words or _Words(text)
                begin, before = _modifier_run(text, m.start(), rules, words)
            target, label = _resolve(term, before, rules)
            rows.append(
                (aid, sid, outlet_of.get(aid, ""), target, rules.identity.get(target, ""), label,
                 text[begin : m.end()], begin, m.end())
            )
    return pd.DataFrame(rows, columns=HIT_COLUMNS)


COUNT_COLUMNS = ["outlet", "voice", "speaker", "actor", "label", "count"]


def label_counts(hits: pd.DataFrame) -> pd.DataFrame:
    """Per outlet, voice, speaker, group and label: how often the label is written.

    A label in the outlet's own words has voice ``own`` and no speaker; a label inside a quotation is
    counted apart, with its speaker (hits without a voice column are taken as the outlet's own words).
    """
    hits = hits if "voice" in hits.columns else hits.assign(voice="own", speaker="")
    keys = ["outlet", "voice", "speaker", "actor", "label"]
    table = hits.fillna({"speaker": ""}).groupby(keys, as_index=False).size().rename(columns={"size": "count"})
    return table[COUNT_COLUMNS].sort_values(["actor", "label", "voice", "outlet"]).reset_index(drop=True)


def own_voice(counts: pd.DataFrame) -> pd.DataFrame:
    """The label counts an outlet wrote in its own voice (what may be credited to the outlet)."""
    return counts[counts["voice"] == "own"] if "voice" in counts.columns else counts


def quoted_as_written(counts: pd.DataFrame, outlet_names: dict[str, str] | None = None) -> list[str]:
    """Each quoted label with its speaker and the outlets that quoted it: "'thugs' (the minister, quoted by A)"."""
    if "voice" not in counts.columns:
        return []
    quoted = counts[counts["voice"] == "quoted"]
    names = outlet_names or {}
    out = []
    for (label, speaker), g in quoted.groupby(["label", "speaker"], sort=True):
        by = ", ".join(names.get(o, o) for o in sorted(g["outlet"].unique()))
        who = "unattributed quotation" if speaker in ("", "unattributed") else speaker
        out.append(f"‘{label}’ ({who}, quoted by {by})")
    return out


def group_names(codebook: Codebook) -> dict[str, str]:
    """Group id -> group name in words, including the group for heads whose owner is not stated."""
    return {**label_rules(codebook).names, UNSTATED: UNSTATED_LABEL}


def labels_by_outlet(counts: pd.DataFrame, groups: dict[str, str]) -> pd.DataFrame:
    """Wide view for the chapter: one row per (group name, label as written), one column per outlet.

    Only the outlet's own words are credited to it; a quoted label gets a row of its own, named with its
    speaker ("thugs (quoted: the minister)"), with the outlets that quoted it.
    """
    if "voice" in counts.columns:
        quoted = counts["voice"] == "quoted"
        who = counts["speaker"].replace({"": "unattributed"})
        counts = counts.assign(label=counts["label"].where(~quoted, counts["label"] + " (quoted: " + who + ")"))
    named = counts.assign(group=counts["actor"].map(lambda a: groups.get(a, a)))
    return named.pivot_table(index=["group", "label"], columns="outlet", values="count", aggfunc="sum", fill_value=0)
