"""Quote drift compares only candidate pairs (LSH, rarest k-gram): comparisons grow linearly, not with all pairs."""

from __future__ import annotations

import random

import pandas as pd

from helpers.analyses.quotes import drift

MAX_GROWTH = 2.3


def _quotes(n: int) -> pd.DataFrame:
    """n invented quotes of made-up words plus common ones, each repeated with one word changed in another outlet."""
    texts, arts = [], []
    for i in range(n):
        words = [f"w{i}x{k}" for k in range(6)]
        texts += [" ".join(["the", *words, "and"]), " ".join(["the", *words[:-1], "changed", "and"])]
        arts += [f"a{i}", f"b{i}"]
    return pd.DataFrame({
        "article_id": arts, "outlet": arts, "quote_id": [f"{a}:q" for a in arts], "speaker": "",
        "text": texts, "n_words": 8,
    })


def _comparisons(quotes: pd.DataFrame, monkeypatch) -> tuple[int, pd.DataFrame]:
    calls = 0
    real = drift._same_quote

    def counting(*args):
        nonlocal calls
        calls += 1
        return real(*args)

    monkeypatch.setattr(drift, "_same_quote", counting)
    table = drift.quote_variants(quotes)
    return calls, table


def test_drift_comparisons_grow_linearly(monkeypatch):
    small, table = _comparisons(_quotes(50), monkeypatch)
    big, _ = _comparisons(_quotes(100), monkeypatch)
    assert table["cluster_id"].nunique() == 50 and set(table["relation"]) == {"identical", "altered"}
    assert big <= MAX_GROWTH * small, (small, big)


COMMON = ["the", "said", "we", "will", "a", "of", "and", "to", "in", "that", "it", "is"]
LINEAR = 2.5
UNIQUE_AT = {0, 3, 6, 9, 11}


def _common_word_quotes(n: int) -> pd.DataFrame:
    """n invented quotes, mostly common words in varying order; each altered in a second article, trimmed in a third.

    Seven of each quote's twelve words are common words shared with every other quote, so a rule that
    compares quotes sharing any of their rarer words compares nearly all pairs. Five made-up words sit at
    fixed places, so no two different quotes have enough common words in the same order to look alike.
    """
    rng = random.Random(7)
    texts, arts = [], []
    for i in range(n):
        common = iter(rng.sample(COMMON, 7))
        made_up = iter(f"zq{i}k{m}" for m in range(5))
        words = [next(made_up) if pos in UNIQUE_AT else next(common) for pos in range(12)]
        texts += [" ".join(words), " ".join([*words[:-1], "otherwise"]), " ".join(words[1:10])]
        arts += [f"a{i}", f"b{i}", f"c{i}"]
    return pd.DataFrame({
        "article_id": arts, "outlet": arts, "quote_id": [f"{a}:q" for a in arts], "speaker": "",
        "text": texts, "n_words": [len(t.split()) for t in texts],
    })


def test_common_words_do_not_make_every_pair_a_candidate(monkeypatch):
    small, table = _comparisons(_common_word_quotes(150), monkeypatch)
    big, _ = _comparisons(_common_word_quotes(300), monkeypatch)
    per_cluster = table.groupby("cluster_id")["relation"].apply(sorted)
    assert len(per_cluster) == 150
    assert all(rel == ["altered", "identical", "trimmed"] for rel in per_cluster), per_cluster.head()
    assert big <= LINEAR * small, (small, big)


def test_short_partial_quote_inside_a_long_one_is_found():
    full = ("our delegation came here to listen and we will keep listening to every region of the country until "
            "the last village has been heard and every complaint has been written down and answered in public")
    qs = pd.DataFrame({
        "article_id": ["a", "b"], "outlet": ["A", "B"], "quote_id": ["a:1", "b:1"], "speaker": "",
        "text": [full, "until the last village has been heard"], "n_words": [35, 7],
    })
    v = drift.quote_variants(qs).set_index("article_id")
    assert v.loc["b", "relation"] == "trimmed" and v.loc["b", "reference"] == "a:1"


def test_a_reprinted_altered_quote_is_diffed_once(monkeypatch):
    """Wire copies print the same altered quotation many times: one word diff per distinct pair of texts."""
    calls = []
    real = drift.word_diff
    monkeypatch.setattr(drift, "word_diff", lambda a, b: calls.append((a, b)) or real(a, b))
    full = "the council will meet again on monday to decide the next steps"
    altered = "the council will meet again on tuesday to decide the next steps"
    texts = [full] + [altered] * 40 + [full] * 3
    arts = [f"a{i}" for i in range(len(texts))]
    quotes = pd.DataFrame({"article_id": arts, "outlet": arts, "quote_id": [f"{a}:q" for a in arts], "speaker": "",
                           "text": texts, "n_words": 12})
    table = drift.quote_variants(quotes)
    assert table["relation"].value_counts().to_dict() == {"altered": 40, "identical": 4}
    assert set(table.loc[table["relation"] == "altered", "diff"]) == {
        "the council will meet again on [-monday-] {+tuesday+} to decide the next steps"}
    assert len(calls) == 1
