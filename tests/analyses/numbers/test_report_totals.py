"""Which count of a short report is its total: armed dead beside the victims, additions, groups of a breakdown.

Invented sentences with hand-written expected values; ``study`` is the codebook `new-study` creates.
"""

from __future__ import annotations


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
