"""The count classes of issue 24, one test each, on invented sentences.

Each class is a rule of English news with its words in ``codebooks/general/en``; the study codebook only
names its categories. ``study`` is the codebook `new-study` creates, ``codebook`` the first study's.
"""

from __future__ import annotations

import pytest

from helpers.inputs.codebook import load_codebook
from helpers.pipeline.new_study import new_study


@pytest.mark.parametrize(("text", "expected"), [
    ("The ministry will dispatch 1,200 police personnel to the capital.", [("troops_deployed", "1200")]),
    ("A contingent of 400 marines arrived in the port on Friday.", [("troops_deployed", "400")]),
    ("The deployment of 900 national guard and special forces was announced.", [("troops_deployed", "900")]),
    ("Some 3,000 peacekeepers were deployed to the border towns.", [("troops_deployed", "3000")]),
    # a noun the study files elsewhere (servicemen are security forces) is still a deployment when sent
    ("The bloc sent 600 servicemen and two units to the city.", [("troops_deployed", "600"), ("troops_deployed", "2")]),
    # killed, not sent: a casualty, not a deployment
    ("Four servicemen were killed in the city.", [("deaths_security_forces", "4")]),
])
def test_forces_sent_go_to_the_deployment_category_whatever_the_noun(counts_of, codebook, text, expected):
    assert [(c, v) for c, v, _u, _p in counts_of(text, codebook)] == expected


def test_force_nouns_are_general_english(study, codebook):
    assert "peacekeepers" in study.section("counts")["forces"]
    assert "peacekeepers" not in str(codebook.section("quantities")["nouns"])  # moved out of the event codebook


@pytest.mark.parametrize("text", [
    "Twenty people sought treatment at hospitals after the attack.",
    "Twenty people were hospitalised after the attack.",
    "Twenty people were hurt in the attack.",
    "Twenty people were wounded in the attack.",
    "Twenty people were in critical condition after the attack.",
])
def test_injury_words_count_as_injured(counts_of, study, text):
    assert [(c, v) for c, v, _u, _p in counts_of(text, study)] == [("injured", "20")]


def test_a_study_that_files_hospitalised_apart_keeps_it_apart(counts_of, codebook):
    found = counts_of("Twelve people were hospitalised after the clashes.", codebook)
    assert [c for c, *_ in found] == ["hospitalized"]


@pytest.mark.parametrize(("text", "expected"), [
    ("47 members of the police were wounded, and 6 were killed.", [("injured", "47"), ("deaths_total", "6")]),
    ("Nine guards were hurt on Monday and two later died.", [("injured", "9"), ("deaths_total", "2")]),
])
def test_an_elided_subject_takes_the_first_count_s_group(counts_of, study, text, expected):
    assert [(c, v) for c, v, _u, _p in counts_of(text, study)] == expected


def test_the_elided_subject_keeps_the_group_in_a_study_that_splits_by_group(counts_of, codebook):
    found = counts_of("47 police officers were wounded, and 6 were killed.", codebook)
    assert [(c, v) for c, v, _u, _p in found] == [("injured_security_forces", "47"), ("deaths_security_forces", "6")]


@pytest.mark.parametrize(("text", "value", "qualifier"), [
    ("About 2 thousand people were detained after the protests.", "2000", "about"),
    ("Over a hundred people were detained after the protests.", "100", "more_than"),
    ("A thousand people were detained after the protests.", "1000", "exact"),
    ("Some two thousand people were detained after the protests.", "2000", "about"),
])
def test_word_forms_of_large_numbers(counts_of, study, text, value, qualifier):
    table = counts_of(text, study)
    assert [(c, v) for c, v, _u, _p in table] == [("detained", value)]


@pytest.mark.parametrize("text", [
    "More than 500 'looters' were arrested by the police.",
    'More than 500 "looters" have been detained since Friday.',
    "More than 500 looters were arrested on Sunday.",
])
def test_the_verb_decides_not_the_label(counts_of, study, text):
    assert [(c, v) for c, v, _u, _p in counts_of(text, study)] == [("detained", "500")]


def test_a_label_of_things_is_still_not_people(counts_of, study):
    assert counts_of("More than 500 goats were killed by the floods.", study) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Dozens of villagers and 7 guards were killed in the raid.", [("deaths_total", "dozens"), ("deaths_total", "7")]),
    ("Gunmen killed four teachers and nine villagers in the raid.", [("deaths_total", "4"), ("deaths_total", "9")]),
    ("Gunmen killed four teachers, nine villagers in the raid.", [("deaths_total", "4"), ("deaths_total", "9")]),
])
def test_coordinated_groups_share_a_verb(counts_of, study, text, expected):
    assert [(c, v) for c, v, _u, _p in counts_of(text, study)] == expected


def test_armed_people_told_beside_the_victims_are_set_apart(counts_of, study):
    """The template's not_victims rule in one sentence: the villagers' count is the victims' total."""
    found = counts_of("The raiders killed nine villagers and two soldiers near the camp.", study)
    assert [(c, v, p) for c, v, _u, p in found] == [("deaths_total", "9", ""), ("deaths_total_part", "2", "n000")]


@pytest.fixture(scope="module")
def firefighters(tmp_path_factory):
    """The new-study codebook with one more category: deaths of firefighters."""
    root = new_study("fire", tmp_path_factory.mktemp("fire")) / "codebook"
    q = root / "quantities.yaml"
    text = q.read_text(encoding="utf-8").replace(
        "categories:\n", "categories:\n  deaths_firefighters: {predicate: deaths, nouns: [firefighters]}\n", 1)
    text = text.replace("nouns:\n", "nouns:\n  firefighters: [firefighter*]\n", 1)
    q.write_text(text, encoding="utf-8")
    return load_codebook(root)


@pytest.mark.parametrize("text", [
    "31 people died, 5 firefighters among them.",
    "31 people died in the blaze, including 5 firefighters.",
])
def test_a_sub_count_keeps_the_total_and_its_own_category(counts_of, firefighters, study, text):
    assert [(c, v, p) for c, v, _u, p in counts_of(text, firefighters)] == [
        ("deaths_total", "31", ""), ("deaths_firefighters", "5", "n000")]
    assert [(c, v, p) for c, v, _u, p in counts_of(text, study)] == [
        ("deaths_total", "31", ""), ("deaths_total_part", "5", "n000")]


def test_a_total_restated_later_in_the_article_is_one_claim(counts_of, study):
    text = ("At least 40 people were killed in the attack on the market.\n\n"
            "The attack was the worst this year.\n\n"
            "At least 40 people were killed, officials said, and two children were hurt.\n\n"
            "Two teachers were hurt as well.")  # another group: not a restatement
    found = counts_of(text, study)
    totals = [(c, v) for c, v, _u, p in found if not p]
    assert totals == [("deaths_total", "40"), ("injured", "2"), ("injured", "2")]
    assert ("deaths_total_part", "40", "people", "n000") in found  # the restatement, marked with the first
