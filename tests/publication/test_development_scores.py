"""Development-set scores are read from JSON files, never typed; none when the folder is absent."""

from __future__ import annotations

import json

from helpers.publication.reproducibility import development_scores


def test_no_folder_no_scores(tmp_path):
    assert development_scores(tmp_path / "absent").empty


def test_every_number_is_listed_with_its_path(tmp_path):
    (tmp_path / "quotes-dev.json").write_text(json.dumps({"f1": 0.5, "by_kind": {"full": {"recall": 0.25}},
                                                         "ok": True, "name": "x"}))
    table = development_scores(tmp_path)
    measures = sorted(zip(table["measure"], table["value"], strict=True))
    assert measures == [("F1", 0.5), ("by kind · full · recall", 0.25)]
    assert set(table["set"]) == {"quotes-dev"}


def test_measures_read_as_words(tmp_path):
    (tmp_path / "numbers-dev.json").write_text(json.dumps({"n_gold": 828, "extract_seconds": 1.5}))
    assert sorted(development_scores(tmp_path)["measure"]) == ["items in the gold annotations",
                                                               "seconds the rules took"]
