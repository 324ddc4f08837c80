"""Every figure of the book, drawn with one style and one outlet-colour map (see :mod:`.style`).

Figures are drawn for hundreds of outlets and thousands of articles as well as for five: past
``MAX_ROWS`` rows a figure draws the extremes and one row for all the others, past the columns whose
cell texts fit at 9 pt a heatmap keeps the heaviest and pools the rest, and per-article bars become a histogram.
Each cap attaches a sentence saying what was left out (:func:`cap_note`), which the caption shows.
Figures are saved as SVG with fixed metadata and a fixed hash salt, so two builds give byte-identical files.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from helpers.publication import caps  # noqa: E402
from helpers.publication.diagrams import (  # noqa: E402, F401  (re-exported for notebooks)
    FAMILY_MEMBERS_DRAWN,
    claim_timeline,
    containment_matrix,
    family_diagram,
)
from helpers.publication.keyness_plot import keyness_panels  # noqa: E402, F401  (re-exported for notebooks)
from helpers.publication.layout import (  # noqa: E402, F401  (re-exported for notebooks and tests)
    DISPLAY_WIDTH_PX,
    FIG_WIDTH,
    MAX_PANELS,
    MIN_FONT_PT,
    SMALL,
    display_scale,
    fit_width,
    min_font_pt,
    outlet_display,
    short_labels,
    tidy,
)
from helpers.publication.prose import count  # noqa: E402
from helpers.publication.reader_names import article_for_reader, plural_for_reader  # noqa: E402
from helpers.publication.style import (  # noqa: E402, F401  (re-exported for notebooks and tests)
    OKABE_ITO,
    OTHER,
    STYLE,
    SVG_METADATA,
    apply_style,
    empty_figure,
    outlet_colours,
    outlet_legend,
)

MAX_ROWS = 30  # rows (outlets, articles) drawn in one figure; past it, the extremes and one row for the rest
DOT_ROWS = 20  # outlets drawn one by one in an interval plot of many outlets (half lowest, half highest)
MIN_COLUMNS = 4  # heatmap columns always drawn (three and the pooled rest), however long the row labels
FIGURE_PT = FIG_WIDTH * 72  # the text column in points
COLOURBAR_PT = 75  # the colour bar with its tick labels, and the figure's margins
CHAR_PT = 5.6  # width of one character of cell text at 9 pt; each cell adds CELL_PAD_PT of padding
CELL_PAD_PT = 6
LABEL_CHAR_PT = 6.0  # width of one character of a row label at 10 pt
ROW_LABEL_CHARS = 30  # a longer row label wraps onto a second line instead of narrowing the cells
TITLE_CHARS = 60  # a longer title wraps, so it never widens the figure past the text column
HIST_BINS = 30
LEGEND_GAP_IN = 0.55  # inches between the bottom of the axes and a legend placed under it
RAISING = "#1A1A1A"  # words raising the tone of an outlet that has no colour of its own (grey bars lower it)


def cap_note(fig: plt.Figure) -> str:
    """The sentence saying what a figure left out ("" when it draws everything), for the caption or a notebook."""
    return caps.note(fig)


def _title(ax: plt.Axes, title: str) -> None:
    import textwrap

    ax.set_title("\n".join(textwrap.wrap(title, TITLE_CHARS)) if title else "")


def setup_notebook() -> None:
    """Inline figures as SVG without timestamps, so executed notebooks are reproducible."""
    apply_style()
    try:
        from IPython import get_ipython

        ip = get_ipython()
    except ImportError:  # pragma: no cover - IPython always present with the kernel
        ip = None
    if ip is not None:
        from matplotlib_inline.backend_inline import set_matplotlib_formats

        ip.run_line_magic("matplotlib", "inline")
        set_matplotlib_formats("svg", metadata=SVG_METADATA)


def save(fig: plt.Figure, path: str | Path) -> Path:
    """Save a figure as SVG with fixed metadata (byte-stable across builds)."""
    fit_width(fig)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, format="svg", metadata=SVG_METADATA)
    return path




def bar_by_article(
    table: pd.DataFrame, value: str, label: str, colours: dict[str, str], title: str, xlabel: str
) -> plt.Figure:
    """Horizontal bars, one per article, coloured by outlet and labelled 'Outlet · A3' (the colour is never the
    only key); past ``MAX_ROWS`` articles, a histogram."""
    if len(table) > MAX_ROWS:
        return article_histogram(table, value, title, xlabel)
    apply_style()
    t = table.sort_values(value)
    fig, ax = plt.subplots(figsize=(FIG_WIDTH, 0.45 * len(t) + 1.2))
    y_pos = list(range(len(t)))
    ax.barh(y_pos, t[value], color=[colours.get(o, OTHER) for o in t["outlet_label"]])
    ax.set_yticks(y_pos, _article_names(t, label))
    for y, v in enumerate(t[value]):
        ax.text(v, y, f" {v:,.0f}", va="center", fontsize=SMALL)
    ax.set_xlabel(xlabel)
    _title(ax, title)
    tidy(fig)
    return fig


def _article_names(t: pd.DataFrame, label: str = "article_id") -> list[str]:
    """'Outlet · A3' per article (the outlet named beside each bar), or 'Unattributed (A3)'."""
    return short_labels([article_for_reader(a, o) for o, a in zip(t["outlet_label"], t[label], strict=True)])


def article_histogram(table: pd.DataFrame, value: str, title: str, xlabel: str) -> plt.Figure:
    """How many articles have each value: the readable form of one bar per article for thousands of articles."""
    apply_style()
    fig, ax = plt.subplots(figsize=(FIG_WIDTH, 3.4))
    import numpy as np

    values = table[value].astype(float)
    whole = bool((values == values.round()).all()) and values.max() - values.min() < HIST_BINS
    bins = np.arange(values.min(), values.max() + 2) - 0.5 if whole else HIST_BINS  # one bar per whole number
    ax.hist(values, bins=bins, color=OKABE_ITO[0], edgecolor="white")
    if whole:
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # whole numbers: no tick at 7.5 sentences
    ax.set_xlabel(xlabel)
    ax.set_ylabel("articles")
    _title(ax, f"{title}: {len(table):,} articles")
    tidy(fig)
    return caps.set_note(fig, (
        f"With {len(table):,} articles one bar each would be unreadable, so the figure counts how many articles "
        f"(of every outlet, in one colour) have each value (from {values.min():,.0f} to {values.max():,.0f}, "
        f"median {values.median():,.0f}); "
        "every article is in the CSV files on the data page."))


def stacked_words(table: pd.DataFrame, colours: dict[str, str]) -> plt.Figure:
    """Words kept and boilerplate words removed per article; past ``MAX_ROWS`` articles, those with most removed
    (the figure is about cleaning: the longest articles of a large corpus often had nothing removed)."""
    from matplotlib.patches import Patch

    apply_style()
    t, note = _most_cleaned(table)
    t = t.sort_values("n_words_raw", kind="stable")
    height = 0.45 * len(t) + 1.4
    fig, ax = plt.subplots(figsize=(FIG_WIDTH, height))
    y = range(len(t))
    ax.barh(list(y), t["n_words"], color=[colours.get(o, OTHER) for o in t["outlet_label"]])
    ax.barh(list(y), t["n_words_raw"] - t["n_words"], left=t["n_words"], color="#dddddd", hatch="//",
            edgecolor="#888888")
    ax.set_yticks(list(y), _article_names(t))
    ax.set_xlabel("words")
    ax.set_title("Words per article before and after cleaning")
    below = (LEGEND_GAP_IN + 0.15) / max(height - 1.4, 0.5)  # a fixed gap under the x label, however tall the figure
    handles = [Patch(facecolor="#555555", label="story text (bar in the outlet's colour)"),
               Patch(facecolor="#dddddd", hatch="//", edgecolor="#888888", label="removed (boilerplate)")]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -below), ncol=2, frameon=False,
              fontsize=SMALL)
    tidy(fig)
    return caps.set_note(fig, note)


def _most_cleaned(table: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """The articles to draw (all of them, or the ``MAX_ROWS`` with most words removed, then the longest) and
    the sentence saying which were drawn."""
    if len(table) <= MAX_ROWS:
        return table, ""
    removed = table["n_words_raw"] - table["n_words"]
    cleaned = int((removed > 0).sum())
    t = (table.assign(_removed=removed).sort_values(["_removed", "n_words_raw"], ascending=False, kind="stable")
         .head(MAX_ROWS).drop(columns="_removed"))
    if cleaned >= MAX_ROWS:
        which = f"The {len(t)} of {len(table):,} articles with most boilerplate words removed are drawn"
    elif cleaned:
        which = (f"Boilerplate was removed from {count(cleaned, 'article')} of {len(table):,}; these and the "
                 f"{count(len(t) - cleaned, 'longest other')} are drawn")
    else:
        which = f"No boilerplate was removed from any of the {len(table):,} articles; the {len(t)} longest are drawn"
    return t, which + ". Every article, with its words before and after cleaning, is in the CSV files on the data page."


def interval_dots(
    table: pd.DataFrame,
    colours: dict[str, str],
    value: str = "mean_compound",
    low: str = "ci_low",
    high: str = "ci_high",
    title: str = "",
    xlabel: str = "",
    reference: float | None = None,
) -> plt.Figure:
    """One dot per outlet with its interval, coloured by outlet; n beside each.

    Past ``MAX_ROWS`` outlets the ``DOT_ROWS // 2`` lowest and highest means are drawn (the outlets a ranking
    is about) and the others become one grey row spanning their means."""
    if table.empty:
        return empty_figure("No scores to show.", title)
    rest, note = None, ""
    if len(table) > MAX_ROWS:
        table, rest = caps.extremes(table, value, DOT_ROWS)
        note = caps.extremes_note(rest, value, DOT_ROWS // 2)
    apply_style()
    t = table.sort_values(value).reset_index(drop=True)
    rows = len(t) + (rest is not None)
    fig, ax = plt.subplots(figsize=(FIG_WIDTH, 0.45 * rows + 1.4))
    labels = []
    for y, r in enumerate(t.to_dict("records")):
        y += int(rest is not None and y >= len(t) // 2)  # the lowest half, the others' row, the highest half
        c = colours.get(r["outlet"], OTHER)
        ax.plot([r[low], r[high]], [y, y], color=c, lw=2.5, solid_capstyle="butt")
        ax.plot(r[value], y, "o", color=c, ms=8, mec="white")
        n = (f"{plural_for_reader(int(r['n_articles']), 'article')}, "
             f"{plural_for_reader(int(r['n_sentences']), 'sentence')}")
        labels.append((y, outlet_display(r["outlet"]), n))
    if rest is not None:
        y = len(t) // 2
        ax.plot([rest[value].min(), rest[value].max()], [y, y], color="#b0b0b0", lw=7, solid_capstyle="butt")
        ax.plot(rest[value].median(), y, "|", color="#333333", ms=12, mew=2)
        labels.append((y, f"{len(rest):,} other outlets", "range of their means"))
    if reference is not None:
        ax.axvline(reference, color="#666666", ls="--", lw=1)
    ax.axvline(0, color="#bbbbbb", lw=0.8)
    labels.sort()
    ax.set_yticks([y for y, _, _ in labels], [name for _, name, _ in labels])
    side = ax.secondary_yaxis("right")  # n on the right, outside the data, so it never covers an interval
    side.set_yticks([y for y, _, _ in labels], [n for _, _, n in labels], fontsize=SMALL)
    side.tick_params(length=0)
    side.spines["right"].set_visible(False)
    ax.set_ylim(-0.7, rows - 0.3)
    ax.set_xlabel(xlabel)
    _title(ax, title)
    tidy(fig)
    return caps.set_note(fig, note)


def word_shift_panels(shift: pd.DataFrame, colours: dict[str, str], n: int = 8) -> plt.Figure:
    """Per outlet, the words that push its mean score above (right) or below (left) the corpus mean."""
    if shift.empty:
        return empty_figure("No sentiment-bearing words in this corpus: nothing to shift.")
    apply_style()
    outlets, n_outlets = word_shift_outlets(shift), shift["outlet"].nunique()
    cols = min(2, len(outlets))
    rows = -(-len(outlets) // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(FIG_WIDTH, rows * (0.3 * 2 * n + 1.2)), squeeze=False)
    for ax in axes.flat[len(outlets):]:
        ax.axis("off")
    for ax, outlet in zip(axes.flat, outlets, strict=False):
        g = shift[shift["outlet"] == outlet].sort_values("shift")
        g = pd.concat([g.head(n), g[g["shift"] > 0].tail(n)]).drop_duplicates()
        raising = colours.get(outlet, OTHER)
        raising = RAISING if raising == OTHER else raising  # an uncoloured outlet: raising words still stand out
        ax.barh(range(len(g)), g["shift"], color=[raising if v > 0 else OTHER for v in g["shift"]])
        ax.set_yticks(range(len(g)), g["word"], fontsize=SMALL)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=3, symmetric=True))  # three ticks never collide in a panel
        ax.axvline(0, color="black", lw=0.8)
        total = shift.loc[shift["outlet"] == outlet, "shift"].sum()
        signed = f"{total:+.3f}".replace("-", "\u2212")  # the number only: outlet names may hold hyphens
        ax.set_title(f"{outlet_display(outlet)}\n(total {signed})", fontsize=SMALL + 1)
        ax.tick_params(axis="x", labelsize=SMALL)
    fig.supxlabel("contribution to the outlet's difference from the corpus mean (compound)")
    tidy(fig)
    return caps.set_note(fig, caps.panels_note(len(outlets), n_outlets, "scored words", "word_shift.csv"))


def word_shift_outlets(shift: pd.DataFrame) -> list[str]:
    """The outlets that get a word-shift panel (most scored words first, at most ``MAX_PANELS``), in name order:
    the alt text and findings about the figure name these, not every outlet of the corpus."""
    if shift.empty:
        return []
    ranked = (shift.groupby("outlet")["count_in_outlet"].sum().sort_values(ascending=False, kind="stable")
              if "count_in_outlet" in shift else shift["outlet"].value_counts())
    return sorted(ranked.index[:MAX_PANELS])


def heatmap(
    matrix: pd.DataFrame,
    title: str,
    fmt: str = "{:.0f}",
    cmap: str = "Blues",
    center: float | None = None,
    xlabel: str = "",
    ylabel: str = "",
    annotations: pd.DataFrame | None = None,
    weights: pd.Series | None = None,
) -> plt.Figure:
    """A labelled heatmap with values written in the cells (colour scales are colourblind-safe).

    Past ``MAX_ROWS`` rows the rows with most weight are kept. Columns are kept while their cell texts fit
    the text column at 9 pt beside the row labels; past that the heaviest columns are kept and the others
    pooled into one (their mean per column, so the colour scale still compares like with like). The heaviest are
    those with the largest ``weights`` (e.g. sentences per outlet) when given, else the largest totals for
    counts, else those furthest from the mean of all columns. The figure's cap note says what was kept and
    why; every cell stays in the CSV files."""
    if matrix.empty:
        return empty_figure("Nothing to show for this corpus.", title)
    rows = [_wrapped(outlet_display(i)) for i in matrix.index]
    limit = _column_limit(matrix, fmt, annotations, rows)
    matrix, annotations, note = _cap_matrix(matrix, annotations, weights, limit)
    rows = [_wrapped(outlet_display(i)) for i in matrix.index]
    apply_style()
    import numpy as np

    values = matrix.to_numpy(dtype=float)
    fig, ax = plt.subplots(figsize=(min(FIG_WIDTH, max(5, 1.1 * matrix.shape[1] + 3)), 0.5 * matrix.shape[0] + 1.8))
    if center is not None:
        lim = np.nanmax(np.abs(values - center)) or 1.0
        im = ax.imshow(values, cmap=cmap, vmin=center - lim, vmax=center + lim, aspect="auto")
    else:
        im = ax.imshow(values, cmap=cmap, aspect="auto")
    ax.set_xticks(range(matrix.shape[1]), [outlet_display(c) for c in matrix.columns], rotation=40, ha="right")
    ax.set_yticks(range(matrix.shape[0]), rows)
    finite = values[np.isfinite(values)]
    mid = (finite.max() + finite.min()) / 2 if finite.size else 0
    for i in range(matrix.shape[0]):
        for j in range(matrix.shape[1]):
            v = values[i, j]
            if np.isnan(v):
                continue
            text = fmt.format(v)
            if annotations is not None:
                text += f"\n{annotations.iloc[i, j]}"
            dark = (v > mid) if center is None else abs(v - center) > 0.6 * (np.nanmax(np.abs(values - center)) or 1)
            ax.text(j, i, text, ha="center", va="center", fontsize=SMALL, color="white" if dark else "black")
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.spines[:].set_visible(False)
    fig.colorbar(im, ax=ax, shrink=0.7)
    tidy(fig)
    return caps.set_note(fig, note)


def _wrapped(label: str) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(label, ROW_LABEL_CHARS)) or label


def _column_limit(matrix: pd.DataFrame, fmt: str, annotations: pd.DataFrame | None, rows: list[str]) -> int:
    """How many columns fit beside the row labels when every cell's text is written at 9 pt (at least
    ``MIN_COLUMNS``)."""
    import numpy as np

    values = matrix.to_numpy(dtype=float).ravel()
    texts = [fmt.format(v) for v in values[np.isfinite(values)][:2000]]
    if annotations is not None:
        texts += [str(a) for a in annotations.to_numpy().ravel()[:2000]]
    chars = max((len(line) for t in texts for line in t.split("\n")), default=1)
    label_pt = max((len(line) for r in rows for line in r.split("\n")), default=0) * LABEL_CHAR_PT
    cells_pt = FIGURE_PT - label_pt - COLOURBAR_PT
    return max(MIN_COLUMNS, int(cells_pt // (chars * CHAR_PT + CELL_PAD_PT)))


def _cap_matrix(
    matrix: pd.DataFrame, annotations: pd.DataFrame | None, weights: pd.Series | None = None,
    max_columns: int = MIN_COLUMNS,
) -> tuple[pd.DataFrame, pd.DataFrame | None, str]:
    """At most ``MAX_ROWS`` rows and ``max_columns`` columns (one of them pooling the rest), and a note."""
    notes = []
    rows, cols = caps.noun(matrix.index.name, "row"), caps.noun(matrix.columns.name, "column")
    if len(matrix) > MAX_ROWS:
        keep = matrix.abs().sum(axis=1).sort_values(ascending=False, kind="stable").index[:MAX_ROWS]
        notes.append(f"The {MAX_ROWS} {rows}s with the largest totals of {len(matrix):,} are drawn.")
        annotations = annotations.loc[keep] if annotations is not None else None
        matrix = matrix.loc[keep]
    if matrix.shape[1] > max_columns:
        kept, others, why = caps.heaviest_columns(matrix, max_columns - 1, weights, caps.is_count_matrix(matrix))
        name = f"{len(others):,} other {cols}s (mean)"
        notes.append(f"Of {matrix.shape[1]:,} {cols}s, the {count(len(kept), cols)} {why} are drawn; the other "
                     f"{len(others):,} are pooled in the last column (their mean per {cols}). Every cell is in the "
                     "CSV files on the data page.")
        pooled = matrix[others].mean(axis=1)
        if annotations is not None:
            annotations = annotations.reindex(index=matrix.index)[kept].assign(**{name: ""})
        matrix = matrix[kept].assign(**{name: pooled})
    return matrix, annotations, " ".join(notes)
