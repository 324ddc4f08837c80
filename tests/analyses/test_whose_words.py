"""Whose words: a label inside a quotation is the speaker's, not the outlet's (invented text only)."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from helpers.analyses import framing, labels, quotes, voice
from helpers.inputs.codebook import load_codebook
from helpers.inputs.corpus import CorpusWarning, load_corpus
from helpers.publication.findings import labels_finding
from helpers.text.normalise import normalise_corpus

# An outlet quotes the president's label and distances itself from it; in its own words it says "protesters".
DISTANCED = (
    'Tokayev said: "The bandits and terrorists must be destroyed, they have attacked the city."\n\n'
    "Rights groups said most of the protesters were unarmed and that the government has offered no evidence "
    "for the president's claim.\n"
)
# Another outlet uses the same label in its own words.
OWN = "The bandits looted shops across the city on Thursday night, witnesses told reporters.\n"


@pytest.fixture(scope="module")
def codebook():
    return load_codebook(None)


def _tables(folder, codebook):
    (folder / "a.txt").write_text(DISTANCED, encoding="utf-8")
    (folder / "b.txt").write_text(OWN, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        norm = normalise_corpus(load_corpus(folder), codebook)
    found = quotes.extract_quotes(norm, norm.articles, codebook)
    arts = pd.DataFrame({"article_id": ["a", "b"], "outlet_label": ["Quoting Outlet", "Own Outlet"]})
    hits = labels.label_hits(norm.sentences, arts, codebook)
    hits = voice.with_voice(hits.assign(_at=hits["end"] - 1), norm.sentences, found, offset="_at", codebook=codebook)
    return norm, found, hits


def test_quoted_label_goes_to_its_speaker(tmp_path, codebook):
    _, _, hits = _tables(tmp_path, codebook)
    bandits = hits[hits["label"] == "bandits"].set_index("outlet")
    assert bandits.loc["Quoting Outlet", "voice"] == "quoted"
    assert bandits.loc["Quoting Outlet", "speaker"] == "Kassym-Jomart Tokayev"
    assert bandits.loc["Own Outlet", "voice"] == "own" and bandits.loc["Own Outlet", "speaker"] == ""
    protesters = hits[hits["label"] == "protesters"]  # reported speech: the rights groups' word, not the outlet's
    assert list(protesters["voice"]) == ["quoted"] and list(protesters["speaker"]) == ["Rights groups"]


def test_findings_credit_only_the_outlets_own_words(tmp_path, codebook):
    _, _, hits = _tables(tmp_path, codebook)
    counts = labels.label_counts(hits)
    own = labels.own_voice(counts)
    assert set(own.loc[own["label"] == "bandits", "outlet"]) == {"Own Outlet"}
    text = " ".join(labels_finding(counts, labels.group_names(codebook)))
    assert "‘bandits’ (Kassym-Jomart Tokayev, quoted by Quoting Outlet)" in text
    assert "“bandits” (Quoting Outlet)" not in text
    wide = labels.labels_by_outlet(counts, labels.group_names(codebook))
    quoted_rows = [lab for _, lab in wide.index if "quoted: Kassym-Jomart Tokayev" in lab]
    assert quoted_rows and wide.loc[(slice(None), "bandits"), "Quoting Outlet"].sum() == 0


def test_frame_hits_record_their_voice(tmp_path, codebook):
    norm, found, _ = _tables(tmp_path, codebook)
    hits = voice.with_voice(framing.frame_hits(norm.sentences, codebook), norm.sentences, found)
    assert set(hits["voice"]) <= {"own", "quoted"}
    looted = hits[hits["term"].str.startswith("loot")]
    assert list(looted["voice"]) == ["own"]
    inside = hits[(hits["article_id"] == "a") & (hits["sentence_id"] == 0)]
    assert not inside.empty and set(inside["speaker"]) == {"Kassym-Jomart Tokayev"}


def test_scare_quotes_stay_with_the_outlet(codebook):
    sents = pd.DataFrame({"article_id": ["a"], "sentence_id": [0], "clean_start": [0],
                          "text": ['The so-called "bandits" were students.']})
    found = pd.DataFrame({"article_id": ["a"], "clean_start": [13], "clean_end": [22], "kind": ["scare"],
                          "speaker": [""]})
    hits = pd.DataFrame({"article_id": ["a"], "sentence_id": [0], "offset": [14]})
    assert voice.hit_voices(hits, sents, found) == (["own"], [""])
    assert voice.hit_voices(hits, sents, found.assign(kind="partial")) == (["quoted"], ["unattributed"])


def test_reported_speech_is_the_speakers_not_the_outlets(codebook):
    """An invented official denies a label in reported speech; the word is the official's, never the outlet's."""
    sents = pd.DataFrame({"article_id": ["a", "a", "b"], "sentence_id": [0, 1, 0], "clean_start": [0, 60, 0],
                          "text": ["Minister Ilse Varga said the troops were not occupiers.",
                                   "The occupiers left the port, residents said.",
                                   "Occupiers, the paper wrote in an editorial, must leave."]})
    hits = pd.DataFrame({"article_id": ["a", "a", "b"], "sentence_id": [0, 1, 0],
                         "offset": [sents["text"][0].index("occupiers"), 4, 0]})
    no_quotes = pd.DataFrame(columns=["article_id", "clean_start", "clean_end", "kind", "speaker"])
    voices, speakers = voice.hit_voices(hits, sents, no_quotes, codebook=codebook)
    assert voices == ["quoted", "own", "own"]
    assert speakers[0] == "Minister Ilse Varga" and speakers[1:] == ["", ""]
    assert voice.hit_voices(hits, sents, no_quotes) == (["own"] * 3, [""] * 3)  # without a codebook: marks only


@pytest.mark.parametrize(("text", "speaker"), [
    ("He said the looters had left the port.", voice.NO_SPEAKER),  # a pronoun is nobody's name
    ("It also said the looters had left the port.", voice.NO_SPEAKER),
    ("Rights groups also said the looters had left the port.", "Rights groups"),  # the adverb is not the speaker
    ("Mayor Ana Ruiz said the looters had left the port.", "Mayor Ana Ruiz"),
    ("The said looters had left the port.", ""),  # "the said": an adjective, nobody's speech, the outlet's words
])
def test_who_speaks_reported_speech_is_never_a_pronoun_or_a_determiner(codebook, text, speaker):
    assert voice.reported_speaker(text, text.index("looters"), codebook) == speaker
