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


def test_the_accuracy_table_puts_every_development_set_of_a_task_side_by_side(tmp_path):
    from helpers.publication.accuracy import DEVELOPMENT_LABEL, development_table

    for name, speaker in (("set-a", 0.5), ("set-b", 0.75)):
        (tmp_path / f"{name}.json").write_text(json.dumps({"task": "quotes", "articles": 3, "n_gold": 4, "f1": 1.0,
                                                           "speaker_accuracy": speaker}))
    (tmp_path / "counts.json").write_text(json.dumps({"task": "numbers", "f1": 0.25}))
    table = development_table("quotes", tmp_path)
    assert list(table["set"]) == ["set-a", "set-b"] and list(table["speaker_accuracy"]) == ["0.500", "0.750"]
    assert set(table["kind"]) == {DEVELOPMENT_LABEL} and "development" in DEVELOPMENT_LABEL


def test_the_committed_scores_hold_both_polnear_splits_labelled_development():
    from helpers.inputs.config import PROJECT_ROOT
    from helpers.publication.accuracy import development_table

    table = development_table("quotes", PROJECT_ROOT / "book" / "scores")
    assert {"polnear-dev", "polnear-train"} <= set(table["set"])
    for name in ("polnear-dev", "polnear-train"):
        label = json.loads((PROJECT_ROOT / "book" / "scores" / f"{name}.json").read_text(encoding="utf-8"))["label"]
        assert label.startswith("development")
