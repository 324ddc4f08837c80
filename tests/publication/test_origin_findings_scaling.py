"""What copies changed, at scale: each copied pair finds its changes in a table grouped once, not by a filter
over every change (which made the provenance chapter quadratic in the copies: 29 s at 10,000 articles)."""

from __future__ import annotations

import pandas as pd
from work_counting import rows_compared, steps_taken

from helpers.publication.origin_findings import copy_change_findings

GROWTH = 2.3  # twice the copies may cost about twice the work


def _tables(n: int) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    ids = [f"a{i:05d}" for i in range(2 * n)]
    articles = pd.DataFrame({"article_id": ids, "outlet_label": [f"Outlet {i % 7}" for i in range(2 * n)]})
    reuse = pd.DataFrame({"article_a": ids[:n], "article_b": ids[n:], "relation": "copy", "earlier": ids[:n],
                          "containment_ab": 0.95, "containment_ba": 0.95})
    changed = range(0, n, 2)  # every other copy changes a figure and a quotation
    changes = pd.DataFrame({"article_a": [ids[i] for i in changed for _ in (0, 1)],
                            "article_b": [ids[n + i] for i in changed for _ in (0, 1)], "relation": "copy",
                            "kind": ["number", "quote"] * len(changed), "before": ["12", "calm"] * len(changed),
                            "after": ["18", "quiet"] * len(changed)})
    return changes, reuse, articles


def test_each_changed_copy_is_told_and_the_rest_counted():
    out = copy_change_findings(*_tables(4))
    assert out[0] == ("Article a00004 (Outlet 4), against its source article a00000 (Outlet 0), changes the figure "
                      "“12” to “18” and changes words inside a quotation “calm” to “quiet”.")
    assert out[-1] == "Two copies and rewrites keep every number, name and quotation of their sources."


def test_work_grows_linearly_with_the_copies():
    rows_small, _ = rows_compared(copy_change_findings, *_tables(200))
    rows_big, _ = rows_compared(copy_change_findings, *_tables(400))
    assert rows_big <= GROWTH * rows_small, (rows_small, rows_big)
    steps_small, _ = steps_taken(copy_change_findings, *_tables(200))
    steps_big, _ = steps_taken(copy_change_findings, *_tables(400))
    assert steps_big <= GROWTH * steps_small, (steps_small, steps_big)
