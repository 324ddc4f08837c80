"""Corpus loading: every kind of bad input gets a clear error or a recorded warning."""

from __future__ import annotations

import warnings

import pytest
from conftest import SEEDS, write_corpus

from helpers.inputs.corpus import CorpusError, CorpusWarning, corpus_report, load_corpus, usable

STORY = "Protesters gathered in the square on Thursday. Police said 20 people were detained.\n"


def load(folder):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        table = load_corpus(folder)
    return table, [str(w.message) for w in caught if issubclass(w.category, CorpusWarning)]


def row(table, name):
    return table[table["file"] == name].iloc[0]


def test_seeds_load_with_manifest():
    table, msgs = load(SEEDS)
    assert len(table) == 5 and set(table["status"]) == {"ok"}
    assert msgs == []
    assert row(table, "000_93bec88a104edc14.txt")["outlet"] == "The Washington Times"
    assert row(table, "000_93bec88a104edc14.txt")["published"] == "2022-01-06"
    assert row(table, "001_a6ae878ee47caf42.txt")["outlet"] == "unknown"
    # unknown outlets are never pooled together
    assert row(table, "001_a6ae878ee47caf42.txt")["outlet_label"] == "unknown (001_a6ae878ee47caf42)"


def test_empty_folder_is_an_error(tmp_path):
    with pytest.raises(CorpusError, match="no \\*.txt articles"):
        load_corpus(tmp_path)


def test_missing_folder_is_an_error(tmp_path):
    with pytest.raises(CorpusError, match="not found"):
        load_corpus(tmp_path / "nope")


def test_empty_and_binary_files_rejected_not_dropped(tmp_path):
    folder = write_corpus(tmp_path, {"a.txt": STORY, "empty.txt": "  \n", "bin.txt": b"\x00\x01PK\x03"})
    table, msgs = load(folder)
    assert row(table, "empty.txt")["status"] == "rejected"
    assert "empty file" in row(table, "empty.txt")["issues"]
    assert row(table, "bin.txt")["status"] == "rejected"
    assert "binary" in row(table, "bin.txt")["issues"]
    assert any("empty.txt" in m for m in msgs) and any("bin.txt" in m for m in msgs)
    assert list(usable(table)["file"]) == ["a.txt"]
    assert set(corpus_report(table)["file"]) == {"a.txt", "empty.txt", "bin.txt"}


def test_non_utf8_bom_crlf(tmp_path):
    folder = write_corpus(
        tmp_path,
        {
            "cp.txt": "Caf\u00e9 owners said \u201cno\u201d.\n".encode("cp1252"),
            "bom.txt": b"\xef\xbb\xbf" + STORY.encode(),
            "crlf.txt": STORY.replace("\n", "\r\n").encode() * 2,
        },
    )
    table, _ = load(folder)
    cp = row(table, "cp.txt")
    assert cp["status"] == "warning" and cp["encoding"] == "cp1252"
    assert "not valid UTF-8" in cp["issues"] and "\u201cno\u201d" in cp["raw_text"]
    bom = row(table, "bom.txt")
    assert "byte-order mark" in bom["issues"] and not bom["raw_text"].startswith("\ufeff")
    crlf = row(table, "crlf.txt")
    assert "CRLF" in crlf["issues"] and "\r" not in crlf["raw_text"]


def test_html_and_oversized(tmp_path):
    folder = write_corpus(
        tmp_path, {"page.txt": "<html><body><p>" + STORY + "</p></body></html>", "big.txt": "word " * 300}
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        table = load_corpus(folder, max_bytes=1000)
    assert "HTML markup" in row(table, "page.txt")["issues"]
    assert row(table, "page.txt")["status"] == "warning"
    big = row(table, "big.txt")
    assert big["status"] == "rejected" and "over the 1,000-byte limit" in big["issues"]


def test_manifest_problems(tmp_path):
    manifest = (
        "file,outlet,published\n"
        "a.txt,Daily One,2022-01-06\n"
        ",Ghost Outlet,2022-01-06\n"
        "b.txt,Daily Two,06/01/2022\n"
        "a.txt,Daily One again,2022-01-07\n"
        "gone.txt,Daily Three,2022-01-08\n"
    )
    folder = write_corpus(tmp_path, {"a.txt": STORY, "b.txt": STORY + "More.\n", "c.txt": STORY + "x\n"}, manifest)
    table, msgs = load(folder)
    assert row(table, "a.txt")["outlet"] == "Daily One"
    assert "listed more than once" in row(table, "a.txt")["issues"]
    assert row(table, "b.txt")["published"] == "unknown"
    assert "malformed date '06/01/2022'" in row(table, "b.txt")["issues"]
    assert row(table, "c.txt")["outlet"] == "unknown"
    assert "no row in manifest.csv" in row(table, "c.txt")["issues"]
    assert row(table, "gone.txt")["status"] == "missing"
    assert row(table, "manifest.csv row 3")["status"] == "rejected"
    assert any("gone.txt" in m for m in msgs)


def test_manifest_without_file_column(tmp_path):
    folder = write_corpus(tmp_path, {"a.txt": STORY}, "name,outlet\na.txt,X\n")
    with pytest.raises(CorpusError, match="manifest.csv: manifest has no 'file' column"):
        load_corpus(folder)


def test_duplicate_content_and_names(tmp_path):
    folder = write_corpus(tmp_path, {"a.txt": STORY, "copy.txt": STORY, "notes.md": "# notes"})
    table, _ = load(folder)
    assert row(table, "copy.txt")["status"] == "duplicate"
    assert "same content as a.txt" in row(table, "copy.txt")["issues"]
    assert row(table, "notes.md")["status"] == "rejected"
    assert list(usable(table)["file"]) == ["a.txt"]


def test_file_names_differing_only_in_case(tmp_path):
    folder = write_corpus(tmp_path, {"Story.txt": STORY, "story.txt": STORY + "Later update.\n"})
    table, msgs = load(folder)
    assert "differs only in case from Story.txt" in row(table, "story.txt")["issues"]
    assert any("story.txt" in m for m in msgs)
