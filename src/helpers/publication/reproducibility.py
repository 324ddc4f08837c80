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
    rows = []
    for actor, spec in codebook.section("actor_labels").get("targets", {}).items():
        for label, terms in spec.get("labels", {}).items():
            rows.append({"actor": actor, "label": label, "terms": ", ".join(terms)})
    return pd.DataFrame(rows, columns=["actor", "label", "terms"])


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
