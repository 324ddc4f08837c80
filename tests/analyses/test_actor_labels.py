"""Actor labels are counted as written, kept apart from who is meant; heads take their modifier.

The sentences are quoted from the seed articles (the project's own corpus); the expected groups and
labels were decided by reading them, not by running the code.
"""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.analyses import labels, sentiment
from helpers.inputs.codebook import load_codebook


@pytest.fixture(scope="module")
def codebook():
    return load_codebook(None)


def hits(codebook, *texts: str) -> list[tuple[str, str, str]]:
    sents = pd.DataFrame({"article_id": ["a"] * len(texts), "sentence_id": range(len(texts)), "text": list(texts)})
    arts = pd.DataFrame({"article_id": ["a"], "outlet_label": ["Outlet"]})
    h = labels.label_hits(sents, arts, codebook)
    return list(zip(h["actor"], h["label"], h["as_written"], strict=True))


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Protesters clashed with Kazakh security forces in Almaty, the country's largest city, on Thursday.",
            [("people_in_streets", "protesters", "Protesters"),
             ("kazakh_forces", "security forces", "Kazakh security forces")],
        ),
        ("Russian troops left for Kazakhstan on Thursday.", [("foreign_troops", "troops", "Russian troops")]),
        (
            "More troops from a Russia-led military alliance were expected to arrive in Kazakhstan on January 7 "
            "as government security forces seek to contain violent protests in the Central Asian nation.",
            [("foreign_troops", "troops", "troops"),
             ("kazakh_forces", "security forces", "government security forces")],
        ),
        ("He said CSTO troops would not be used to disperse demonstrators.",
         [("foreign_troops", "troops", "CSTO troops"), ("people_in_streets", "demonstrators", "demonstrators")]),
    ],
)
def test_forces_take_their_modifier(codebook, sentence, expected):
    assert hits(codebook, sentence) == expected


def test_kazakh_forces_are_never_foreign_troops(codebook):
    found = hits(
        codebook,
        "Their presence can also provide moral support to the Kazakh security forces in the defense of the government.",
        "She said Russia will continue to consult with Kazakhstan and other allies on how to assist Kazakh security "
        "forces in combating the alleged threat.",
    )
    assert [a for a, _, _ in found] == ["kazakh_forces", "kazakh_forces"]


def test_labels_are_counted_as_written_not_merged(codebook):
    found = hits(
        codebook,
        "Mobs stormed government buildings, setting some of them on fire, looted businesses, and torched and "
        "overturned cars as they called for reforms after decades of stifling rule in the oil-rich former Soviet "
        "republic.",
        "Police in Kazakhstan's largest city, Almaty, said early on January 6 that dozens of rioters had been "
        "\u201cliquidated\u201d over the past day as demonstrators stormed government buildings, set them on fire, "
        "and looted businesses.",
    )
    assert [(a, lab) for a, lab, _ in found] == [
        ("people_in_streets", "mobs"),
        ("kazakh_forces", "police"),
        ("people_in_streets", "rioters"),
        ("people_in_streets", "demonstrators"),
    ]


def test_bare_ambiguous_head_is_not_guessed(codebook):
    # invented: "forces" with nothing saying whose they are
    assert hits(codebook, "The forces moved into the square at dawn.") == [
        (labels.UNSTATED, "forces", "forces")
    ]


def test_alias_codebook_does_not_merge_labels_into_names(codebook):
    for word in ["bandits", "rioters", "mobs", "Mobs", "police", "security forces", "Kazakh security forces"]:
        assert codebook.canonical(word) == word, word


def test_label_still_says_who_is_meant_for_sentiment(codebook):
    sents = pd.DataFrame({"article_id": ["a"], "sentence_id": [0], "text": ["The bandits will be destroyed."]})
    assert sentiment.actor_mentions(sents, codebook)["actor"].tolist() == ["protesters"]


def test_counts_per_outlet(codebook):
    sents = pd.DataFrame({
        "article_id": ["a", "a", "b"], "sentence_id": [0, 1, 0],
        "text": ["Bandits and rioters fled.", "The bandits returned.", "Protesters fled."],
    })
    arts = pd.DataFrame({"article_id": ["a", "b"], "outlet_label": ["One", "Two"]})
    t = labels.label_counts(labels.label_hits(sents, arts, codebook)).set_index(["outlet", "label"])["count"]
    assert t[("One", "bandits")] == 2 and t[("One", "rioters")] == 1 and t[("Two", "protesters")] == 1
    assert ("One", "protesters") not in t.index


def test_labels_by_outlet_is_one_row_per_group_and_label():
    import pandas as pd

    from helpers.analyses.labels import labels_by_outlet

    counts = pd.DataFrame({"outlet": ["A", "B", "A"], "actor": ["crowd", "crowd", "police"],
                           "label": ["rioters", "rioters", "police"], "count": [2, 3, 1]})
    wide = labels_by_outlet(counts, {"crowd": "People in the streets"})
    assert wide.loc[("People in the streets", "rioters")].tolist() == [2, 3]
    assert wide.loc[("police", "police")].tolist() == [1, 0]
