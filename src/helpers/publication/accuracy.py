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


def gold_provenance(folder) -> str:
    """Who wrote the study's gold annotations, how many coders, and with what agreement, from study.yaml's
    ``gold_annotation``; a study that does not say is told so, since scores mean little without it."""
    facts = getattr(folder, "facts", {}) or {}
    if folder is None or getattr(folder, "gold", None) is None:
        return "This study has no gold annotations of its own."
    said = facts.get("gold_annotation") or {}
    if not said:
        return ("The study does not record who wrote its gold annotations, how many coders took part or how "
                "well they agreed (`gold_annotation` in study.yaml), so its scores cannot be weighed by that.")
    return (f"Gold annotations: written by {said.get('annotators', 'an annotator the study does not name')}; "
            f"coders: {said.get('coders', 'not recorded')}; agreement between coders: "
            f"{said.get('agreement', 'not measured')}.")


def kind_sentence(kind: str) -> str:
    """'These scores are in-sample: ...' for a study's gold kind."""
    why = KIND_WORDS.get(kind)
    return f"These scores are {kind}" + (f": {why}." if why else ".")


def counted(value: object, hits: object = None, total: object = None) -> str:
    """A score with the counts behind it: '0.995 (824 of 828)', so a near-perfect score never reads as 1.00.

    Three decimals, and the counts whenever they are known; without them, the score alone."""
    if value is None or pd.isna(value):
        return ""
    text = f"{float(value):.3f}"
    known = all(v is not None and not pd.isna(v) for v in (hits, total))
    return text + (f" ({int(float(hits)):,} of {int(float(total)):,})" if known else "")


def _counts(row: dict, measure: str) -> tuple[object, object]:
    """(hits, total) behind a precision or recall, from a score file or a validation row."""
    matched = row.get("matched")
    if measure == "precision":
        return matched, row.get("n_predicted", row.get("predicted"))
    if measure == "recall":
        return matched, row.get("n_gold", row.get("gold"))
    return None, None


def development_table(task: str, folder: str | Path | None = None) -> pd.DataFrame:
    """One row per development-set score file of ``task`` (quotes, numbers): the set, its size, its measures,
    each precision and recall with its counts."""
    folder = Path(folder) if folder else PROJECT_ROOT / "book" / "scores"
    measures = MEASURES.get(task, ["precision", "recall", "f1"])
    rows = []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("task") != task:
            continue
        row = {"set": path.stem, "kind": DEVELOPMENT_LABEL, "articles": data.get("articles"),
               "gold": data.get("n_gold")}
        row.update({m: counted(data[m], *_counts(data, m)) for m in measures if m in data})
        rows.append(row)
    return pd.DataFrame(rows, columns=["set", "kind", "articles", "gold", *measures]).dropna(axis=1, how="all")


def scores_side_by_side(scores: pd.DataFrame, task: str, kind: str, columns: list[str] | None = None,
                        folder: str | Path | None = None) -> pd.DataFrame:
    """The study's own scores and the development-set scores in one table, each row labelled with its kind,
    precision and recall with their counts."""
    dev = development_table(task, folder)
    measures = [c for c in (columns or []) if c not in ("test_set", "gold")] or MEASURES.get(
        task, ["precision", "recall", "f1"])
    own = []
    for r in scores.to_dict("records"):
        row = {"set": r.get("test_set", "this study"), "kind": kind, "gold": r.get("gold")}
        row.update({m: counted(r[m], *_counts(r, m)) for m in measures if m in r})
        own.append(row)
    table = pd.concat([pd.DataFrame(own), dev.drop(columns=["articles"], errors="ignore")], ignore_index=True)
    return table[[c for c in ["set", "kind", "gold", *measures] if c in table]]


def accuracy_summary(task: str, scores: pd.DataFrame, kind: str,
                     measures: tuple[str, ...] = ("precision", "recall", "f1")) -> str:
    """One sentence on an analysis's accuracy: the study's own scores, or the development sets' (or neither)."""
    if not scores.empty:
        r = scores.iloc[0].to_dict()
        values = ", ".join(f"{m.replace('_', ' ')} {counted(r[m], *_counts(r, m))}" for m in measures if m in r)
        return f"Against this study's own gold ({kind}): {values}."
    dev = development_table(task)
    if dev.empty:
        return "This study has no gold annotations for it, and no development-set score exists."
    parts = [f"{s}: " + ", ".join(f"{m.replace('_', ' ')} {v}" for m, v in row.items()
                                  if m in measures and pd.notna(v) and v != "")
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
    if not scores.empty and task not in MEASURES:  # no development set measures this task: its own table
        shown = scores[[c for c in columns if c in scores]] if columns else scores
        report.show(shown, max_rows=None, labels=labels,
                    caption=f"Scored against this study's own gold annotations ({kind}).")
        report.say(kind_sentence(kind), "" if kind == "held-out" else NO_HELD_OUT)
        return True
    if not scores.empty:
        both = scores_side_by_side(scores, task, kind, columns)
        report.show(both, max_rows=None, labels={"set": "Test set", "kind": "Kind", **(labels or {})},
                    caption=f"Scored against this study's own gold annotations ({kind}) and, where they exist, "
                    f"on outside development sets ({DEVELOPMENT_LABEL}); precision and recall with their counts.")
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
