"""The worked examples in ``examples/`` run as study folders, and the city-budget one counts money, percentages
and votes as its codebook asks (expected values read off its invented articles by hand)."""

from __future__ import annotations

import pytest

from helpers.inputs.config import PROJECT_ROOT
from helpers.pipeline.study import load_study

EXAMPLES = PROJECT_ROOT / "examples"


def _study(name: str, tmp_path):
    folder = EXAMPLES / name
    return load_study(str(folder / "corpus"), str(folder / "codebook"), str(tmp_path), study_dir=str(folder))


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.iterdir() if (p / "codebook").is_dir()))
def test_every_example_gives_its_tables(name, tmp_path):
    study = _study(name, tmp_path)
    tables = ["articles", "sentences", "quotes", "numbers"]
    if (EXAMPLES / name / "codebook" / "frames.yaml").exists():  # an example without frames counts none
        tables.append("frame_hits")
    for table in tables:
        assert len(study.table(table)) > 0, (name, table)


def test_the_city_budget_counts_money_percentages_and_votes(tmp_path):
    numbers = _study("city-budget", tmp_path).table("numbers")
    found = {(a, c, float(v), u) for a, c, v, u in
             zip(numbers["article_id"], numbers["category"], numbers["value"], numbers["unit"], strict=True)}
    for article in ("ledger_vote", "courier_vote"):
        assert (article, "budget_total", 412e6, "money") in found
        assert (article, "tax_rise", 3.0, "percent") in found
    assert ("ledger_vote", "budget_gap", 2.5e6, "money") in found  # "will lose $2.5 million"
    assert ("courier_vote", "budget_gap", 18e6, "money") in found  # "a gap of $18 million"
    assert ("ledger_vote", "votes_for", 7.0, "people") in found  # "by a vote of 7 to 4"
    assert ("ledger_vote", "petition_signatures", 4200.0, "people") in found
    assert ("courier_vote", "new_posts", 25.0, "police officers") in found
    # a percentage whose clause holds none of the study's predicates is not counted
    assert not any(v == 58.0 and c != "other" for _, c, v, _ in found)


def test_the_city_budget_quotes_its_mayor(tmp_path):
    quotes = _study("city-budget", tmp_path).table("quotes")
    said = set(zip(quotes["article_id"], quotes["speaker"], strict=True))
    assert ("ledger_vote", "Ruth Adeyemi") in said
