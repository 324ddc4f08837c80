"""The articles a book was built on, as one download next to the result tables.

A reader who wants to check a finding needs the texts the offsets point into, byte for byte, so the
corpus folder is packed into a zip archive (stored, never re-encoded). The archive is reproducible: the
members are in name order with a fixed timestamp, so two builds of one corpus give the same bytes. A very
large corpus is not packed into the book; the archive then holds a note saying so and where the
manifest is, so the download link never breaks.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

CORPUS_DOWNLOAD_MAX_BYTES = 20_000_000  # above this the book links a note instead of the texts
FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip stores: no build time leaks into the bytes


def corpus_files(corpus: Path) -> list[Path]:
    """The regular files directly in the corpus folder, in name order; links leading outside it are left out."""
    root = corpus.resolve()
    return sorted(p for p in corpus.iterdir() if p.is_file() and p.resolve().parent == root)


def _member(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)


def write_corpus_archive(corpus: Path, dest: Path, max_bytes: int = CORPUS_DOWNLOAD_MAX_BYTES) -> dict[str, int]:
    """Write ``dest`` (a zip of the corpus files, or of a note when they are too large); return what it holds."""
    files = corpus_files(corpus)
    size = sum(p.stat().st_size for p in files)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.tmp")
    with zipfile.ZipFile(tmp, "w") as archive:
        if size <= max_bytes:
            for p in files:
                _member(archive, f"{corpus.name}/{p.name}", p.read_bytes())
        else:
            note = (f"The corpus has {len(files):,} files ({size:,} bytes), more than the {max_bytes:,} bytes a book "
                    "download holds. Its texts are not included; the result tables (articles.csv) list every file "
                    "with its SHA-256, so a copy of the corpus can be checked against them.\n")
            _member(archive, f"{corpus.name}/NOT-INCLUDED.txt", note.encode("utf-8"))
    tmp.replace(dest)
    return {"files": len(files) if size <= max_bytes else 0, "bytes": size}
