"""Tone toward actors by outlet: the model's mention scores averaged, with a bootstrap interval over articles.

A reader asks "did outlet A portray X more negatively than outlet B?". The answer is a mean over the
mentions of X (``score = P(positive) - P(negative)`` of each), and its uncertainty comes from which
articles an outlet happened to publish, so the interval resamples articles, not mentions: mentions in
one article are not independent draws. The seed is fixed, so a rerun gives the same interval.

:data:`ARTICLE_WAYS` are the ways of turning one article's mention scores into its tone toward a person
that the BASIL development set was scored with (``helpers evaluate --task basil``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

TONE_COLUMNS = ["outlet", "actor", "n_mentions", "mean_tone", "ci_low", "ci_high"]
N_BOOT = 1000
SEED = 20260427
LEVEL = 0.95


def _interval(sums: np.ndarray, counts: np.ndarray, rng: np.random.Generator, n_boot: int) -> tuple[float, float]:
    """Percentile interval of the mention-weighted mean, resampling the articles (rows) with replacement.

    ``sums`` and ``counts`` are already multiplied by each article's weight, so a resampled copy keeps it.
    """
    k = len(sums)
    if k < 2 or n_boot <= 0:
        mean = float(sums.sum() / counts.sum())
        return mean, mean
    pick = rng.integers(0, k, size=(n_boot, k))
    means = sums[pick].sum(axis=1) / counts[pick].sum(axis=1)
    tail = (1 - LEVEL) / 2
    return float(np.quantile(means, tail)), float(np.quantile(means, 1 - tail))


def _one_article_interval(scores: np.ndarray, rng: np.random.Generator, n_boot: int) -> tuple[float, float]:
    """An outlet with one article: resample its mentions (the interval then says how firmly that article's mean is
    estimated, not how the outlet writes); one mention: the whole scale, since nothing is known of the spread."""
    if len(scores) < 2 or n_boot <= 0:
        return (-1.0, 1.0) if n_boot > 0 else (float(scores.mean()), float(scores.mean()))
    means = scores[rng.integers(0, len(scores), size=(n_boot, len(scores)))].mean(axis=1)
    tail = (1 - LEVEL) / 2
    return float(np.quantile(means, tail)), float(np.quantile(means, 1 - tail))


def tone_toward_actors(scored: pd.DataFrame, articles: pd.DataFrame, n_boot: int = N_BOOT,
                       seed: int = SEED, weights: pd.Series | None = None) -> pd.DataFrame:
    """One row per outlet and actor: mentions, mean tone and its bootstrap interval (``TONE_COLUMNS``).

    ``scored`` has ``article_id``, ``actor`` and ``score`` per mention; ``articles`` maps ``article_id``
    to ``outlet_label``. ``weights`` (article_id -> weight, 1 / story-family size) counts copies once:
    each article's mentions weigh its weight, so two copies of one text together weigh one text. Each
    (outlet, actor) draws from its own generator seeded alike, so one group's interval does not depend on
    which other groups the corpus has. With one article, its mentions are resampled instead.
    """
    if scored.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in TONE_COLUMNS})
    m = scored[["article_id", "actor", "score"]].merge(articles[["article_id", "outlet_label"]], on="article_id")
    per_article = m.groupby(["outlet_label", "actor", "article_id"], sort=True)["score"].agg(["sum", "size"])
    w = np.ones(len(per_article)) if weights is None else (
        weights.reindex(per_article.index.get_level_values("article_id")).fillna(1.0).to_numpy(dtype=float))
    per_article = per_article.assign(w_sum=per_article["sum"].to_numpy() * w, w_size=per_article["size"].to_numpy() * w)
    rows = []
    for (outlet, actor), g in per_article.groupby(level=[0, 1], sort=True):
        sums, counts = g["w_sum"].to_numpy(dtype=float), g["w_size"].to_numpy(dtype=float)
        rng = np.random.default_rng(seed)
        mean = float(sums.sum() / counts.sum())
        if len(g) < 2:
            one = m[(m["outlet_label"] == outlet) & (m["actor"] == actor)]["score"].to_numpy(dtype=float)
            low, high = _one_article_interval(one, rng, n_boot)
        else:
            low, high = _interval(sums, counts, rng, n_boot)
        rows.append((outlet, actor, int(g["size"].sum()), mean, min(low, mean), max(high, mean)))
    return pd.DataFrame(rows, columns=TONE_COLUMNS)


def differing_pairs(table: pd.DataFrame) -> list[tuple[str, str, str]]:
    """(actor, lower outlet, higher outlet) for every two outlets whose intervals toward one actor do not overlap.

    Only these differences are stated: where intervals overlap, the data cannot order the outlets.
    """
    out = []
    for actor, g in table.sort_values(["actor", "mean_tone"]).groupby("actor", sort=True):
        rows = list(zip(g["outlet"], g["ci_low"], g["ci_high"], strict=True))
        for i, (lo_outlet, _, lo_high) in enumerate(rows):
            out.extend((str(actor), str(lo_outlet), str(hi_outlet)) for hi_outlet, hi_low, _ in rows[i + 1 :]
                       if hi_low > lo_high)
    return out


def _mean(g: pd.DataFrame) -> float:
    return float(g["score"].mean())


def _majority(g: pd.DataFrame) -> float:
    """Share of mentions labelled positive minus share labelled negative (each mention's most probable label)."""
    p = g[["p_negative", "p_neutral", "p_positive"]].to_numpy()
    label = p.argmax(axis=1)
    return float((label == 2).mean() - (label == 0).mean())


def _confident(g: pd.DataFrame) -> float:
    """Mentions weighted by how far the model is from neutral: a confident reading counts more."""
    w = 1.0 - g["p_neutral"].to_numpy()
    return float((g["score"].to_numpy() * w).sum() / w.sum()) if w.sum() > 0 else 0.0


def _first_weighted(g: pd.DataFrame) -> float:
    """Earlier mentions weigh more (1/rank): a lead frames the person before the detail does."""
    s = g.sort_values("clean_start")["score"].to_numpy()
    w = 1.0 / np.arange(1, len(s) + 1)
    return float((s * w).sum() / w.sum())


def _sum_tone(g: pd.DataFrame) -> float:
    """The summed score, squashed: more negative mentions make a more negative article, not only a mean."""
    return float(np.tanh(g["score"].sum() / 3.0))


ARTICLE_WAYS = {"mean": _mean, "majority": _majority, "confidence_weighted": _confident,
                "first_weighted": _first_weighted, "sum_tanh": _sum_tone}


def article_tone(scored: pd.DataFrame, way: str) -> pd.DataFrame:
    """Each article's tone toward each actor by one of :data:`ARTICLE_WAYS` (article_id, actor, n_mentions, tone)."""
    fn = ARTICLE_WAYS[way]
    rows = [(aid, actor, len(g), fn(g)) for (aid, actor), g in scored.groupby(["article_id", "actor"], sort=True)]
    return pd.DataFrame(rows, columns=["article_id", "actor", "n_mentions", "tone"])
