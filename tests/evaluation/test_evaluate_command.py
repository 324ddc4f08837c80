"""The evaluate command on small invented corpora with hand-written gold."""

from __future__ import annotations

import json

import pytest

from helpers.__main__ import main
from helpers.evaluation.evaluate import EvaluationError, evaluate
from helpers.pipeline.new_study import new_study

ARTICLES = {
    "r01_wire.txt": "Gunmen killed 14 villagers and wounded 9 others in a night raid, the governor said.",
    "r02_wire.txt": "A soldier was killed when a roadside bomb hit his patrol. Three more were hurt.",
    "r03_wire.txt": ('"We will rebuild every house," said Ada Stone, the district governor. '
                     'Residents called it "a promise".'),
}
NUMBERS_GOLD = """article,category,value,qualifier,note
r01,deaths_total,14,exact,written by hand
r01,injured,9,exact,written by hand
r02,deaths_total,1,exact,a soldier
r02,injured,3,exact,three more
r02,injured,4,exact,a figure the text does not give
"""
QUOTES_GOLD = """article,speaker_keys,quote_prefix,kind,score_speaker
r03,Ada Stone,We will rebuild every house,full,yes
r03,,a promise,partial,no
"""


@pytest.fixture()
def bench(tmp_path):
    corpus = tmp_path / "toy" / "corpus"
    corpus.mkdir(parents=True)
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text + "\n", encoding="utf-8")
    (tmp_path / "numbers.csv").write_text(NUMBERS_GOLD, encoding="utf-8")
    (tmp_path / "quotes.csv").write_text(QUOTES_GOLD, encoding="utf-8")
    codebook = new_study("toy-study", tmp_path) / "codebook"
    return tmp_path, corpus, codebook


def test_numbers_are_scored_and_written_with_their_label(bench):
    root, corpus, codebook = bench
    result = evaluate("numbers", corpus, root / "numbers.csv", str(codebook), root / "out",
                      "development set: tuned against")
    assert (result["n"], result["matched"], result["n_predicted"]) == (5, 4, 4)
    assert result["precision"] == 1.0 and result["recall"] == 0.8
    saved = json.loads((root / "out" / "evaluation_numbers.json").read_text(encoding="utf-8"))
    assert saved["label"] == "development set: tuned against" and saved["corpus"] == "toy"
    assert saved["task"] == "numbers" and saved["codebook"] == "toy-study/codebook"
    assert (root / "out" / "numbers.csv").exists()


def test_the_command_line_scores_quotes(bench, capsys):
    root, corpus, codebook = bench
    code = main(["evaluate", "--task", "quotes", "--corpus", str(corpus), "--gold", str(root / "quotes.csv"),
                 "--codebook", str(codebook), "--out", str(root / "q"), "--label", "in-sample"])
    assert code == 0
    saved = json.loads((root / "q" / "evaluation_quotes.json").read_text(encoding="utf-8"))
    assert saved["n"] == 2 and saved["label"] == "in-sample"
    assert {"precision", "recall", "f1", "speaker_accuracy"} <= set(saved)
    assert "quotes on toy" in capsys.readouterr().out


def test_a_gold_file_without_the_columns_is_named(bench):
    root, corpus, codebook = bench
    bad = root / "bad.csv"
    bad.write_text("article,value\nr01,14\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match="bad.csv"):
        evaluate("numbers", corpus, bad, str(codebook))
    assert main(["evaluate", "--task", "numbers", "--corpus", str(corpus), "--gold", str(bad)]) == 1


def test_the_project_gold_format_is_read(bench):
    root, corpus, codebook = bench
    project = root / "project.csv"
    project.write_text("article_id,text,category,value,qualifier,source,note\n"
                       "r01_wire,14,deaths_total,14,exact,,by hand\n"
                       "r02_wire,Three,injured,3,exact,,by hand\n", encoding="utf-8")
    result = evaluate("numbers", corpus, project, str(codebook), label="in-sample")
    assert (result["n"], result["matched"]) == (2, 2)
    assert result["precision"] == pytest.approx(2 / 4)  # the 9 injured and the soldier are not in this gold
