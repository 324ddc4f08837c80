"""Figures agree with their text and never key outlets by colour alone (issue 22, point 4): invented data."""

from __future__ import annotations

import matplotlib.pyplot as plt
import matplotlib.text
import pandas as pd
import pytest

from helpers.publication import plots
from helpers.publication.reader_names import remember_articles


@pytest.fixture(autouse=True)
def _closed_figures():
    """Each test's figures are closed after it, so later tests start with none open."""
    yield
    plt.close("all")


COLOURS = {"Norbury Post": "#0072B2", "Valley Times": "#D55E00"}


def _texts(fig) -> list[str]:
    return [t.get_text() for t in fig.findobj(matplotlib.text.Text) if t.get_text().strip()]


def claims() -> pd.DataFrame:
    rows = [("deaths", "Norbury Post", "2031-03-04", 10, 10, "consistent"),
            ("deaths", "Valley Times", "2031-03-05", 12, 12, "superseded"),
            ("deaths", "Valley Times", "unknown", 9, 9, "conflict"),
            ("deaths", "Norbury Post", "unknown", 14, 14, "single"),
            ("deaths", "unknown (x_77)", "unknown", 11, 11, "consistent"),
            ("people_held", "Norbury Post", "2031-03-05", 40, float("inf"), "single")]
    return pd.DataFrame(rows, columns=["group", "outlet", "published", "value_low", "value_high", "status"])


def test_timeline_names_outlets_by_shape_and_status_by_fill_with_dated_ticks():
    remember_articles(pd.DataFrame({"article_id": ["x_76", "x_77"]}))
    fig = plots.claim_timeline(claims(), COLOURS)
    legend = fig.legends[0]
    labels = [t.get_text() for t in legend.get_texts()]
    assert {"Norbury Post", "Valley Times", "other outlets"} <= set(labels)
    assert {"single or consistent (filled)", "superseded (hollow)", "conflict (black ring)"} <= set(labels)
    shapes = {h.get_label(): h.get_marker() for h in legend.legend_handles if h.get_label() in COLOURS}
    assert shapes["Norbury Post"] != shapes["Valley Times"]  # colour is never the only key
    ticks = [t.get_text() for t in fig.axes[-1].get_xticklabels()]
    assert ticks[:2] == ["4 Mar 2031", "5 Mar 2031"] and ticks[-1] == "date\nunknown"
    titles = [ax.get_title(loc="left") for ax in fig.axes]
    assert titles == ["Deaths", "People held"]  # a key in words, never with its underscore
    assert all(ax.get_position().width > 0.7 for ax in fig.axes)  # stacked: each panel as wide as the figure


def test_an_undated_claim_has_a_marker_of_its_own_in_the_figure_and_the_legend():
    rows = claims().assign(status=["consistent", "superseded", "undated", "single", "undated", "single"])
    fig = plots.claim_timeline(rows, COLOURS)
    handles = {h.get_label(): h for h in fig.legends[0].legend_handles}
    assert handles["undated, shown apart (half filled)"].get_fillstyle() == "left"
    assert handles["single or consistent (filled)"].get_fillstyle() == "full"
    drawn = [ln.get_fillstyle() for ln in fig.axes[0].lines if ln.get_marker() not in (None, "None", "")]
    assert drawn.count("left") == 2


def test_claims_at_an_unknown_date_are_spread_not_stacked():
    fig = plots.claim_timeline(claims(), COLOURS)
    xs = [line.get_xdata()[0] for line in fig.axes[0].lines if line.get_marker() not in (None, "None", "")]
    unknown = sorted(x for x in xs if x > 1.5)
    assert len(unknown) == 3 and min(b - a for a, b in zip(unknown, unknown[1:], strict=False)) > 0.1


def test_family_diagram_draws_a_declared_origin_and_says_what_each_line_means():
    remember_articles(pd.DataFrame({"article_id": ["n1", "n2", "v1"]}))
    articles = pd.DataFrame({"article_id": ["n1", "n2", "v1"],
                             "outlet_label": ["Norbury Post", "unknown (n2)", "Valley Times"]})
    families = pd.DataFrame({"article_id": ["n1", "n2"], "family": ["n1", "n1"], "family_size": [2, 2]})
    reuse = pd.DataFrame([{"article_a": "n1", "article_b": "n2", "relation": "copy", "earlier": "n1"}])
    declared = pd.DataFrame({"article_id": ["v1"], "declared_origin": ["Alder Wire Service"]})
    fig = plots.family_diagram(reuse, families, articles, COLOURS, declared=declared)
    texts = _texts(fig)
    assert "Alder Wire Service\n(declared origin)" in texts and "Valley Times\nA3" in texts
    assert "Unattributed (A2)" in texts and "Norbury Post\nA1" in texts
    assert not any("n2" in t for t in texts)  # the label, never the id
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend == ["copy (thick solid arrow)", "declared origin (dotted arrow)"]
    assert fig.get_figwidth() < plots.FIG_WIDTH  # two small families do not leave the canvas mostly empty


def test_words_figure_legend_does_not_borrow_a_bar_colour_and_names_each_bar():
    remember_articles(pd.DataFrame({"article_id": ["n1", "v1"]}))
    table = pd.DataFrame({"article_id": ["n1", "v1"], "outlet_label": ["Norbury Post", "Valley Times"],
                          "n_words_raw": [500, 300], "n_words": [400, 300]})
    fig = plots.stacked_words(table, COLOURS)
    ax = fig.axes[0]
    handles = ax.get_legend().legend_handles
    assert handles[0].get_facecolor()[:3] not in [matplotlib.colors.to_rgb(c) for c in COLOURS.values()]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Valley Times · A2", "Norbury Post · A1"]


def test_tone_dots_say_one_article_not_one_articles():
    table = pd.DataFrame({"outlet": ["Norbury Post"], "mean_compound": [0.1], "ci_low": [0.0], "ci_high": [0.2],
                          "n_articles": [1], "n_sentences": [1]})
    assert "1 article, 1 sentence" in _texts(plots.interval_dots(table, COLOURS))


def test_an_about_figure_is_an_interval_with_its_dot_at_the_stated_value():
    rows = [("troops", "Norbury Post", "2031-03-04", 2250, 2750, 2500.0, "single")]
    table = pd.DataFrame(rows, columns=["group", "outlet", "published", "value_low", "value_high", "stated", "status"])
    fig = plots.claim_timeline(table, COLOURS)
    lines = fig.axes[0].lines
    dots = [ln.get_ydata()[0] for ln in lines if ln.get_marker() not in (None, "None", "")]
    spans = [tuple(ln.get_ydata()) for ln in lines if ln.get_marker() in (None, "None", "")]
    assert dots == [2500.0]  # "about 2,500": the dot where the source put it, not at the lower bound
    assert (2250, 2750) in spans
