"""Chapter 01's figures stay readable with 100-character file names and with hundreds of articles."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from helpers.publication import plots


def _articles(n: int, middle: bool) -> pd.DataFrame:
    """``n`` articles whose ids are 100 characters long; with ``middle``, they differ only in the middle."""
    ids = []
    for i in range(n):
        head = "interview-with-the-regional-transport-authority-"
        ids.append((head + f"{i:04d}").ljust(100, "x") if middle else head.ljust(96, "x") + f"{i:04d}")
    assert all(len(a) == 100 for a in ids)
    return pd.DataFrame({"article_id": ids, "outlet_label": [f"Outlet {i % 4}" for i in range(n)],
                         "n_words_raw": [400 + 7 * i for i in range(n)], "n_words": [380 + 7 * i for i in range(n)],
                         "boilerplate_chars": 90, "n_sentences": [12 + i % 9 for i in range(n)]})


def _labels(fig) -> list[str]:
    return [t.get_text() for ax in fig.axes for t in ax.get_yticklabels()]


@pytest.mark.parametrize("n", [6, 25, 300])
@pytest.mark.parametrize("middle", [False, True])
def test_words_and_sentences_figures_with_long_file_names(n, middle):
    import matplotlib.pyplot as plt

    plt.close("all")  # figures other tests left open would warn about their number, not about these
    table = _articles(n, middle)
    colours = {f"Outlet {i}": plots.OKABE_ITO[i] for i in range(4)}
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a warning would be published in the page
        figs = [plots.fit_width(plots.stacked_words(table, colours)),
                plots.fit_width(plots.bar_by_article(table, "n_sentences", "article_id", colours, "Sentences", "n"))]
    for fig in figs:
        labels = _labels(fig)
        assert all(len(label) <= 60 for label in labels), max(labels, key=len)
        width = fig.get_tightbbox(fig.canvas.get_renderer()).width
        assert width <= plots.FIG_WIDTH + 0.02
        # bars keep at least a third of the figure's width for themselves
        ax = fig.axes[0]
        assert ax.get_position().width >= 0.33
        plt.close(fig)


def test_labels_that_differ_only_in_the_middle_stay_apart_and_short():
    from helpers.publication.layout import short_labels

    names = ["report-" + "a" * 40 + tag + "b" * 50 + ".txt" for tag in ("north", "south", "east")]
    short = short_labels(names, limit=40)
    assert len(set(short)) == 3
    assert all(len(s) <= 40 for s in short)
    assert [tag in s for s, tag in zip(short, ("north", "south", "east"), strict=True)] == [True] * 3
    assert short_labels(["short one", "short two"], limit=40) == ["short one", "short two"]
