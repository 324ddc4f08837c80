"""Speakers come from the text: every cue pattern, with the empty alias codebook a new study starts with.

All sentences are invented for these tests; the expected speakers are written by hand.
"""

from __future__ import annotations

import pytest
from conftest import quotes_of_text

from helpers.inputs.codebook import load_codebook
from helpers.pipeline.new_study import new_study


@pytest.fixture(scope="module")
def empty_codebook(tmp_path_factory):
    """The codebook `new-study` creates, left unedited: no names at all."""
    root = new_study("fresh", tmp_path_factory.mktemp("study"))
    cb = load_codebook(root / "codebook")
    assert cb.aliases.empty
    return cb


def attributed(tmp_path, text, codebook):
    return quotes_of_text(tmp_path, text, codebook)


def speaker_of(table, start: str) -> tuple[str, str]:
    row = table[table["text"].str.startswith(start)]
    assert len(row) == 1, list(table["text"])
    return row.iloc[0]["speaker"], row.iloc[0]["speaker_as_written"]


CASES = [
    # X said / said X
    ('"The bridge will open in spring," Marta Lindqvist said.\n', "The bridge", "Marta Lindqvist"),
    ('"The bridge will open in spring," said Marta Lindqvist.\n', "The bridge", "Marta Lindqvist"),
    ('Marta Lindqvist said: "The bridge will open in spring."\n', "The bridge", "Marta Lindqvist"),
    # a name inside an appositive wins over the first name in the clause
    ('"We will appeal the ruling," Okafor attorney Daniel Reyes said.\n', "We will appeal", "Daniel Reyes"),
    ('"We will appeal the ruling," said Okafor\'s campaign director, Priya Nair.\n', "We will appeal", "Priya Nair"),
    ('"We will appeal the ruling," Priya Nair, a campaign director for Okafor, said.\n', "We will appeal",
     "Priya Nair"),
    # titles and honorifics are not part of the name
    ('"The vote is delayed," Sen. Harriet Olmos said.\n', "The vote", "Harriet Olmos"),
    ('"The vote is delayed," Retired Lt. Gen. Walter Brandt said.\n', "The vote", "Walter Brandt"),
    # particles stay inside the name
    ('"Nothing has changed," said Hendrik van der Berg.\n', "Nothing has", "Hendrik van der Berg"),
    # according to X
    ('The dam is safe and "fully inspected," according to engineer Ruth Ambler.\n', "fully inspected",
     "Ruth Ambler"),
    # X: "..."
    ('Tomas Ferreira: "We did not see the warning in time."\n', "We did not", "Tomas Ferreira"),
    # vox-pop: "..." - Name
    ('"I will vote for change this time, whatever happens." - Lena Brooks\n', "I will vote", "Lena Brooks"),
    # X wrote on Facebook
    ('Ines Castillo wrote on Facebook that the market was "a disgrace to the town."\n', "a disgrace",
     "Ines Castillo"),
    # trailing cue after a question mark stays with its quote
    ('"Who will pay for the repairs?" Mr. Abernathy asked. "Not the tenants."\n', "Who will pay", "Abernathy"),
]


@pytest.mark.parametrize("text,start,speaker", CASES)
def test_named_cues_with_an_empty_codebook(tmp_path, empty_codebook, text, start, speaker):
    got, written = speaker_of(attributed(tmp_path, text, empty_codebook), start)
    assert speaker in got, (got, written)


def test_role_phrase_speaks_when_no_name(tmp_path, empty_codebook):
    text = '"The shipment was delayed by the storm," a spokeswoman for the port authority said.\n'
    got, written = speaker_of(attributed(tmp_path, text, empty_codebook), "The shipment")
    assert "spokeswoman" in written and "port authority" in written


def test_institution_after_the_quote(tmp_path, empty_codebook):
    text = '"All roads will reopen on Friday," the ministry said in a statement.\n'
    got, written = speaker_of(attributed(tmp_path, text, empty_codebook), "All roads")
    assert written.lower() == "the ministry"


def test_headline_label(tmp_path, empty_codebook):
    text = "Rosa Delgado on the budget: 'We cannot cut the schools'\n\nThe council met on Monday to vote.\n"
    got, _ = speaker_of(attributed(tmp_path, text, empty_codebook), "We cannot cut")
    assert got == "Rosa Delgado"


def test_surname_takes_the_full_name(tmp_path, empty_codebook):
    text = ('Mayor Elena Varga opened the session on Monday.\n\n'
            '"The budget is balanced," Varga said.\n')
    got, written = speaker_of(attributed(tmp_path, text, empty_codebook), "The budget")
    assert got == "Elena Varga" and written == "Varga"


def test_unknown_speaker_gets_a_group(tmp_path, empty_codebook):
    q = attributed(tmp_path, '"Prices are falling," Ana Ruiz said.\n', empty_codebook)
    assert q.iloc[0]["speaker_group"] == "other" and q.iloc[0]["method"] == "explicit"


def test_codebook_names_what_the_text_finds(tmp_path):
    """With a codebook, the found name maps to its canonical form and group."""
    from helpers.evaluation import validation

    cb = load_codebook(validation.SECOND_QUOTES / "codebook")
    canonical = cb.entities.iloc[0]["canonical"]
    surname = canonical.split()[-1]
    q = attributed(tmp_path, f'"We expect an agreement soon," {surname} said.\n', cb)
    assert q.iloc[0]["speaker"] == canonical and q.iloc[0]["speaker_group"] == cb.entities.iloc[0]["group"]
