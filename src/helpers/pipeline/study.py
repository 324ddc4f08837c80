"""One study run as the notebooks see it: codebook, corpus tables, and result paths.

Each notebook starts by calling :func:`load_study` with its parameters, so every chapter works from the
same study without depending on files an earlier notebook may or may not have written. In a run
(``helpers run`` passes ``tables_dir``) a chapter reads the tables the engine wrote for the whole corpus:
the corpus table and whatever per-article or corpus-level table it shows, never the texts of all
articles. Loading and normalising the corpus in the kernel (:attr:`Study.normalised`) happens only when
a chapter asks for it, or when a notebook runs by hand without a run's tables; then each table is
computed in memory, once per kernel.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from helpers.inputs.codebook import Codebook, load_codebook
from helpers.inputs.config import resolve
from helpers.inputs.corpus import CorpusWarning, load_corpus
from helpers.inputs.corpus import usable as usable_articles
from helpers.inputs.results import read_table, write_table
from helpers.text.normalise import NormalisedCorpus, normalise_corpus


@dataclass
class Study:
    """Everything a chapter needs to start from; the corpus is read only when a chapter needs it."""

    corpus_dir: Path
    work_dir: Path
    codebook: Codebook
    tables_dir: Path | None = None
    corpus_warnings: list[str] = field(default_factory=list)
    computed: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)  # tables computed in this kernel

    @cached_property
    def articles(self) -> pd.DataFrame:
        """One row per input file with its status and counts: the engine's table in a run, else the loaded corpus."""
        if self.tables_dir is not None:
            from helpers.pipeline.tables import corpus_table

            return corpus_table(Path(self.tables_dir))
        return self.normalised.articles

    @cached_property
    def normalised(self) -> NormalisedCorpus:
        """The whole corpus read and normalised in this kernel (clean text with its offsets, per article).

        Only what the engine's tables do not hold needs it; a chapter that reads tables never pays for it.
        """
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", CorpusWarning)
            articles = load_corpus(self.corpus_dir)
        self.corpus_warnings = [str(w.message) for w in caught if issubclass(w.category, CorpusWarning)]
        return normalise_corpus(articles, self.codebook)

    @property
    def results(self) -> Path:
        return self.work_dir / "results"

    @property
    def usable(self) -> pd.DataFrame:
        """The articles the analyses use (status ok or warning); the corpus table keeps every file."""
        return usable_articles(self.articles)

    @property
    def figures(self) -> Path:
        return self.work_dir / "figures"

    def write(self, name: str, table: pd.DataFrame) -> Path:
        """Write ``results/NAME.csv`` atomically."""
        return write_table(table, self.results / f"{name}.csv")

    def outlet_colours(self) -> dict[str, str]:
        """The outlet-colour map: computed once per run from the corpus, stored with the results
        (``outlet_colours.csv``), and read back by every later chapter so an outlet keeps its colour."""
        from helpers.publication.plots import outlet_colours

        path = self.results / "outlet_colours.csv"
        if path.exists():
            table = read_table(path)
            return dict(zip(table["outlet"].astype(str), table["colour"].astype(str), strict=True))
        colours = outlet_colours(self.usable)
        self.write("outlet_colours", pd.DataFrame({"outlet": list(colours), "colour": list(colours.values())}))
        return colours

    def read(self, name: str) -> pd.DataFrame:
        """Read a result table an earlier chapter wrote, with a clear error when it is missing."""
        path = self.results / f"{name}.csv"
        if not path.exists():
            raise FileNotFoundError(f"{path}: not found; run the earlier notebooks first (python -m helpers run ...)")
        return read_table(path)

    def table(self, name: str, tables_dir: str | Path | None = None) -> pd.DataFrame:
        """A table of the whole corpus (quotes, numbers, frame_hits, sentences, tone, boilerplate, declared,
        voice_parts, dates, reuse, reuse_changes): the one the engine wrote for this run when there is one
        (``tables_dir``, or the study's), else computed in memory the same way.

        Either way it is one table, so a chapter reads it at any corpus size and still runs by hand.
        Warnings the extractor raised in the engine (unbalanced quotation marks) are raised again here.
        """
        from helpers.pipeline.tables import study_table

        return study_table(self, name, tables_dir if tables_dir is not None else self.tables_dir)


def load_study(corpus_dir: str, codebook_dir: str, work_dir: str, tables_dir: str | None = None) -> Study:
    """The study of a run: its codebook now; the corpus and its tables when a chapter first asks for them."""
    return Study(resolve(corpus_dir), resolve(work_dir), load_codebook(codebook_dir),
                 Path(tables_dir) if tables_dir is not None else None)
