"""Presenting results to readers: readable tables with escaped text, and glued numbers.

Article text is untrusted input: a scraped page can carry ``<script>`` or ``onerror=`` attributes.
Every table shown in the book goes through :func:`show`, which escapes cell contents, so the
published HTML never contains live markup from an article.
"""

from __future__ import annotations

import html

import pandas as pd


def escape_table(table: pd.DataFrame) -> pd.DataFrame:
    """Escape every string cell for HTML display (numbers are left as they are)."""
    out = table.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(lambda v: html.escape(v) if isinstance(v, str) else v)
    return out


def to_html(table: pd.DataFrame, max_rows: int | None = None) -> str:
    """A plain, escaped HTML table (pandas escapes once more only when asked: we do it ourselves)."""
    shown = table if max_rows is None else table.head(max_rows)
    return escape_table(shown).to_html(index=False, escape=False, border=0, classes="refract-table", na_rep="")


SHOW_LIMIT = 2000  # never embed more rows than this in a page, even when asked for "all"
INTERACTIVE_LIMIT = 5000


def sample(table: pd.DataFrame, n: int, seed: int = 0) -> pd.DataFrame:
    """The table itself when small; otherwise a reproducible random sample of ``n`` rows, in order."""
    if len(table) <= n:
        return table
    return table.sample(n=n, random_state=seed).sort_index()


def show(table: pd.DataFrame, max_rows: int | None = 60, caption: str | None = None):
    """Display a table in a notebook as escaped HTML; say how many rows were left out."""
    from IPython.display import HTML, display

    if max_rows is None and len(table) > SHOW_LIMIT:
        caption = (caption + " " if caption else "") + f"(a sample of {SHOW_LIMIT:,} of {len(table):,} rows)"
        table = sample(table, SHOW_LIMIT)
    parts = []
    if caption:
        parts.append(f"<p class='refract-caption'>{html.escape(caption)}</p>")
    parts.append(to_html(table, max_rows))
    if max_rows is not None and len(table) > max_rows:
        parts.append(
            f"<p><em>Showing {max_rows:,} of {len(table):,} rows; the full table is in the downloadable CSV.</em></p>"
        )
    display(HTML("\n".join(parts)))


def glue_numbers(values: dict[str, object]) -> None:
    """Glue values for the book: numbers and short strings for ``{glue:text}``, figures for
    ``{glue:figure}``. A glued figure is closed so that it is not shown a second time inline."""
    from myst_nb import glue

    for key, value in values.items():
        glue(key, value, display=False)
        if type(value).__name__ == "Figure":
            import matplotlib.pyplot as plt

            plt.close(value)


def interactive(table: pd.DataFrame, caption: str | None = None, page_length: int = 10):
    """A sortable, searchable table (itables, JavaScript embedded offline) for long tables.

    Cell text is escaped first (itables would otherwise pass HTML through when asked to), so article
    text can never inject markup.
    """
    from IPython.display import HTML, display
    from itables import show as itables_show

    if len(table) > INTERACTIVE_LIMIT:
        caption = (caption + " " if caption else "") + f"(a sample of {INTERACTIVE_LIMIT:,} of {len(table):,} rows)"
        table = sample(table, INTERACTIVE_LIMIT)
    if caption:
        display(HTML(f"<p class='refract-caption'>{html.escape(caption)}</p>"))
    itables_show(escape_table(table), pageLength=page_length, lengthMenu=[10, 25, 100, -1],
                 classes="display compact refract-itable", allow_html=True, maxBytes=0)


def setup_interactive() -> None:
    """Load the itables JavaScript into the notebook itself (offline: no CDN at build or read time)."""
    from itables import init_notebook_mode

    init_notebook_mode(all_interactive=False, connected=False)
