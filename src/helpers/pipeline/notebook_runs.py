"""Executing the study's notebooks with papermill: discovery, parameters, one notebook.

The driver (:mod:`helpers.pipeline.driver`) decides what a run is; this module only runs notebooks: it
finds ``NN_*.ipynb`` in order, checks the parameters a notebook declares (papermill would only warn about
an unknown one), normalises the kernel name, retries a kernel that failed to start, turns papermill's
errors into one clear message naming the notebook and cell, and makes the executed notebook publishable.
Running all of a run's notebooks (two at a time) is :mod:`helpers.pipeline.notebook_jobs`.
"""

from __future__ import annotations

import ast
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat

from helpers.inputs.config import NOTEBOOKS_DIR
from helpers.pipeline.publish import DriverError, RunStopped
from helpers.pipeline.publishable import publishable

KERNEL = "python3"
START_RETRIES = 3
CELL_TIMEOUT_S = 3600
NOTEBOOK_EVERY_S = 30.0  # seconds between progress lines while a notebook runs
# The kernel logs only what is fatal to it: no transport warning on start, no "KeyboardInterrupt caught" on
# shutdown. A failing cell still reaches the run as the cell's error (papermill's execution error).
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=CRITICAL"]


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


def with_project_kernel(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Normalise the kernel name so every machine runs the project's own python3 kernel."""
    nb.metadata["kernelspec"] = {"name": KERNEL, "display_name": "Python 3", "language": "python"}
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


def execute(source: Path, output: Path, parameters: dict[str, object], cwd: Path,
            scrub: dict[str, str] | None = None) -> float:
    """Execute one notebook with papermill; retry kernel start-up races; return seconds taken."""
    import papermill as pm

    nb = with_project_kernel(nbformat.read(source, as_version=4))
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
                    extra_arguments=KERNEL_ARGUMENTS,
                )
                break
            except RuntimeError as exc:
                starting = "Address already in use" in str(exc) or "Kernel didn't respond" in str(exc)
                if not starting or attempt == START_RETRIES:
                    raise
                time.sleep(attempt)
    except RunStopped:
        raise
    except Exception as exc:  # papermill raises many types; all become one clear error
        raise _failure(source.name, exc) from None
    finally:
        prepared.unlink(missing_ok=True)
    out = publishable(nbformat.read(output, as_version=4), scrub)
    nbformat.write(out, output)
    return time.perf_counter() - t0


def declares(source: Path, name: str) -> bool:
    return name in declared_parameters(nbformat.read(source, as_version=4), source.name)
