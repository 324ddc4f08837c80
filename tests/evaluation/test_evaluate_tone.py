"""``evaluate --task tone`` on a tiny invented NewsMTSC-format file: both files, the right columns, no overwrites."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from helpers.__main__ import main
from helpers.evaluation.evaluate import EvaluationError, evaluate_tone

# Invented sentences in NewsMTSC's layout: polarity 2 negative, 4 neutral, 6 positive; "to" is exclusive.
SENTENCES = [
    ("Critics blasted Senator Jane Doral as a corrupt liar who betrayed her voters.", "Jane Doral", 2.0),
    ("Supporters cheered Governor Ana Ruivo, calling her an honest and inspiring champion.", "Ana Ruivo", 6.0),
    ("Tom Reyal will travel to the capital on Tuesday for the annual budget meeting.", "Tom Reyal", 4.0),
]


def write_gold(path, rows=SENTENCES) -> None:
    lines = []
    for text, name, polarity in rows:
        start = text.index(name)
        target = {"from": start, "to": start + len(name), "mention": name, "polarity": polarity}
        lines.append(json.dumps({"sentence_normalized": text, "primary_gid": name, "targets": [target]}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture()
def gold(tmp_path):
    path = tmp_path / "tiny.jsonl"
    write_gold(path)
    return path


def test_the_command_writes_scores_and_predictions(gold, tmp_path, capsys):
    out = tmp_path / "out"
    code = main(["evaluate", "--task", "tone", "--gold", str(gold), "--out", str(out), "--label", "in-sample"])
    assert code == 0, capsys.readouterr().err
    scores = json.loads((out / "evaluation_tone.json").read_text(encoding="utf-8"))
    assert {"macro_f1", "accuracy", "n", "label"} <= set(scores)
    assert scores["n"] == 3 and scores["label"] == "in-sample" and 0 <= scores["macro_f1"] <= 1
    predictions = pd.read_csv(out / "predictions_tone.csv")
    assert list(predictions.columns) == ["line", "from", "to", "label", "score"]
    assert list(predictions["line"]) == [0, 1, 2]
    assert list(predictions["from"]) == [t.index(n) for t, n, _ in SENTENCES]
    assert set(predictions["label"]) <= {"negative", "neutral", "positive"}
    assert predictions["score"].between(-1, 1).all()
    assert predictions["label"].iloc[0] == "negative" and predictions["label"].iloc[1] == "positive"
    assert "macro-F1" in capsys.readouterr().out
    # a second run replaces the files it wrote itself
    assert main(["evaluate", "--task", "tone", "--gold", str(gold), "--out", str(out)]) == 0


def test_evaluate_refuses_to_overwrite_its_gold(tmp_path):
    out = tmp_path / "bench"
    out.mkdir()
    gold = out / "predictions_tone.csv"  # a gold file that happens to carry an output's name
    write_gold(gold)
    before = gold.read_bytes()
    with pytest.raises(EvaluationError, match="predictions_tone.csv"):
        evaluate_tone(gold, out)
    assert gold.read_bytes() == before
    assert main(["evaluate", "--task", "tone", "--gold", str(gold), "--out", str(out)]) == 1
    assert gold.read_bytes() == before


def test_evaluate_refuses_a_file_it_did_not_write(gold, tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "evaluation_tone.json").write_text('{"a user": "file"}\n', encoding="utf-8")
    with pytest.raises(EvaluationError, match="not written by evaluate"):
        evaluate_tone(gold, out)
    assert not (out / "predictions_tone.csv").exists()


def test_a_target_without_polarity_is_refused(tmp_path):
    path = tmp_path / "nolabel.jsonl"
    path.write_text(json.dumps({"sentence_normalized": "Ann Lee spoke.", "targets": [{"from": 0, "to": 7}]}) + "\n",
                    encoding="utf-8")
    with pytest.raises(ValueError, match="polarity"):
        evaluate_tone(path)
