"""Which count of a short report is its total: armed dead beside the victims, additions, groups of a breakdown.

Invented sentences with hand-written expected values; ``study`` is the codebook `new-study` creates.
"""

from __future__ import annotations

import pytest


def _totals(found: list[tuple[str, str, str, str]]) -> list[tuple[str, str]]:
    return [(c, v) for c, v, _u, p in found if not p]


def test_armed_dead_told_apart_from_the_victims_in_another_sentence_are_not_the_total(counts_of, study):
    text = "Air strikes killed about 80 rebel fighters in the hills. The strikes also left seven villagers dead."
    found = counts_of(text, study)
    assert _totals(found) == [("deaths_total", "7")]
    assert ("deaths_total_part", "80", "rebel", "n001") in found


def test_armed_dead_alone_are_the_total(counts_of, study):
    assert _totals(counts_of("Troops killed 12 bandits near the border on Monday.", study)) == [
        ("deaths_total", "12")]


def test_armed_dead_of_another_incident_stay_a_total(counts_of, study):
    text = "Seven villagers were killed on Monday. Troops killed 12 bandits near the border on Friday."
    assert _totals(counts_of(text, study)) == [("deaths_total", "7"), ("deaths_total", "12")]


@pytest.mark.parametrize(("text", "total", "parts"), [
    ("Five people were killed in the shelling of the market. Two more people died in the villages nearby.", "7",
     ["5", "2"]),
    ("Eight villagers were killed by the raiders. Another 12 people were killed on the road to the town.", "20",
     ["8", "12"]),
    ("At least 30 people were hurt in the blast. A further 4 were hurt when the roof fell.", "34", ["30", "4"]),
])
def test_a_count_told_as_more_adds_to_the_total(counts_of, study, text, total, parts):
    found = counts_of(text, study)
    assert [v for _c, v in _totals(found)] == [total]
    assert [v for _c, v, _u, p in found if p == "n002"] == parts  # both statements are parts of the sum (n002)


@pytest.mark.parametrize(("text", "expected"), [
    # more than the dead of its own sentence: another category, not an addition
    ("Six people were killed in the attack and three more were wounded.", [("deaths_total", "6"), ("injured", "3")]),
    # the first count of an article has nothing to add to
    ("Another 12 people were killed in the north on Monday.", [("deaths_total", "12")]),
])
def test_more_than_a_count_of_its_own_sentence_is_not_an_addition(counts_of, study, text, expected):
    assert _totals(counts_of(text, study)) == expected


@pytest.mark.parametrize(("text", "victims"), [
    ("Twenty people were hurt in the blast, five of whom were soldiers.", ("injured", "15")),
    ("Eleven people were killed in the raid. Four of those killed were policemen and seven were farmers.",
     ("deaths_total", "7")),
    ("Twelve people were killed in the raid. Among those killed, nine were villagers and three were soldiers.",
     ("deaths_total", "9")),
])
def test_a_group_named_after_a_copula_is_the_group_counted(counts_of, study, text, victims):
    """'five of whom were soldiers': the soldiers are armed, so the victims are the total less them."""
    assert victims in _totals(counts_of(text, study))


def test_a_copula_before_a_predicate_names_no_group(counts_of, study):
    found = counts_of("Nine people were killed in the raid, three of whom were killed in their homes.", study)
    assert [(c, v, u) for c, v, u, _p in found] == [
        ("deaths_total", "9", "people"), ("deaths_total_part", "3", "people")]


@pytest.mark.parametrize("text", [
    "Police found seven bodies dumped near the highway.",
    "Seven corpses that were left by the road were found by farmers.",
])
def test_a_count_of_bodies_is_a_count_of_deaths(counts_of, study, text):
    assert _totals(counts_of(text, study)) == [("deaths_total", "7")]


def test_bodies_count_deaths_in_a_study_without_the_noun(counts_of, codebook):
    assert [c for c, *_ in counts_of("Seven bodies were found in the river on Monday.", codebook)] == ["deaths_total"]


def test_a_part_belongs_to_a_total_it_fits_in(counts_of, study):
    text = ("Twenty people were killed in the city on Monday. Reporters saw three bodies near the river. "
            "The dead included 12 farmers.")
    found = counts_of(text, study)
    assert ("deaths_total_part", "12", "farmers", "n000") in found  # not a part of the three bodies (n001)


def test_members_of_a_group_count_that_group(counts_of, study):
    text = "The bomb killed 12 people, two of whom were members of the security forces."
    found = counts_of(text, study)
    assert ("deaths_total_part", "2", "security forces", "n000") in found
    assert _totals(found) == [("deaths_total", "10")]  # the victims: the total less the armed


def test_counts_listed_after_a_comma_share_the_verb(counts_of, study):
    text = "Nine people, three guards and six farmers, were killed in the raid."
    assert ("deaths_total", "9") in _totals(counts_of(text, study))


def test_a_headline_in_title_case_has_verbs_not_names(counts_of, study):
    found = counts_of("Seven Killed, Dozens Injured in Market Blast.", study)
    assert [(c, v) for c, v, _u, _p in found] == [("deaths_total", "7"), ("injured", "dozens")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Gunmen killed two traders and injured another religious teacher in the market.", [("deaths_total", "2"),
                                                                                       ("injured", "1")]),
    ("Gunmen killed two traders and injured the religious teachers in the market.", [("deaths_total", "2")]),
])
def test_a_singular_object_is_read_by_its_head_noun(counts_of, study, text, expected):
    assert [(c, v) for c, v, _u, _p in counts_of(text, study)] == expected


def test_a_participle_after_a_preposition_is_an_adjective_not_the_count_s_verb(counts_of, study):
    found = counts_of("Six farmers in the disputed region were killed on Monday.", study)
    assert _totals(found) == [("deaths_total", "6")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Police are investigating the killing of a local teacher in the town.", [("deaths_total", "1")]),
    ("Police are investigating the killing of the village teachers in the town.", []),
])
def test_a_casualty_noun_s_singular_object_is_a_count_of_one(counts_of, study, text, expected):
    assert [(c, v) for c, v, _u, _p in counts_of(text, study)] == expected


def test_the_head_of_an_object_ends_before_the_next_verb(counts_of, study):
    text = "The slaying of a radio reporter prompted protests by journalists."
    assert [(c, v) for c, v, _u, _p in counts_of(text, study)] == [("deaths_total", "1")]
