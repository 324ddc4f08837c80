"""The project's own paths, anchored at the project root; users' paths, resolved as they typed them.

The project's folders (codebooks, notebooks, the book) are found from the package, wherever the
command runs. A path a user types (``--corpus my/articles``) means what it means in their shell:
relative to the current folder. Notebooks run with the project root as their working directory and
receive absolute paths from the driver, so both agree.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[1]


def _project_root() -> Path:
    """The checkout the package runs from; installed as a wheel, the current folder (or REFRACT_ROOT).

    The studies (the first one's codebook and gold), the seeds, the notebooks and the book live in the
    checkout; the general codebooks and templates are package data, so a wheel install still starts and
    loads studies from any folder.
    """
    if os.environ.get("REFRACT_ROOT"):
        return Path(os.environ["REFRACT_ROOT"]).resolve()
    checkout = PACKAGE_DIR.parents[1]
    return checkout.resolve() if (checkout / "notebooks").is_dir() else Path.cwd().resolve()


PROJECT_ROOT = _project_root()
CODEBOOKS_DIR = PACKAGE_DIR / "codebooks"
GENERAL_DIR = CODEBOOKS_DIR / "general"
DEFAULT_LANGUAGE = "en"
GENERAL_CODEBOOK = GENERAL_DIR / DEFAULT_LANGUAGE
TEMPLATES_DIR = CODEBOOKS_DIR / "templates"
STUDIES_DIR = PROJECT_ROOT / "studies"
DEFAULT_STUDY = STUDIES_DIR / "kazakhstan-2022"  # the first study, which `make book` builds
DEFAULT_CODEBOOK = DEFAULT_STUDY / "codebook"
DEFAULT_CORPUS = PROJECT_ROOT / "seeds"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
BOOK_DIR = PROJECT_ROOT / "book"
GOLD_DIR = DEFAULT_STUDY / "gold"  # the first study's hand-written gold annotations (data, never imported)
NLTK_DATA_DIR = Path(os.environ.get("REFRACT_NLTK_DATA", PROJECT_ROOT / ".nltk_data")).resolve()


def resolve(path: str | os.PathLike[str]) -> Path:
    """An absolute path for a user-supplied one: relative paths are relative to the current folder, as in a shell.

    One exception: a kernel that Jupyter starts for a notebook runs in ``notebooks/``, while the
    notebooks' parameter defaults (``corpus_dir = "seeds"``) are written relative to the project
    root; there, relative paths resolve against the project root, as they do under the driver.
    """
    cwd = Path.cwd().resolve()
    base = PROJECT_ROOT if cwd == NOTEBOOKS_DIR.resolve() else cwd
    return (base / Path(path).expanduser()).resolve()

