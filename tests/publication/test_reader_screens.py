"""The built seed book as a reader sees it, in a real browser at 1366 px and on a 390 px phone (issue 22).

No page shows a leftover of the machinery (an article id, a codebook key, a Python list, a "(s)" template) in
its visible text or in its figures' text; no page scrolls sideways on a phone; every figure is wholly in
view, and every table cell too (on a phone a row reads as a card: every column, the intervals too, is kept);
no page logs a console error. On a phone each figure is its version drawn for a narrow screen, shown at no less
than ``MIN_PHONE_SCALE`` of its drawn size, so its smallest text (9 pt) reads at 6.75 pt or more, 9 CSS px.
"""

from __future__ import annotations

import base64
import re

import pytest
from test_publication import ARTIFACTS, browser, pages, served  # noqa: F401  (fixtures shared with the browser tests)

from helpers.inputs.results import read_table

pytestmark = pytest.mark.slow

WIDTHS = {"desktop": 1366, "phone": 390}
# The page's visible text: the corpus table's file column (the one place an article's file name, and so its id,
# is shown, next to its short label) and code (the data page names its CSV columns) are left out.
VISIBLE = """() => {
  const copy = (document.querySelector("main") || document.body).cloneNode(true);
  for (const table of copy.querySelectorAll("table")) {
    const heads = Array.from(table.querySelectorAll("thead th")).map(th => th.textContent.trim());
    const file = heads.indexOf("File");
    if (!heads.includes("Shown as") || file < 0) continue;
    for (const row of table.querySelectorAll("tbody tr")) { if (row.cells[file]) row.cells[file].textContent = ""; }
  }
  for (const el of copy.querySelectorAll("code, pre, script, style, .cell_input, details:not([open]) > :not(summary)"))
    el.remove();
  copy.style.position = "absolute";
  document.body.appendChild(copy);
  const text = copy.innerText;
  copy.remove();
  return text;
}"""
SVG_TEXT = re.compile(r"<!-- (.*?) -->")  # matplotlib writes each text of a figure drawn as paths as a comment
LEFTOVERS = {
    "an article id": re.compile(r"\b\d{3}_[0-9a-f]{6,}"),
    "a list repr": re.compile(r"\[\s*['\"][^\]\n]*['\"]\s*\]"),
    "an '(s)' template": re.compile(r"\w\(s\)"),
    "a plural after one": re.compile(r"\b1 (?:articles|sentences|quotes|quotations|claims|words|outlets)\b"),
    "a quotation cluster id": re.compile(r"\bc\d{3}\b"),
}
KEY = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b(?!\.(?:csv|yaml|jsonl?|zip|txt|svg|md)\b)")
DICTIONARY_PAGES = {"data.html"}
# A figure's text is drawn at 9 pt or more; shown at three quarters of its size it reads at 6.75 pt (9 CSS px), the
# smallest text a phone screen shows legibly. The column's drawing shown on a phone is scaled to about 0.55 (5 pt).
MIN_PHONE_SCALE = 0.75
MIN_SHOWN_PT = 6.75  # the data dictionary names each CSV file and column as the files do


def _figure_text(page) -> str:
    sources = page.eval_on_selector_all("main img, main picture source",
                                        "els => els.map(e => e.src || e.srcset)")  # both drawings of a figure
    texts = []
    for src in sources:
        if src.startswith("data:image/svg+xml;base64,"):
            svg = base64.b64decode(src.split(",", 1)[1]).decode("utf-8", "replace")
            texts += SVG_TEXT.findall(svg)
    return "\n".join(texts)


def test_no_page_shows_ids_keys_list_reprs_or_templates(browser, served, seed_book, seed_run):  # noqa: F811
    ids = set(read_table(seed_run / "build" / "results" / "articles.csv")["article_id"].astype(str))
    found = []
    for name in pages(seed_book):
        page = browser.new_page(viewport={"width": WIDTHS["desktop"], "height": 900})
        page.goto(f"{served}/{name}", wait_until="networkidle", timeout=60000)
        texts = {"text": page.evaluate(VISIBLE), "figure text": _figure_text(page)}
        page.close()
        for where, text in texts.items():
            checks = dict(LEFTOVERS, **({} if name in DICTIONARY_PAGES else {"a codebook key": KEY}))
            for what, rx in checks.items():
                found += [f"{name} ({where}): {what}: {m.group()!r}" for m in rx.finditer(text)]
            found += [f"{name} ({where}): the article id {a!r}" for a in ids if a[:12] in text]
    assert not found, "leftovers a reader should never see:\n" + "\n".join(sorted(set(found))[:60])


def _readable(alt: str, width: int, shown: float, drawing: str, natural: int, narrow_px: int,
              narrow_pt: float) -> list[str]:
    """What is wrong with how a figure is shown at ``width``: on a phone, its narrow drawing at no less than
    ``MIN_PHONE_SCALE`` of its size; on a desktop, the column's drawing."""
    if width >= 500:
        return [f"figure '{alt}' shows its phone drawing on a desktop"] if drawing != "wide" else []
    if drawing != "narrow" or not narrow_px:
        return [f"figure '{alt}' shows the column's drawing, not its phone drawing"]
    problems = [f"figure '{alt}' is drawn {natural} px wide, not the {narrow_px} px of its phone drawing"] \
        if abs(natural - narrow_px) > 1 else []
    scale = shown / natural
    if scale < MIN_PHONE_SCALE or narrow_pt * scale < MIN_SHOWN_PT:
        problems.append(f"figure '{alt}' is shown at {scale:.2f} of its size: its smallest text reads at "
                        f"{narrow_pt * scale:.1f} pt")
    return problems


def test_every_page_fits_a_phone_and_a_desktop(browser, served, seed_book):  # noqa: F811
    ARTIFACTS.mkdir(exist_ok=True)
    problems = []
    for label, width in WIDTHS.items():
        for name in pages(seed_book):
            for attempt in (1, 2):  # one reload if the local test server dropped a request under load
                page = browser.new_page(viewport={"width": width, "height": 844 if width < 500 else 900})
                errors: list[str] = []
                page.on("console", lambda m, e=errors: e.append(m.text) if m.type == "error" else None)
                page.on("pageerror", lambda exc, e=errors: e.append(str(exc)))
                page.goto(f"{served}/{name}", wait_until="networkidle", timeout=60000)
                page.wait_for_function("Array.from(document.images).every(i => i.complete)", timeout=30000)
                page.wait_for_timeout(200)  # the interactive tables draw themselves after load
                measured = page.evaluate("""() => ({
                  scroll: document.documentElement.scrollWidth,
                  figures: Array.from(document.querySelectorAll("main figure img")).map(i => {
                    const r = i.getBoundingClientRect();
                    return [i.alt.slice(0, 50), Math.round(r.left), Math.round(r.right), r.width,
                            i.currentSrc === i.src ? "wide" : "narrow", i.naturalWidth,
                            Number(i.dataset.narrowWidth || 0), Number(i.dataset.narrowMinFontPt || 0)];
                  }),
                  cells: Array.from(document.querySelectorAll(
                      "main table.refract-table td, main table.refract-itable td"))
                    .filter(c => c.offsetParent !== null)
                    .filter(c => c.getBoundingClientRect().right > window.innerWidth + 1)
                    .map(c => (c.dataset.label || "") + ": " + c.textContent.slice(0, 30))})""")
                if width < 500:
                    page.screenshot(path=str(ARTIFACTS / f"phone_{name.replace('/', '_')}.png"), full_page=True)
                page.close()
                if not (errors and all("Failed to load resource" in e for e in errors)) or attempt == 2:
                    break
            problems += [f"{label} {name}: console error {e}" for e in errors]
            if measured["scroll"] > width + 1:
                problems.append(f"{label} {name}: the page is {measured['scroll']} px wide on a {width} px screen")
            problems += [f"{label} {name}: a table cell is cut off at the right ({c})" for c in measured["cells"][:3]]
            for alt, left, right, shown, drawing, natural, narrow_px, narrow_pt in measured["figures"]:
                if left < -1 or right > width + 1 or shown <= 0:
                    problems.append(f"{label} {name}: figure '{alt}' spans {left} to {right} px of {width}")
                problems += [f"{label} {name}: {p}" for p in _readable(alt, width, shown, drawing, natural,
                                                                       narrow_px, narrow_pt)]
    assert not problems, "\n".join(problems[:40])
