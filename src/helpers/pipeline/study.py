"""One study as the notebooks see it: its codebook, and every table of the registry on request.

Each notebook starts by calling :func:`load_study` with its parameters and then asks for tables by name
(``study.table("sentiment_by_outlet")``). In a run (``helpers run`` passes ``tables_dir``) every table was
made once, before the notebooks, and is read from the run's folder. A notebook run by hand (no
``tables_dir``) gets the same tables from the same producers (:mod:`helpers.pipeline.registry`), computed
in memory on its corpus, once per kernel: a small corpus such as the seeds takes a few seconds.
"""

from __future__ import annotations

import importlib
import warnings
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from helpers.inputs.codebook import Codebook, load_codebook
from helpers.inputs.config import PROJECT_ROOT, resolve
from helpers.inputs.corpus import CorpusWarning, load_corpus
from helpers.inputs.corpus import usable as usable_articles
from helpers.pipeline import registry
from helpers.pipeline.parts import TableError, has_table, read_parts
from helpers.publication.reader_names import remember_articles


@dataclass
class Study:
    """Everything a chapter needs to start from; the corpus is read only when a table needs it."""

    corpus_dir: Path
    work_dir: Path
    codebook: Codebook
    tables_dir: Path | None = None
    study_dir: Path | None = None  # the study folder (study.yaml, gold/, prose/), when the corpus belongs to one

    @cached_property
    def store(self) -> registry.TableStore:
        """The run's tables (read only), or a store that computes every table from the corpus in memory."""
        if self.tables_dir is not None:
            folder = Path(self.tables_dir)

            def from_run(name: str) -> pd.DataFrame:
                if not has_table(folder, name):
                    raise TableError(f"{folder / name}: the run has no table {name!r}; it was made by other code. "
                                     "Run `python -m helpers run` again")
                return read_parts(folder, name)

            return registry.TableStore(self.codebook, source=from_run, stages=())
        from helpers.text.normalise import normalise_corpus

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", CorpusWarning)
            loaded = load_corpus(self.corpus_dir)
        files = loaded.drop(columns=["raw_text"])
        used = usable_articles(loaded)

        from helpers.pipeline.stages import survey

        outlets = tuple(survey(self.corpus_dir, lambda *a, **k: None)[1])  # every declared outlet, as a run masks
        return registry.TableStore(self.codebook, normalised=normalise_corpus(used, self.codebook), outlets=outlets,
                                   settings={"workers": 1, "corpus_files": files, "study": self.study_dir})

    @cached_property
    def folder(self):
        """The study folder's contents (:class:`helpers.inputs.study_folder.StudyFolder`), or None."""
        from helpers.inputs.study_folder import read_study

        return read_study(self.study_dir) if self.study_dir is not None else None

    def table(self, name: str) -> pd.DataFrame:
        """A table of the registry, by name (a copy: a chapter may change it freely).

        Warnings an extractor raised about the texts while making it (unbalanced quotation marks) are
        raised again here, so the chapter can show them.
        """
        table = self.store[name].copy()
        if registry.declared(name).stage == "chunk" and name != "warnings":
            self._reemit(name)
        return table

    def _reemit(self, name: str) -> None:
        recorded = self.store["warnings"]
        for row in recorded[recorded["table"] == name].itertuples(index=False):
            try:
                category = getattr(importlib.import_module(row.module), row.category)
            except (ImportError, AttributeError):
                category = UserWarning
            warnings.warn(row.message, category if issubclass(category, Warning) else UserWarning, stacklevel=3)

    @property
    def articles(self) -> pd.DataFrame:
        """One row per input file with its status and counts; its order gives each article its short label
        (A1, A2 ...) wherever the book names it (see :mod:`helpers.publication.reader_names`)."""
        table = self.table("articles")
        remember_articles(table)
        return table

    @property
    def usable(self) -> pd.DataFrame:
        """The articles the analyses use (status ok or warning); the corpus table keeps every file."""
        return usable_articles(self.articles)

    @property
    def figures(self) -> Path:
        return self.work_dir / "figures"

    def outlet_colours(self) -> dict[str, str]:
        """The run's outlet-colour map (one table, made from this run's corpus)."""
        table = self.table("outlet_colours")
        return dict(zip(table["outlet"].astype(str), table["colour"].astype(str), strict=True))


class StudyInputError(FileNotFoundError):
    """A parameter names a path that does not exist. In a notebook it shows as one line, not a traceback."""

    def _render_traceback_(self) -> list[str]:  # IPython shows this instead of the traceback
        return [f"error: {self}"]


def _existing(name: str, value: str, folder: bool = True) -> Path:
    path = resolve(value)
    if not path.exists() or (folder and not path.is_dir()):
        raise StudyInputError(f"{name} = {value!r}: {path} not found. Relative paths are relative to the project "
                              f"root ({PROJECT_ROOT}), wherever the notebook runs")
    return path


def load_study(corpus_dir: str, codebook_dir: str, work_dir: str, tables_dir: str | None = None,
               study_dir: str | None = None) -> Study:
    """The study of a run: its codebook now; its tables when a chapter first asks for them."""
    corpus = _existing("corpus_dir", corpus_dir, folder=False)
    codebook = _existing("codebook_dir", codebook_dir)
    study = _existing("study_dir", study_dir) if study_dir is not None else None
    from helpers.analyses.framing import frame_specs

    loaded = load_codebook(codebook)
    frame_specs(loaded)  # frames count framing language: a term that is a name is refused as the study loads
    return Study(corpus, resolve(work_dir), loaded,
                 Path(tables_dir) if tables_dir is not None else None, study)
