"""Load and validate a corpus folder: ``*.txt`` articles plus an optional ``manifest.csv``.

Real corpora are messy: scrapers save HTML as .txt, Windows tools add BOMs and CRLF, exports repeat
files, folders hold links, pipes and hidden files. Every entry ends up in the articles table with a
``status`` (see :data:`STATUSES`) and the ``issues`` found, so nothing is dropped silently; only
problems that make the whole corpus unusable raise :class:`CorpusError`. Offsets used everywhere later
are into ``raw_text``: the decoded file with any BOM removed and line endings normalised to ``\\n``
(otherwise unchanged; for an HTML page, its extracted main text).
"""

from __future__ import annotations

import hashlib
import stat
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from helpers.inputs.decoding import BinaryContent, decode
from helpers.inputs.entries import Entry, Unreadable, read_limited, scan
from helpers.inputs.records import (
    ARTICLE_COLUMNS,
    MANIFEST,
    MANIFEST_COLUMNS,
    MAX_BYTES,
    STATUSES,
    USABLE,
    CorpusError,
    CorpusWarning,
    Seen,
    check_text,
    empty_row,
    finish,
    frame,
    is_blank,
    meta_fields,
    no_usable_error,
    outlet_labels,
    parse_date,
)
from helpers.inputs.tables import TABLE_SUFFIXES, check_csv_header, iter_table, write_canonical

__all__ = [
    "ARTICLE_COLUMNS", "MAX_BYTES", "STATUSES", "USABLE", "CorpusError", "CorpusWarning", "corpus_report", "decode",
    "iter_corpus", "load_corpus", "outlet_labels", "parse_date", "read_manifest", "usable", "write_canonical",
]


def _manifest_path(corpus_dir: Path) -> Path | None:
    path = corpus_dir / MANIFEST
    if not path.is_symlink() and not path.exists():
        return None
    if path.is_symlink() and not path.resolve().is_relative_to(corpus_dir.resolve()):
        raise CorpusError(f"{path}: a link to a file outside the corpus folder; not followed")
    if not path.exists():
        raise CorpusError(f"{path}: a broken link; the manifest cannot be read")
    mode = path.stat().st_mode
    if stat.S_ISDIR(mode):
        raise CorpusError(f"{path}: is a folder, not a CSV file; rename it or remove it")
    if not stat.S_ISREG(mode):
        raise CorpusError(f"{path}: not a regular file; the manifest must be a CSV file")
    return path


def read_manifest(corpus_dir: Path) -> tuple[pd.DataFrame, list[dict[str, str]]]:
    """Read ``manifest.csv``; return its rows (one per file) and report rows for bad entries."""
    problems: list[dict[str, str]] = []
    path = _manifest_path(corpus_dir)
    if path is None:
        return pd.DataFrame(columns=MANIFEST_COLUMNS), problems
    try:
        check_csv_header(path, "manifest")
        manifest = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{path}: cannot read manifest ({exc})") from exc
    manifest.columns = [c.strip().lower() for c in manifest.columns]
    if "file" not in manifest.columns:
        raise CorpusError(f"{path}: manifest has no 'file' column (columns: {list(manifest.columns)})")
    for col in MANIFEST_COLUMNS:
        if col not in manifest.columns:
            manifest[col] = ""
    for col in manifest.columns:  # every column, whatever its dtype (object under pandas 2, str under 3)
        manifest[col] = manifest[col].astype(str).str.strip()
    for idx in manifest.index[manifest["file"] == ""]:
        problems.append(
            {"file": f"{MANIFEST} row {idx + 2}", "status": "rejected",
             "issues": "manifest row has no file name; row ignored"}
        )
    manifest = manifest[manifest["file"] != ""]
    dup = manifest["file"].duplicated(keep="first")
    for name in manifest.loc[dup, "file"]:
        problems.append({"file": name, "status": "", "issues": f"listed more than once in {MANIFEST}; first row used"})
    return manifest[~dup].reset_index(drop=True), problems


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _file_row(entry: Entry, info: dict | None, seen: Seen, max_bytes: int) -> tuple[dict[str, object], list[str]]:
    """One articles-table row for one readable text file."""
    row = empty_row(entry.name)
    issues: list[str] = []
    if entry.name.lower() in seen.names:
        issues.append(f"file name differs only in case from {seen.names[entry.name.lower()]}")
    seen.names[entry.name.lower()] = entry.name
    if info is None:
        issues.append(f"no row in {MANIFEST}; outlet set to 'unknown'")
    meta_fields(row, info or {}, issues, MANIFEST)
    try:
        data = read_limited(entry.target, max_bytes)
    except Unreadable as exc:
        row.update(status="rejected", n_bytes=_size(entry.target))
        return row, [*issues, str(exc)]
    row["n_bytes"] = len(data)
    row["sha256"] = hashlib.sha256(data).hexdigest()
    if not data.strip():
        row["status"] = "rejected"
        return row, [*issues, "empty file"]
    try:
        text, encoding, dec_issues = decode(data)
    except BinaryContent as exc:
        row["status"] = "rejected"
        return row, [*issues, str(exc)]
    row["encoding"] = encoding
    issues += dec_issues
    if is_blank(text):
        row["status"] = "rejected"
        return row, [*issues, "empty file (only spaces, such as no-break or ideographic spaces)"]
    check_text(row, text, issues, seen)
    return row, issues


def _entry_row(entry: Entry, meta: dict, seen: Seen, max_bytes: int) -> tuple[dict[str, object], list[str]]:
    if not entry.status:
        return _file_row(entry, meta.get(entry.name), seen, max_bytes)
    row = empty_row(entry.name, entry.name if not entry.is_text else None)
    issues: list[str] = []
    meta_fields(row, meta.get(entry.name, {}), issues, MANIFEST)
    row["status"] = entry.status
    if entry.target is not None:
        row["n_bytes"] = _size(entry.target)
    return row, [*issues, entry.issue]


def _unique_id(row: dict[str, object], issues: list[str], seen: Seen) -> None:
    """Article ids are unique: ``x.txt`` next to ``x.TXT`` would both be ``x``; the second is rejected."""
    aid = str(row["article_id"])
    if aid in seen.ids:
        issues.append(
            f"article id {aid!r} is already used by {seen.ids[aid]} (names differ only in case or extension); "
            "rename one of the two files"
        )
        if row["status"] in USABLE or row["status"] == "duplicate":
            row["status"] = "rejected"
        row["article_id"] = aid = str(row["file"])
    seen.ids[aid] = str(row["file"])


def _with_problems(row: dict[str, object], issues: list[str], extra: dict[str, list[str]], seen: Seen) -> dict:
    issues += extra.pop(str(row["file"]), [])
    _unique_id(row, issues, seen)
    return finish(row, issues, seen)


def _iter_folder(corpus_dir: Path, chunk_size: int, max_bytes: int) -> Iterator[pd.DataFrame]:
    manifest, report = read_manifest(corpus_dir)
    entries = scan(corpus_dir)
    if not any(e.is_text for e in entries):
        raise CorpusError(f"{corpus_dir}: no *.txt articles in the corpus folder")
    meta = manifest.set_index("file").to_dict("index")
    extra: dict[str, list[str]] = {}
    for p in report:
        extra.setdefault(p["file"], []).append(p["issues"])
    seen = Seen()
    for k in range(0, len(entries), chunk_size):
        rows = [_with_problems(*_entry_row(e, meta, seen, max_bytes), extra, seen) for e in entries[k : k + chunk_size]]
        yield frame(rows, corpus_dir)
    rows = []
    on_disk = {e.name for e in entries}
    for name in manifest["file"]:
        if name not in on_disk:
            row = empty_row(name)
            issues = [f"listed in {MANIFEST} but not found in the corpus folder {corpus_dir.name}"]
            meta_fields(row, meta[name], issues, MANIFEST)
            row["status"] = "missing"
            rows.append(_with_problems(row, issues, extra, seen))
    for p in report:
        if p["status"] and p["file"] in extra:  # manifest rows without a file name
            row = empty_row(p["file"], p["file"])
            row["status"] = p["status"]
            rows.append(_with_problems(row, [], extra, seen))
    if rows:
        yield frame(rows, corpus_dir)
    if not seen.usable:
        raise no_usable_error(corpus_dir, seen)


def iter_corpus(
    path: str | Path, chunk_size: int = 1000, max_bytes: int = MAX_BYTES, columns: dict[str, str] | None = None
) -> Iterator[pd.DataFrame]:
    """Stream the articles table in chunks, so memory stays bounded for large corpora.

    ``path`` is a folder of ``*.txt`` files (with an optional manifest) or one JSONL/CSV/Parquet file
    with a ``text`` column and manifest columns; ``columns`` maps our names to the file's
    (``{"text": "body", "outlet": "source"}``).
    """
    path = Path(path)
    if path.is_dir():
        yield from _iter_folder(path, chunk_size, max_bytes)
    elif path.is_file() and path.suffix.lower() in TABLE_SUFFIXES:
        yield from iter_table(path, chunk_size, max_bytes, columns)
    elif path.exists():
        raise CorpusError(f"{path}: not a corpus folder or a .jsonl/.csv/.parquet file")
    else:
        raise CorpusError(f"{path}: corpus folder not found")


def load_corpus(
    corpus_dir: str | Path, max_bytes: int = MAX_BYTES, columns: dict[str, str] | None = None
) -> pd.DataFrame:
    """Load a whole corpus into the articles table (one row per input file or record).

    Usable articles have status ``ok`` or ``warning``; others are ``rejected`` (empty, binary,
    too large, an unsafe link, a bad value), ``duplicate`` (same content as an earlier article),
    ``missing`` (in the manifest, not on disk) or ``skipped`` (hidden entries, subfolders); see
    :data:`STATUSES`. ``issues`` says why, in words. Each problem is also emitted as a :class:`CorpusWarning`.
    A corpus with no usable article raises :class:`CorpusError`.
    """
    chunks = list(iter_corpus(corpus_dir, chunk_size=10**9, max_bytes=max_bytes, columns=columns))
    return pd.concat(chunks, ignore_index=True) if len(chunks) > 1 else chunks[0]


def usable(articles: pd.DataFrame) -> pd.DataFrame:
    """The articles the analyses use: status ok or warning."""
    return articles[articles["status"].isin(USABLE)].reset_index(drop=True)


def corpus_report(articles: pd.DataFrame) -> pd.DataFrame:
    """Every input file with its status and issues, for the reader."""
    return articles[["file", "outlet", "published", "n_bytes", "encoding", "status", "issues"]].copy()
