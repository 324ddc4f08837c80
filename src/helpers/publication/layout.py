"""Figure sizes and labels for the book's text column: every figure is drawn to be shown at full size.

At a 1280 px window the text column is about 650 px wide; figures are drawn no wider than that, so
their text keeps the size it was drawn with (at least 9 pt). On a phone a figure is scaled to the
screen's width, so that all of its data stays in view (see ``book/_static/refract.css``). Scaled to a phone,
a figure drawn for the column would shrink its text to about 5 pt, so every figure is also drawn for a narrow
screen (:func:`narrow_screen`, :mod:`.screens`): ``NARROW_WIDTH`` inches wide, panels in one column.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator

import matplotlib.text
from matplotlib.figure import Figure

from helpers.publication.reader_names import outlet_for_reader, value_for_reader

DISPLAY_WIDTH_PX = 650  # the width of the book's text column at a 1280 px window; figures are drawn for it
MIN_FONT_PT = 9.0  # no text smaller than this once the figure is shown at DISPLAY_WIDTH_PX
FIG_WIDTH = 6.6  # inches: 634 CSS px, so figures are shown at full size in the text column (about 650 px)
SMALL = 9  # points: the smallest text in any figure
MAX_ROWS = 30  # rows (outlets, articles) drawn in one figure; past it, the extremes and one row for the rest
MAX_PANELS = 6  # small multiples (one panel per outlet) in one figure; the other outlets are in a CSV file
SVG_METADATA = {"Date": None, "Creator": "Refract", "Format": None, "Type": None}  # no date: byte-stable files
NARROW_WIDTH = 4.0  # inches: 384 CSS px, about a phone's text column (390 px screen), so its text stays near full size
NARROW_MEDIA = "(max-width: 700px)"  # the screens that get the narrow drawing (the phone breakpoint of refract.css)
TITLE_CHARS = 60  # characters of a title line in the text column; a longer title wraps, never widening the figure
LABEL_MAX_CHARS = 36  # characters of an axis label (a long file name) kept; the middle gives way to an ellipsis


_WIDTH = contextvars.ContextVar("refract_figure_width", default=FIG_WIDTH)


def figure_width() -> float:
    """The width, in inches, figures are being drawn for: the text column, or a phone inside
    :func:`narrow_screen` (one drawing function serves both, so the two versions show the same data)."""
    return _WIDTH.get()


def is_narrow() -> bool:
    """Whether figures are being drawn for a narrow screen (panels then go in one column)."""
    return _WIDTH.get() < FIG_WIDTH


def panel_columns(wide: int) -> int:
    """Columns of small multiples: ``wide`` in the text column, one on a narrow screen (stacked panels keep
    their text at the size it was drawn with, where side-by-side panels would shrink it)."""
    return 1 if is_narrow() else wide


def title_chars() -> int:
    """Characters of a title line: ``TITLE_CHARS`` in the text column, as many in proportion on a phone."""
    return int(TITLE_CHARS * figure_width() / FIG_WIDTH)


@contextlib.contextmanager
def narrow_screen(width: float = NARROW_WIDTH) -> Iterator[None]:
    """Draw the figures made inside this block for a screen ``width`` inches wide."""
    token = _WIDTH.set(width)
    try:
        yield
    finally:
        _WIDTH.reset(token)


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


def fit_width(fig: Figure, width: float | None = None) -> Figure:
    """Narrow the figure until its tight bounding box (long tick labels included) fits ``width`` inches
    (the width being drawn for, :func:`figure_width`, by default), so it is shown at full size and its text keeps
    the size it was drawn with."""
    width = figure_width() if width is None else width
    for _ in range(3):
        box = fig.get_tightbbox(fig.canvas.get_renderer())
        if box.width <= width + 0.01 or fig.get_figwidth() <= 2:
            break
        fig.set_figwidth(max(2.0, fig.get_figwidth() - (box.width - width)))
        tidy(fig)
    return fig


def wrap_long_texts(fig: Figure, width: float | None = None, share: float = 0.7) -> Figure:
    """Wrap every one-line text wider than ``share`` of ``width`` inches (a title, an axis label written for the
    text column) onto several lines, so that on a phone the text keeps its size and the figure its width. The
    share leaves room for tick labels: an axis label is centred under its axes, not under the figure. A text of
    several lines was wrapped by its drawing function already (for the width it was drawn for)."""
    import textwrap

    width = figure_width() if width is None else width
    renderer = fig.canvas.get_renderer()
    for text in fig.findobj(matplotlib.text.Text):
        content = text.get_text()
        if not text.get_visible() or not content.strip() or "\n" in content:
            continue
        drawn_in = text.get_window_extent(renderer).width / fig.dpi
        if drawn_in > share * width and len(content) > 1:
            text.set_text(textwrap.fill(content, max(8, int(len(content) * share * width / drawn_in))))
    return tidy(fig)


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
