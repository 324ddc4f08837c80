"""The papermill driver and the book build: run every notebook on a corpus, then build the site.

Notebooks are executed here, once, with papermill; Jupyter Book only renders them
(``execute_notebooks: off``), so the book shows exactly what the run computed. A run executes into a
staging folder and swaps results and notebooks into place only when every notebook succeeded: an
interrupted or failed run leaves the previous results and book source intact.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat

from helpers.inputs.config import BOOK_DIR, NOTEBOOKS_DIR, PROJECT_ROOT, resolve

PARAMETERS = ("corpus_dir", "codebook_dir", "work_dir")
KERNEL = "python3"
START_RETRIES = 3
CELL_TIMEOUT_S = 3600


class DriverError(RuntimeError):
    """A run cannot start or a notebook failed; the message names the notebook and the cell."""


@dataclass(frozen=True)
class NotebookRun:
    """What happened to one notebook in a run."""

    notebook: str
    seconds: float
    output: Path


def discover(notebooks_dir: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The study's notebooks in run order: ``NN_name.ipynb`` sorted by name."""
    found = sorted(p for p in Path(notebooks_dir).glob("[0-9][0-9]_*.ipynb"))
    if not found:
        raise DriverError(f"{notebooks_dir}: no NN_*.ipynb notebooks to run")
    return found


def declared_parameters(nb: nbformat.NotebookNode, name: str = "notebook") -> dict[str, object]:
    """Names and default values assigned in the cell tagged ``parameters``."""
    cells = [c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    if len(cells) != 1:
        raise DriverError(f"{name}: expected exactly one cell tagged 'parameters', found {len(cells)}")
    tree = ast.parse(cells[0].source)
    params: dict[str, object] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for t in targets:
                if isinstance(t, ast.Name) and node.value is not None:
                    params[t.id] = ast.literal_eval(node.value)
    return params


def check_parameters(nb: nbformat.NotebookNode, given: dict[str, object], name: str) -> None:
    """Reject parameter names the notebook does not declare (papermill would only warn)."""
    unknown = sorted(set(given) - set(declared_parameters(nb, name)))
    if unknown:
        raise DriverError(
            f"{name}: unknown parameter(s) {unknown}; the notebook declares {sorted(declared_parameters(nb, name))}"
        )


def prepare(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Normalise the kernel name so every machine runs the project's own python3 kernel."""
    nb.metadata["kernelspec"] = {"name": KERNEL, "display_name": "Python 3", "language": "python"}
    return nb


def publishable(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Hide papermill plumbing: remove the injected-parameters cell, hide the parameters cell."""
    for cell in nb.cells:
        tags = cell.setdefault("metadata", {}).setdefault("tags", [])
        if "injected-parameters" in tags and "remove-cell" not in tags:
            tags.append("remove-cell")
        if "parameters" in tags and "remove-cell" not in tags:
            tags.append("remove-cell")
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
    nb.metadata.pop("papermill", None)
    return nb


def _failure(name: str, exc: Exception) -> DriverError:
    import papermill.exceptions as pmx

    if isinstance(exc, pmx.PapermillExecutionError):
        cell = exc.cell_index - 1 if exc.cell_index else exc.cell_index  # minus the injected cell
        first = (exc.source or "").strip().splitlines()[:1]
        tail = "\n".join(pmx.strip_color(line) for line in exc.traceback[-6:])
        return DriverError(
            f"notebook {name} failed in cell {cell} ({first[0] if first else 'empty cell'!r}): "
            f"{exc.ename}: {exc.evalue}\n{tail}"
        )
    return DriverError(f"notebook {name} failed: {type(exc).__name__}: {exc}")


def execute(source: Path, output: Path, parameters: dict[str, object], cwd: Path) -> float:
    """Execute one notebook with papermill; retry kernel start-up races; return seconds taken."""
    import papermill as pm

    nb = prepare(nbformat.read(source, as_version=4))
    check_parameters(nb, parameters, source.name)
    prepared = output.with_suffix(".input.ipynb")
    nbformat.write(nb, prepared)
    t0 = time.perf_counter()
    try:
        for attempt in range(1, START_RETRIES + 1):
            try:
                pm.execute_notebook(
                    str(prepared),
                    str(output),
                    parameters=parameters,
                    kernel_name=KERNEL,
                    cwd=str(cwd),
                    progress_bar=False,
                    log_output=False,
                    request_save_on_cell_execute=False,
                    execution_timeout=CELL_TIMEOUT_S,
                )
                break
            except RuntimeError as exc:
                starting = "Address already in use" in str(exc) or "Kernel didn't respond" in str(exc)
                if not starting or attempt == START_RETRIES:
                    raise
                time.sleep(attempt)
    except Exception as exc:  # papermill raises many types; all become one clear error
        raise _failure(source.name, exc) from None
    finally:
        prepared.unlink(missing_ok=True)
    out = publishable(nbformat.read(output, as_version=4))
    nbformat.write(out, output)
    return time.perf_counter() - t0


def _swap(staged: Path, final: Path) -> None:
    """Replace ``final`` by ``staged`` with two renames; the old copy is removed last."""
    final.parent.mkdir(parents=True, exist_ok=True)
    old = final.with_name(final.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if final.exists():
        final.rename(old)
    staged.rename(final)
    if old.exists():
        shutil.rmtree(old)


def run(
    corpus: str | Path,
    out: str | Path,
    codebook: str | Path | None = None,
    book_dir: str | Path | None = None,
    notebooks_dir: str | Path = NOTEBOOKS_DIR,
    only: list[str] | None = None,
    extra: dict[str, object] | None = None,
    log=print,
) -> list[NotebookRun]:
    """Run every notebook on ``corpus``; write ``OUT/results/*.csv`` and ``OUT/notebooks``.

    With ``book_dir`` the executed notebooks are also placed there for Jupyter Book.
    """
    from helpers.inputs.config import DEFAULT_CODEBOOK

    corpus_p, out_p = resolve(corpus), resolve(out)
    codebook_p = resolve(codebook) if codebook else DEFAULT_CODEBOOK
    if not corpus_p.exists():
        raise DriverError(f"{corpus_p}: corpus not found")
    if not codebook_p.is_dir():
        raise DriverError(f"{codebook_p}: codebook folder not found")
    notebooks = discover(resolve(notebooks_dir))
    if only:
        notebooks = [p for p in notebooks if any(p.name.startswith(o) for o in only)]
    out_p.mkdir(parents=True, exist_ok=True)
    staging = out_p / f".staging-{os.getpid()}"
    if staging.exists():
        shutil.rmtree(staging)
    if only and (out_p / "notebooks").exists():  # a partial run keeps the other chapters' outputs
        shutil.copytree(out_p / "notebooks", staging / "notebooks")
    else:
        (staging / "notebooks").mkdir(parents=True)
    results = out_p / "results"
    for keep in ("results", "figures") if only else ():  # a partial run starts from the previous run's tables
        if (out_p / keep).exists():
            shutil.copytree(out_p / keep, staging / keep)
    params = {"corpus_dir": str(corpus_p), "codebook_dir": str(codebook_p), "work_dir": str(staging)}
    params.update(extra or {})
    os.environ.setdefault("PYTHONHASHSEED", "0")
    os.environ["REFRACT_RUN"] = "1"
    runs: list[NotebookRun] = []
    total = time.perf_counter()
    try:
        for i, source in enumerate(notebooks, 1):
            log(f"[{i}/{len(notebooks)}] {source.name} ...", flush=True)
            output = staging / "notebooks" / source.name
            seconds = execute(source, output, params, PROJECT_ROOT)
            log(f"[{i}/{len(notebooks)}] {source.name} done in {seconds:.1f} s", flush=True)
            runs.append(NotebookRun(source.name, seconds, output))
    except BaseException:
        log(f"run failed; previous results in {results} are unchanged; staging kept in {staging}", flush=True)
        raise
    for produced in sorted(p for p in staging.iterdir() if p.is_dir()):  # results/, figures/, notebooks/
        _swap(produced, out_p / produced.name)
    shutil.rmtree(staging)
    if book_dir:
        book_p = resolve(book_dir)
        tmp = book_p.with_name(book_p.name + ".new")
        if tmp.exists():
            shutil.rmtree(tmp)
        shutil.copytree(out_p / "notebooks", tmp)
        _swap(tmp, book_p)
        data = book_p.parent / "data"  # downloadable result tables for the book's data page
        tmp = data.with_name("data.new")
        if tmp.exists():
            shutil.rmtree(tmp)
        shutil.copytree(results, tmp)
        _swap(tmp, data)
    log(f"all {len(runs)} notebooks done in {time.perf_counter() - total:.1f} s; results in {results}", flush=True)
    return [NotebookRun(r.notebook, r.seconds, out_p / "notebooks" / r.notebook) for r in runs]


def build_book(book_dir: Path = BOOK_DIR, log=print) -> Path:
    """Build the site with Jupyter Book 1 in strict mode; return the path of index.html."""
    config = PROJECT_ROOT / "_config.yml"
    toc = book_dir / "_toc.yml"
    chapters = book_dir / "chapters"
    missing = [p.name for p in discover() if not (chapters / p.name).exists()]
    if missing:
        raise DriverError(f"{chapters}: executed notebooks missing ({missing}); run the driver first")
    cmd = [
        sys.executable,
        "-m",
        "jupyter_book",
        "build",
        str(book_dir),
        "--config",
        str(config),
        "--toc",
        str(toc),
        "--path-output",
        str(book_dir),
        "-W",
        "-n",
        "--keep-going",
        "--all",
    ]
    jb = Path(sys.executable).with_name("jupyter-book")
    if jb.exists():
        cmd = [str(jb), *cmd[3:]]
    log("building the book: " + " ".join(cmd[1:]), flush=True)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=PROJECT_ROOT, text=True, capture_output=True)
    html = book_dir / "_build" / "html"
    reports = html / "reports"
    if reports.exists():
        shutil.rmtree(reports)
    if proc.returncode != 0 or not (html / "index.html").exists():
        sys.stderr.write(proc.stdout[-20000:] + proc.stderr[-20000:])
        raise DriverError(f"jupyter-book build failed (exit {proc.returncode}); warnings are errors")
    log(f"book built in {time.perf_counter() - t0:.1f} s", flush=True)
    return html / "index.html"


def glued_values(notebook: str | Path) -> dict[str, str]:
    """The text/plain values a notebook glued (``myst_nb.glue``), by key; for tests and checks."""
    nb = nbformat.read(notebook, as_version=4)
    values: dict[str, str] = {}
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            meta = out.get("metadata", {}).get("scrapbook", {})
            if "name" in meta:
                prefix = meta.get("mime_prefix", "")
                values[meta["name"]] = out.get("data", {}).get(prefix + "text/plain", "")
    return values
