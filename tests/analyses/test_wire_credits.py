"""Wire credits in datelines, bylines and credit lines (codebooks/general/en/wires.yaml), on invented texts."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from helpers.analyses.declared import declared_origin, wire_credits
from helpers.inputs.corpus import load_corpus
from helpers.text.normalise import normalise_corpus

BODY = ("The council voted on the harbour budget late on Tuesday after a long debate in the chamber, "
        "and members said the port would reopen next spring.")


@pytest.mark.parametrize("line, agency", [
    ("WASHINGTON (AP) — " + BODY, "Associated Press"),
    ("(AFP) – " + BODY, "Agence France-Presse"),
    ("LONDON, Nov 8 (Reuters) - " + BODY, "Reuters"),
    ("By Jane Doe, Reuters", "Reuters"),
    ("By JANE DOE Associated Press", "Associated Press"),
    ("By Jane Doe | AFP", "Agence France-Presse"),
    ("The Associated Press contributed to this report.", "Associated Press"),
    ("Associated Press writer Jane Doe in Dover contributed to this report.", "Associated Press"),
    ("Copyright 2016 The Associated Press. All rights reserved.", "Associated Press"),
])
def test_credit_forms(codebook, line, agency):
    assert [a for a, _ in wire_credits([line], codebook)] == [agency]


@pytest.mark.parametrize("line", [
    "The map (ap) shows the harbour.",  # lower case is not a credit
    "Officials told AP they had no comment on the budget.",  # a mention is not a credit
    "Reuters reported that the port would reopen next spring.",
    "Photo: Jane Doe / AFP",
])
def test_mentions_are_not_credits(codebook, line):
    assert wire_credits([line], codebook) == []


def _articles(texts: dict[str, tuple[str, str]], folder) -> pd.DataFrame:
    for a, (_, t) in texts.items():
        (folder / f"{a}.txt").write_text(t, encoding="utf-8")
    articles = load_corpus(folder)
    articles["outlet"] = [texts[next(a for a in texts if str(i).startswith(a))][0] for i in articles["article_id"]]
    return articles


def test_declared_origin_records_wire_copy(codebook, tmp_path):
    texts = {
        "a1": ("Dover Daily", "DOVER (AP) — " + BODY + "\n\n" + BODY),
        "a2": ("Dover Daily", "By Jane Doe, Reuters\n\n" + BODY + "\n\n" + BODY),
        "a3": ("Dover Daily", BODY + "\n\n" + BODY),
        "a4": ("Reuters", "By John Roe, Reuters\n\n" + BODY + "\n\nThe port said it agreed with the council."),
    }
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        articles = _articles(texts, tmp_path)
        norm = normalise_corpus(articles, codebook)
    d = declared_origin(norm, articles, codebook)
    d.index = [str(i)[:2] for i in d["article_id"]]
    assert d.loc["a1", "declared_origin"] == "Associated Press" and "Associated Press" in d.loc["a1", "wire_credits"]
    assert "DOVER (AP)" in d.loc["a1", "declared_notes"]
    assert d.loc["a2", "declared_origin"] == "Reuters"
    assert d.loc["a3", ["declared_origin", "wire_credits"]].tolist() == ["", ""]
    assert d.loc["a4", "declared_origin"] == "" and d.loc["a4", "wire_credits"] == "Reuters"  # its own copy
