"""The papermill driver: parameters, failures, hidden plumbing, atomic results."""

from __future__ import annotations

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from helpers.inputs.config import NOTEBOOKS_DIR
from helpers.inputs.results import read_table, write_table
from helpers.pipeline.driver import DriverError, declared_parameters, discover, run

PARAMS = 'corpus_dir = "seeds"\ncodebook_dir = "x"\nwork_dir = "build"'
WRITE = (
    "import pandas as pd\nfrom pathlib import Path\nfrom helpers.inputs.results import write_table\n"
    "write_table(pd.DataFrame({'corpus': [Path(corpus_dir).name]}), Path(work_dir) / 'results' / 'r.csv')"
)


def notebook(folder, name, *sources, params=PARAMS):
    nb = new_notebook(cells=[new_markdown_cell("# T")])
    cell = new_code_cell(params)
    cell.metadata["tags"] = ["parameters"]
    nb.cells.append(cell)
    nb.cells += [new_code_cell(s) for s in sources]
    nb.metadata["kernelspec"] = {"name": "some-other-kernel", "display_name": "x", "language": "python"}
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, folder / name)
    return folder / name


def corpus(tmp_path):
    c = tmp_path / "corpus"
    c.mkdir()
    (c / "a.txt").write_text("Police said 12 people were detained on Friday.\n", encoding="utf-8")
    return c


def test_project_notebooks_declare_the_study_parameters():
    for path in discover(NOTEBOOKS_DIR):
        params = declared_parameters(nbformat.read(path, as_version=4), path.name)
        assert set(params) - {"tables_dir"} == {"corpus_dir", "codebook_dir", "work_dir", "study_dir"}, path.name
        assert params.get("tables_dir") is None, path.name  # by hand, a chapter computes its tables in memory


def test_project_notebooks_are_stored_clean():
    for path in discover(NOTEBOOKS_DIR):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert not cell.outputs and cell.execution_count is None, path.name
                assert "hide-input" in cell.metadata.get("tags", []) or "parameters" in cell.metadata.get("tags", [])


def test_run_writes_results_and_hides_plumbing(tmp_path):
    nbs = tmp_path / "nbs"
    notebook(nbs, "01_a.ipynb", WRITE, "print('hello')")
    out = tmp_path / "out"
    book = tmp_path / "book" / "chapters"
    logs = []
    runs = run(
        corpus(tmp_path),
        out,
        codebook=tmp_path,
        book_dir=book,
        notebooks_dir=nbs,
        log=lambda *a, **k: logs.append(a[0]),
    )
    assert [r.notebook for r in runs] == ["01_a.ipynb"]
    assert read_table(out / "results" / "r.csv")["corpus"].tolist() == ["corpus"]
    executed = nbformat.read(book / "01_a.ipynb", as_version=4)
    assert executed.metadata.kernelspec.name == "python3"
    injected = [c for c in executed.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert injected and "remove-cell" in injected[0].metadata.tags
    assert any("done in" in line for line in logs)
    assert not list(out.glob(".staging-*"))


def test_unknown_parameter_rejected(tmp_path):
    nbs = tmp_path / "nbs"
    notebook(nbs, "01_a.ipynb", "x = 1")
    with pytest.raises(DriverError, match=r"01_a.ipynb: unknown parameter\(s\) \['colour'\]"):
        run(
            corpus(tmp_path),
            tmp_path / "out",
            codebook=tmp_path,
            notebooks_dir=nbs,
            extra={"colour": "red"},
            log=lambda *a, **k: None,
        )


def test_failure_names_notebook_and_cell_and_keeps_previous_results(tmp_path):
    nbs = tmp_path / "nbs"
    notebook(nbs, "01_a.ipynb", WRITE.replace("Path(corpus_dir).name", "'previous'"))
    out, texts = tmp_path / "out", corpus(tmp_path)
    run(texts, out, codebook=tmp_path, notebooks_dir=nbs, log=lambda *a, **k: None)
    previous = out / "results" / "r.csv"
    notebook(nbs, "01_a.ipynb", WRITE)
    notebook(nbs, "02_b.ipynb", "x = 1", "raise ValueError('the numbers do not add up')")
    with pytest.raises(DriverError) as err:
        run(
            texts,
            out,
            codebook=tmp_path,
            notebooks_dir=nbs,
            book_dir=tmp_path / "book",
            log=lambda *a, **k: None,
        )
    msg = str(err.value)
    assert "02_b.ipynb" in msg and "cell 3" in msg and "the numbers do not add up" in msg
    # the earlier notebook's new result was not swapped in, and no book source was published
    assert read_table(previous)["corpus"].tolist() == ["previous"]
    assert not (tmp_path / "book").exists()


def test_missing_corpus_is_a_clear_error(tmp_path):
    with pytest.raises(DriverError, match="corpus not found"):
        run(tmp_path / "nope", tmp_path / "out", log=lambda *a, **k: None)


def test_atomic_write_leaves_no_temporary_files(tmp_path):
    import pandas as pd

    path = write_table(pd.DataFrame({"a": [1.0 / 3]}), tmp_path / "x.csv")
    assert path.read_text() == "a\n0.333333\n"
    assert [p.name for p in tmp_path.iterdir()] == ["x.csv"]
