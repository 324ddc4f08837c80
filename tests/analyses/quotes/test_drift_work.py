"""Quote drift compares only quotes that share a rare word: comparisons grow linearly, not with all pairs."""

from __future__ import annotations

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


def _comparisons(n: int, monkeypatch) -> tuple[int, pd.DataFrame]:
    calls = 0
    real = drift._same_quote

    def counting(*args):
        nonlocal calls
        calls += 1
        return real(*args)

    monkeypatch.setattr(drift, "_same_quote", counting)
    table = drift.quote_variants(_quotes(n))
    return calls, table


def test_drift_comparisons_grow_linearly(monkeypatch):
    small, table = _comparisons(50, monkeypatch)
    big, _ = _comparisons(100, monkeypatch)
    assert table["cluster_id"].nunique() == 50 and set(table["relation"]) == {"identical", "altered"}
    assert big <= MAX_GROWTH * small, (small, big)
