"""Tables: everything from input is escaped (headers too), numbers read as written by a person."""

from __future__ import annotations

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
    assert html_tables.cell(-0.5) == "\u22120.50" and html_tables.cell(0.0064) == "0.0064"
    assert html_tables.cell("line one\nline two") == "line one line two"
    assert html_tables.cell("literal\\nbreak") == "literal break"


def test_headers_in_words():
    assert html_tables.header("n_sentences") == "Sentences" and html_tables.header("value_low") == "Value low"
    assert list(html_tables.readable(pd.DataFrame({"a_b": [1]}), {"a_b": "Custom"}).columns) == ["Custom"]


def test_rule_settings_lists_the_named_windows():
    import importlib

    from helpers.publication.reproducibility import rule_settings

    table = rule_settings()
    row = table[(table["module"] == "analyses.numbers.lexicon") & (table["setting"] == "CONTEXT_WORDS")]
    assert row["value"].tolist() == [f"{importlib.import_module('helpers.analyses.numbers.lexicon').CONTEXT_WORDS:g}"]
    assert {"MATRIX_MAX_ARTICLES", "SCARE_MAX_WORDS"} <= set(table["setting"])
