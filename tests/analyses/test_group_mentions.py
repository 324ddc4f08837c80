"""Group and institution mentions for tone toward actors: head nouns, members, nested names, spellings.

Every sentence and name here is invented for the test; none comes from a development set.
"""

from __future__ import annotations

import pytest

from helpers.analyses.actor_mentions import actor_index, article_actor_mentions
from helpers.analyses.group_mentions import member_nouns, singular
from helpers.inputs.codebook import load_codebook


def _entity(canonical: str, kind: str = "group", variants: list[str] | None = None) -> str:
    forms = ", ".join(f'"{v}"' for v in (variants or [canonical]))
    return f'  - canonical: "{canonical}"\n    type: {kind}\n    actor: "{canonical}"\n    variants: [{forms}]\n'


ALIASES = "entities:\n" + "".join([
    _entity("Vantor administration"),
    _entity("Keld officials"),
    _entity("Marrow officials"),
    _entity("Lumenic lawmakers"),
    _entity("Veridians"),
    _entity("Lumens"),
    _entity("Senate Lumens"),
    _entity("protesters"),
    _entity("protestors"),
    _entity("Kevin Marsh", "person", ["Kevin Marsh"]),
    _entity("Kevil Marsh", "person", ["Kevil Marsh"]),
    _entity("NFTU", "organisation"),
    _entity("Ann and Bo Roe"),
    _entity("Harbour Department", "organisation"),
    _entity("levy rule for small farms", "organisation"),
])


@pytest.fixture(scope="module")
def codebook(tmp_path_factory):
    folder = tmp_path_factory.mktemp("groups")
    (folder / "aliases.yaml").write_text(ALIASES, encoding="utf-8")
    return load_codebook(folder)


def _found(text: str, codebook) -> list[tuple[str, str, str]]:
    """(as written, canonical, how) of every mention, each twin spelling counted as find_actor_mentions does."""
    same = actor_index(codebook).same
    return [(written, who, how) for _, canonical, _, _, written, how
            in article_actor_mentions(text, [(0, len(text))], [], codebook)
            for who in same.get(canonical, (canonical,))]


def test_head_noun_after_a_definite_determiner(codebook):
    found = _found("The Vantor administration denied the report. Critics said its administration had failed. "
                   "The administration resigned.", codebook)
    assert ("administration", "Vantor administration", "head") in found
    assert sum(1 for w, c, h in found if c == "Vantor administration" and h == "head") == 2
    assert not _found("The administration resigned.", codebook)  # the article never names whose


def test_head_noun_shared_by_two_groups_needs_the_article_to_tell(codebook):
    one = _found("Keld is a small town. The officials closed the road.", codebook)
    assert ("officials", "Keld officials", "head") in one
    both = _found("Keld and Marrow argued. The officials closed the road.", codebook)
    assert not any(h == "head" for _, _, h in both)
    none = _found("An official closed the road.", codebook)
    assert not any(c.endswith("officials") for _, c, _ in none)


def test_head_is_the_noun_before_a_link_word(codebook):
    found = _found("The levy angered growers, who hated the rule from the start.", codebook)
    assert ("rule", "levy rule for small farms", "head") in found


def test_members_and_adjective_before_a_people_noun(codebook):
    found = _found("Lumens voted no. Veridian bishops objected.", codebook)
    assert ("Lumens", "Lumenic lawmakers", "member") in found  # "Lumenic" -> "Lumens"
    assert ("Lumens", "Lumens", "variant") in found  # the group itself still counts
    assert ("Veridian bishops", "Veridians", "member") in found
    assert not any(c == "Veridians" for _, c, _ in _found("A Veridian town voted.", codebook))


def test_a_group_inside_a_longer_name_counts_for_both(codebook):
    found = _found("Senate Lumens walked out.", codebook)
    assert ("Senate Lumens", "Senate Lumens", "variant") in found
    assert ("Lumens", "Lumens", "variant") in found


def test_entries_one_letter_apart_are_one(codebook):
    found = _found("Protestors marched. Kevin Marsh spoke.", codebook)
    assert {c for _, c, _ in found} >= {"protesters", "protestors", "Kevin Marsh", "Kevil Marsh"}


def test_dotted_acronym_swapped_conjuncts_and_department_of(codebook):
    found = _found("The N.F.T.U. struck. Bo and Ann Roe left. The Department of Harbour agreed.", codebook)
    assert {c for _, c, _ in found} >= {"NFTU", "Ann and Bo Roe", "Harbour Department"}


def test_words_helpers():
    assert singular("programs") == "program" and singular("class") == "class"
    assert member_nouns("Democratic", [["", "s"], ["ic", "s"]]) == {"Democratics", "Democrats"}
