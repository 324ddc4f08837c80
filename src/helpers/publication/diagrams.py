"""Diagrams with their own layout: the claim timeline (small multiples per quantity) and story families."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from helpers.publication.caps import set_note
from helpers.publication.layout import FIG_WIDTH, SMALL, outlet_display, tidy
from helpers.publication.prose import capital, count
from helpers.publication.style import OKABE_ITO, OTHER, apply_style, empty_figure

CLAIMS_DRAWN = 40  # claims drawn one by one in a panel; past it, identical claims are drawn once, sized by number
MARKER_MAX = 16  # points: the largest marker for pooled claims
MARKERS = {"single": "o", "consistent": "o", "superseded": "x", "conflict": "D"}


def claim_timeline(reconciled: pd.DataFrame, colours: dict[str, str], max_panels: int = 12) -> plt.Figure:
    """One panel per quantity: each claim's interval against its report date, coloured by outlet.

    Open-ended intervals ("more than 2,000") are drawn as an upward arrow; claims whose report date
    is unknown are placed in a separate column at the right. Past ``max_panels`` quantities the ones
    with most claims get a panel; past ``CLAIMS_DRAWN`` claims in a panel, claims with the same date,
    interval and status are drawn once, the marker growing with their number. The cap note says so.
    """
    if reconciled.empty:
        return empty_figure("No event-count claims in this corpus.")
    apply_style()
    import math

    sizes = reconciled["group"].value_counts()
    chosen = sorted(sizes.sort_index().sort_values(ascending=False, kind="stable").index[:max_panels], key=str)
    groups = [(name, reconciled[reconciled["group"] == name]) for name in chosen]
    cols = min(2, len(groups))
    rows = math.ceil(len(groups) / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(FIG_WIDTH, 3.0 * rows), squeeze=False)
    dates = sorted(d for d in reconciled["published"].unique() if d != "unknown")
    positions = {d: i for i, d in enumerate(dates)}
    positions["unknown"] = len(dates) + 0.6
    pooled = False
    for ax, (name, g) in zip(axes.flat, groups, strict=False):
        pooled |= _claim_panel(ax, g, positions, colours)
        ax.set_title(capital(str(name).replace("_", " ")), fontsize=SMALL + 1)
    for ax in list(axes.flat)[len(groups):]:
        ax.axis("off")
    fig.supylabel("value (interval)")
    tidy(fig)
    _timeline_legend(fig, reconciled["outlet"].unique(), colours)
    notes = []
    if len(sizes) > len(groups):
        notes.append(f"The {count(len(groups), 'quantity', 'quantities')} with most claims have a panel; the other "
                     f"{count(len(sizes) - len(groups), 'quantity', 'quantities')} are in reconciliation.csv.")
    if pooled:
        notes.append(f"Where a panel has more than {CLAIMS_DRAWN} claims, claims with the same date, interval and "
                     "status are drawn once, the marker growing with their number, in grey unless one outlet made "
                     "them all.")
    return set_note(fig, " ".join(notes))


def _claim_panel(ax: plt.Axes, g: pd.DataFrame, positions: dict, colours: dict[str, str]) -> bool:
    """Draw one quantity's claims; returns whether identical claims were pooled."""
    import math

    import numpy as np

    top = np.nanmax(np.where(np.isinf(g["value_high"]), g["value_low"] * 1.6, g["value_high"])) * 1.15
    pooled = len(g) > CLAIMS_DRAWN
    if pooled:
        g = (g.groupby(["published", "value_low", "value_high", "status"], sort=True)
             .agg(n=("outlet", "size"), outlet=("outlet", lambda o: o.iloc[0] if o.nunique() == 1 else ""))
             .reset_index())
    for k, r in enumerate(g.itertuples(index=False)):
        x = positions[r.published] + (k % 5 - 2) * 0.06
        c = colours.get(r.outlet, OTHER)
        hi = top if math.isinf(r.value_high) else r.value_high
        size = min(MARKER_MAX, 5 + 1.5 * math.log2(r.n)) if pooled else 6  # grows with the number of claims
        ax.plot([x, x], [r.value_low, hi], color=c, lw=2)
        ax.plot(x, r.value_low, MARKERS.get(r.status, "o"), color=c, ms=size)
        if math.isinf(r.value_high):
            ax.annotate("", xy=(x, top), xytext=(x, r.value_low), arrowprops={"arrowstyle": "->", "color": c})
    labels = [d[5:] if d != "unknown" else "date\nunknown" for d in positions]
    ax.set_xticks(list(positions.values()), labels, rotation=90 if len(positions) > 4 else 0)
    ax.set_ylim(0, top)
    return pooled


def _timeline_legend(fig: plt.Figure, outlets, colours: dict[str, str]) -> None:
    """Outlets and claim statuses in one legend under the panels, where it covers no data."""
    from matplotlib.lines import Line2D

    named = [o for o in sorted(outlets) if colours.get(o, OTHER) != OTHER][:8]
    handles = [Line2D([], [], color=colours[o], lw=3, label=outlet_display(o)) for o in named]
    if len(named) < len(list(outlets)):
        handles.append(Line2D([], [], color=OTHER, lw=3, label="other outlets"))
    handles += [Line2D([], [], color="#333333", ls="", marker=m, label=status)
                for status, m in MARKERS.items() if status != "consistent"]
    fig.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=3, frameon=False,
               fontsize=SMALL)


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
BOX_CHAR_IN = 5.6 / 72  # width of one character of box text at 9 pt, in inches
BOX_PAD_IN = 0.2  # a box's padding, left and right together
COLUMN_GAP_IN = 0.3  # between two families' columns
ROW_PITCH_IN = 0.62 # from one article's box to the next one's in a family column
BAND_GAP_IN = 0.45  # between two bands of families
ID_CHARS = 12  # a longer article ID is shortened in its box (the family table gives it whole)
EDGES = {"copy": ("-", "#1A1A1A"), "derived": ("--", "#1A1A1A"), "shared_source": (":", "#999999")}


def _box_text(aid: str, outlet: str) -> str:
    short = aid if len(aid) <= ID_CHARS else aid[: ID_CHARS - 1] + "…"
    return f"{short}\n{outlet_display(outlet)}"


def _family_layout(families: pd.DataFrame, texts: dict[str, str]) -> tuple[dict[str, tuple[float, float]], float]:
    """Box centres in inches (x right, y down from 0): families side by side in bands as wide as the text
    column allows, each family's articles one under the other. Returns the positions and the total height."""
    order = families.sort_values(["family_size", "family", "article_id"], ascending=[False, True, True])
    fams = list(dict.fromkeys(order["family"]))
    widest = max(len(line) for t in texts.values() for line in t.split("\n"))
    pitch = widest * BOX_CHAR_IN + BOX_PAD_IN + COLUMN_GAP_IN
    per_band = max(1, int(FIG_WIDTH // pitch))
    pos, top = {}, 0.0
    for start in range(0, len(fams), per_band):
        band = fams[start:start + per_band]
        rows = 0
        for col, fam in enumerate(band):
            members = order.loc[order["family"] == fam, "article_id"].tolist()[:FAMILY_MEMBERS_DRAWN]
            for row, aid in enumerate(members):  # a family of thousands of copies is summarised
                pos[aid] = ((col + 0.5) * pitch, top + (row + 0.5) * ROW_PITCH_IN)
            rows = max(rows, len(members))
        top += rows * ROW_PITCH_IN + BAND_GAP_IN
    return pos, top - BAND_GAP_IN


def family_diagram(reuse: pd.DataFrame, families: pd.DataFrame, articles: pd.DataFrame,
                   colours: dict[str, str]) -> plt.Figure:
    """Story families: one column per family, articles as labelled boxes coloured by outlet.

    Solid arrows run from the likely origin to a copy, dashed ones to a rewrite; dotted grey lines join
    articles of one family that only share a passage (a common source such as an official statement). Families are laid
    out in bands as wide as the text column, so boxes never overlap; a family of more than
    ``FAMILY_MEMBERS_DRAWN`` articles shows that many, and the caption says how many it has.
    """
    if families.empty:
        return empty_figure("No two articles share a story.")
    apply_style()
    label = dict(zip(articles["article_id"], articles["outlet_label"], strict=True))
    texts = {a: _box_text(str(a), str(label.get(a, ""))) for a in families["article_id"]}
    pos, height = _family_layout(families, texts)
    fig = plt.figure(figsize=(FIG_WIDTH, height + 1.0))
    ax = fig.add_axes((0, 0.55 / (height + 1.0), 1, height / (height + 1.0)))
    ax.set_xlim(0, FIG_WIDTH)
    ax.set_ylim(height, 0)
    family = dict(zip(families["article_id"], families["family"], strict=True))
    for r in reuse.itertuples(index=False):  # within a family only: lines across families would cross other boxes
        if r.relation not in EDGES or r.article_a not in pos or r.article_b not in pos:
            continue
        if family[r.article_a] != family[r.article_b]:
            continue
        style, colour = EDGES[r.relation]
        a, b = pos[r.article_a], pos[r.article_b]
        src, dst = (a, b) if getattr(r, "earlier", "") in ("", r.article_a) else (b, a)
        arrow = "-" if r.relation == "shared_source" else "-|>"
        ax.annotate("", xy=dst, xytext=src, zorder=1, arrowprops={"arrowstyle": arrow, "lw": 1.5, "ls": style,
                    "color": colour, "shrinkA": 14, "shrinkB": 14})
    for aid, (x, y) in pos.items():
        c = colours.get(label.get(aid, ""), OTHER)
        ax.text(x, y, texts[aid], ha="center", va="center", fontsize=SMALL, zorder=3,
                bbox={"boxstyle": "round,pad=0.3", "fc": c, "ec": "#333333"},
                color="black" if c in (OKABE_ITO[4], OKABE_ITO[7]) else "white")
    ax.axis("off")
    fig.suptitle("Story families (arrow: from the likely origin to the reuse)", y=0.995, va="top")
    _family_legend(fig)
    return set_note(fig, _family_note(families))


def _family_legend(fig: plt.Figure) -> None:
    from matplotlib.lines import Line2D

    names = {"copy": "copy", "derived": "rewrite (derived)", "shared_source": "shared passage only"}
    handles = [Line2D([], [], ls=style, color=colour, lw=1.5, label=names[k]) for k, (style, colour) in EDGES.items()]
    fig.legend(handles=handles, loc="lower center", ncol=3, frameon=False, fontsize=SMALL)


def _family_note(families: pd.DataFrame) -> str:
    """'The largest family drawn has 6,796 articles; at most eight of each family are drawn ...' ('' if all are)."""
    largest = int(families.groupby("family")["article_id"].nunique().max())
    if largest <= FAMILY_MEMBERS_DRAWN:
        return ""
    return (f"A family of more than {count(FAMILY_MEMBERS_DRAWN, 'article')} shows eight of them; "
            f"the largest drawn has {count(largest, 'article')}. story_families.csv lists every member.")
