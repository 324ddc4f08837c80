"""Presenting results to readers in a notebook: tables, findings in words, and glued values.

Article text, titles, outlet names and file names are untrusted input. Every table goes through
:mod:`helpers.publication.html_tables`, which escapes headers and cells, so the published HTML never
contains live markup from an article or a file name.
"""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from helpers.publication import html_tables
from helpers.publication.reader_names import text_for_reader

SHOW_LIMIT = 100  # rows of a long table shown when all are asked for: a sample, the rest are in the CSV
INTERACTIVE_LIMIT = 1000  # rows a searchable table embeds (twice: the script's copy and the static copy)
DATA_PAGE = "../data.html"  # the page that lists every CSV, relative to a chapter


def sample(table: pd.DataFrame, n: int, seed: int = 0) -> pd.DataFrame:
    """The table itself when small; otherwise a reproducible random sample of ``n`` rows, in order."""
    if len(table) <= n:
        return table
    return table.sample(n=n, random_state=seed).sort_index()


def csv_link(csv: str | None = None) -> str:
    """A link to the CSV's entry on the data page (escaped), or to the data page when no file is named."""
    if not csv:
        return f"<a href='{DATA_PAGE}'>the CSV files on the data page</a>"
    name = csv.removesuffix(".csv")
    anchor = html.escape(name.replace("_", "-"), quote=True)
    return f"<a href='{DATA_PAGE}#{anchor}'>{html.escape(name)}.csv</a>"


def full_table(csv: str | None = None) -> str:
    """Where the rest of a capped table is: its CSV when it is written as one, else the files it comes from."""
    if csv:
        return f"The full table is in {csv_link(csv)}."
    return f"It is computed from {csv_link()}."


def show_html(
    table: pd.DataFrame, max_rows: int | None = 60, caption: str | None = None,
    labels: dict[str, str] | None = None, csv: str | None = None,
) -> str:
    """The HTML :func:`show` displays: a long table is cut to a sample (``max_rows=None``) or its first rows,
    a wide one to its key and heaviest columns, and a note before the table says so, with the counts and
    a link to the full CSV."""
    table, column_note = html_tables.cap_columns(table)
    total = len(table)
    if max_rows is None and total > SHOW_LIMIT:
        table, row_note = sample(table, SHOW_LIMIT), f"A sample of {SHOW_LIMIT:,} of {total:,} rows is shown"
    elif max_rows is not None and total > max_rows:
        table, row_note = table.head(max_rows), f"The first {max_rows:,} of {total:,} rows are shown"
    else:
        row_note = ""
    notes = [html.escape(n) for n in (row_note and row_note + ".", column_note) if n]
    parts = [f"<p class='refract-caption'>{html.escape(text_for_reader(caption))}</p>"] if caption else []
    if notes:
        notes.append(full_table(csv))
        parts.append(f"<p class='refract-caption refract-cap'><em>{' '.join(notes)}</em></p>")
    parts.append(html_tables.to_html(table, None, labels))
    return "\n".join(parts)


def show(
    table: pd.DataFrame, max_rows: int | None = 60, caption: str | None = None, labels: dict[str, str] | None = None,
    csv: str | None = None,
):
    """Display a static, escaped, readable table; say how many rows and columns were left out, and where they are
    (``csv``: the results file that holds the whole table, linked on the data page)."""
    from IPython.display import HTML, display

    display(HTML(show_html(table, max_rows, caption, labels, csv)))


def interactive(
    table: pd.DataFrame, caption: str | None = None, page_length: int = 10, labels: dict[str, str] | None = None,
    csv: str | None = None,
):
    """A table that can be sorted and searched once scripts run; every row is readable before that.
    A long table is a sample, and the caption says that search covers only the sample."""
    from IPython.display import HTML, display

    table, column_note = html_tables.cap_columns(table)
    total = len(table)
    text = f"{caption} " if caption else ""
    if total > INTERACTIVE_LIMIT:
        table = sample(table, INTERACTIVE_LIMIT)
        text += (f"A sample of {INTERACTIVE_LIMIT:,} of {total:,} rows, searchable and sortable (search covers the "
                 "sample only).")
    else:
        text += "Searchable and sortable table."
    text = html.escape(" ".join(t for t in (text, column_note) if t))
    if total > INTERACTIVE_LIMIT or column_note:
        text += " " + full_table(csv)
    display(HTML(f"<p class='refract-caption'>{text}</p>"))
    display(HTML(html_tables.interactive_html(table, page_length, labels)))


def setup_interactive() -> None:
    """Load the table scripts into the notebook itself (offline: no CDN at build or read time)."""
    from IPython.display import HTML, display

    display(HTML(html_tables.init_html()))


def say(*sentences: str | list[str]) -> None:
    """Display findings in words, escaped (names in them come from input): a paragraph for loose
    sentences, one list item per entry for a list."""
    from IPython.display import HTML, display

    parts = []
    for s in sentences:
        if isinstance(s, list):
            items = "".join(f"<li>{html.escape(text_for_reader(t))}</li>" for t in s if t)
            parts.append(f"<ul class='refract-findings'>{items}</ul>")
        elif s:
            parts.append(f"<p class='refract-finding'>{html.escape(text_for_reader(s))}</p>")
    display(HTML("\n".join(parts)))


def figure(fig, alt: str, caption: str, name: str = "") -> None:
    """Show a figure with alt text that states its finding and a caption, both generated and escaped.

    When the figure left something out (many outlets or articles), its cap note is added to the caption,
    so the reader is told what was capped and why.

    The SVG is embedded as an image, so it is shown without scripts. A figure drawn by one of the book's
    drawing functions is shown in a ``<picture>``: screens up to the phone breakpoint get its version drawn for a
    narrow screen (its text keeps its size instead of shrinking to about 5 pt), others and browsers without
    ``<picture>`` get the ``<img>``. ``data-min-font-pt`` (and ``data-narrow-min-font-pt``) record the smallest
    text size each version was drawn with, which the browser tests scale by the displayed width.
    """
    import base64

    from IPython.display import HTML, display

    from helpers.publication.layout import NARROW_MEDIA, fit_width, min_font_pt
    from helpers.publication.plots import cap_note
    from helpers.publication.screens import close_versions, narrow_version, svg_bytes, svg_width_px

    caption = text_for_reader(" ".join(t for t in (caption, cap_note(fig)) if t))
    alt = text_for_reader(alt)

    fit_width(fig)
    wide = svg_bytes(fig)
    narrow = narrow_version(fig)
    source, narrow_data = "", ""
    if narrow is not None:
        drawn = svg_bytes(narrow)
        source = (f"<source media='{NARROW_MEDIA}' "
                  f"srcset='data:image/svg+xml;base64,{base64.b64encode(drawn).decode('ascii')}'>")
        narrow_data = (f" data-narrow-width='{svg_width_px(drawn, narrow.get_figwidth())}'"
                       f" data-narrow-min-font-pt='{min_font_pt(narrow):.1f}'")
    src = base64.b64encode(wide).decode("ascii")
    anchor = f" id='{html.escape(name, quote=True)}'" if name else ""
    display(HTML(
        f"<figure class='refract-figure'{anchor}><picture>{source}<img src='data:image/svg+xml;base64,{src}' "
        f"alt='{html.escape(alt, quote=True)}' width='{svg_width_px(wide, fig.get_figwidth())}' "
        f"data-min-font-pt='{min_font_pt(fig):.1f}'{narrow_data}></picture>"
        f"<figcaption>{html.escape(caption)}</figcaption></figure>"
    ))
    close_versions(fig)


def glue_numbers(values: dict[str, object]) -> None:
    """Glue values for the book: numbers and short strings for ``{glue:text}``, figures for
    ``{glue:figure}``. A glued figure is closed so that it is not shown a second time inline."""
    from myst_nb import glue

    for key, value in values.items():
        glue(key, text_for_reader(value) if isinstance(value, str) else value, display=False)
        if type(value).__name__ == "Figure":
            import matplotlib.pyplot as plt

            plt.close(value)


def prose_section(folder, chapter: str, section: str) -> str:
    """The Markdown of ``## section`` in the study's ``prose/CHAPTER.md`` ('' when the study has none).

    A study's own prose holds the sentences that only fit its corpus; each file is one chapter, each
    second-level heading one named section (the heading itself is not shown).
    """
    root = getattr(folder, "prose", None)
    path = Path(root) / f"{chapter}.md" if root else None
    if path is None or not path.is_file():
        return ""
    found: dict[str, list[str]] = {}
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            current = found.setdefault(line[3:].strip(), [])
        elif current is not None:
            current.append(line)
    return "\n".join(found.get(section, [])).strip()


def study_prose(study, chapter: str, section: str) -> None:
    """Display the study's own prose for a chapter's section as Markdown, or nothing when it has none."""
    text = prose_section(getattr(study, "folder", None), chapter, section)
    if text:
        from IPython.display import Markdown, display

        display(Markdown(text))
