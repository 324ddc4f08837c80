"""Name-shaped spans and role phrases found in invented text."""

from __future__ import annotations

import pytest

from helpers.text.names import find_names
from helpers.text.roles import find_roles


def names(text, codebook):
    return [(f.text, f.name, f.gender) for f in find_names(text, codebook)]


def test_titles_and_honorifics_are_kept_apart_from_the_name(codebook):
    got = names("Yesterday Sen. Harriet Olmos met Mrs. Ada Quist and Secretary of State Paul Ferro.", codebook)
    assert ("Sen. Harriet Olmos", "Harriet Olmos", "any") in got
    assert ("Mrs. Ada Quist", "Ada Quist", "female") in got
    assert ("Secretary of State Paul Ferro", "Paul Ferro", "any") in got


def test_particles_and_joined_prefixes(codebook):
    got = [n for _, n, _ in names("Guests included Hendrik van der Berg, Omar al-Rashid and Lucie de la Tour.",
                                  codebook)]
    assert {"Hendrik van der Berg", "Omar al-Rashid", "Lucie de la Tour"} <= set(got)


def test_a_name_may_open_with_a_lower_case_prefix_or_an_abbreviated_title(codebook):
    # the name pattern turns lower-case words away early; a joined prefix and "Gen." must still get through
    got = names("On Monday al-Rashid spoke, then Retired Gen. Ida Moss and J.R. Kowal replied.", codebook)
    assert [n for _, n, _ in got] == ["al-Rashid", "Ida Moss", "J.R. Kowal"]  # a weekday is no name
    assert got[1][0] == "Retired Gen. Ida Moss"


def test_sentence_openers_and_possessives_are_not_names(codebook):
    got = [n for _, n, _ in names("But Ferro's plan failed. When Olmos arrived, the hall was empty.", codebook)]
    assert got == ["Ferro", "Olmos"]


def test_institution_names_with_of(codebook):
    got = [n for _, n, _ in names("The Ministry of Water Resources published the figures.", codebook)]
    assert got == ["Ministry of Water Resources"]


def test_role_phrases(codebook):
    text = "A spokeswoman for the port authority declined, and police said the statement was false."
    got = [f.text for f in find_roles(text, codebook)]
    assert "A spokeswoman for the port authority" in got and "police" in got and "the statement" in got
    kinds = {f.text: f.kind for f in find_roles(text, codebook)}
    assert kinds["the statement"] == "document" and kinds["police"] == "role"


def test_a_lone_sentence_opener_is_no_name(codebook):
    # a one-word run that is all noise is dropped before any title or alias work is done for it
    got = [n for _, n, _ in names("The hall was empty. But nobody came. Then Olmos spoke.", codebook)]
    assert got == ["Olmos"]


ROLE_TEXTS = [
    "Acme Widget Holdings' chief executive and the White House press secretary spoke; her spokesperson's office said"
    " nothing.",
    "Jane Q. Roe's longtime campaign manager told the three senior state police officials that the ministry would"
    " reply in a statement.",
    "The  minister\nspokeswoman said; a former deputy foreign minister of the republic and several angry local"
    " farmers' unions marched.",
    "U.S.-backed forces, one of the ministry's officials, and Mary Ann O'Neill-Smith's chief of staff were there.",
]


@pytest.mark.parametrize("text", ROLE_TEXTS)
def test_roles_are_the_role_patterns_matches_over_the_whole_text(text, codebook):
    """find_roles tries the role pattern only near head nouns; it must find what the pattern finds scanning every
    position (owners, determiners, modifiers, multi-word nouns, line breaks and double spaces)."""
    from helpers.text.names import name_lexicon

    rx = name_lexicon(codebook).role_rx
    assert [(f.start, f.end) for f in find_roles(text, codebook)] == [m.span() for m in rx.finditer(text)]
    assert find_roles(text, codebook)  # each text holds roles
