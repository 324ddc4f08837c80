"""The papermill driver and the book build: run every notebook on a corpus, then build the site.

Notebooks are executed here, once, with papermill; Jupyter Book only renders them
(``execute_notebooks: off``), so the book shows exactly what the run computed. A run executes into its
own folder and is published by one atomic switch only when every notebook succeeded (see
:mod:`helpers.pipeline.publish`): an interrupted or failed run leaves the previous results and book
source intact, and nothing that Refract did not make is ever replaced.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from helpers.inputs.config import BOOK_DIR, NOTEBOOKS_DIR, PROJECT_ROOT, resolve
from helpers.inputs.corpus import CorpusError
from helpers.pipeline.book_config import book_config, repository_url
from helpers.pipeline.notebook_jobs import execute_all, notebook_jobs
from helpers.pipeline.notebook_runs import (  # noqa: F401  (discover ... are used by the CLI and tests)
    KERNEL,
    NOTEBOOK_EVERY_S,
    NotebookRun,
    check_parameters,
    declared_parameters,
    declares,
    discover,
    execute,
    with_project_kernel,
)
from helpers.pipeline.progress import Progress, watched
from helpers.pipeline.publish import (
    GIT_KEY,
    PUBLISHED,
    PUBLISHING,
    RUNS,
    DriverError,
    RunStopped,
    check_book,
    check_out,
    check_outside_corpus,
    check_partial,
    current_run,
    leftovers,
    locked,
    new_run,
    previous_record,
    publish_book,
    publish_run,
    run_record,
)
from helpers.pipeline.stages import PARAMETER as TABLES_PARAMETER
from helpers.pipeline.stages import TABLES_DIR, EngineOptions, build, build_run_tables, export_results, survey

STUDY_PARAMETER = "study_dir"  # the notebook parameter that receives the study folder


def _converted(corpus: Path, out: Path, columns: dict[str, str]) -> Path:
    from helpers.inputs.corpus import CorpusError
    from helpers.pipeline.batch_outputs import converted

    try:
        return converted(corpus, out, columns)
    except CorpusError as exc:
        raise DriverError(str(exc)) from None


def _display(path: Path, name: str) -> str:
    """How a path is shown in the book: relative to the project when inside it, else by a placeholder."""
    try:
        return str(path.relative_to(PROJECT_ROOT))
    except ValueError:
        return f"<{name}>/{path.name}" if name != "out" else "<out>"


@contextmanager
def _stop_on_sigterm() -> Iterator[None]:
    """Turn SIGTERM into an exception, so a stopped run says so and cleans up like an interrupted one."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise RunStopped("run stopped by SIGTERM")

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _tables(notebooks: list[Path], inputs: tuple[Path, Path], folder: Path, folder_from: Path | None,
            surveyed: tuple[int | None, list[str]], engine: EngineOptions, log: Callable[..., None],
            study: Path | None = None) -> Path | None:
    """The engine stage: the run's per-article tables, when a notebook reads them (declares ``tables_dir``)."""
    if not any(declares(p, TABLES_PARAMETER) for p in notebooks):
        log(f"engine: skipped, no notebook to run reads its tables (none declares {TABLES_PARAMETER})", flush=True)
        return None
    tables = folder / TABLES_DIR
    (corpus, codebook), (n_inputs, outlets) = inputs, surveyed
    if folder_from is not None and (folder_from / TABLES_DIR).is_dir():  # same corpus, codebook and code (checked)
        copy_previous(folder_from / TABLES_DIR, tables)
        log("engine: tables of the previous run kept (same corpus, codebook and code)", flush=True)
    else:
        try:
            build(corpus, tables, str(codebook), outlets, n_inputs, engine, log)
            build_run_tables(tables, str(codebook), outlets, engine.workers, log, study)
        except DriverError:
            raise
        except CorpusError as exc:  # a corpus-wide problem found while reading it: the reader's message
            raise DriverError(str(exc)) from None
        except Exception as exc:  # a worker's error, or Dask's: one clear error, and the run is not published
            raise DriverError(f"engine: computing the tables failed: {type(exc).__name__}: {exc}") from exc
    _export(tables, folder / "results", corpus, study)
    return tables


def _export(tables: Path, results: Path, corpus: Path, study: Path | None) -> None:
    """The registry's exported tables as ``results/*.csv``, and the corpus texts the offsets point into when
    the study says they may be redistributed (else the cite page points to the file list with hashes)."""
    from helpers.inputs.study_folder import read_study
    from helpers.pipeline.parts import read_parts
    from helpers.publication.build_version import (
        CODE_VERSION_PAGE,
        code_version_text,
        package_version,
        run_code_version,
    )
    from helpers.publication.downloads import write_corpus_download

    export_results(tables, results)
    files = read_parts(tables, "corpus") if corpus.is_dir() else None  # a table corpus's texts are read again
    write_corpus_download(corpus, results, study is not None and read_study(study).redistribute_corpus, files)
    version = run_code_version(results.parent)  # as the run recorded it when it started
    (results / CODE_VERSION_PAGE).write_text(code_version_text(version, package_version()) + "\n", encoding="utf-8")


def _start(out_p: Path, folder_from: Path | None, record: dict[str, object]) -> Path:
    try:
        folder = new_run(out_p, record)
    except OSError as exc:  # a full disk, say: name the folder and the problem
        raise DriverError(f"{out_p / RUNS}: cannot start a run folder: {exc.strerror or exc}") from None
    try:
        for keep in PUBLISHED:  # a partial run starts from the previous run's tables, figures and chapters
            if folder_from is not None and (folder_from / keep).is_dir():
                copy_previous(folder_from / keep, folder / keep)
        (folder / "notebooks").mkdir(exist_ok=True)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return folder


def copy_previous(source: Path, target: Path) -> None:
    """Copy a folder of the previous run into the new one; a failure names the folder and the problem
    (a full disk, say) instead of a raw ``shutil.Error`` listing every file."""
    try:
        shutil.copytree(source, target)
    except (shutil.Error, OSError) as exc:
        first = exc.args[0][0][2] if isinstance(exc, shutil.Error) and exc.args and exc.args[0] else exc
        why = str(getattr(first, "strerror", None) or first)
        if "No space left" in why:
            why = "the disk is full (no space left on the device)"
        raise DriverError(f"{target.parent}: cannot copy the previous run's {source.name}/ into this run: {why}; "
                          "free some space (or choose another --out) and run again") from None


def study_inputs(corpus: str | Path | None, codebook: str | Path | None, study: str | Path | None,
                 log: Callable[..., None]) -> tuple[Path, Path, Path | None]:
    """(corpus, codebook, study folder) of a run: a study's own unless given; without a study or a codebook,
    the general templates that ``new-study`` copies, never another study's codebook, and the log says so."""
    from helpers.inputs.config import TEMPLATES_DIR
    from helpers.inputs.study_folder import StudyError, read_study

    folder = None
    if study is not None:
        try:
            folder = read_study(study)
        except StudyError as exc:
            raise DriverError(str(exc)) from None
    if corpus is None and folder is None:
        raise DriverError("no corpus: give --study DIR (a study folder) or --corpus DIR")
    corpus_p = resolve(corpus) if corpus is not None else folder.corpus  # type: ignore[union-attr]
    if codebook is not None:
        codebook_p = resolve(codebook)
    elif folder is not None:
        codebook_p = folder.codebook
    else:
        codebook_p = TEMPLATES_DIR
        log(f"codebook: none given, so the general templates ({_display(TEMPLATES_DIR, 'templates')}) are used: "
            "no names, frames or labels of an event. Start a study with `python -m helpers new-study NAME` "
            "and pass --study (or --codebook)", flush=True)
    return corpus_p, codebook_p, folder.root if folder is not None else None


def _preflight(corpus: Path, out: str | Path, codebook_p: Path,
               book_dir: str | Path | None) -> tuple[Path, Path, Path, Path | None]:
    """Every check that can fail before a notebook runs: inputs exist, and no folder but Refract's is replaced."""
    corpus_p, out_p = corpus, resolve(out)
    if not corpus_p.exists():
        raise DriverError(f"{corpus_p}: corpus not found")
    check_outside_corpus(out_p, corpus_p)
    if not codebook_p.is_dir():
        raise DriverError(f"{codebook_p}: codebook folder not found")
    from helpers.pipeline.per_article import codebook_at

    codebook_at(str(codebook_p))  # a bad codebook (a frame term that is a name, a bad pattern) stops the run here
    book_p = resolve(book_dir) if book_dir else None
    if book_p is not None:
        check_book(book_p, [out_p, corpus_p, codebook_p, PROJECT_ROOT])
    if corpus_p.resolve().is_relative_to((out_p / RUNS).resolve()):
        raise DriverError(f"{corpus_p}: the corpus lies in a run folder of {out_p}, which this run replaces")
    check_out(out_p)
    return corpus_p, out_p, codebook_p, book_p


def _current(out: Path, record: dict[str, object], notebooks: list[Path], book: Path | None,
             log: Callable[..., None]) -> list[NotebookRun] | None:
    """OUT's published run when it is current (same study, corpus, codebook and code, every notebook run):
    placed in the book as it is, so `make book` after `helpers run` does not compute everything again."""
    folder = current_run(out)
    previous, now = previous_record(out) or {}, json.loads(json.dumps(record))
    if folder is None or {k: v for k, v in previous.items() if k != GIT_KEY} != {
            k: v for k, v in now.items() if k != GIT_KEY}:
        return None
    if not all((folder / "notebooks" / p.name).exists() for p in notebooks):
        return None
    log(f"run: {out} already holds a current run (same study, corpus, codebook and code); kept, not recomputed",
        flush=True)
    if book is not None:
        publish_book(out / "notebooks", out / "results", book)
    return [NotebookRun(p.name, 0.0, out / "notebooks" / p.name) for p in notebooks]


def _scrub(folder: Path, out: Path, corpus: Path, codebook: Path, study: Path | None) -> dict[str, str]:
    """How the run's own paths are shown in the published notebooks (longest first)."""
    shown = {str(folder): "<out>", str(out): "<out>", str(corpus): _display(corpus, "corpus"),
             str(codebook): _display(codebook, "codebook")}
    if study is not None:
        shown[str(study)] = _display(study, "study")
    return {**shown, str(PROJECT_ROOT): "."}


def _abandon(folder: Path, out: Path, exc: BaseException, log: Callable[..., None]) -> None:
    """Remove a run that failed or was stopped, and say that nothing was published; Ctrl-C becomes
    :class:`RunStopped` as SIGTERM does, so the command says so in one line instead of a traceback."""
    shutil.rmtree(folder, ignore_errors=True)
    why = ("stopped by SIGTERM" if isinstance(exc, RunStopped) else
           "stopped by Ctrl-C" if isinstance(exc, KeyboardInterrupt) else "failed")
    log(f"run {why}; nothing was published, the previous results in {out} are unchanged", flush=True)
    if isinstance(exc, KeyboardInterrupt):
        raise RunStopped("run stopped by Ctrl-C", signal.SIGINT) from None


def chosen(notebooks: list[Path], only: list[str] | None) -> list[Path]:
    """The notebooks ``--only`` names by prefix; a prefix naming none is an error listing the valid ones,
    found before OUT is touched, so a typo never publishes an empty run."""
    if not only:
        return notebooks
    unknown = [o for o in only if not any(p.name.startswith(o) for p in notebooks)]
    if unknown:
        valid = ", ".join(p.stem for p in notebooks)
        raise DriverError(f"--only {' '.join(unknown)}: no such chapter; the chapters are {valid}")
    return [p for p in notebooks if any(p.name.startswith(o) for o in only)]


def run(
    corpus: str | Path | None,
    out: str | Path,
    codebook: str | Path | None = None,
    book_dir: str | Path | None = None,
    notebooks_dir: str | Path = NOTEBOOKS_DIR,
    only: list[str] | None = None,
    extra: dict[str, object] | None = None,
    log=print,
    columns: dict[str, str] | None = None,
    engine: EngineOptions | None = None,
    study: str | Path | None = None,
    reuse: bool = False,
) -> list[NotebookRun]:
    """Run every notebook on ``corpus``; publish ``OUT/results/*.csv``, ``OUT/figures``, ``OUT/notebooks``.

    The run executes in ``OUT/runs/<id>`` and is published by one atomic link switch (see
    :mod:`helpers.pipeline.publish`). With ``book_dir`` the executed notebooks are also placed there
    for Jupyter Book, and the tables in its sibling ``data/``; only folders Refract made are replaced.
    When a notebook declares ``tables_dir``, the registry's tables are made first (``engine``: every core,
    or Dask). ``study``: a study folder (its corpus, codebook, gold and prose unless given; notebooks that
    declare ``study_dir`` get it). ``reuse``: keep OUT's run when it is current (same inputs and code).
    """
    notebooks = chosen(discover(resolve(notebooks_dir)), only)
    corpus_in, codebook_in, study_p = study_inputs(corpus, codebook, study, log)
    corpus_p, out_p, codebook_p, book_p = _preflight(corpus_in, out, codebook_in, book_dir)
    with locked(out_p, log):
        leftovers(out_p, log)
        if columns:
            corpus_p = _converted(corpus_p, out_p, columns)
        n_inputs, outlets = survey(corpus_p, log)
        record = run_record(corpus_p, codebook_p, study_p)
        kept = _current(out_p, record, notebooks, book_p, log) if reuse and not only else None
        if kept is not None:
            return kept
        folder_from = check_partial(out_p, record) if only else None
        folder = _start(out_p, folder_from, record)
        params = {"corpus_dir": str(corpus_p), "codebook_dir": str(codebook_p), "work_dir": str(folder)}
        params.update(extra or {})
        optional = {STUDY_PARAMETER: str(study_p) if study_p is not None else None}
        scrub = _scrub(folder, out_p, corpus_p, codebook_p, study_p)
        os.environ.setdefault("PYTHONHASHSEED", "0")
        total = time.perf_counter()
        try:
            with _stop_on_sigterm():
                engine = engine or EngineOptions()
                tables = _tables(notebooks, (corpus_p, codebook_p), folder, folder_from, (n_inputs, outlets),
                                 engine, log, study_p)
                runs = execute_all(notebooks, folder, params, scrub, log, tables, optional,
                                   notebook_jobs(engine.workers))
        except BaseException as exc:
            _abandon(folder, out_p, exc, log)
            raise
        publish_run(out_p, folder)
        if book_p is not None:
            publish_book(out_p / "notebooks", out_p / "results", book_p)
    log(f"run done in {time.perf_counter() - total:.1f} s ({len(runs)} notebooks); results in {out_p / 'results'}",
        flush=True)
    return [NotebookRun(r.notebook, r.seconds, out_p / "notebooks" / r.notebook) for r in runs]


def build_book(book_dir: Path = BOOK_DIR, log=print) -> Path:
    """Build the site with Jupyter Book 1 in strict mode; return the path of index.html."""
    url = repository_url(PROJECT_ROOT)
    config = book_config(PROJECT_ROOT / "_config.yml", url, PROJECT_ROOT / "build" / "book-config.yml")
    if url:
        log(f"repository link: {url}", flush=True)
    if (book_dir / PUBLISHING).exists():
        raise DriverError(f"{book_dir}: a run was stopped while publishing chapters and data ({PUBLISHING}); "
                          "run the driver again before building the book")
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
    with watched(Progress("book", None, log, current="jupyter-book build running"), every=NOTEBOOK_EVERY_S):
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
