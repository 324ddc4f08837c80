"""The book's figure style: one palette, one outlet-colour map, fixed SVG metadata, and the outlet legend.

Colours come from the Okabe-Ito palette, which stays distinguishable under the common forms of
colour blindness, darkened where needed for 3:1 contrast on white. The map is built once per run
from the articles table, stored with the results (``Study.outlet_colours``) and passed to every
plotting function, so an outlet has the same colour in every chapter.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from helpers.publication.layout import (  # noqa: E402
    SMALL,
    figure_width,
    outlet_display,
    panel_columns,
)
from helpers.publication.screens import for_every_screen  # noqa: E402

# Okabe-Ito hues, the light ones darkened so every mark has at least 3:1 contrast on white (WCAG 1.4.11).
OKABE_ITO = ["#0072B2", "#D55E00", "#009E73", "#B8569A", "#B07800", "#6A3D9A", "#000000", "#8C7A00"]
OTHER = "#767676"
STYLE = {
    # Every label is literal text: outlet names, titles and file names come from the user's corpus, and
    # matplotlib would read "$...$" in them as mathtext (a crash on "Money $\\oops$ Daily", lost dollar signs in
    # "Costs $5 and $10 News"). Set here once, for every figure the book draws.
    "text.parse_math": False,
    "text.usetex": False,
    "svg.hashsalt": "refract",
    "svg.fonttype": "path",
    "font.size": 10,
    "xtick.labelsize": 10,
    "ytick.labelsize": 10,
    "legend.fontsize": 9,
    "legend.title_fontsize": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "figure.dpi": 100,
    "savefig.bbox": "tight",
    "path.simplify": True,
}


def apply_style() -> None:
    """Set the book's matplotlib style (also used inline in notebooks)."""
    plt.rcParams.update(STYLE)


def outlet_colours(articles: pd.DataFrame, column: str = "outlet_label", top: int = 8) -> dict[str, str]:
    """One colour per outlet: the ``top`` outlets by article count get palette colours, the rest grey."""
    counts = articles[column].value_counts()
    ordered = sorted(counts.index, key=lambda o: (-counts[o], str(o)))
    colours = {o: OKABE_ITO[i] for i, o in enumerate(ordered[:top])}
    colours.update({o: OTHER for o in ordered[top:]})
    return colours


@for_every_screen
def empty_figure(message: str, title: str = "") -> plt.Figure:
    """A small figure that says why there is nothing to draw (e.g. a corpus with no lexicon words)."""
    apply_style()
    import textwrap

    fig, ax = plt.subplots(figsize=(min(6.0, figure_width()), 1.2))
    message = "\n".join(textwrap.wrap(message, int(figure_width() * 72 / 5.6)))  # 10 pt text, wrapped to fit
    ax.axis("off")
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=10, color="#444444")
    if title:
        ax.set_title(title)
    return fig


def outlet_legend(ax: plt.Axes, outlets, colours: dict[str, str]) -> None:
    """Up to eight named outlets and "other outlets", under the axes so that it covers no data."""
    from matplotlib.patches import Patch

    named = [o for o in sorted(outlets) if colours.get(o, OTHER) != OTHER][:8]
    handles = [Patch(color=colours.get(o, OTHER), label=outlet_display(o)) for o in named]
    if len(named) < len(list(outlets)):
        handles.append(Patch(color=OTHER, label="other outlets"))
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=panel_columns(2), frameon=False,
              fontsize=SMALL, title="Outlet")


