"""The figure and the sentences of tone toward actors: dots with intervals by actor and outlet.

A reader asks "did outlet A portray X more negatively than outlet B?". The figure puts every outlet's
interval toward one actor on one band, so overlap is seen at a glance, and the sentence states a
difference only where two intervals do not overlap (:func:`helpers.analyses.actor_tone.differing_pairs`);
everything else is said to be indistinguishable, which is true of any study.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from helpers.analyses.actor_tone import differing_pairs
from helpers.publication.layout import SMALL, figure_width, outlet_display, tidy
from helpers.publication.prose import count
from helpers.publication.screens import for_every_screen
from helpers.publication.style import OTHER, apply_style, empty_figure, outlet_legend

ACTORS_DRAWN = 8  # actors with the most mentions drawn; the others are in tone_toward_actors.csv
OUTLETS_DRAWN = 8  # outlets with the most mentions drawn per actor
ROW_INCHES = 0.22


def drawn(table: pd.DataFrame) -> pd.DataFrame:
    """The rows the figure shows: the most-mentioned actors, and for each its most-mentioned outlets."""
    top = table.groupby("actor")["n_mentions"].sum().sort_values(ascending=False).head(ACTORS_DRAWN).index
    t = table[table["actor"].isin(top)]
    return (t.sort_values(["actor", "n_mentions", "outlet"], ascending=[True, False, True])
            .groupby("actor", sort=False).head(OUTLETS_DRAWN))


@for_every_screen
def actor_tone_dots(table: pd.DataFrame, colours: dict[str, str], title: str = "") -> plt.Figure:
    """One band per actor, one dot and interval per outlet inside it, coloured by outlet."""
    if table.empty:
        return empty_figure("No actor of the codebook is mentioned.", title)
    apply_style()
    t = drawn(table)
    actors = list(t.groupby("actor")["n_mentions"].sum().sort_values(ascending=False).index)
    fig, ax = plt.subplots(figsize=(figure_width(), ROW_INCHES * (len(t) + 2 * len(actors)) + 1.6))
    y, ticks = 0.0, []
    for actor in actors:
        rows = t[t["actor"] == actor].sort_values("mean_tone")
        first = y
        for r in rows.to_dict("records"):
            c = colours.get(r["outlet"], OTHER)
            ax.plot([r["ci_low"], r["ci_high"]], [y, y], color=c, lw=2.2, solid_capstyle="butt")
            ax.plot(r["mean_tone"], y, "o", color=c, ms=6, mec="white")
            y += 1
        ticks.append(((first + y - 1) / 2, f"{actor}\n({count(int(rows['n_mentions'].sum()), 'mention')})"))
        ax.axhline(y + 0.5, color="#dddddd", lw=0.8)
        y += 2
    ax.axvline(0, color="#bbbbbb", lw=0.8)
    ax.set_yticks([p for p, _ in ticks], [label for _, label in ticks], fontsize=SMALL)
    ax.invert_yaxis()
    ax.set_xlim(-1, 1)
    ax.set_xlabel("Tone toward the actor, P(positive) − P(negative), with 95% interval")
    if title:
        ax.set_title(title)
    outlet_legend(ax, sorted(t["outlet"].unique(), key=outlet_display), colours)
    return tidy(fig)


def actor_tone_finding(table: pd.DataFrame) -> str:
    """What the table lets a reader say: the differences whose intervals do not overlap, and no others."""
    if table.empty:
        return "No actor of the codebook is mentioned, so the model's tone toward actors is not measured."
    compared = table.groupby("actor")["outlet"].nunique()
    compared = compared[compared > 1]
    if compared.empty:
        return ("No actor is mentioned by more than one outlet, so the model's tone toward an actor cannot be "
                "compared between outlets.")
    pairs = differing_pairs(table[table["actor"].isin(compared.index)])
    if not pairs:
        return (f"For the {count(len(compared), 'actor')} that more than one outlet mentions, every outlet's "
                "interval overlaps every other's: the data do not show one outlet more negative or more positive "
                "toward an actor than another.")
    said = [f"toward {actor}, {outlet_display(low)} lower (more negative) than {outlet_display(high)}"
            for actor, low, high in pairs[:6]]
    more = f" (and {count(len(pairs) - 6, 'more pair')} in tone_toward_actors.csv)" if len(pairs) > 6 else ""
    return (f"The tone model's tone differs where the 95% intervals do not overlap: {'; '.join(said)}{more}. "
            "For every other pair of outlets "
            "the intervals overlap, and no difference is claimed.")
