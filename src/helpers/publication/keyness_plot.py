"""The keyness figure: one Fightin' Words panel per outlet, with labels that never pile up.

Only words whose z-score reaches the significance threshold are labelled: labelling the ten highest words
of a panel in which no word stands out would present noise as a finding (at 10,000 articles every z-score
sits near zero, and ten labels pile onto one spot). The labels that are drawn are spread vertically so no
two overlap; the caption says what was labelled, and a panel where nothing passes says so in the panel.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from helpers.publication import caps
from helpers.publication.findings import Z_THRESHOLD
from helpers.publication.layout import MAX_PANELS, SMALL, figure_width, outlet_display, panel_columns, tidy
from helpers.publication.prose import count, number
from helpers.publication.screens import for_every_screen
from helpers.publication.style import OTHER, apply_style, empty_figure

PANEL_HEIGHT = 3.4  # inches per row of panels
LINE_SPACING = 1.35  # a label's height, in multiples of its font size, when labels are stacked
LABEL_OFFSET_PT = 4  # gap between a point and its label
Z_MARGIN = 0.5  # room above the highest and below the lowest z-score, and around the threshold lines
UNCOLOURED = "#1A1A1A"  # labelled points of an outlet without a colour of its own (grey is the background)
POINTS = "#8a8a8a"
Z_DECIMALS = 2  # background words with the same count and z to this precision share one dot (a smaller page)


def stack_positions(targets: list[float], gap: float, low: float, high: float) -> list[float]:
    """Positions as near as possible to ``targets`` (ascending) with at least ``gap`` between neighbours,
    inside [low, high]: pushed up past each lower label, then down below the top when they overflow.

    The caller keeps no more labels than ``(high - low) / gap + 1``, so the result always fits."""
    placed: list[float] = []
    for t in targets:
        placed.append(max(t, low, placed[-1] + gap) if placed else max(t, low))
    for i in range(len(placed) - 1, -1, -1):
        ceiling = high if i == len(placed) - 1 else placed[i + 1] - gap
        placed[i] = min(placed[i], ceiling)
    return placed


def _label_panel(ax: plt.Axes, words: pd.DataFrame, colour: str) -> int:
    """Label ``words`` (already past the threshold, highest z first) without overlaps; returns how many were
    left unlabelled because the panel has no room for them."""
    fig = ax.figure
    px_per_pt = fig.dpi / 72
    gap = SMALL * LINE_SPACING * px_per_pt
    box = ax.get_window_extent()
    room = int((box.height - gap) // gap) + 1
    shown = words.head(max(room, 0)).sort_values("z", kind="stable")
    data = np.column_stack([np.log10(shown["count"]), shown["z"]])
    xy = ax.transData.transform(data) if len(data) else np.empty((0, 2))
    ys = stack_positions(list(xy[:, 1]), gap, box.y0 + gap / 2, box.y1 - gap / 2)
    middle = (box.x0 + box.x1) / 2
    inverse = ax.transData.inverted()
    ax.scatter(np.log10(shown["count"]), shown["z"], s=14, color=colour, zorder=3)
    for (x, y), point, y_text, term in zip(xy, data, ys, shown["term"], strict=True):
        left = x > middle  # labels of points in the right half go to their left, so they stay inside the panel
        x_text = x + (-1 if left else 1) * LABEL_OFFSET_PT * px_per_pt
        text_xy = inverse.transform((x_text, y_text))
        moved = abs(y_text - y) > gap / 4
        ax.annotate(str(term), tuple(point), xytext=text_xy, textcoords="data", fontsize=SMALL,
                    ha="right" if left else "left", va="center",
                    arrowprops={"arrowstyle": "-", "color": "#666666", "lw": 0.5} if moved else None)
    return len(words) - len(shown)


@for_every_screen
def keyness_panels(keyness: pd.DataFrame, colours: dict[str, str], n: int = 10,
                   threshold: float = Z_THRESHOLD) -> plt.Figure:
    """Fightin' Words style: z-score against word frequency, one panel per outlet; at most ``n`` words per
    panel are labelled, and only those with z ≥ ``threshold``."""
    if keyness.empty:
        return empty_figure("No word is used often enough by any outlet to test its keyness.")
    apply_style()
    totals = keyness.groupby("outlet")["count"].sum()
    outlets = sorted(totals.nlargest(MAX_PANELS).index)
    cols = min(panel_columns(2), len(outlets))
    rows = -(-len(outlets) // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(figure_width(), PANEL_HEIGHT * rows), squeeze=False, sharey=True)
    for ax in axes.flat[len(outlets):]:
        ax.axis("off")
    drawn = keyness[keyness["outlet"].isin(outlets)]
    axes[0][0].set_ylim(min(-threshold, drawn["z"].min()) - Z_MARGIN, max(threshold, drawn["z"].max()) + Z_MARGIN)
    for ax, outlet in zip(axes.flat, outlets, strict=False):
        g = drawn[drawn["outlet"] == outlet]
        dots = g.assign(z=g["z"].round(Z_DECIMALS)).drop_duplicates(["count", "z"])  # one mark per visible spot
        ax.scatter(np.log10(dots["count"]), dots["z"], s=8, color=POINTS)
        for z in (threshold, -threshold):
            ax.axhline(z, color="#666666", ls=":", lw=0.8)
        ax.set_title(outlet_display(outlet), fontsize=SMALL + 1)
        ax.set_xlabel("uses in the outlet (log10)")
        if not (g["z"] >= threshold).any():
            ax.text(0.03, 0.97, f"no word reaches z ≥ {threshold}", transform=ax.transAxes, fontsize=SMALL,
                    va="top", color="#444444")
    axes[0][0].set_ylabel("z-score (log-odds ratio)")
    tidy(fig)
    unlabelled = 0
    for ax, outlet in zip(axes.flat, outlets, strict=False):
        g = drawn[drawn["outlet"] == outlet]
        passing = g[g["z"] >= threshold].sort_values("z", ascending=False, kind="stable")
        colour = colours.get(outlet, OTHER)
        unlabelled += _label_panel(ax, passing.head(n), UNCOLOURED if colour == OTHER else colour)
        unlabelled += max(len(passing) - n, 0)
    note = label_note(int((drawn["z"] >= threshold).sum()), unlabelled, n, threshold)
    caps.set_note(fig, note)
    return caps.set_note(fig, caps.panels_note(len(outlets), len(totals), "word uses", "keyness.csv"))


def label_note(passing: int, unlabelled: int, n: int, threshold: float = Z_THRESHOLD) -> str:
    """What the labels show: 'Only words at z ≥ 1.96 are labelled (at most ten per panel); no word in these
    panels reaches it.'"""
    rule = f"Only words at z ≥ {threshold} are labelled (at most {number(n)} per panel)"
    if not passing:
        return rule + "; no word in these panels reaches it."
    if unlabelled:
        return rule + f"; {count(unlabelled, 'more word')} past it are in keyness.csv."
    return rule + "."
