"""One path: the tables the engine writes for a run are the tables the notebooks computed in memory.

The engine runs in this process (``workers=1``) with tiny chunks, so a table is built from several
Parquet parts and any dependence on the chunking, the part order or the Parquet round trip shows up.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from helpers.inputs.config import DEFAULT_CODEBOOK, DEFAULT_STUDY, PROJECT_ROOT
from helpers.inputs.corpus import CorpusWarning
from helpers.pipeline import registry, stages
from helpers.pipeline.driver import DriverError, run
from helpers.pipeline.parts import read_parts
from helpers.pipeline.progress import Progress
from helpers.pipeline.registry import RegistryError
from helpers.pipeline.study import Study, load_study

SEEDS = PROJECT_ROOT / "seeds"
MAY_BE_EMPTY = ("boilerplate", "declared_origin", "voice_parts", "dates", "name_spellings", "name_variants",
                "name_mentions", "reuse", "reuse_changes", "warnings", "anomalies", "quote_variants", "word_shift",
                "actor_label_hits", "actor_labels", "keyness", "suggested_aliases", "sentiment_toward_actors",
                "actor_mentions", "tone_toward_actors",
                "event_counts", "reconciliation", "reconciliation_summary", "frame_hits", "gold_quotes",
                "gold_numbers", "gold_frames", "gold_tone", "quote_validation", "number_validation",
                "frame_validation", "frame_confusion", "frame_validation_overall", "tone_validation", "tone_confusion",
                "gold_actor_tone", "actor_tone_validation")
IN_PROCESS = stages.EngineOptions(workers=1, chunk_size=2)

# Invented reports of an invented event; one quotation is never closed, one file is empty, one is a copy.
INVENTED = {
    "a.txt": ("Floodwater reached the old mill on Tuesday, and at least 40 families left their homes.\n\n"
              '"We have never seen the river this high," said Mara Olsen, the town\'s mayor.\n\n'
              "Officials said 3 people were missing and about 200 volunteers joined the search.\n"),
    "b.txt": ("The council met late on Wednesday. Rescue teams brought 12 people to safety, police said.\n\n"
              'A resident told reporters "the bridge is gone and nobody warned us.\n\n'
              "More than 1,500 sandbags were laid along the eastern bank, the fire service said.\n"),
    "c.txt": ("Nobody was hurt when the footbridge collapsed, according to the county.\n\n"
              "\u201cIt was a terrible night for everyone,\u201d said a spokeswoman for the fire service.\n\n"
              "The Free Record first reported the collapse.\n"),
    "d.txt": "",
    "e.txt": ("Floodwater reached the old mill on Tuesday, and at least 40 families left their homes.\n\n"
              '"We have never seen the river this high," said Mara Olsen, the town\'s mayor.\n\n'
              "Officials said 3 people were missing and about 200 volunteers joined the search.\n"),
}
MANIFEST = ("file,outlet,published\na.txt,Valley Courier,2031-04-02\nb.txt,The Free Record,2031-04-03\n"
            "c.txt,Valley Courier,2031-04-03\nd.txt,Hill Times,2031-04-04\n")


def invented_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for name, text in INVENTED.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "manifest.csv").write_text(MANIFEST, encoding="utf-8")
    return folder


def both_ways(corpus: Path, tmp_path: Path) -> tuple[Study, Study, Path]:
    """The study computed in memory, and the same study reading a run's tables made by the engine in chunks
    (the seeds as the first study, with its gold; an invented corpus without a study)."""
    study = str(DEFAULT_STUDY) if corpus == SEEDS else None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        memory = load_study(str(corpus), str(DEFAULT_CODEBOOK), str(tmp_path / "work"), study_dir=study)
        inputs, outlets = stages.survey(corpus, lambda *a, **k: None)
        folder = tmp_path / "tables"
        stages.build(corpus, folder, str(DEFAULT_CODEBOOK), outlets, inputs, IN_PROCESS, lambda *a, **k: None)
        stages.build_run_tables(folder, str(DEFAULT_CODEBOOK), outlets, 1, lambda *a, **k: None,
                                Path(study) if study else None)
        engine = load_study(str(corpus), str(DEFAULT_CODEBOOK), str(tmp_path / "work"), str(folder), study)
    return memory, engine, folder


def table_and_warnings(study: Study, name: str):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        table = study.table(name)
    return table, [(w.category, str(w.message)) for w in caught if not issubclass(w.category, CorpusWarning)]


@pytest.mark.parametrize("which", ["seeds", "invented"])
def test_every_registry_table_is_the_same_from_the_engine_and_in_memory(which, tmp_path):
    corpus = SEEDS if which == "seeds" else invented_corpus(tmp_path / "corpus")
    memory, engine, folder = both_ways(corpus, tmp_path)
    analysed = read_parts(folder, "texts")["article_id"].tolist()
    assert analysed == (sorted(p.stem for p in SEEDS.glob("*.txt")) if which == "seeds" else ["a", "b", "c"])
    assert len(list((folder / "quotes").glob("part-*.parquet"))) >= 2  # really several chunks
    for name in registry.tables():
        in_memory, memory_warned = table_and_warnings(memory, name)
        from_engine, engine_warned = table_and_warnings(engine, name)
        assert len(in_memory) > 0 or name == "warnings" or (name in MAY_BE_EMPTY and which == "invented"), name
        if len(in_memory) == 0 and len(from_engine) == 0:
            continue
        pd.testing.assert_frame_equal(from_engine, in_memory, check_exact=False, rtol=1e-9, check_dtype=False,
                                      obj=name)
        assert engine_warned == memory_warned, name


def test_quote_warnings_of_the_engine_are_raised_again_when_the_table_is_read(tmp_path):
    _, engine, _ = both_ways(invented_corpus(tmp_path / "corpus"), tmp_path)
    _, warned = table_and_warnings(engine, "quotes")
    assert [c.__name__ for c, _ in warned] == ["QuoteWarning"]
    assert warned[0][1].startswith("b:")
    assert table_and_warnings(engine, "numbers")[1] == []


def test_tone_masks_every_outlet_of_the_corpus_also_in_chunks_without_it(tmp_path):
    from helpers.analyses import vader

    _, engine, _ = both_ways(invented_corpus(tmp_path / "corpus"), tmp_path)
    scored = engine.table("sentences")
    named = scored[scored["text"].str.contains("The Free Record")]  # in c.txt; the outlet's b.txt: another chunk
    assert named["article_id"].tolist() == ["c"]
    assert "Free" not in named["scored_text"].iloc[0]
    assert named["compound"].iloc[0] != vader.compounds([named["text"].iloc[0]])[0]  # "free" scores in VADER


def test_unknown_or_missing_table_is_a_clear_error(tmp_path):
    memory, engine, folder = both_ways(invented_corpus(tmp_path / "corpus"), tmp_path)
    with pytest.raises(RegistryError, match="no table 'gossip'"):
        memory.table("gossip")
    with pytest.raises(RegistryError, match="gossip"):
        engine.table("gossip")


def test_a_table_that_breaks_its_declaration_is_refused():
    declared = registry.declared("story_families")
    with pytest.raises(RegistryError, match=r"missing declared columns \['family'"):
        declared.check(pd.DataFrame({"article_id": ["a"]}))
    ok = pd.DataFrame({c: [] for c in declared.fixed_columns})
    declared.check(ok)
    with pytest.raises(RegistryError, match=r"undeclared columns \['mood'\]"):
        declared.check(ok.assign(mood=[]))


def test_every_table_declares_a_producer_that_imports_and_needs_only_declared_tables():
    for name, table in registry.tables().items():
        assert callable(table.producer()), name
        assert table.stage in registry.STAGES, name
        assert table.export in (None, *registry.EXPORTS), name
        assert all(need in registry.tables() for need in table.needs), name
        assert table.columns, name
        assert all(c.about and c.dtype in ("str", "int", "float", "bool") for c in table.columns), name
    assert registry.in_order(["reuse_effect"]).index("sentences") < registry.in_order(["reuse_effect"]).index(
        "reuse_effect")


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_progress_lines_say_how_much_is_done_the_rate_and_the_time_left():
    lines: list[str] = []
    clock = FakeClock()
    progress = Progress("engine", 1000, lambda line, **k: lines.append(line), clock=clock)
    clock.now += 10
    progress.update(250)
    clock.now += 10
    progress.update(500, current="chunk 2")
    progress.finish()
    assert lines[0] == "engine: 250/1,000 articles (25%), 25.0 articles/s, 10 s elapsed, about 30 s left"
    assert lines[1] == "engine: 500/1,000 articles (50%), 25.0 articles/s, 20 s elapsed, about 20 s left; chunk 2"
    assert lines[2] == "engine: 500 articles done in 20.0 s (25.0 articles/s)"


def test_progress_of_slow_units_says_seconds_per_unit_and_nothing_left_at_the_end():
    lines: list[str] = []
    clock = FakeClock()
    progress = Progress("notebooks", 4, lambda line, **k: lines.append(line), unit="notebook", clock=clock)
    progress.update(0, current="running 01_a.ipynb")
    clock.now += 30
    progress.update(1)
    clock.now += 90
    progress.update(4, current="")
    assert lines[:3] == ["notebooks: 0/4 notebooks (0%), 0 s elapsed; running 01_a.ipynb",
                     "notebooks: 1/4 notebooks (25%), 30.0 s per notebook, 30 s elapsed, about 1 min 30 s left; "
                     "running 01_a.ipynb",
                     "notebooks: 4/4 notebooks (100%), 30.0 s per notebook, 2 min 00 s elapsed"]
    uncounted = Progress("book", None, lambda line, **k: lines.append(line), clock=clock, current="building")
    clock.now += 75
    uncounted.update()
    assert lines[3] == "book: 1 min 15 s elapsed; building"


READ = ("from pathlib import Path\nfrom helpers.pipeline.study import load_study\n"
        "from helpers.inputs.results import write_table\n"
        "study = load_study(corpus_dir, codebook_dir, work_dir)\n"
        "study = load_study(corpus_dir, codebook_dir, work_dir, tables_dir)\n"
        "write_table(study.table('numbers')[['article_id', 'value']], Path(work_dir) / 'results' / 'n.csv')\n"
        "study = load_study(corpus_dir, codebook_dir, work_dir)\n"
        "write_table(study.table('numbers')[['article_id', 'value']], Path(work_dir) / 'results' / 'm.csv')")


def notebook(folder: Path, name: str, params: str, source: str) -> None:
    cell = new_code_cell(params)
    cell.metadata["tags"] = ["parameters"]
    nb = new_notebook(cells=[cell, new_code_cell(source)])
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, folder / name)


def test_run_computes_tables_first_and_passes_them_only_to_notebooks_that_declare_them(tmp_path):
    base = 'corpus_dir = "seeds"\ncodebook_dir = "x"\nwork_dir = "build"'
    nbs = tmp_path / "nbs"
    notebook(nbs, "01_reads.ipynb", base + "\ntables_dir = None", READ)
    notebook(nbs, "02_plain.ipynb", base, "assert 'tables_dir' not in globals()")
    out, lines = tmp_path / "out", []
    run(invented_corpus(tmp_path / "corpus"), out, codebook=DEFAULT_CODEBOOK, notebooks_dir=nbs,
        engine=IN_PROCESS, log=lambda line, **k: lines.append(line))
    engine_table = pd.read_csv(out / "results" / "n.csv")
    assert len(engine_table) > 0
    pd.testing.assert_frame_equal(engine_table, pd.read_csv(out / "results" / "m.csv"))
    assert (out / "current" / "tables" / "numbers").is_dir()
    assert any(line.startswith("engine: 5 inputs done in") for line in lines)
    assert any(line.startswith("notebook 1/2 01_reads.ipynb done in") for line in lines)
    assert not any(line.startswith("notebook ") and "left" in line for line in lines)  # one progress display
    assert any(line.startswith("notebooks: 2 notebooks done in") for line in lines)
    assert lines.index(next(x for x in lines if x.startswith("engine:"))) < lines.index(
        next(x for x in lines if x.startswith("notebook 1/2")))
    lines.clear()  # a partial run keeps the tables of the run it builds on (same corpus and codebook)
    run(tmp_path / "corpus", out, codebook=DEFAULT_CODEBOOK, notebooks_dir=nbs, only=["01"], engine=IN_PROCESS,
        log=lambda line, **k: lines.append(line))
    assert "engine: tables of the previous run kept (same corpus, codebook and code)" in lines
    pd.testing.assert_frame_equal(pd.read_csv(out / "results" / "n.csv"), engine_table)


def test_run_skips_the_engine_when_no_notebook_reads_its_tables(tmp_path):
    nbs = tmp_path / "nbs"
    notebook(nbs, "01_plain.ipynb", 'corpus_dir = "seeds"\ncodebook_dir = "x"\nwork_dir = "build"', "x = 1")
    lines: list[str] = []
    run(invented_corpus(tmp_path / "corpus"), tmp_path / "out", codebook=DEFAULT_CODEBOOK, notebooks_dir=nbs,
        engine=IN_PROCESS, log=lambda line, **k: lines.append(line))
    assert any("engine: skipped" in line for line in lines)
    assert not (tmp_path / "out" / "current" / "tables").exists()


def test_an_engine_failure_is_one_clear_error_and_nothing_is_published(tmp_path, monkeypatch):
    nbs = tmp_path / "nbs"
    notebook(nbs, "01_reads.ipynb", 'corpus_dir = "seeds"\ncodebook_dir = "x"\nwork_dir = "build"\ntables_dir = None',
             "x = 1")

    def broken(articles, codebook_dir=None, outlets=()):
        raise ValueError("a chunk could not be analysed")

    monkeypatch.setattr("helpers.pipeline.per_article.analyse_chunk", broken)
    with pytest.raises(DriverError, match="engine: computing the tables failed: ValueError: a chunk could not"):
        run(invented_corpus(tmp_path / "corpus"), tmp_path / "out", codebook=DEFAULT_CODEBOOK, notebooks_dir=nbs,
            engine=IN_PROCESS, log=lambda *a, **k: None)
    assert not (tmp_path / "out" / "current").exists()
    assert not [p for p in (tmp_path / "out" / "runs").iterdir() if p.is_dir()]


def test_run_verb_passes_the_engine_options_through(monkeypatch):
    from helpers import __main__ as cli
    from helpers.pipeline import driver

    seen = {}
    monkeypatch.setattr(driver, "run", lambda *a, **k: seen.update(k))
    monkeypatch.setattr(cli, "usable_cores", lambda: 8)  # --workers is capped at the cores; this machine may have 2
    assert cli.main(["run", "--corpus", "c", "--out", "o", "--workers", "3", "--chunk-size", "7"]) == 0
    assert (seen["engine"].engine, seen["engine"].workers, seen["engine"].chunk_size) == ("local", 3, 7)
    assert cli.main(["run", "--corpus", "c", "--out", "o", "--scheduler", "tcp://10.0.0.5:8786"]) == 0
    assert (seen["engine"].engine, seen["engine"].scheduler) == ("dask", "tcp://10.0.0.5:8786")


@pytest.mark.parametrize("which", ["seeds", "invented"])
def test_a_run_s_corpus_table_lists_every_file_as_loading_in_memory_does(which, tmp_path):
    corpus = SEEDS if which == "seeds" else invented_corpus(tmp_path / "corpus")
    memory, engine, _ = both_ways(corpus, tmp_path)
    pd.testing.assert_frame_equal(engine.articles, memory.articles, check_exact=True)
    if which == "invented":
        assert set(engine.articles["status"]) > {"ok"}  # the empty file and the copy are listed, not dropped


def test_a_current_run_is_kept_not_recomputed(tmp_path, monkeypatch):
    """`make book` after `helpers run`: the run OUT holds for the same inputs and code is published as it is."""
    nbs = tmp_path / "nbs"
    notebook(nbs, "01_reads.ipynb", 'corpus_dir = "seeds"\ncodebook_dir = "x"\nwork_dir = "build"\ntables_dir = None',
             "x = 1")
    out, corpus = tmp_path / "out", invented_corpus(tmp_path / "corpus")
    run(corpus, out, codebook=DEFAULT_CODEBOOK, notebooks_dir=nbs, engine=IN_PROCESS, log=lambda *a, **k: None)
    first = (out / "current").resolve()
    built = []
    monkeypatch.setattr("helpers.pipeline.driver.build", lambda *a, **k: built.append(1))
    lines: list[str] = []
    run(corpus, out, codebook=DEFAULT_CODEBOOK, notebooks_dir=nbs, engine=IN_PROCESS, reuse=True,
        log=lambda line, **k: lines.append(line))
    assert built == [] and (out / "current").resolve() == first
    assert any("kept, not recomputed" in line for line in lines)
    (corpus / "a.txt").write_text("Changed text of the first report, with 41 families.\n", encoding="utf-8")
    with pytest.raises(DriverError):  # a changed corpus is computed again (here: by the stub, which makes nothing)
        run(corpus, out, codebook=DEFAULT_CODEBOOK, notebooks_dir=nbs, engine=IN_PROCESS, reuse=True,
            log=lambda *a, **k: None)
    assert built == [1]
