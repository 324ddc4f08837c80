"""The time a count was given for ("on Friday"), wherever the phrase stands in its sentence.

Invented sentences; the codebook is the one `new-study` creates.
"""

from __future__ import annotations

import warnings

import pytest

from helpers.analyses import numbers
from helpers.inputs.corpus import CorpusWarning, load_corpus
from helpers.text.normalise import normalise_corpus


def _as_of(text: str, codebook, tmp_path) -> list[str]:
    (tmp_path / "a.txt").write_text(text + "\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        corpus = normalise_corpus(load_corpus(tmp_path), codebook)
    found = numbers.extract_numbers(corpus, corpus.articles, codebook)
    return found.loc[found["category"] != "", "as_of"].tolist()


@pytest.mark.parametrize(("text", "when"), [
    ("On Friday, the ministry said 40 people were detained in the port.", "On Friday"),
    ("The ministry said 40 people were detained in the port on Friday.", "on Friday"),
    ("Overnight, police detained 40 people in the port.", "Overnight"),
    ("As of Tuesday, 40 people had been detained in the port.", "As of Tuesday"),
])
def test_a_time_phrase_opening_the_sentence_dates_the_count(study, tmp_path, text, when):
    assert _as_of(text, study, tmp_path) == [when]


def test_a_month_name_keeps_its_capital(study, tmp_path):
    assert _as_of("Police may detain 40 people in the port, officials said.", study, tmp_path) in ([], [""])
