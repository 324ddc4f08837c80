"""Presenting results to readers in a notebook: tables, findings in words, and glued values.

Article text, titles, outlet names and file names are untrusted input. Every table goes through
:mod:`helpers.publication.tables`, which escapes headers and cells, so the published HTML never
contains live markup from an article or a file name.
"""

from __future__ import annotations

import html
import re

import pandas as pd

from helpers.publication import tables

SHOW_LIMIT = 2000  # never embed more rows than this in a page, even when asked for "all"
INTERACTIVE_LIMIT = 5000


def sample(table: pd.DataFrame, n: int, seed: int = 0) -> pd.DataFrame:
    """The table itself when small; otherwise a reproducible random sample of ``n`` rows, in order."""
    if len(table) <= n:
        return table
    return table.sample(n=n, random_state=seed).sort_index()


def show(
    table: pd.DataFrame, max_rows: int | None = 60, caption: str | None = None, labels: dict[str, str] | None = None
):
    """Display a static, escaped, readable table; say how many rows were left out."""
    from IPython.display import HTML, display

    if max_rows is None and len(table) > SHOW_LIMIT:
        caption = (caption + " " if caption else "") + f"(a sample of {SHOW_LIMIT:,} of {len(table):,} rows)"
        table = sample(table, SHOW_LIMIT)
    parts = []
    if caption:
        parts.append(f"<p class='refract-caption'>{html.escape(caption)}</p>")
    parts.append(tables.to_html(table, max_rows, labels))
    if max_rows is not None and len(table) > max_rows:
        parts.append(
            f"<p><em>Showing {max_rows:,} of {len(table):,} rows; the full table is in the downloadable CSV.</em></p>"
        )
    display(HTML("\n".join(parts)))


def interactive(
    table: pd.DataFrame, caption: str | None = None, page_length: int = 10, labels: dict[str, str] | None = None
):
    """A table that can be sorted and searched once scripts run; every row is readable before that."""
    from IPython.display import HTML, display

    if len(table) > INTERACTIVE_LIMIT:
        caption = (caption + " " if caption else "") + f"(a sample of {INTERACTIVE_LIMIT:,} of {len(table):,} rows)"
        table = sample(table, INTERACTIVE_LIMIT)
    note = "Searchable and sortable table."
    caption = f"{caption} {note}" if caption else note
    display(HTML(f"<p class='refract-caption'>{html.escape(caption)}</p>"))
    display(HTML(tables.interactive_html(table, page_length, labels)))


def setup_interactive() -> None:
    """Load the table scripts into the notebook itself (offline: no CDN at build or read time)."""
    from IPython.display import HTML, display

    display(HTML(tables.init_html()))


def say(*sentences: str | list[str]) -> None:
    """Display findings in words, escaped (names in them come from input): a paragraph for loose
    sentences, one list item per entry for a list."""
    from IPython.display import HTML, display

    parts = []
    for s in sentences:
        if isinstance(s, list):
            items = "".join(f"<li>{html.escape(t)}</li>" for t in s if t)
            parts.append(f"<ul class='refract-findings'>{items}</ul>")
        elif s:
            parts.append(f"<p class='refract-finding'>{html.escape(s)}</p>")
    display(HTML("\n".join(parts)))


def figure(fig, alt: str, caption: str, name: str = "") -> None:
    """Show a figure with alt text that states its finding and a caption, both generated and escaped.

    The SVG is embedded as an image, so it is shown without scripts; ``data-min-font-pt`` records the
    smallest text size the figure was drawn with, which the browser tests scale by the displayed width.
    """
    import base64
    import io

    import matplotlib.pyplot as plt
    from IPython.display import HTML, display

    from helpers.publication.plots import SVG_METADATA, fit_width, min_font_pt

    fit_width(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="svg", metadata=SVG_METADATA)
    match = re.search(rb'width="([0-9.]+)pt"', buf.getvalue())
    width = round(float(match.group(1)) * 4 / 3) if match else round(fig.get_figwidth() * 96)  # CSS px
    src = base64.b64encode(buf.getvalue()).decode("ascii")
    anchor = f" id='{html.escape(name, quote=True)}'" if name else ""
    display(HTML(
        f"<figure class='refract-figure'{anchor}><img src='data:image/svg+xml;base64,{src}' "
        f"alt='{html.escape(alt, quote=True)}' width='{width}' data-min-font-pt='{min_font_pt(fig):.1f}'>"
        f"<figcaption>{html.escape(caption)}</figcaption></figure>"
    ))
    plt.close(fig)


def glue_numbers(values: dict[str, object]) -> None:
    """Glue values for the book: numbers and short strings for ``{glue:text}``, figures for
    ``{glue:figure}``. A glued figure is closed so that it is not shown a second time inline."""
    from myst_nb import glue

    for key, value in values.items():
        glue(key, value, display=False)
        if type(value).__name__ == "Figure":
            import matplotlib.pyplot as plt

            plt.close(value)
