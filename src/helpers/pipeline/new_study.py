"""Start a new study: a complete study folder (study.yaml, codebook, corpus, gold, prose).

The folder holds ``study.yaml`` (named after the folder; the event window taken from the corpus's dates
when a corpus is given), ``codebook/`` (the event templates and a copy of the general codebook),
``corpus/`` (or, with ``--corpus``, the path to the user's corpus in ``study.yaml``), an empty ``gold/``
with a README on its format, and an empty ``prose/``. Inside the checkout a study goes to ``studies/``,
which git ignores (except the first study), so articles under copyright are never one ``git add .``
away from a commit.
"""

from __future__ import annotations

import re
import shutil
import warnings
from pathlib import Path

from helpers.inputs.config import DEFAULT_LANGUAGE, GENERAL_CODEBOOK, PROJECT_ROOT, TEMPLATES_DIR

GOLD_README = """# Gold annotations of this study (optional)

Hand annotations of this study's own articles; each chapter that finds a file here scores its rules
against it, labelled with `gold_kind` from `study.yaml` (in-sample, development or held-out: what the
rules had seen of these texts when they were written). Without them, the chapters say that the study
has no gold annotations and show the method's development-set scores. One CSV per analysis, UTF-8, one
header row; `article_id` is the article's file name without `.txt`:

- `quotes.csv`: article_id, start, end (character offsets of the quotation in the raw text), kind
  (full, partial, scare), speaker
- `numbers.csv`: article_id, category, value, qualifier, source
- `frames.csv`: article_id, sentence_id, frames (frame keys separated by `;`, empty for none)
- `tone.csv`: article_id, sentence_id, label (positive, neutral, negative)

Code a sample without looking at Refract's output, and keep the sample apart from the texts you used
to write the codebook if you want held-out scores.
"""

PROSE_README = """# Prose of this study (optional)

Sentences that only fit this study's articles. Each file is one chapter, named as its notebook
(`02_tone_and_framing.md`), each second-level heading (`## labels`) one named section that the chapter
shows where it calls `report.study_prose(study, "02_tone_and_framing", "labels")`. Everything else in
the book is true of any study or generated from its tables.
"""


def default_destination(cwd: Path | None = None) -> Path:
    """Where a study goes when no destination is given: ``studies/`` inside the checkout (git-ignored), else here."""
    here = (cwd or Path.cwd()).resolve()
    inside = here == PROJECT_ROOT or PROJECT_ROOT in here.parents
    return PROJECT_ROOT / "studies" if inside and (PROJECT_ROOT / ".git").exists() else here


def corpus_window(corpus: Path) -> tuple[str, str] | None:
    """The first and last publication date the corpus declares (ISO), or None when it declares none."""
    import pandas as pd

    from helpers.inputs.corpus import CorpusWarning, load_corpus

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        table = load_corpus(corpus)
    if "published" not in table:
        return None
    dates = pd.to_datetime(table["published"], errors="coerce", utc=True).dropna()
    if dates.empty:
        return None
    return dates.min().date().isoformat(), dates.max().date().isoformat()


def study_yaml(name: str, corpus: str, window: tuple[str, str] | None) -> str:
    """The text of a new study.yaml, with a comment on every key."""
    if window:
        when = (f"# The event's time window, from the first and last date the corpus declares; widen it if the event\n"
                f"# began before the first article.\nyear: {window[0][:4]}\nwindow:\n  start: {window[0]}\n"
                f"  end: {window[1]}\n")
    else:
        when = ("# The event's time window: FILL IN (dates outside it that contradict an article are flagged, and a\n"
                "# date written without a year takes this year). Until then the codebook template's window applies.\n"
                "# year: 2024\n# window:\n#   start: 2024-01-01\n#   end: 2024-12-31\n")
    return (f"# The study {name}: this file, codebook/, corpus, gold/ (optional hand annotations) and prose/\n"
            "# (optional sentences that only fit this study). Paths are relative to this folder.\n"
            f"name: {name}\nlanguage: {DEFAULT_LANGUAGE}\n{when}"
            "# The articles: a folder of *.txt files (plus manifest.csv) or one JSONL/CSV/Parquet file.\n"
            f"corpus: {corpus}\ncodebook: codebook\ngold: gold\n"
            "# What the rules had seen of the gold's texts: in-sample, development or held-out.\n"
            "gold_kind: in-sample\n"
            "# Who wrote the gold, how many coders, with what agreement (the method page prints it), e.g.\n"
            "# gold_annotation: {annotators: the author, coders: one, agreement: none measured}\n"
            "prose: prose\n"
            "# May the book offer the corpus as a download? Only if you may redistribute the articles.\n"
            "redistribute_corpus: false\n"
            "# Facts about each outlet that the texts do not carry, for the limitations page, e.g.\n"
            "#   - {name: The Daily Example, based: 'Springfield', newsroom: its own}\n"
            "outlets: []\n")


def new_study(name: str, dest: str | Path | None = None, corpus: str | Path | None = None) -> Path:
    """Create ``DEST/NAME/`` with study.yaml, ``codebook/``, ``corpus/``, ``gold/`` and ``prose/``.

    ``dest`` defaults to :func:`default_destination`. With ``corpus`` the study points at those articles
    (no ``corpus/`` folder) and takes its window from their dates. Refusals (a bad name, an existing
    folder, ``dest`` a file, a corpus that does not exist) raise ValueError or OSError before anything is
    written; the command line prints them as one line.
    """
    if not re.fullmatch(r"[A-Za-z0-9][\w.-]*", name):
        raise ValueError(f"{name!r}: use letters, digits, '-', '_' or '.' for a study name")
    dest = Path(dest) if dest is not None else default_destination()
    if dest.exists() and not dest.is_dir():
        raise NotADirectoryError(f"{dest}: --dest is a file, not a folder; choose a folder to create the study in")
    root = dest / name
    if root.exists() or root.is_symlink():
        raise FileExistsError(f"{root}: already exists; choose another name or remove it")
    source = Path(corpus).resolve() if corpus is not None else None
    if source is not None and not source.exists():
        raise FileNotFoundError(f"{source}: corpus not found")
    window = corpus_window(source) if source is not None else None
    codebook = root / "codebook"
    shutil.copytree(GENERAL_CODEBOOK, codebook / "general" / DEFAULT_LANGUAGE)
    for template in sorted(TEMPLATES_DIR.glob("*.yaml")):
        shutil.copy(template, codebook / template.name)
    if source is None:
        (root / "corpus").mkdir(parents=True)
        (root / "corpus" / "manifest.csv").write_text("file,outlet,published,title,author,url,notes\n",
                                                      encoding="utf-8")
    (root / "gold").mkdir()
    (root / "gold" / "README.md").write_text(GOLD_README, encoding="utf-8")
    (root / "prose").mkdir()
    (root / "prose" / "README.md").write_text(PROSE_README, encoding="utf-8")
    (root / "study.yaml").write_text(study_yaml(name, str(source) if source else "corpus", window), encoding="utf-8")
    (root / "README.md").write_text(
        f"# {name}\n\nPut one article per UTF-8 `.txt` file in `corpus/` and describe them in "
        "`corpus/manifest.csv` (or point `corpus:` in `study.yaml` at your articles), check `study.yaml`, then "
        "edit the event codebooks in `codebook/` (start with `aliases.yaml`). Run every chapter and build the "
        "book with:\n\n"
        f"    python -m helpers run --study {root} --out {root}/build\n"
        f"    make book STUDY={root}\n", encoding="utf-8")
    return root
