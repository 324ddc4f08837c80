"""A study is a folder: ``study.yaml``, its codebook, its corpus (or the path to it), optional gold and prose.

``study.yaml`` says what the study is (name, language, the event's year and window, notes on its outlets,
whether its corpus may be redistributed) and where its parts are, relative to the folder:

- ``corpus`` (default ``corpus``): the articles, a folder of ``*.txt`` or one JSONL/CSV/Parquet file;
- ``codebook`` (default ``codebook``): the event codebook;
- ``gold`` (default ``gold``): hand annotations of this study's own articles, if any, and ``gold_kind``
  (in-sample, development or held-out: what the rules had seen of them when they were written);
- ``prose`` (default ``prose``): sentences that only fit this study, shown only in its book.

The codebook of a study takes the event's name, language, year, window and outlets from ``study.yaml``
(:func:`event_facts`), so they are written once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from helpers.inputs.codebook_files import CodebookError, read_codebook_file
from helpers.inputs.config import resolve

STUDY_FILE = "study.yaml"
EVENT_KEYS = ("name", "language", "year", "window", "outlets")  # what the codebook's event section takes from it


class StudyError(CodebookError):
    """A study folder or its study.yaml is missing or malformed; the message names the file."""


@dataclass(frozen=True)
class StudyFolder:
    """One study's parts, as absolute paths."""

    root: Path
    name: str
    corpus: Path
    codebook: Path
    gold: Path | None
    gold_kind: str
    prose: Path | None
    redistribute_corpus: bool
    facts: dict[str, Any] = field(default_factory=dict, repr=False)

    def gold_file(self, name: str) -> Path | None:
        """``gold/NAME.csv`` of this study, when it has one."""
        if self.gold is None:
            return None
        path = self.gold / f"{name}.csv"
        return path if path.is_file() else None


def read_study(folder: str | Path) -> StudyFolder:
    """The study in ``folder``; :class:`StudyError` naming the file when it is not one."""
    root = resolve(folder)
    path = root / STUDY_FILE
    if not root.is_dir():
        raise StudyError(f"{root}: study folder not found")
    if not path.is_file():
        raise StudyError(f"{path}: not found; a study folder holds a study.yaml (make one with "
                         "`python -m helpers new-study NAME`)")
    facts = read_codebook_file(path, is_general=False)

    def part(key: str, must_exist: bool) -> Path | None:
        where = (root / str(facts.get(key, key))).resolve()
        if where.exists():
            return where
        if must_exist:
            raise StudyError(f"{path}: {key} {where} not found")
        return None

    corpus, codebook = part("corpus", True), part("codebook", True)
    assert corpus is not None and codebook is not None
    return StudyFolder(root=root, name=str(facts["name"]), corpus=corpus, codebook=codebook, gold=part("gold", False),
                       gold_kind=str(facts.get("gold_kind", "in-sample")), prose=part("prose", False),
                       redistribute_corpus=bool(facts.get("redistribute_corpus", False)), facts=facts)


def study_of(codebook_dir: Path) -> Path | None:
    """The study folder a codebook belongs to (its parent holds a study.yaml), or None."""
    parent = Path(codebook_dir).resolve().parent
    return parent if (parent / STUDY_FILE).is_file() else None


def event_facts(codebook_dir: Path) -> dict[str, Any]:
    """The event's name, language, year, window and outlets from the study.yaml beside a codebook ({} if none)."""
    root = study_of(codebook_dir)
    if root is None:
        return {}
    facts = read_codebook_file(root / STUDY_FILE, is_general=False)
    return {k: facts[k] for k in EVENT_KEYS if k in facts}
