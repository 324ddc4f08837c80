"""Train the shipped tone model from NewsMTSC's ``train.jsonl``: ``python -m helpers train-tone --data D --out M``.

Reproducible by construction: the vocabulary is sorted, the learner (scikit-learn's multinomial
logistic regression, lbfgs) is deterministic, and the files are written as ``.npy`` and sorted JSON,
so two runs on the same data and pinned versions give identical bytes. scikit-learn is needed only
here (the ``train`` extra); scoring with the model needs numpy and scipy alone. The model card
records the data's SHA-256, the features, the settings and, where ``devtest_rw.jsonl`` sits beside
the training file, the development scores, labelled as tuned against.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.analyses.tone_features import DENSE_NAMES, NEAR, WINDOW, mention_features
from helpers.analyses.tone_model import (
    MANIFEST,
    TONE_LABELS,
    LinearToneModel,
    design_matrix,
    score_mentions,
    sha256_file,
)
from helpers.models.model_card import write_model_card

POLARITY = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}
DEV_FILE = "devtest_rw.jsonl"


@dataclass(frozen=True)
class ToneSettings:
    """Learner settings, chosen on devtest_rw (see the model card's table)."""

    C: float = 3.0  # inverse L2 strength of the logistic regression
    min_count: int = 2  # a feature string must occur in this many training mentions
    dense_weight: float = 1.0  # scale of the lexicon/position block relative to the unit-length sparse rows
    class_weight: str = "balanced"  # NewsMTSC's training split has more negative targets than the news does
    max_iter: int = 5000


def read_newsmtsc(path: str | Path) -> pd.DataFrame:
    """One row per target: line (0-based), text, start, end, label (None where the file has no polarity)."""
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line_no, line in enumerate(fh):
            if not line.strip():
                continue
            record = json.loads(line)
            for target in record["targets"]:
                polarity = target.get("polarity")
                rows.append({"line": line_no, "text": record["sentence_normalized"], "start": int(target["from"]),
                             "end": int(target["to"]),
                             "label": POLARITY.get(float(polarity)) if polarity is not None else None})
    return pd.DataFrame(rows, columns=["line", "text", "start", "end", "label"])


def build_vocabulary(mentions: pd.DataFrame, min_count: int) -> list[str]:
    """Feature strings seen in at least ``min_count`` training mentions, sorted (so indices are reproducible)."""
    counts: Counter[str] = Counter()
    for text, start, end in zip(mentions["text"], mentions["start"], mentions["end"], strict=True):
        counts.update(set(mention_features(text, start, end)[0]))
    return sorted(f for f, c in counts.items() if c >= min_count)


def fit(mentions: pd.DataFrame, settings: ToneSettings) -> dict:
    """Fit the logistic regression; return the arrays and vocabulary the model files hold."""
    from sklearn.linear_model import LogisticRegression

    vocabulary = build_vocabulary(mentions, settings.min_count)
    index = {f: i for i, f in enumerate(vocabulary)}
    dense_scale = np.full(len(DENSE_NAMES), settings.dense_weight)
    X = design_matrix(mentions, index, dense_scale)
    y = np.array([TONE_LABELS.index(label) for label in mentions["label"]])
    learner = LogisticRegression(C=settings.C, class_weight=settings.class_weight, max_iter=settings.max_iter)
    learner.fit(X, y)
    if list(learner.classes_) != [0, 1, 2]:
        raise ValueError("training data must hold negative, neutral and positive targets")
    return {"vocabulary": vocabulary, "dense_scale": dense_scale, "coef": learner.coef_.T.astype(np.float32),
            "intercept": learner.intercept_}


def write_model(folder: Path, arrays: dict, meta: dict) -> None:
    """coef.npy + model.json, then the manifest of their SHA-256 (the loader checks it)."""
    folder.mkdir(parents=True, exist_ok=True)
    np.save(folder / "coef.npy", np.ascontiguousarray(arrays["coef"]), allow_pickle=False)
    spec = {**meta, "labels": list(TONE_LABELS), "dense_names": list(DENSE_NAMES),
            "dense_scale": [float(x) for x in arrays["dense_scale"]],
            "intercept": [round(float(x), 12) for x in arrays["intercept"]], "vocabulary": arrays["vocabulary"]}
    (folder / "model.json").write_text(json.dumps(spec, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    files = {name: sha256_file(folder / name) for name in ("coef.npy", "model.json")}
    (folder / MANIFEST).write_text(json.dumps({"files": files}, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def tone_scores(gold: list[str], predicted: list[str]) -> dict[str, float]:
    """Macro-F1 over the three classes and accuracy (the scorer of the shared benchmarks, in numpy)."""
    g, p = np.asarray(gold, dtype=object), np.asarray(predicted, dtype=object)
    f1s = []
    for c in TONE_LABELS:
        tp = float(np.sum((g == c) & (p == c)))
        fp, fn = float(np.sum((g != c) & (p == c))), float(np.sum((g == c) & (p != c)))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return {"macro_f1": round(float(np.mean(f1s)), 4), "accuracy": round(float(np.mean(g == p)), 4) if len(g) else 0.0,
            "n": int(len(g))}


def train_tone(data: str | Path, out: str | Path, settings: ToneSettings | None = None) -> dict:
    """Train on ``DATA/train.jsonl``, write the model folder ``OUT`` with its card; return what the card says."""
    settings = settings or ToneSettings()
    data, out = Path(data), Path(out)
    train_path = data / "train.jsonl"
    if not train_path.is_file():
        raise FileNotFoundError(f"{train_path}: NewsMTSC training file not found")
    started = time.perf_counter()
    train = read_newsmtsc(train_path)
    arrays = fit(train, settings)
    meta = {"name": "refract linear tone model", "settings": asdict(settings), "window": WINDOW, "near": NEAR,
            "train_sha256": sha256_file(train_path), "n_train": len(train)}
    write_model(out, arrays, meta)
    seconds = time.perf_counter() - started
    dev_path = data / DEV_FILE
    development = None
    if dev_path.is_file():
        dev = read_newsmtsc(dev_path)
        scored = score_mentions(dev, LinearToneModel(out))
        development = {**tone_scores(list(dev["label"]), list(scored["label"])), "file": DEV_FILE,
                       "sha256": sha256_file(dev_path), "label": "development: tuned against"}
    card = {**meta, "n_features": len(arrays["vocabulary"]) + len(DENSE_NAMES), "development": development,
            "class_counts": train["label"].value_counts().reindex(list(TONE_LABELS)).astype(int).to_dict()}
    write_model_card(out, card)  # no timings in the card: two runs must write the same bytes
    return {**card, "train_seconds": round(seconds, 1)}
