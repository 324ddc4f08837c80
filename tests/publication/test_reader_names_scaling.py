"""Reading a table for a reader: the article-id pattern is built once per run, not once per cell.

Building it for every cell cost a pass over every article id for every cell, so a chapter's interactive
table took time in articles times cells (chapter 04 spent most of its time there at 1,000 articles).
"""

from __future__ import annotations

import pandas as pd
from work_counting import steps_taken

from helpers.publication import reader_names

GROWTH = 1.5  # ten times the articles may add the one-off pattern, not a pass per cell


def _articles(n: int) -> pd.DataFrame:
    return pd.DataFrame({"article_id": [f"syn{i:06d}" for i in range(n)]})


def _cells(n_rows: int) -> pd.DataFrame:
    notes = [f"overlaps syn{i % 50:06d}:n{i % 7} and the wire text of syn{(i * 7) % 50:06d}" for i in range(n_rows)]
    return pd.DataFrame({"article_id": [f"syn{i % 50:06d}" for i in range(n_rows)], "note": notes})


def test_ids_still_read_as_labels_after_the_articles_change():
    reader_names.remember_articles(_articles(3))
    assert reader_names.text_for_reader("syn000002:n4 copies syn000001.") == "A3 (number 4) copies A2."
    reader_names.remember_articles(pd.DataFrame({"article_id": ["syn000002", "syn000001"]}))
    assert reader_names.text_for_reader("syn000002:n4 copies syn000001.") == "A1 (number 4) copies A2."
    assert reader_names.text_for_reader("syn000002.txt") == "syn000002.txt"  # a file name keeps its id


def test_work_per_cell_does_not_grow_with_the_articles():
    def steps(n_articles: int) -> int:
        reader_names.remember_articles(_articles(n_articles))
        count, table = steps_taken(reader_names.for_reader, _cells(300))
        assert table["article_id"].iloc[1] == "A2" and table["note"].iloc[8].startswith("overlaps A9 (number 1)")
        return count

    try:
        few, many = steps(100), steps(1000)
    finally:
        reader_names.remember_articles(_articles(0))
    assert many <= GROWTH * few, (few, many)
