"""Honest accuracy: run an extractor on a corpus as ``run`` does, score it against a gold file, keep the scores.

The scores are written to a small JSON file together with what they are (the task, the corpus, the
codebook and a label such as "in-sample" or "development set: tuned against"), so the book reports a
score from the file the evaluation wrote, never a typed number, and never presents in-sample scores
as the method's accuracy.
"""

from __future__ import annotations

import hashlib
import json
import time
import warnings
from pathlib import Path

import pandas as pd

from helpers.evaluation import scoring
from helpers.inputs.codebook import load_codebook
from helpers.inputs.config import resolve
from helpers.inputs.corpus import CorpusWarning, load_corpus
from helpers.inputs.corpus import usable as usable_articles
from helpers.inputs.results import write_table
from helpers.text.normalise import normalise_corpus

TASKS = ("quotes", "numbers")
MADE = ".evaluate-made.json"  # in an --out folder: the files evaluate wrote there, with their SHA-256
GOLD_COLUMNS = {
    "quotes": ["article", "speaker_keys", "quote_prefix", "kind", "score_speaker"],
    "numbers": ["article", "category", "value", "qualifier"],
}
# What a score is, for the book: rules developed on these texts, tuned against them, or never seen.
LABELS = ("in-sample", "development set: tuned against", "held-out")


class EvaluationError(ValueError):
    """Bad evaluation input; the message names the file."""


def from_project_gold(gold: pd.DataFrame, task: str) -> pd.DataFrame:
    """The project's own gold (``tests/gold``: article_id, text, speaker ...) in the benchmark format.

    A project quote is scored by its whole text as the prefix, and for its speaker when it names one.
    """
    gold = gold.rename(columns={"article_id": "article"})
    if task == "quotes" and "quote_prefix" not in gold.columns:
        speaker = gold.get("speaker", pd.Series("", index=gold.index)).fillna("")
        gold = gold.assign(quote_prefix=gold["text"], speaker_keys=speaker,
                           score_speaker=["yes" if s else "no" for s in speaker])
    return gold


def read_gold(path: Path, task: str) -> pd.DataFrame:
    """The gold CSV (benchmark or project format), checked for the columns the task needs."""
    if not path.is_file():
        raise EvaluationError(f"{path}: gold file not found")
    gold = pd.read_csv(path, dtype=str, keep_default_na=False)
    if "article_id" in gold.columns and "article" not in gold.columns:
        gold = from_project_gold(gold, task)
    missing = [c for c in GOLD_COLUMNS[task] if c not in gold.columns]
    if missing:
        raise EvaluationError(f"{path}: missing gold column(s) {missing} for task {task!r}")
    return gold


def _extract(task: str, corpus: Path, codebook_dir: str | None) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    """(predictions, articles, codebook name): load, normalise and extract exactly as the notebooks do."""
    codebook = load_codebook(codebook_dir)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)  # corpus warnings are reported by `run`, not here
        articles = load_corpus(corpus)
    normalised = normalise_corpus(articles, codebook)
    usable = usable_articles(normalised.articles)
    if task == "quotes":
        from helpers.analyses import quotes

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", quotes.QuoteWarning)
            predicted = quotes.extract_quotes(normalised, usable, codebook)
    else:
        from helpers.analyses import numbers

        predicted = numbers.extract_numbers(normalised, usable, codebook)
    return predicted, usable, str(codebook.event_dir)


def _shown(path: str | Path) -> str:
    """A path as it may be published: relative to the current folder, else only its last two parts.

    Score files are committed and shown in the book, which must not carry a machine's absolute paths.
    """
    p = Path(path).resolve()
    try:
        return p.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return "/".join(p.parts[-2:])


def _corpus_name(corpus_dir: Path) -> str:
    """A benchmark's name: its folder, or the folder above a folder called 'corpus' (``victims-dev/corpus``)."""
    return corpus_dir.parent.name if corpus_dir.name == "corpus" else corpus_dir.name


def _sha256(path: Path) -> str:
    """Hex SHA-256 of a file's bytes: how evaluate recognises a file it wrote itself."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def guard_outputs(out_dir: Path, names: list[str], inputs: list[Path]) -> None:
    """Refuse to replace an input, or any file in ``out_dir`` that evaluate did not write there itself.

    A gold file or a user's own table that happens to share a name with an output is never overwritten
    (a replaced gold would make the next evaluation score its own predictions); the error names the file.
    """
    made_path = out_dir / MADE
    made = json.loads(made_path.read_text(encoding="utf-8")) if made_path.is_file() else {}
    sources = {p.resolve() for p in inputs}
    for name in names:
        path = out_dir / name
        if path.resolve() in sources:
            raise EvaluationError(f"{path}: is an input of this evaluation; choose another --out")
        if path.exists() and (not path.is_file() or made.get(name) != _sha256(path)):
            raise EvaluationError(f"{path}: exists and was not written by evaluate; refusing to replace it "
                                  "(choose another --out)")


def record_outputs(out_dir: Path, names: list[str]) -> None:
    """Note the SHA-256 of the files just written, so a later run may replace them (and nothing else)."""
    made_path = out_dir / MADE
    made = json.loads(made_path.read_text(encoding="utf-8")) if made_path.is_file() else {}
    made.update({name: _sha256(out_dir / name) for name in names})
    made_path.write_text(json.dumps(made, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def _write_json(result: dict, target: Path) -> None:
    tmp = target.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    tmp.replace(target)


def evaluate(task: str, corpus: str | Path, gold: str | Path, codebook: str | None = None,
             out: str | Path | None = None, label: str = "") -> dict:
    """Extract, write ``OUT/<task>.csv``, score in the benchmark format and write ``OUT/evaluation_<task>.json``."""
    if task not in TASKS:
        raise EvaluationError(f"task must be one of {TASKS}, got {task!r}")
    corpus_dir, gold_path = resolve(corpus), resolve(gold)
    gold_table = read_gold(gold_path, task)
    names = [f"{task}.csv", f"evaluation_{task}.json"]
    out_dir = resolve(out) if out is not None else None
    if out_dir is not None:  # before the extraction: a refusal costs nothing
        guard_outputs(out_dir, names, [corpus_dir, gold_path])
    started = time.perf_counter()
    predicted, articles, codebook_used = _extract(task, corpus_dir, codebook)
    seconds = time.perf_counter() - started
    if task == "quotes":
        raw = dict(zip(articles["article_id"], articles["raw_text"], strict=True))
        ids = sorted(set(gold_table["article"]))
        texts = {i: next((t for a, t in raw.items() if a.startswith(i)), "") for i in ids}
        scores = scoring.bench_quotes(predicted, texts, gold_table)
    else:
        scores = scoring.bench_numbers(predicted, gold_table)
    result = {
        "task": task, "corpus": _corpus_name(corpus_dir), "corpus_path": _shown(corpus_dir), "gold": _shown(gold_path),
        "n": int(scores["n_gold"]), **{k: (round(v, 4) if isinstance(v, float) else v) for k, v in scores.items()},
        "codebook": _shown(codebook_used), "label": label or "unlabelled", "articles": len(articles),
        "extract_seconds": round(seconds, 2),
    }
    if out_dir is not None:
        guard_outputs(out_dir, names, [corpus_dir, gold_path])  # again: the extraction took a while
        write_table(predicted, out_dir / names[0])
        _write_json(result, out_dir / names[1])
        record_outputs(out_dir, names)
        result["json"] = str(out_dir / names[1])
    return result


def read_scores(path: str | Path) -> dict:
    """A score file the evaluate command wrote, for the book: scores with their label, never typed."""
    return json.loads(resolve(path).read_text(encoding="utf-8"))
