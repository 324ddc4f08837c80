"""Notebooks a researcher runs by hand: clean in git whatever Lab saves, and never touching a published run."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest

from helpers.inputs.config import NOTEBOOKS_DIR, PROJECT_ROOT
from helpers.pipeline.driver import discover
from helpers.pipeline.publish import check_out
from helpers.pipeline.study import StudyInputError, load_study


def _git(*args: str, stdin: bytes | None = None) -> str:
    return subprocess.run(["git", "-C", str(PROJECT_ROOT), *args], input=stdin, capture_output=True,
                          check=True).stdout.decode().strip()


def _filter_configured() -> bool:
    try:
        return bool(_git("config", "--get", "filter.nbstripout.clean"))
    except (subprocess.CalledProcessError, FileNotFoundError):
        return False


needs_filter = pytest.mark.skipif(not _filter_configured(), reason="the notebooks' git filter is configured by "
                                  "`make setup` (not run in this clone)")


def _as_git_stores(path: Path, content: Path | None = None) -> bytes:
    """The blob git would commit for ``path`` (attributes and filters of ``path``; bytes of ``content``)."""
    blob = _git("hash-object", "-w", f"--path={path.relative_to(PROJECT_ROOT)}", str(content or path))
    return subprocess.run(["git", "-C", str(PROJECT_ROOT), "cat-file", "blob", blob], capture_output=True,
                          check=True).stdout


@needs_filter
def test_what_git_would_commit_of_every_notebook_is_clean():
    for path in discover(NOTEBOOKS_DIR):
        nb = nbformat.reads(_as_git_stores(path).decode("utf-8"), as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert not cell.outputs and cell.execution_count is None, path.name
        assert "language_info" not in nb.metadata, path.name


@needs_filter
def test_a_notebook_saved_with_outputs_looks_unchanged_to_git(tmp_path):
    """Lab adds outputs, execution counts, language details and cell metadata; git sees none of it."""
    path = NOTEBOOKS_DIR / "04_numbers.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.metadata["language_info"] = {"name": "python", "version": "3.11.7", "file_extension": ".py"}
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.execution_count = 7
            cell.outputs = [nbformat.v4.new_output("stream", text="x" * 5000)]
            cell.metadata["execution"] = {"iopub.status.busy": "2026-12-07T02:00:00"}
    saved = tmp_path / "saved.ipynb"
    nbformat.write(nb, saved)
    assert saved.stat().st_size > path.stat().st_size + 10_000
    assert _as_git_stores(path, saved) == _as_git_stores(path)


def test_the_stored_kernel_is_the_one_make_lab_registers():
    makefile = (PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")
    for path in discover(NOTEBOOKS_DIR):
        spec = nbformat.read(path, as_version=4).metadata["kernelspec"]
        assert f'--name {spec["name"]} --display-name "{spec["display_name"]}"' in makefile, path.name


def test_a_missing_path_is_one_line_naming_the_rule(monkeypatch):
    monkeypatch.chdir(NOTEBOOKS_DIR)  # where Jupyter starts a notebook's kernel
    with pytest.raises(StudyInputError) as caught:
        load_study("../seeds", "studies/kazakhstan-2022/codebook", "build/scratch")
    (line,) = caught.value._render_traceback_()
    assert "corpus_dir = '../seeds'" in line and "relative to the project root" in line


def _tree(folder: Path) -> dict[str, str]:
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): (hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir")
            for p in sorted(folder.rglob("*")) if "scratch" not in p.relative_to(folder).parts[:1]}


@pytest.mark.slow
def test_a_hand_run_from_notebooks_leaves_the_published_run_alone():
    """As Lab runs it: nbclient, in notebooks/, with the stored parameters."""
    from nbclient import NotebookClient

    build = PROJECT_ROOT / "build"
    before = _tree(build)
    had_scratch = (build / "scratch").exists()
    nb = nbformat.read(NOTEBOOKS_DIR / "05_provenance.ipynb", as_version=4)
    try:
        NotebookClient(nb, timeout=600, kernel_name="python3",
                       resources={"metadata": {"path": str(NOTEBOOKS_DIR)}}).execute()
        errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
        assert not errors
        assert _tree(build) == before  # nothing of a published run (results, figures, runs) changed
        assert list((build / "scratch" / "figures").glob("05_*.svg"))
        check_out(build)  # and `make book` still accepts the folder
    finally:
        if not had_scratch:
            shutil.rmtree(build / "scratch", ignore_errors=True)


def test_notebooks_cite_with_links_lab_can_show_and_the_book_turns_into_roles():
    """JupyterLab shows a ``{cite}`` role raw; a notebook writes ``[Authors Year](cite:key)`` instead, and the
    published notebook carries the bibliography's role."""
    from helpers.pipeline.publishable import cite_roles, publishable

    cited = 0
    for path in discover():
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                assert "{cite" not in cell.source, f"{path.name}: write [Authors Year](cite:key) for Lab"
                cited += cell.source.count("](cite:")
    assert cited > 0
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(
        "Tone [Hutto and Gilbert 2014](cite:hutto2014vader); both [A; B](cite:a2000x,b-2001y); [a page](https://x.org).")])
    assert publishable(nb).cells[0].source == ("Tone {cite}`hutto2014vader`; both {cite}`a2000x,b-2001y`; "
                                               "[a page](https://x.org).")
    assert cite_roles("no citation here") == "no citation here"
