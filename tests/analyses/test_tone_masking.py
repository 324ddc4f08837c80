"""Tone: names are masked before scoring, quoted speech is scored apart, agreement is computed right."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.analyses import sentiment, voice
from helpers.evaluation import tone
from helpers.inputs.codebook import load_codebook


@pytest.fixture(scope="module")
def codebook():
    return load_codebook(None)


def test_outlet_and_organisation_names_carry_no_tone(codebook):
    arts = pd.DataFrame({"article_id": ["a"], "outlet": ["Radio Free Europe/Radio Liberty"]})
    mask = sentiment.mask_pattern(codebook, arts)
    # "free", "liberty", "security", "united" and "party" are in the VADER lexicon; as names they say nothing
    for text in [
        "Radio Free Europe/Radio Liberty reported from Almaty on Thursday.",
        "The Collective Security Treaty Organization met in Moscow.",
        "The United States sent a note.",
        "She spoke for the group for the establishment of the Democratic Party.",
    ]:
        assert sentiment.compound_with_shares(sentiment.mask_text(text, mask))[0] == 0.0, text


def test_masking_keeps_the_words_around_names(codebook):
    mask = sentiment.mask_pattern(codebook)
    text = "Tokayev gave a terrible order."
    assert sentiment.mask_text(text, mask) == f"{sentiment.MASK} gave a terrible order."
    assert sentiment.compound_with_shares(sentiment.mask_text(text, mask))[0] < 0


def test_masked_terms_are_listed_with_their_reason(codebook):
    arts = pd.DataFrame({"article_id": ["a"], "outlet": ["Some Outlet"]})
    terms = sentiment.mask_terms(codebook, arts).set_index("term")["kind"]
    assert terms["Some Outlet"] == "outlet name"
    assert terms["CSTO"] == "name in the alias codebook"
    assert "peacekeep*" in terms.index


def test_quoted_words_are_scored_apart():
    # invented sentence: the outlet's words are neutral, the quoted words are not
    text = 'The minister said the "bandits will be destroyed without warning" on Friday.'
    start = text.index("bandits")
    sents = pd.DataFrame({"article_id": ["a"], "sentence_id": [0], "clean_start": [0], "clean_end": [len(text)],
                          "text": [text]})
    spans = pd.DataFrame({"article_id": ["a"], "start": [start], "end": [text.index('" on')], "kind": ["partial"]})
    parts = voice.split_by_voice(sents, spans).set_index("voice")["text"]
    assert parts["inside"] == "bandits will be destroyed without warning"
    assert parts["outside"] == "The minister said the on Friday."


def test_sentence_without_quotes_is_all_outlet_voice():
    sents = pd.DataFrame({"article_id": ["a"], "sentence_id": [0], "clean_start": [0], "clean_end": [9],
                          "text": ["All calm."]})
    parts = voice.split_by_voice(sents, pd.DataFrame(columns=["article_id", "start", "end", "kind"]))
    assert parts["voice"].tolist() == ["outside"]


def test_kappa_hand_computed():
    # 4 items, agree on 3: p_o = 0.75; shares a: neg 2/4, pos 2/4; b: neg 1/4, pos 3/4;
    # p_e = 0.5*0.25 + 0.5*0.75 = 0.5; kappa = (0.75 - 0.5) / 0.5 = 0.5 (worked out by hand)
    a = ["negative", "negative", "positive", "positive"]
    b = ["negative", "positive", "positive", "positive"]
    assert tone.cohen_kappa(a, b) == pytest.approx(0.5)
    assert tone.agreement(a, b)["agreement"] == pytest.approx(0.75)


def test_tone_validation_runs_on_the_hand_coded_sample():
    table, confusion = tone.tone_validation()
    assert table["n_sentences"].min() >= 30
    assert int(confusion.to_numpy().sum()) == table["n_sentences"].iloc[0]
    assert ((table["agreement"] >= 0) & (table["agreement"] <= 1)).all()
