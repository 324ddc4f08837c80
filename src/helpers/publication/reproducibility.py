"""What a reader needs to reproduce or audit a run: parameters, input hashes, versions, codebooks as tables."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

import pandas as pd

from helpers.inputs.codebook import Codebook
from helpers.inputs.config import PROJECT_ROOT, resolve

KEY_PACKAGES = [
    "jupyter-book",
    "myst-nb",
    "sphinx",
    "papermill",
    "nbformat",
    "pandas",
    "numpy",
    "matplotlib",
    "nltk",
    "vaderSentiment",
    "datasketch",
    "itables",
    "pyyaml",
]


def relative(path: str | Path) -> str:
    """A path relative to the project root when it lies inside it (so outputs do not depend on the machine)."""
    p = resolve(path)
    try:
        return str(p.relative_to(PROJECT_ROOT))
    except ValueError:
        return str(p)


def parameters_table(corpus_dir: str, codebook_dir: str) -> pd.DataFrame:
    return pd.DataFrame(
        {"parameter": ["corpus_dir", "codebook_dir"], "value": [relative(corpus_dir), relative(codebook_dir)]}
    )


def package_versions(packages: list[str] = KEY_PACKAGES) -> pd.DataFrame:
    rows = []
    for name in packages:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "not installed"
        rows.append({"package": name, "version": version})
    import platform

    rows.append({"package": "python", "version": platform.python_version()})
    return pd.DataFrame(rows)


def alias_table(codebook: Codebook) -> pd.DataFrame:
    forms = codebook.aliases.groupby(["canonical", "form"])["variant"].apply(lambda s: "; ".join(s)).unstack("form")
    table = codebook.entities.merge(forms.reset_index(), on="canonical", how="left").fillna("")
    return table


def actor_label_table(codebook: Codebook) -> pd.DataFrame:
    """Group, who is meant, label, terms, and the modifiers that claim a head noun for the group."""
    rows = []
    for actor, spec in codebook.section("actor_labels").get("targets", {}).items():
        for label, terms in spec.get("labels", {}).items():
            rows.append({"group": spec.get("label", actor), "who is meant": spec.get("actor", ""), "label": label,
                         "terms": ", ".join(map(str, terms)),
                         "modifiers": ", ".join(map(str, spec.get("modifiers", []) or []))})
    return pd.DataFrame(rows, columns=["group", "who is meant", "label", "terms", "modifiers"])


def development_scores(folder: str | Path | None = None) -> pd.DataFrame:
    """Scores on outside development sets, read from ``book/scores/*.json`` when the files exist.

    These JSON files are written by ``python -m helpers evaluate`` and committed by hand; nothing is
    typed into the book. Every numeric value is listed with its path in the file. Returns an empty
    table when there are none, and the book then shows nothing.
    """
    import json

    folder = Path(folder) if folder else PROJECT_ROOT / "book" / "scores"
    rows: list[dict[str, object]] = []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ValueError(f"{path}: not a readable JSON score file ({exc})") from exc
        rows += [{"set": path.stem, "measure": key, "value": value} for key, value in _numbers(data)]
    return pd.DataFrame(rows, columns=["set", "measure", "value"])


def _numbers(data: object, prefix: str = "") -> list[tuple[str, float]]:
    """(dotted path, value) for every number in nested JSON (booleans excluded)."""
    if isinstance(data, dict):
        return [item for k, v in data.items() for item in _numbers(v, f"{prefix}{k}." if prefix or k else "")]
    if isinstance(data, list):
        return [item for i, v in enumerate(data) for item in _numbers(v, f"{prefix}{i}.")]
    if isinstance(data, (int, float)) and not isinstance(data, bool):
        return [(prefix.rstrip(".").replace("_", " "), float(data))]
    return []


def quantity_table(codebook: Codebook) -> pd.DataFrame:
    q = codebook.section("quantities")
    preds, nouns = q.get("predicates", {}), q.get("nouns", {})
    rows = []
    for cat, spec in q.get("categories", {}).items():
        rows.append(
            {
                "category": cat,
                "predicate terms": ", ".join(preds.get(spec.get("predicate"), [])),
                "counted nouns": "; ".join(
                    ", ".join(nouns.get(n, [])) if n else "(no noun)" for n in spec.get("nouns", [])
                ),
            }
        )
    rows.append(
        {
            "category": "(excluded contexts)",
            "predicate terms": ", ".join(q.get("exclude_contexts", [])),
            "counted nouns": "",
        }
    )
    return pd.DataFrame(rows, columns=["category", "predicate terms", "counted nouns"])


def boilerplate_table(codebook: Codebook) -> pd.DataFrame:
    rows = []
    for source, book in (
        ("event", codebook.event.get("boilerplate", {})),
        ("general", codebook.general["boilerplate"]),
    ):
        for kind in ("lines", "spans"):
            for entry in book.get(kind, []):
                rows.append(
                    {
                        "codebook": source,
                        "applies to": kind,
                        "kind": entry.get("kind", ""),
                        "pattern": entry.get("pattern", ""),
                        "ends body": bool(entry.get("ends_body", False)),
                    }
                )
    return pd.DataFrame(rows, columns=["codebook", "applies to", "kind", "pattern", "ends body"])


def general_tables(codebook: Codebook) -> dict[str, pd.DataFrame]:
    sv = codebook.section("speech_verbs")
    nw = codebook.section("number_words")
    ql = codebook.section("qualifiers")
    return {
        "Speech cues": pd.DataFrame(
            {
                "kind": ["verbs", "nouns", "phrases", "generic subjects"],
                "words": [", ".join(sv.get(k, [])) for k in ("verbs", "nouns", "phrases", "generic_subjects")],
            }
        ),
        "Vague quantities (value ranges)": pd.DataFrame(
            [{"phrase": k, "low": v[0], "high": v[1]} for k, v in nw.get("vague", {}).items()]
        ),
        "Qualifiers": pd.DataFrame([{"phrase": k, "qualifier": v} for k, v in ql.get("qualifiers", {}).items()]),
        "Qualifier intervals (v = the number as written)": pd.DataFrame(
            [{"qualifier": k, "low": str(v[0]), "high": str(v[1])} for k, v in ql.get("intervals", {}).items()]
        ),
        "Abbreviations for the sentence splitter": pd.DataFrame(
            {"abbreviations": [", ".join(sorted(codebook.abbreviations))]}
        ),
    }


SETTINGS_MODULES = (
    "helpers.text.normalise", "helpers.text.sentences", "helpers.text.names",
    "helpers.analyses.quotes.marks", "helpers.analyses.quotes.attribution", "helpers.analyses.quotes.cues",
    "helpers.analyses.quotes.mentions", "helpers.analyses.quotes.layouts", "helpers.analyses.quotes.drift",
    "helpers.analyses.numbers.lexicon", "helpers.analyses.numbers.categorise", "helpers.analyses.numbers.clauses",
    "helpers.analyses.numbers.spans", "helpers.analyses.numbers.breakdowns", "helpers.analyses.numbers.dates",
    "helpers.analyses.numbers.reconcile", "helpers.analyses.sentiment", "helpers.analyses.framing",
    "helpers.analyses.provenance", "helpers.analyses.near_copies", "helpers.analyses.story_families",
)


def rule_settings(modules: tuple[str, ...] = SETTINGS_MODULES) -> pd.DataFrame:
    """Every named number the rules use (windows, thresholds, caps), read from the modules themselves.

    The rules' character and word windows are named constants, never bare numbers, so this table is the
    complete list a reader needs to reproduce or question a decision.
    """
    import importlib

    rows = []
    for name in modules:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        for key, value in vars(module).items():
            if key.isupper() and isinstance(value, (int, float)) and not isinstance(value, bool):
                rows.append({"module": name.removeprefix("helpers."), "setting": key, "value": f"{value:g}"})
    return pd.DataFrame(rows, columns=["module", "setting", "value"])
