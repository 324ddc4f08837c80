"""The package stands alone: built as a wheel and installed elsewhere, it loads its codebooks and scores a study."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from helpers.inputs.config import PROJECT_ROOT


@pytest.mark.slow
def test_wheel_install_runs_new_study_and_evaluate_outside_the_checkout(tmp_path):
    wheels, target, work = tmp_path / "wheels", tmp_path / "site", tmp_path / "work"
    work.mkdir()
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run(pip + ["wheel", "--no-deps", "--no-build-isolation", "-w", str(wheels), str(PROJECT_ROOT)],
                   check=True, capture_output=True)
    wheel = next(wheels.glob("refract_helpers-*.whl"))
    subprocess.run(pip + ["install", "--no-deps", "--target", str(target), str(wheel)], check=True, capture_output=True)
    corpus = work / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Floods killed 12 people and injured 30 in the valley, officials said.\n",
                                  encoding="utf-8")
    (work / "gold.csv").write_text("article,category,value,qualifier,note\na,deaths_total,12,exact,\n"
                                   "a,injured,30,exact,\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "REFRACT_ROOT"}
    env["PYTHONPATH"] = str(target)

    def helpers(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "helpers", *args], cwd=work, env=env, capture_output=True,
                              text=True, check=False)

    where = subprocess.run([sys.executable, "-c", "import helpers; print(helpers.__file__)"], cwd=work, env=env,
                           capture_output=True, text=True, check=True).stdout
    assert where.startswith(str(target)), where
    made = helpers("new-study", "flood")
    assert made.returncode == 0, made.stderr
    assert (work / "flood" / "codebook" / "general" / "en" / "speech_verbs.yaml").exists()
    scored = helpers("evaluate", "--task", "numbers", "--corpus", "corpus", "--gold", "gold.csv",
                     "--codebook", "flood/codebook", "--out", "scores")
    assert scored.returncode == 0, scored.stderr
    result = json.loads((work / "scores" / "evaluation_numbers.json").read_text(encoding="utf-8"))
    assert (result["precision"], result["recall"]) == (1.0, 1.0)
    # the trained tone model ships in the wheel and scores without the training extra
    (work / "tone.jsonl").write_text(json.dumps({"sentence_normalized": "Critics called Ann Vole a corrupt liar.",
                                                 "targets": [{"from": 15, "to": 23, "polarity": 2.0}]}) + "\n",
                                     encoding="utf-8")
    toned = helpers("evaluate", "--task", "tone", "--gold", "tone.jsonl", "--out", "tone-scores")
    assert toned.returncode == 0, toned.stderr
    assert (work / "tone-scores" / "predictions_tone.csv").read_text(encoding="utf-8").startswith(
        "line,from,to,label,score\n")
