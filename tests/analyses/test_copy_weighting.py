"""Copies counted once: the one story-family assignment weights every mean across articles (invented tables)."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.analyses import copies, voice
from helpers.analyses.story_families import story_families
from helpers.publication.findings import voice_finding

# Three articles: "orig" and its word-for-word copy "copy" (another outlet), and an independent "other".
REUSE = pd.DataFrame({"article_a": ["orig", "orig", "copy"], "article_b": ["copy", "other", "other"],
                      "relation": ["copy", "independent", "independent"]})
FAMILIES = story_families(REUSE, ["copy", "orig", "other"])


def test_one_family_for_the_copy_and_its_source():
    fam = FAMILIES.set_index("article_id")
    assert fam.loc["copy", "family"] == fam.loc["orig", "family"] == "copy"
    assert fam.loc["other", "family"] == "other"
    assert list(copies.family_weights(["orig", "copy", "other", "unknown"], FAMILIES)) == [0.5, 0.5, 1.0, 1.0]


def test_means_by_article_and_one_vote_per_family():
    per_article = pd.DataFrame({"article_id": ["orig", "copy", "other"], "tone": [0.6, 0.6, -0.3]})
    (row,) = copies.weighted_means(per_article, "tone", FAMILIES).to_dict("records")
    assert row["n_articles"] == 3 and row["n_story_families"] == 2
    assert row["mean_by_article"] == pytest.approx(0.3)            # (0.6 + 0.6 - 0.3) / 3
    assert row["mean_one_vote_per_family"] == pytest.approx(0.15)  # (0.6 - 0.3) / 2: the copy counted once


def test_voice_means_weight_copies_once_and_the_finding_says_so():
    parts = pd.DataFrame({
        "article_id": ["orig", "orig", "copy", "copy", "other", "other"],
        "voice": ["inside", "outside", "inside", "outside", "inside", "outside"],
        "compound": [0.5, -0.2, 0.5, -0.2, -0.1, 0.0],
    })
    overall = copies.voice_overall(parts, FAMILIES, voice.VOICES).set_index("voice")
    quoted = overall.loc["Quoted speech"]
    assert quoted["mean_by_article"] == pytest.approx(0.3)
    assert quoted["mean_one_vote_per_family"] == pytest.approx(0.2)
    own = overall.loc["Outlet's own voice"]
    assert own["mean_one_vote_per_family"] == pytest.approx(-0.1)
    text = voice_finding(overall.reset_index())
    assert text.startswith("Counting copies once (one vote per story family), quoted speech reads warmer")
    assert "+0.20 against −0.10" in text or "+0.20 against -0.10" in text
    assert "with each article counted" in text


def test_copies_note_and_why_outlet_means_agree():
    assert copies.copies_note(FAMILIES, True) == (
        "Copies are counted once (1 article is a copy or rewrite of another; each story family has one vote).")
    alone = story_families(REUSE.assign(relation="independent"), ["copy", "orig", "other"])
    assert copies.copies_note(alone, False).startswith("No article copies")
    arts = pd.DataFrame({"article_id": ["orig", "copy", "other"], "outlet_label": ["A", "B", "C"]})
    assert "same weight" in copies.same_within_outlets(FAMILIES, arts)  # a copy in another outlet: no outlet changes
    mixed = arts.assign(outlet_label=["A", "B", "A"])  # A holds the source and an independent text: weights differ
    assert copies.same_within_outlets(FAMILIES, mixed) == ""


def test_quoted_words_of_a_copy_count_once_across_its_family():
    found = pd.DataFrame({"article_id": ["orig", "copy", "other"], "outlet": ["A", "B", "A"],
                          "speaker_group": ["officials"] * 3, "n_words": [10, 10, 4]})
    once = copies.weighted_counts(found, FAMILIES, ["speaker_group"], "n_words").iloc[0]
    assert once["rows_one_vote_per_family"] == pytest.approx(2.0)  # the quote and its copy are one quote
    assert once["n_words_one_vote_per_family"] == pytest.approx(14.0)


def test_voice_parts_that_are_whole_sentences_take_the_sentences_scores(monkeypatch):
    """A part that reads as its scored sentence is not scored again, and every score equals scoring it afresh."""
    from helpers.analyses import copies, sentiment, vader
    from helpers.analyses.sentiment import mask_pattern
    from helpers.inputs.codebook import load_codebook

    mask = mask_pattern(load_codebook(None), pd.DataFrame({"outlet": ["Happy Gazette"]}))
    texts = ["The Happy Gazette said the calm was welcome.", 'Police said "we are proud" of the arrests.',
             "Protesters were killed."]
    sentences = sentiment.score_sentences(pd.DataFrame({"article_id": ["a", "a", "b"], "sentence_id": [0, 1, 0],
                                                        "text": texts}), mask)
    parts = pd.DataFrame({"article_id": ["a", "a", "a", "b"], "sentence_id": [0, 1, 1, 0],
                          "voice": ["outside", "outside", "inside", "outside"],
                          "text": [texts[0], 'Police said "" of the arrests.', "we are proud", texts[2]]})
    scored = []
    real = vader.compounds
    monkeypatch.setattr(vader, "compounds", lambda t: scored.extend(t) or real(t))
    reused = copies.score_parts(parts, mask, sentences)
    assert scored == ['Police said "" of the arrests.', "we are proud"]
    pd.testing.assert_frame_equal(reused, sentiment.score_sentences(parts, mask))
