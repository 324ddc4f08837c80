"""All of a run's notebooks, two at a time: each in a child process of its own, which starts its kernel and runs it.

A kernel spends much of a chapter starting, importing and drawing, on one core; the machine has more.
Each notebook runs in a child process (spawned, so it shares no thread or lock with the driver) that calls
:func:`helpers.pipeline.notebook_runs.execute`, exactly as a run one at a time does, and sends back the
seconds taken, the error message (which names the notebook, the cell and the kernel's error) or the signal
that stopped it. A failure or a stop ends the other running notebooks (SIGTERM: each child shuts its
kernel down) before the run reports it, so a failed run is reported as it is when run one at a time.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import TYPE_CHECKING

from helpers.inputs.config import PROJECT_ROOT
from helpers.pipeline.progress import Progress, watched
from helpers.pipeline.publish import DriverError, RunStopped

if TYPE_CHECKING:  # notebook_runs imports nbformat, so a child imports it only after json_validator (see _child)
    from helpers.pipeline.notebook_runs import NotebookRun

NOTEBOOK_JOBS = 2  # notebooks run at once when the machine has the cores (a kernel mostly uses one)
STOP_WAIT_S = 30.0  # seconds a stopped child has to shut its kernel down before it is killed


def notebook_jobs(workers: int | None) -> int:
    """How many notebooks run at once: two, or fewer when the run is asked for fewer workers or cores."""
    return max(1, min(NOTEBOOK_JOBS, workers or os.cpu_count() or 1))


def _stop(signum: int, frame: object) -> None:
    raise RunStopped("run stopped by SIGTERM")


def _child(source: Path, output: Path, given: dict[str, object], scrub: dict[str, str], conn: Connection) -> None:
    """Run one notebook; send ('done', seconds), ('failed', message) or ('stopped', signal number)."""
    from helpers.inputs.codebook_schema import json_validator

    json_validator()  # jsonschema without its unused grammars, before nbformat imports it (1 s per child)
    from helpers.pipeline.notebook_runs import execute

    signal.signal(signal.SIGTERM, _stop)
    try:
        conn.send(("done", execute(source, output, given, PROJECT_ROOT, scrub)))
    except RunStopped as exc:
        conn.send(("stopped", int(exc.signum)))
    except DriverError as exc:
        conn.send(("failed", str(exc)))
    except KeyboardInterrupt:
        conn.send(("stopped", int(signal.SIGINT)))
    except Exception as exc:  # anything else still reaches the run as one message naming the notebook
        conn.send(("failed", f"notebook {source.name} failed: {type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def _outcome(name: str, message: tuple[str, object] | None, exitcode: int | None) -> float:
    """The seconds a notebook took, or the error its child reported (or its death, when it reported nothing)."""
    if message is None:
        raise DriverError(f"notebook {name} failed: its process ended without a result (exit code {exitcode})")
    kind, value = message
    if kind == "done":
        return float(value)  # type: ignore[arg-type]
    if kind == "stopped":
        if value == signal.SIGINT:
            raise KeyboardInterrupt
        raise RunStopped("run stopped by SIGTERM")
    raise DriverError(str(value))


def _end(children: dict[int, tuple[multiprocessing.Process, Connection, str]]) -> None:
    """Stop the notebooks still running (each child shuts its kernel down on SIGTERM) and wait for them."""
    for proc, _, _ in children.values():
        if proc.is_alive():
            proc.terminate()
    for proc, conn, _ in children.values():
        proc.join(STOP_WAIT_S)
        if proc.is_alive():
            proc.kill()
            proc.join()
        conn.close()
    children.clear()


def in_parallel(todo: list[tuple[int, Path]], jobs: int,
                start: Callable[[int, Path], tuple[Path, Path, dict[str, object]]],
                done: Callable[[int, float], None], scrub: dict[str, str]) -> None:
    """Run the numbered notebooks ``jobs`` at a time, in order of number; ``start`` says what one runs with
    (and logs its start), ``done`` records its seconds (and logs its end)."""
    context = multiprocessing.get_context("spawn")
    children: dict[int, tuple[multiprocessing.Process, Connection, str]] = {}
    queue = list(todo)
    try:
        while queue or children:
            while queue and len(children) < jobs:
                i, source = queue.pop(0)
                receive, send = context.Pipe(duplex=False)
                proc = context.Process(target=_child, args=(*start(i, source), scrub, send),
                                       name=f"notebook {source.name}", daemon=True)
                proc.start()
                send.close()  # the child holds the sending end: a child that dies unheard reads as end of file
                children[i] = (proc, receive, source.name)
            ready = wait([conn for _, conn, _ in children.values()])
            for i in [i for i, (_, conn, _) in children.items() if conn in ready]:
                proc, conn, name = children.pop(i)
                try:
                    message = conn.recv()
                except EOFError:
                    message = None
                proc.join()
                conn.close()
                done(i, _outcome(name, message, proc.exitcode))
    finally:
        _end(children)


def _given(source: Path, params: dict[str, object], tables: Path | None,
           optional: dict[str, object] | None) -> dict[str, object]:
    """The parameters one notebook receives: the run's, the tables folder and the optional ones it declares."""
    from helpers.pipeline.notebook_runs import declares
    from helpers.pipeline.stages import PARAMETER as TABLES_PARAMETER

    given = dict(params)
    if tables is not None and declares(source, TABLES_PARAMETER):
        given[TABLES_PARAMETER] = str(tables)
    given.update({k: v for k, v in (optional or {}).items() if declares(source, k)})
    return given


def execute_all(notebooks: list[Path], folder: Path, params: dict[str, object], scrub: dict[str, str],
                 log: Callable[..., None], tables: Path | None = None,
                 optional: dict[str, object] | None = None, jobs: int = 1) -> list[NotebookRun]:
    """Execute the notebooks, ``jobs`` at a time (each in its own kernel; a chapter reads only the run's tables,
    so their order does not change what they show); log each start and end, and while they run, one progress
    line with the time so far and left. The runs are returned in notebook order."""
    from helpers.pipeline.notebook_runs import NOTEBOOK_EVERY_S, NotebookRun, execute

    progress = Progress("notebooks", len(notebooks), log, unit="notebook")
    runs: dict[int, NotebookRun] = {}
    started: dict[int, str] = {}

    def start(i: int, source: Path) -> tuple[Path, Path, dict[str, object]]:
        log(f"notebook {i}/{len(notebooks)} {source.name} ...", flush=True)
        started[i] = source.name
        progress.current = "running " + ", ".join(started.values())
        return source, folder / "notebooks" / source.name, _given(source, params, tables, optional)

    def done(i: int, seconds: float) -> None:
        name = started.pop(i)
        progress.done, progress.current = len(runs) + 1, ("running " + ", ".join(started.values())) if started else ""
        log(f"notebook {i}/{len(notebooks)} {name} done in {seconds:.1f} s", flush=True)
        runs[i] = NotebookRun(name, seconds, folder / "notebooks" / name)

    with watched(progress, every=NOTEBOOK_EVERY_S):
        if jobs <= 1 or len(notebooks) <= 1:
            for i, source in enumerate(notebooks, 1):
                done(i, execute(*start(i, source), PROJECT_ROOT, scrub))
        else:
            in_parallel(list(enumerate(notebooks, 1)), jobs, start, done, scrub)
    progress.finish()
    return [runs[i] for i in sorted(runs)]
