"""Every precision, recall and F1 in one place: frames, quote spans and speakers, numeric claims.

The tests, the book and the ``evaluate`` command all score through these functions, so a published
score and a tested score are computed the same way.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.analyses.numbers import event_counts


def prf(tp: int, n_predicted: int, n_gold: int) -> dict[str, float]:
    """Precision, recall and F1 from counts (0 where undefined, so an empty run scores 0, not nan)."""
    prec = tp / n_predicted if n_predicted else 0.0
    rec = tp / n_gold if n_gold else 0.0
    return {"precision": prec, "recall": rec, "f1": 2 * prec * rec / (prec + rec) if tp else 0.0}


def score_frames(gold: pd.DataFrame, predicted: pd.DataFrame, frames: list[str]) -> pd.DataFrame:
    """Precision, recall and F1 per frame for multi-label sentence coding.

    ``gold`` and ``predicted`` have article_id, sentence_id and ``frames`` (";"-separated).
    """
    key = ["article_id", "sentence_id"]
    merged = gold[key + ["frames"]].merge(predicted[key + ["frames"]], on=key, suffixes=("_gold", "_pred"))
    rows = []
    for frame in frames:
        g = merged["frames_gold"].map(lambda s, f=frame: f in str(s).split(";"))
        p = merged["frames_pred"].map(lambda s, f=frame: f in str(s).split(";"))
        tp, fp, fn = int((g & p).sum()), int((~g & p).sum()), int((g & ~p).sum())
        tn = int((~g & ~p).sum())
        prec = tp / (tp + fp) if tp + fp else float("nan")
        rec = tp / (tp + fn) if tp + fn else float("nan")
        f1 = 2 * prec * rec / (prec + rec) if tp else 0.0
        rows.append(
            {
                "frame": frame,
                "n_gold": tp + fn,
                "n_predicted": tp + fp,
                "tp": tp,
                "fp": fp,
                "fn": fn,
                "tn": tn,
                "precision": prec,
                "recall": rec,
                "f1": f1,
            }
        )
    return pd.DataFrame(rows)


def frame_confusion(gold: pd.DataFrame, predicted: pd.DataFrame, frames: list[str]) -> pd.DataFrame:
    """Sentences with gold frame (rows) and predicted frame (columns); plus a 'none' row/column."""
    key = ["article_id", "sentence_id"]
    merged = gold[key + ["frames"]].merge(predicted[key + ["frames"]], on=key, suffixes=("_gold", "_pred"))
    labels = frames + ["none"]
    mat = pd.DataFrame(0, index=pd.Index(labels, name="gold"), columns=pd.Index(labels, name="predicted"))
    for g, p in zip(merged["frames_gold"], merged["frames_pred"], strict=True):
        gs = [f for f in str(g).split(";") if f] or ["none"]
        ps = [f for f in str(p).split(";") if f] or ["none"]
        for a in gs:
            for b in ps:
                mat.loc[a, b] += 1
    return mat


def match_spans(gold: pd.DataFrame, predicted: pd.DataFrame, min_coverage: float = 0.8) -> pd.DataFrame:
    """One-to-one matches of predicted to gold spans (same article) covering >= min_coverage of gold."""
    pairs = []
    for aid, g in gold.groupby("article_id"):
        p = predicted[predicted["article_id"] == aid]
        for gi, gr in g.iterrows():
            for pi, pr in p.iterrows():
                ov = min(gr["end"], pr["end"]) - max(gr["start"], pr["start"])
                if ov <= 0:
                    continue
                cov = ov / (gr["end"] - gr["start"])
                if cov >= min_coverage:
                    pairs.append((cov, gi, pi))
    used_g, used_p, rows = set(), set(), []
    for cov, gi, pi in sorted(pairs, key=lambda t: -t[0]):
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        rows.append({"gold": gi, "predicted": pi, "coverage": cov})
    return pd.DataFrame(rows, columns=["gold", "predicted", "coverage"])


def score_quotes(gold: pd.DataFrame, predicted: pd.DataFrame) -> dict[str, float]:
    """Span precision/recall/F1 at coverage >= 0.8, kind accuracy and speaker accuracy on matches."""
    m = match_spans(gold, predicted)
    tp = len(m)
    prec = tp / len(predicted) if len(predicted) else 0.0
    rec = tp / len(gold) if len(gold) else 0.0
    f1 = 2 * prec * rec / (prec + rec) if tp else 0.0
    g = gold.loc[m["gold"]].reset_index(drop=True)
    p = predicted.loc[m["predicted"]].reset_index(drop=True)
    speaker_ok = (g["speaker"].fillna("") == p["speaker"].fillna("")).to_numpy()
    kind_ok = (g["kind"] == p["kind"]).to_numpy()
    return {
        "gold": len(gold),
        "predicted": len(predicted),
        "matched": tp,
        "precision": prec,
        "recall": rec,
        "f1": f1,
        "speaker_accuracy": float(np.mean(speaker_ok)) if tp else 0.0,
        "kind_accuracy": float(np.mean(kind_ok)) if tp else 0.0,
        "mean_coverage": float(m["coverage"].mean()) if tp else 0.0,
    }


def score_numbers(gold: pd.DataFrame, predicted: pd.DataFrame) -> dict[str, float]:
    """Precision/recall of event-count claims matched on article, category and value (as written)."""

    def key(df: pd.DataFrame) -> list[tuple[str, str, str]]:
        return [(a, c, value_key(v)) for a, c, v in zip(df["article_id"], df["category"], df["value"], strict=True)]

    g, p = key(gold), key(event_counts(predicted))
    remaining = list(g)
    tp = 0
    for k in p:
        if k in remaining:
            remaining.remove(k)
            tp += 1
    prec = tp / len(p) if p else 0.0
    rec = tp / len(g) if g else 0.0
    return {
        "gold": len(g),
        "predicted": len(p),
        "matched": tp,
        "precision": prec,
        "recall": rec,
        "f1": 2 * prec * rec / (prec + rec) if tp else 0.0,
    }


def value_key(v: object) -> str:
    try:
        return str(int(float(str(v).replace(",", ""))))
    except ValueError:
        return str(v).lower().strip()
