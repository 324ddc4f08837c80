"""Diagrams with their own layout: the claim timeline (small multiples per quantity) and story families."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from helpers.publication.layout import FIG_WIDTH, SMALL
from helpers.publication.style import OKABE_ITO, OTHER, apply_style, empty_figure, outlet_legend


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
    outlet_legend(axes.flat[0], reconciled["outlet"].unique(), colours)
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
