"""Every mention of an actor, and the tone model's reading of each: the ``actor_mentions`` table.

Tone toward a person is only as good as the mentions it reads. Counting the codebook's variants alone
misses how news refers back to someone: "Mr. Steele", a bare "Obama", "the chairman", "he". Those
forms are found here with the machinery the quote attribution already trusts, so one article's
"the governor" means the same person to its quotes and to its tone:

* ``variant``: a written form of the alias codebook (``role`` for its ``descriptors``);
* ``name``, ``surname``, ``title``: a name the speaker finder (:mod:`helpers.text.names`) finds in the
  text, mapped to a codebook person by its full name, by its surname (the person the article already
  named with it, else the only codebook person with that surname), with an honorific or title
  ("Mr. Steele", "Sen. Roe") recorded as ``title``;
* ``role``: "the president" or "the chairman" resolved to the person the same article last named with
  that role (:mod:`helpers.analyses.quotes.role_people`);
* ``pronoun``: "he", "she", "they", "it" outside quotations, resolved by the quote resolver's own rule
  and kept only where it resolves to a codebook actor.

Only the codebook's actors are kept: outlets are compared on the people a study declares, not on every
capitalised word. Offsets are within the sentence (``start``, ``end``), which is what the tone model
reads, and within the clean text (``clean_start``) for finding the mention again.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from helpers.analyses.group_mentions import group_references, other_spellings
from helpers.analyses.quotes.attribution import _masked, _resolve
from helpers.analyses.quotes.cues import Context, grammar
from helpers.analyses.quotes.mentions import POSSESSIVE, Mention, shared_mentions
from helpers.analyses.quotes.role_people import roles_to_people
from helpers.inputs.codebook import Codebook
from helpers.inputs.patterns import confirmed_finditer

MENTION_COLUMNS = ["article_id", "sentence_id", "actor", "canonical", "start", "end", "clean_start", "as_written",
                   "how"]
SCORE_COLUMNS = ["p_negative", "p_neutral", "p_positive", "score"]


@dataclass(frozen=True)
class ActorIndex:
    """The codebook's people and groups as look-ups: canonical name -> actor, surname -> person names."""

    actor_of: dict[str, str]
    by_surname: dict[str, tuple[str, ...]]
    loose: re.Pattern[str] | None  # the variants as they are also written: other case, with or without hyphens
    loose_fast: re.Pattern[str] | None  # the same, to find candidates in ascii-lowered text (see _case_free)
    loose_canonical: dict[str, str]  # folded variant -> canonical name
    same: dict[str, tuple[str, ...]]  # canonical -> every person entry that spells the same person


def _fold(text: str) -> str:
    return re.sub(r"[\s.-]+", "", text.lower())


def _loose_form(variant: str) -> str:
    """A variant's pattern with case and hyphens free ("supreme court" = "Supreme Court", "Walmart" = "Wal-Mart").

    A one-word variant keeps the case of its first letter, so a surname such as "Rice" does not match "rice".
    """
    words = variant.replace("-", " ").split()
    if len(words) == 1 and len(words[0]) > 1 and words[0].isalpha() and words[0].isupper():
        return "(?-i:" + "".join(re.escape(c) + r"\.?" for c in words[0]) + ")"  # "NAACP" = "N.A.A.C.P."
    if len(words) == 1:
        w = words[0]
        return "(?-i:" + re.escape(w[0]) + ")" + "".join("-?" + re.escape(c) for c in w[1:])
    return r"[\s-]*".join(re.escape(w) for w in words)


@lru_cache(maxsize=8)
def actor_index(codebook: Codebook) -> ActorIndex:
    """Built once per codebook: the surnames are those of every multi-word variant of a person."""
    info = codebook.entity_info
    actor_of = {c: str(e.get("actor") or "") for c, e in info.items() if e.get("actor")}
    surnames: dict[str, set[str]] = {}
    for variant, canonical in zip(codebook.aliases["variant"], codebook.aliases["canonical"], strict=True):
        words = str(variant).split()
        if len(words) > 1 and info.get(canonical, {}).get("type") == "person" and words[-1][:1].isupper():
            surnames.setdefault(POSSESSIVE.sub("", words[-1]), set()).add(canonical)
    written = [(w, c) for v, c in zip(codebook.aliases["variant"], codebook.aliases["canonical"], strict=True)
               if c in actor_of for w in (v, *other_spellings(str(v), codebook))]
    loose = {_fold(v): c for v, c in written if len(_fold(v)) > 2}
    forms = sorted({_loose_form(v) for v, _ in written if _fold(v) in loose}, key=len, reverse=True)
    rx = re.compile(r"(?<![\w-])(?:" + "|".join(forms) + r")(?![\w-])", re.I) if forms else None
    return ActorIndex(actor_of, {s: tuple(sorted(c)) for s, c in surnames.items()}, rx,
                      _case_free(forms) if rx is not None else None, loose,
                      _same_people(codebook, actor_of))


SAME_PERSON_MIN_SIMILARITY = 90
SAME_ENTRY_MIN_LETTERS = 6  # shorter names are too close by chance ("Reid" / "Reed") to be one misspelt entry


def _same_people(codebook: Codebook, actor_of: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """Entries one letter apart ("Lois Lerner" / "Lois lerner", "Kevin" / "Kevil McCarthy", "protesters" /
    "protestors") are one person or group.

    A codebook written by hand repeats an entry under a mistyped name; the mentions then belong to both
    entries, so neither is left without a tone. Two persons must also share their last word.
    """
    from rapidfuzz import fuzz

    folded = {c: _fold(c) for c in actor_of if len(_fold(c)) >= SAME_ENTRY_MIN_LETTERS}
    person = {c: codebook.entity_info[c].get("type") == "person" for c in folded}
    out: dict[str, tuple[str, ...]] = {}
    for c, fc in folded.items():
        twins = [o for o, fo in folded.items() if o != c and abs(len(fo) - len(fc)) <= 2
                 and len(o.split()) == len(c.split())
                 and (not (person[c] and person[o]) or c.split()[-1].lower() == o.split()[-1].lower())
                 and fuzz.ratio(fc, fo) >= SAME_PERSON_MIN_SIMILARITY]
        if twins:
            out[c] = (c, *twins)
    return out


def _loose_spans(text: str, rx: re.Pattern[str], fast: re.Pattern[str] | None = None) -> list[tuple[int, int, str]]:
    """Every match of the variants, and the shorter variants inside each ("Lumens" in "Senate Lumens")."""
    out = []
    for m in confirmed_finditer(rx, fast, text):
        out.append((m.start(), m.end(), m.group()))
        for k in range(m.start() + 1, m.end()):
            if text[k - 1] in " -":
                inner = rx.match(text, k, m.end())
                if inner is not None:
                    out.append((inner.start(), inner.end(), inner.group()))
    return out


def _case_free(forms: list[str]) -> re.Pattern[str] | None:
    """The loose pattern's ``forms`` (case-insensitive, some letters case-sensitive) as one case-sensitive pattern
    for ascii-lowered text that matches wherever the loose pattern does, and possibly more: letters lower-cased
    (escapes kept), the case-sensitive groups opened up, and the forms grouped by their first letter, so the
    engine tries one group at a word instead of every form. None for forms with letters beyond ASCII (where
    lower-casing A-Z is not all that case-insensitive matching does) or of a shape it cannot split."""
    if not all(f.isascii() for f in forms):
        return None
    groups: dict[str, list[str]] = {}
    for form in forms:
        body = re.sub(r"\\.|[A-Z]", lambda m: m.group().lower() if len(m.group()) == 1 else m.group(), form)
        body = body.replace("(?-i:", "(?:")
        escaped = False
        if body.startswith("(?:") and len(body) > 4 and body[3] != "\\":
            first, rest = body[3], "(?:" + body[4:]  # "(?:d)-?e..." -> "d", "(?:)-?e..."
        elif body.startswith("\\") and len(body) > 1 and not body[1].isalnum():
            first, rest, escaped = body[1], body[2:], True  # an escaped mark: the mark itself
        else:
            first, rest = body[:1], body[1:]
        if not first or (first in "\\()[]|.^$*+?{}" and not escaped) or rest[:1] in ("?", "*", "+", "{"):
            return None
        groups.setdefault(first, []).append(rest)
    alternatives = "|".join(re.escape(c) + "(?:" + "|".join(rests) + ")" for c, rests in groups.items())
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


def _loose_mentions(text: str, index: ActorIndex, taken: list[tuple[int, int, str]]) -> list[Mention]:
    """Codebook forms written otherwise ("Wal-Mart", "Republican lawmakers") and forms nested in other mentions.

    A form is dropped where a mention of the same entry already covers it; a form that contains another
    entry's mention, or lies inside it, is a mention of its own ("Senate Lumens" are Lumens).
    """
    if index.loose is None:
        return []
    out = []
    for start, end, written in _loose_spans(text, index.loose, index.loose_fast):
        canonical = index.loose_canonical.get(_fold(written))
        if not canonical:
            continue
        clash = [(s, e, c) for s, e, c in taken if s < end and start < e]
        if any(c == canonical or not (s <= start and end <= e or start <= s and e <= end) for s, e, c in clash):
            continue
        taken.append((start, end, canonical))
        out.append(Mention(start, end, written, canonical, "group", "any", "", "variant"))
    return out


def _name_form(m: Mention) -> str:
    """``title`` for "Mr. Steele" or "Sen. Roe", ``surname`` for one word, ``name`` for a full name."""
    if m.head > m.start:
        return "title"
    return "surname" if len(m.text[max(m.head, m.start) - m.start :].split()) == 1 else "name"


def _by_surname(m: Mention, index: ActorIndex, seen: list[str]) -> str:
    """The codebook person a name found in the text is, by its surname: already named here, else the only one."""
    words = m.text[max(m.head, m.start) - m.start :].split()
    if not words:
        return ""
    found = index.by_surname.get(POSSESSIVE.sub("", words[-1]), ())
    if len(found) > 1 and len(words) > 1:  # "Hillary Rodham Clinton": the first name tells Clintons apart
        found = tuple(c for c in found if c.split()[0] == words[0]) or found
    here = [c for c in reversed(seen) if c in found]
    if here:
        return here[0]
    return found[0] if len(found) == 1 else ""


def _who(m: Mention, index: ActorIndex, seen: list[str]) -> tuple[str, str]:
    """(canonical, how) of a mention that is not a pronoun; an empty canonical when it is no codebook actor."""
    if m.form == "variant":
        return (m.canonical, "variant") if m.canonical in index.actor_of else ("", "")
    if m.form == "descriptor":
        return (m.canonical, "role") if m.canonical in index.actor_of else ("", "")
    if m.form == "role":
        return (m.canonical, "role") if m.canonical != m.text and m.canonical in index.actor_of else ("", "")
    if m.form == "name":
        canonical = m.canonical if m.canonical in index.actor_of else _by_surname(m, index, seen)
        return (canonical, _name_form(m)) if canonical else ("", "")
    return "", ""


def article_actor_mentions(text: str, sentences: list[tuple[int, int]], quotes: list[tuple[int, int]],
                           codebook: Codebook) -> list[tuple[int, str, int, int, str, str]]:
    """(clean start, canonical, sentence index, clean end, as written, how) for every actor mention of one text."""
    index = actor_index(codebook)
    found = shared_mentions(text, codebook)
    roles_to_people(text, found, codebook)
    ctx = Context(text, _masked(text, quotes), found, sentences or [(0, len(text))], [], frozenset(), frozenset(),
                  grammar(codebook))
    seen: list[str] = []
    history: list[Mention] = []
    out = []
    for m in found:
        if m.form == "pronoun":
            if ctx.masked[m.start : m.start + 1] != m.text[:1]:
                continue  # inside a quotation: "he" there is the speaker's, not the outlet's, reference
            person = _resolve(ctx, m, history)
            canonical = person.canonical if person is not None else ""
            if person is not None and canonical not in index.actor_of:
                canonical = _who(person, index, seen)[0]
            how = "pronoun"
        else:
            canonical, how = _who(m, index, seen)
        if not canonical:
            continue
        seen.append(canonical)
        if m.form != "pronoun":
            history.append(m)
        out.append((m.start, canonical, max(bisect_right(ctx.sentence_starts, m.start) - 1, 0), m.end, m.text, how))
    taken = [(r[0], r[3], r[1]) for r in out]
    for m in _loose_mentions(text, index, taken):
        out.append((m.start, m.canonical, max(bisect_right(ctx.sentence_starts, m.start) - 1, 0), m.end, m.text,
                    "variant"))
    for start, end, written, canonical, how in group_references(text, codebook, frozenset(index.actor_of),
                                                                index.same):
        if not any(s < end and start < e and (how == "head" or c in index.same.get(canonical, (canonical,)))
                   for s, e, c in taken):  # a head noun another rule already read ("the president") is that one's
            taken.append((start, end, canonical))
            out.append((start, canonical, max(bisect_right(ctx.sentence_starts, start) - 1, 0), end, written, how))
    return sorted(out)


def find_actor_mentions(normalised, quotes: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """Every actor mention of every article of a normalised chunk (``MENTION_COLUMNS``).

    ``quotes`` gives the quotation spans (``article_id``, ``clean_start``, ``clean_end``), inside which
    pronouns are not resolved.
    """
    index = actor_index(codebook)
    if not index.actor_of:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in MENTION_COLUMNS})
    # rows by article through ``groupby(...).indices`` and plain lists: one sub-table per article costs more than
    # finding its mentions in a short article
    q_start, q_end = quotes["clean_start"].tolist(), quotes["clean_end"].tolist()
    spans = {aid: [(q_start[k], q_end[k]) for k in at]
             for aid, at in quotes.groupby("article_id", sort=False).indices.items()} if len(quotes) else {}
    sents = normalised.sentences
    s_start, s_end, s_id = sents["clean_start"].tolist(), sents["clean_end"].tolist(), sents["sentence_id"].tolist()
    rows = []
    for aid, at in sents.groupby("article_id", sort=False).indices.items():
        text = normalised.documents[aid].clean_text
        bounds = [(s_start[k], s_end[k]) for k in at]
        ids = [s_id[k] for k in at]
        found = article_actor_mentions(text, bounds, spans.get(aid, []), codebook)
        for start, canonical, k, end, written, how in found:
            s0, s1 = bounds[k]
            if start < s0 or end > s1:
                continue  # a mention across a sentence boundary has no one sentence to be read in
            for who in index.same.get(canonical, (canonical,)):
                rows.append((aid, ids[k], index.actor_of[who], who, start - s0, end - s0, start, written, how))
    return pd.DataFrame(rows, columns=MENTION_COLUMNS)


def score_actor_mentions(found: pd.DataFrame, sentences: pd.DataFrame, model=None) -> pd.DataFrame:
    """The mentions with the tone model's probabilities, all mentions of the chunk in one call (vectorised).

    A span that stands for several actors (twin spellings, "Verdants" for a party and its lawmakers) is one
    sentence-target pair, so each distinct (article, sentence, start, end) is scored once.
    """
    from helpers.analyses.tone_model import score_mentions

    out = found.reset_index(drop=True)
    keys = ["article_id", "sentence_id", "start", "end"]
    pairs = out[keys].drop_duplicates(ignore_index=True)
    text = sentences.set_index(["article_id", "sentence_id"])["text"]
    where = pd.MultiIndex.from_arrays([pairs["article_id"], pairs["sentence_id"]])
    rows = pd.DataFrame({"text": text.reindex(where).to_numpy(), "start": pairs["start"].to_numpy(),
                         "end": pairs["end"].to_numpy()})
    scored = score_mentions(rows, model)
    pairs[SCORE_COLUMNS] = scored[SCORE_COLUMNS].to_numpy(dtype=float) if len(pairs) else np.zeros((0, 4))
    if out.empty:
        return out.assign(**{c: np.zeros(0) for c in SCORE_COLUMNS})
    return out.merge(pairs, on=keys, how="left", validate="many_to_one")
