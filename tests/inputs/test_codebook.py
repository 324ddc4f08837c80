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
