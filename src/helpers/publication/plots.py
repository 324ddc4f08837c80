"""Every figure of the book, drawn with one style and one outlet-colour map.

Colours come from the Okabe-Ito palette, which stays distinguishable under the common forms of
colour blindness, darkened where needed for 3:1 contrast on white. The map is built once per run
from the articles table, stored with the results (``Study.outlet_colours``) and passed to every
plotting function, so an outlet has the same colour in every chapter. Figures are saved as SVG with fixed
metadata and a fixed hash salt, so two builds give byte-identical files.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from helpers.publication.layout import (  # noqa: E402, F401  (re-exported for notebooks and tests)
    DISPLAY_WIDTH_PX,
    FIG_WIDTH,
    MIN_FONT_PT,
    SMALL,
    display_scale,
    fit_width,
    min_font_pt,
    outlet_display,
)

MAX_ROWS = 30  # rows (outlets, articles) drawn in one figure; the rest are summarised in the title
MAX_PANELS = 6  # small multiples (one per outlet)
# Okabe-Ito hues, the light ones darkened so every mark has at least 3:1 contrast on white (WCAG 1.4.11).
OKABE_ITO = ["#0072B2", "#D55E00", "#009E73", "#B8569A", "#B07800", "#6A3D9A", "#000000", "#8C7A00"]
OTHER = "#767676"
SVG_METADATA = {"Date": None, "Creator": "Refract", "Format": None, "Type": None}
STYLE = {
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



def empty_figure(message: str, title: str = "") -> plt.Figure:
    """A small figure that says why there is nothing to draw (e.g. a corpus with no lexicon words)."""
    apply_style()
    fig, ax = plt.subplots(figsize=(6, 1.2))
    ax.axis("off")
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=10, color="#444444")
    if title:
        ax.set_title(title)
    return fig



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
    """Horizontal bars, one per article, coloured by outlet."""
    if len(table) > MAX_ROWS:
        table = table.nlargest(MAX_ROWS, value)
        title = f"{title} (top {MAX_ROWS})"
    apply_style()
    t = table.sort_values(value)
    fig, ax = plt.subplots(figsize=(FIG_WIDTH, 0.45 * len(t) + 1.2))
    ax.barh(t[label].astype(str), t[value], color=[colours.get(o, OTHER) for o in t["outlet_label"]])
    for y, v in enumerate(t[value]):
        ax.text(v, y, f" {v:,.0f}", va="center", fontsize=SMALL)
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    _outlet_legend(ax, t["outlet_label"].unique(), colours)
    fig.tight_layout()
    return fig


def stacked_words(table: pd.DataFrame, colours: dict[str, str]) -> plt.Figure:
    """Words kept and boilerplate words removed per article."""
    apply_style()
    t = table.nlargest(MAX_ROWS, "n_words_raw").sort_values("n_words_raw")
    fig, ax = plt.subplots(figsize=(FIG_WIDTH, 0.45 * len(t) + 1.4))
    y = range(len(t))
    ax.barh(list(y), t["n_words"], color=[colours.get(o, OTHER) for o in t["outlet_label"]], label="story text")
    ax.barh(
        list(y),
        t["n_words_raw"] - t["n_words"],
        left=t["n_words"],
        color="#dddddd",
        hatch="//",
        edgecolor="#888888",
        label="removed (boilerplate)",
    )
    ax.set_yticks(list(y), t["article_id"].astype(str))
    ax.set_xlabel("words")
    ax.set_title("Words per article before and after cleaning")
    ax.legend(loc="lower right", frameon=False, fontsize=SMALL)
    fig.tight_layout()
    return fig


def _outlet_legend(ax: plt.Axes, outlets, colours: dict[str, str]) -> None:
    from matplotlib.patches import Patch

    named = [o for o in sorted(outlets) if colours.get(o, OTHER) != OTHER][:8]
    handles = [Patch(color=colours.get(o, OTHER), label=outlet_display(o)) for o in named]
    if len(named) < len(list(outlets)):
        handles.append(Patch(color=OTHER, label="other outlets"))
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=2, frameon=False,
              fontsize=SMALL, title="Outlet")


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
    """One dot per outlet with its interval, coloured by outlet; n beside each."""
    if table.empty:
        return empty_figure("No scores to show.", title)
    if len(table) > MAX_ROWS:
        table = table.nlargest(MAX_ROWS, "n_sentences")
        title = f"{title} (the {MAX_ROWS} outlets with most sentences)"
    apply_style()
    t = table.sort_values(value).reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(FIG_WIDTH, 0.55 * len(t) + 1.3))
    for y, r in t.iterrows():
        c = colours.get(r["outlet"], OTHER)
        ax.plot([r[low], r[high]], [y, y], color=c, lw=2.5, solid_capstyle="butt")
        ax.plot(r[value], y, "o", color=c, ms=8, mec="white")
        label = f"  n = {int(r['n_articles'])} art., {int(r['n_sentences'])} sent."
        ax.text(max(r[high], r[value]), y, label, va="center", fontsize=SMALL)
    if reference is not None:
        ax.axvline(reference, color="#666666", ls="--", lw=1)
    ax.axvline(0, color="#bbbbbb", lw=0.8)
    ax.set_yticks(range(len(t)), [outlet_display(o) for o in t["outlet"]])
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    fig.tight_layout()
    return fig


def word_shift_panels(shift: pd.DataFrame, colours: dict[str, str], n: int = 8) -> plt.Figure:
    """Per outlet, the words that push its mean score above (right) or below (left) the corpus mean."""
    if shift.empty:
        return empty_figure("No sentiment-bearing words in this corpus: nothing to shift.")
    apply_style()
    outlets = sorted(shift["outlet"].value_counts().index[:MAX_PANELS])
    cols = min(2, len(outlets))
    rows = -(-len(outlets) // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(FIG_WIDTH, rows * (0.3 * 2 * n + 1.2)), squeeze=False)
    for ax in axes.flat[len(outlets):]:
        ax.axis("off")
    for ax, outlet in zip(axes.flat, outlets, strict=False):
        g = shift[shift["outlet"] == outlet].sort_values("shift")
        g = pd.concat([g.head(n), g[g["shift"] > 0].tail(n)]).drop_duplicates()
        ax.barh(
            range(len(g)), g["shift"], color=[colours.get(outlet, OTHER) if v > 0 else "#767676" for v in g["shift"]]
        )
        ax.set_yticks(range(len(g)), g["word"], fontsize=SMALL)
        ax.axvline(0, color="black", lw=0.8)
        total = shift.loc[shift["outlet"] == outlet, "shift"].sum()
        ax.set_title(f"{outlet_display(outlet)}\n(total {total:+.3f})", fontsize=SMALL + 1)
        ax.tick_params(axis="x", labelsize=SMALL)
    fig.supxlabel("contribution to the outlet's difference from the corpus mean (compound)")
    fig.tight_layout()
    return fig


def heatmap(
    matrix: pd.DataFrame,
    title: str,
    fmt: str = "{:.0f}",
    cmap: str = "Blues",
    center: float | None = None,
    xlabel: str = "",
    ylabel: str = "",
    annotations: pd.DataFrame | None = None,
) -> plt.Figure:
    """A labelled heatmap with values written in the cells (colour scales are colourblind-safe)."""
    if matrix.empty:
        return empty_figure("Nothing to show for this corpus.", title)
    if len(matrix) > MAX_ROWS:  # many outlets: keep the rows with most weight, say so in the title
        keep = matrix.abs().sum(axis=1).sort_values(ascending=False).index[:MAX_ROWS]
        title = f"{title} (top {MAX_ROWS} of {len(matrix)})"
        annotations = annotations.loc[keep] if annotations is not None else None
        matrix = matrix.loc[keep]
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
    ax.set_yticks(range(matrix.shape[0]), [outlet_display(i) for i in matrix.index])
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
    fig.tight_layout()
    return fig


def keyness_panels(keyness: pd.DataFrame, colours: dict[str, str], n: int = 10) -> plt.Figure:
    """Fightin' Words style: z-score against term frequency, top terms labelled, one panel per outlet."""
    if keyness.empty:
        return empty_figure("No word is used often enough by any outlet to test its keyness.")
    apply_style()
    import numpy as np

    outlets = sorted(keyness.groupby("outlet")["count"].sum().nlargest(MAX_PANELS).index)
    cols = min(2, len(outlets))
    rows = -(-len(outlets) // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(FIG_WIDTH, 3.4 * rows), squeeze=False, sharey=True)
    for ax in axes.flat[len(outlets):]:
        ax.axis("off")
    for ax, outlet in zip(axes.flat, outlets, strict=False):
        g = keyness[keyness["outlet"] == outlet]
        ax.scatter(np.log10(g["count"]), g["z"], s=8, color="#8a8a8a")
        top = g.nlargest(n, "z")
        ax.scatter(np.log10(top["count"]), top["z"], s=14, color=colours.get(outlet, OTHER))
        for r in top.itertuples():
            ax.annotate(r.term, (np.log10(r.count), r.z), fontsize=SMALL, xytext=(3, 0), textcoords="offset points")
        ax.axhline(1.96, color="#666666", ls=":", lw=0.8)
        ax.axhline(-1.96, color="#666666", ls=":", lw=0.8)
        ax.set_title(outlet_display(outlet), fontsize=SMALL + 1)
        ax.set_xlabel("uses in the outlet (log10)")
    axes[0][0].set_ylabel("z-score (log-odds ratio)")
    fig.tight_layout()
    return fig


def claim_timeline(reconciled: pd.DataFrame, colours: dict[str, str], max_panels: int = 12) -> plt.Figure:
    """One panel per quantity: each claim's interval against its report date, coloured by outlet.

    Open-ended intervals ("more than 2,000") are drawn as an upward arrow; claims whose report date
    is unknown are placed in a separate column at the right.
    """
    if reconciled.empty:
        return empty_figure("No event-count claims in this corpus.")
    apply_style()
    import math

    import numpy as np

    groups = list(reconciled.groupby("group"))[:max_panels]
    cols = min(2, len(groups))
    rows = math.ceil(len(groups) / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(FIG_WIDTH, 3.0 * rows), squeeze=False)
    dates = sorted(d for d in reconciled["published"].unique() if d != "unknown")
    positions = {d: i for i, d in enumerate(dates)}
    positions["unknown"] = len(dates) + 0.6
    markers = {"single": "o", "consistent": "o", "superseded": "x", "conflict": "D"}
    for ax, (name, g) in zip(axes.flat, groups, strict=False):
        top = np.nanmax(np.where(np.isinf(g["value_high"]), g["value_low"] * 1.6, g["value_high"])) * 1.15
        for k, r in enumerate(g.itertuples(index=False)):
            x = positions[r.published] + (k % 5 - 2) * 0.06
            c = colours.get(r.outlet, OTHER)
            hi = top if math.isinf(r.value_high) else r.value_high
            ax.plot([x, x], [r.value_low, hi], color=c, lw=2)
            ax.plot(x, r.value_low, markers.get(r.status, "o"), color=c, ms=6)
            if math.isinf(r.value_high):
                ax.annotate("", xy=(x, top), xytext=(x, r.value_low), arrowprops={"arrowstyle": "->", "color": c})
        ax.set_xticks(list(positions.values()), [d[5:] if d != "unknown" else "date\nunknown" for d in positions])
        ax.set_ylim(0, top)
        ax.set_title(str(name).replace("_", " ").capitalize(), fontsize=SMALL + 1)
    for ax in list(axes.flat)[len(groups):]:
        ax.axis("off")
    _outlet_legend(axes.flat[0], reconciled["outlet"].unique(), colours)
    fig.supylabel("value (interval)")
    fig.tight_layout()
    return fig


def containment_matrix(reuse: pd.DataFrame, ids: list[str]) -> pd.DataFrame:
    """Square table: share of the row article's shingles found in the column article."""
    mat = pd.DataFrame(float("nan"), index=ids, columns=ids)
    for r in reuse.itertuples(index=False):
        mat.loc[r.article_a, r.article_b] = r.containment_ab
        mat.loc[r.article_b, r.article_a] = r.containment_ba
    for a in ids:
        mat.loc[a, a] = 1.0
    return mat


FAMILY_MEMBERS_DRAWN = 8  # boxes drawn per story family; the family table lists every member


def story_families(reuse: pd.DataFrame, families: pd.DataFrame, articles: pd.DataFrame,
                   colours: dict[str, str]) -> plt.Figure:
    """Story families: one column per family, articles as labelled boxes coloured by outlet.

    Solid arrows run from the likely origin to the copy or rewrite; dashed grey lines join articles
    that only share a passage (a common source such as an official statement).
    """
    if families.empty:
        return empty_figure("No two articles share a story.")
    apply_style()
    label = dict(zip(articles["article_id"], articles["outlet_label"], strict=True))
    order = families.sort_values(["family_size", "family", "article_id"], ascending=[False, True, True])
    fams = list(dict.fromkeys(order["family"]))
    pos = {}
    for x, fam in enumerate(fams):
        members = order[order["family"] == fam]["article_id"].tolist()
        for y, aid in enumerate(members[:FAMILY_MEMBERS_DRAWN]):  # a family of thousands of copies is summarised
            pos[aid] = (x * 2.6, -y * 1.3)
    height = max(-p[1] for p in pos.values()) + 1
    fig, ax = plt.subplots(figsize=(FIG_WIDTH, 1.2 * height + 1.8))
    for r in reuse.itertuples(index=False):
        if r.relation == "independent" or r.article_a not in pos or r.article_b not in pos:
            continue
        a, b = pos[r.article_a], pos[r.article_b]
        if r.relation == "shared_source":
            ax.plot([a[0], b[0]], [a[1], b[1]], ls="--", color="#bbbbbb", lw=1, zorder=1)
            continue
        src, dst = (a, b) if r.earlier in ("", r.article_a) else (b, a)
        ax.annotate("", xy=dst, xytext=src, zorder=2,
                    arrowprops={"arrowstyle": "-|>", "lw": 2, "color": "#333333", "shrinkA": 22, "shrinkB": 22})
        mid = ((src[0] + dst[0]) / 2, (src[1] + dst[1]) / 2)
        ax.text(mid[0] + 0.1, mid[1], r.relation, fontsize=SMALL, color="#333333")
    for aid, (x, y) in pos.items():
        c = colours.get(label.get(aid, ""), OTHER)
        ax.text(x, y, f"{aid[:3]}\n{label.get(aid, '')}", ha="center", va="center", fontsize=SMALL, zorder=3,
                bbox={"boxstyle": "round,pad=0.4", "fc": c, "ec": "#333333", "alpha": 0.85},
                color="black" if c in (OKABE_ITO[4], OKABE_ITO[7]) else "white")
    ax.set_xlim(-1.4, max(p[0] for p in pos.values()) + 1.4)
    ax.set_ylim(-height, 0.8)
    ax.axis("off")
    ax.set_title("Story families (arrow: from the likely origin to the reuse)")
    fig.tight_layout()
    return fig
