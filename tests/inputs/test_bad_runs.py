"""Bad runs: the driver and the command line given folders, flags and signals they must survive.

One test per defect of issue 15, named after it. The driver cases use tiny invented notebooks (each
papermill run takes a few seconds, so those are marked slow); the checks that fail before any
notebook runs are fast.
"""

from __future__ import annotations

import fcntl
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from helpers.__main__ import main
from helpers.inputs.config import NOTEBOOKS_DIR, PROJECT_ROOT, resolve
from helpers.inputs.corpus import CorpusError, write_canonical
from helpers.inputs.results import read_table
from helpers.pipeline import publish
from helpers.pipeline.driver import DriverError, RunStopped, build_book, run

STORY = "Protesters gathered in the square on Thursday. Police said 20 people were detained.\n"
OTHER = "The ministry said the curfew would end on Monday. Shops reopened in the afternoon.\n"
PARAMS = 'corpus_dir = "seeds"\ncodebook_dir = "x"\nwork_dir = "build"'
WRITE = (
    "import pandas as pd\nfrom pathlib import Path\nfrom helpers.inputs.results import write_table\n"
    "write_table(pd.DataFrame({'corpus': [Path(corpus_dir).name]}), Path(work_dir) / 'results' / 'r.csv')"
)
QUIET = {"log": lambda *a, **k: None}


def notebooks(tmp_path, *cells_per_notebook):
    folder = tmp_path / "nbs"
    folder.mkdir(exist_ok=True)
    for i, cells in enumerate(cells_per_notebook, 1):
        nb = new_notebook(cells=[new_markdown_cell("# T")])
        params = new_code_cell(PARAMS)
        params.metadata["tags"] = ["parameters"]
        nb.cells += [params, *(new_code_cell(c) for c in cells)]
        nbformat.write(nb, folder / f"{i:02d}_n.ipynb")
    return folder


def corpus(tmp_path, name="corpus", text=STORY):
    folder = tmp_path / name
    folder.mkdir()
    (folder / "a.txt").write_text(text, encoding="utf-8")
    return folder


# 1. Folders it does not own


def test_run_refuses_to_replace_folders_it_does_not_own(tmp_path):
    nbs = notebooks(tmp_path, [WRITE])
    out = tmp_path / "out"
    (out / "notebooks").mkdir(parents=True)
    mine = out / "notebooks" / "mine.ipynb"
    mine.write_text("{}")
    with pytest.raises(DriverError, match=r"out/notebooks: OUT/notebooks exists and was not made by Refract"):
        run(corpus(tmp_path), out, codebook=tmp_path, notebooks_dir=nbs, **QUIET)
    assert mine.read_text() == "{}"
    book = tmp_path / "book"
    (book / "intro.md").parent.mkdir()
    (book / "intro.md").write_text("# my book")
    with pytest.raises(DriverError, match=r"book: --book-dir exists and was not made by Refract"):
        run(tmp_path / "corpus", tmp_path / "out2", codebook=tmp_path, notebooks_dir=nbs, book_dir=book, **QUIET)
    (book / "data").mkdir()
    (book / "data" / "mine.csv").write_text("x\n1\n")
    with pytest.raises(DriverError, match=r"book/data: the book's data folder .* was not made by Refract"):
        run(tmp_path / "corpus", tmp_path / "out2", codebook=tmp_path, notebooks_dir=nbs,
            book_dir=book / "chapters", **QUIET)
    assert (book / "intro.md").read_text() == "# my book" and (book / "data" / "mine.csv").exists()
    with pytest.raises(DriverError, match="would replace"):
        run(tmp_path / "corpus", tmp_path / "out2", codebook=tmp_path, notebooks_dir=nbs, book_dir=tmp_path, **QUIET)


# 2. Overwriting the input


def test_columns_never_write_over_the_input(tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    source = folder / "corpus.parquet"
    pd.DataFrame({"body": [STORY, OTHER], "extra": ["kept", "kept"]}).to_parquet(source)
    before = source.read_bytes()
    converted = write_canonical(source, tmp_path / "elsewhere" / "corpus.parquet", {"text": "body"})
    assert converted != source and source.read_bytes() == before
    with pytest.raises(CorpusError, match="is the input corpus itself"):
        write_canonical(converted, converted, {"text": "text"})
    assert main(["analyse", "--corpus", str(source), "--out", str(folder), "--columns", "text=body",
                 "--workers", "1"]) == 0
    assert source.read_bytes() == before and "extra" in pd.read_parquet(source).columns
    assert (folder / "converted" / "corpus.parquet").exists()
    assert main(["analyse", "--corpus", str(folder / "converted" / "corpus.parquet"), "--out", str(folder),
                 "--columns", "text=text", "--workers", "1"]) == 1  # the converted copy is now the input
    part = next((folder / "corpus").glob("part-*.parquet"))
    assert main(["analyse", "--corpus", str(part), "--out", str(folder), "--workers", "1"]) == 1
    assert part.exists()  # an output used as input is not cleared away


# 3. Renames: a run is published by switching one link


def test_build_refuses_a_book_whose_publishing_was_interrupted(tmp_path):
    (tmp_path / publish.PUBLISHING).write_text("pid 1")
    with pytest.raises(DriverError, match="stopped while publishing"):
        build_book(tmp_path, **QUIET)


def test_every_run_gets_a_new_folder_even_within_one_second(tmp_path):
    first, second = publish.new_run(tmp_path, {}), publish.new_run(tmp_path, {})
    assert first != second and (second / publish.INCOMPLETE).exists() and publish.is_owned(second)


@pytest.mark.slow
def test_run_is_published_by_one_atomic_switch(tmp_path, monkeypatch):
    nbs = notebooks(tmp_path, [WRITE])
    out = tmp_path / "out"
    run(corpus(tmp_path), out, codebook=tmp_path, notebooks_dir=nbs, **QUIET)
    assert os.readlink(out / "results") == "current/results" and os.readlink(out / "current").startswith("runs/")
    first = os.readlink(out / "current")

    def interrupted(src, dst):
        raise KeyboardInterrupt  # stopped just before the switch

    monkeypatch.setattr(publish.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run(corpus(tmp_path, "other"), out, codebook=tmp_path, notebooks_dir=nbs, **QUIET)
    monkeypatch.undo()
    assert os.readlink(out / "current") == first
    assert read_table(out / "results" / "r.csv")["corpus"].tolist() == ["corpus"]
    run(tmp_path / "other", out, codebook=tmp_path, notebooks_dir=nbs, **QUIET)
    assert read_table(out / "results" / "r.csv")["corpus"].tolist() == ["other"]
    assert len([p for p in (out / "runs").iterdir() if p.is_dir()]) == 1  # old and unpublished runs removed


# 4. Concurrent runs


def test_second_concurrent_run_gets_a_clear_error(tmp_path):
    nbs = notebooks(tmp_path, [WRITE])
    out = tmp_path / "out"
    out.mkdir()
    with publish.locked(out):  # the first run holds the lock
        with pytest.raises(DriverError, match=rf"another run is writing to this folder \(pid {os.getpid()}\)"):
            run(corpus(tmp_path), out, codebook=tmp_path, notebooks_dir=nbs, **QUIET)
    assert not (out / "runs").exists()


# 13. Stale outputs


@pytest.mark.slow
def test_only_on_a_different_corpus_is_refused(tmp_path):
    nbs = notebooks(tmp_path, [WRITE], ["x = 1"])
    out, codebook = tmp_path / "out", tmp_path / "codebook"
    codebook.mkdir()
    run(corpus(tmp_path), out, codebook=codebook, notebooks_dir=nbs, **QUIET)
    with pytest.raises(DriverError, match=r"--only would mix tables: the previous run .* used corpus"):
        run(corpus(tmp_path, "other"), out, codebook=codebook, notebooks_dir=nbs, only=["02"], **QUIET)
    runs = run(tmp_path / "corpus", out, codebook=codebook, notebooks_dir=nbs, only=["02"], **QUIET)
    assert [r.notebook for r in runs] == ["02_n.ipynb"]
    assert read_table(out / "results" / "r.csv")["corpus"].tolist() == ["corpus"]  # kept from the full run
    assert (out / "notebooks" / "01_n.ipynb").exists()


def test_analyse_lists_every_input_counts_right_and_clears_its_old_parts(tmp_path, capsys):
    first = tmp_path / "first"
    first.mkdir()
    for name, text in {"a.txt": STORY, "b.txt": OTHER, "copy.txt": STORY, "empty.txt": " \n"}.items():
        (first / name).write_text(text, encoding="utf-8")
    out = tmp_path / "big"
    args = ["analyse", "--out", str(out), "--workers", "1", "--chunk-size", "2"]
    assert main([*args, "--corpus", str(first)]) == 0
    assert "4 inputs: 2 analysed, 1 duplicate, 1 rejected" in capsys.readouterr().out
    articles = pd.concat(pd.read_parquet(p) for p in sorted((out / "corpus").glob("part-*.parquet")))
    assert sorted(zip(articles["file"], articles["status"], strict=True)) == [
        ("a.txt", "warning"), ("b.txt", "warning"), ("copy.txt", "duplicate"), ("empty.txt", "rejected")]
    second = corpus(tmp_path, "second", OTHER)
    assert main([*args, "--corpus", str(second)]) == 0
    articles = pd.concat(pd.read_parquet(p) for p in sorted((out / "corpus").glob("part-*.parquet")))
    assert articles["file"].tolist() == ["a.txt"] and articles["status"].tolist() == ["warning"]
    (out / "quotes" / publish.OWNED).unlink()  # now a folder Refract did not make
    assert main([*args, "--corpus", str(second)]) == 1
    assert "OUT/quotes exists and was not made by Refract" in capsys.readouterr().err


# 15. Clear errors instead of tracebacks


def test_clear_error_corpus_error_under_columns_and_analyse(tmp_path, capsys):
    path = tmp_path / "x.jsonl"
    path.write_text(json.dumps({"body": STORY}) + "\n", encoding="utf-8")
    for verb in ("run", "analyse"):
        assert main([verb, "--corpus", str(path), "--out", str(tmp_path / verb), "--columns", "text=nothere"]) == 1
        err = capsys.readouterr().err
        assert err.startswith("error: ") and "x.jsonl: --columns text=nothere: no such column" in err
        assert "Traceback" not in err
    assert main(["analyse", "--corpus", str(tmp_path / "nope"), "--out", str(tmp_path / "o")]) == 1
    assert "corpus folder not found" in capsys.readouterr().err


def test_clear_error_out_that_is_a_file_or_read_only(tmp_path, monkeypatch, capsys):
    texts = corpus(tmp_path)
    target = tmp_path / "file"
    target.write_text("mine")
    for verb in ("run", "analyse"):
        assert main([verb, "--corpus", str(texts), "--out", str(target)]) == 1
        assert "--out is a file, not a folder" in capsys.readouterr().err
    assert target.read_text() == "mine"
    locked = tmp_path / "ro"
    locked.mkdir()
    locked.chmod(0o555)
    if os.geteuid() == 0:  # root writes anywhere: stand in for the kernel's refusal
        monkeypatch.setattr(os, "access", lambda *a, **k: False)
    for verb in ("run", "analyse"):
        assert main([verb, "--corpus", str(texts), "--out", str(locked)]) == 1
        assert "ro: the output folder is not writable" in capsys.readouterr().err


# 16. Stopped runs


@pytest.mark.slow
def test_sigterm_stopped_run_says_so_and_leftovers_are_cleaned(tmp_path):
    nbs = notebooks(tmp_path, [WRITE])
    out = tmp_path / "out"
    texts = corpus(tmp_path)
    run(texts, out, codebook=tmp_path, notebooks_dir=nbs, **QUIET)
    first = os.readlink(out / "current")
    notebooks(tmp_path, [WRITE], ["import os, signal, time\nos.kill(os.getppid(), signal.SIGTERM)\ntime.sleep(60)"])
    logs: list[str] = []
    with pytest.raises(RunStopped, match="stopped by SIGTERM"):
        run(texts, out, codebook=tmp_path, notebooks_dir=nbs, log=lambda *a, **k: logs.append(a[0]))
    assert any("run stopped by SIGTERM; nothing was published" in line for line in logs)
    assert os.readlink(out / "current") == first
    # a run killed outright (kill -9) leaves its marked folder; older versions left .staging-*
    left = publish.mark(out / "runs" / "19700101T000000-1")
    (left / publish.INCOMPLETE).write_text("pid 1")
    (out / ".staging-1").mkdir()
    logs.clear()
    notebooks(tmp_path, [WRITE])
    (nbs / "02_n.ipynb").unlink()
    run(texts, out, codebook=tmp_path, notebooks_dir=nbs, log=lambda *a, **k: logs.append(a[0]))
    assert not left.exists() and any("an unfinished run" in line for line in logs)
    assert (out / ".staging-1").exists() and any(".staging-1 is a staging folder" in line for line in logs)


# 17. Paths


def test_relative_paths_resolve_against_the_current_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert resolve("my/corpus") == tmp_path.resolve() / "my" / "corpus"
    assert main(["run", "--corpus", "nope", "--out", "o"]) == 1
    assert f"{tmp_path.resolve() / 'nope'}: corpus not found" in capsys.readouterr().err
    monkeypatch.chdir(NOTEBOOKS_DIR)  # a Jupyter kernel: the notebooks' defaults are project-relative
    assert resolve("seeds") == PROJECT_ROOT / "seeds"


@pytest.mark.slow
def test_book_publishes_no_absolute_local_paths(tmp_path):
    nbs = notebooks(tmp_path, [WRITE, "print(corpus_dir, work_dir)\nimport warnings\nwarnings.warn(corpus_dir)"])
    book = tmp_path / "site" / "chapters"
    run(corpus(tmp_path), tmp_path / "out", codebook=tmp_path, notebooks_dir=nbs, book_dir=book, **QUIET)
    published = (book / "01_n.ipynb").read_text(encoding="utf-8")
    assert str(tmp_path) not in published
    assert "<corpus>/corpus" in published and "<out>" in published


# Issue 23: one test per remaining item, named after it


def test_1_evaluate_never_writes_over_an_input_or_a_file_it_did_not_make(tmp_path, capsys):
    from helpers.pipeline.new_study import new_study

    bench = tmp_path / "bench"
    bench.mkdir()
    texts = corpus(bench, "corpus", 'Residents called it "a promise", said Ada Stone.\n')
    gold = bench / "quotes.csv"
    gold.write_text("article,speaker_keys,quote_prefix,kind,score_speaker\na,Ada Stone,a promise,full,yes\n")
    before = gold.read_bytes()
    codebook = new_study("toy", tmp_path) / "codebook"
    for task in ("quotes", "numbers"):  # every task shares the guarded path
        args = ["evaluate", "--task", task, "--corpus", str(texts), "--codebook", str(codebook)]
        if task == "numbers":
            gold = bench / "victims.csv"
            gold.write_text("article,category,value,qualifier\na,injured,1,exact\n")
            (bench / "evaluation_numbers.json").write_text("mine")
            before = gold.read_bytes()
        assert main([*args, "--gold", str(gold), "--out", str(bench)]) == 1
        refused = gold.name if task == "quotes" else "evaluation_numbers.json"  # the gold; a file it did not make
        assert f"{refused}: " in capsys.readouterr().err
        assert gold.read_bytes() == before
        out = tmp_path / f"out-{task}"
        assert main([*args, "--gold", str(gold), "--out", str(out)]) == 0
        assert main([*args, "--gold", str(gold), "--out", str(out)]) == 0  # its own files are replaced
        assert main([*args, "--gold", str(out / f"{task}.csv"), "--out", str(out)]) == 1  # its output as gold
        assert "is an input of this evaluation" in capsys.readouterr().err
    assert (bench / "evaluation_numbers.json").read_text() == "mine"


def test_2_refused_analyse_deletes_nothing(tmp_path, capsys):
    out = tmp_path / "out"
    args = ["analyse", "--corpus", str(corpus(tmp_path)), "--out", str(out), "--workers", "1"]
    assert main(args) == 0
    parts = sorted(p.relative_to(out) for p in out.rglob("part-*.parquet"))
    assert parts
    with publish.locked(out):  # a first run still writing
        assert main(args) == 1
    assert "another run is writing to this folder" in capsys.readouterr().err
    assert sorted(p.relative_to(out) for p in out.rglob("part-*.parquet")) == parts


def test_17_out_that_is_the_corpus_or_inside_it_is_refused(tmp_path, capsys):
    texts = corpus(tmp_path)
    for verb in ("run", "analyse"):
        for out, why in ((texts, "--out is the corpus"), (texts / "out", "--out lies inside the corpus")):
            assert main([verb, "--corpus", str(texts), "--out", str(out)]) == 1
            assert why in capsys.readouterr().err
    assert sorted(p.name for p in texts.iterdir()) == ["a.txt"]  # no lock, no runs/, no links in the input


def test_15_only_an_unknown_chapter_is_an_error_listing_the_valid_ones(tmp_path, capsys):
    nbs = notebooks(tmp_path, [WRITE], ["x = 1"])
    out = tmp_path / "out"
    with pytest.raises(DriverError, match=r"--only 99: no such chapter; the chapters are 01_n, 02_n"):
        run(corpus(tmp_path), out, codebook=tmp_path, notebooks_dir=nbs, only=["02", "99"], **QUIET)
    assert not out.exists()  # nothing published, no dangling results link
    assert main(["run", "--corpus", str(tmp_path / "corpus"), "--out", str(out), "--only", "99"]) == 1
    assert "--only 99: no such chapter; the chapters are 01_" in capsys.readouterr().err
    assert not out.exists()


ORPHANS = """
import os, sys, time
from pathlib import Path
import pandas as pd
from helpers.pipeline import publish
from helpers.pipeline.engine import run_batch
out = Path(sys.argv[1])
def task(chunk):
    (out / f"worker-{os.getpid()}").write_text("")
    time.sleep(120)
    return {}
chunks = (pd.DataFrame({"raw_text": ["x"], "status": ["ok"]}) for _ in range(4))
with publish.locked(out):
    run_batch(None, out / "t", workers=2, chunks=chunks, task=task, progress=False)
"""


def _gone(pid: int) -> bool:
    """A process that has exited (a zombie nobody reaped counts as gone)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True


def _wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_5_orphan_workers_die_with_the_driver_and_a_dead_holder_s_lock_is_broken(tmp_path):
    driver = subprocess.Popen([sys.executable, "-c", ORPHANS, str(tmp_path)])
    try:
        assert _wait_for(lambda: len(list(tmp_path.glob("worker-*"))) == 2, 60), "the workers never started"
    finally:
        driver.kill()  # kill -9: the driver cannot clean up
        driver.wait()
    workers = [int(p.name.split("-")[1]) for p in tmp_path.glob("worker-*")]
    assert _wait_for(lambda: all(_gone(pid) for pid in workers), 10), "workers outlived their parent"
    with publish.locked(tmp_path):  # nobody holds the lock now
        pass
    # a lock still held by processes of a dead run (say, Dask workers) but recording a dead pid is broken
    orphan = os.open(tmp_path / publish.LOCK, os.O_RDWR)
    fcntl.flock(orphan, fcntl.LOCK_EX)
    os.pwrite(orphan, str(driver.pid).encode(), 0)
    notes: list[str] = []
    try:
        with publish.locked(tmp_path, lambda text, **_: notes.append(text)):
            assert (tmp_path / publish.LOCK).read_text() == str(os.getpid())
    finally:
        os.close(orphan)
    assert notes and f"held for pid {driver.pid}, which is no longer running" in notes[0] and "broken" in notes[0]


def test_10_workers_are_capped_at_the_chunks_and_the_cap_is_said(tmp_path, monkeypatch, capsys):
    from helpers import __main__ as cli
    from helpers.pipeline.engine import fit_workers
    from helpers.pipeline.stages import EngineOptions, _fit_workers

    monkeypatch.setattr(cli, "usable_cores", lambda: 8)  # whatever this machine has
    assert main(["analyse", "--corpus", str(corpus(tmp_path)), "--out", str(tmp_path / "out"), "--workers", "8"]) == 0
    assert "note: 8 workers capped at 1, the number of chunks" in capsys.readouterr().err  # and ran in-process
    notes: list[str] = []
    chunks, workers = fit_workers(iter([pd.DataFrame({"x": [1]})] * 3), 8, lambda text, **_: notes.append(text))
    assert workers == 3 and len(list(chunks)) == 3 and notes == ["note: 8 workers capped at 3, the number of chunks"]
    options = _fit_workers(EngineOptions(workers=8, chunk_size=2), 5, lambda text, **_: notes.append(text))
    assert options.workers == 3 and notes[-1] == "note: --workers 8 capped at 3, the number of chunks"


def test_20_ctrl_c_during_the_engine_says_nothing_was_published(tmp_path, monkeypatch, capsys):
    from helpers.pipeline import driver

    nbs = notebooks(tmp_path, [WRITE])
    nb = nbformat.read(nbs / "01_n.ipynb", as_version=4)
    nb.cells[1].source += '\ntables_dir = ""'  # the notebook reads the engine's tables
    nbformat.write(nb, nbs / "01_n.ipynb")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(driver, "build", interrupted)
    out = tmp_path / "out"
    logs: list[str] = []
    with pytest.raises(RunStopped, match="run stopped by Ctrl-C"):
        run(corpus(tmp_path), out, codebook=tmp_path, notebooks_dir=nbs, log=lambda *a, **k: logs.append(a[0]))
    assert any("run stopped by Ctrl-C; nothing was published" in line for line in logs)
    assert not (out / "current").exists() and not [p for p in (out / "runs").iterdir() if p.is_dir()]
    # the command line, on the project's notebooks (they read the engine's tables): one line, no traceback
    assert main(["run", "--corpus", str(tmp_path / "corpus"), "--out", str(out)]) == 128 + signal.SIGINT
    err = capsys.readouterr().err
    assert "error: run stopped by Ctrl-C; nothing was published" in err and "Traceback" not in err


def test_21_full_disk_at_the_start_of_an_only_run_names_the_folder_and_the_problem(tmp_path, monkeypatch, capsys):
    import shutil

    nbs = notebooks(tmp_path, [WRITE])
    texts, codebook, out = corpus(tmp_path).resolve(), tmp_path / "codebook", tmp_path / "out"
    codebook.mkdir()
    out.mkdir()
    previous = publish.new_run(out, publish.run_record(texts, codebook))  # a finished run to build on
    (previous / "results").mkdir()
    (previous / "results" / "r.csv").write_text("corpus\ncorpus\n")
    publish.publish_run(out, previous)

    def full(src, dst, *args, **kwargs):
        raise shutil.Error([(str(src), str(dst), "[Errno 28] No space left on device")])

    monkeypatch.setattr(shutil, "copytree", full)
    with pytest.raises(DriverError, match=r"/runs/[^:]+: cannot copy the previous run's results/ into this run: "
                                          r"the disk is full"):
        run(texts, out, codebook=codebook, notebooks_dir=nbs, only=["01"], **QUIET)
    assert [p for p in (out / "runs").iterdir() if p.is_dir()] == [previous]  # the new run folder is gone
    assert os.readlink(out / "current") == f"runs/{previous.name}"


def _as_tables(folder: Path) -> dict[str, Path]:
    """The seeds (the first study's corpus, so its gold aligns) as one JSONL, CSV and Parquet table each."""
    seeds = PROJECT_ROOT / "seeds"
    table = pd.read_csv(seeds / "manifest.csv", dtype=str, keep_default_na=False)
    table.insert(0, "article_id", [Path(f).stem for f in table.pop("file")])
    table["text"] = [(seeds / f"{a}.txt").read_text(encoding="utf-8") for a in table["article_id"]]
    folder.mkdir()
    paths = {fmt: folder / f"corpus.{fmt}" for fmt in ("jsonl", "csv", "parquet")}
    table.to_json(paths["jsonl"], orient="records", lines=True, force_ascii=False)
    table.to_csv(paths["csv"], index=False)
    table.to_parquet(paths["parquet"])
    return paths


@pytest.mark.slow
def test_14_a_full_run_and_a_book_build_work_on_each_table_format(tmp_path):
    import shutil
    import zipfile

    from helpers.inputs.config import BOOK_DIR, DEFAULT_STUDY

    book = tmp_path / "book"
    shutil.copytree(BOOK_DIR, book, ignore=shutil.ignore_patterns("_build", "chapters", "data"))
    for fmt, table in _as_tables(tmp_path / "tables").items():
        out = tmp_path / f"out-{fmt}"
        chapters = ["--book-dir", str(book / "chapters")] if fmt == "parquet" else []
        assert main(["run", "--study", str(DEFAULT_STUDY), "--corpus", str(table), "--out", str(out),
                     "--workers", "1", *chapters]) == 0, fmt
        articles = read_table(out / "results" / "articles.csv")
        assert len(articles) == 5 and all(f.startswith(f"corpus.{fmt}#") for f in articles["file"]), fmt
        with zipfile.ZipFile(out / "results" / "corpus.zip") as archive:
            assert len(archive.namelist()) == 5, fmt  # the articles read, one text each
        assert len(list((out / "notebooks").glob("*.ipynb"))) == 8
    assert (build_book(book, **QUIET)).exists()


@pytest.mark.slow
def test_20_ctrl_c_during_a_notebook_says_nothing_was_published(tmp_path):
    stop = "import os, signal, time\nos.kill(os.getppid(), signal.SIGINT)\ntime.sleep(60)"
    nbs = notebooks(tmp_path, [WRITE, stop])
    logs: list[str] = []
    with pytest.raises(RunStopped, match="run stopped by Ctrl-C") as caught:
        run(corpus(tmp_path), tmp_path / "out", codebook=tmp_path, notebooks_dir=nbs,
            log=lambda *a, **k: logs.append(a[0]))
    assert caught.value.signum == signal.SIGINT
    assert any("run stopped by Ctrl-C; nothing was published" in line for line in logs)
    assert not (tmp_path / "out" / "current").exists()
