"""Score a tone model on a NewsMTSC-format file (``evaluate --task tone``) and write what it predicted.

One row per target in ``predictions_tone.csv`` (``line, from, to, label, score``; ``line`` is the
0-based line of the JSONL), the format the shared benchmarks' ``score_tone.py`` reads, and
``evaluation_tone.json`` with macro-F1 over the three classes, accuracy, n and the label saying what
the score is. Any model that meets :class:`helpers.analyses.tone_model.MentionToneModel` is scored
the same way, so a plug-in is compared with the shipped model on equal terms.
"""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd

from helpers.analyses.tone_model import load_tone_model, score_mentions
from helpers.models.train_tone import read_newsmtsc, tone_scores

PREDICTION_COLUMNS = ["line", "from", "to", "label", "score"]


def score_tone_file(gold: Path, model_spec: str | None = None) -> tuple[pd.DataFrame, dict]:
    """(predictions in the benchmark's columns, scores) for every target of a NewsMTSC-format JSONL file."""
    mentions = read_newsmtsc(gold)
    if mentions.empty:
        raise ValueError(f"{gold}: no targets found")
    if mentions["label"].isna().any():
        raise ValueError(f"{gold}: every target needs a polarity (2, 4 or 6) to be scored")
    model = load_tone_model(model_spec)
    started = time.perf_counter()
    scored = score_mentions(mentions, model)
    seconds = time.perf_counter() - started
    predictions = pd.DataFrame({"line": mentions["line"], "from": mentions["start"], "to": mentions["end"],
                                "label": scored["label"], "score": scored["score"].round(4)})
    scores = {**tone_scores(list(mentions["label"]), list(scored["label"])), "model": str(model.name),
              "predict_seconds": round(seconds, 3)}
    return predictions[PREDICTION_COLUMNS], scores
