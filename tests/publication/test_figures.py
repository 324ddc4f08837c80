"""Figures are drawn for the text column: no text under 9 pt once shown at the column's width."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.publication import plots


def outlets(n):
    return [f"Outlet {i}" for i in range(n)] + ["unknown (x_0123456789abcdef)"]


@pytest.fixture
def colours():
    return {o: plots.OKABE_ITO[i % 8] for i, o in enumerate(outlets(5))}


def shown_min_pt(fig):
    return plots.min_font_pt(fig) * plots.display_scale(fig)


def test_interval_dots_and_word_shift_are_readable(colours):
    names = outlets(5)
    table = pd.DataFrame({"outlet": names, "n_articles": 1, "n_sentences": 10, "mean_compound": 0.0,
                          "ci_low": -0.1, "ci_high": 0.1})
    assert shown_min_pt(plots.interval_dots(table, colours, title="t")) >= plots.MIN_FONT_PT
    shift = pd.DataFrame({"outlet": [o for o in names for _ in range(3)], "word": ["a", "b", "c"] * len(names),
                          "shift": [0.1, -0.1, 0.05] * len(names), "count_in_outlet": 1})
    fig = plots.word_shift_panels(shift, colours)
    assert fig.get_figwidth() <= plots.FIG_WIDTH and shown_min_pt(fig) >= plots.MIN_FONT_PT


def test_heatmap_and_keyness_are_readable(colours):
    names = outlets(5)
    matrix = pd.DataFrame([[1.0] * len(names)] * 4, index=list("abcd"), columns=names)
    assert shown_min_pt(plots.heatmap(matrix, "t")) >= plots.MIN_FONT_PT
    key = pd.DataFrame({"outlet": names * 2, "term": ["x"] * len(names) + ["y"] * len(names), "z": 2.0, "count": 3})
    assert shown_min_pt(plots.keyness_panels(key, colours)) >= plots.MIN_FONT_PT


def test_undeclared_outlet_is_labelled_in_words():
    from helpers.publication.reader_names import remember_articles

    remember_articles(pd.DataFrame({"article_id": ["y_1", "x_0123456789abcdef"]}))
    assert plots.outlet_display("unknown (x_0123456789abcdef)") == "Unattributed (A2)"
    assert plots.outlet_display("Daily") == "Daily"


def _lum(colour):
    rgb = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    rgb = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]


def test_outlet_colours_have_three_to_one_contrast_on_white():
    for colour in [*plots.OKABE_ITO, plots.OTHER]:
        assert 1.05 / (_lum(colour) + 0.05) >= 3.0, colour


def test_long_labels_do_not_push_a_figure_past_the_column():
    matrix = pd.DataFrame([[1.0, 2.0]] * 3, index=[f"A very long row label number {i} for a group" for i in range(3)],
                          columns=["x", "y"])
    fig = plots.fit_width(plots.heatmap(matrix, "t"))
    width = fig.get_tightbbox(fig.canvas.get_renderer()).width
    assert width <= plots.FIG_WIDTH + 0.02
