"""Every figure is also drawn for a phone (issue 22, point 5): about 4 inches wide, panels in one column, text at
its drawn size, the same data as the column's version; both files saved, byte-stable; the page picks one by
screen width without a script. Invented data."""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from helpers.publication import plots, report
from helpers.publication.screens import narrow_path, narrow_version

COLOURS = {"Norbury Post": "#0072B2", "Valley Times": "#D55E00", "Alder Gazette": "#009E73",
           "Kestrel Daily": "#B8569A"}
OUTLETS = list(COLOURS)
SLACK_IN = 0.3  # the tight bounding box's padding around the drawing


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def tone() -> pd.DataFrame:
    return pd.DataFrame({"outlet": OUTLETS, "n_articles": [1, 2, 3, 4], "n_sentences": [12, 30, 45, 61],
                         "mean_compound": [-0.2, -0.1, 0.0, 0.1], "ci_low": [-0.3, -0.2, -0.1, 0.0],
                         "ci_high": [-0.1, 0.0, 0.1, 0.2]})


def shift() -> pd.DataFrame:
    words = ["calm", "riot", "hope", "fear", "ruin"]
    return pd.DataFrame({"outlet": [o for o in OUTLETS for _ in words], "word": words * len(OUTLETS),
                         "shift": [0.02, -0.03, 0.01, -0.02, -0.01] * len(OUTLETS), "count_in_outlet": 3})


def frames() -> pd.DataFrame:
    rows = ["Legality and constitutionality", "Security and defence", "Diplomacy and relations between states",
            "Human rights and fairness"]
    return pd.DataFrame([[0.12, 0.04, 0.09, 0.15]] * len(rows), index=rows, columns=OUTLETS)


def drawings() -> dict[str, plt.Figure]:
    articles = pd.DataFrame({"article_id": ["n1", "v1", "a1"], "outlet_label": OUTLETS[:3],
                             "n_words_raw": [900, 700, 400], "n_words": [800, 650, 380], "n_sentences": [40, 31, 18]})
    keyness = pd.DataFrame({"outlet": OUTLETS * 2, "term": ["curfew"] * 4 + ["tariff"] * 4, "z": 2.5, "count": 4})
    claims = pd.DataFrame([("deaths", "Norbury Post", "2031-03-04", 10, 10, "single"),
                           ("deaths", "Valley Times", "2031-03-05", 12, 12, "single"),
                           ("people_held", "Alder Gazette", "2031-03-06", 40, float("inf"), "single")],
                          columns=["group", "outlet", "published", "value_low", "value_high", "status"])
    return {"dots": plots.interval_dots(tone(), COLOURS, title="Mean sentence tone by outlet, a long title to wrap",
                                        xlabel="VADER compound score (mean of article means)", reference=0.0),
            "shift": plots.word_shift_panels(shift(), COLOURS),
            "heatmap": plots.heatmap(frames(), "Share of sentences in each frame", fmt="{:.0%}"),
            "keyness": plots.keyness_panels(keyness, COLOURS),
            "words": plots.stacked_words(articles, COLOURS),
            "bars": plots.bar_by_article(articles, "n_sentences", "article_id", COLOURS, "Sentences", "sentences"),
            "timeline": plots.claim_timeline(claims, COLOURS),
            "empty": plots.empty_figure("Nothing here: a sentence long enough to wrap on a phone's narrow screen.")}


def _columns(fig: plt.Figure) -> set[float]:
    """The left edges of the figure's data panels (colour bars and turned-off panels aside)."""
    return {round(ax.get_position().x0, 2) for ax in fig.axes if ax.get_visible() and ax.axison
            and ax.get_label() != "<colorbar>" and ax.has_data()}


def test_every_drawing_has_a_narrow_version_that_fits_a_phone_at_full_text_size():
    for name, fig in drawings().items():
        narrow = narrow_version(fig)
        assert narrow is not None, name
        box = narrow.get_tightbbox(narrow.canvas.get_renderer())
        assert box.width <= plots.NARROW_WIDTH + SLACK_IN, f"{name}: {box.width:.2f} in wide"
        assert plots.min_font_pt(narrow) >= plots.SMALL, name  # drawn at full size, never scaled down
        assert len(_columns(narrow)) <= 1, f"{name}: panels side by side on a phone"


def test_side_by_side_panels_are_stacked_and_keep_every_outlet():
    fig = plots.word_shift_panels(shift(), COLOURS)
    assert len(_columns(fig)) == 2  # the text column: two panels a row
    narrow = narrow_version(fig)
    titles = sorted(ax.get_title().split("\n")[0] for ax in narrow.axes if ax.get_title())
    assert titles == sorted(OUTLETS)


def test_a_narrow_heatmap_keeps_every_column_and_cell():
    fig = plots.heatmap(frames(), "Share of sentences in each frame", fmt="{:.0%}")
    narrow = narrow_version(fig)
    ticks = [t.get_text() for ax in narrow.axes for t in ax.get_xticklabels() if t.get_text()]
    assert sorted(ticks) == sorted(OUTLETS)
    cells = [t.get_text() for ax in narrow.axes for t in ax.texts]
    assert len(cells) == frames().size and cells.count("15%") == len(frames())


def test_a_capped_heatmap_keeps_on_a_phone_the_rows_and_columns_it_draws_in_the_column():
    labels = [f"Police and security forces: law enforcement (quoted: the deputy interior minister of the republic, {i})"
              for i in range(plots.MAX_ROWS + 12)]
    matrix = pd.DataFrame([[i % 4, 1, 0, 2] for i in range(len(labels))], index=labels, columns=OUTLETS)
    fig = plots.heatmap(matrix, "Labels used, by outlet")
    narrow = narrow_version(fig)
    drawn = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert len(drawn) == plots.MAX_ROWS
    for ax in (a for a in narrow.axes if a.get_label() != "<colorbar>"):
        shown = [t.get_text().replace("\n", " ") for t in ax.get_yticklabels()]
        assert shown == [t.replace("\n", " ") for t in drawn]
    fig.canvas.draw()
    narrow.canvas.draw()
    boxes = [t.get_window_extent() for t in narrow.axes[0].get_yticklabels()]
    assert all(not a.overlaps(b) for a, b in zip(boxes, boxes[1:], strict=False))  # row labels never overlap


def test_long_titles_and_n_labels_wrap_instead_of_shrinking_the_data():
    narrow = narrow_version(plots.interval_dots(tone(), COLOURS, title="Mean sentence tone by outlet, a long title "
                                                "to wrap", xlabel="VADER compound score (mean of article means)"))
    ax = narrow.axes[0]
    assert "\n" in ax.get_title()
    assert any(t.get_text() == "Kestrel Daily\n4 articles, 61 sentences" for t in ax.get_yticklabels())
    assert ax.get_position().width * narrow.get_figwidth() > 1.5  # the data keep inches of room


def test_save_writes_both_versions_byte_stable(tmp_path):
    for run in ("one", "two"):
        plots.save(plots.interval_dots(tone(), COLOURS, title="Tone"), tmp_path / run / "02_tone.svg")
    for name in ("02_tone.svg", "02_tone-narrow.svg"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name
    wide = float(re.search(rb'width="([0-9.]+)pt"', (tmp_path / "one" / "02_tone.svg").read_bytes()).group(1))
    narrow = float(re.search(rb'width="([0-9.]+)pt"', (tmp_path / "one" / "02_tone-narrow.svg").read_bytes()).group(1))
    assert narrow < wide and narrow <= (plots.NARROW_WIDTH + SLACK_IN) * 72
    assert narrow_path("figs/01_words.svg").name == "01_words-narrow.svg"


def test_the_page_shows_the_narrow_version_below_the_breakpoint_without_a_script(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr("IPython.display.display", lambda obj: shown.append(obj.data))
    report.figure(plots.interval_dots(tone(), COLOURS, title="Tone"), alt="a finding", caption="Tone by outlet.")
    html = shown[0]
    source = re.search(r"<picture><source media='\(max-width: 700px\)' srcset='data:image/svg\+xml;base64,[^' ]+'>"
                       r"<img src='data:image/svg\+xml;base64,[^']+' [^>]*></picture>", html)
    assert source, html[:300]
    narrow = int(re.search(r"data-narrow-width='(\d+)'", html).group(1))
    assert narrow < int(re.search(r" width='(\d+)'", html).group(1)) and "data-narrow-min-font-pt='9.0'" in html
    assert "<script" not in html
    assert not plt.get_fignums()  # both versions closed: none is shown a second time


def test_a_figure_drawn_by_hand_has_no_narrow_version_and_shows_as_before(monkeypatch):
    fig, ax = plt.subplots()
    ax.plot([1, 2], [3, 4])
    assert narrow_version(fig) is None
    shown: list[str] = []
    monkeypatch.setattr("IPython.display.display", lambda obj: shown.append(obj.data))
    report.figure(fig, alt="a line", caption="A line.")
    assert "<source" not in shown[0] and "<img src='data:image/svg+xml;base64," in shown[0]
