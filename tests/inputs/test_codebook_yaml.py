"""YAML reads a bare `no` as false: the abbreviation list must keep "no", and a bare one is an error."""

from __future__ import annotations

import shutil

import pytest

from helpers.inputs.codebook import CodebookError, load_codebook
from helpers.inputs.config import GENERAL_CODEBOOK
from helpers.text.normalise import sentence_tokenizer, split_sentences


def test_no_is_an_abbreviation():
    codebook = load_codebook(None)
    assert "no" in codebook.abbreviations
    assert False not in codebook.abbreviations and "false" not in codebook.abbreviations


def test_no_dot_does_not_end_a_sentence():
    text = "The decree was signed as No. 731 on Tuesday. Troops left."
    spans = split_sentences(text, sentence_tokenizer(load_codebook(None)))
    assert [text[s:e] for s, e in spans] == ["The decree was signed as No. 731 on Tuesday.", "Troops left."]


def test_bare_no_in_a_word_list_names_the_file(tmp_path):
    general = tmp_path / "general"
    shutil.copytree(GENERAL_CODEBOOK, general)
    path = general / "abbreviations.yaml"
    path.write_text("abbreviations:\n  - mr\n  - no\n", encoding="utf-8")
    with pytest.raises(CodebookError, match="abbreviations.yaml"):
        load_codebook(None, general)
