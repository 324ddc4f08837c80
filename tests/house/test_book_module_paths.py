"""Every ``helpers.…`` path the book names imports.

The method page once named nine modules (``helpers.corpus``, ``helpers.normalise``, …) that a restructure
had moved; a reader who followed them found nothing. The book's pages and the notebooks' prose are read
here, and every dotted path under ``helpers`` they name must be a module, or an attribute of one.
"""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path

import pytest

from helpers.inputs.config import BOOK_DIR, NOTEBOOKS_DIR

DOTTED = re.compile(r"(?<![\w.])helpers(?:\.[A-Za-z_]\w*)+")


def named_paths(text: str) -> set[str]:
    """The dotted ``helpers`` paths a text names (a full stop ending a sentence is not part of one)."""
    return set(DOTTED.findall(text))


def book_texts() -> dict[str, str]:
    """The book's own pages, and the markdown cells of the notebooks (the prose a reader sees)."""
    texts = {p.relative_to(BOOK_DIR.parent).as_posix(): p.read_text(encoding="utf-8")
             for p in sorted(BOOK_DIR.glob("*.md"))}
    for nb in sorted(NOTEBOOKS_DIR.glob("*.ipynb")):
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        texts[nb.relative_to(NOTEBOOKS_DIR.parent).as_posix()] = "\n".join(
            "".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    return texts


def resolves(path: str) -> bool:
    """True when ``path`` imports as a module, or names an attribute of a module that imports."""
    try:
        importlib.import_module(path)
        return True
    except ImportError:
        pass
    module, _, attribute = path.rpartition(".")
    try:
        return hasattr(importlib.import_module(module), attribute)
    except ImportError:
        return False


NAMED = {(page, path) for page, text in book_texts().items() for path in named_paths(text)}


@pytest.mark.parametrize(("page", "path"), sorted(NAMED))
def test_every_module_path_the_book_names_imports(page: str, path: str):
    assert resolves(path), f"{page} names {path}, which does not import"


def test_the_method_page_names_modules():
    """So the test above cannot pass by finding nothing."""
    on_method = {path for page, path in NAMED if Path(page).name == "method.md"}
    assert {"helpers.inputs.corpus", "helpers.text.normalise", "helpers.analyses.quotes"} <= on_method


def test_a_moved_module_is_caught():
    text = "Loading (`helpers.corpus`), quotes (`helpers.analyses.quotes`) and `helpers.inputs.corpus.load_corpus`."
    assert named_paths(text) == {"helpers.corpus", "helpers.analyses.quotes", "helpers.inputs.corpus.load_corpus"}
    assert not resolves("helpers.corpus") and not resolves("helpers.inputs.corpus.no_such_function")
    assert resolves("helpers.analyses.quotes") and resolves("helpers.inputs.corpus.load_corpus")
