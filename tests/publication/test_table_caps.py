"""Long and wide tables: a reader sees a sample or the heaviest columns, and a note that counts the rest
and links to the full CSV; a small table is shown whole, with no note."""

from __future__ import annotations

import re

import pandas as pd

from helpers.publication import html_tables, report


def body_rows(page: str) -> int:
    return len(re.findall(r"<tr>", page.split("<tbody>", 1)[1]))


def test_a_long_table_asked_for_in_full_is_a_sample_with_a_link():
    table = pd.DataFrame({"outlet": [f"Outlet {i:04d}" for i in range(10_000)], "n_articles": 3})
    page = report.show_html(table, max_rows=None, csv="sentiment_by_outlet")
    assert body_rows(page) == report.SHOW_LIMIT
    assert f"A sample of {report.SHOW_LIMIT} of 10,000 rows is shown." in page
    assert "<a href='../data.html#sentiment-by-outlet'>sentiment_by_outlet.csv</a>" in page


def test_first_rows_are_counted_and_a_small_table_has_no_note():
    table = pd.DataFrame({"outlet": [f"Outlet {i}" for i in range(200)]})
    assert "The first 60 of 200 rows are shown." in report.show_html(table, max_rows=60)
    page = report.show_html(table.head(20), max_rows=None)
    assert body_rows(page) == 20 and "refract-cap" not in page and "data.html" not in page


def test_a_table_pivoted_by_500_outlets_keeps_its_key_and_heaviest_columns():
    outlets = [f"Outlet {i:03d}" for i in range(500)]
    wide = pd.DataFrame({o: [i, 0, 1] for i, o in enumerate(outlets)})
    wide.insert(0, "label", ["mob", "crowd", "people"])
    capped, note = html_tables.cap_columns(wide)
    assert capped.shape[1] == html_tables.MAX_COLUMNS
    assert list(capped.columns) == ["label", *outlets[500 - html_tables.MAX_COLUMNS + 1:]]  # largest totals, in order
    cap = html_tables.MAX_COLUMNS
    assert note == (f"{cap} of 501 columns are shown: the {cap - 1} with the largest "
                    f"totals; the other {501 - cap} are not shown here.")
    page = report.show_html(wide, max_rows=None, csv="actor_labels")
    assert page.count("<th>") == html_tables.MAX_COLUMNS and "the other 493 are not shown here" in page
    assert "The full table is in <a href='../data.html#actor-labels'>actor_labels.csv</a>." in page


def test_five_outlet_columns_are_not_capped():
    wide = pd.DataFrame({"label": ["a"], **{f"Outlet {i}": [1] for i in range(5)}})
    assert html_tables.cap_columns(wide) == (wide, "")


def test_a_capped_table_without_its_own_csv_does_not_claim_one():
    page = report.show_html(pd.DataFrame({"outlet": [f"Outlet {i}" for i in range(500)]}), max_rows=None)
    assert "It is computed from <a href='../data.html'>the CSV files on the data page</a>." in page
    assert "The full table is in" not in page
