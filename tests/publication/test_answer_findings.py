"""Findings that answer the chapters' questions: who is quoted per outlet, what a copy changed, where texts come
from. Invented tables, hand-written expected sentences."""

from __future__ import annotations

import pandas as pd

from helpers.publication.origin_findings import copy_change_findings, origin_caveat, origin_in_brief
from helpers.publication.quotation_findings import quotes_finding, who_is_quoted_finding

ARTICLES = pd.DataFrame({"article_id": ["h1", "v1", "c1"],
                         "outlet_label": ["Harbour Times", "Valley Post", "Copy Site"]})
REUSE = pd.DataFrame({"article_a": ["c1"], "article_b": ["h1"], "relation": ["derived"], "earlier": ["h1"],
                      "containment_ab": [0.7], "containment_ba": [0.6]})
NO_DECLARED = pd.DataFrame({"article_id": ["h1", "v1", "c1"], "declared_origin": ["", "", ""]})


def test_who_is_quoted_per_outlet_in_words_and_quotations():
    who = pd.DataFrame({"speaker_group": ["port", "guild", "port", ""],
                        "outlet": ["Harbour Times"] * 3 + ["Valley Post"],
                        "quotes": [3, 1, 0, 2], "words": [40, 9, 0, 12]})
    out = who_is_quoted_finding(who, {"port": "Port authority", "guild": "Fishers' guild", "none": "No speaker"})
    assert out == [
        "Of the 49 words quoted in Harbour Times, 40 come from “Port authority” (three quotations) and nine from "
        "“Fishers' guild” (one quotation).",
        "Of the 12 words quoted in Valley Post, 12 come from “No speaker” (two quotations).",
    ]


def test_nobody_quoted_says_so():
    empty = pd.DataFrame(columns=["speaker_group", "outlet", "quotes", "words"])
    assert who_is_quoted_finding(empty, {}) == [
        "No outlet quotes anyone, so no speaker group has a voice in these articles."]


def test_formatting_printings_are_not_changes():
    quotes = pd.DataFrame({"kind": ["full", "full"], "speaker": ["X", "X"]})
    variants = pd.DataFrame({"cluster_id": ["q1", "q1"], "outlet": ["A", "B"],
                             "relation": ["identical", "formatting"]})
    text = quotes_finding(quotes, variants)[1]
    assert "one differs only in spacing, punctuation, case or number formatting" in text
    assert "changes, adds or drops" not in text


def test_a_copy_that_changed_a_figure_is_told_in_a_sentence():
    changes = pd.DataFrame({"article_a": ["h1", "h1", "h1"], "article_b": ["c1", "c1", "c1"],
                            "relation": ["derived"] * 3, "kind": ["number", "removed words", "quote"],
                            "before": ["12", "and 40 were held", "calm"], "after": ["18", "", "quiet"]})
    out = copy_change_findings(changes, REUSE, ARTICLES)
    assert out == ["Article c1 (Copy Site), against its source article h1 (Harbour Times), changes the figure "
                   "“12” to “18”, drops “and 40 were held” and changes words inside a quotation “calm” to “quiet”."]


def test_a_faithful_copy_is_counted():
    changes = pd.DataFrame(columns=["article_a", "article_b", "relation", "kind", "before", "after"])
    assert copy_change_findings(changes, REUSE, ARTICLES) == [
        "One copy or rewrite keeps every number, name and quotation of its source."]


def test_origin_caveat_names_the_republisher_and_the_brief_counts_it():
    caveat = origin_caveat(NO_DECLARED, REUSE, ARTICLES)
    assert caveat[0].startswith("Read the comparisons between outlets with their origins in mind")
    assert "Article c1 (Copy Site) republishes the text of article h1 (Harbour Times)" in caveat[1]
    assert origin_in_brief(NO_DECLARED, REUSE, ARTICLES).startswith("One article of three prints another newsroom's")


def test_independent_outlets_need_no_caveat():
    independent = REUSE.assign(relation="independent")
    assert origin_caveat(NO_DECLARED, independent, ARTICLES) == []
    assert origin_in_brief(NO_DECLARED, independent, ARTICLES) == (
        "Each of the three articles comes from its own outlet's newsroom, by declaration and by measure.")


def test_the_numbers_finding_sets_undated_claims_apart():
    from helpers.publication.findings import numbers_finding

    rec = pd.DataFrame({"group": ["injured", "injured", "detained"], "status": ["consistent", "undated", "undated"],
                        "text": ["12", "14", "40"]})
    text = " ".join(numbers_finding(rec, pd.DataFrame()))
    assert ("Two claims have no date, in the claim, its article or its story family: shown apart, never as the "
            "current figure.") in text
