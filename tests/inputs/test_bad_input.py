"""Bad input, as a careless or hostile user would give it: one test per defect of issue 15, named after it.

Every case ends in a clear error naming the file or row, or in a status in the corpus report;
nothing is silently dropped, nothing is analysed as something it is not. (Driver and command-line
cases are in test_bad_runs.py.)
"""

from __future__ import annotations

import json
import os
import warnings

import pandas as pd
import pytest
from conftest import write_corpus

from helpers.inputs.config import PROJECT_ROOT
from helpers.inputs.corpus import CorpusError, CorpusWarning, load_corpus, usable, write_canonical
from helpers.inputs.results import read_table, write_table

STORY = "Protesters gathered in the square on Thursday. Police said 20 people were detained.\n"
OTHER = "The ministry said the curfew would end on Monday. Shops reopened in the afternoon.\n"


def load(path, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        return load_corpus(path, **kwargs)


def row(table, name):
    rows = table[table["file"] == name]
    assert len(rows) == 1, f"{name}: {len(rows)} rows"
    return rows.iloc[0]


# 6. Symlinks leaving the corpus folder


def test_symlink_leaving_the_corpus_is_not_followed(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:the secret password line\n", encoding="utf-8")
    folder = write_corpus(tmp_path / "c", {"a.txt": STORY})
    (folder / "passwd.txt").symlink_to(secret)
    (folder / "inside.txt").symlink_to(folder / "a.txt")  # a link inside the folder is fine (and a duplicate)
    table = load(folder)
    linked = row(table, "passwd.txt")
    assert linked["status"] == "rejected" and "outside the corpus folder" in linked["issues"]
    assert not table["raw_text"].str.contains("secret password").any()
    assert row(table, "inside.txt")["status"] == "duplicate"


# 8. Entries nobody sees


def test_links_loops_pipes_folders_and_dot_files_get_a_status(tmp_path):
    folder = write_corpus(tmp_path / "c", {"a.txt": STORY, ".hidden.txt": OTHER, ".DS_Store": b"\x00\x01"})
    (folder / "loop.txt").symlink_to(folder / "loop2.txt")
    (folder / "loop2.txt").symlink_to(folder / "loop.txt")
    (folder / "broken.txt").symlink_to(folder / "nowhere.txt")
    (folder / "folder.txt").mkdir()
    (folder / "images").mkdir()
    os.mkfifo(folder / "pipe.txt")
    table = load(folder)
    expected = {
        "loop.txt": ("rejected", "link loop"),
        "loop2.txt": ("rejected", "link loop"),
        "broken.txt": ("rejected", "broken link"),
        "folder.txt": ("rejected", "a folder named like an article"),
        "pipe.txt": ("rejected", "named pipe (FIFO)"),
        ".hidden.txt": ("skipped", "hidden entry"),
        ".DS_Store": ("skipped", "hidden entry"),
        "images": ("skipped", "subfolder"),
    }
    for name, (status, words) in expected.items():
        assert row(table, name)["status"] == status, name
        assert words in row(table, name)["issues"], name
    assert list(usable(table)["file"]) == ["a.txt"]
    assert table["article_id"].is_unique


# 9. Whitespace in the manifest


def test_manifest_values_are_stripped_under_pandas_3(tmp_path):
    manifest = "file , outlet ,published\na.txt, Reuters ,2022-01-06 \n b.txt ,Reuters,\n"
    table = load(write_corpus(tmp_path, {"a.txt": STORY, "b.txt": OTHER}, manifest))
    assert row(table, "a.txt")["outlet"] == "Reuters" == row(table, "b.txt")["outlet"]
    assert row(table, "a.txt")["published"] == "2022-01-06"
    assert table["outlet_label"].nunique() == 1


# 10. Phantom articles


def test_missing_file_listed_twice_makes_no_phantom_article(tmp_path):
    manifest = "file,outlet\na.txt,One\ngone.txt,Two\ngone.txt,Two\n"
    table = load(write_corpus(tmp_path, {"a.txt": STORY}, manifest))
    gone = row(table, "gone.txt")  # exactly one row
    assert gone["status"] == "missing" and "listed more than once" in gone["issues"]
    assert list(usable(table)["file"]) == ["a.txt"]
    assert len(table) == 2


# 11. Shifted rows


def test_csv_first_row_with_extra_fields_is_an_error_naming_the_row(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(f"id,text\na,{STORY.strip()},EXTRA\nb,{OTHER.strip()}\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"export.csv: row 1 \(line 2\) has 3 fields but the header has 2"):
        load(path)


# 12. Non-text values


def test_non_text_values_are_rejected_with_the_row_number(tmp_path):
    lines = [{"id": "ok", "text": STORY}, {"id": "n", "text": 42}, {"id": "b", "text": True},
             {"id": "l", "text": ["a", "b"]}, {"id": "d", "text": {"body": "x"}}]
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    table = load(path)
    expected = {"n": "row 2: text is a number", "b": "row 3: text is a true/false value", "l": "row 4: text is a list",
                "d": "row 5: text is an object (dict)"}
    for aid, words in expected.items():
        r = table[table["article_id"] == aid].iloc[0]
        assert r["status"] == "rejected" and words in r["issues"], aid
    assert list(usable(table)["article_id"]) == ["ok"]
    pd.DataFrame({"text": [STORY.encode(), OTHER.encode()]}).to_parquet(tmp_path / "bytes.parquet")  # binary column
    with pytest.raises(CorpusError, match=r"bytes.parquet: none of the 2.*row 2: text is bytes, not text"):
        load(tmp_path / "bytes.parquet")


def test_non_text_values_are_rejected_after_column_mapping(tmp_path):
    path = tmp_path / "export.jsonl"
    path.write_text(json.dumps({"body": STORY}) + "\n" + json.dumps({"body": 7}) + "\n", encoding="utf-8")
    canonical = write_canonical(path, tmp_path / "out" / "corpus.parquet", {"text": "body"})
    table = load(canonical)
    assert table["status"].tolist() == ["ok", "rejected"]
    assert "row 2: text is a number" in table["issues"].iloc[1]


# 14. Encodings and formats


def test_utf16_with_bom_is_decoded(tmp_path):
    table = load(write_corpus(tmp_path, {"le.txt": STORY.encode("utf-16"), "be.txt": b"\xfe\xff" +
                                         OTHER.encode("utf-16-be")}))
    for name, text in (("le.txt", STORY), ("be.txt", OTHER)):
        r = row(table, name)
        assert r["status"] == "warning" and r["encoding"] == "utf-16" and r["raw_text"] == text, name


def test_nul_after_the_first_8kb_is_caught(tmp_path):
    long = (STORY * 200).encode()
    assert len(long) > 8192
    table = load(write_corpus(tmp_path, {"a.txt": OTHER, "late.txt": long + b"\x00tail\n"}))
    late = row(table, "late.txt")
    assert late["status"] == "rejected" and f"NUL at offset {len(long):,}" in late["issues"]


def test_html_page_saved_as_txt_is_extracted_and_recorded(tmp_path):
    page = ("<!DOCTYPE html><html><head><title>Site</title><script>var x = 1;</script></head><body>"
            "<nav><a href='/'>Home</a></nav><article><p>" + STORY.strip() + "</p><p>" + OTHER.strip() +
            "</p></article></body></html>")
    r = row(load(write_corpus(tmp_path, {"page.txt": page})), "page.txt")
    assert r["status"] == "warning" and "; html: " in "; " + r["issues"] and "trafilatura" in r["issues"]
    assert "<" not in r["raw_text"] and "DOCTYPE" not in r["raw_text"] and "var x" not in r["raw_text"]
    # paragraphs stay apart: each on its own line
    assert STORY.strip() in r["raw_text"].splitlines() and OTHER.strip() in r["raw_text"].splitlines()


# 15. Clear errors instead of tracebacks


def test_clear_error_names_differing_only_in_case_and_extension(tmp_path):
    table = load(write_corpus(tmp_path, {"x.txt": STORY, "x.TXT": OTHER}))
    assert table["article_id"].is_unique
    second = row(table, "x.txt")
    assert second["status"] == "rejected" and "article id 'x' is already used by x.TXT" in second["issues"]
    assert len(usable(table)) == 1


def test_clear_error_when_every_file_is_rejected(tmp_path):
    folder = write_corpus(tmp_path, {"empty.txt": " \n", "bin.txt": b"\x00\x01\x02"})
    with pytest.raises(CorpusError, match=r"none of the 2 input\(s\) can be analysed.*bin.txt: rejected"):
        load(folder)


def test_clear_error_file_name_with_non_utf8_bytes(tmp_path):
    folder = write_corpus(tmp_path, {"a.txt": STORY})
    (folder / os.fsdecode(b"caf\xe9.txt")).write_bytes(OTHER.encode())
    table = load(folder)
    bad = row(table, "caf\\xe9.txt")
    assert bad["status"] == "rejected" and "not valid UTF-8" in bad["issues"]
    table.to_csv(tmp_path / "out.csv")  # every value encodes: no surrogate escapes left in the table


def test_clear_error_list_typed_parquet_column(tmp_path):
    pd.DataFrame({"text": [STORY, OTHER], "outlet": [["a", "b"], ["c"]]}).to_parquet(tmp_path / "x.parquet")
    with pytest.raises(CorpusError, match=r"x.parquet: row 1: column 'outlet' holds a list, not text"):
        load(tmp_path / "x.parquet")
    pd.DataFrame({"text": [["a", "b"], [STORY]]}).to_parquet(tmp_path / "t.parquet")
    with pytest.raises(CorpusError, match="none of the 2"):
        load(tmp_path / "t.parquet")  # a list-typed text column: every row rejected, so a whole-corpus error


def test_clear_error_manifest_with_duplicate_headers(tmp_path):
    folder = write_corpus(tmp_path, {"a.txt": STORY}, "file,outlet,outlet\na.txt,One,Two\n")
    with pytest.raises(CorpusError, match=r"manifest.csv: manifest header repeats column\(s\) \['outlet'\]"):
        load(folder)


def test_clear_error_manifest_that_is_a_folder(tmp_path):
    folder = write_corpus(tmp_path, {"a.txt": STORY})
    (folder / "manifest.csv").mkdir()
    with pytest.raises(CorpusError, match="manifest.csv: is a folder, not a CSV file"):
        load(folder)


def test_clear_error_4gb_file_is_rejected_before_reading(tmp_path):
    folder = write_corpus(tmp_path, {"a.txt": STORY})
    with open(folder / "huge.txt", "wb") as fh:  # sparse: takes no disk space, never written
        fh.truncate(4 * 1024**3)
    table = load(folder)
    huge = row(table, "huge.txt")
    assert huge["status"] == "rejected" and "4,294,967,296 bytes, over the" in huge["issues"]
    assert huge["sha256"] == ""  # not read, so not hashed


# 17. Empty values


def test_null_ids_and_dates_read_as_missing(tmp_path):
    frame = pd.DataFrame({"id": ["a1", None], "text": [STORY, OTHER],
                          "published": pd.to_datetime(["2022-01-06", None]), "outlet": ["One", None]})
    frame.to_parquet(tmp_path / "x.parquet")
    table = load(tmp_path / "x.parquet")
    assert table["article_id"].tolist() == ["a1", "row0000002"]
    assert table["published"].tolist() == ["2022-01-06", "unknown"]
    assert table["outlet"].tolist() == ["One", "unknown"]
    text = table.drop(columns=["raw_text"]).astype(str).to_string()
    assert "nan" not in text.lower().replace("unknown", "") and "NaT" not in text
    assert "malformed" not in " ".join(table["issues"])


# 7. Spreadsheet formula injection


def test_spreadsheet_formulas_are_neutralised_in_exported_csv(tmp_path):
    table = pd.DataFrame({"outlet": ["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "Daily", "'=kept"],
                          "n": [1, -2, 3, 4, 5, 6]})
    path = write_table(table, tmp_path / "t.csv")
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    assert [line.split(",")[0][:2] for line in lines[:4]] == ["\"'", "'+", "'-", "'@"]
    assert lines[4].startswith("Daily,5") and lines[1].endswith(",-2")  # numbers untouched
    assert read_table(path).equals(table)  # restored exactly on reading


def test_legacy_code_page_is_detected_not_read_as_cp1252(tmp_path):
    """A Cyrillic article saved in windows-1251 is decoded as such (detected), not as Western mojibake."""
    text = ("Власти сообщили, что в столкновениях погибли двенадцать человек, а более ста получили ранения. "
            "Президент объявил чрезвычайное положение в городе до конца месяца.\n")
    write_corpus(tmp_path, {"a.txt": text.encode("cp1251")})
    with pytest.warns(CorpusWarning):
        table = load_corpus(tmp_path)
    row = table.iloc[0]
    assert row["raw_text"] == text
    assert "1251" in row["encoding"]


# Issue 23, round two: one test per item of the input layer, named after it


def test_12_unicode_space_only_file_is_empty(tmp_path):
    folder = write_corpus(tmp_path / "c", {"a.txt": STORY, "nbsp.txt": "\u00a0\u00a0\n\u00a0",
                                           "ideo.txt": "\u3000\u3000\n", "zw.txt": "\u200b\u2003\n"})
    table = load(folder)
    for name in ("nbsp.txt", "ideo.txt", "zw.txt"):
        assert row(table, name)["status"] == "rejected" and "empty file" in row(table, name)["issues"], name
    pd.DataFrame({"text": [STORY, "\u3000\u00a0"]}).to_json(tmp_path / "t.jsonl", orient="records", lines=True)
    rows = load(tmp_path / "t.jsonl")
    assert list(rows["status"]) == ["ok", "rejected"] and "empty text" in rows["issues"].iloc[1]


def test_18_pdf_and_other_binary_formats_saved_as_txt_are_rejected(tmp_path):
    import gzip
    import io
    import zipfile

    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as z:
        z.writestr("word/document.xml", "<w:document>" + STORY + "</w:document>")
    files = {
        "a.txt": STORY,
        "plain.txt": b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n(" + STORY.encode() + b") Tj\n%%EOF\n",
        "packed.txt": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n2 0 obj <</Filter /FlateDecode>> stream\n\x78\x9c\xcb\xcc\n",
        "word.txt": docx.getvalue(),
        "gz.txt": gzip.compress(STORY.encode()),
        "image.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "photo.txt": b"\xff\xd8\xff\xe0\x00\x10JFIF",
    }
    table = load(write_corpus(tmp_path / "c", files))
    expected = {"plain.txt": "a PDF document", "packed.txt": "a PDF document", "word.txt": "DOCX",
                "gz.txt": "gzip", "image.txt": "a PNG image", "photo.txt": "a JPEG image"}
    for name, words in expected.items():
        assert row(table, name)["status"] == "rejected", name
        assert words in row(table, name)["issues"] and "not text" in row(table, name)["issues"], name
        assert "latin-1" not in row(table, name)["issues"]
    assert list(usable(table)["file"]) == ["a.txt"]


def test_13_columns_mapped_to_a_missing_column_is_an_error_naming_it(tmp_path):
    pd.DataFrame({"body": [STORY, OTHER], "source": ["A", "B"]}).to_json(tmp_path / "x.jsonl", orient="records",
                                                                         lines=True)
    columns = {"text": "body", "outlet": "no_such_column"}
    with pytest.raises(CorpusError, match=r"x.jsonl: --columns outlet=no_such_column: no such column"):
        load(tmp_path / "x.jsonl", columns=columns)
    with pytest.raises(CorpusError, match=r"--columns outlet=no_such_column: no such column"):
        write_canonical(tmp_path / "x.jsonl", tmp_path / "out" / "corpus.parquet", columns)
    from helpers.__main__ import main

    with pytest.raises(SystemExit):  # a target Refract does not read is refused when the options are parsed
        main(["run", "--corpus", str(tmp_path / "x.jsonl"), "--out", str(tmp_path / "o"), "--columns", "outlett=x"])


def test_19_columns_file_column_names_the_users_file_and_row(tmp_path):
    pd.DataFrame({"uid": ["u0", "u1"], "body": [STORY, OTHER]}).to_json(tmp_path / "export.jsonl", orient="records",
                                                                         lines=True)
    copy = write_canonical(tmp_path / "export.jsonl", tmp_path / "out" / "corpus.parquet",
                           {"text": "body", "article_id": "uid"})
    table = load(copy)
    assert list(table["file"]) == ["export.jsonl#u0", "export.jsonl#u1"]
    assert list(table["file"]) == list(load(tmp_path / "export.jsonl", columns={"text": "body", "article_id": "uid"})
                                       ["file"])


def test_22_numeric_options_are_checked_when_parsed(capsys):
    from helpers.__main__ import parser

    for option, value in (("--chunk-size", "0"), ("--chunk-size", "-5"), ("--workers", "0"), ("--workers", "two")):
        for verb in ("run", "analyse"):
            with pytest.raises(SystemExit) as caught:
                parser().parse_args([verb, "--corpus", "c", "--out", "o", option, value])
            assert caught.value.code == 2
            assert f"argument {option}:" in capsys.readouterr().err


def test_10_workers_are_capped_at_the_cores_and_the_cap_is_said(capsys):
    from helpers.__main__ import cap_workers, parser, usable_cores

    args = parser().parse_args(["run", "--corpus", "c", "--out", "o", "--workers", "1000"])
    cap_workers(args)
    assert args.workers == usable_cores()
    assert f"--workers 1000 capped at {usable_cores()}" in capsys.readouterr().err
    remote = parser().parse_args(["analyse", "--corpus", "c", "--out", "o", "--workers", "1000", "--scheduler", "x"])
    cap_workers(remote)
    assert remote.workers == 1000  # a remote cluster's cores are its own


def test_23_new_study_refusals_are_one_line_errors(tmp_path, capsys):
    from helpers.__main__ import main

    (tmp_path / "taken").mkdir()
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    cases = {
        ("taken", str(tmp_path)): "already exists",
        ("../escape", str(tmp_path)): "use letters, digits",
        ("fine", str(tmp_path / "a-file")): "--dest is a file, not a folder",
    }
    for (name, dest), words in cases.items():
        assert main(["new-study", name, "--dest", dest]) == 1
        err = capsys.readouterr().err
        assert err.startswith("error: ") and err.count("\n") == 1 and words in err, err
        assert "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file", "taken"]


def test_4_dollar_signs_in_labels_are_literal_text(tmp_path):
    import io

    from matplotlib.text import Text

    from helpers.publication.plots import bar_by_article

    outlets = ["Money $\\oops$ Daily", "Costs $5 and $10 News"]
    table = pd.DataFrame({"article_id": ["$a$", "b$"], "words": [120, 80], "outlet_label": outlets})
    fig = bar_by_article(table, "words", "article_id", dict(zip(outlets, ["#0072B2", "#D55E00"], strict=True)),
                         "Words per $article$", "words ($)")
    fig.savefig(io.BytesIO(), format="svg")  # mathtext would raise ParseFatalException here
    texts = [t for t in fig.findobj(Text) if t.get_text()]
    assert all(not t.get_parse_math() for t in texts)
    shown = {t.get_text() for t in texts}
    assert {"Money $\\oops$ Daily · $a$", "Costs $5 and $10 News · b$", "Words per $article$"} <= shown, shown


def test_result_file_modes_respect_the_umask(tmp_path):
    table = pd.DataFrame({"outlet": ["A"], "n": [1]})
    old = os.umask(0o022)
    try:
        assert os.stat(write_table(table, tmp_path / "shared.csv")).st_mode & 0o777 == 0o644
        os.umask(0o077)
        assert os.stat(write_table(table, tmp_path / "private.csv")).st_mode & 0o777 == 0o600
    finally:
        os.umask(old)


def test_3_corpus_zip_holds_exactly_the_articles_read(tmp_path):
    import zipfile

    from helpers.publication.downloads import write_corpus_archive

    folder = write_corpus(tmp_path / "c", {"a.txt": STORY, "b.txt": OTHER, ".secret": "API_KEY=sk-live-123\n",
                                           "notes.md": "# my private notes\n", "empty.txt": "",
                                           "copy.txt": STORY, "doc.txt": b"%PDF-1.4\n"})
    (tmp_path / "outside.txt").write_text(OTHER + " outside\n", encoding="utf-8")
    (folder / "out.txt").symlink_to(tmp_path / "outside.txt")
    table = load(folder)
    for given in (None, table):
        dest = tmp_path / "zips" / f"{given is None}.zip"
        held = write_corpus_archive(folder, dest, articles=given)
        with zipfile.ZipFile(dest) as z:
            assert z.namelist() == ["c/a.txt", "c/b.txt"]
            assert z.read("c/a.txt") == (folder / "a.txt").read_bytes()
        assert held["files"] == 2
    assert sorted(usable(table)["file"]) == ["a.txt", "b.txt"]


@pytest.mark.parametrize("suffix", ["jsonl", "csv", "parquet"])
def test_14_corpus_zip_of_a_table_corpus_holds_the_texts_read(tmp_path, suffix):
    import zipfile

    from helpers.publication.downloads import write_corpus_archive

    rows = pd.DataFrame({"id": ["u0", "u1", "u2"], "text": [STORY, "", OTHER.replace("\n", "\r\n")]})
    path = tmp_path / f"export.{suffix}"
    {"jsonl": lambda: rows.to_json(path, orient="records", lines=True), "csv": lambda: rows.to_csv(path, index=False),
     "parquet": lambda: rows.to_parquet(path)}[suffix]()
    held = write_corpus_archive(path, tmp_path / "corpus.zip")  # no NotADirectoryError
    with zipfile.ZipFile(tmp_path / "corpus.zip") as z:
        assert z.namelist() == ["export/u0.txt", "export/u2.txt"]  # the empty row was not read
        assert z.read("export/u2.txt").decode("utf-8") == OTHER  # the text the offsets point into
    assert held["files"] == 2
    small = write_corpus_archive(path, tmp_path / "small.zip", max_bytes=10)
    with zipfile.ZipFile(tmp_path / "small.zip") as z:
        assert z.namelist() == ["export/NOT-INCLUDED.txt"] and small["files"] == 0


def test_9_table_corpora_have_the_size_limit_checked_before_reading_and_stream(tmp_path):
    import tracemalloc

    from helpers.inputs.corpus import iter_corpus

    limit = 64 * 1024
    huge = "x" * (8 * 1024 * 1024)
    jsonl = tmp_path / "big.jsonl"
    with open(jsonl, "w", encoding="utf-8") as fh:
        for i, text in enumerate([STORY, huge, OTHER]):
            fh.write(json.dumps({"id": f"r{i}", "text": text}) + "\n")
    tracemalloc.start()
    try:
        table = load(jsonl, max_bytes=limit)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 4 * 1024 * 1024, f"{peak:,} bytes: the long record was read"
    assert list(table["status"]) == ["ok", "rejected", "ok"]
    assert "row 2: record is over the 65,536-byte limit; not read" in table["issues"].iloc[1]
    converted = load(write_canonical(jsonl, tmp_path / "out" / "c.parquet"), max_bytes=limit)
    assert list(converted["status"]) == ["ok", "rejected", "ok"]

    csv_path = tmp_path / "big.csv"
    pd.DataFrame({"text": [STORY, huge]}).to_csv(csv_path, index=False)
    with pytest.raises(CorpusError, match=r"big.csv: row 2: a value is over the 65,536-byte limit"):
        load(csv_path, max_bytes=limit)
    parquet = tmp_path / "big.parquet"
    pd.DataFrame({"text": [huge]}).to_parquet(parquet)
    with pytest.raises(CorpusError, match=r"big.parquet: row group 0 holds 1 row\(s\) in [\d,]+ bytes, over the"):
        load(parquet, max_bytes=limit)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        for path in (jsonl, csv_path):
            small = path.with_name("small" + path.suffix)
            pd.DataFrame({"text": [STORY, OTHER, STORY + OTHER]}).to_json(small, orient="records", lines=True) \
                if path.suffix == ".jsonl" else pd.DataFrame({"text": [STORY, OTHER, STORY + OTHER]}).to_csv(
                    small, index=False)
            assert [len(c) for c in iter_corpus(small, chunk_size=2)] == [2, 1]  # streamed in chunks


def test_unused_list_typed_columns_are_ignored_as_the_readme_says(tmp_path):
    pd.DataFrame({"text": [STORY, OTHER], "tags": [["a", "b"], []], "outlet": ["One", "Two"]}).to_parquet(
        tmp_path / "x.parquet")
    table = load(tmp_path / "x.parquet")
    assert list(table["status"]) == ["ok", "ok"]
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert "a list-typed column Refract does not read is ignored" in " ".join(readme.split())
