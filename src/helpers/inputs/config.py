"""Paths anchored at the project root, so notebooks, tests and the driver agree on every location.

Notebooks run with the project root as their working directory, but a researcher may also open them
from elsewhere; resolving every relative path here keeps the answer the same in both cases.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[1]
PROJECT_ROOT = Path(os.environ.get("REFRACT_ROOT", PACKAGE_DIR.parents[1])).resolve()
CODEBOOKS_DIR = PACKAGE_DIR / "codebooks"
GENERAL_DIR = CODEBOOKS_DIR / "general"
DEFAULT_LANGUAGE = "en"
GENERAL_CODEBOOK = GENERAL_DIR / DEFAULT_LANGUAGE
TEMPLATES_DIR = CODEBOOKS_DIR / "templates"
DEFAULT_CODEBOOK = CODEBOOKS_DIR / "kazakhstan-2022"
DEFAULT_CORPUS = PROJECT_ROOT / "seeds"
DEFAULT_WORK = PROJECT_ROOT / "build"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
BOOK_DIR = PROJECT_ROOT / "book"
GOLD_DIR = PROJECT_ROOT / "tests" / "gold"  # hand-written gold annotations (data, never imported)
NLTK_DATA_DIR = Path(os.environ.get("REFRACT_NLTK_DATA", PROJECT_ROOT / ".nltk_data")).resolve()


def resolve(path: str | os.PathLike[str]) -> Path:
    """Resolve a user-supplied path against the project root unless it is already absolute."""
    p = Path(path).expanduser()
    return p if p.is_absolute() else (PROJECT_ROOT / p).resolve()


def results_dir(work_dir: str | os.PathLike[str]) -> Path:
    """Where a run writes its result tables (the DESIGN.md contract)."""
    return resolve(work_dir) / "results"
