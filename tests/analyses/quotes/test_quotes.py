"""Quote extraction and attribution: gold scores, layouts, drift."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import quotes_of_text

from helpers.analyses import quotes
from helpers.evaluation import validation
from helpers.inputs.codebook import load_codebook
from helpers.text.normalise import fold

TARGET_F1 = 0.95
TARGET_SPEAKER = 0.95


def test_seed_and_second_set_meet_targets():
    scores = validation.quote_validation().set_index("test_set")
    seeds = scores.iloc[0]
    assert seeds["f1"] >= TARGET_F1 and seeds["speaker_accuracy"] >= TARGET_SPEAKER
    second = scores.iloc[1]
    assert second["f1"] >= TARGET_F1 and second["speaker_accuracy"] >= 0.9


def corpus_of(tmp_path, text, codebook):
    return quotes_of_text(tmp_path, text, codebook)


def test_unbalanced_mark_warns_not_crashes(tmp_path, codebook):
    with pytest.warns(quotes.QuoteWarning):
        q = corpus_of(tmp_path, 'Blinken said: "This is only the start of a long process of talks.\n', codebook)
    assert len(q) == 1 and not q.iloc[0]["closed"] and q.iloc[0]["speaker"] == "Antony Blinken"


def test_apostrophes_are_not_quotes(tmp_path, codebook):
    q = corpus_of(tmp_path, "Kazakhstan's government said the protesters' demands were heard.\n", codebook)
    assert q.empty


def test_both_orders_and_inverted(tmp_path, codebook):
    text = ('"We will restore order within days," Tokayev said on state television.\n\n'
            'Borrell said, "The European Union stands ready to help with any dialogue."\n\n'
            '"Russia will stay only as long as it is needed by its partners," said Zas.\n')
    q = corpus_of(tmp_path, text, codebook)
    assert list(q["speaker"]) == ["Kassym-Jomart Tokayev", "Josep Borrell", "Stanislav Zas"]
    assert list(q["kind"]) == ["full", "full", "full"]
    assert set(q["method"]) == {"explicit"}


def test_scare_quote_has_no_speaker(tmp_path, codebook):
    q = corpus_of(tmp_path, 'Analysts warned of another "color revolution" in the region this winter.\n', codebook)
    assert q.iloc[0]["kind"] == "scare" and q.iloc[0]["speaker"] == "" and q.iloc[0]["method"] == "none"


def test_offsets_point_into_raw_text(seeds, codebook):
    q = quotes.extract_quotes(seeds, seeds.articles, codebook)
    raw = dict(zip(seeds.articles["article_id"], seeds.articles["raw_text"], strict=True))
    for r in q.itertuples():
        span = raw[r.article_id][r.start:r.end]
        # the raw span, in the analysis form and with its white space folded, is the quote's text exactly
        assert " ".join(fold(span).split()) == " ".join(r.text.split()), (r.quote_id, span, r.text)


def test_quote_drift_classifies_altered_and_trimmed():
    qs = pd.DataFrame({
        "article_id": ["a", "b", "c"], "outlet": ["A", "B", "C"], "quote_id": ["a:1", "b:1", "c:1"],
        "speaker": ["X"] * 3,
        "text": ["we call for a peaceful, rights-respecting resolution to the crisis",
                 "we call for a peaceful, rights-respecting solution to the crisis",
                 "a peaceful, rights-respecting resolution to the crisis"],
        "n_words": [10, 10, 8],
    })
    v = quotes.quote_variants(qs).set_index("article_id")
    assert v.loc["a", "relation"] == "identical"
    assert v.loc["b", "relation"] == "altered" and "[-resolution-] {+solution+}" in v.loc["b", "diff"]
    assert v.loc["c", "relation"] == "trimmed"


def test_seed_drift_finds_the_altered_state_department_quote(seeds, codebook):
    v = quotes.quote_variants(quotes.extract_quotes(seeds, seeds.articles, codebook))
    altered = v[v["relation"] == "altered"]
    assert list(altered["article_id"].str[:3]) == ["002"]
    assert "{+solution+}" in altered.iloc[0]["diff"]


def test_boilerplate_quotes_not_extracted(seeds, codebook):
    q = quotes.extract_quotes(seeds, seeds.articles, codebook)
    assert not q["text"].str.contains("undesirable organization").any()


def test_codebook_swap(tmp_path):
    cb = load_codebook(validation.SECOND_QUOTES / "codebook")
    q = corpus_of(tmp_path, '"Prices will fall," Ferrante said.\n', cb)
    assert q.iloc[0]["speaker"] == "Lucia Ferrante"
