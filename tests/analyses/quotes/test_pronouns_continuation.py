"""Pronouns and carried speakers: invented paragraphs, expected speakers written by hand."""

from __future__ import annotations

import warnings

import pytest

from helpers.analyses import quotes
from helpers.inputs.codebook import load_codebook
from helpers.inputs.corpus import load_corpus
from helpers.pipeline.new_study import new_study
from helpers.text.normalise import normalise_corpus


@pytest.fixture(scope="module")
def empty_codebook(tmp_path_factory):
    return load_codebook(new_study("fresh", tmp_path_factory.mktemp("study")) / "codebook")


def speakers(tmp_path, text, codebook) -> list[tuple[str, str]]:
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        norm = normalise_corpus(load_corpus(tmp_path), codebook)
        q = quotes.extract_quotes(norm, norm.articles, codebook)
    return list(zip(q["speaker"], q["method"], strict=True))


def test_pronoun_takes_the_most_recent_compatible_speaker(tmp_path, empty_codebook):
    text = ("Ms. Carla Jensen met Mr. Oskar Lund at the harbour on Tuesday.\n\n"
            '"The ferry must keep running through the winter," he said.\n')
    assert speakers(tmp_path, text, empty_codebook) == [("Oskar Lund", "pronoun")]


def test_pronoun_skips_an_incompatible_speaker(tmp_path, empty_codebook):
    text = ("Mr. Oskar Lund introduced Ms. Carla Jensen to the board on Tuesday.\n\n"
            '"The ferry must keep running through the winter," she said.\n')
    assert speakers(tmp_path, text, empty_codebook) == [("Carla Jensen", "pronoun")]


def test_quote_only_paragraph_continues_the_previous_speaker(tmp_path, empty_codebook):
    text = ('"We have counted every ballot twice," said Nadia Petrov.\n\n'
            '"There is nothing left to recount in this district."\n')
    assert speakers(tmp_path, text, empty_codebook) == [("Nadia Petrov", "explicit"), ("Nadia Petrov", "continuation")]


def test_continuation_stops_when_something_intervenes(tmp_path, empty_codebook):
    text = ('"We have counted every ballot twice," said Nadia Petrov.\n\n'
            "The count ended late on Sunday night after a long weekend of work.\n\n"
            '"There is nothing left to recount in this district."\n')
    got = speakers(tmp_path, text, empty_codebook)
    assert got[0] == ("Nadia Petrov", "explicit") and got[1] == ("", "none")


def test_a_new_named_cue_wins_over_a_carried_speaker(tmp_path, empty_codebook):
    text = ('"We have counted every ballot twice," said Nadia Petrov.\n\n'
            '"The recount was rushed and careless," Hugo Blanc replied.\n')
    assert [s for s, _ in speakers(tmp_path, text, empty_codebook)] == ["Nadia Petrov", "Hugo Blanc"]


def test_quote_only_sentence_after_a_cue_sentence(tmp_path, empty_codebook):
    text = 'The delay was not the fault of the crew, Captain Ruiz said. "The storm came early this year."\n'
    assert speakers(tmp_path, text, empty_codebook) == [("Ruiz", "continuation")]
