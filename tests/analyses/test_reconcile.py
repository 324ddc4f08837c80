"""Reconciliation: claim times before report dates, one vote per story family, outcomes in words, linear work."""

from __future__ import annotations

import importlib
import math

import pandas as pd

from helpers.analyses.numbers.reconcile import claim_time, outcome, reconcile, summary

rec_module = importlib.import_module("helpers.analyses.numbers.reconcile")

COLS = ["claim_id", "article_id", "outlet", "category", "country", "text", "value_low", "value_high", "qualifier",
        "source", "as_of"]


def claims(rows):
    return pd.DataFrame(rows, columns=COLS)


def report_dates(mapping):
    return pd.DataFrame({"article_id": list(mapping), "report_date": list(mapping.values())})


def test_claim_time_prefers_the_claims_own_time(codebook):
    assert claim_time("early on January 6", "2022-01-08", codebook)[:2] == ("2022-01-06", 0)
    assert claim_time("", "2022-01-08", codebook)[0] == "2022-01-08"
    assert claim_time("on Thursday", "2022-01-08", codebook)[0] == "2022-01-06"  # 8 January 2022 was a Saturday
    assert claim_time("overnight", "2022-01-08", codebook)[:2] == ("2022-01-08", 0)
    assert claim_time("", "unknown", codebook)[0] == "unknown"


def test_a_later_article_reporting_an_earlier_time_is_superseded(codebook):
    c = claims([
        # published on the 7th, but the figure is the one from early on the 6th
        ["a:1", "a", "A", "deaths_total", "", "8", 8, 8, "exact", "City Hospital", "early on January 6"],
        ["b:1", "b", "B", "deaths_total", "", "12", 12, 12, "exact", "City Hospital", ""],
    ])
    r = reconcile(c, report_dates({"a": "2022-01-07", "b": "2022-01-06"}), codebook).set_index("claim_id")
    assert r.loc["a:1", "claim_time"] == "2022-01-06" and "own time" in r.loc["a:1", "time_basis"]
    assert r.loc["a:1", "status"] == "superseded" and "b:1" in r.loc["a:1", "note"]
    assert r.loc["b:1", "status"] == "consistent"


def test_copies_are_echoes_not_votes(codebook):
    c = claims([
        ["x:1", "x", "X", "detained", "", "40", 40, 40, "exact", "", ""],
        ["y:1", "y", "Y", "detained", "", "40", 40, 40, "exact", "", ""],  # y republishes x
        ["z:1", "z", "Z", "detained", "", "12", 12, 12, "exact", "", ""],
    ])
    dates = report_dates({"x": "2022-01-06", "y": "2022-01-06", "z": "2022-01-06"})
    families = pd.DataFrame({"article_id": ["x", "y", "z"], "family": ["x", "x", "z"]})
    r = reconcile(c, dates, codebook, families).set_index("claim_id")
    assert r.loc["y:1", "echo_of"] == "x:1" and r.loc["x:1", "echo_of"] == "" and "echo" in r.loc["y:1", "note"]
    assert r.loc["x:1", "status"] == "conflict" and r.loc["z:1", "status"] == "conflict"
    assert summary(r.reset_index()).set_index("group").loc["detained", "independent_claims"] == 2
    text = outcome(r.reset_index())
    assert text.startswith("Figures conflict in 1 of 1 categories")
    assert "One claim repeats a figure" in text and "(s)" not in text
    # without families the copy is a second vote, and nothing is an echo
    plain = reconcile(c, dates, codebook)
    assert (plain["echo_of"] == "").all()


def test_a_copy_that_changed_the_number_does_not_conflict_with_its_original(codebook):
    c = claims([
        ["x:1", "x", "X", "detained", "", "40", 40, 40, "exact", "", ""],
        ["y:1", "y", "Y", "detained", "", "45", 45, 45, "exact", "", ""],
    ])
    dates = report_dates({"x": "2022-01-06", "y": "2022-01-06"})
    families = pd.DataFrame({"article_id": ["x", "y"], "family": ["x", "x"]})
    r = reconcile(c, dates, codebook, families)
    assert set(r["status"]) == {"consistent"}


def test_outcome_says_no_figures_conflict(codebook):
    c = claims([
        ["a:1", "a", "A", "injured", "", "more than 100", 101, math.inf, "more_than", "", ""],
        ["b:1", "b", "B", "injured", "", "about 120", 108, 132, "about", "", ""],
    ])
    r = reconcile(c, report_dates({"a": "2022-01-06", "b": "2022-01-06"}), codebook)
    assert set(r["status"]) == {"consistent"}
    assert outcome(r) == "No figures conflict: the 2 independent claims in one category overlap, or were superseded " \
                         "by later counts."
    assert outcome(r.iloc[0:0]).startswith("No event counts")


def many_claims(n: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """n claims in three categories over ten days, from n/2 articles: the case that was quadratic."""
    rows, dates = [], {}
    for i in range(n):
        art = f"art{i // 2:05d}"
        dates[art] = f"2022-01-{1 + (i // 2) % 10:02d}"
        value = 10 + (i * 7) % 50
        rows.append([f"{art}:{i}", art, f"Outlet {i % 13}", ["detained", "injured", "deaths_total"][i % 3], "",
                     str(value), value, value + (i % 3), "exact", ["", "City Hospital"][i % 2], ""])
    return claims(rows), report_dates(dates)


def test_reconciliation_work_grows_linearly(codebook, monkeypatch):
    counted = {"partner": 0, "note": 0}
    real_partner, real_notes = rec_module._conflict_partner, rec_module._overlap_notes
    sorts = []

    def partner(*a):
        counted["partner"] += 1
        return real_partner(*a)

    def notes(g, rows):
        counted["note"] += len(rows)
        sorts.append(len(g))  # each call sorts its category's interval ends once
        return real_notes(g, rows)

    monkeypatch.setattr(rec_module, "_conflict_partner", partner)
    monkeypatch.setattr(rec_module, "_overlap_notes", notes)
    work = []
    for n in (300, 600):
        counted.update(partner=0, note=0)
        out = reconcile(*many_claims(n), codebook)
        assert len(out) == n
        work.append(counted["partner"] + counted["note"])
    assert work[1] <= 2.2 * work[0]
    assert work[1] <= 2 * 600  # at most one comparison step and one note per claim, not one per pair
    assert len(sorts) <= 2 * 3 and sum(sorts) <= 300 + 600  # one sort per category, not one per claim
