"""How accurate the rules are, as each chapter says it: the study's own gold, or the development sets.

A chapter that validates an analysis shows the study's own scores when its study folder holds gold
annotations for it, labelled with the study's ``gold_kind`` (in-sample, development or held-out: what the
rules had seen of those texts). A study without gold says so and shows the method's development-set
scores instead (``book/scores/*.json``, written by ``helpers evaluate``), labelled as tuned against. The
words here are true of any study; the numbers come from the tables and the score files.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from helpers.inputs.config import PROJECT_ROOT

DEVELOPMENT_LABEL = "development (tuned against)"
# What each kind of gold means for the scores, in words.
KIND_WORDS = {
    "in-sample": "the rules were developed on these texts, so the scores show that the rules do what they were "
                 "written to do, not how accurate they are on new articles",
    "development": "the rules were tuned against these texts, so the scores are better than on new articles",
    "held-out": "the rules never saw these texts before they were scored",
}
# The measures a development-set score file holds for each task, in the order shown.
MEASURES = {"quotes": ["precision", "recall", "f1", "speaker_accuracy"],
            "numbers": ["precision", "recall", "f1", "qualifier_accuracy"]}
NO_HELD_OUT = "No held-out evaluation is reported: no score in this book comes from text the rules never saw."


def gold_kind(folder) -> str:
    """The kind of the study's gold (``in-sample`` when a study folder does not say)."""
    return str(getattr(folder, "gold_kind", "") or "in-sample")


def kind_label(folder) -> str:
    """The kind of the study's gold with what it means in a few words ('in-sample: the rules were ...')."""
    kind = gold_kind(folder)
    short = {"in-sample": "the rules were developed on these texts", "development": "the rules were tuned against "
             "these texts", "held-out": "the rules never saw these texts"}.get(kind)
    return f"{kind}: {short}" if short else kind


def kind_sentence(kind: str) -> str:
    """'These scores are in-sample: ...' for a study's gold kind."""
    why = KIND_WORDS.get(kind)
    return f"These scores are {kind}" + (f": {why}." if why else ".")


def development_table(task: str, folder: str | Path | None = None) -> pd.DataFrame:
    """One row per development-set score file of ``task`` (quotes, numbers): the set, its size, its measures."""
    folder = Path(folder) if folder else PROJECT_ROOT / "book" / "scores"
    measures = MEASURES.get(task, ["precision", "recall", "f1"])
    rows = []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("task") != task:
            continue
        row = {"set": path.stem, "kind": DEVELOPMENT_LABEL, "articles": data.get("articles"),
               "gold": data.get("n_gold")}
        row.update({m: data.get(m) for m in measures if m in data})
        rows.append(row)
    return pd.DataFrame(rows, columns=["set", "kind", "articles", "gold", *measures]).dropna(axis=1, how="all")


def accuracy_summary(task: str, scores: pd.DataFrame, kind: str,
                     measures: tuple[str, ...] = ("precision", "recall", "f1")) -> str:
    """One sentence on an analysis's accuracy: the study's own scores, or the development sets' (or neither)."""
    if not scores.empty:
        r = scores.iloc[0]
        values = ", ".join(f"{m.replace('_', ' ')} {float(r[m]):.2f}" for m in measures if m in r)
        return f"Against this study's own gold ({kind}): {values}."
    dev = development_table(task)
    if dev.empty:
        return "This study has no gold annotations for it, and no development-set score exists."
    parts = [f"{s}: " + ", ".join(f"{m.replace('_', ' ')} {float(v):.2f}" for m, v in row.items()
                                  if m in measures and pd.notna(v))
             for s, row in dev.set_index("set").iterrows()]
    return ("This study has no gold annotations for it; on the development sets "
            f"({DEVELOPMENT_LABEL}): " + "; ".join(parts) + ".")


def show_accuracy(scores: pd.DataFrame, task: str, folder, labels: dict[str, str] | None = None,
         columns: list[str] | None = None) -> bool:
    """Display a chapter's accuracy section; True when the study's own gold was scored.

    With gold: the study's scores, then what its kind means. Without: a sentence saying the study has no
    gold annotations, and the development-set scores of ``task`` (when there are any), labelled as such.
    """
    from helpers.publication import report

    kind = gold_kind(folder)
    if not scores.empty:
        shown = scores[[c for c in columns if c in scores]] if columns else scores
        report.show(shown, max_rows=None, labels=labels,
                    caption=f"Scored against this study's own gold annotations ({kind}).")
        report.say(kind_sentence(kind), "" if kind == "held-out" else NO_HELD_OUT)
        return True
    dev = development_table(task)
    said = ["This study has no gold annotations for this analysis, so its accuracy on these articles is not "
            "measured here."]
    if dev.empty:
        said.append("No development-set score exists for it either.")
    else:
        said.append("The scores below are the method's, measured with helpers evaluate on outside "
                    f"development sets with the codebook that `new-study` creates, unedited ({DEVELOPMENT_LABEL}: "
                    "the rules were adjusted while looking at these scores).")
    report.say(*said)
    if not dev.empty:
        report.show(dev, max_rows=None, labels={"set": "Development set", "kind": "Kind", **(labels or {})})
    report.say(NO_HELD_OUT)
    return False
