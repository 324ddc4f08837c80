"""Tone toward a person at each mention: the interface every tone model meets, and the linear model the package ships.

The interface (:class:`MentionToneModel`) is one method: given a table of mentions (``text``, the
sentence; ``start`` and ``end``, the target's character span in it) return an ``(n, 3)`` array of
probabilities in the order negative, neutral, positive. :func:`score_mentions` turns that into the
table the pipeline and ``helpers evaluate --task tone`` use: ``p_negative, p_neutral, p_positive,
label, score`` with ``score = p_positive - p_negative`` in [-1, 1].

A stronger model a user has locally (a transformer, say) plugs in by a dotted path, ``module:Class``
or ``module.Class``, given as ``tone_model:`` in a study's configuration or as ``--model`` to
``evaluate``; the class is built with no arguments and must offer ``predict_proba``. Without one, the
shipped model in ``helpers/models/tone`` is used: a multinomial logistic regression over
:mod:`helpers.analyses.tone_features`, stored as plain arrays and JSON, each file checked against the
SHA-256 recorded when it was trained, so a missing or altered file is refused rather than scored with.
"""

from __future__ import annotations

import hashlib
import importlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np
import pandas as pd
import scipy.sparse as sp

from helpers.analyses.tone_features import mention_features

TONE_LABELS = ("negative", "neutral", "positive")
MENTION_COLUMNS = ("text", "start", "end")
MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "tone"
MANIFEST = "manifest.json"  # {"files": {name: sha256}}, written by the trainer


class ToneModelError(RuntimeError):
    """A tone model that cannot be used: missing or altered files, or a plug-in that cannot be loaded."""


@runtime_checkable
class MentionToneModel(Protocol):
    """What the pipeline and ``evaluate`` need from a tone model."""

    name: str

    def predict_proba(self, mentions: pd.DataFrame) -> np.ndarray:
        """(n, 3) probabilities (negative, neutral, positive) for rows with ``text``, ``start``, ``end``."""
        ...


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verified_files(folder: Path) -> dict[str, Path]:
    """Every file the manifest lists, each checked against its recorded SHA-256; the error names the file."""
    manifest_path = folder / MANIFEST
    if not manifest_path.is_file():
        raise ToneModelError(f"{manifest_path}: tone model manifest missing; retrain with `python -m helpers "
                             "train-tone` or restore the file")
    recorded = json.loads(manifest_path.read_text(encoding="utf-8"))["files"]
    paths = {}
    for name, expected in sorted(recorded.items()):
        path = folder / name
        if not path.is_file():
            raise ToneModelError(f"{path}: tone model file missing (listed in {MANIFEST})")
        if sha256_file(path) != expected:
            raise ToneModelError(f"{path}: tone model file altered: its SHA-256 differs from the one in {MANIFEST}")
        paths[name] = path
    return paths


class LinearToneModel:
    """The shipped model: sparse feature strings plus dense lexicon numbers, one weight matrix, softmax."""

    def __init__(self, folder: str | Path = MODEL_DIR) -> None:
        self.folder = Path(folder)
        files = verified_files(self.folder)
        if "model.json" not in files or "coef.npy" not in files:
            raise ToneModelError(f"{self.folder}: {MANIFEST} must list model.json and coef.npy")
        spec = json.loads(files["model.json"].read_text(encoding="utf-8"))
        self.name = str(spec.get("name", "linear tone model"))
        self.vocabulary = {f: i for i, f in enumerate(spec["vocabulary"])}
        self.dense_scale = np.asarray(spec["dense_scale"], dtype=float)
        self.intercept = np.asarray(spec["intercept"], dtype=float)
        self.coef = np.load(files["coef.npy"], allow_pickle=False).astype(float)
        if self.coef.shape != (len(self.vocabulary) + len(self.dense_scale), len(TONE_LABELS)):
            raise ToneModelError(f"{files['coef.npy']}: weight matrix shape {self.coef.shape} does not fit model.json")

    def predict_proba(self, mentions: pd.DataFrame) -> np.ndarray:
        """Softmax of the linear scores; vectorised over all mentions after a per-mention feature pass."""
        return softmax(design_matrix(mentions, self.vocabulary, self.dense_scale) @ self.coef + self.intercept)


def softmax(z: np.ndarray) -> np.ndarray:
    """Row-wise softmax, stable for large scores."""
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def design_matrix(mentions: pd.DataFrame, vocabulary: Mapping[str, int], dense_scale: np.ndarray) -> sp.csr_matrix:
    """Rows of binary known-feature indicators scaled to unit length, followed by the scaled dense numbers.

    Shared with the trainer, so the matrix a model was fitted on and the one it scores are built alike.
    """
    n_sparse, n_dense = len(vocabulary), len(dense_scale)
    indices: list[int] = []
    indptr = [0]
    data: list[float] = []
    dense = np.zeros((len(mentions), n_dense))
    texts, starts, ends = (mentions[c].tolist() for c in MENTION_COLUMNS)
    for row, (text, start, end) in enumerate(zip(texts, starts, ends, strict=True)):
        feats, numbers = mention_features(str(text), int(start), int(end))
        known = sorted({vocabulary[f] for f in feats if f in vocabulary})
        weight = 1.0 / np.sqrt(len(known)) if known else 0.0
        indices.extend(known)
        data.extend([weight] * len(known))
        indptr.append(len(indices))
        dense[row] = numbers
    sparse = sp.csr_matrix((np.asarray(data), np.asarray(indices, dtype=np.int64), np.asarray(indptr)),
                           shape=(len(mentions), n_sparse))
    return sp.hstack([sparse, sp.csr_matrix(dense * dense_scale)], format="csr")


def plugin_model(path: str) -> MentionToneModel:
    """Build the class named by ``module:Class`` (or ``module.Class``) with no arguments; check it is a tone model."""
    module_name, _, attr = path.partition(":") if ":" in path else path.rpartition(".")
    if not module_name or not attr:
        raise ToneModelError(f"tone model {path!r}: give it as module:Class")
    try:
        factory = getattr(importlib.import_module(module_name), attr)
    except (ImportError, AttributeError) as exc:
        raise ToneModelError(f"tone model {path!r} cannot be loaded: {exc}") from exc
    model = factory()
    if not callable(getattr(model, "predict_proba", None)):
        raise ToneModelError(f"tone model {path!r} has no predict_proba(mentions) method")
    if not hasattr(model, "name"):
        model.name = path
    return model


def load_tone_model(spec: str | Path | None = None) -> MentionToneModel:
    """The tone model to use: a ``module:Class`` plug-in, a folder written by ``train-tone``, or the shipped one."""
    if spec is None or str(spec) == "":
        return LinearToneModel(MODEL_DIR)
    if Path(spec).is_dir():
        return LinearToneModel(Path(spec))
    return plugin_model(str(spec))


def tone_model_from_config(config: Mapping[str, object]) -> MentionToneModel:
    """The model a study's configuration names under ``tone_model:`` (absent or empty: the shipped model)."""
    value = config.get("tone_model")
    return load_tone_model(str(value) if value else None)


def score_mentions(mentions: pd.DataFrame, model: MentionToneModel | None = None) -> pd.DataFrame:
    """Tone toward each mention: ``p_negative, p_neutral, p_positive, label, score`` (score = p_pos - p_neg).

    ``mentions`` needs the columns ``text``, ``start`` and ``end``; the result keeps its index and
    row order. The label is the most probable class.
    """
    missing = [c for c in MENTION_COLUMNS if c not in mentions.columns]
    if missing:
        raise ValueError(f"mentions need the columns {list(MENTION_COLUMNS)}; missing {missing}")
    model = model or load_tone_model()
    if len(mentions) == 0:
        proba = np.zeros((0, 3))
    else:
        proba = np.asarray(model.predict_proba(mentions[list(MENTION_COLUMNS)]), dtype=float)
    if proba.shape != (len(mentions), 3):
        raise ToneModelError(f"tone model {getattr(model, 'name', model)!r} returned shape {proba.shape}, "
                             f"expected ({len(mentions)}, 3)")
    out = pd.DataFrame(proba, columns=[f"p_{c}" for c in TONE_LABELS], index=mentions.index)
    out["label"] = np.asarray(TONE_LABELS, dtype=object)[proba.argmax(axis=1)] if len(out) else []
    out["score"] = out["p_positive"] - out["p_negative"]
    return out
