"""The count classes of issue 24, one test each, on invented sentences.

Each class is a rule of English news with its words in ``codebooks/general/en``; the study codebook only
names its categories. ``study`` is the codebook `new-study` creates, ``codebook`` the first study's.
"""

from __future__ import annotations

import itertools
import warnings

import pytest

from helpers.analyses import numbers
from helpers.inputs.codebook import load_codebook
from helpers.inputs.corpus import CorpusWarning, load_corpus
from helpers.pipeline.new_study import new_study
from helpers.text.normalise import normalise_corpus


@pytest.fixture(scope="module")
def study(tmp_path_factory):
    return load_codebook(new_study("fresh", tmp_path_factory.mktemp("study")) / "codebook")


@pytest.fixture(scope="module")
def counts_of(tmp_path_factory):
    """(category, value, unit, part_of) of the event counts of one invented article under a codebook."""
    counter = itertools.count()

    def run(text: str, codebook) -> list[tuple[str, str, str, str]]:
        folder = tmp_path_factory.mktemp(f"corpus{next(counter)}")
        (folder / "a.txt").write_text(text + "\n", encoding="utf-8")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", CorpusWarning)
            articles = load_corpus(folder)
        corpus = normalise_corpus(articles, codebook)
        ev = numbers.event_counts(numbers.extract_numbers(corpus, corpus.articles, codebook))
        return [(c, v, u, p.rsplit(":", 1)[-1]) for c, v, u, p in
                zip(ev["category"], ev["value"], ev["unit"], ev["part_of"], strict=True)]

    return run


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
