"""Heat maps: a value written in every cell, as many columns as the text column holds at 9 pt.

Past the columns that fit, the heaviest are kept and the rest pooled into one (the cap note says so). On a
phone the same cells are drawn in stacked panels of as many columns as fit its width (see :mod:`.screens`).
"""

from __future__ import annotations

import textwrap

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from helpers.publication import caps  # noqa: E402
from helpers.publication.layout import (  # noqa: E402
    FIG_WIDTH,
    MAX_ROWS,
    SMALL,
    figure_width,
    is_narrow,
    outlet_display,
    tidy,
    title_chars,
)
from helpers.publication.prose import count  # noqa: E402
from helpers.publication.screens import for_every_screen  # noqa: E402
from helpers.publication.style import apply_style, empty_figure  # noqa: E402

MIN_COLUMNS = 4  # heatmap columns always drawn (three and the pooled rest), however long the row labels
FIGURE_PT = FIG_WIDTH * 72  # the text column in points
COLOURBAR_PT = 75  # the colour bar with its tick labels, and the figure's margins
CHAR_PT = 5.6  # width of one character of cell text at 9 pt; each cell adds CELL_PAD_PT of padding
CELL_PAD_PT = 6
LABEL_CHAR_PT = 6.0  # width of one character of a row label at 10 pt
ROW_LABEL_CHARS = 30  # a longer row label wraps onto a second line instead of narrowing the cells
NARROW_LABEL_CHARS = 18  # on a phone, row labels wrap sooner (up to three lines in a row) to leave room for cells
LINE_IN = 0.17  # inches per line of a 10 pt row label
NARROW_MARGIN_PT = 40  # a phone drawing's margins and the rotated first column label's overhang


@for_every_screen
def heatmap(
    matrix: pd.DataFrame,
    title: str,
    fmt: str = "{:.0f}",
    cmap: str = "Blues",
    center: float | None = None,
    xlabel: str = "",
    ylabel: str = "",
    annotations: pd.DataFrame | None = None,
    weights: pd.Series | None = None,
) -> plt.Figure:
    """A labelled heatmap with values written in the cells (colour scales are colourblind-safe).

    Past ``MAX_ROWS`` rows the rows with most weight are kept. Columns are kept while their cell texts fit
    the text column at 9 pt beside the row labels; past that the heaviest columns are kept and the others
    pooled into one (their mean per column, so the colour scale still compares like with like). The heaviest are
    those with the largest ``weights`` (e.g. sentences per outlet) when given, else the largest totals for
    counts, else those furthest from the mean of all columns. The figure's cap note says what was kept and
    why; every cell stays in the CSV files. On a narrow screen the same columns are drawn in stacked panels
    of as many columns as fit its width, on one colour scale, so no cell is left out and no text shrinks."""
    if matrix.empty:
        return empty_figure("Nothing to show for this corpus.", title)
    rows = [_wrapped(outlet_display(i)) for i in matrix.index]
    limit = _column_limit(matrix, fmt, annotations, rows)
    matrix, annotations, note = _cap_matrix(matrix, annotations, weights, limit)
    apply_style()
    values = matrix.to_numpy(dtype=float)
    rows = [_wrapped(outlet_display(i)) for i in matrix.index]  # the rows kept
    rows, per_panel = _phone_layout(matrix, fmt, annotations) if is_narrow() else (rows, matrix.shape[1])
    starts = list(range(0, matrix.shape[1], per_panel))
    lines = max(len(r.split("\n")) for r in rows)
    panel_in = max(0.5, LINE_IN * lines + 0.14) * matrix.shape[0] + 1.8  # a row as tall as its label
    fig, axes = plt.subplots(len(starts), 1, squeeze=False, figsize=(
        min(figure_width(), max(5, 1.1 * min(per_panel, matrix.shape[1]) + 3)), panel_in * len(starts)))
    if center is not None:
        lim = np.nanmax(np.abs(values - center)) or 1.0
        scale = {"vmin": center - lim, "vmax": center + lim}
    else:
        finite = values[np.isfinite(values)]
        scale = {"vmin": finite.min(), "vmax": finite.max()} if finite.size else {}
    for ax, start in zip(axes.flat, starts, strict=True):
        cols = list(range(start, min(start + per_panel, matrix.shape[1])))
        blank = np.full((values.shape[0], per_panel - len(cols)), np.nan)  # a short last panel keeps the cell width
        im = ax.imshow(np.hstack([values[:, cols], blank]), cmap=cmap, aspect="auto", **scale)
        ax.set_xticks(range(len(cols)), [outlet_display(matrix.columns[j]) for j in cols], rotation=40, ha="right")
        ax.set_xlim(-0.5, per_panel - 0.5)
        ax.set_yticks(range(matrix.shape[0]), rows)
        _write_cells(ax, values, cols, fmt, annotations, center)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        ax.spines[:].set_visible(False)
        if not is_narrow():
            fig.colorbar(im, ax=ax, shrink=0.7)
    axes.flat[0].set_title("\n".join(textwrap.wrap(title, title_chars())))
    tidy(fig)
    return caps.set_note(fig, note)


def _write_cells(ax: plt.Axes, values: np.ndarray, cols: list[int], fmt: str, annotations: pd.DataFrame | None,
                 center: float | None) -> None:
    """Each cell's value (and annotation) in it, white on the darker half of the colour scale."""
    finite = values[np.isfinite(values)]
    mid = (finite.max() + finite.min()) / 2 if finite.size else 0
    for i in range(values.shape[0]):
        for x, j in enumerate(cols):
            v = values[i, j]
            if np.isnan(v):
                continue
            text = fmt.format(v)
            if annotations is not None:
                text += f"\n{annotations.iloc[i, j]}"
            dark = (v > mid) if center is None else abs(v - center) > 0.6 * (np.nanmax(np.abs(values - center)) or 1)
            ax.text(x, i, text, ha="center", va="center", fontsize=SMALL, color="white" if dark else "black")

def _phone_layout(matrix: pd.DataFrame, fmt: str, annotations: pd.DataFrame | None) -> tuple[list[str], int]:
    """Row labels and columns per panel on a phone: no colour bar (every cell has its value written in it) and
    roomier cells; labels wrap no sooner than needed for every column to fit one panel, and never after
    ``NARROW_LABEL_CHARS``, past which the columns go into stacked panels instead."""
    free = figure_width() * 72 - NARROW_MARGIN_PT + COLOURBAR_PT
    for chars in range(ROW_LABEL_CHARS, NARROW_LABEL_CHARS - 1, -2):
        rows = [_wrapped(outlet_display(i), chars) for i in matrix.index]
        fitting = _columns_fitting(matrix, fmt, annotations, rows, free, pad=2 * CELL_PAD_PT)
        if fitting >= matrix.shape[1]:
            return rows, matrix.shape[1]
    return rows, max(1, fitting)


def _wrapped(label: str, chars: int = ROW_LABEL_CHARS) -> str:
    return "\n".join(textwrap.wrap(label, chars)) or label


def _column_limit(matrix: pd.DataFrame, fmt: str, annotations: pd.DataFrame | None, rows: list[str]) -> int:
    """How many columns the text column draws (at least ``MIN_COLUMNS``): the phone's drawing shows the same
    columns, in stacked panels."""
    return max(MIN_COLUMNS, _columns_fitting(matrix, fmt, annotations, rows, FIGURE_PT))


def _columns_fitting(matrix: pd.DataFrame, fmt: str, annotations: pd.DataFrame | None, rows: list[str],
                     width_pt: float, pad: float = CELL_PAD_PT) -> int:
    """How many columns fit beside the row labels in ``width_pt`` when every cell's text is written at 9 pt
    with ``pad`` points around it."""
    values = matrix.to_numpy(dtype=float).ravel()
    texts = [fmt.format(v) for v in values[np.isfinite(values)][:2000]]
    if annotations is not None:
        texts += [str(a) for a in annotations.to_numpy().ravel()[:2000]]
    chars = max((len(line) for t in texts for line in t.split("\n")), default=1)
    label_pt = max((len(line) for r in rows for line in r.split("\n")), default=0) * LABEL_CHAR_PT
    cells_pt = width_pt - label_pt - COLOURBAR_PT
    return int(cells_pt // (chars * CHAR_PT + pad))


def _cap_matrix(
    matrix: pd.DataFrame, annotations: pd.DataFrame | None, weights: pd.Series | None = None,
    max_columns: int = MIN_COLUMNS,
) -> tuple[pd.DataFrame, pd.DataFrame | None, str]:
    """At most ``MAX_ROWS`` rows and ``max_columns`` columns (one of them pooling the rest), and a note."""
    notes = []
    rows, cols = caps.noun(matrix.index.name, "row"), caps.noun(matrix.columns.name, "column")
    if len(matrix) > MAX_ROWS:
        keep = matrix.abs().sum(axis=1).sort_values(ascending=False, kind="stable").index[:MAX_ROWS]
        notes.append(f"The {MAX_ROWS} {rows}s with the largest totals of {len(matrix):,} are drawn.")
        annotations = annotations.loc[keep] if annotations is not None else None
        matrix = matrix.loc[keep]
    if matrix.shape[1] > max_columns:
        kept, others, why = caps.heaviest_columns(matrix, max_columns - 1, weights, caps.is_count_matrix(matrix))
        name = f"{len(others):,} other {cols}s (mean)"
        notes.append(f"Of {matrix.shape[1]:,} {cols}s, the {count(len(kept), cols)} {why} are drawn; the other "
                     f"{len(others):,} are pooled in the last column (their mean per {cols}). Every cell is in the "
                     "CSV files on the data page.")
        pooled = matrix[others].mean(axis=1)
        if annotations is not None:
            annotations = annotations.reindex(index=matrix.index)[kept].assign(**{name: ""})
        matrix = matrix[kept].assign(**{name: pooled})
    return matrix, annotations, " ".join(notes)
