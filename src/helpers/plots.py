"""Every figure of the book, drawn with one style and one outlet-colour map.

Colours come from the Okabe-Ito palette, which stays distinguishable under the common forms of
colour blindness. The map is built once from the articles table and passed to every plotting
function, so an outlet has the same colour in every chapter. Figures are saved as SVG with fixed
metadata and a fixed hash salt, so two builds give byte-identical files.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
OTHER = "#999999"
SVG_METADATA = {"Date": None, "Creator": "Refract", "Format": None, "Type": None}
STYLE = {
    "svg.hashsalt": "refract",
    "svg.fonttype": "path",
    "font.size": 10,
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


def outlet_colours(articles: pd.DataFrame, column: str = "outlet_label", top: int = 8) -> dict[str, str]:
    """One colour per outlet: the ``top`` outlets by article count get palette colours, the rest grey."""
    counts = articles[column].value_counts()
    ordered = sorted(counts.index, key=lambda o: (-counts[o], str(o)))
    colours = {o: OKABE_ITO[i] for i, o in enumerate(ordered[:top])}
    colours.update({o: OTHER for o in ordered[top:]})
    return colours


def save(fig: plt.Figure, path: str | Path) -> Path:
    """Save a figure as SVG with fixed metadata (byte-stable across builds)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, format="svg", metadata=SVG_METADATA)
    return path


def bar_by_article(table: pd.DataFrame, value: str, label: str, colours: dict[str, str],
                   title: str, xlabel: str) -> plt.Figure:
    """Horizontal bars, one per article, coloured by outlet."""
    apply_style()
    t = table.sort_values(value)
    fig, ax = plt.subplots(figsize=(7, 0.45 * len(t) + 1.2))
    ax.barh(t[label].astype(str), t[value], color=[colours.get(o, OTHER) for o in t["outlet_label"]])
    for y, v in enumerate(t[value]):
        ax.text(v, y, f" {v:,.0f}", va="center", fontsize=8)
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    _outlet_legend(ax, t["outlet_label"].unique(), colours)
    fig.tight_layout()
    return fig


def stacked_words(table: pd.DataFrame, colours: dict[str, str]) -> plt.Figure:
    """Words kept and boilerplate words removed per article."""
    apply_style()
    t = table.sort_values("n_words_raw")
    fig, ax = plt.subplots(figsize=(7, 0.45 * len(t) + 1.4))
    y = range(len(t))
    ax.barh(list(y), t["n_words"], color=[colours.get(o, OTHER) for o in t["outlet_label"]],
            label="story text")
    ax.barh(list(y), t["n_words_raw"] - t["n_words"], left=t["n_words"], color="#dddddd",
            hatch="//", edgecolor="#888888", label="removed (boilerplate)")
    ax.set_yticks(list(y), t["article_id"].astype(str))
    ax.set_xlabel("words")
    ax.set_title("Words per article before and after cleaning")
    ax.legend(loc="lower right", frameon=False, fontsize=8)
    fig.tight_layout()
    return fig


def _outlet_legend(ax: plt.Axes, outlets, colours: dict[str, str]) -> None:
    from matplotlib.patches import Patch

    handles = [Patch(color=colours.get(o, OTHER), label=str(o)) for o in sorted(outlets)]
    ax.legend(handles=handles, loc="lower right", frameon=False, fontsize=8, title="outlet")
