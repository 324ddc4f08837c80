"""Findings in words: sentences, not filled templates, and true for any corpus (tables invented here)."""

from __future__ import annotations

import pandas as pd

from helpers.publication import findings as f


def test_numbers_agree_with_nouns():
    assert f.count(0, "article") == "no articles"
    assert f.count(1, "article") == "one article"
    assert f.count(2, "family", "families") == "two families"
    assert f.count(1234, "word") == "1,234 words"
    assert "(s)" not in f.count(1, "article") + f.count(3, "article")


def test_join_lists_like_prose():
    assert f.join(["a"]) == "a" and f.join(["a", "b"]) == "a and b" and f.join(["a", "b", "c"]) == "a, b and c"


def test_undeclared_outlet_reads_as_words():
    from helpers.publication.reader_names import remember_articles

    remember_articles(pd.DataFrame({"article_id": ["a", "b", "x_12"]}))
    assert f.outlet_name("unknown (x_12)") == "an unattributed article (shown in the corpus table as A3)"
    assert f.article_phrase("x_12", "unknown (x_12)") == "an unattributed article (shown in the corpus table as A3)"
    assert f.article_phrase("a", "Daily") == "article A1 (Daily)"


def tone(rows):
    return pd.DataFrame(rows, columns=["outlet", "mean_compound", "ci_low", "ci_high"])


def test_overlapping_intervals_are_not_ranked():
    text = f.tone_finding(tone([("A", -0.2, -0.4, 0.0), ("B", 0.1, -0.1, 0.3)]))
    assert "cannot be ranked" in text and "overlaps" in text
    assert "most negative" not in text


def test_separated_intervals_are_named():
    text = f.tone_finding(tone([("A", -0.5, -0.6, -0.4), ("B", 0.3, 0.2, 0.4), ("C", 0.0, -0.45, 0.25)]))
    assert "A is more negative than B" in text
    assert "A is more negative than C" not in text


def test_keyness_says_when_nothing_or_one_passes():
    k = pd.DataFrame({"outlet": ["A", "B"], "term": ["x", "y"], "z": [1.0, 2.5], "count": [2, 3]})
    assert f.keyness_finding(k) == "Only one term is distinctive at z ≥ 1.96: “y” (B)."
    assert f.keyness_finding(k.assign(z=[0.5, 1.0])).startswith("No term is distinctive")


def test_same_numbers_are_said_once():
    a = pd.Series([0.1, 0.2])
    assert "same numbers" in f.same_numbers(a, a.copy(), "tone", "no article is a copy")
    assert f.same_numbers(a, pd.Series([0.1, 0.3]), "tone", "x") == ""


def test_numbers_say_no_conflict_in_words():
    rec = pd.DataFrame({"group": ["deaths", "deaths"], "status": ["consistent", "single"]})
    text = " ".join(f.numbers_finding(rec, pd.DataFrame(columns=["text"])))
    assert "No figures conflict" in text and "0 " not in text
    rec = pd.DataFrame({"group": ["deaths", "injured_people"], "status": ["conflict", "conflict"]})
    assert "Two claims conflict, about deaths and injured people." in f.numbers_finding(rec, pd.DataFrame())


def test_independent_articles_are_said_to_be_independent():
    fam = pd.DataFrame({"article_id": ["a", "b"], "family": ["a", "b"]})
    arts = pd.DataFrame({"article_id": ["a", "b"], "outlet_label": ["X", "Y"]})
    assert f.provenance_finding(pd.DataFrame(columns=["relation"]), fam, arts) == [
        "The two articles are independent texts: none copies or rewrites another."
    ]


def test_labels_only_one_outlet_uses():
    counts = pd.DataFrame({"outlet": ["A", "A", "B"], "actor": ["crowd"] * 3, "label": ["mob", "people", "people"],
                           "count": [1, 2, 4]})
    (text,) = f.labels_finding(counts, {"crowd": "The crowd"})
    assert text == (
        "For the group “The crowd”, the most used label in the outlets' own words is “people” (six uses). "
        "Used by one outlet only, in its own words: “mob” (A)."
    )


def test_outlet_counts_read_naturally():
    assert f.single_article_finding(pd.DataFrame({"articles": [1, 1]})).startswith("Every outlet contributes a single")
    assert f.single_article_finding(pd.DataFrame({"articles": [1, 2, 1]})).startswith("Two outlets of three contribute")


def test_clean_corpus_does_not_report_zero_percent():
    arts = pd.DataFrame({"article_id": ["a"], "outlet_label": ["X"], "status": ["ok"], "n_words_raw": [100],
                         "n_words": [100]})
    assert "0%" not in f.cleaning_finding(arts)


def test_frame_validation_finding_never_claims_reliable_in_sample():
    from helpers.publication import findings as f

    micro = {"n_sentences": 12, "precision": 0.8, "recall": 0.75}
    text = f.frame_validation_finding(micro, [])
    assert text == (
        f"On 12 hand-coded sentences, the dictionary reaches a micro-averaged precision of 0.80 and recall of "
        f"0.75 ({f.IN_SAMPLE}). Every frame reaches 0.7 in both, which says nothing of other articles.")
    assert "reliable" not in text.lower()
    assert f.frame_validation_finding(micro, ["Spectacle"]).endswith(
        "Below 0.7 in precision or recall (marked on the heat map): Spectacle.")
    assert "(held-out)" in f.frame_validation_finding(micro, [], "held-out")
