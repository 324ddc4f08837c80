"""One name for one relation (issue 22): the pairs table, the family diagram's legend, its caption and the findings
of chapter 05 name each reuse relation with the words of one label function. Invented articles."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from helpers.analyses.story_families import RELATED
from helpers.publication import findings, plots
from helpers.publication.reader_names import RELATION_WORDS, relation_for_reader


def _pairs() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    ids = ["h1", "c1", "r1", "s1"]
    reuse = pd.DataFrame([
        {"article_a": "h1", "article_b": "c1", "relation": "copy", "earlier": "h1", "containment_ab": 0.9,
         "containment_ba": 0.95},
        {"article_a": "h1", "article_b": "r1", "relation": "derived", "earlier": "h1", "containment_ab": 0.5,
         "containment_ba": 0.6},
        {"article_a": "h1", "article_b": "s1", "relation": "shared_source", "earlier": "", "containment_ab": 0.05,
         "containment_ba": 0.04},
    ])
    families = pd.DataFrame({"article_id": ids, "family": "h1", "family_size": 4})
    articles = pd.DataFrame({"article_id": ids,
                             "outlet_label": ["Harbour Times", "Copy Site", "Spin Daily", "Valley Post"]})
    return reuse, families, articles


def test_every_relation_has_one_reader_name_and_no_key_shows():
    for relation in (*RELATED, "independent"):
        name = relation_for_reader(relation)
        assert name and "_" not in name and name == RELATION_WORDS[relation]
    assert relation_for_reader("shared_source") == "shared passage only"
    assert relation_for_reader("derived") == "rewrite"
    assert relation_for_reader("new_kind") == "new kind"  # a relation the words do not list reads as its words


@pytest.mark.parametrize("relation", ["copy", "derived", "shared_source"])
def test_the_diagram_legend_and_caption_use_the_tables_words(relation):
    reuse, families, articles = _pairs()
    fig = plots.family_diagram(reuse, families, articles, {})
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    name = relation_for_reader(relation)
    assert any(label.startswith(f"{name} (") for label in legend), legend
    assert re.search(rf"\b{re.escape(name)}\b", plots.family_line_key())
    import matplotlib.pyplot as plt

    plt.close(fig)


def test_the_caption_and_findings_never_name_a_relation_another_way():
    reuse, families, articles = _pairs()
    text = " ".join([plots.family_line_key(), *findings.provenance_finding(reuse, families, articles)])
    for other in ("shared source", "shared_source", "derived", "republication", "only share a passage"):
        assert other not in text, other
    assert "is a rewrite of" in text and "copies" in text


@pytest.mark.slow
def test_the_built_chapter_names_each_relation_one_way(seed_book):
    """The seed book's chapter 05: the pairs table's relation cells, its legend's and its text's words agree."""
    page = (seed_book / "chapters" / "05_provenance.html").read_text(encoding="utf-8")
    cells = set(re.findall(r'data-label="Relation">([^<]*)<', page))
    assert cells and cells <= set(RELATION_WORDS.values()), cells
    assert "shared source" not in page and "derived pair" not in page
