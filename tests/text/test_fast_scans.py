"""The faster scans give exactly what the patterns they stand for give, on invented text.

Names, role heads and loose variants are each found by a cheap pattern that proposes places and the full
pattern that decides there. These tests compare each with the plain ``finditer`` or ``search`` of the full
pattern on sentences written to reach the corners: titles inside titles, qualifiers after a mark, words in
capitals, case-sensitive variants, letters outside ASCII. Every sentence and name is invented.
"""

from __future__ import annotations

import re

import pytest

from helpers.analyses.actor_mentions import actor_index
from helpers.analyses.group_mentions import singular, singular_words
from helpers.inputs.codebook import load_codebook
from helpers.inputs.patterns import confirmed_finditer
from helpers.text.names import _name_matches, name_lexicon
from helpers.text.roles import _next_head, find_roles

TEXTS = [
    "Former Deputy Prime Minister Ida Moss met U.S. Secretary of State Paul Ferro on Monday.",
    "The first lady. Yet her aide, Retired Gen. Ada Quist, said nothing.",
    '"Acting Mayor Tom Reyes said so," and (Northland Gov. Jane Roe) agreed.',
    "#Harbourstrong Mr. Olmos spoke; then president Ana Kell and vice-president Ben Oort replied.",
    "THE POLICE CHIEFS SAID the ministry's spokeswoman and two officers of the Harbour Department were there.",
    "Sen. Harriet Olmos and Rep. Lu Tan, with the Secretary-General, Dr. Omar al-Rashid, and Prof. Ö. Ünal.",
    "Ex-Minister Ivo Kask and the then Interior Minister, Mara Põld, met Mme. Sörensen in the Ministry of Water.",
    "Rice farmers and rice growers met Rice; the N.F.T.U. and the NFTU and nftu, Wal-Mart and Walmart answered.",
    "",
    "no capitals here at all, only a chief and some chiefs",
]


@pytest.fixture(scope="module")
def codebook():
    return load_codebook()


@pytest.mark.parametrize("text", TEXTS)
def test_names_are_the_matches_of_the_full_name_pattern(text, codebook):
    lex = name_lexicon(codebook)
    expected = [(m.start(), m.end(), m.start("core")) for m in lex.name_rx.finditer(text)]
    got = [(m.start(), m.end(), m.start("core")) for m in _name_matches(text, lex)]
    assert got == expected


def test_the_fast_name_scan_finds_titles_it_must_not_miss(codebook):
    # a title word inside another ("lady" in "first lady") and a qualifier after a quotation mark
    lex = name_lexicon(codebook)
    titled = [m.group()[: m.start("core") - m.start()] for m in _name_matches(TEXTS[1] + " " + TEXTS[2], lex)]
    assert "lady. " in titled and "Acting Mayor " in titled


@pytest.mark.parametrize("text", TEXTS)
def test_role_heads_are_where_the_case_insensitive_pattern_finds_them(text, codebook):
    lex = name_lexicon(codebook)
    folded = text.lower() if text.isascii() else None
    expected, got, pos = [], [], 0
    while (m := lex.head_rx.search(text, pos)) is not None:
        expected.append(m.start())
        pos = m.start() + 1
    pos = 0
    while (start := _next_head(text, folded, pos, lex)) >= 0:
        got.append(start)
        pos = start + 1
    assert got == expected
    assert [r.text for r in find_roles(text, codebook)] == [r.text for r in find_roles(text + " ", codebook)]


ALIASES = """entities:
  - canonical: "Rice"
    type: person
    actor: "Rice"
    variants: ["Rice"]
  - canonical: "NFTU"
    type: organisation
    actor: "NFTU"
    variants: ["NFTU"]
  - canonical: "Walmart"
    type: organisation
    actor: "Walmart"
    variants: ["Walmart"]
  - canonical: "Harbour Department"
    type: organisation
    actor: "Harbour Department"
    variants: ["Harbour Department", "the harbour department"]
  - canonical: "Ministry of Water"
    type: organisation
    actor: "Ministry of Water"
    variants: ["Ministry of Water"]
"""


def test_loose_variants_are_the_matches_of_the_case_insensitive_pattern(tmp_path):
    (tmp_path / "aliases.yaml").write_text(ALIASES, encoding="utf-8")
    index = actor_index(load_codebook(tmp_path))
    assert index.loose is not None and index.loose_fast is not None
    for text in TEXTS + ["THE HARBOUR-DEPARTMENT and the Harbour  Department; rice, RICE, Rice."]:
        expected = [(m.start(), m.end()) for m in index.loose.finditer(text)]
        assert [(m.start(), m.end()) for m in confirmed_finditer(index.loose, index.loose_fast, text)] == expected
    found = [m.group() for m in confirmed_finditer(index.loose, index.loose_fast, TEXTS[7])]
    assert "rice" not in found and "Rice" in found  # a one-word variant keeps its capital
    assert {"N.F.T.U.", "NFTU", "Wal-Mart", "Walmart"} <= set(found) and "nftu" not in found


def test_a_text_whose_letters_fold_beyond_ascii_is_scanned_the_slow_way(tmp_path):
    # the long s matches "s" case-insensitively: lower-casing A-Z alone would miss it, so no fast scan
    (tmp_path / "aliases.yaml").write_text(ALIASES, encoding="utf-8")
    index = actor_index(load_codebook(tmp_path))
    text = "The Mini\u017ftry of Water and the Ministry of Water."
    expected = [(m.start(), m.end()) for m in index.loose.finditer(text)]
    assert len(expected) == 2
    assert [(m.start(), m.end()) for m in confirmed_finditer(index.loose, index.loose_fast, text)] == expected


@pytest.mark.parametrize("text", ["programs class glass buses Arms arms ss sss ASS is as bus 1990s",
                                  "The Lumens and the LUMENS; a lens, lenses."])
def test_singular_words_is_singular_of_every_word(text):
    assert singular_words(text) == {singular(w) for w in re.findall(r"[a-z0-9]+", text.lower())}


def test_group_head_nouns_are_the_matches_of_the_case_insensitive_pattern(tmp_path):
    from helpers.analyses.group_mentions import group_forms

    (tmp_path / "aliases.yaml").write_text(
        'entities:\n  - canonical: "Vantor administration"\n    type: group\n    actor: "Vantor administration"\n'
        '    variants: ["Vantor administration"]\n', encoding="utf-8")
    forms = group_forms(load_codebook(tmp_path), frozenset({"Vantor administration"}))
    assert forms.head_rx is not None and forms.head_fast is not None
    text = ("The Vantor administration said THE ADMINISTRATIONS and the administration's aides, the  administration "
            "S, the administrationS; theadministration, Mini\u017ftry; the administrator.")
    expected = [(m.start(), m.end()) for m in forms.head_rx.finditer(text)]
    assert len(expected) >= 2  # "THE ADMINISTRATIONS" is not one: the plural s is case-sensitive
    assert [(m.start(), m.end()) for m in confirmed_finditer(forms.head_rx, forms.head_fast, text)] == expected
    plain = text.replace("\u017f", "s")
    expected = [(m.start(), m.end()) for m in forms.head_rx.finditer(plain)]
    assert [(m.start(), m.end()) for m in confirmed_finditer(forms.head_rx, forms.head_fast, plain)] == expected
