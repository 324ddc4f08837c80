"""Frames count framing language, not names: a frame term that is a person, place or organisation is refused."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from helpers.analyses import framing
from helpers.inputs.codebook import CodebookError, load_codebook
from helpers.inputs.config import DEFAULT_CODEBOOK


def _with_frames(tmp_path, frames_yaml: str):
    folder = tmp_path / "codebook"
    shutil.copytree(DEFAULT_CODEBOOK, folder)
    (folder / "frames.yaml").write_text(frames_yaml, encoding="utf-8")
    return folder


FRAME = """frames:
  relations:
    label: Relations between states
    terms: [sanction*, diplomacy, {term}]
"""


@pytest.mark.parametrize(("term", "name"), [
    ("Putin", "Vladimir Putin"),          # a codebook variant
    ("putin", "Vladimir Putin"),          # in any case
    ("Russia*", "Russia"),                # a place, with a wildcard
    ("Ruritania", "Ruritania"),           # no codebook entry: the text-name finder finds it
    ("Biden administration", "Biden"),
])
def test_a_name_in_a_frame_is_refused_when_the_frames_are_compiled(tmp_path, term, name):
    folder = _with_frames(tmp_path, FRAME.format(term=term))
    with pytest.raises(CodebookError) as err:
        framing.frame_hits(pd.DataFrame(columns=["article_id", "sentence_id", "text"]), load_codebook(folder))
    message = str(err.value)
    assert f"'{term}'" in message and "frame 'relations'" in message and name in message


def test_framing_language_is_accepted(tmp_path):
    folder = _with_frames(tmp_path, FRAME.format(term="sphere of influence"))
    codebook = load_codebook(folder)
    assert list(framing.frame_table(codebook)["frame"]) == ["relations"]


def test_the_first_studys_frames_hold_no_names():
    codebook = load_codebook(DEFAULT_CODEBOOK)
    terms = framing.frame_table(codebook).set_index("frame")["terms"]
    for word in ("sanction*", "sovereign*", "diplomacy", "intervention*", "alliance*"):
        assert word in terms["external_relations"]
    assert all(framing.name_in_term(t, codebook) is None for ts in terms for t in ts.split(", "))


def test_a_run_and_a_study_refuse_it_as_the_codebook_loads(tmp_path):
    from helpers.pipeline.per_article import codebook_at
    from helpers.pipeline.study import load_study

    folder = _with_frames(tmp_path, FRAME.format(term="Putin"))
    with pytest.raises(CodebookError, match="frame 'relations'"):
        codebook_at(str(folder))
    (tmp_path / "corpus").mkdir()
    with pytest.raises(CodebookError, match="'Putin'"):
        load_study(str(tmp_path / "corpus"), str(folder), str(tmp_path / "work"))
