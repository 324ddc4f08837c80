"""The tone model's development scores as its model card records them, for the method page.

The scores are read, never retyped: the trainer writes them into ``MODEL_CARD.md`` beside the model
(``helpers.models.train_tone``), and the page shows that table with its label ("development: tuned
against"), so the book and the card cannot disagree.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

SCORES_HEADING = "## Development scores"


class ModelCardError(RuntimeError):
    """A model card without the development-scores table the method page shows."""


def tone_model_scores(model_dir: str | Path | None = None) -> pd.DataFrame:
    """The rows of the card's "Development scores" table (set, label, n, macro-F1, accuracy), as written."""
    if model_dir is None:
        from helpers.analyses.tone_model import MODEL_DIR

        model_dir = MODEL_DIR
    card = Path(model_dir) / "MODEL_CARD.md"
    if not card.is_file():
        raise ModelCardError(f"{card}: the tone model's card is missing; retrain with `python -m helpers train-tone`")
    lines = card.read_text(encoding="utf-8").splitlines()
    if SCORES_HEADING not in lines:
        raise ModelCardError(f"{card}: no '{SCORES_HEADING}' section")
    rows = []
    for line in lines[lines.index(SCORES_HEADING) + 1 :]:
        if line.startswith("#"):
            break
        if line.startswith("|") and not set(line) <= set("|-: "):
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    if len(rows) < 2:
        raise ModelCardError(f"{card}: the '{SCORES_HEADING}' section has no table rows")
    return pd.DataFrame(rows[1:], columns=rows[0])


def tone_scores_beside_study(validation: pd.DataFrame, card: pd.DataFrame | None = None) -> pd.DataFrame:
    """The card's development rows with the study's own in-sample row under them, in the card's columns plus
    ``found``: a reader sees the score the model was tuned for beside what it does on the study's sentences."""
    card = tone_model_scores() if card is None else card
    rows = card.assign(found="")
    if validation.empty:
        return rows.reset_index(drop=True)
    v = validation.iloc[0]
    own = {"set": "this study's hand-coded sentences, tone toward each actor named (gold/actor_tone.csv)",
           "label": v["label"], "n": str(int(v["n_gold"])), "macro-F1": f"{float(v['macro_f1']):.3f}",
           "accuracy": f"{float(v['agreement']):.3f}", "found": f"{int(v['n_found'])} of {int(v['n_gold'])}"}
    return pd.concat([rows, pd.DataFrame([own])], ignore_index=True)[[*card.columns, "found"]]


def actor_tone_validation_finding(validation: pd.DataFrame) -> str:
    """The study's actor-tone agreement in words, generated from its table (or that the study has no such gold)."""
    if validation.empty:
        return ("This study has no hand coding of the tone its sentences take toward each actor "
                "(gold/actor_tone.csv), so the tone model is shown with its development score only, which was "
                "tuned against and says nothing about this study's texts.")
    v = validation.iloc[0]
    n, found = int(v["n_gold"]), int(v["n_found"])
    agree = round(float(v["agreement_all"]) * n)
    return (f"Against the hand coding of tone toward each actor ({v['label']}), the mention finder reached "
            f"{found} of the {n} coded (sentence, actor) pairs; the tone model's label agrees with the hand coding "
            f"on {agree} of those {found} ({float(v['agreement']):.3f}; macro-F1 {float(v['macro_f1']):.3f}), and on "
            f"{agree} of all {n} when a pair not found counts as a disagreement ({float(v['agreement_all']):.3f}).")
