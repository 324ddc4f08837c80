"""The book as a publication: data dictionary, byte-stable results, safety, offline build, real browser."""

from __future__ import annotations

import filecmp
import html.parser
import os
import shutil
import subprocess
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pandas as pd
import pytest
from conftest import QUIET, glued_values, write_corpus

from helpers.inputs.config import BOOK_DIR, DEFAULT_STUDY, PROJECT_ROOT
from helpers.inputs.results import read_table
from helpers.pipeline.driver import run

pytestmark = pytest.mark.slow
ARTIFACTS = PROJECT_ROOT / "test-artifacts"

SUPPORT = Path(__file__).parents[1] / "support"  # sitecustomize: the socket guard


def test_every_result_column_is_documented(seed_run):
    assert "{include} data/README.md" in (BOOK_DIR / "data.md").read_text(encoding="utf-8")
    dictionary = (seed_run / "build" / "results" / "README.md").read_text(encoding="utf-8")
    for csv in sorted((seed_run / "build" / "results").glob("*.csv")):
        assert f"## {csv.stem}\n" in dictionary, f"{csv.name} has no section on the data page"
        section = dictionary.split(f"## {csv.stem}\n", 1)[1].split("\n## ", 1)[0]
        for column in read_table(csv).columns:
            assert f"| `{column}` |" in section, f"{csv.name}: column {column!r} is not described"


def test_results_are_downloadable(seed_book):
    downloads = {p.name for p in (seed_book / "_downloads").rglob("*.csv")}
    results = {p.name for p in (seed_book.parent.parent.parent / "build" / "results").glob("*.csv")}
    assert results and results <= downloads
    assert list((seed_book / "_downloads").rglob("corpus.zip")), "the articles are not among the downloads"


def test_two_runs_give_identical_tables_and_figures(seed_run, tmp_path):
    run(None, tmp_path / "again", study=DEFAULT_STUDY, **QUIET)  # the same study as seed_run
    first, second = seed_run / "build", tmp_path / "again"
    for folder in ("results", "figures"):
        names = sorted(p.name for p in (first / folder).iterdir())
        assert names == sorted(p.name for p in (second / folder).iterdir())
        match, mismatch, errors = filecmp.cmpfiles(first / folder, second / folder, names, shallow=False)
        assert not mismatch and not errors, f"{folder} differ between runs: {mismatch + errors}"


class _Scanner(html.parser.HTMLParser):
    """Collects live script bodies and event-handler attributes of a page."""

    def __init__(self):
        super().__init__()
        self.scripts: list[str] = []
        self.handlers: list[tuple[str, str]] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self._in_script = tag == "script"
        for name, value in attrs:
            if name.lower().startswith("on"):
                self.handlers.append((tag, f"{name}={value}"))

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


HOSTILE = ('Police said 20 people were detained on Friday in the capital after the clashes.\n\n'
           '<script>alert("injected-script")</script>\n\n'
           'Officials said <img src=x onerror="alert(\'injected-img\')"> the curfew would stay.\n\n'
           '"We will <b onmouseover=alert(1)>not</b> give up," said Maria Okafor, a protest leader.\n')


HOSTILE_NAME = "<img src=x onerror=alert(document.domain)>.txt"  # becomes an article id, a column header


def test_hostile_article_builds_offline_without_live_markup(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", {"hostile.txt": HOSTILE,
                                                HOSTILE_NAME: "Tokayev said 30 people were detained on Saturday. "
                                                "Officials said the \u201ccurfew would stay,\u201d a spokesman said.\n",
                                                "calm.txt": "Toqaev said 12 people were detained on Friday.\n"},
                          'file,outlet\nhostile.txt,"<script>alert(""outlet"")</script>"\ncalm.txt,Calm Daily\n'
                          f'"{HOSTILE_NAME}",<b onmouseover=alert(2)>Bold Outlet</b>\n')
    book = tmp_path / "book"
    shutil.copytree(BOOK_DIR, book, ignore=shutil.ignore_patterns("_build", "chapters", "data"))
    log = tmp_path / "network.log"
    env = {**os.environ, "REFRACT_NET_LOG": str(log),
           "PYTHONPATH": os.pathsep.join([str(SUPPORT), os.environ.get("PYTHONPATH", "")])}
    script = ("import sys; from pathlib import Path; from helpers.pipeline.driver import run, build_book; "
              "run(sys.argv[1], sys.argv[2], book_dir=Path(sys.argv[3]) / 'chapters'); build_book(Path(sys.argv[3]))")
    proc = subprocess.run([sys.executable, "-c", script, str(corpus), str(tmp_path / "out"), str(book)],
                          env=env, capture_output=True, text=True, cwd=PROJECT_ROOT)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert not log.exists() or log.read_text() == "", f"network connections attempted:\n{log.read_text()}"
    html_dir = book / "_build" / "html"
    chapters = sorted((html_dir / "chapters").glob("*.html"))
    assert len(chapters) == len(list((book / "chapters").glob("*.ipynb"))) >= 8  # every chapter was built and scanned
    for page in html_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        scan = _Scanner()
        scan.feed(text)
        live = [s for s in scan.scripts if "injected" in s or 'alert("outlet")' in s]
        assert not live, f"{page.name}: live injected script"
        assert not [h for h in scan.handlers if "alert" in h[1]], f"{page.name}: live event handler {scan.handlers}"
    first = (html_dir / "chapters" / "01_normalisation.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(document.domain)&gt;" in first  # shown as text in the corpus table
    from helpers.publication.report import show_html  # a file name as a column header is escaped too

    assert "<th>&lt;img src=x onerror=alert(document.domain)&gt;</th>" in show_html(
        pd.DataFrame({"<img src=x onerror=alert(document.domain)>": [1]}))


def test_offline_guard_blocks_outside_connections(tmp_path):
    log = tmp_path / "net.log"
    env = {**os.environ, "REFRACT_NET_LOG": str(log), "PYTHONPATH": str(SUPPORT)}
    code = ("import socket\ntry:\n    socket.create_connection(('192.0.2.1', 80), timeout=1)\n"
            "except OSError as e:\n    print(e)")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True).stdout
    assert "blocked by the offline test" in out and "192.0.2.1" in log.read_text()


# --- real browser -------------------------------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed: run `apt-get install chromium` (as .ci/run does)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed in the environment: run `make setup`")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def served(seed_book):
    handler = partial(SimpleHTTPRequestHandler, directory=str(seed_book))
    handler.log_message = lambda *a, **k: None
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def pages(html_dir: Path) -> list[str]:
    return sorted(str(p.relative_to(html_dir)) for p in html_dir.rglob("*.html")
                  if not any(part.startswith("_") for part in p.relative_to(html_dir).parts))


def test_every_page_loads_cleanly(browser, served, seed_book):
    ARTIFACTS.mkdir(exist_ok=True)
    for page_name in pages(seed_book):
        for attempt in (1, 2):  # one reload if the local test server dropped a request under load
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            errors: list[str] = []
            page.on("console", lambda m, e=errors: e.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda exc, e=errors: e.append(str(exc)))
            page.goto(f"{served}/{page_name}", wait_until="networkidle")
            page.wait_for_function("Array.from(document.images).every(i => i.complete)", timeout=15000)
            images = page.evaluate("Array.from(document.images).map(i => [i.src, i.complete && i.naturalWidth > 0])")
            page.screenshot(path=str(ARTIFACTS / (page_name.replace("/", "_") + ".png")), full_page=True)
            page.close()
            transient = errors and all("Failed to load resource" in e for e in errors)
            if not transient or attempt == 2:
                break
        assert not errors, f"{page_name}: console errors {errors}"
        broken = [src for src, ok in images if not ok]
        assert not broken, f"{page_name}: images not loaded {broken}"


LANDING = "chapters/08_overview.html"
CHAPTERS = ["01_normalisation", "02_tone_and_framing", "03_quotes", "04_numbers", "05_provenance"]
TEMPLATE_TRACES = [r"\binf\b", r"\bnan\b", r"\(s\)", r"\\n", r"\bNaT\b", r"Loading ITables", r"trusted",
                   r"\b0 are\b"]


def test_landing_page_opens_with_a_generated_abstract(browser, served, seed_run):
    glued = glued_values(seed_run / "build" / "notebooks" / "01_normalisation.ipynb")
    page = browser.new_page()
    page.goto(f"{served}/{LANDING}", wait_until="networkidle")
    text = page.inner_text("main")
    alts = page.eval_on_selector_all("main img", "els => els.map(e => e.alt)")
    page.close()
    abstract = text.split("Abstract", 1)[1]
    assert "The corpus holds five usable articles" in abstract  # the seeds: five files, all usable
    assert glued["n_articles"] == "5"
    assert "in-sample" in text and "cannot be ranked" in text
    assert alts and all(len(a.split()) > 8 for a in alts), alts  # alt text states a finding


def test_no_page_shows_template_traces(browser, served, seed_book):
    import re

    for page_name in pages(seed_book):
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{served}/{page_name}", wait_until="networkidle")
        text = page.inner_text("main") if page.locator("main").count() else page.inner_text("body")
        page.close()
        for trace in TEMPLATE_TRACES:
            found = re.search(trace, text)
            context = text[max(0, found.start() - 80) : found.end() + 80] if found else ""
            assert not found, f"{page_name}: shows {trace!r}: ...{context}"


def test_every_table_shows_its_rows_without_javascript(browser, served, seed_book):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    checked = 0
    for page_name in pages(seed_book):
        page = context.new_page()
        page.goto(f"{served}/{page_name}", wait_until="load")
        tables = page.locator("main table")
        for i in range(tables.count()):
            table = tables.nth(i)
            if not table.is_visible():
                continue  # the interactive copy waits hidden for its scripts; its static copy is visible
            rows = table.locator("tbody tr")
            assert rows.count() >= 1 and rows.first.is_visible(), f"{page_name}: table {i} shows no rows"
            checked += 1
        text = page.inner_text("main")
        page.close()
        assert "Loading ITables" not in text and "trusted" not in text, page_name
    context.close()
    assert checked > 20


def test_no_figure_text_under_9pt_at_1280(browser, served, seed_book):
    measured = 0
    for page_name in pages(seed_book):
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{served}/{page_name}", wait_until="networkidle")
        figures = page.eval_on_selector_all(
            "img[data-min-font-pt]",
            "els => els.map(e => [e.alt, parseFloat(e.dataset.minFontPt), e.clientWidth, e.naturalWidth])")
        page.close()
        for alt, min_pt, shown, natural in figures:
            assert natural > 0, f"{page_name}: figure not loaded ({alt[:60]})"
            rendered = min_pt * min(1.0, shown / natural)
            assert rendered >= 9.0, f"{page_name}: text at {rendered:.1f} pt in the figure '{alt[:60]}'"
            measured += 1
    assert measured >= 10


def test_every_chapter_ends_with_findings_and_limits(browser, served):
    for chapter in CHAPTERS:
        page = browser.new_page()
        page.goto(f"{served}/chapters/{chapter}.html", wait_until="networkidle")
        headings = page.eval_on_selector_all("main h2", "els => els.map(e => e.innerText.trim())")
        found = page.locator("main section#what-we-found").inner_text()
        page.close()
        names = [h.rstrip("#").strip() for h in headings]
        assert names[-2:] == ["What we found", "Limits of this chapter"], f"{chapter}: {names}"
        assert len(found.split()) > 12, f"{chapter}: 'What we found' is empty"


def test_interactive_tables_filter(browser, served):
    page = browser.new_page()
    page.goto(f"{served}/chapters/03_quotes.html", wait_until="networkidle")
    table = page.locator("table.refract-itable").first
    table.wait_for()
    wrapper = page.locator(".dt-container, .dataTables_wrapper").first
    before = wrapper.locator(".dt-info, .dataTables_info").first.inner_text()
    wrapper.locator("input[type=search]").first.fill("Borrell")  # a speaker in the seeds
    page.wait_for_timeout(300)
    after = wrapper.locator(".dt-info, .dataTables_info").first.inner_text()
    rows = table.locator("tbody tr").count()
    page.screenshot(path=str(ARTIFACTS / "interactive_table_filtered.png"))
    page.close()
    assert before != after and "filtered" in after.lower()
    assert 1 <= rows <= 5
