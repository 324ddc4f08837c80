"""The articles a book was built on, as one download next to the result tables.

A reader who wants to check a finding needs the texts the offsets point into, byte for byte, so the
articles are packed into a zip archive (never re-encoded). The archive holds exactly the articles the
corpus table lists as read (status ok or warning), plus the folder's manifest: never a hidden file, a
file that is not an article, or a link leading out of the folder, which the table lists as not read. A
table corpus (JSONL, CSV or Parquet) has no files to pack: its read articles' texts are packed, one
``ID.txt`` each, as the text the offsets point into.

The archive is reproducible: the members are in name order with a fixed timestamp, so two builds of one
corpus give the same bytes. A very large corpus is not packed into the book; the archive then holds a
note saying so, so the download link never breaks.
"""

from __future__ import annotations

import warnings
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from helpers.inputs.corpus import MAX_BYTES, USABLE, CorpusWarning, iter_corpus
from helpers.inputs.entries import Unreadable, read_limited, scan
from helpers.inputs.records import MANIFEST
from helpers.inputs.tables import source_name

CORPUS_DOWNLOAD_MAX_BYTES = 20_000_000  # above this the book links a note instead of the texts
FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip stores: no build time leaks into the bytes


def _member(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)


def _read_rows(corpus: Path, articles: pd.DataFrame | None) -> Iterator[pd.DataFrame]:
    """The corpus table: the one given, else the corpus read again by the same loader (its warnings were shown)."""
    if articles is not None:
        yield articles
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        yield from iter_corpus(corpus, chunk_size=1000)


def folder_members(corpus: Path, articles: pd.DataFrame | None, max_bytes: int) -> tuple[dict[str, bytes], int, int]:
    """(name -> bytes of each read article and the manifest, or {} when too large; files; bytes).

    The sizes are summed before anything is read, so a corpus too large for the book is never read here.
    """
    entries = {e.name: e.target for e in scan(corpus) if not e.status and e.target is not None}
    manifest = corpus / MANIFEST
    has_manifest = manifest.is_file() and not manifest.is_symlink()
    size = sum(p.stat().st_size for p in entries.values()) + (manifest.stat().st_size if has_manifest else 0)
    if size > max_bytes:
        return {}, len(entries) + has_manifest, size
    read = {str(f) for rows in _read_rows(corpus, articles) for f in rows.loc[rows["status"].isin(USABLE), "file"]}
    members = {}
    for name in sorted(n for n in entries if n in read):
        try:
            members[name] = read_limited(entries[name], MAX_BYTES)
        except Unreadable:  # changed since the run read it: leave it out rather than pack something else
            continue
    if has_manifest:
        members[MANIFEST] = manifest.read_bytes()
    return members, len(members), sum(len(b) for b in members.values())


def table_members(corpus: Path, articles: pd.DataFrame | None, max_bytes: int) -> tuple[dict[str, bytes], int, int]:
    """(``ID.txt`` -> text of each read row of a table corpus, or {} when too large; rows; bytes)."""
    if articles is not None and "raw_text" not in articles.columns:
        articles = None  # a table without the texts: read them from the corpus
    members: dict[str, bytes] = {}
    files = size = 0
    for rows in _read_rows(corpus, articles):
        for aid, text in rows.loc[rows["status"].isin(USABLE), ["article_id", "raw_text"]].itertuples(index=False):
            data = str(text).encode("utf-8", errors="surrogatepass")
            files, size = files + 1, size + len(data)
            if size <= max_bytes:
                members[f"{aid}.txt"] = data
            else:
                members.clear()
    return (members if size <= max_bytes else {}), files, size


def write_corpus_archive(corpus: Path, dest: Path, max_bytes: int = CORPUS_DOWNLOAD_MAX_BYTES,
                         articles: pd.DataFrame | None = None) -> dict[str, int]:
    """Write ``dest`` (a zip of the read articles, or of a note when they are too large); return what it holds.

    ``articles`` is the corpus table when the caller has it (a folder corpus needs its ``file`` and
    ``status``; a table corpus also ``raw_text``); without it the corpus is read again the same way.
    """
    corpus = Path(corpus)
    if corpus.is_dir():
        root = corpus.name
        members, files, size = folder_members(corpus, articles, max_bytes)
    else:
        root = Path(source_name(corpus)).stem
        members, files, size = table_members(corpus, articles, max_bytes)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.tmp")
    with zipfile.ZipFile(tmp, "w") as archive:
        if members or size <= max_bytes:
            for name in sorted(members):
                _member(archive, f"{root}/{name}", members[name])
        else:
            note = (f"The corpus has {files:,} files ({size:,} bytes), more than the {max_bytes:,} bytes a book "
                    "download holds. Its texts are not included; the result tables (articles.csv) list every file "
                    "with its SHA-256, so a copy of the corpus can be checked against them.\n")
            _member(archive, f"{root}/NOT-INCLUDED.txt", note.encode("utf-8"))
    tmp.replace(dest)
    return {"files": files if size <= max_bytes else 0, "bytes": size}


CORPUS_DOWNLOAD_PAGE = "corpus_download.md"  # included by the cite page: the zip's link, or why there is none


def corpus_download_text(redistribute: bool) -> str:
    """The cite page's corpus download in words: the zip only when the study says its articles may be
    redistributed (``redistribute_corpus`` in study.yaml); otherwise the file list with hashes and addresses.

    Articles under copyright must not be republished by a book that only studies them, so the default is no.
    """
    if redistribute:
        return ("The articles themselves, byte for byte as they were read, with their manifest (the study says "
                "its corpus may be redistributed; a corpus too large for a book download is replaced by a note):\n\n"
                "- {download}`the corpus this book was built on (zip) <data/corpus.zip>`\n")
    return ("The articles themselves are not offered: the study does not say they may be redistributed "
            "(`redistribute_corpus` in its study.yaml). {download}`The corpus table <data/articles.csv>` lists every "
            "file with its SHA-256 hash and the address the manifest gives, so a reader who obtains the articles "
            "can check them against this run.\n")


def write_corpus_download(corpus: Path, results: Path, redistribute: bool,
                          articles: pd.DataFrame | None = None) -> Path:
    """The corpus download of a run: ``corpus.zip`` only when ``redistribute``; always the cite page's text."""
    stale = results / "corpus.zip"
    if redistribute:
        write_corpus_archive(corpus, stale, articles=articles)
    elif stale.exists():
        stale.unlink()
    page = results / CORPUS_DOWNLOAD_PAGE
    page.write_text(corpus_download_text(redistribute), encoding="utf-8")
    return page
