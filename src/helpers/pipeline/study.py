"""One study run as the notebooks see it: codebook, corpus, normalised text and result paths.

Each notebook starts by calling :func:`load_study` with its parameters, so every chapter works from
the same loaded corpus without depending on files an earlier notebook may or may not have written.
Loading and normalising is fast (milliseconds per article); the expensive analyses are cached by
their own notebooks as result tables.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
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
    """Everything a chapter needs to start from."""

    corpus_dir: Path
    work_dir: Path
    codebook: Codebook
    articles: pd.DataFrame
    normalised: NormalisedCorpus
    corpus_warnings: list[str]

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
        """A per-article table (quotes, numbers, frame_hits, sentences, tone): the one the engine wrote for
        this run when ``tables_dir`` is given (``helpers run`` passes it), else computed in memory the same way.

        Either way it is one table, so a chapter reads it at any corpus size and still runs by hand.
        Warnings the extractor raised in the engine (unbalanced quotation marks) are raised again here.
        """
        from helpers.pipeline.tables import study_table

        return study_table(self, name, tables_dir)


def load_study(corpus_dir: str, codebook_dir: str, work_dir: str) -> Study:
    """Load codebook and corpus, normalise, and collect the corpus warnings for the report."""
    codebook = load_codebook(codebook_dir)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", CorpusWarning)
        articles = load_corpus(resolve(corpus_dir))
    messages = [str(w.message) for w in caught if issubclass(w.category, CorpusWarning)]
    normalised = normalise_corpus(articles, codebook)
    return Study(resolve(corpus_dir), resolve(work_dir), codebook, normalised.articles, normalised, messages)
