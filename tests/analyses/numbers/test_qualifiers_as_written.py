"""The reader sees a figure's qualifier as the source wrote it ("nearly 2,000", "no fewer than 12"); reconciliation
reads its standard qualifier ("about", "at_least"). Invented sentences, expectations written by hand (issue 22)."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.analyses import numbers
from helpers.analyses.numbers.reconcile import reconcile
from helpers.analyses.numbers.spans import qualifier_phrase_at
from helpers.analyses.numbers.stated_figures import as_written_figure, summary


@pytest.fixture(scope="module")
def study_codebook(study):
    return study


@pytest.fixture(scope="module")
def extract(study, claims_in):
    """The claims of one invented text that are counts of some category."""

    def run(text: str) -> pd.DataFrame:
        found = claims_in(text, study)
        return found[found["category"] != "other"]

    return run


@pytest.mark.parametrize(("sentence", "phrase", "standard", "written"), [
    ("Police in Marrow Bay detained nearly 2,000 people on Tuesday.", "nearly", "about", "nearly 2,000"),
    ("Police in Marrow Bay detained no fewer than 40 people on Tuesday.", "no fewer than", "at_least",
     "no fewer than 40"),
    ("Police in Marrow Bay detained more than 300 people on Tuesday.", "more than", "more_than", "more than 300"),
    ("Police in Marrow Bay detained upwards of 300 people on Tuesday.", "upwards of", "more_than", "upwards of 300"),
    ("Police in Marrow Bay detained up to 60 people on Tuesday.", "up to", "up_to", "up to 60"),
    ("Police in Marrow Bay detained roughly 500 people on Tuesday.", "roughly", "about", "roughly 500"),
    ("Police in Marrow Bay detained 41 people on Tuesday.", "", "exact", "41"),
])
def test_the_source_phrase_is_kept_beside_the_standard_qualifier(extract, sentence, phrase, standard, written):
    claim = extract(sentence).iloc[0]
    assert claim["qualifier"] == standard  # reconciliation's reading
    assert claim["qualifier_written"] == phrase  # the reader's words
    assert as_written_figure(claim["qualifier_written"], claim["text"]) == written


def test_a_phrase_at_the_start_of_a_sentence_is_written_in_lower_case(extract):
    claim = extract("Nearly 2,000 people were detained in Marrow Bay on Tuesday.").iloc[0]
    assert (claim["qualifier"], claim["qualifier_written"]) == ("about", "nearly")


def test_the_phrase_is_found_by_the_codebook_not_by_a_list_in_code(study_codebook):
    lex = numbers.lexicon(study_codebook)
    sentence = "Officials counted   almost 90 boats."
    assert qualifier_phrase_at(sentence, sentence.index("90"), lex) == "almost"
    assert qualifier_phrase_at("Officials counted 90 boats.", 18, lex) == ""


def test_as_written_adds_the_phrase_once():
    assert as_written_figure("nearly", "2,000") == "nearly 2,000"
    assert as_written_figure("at least", "at least 12") == "at least 12"
    assert as_written_figure("", "dozens") == "dozens"
    assert as_written_figure(float("nan"), "41") == "41"


def _claims(rows: list[list], written: bool = True) -> pd.DataFrame:
    cols = ["claim_id", "article_id", "outlet", "category", "country", "text", "value", "value_low", "value_high",
            "qualifier", "qualifier_written", "source", "as_of"]
    table = pd.DataFrame(rows, columns=cols)
    return table if written else table.drop(columns="qualifier_written")


def test_reconciliation_shows_the_source_phrase_and_reads_the_standard_one(codebook):
    c = _claims([["a:1", "a", "Harbour Times", "detained", "", "2,000", "2000", 1800, 2200, "about", "nearly",
                  "Port Police", ""],
                 ["b:1", "b", "Valley Post", "detained", "", "2,100", "2100", 1890, 2310, "about", "around",
                  "Port Police", ""]])
    dates = pd.DataFrame({"article_id": ["a", "b"], "report_date": ["2031-05-02", "2031-05-02"]})
    r = reconcile(c, dates, codebook)
    assert list(r["as_written"]) == ["nearly 2,000", "around 2,100"]
    assert set(r["status"]) == {"consistent"}  # both read as "about": their intervals overlap
    row = summary(r).set_index("group").loc["detained"]
    assert row["conservative_text"].startswith("nearly 2,000 (first reported by Harbour Times")
    assert row["range_max_text"].startswith("around 2,100 (")


def test_a_claims_table_without_the_phrase_reads_the_codebooks_words(codebook):
    c = _claims([["a:1", "a", "Harbour Times", "detained", "", "12", "12", 12, float("inf"), "at_least", "",
                  "Port Police", ""]], written=False)
    dates = pd.DataFrame({"article_id": ["a"], "report_date": ["2031-05-02"]})
    assert list(reconcile(c, dates, codebook)["as_written"]) == ["at least 12"]
