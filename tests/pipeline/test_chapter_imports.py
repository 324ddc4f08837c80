"""A chapter's kernel starts light: the chapters' imports and a codebook load leave NLTK, scipy.stats and
rfc3987_syntax unloaded (about 3 s of CPU per kernel before; the chapters only read the run's tables)."""

from __future__ import annotations

import ast
import subprocess
import sys

import nbformat

from helpers.inputs.config import DEFAULT_STUDY, NOTEBOOKS_DIR, PROJECT_ROOT

HEAVY = ("nltk", "scipy.stats", "rfc3987_syntax")


def _imports() -> list[str]:
    """Every import statement of the chapters' code cells, as written."""
    found: list[str] = []
    for path in sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code":
                tree = ast.parse(cell.source)
                found += [ast.unparse(n) for n in ast.walk(tree) if isinstance(n, ast.Import | ast.ImportFrom)]
    return sorted(set(found))


def test_chapter_imports_and_a_codebook_load_leave_the_heavy_packages_unloaded():
    imports = _imports()
    assert any("load_study" in line for line in imports)
    code = "\n".join([*imports, "from helpers.inputs.codebook import load_codebook",
                      f"load_codebook({str(DEFAULT_STUDY / 'codebook')!r})", "import sys",
                      f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))"])
    out = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout


def test_the_codebook_is_still_checked_and_rfc3987_syntax_still_imports():
    code = ("from helpers.inputs.codebook_schema import problems\n"
            "print(problems({'frames': 'riot'}, 'frames', False))\nimport rfc3987_syntax\nprint('importable')")
    out = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True)
    assert "importable" in out.stdout and "riot" in out.stdout, out.stdout
