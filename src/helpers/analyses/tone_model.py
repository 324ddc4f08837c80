"""Tone toward a person at each mention: the interface every tone model meets, and the linear model the package ships.

The interface (:class:`MentionToneModel`) is one method: given a table of mentions (``text``, the
sentence; ``start`` and ``end``, the target's character span in it) return an ``(n, 3)`` array of
probabilities in the order negative, neutral, positive. :func:`score_mentions` turns that into the
table the pipeline and ``helpers evaluate --task tone`` use: ``p_negative, p_neutral, p_positive,
label, score`` with ``score = p_positive - p_negative`` in [-1, 1].

A stronger model a user has locally (a transformer, say) plugs in by a dotted path, ``module:Class``
or ``module.Class``, given as ``tone_model:`` in a study's configuration or as ``--model`` to
``evaluate``; the class is built with no arguments and must offer ``predict_proba``. Without one, the
shipped model in ``helpers/models/tone`` is used: a linear model over
:mod:`helpers.analyses.tone_features` (sparse word features, lexicon numbers, and the mean GloVe
vector of the words in a few slots around the target, stored as each word's class scores per slot),
kept as plain arrays (``.npy``, read without pickle) and JSON, each file checked against the SHA-256
recorded when it was trained, so a missing or altered file is refused rather than scored with.
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

from helpers.analyses.tone_features import Encoded, TokenTables, encode_mentions

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
    """The shipped model: sparse feature keys plus dense lexicon numbers, one weight matrix, softmax."""

    FILES = ("coef.npy", "keys.npy", "model.json")
    VECTOR_FILES = ("word_known.npy", "word_scores.npy")  # only for a model trained with word vectors

    def __init__(self, folder: str | Path = MODEL_DIR) -> None:
        self.folder = Path(folder)
        files = verified_files(self.folder)
        absent = [name for name in self.FILES if name not in files]
        if absent:
            raise ToneModelError(f"{self.folder / MANIFEST}: must list {list(self.FILES)}; {absent} not listed")
        spec = json.loads(files["model.json"].read_text(encoding="utf-8"))
        self.name = str(spec.get("name", "linear tone model"))
        self.slots = [str(slot) for slot in spec.get("vector_slots") or []]
        self.slot_tables: list[tuple[str, np.ndarray]] = []
        known = None
        if self.slots:
            known, scores = self._word_scores(files, spec)
            self.slot_tables = [(slot, scores[:, k, :]) for k, slot in enumerate(self.slots)]
        self.tables = TokenTables.build(spec["tokens"], spec["valences"], spec.get("groups"),
                                        spec.get("vector_words") or [], known)
        self.dense_scale = np.asarray(spec["dense_scale"], dtype=float)
        self.intercept = np.asarray(spec["intercept"], dtype=float)
        self.unit_rows = bool(spec.get("unit_rows", True))
        self.link = str(spec.get("link", "softmax"))
        self.triples = bool(spec.get("triples", False))
        self.exact = bool(spec.get("exact", False))
        self.second_clause = bool(spec.get("second_clause", False))
        if self.tables.base != spec.get("base"):
            raise ToneModelError(f"{files['model.json']}: feature keys were built with radix {spec.get('base')}, "
                                 f"this code builds {self.tables.base}; retrain the model")
        self.keys = np.load(files["keys.npy"], allow_pickle=False)
        self.coef = np.load(files["coef.npy"], allow_pickle=False).astype(float)
        if self.coef.shape != (len(self.keys) + len(self.dense_scale), len(TONE_LABELS)):
            raise ToneModelError(f"{files['coef.npy']}: weight matrix shape {self.coef.shape} does not fit "
                                 f"keys.npy and model.json")

    def _word_scores(self, files: dict[str, Path], spec: dict) -> tuple[np.ndarray, np.ndarray]:
        """Which ids have a vector (from id 1) and each id's class scores per vector slot (ids x slots x 3)."""
        absent = [name for name in self.VECTOR_FILES if name not in files]
        if absent:
            raise ToneModelError(f"{self.folder / MANIFEST}: a model with vector slots must list {absent}")
        known = np.load(files["word_known.npy"], allow_pickle=False)
        scores = np.load(files["word_scores.npy"], allow_pickle=False).astype(float)
        n_ids = len(spec["tokens"]) + len(spec.get("vector_words") or []) + 1
        if known.shape != (n_ids,) or scores.shape != (n_ids, len(self.slots), len(TONE_LABELS)):
            raise ToneModelError(f"{files['word_scores.npy']}: shapes {scores.shape} and {known.shape} do not fit "
                                 f"model.json's {n_ids} token ids and {len(self.slots)} vector slots")
        return known[1:], scores

    def predict_proba(self, mentions: pd.DataFrame) -> np.ndarray:
        """The link of the linear scores (sparse and dense features, plus each vector slot's mean word score)."""
        encoded = encode_mentions(mentions["text"].astype(str).tolist(), mentions["start"].astype(int).tolist(),
                                  mentions["end"].astype(int).tolist(), self.tables, self.triples,
                                  self.exact, self.second_clause, self.slot_tables)
        scores = design_matrix(encoded, self.keys, self.dense_scale, self.unit_rows) @ self.coef + self.intercept
        for slot_scores in encoded.slots:
            scores = scores + slot_scores
        return one_vs_rest(scores) if self.link == "ovr" else softmax(scores)


def softmax(z: np.ndarray) -> np.ndarray:
    """Row-wise softmax, stable for large scores."""
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def one_vs_rest(z: np.ndarray) -> np.ndarray:
    """Probabilities from one-against-rest scores: each class's logistic, normalised to sum to one."""
    p = 1.0 / (1.0 + np.exp(-np.clip(z, -50, 50)))
    return p / p.sum(axis=1, keepdims=True)


def design_matrix(encoded: Encoded, keys: np.ndarray, dense_scale: np.ndarray, unit_rows: bool = True) -> sp.csr_matrix:
    """Rows of known-feature indicators (binary, or scaled to unit length), then the scaled dense numbers.

    ``keys`` is the model's sorted feature keys; a key it does not know is dropped. Shared with the
    trainer, so the matrix a model was fitted on and the one it scores are built alike.
    """
    n_rows, n_keys = len(encoded.dense), len(keys)
    col = np.searchsorted(keys, encoded.keys)
    known = col < n_keys
    known[known] = keys[col[known]] == encoded.keys[known]
    sparse = sp.coo_matrix((np.ones(int(known.sum())), (encoded.rows[known], col[known])),
                           shape=(n_rows, n_keys)).tocsr()  # sums repeats: one cell per (row, feature)
    sparse.sort_indices()
    per_row = np.diff(sparse.indptr)
    weight = 1.0 / np.sqrt(np.maximum(per_row, 1.0)) if unit_rows else np.ones(n_rows)
    sparse.data = np.repeat(weight, per_row)  # binary, or unit length: a repeated feature counts once
    return sp.hstack([sparse, sp.csr_matrix(encoded.dense * dense_scale)], format="csr")


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
