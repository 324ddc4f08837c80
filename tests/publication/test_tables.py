"""Tables: everything from input is escaped (headers too), numbers read as written by a person."""

from __future__ import annotations

import re

import pandas as pd

from helpers.publication import html_tables

HOSTILE = "<img src=x onerror=alert(document.domain)>.txt"


def test_headers_and_cells_from_input_are_escaped():
    table = pd.DataFrame({HOSTILE: [1], "text": ["<script>alert(1)</script>"]})
    page = html_tables.to_html(table)
    assert "<img" not in page and "<script>" not in page
    assert "&lt;img src=x onerror=alert(document.domain)&gt;.txt" in page


def test_interactive_table_is_escaped_and_has_no_trust_note():
    page = html_tables.interactive_html(pd.DataFrame({HOSTILE: ["<b>bold</b>"]}))
    assert "<img" not in page and "<b>bold" not in page
    assert "trusted" not in page and "trust this notebook" not in page
    assert "trusted" not in html_tables.init_html()


def test_static_copy_of_an_interactive_table_holds_every_row():
    table = pd.DataFrame({"outlet": [f"Outlet {i}" for i in range(37)]})
    page = html_tables.interactive_html(table, page_length=10)
    fallback = page.split("_fallback")[1]
    assert all(f"Outlet {i}<" in fallback for i in range(37))


def test_numbers_for_people():
    assert html_tables.cell(2001.0) == "2,001" and html_tables.cell(24.0) == "24"
    assert html_tables.cell(float("inf")) == "no upper bound"
    assert html_tables.cell(float("nan")) == html_tables.MISSING and html_tables.cell(None) == html_tables.MISSING
    assert html_tables.cell(0.12345) == "0.12" and html_tables.cell(True) == "yes"
    assert html_tables.cell(-0.5) == "\u22120.50" and html_tables.cell(0.0064, 4) == "0.0064"
    assert html_tables.cell("line one\nline two") == "line one line two"
    assert html_tables.cell("literal\\nbreak") == "literal break"


def test_headers_in_words():
    assert html_tables.header("n_sentences") == "Sentences" and html_tables.header("value_low") == "Value low"
    assert list(html_tables.readable(pd.DataFrame({"a_b": [1]}), {"a_b": "Custom"}).columns) == ["Custom"]


def test_rule_settings_lists_the_named_windows():
    import importlib

    from helpers.publication.reproducibility import SETTING_WORDS, rule_settings

    table = rule_settings()
    row = table[table["setting"] == SETTING_WORDS["analyses.numbers.lexicon.CONTEXT_WORDS"]]
    assert row["value"].tolist() == [str(importlib.import_module("helpers.analyses.numbers.lexicon").CONTEXT_WORDS)]
    assert row["step"].tolist() == ["Numbers"]
    named = ("analyses.provenance.MATRIX_MAX_ARTICLES", "analyses.quotes.marks.SCARE_MAX_WORDS")
    assert {SETTING_WORDS[k] for k in named} <= set(table["setting"])


def test_rule_settings_are_in_words_for_the_reader():
    """No constant name reaches the reader; numbers that change only speed or memory are left out."""
    from helpers.publication.reproducibility import rule_settings

    table = rule_settings()
    assert not table.map(lambda c: bool(re.search(r"\b[A-Z]+_[A-Z_]+\b", c))).any().any()
    assert "Remaining analyses" not in set(table["step"])
    assert len(table) == table["setting"].nunique() > 40


def test_every_setting_has_words_and_every_description_a_setting():
    """A new window or threshold in a rule module fails here until it is described in SETTING_WORDS."""
    from helpers.publication.reproducibility import SETTING_WORDS, setting_constants

    found = setting_constants()
    assert sorted(set(found) - set(SETTING_WORDS)) == [], "describe these in reproducibility.SETTING_WORDS"
    assert sorted(set(SETTING_WORDS) - set(found)) == [], "these settings no longer exist"
    assert "analyses.numbers.rules.NOUN_MAX_WORDS" in found  # listed where it is set, not where it is imported
    assert "analyses.numbers.categorise.NOUN_MAX_WORDS" not in found
