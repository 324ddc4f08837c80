"""Quantities beyond casualties: a study's quantities.yaml asks for percentages, money and plain counts.

Invented sentences about an invented election; the general default (new-study's template) still counts
casualties and detentions only.
"""

from __future__ import annotations

import warnings

import pytest
import yaml

from helpers.analyses import numbers
from helpers.analyses.numbers.rules import quantity_rules
from helpers.inputs.codebook import load_codebook
from helpers.inputs.corpus import CorpusWarning, load_corpus
from helpers.pipeline.new_study import new_study
from helpers.text.normalise import normalise_corpus

MEASURES = {
    "predicates": {"support": ["poll*", "support", "approval"], "turnout": ["turnout"],
                   "raised": ["raised", "raising", "donation*", "fundrais*"], "won": ["won", "received"]},
    "nouns": {"votes": ["vote*", "ballot*"]},
    "categories": {"poll_support": {"predicate": "support", "unit": "percent"},
                   "turnout": {"predicate": "turnout", "unit": "percent"},
                   "money_raised": {"predicate": "raised", "unit": "money"},
                   "votes_won": {"predicate": "won", "nouns": ["votes"], "unit": "votes"}},
}
TEXT = ("Senator Ana Marsh had 46% support in the latest poll, against 41% for her rival.\n\n"
        "Turnout reached 61 per cent on Tuesday, officials said.\n\n"
        "The campaign raised $2.5 million in donations last month.\n\n"
        "Marsh won 120,000 votes in the county.\n\n"
        "The storm killed 3 people near the coast.\n\n"
        "The bridge cost $40 million and is 12% longer than the old one.\n")


@pytest.fixture(scope="module")
def codebooks(tmp_path_factory):
    plain = new_study("plain", tmp_path_factory.mktemp("plain")) / "codebook"
    asked = new_study("asked", tmp_path_factory.mktemp("asked")) / "codebook"
    q = yaml.safe_load((asked / "quantities.yaml").read_text(encoding="utf-8"))
    for key, value in MEASURES.items():
        q[key] = {**q.get(key, {}), **value}
    (asked / "quantities.yaml").write_text(yaml.safe_dump(q), encoding="utf-8")
    return load_codebook(plain), load_codebook(asked)


def counts(text, codebook, tmp_path):
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        articles = load_corpus(tmp_path)
    corpus = normalise_corpus(articles, codebook)
    ev = numbers.event_counts(numbers.extract_numbers(corpus, corpus.articles, codebook))
    return sorted(zip(ev["category"], ev["value"].astype(float), ev["unit"], strict=True))


def test_the_default_counts_casualties_only(codebooks, tmp_path):
    assert counts(TEXT, codebooks[0], tmp_path) == [("deaths_total", 3.0, "people")]


def test_a_study_asks_for_percentages_money_and_votes(codebooks, tmp_path):
    found = counts(TEXT, codebooks[1], tmp_path)
    assert ("poll_support", 46.0, "percent") in found and ("poll_support", 41.0, "percent") in found
    assert ("turnout", 61.0, "percent") in found
    assert ("money_raised", 2_500_000.0, "money") in found
    assert ("votes_won", 120_000.0, "votes") in found
    assert ("deaths_total", 3.0, "people") in found
    # a percentage or a sum with no predicate of the study in its clause is still not counted
    assert not any(v in (40_000_000.0, 12.0) for _, v, _ in found)


def test_unit_is_a_valid_codebook_key(codebooks):
    cats = {c.name: c for c in quantity_rules(codebooks[1]).categories}
    assert cats["poll_support"].measures and cats["money_raised"].measures and not cats["votes_won"].measures
