"""Diagrams with their own layout: the claim timeline (stacked panels per quantity) and story families."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from helpers.publication.caps import set_note
from helpers.publication.layout import (
    SMALL,
    figure_width,
    is_narrow,
    outlet_display,
    panel_columns,
    tidy,
    title_chars,
)
from helpers.publication.prose import capital, count
from helpers.publication.reader_names import article_label, is_unattributed, key_for_reader, relation_for_reader
from helpers.publication.screens import for_every_screen
from helpers.publication.style import OKABE_ITO, OTHER, apply_style, empty_figure

CLAIMS_DRAWN = 40  # claims drawn one by one in a panel; past it, identical claims are drawn once, sized by number
MARKER_MAX = 16  # points: the largest marker for pooled claims
TIMELINE_PANELS = 8  # quantities drawn, one panel each, stacked so that every panel is as wide as the column
PANEL_IN = 1.45  # inches: the height of one quantity's panel
SPREAD = 0.5  # claims at one date are spread over this much of the gap between two dates, never on top of each other
OUTLET_MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]  # a shape per named outlet: colour is never the only key
# A claim's status is drawn by its marker's fill, so that it never depends on colour either.
STATUS_STYLE = {"single": ("full", "single or consistent (filled)"), "consistent": ("full", ""),
                "superseded": ("none", "superseded (hollow)"), "conflict": ("ring", "conflict (black ring)"),
                "undated": ("left", "undated, shown apart (half filled)")}


@for_every_screen
def claim_timeline(reconciled: pd.DataFrame, colours: dict[str, str],
                   max_panels: int = TIMELINE_PANELS) -> plt.Figure:
    """One panel per quantity, stacked: each claim's interval against its report date, an outlet by its colour
    and its shape, a status by the marker's fill.

    Open-ended intervals ("more than 2,000") are drawn as an upward arrow; a claim's dot is at the value it
    states (its lower bound when it states none). Claims whose report date is unknown are placed in a
    separate column at the right. Claims at one date are spread side by side. Past ``max_panels``
    quantities the ones with most claims get a panel; past ``CLAIMS_DRAWN`` claims in a panel, claims with the
    same date, interval and status are drawn once, the marker growing with their number. The cap note says so.
    """
    if reconciled.empty:
        return empty_figure("No event-count claims in this corpus.")
    apply_style()
    sizes = reconciled["group"].value_counts()
    chosen = sorted(sizes.sort_index().sort_values(ascending=False, kind="stable").index[:max_panels], key=str)
    groups = [(name, reconciled[reconciled["group"] == name]) for name in chosen]
    fig, axes = plt.subplots(len(groups), 1, figsize=(figure_width(), PANEL_IN * len(groups) + 0.9), sharex=True,
                             squeeze=False)
    dates = sorted(d for d in reconciled["published"].astype(str).unique() if d != "unknown")
    positions = {d: float(i) for i, d in enumerate(dates)}
    positions["unknown"] = len(dates) + 0.6
    shapes = _outlet_shapes(reconciled["outlet"].unique(), colours)
    pooled = False
    for ax, (name, g) in zip(axes.flat, groups, strict=True):
        pooled |= _claim_panel(ax, g, positions, colours, shapes)
        ax.set_title(capital(key_for_reader(name)), fontsize=SMALL + 1, loc="left")
    axes.flat[-1].set_xticks(list(positions.values()), [_date_tick(d) for d in positions],
                             rotation=90 if len(positions) > (3 if is_narrow() else 6) else 0)
    axes.flat[-1].set_xlim(-0.6, max(positions.values()) + 0.6)
    fig.supylabel("value (interval)")
    tidy(fig)
    _timeline_legend(fig, reconciled, colours, shapes)
    notes = []
    if len(sizes) > len(groups):
        notes.append(f"The {count(len(groups), 'quantity', 'quantities')} with most claims have a panel; the other "
                     f"{count(len(sizes) - len(groups), 'quantity', 'quantities')} are in reconciliation.csv.")
    if pooled:
        notes.append(f"Where a panel has more than {CLAIMS_DRAWN} claims, claims with the same date, interval and "
                     "status are drawn once, the marker growing with their number, in grey unless one outlet made "
                     "them all.")
    return set_note(fig, " ".join(notes))


def _date_tick(date: str) -> str:
    """'6 Jan 2022' (the year included), or 'date unknown'; on a phone the year goes on a second line, so that
    neighbouring dates never touch."""
    stamp = pd.to_datetime(date, errors="coerce")
    return "date\nunknown" if pd.isna(stamp) else f"{stamp.day} {stamp:%b}{chr(10) if is_narrow() else ' '}{stamp:%Y}"


def _outlet_shapes(outlets, colours: dict[str, str]) -> dict[str, str]:
    """A marker shape per named outlet (the outlets of one colour each), 'o' for the others."""
    named = [o for o in sorted(map(str, outlets)) if colours.get(o, OTHER) != OTHER]
    return {o: OUTLET_MARKERS[i % len(OUTLET_MARKERS)] for i, o in enumerate(named)}


def _claim_panel(ax: plt.Axes, g: pd.DataFrame, positions: dict, colours: dict[str, str],
                 shapes: dict[str, str]) -> bool:
    """Draw one quantity's claims; returns whether identical claims were pooled."""
    import math

    import numpy as np

    top = np.nanmax(np.where(np.isinf(g["value_high"]), g["value_low"] * 1.6, g["value_high"])) * 1.15
    pooled = len(g) > CLAIMS_DRAWN
    if pooled:
        keys = ["published", "value_low", "value_high", *(["stated"] if "stated" in g else []), "status"]
        g = (g.groupby(keys, sort=True)
             .agg(n=("outlet", "size"), outlet=("outlet", lambda o: o.iloc[0] if o.nunique() == 1 else ""))
             .reset_index())
    g = g.assign(published=g["published"].astype(str)).reset_index(drop=True)
    at = g.groupby("published").cumcount()
    many = g.groupby("published")["published"].transform("size")
    for k, r in enumerate(g.to_dict("records")):
        step = SPREAD / max(int(many[k]), 1)
        x = positions.get(r["published"], positions["unknown"]) + (at[k] - (many[k] - 1) / 2) * step
        c = colours.get(r["outlet"], OTHER)
        hi = top if math.isinf(r["value_high"]) else r["value_high"]
        stated = r.get("stated", r["value_low"])  # the dot at the figure the source wrote ("about 2,500": 2,500)
        stated = r["value_low"] if stated is None or not np.isfinite(stated) else stated
        size = min(MARKER_MAX, 5 + 1.5 * math.log2(r["n"])) if pooled else 6  # grows with the number of claims
        fill, _ = STATUS_STYLE.get(str(r["status"]), ("full", ""))
        ax.plot([x, x], [r["value_low"], hi], color=c, lw=2)
        ax.plot(x, stated, shapes.get(r["outlet"], "o"), color=c, ms=size, zorder=3, **_status_marker(fill, c))
        if math.isinf(r["value_high"]):
            ax.annotate("", xy=(x, top), xytext=(x, r["value_low"]), arrowprops={"arrowstyle": "->", "color": c})
    ax.set_ylim(0, top)
    return pooled


def _status_marker(fill: str, colour: str) -> dict[str, object]:
    """A status as a marker's fill (never by colour alone): filled, hollow, black-ringed or half filled."""
    return {"mfc": "white" if fill == "none" else colour, "mec": "black" if fill == "ring" else colour,
            "mew": 2.2 if fill == "ring" else 1.2, "fillstyle": "left" if fill == "left" else "full",
            "mfcalt": "white"}


def _timeline_legend(fig: plt.Figure, reconciled: pd.DataFrame, colours: dict[str, str],
                     shapes: dict[str, str]) -> None:
    """Outlets (colour and shape) and every claim status drawn, in one legend under the panels."""
    from matplotlib.lines import Line2D

    outlets = reconciled["outlet"].astype(str).unique()
    handles = [Line2D([], [], color=colours[o], marker=shapes[o], lw=2, label=outlet_display(o))
               for o in sorted(shapes)]
    if len(shapes) < len(outlets):
        handles.append(Line2D([], [], color=OTHER, marker="o", lw=2, label="other outlets"))
    statuses = [str(s) for s in dict.fromkeys(reconciled["status"].astype(str))]
    shown = {STATUS_STYLE.get(s, ("full", s))[1] or STATUS_STYLE["single"][1]: STATUS_STYLE.get(s, ("full", s))[0]
             for s in statuses}
    for name, fill in shown.items():
        grey = "#555555"
        handles.append(Line2D([], [], ls="", marker="o", ms=7, color=grey, label=name, **_status_marker(fill, grey)))
    fig.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=panel_columns(2), frameon=False,
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
# Line styles, as the chapter's text describes them: solid arrows from the likely origin to a copy (thick) or a
# rewrite (thin); dashed lines join articles that only share a passage; dotted arrows run from an origin a text
# declares itself (a wire or copyright owner) to that text.
EDGES = {"copy": ("-", "#1A1A1A", 2.4), "derived": ("-", "#1A1A1A", 1.2), "shared_source": ("--", "#777777", 1.4),
         "declared": (":", "#1A1A1A", 1.6)}
LINES = {"copy": "thick solid arrow", "derived": "thin solid arrow", "shared_source": "dashed line",
         "declared": "dotted arrow"}
EDGE_NAMES = {k: f"{relation_for_reader(k)} ({line})" for k, line in LINES.items()}  # the table's words for each
DIAGRAM_MIN_IN = 4.0  # the narrowest family diagram: room for its title and legend
DECLARED = "declared::"  # prefix of the box of an origin a text declares (not an article of the corpus)


def _box_text(aid: str, outlet: str) -> str:
    if aid.startswith(DECLARED):
        return f"{aid[len(DECLARED):].split('::')[0]}\n(declared origin)"
    name = outlet_display(outlet)
    return name if is_unattributed(outlet) else f"{name}\n{article_label(aid)}"  # 'Unattributed (A2)' names it


def _with_declared(families: pd.DataFrame, declared: pd.DataFrame | None) -> tuple[pd.DataFrame, list]:
    """The families plus one box per declared origin, drawn above its article (a family of its own when the
    article shares no text), and the (origin box, article) pairs to join."""
    if declared is None or declared.empty or "declared_origin" not in declared:
        return families, []
    rows, pairs = [families], []
    for r in declared[declared["declared_origin"].fillna("").astype(str) != ""].itertuples(index=False):
        aid, node = str(r.article_id), f"{DECLARED}{r.declared_origin}::{r.article_id}"
        member = families[families["article_id"] == aid]
        fam = member["family"].iloc[0] if len(member) else f"{DECLARED}{aid}"
        size = int(member["family_size"].iloc[0]) if len(member) else 1
        extra = [{"article_id": node, "family": fam, "family_size": size, "_first": 0}]
        if member.empty:
            extra.append({"article_id": aid, "family": fam, "family_size": size, "_first": 1})
        rows.append(pd.DataFrame(extra))
        pairs.append((node, aid))
    out = pd.concat(rows, ignore_index=True)
    out["_first"] = out["_first"].fillna(1) if "_first" in out else 1
    return out, pairs


def _family_layout(families: pd.DataFrame, texts: dict[str, str]) -> tuple[dict[str, tuple[float, float]], float,
                                                                           float]:
    """Box centres in inches (x right, y down from 0): families side by side in bands as wide as the text
    column allows, each family's articles one under the other (a declared origin first). Returns the
    positions, the total height and the width used (so a few small families do not leave the canvas empty)."""
    ordered = families.assign(_first=families["_first"] if "_first" in families else 1)
    order = ordered.sort_values(["family_size", "family", "_first", "article_id"],
                                ascending=[False, True, True, True])
    fams = list(dict.fromkeys(order["family"]))
    widest = max(len(line) for t in texts.values() for line in t.split("\n"))
    pitch = widest * BOX_CHAR_IN + BOX_PAD_IN + COLUMN_GAP_IN
    per_band = max(1, int(figure_width() // pitch))
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
    return pos, top - BAND_GAP_IN, min(figure_width(), min(per_band, len(fams)) * pitch)


@for_every_screen
def family_diagram(reuse: pd.DataFrame, families: pd.DataFrame, articles: pd.DataFrame,
                   colours: dict[str, str], declared: pd.DataFrame | None = None) -> plt.Figure:
    """Story families: one column per family, articles as boxes coloured by outlet and labelled with it.

    Solid arrows run from the likely origin to a copy (thick) or a rewrite (thin); dashed grey lines join
    articles of one family that only share a passage (a common source such as an official statement); a
    dotted arrow runs from an origin a text declares (``declared``: the declared-origin table) to the text.
    Families are laid out in bands as wide as the text column, so boxes never overlap; a family of more than
    ``FAMILY_MEMBERS_DRAWN`` articles shows that many, and the caption says how many it has.
    """
    if families.empty and (declared is None or declared.get("declared_origin", pd.Series(dtype=str))
                           .fillna("").eq("").all()):
        return empty_figure("No two articles share a story.")
    apply_style()
    label = dict(zip(articles["article_id"], articles["outlet_label"], strict=True))
    drawn, pairs = _with_declared(families, declared)
    texts = {a: _box_text(str(a), str(label.get(a, ""))) for a in drawn["article_id"]}
    pos, height, used = _family_layout(drawn, texts)
    width = max(used, DIAGRAM_MIN_IN)
    family = dict(zip(drawn["article_id"], drawn["family"], strict=True))
    edges = [(r.relation, r.article_a, r.article_b, getattr(r, "earlier", "")) for r in reuse.itertuples(index=False)]
    edges += [("declared", node, aid, node) for node, aid in pairs]
    edges = [e for e in edges  # within a family only: lines across families would cross other boxes
             if e[0] in EDGES and e[1] in pos and e[2] in pos and family[e[1]] == family[e[2]]]
    keys = [k for k in EDGES if k in {e[0] for e in edges}] or list(EDGES)
    ncol = 1 if width < 5 else 2
    legend_in = 0.2 * -(-len(keys) // ncol) + 0.3  # the legend's rows under the boxes
    fig = plt.figure(figsize=(width, height + legend_in + 0.45))
    ax = fig.add_axes((0, legend_in / (height + legend_in + 0.45), 1, height / (height + legend_in + 0.45)))
    ax.set_xlim(-(width - used) / 2, used + (width - used) / 2)  # the families centred
    ax.set_ylim(height, 0)
    for relation, a_id, b_id, earlier in edges:
        style, colour, lw = EDGES[relation]
        a, b = pos[a_id], pos[b_id]
        src, dst = (a, b) if earlier in ("", a_id) else (b, a)
        arrow = "-" if relation == "shared_source" else "-|>"
        ax.annotate("", xy=dst, xytext=src, zorder=1, arrowprops={"arrowstyle": arrow, "lw": lw, "ls": style,
                    "color": colour, "shrinkA": 14, "shrinkB": 14})
    for aid, (x, y) in pos.items():
        c = "white" if aid.startswith(DECLARED) else colours.get(label.get(aid, ""), OTHER)
        ax.text(x, y, texts[aid], ha="center", va="center", fontsize=SMALL, zorder=3,
                bbox={"boxstyle": "round,pad=0.3", "fc": c, "ec": "#333333",
                      "ls": ":" if aid.startswith(DECLARED) else "-"},
                color="black" if c in (OKABE_ITO[4], OKABE_ITO[7], "white") else "white")
    ax.axis("off")
    import textwrap

    title = "Story families (arrow: from the likely origin to the reuse)"
    chars = title_chars() if is_narrow() else int(width * 72 / 7)
    fig.suptitle("\n".join(textwrap.wrap(title, chars)), y=0.995, va="top")
    _family_legend(fig, keys, ncol)
    return set_note(fig, _family_note(families) if len(families) else "")


def _family_legend(fig: plt.Figure, keys: list[str], ncol: int) -> None:
    """The line styles drawn (all of them when none is: the legend still says what a line would mean)."""
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], ls=EDGES[k][0], color=EDGES[k][1], lw=EDGES[k][2], label=EDGE_NAMES[k]) for k in keys]
    fig.legend(handles=handles, loc="lower center", ncol=ncol, frameon=False, fontsize=SMALL)


def family_line_key() -> str:
    """What each line of the family diagram means, in the words of its legend and of the pairs table (one
    name for one relation: :func:`helpers.publication.reader_names.relation_for_reader`)."""
    return (f"solid arrows run from the likely original to a {relation_for_reader('copy')} (thick) or a "
            f"{relation_for_reader('derived')} (thin), dashed lines join the articles of a pair marked "
            f"“{relation_for_reader('shared_source')}”, and dotted arrows run from a "
            f"{relation_for_reader('declared')} (named in an article's own copyright or credit lines) to the article")


def _family_note(families: pd.DataFrame) -> str:
    """'The largest family drawn has 6,796 articles; at most eight of each family are drawn ...' ('' if all are)."""
    largest = int(families.groupby("family")["article_id"].nunique().max())
    if largest <= FAMILY_MEMBERS_DRAWN:
        return ""
    return (f"A family of more than {count(FAMILY_MEMBERS_DRAWN, 'article')} shows eight of them; "
            f"the largest drawn has {count(largest, 'article')}. story_families.csv lists every member.")
