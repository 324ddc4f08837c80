"""The abstract is an argument of at most 200 words, generated from invented tables."""

from __future__ import annotations

import pandas as pd

from helpers.publication.argument import ABSTRACT_WORDS, abstract_argument, numbers_in_brief, voices_in_brief

ARTICLES = pd.DataFrame({"article_id": ["a", "b"], "outlet_label": ["Harbour Times", "Valley Post"],
                         "status": ["ok", "ok"]})
OWN = pd.DataFrame({"outlet": ["Harbour Times", "Valley Post"], "mean_compound": [-0.2, 0.1],
                    "ci_low": [-0.4, -0.1], "ci_high": [0.0, 0.3], "n_sentences": [10, 12]})


def test_the_abstract_asks_reports_and_limits_within_its_budget():
    rec = pd.DataFrame({"group": ["injured", "injured"], "status": ["consistent", "undated"]})
    text = abstract_argument("the harbour strike", ARTICLES, OWN, rec,
                             "Each of the two articles comes from its own outlet's newsroom.", "", "in-sample")
    assert text.startswith("How did different outlets report one event, the harbour strike?")
    assert "The corpus holds two usable articles from two outlets" in text
    assert "every pair of 95% intervals overlaps" in text  # the tone finding with its uncertainty
    assert "one claim with no date is left out of that verdict" in text and "superseding" not in text
    assert "no held-out evaluation is reported" in text and text.endswith("not an outlet's intent or stance.")
    assert len(text.split()) <= ABSTRACT_WORDS
    for template in ("(s)", "  ", "nan", "inf"):
        assert template not in text


def test_findings_that_do_not_fit_are_left_to_the_chapters():
    long_origin = "word " * 150
    text = abstract_argument("the harbour strike", ARTICLES, OWN, pd.DataFrame(columns=["group", "status"]),
                             long_origin.strip() + ".", "", "held-out")
    assert "word word" not in text and len(text.split()) <= ABSTRACT_WORDS
    assert "measured on held-out texts" in text


def test_numbers_and_voices_in_brief():
    rec = pd.DataFrame({"group": ["deaths", "deaths", "detained"], "status": ["conflict", "conflict", "single"]})
    assert numbers_in_brief(rec).startswith("Figures reported at the same time conflict for one of two quantities;")
    who = pd.DataFrame({"speaker_group": ["port", "guild"], "words": [30, 10]})
    assert voices_in_brief(who, {"port": "Port authority"}) == (
        "The most quoted speaker group is “Port authority”, with 75% of the 40 quoted words.")
