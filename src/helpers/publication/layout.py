"""Figure sizes and labels for the book's text column: every figure is drawn to be shown at full size.

At a 1280 px window the text column is about 650 px wide; figures are drawn no wider than that, so
their text keeps the size it was drawn with (at least 9 pt). On a phone a figure is scaled to the
screen's width, so that all of its data stays in view (see ``book/_static/refract.css``).
"""

from __future__ import annotations

import matplotlib.text
from matplotlib.figure import Figure

from helpers.publication.reader_names import outlet_for_reader, value_for_reader

DISPLAY_WIDTH_PX = 650  # the width of the book's text column at a 1280 px window; figures are drawn for it
MIN_FONT_PT = 9.0  # no text smaller than this once the figure is shown at DISPLAY_WIDTH_PX
FIG_WIDTH = 6.6  # inches: 634 CSS px, so figures are shown at full size in the text column (about 650 px)
SMALL = 9  # points: the smallest text in any figure
MAX_PANELS = 6  # small multiples (one panel per outlet) in one figure; the other outlets are in a CSV file
LABEL_MAX_CHARS = 36  # characters of an axis label (a long file name) kept; the middle gives way to an ellipsis


def min_font_pt(fig: Figure) -> float:
    """The smallest size, in points, of any visible text in the figure (at its own size)."""
    sizes = [t.get_fontsize() for t in fig.findobj(matplotlib.text.Text) if t.get_visible() and t.get_text().strip()]
    return float(min(sizes)) if sizes else SMALL + 1.0


def display_scale(fig: Figure, width_px: int = DISPLAY_WIDTH_PX) -> float:
    """How much the figure shrinks when shown ``width_px`` wide (1 when it fits)."""
    natural = fig.get_figwidth() * 96  # CSS pixels: SVG sizes are in points, 96 px per inch
    return min(1.0, width_px / natural) if natural else 1.0


def outlet_display(label: object) -> str:
    """An outlet (or article) label for a figure: an undeclared outlet reads 'Unattributed (A3)', its
    corpus-table label; an article id reads as that label."""
    return outlet_for_reader(value_for_reader(label), short=True)  # an article id as its label (A3)


def fit_width(fig: Figure, width: float = FIG_WIDTH) -> Figure:
    """Narrow the figure until its tight bounding box (long tick labels included) fits ``width`` inches,
    so it is shown at full size and its text keeps the size it was drawn with."""
    for _ in range(3):
        box = fig.get_tightbbox(fig.canvas.get_renderer())
        if box.width <= width + 0.01 or fig.get_figwidth() <= 2:
            break
        fig.set_figwidth(max(2.0, fig.get_figwidth() - (box.width - width)))
        tidy(fig)
    return fig


def short_labels(labels: list[str], limit: int = LABEL_MAX_CHARS) -> list[str]:
    """Axis labels no longer than ``limit`` characters: a long one keeps its start and end around an ellipsis
    (file names differ at both ends). Labels that would then read alike (names that differ only in the
    middle) keep their start and the stretch where they differ instead, so no label runs past the limit."""
    def cut(text: str) -> str:
        if len(text) <= limit:
            return text
        head = (limit - 1) * 2 // 3
        return f"{text[:head]}…{text[len(text) - (limit - 1 - head):]}"

    full = [str(value_for_reader(label)) for label in labels]  # an article id as its label (A3), keys in words
    short = [cut(text) for text in full]
    alike: dict[str, list[int]] = {}
    for i, s in enumerate(short):
        alike.setdefault(s, []).append(i)
    for rows in alike.values():
        if len(rows) > 1:
            for i, s in zip(rows, _where_they_differ([full[i] for i in rows], limit), strict=True):
                short[i] = s
    return short


def _where_they_differ(texts: list[str], limit: int) -> list[str]:
    """``texts`` cut to ``limit`` characters around the first place where they differ ("start…differing…")."""
    import os

    common = len(os.path.commonprefix(texts))
    head = max(1, limit // 3)
    span = limit - head - 2
    at = max(head, common - span // 3)
    out = []
    for text in texts:
        if len(text) <= limit:
            out.append(text)
            continue
        middle = text[at : at + span]
        out.append(f"{text[:head]}…{middle}…" if at + span < len(text) else f"{text[:head]}…{text[at:]}")
    return out


def tidy(fig: Figure) -> Figure:
    """``tight_layout`` without its warning (a figure it cannot fit is still drawn; no warning reaches a page)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        fig.tight_layout()
    return fig
