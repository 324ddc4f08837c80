"""The story-family diagram stays readable with many families and very large ones (issue 14)."""

import itertools

import matplotlib.text
import pandas as pd

from helpers.publication import plots


def corpus(n_families: int, size: int):
    """``n_families`` families of ``size`` articles each; in each, the first article is copied by the others."""
    rows, reuse = [], []
    for f in range(n_families):
        ids = [f"art{f:02d}{m:04d}" for m in range(size)]
        rows += [{"article_id": a, "family": ids[0], "family_size": size} for a in ids]
        reuse += [{"article_a": ids[0], "article_b": a, "relation": "copy" if m % 2 else "derived", "earlier": ids[0]}
                  for m, a in enumerate(ids[1:], 1)]
    families = pd.DataFrame(rows)
    articles = pd.DataFrame({"article_id": families["article_id"],
                             "outlet_label": [f"Outlet {i % 500:03d}" for i in range(len(families))]})
    # a passage shared across two families: not drawn (the line would cross other families' boxes)
    reuse.append({"article_a": rows[0]["article_id"], "article_b": rows[-1]["article_id"],
                  "relation": "shared_source", "earlier": ""})
    return pd.DataFrame(reuse), families, articles


def test_twelve_families_of_thousands_draw_separate_boxes_and_say_what_is_left_out():
    reuse, families, articles = corpus(12, 1000)
    fig = plots.family_diagram(reuse, families, articles, {})
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_bbox_patch().get_window_extent(renderer) for t in fig.axes[0].texts
             if not isinstance(t, matplotlib.text.Annotation)]
    assert len(boxes) == 12 * plots.FAMILY_MEMBERS_DRAWN
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b), "two article boxes overlap"
    assert plots.min_font_pt(fig) >= plots.MIN_FONT_PT and fig.get_figwidth() <= plots.FIG_WIDTH
    assert "the largest drawn has 1,000 articles" in plots.cap_note(fig)
    lines = [t for t in fig.axes[0].texts if isinstance(t, matplotlib.text.Annotation)]
    assert len(lines) == 12 * (plots.FAMILY_MEMBERS_DRAWN - 1)  # within families only


def test_small_families_leave_nothing_out():
    reuse, families, articles = corpus(2, 3)
    fig = plots.family_diagram(reuse, families, articles, {})
    assert plots.cap_note(fig) == ""
    assert any("art000000" in t.get_text() for t in fig.axes[0].texts)
