"""Figures at 500 outlets and thousands of articles: capped, readable, and saying what they left out.

Each test draws an invented table far past a cap and checks the figure draws at most the cap and that its
cap note counts what was left out; the same figure for five outlets draws everything and has no note.
"""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.publication import plots

N = 500


@pytest.fixture(autouse=True)
def close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


def names(n):
    return [f"Outlet {i:03d}" for i in range(n)]


def shown_min_pt(fig):
    return plots.min_font_pt(plots.fit_width(fig)) * plots.display_scale(fig)


def tone(n):
    return pd.DataFrame({"outlet": names(n), "n_articles": 2, "n_sentences": 20,
                         "mean_compound": [i / n - 0.5 for i in range(n)],
                         "ci_low": [i / n - 0.6 for i in range(n)], "ci_high": [i / n - 0.4 for i in range(n)]})


def ytick_labels(ax):
    return [t.get_text() for t in ax.get_yticklabels()]


def test_interval_dots_draw_the_extremes_and_one_row_for_the_others():
    fig = plots.interval_dots(tone(N), {}, title="Tone")
    labels = ytick_labels(fig.axes[0])
    assert len(labels) == plots.DOT_ROWS + 1
    assert "Outlet 000" in labels and "Outlet 499" in labels and "Outlet 250" not in labels
    assert f"{N - plots.DOT_ROWS} other outlets" in labels
    note = plots.cap_note(fig)
    assert note.startswith("The ten outlets with the lowest and the ten with the highest mean are drawn; the other "
                           f"480 outlets ({2 * (N - plots.DOT_ROWS):,} articles), with means from ")
    assert shown_min_pt(fig) >= plots.MIN_FONT_PT and fig.get_figwidth() <= plots.FIG_WIDTH + 0.01


def test_five_outlets_are_all_drawn_without_a_note():
    fig = plots.interval_dots(tone(5), {}, title="Tone")
    assert len(ytick_labels(fig.axes[0])) == 5 and plots.cap_note(fig) == ""


@pytest.mark.parametrize("counts", [True, False])
def test_a_heatmap_of_500_outlets_keeps_the_heaviest_columns_and_pools_the_rest(counts):
    values = [[(100_000 + j if counts else j / N) for j in range(N)] for _ in range(4)]
    matrix = pd.DataFrame(values, index=pd.Index(list("abcd"), name="frame"),
                          columns=pd.Index(names(N), name="outlet"))
    fig = plots.heatmap(matrix, "t", fmt="{:,.0f}" if counts else "{:+.3f}")
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert plots.MIN_COLUMNS <= len(ticks) <= 12  # cell texts of six or seven characters: about eight fit
    pooled = N - len(ticks) + 1
    assert ticks[-1] == f"{pooled} other outlets (mean)"
    note = plots.cap_note(fig)
    assert note.startswith("Of 500 outlets, the ")
    assert f"the other {pooled} are pooled in the last column (their mean per outlet)" in note
    if counts:
        assert ticks[:-1] == names(N)[-(len(ticks) - 1):] and "largest totals" in note
    assert shown_min_pt(fig) >= plots.MIN_FONT_PT


def test_long_row_labels_leave_room_for_fewer_columns():
    values = [[j for j in range(N)] for _ in range(3)]
    short = pd.DataFrame(values, index=["a", "b", "c"], columns=pd.Index(names(N), name="outlet"))
    long = short.set_axis([f"A group of people with a long name: label number {i}" for i in range(3)])
    n_short = len(plots.heatmap(short, "t").axes[0].get_xticklabels())
    n_long = len(plots.heatmap(long, "t").axes[0].get_xticklabels())
    assert plots.MIN_COLUMNS <= n_long < n_short


def test_heatmap_columns_can_be_chosen_by_weight_and_small_heatmaps_are_whole():
    matrix = pd.DataFrame([[0.1] * N], columns=pd.Index(names(N), name="outlet"))
    weights = pd.Series(range(N), index=names(N)[::-1], name="sentences")  # Outlet 000 weighs most
    fig = plots.heatmap(matrix, "t", fmt="{:+.3f}", weights=weights)
    assert fig.axes[0].get_xticklabels()[0].get_text() == "Outlet 000"
    assert "outlets with most sentences are drawn" in plots.cap_note(fig)
    assert plots.cap_note(plots.heatmap(matrix.iloc[:, :5], "t")) == ""


def test_thousands_of_articles_become_a_histogram():
    table = pd.DataFrame({"article_id": [f"a{i}" for i in range(3000)], "outlet_label": "X",
                          "n_sentences": [4 + i % 17 for i in range(3000)]})
    fig = plots.bar_by_article(table, "n_sentences", "article_id", {}, "Sentences per article", "sentences")
    assert len(fig.axes[0].patches) == 17  # one bar per whole number from 4 to 20, not one per article
    assert plots.cap_note(fig).startswith("With 3,000 articles one bar each would be unreadable")
    assert "from 4 to 20" in plots.cap_note(fig)
    small = plots.bar_by_article(table.head(5), "n_sentences", "article_id", {}, "S", "s")
    assert plots.cap_note(small) == ""


def test_outlet_panels_say_how_many_outlets_have_no_panel():
    shift = pd.DataFrame({"outlet": [o for o in names(N) for _ in range(2)], "word": ["a", "b"] * N,
                          "shift": [0.1, -0.1] * N, "count_in_outlet": 1})
    fig = plots.word_shift_panels(shift, {})
    assert plots.cap_note(fig) == ("The six outlets with most scored words have a panel; the other 494 outlets are "
                                   "in word_shift.csv.")
    key = pd.DataFrame({"outlet": names(N), "term": "x", "z": 2.0, "count": 3})
    assert "the other 494 outlets are in keyness.csv" in plots.cap_note(plots.keyness_panels(key, {}))
    assert "have a panel" not in plots.cap_note(plots.keyness_panels(key.head(5), {}))


def test_the_caption_shows_the_cap_note(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj: shown.append(obj.data))
    from helpers.publication import report

    report.figure(plots.interval_dots(tone(N), {}, title="Tone"), alt="a finding", caption="Tone by outlet.")
    assert "Tone by outlet. The ten outlets with the lowest" in shown[0]


def claims(groups, per_group):
    rows = [{"group": f"quantity_{g:02d}", "outlet": names(N)[k % N], "published": f"2022-01-0{1 + k % 5}",
             "value_low": 10.0 * (1 + k % 3), "value_high": 10.0 * (1 + k % 3), "status": "consistent"}
            for g in range(groups) for k in range(per_group + g)]
    return pd.DataFrame(rows)


def test_claim_timeline_caps_panels_and_pools_identical_claims():
    fig = plots.claim_timeline(claims(17, 100), {})
    titled = [ax.get_title(loc="left") for ax in fig.axes if ax.get_title(loc="left")]
    assert len(titled) == 8 and "Quantity 16" in titled and "Quantity 00" not in titled  # most claims first
    note = plots.cap_note(fig)
    assert note.startswith("The eight quantities with most claims have a panel; the other nine quantities are in "
                           "reconciliation.csv.")
    assert "drawn once, the marker growing with their number" in note
    assert shown_min_pt(fig) >= plots.MIN_FONT_PT
    assert plots.cap_note(plots.claim_timeline(claims(3, 5), {})) == ""


def test_word_shift_outlets_are_the_panels_not_every_outlet():
    shift = pd.DataFrame({"outlet": names(N), "word": "a", "shift": 0.1, "count_in_outlet": range(N)})
    assert plots.word_shift_outlets(shift) == names(N)[-plots.MAX_PANELS:]


def test_short_cell_texts_allow_more_columns_and_a_confusion_matrix_is_whole():
    frames = [f"frame {i}" for i in range(12)]
    confusion = pd.DataFrame([[i % 7 for i in range(12)]] * 12, index=frames, columns=frames)
    fig = plots.heatmap(confusion, "Hand coding against the dictionary")
    assert len(fig.axes[0].get_xticklabels()) == 12 and plots.cap_note(fig) == ""
    assert shown_min_pt(fig) >= plots.MIN_FONT_PT
    shares = pd.DataFrame([[0.42] * N], columns=pd.Index(names(N), name="outlet"))
    ticks = plots.heatmap(shares, "t", fmt="{:.0%}").axes[0].get_xticklabels()
    assert 8 < len(ticks) < 20  # "42%" is short: more outlets fit, far fewer than 500


def test_words_figure_of_many_articles_draws_those_with_most_boilerplate_removed():
    n = 200
    table = pd.DataFrame({"article_id": [f"a{i:03d}" for i in range(n)], "outlet_label": names(n),
                          "n_words_raw": [1000 - i for i in range(n)], "n_words": [1000 - i for i in range(n)]})
    table.loc[150:154, "n_words"] -= 50  # five short articles had boilerplate removed
    fig = plots.stacked_words(table, {})
    drawn = [t.get_text().split(" · ")[1] for t in fig.axes[0].get_yticklabels()]
    assert len(drawn) == plots.MAX_ROWS
    assert {f"a{i}" for i in range(150, 155)} <= set(drawn)  # not only the 30 longest
    assert plots.cap_note(fig).startswith("Boilerplate was removed from five articles of 200; these and the 25 ")
    none = plots.stacked_words(table.assign(n_words=table["n_words_raw"]), {})
    assert plots.cap_note(none).startswith("No boilerplate was removed from any of the 200 articles")
    assert plots.cap_note(plots.stacked_words(table.head(10), {})) == ""
