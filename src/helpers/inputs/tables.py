"""A corpus as one JSONL, CSV or Parquet file: one article per row, a ``text`` column plus manifest columns.

Exports from scrapers and archives are typed loosely: a text that is a number or a list, a null id,
a CSV whose first row has one field too many. Each of these is either a rejected row naming its row
number or a clear error naming the file, row and column; none is analysed as its printed form.
"""

from __future__ import annotations

import csv
import hashlib
import os
import re
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.inputs.records import (
    MAX_BYTES,
    META_COLUMNS,
    CorpusError,
    Seen,
    check_text,
    empty_row,
    finish,
    frame,
    is_blank,
    is_missing,
    meta_fields,
    no_usable_error,
)
from helpers.inputs.table_chunks import PROBLEM, read_csv, read_jsonl, read_parquet

TABLE_SUFFIXES = (".jsonl", ".json", ".ndjson", ".csv", ".parquet")
ID_COLUMNS = ("article_id", "id", "file")
CANONICAL_COLUMNS = ["article_id", "text", "outlet", "published", "title", "author", "url", "notes", "problem"]


def check_csv_header(path: Path, what: str = "CSV") -> list[str]:
    """Header names, with clear errors for repeated headers and a first row longer than the header.

    pandas would rename a repeated header ``outlet.1`` and, when the first data row has an extra
    field, silently use the first column as the index and shift every value one column left.
    """
    try:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            reader = csv.reader(fh)
            header = next(reader, [])
            first = next(reader, None)
    except (csv.Error, UnicodeDecodeError, OSError) as exc:
        raise CorpusError(f"{path}: cannot read as {what} ({exc})") from None
    names = [h.strip().lower() for h in header]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise CorpusError(f"{path}: {what} header repeats column(s) {repeated}; each column must appear once")
    if first is not None and len(first) > len(header):
        raise CorpusError(
            f"{path}: row 1 (line 2) has {len(first)} fields but the header has {len(header)}; "
            "quote values that contain commas"
        )
    return names


def read_table_chunks(path: Path, chunk_size: int, max_bytes: int = MAX_BYTES) -> Iterator[pd.DataFrame]:
    """The file's rows in chunks of bounded memory (see :mod:`helpers.inputs.table_chunks`); errors name the file."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".parquet":
            yield from read_parquet(path, chunk_size, max_bytes)
        elif suffix == ".csv":
            check_csv_header(path)
            yield from read_csv(path, chunk_size, max_bytes)
        else:
            yield from read_jsonl(path, chunk_size, max_bytes)
    except (ValueError, OSError, UnicodeDecodeError) as exc:
        if isinstance(exc, CorpusError):
            raise
        raise CorpusError(f"{path}: cannot read as {suffix[1:]} ({exc})") from exc


def kind_of(value: object) -> str:
    """What a non-text value is, in words."""
    if isinstance(value, bool | np.bool_):
        return "a true/false value"
    if isinstance(value, int | float | np.number):
        return "a number"
    if isinstance(value, bytes | bytearray):
        return "bytes"
    if isinstance(value, dict):
        return "an object (dict)"
    if isinstance(value, list | tuple | np.ndarray):
        return "a list"
    return f"a {type(value).__name__}"


def _check_meta(rec: dict, path: Path, n: int, columns: tuple[str, ...]) -> None:
    for col in columns:
        value = rec.get(col)
        if isinstance(value, list | tuple | dict | np.ndarray | bytes | bytearray):
            raise CorpusError(
                f"{path}: row {n}: column {col!r} holds {kind_of(value)}, not text; convert it or drop the column"
            )


def _not_text(n: int, value: object) -> str:
    return f"row {n}: text is {kind_of(value)}, not text; not analysed"


def _canonical_chunk(chunk: pd.DataFrame, path: Path, n0: int) -> pd.DataFrame:
    """Our columns as strings; a text that is not text is kept out and named in ``problem``."""
    for i, rec in enumerate(chunk.to_dict("records")):
        _check_meta(rec, path, n0 + i + 1, (*META_COLUMNS, "published", *ID_COLUMNS))
    texts = chunk["text"].tolist()
    bad = [not is_missing(v) and not isinstance(v, str) for v in texts]
    before = chunk[PROBLEM].tolist() if PROBLEM in chunk.columns else [None] * len(chunk)  # e.g. over the limit
    chunk = chunk.assign(
        text=[None if b else v for v, b in zip(texts, bad, strict=True)],
        problem=[p if not is_missing(p) else _not_text(n0 + i + 1, v) if b else None
                 for i, (v, b, p) in enumerate(zip(texts, bad, before, strict=True))],
    )
    if "article_id" not in chunk.columns:
        chunk["article_id"] = chunk.get("id", chunk.get("file"))
    return pd.DataFrame({c: chunk[c].astype("string") if c in chunk.columns else pd.Series(
        [None] * len(chunk), dtype="string") for c in CANONICAL_COLUMNS})


def _article_id(rec: dict, id_col: str | None, n: int, seen: Seen, issues: list[str]) -> str:
    raw = rec.get(id_col) if id_col else None
    raw_id = "" if is_missing(raw) else str(raw)
    aid = re.sub(r"[^\w.-]+", "_", raw_id).strip("_") or f"row{n:07d}"
    if aid in seen.ids:
        issues.append(f"id {aid!r} repeats an earlier row; renamed {aid}__{n}")
        aid = f"{aid}__{n}"
    seen.ids[aid] = aid
    return aid


def _record_row(rec: dict, path: Path, n: int, id_col: str | None, seen: Seen, max_bytes: int,
                source: str) -> dict[str, object]:
    """One articles-table row; ``file`` is ``SOURCE#ID``, the user's input file and the row's id."""
    _check_meta(rec, path, n, (*META_COLUMNS, "published", *ID_COLUMNS))
    issues: list[str] = []
    aid = _article_id(rec, id_col, n, seen, issues)
    row = empty_row(f"{source}#{aid}", aid)
    meta_fields(row, rec, issues, f"{source} row {n}")
    text = rec.get("text")
    problem = rec.get("problem")  # recorded by write_canonical, which keeps only text values
    if not is_missing(problem) or (not is_missing(text) and not isinstance(text, str)):
        row["status"] = "rejected"
        issues.append(str(problem) if not is_missing(problem) else _not_text(n, text))
        return finish(row, issues, seen)
    text = "" if is_missing(text) else str(text)
    data = text.encode("utf-8", errors="surrogatepass")
    row.update(n_bytes=len(data), sha256=hashlib.sha256(data).hexdigest(), encoding="utf-8")
    if is_blank(text):
        row["status"] = "rejected"
        issues.append(f"row {n}: empty text")
    elif len(data) > max_bytes:
        row["status"] = "rejected"
        issues.append(f"row {n}: text is {len(data):,} bytes, over the {max_bytes:,}-byte limit")
    elif "\x00" in text:
        row["status"] = "rejected"
        issues.append(f"row {n}: text holds a NUL character (offset {text.index(chr(0)):,}); binary, not text")
    else:
        if "\r" in text:
            issues.append("CRLF/CR line endings normalised to LF")
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        check_text(row, text.lstrip("\ufeff"), issues, seen)
    return finish(row, issues, seen)


SOURCE_KEY = b"refract.source"  # Parquet metadata of a converted corpus: the name of the user's input file


def source_name(path: Path) -> str:
    """The input's file name as the reader knows it: for a corpus converted by ``--columns``, the user's file."""
    if path.suffix.lower() == ".parquet":
        import pyarrow.parquet as pq

        try:
            metadata = pq.read_schema(path).metadata or {}
        except (OSError, ValueError):
            return path.name  # unreadable: read_table_chunks names the problem
        if SOURCE_KEY in metadata:
            return metadata[SOURCE_KEY].decode("utf-8", errors="replace")
    return path.name


def mapped(chunk: pd.DataFrame, columns: dict[str, str] | None, path: Path) -> pd.DataFrame:
    """The chunk with ``columns`` (ours -> theirs) applied; a mapping to a column the file lacks is an error."""
    if PROBLEM in chunk.columns and chunk[PROBLEM].map(lambda p: not is_missing(p)).all():
        # every row was refused before reading (over the size limit): it has none of the file's columns
        chunk = chunk.assign(**{c: None for c in {"text", *(columns or {}).values()} if c not in chunk.columns})
    names = {str(c).strip().lower(): c for c in chunk.columns}
    missing = [f"{ours}={theirs}" for ours, theirs in (columns or {}).items()
               if theirs not in chunk.columns and theirs.strip().lower() not in names]
    if missing:
        raise CorpusError(f"{path}: --columns {', '.join(missing)}: no such column in the file "
                          f"(columns: {[str(c) for c in chunk.columns]})")
    mapping = {(theirs if theirs in chunk.columns else names[theirs.strip().lower()]): ours
               for ours, theirs in (columns or {}).items()}
    chunk = chunk.rename(columns=mapping)
    chunk.columns = [str(c).strip().lower() for c in chunk.columns]
    return chunk


def iter_table(path: Path, chunk_size: int, max_bytes: int, columns: dict[str, str] | None) -> Iterator[pd.DataFrame]:
    """Articles from one JSONL, CSV or Parquet file: a ``text`` column plus manifest columns."""
    seen = Seen()
    n = 0
    source = source_name(path)
    for chunk in read_table_chunks(path, chunk_size, max_bytes):
        chunk = mapped(chunk, columns, path)
        if "text" not in chunk.columns:
            raise CorpusError(
                f"{path}: no 'text' column (columns: {list(chunk.columns)}); map one with --columns text=YOUR_COLUMN"
            )
        id_col = next((c for c in ID_COLUMNS if c in chunk.columns), None)
        rows = []
        for rec in chunk.to_dict("records"):
            n += 1
            rows.append(_record_row(rec, path, n, id_col, seen, max_bytes, source))
        yield frame(rows, path.parent)
    if not n:
        raise CorpusError(f"{path}: the file holds no articles")
    if not seen.usable:
        raise no_usable_error(path, seen)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


def write_canonical(path: str | Path, out_file: str | Path, columns: dict[str, str] | None = None,
                    chunk_size: int = 5000) -> Path:
    """Convert a JSONL/CSV/Parquet corpus with its own column names into a Parquet file with ours.

    Streams in chunks. Rows keep their ids, so the converted corpus loads exactly like the original.
    Refuses to write over the input itself: the input's other columns would be lost.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    path, out_file = Path(path), Path(out_file)
    if _same_file(path, out_file):
        raise CorpusError(f"{out_file}: is the input corpus itself; refusing to write the converted corpus over it "
                          "(choose another --out)")
    out_file.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_file.with_suffix(".tmp.parquet")
    writer = None
    n = 0
    try:
        for chunk in read_table_chunks(path, chunk_size):
            chunk = mapped(chunk, columns, path)
            if "text" not in chunk.columns:
                raise CorpusError(f"{path}: no 'text' column (columns: {list(chunk.columns)})")
            table = _canonical_chunk(chunk, path, n)
            n += len(chunk)
            arrow = pa.Table.from_pandas(table, preserve_index=False)
            if writer is None:  # the user's file name travels with the copy, for the articles table's ``file``
                writer = pq.ParquetWriter(tmp, arrow.schema.with_metadata({SOURCE_KEY: source_name(path).encode()}))
            writer.write_table(arrow)
    finally:
        if writer is not None:
            writer.close()
    if writer is None:
        raise CorpusError(f"{path}: the file holds no articles")
    tmp.replace(out_file)
    return out_file
