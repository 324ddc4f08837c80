"""Codebook loading: the language folder and errors that name the file."""

from __future__ import annotations

import pytest

from helpers.inputs.codebook import CodebookError, load_codebook


def test_codebook_language_picks_the_general_folder(tmp_path):
    """event.yaml's `language` chooses codebooks/general/<language>; an unknown one is a clear error."""
    event = tmp_path / "codebook"
    event.mkdir()
    (event / "event.yaml").write_text("language: xx\n", encoding="utf-8")
    with pytest.raises(CodebookError, match="language 'xx'"):
        load_codebook(event)
    general = event / "general" / "xx"
    general.mkdir(parents=True)
    (general / "abbreviations.yaml").write_text("abbreviations: [zb]\n", encoding="utf-8")
    assert load_codebook(event).abbreviations == frozenset({"zb"})


def test_missing_codebook_folder_is_named(tmp_path):
    with pytest.raises(CodebookError, match="codebook folder not found"):
        load_codebook(tmp_path / "nope")


def test_study_copy_missing_a_newer_list_falls_back_to_the_shipped_one(tmp_path):
    """A study made before a word list existed still gets it, from the package."""
    from helpers.pipeline.new_study import new_study

    root = new_study("older", tmp_path)
    copy = root / "codebook" / "general" / "en"
    (copy / "speech_verbs.yaml").unlink()
    (copy / "abbreviations.yaml").write_text("abbreviations: [zz]\n", encoding="utf-8")
    cb = load_codebook(root / "codebook")
    assert cb.general["speech_verbs"], "the shipped speech verbs fill the gap"
    assert cb.abbreviations == frozenset({"zz"}), "the study's own lists still win"
