"""The whole book on an invented product-recall corpus with an unedited new study speaks only of that corpus.

No word of the first study (taken from its own codebook and study.yaml, minus the words the general codebook
and the templates share with it), none of its gold annotations, and no chapter section left empty without a
sentence saying why.
"""

from __future__ import annotations

import importlib.util
import re
import shutil

import pytest
import yaml
from conftest import QUIET, write_corpus

from helpers.inputs.config import BOOK_DIR, DEFAULT_STUDY, GENERAL_CODEBOOK, PROJECT_ROOT, TEMPLATES_DIR

pytestmark = pytest.mark.slow

ARTICLES = {
    "gazette.txt": "Maker recalls kettles over burn risk\n"
    "Brightwell Appliances recalled 48,000 electric kettles on Monday after 12 customers reported burns.\n"
    "\u201cSafety comes before sales,\u201d said Nora Quill, the company's chief executive.\n"
    "The consumer safety agency said the lids could open while the water boils.\n",
    "tribune.txt": "Kettle recall widens\n"
    "The recall now covers two models sold since March, the consumer safety agency said on Tuesday.\n"
    "Nora Quill said the company would refund every customer. \u201cWe are sorry,\u201d she said.\n"
    "Retailers removed the kettles from their shelves, and shares in Brightwell fell sharply.\n",
    "digest.txt": "Brightwell Appliances recalled 48,000 electric kettles on Monday after 12 customers reported\n"
    "burns.\n"
    "Critics said the agency had been slow to act on earlier complaints about the lids.\n",
}
MANIFEST = ("file,outlet,published\ngazette.txt,Harbour Gazette,2040-05-07\ntribune.txt,Valley Tribune,2040-05-08\n"
            "digest.txt,Daily Digest,2040-05-08\n")


def _layout():
    spec = importlib.util.spec_from_file_location("house_layout", PROJECT_ROOT / "tests" / "house" / "test_layout.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def first_study_words() -> set[str]:
    """The first study's own words (its codebook and study.yaml), minus those of the general files and templates."""
    layout = _layout()
    shared: set[str] = set()
    shared.update(re.findall(r"\b[A-Z][A-Za-z]{3,}\b", (BOOK_DIR / "references.bib").read_text(encoding="utf-8")))
    for path in [*GENERAL_CODEBOOK.rglob("*.yaml"), *TEMPLATES_DIR.glob("*.yaml")]:
        for text in layout._strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
            shared.update(re.findall(r"\b[A-Z][A-Za-z]{3,}\b", text))
    return layout.event_words() - shared


def seed_gold_values() -> set[str]:
    """Distinctive values of the first study's gold files (speakers, quoted text) that no other book may hold:
    those the general codebook does not hold too (a vague quantity such as "a few thousand" is general)."""
    import pandas as pd

    general = " ".join(p.read_text(encoding="utf-8") for p in GENERAL_CODEBOOK.rglob("*.yaml"))
    values: set[str] = set()
    for path in (DEFAULT_STUDY / "gold").glob("*.csv"):
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
        for column in ("speaker", "text", "source"):
            if column in table:
                values.update(v for v in table[column] if len(v) >= 12 and v not in general)
    return values


@pytest.fixture(scope="module")
def recall_book(tmp_path_factory):
    from helpers.pipeline.driver import build_book, run
    from helpers.pipeline.new_study import new_study

    tmp = tmp_path_factory.mktemp("recall")
    corpus = write_corpus(tmp / "articles", ARTICLES, MANIFEST)
    study = new_study("kettle-recall", tmp, corpus=corpus)  # unedited
    book = tmp / "book"
    shutil.copytree(BOOK_DIR, book, ignore=shutil.ignore_patterns("_build", "chapters", "data"))
    run(None, tmp / "out", study=study, book_dir=book / "chapters", **QUIET)
    return build_book(book, **QUIET).parent


TAG = re.compile(r"<script.*?</script>|<style.*?</style>|<[^>]+>", re.S)


def _texts(html):
    """(name, text) of every page and every download that reads as UTF-8 text."""
    for path in sorted(html.rglob("*")):
        if not path.is_file() or path.suffix in {".js", ".css", ".woff", ".woff2", ".ttf", ".png", ".svg", ".ico"}:
            continue
        rel = path.relative_to(html)
        if rel.parts[0] in {"_static", "_sphinx_design_static", "genindex.html", "search.html"}:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        yield str(rel), TAG.sub(" ", text) if path.suffix == ".html" else text


def test_no_first_study_word_or_gold_anywhere(recall_book):
    words = first_study_words()
    assert {"Tokayev", "Almaty"} <= words, "the scan must see the first study's names"
    pattern = re.compile(r"\b(" + "|".join(sorted(map(re.escape, words))) + r")\b")
    gold = seed_gold_values()
    assert gold, "the scan must see the first study's gold"
    hits = []
    for name, text in _texts(recall_book):
        hits += [f"{name}: {m.group()}" for m in pattern.finditer(text)]
        hits += [f"{name}: gold {g[:40]!r}" for g in gold if g in text]
    assert not hits, "first-study words or gold in another study's book:\n" + "\n".join(sorted(set(hits))[:40])
    overview = TAG.sub(" ", (recall_book / "chapters" / "08_overview.html").read_text(encoding="utf-8"))
    assert "kettle-recall" in overview and "has no gold annotations" in overview


def test_every_section_shows_something_or_says_why(recall_book):
    heading = re.compile(r"<h[23][^>]*>(.*?)</h[23]>", re.S)
    empty = []
    for number in ("01", "02", "03", "04", "05", "06", "07", "08"):
        page = next((recall_book / "chapters").glob(f"{number}_*.html"))
        html = page.read_text(encoding="utf-8")
        body = html[html.find("<h1"):]  # the page's content, after the navigation and the in-page contents
        marks = list(heading.finditer(body))
        for m, nxt in zip(marks, [*marks[1:], None], strict=True):
            section = body[m.end(): nxt.start() if nxt else len(body)]
            title = TAG.sub("", m.group(1)).strip()
            tables = re.findall(r"<table.*?</table>", section, re.S)
            blank_table = bool(tables) and all("<td" not in t for t in tables)  # a searchable table has a shell
            said = "refract-finding" in section or "refract-findings" in section
            shown = "<figure" in section or any("<td" in t for t in tables) or re.search(r"<p[^>]*>\s*\w", section)
            if (blank_table and not said) or not shown:
                empty.append(f"{page.name}: {title}")
    assert not empty, "sections without content or a sentence saying why:\n" + "\n".join(empty)
