"""Frames by outlet and by sentence: same tables as the plain per-outlet definition, work linear in rows."""

from __future__ import annotations

import random

import numpy as np
import pandas as pd
import pytest
from work_counting import steps_taken

from helpers.analyses import framing

OUTLET_GROWTH = 1.25  # calls allowed when outlets grow 8x at a fixed number of rows (a per-outlet loop: ~8x)
ROW_GROWTH = 2.2  # calls allowed when the rows double


def _corpus(n_articles: int, n_outlets: int, frames: list[str], seed: int = 3):
    """Invented tables: articles spread over outlets, 3-6 sentences each, 0-4 hits per sentence."""
    rng = random.Random(seed)
    arts, sents, hits = [], [], []
    for a in range(n_articles):
        aid = f"art{a:05d}"
        arts.append({"article_id": aid, "outlet_label": f"Outlet {a % n_outlets:03d}", "n_words": rng.randint(0, 400)})
        for s in range(rng.randint(3, 6)):
            sents.append({"article_id": aid, "sentence_id": s, "text": f"sentence {s} of {aid}"})
            for _ in range(rng.choice([0, 0, 1, 2, 4])):
                frame = rng.choice([*frames, "not_in_the_codebook"])
                hits.append({"article_id": aid, "sentence_id": s, "frame": frame,
                             "term": rng.choice(["riot", "Police", "clash", "riots"]), "offset": 0})
    return pd.DataFrame(arts), pd.DataFrame(sents), pd.DataFrame(hits, columns=["article_id", "sentence_id", "frame",
                                                                             "term", "offset"])


def _reference_by_outlet(hits, sentences, articles, frames):
    """The definition, outlet by outlet and frame by frame (quadratic, fine for a test)."""
    meta = articles.set_index("article_id")
    rows = []
    for outlet in sorted(set(meta.loc[sentences["article_id"], "outlet_label"])):
        ids = set(meta.index[meta["outlet_label"] == outlet])
        mine = sentences[sentences["article_id"].isin(ids)]
        words = int(meta.loc[sorted(set(mine["article_id"])), "n_words"].sum())
        for frame in frames:
            fh = hits[hits["article_id"].isin(ids) & (hits["frame"] == frame)]
            n_in = len(set(zip(fh["article_id"], fh["sentence_id"], strict=True)))
            rows.append((outlet, frame, len(fh), 1000 * len(fh) / words if words else 0.0, n_in / len(mine)))
    return rows


def test_framing_by_outlet_by_hand(codebook):
    arts = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet_label": ["Y", "X", "Y"], "n_words": [300, 500, 200]})
    sents = pd.DataFrame({"article_id": ["a", "a", "b", "c"], "sentence_id": [0, 1, 0, 0], "text": ["."] * 4})
    hits = pd.DataFrame({"article_id": ["a", "a", "c", "b"], "sentence_id": [0, 0, 0, 0],
                         "frame": ["riot_violence", "riot_violence", "riot_violence", "economic"],
                         "term": ["riot", "riots", "riot", "prices"], "offset": [0, 9, 0, 0]})
    t = framing.framing_by_outlet(hits, sents, arts, codebook).set_index(["outlet", "frame"])
    n_frames = len(framing.frame_table(codebook))
    assert len(t) == 2 * n_frames and t.index[0][0] == "X"
    # Y: 3 sentences, 500 words; riot_violence hits in a:0 (twice) and c:0 -> 3 hits, 2 of 3 sentences
    assert t.loc[("Y", "riot_violence")].tolist() == [3, 6.0, pytest.approx(2 / 3)]
    assert t.loc[("X", "economic")].tolist() == [1, 2.0, 1.0]
    assert t.loc[("X", "riot_violence")].tolist() == [0, 0.0, 0.0]


def test_framing_by_outlet_matches_the_definition(codebook):
    frames = list(framing.frame_table(codebook)["frame"])
    arts, sents, hits = _corpus(120, 17, frames)
    got = framing.framing_by_outlet(hits, sents, arts, codebook)
    assert list(got.itertuples(index=False, name=None)) == _reference_by_outlet(hits, sents, arts, frames)
    empty = framing.framing_by_outlet(hits.iloc[:0], sents, arts, codebook)
    assert empty["hits"].sum() == 0 and len(empty) == len(got)


def test_sentence_frames_match_the_definition():
    _, sents, hits = _corpus(80, 5, ["riot_violence", "economic", "confrontation"])
    got = framing.sentence_frames(sents, hits)
    for r in got.itertuples(index=False):
        mine = hits[(hits["article_id"] == r.article_id) & (hits["sentence_id"] == r.sentence_id)]
        assert r.frames == ";".join(sorted(set(mine["frame"])))
        assert r.terms == ", ".join(sorted(set(mine["term"])))
    assert (got["frames"] != "").any() and (got["frames"] == "").any()
    assert got[["article_id", "sentence_id", "text"]].equals(sents[["article_id", "sentence_id", "text"]])


def test_framing_work_does_not_grow_with_outlets(codebook):
    frames = list(framing.frame_table(codebook)["frame"])
    few, _ = steps_taken(framing.framing_by_outlet, *_by_outlet_args(400, 5, frames), codebook)
    many, _ = steps_taken(framing.framing_by_outlet, *_by_outlet_args(400, 40, frames), codebook)
    double, _ = steps_taken(framing.framing_by_outlet, *_by_outlet_args(800, 40, frames), codebook)
    assert many <= OUTLET_GROWTH * few, (few, many)
    assert double <= ROW_GROWTH * many, (many, double)


def test_sentence_frames_work_grows_linearly():
    _, sents, hits = _corpus(400, 5, ["riot_violence", "economic"])
    _, sents2, hits2 = _corpus(800, 5, ["riot_violence", "economic"])
    small, _ = steps_taken(framing.sentence_frames, sents, hits)
    big, _ = steps_taken(framing.sentence_frames, sents2, hits2)
    assert big <= ROW_GROWTH * small, (small, big)


def _by_outlet_args(n_articles: int, n_outlets: int, frames: list[str]):
    arts, sents, hits = _corpus(n_articles, n_outlets, frames)
    return hits, sents, arts


def _counts(n_rows: int, n_outlets: int, seed: int = 4) -> pd.DataFrame:
    rng = random.Random(seed)
    rows = [(f"O{rng.randrange(n_outlets):03d}", f"t{int(rng.paretovariate(1.2)) % 500}", rng.randint(1, 6))
            for _ in range(n_rows)]
    return pd.DataFrame(rows, columns=["outlet", "term", "count"])


def _reference_fightin(counts: pd.DataFrame, prior_scale: float, min_count: int) -> list[tuple]:
    """The formula on the dense term x outlet table, outlet by outlet and term by term."""
    wide = counts.pivot_table(index="term", columns="outlet", values="count", aggfunc="sum", fill_value=0)
    total = wide.sum(axis=1).astype(float)
    alpha = prior_scale * total
    a0 = float(alpha.sum())
    rows = []
    for outlet in wide.columns:
        yi = wide[outlet].astype(float)
        yj = total - yi
        ni, nj = float(yi.sum()), float(yj.sum())
        delta = np.log((yi + alpha) / (ni + a0 - yi - alpha)) - np.log((yj + alpha) / (nj + a0 - yj - alpha))
        z = delta / np.sqrt(1.0 / (yi + alpha) + 1.0 / (yj + alpha))
        rows += [(outlet, t, float(z[t]), int(yi[t]), float(delta[t])) for t in wide.index if yi[t] >= min_count]
    table = pd.DataFrame(rows, columns=["outlet", "term", "z", "count", "delta"])
    return list(table.sort_values(["outlet", "z"], ascending=[True, False]).itertuples(index=False, name=None))


@pytest.mark.parametrize(("prior_scale", "min_count"), [(1.0, 2), (0.5, 1), (1.0, 0)])
def test_fightin_words_match_the_dense_definition(prior_scale, min_count):
    counts = _counts(3000, 23)
    got = framing.fightin_words(counts, prior_scale=prior_scale, min_count=min_count)
    assert list(got.itertuples(index=False, name=None)) == _reference_fightin(counts, prior_scale, min_count)


def test_term_counts_match_the_tokens_of_each_sentence(codebook):
    sents = pd.DataFrame({"article_id": ["a", "b", "a", "c"], "sentence_id": [0, 0, 1, 0], "text": [
        "The Riots spread; riots and 12 fires.", "Fires, the fires!", "Calm returned to the city's square.",
        "Nothing of the kind."]})
    arts = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet_label": ["X", "Y", "X"]})
    stop = codebook.stopwords
    got = framing.term_counts(sents, arts, stop)
    expected: dict[tuple[str, str], int] = {}
    for aid, text in zip(sents["article_id"], sents["text"], strict=True):
        for t in framing.tokens(text, stop):
            key = ("X" if aid in ("a", "c") else "Y", t)
            expected[key] = expected.get(key, 0) + 1
    assert [(o, t, c) for o, t, c in got.itertuples(index=False, name=None)] == [
        (o, t, c) for (o, t), c in expected.items()]
    assert got.set_index(["outlet", "term"]).loc[("X", "riots"), "count"] == 2


def test_fightin_words_work_does_not_grow_with_outlets():
    few, _ = steps_taken(framing.fightin_words, _counts(4000, 5))
    many, _ = steps_taken(framing.fightin_words, _counts(4000, 40))
    double, _ = steps_taken(framing.fightin_words, _counts(8000, 40))
    assert many <= OUTLET_GROWTH * few, (few, many)
    assert double <= ROW_GROWTH * many, (many, double)


def test_term_counts_work_grows_linearly(codebook):
    def sentences(n: int) -> tuple[pd.DataFrame, pd.DataFrame]:
        arts, sents, _ = _corpus(n, 7, ["x"])
        return sents.assign(text=[f"Word{i % 97} riots spread in town {i % 13}" for i in range(len(sents))]), arts

    small, _ = steps_taken(framing.term_counts, *sentences(200), codebook.stopwords)
    big, _ = steps_taken(framing.term_counts, *sentences(400), codebook.stopwords)
    assert big <= ROW_GROWTH * small, (small, big)
