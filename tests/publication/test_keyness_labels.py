"""The keyness panels label only words past the threshold, and their labels never overlap."""

import itertools

import matplotlib.text
import pandas as pd

from helpers.publication import keyness_plot, plots


def labels(fig) -> list[matplotlib.text.Annotation]:
    return [t for t in fig.findobj(matplotlib.text.Annotation) if t.get_text()]


def crowded(n_words: int = 12) -> pd.DataFrame:
    """Two outlets; the first has ``n_words`` words at almost the same frequency and z past 1.96, and the same
    number of ordinary words; the second has nothing distinctive."""
    hot = [{"outlet": "Outlet A", "term": f"word{i}", "z": 2.5 + 0.01 * i, "count": 20 + i % 2} for i in range(n_words)]
    cold = [{"outlet": o, "term": f"plain{i}", "z": 0.1, "count": 5 + i} for o in ("Outlet A", "Outlet B")
            for i in range(n_words)]
    return pd.DataFrame(hot + cold)


def test_no_word_is_labelled_when_none_passes_the_threshold():
    key = pd.DataFrame({"outlet": ["Outlet A"] * 5 + ["Outlet B"] * 5, "term": list("abcdefghij"),
                        "z": [0.3, 0.2, 0.1, 0.0, -0.1] * 2, "count": [3, 4, 5, 6, 7] * 2})
    fig = plots.keyness_panels(key, {})
    assert labels(fig) == []
    assert "no word in these panels reaches it" in plots.cap_note(fig)
    texts = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert texts.count("no word reaches z ≥ 1.96") == 2


def test_only_words_past_the_threshold_are_labelled_at_most_n():
    fig = plots.keyness_panels(crowded(12), {"Outlet A": "#0072B2"}, n=10)
    shown = {t.get_text() for t in labels(fig)}
    assert shown and all(w.startswith("word") for w in shown)
    assert len(shown) <= 10
    assert {"word11", "word10"} <= shown  # the highest z first
    assert "past it are in keyness.csv" in plots.cap_note(fig)


def test_crowded_labels_do_not_overlap():
    fig = plots.keyness_panels(crowded(12), {})
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes = [matplotlib.text.Text.get_window_extent(t, renderer) for t in labels(fig)]  # the words, not the leaders
    assert len(boxes) >= 5
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b), "two keyness labels overlap"


def test_stacked_positions_keep_their_gap_and_stay_inside():
    placed = keyness_plot.stack_positions([5.0, 5.0, 5.1, 9.9], gap=1.0, low=0.0, high=10.0)
    assert all(b - a >= 1.0 - 1e-9 for a, b in itertools.pairwise(placed))
    assert placed[0] >= 0.0 and placed[-1] <= 10.0
    assert placed == sorted(placed)
    assert keyness_plot.stack_positions([1.0, 4.0], gap=1.0, low=0.0, high=10.0) == [1.0, 4.0]  # room: unmoved


def test_background_words_on_one_spot_share_a_dot():
    """Thousands of words with the same count and (nearly) the same z are one dot, so the page stays small."""
    key = pd.DataFrame({"outlet": "Outlet A", "term": [f"w{i}" for i in range(3000)],
                        "z": [0.001 * (i % 3) for i in range(3000)], "count": [2 + i % 10 for i in range(3000)]})
    fig = plots.keyness_panels(key, {})
    dots = sum(len(c.get_offsets()) for c in fig.axes[0].collections)
    assert dots == 10  # ten counts, one z to two decimals
