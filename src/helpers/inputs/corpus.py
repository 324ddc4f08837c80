"""Load and validate a corpus folder: ``*.txt`` articles plus an optional ``manifest.csv``.

Real corpora are messy: scrapers save HTML as .txt, Windows tools add BOMs and CRLF, exports repeat
files. Every input file ends up in the articles table with a ``status`` and the ``issues`` found, so
nothing is dropped silently; only problems that make the whole corpus unusable raise
:class:`CorpusError`. Offsets used everywhere later are into ``raw_text``: the decoded file with any
BOM removed and line endings normalised to ``\\n`` (otherwise unchanged).
"""

from __future__ import annotations

import hashlib
import re
import warnings
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pandas as pd

MAX_BYTES = 5 * 1024 * 1024
MANIFEST = "manifest.csv"
MANIFEST_COLUMNS = ["file", "outlet", "published", "title", "author", "url", "notes"]
USABLE = ("ok", "warning")
ARTICLE_COLUMNS = [
    "article_id",
    "file",
    "outlet",
    "published",
    "title",
    "author",
    "url",
    "notes",
    "sha256",
    "n_bytes",
    "encoding",
    "status",
    "issues",
    "raw_text",
]
HTML_HINT = re.compile(r"<\s*(!doctype|html|head|body|div|p|script|span|article)\b", re.IGNORECASE)


class CorpusError(ValueError):
    """The corpus as a whole cannot be used; the message names the folder or file."""


class CorpusWarning(UserWarning):
    """A problem with one input file that was handled and recorded in the corpus report."""


def _looks_binary(data: bytes) -> bool:
    if b"\x00" in data[:8192]:
        return True
    sample = data[:8192]
    control = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return bool(sample) and control / len(sample) > 0.05


def decode(data: bytes) -> tuple[str, str, list[str]]:
    """Decode bytes as UTF-8, falling back to cp1252 then latin-1; return text, encoding, issues."""
    issues: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        issues.append("UTF-8 byte-order mark removed")
        data = data[3:]
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        try:
            text, encoding = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            text, encoding = data.decode("latin-1"), "latin-1"
        issues.append(f"not valid UTF-8 (byte {exc.start}); decoded as {encoding}")
    if "\r" in text:
        issues.append("CRLF/CR line endings normalised to LF")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, encoding, issues


def parse_date(value: str) -> str | None:
    """ISO 8601 date (or date-time) to ``YYYY-MM-DD``; None when malformed."""
    value = value.strip()
    for parse in (date.fromisoformat, lambda v: datetime.fromisoformat(v).date()):
        try:
            return parse(value).isoformat()
        except ValueError:
            continue
    return None


def read_manifest(corpus_dir: Path) -> tuple[pd.DataFrame, list[dict[str, str]]]:
    """Read ``manifest.csv``; return its rows (one per file) and report rows for bad entries."""
    path = corpus_dir / MANIFEST
    problems: list[dict[str, str]] = []
    if not path.exists():
        return pd.DataFrame(columns=MANIFEST_COLUMNS), problems
    try:
        manifest = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{path}: cannot read manifest ({exc})") from exc
    manifest.columns = [c.strip().lower() for c in manifest.columns]
    if "file" not in manifest.columns:
        raise CorpusError(f"{path}: manifest has no 'file' column (columns: {list(manifest.columns)})")
    for col in MANIFEST_COLUMNS:
        if col not in manifest.columns:
            manifest[col] = ""
    manifest = manifest.apply(lambda s: s.str.strip() if s.dtype == object else s)
    for idx in manifest.index[manifest["file"] == ""]:
        problems.append(
            {
                "file": f"{MANIFEST} row {idx + 2}",
                "status": "rejected",
                "issues": "manifest row has no file name; row ignored",
            }
        )
    manifest = manifest[manifest["file"] != ""]
    dup = manifest["file"].duplicated(keep="first")
    for name in manifest.loc[dup, "file"]:
        problems.append(
            {"file": name, "status": "warning", "issues": f"listed more than once in {MANIFEST}; first row used"}
        )
    return manifest[~dup].reset_index(drop=True), problems


def _empty_row(name: str) -> dict[str, object]:
    row: dict[str, object] = {c: "" for c in ARTICLE_COLUMNS}
    row.update(article_id=Path(name).stem, file=name, n_bytes=0, status="ok")
    return row


TABLE_SUFFIXES = (".jsonl", ".json", ".ndjson", ".csv", ".parquet")
ID_COLUMNS = ("article_id", "id", "file")


class _Seen:
    """What a streaming load remembers across chunks: content hashes and names (small per article)."""

    def __init__(self) -> None:
        self.hashes: dict[str, str] = {}
        self.names: dict[str, str] = {}


def _meta_fields(row: dict[str, object], info: dict[str, object], issues: list[str], where: str) -> None:
    for col in ("outlet", "title", "author", "url", "notes"):
        value = info.get(col, "")
        row[col] = (
            str(value) if value not in (None, "") and not (isinstance(value, float) and value != value) else "unknown"
        )
    published = info.get("published", "")
    published = "" if published is None or (isinstance(published, float) and published != published) else str(published)
    published = published or "unknown"
    if published != "unknown" and parse_date(published) is None:
        issues.append(f"malformed date {published!r} in {where}; published set to 'unknown'")
        published = "unknown"
    row["published"] = parse_date(published) or "unknown"


def _check_text(row: dict[str, object], text: str, issues: list[str], seen: _Seen) -> None:
    row["raw_text"] = text
    if HTML_HINT.search(text):
        issues.append("contains HTML markup; tags are stripped during normalisation")
    if row["sha256"] in seen.hashes:
        row["status"] = "duplicate"
        issues.append(f"same content as {seen.hashes[str(row['sha256'])]}; excluded from analysis")
    else:
        seen.hashes[str(row["sha256"])] = str(row["file"])


def _file_row(path: Path, info: dict | None, seen: _Seen, max_bytes: int) -> dict[str, object]:
    """One articles-table row for one text file."""
    row = _empty_row(path.name)
    issues: list[str] = []
    data = path.read_bytes()
    row["n_bytes"] = len(data)
    row["sha256"] = hashlib.sha256(data).hexdigest()
    if path.name.lower() in seen.names:
        issues.append(f"file name differs only in case from {seen.names[path.name.lower()]}")
    seen.names[path.name.lower()] = path.name
    if info is None:
        issues.append(f"no row in {MANIFEST}; outlet set to 'unknown'")
    _meta_fields(row, info or {}, issues, MANIFEST)
    if len(data) > max_bytes:
        row["status"] = "rejected"
        issues.append(f"file is {len(data):,} bytes, over the {max_bytes:,}-byte limit")
    elif not data.strip():
        row["status"] = "rejected"
        issues.append("empty file")
    elif _looks_binary(data):
        row["status"] = "rejected"
        issues.append("binary file (NUL or control bytes), not text")
    else:
        text, encoding, dec_issues = decode(data)
        issues += dec_issues
        row["encoding"] = encoding
        _check_text(row, text, issues, seen)
    return _finish(row, issues)


def _finish(row: dict[str, object], issues: list[str]) -> dict[str, object]:
    if issues and row["status"] == "ok":
        row["status"] = "warning"
    row["issues"] = "; ".join(issues)
    return row


def _frame(rows: list[dict[str, object]], where: Path) -> pd.DataFrame:
    articles = pd.DataFrame(rows, columns=ARTICLE_COLUMNS)
    articles["outlet_label"] = outlet_labels(articles)
    for r in articles[articles["issues"] != ""].itertuples(index=False):
        warnings.warn(f"{where / str(r.file)}: {r.status}: {r.issues}", CorpusWarning, stacklevel=3)
    return articles.reset_index(drop=True)


def _iter_folder(corpus_dir: Path, chunk_size: int, max_bytes: int) -> Iterator[pd.DataFrame]:
    manifest, report = read_manifest(corpus_dir)
    files = sorted(p for p in corpus_dir.iterdir() if p.is_file() and not p.name.startswith("."))
    texts = [p for p in files if p.suffix.lower() == ".txt"]
    others = [p for p in files if p.suffix.lower() != ".txt" and p.name != MANIFEST]
    if not texts:
        raise CorpusError(f"{corpus_dir}: no *.txt articles in the corpus folder")
    meta = manifest.set_index("file").to_dict("index")
    extra = {p["file"]: p for p in report}
    seen = _Seen()
    for k in range(0, len(texts), chunk_size):
        rows = []
        for path in texts[k : k + chunk_size]:
            row = _file_row(path, meta.get(path.name), seen, max_bytes)
            if path.name in extra:  # a manifest problem about this file (e.g. listed twice)
                row["issues"] = "; ".join(filter(None, [str(row["issues"]), extra.pop(path.name)["issues"]]))
                row["status"] = "warning" if row["status"] == "ok" else row["status"]
            rows.append(row)
        yield _frame(rows, corpus_dir)
    rows = []
    on_disk = {p.name for p in texts}
    for name in manifest["file"]:
        if name not in on_disk:
            row = _empty_row(name)
            issues = [f"listed in {MANIFEST} but not found in {corpus_dir}"]
            _meta_fields(row, meta[name], issues, MANIFEST)
            row["status"] = "missing"
            rows.append(_finish(row, issues))
    for path in others:
        row = _empty_row(path.name)
        row.update(status="rejected", issues="not a .txt file; ignored", n_bytes=path.stat().st_size)
        rows.append(row)
    for problem in extra.values():
        row = _empty_row(problem["file"])
        row.update(problem)
        rows.append(row)
    if rows:
        yield _frame(rows, corpus_dir)


def _read_table_chunks(path: Path, chunk_size: int) -> Iterator[pd.DataFrame]:
    suffix = path.suffix.lower()
    try:
        if suffix == ".parquet":
            import pyarrow.parquet as pq

            for batch in pq.ParquetFile(path).iter_batches(batch_size=chunk_size):
                yield batch.to_pandas()
        elif suffix == ".csv":
            yield from pd.read_csv(path, chunksize=chunk_size, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        else:
            yield from pd.read_json(path, lines=True, chunksize=chunk_size, dtype=False)
    except (ValueError, OSError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{path}: cannot read as {suffix[1:]} ({exc})") from exc


def _iter_table(path: Path, chunk_size: int, max_bytes: int, columns: dict[str, str] | None) -> Iterator[pd.DataFrame]:
    """Articles from one JSONL, CSV or Parquet file: a ``text`` column plus manifest columns."""
    mapping = {v: k for k, v in (columns or {}).items()}  # source column -> our column
    seen = _Seen()
    ids: set[str] = set()
    n = 0
    any_rows = False
    for chunk in _read_table_chunks(path, chunk_size):
        chunk = chunk.rename(columns=mapping)
        chunk.columns = [str(c).strip().lower() for c in chunk.columns]
        if "text" not in chunk.columns:
            raise CorpusError(
                f"{path}: no 'text' column (columns: {list(chunk.columns)}); map one with --columns text=YOUR_COLUMN"
            )
        id_col = next((c for c in ID_COLUMNS if c in chunk.columns), None)
        rows = []
        for rec in chunk.to_dict("records"):
            n += 1
            any_rows = True
            raw_id = str(rec.get(id_col, "") or "") if id_col else ""
            aid = re.sub(r"[^\w.-]+", "_", raw_id).strip("_") or f"row{n:07d}"
            issues: list[str] = []
            if aid in ids:
                issues.append(f"id {aid!r} repeats an earlier row; renamed {aid}__{n}")
                aid = f"{aid}__{n}"
            ids.add(aid)
            row = _empty_row(f"{path.name}#{aid}")
            row["article_id"] = aid
            _meta_fields(row, rec, issues, path.name)
            text = rec.get("text")
            text = "" if text is None or (isinstance(text, float) and text != text) else str(text)
            data = text.encode("utf-8")
            row["n_bytes"] = len(data)
            row["sha256"] = hashlib.sha256(data).hexdigest()
            row["encoding"] = "utf-8"
            if not text.strip():
                row["status"] = "rejected"
                issues.append("empty text")
            elif len(data) > max_bytes:
                row["status"] = "rejected"
                issues.append(f"text is {len(data):,} bytes, over the {max_bytes:,}-byte limit")
            else:
                if "\r" in text:
                    issues.append("CRLF/CR line endings normalised to LF")
                    text = text.replace("\r\n", "\n").replace("\r", "\n")
                _check_text(row, text.lstrip("\ufeff"), issues, seen)
            rows.append(_finish(row, issues))
        yield _frame(rows, path.parent)
    if not any_rows:
        raise CorpusError(f"{path}: the file holds no articles")


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
        yield from _iter_table(path, chunk_size, max_bytes, columns)
    elif path.exists():
        raise CorpusError(f"{path}: not a corpus folder or a .jsonl/.csv/.parquet file")
    else:
        raise CorpusError(f"{path}: corpus folder not found")


def load_corpus(
    corpus_dir: str | Path, max_bytes: int = MAX_BYTES, columns: dict[str, str] | None = None
) -> pd.DataFrame:
    """Load a whole corpus into the articles table (one row per input file or record).

    Usable articles have status ``ok`` or ``warning``; others are ``rejected`` (empty, binary,
    too large), ``duplicate`` (same content as an earlier article) or ``missing`` (in the manifest,
    not on disk). ``issues`` says why, in words. Each problem is also emitted as a :class:`CorpusWarning`.
    """
    chunks = list(iter_corpus(corpus_dir, chunk_size=10**9, max_bytes=max_bytes, columns=columns))
    return pd.concat(chunks, ignore_index=True) if len(chunks) > 1 else chunks[0]


def outlet_labels(articles: pd.DataFrame) -> pd.Series:
    """Outlet names for grouping: an unknown outlet is its own group per article, never pooled."""
    unknown = articles["outlet"].isin(["", "unknown"])
    return articles["outlet"].where(~unknown, "unknown (" + articles["article_id"] + ")")


def usable(articles: pd.DataFrame) -> pd.DataFrame:
    """The articles the analyses use: status ok or warning."""
    return articles[articles["status"].isin(USABLE)].reset_index(drop=True)


def corpus_report(articles: pd.DataFrame) -> pd.DataFrame:
    """Every input file with its status and issues, for the reader."""
    return articles[["file", "outlet", "published", "n_bytes", "encoding", "status", "issues"]].copy()


CANONICAL_COLUMNS = ["article_id", "text", "outlet", "published", "title", "author", "url", "notes"]


def write_canonical(path: str | Path, out_file: str | Path, columns: dict[str, str] | None = None,
                    chunk_size: int = 5000) -> Path:
    """Convert a JSONL/CSV/Parquet corpus with its own column names into a Parquet file with ours.

    Streams in chunks. Rows keep their ids, so the converted corpus loads exactly like the original.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    out_file = Path(out_file)
    out_file.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_file.with_suffix(".tmp.parquet")
    writer = None
    path = Path(path)
    mapping = {v: k for k, v in (columns or {}).items()}
    try:
        for chunk in _read_table_chunks(path, chunk_size):
            chunk = chunk.rename(columns=mapping)
            chunk.columns = [str(c).strip().lower() for c in chunk.columns]
            if "text" not in chunk.columns:
                raise CorpusError(f"{path}: no 'text' column (columns: {list(chunk.columns)})")
            if "article_id" not in chunk.columns:
                chunk["article_id"] = chunk.get("id", chunk.get("file"))
            table = pd.DataFrame({c: chunk[c].astype("string") if c in chunk.columns else pd.Series(
                [None] * len(chunk), dtype="string") for c in CANONICAL_COLUMNS})
            arrow = pa.Table.from_pandas(table, preserve_index=False)
            if writer is None:
                writer = pq.ParquetWriter(tmp, arrow.schema)
            writer.write_table(arrow)
    finally:
        if writer is not None:
            writer.close()
    if writer is None:
        raise CorpusError(f"{path}: the file holds no articles")
    tmp.replace(out_file)
    return out_file
