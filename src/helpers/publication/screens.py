"""Every figure drawn twice: for the book's text column and for a phone.

A figure drawn for the 650 px text column and scaled to a 390 px phone shrinks its 9 pt text to about 5 pt.
So each drawing function of the book is wrapped in :func:`for_every_screen`, which remembers how the figure
was drawn; :func:`narrow_version` draws it again for a narrow screen (:func:`.layout.narrow_screen`: about
4 inches wide, small multiples stacked in one column), from the same tables, so both versions show the same
data. :func:`helpers.publication.plots.save` writes both files and :func:`helpers.publication.report.figure`
shows the narrow one below the phone breakpoint (an HTML ``<picture>``, no script needed).
"""

from __future__ import annotations

import functools
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import ParamSpec

from matplotlib.figure import Figure

from helpers.publication.layout import SVG_METADATA, fit_width, is_narrow, narrow_screen, wrap_long_texts

P = ParamSpec("P")
REDRAW = "_refract_redraw"  # the attribute holding how a figure was drawn (the function and its arguments)
NARROW = "_refract_narrow"  # the attribute holding its narrow version once drawn
NARROW_SUFFIX = "-narrow"


def for_every_screen(draw: Callable[P, Figure]) -> Callable[P, Figure]:
    """Wrap a figure-drawing function so that the figures it returns can be drawn again for a phone."""

    @functools.wraps(draw)
    def drawing(*args: P.args, **kwargs: P.kwargs) -> Figure:
        fig = draw(*args, **kwargs)
        if not is_narrow():
            setattr(fig, REDRAW, functools.partial(draw, *args, **kwargs))
        return fig

    return drawing


def narrow_version(fig: Figure) -> Figure | None:
    """The figure drawn again for a narrow screen (drawn once, then kept on the figure), or None for a figure
    not made by one of the book's drawing functions."""
    made = getattr(fig, NARROW, None)
    if made is not None:
        return made
    redraw = getattr(fig, REDRAW, None)
    if redraw is None:
        return None
    with narrow_screen():
        made = fit_width(wrap_long_texts(redraw()))
    setattr(fig, NARROW, made)
    return made


def close_versions(fig: Figure) -> None:
    """Close a figure and its narrow version (an open figure would be shown a second time in a notebook)."""
    import matplotlib.pyplot as plt

    narrow = getattr(fig, NARROW, None)
    if narrow is not None:
        plt.close(narrow)
    plt.close(fig)


def narrow_path(path: str | Path) -> Path:
    """Where a figure's narrow version is saved: beside it, ``01_words.svg`` → ``01_words-narrow.svg``."""
    path = Path(path)
    return path.with_name(f"{path.stem}{NARROW_SUFFIX}{path.suffix}")


def svg_bytes(fig: Figure) -> bytes:
    """The figure as SVG with fixed metadata (two builds give the same bytes)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="svg", metadata=SVG_METADATA)
    return buf.getvalue()


def svg_width_px(svg: bytes, fallback_in: float) -> int:
    """The CSS width of an SVG drawn in points (96 px per inch, 72 pt per inch)."""
    match = re.search(rb'width="([0-9.]+)pt"', svg)
    return round(float(match.group(1)) * 4 / 3) if match else round(fallback_in * 96)
