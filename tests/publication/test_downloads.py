"""The corpus download: the texts byte for byte, the same archive on every build, a note when too large."""

from __future__ import annotations

import zipfile

from helpers.publication.downloads import write_corpus_archive


def corpus(tmp_path):
    folder = tmp_path / "mycorpus"
    folder.mkdir()
    (folder / "b.txt").write_bytes("Caf\u00e9 owners said 3 windows broke.\r\n".encode("cp1252"))
    (folder / "a.txt").write_bytes(b"\xef\xbb\xbfA text with a BOM.\n")
    (folder / "manifest.csv").write_text("file,outlet\na.txt,Valley Courier\nb.txt,Hill Times\n", encoding="utf-8")
    return folder


def test_archive_holds_every_file_byte_for_byte_in_name_order(tmp_path):
    folder = corpus(tmp_path)
    held = write_corpus_archive(folder, tmp_path / "out" / "corpus.zip")
    with zipfile.ZipFile(tmp_path / "out" / "corpus.zip") as z:
        assert z.namelist() == ["mycorpus/a.txt", "mycorpus/b.txt", "mycorpus/manifest.csv"]
        for name in z.namelist():
            assert z.read(name) == (folder / name.split("/")[1]).read_bytes()
    assert held["files"] == 3


def test_two_builds_give_the_same_bytes(tmp_path):
    folder = corpus(tmp_path)
    write_corpus_archive(folder, tmp_path / "one.zip")
    (folder / "a.txt").touch()  # a new modification time must not change the archive
    write_corpus_archive(folder, tmp_path / "two.zip")
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()


def test_links_out_of_the_corpus_are_not_packed(tmp_path):
    folder = corpus(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("not an article", encoding="utf-8")
    (folder / "c.txt").symlink_to(secret)
    write_corpus_archive(folder, tmp_path / "corpus.zip")
    with zipfile.ZipFile(tmp_path / "corpus.zip") as z:
        assert "mycorpus/c.txt" not in z.namelist()


def test_a_corpus_too_large_gives_a_note_not_the_texts(tmp_path):
    folder = corpus(tmp_path)
    held = write_corpus_archive(folder, tmp_path / "corpus.zip", max_bytes=10)
    with zipfile.ZipFile(tmp_path / "corpus.zip") as z:
        assert z.namelist() == ["mycorpus/NOT-INCLUDED.txt"]
        assert "3 files" in z.read("mycorpus/NOT-INCLUDED.txt").decode("utf-8")
    assert held["files"] == 0
