"""Quote drift: a printing that differs only in spacing, punctuation, case or number formatting is not altered."""

import pandas as pd

from helpers.analyses.quotes.drift import quote_variants


def _quotes(texts: list[str]) -> pd.DataFrame:
    ids = [chr(ord("a") + i) for i in range(len(texts))]
    return pd.DataFrame({"article_id": ids, "outlet": [i.upper() for i in ids], "quote_id": [f"{i}:1" for i in ids],
                         "speaker": ["X"] * len(texts), "text": texts,
                         "n_words": [len(t.split()) for t in texts]})


def test_joined_number_and_unit_is_formatting():
    v = quote_variants(_quotes(["the harbour fund paid 4.2 million to the fishing villages last spring",
                                "the harbour fund paid 4.2million to the fishing villages last spring"]))
    assert v.set_index("article_id").loc["b", "relation"] == "formatting"


def test_case_commas_and_digit_groups_are_formatting():
    v = quote_variants(_quotes(["we planted 1,200 olive trees along the northern ridge, said the mayor",
                                "We planted 1200 olive trees along the Northern ridge said the mayor"]))
    assert v.set_index("article_id").loc["b", "relation"] == "formatting"


def test_a_changed_number_is_still_altered():
    v = quote_variants(_quotes(["the harbour fund paid 4.2 million to the fishing villages last spring",
                                "the harbour fund paid 5.2 million to the fishing villages last spring"]))
    assert v.set_index("article_id").loc["b", "relation"] == "altered"
