"""The tone model's reading toward each actor, scored against a reader's: the ``actor_tone_validation`` table.

A study's ``gold/actor_tone.csv`` codes, for hand-read sentences, the tone each sentence takes **toward
each actor it names** (negative, neutral or positive), not the sentence's overall mood. The model reads
every mention; an actor named twice in one sentence has one gold row, so the model's label for that
(article, sentence, actor) is the label with the highest mean probability over its mentions there.
A gold row with no mention of its actor in that sentence is "not found": coverage says how many the
mention finder reached, and agreement is given both over the rows found and over every gold row (a row
not found counted as a disagreement), so a finder that misses the hard cases cannot look better.
Sentences coded from the articles the method was built on give in-sample scores.
"""

from __future__ import annotations

import pandas as pd

from helpers.analyses.tone_model import TONE_LABELS

GOLD_COLUMNS = ("article_id", "sentence_id", "actor", "tone")
KEYS = ["article_id", "sentence_id", "actor"]
SCORE_COLUMNS = ["n_gold", "n_found", "coverage", "agreement", "agreement_all", "macro_f1", "label"]


class ActorToneGoldError(ValueError):
    """A hand-coded actor-tone file that cannot be scored (names the file and the row)."""


def check_actor_tone_gold(gold: pd.DataFrame, canonicals: set[str], source: str = "gold/actor_tone.csv") -> None:
    """Raise naming ``source`` and the row when a column is missing, a tone is not one of the three labels,
    an actor is no canonical name of the codebook, or a (sentence, actor) is coded twice."""
    missing = [c for c in GOLD_COLUMNS if c not in gold.columns]
    if missing:
        raise ActorToneGoldError(f"{source}: missing column(s) {missing}; expected {list(GOLD_COLUMNS)}")
    for i, row in enumerate(gold.itertuples(index=False), start=2):  # row 1 is the header
        if row.tone not in TONE_LABELS:
            raise ActorToneGoldError(f"{source}, row {i}: tone {row.tone!r} is not one of {list(TONE_LABELS)}")
        if row.actor not in canonicals:
            raise ActorToneGoldError(f"{source}, row {i}: actor {row.actor!r} is no canonical name of the codebook")
    twice = gold[gold.duplicated(KEYS, keep=False)]
    if not twice.empty:
        raise ActorToneGoldError(f"{source}: coded twice: {twice[KEYS].head(3).to_dict('records')}")


def model_labels(mentions: pd.DataFrame) -> pd.DataFrame:
    """One label per (article, sentence, actor): the highest mean probability over the actor's mentions there."""
    probs = [f"p_{c}" for c in TONE_LABELS]
    named = mentions.drop(columns="actor", errors="ignore").rename(columns={"canonical": "actor"})  # the entry
    means = named.groupby(KEYS, as_index=False)[probs].mean()
    means["model"] = [TONE_LABELS[i] for i in means[probs].to_numpy().argmax(axis=1)] if len(means) else []
    return means[[*KEYS, "model"]]


def macro_f1(gold: list[str], predicted: list[str]) -> float:
    """Mean F1 over the labels that occur in either list (a label never coded nor predicted does not count)."""
    labels = sorted(set(gold) | set(predicted))
    if not labels:
        return float("nan")
    scores = []
    for label in labels:
        tp = sum(g == label and p == label for g, p in zip(gold, predicted, strict=True))
        n_pred, n_gold = predicted.count(label), gold.count(label)
        scores.append(2 * tp / (n_pred + n_gold) if n_pred + n_gold else 0.0)
    return sum(scores) / len(scores)


def actor_tone_scores(gold: pd.DataFrame, mentions: pd.DataFrame, label: str) -> pd.DataFrame:
    """One row: gold rows, rows the model found, coverage, agreement (found; all), macro-F1 (found), ``label``."""
    coded = gold[KEYS + ["tone"]].astype({"sentence_id": "int64"})
    found = coded.merge(model_labels(mentions).astype({"sentence_id": "int64"}), on=KEYS, how="left")
    hit = found[found["model"].notna()]
    n, n_found = len(found), len(hit)
    agree = int((hit["tone"] == hit["model"]).sum())
    return pd.DataFrame([{
        "n_gold": n,
        "n_found": n_found,
        "coverage": n_found / n if n else float("nan"),
        "agreement": agree / n_found if n_found else float("nan"),
        "agreement_all": agree / n if n else float("nan"),
        "macro_f1": macro_f1(list(hit["tone"]), list(hit["model"])),
        "label": label,
    }], columns=SCORE_COLUMNS)
