"""The one place HTML tables are made: readable for people, escaped, and readable without JavaScript.

Everything in a table can come from input: article text, titles, outlet names and file names, which
become column headers when a table is pivoted by article. A file called ``<img onerror=...>.txt`` must
show as text, so every header and every cell is escaped here, and nowhere else builds table HTML.

Numbers are written for people: whole numbers without ".0", thousands separators, two decimals (more, for
every fraction of a table alike, when its smallest would show as 0.00),
an open upper bound as "no upper bound" rather than "inf", and missing values as a dash. Headers
read as words ("n_sentences" becomes "Sentences").
"""

from __future__ import annotations

import html
import math
import re

import pandas as pd

from helpers.publication.reader_names import for_reader

MAX_COLUMNS = 8  # columns shown in one table; a wider one (a pivot by outlet or article) keeps those with most weight
MISSING = "\u2014"
MINUS = "\u2212"
DECIMALS = 2
MAX_DECIMALS = 4  # a table of tiny fractions (word contributions) shows this many places, all of its numbers alike
NOSCRIPT = re.compile(r"<noscript>.*?</noscript>", re.DOTALL)
FALLBACK = re.compile(r'(<div id="[^"]+_fallback">).*?</div><script>', re.DOTALL)
PREVIEW_MARKER = re.compile(
    r"<sup>(?:<noscript>.*?</noscript>)?<a href=[^>]*itables\.org[^>]*>.*?</a></sup>", re.DOTALL
)


def header(name: object) -> str:
    """A column name in words: 'n_sentences' -> 'Sentences', 'value_low' -> 'Value low'."""
    text = str(name)
    if text.startswith("n_") and len(text) > 2:
        text = text[2:]
    text = text.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def cell(value: object, decimals: int = DECIMALS) -> str:
    """One value as a person would write it (fractions with ``decimals`` places)."""
    if value is None or value is pd.NaT:
        return MISSING
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return _float(value, decimals)
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    text = str(value)
    if text.lower() in ("nan", "nat", "none", "<na>"):
        return MISSING
    return re.sub(r"\s*(?:\r\n|\r|\n|\\n)\s*", " ", text)


def _float(value: float, decimals: int = DECIMALS) -> str:
    if math.isnan(value):
        return MISSING
    if math.isinf(value):
        return "no upper bound" if value > 0 else "no lower bound"
    if value.is_integer() and abs(value) < 1e15:
        return f"{int(value):,}"
    text = f"{value:,.{decimals}f}"
    return text.replace("-", MINUS) if text.startswith("-") else text


def table_decimals(table: pd.DataFrame) -> int:
    """The one number of decimals a table's fractions share: two, or up to ``MAX_DECIMALS`` when a fraction
    would otherwise show as 0.00 (so '0.0003' and '-0.0900' stand side by side, never '0.00028' and '-0.09')."""
    smallest = math.inf
    for i in range(table.shape[1]):
        column = table.iloc[:, i]
        if pd.api.types.is_float_dtype(column):
            values = column[column.notna() & (column != column.round()) & column.abs().lt(math.inf)].abs()
            if len(values):
                smallest = min(smallest, float(values.min()))
    if not 0 < smallest < 0.005:
        return DECIMALS
    return max(DECIMALS, min(MAX_DECIMALS, math.ceil(-math.log10(smallest))))


def cap_columns(table: pd.DataFrame, limit: int = MAX_COLUMNS) -> tuple[pd.DataFrame, str]:
    """At most ``limit`` columns, and a sentence saying which were kept and why ("" when none was dropped).

    A table pivoted by outlet or article can have hundreds of columns, which no page can show. The key
    (text) columns are kept first; the numeric columns with the largest totals fill the rest, in their
    original order.
    """
    if table.shape[1] <= limit:
        return table, ""
    numeric = [i for i in range(table.shape[1]) if pd.api.types.is_numeric_dtype(table.iloc[:, i])]
    keys = [i for i in range(table.shape[1]) if i not in set(numeric)][: max(1, limit // 2)]
    weight = {i: float(pd.to_numeric(table.iloc[:, i], errors="coerce").abs().sum()) for i in numeric}
    heaviest = sorted(numeric, key=lambda i: (-weight[i], i))[: limit - len(keys)]
    kept = sorted(keys + heaviest)
    dropped = table.shape[1] - len(kept)
    note = (f"{len(kept)} of {table.shape[1]:,} columns are shown: "
            + (f"the {len(heaviest)} with the largest totals" if heaviest else "the first ones")
            + f"; the other {dropped:,} are not shown here.")
    return table.iloc[:, kept], note


def readable(table: pd.DataFrame, labels: dict[str, str] | None = None) -> pd.DataFrame:
    """Every cell as display text, headers in words (``labels`` overrides single headers)."""
    labels = labels or {}
    table = for_reader(table)  # ids, keys and list reprs in words (see reader_names)
    places = table_decimals(table)
    out = pd.DataFrame(
        {i: [cell(v, places) for v in table.iloc[:, i].tolist()] for i in range(table.shape[1])},
        index=range(len(table)),
    )
    out.columns = [labels.get(str(c), header(c)) for c in _flat_columns(table)]
    return out


def _flat_columns(table: pd.DataFrame) -> list[str]:
    if isinstance(table.columns, pd.MultiIndex):
        return [" ".join(str(p) for p in c if str(p)) for c in table.columns]
    return [str(c) for c in table.columns]


def escaped(table: pd.DataFrame) -> pd.DataFrame:
    """The readable table with every header and cell escaped for HTML."""
    out = table.map(lambda v: html.escape(str(v)))
    out.columns = [html.escape(str(c)) for c in out.columns]
    return out


def to_html(table: pd.DataFrame, max_rows: int | None = None, labels: dict[str, str] | None = None) -> str:
    """A static HTML table: readable, escaped, no index column; every cell names its column (``data-label``)."""
    shown = table if max_rows is None else table.head(max_rows)
    safe = escaped(readable(shown, labels))
    heads = [str(h) for h in safe.columns]
    rows = "\n".join("<tr>" + "".join(f'<td data-label="{h}">{v}</td>' for h, v in zip(heads, row, strict=True))
                     + "</tr>" for row in safe.itertuples(index=False, name=None))
    # each cell carries its column's name, so that on a phone a row reads as a card of 'name: value' lines
    return ('<table class="dataframe refract-table">\n<thead>\n<tr>' + "".join(f"<th>{h}</th>" for h in heads)
            + f"</tr>\n</thead>\n<tbody>\n{rows}\n</tbody>\n</table>")


def interactive_html(table: pd.DataFrame, page_length: int = 10, labels: dict[str, str] | None = None) -> str:
    """An ITables table whose static copy (every row) is shown until, and unless, scripts run.

    ITables' own notes for untrusted notebooks ("is your notebook trusted?") and its help link are
    removed: a reader of the book has no notebook to trust.
    """
    from itables.javascript import to_html_datatable

    page = to_html_datatable(
        escaped(readable(table, labels)),
        connected=False,
        pageLength=page_length,
        lengthMenu=[10, 25, 100, -1],
        classes="display compact refract-itable",
        allow_html=True,
        maxBytes=0,
        showIndex=False,
    )
    static = to_html(table, labels=labels)  # every row, not only the first page ITables would preview
    page = FALLBACK.sub(lambda m: m.group(1) + static + "</div><script>", page, count=1)
    return strip_notes(page)


def strip_notes(page: str) -> str:
    """Drop ITables' trust notes and static-preview marker from generated HTML."""
    return NOSCRIPT.sub("", PREVIEW_MARKER.sub("", page))


def init_html() -> str:
    """The ITables/DataTables bundle for offline use, without its 'notebook trusted?' note."""
    from itables.javascript import generate_init_offline_itables_html
    from itables.options import dt_bundle

    return strip_notes(generate_init_offline_itables_html(dt_bundle))
