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
