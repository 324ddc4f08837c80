"""Start a new study: a folder with a copy of the general codebooks and commented event codebooks."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from helpers.inputs.config import DEFAULT_LANGUAGE, GENERAL_CODEBOOK, TEMPLATES_DIR


def new_study(name: str, dest: str | Path = ".") -> Path:
    """Create ``DEST/NAME/`` with ``codebook/`` (event templates + ``general/en/`` copy) and ``corpus/``.

    Refusals (a bad name, an existing folder, ``--dest`` a file) raise ValueError or OSError before anything
    is written; the command line prints them as one line.
    """
    if not re.fullmatch(r"[A-Za-z0-9][\w.-]*", name):
        raise ValueError(f"{name!r}: use letters, digits, '-', '_' or '.' for a study name")
    if Path(dest).exists() and not Path(dest).is_dir():
        raise NotADirectoryError(f"{dest}: --dest is a file, not a folder; choose a folder to create the study in")
    root = Path(dest) / name
    if root.exists() or root.is_symlink():
        raise FileExistsError(f"{root}: already exists; choose another name or remove it")
    codebook = root / "codebook"
    shutil.copytree(GENERAL_CODEBOOK, codebook / "general" / DEFAULT_LANGUAGE)
    for template in sorted(TEMPLATES_DIR.glob("*.yaml")):
        shutil.copy(template, codebook / template.name)
    (root / "corpus").mkdir(parents=True)
    (root / "corpus" / "manifest.csv").write_text("file,outlet,published,title,author,url,notes\n", encoding="utf-8")
    (root / "README.md").write_text(
        f"# {name}\n\nPut one article per UTF-8 `.txt` file in `corpus/` and describe them in "
        "`corpus/manifest.csv`, then edit the event codebooks in `codebook/` (start with `aliases.yaml`).\n"
        "Run every chapter with:\n\n"
        f"    python -m helpers run --corpus {root}/corpus --codebook {root}/codebook --out {root}/build\n",
        encoding="utf-8")
    return root
