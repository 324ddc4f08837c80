"""Tone validated against hand coding, as the frames are: how often VADER's label agrees with a reader.

``tests/gold/tone.csv`` holds seed sentences coded positive, neutral or negative by reading them,
without looking at any score. Agreement is the share of sentences where VADER's label (with the
conventional +-0.05 thresholds) equals the hand label; Cohen's kappa corrects it for the agreement
two coders would reach by chance with the same label shares. Both are computed for the masked scoring
the book uses and for unmasked VADER, so the reader sees what masking changes. The sample was coded
from the same seed articles the method was developed on: read it as in-sample.
"""

from __future__ import annotations

import pandas as pd

from helpers.analyses import sentiment
from helpers.evaluation.validation import check_alignment, read_seed_gold, seed_corpus
from helpers.inputs.codebook import Codebook

LABELS = ("negative", "neutral", "positive")


def cohen_kappa(a: list[str], b: list[str]) -> float:
    """Cohen's kappa of two label sequences (1 = perfect, 0 = chance level)."""
    n = len(a)
    if not n:
        return float("nan")
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    expected = sum((a.count(k) / n) * (b.count(k) / n) for k in set(a) | set(b))
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def agreement(gold: list[str], predicted: list[str]) -> dict[str, float]:
    """n, share agreeing, and Cohen's kappa."""
    n = len(gold)
    agree = sum(x == y for x, y in zip(gold, predicted, strict=True))
    return {"n_sentences": n, "agreement": agree / n if n else float("nan"), "kappa": cohen_kappa(gold, predicted)}


def tone_validation(codebook: Codebook | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The seeds' hand-coded tone sample (the first study's gold) against masked and unmasked VADER."""
    codebook, normalised = seed_corpus(codebook)
    return tone_agreement(read_seed_gold("tone.csv"), normalised.sentences,
                          sentiment.mask_pattern(codebook, normalised.articles))


def tone_agreement(gold: pd.DataFrame, sentences: pd.DataFrame, mask) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(agreement of masked and unmasked scoring, confusion table of hand labels against masked labels)
    on the hand-coded sentences of a study (``sentences`` needs their text; it is scored here both ways)."""
    check_alignment(gold, sentences)
    keys = ["article_id", "sentence_id"]
    coded = sentences[[*keys, "text"]].merge(gold[[*keys, "tone"]], on=keys)
    rows, confusion = [], None
    for name, pattern in (("masked (as in this book)", mask), ("unmasked VADER", None)):
        scored = sentiment.score_sentences(coded, pattern)
        rows.append({"scoring": name, **agreement(list(coded["tone"]), list(scored["polarity"]))})
        if pattern is mask:
            confusion = pd.crosstab(
                pd.Categorical(coded["tone"], LABELS), pd.Categorical(scored["polarity"], LABELS), dropna=False
            )
            confusion.index.name, confusion.columns.name = "hand coding", "VADER"
    assert confusion is not None
    return pd.DataFrame(rows, columns=["scoring", "n_sentences", "agreement", "kappa"]), confusion
