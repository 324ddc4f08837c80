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
    family_line_key,
)
from helpers.publication.heatmaps import MIN_COLUMNS, heatmap  # noqa: E402, F401  (re-exported for notebooks)
from helpers.publication.keyness_plot import keyness_panels  # noqa: E402, F401  (re-exported for notebooks)
from helpers.publication.layout import (  # noqa: E402, F401  (re-exported for notebooks and tests)
    DISPLAY_WIDTH_PX,
    FIG_WIDTH,
    MAX_PANELS,
    MAX_ROWS,
    MIN_FONT_PT,
    NARROW_WIDTH,
    SMALL,
    SVG_METADATA,
    display_scale,
    figure_width,
    fit_width,
    is_narrow,
    min_font_pt,
    outlet_display,
    panel_columns,
    short_labels,
    tidy,
    title_chars,
)
from helpers.publication.prose import count  # noqa: E402
from helpers.publication.reader_names import article_for_reader, plural_for_reader  # noqa: E402
from helpers.publication.screens import for_every_screen, narrow_path, narrow_version, svg_bytes  # noqa: E402
from helpers.publication.style import (  # noqa: E402, F401  (re-exported for notebooks and tests)
    OKABE_ITO,
    OTHER,
    STYLE,
    apply_style,
    empty_figure,
    outlet_colours,
    outlet_legend,
)

DOT_ROWS = 20  # outlets drawn one by one in an interval plot of many outlets (half lowest, half highest)
HIST_BINS = 30
LEGEND_GAP_IN = 0.55  # inches between the bottom of the axes and a legend placed under it
RAISING = "#1A1A1A"  # words raising the tone of an outlet that has no colour of its own (grey bars lower it)


def cap_note(fig: plt.Figure) -> str:
    """The sentence saying what a figure left out ("" when it draws everything), for the caption or a notebook."""
    return caps.note(fig)


def _title(ax: plt.Axes, title: str) -> None:
    import textwrap

    ax.set_title("\n".join(textwrap.wrap(title, title_chars())) if title else "")


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
    """Save a figure as SVG with fixed metadata (byte-stable across builds), and beside it its version drawn
    for a phone (``NAME-narrow.svg``), so the published figures serve every screen the book does."""
    fit_width(fig)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(svg_bytes(fig))
    narrow = narrow_version(fig)
    if narrow is not None:
        narrow_path(path).write_bytes(svg_bytes(narrow))
    return path


@for_every_screen
def bar_by_article(
    table: pd.DataFrame, value: str, label: str, colours: dict[str, str], title: str, xlabel: str
) -> plt.Figure:
    """Horizontal bars, one per article, coloured by outlet and labelled 'Outlet · A3' (the colour is never the
    only key); past ``MAX_ROWS`` articles, a histogram."""
    if len(table) > MAX_ROWS:
        return article_histogram(table, value, title, xlabel)
    apply_style()
    t = table.sort_values(value)
    fig, ax = plt.subplots(figsize=(figure_width(), 0.45 * len(t) + 1.2))
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


@for_every_screen
def article_histogram(table: pd.DataFrame, value: str, title: str, xlabel: str) -> plt.Figure:
    """How many articles have each value: the readable form of one bar per article for thousands of articles."""
    apply_style()
    fig, ax = plt.subplots(figsize=(figure_width(), 3.4))
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


@for_every_screen
def stacked_words(table: pd.DataFrame, colours: dict[str, str]) -> plt.Figure:
    """Words kept and boilerplate words removed per article; past ``MAX_ROWS`` articles, those with most removed
    (the figure is about cleaning: the longest articles of a large corpus often had nothing removed)."""
    from matplotlib.patches import Patch

    apply_style()
    t, note = _most_cleaned(table)
    t = t.sort_values("n_words_raw", kind="stable")
    height = 0.45 * len(t) + 1.4
    fig, ax = plt.subplots(figsize=(figure_width(), height))
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
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -below), ncol=panel_columns(2), frameon=False,
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


@for_every_screen
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
    fig, ax = plt.subplots(figsize=(figure_width(), 0.45 * rows + 1.4))
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
    if is_narrow():  # on a phone n goes under the outlet's name: labels on both sides would leave no room for data
        ax.set_yticks([y for y, _, _ in labels], [f"{name}\n{n}" for _, name, n in labels], fontsize=SMALL)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=4))
    else:
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


@for_every_screen
def word_shift_panels(shift: pd.DataFrame, colours: dict[str, str], n: int = 8) -> plt.Figure:
    """Per outlet, the words that push its mean score above (right) or below (left) the corpus mean."""
    if shift.empty:
        return empty_figure("No sentiment-bearing words in this corpus: nothing to shift.")
    apply_style()
    outlets, n_outlets = word_shift_outlets(shift), shift["outlet"].nunique()
    cols = min(panel_columns(2), len(outlets))
    rows = -(-len(outlets) // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(figure_width(), rows * (0.3 * 2 * n + 1.2)), squeeze=False)
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
