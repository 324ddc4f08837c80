"""Every name a reader sees passes through one labelling function (issue 22, point 1): invented values."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.publication import html_tables, reader_names
from helpers.publication.reader_names import (
    article_for_reader,
    article_label,
    cluster_for_reader,
    key_for_reader,
    outlet_for_reader,
    plural_for_reader,
    remember_articles,
    value_for_reader,
)

ARTICLES = pd.DataFrame({"article_id": ["017_00ff00ff00ff", "018_abcdef012345", "019_fedcba987654"],
                         "outlet_label": ["Norbury Post", "unknown (018_abcdef012345)", "Valley Times"]})


@pytest.fixture(autouse=True)
def remembered():
    remember_articles(ARTICLES)
    yield
    remember_articles(pd.DataFrame({"article_id": []}))


def test_articles_get_short_labels_in_the_corpus_table_order():
    assert [article_label(a) for a in ARTICLES["article_id"]] == ["A1", "A2", "A3"]
    assert reader_names.article_labels(ARTICLES.iloc[::-1]) == ["A3", "A2", "A1"]


def test_an_unattributed_article_is_named_by_its_label_never_its_id():
    assert outlet_for_reader("unknown (018_abcdef012345)") == (
        "an unattributed article (shown in the corpus table as A2)")
    assert outlet_for_reader("unknown (018_abcdef012345)", short=True) == "Unattributed (A2)"
    assert outlet_for_reader("Norbury Post") == "Norbury Post"
    assert article_for_reader("019_fedcba987654", "Valley Times") == "Valley Times · A3"
    assert article_for_reader("018_abcdef012345", "unknown (018_abcdef012345)") == "Unattributed (A2)"


def test_keys_lists_and_clusters_read_as_words():
    assert key_for_reader("debate_grievances") == "debate grievances"
    assert key_for_reader("external_relations;riot_violence", {"riot_violence": "Riots and violence"}) == (
        "external relations, Riots and violence")
    assert value_for_reader("['Norbury', 'Alder Vale']") == "Norbury, Alder Vale"
    assert value_for_reader("[]") == ""
    assert value_for_reader("one_of") == "one of"
    assert value_for_reader("A sentence, with words_like this.") == "A sentence, with words_like this."
    assert value_for_reader(3.5) == 3.5
    assert cluster_for_reader("c000") == "Quotation 1" and cluster_for_reader("c011") == "Quotation 12"


def test_plurals_agree_with_their_number():
    assert plural_for_reader(1, "article") == "1 article"
    assert plural_for_reader(2, "article") == "2 articles"
    assert plural_for_reader(1_200, "quantity", "quantities") == "1,200 quantities"


def test_a_table_never_shows_an_id_a_key_or_a_list_repr():
    table = pd.DataFrame({"article_id": ["017_00ff00ff00ff"], "outlet": ["unknown (018_abcdef012345)"],
                          "frames": ["debate_grievances;riot_violence"], "places": ["['Norbury']"],
                          "019_fedcba987654": [3]})
    page = html_tables.to_html(table)
    for leftover in ("017_00ff", "018_abcdef", "019_fedcba", "debate_grievances", "['Norbury']"):
        assert leftover not in page, leftover
    for shown in ("A1", "Unattributed (A2)", "debate grievances, riot violence", "Norbury", "<th>A3</th>"):
        assert shown in page, shown


def test_a_kind_of_number_reads_in_the_general_codebooks_words(codebook):
    words = codebook.section("number_words")["kind_words"]
    assert reader_names.number_kind_for_reader("one_of", words) == "'one of' a group"
    assert reader_names.number_kind_for_reader("contractor", words) == words["other_count"]
    assert reader_names.number_kind_for_reader("troops (not sent to this event)", words) == (
        "troops (not sent to this event)")
    assert all("_" not in w for w in words.values())


def test_numbers_in_one_table_share_one_precision():
    table = pd.DataFrame({"word": ["calm", "riot"], "contribution": [0.00028, -0.09], "uses": [3, 4]})
    page = html_tables.to_html(table)
    assert "0.0003" in page and "\u22120.0900" in page and "0.00028" not in page
    assert html_tables.table_decimals(pd.DataFrame({"x": [0.5, -0.25]})) == 2


def test_ids_inside_sentences_and_notes_read_as_labels_but_file_names_keep_theirs():
    assert reader_names.text_for_reader("Articles 017_00ff00ff00ff and 019_fedcba987654 share passages.") == (
        "Articles A1 and A3 share passages.")
    assert reader_names.text_for_reader("overlaps 018_abcdef012345:n002") == "overlaps A2 (number 2)"
    assert reader_names.text_for_reader("017_00ff00ff00ff.txt") == "017_00ff00ff00ff.txt"


def test_settings_are_written_as_a_reader_writes_numbers():
    from helpers.publication.reproducibility import setting_value

    assert [setting_value(v) for v in (2e6, 0.05, 12345)] == ["2,000,000", "0.05", "12,345"]
