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


# --- scale: many near-copies -------------------------------------------------------------------------------

NEAR_COPY_BASE = [
    "The ferry operator said on Tuesday that all crossings to the northern islands were suspended.",
    "Crews walked off the vessels after talks on overtime pay broke down late on Monday.",
    "A spokesman for the operator said 14 sailings had been cancelled and passengers would be refunded.",
    "Union officials said the dispute concerned rosters that had been changed without consultation.",
    "Shops on the islands reported that deliveries of fresh food had not arrived for two days.",
    "The regional council called on both sides to return to the table before the weekend.",
    "Travellers queued at the harbour office to ask when the next boat would leave.",
    "The operator said it hoped to restore a reduced timetable by Thursday morning.",
    "A fisherman in the harbour said he had offered to take stranded families across himself.",
    "Talks are due to resume on Wednesday under an independent chair, the council said.",
]


def near_copy_corpus(n: int, seed: int = 7):
    """n edited republications of one invented report: one word changed, sometimes a sentence cut."""
    import random

    import pandas as pd

    from helpers.inputs.corpus import ARTICLE_COLUMNS

    rng = random.Random(seed)
    rows = []
    for i in range(n):
        sents = list(NEAR_COPY_BASE)
        j = rng.randrange(len(sents))
        words = sents[j].split()
        words[rng.randrange(1, len(words) - 1)] = rng.choice(["quietly", "again", "reportedly", "firmly"])
        sents[j] = " ".join(words)
        if rng.random() < 0.5:
            del sents[rng.randrange(len(sents))]
        row = dict.fromkeys(ARTICLE_COLUMNS, "")
        row.update(article_id=f"c{i:04d}", file=f"c{i:04d}.txt", outlet=f"Outlet {i % 30}", published="unknown",
                   status="ok", raw_text="\n\n".join(sents), encoding="utf-8")
        rows.append(row)
    arts = pd.DataFrame(rows, columns=ARTICLE_COLUMNS)
    arts["outlet_label"] = arts["outlet"]
    return arts


def counted_reuse(monkeypatch, n: int, codebook) -> tuple[int, object, object]:
    """Run reuse on n near-copies, counting the pair comparisons (the work that was quadratic)."""
    calls = []
    real = provenance.compare_pair
    monkeypatch.setattr(provenance, "compare_pair", lambda *a: calls.append(1) or real(*a))
    norm = normalise_corpus(near_copy_corpus(n), codebook)
    table, _ = provenance.reuse(norm, norm.articles, codebook)
    return len(table), len(calls), provenance.story_families(table, sorted(norm.documents))


def test_near_copies_grow_linearly_and_form_one_family(monkeypatch, codebook):
    pairs_n, calls_n, _ = counted_reuse(monkeypatch, 150, codebook)
    pairs_2n, calls_2n, families = counted_reuse(monkeypatch, 300, codebook)
    all_pairs = 300 * 299 // 2
    assert pairs_2n <= 2.5 * pairs_n and calls_2n <= 2.5 * max(calls_n, 1)
    assert pairs_2n <= 10 * 300 < all_pairs / 10  # a few comparisons per copy, not one per pair of copies
    assert families["family"].nunique() == 1 and families["family_size"].iloc[0] == 300


def test_lsh_buckets_are_linear_in_articles():
    import numpy as np

    from helpers.analyses.near_copies import candidate_pairs_from_matrix

    rng = np.random.default_rng(3)
    # 20 clusters of identical signatures plus noise rows: buckets grow with n, pairs must not grow as n²
    def corpus(n):
        base = rng.integers(0, 2**32, size=(20, 128), dtype=np.uint64).astype(np.uint32)
        rows = np.vstack([base[i % 20] for i in range(n)])
        return [f"a{i:05d}" for i in range(n)], rows

    small = candidate_pairs_from_matrix(*corpus(1000), threshold=0.5)
    large = candidate_pairs_from_matrix(*corpus(2000), threshold=0.5)
    assert len(large.pairs) <= 2.2 * len(small.pairs)
    assert large.bucket_members <= 2.2 * small.bucket_members
    assert large.summarised_buckets > 0


def test_top_pairs_and_what_they_leave_out(synthetic):
    import pandas as pd

    table = pd.DataFrame([r._asdict() for r in synthetic[0].values()]).drop(columns=["Index"])
    top = provenance.top_pairs(table, 2)
    assert list(top["rank"]) == [1, 2] and top.iloc[0]["relation"] == "copy"
    related = int(table["relation"].isin(provenance.RELATED).sum())
    assert f"{related - 2:,} are in reuse.csv" in provenance.pairs_not_shown(table, 2)
    assert provenance.pairs_not_shown(table, 100) == "All related pairs are shown."


def test_background_similarity_does_not_become_all_pairs():
    """Articles that each share a little with every other: candidates stay a few per article."""
    import numpy as np

    from helpers.analyses.near_copies import MAX_PARTNERS, candidate_pairs_from_matrix

    def corpus(n, seed=4):
        rng = np.random.default_rng(seed)
        pool = rng.integers(0, 2**32, size=(40, 128), dtype=np.uint64).astype(np.uint32)
        picks = rng.integers(0, 40, size=(n, 128))  # every hash value drawn from a small shared pool
        return [f"a{i:05d}" for i in range(n)], pool[picks, np.arange(128)]

    small = candidate_pairs_from_matrix(*corpus(400), threshold=0.1)
    large = candidate_pairs_from_matrix(*corpus(800), threshold=0.1)
    assert large.capped_pairs > 0
    assert len(large.pairs) <= 2.2 * len(small.pairs) and len(large.pairs) <= MAX_PARTNERS * 800


def test_similar_pairs_for_short_texts():
    from helpers.analyses.near_copies import similar_pairs

    texts = {"q1": "We will not negotiate with anyone who breaks the law",
             "q2": "we will not negotiate with anyone who breaks the law, he said",
             "q3": "The harbour reopens on Friday after the long strike"}
    pairs = similar_pairs(texts, threshold=0.3, k=3)
    assert ("q1", "q2") in pairs and not any("q3" in p for p in pairs)
