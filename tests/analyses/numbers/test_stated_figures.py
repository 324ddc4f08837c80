"""Figures as the sources stated them: conservative estimates, undated copies, credit and qualifiers.

Invented claims with hand-written expectations; the categories are the template's cumulative counts.
"""

from __future__ import annotations

import math

import pandas as pd

from helpers.analyses.numbers.reconcile import reconcile
from helpers.analyses.numbers.stated_figures import as_written_figure, stated_figure, summary

COLS = ["claim_id", "article_id", "outlet", "category", "country", "text", "value", "value_low", "value_high",
        "qualifier", "source", "as_of"]


def _claims(rows: list[list]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=COLS)


def _dates(mapping: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame({"article_id": list(mapping), "report_date": list(mapping.values())})


def test_the_conservative_estimate_is_a_figure_a_source_stated(codebook):
    c = _claims([
        ["a:1", "a", "Harbour Times", "detained", "", "300", "300", 270, 330, "about", "Port Police", ""],
        ["b:1", "b", "Valley Post", "detained", "", "300", "300", 270, 330, "about", "Port Police", ""],
    ])
    r = reconcile(c, _dates({"a": "2031-05-02", "b": "2031-05-02"}), codebook)
    row = summary(r).set_index("group").loc["detained"]
    assert row["conservative_estimate"] == 300  # not 270, the lower end of "about 300"
    assert row["conservative_text"] == "about 300 (first reported by Harbour Times, citing Port Police on 2031-05-02)"
    assert list(r["stated"]) == [300, 300]


def test_an_undated_copy_takes_its_familys_date_and_can_be_superseded(codebook):
    c = _claims([
        ["x:1", "x", "Harbour Times", "detained", "", "200", "200", 201, math.inf, "more_than", "Port Police", ""],
        ["u:1", "u", "Copy Site", "detained", "", "200", "200", 201, math.inf, "more_than", "Port Police", ""],
        ["z:1", "z", "Valley Post", "detained", "", "380", "380", 380, 380, "exact", "Port Police", ""],
    ])
    dates = _dates({"x": "2031-05-02", "u": "unknown", "z": "2031-05-05"})
    families = pd.DataFrame({"article_id": ["x", "u", "z"], "family": ["x", "x", "z"]})
    r = reconcile(c, dates, codebook, families).set_index("claim_id")
    assert r.loc["u:1", "published"] == "2031-05-02" and "story family" in r.loc["u:1", "time_basis"]
    assert r.loc["x:1", "status"] == "superseded" and r.loc["u:1", "status"] == "superseded"
    row = summary(r.reset_index()).set_index("group").loc["detained"]
    assert row["conservative_estimate"] == 380


def test_a_claim_with_no_date_at_all_stands_apart(codebook):
    c = _claims([
        ["x:1", "x", "Harbour Times", "detained", "", "200", "200", 201, math.inf, "more_than", "Port Police", ""],
        ["z:1", "z", "Valley Post", "detained", "", "380", "380", 380, 380, "exact", "Port Police", ""],
    ])
    r = reconcile(c, _dates({"x": "unknown", "z": "2031-05-05"}), codebook).set_index("claim_id")
    assert r.loc["x:1", "status"] == "undated" and "apart from the timeline" in r.loc["x:1", "note"]
    row = summary(r.reset_index()).set_index("group").loc["detained"]
    assert row["conservative_estimate"] == 380 and row["undated_claims"] == 1


def test_the_first_source_gets_the_credit_and_a_changed_copy_is_named(codebook):
    c = _claims([
        ["o:1", "o", "Harbour Times", "injured", "", "12", "12", 12, math.inf, "at_least", "Port Police", ""],
        ["k:1", "k", "Copy Site", "injured", "", "18", "18", 18, math.inf, "at_least", "", ""],
    ])
    dates = _dates({"o": "2031-05-02", "k": "2031-05-03"})
    families = pd.DataFrame({"article_id": ["o", "k"], "family": ["o", "o"]})
    r = reconcile(c, dates, codebook, families)
    assert r.set_index("claim_id").loc["k:1", "changed_from"] == "at least 12 (o:1)"
    row = summary(r).set_index("group").loc["injured"]
    assert row["range_max_text"] == ("at least 18 (first reported by Copy Site on 2031-05-03; a copy's change from "
                                     "at least 12 in its story family)")
    assert row["range_min_text"] == "at least 12 (first reported by Harbour Times, citing Port Police on 2031-05-02)"


def test_as_written_keeps_the_qualifier():
    assert as_written_figure("at least", "12") == "at least 12"
    assert as_written_figure("more than", "2,000") == "more than 2,000"
    assert as_written_figure("about", "2,500") == "about 2,500"
    assert as_written_figure("", "dozens") == "dozens"
    assert as_written_figure("", "41") == "41"


def test_the_stated_figure_without_a_value_column():
    assert stated_figure({"qualifier": "about", "value_low": 2250, "value_high": 2750}) == 2500
    assert stated_figure({"qualifier": "more_than", "value_low": 2001, "value_high": math.inf}) == 2000
    assert stated_figure({"qualifier": "vague", "value": "dozens", "value_low": 24, "value_high": 99}) == 24
