"""Reading a JSONL, CSV or Parquet corpus in chunks whose memory is bounded, whatever the file holds.

A table corpus gets the same size limit per article as a folder of text files, and it is checked before
the article is read: pandas would read a whole line of JSON or a whole CSV field into memory first (a
1 GB record cost 3 to 4 GB before failing). So JSONL is read line by line with a bounded read (a longer
line is skipped unread and becomes a rejected row), CSV through Python's ``csv`` module with a field size
limit, and Parquet only after its metadata shows no row group larger than the limit allows. Chunks hold at
most ``chunk_size`` rows and about :data:`CHUNK_BYTES` of text.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from helpers.inputs.records import CorpusError

CHUNK_BYTES = 64 * 1024 * 1024  # a chunk is yielded early once its records hold this much text
PROBLEM = "problem"  # the column a rejected-before-reading row carries its reason in (see tables._record_row)


def _records_frame(records: list[dict]) -> pd.DataFrame:
    """Records as a frame of Python objects: an id 7 stays 7 (not 7.0 beside a missing one)."""
    return pd.DataFrame.from_records(records).astype(object) if records else pd.DataFrame()


def _skip_line(fh) -> None:
    while True:
        block = fh.readline(1024 * 1024)
        if not block or block.endswith(b"\n"):
            return


def read_jsonl(path: Path, chunk_size: int, max_bytes: int) -> Iterator[pd.DataFrame]:
    """JSON Lines, one object per line; a line over ``max_bytes`` is not parsed (its row names the limit)."""
    records: list[dict] = []
    held = n = line_no = 0
    with open(path, "rb") as fh:
        while True:
            line = fh.readline(max_bytes + 1)
            if not line:
                break
            line_no += 1
            if len(line) > max_bytes and not line.endswith(b"\n"):
                _skip_line(fh)
                record: dict = {PROBLEM: f"row {n + 1}: record is over the {max_bytes:,}-byte limit; not read"}
            elif not line.strip():
                continue
            else:
                try:
                    record = json.loads(line.decode("utf-8-sig"))
                except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                    raise CorpusError(f"{path}: line {line_no}: not valid JSON ({exc})") from None
                if not isinstance(record, dict):
                    raise CorpusError(f"{path}: line {line_no}: expected a JSON object, got {type(record).__name__}")
            records.append(record)
            n += 1
            held += len(line)
            if len(records) >= chunk_size or held >= CHUNK_BYTES:
                yield _records_frame(records)
                records, held = [], 0
    if records:
        yield _records_frame(records)


@contextmanager
def _field_limit(limit: int):
    old = csv.field_size_limit()
    csv.field_size_limit(limit)
    try:
        yield
    finally:
        csv.field_size_limit(old)


def read_csv(path: Path, chunk_size: int, max_bytes: int) -> Iterator[pd.DataFrame]:
    """CSV with a header row, every value a string; a value over ``max_bytes`` stops the read naming its row."""
    rows: list[list[str]] = []
    held = 0
    with open(path, newline="", encoding="utf-8-sig") as fh, _field_limit(max_bytes):
        reader = csv.reader(fh)
        header = next(reader, [])
        n = 0
        try:
            for values in reader:
                n += 1
                if len(values) > len(header):
                    raise CorpusError(f"{path}: row {n} has {len(values)} fields but the header has {len(header)}; "
                                      "quote values that contain commas")
                rows.append(values + [""] * (len(header) - len(values)))
                held += sum(len(v) for v in values)
                if len(rows) >= chunk_size or held >= CHUNK_BYTES:
                    yield pd.DataFrame(rows, columns=header, dtype=object)
                    rows, held = [], 0
        except csv.Error as exc:
            if "field larger than field limit" in str(exc):
                raise CorpusError(f"{path}: row {n + 1}: a value is over the {max_bytes:,}-byte limit for an article; "
                                  "the file is not read further") from None
            raise CorpusError(f"{path}: row {n + 1}: cannot read as CSV ({exc})") from None
    if rows:
        yield pd.DataFrame(rows, columns=header, dtype=object)


def read_parquet(path: Path, chunk_size: int, max_bytes: int) -> Iterator[pd.DataFrame]:
    """Parquet in batches, after checking from the metadata that no row group averages over the limit per row."""
    import pyarrow.parquet as pq

    parquet = pq.ParquetFile(path)
    for k in range(parquet.metadata.num_row_groups):
        group = parquet.metadata.row_group(k)
        if group.total_byte_size > max_bytes * max(group.num_rows, 1):
            raise CorpusError(
                f"{path}: row group {k} holds {group.num_rows:,} row(s) in {group.total_byte_size:,} bytes, over the "
                f"{max_bytes:,}-byte limit per article; not read")
    for batch in parquet.iter_batches(batch_size=chunk_size):
        yield batch.to_pandas()
