"""Notebooks two at a time: the runs come back in notebook order, and a failure still names its cell and error."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from helpers.pipeline.notebook_jobs import execute_all, notebook_jobs
from helpers.pipeline.publish import DriverError


def _notebook(folder: Path, name: str, source: str) -> Path:
    params = nbformat.v4.new_code_cell("label = 'x'")
    params.metadata["tags"] = ["parameters"]
    nb = nbformat.v4.new_notebook(cells=[params, nbformat.v4.new_code_cell(source)])
    nbformat.write(nb, folder / name)
    return folder / name


def _run(tmp_path: Path, sources: dict[str, str]) -> tuple[list, list[str]]:
    (tmp_path / "run" / "notebooks").mkdir(parents=True)
    nbs = [_notebook(tmp_path, name, source) for name, source in sources.items()]
    lines: list[str] = []
    runs = execute_all(nbs, tmp_path / "run", {"label": "given"}, {}, lambda line, **k: lines.append(line), jobs=2)
    return runs, lines


def test_jobs_follow_the_workers_asked_for():
    assert notebook_jobs(1) == 1 and notebook_jobs(8) == 2


@pytest.mark.slow
def test_two_at_a_time_return_every_run_in_order(tmp_path):
    runs, lines = _run(tmp_path, {"01_a.ipynb": "import time\ntime.sleep(2)\nprint(label)",
                                  "02_b.ipynb": "print(label * 2)", "03_c.ipynb": "print(label + '!')"})
    assert [r.notebook for r in runs] == ["01_a.ipynb", "02_b.ipynb", "03_c.ipynb"]
    out = nbformat.read(runs[1].output, as_version=4)
    assert out.cells[-1].outputs[0]["text"] == "givengiven\n"
    assert lines.index("notebook 2/3 02_b.ipynb ...") < lines.index(
        next(x for x in lines if x.startswith("notebook 1/3 01_a.ipynb done in")))  # b started while a ran
    assert lines[-1].startswith("notebooks: 3 notebooks done in")


@pytest.mark.slow
def test_a_failing_notebook_names_its_cell_and_the_kernels_error(tmp_path):
    with pytest.raises(DriverError) as caught:
        _run(tmp_path, {"01_a.ipynb": "import time\ntime.sleep(60)",
                        "02_broken.ipynb": "raise ValueError(f'the label {label} is not a colour')"})
    message = str(caught.value)
    assert "02_broken.ipynb failed in cell 1" in message
    assert "ValueError: the label given is not a colour" in message
