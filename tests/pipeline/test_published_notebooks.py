"""The notebooks a reader downloads run as downloaded, and a failing notebook shows the kernel's error."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from helpers.inputs.config import PROJECT_ROOT
from helpers.pipeline.notebook_runs import declared_parameters, execute
from helpers.pipeline.publish import DriverError

pytestmark = pytest.mark.slow


def _as_downloaded(published: Path, to: Path) -> Path:
    """The page's notebook as a reader gets it, without the outputs (they run it again)."""
    nb = nbformat.read(published, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nbformat.write(nb, to)
    return to


def test_a_downloaded_notebook_runs_as_downloaded_from_a_checkout(seed_run, tmp_path):
    published = seed_run / "book" / "chapters" / "01_normalisation.ipynb"
    nb = nbformat.read(published, as_version=4)
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1
    assert "<out>" not in injected[0].source and "tables_dir" not in injected[0].source
    source = _as_downloaded(published, tmp_path / "01_normalisation.ipynb")
    # run as a reader would, with no parameter given: the parameters cell's defaults (the first study)
    execute(source, tmp_path / "ran.ipynb", {}, cwd=PROJECT_ROOT)
    ran = nbformat.read(tmp_path / "ran.ipynb", as_version=4)
    errors = [o for c in ran.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.output_type == "error"]
    assert errors == []
    assert declared_parameters(ran)["study_dir"] == "studies/kazakhstan-2022"


def test_a_failing_notebook_shows_the_kernels_error(tmp_path):
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell("width = 3")
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, nbformat.v4.new_code_cell("raise ValueError(f'the width {width} is not a colour')")]
    source = tmp_path / "09_broken.ipynb"
    nbformat.write(nb, source)
    with pytest.raises(DriverError) as caught:
        execute(source, tmp_path / "out.ipynb", {"width": 4}, cwd=tmp_path)
    message = str(caught.value)
    assert "09_broken.ipynb failed in cell 1" in message
    assert "ValueError: the width 4 is not a colour" in message
