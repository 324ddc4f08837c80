"""Report-level breakdowns: counts told after a report's total that split it up or repeat it.

A short report usually gives its total first ("twelve people were killed") and then tells the
same dead again, place by place or group by group ("ten were shot and two burnt"), or repeats the
figure ("the 12 killed"). Those later counts are not new totals: counted as claims of their own they
would turn one report into several. Within one category, a later count (in a later sentence of the
same paragraph: a new paragraph is a new part of the story) that
fits in what is left of the total is marked as its part (``part_of``, category suffix ``_part``, like
"including four children"); the same figure again is marked as a part of its first statement.

A total told again anywhere later in the article (same category, figure, side, time and group) is a
restatement: one claim per quantity and figure, the later ones marked as parts of the first.

Two kinds of later count are not parts:
- one that does not fit (larger than what is left): an update or another account, which becomes the
  total later counts are measured against (in a category that only grows, the earlier figure, if nothing
  broke it down, is revised by it and kept as its part);
- the victims of a breakdown that sets them apart from armed people ("ten militants and five
  villagers died"): the study's ``not_victims`` nouns say who is armed, and the victims' count
  becomes the total (the armed count is the part). Likewise a count of armed people is never a total
  that others' counts are part of ("killed 80 fighters ... left seven civilians dead").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable

from helpers.analyses.numbers.lexicon import Lexicon, words_rx
from helpers.analyses.numbers.windows import text_before
from helpers.inputs.codebook import Codebook

PART_SUFFIX = "_part"
# Keys of a claim row used here only (not columns of the claims table): its paragraph, and whether it
# is a victim told of without a number ("the mayor was killed").
PARAGRAPH = "_paragraph"
ONE = "_one"
SET_APART = "_set_apart"  # an armed count a later sentence sets apart from the victims of a total
FITTED = "_fitted"  # a part found by fitting in a total told earlier (no breakdown word says so)
RESTATED = "_restated"  # a total told again later in the article: marked as a part of its first statement
GENERIC_UNITS = frozenset({"", "people"})  # no group written: the unit the categoriser gives a count of people
BESIDE = "_beside"  # an armed count told beside the victims' count of its sentence: neither is in the other
ADDED = "_added"  # a count told as more than one given before ("another 12", "two more"): it adds to it


def not_victims_rx(codebook: Codebook) -> re.Pattern[str]:
    """Nouns of armed people whose count is set apart from the victims' (the study codebook's ``not_victims``)."""
    return words_rx([str(t) for t in codebook.section("quantities").get("not_victims") or []])


def _is_total(row: dict) -> bool:
    """A numeric count that is not already a sub-count of something (vague words have no size to split)."""
    return (row["category"] != "other" and not row["part_of"] and row["qualifier"] != "vague"
            and not str(row["category"]).endswith(PART_SUFFIX))


def _is_armed(row: dict, armed: re.Pattern[str]) -> bool:
    return bool(row["unit"]) and armed.fullmatch(str(row["unit"])) is not None


def _victims_told_apart(rows: list[dict], armed: re.Pattern[str]) -> set[int]:
    """Ids of the one count in a sentence that also counts armed people of its category: the victims' count."""
    armed_at = {(r["sentence_id"], r["category"]) for r in rows if _is_total(r) and _is_armed(r, armed)}
    others: dict[tuple, list[dict]] = {}
    for r in rows:
        if _is_total(r) and (r["sentence_id"], r["category"]) in armed_at and not _is_armed(r, armed):
            others.setdefault((r["sentence_id"], r["category"]), []).append(r)
    return {id(group[0]) for group in others.values() if len(group) == 1}  # one victims' count, not a list


def _follows(row: dict, total: dict) -> bool:
    """Whether a count is told after its total, in a later sentence of the same paragraph, about the same side.

    Counts of groups from two named countries ("200 volunteers from one, 150 from the other") are counted
    side by side, not one inside the other; so are counts told for two different times ("on Monday",
    "on Wednesday"): two incidents.
    """
    return total["sentence_id"] != row["sentence_id"] and _same_incident(row, total)


def _same_incident(row: dict, other: dict) -> bool:
    """Same paragraph, and no two sides or two times named: the two counts may tell one incident."""
    sides = {str(other.get("country") or ""), str(row.get("country") or "")} - {""}
    times = {str(other.get("as_of") or ""), str(row.get("as_of") or "")} - {""}
    return other.get(PARAGRAPH) == row.get(PARAGRAPH) and len(sides) < 2 and len(times) < 2


def _mark(row: dict, total: dict) -> None:
    row["category"], row["part_of"], row[FITTED] = row["category"] + PART_SUFFIX, total["claim_id"], True


def _vague_restatements(rows: list[dict]) -> None:
    """Mark a vague count ("dozens were killed") as a part of the figure another sentence of its paragraph gives
    for the same category ("officials said 69 were killed"): the number says how many the word meant, it is not
    a second claim. In one sentence the two are different groups ("dozens of workers and 12 guards")."""
    by_place: dict[tuple, dict[int, dict]] = {}  # (category, paragraph) -> sentence -> its first figure
    for r in rows:
        if _is_total(r):
            by_place.setdefault((r["category"], r.get(PARAGRAPH)), {}).setdefault(int(r["sentence_id"]), r)
    places = {key: sorted(firsts) for key, firsts in by_place.items()}
    for row in rows:
        if row["category"] == "other" or row["part_of"] or row["qualifier"] != "vague":
            continue
        key = (row["category"], row.get(PARAGRAPH))
        nearest = _nearest_other(places.get(key, []), int(row["sentence_id"]))
        if nearest is not None:
            _mark(row, by_place[key][nearest])


def _nearest_other(sentences: list[int], sid: int) -> int | None:
    """The sentence nearest to ``sid`` other than itself (the earlier one on a tie), by binary search."""
    i = bisect_left(sentences, sid)
    before = sentences[i - 1] if i > 0 else None
    j = i + 1 if i < len(sentences) and sentences[i] == sid else i
    after = sentences[j] if j < len(sentences) else None
    if before is None or (after is not None and after - sid < sid - before):
        return after
    return before


def _restatements(rows: list[dict]) -> None:
    """Mark a total told again anywhere later in the article (same category, side, time and stated figure) as a
    restatement of its first statement: one claim per quantity and figure ("40 were killed ... the 40 dead")."""
    first: dict[tuple, dict] = {}
    for row in rows:
        if not _is_total(row):
            continue
        key = (row["category"], row["value_low"], row["value_high"], str(row.get("country") or ""))
        earlier = first.get(key)
        times = {str(earlier.get("as_of") or ""), str(row.get("as_of") or "")} - {""} if earlier else set()
        groups = {str(earlier.get("unit") or "").lower(), str(row.get("unit") or "").lower()} if earlier else set()
        if earlier is not None and earlier["sentence_id"] != row["sentence_id"] and len(times) < 2 and (
                len(groups) < 2 or groups & GENERIC_UNITS):
            _mark(row, earlier)
            row[RESTATED] = True
        else:
            first.setdefault(key, row)


def _armed_beside_victims(rows: list[dict], victims: set[int], armed: re.Pattern[str]) -> None:
    """In a sentence that tells victims beside armed people of one category ("killing eight civilians and two
    soldiers"), the armed count is set apart: it stays a claim, marked with the victims' count, not a total."""
    told = {(r["sentence_id"], r["category"]): r for r in rows if id(r) in victims and _is_total(r)}
    for r in rows:
        key = (r["sentence_id"], r["category"])
        if key in told and _is_total(r) and _is_armed(r, armed):
            _mark(r, told[key])
            r[BESIDE] = True


def _armed_beside_article_victims(rows: list[dict], armed: re.Pattern[str]) -> None:
    """An armed count left a total in an article that also tells a victims' total of its category ("killed
    almost 80 rebel fighters ... also left seven civilians dead") is set apart beside the first victims' total of
    the same incident (paragraph, side and time): the report's victims are the others, and the armed dead are
    not subtracted from them."""
    victims = [r for r in rows if _is_total(r) and not _is_armed(r, armed)]
    for r in rows:
        if _is_total(r) and _is_armed(r, armed):
            told = next((v for v in victims if v["category"] == r["category"] and _same_incident(r, v)), None)
            if told is not None:
                _mark(r, told)
                r[BESIDE] = True


def mark_breakdowns(rows: list[dict], armed: re.Pattern[str], growing: frozenset[str] = frozenset()) -> None:
    """Mark, in place, the later counts of one article that break down or repeat a total of their category.

    In a category that only grows (the codebook's ``cumulative``), a larger figure told after a total that
    nothing has broken down revises it ("at least 34 were killed ... locals put the number at 35"): the
    earlier figure is kept as a part of the later one, which is the report's total.
    """
    _vague_restatements(rows)
    _restatements(rows)
    victims = _victims_told_apart(rows, armed)
    open_totals: dict[str, tuple[dict, float]] = {}  # category -> (total row, what is left of it)
    replaced: dict[tuple, dict] = {}  # (sentence, category) -> the total its victims' count replaced
    for row in rows:
        if not _is_total(row):
            continue
        category, value = row["category"], float(row["value_low"])
        held = open_totals.get(category)
        if (row["sentence_id"], category) in replaced and _is_armed(row, armed):  # the armed side of it
            _mark(row, replaced[(row["sentence_id"], category)])
            row[SET_APART] = True
            continue
        if id(row) in victims and held is not None and _follows(row, held[0]):
            replaced[(row["sentence_id"], category)] = held[0]
        if (held is not None and _follows(row, held[0]) and id(row) not in victims
                and not (_is_armed(held[0], armed) and not _is_armed(row, armed))):
            total, left = held
            whole = float(total["value_low"])
            if value == whole and left == whole:  # the same figure again
                _mark(row, total)
                continue
            if value <= left:
                _mark(row, total)
                open_totals[category] = (total, left - value)
                continue
            if left == whole and category in growing:  # a revised figure: the earlier one is inside it
                _mark(total, row)
        open_totals[category] = (row, value)
    _armed_beside_victims(rows, victims, armed)
    _armed_beside_article_victims(rows, armed)
    apart = {(r["sentence_id"], r["category"]) for r in rows if id(r) in victims}
    for r in rows:
        if r["part_of"] and _is_armed(r, armed) and not r.get(BESIDE) \
                and (r["sentence_id"], r["category"].removesuffix(PART_SUFFIX)) in apart:
            r[SET_APART] = True


def joined_total(text: str, rows: list[dict], lex: Lexicon) -> tuple[dict, dict] | None:
    """(the victim without a number, the counted group) one verb of the sentence joins ("killed a mayor and four
    others"), when they are the only totals of their category in it: their sum is the verb's count."""
    totals = [r for r in rows if _is_total(r)]
    per_category = Counter(r["category"] for r in totals)
    for one, group in zip(totals, totals[1:], strict=False):
        between = text[one["end"] : group["start"]]
        if (one.get(ONE) and not group.get(ONE) and one["category"] == group["category"]
                and per_category[one["category"]] == 2
                and lex.joined_rx.search(between) and not lex.clause_opener_rx.search(between)):
            return one, group
    return None


def joined_row(text: str, one: dict, group: dict, claim_id: str) -> dict:
    """The derived claim for a victim and a group joined under one verb; both become its parts."""
    row = {**group, "claim_id": claim_id, "text": text[one["start"] : group["end"]], "start": one["start"],
           ONE: False, "value": f"{float(group['value']) + 1:.15g}", "value_low": group["value_low"] + 1,
           "value_high": group["value_high"] + 1, "qualifier_written": ""}  # the text holds the group's qualifier
    _mark(one, row)
    _mark(group, row)
    return row


def armed_differences(rows: list[dict], armed: re.Pattern[str]) -> list[tuple[dict, list[dict]]]:
    """(total, its parts that count armed people) for each total broken down into armed people and others
    ("nine people, including two soldiers"; "... Six soldiers and nine farmers died"): the victims are the
    total less the armed. Only a breakdown word ("including", "among the dead"), or a sentence that sets the
    victims apart from the armed, says so; an armed count merely fitting in a total told earlier does not."""
    parts: dict[str, list[dict]] = {}
    for r in rows:
        if (r["part_of"] and str(r["category"]).endswith(PART_SUFFIX) and _is_armed(r, armed)
                and (r.get(SET_APART) or not r.get(FITTED))):
            parts.setdefault(r["part_of"], []).append(r)
    out = []
    for r in rows:
        given = parts.get(r["claim_id"], [])
        if _is_total(r) and given and not _is_armed(r, armed):
            low = sum(float(p["value_low"]) for p in given)
            if low < float(r["value_low"]):
                out.append((r, given))
    return out


def difference_row(total: dict, given: list[dict], claim_id: str) -> dict:
    """The derived victims' count of a total less its armed parts; the total becomes a part of it."""
    less = sum(float(p["value_low"]) for p in given)
    row = {**total, "claim_id": claim_id, ONE: False, "value": f"{float(total['value']) - less:.15g}",
           "value_low": total["value_low"] - less, "value_high": total["value_high"] - less}
    _mark(total, row)
    return row


def told_as_added(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """Whether a count (qualifier included, from ``start``) is told as more than one given before: "another 12
    bodies", "two more people". Joined to a victim of its own sentence ("the mayor and two more", "a driver, two
    more officials"), it is more than that victim: not an addition to an earlier total."""
    before = text_before(text, start, lex.context_words)
    if lex.added_before_rx.search(before):
        return True
    last = before.split()[-1:]
    joined = bool(last) and (last[0].endswith(",") or last[0].lower() in lex.conjunctions)
    return lex.added_after_rx.match(text, end) is not None and not joined


def added_totals(rows: list[dict], new_id: Callable[[], str]) -> list[dict]:
    """The rows of an article with a derived total after each count added to the total told before it.

    "Five people were killed ... Barrel bombs killed two more people": the report's count is seven. The derived
    row sums the last total of the category (an earlier sentence, the same incident) and the addition; both
    become its parts, and it is the total later counts are measured against.
    """
    out: list[dict] = []
    last: dict[str, dict] = {}
    for row in rows:
        out.append(row)
        if not _is_total(row):
            continue
        held = last.get(row["category"])
        if row.get(ADDED) and held is not None and held["sentence_id"] != row["sentence_id"] \
                and _same_incident(row, held):
            derived = {**row, "claim_id": new_id(), "text": f"{held['text']} + {row['text']}", ONE: False,
                       "value": f"{float(held['value_low']) + float(row['value_low']):.15g}",
                       "value_low": held["value_low"] + row["value_low"],
                       "value_high": held["value_high"] + row["value_high"],
                       "qualifier": held["qualifier"] if row["qualifier"] == "exact" else row["qualifier"],
                       "qualifier_written": (held if row["qualifier"] == "exact" else row).get("qualifier_written", "")}
            _mark(held, derived)
            _mark(row, derived)
            out.append(derived)
            row = derived
        last[row["category"]] = row
    return out
