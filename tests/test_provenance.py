"""Provenance: synthetic pairs with a known relation, and expectations from reading the seeds."""

from __future__ import annotations

import warnings

import pytest

from helpers.analyses import provenance
from helpers.inputs.config import PROJECT_ROOT
from helpers.inputs.corpus import load_corpus
from helpers.text.normalise import normalise_corpus

PAIRS = PROJECT_ROOT / "tests" / "data" / "provenance_pairs"


@pytest.fixture(scope="module")
def synthetic(codebook):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        arts = load_corpus(PAIRS)
    norm = normalise_corpus(arts, codebook)
    table, changes = provenance.reuse(norm, norm.articles, codebook)
    return {tuple(sorted((r.article_a, r.article_b))): r for r in table.itertuples()}, changes


@pytest.fixture(scope="module")
def seed_reuse(seeds, codebook):
    table, changes = provenance.reuse(seeds, seeds.articles, codebook)
    return {(r.article_a[:3], r.article_b[:3]): r for r in table.itertuples()}, changes


@pytest.mark.parametrize(("a", "b", "relation"), [
    ("exact_copy", "original", "copy"),
    ("numbers_edited", "original", "derived"),
    ("original", "spun", "derived"),
    ("independent", "original", "independent"),
    ("independent", "spun", "independent"),
])
def test_synthetic_relations(synthetic, a, b, relation):
    table, _ = synthetic
    assert table[(a, b)].relation == relation, table[(a, b)].evidence


def test_number_edits_are_reported(synthetic):
    _, changes = synthetic
    edits = changes[(changes["kind"] == "number") & (changes["article_b"].isin(["numbers_edited", "original"]))
                    & (changes["article_a"].isin(["numbers_edited", "original"]))]
    assert {(c.before, c.after) for c in edits.itertuples()} >= {("1,200", "1,800"), ("two", "three")} or \
        {(c.after, c.before) for c in edits.itertuples()} >= {("1,200", "1,800"), ("two", "three")}


def test_spun_rewrite_is_named(synthetic):
    table, changes = synthetic
    assert "synonym-spun" in table[("original", "spun")].evidence
    subs = changes[(changes["kind"] == "substitution") & (changes["article_b"].isin(["spun", "original"]))]
    assert ("compelled" in set(subs["after"])) or ("forced" in set(subs["after"]))


@pytest.mark.parametrize(("a", "b", "relation"), [
    ("000", "001", "derived"),          # 001 republishes 000 with edits
    ("003", "004", "shared_source"),    # the same newsroom's background paragraphs
    ("000", "004", "shared_source"),    # the State Department statement
    ("002", "004", "shared_source"),
    ("000", "003", "independent"),
    ("002", "003", "independent"),
])
def test_seed_relations(seed_reuse, a, b, relation):
    table, _ = seed_reuse
    assert table[(a, b)].relation == relation, table[(a, b)].evidence


def test_seed_001_changes(seed_reuse):
    table, changes = seed_reuse
    assert table[("000", "001")].earlier.startswith("000")
    c = changes[changes["article_b"].str.startswith("001")]
    assert ("12", "18") in {(r.before, r.after) for r in c[c["kind"] == "number"].itertuples()}
    names = c[c["kind"] == "name"]
    assert any("Toqaev" in r.after for r in names.itertuples())
    assert (c["kind"] == "dropped").sum() >= 5


def test_declared_origin(seeds):
    d = provenance.declared_origin(seeds, seeds.articles).set_index(seeds.articles["article_id"].str[:3])
    assert d.loc["002", "declared_origin"].startswith("Dow Jones")
    assert "republication or rewrite" in d.loc["002", "declared_notes"]
    assert "publishing team" in d.loc["002", "declared_notes"]
    assert "James Marson" in d.loc["002", "writers"]
    assert d.loc["000", "declared_origin"] == ""  # the Washington Times owns its own copyright
    assert "AFP" in d.loc["003", "wire_credits"] and "Kommersant" in d.loc["004", "wire_credits"]


def test_story_families(seed_reuse, seeds):
    table, _ = seed_reuse
    import pandas as pd

    reuse = pd.DataFrame([r._asdict() for r in table.values()])
    fam = provenance.story_families(reuse, sorted(seeds.documents)).set_index("article_id")
    assert fam.filter(like="001", axis=0)["family"].item().startswith("000")
    assert fam["family_size"].max() == 2 and fam["weight"].min() == 0.5


def test_lsh_candidates_find_the_copy(synthetic, codebook):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        arts = load_corpus(PAIRS)
    pairs = provenance.candidate_pairs(normalise_corpus(arts, codebook))
    assert ("exact_copy", "original") in pairs
    assert ("independent", "original") not in pairs
