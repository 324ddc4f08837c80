"""The shipped tone model: the sign of invented sentences, the refusal of altered files, reproducible training."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from helpers.analyses.tone_model import (
    MODEL_DIR,
    LinearToneModel,
    ToneModelError,
    load_tone_model,
    score_mentions,
    tone_model_from_config,
)
from helpers.inputs.config import PROJECT_ROOT

NEWSMTSC = PROJECT_ROOT.parent / "shared" / "benchmarks" / "newsmtsc"

# Invented sentences, each with one unmistakable stance toward the named person.
INVENTED = [
    ("Critics blasted Senator Jane Doral as a corrupt liar who betrayed her voters.", "Jane Doral", -1),
    ("Mayor Lena Parkes was arrested on charges of fraud, bribery and abuse of power.", "Lena Parkes", -1),
    ("Prosecutors accused Victor Hale of lying to investigators and obstructing justice.", "Victor Hale", -1),
    ("Supporters cheered Governor Ana Ruivo, calling her an honest and inspiring champion of working families.",
     "Ana Ruivo", 1),
    ("Colleagues praised Judge Tom Reyal for his brilliant, fair and courageous work, and he won wide admiration.",
     "Tom Reyal", 1),
]


def mentions(rows: list[tuple[str, str, int]]) -> pd.DataFrame:
    return pd.DataFrame([{"text": t, "start": t.index(name), "end": t.index(name) + len(name)} for t, name, _ in rows])


def test_invented_sentences_get_the_sign_a_reader_gives_them():
    scored = score_mentions(mentions(INVENTED))
    assert list(np.sign(scored["score"])) == [sign for *_, sign in INVENTED]
    assert set(scored["label"]) <= {"negative", "neutral", "positive"}
    probs = scored[["p_negative", "p_neutral", "p_positive"]].to_numpy()
    assert np.allclose(probs.sum(axis=1), 1.0) and (scored["score"].abs() <= 1).all()


def test_the_same_words_toward_another_person_change_the_tone():
    text = "Ada Morrow praised the courage of the rescuers, while Ben Castell was jailed for fraud."
    table = pd.DataFrame({"text": [text, text], "start": [0, text.index("Ben")],
                          "end": [len("Ada Morrow"), text.index("Ben") + len("Ben Castell")]})
    scored = score_mentions(table)
    assert scored["score"].iloc[0] > scored["score"].iloc[1]


def test_an_empty_table_and_missing_columns():
    empty = score_mentions(pd.DataFrame(columns=["text", "start", "end"]))
    assert list(empty.columns) == ["p_negative", "p_neutral", "p_positive", "label", "score"] and empty.empty
    with pytest.raises(ValueError, match="start"):
        score_mentions(pd.DataFrame({"text": ["x"]}))


@pytest.fixture()
def model_copy(tmp_path) -> Path:
    folder = tmp_path / "tone"
    shutil.copytree(MODEL_DIR, folder)
    return folder


def test_the_loader_refuses_a_missing_file(model_copy):
    (model_copy / "coef.npy").unlink()
    with pytest.raises(ToneModelError, match=r"coef\.npy.*missing"):
        LinearToneModel(model_copy)


def test_the_loader_refuses_an_altered_file(model_copy):
    spec = model_copy / "model.json"
    text = spec.read_text(encoding="utf-8")
    spec.write_text(text.replace('"<t>"', '"<x>"', 1), encoding="utf-8")
    assert spec.read_text(encoding="utf-8") != text
    with pytest.raises(ToneModelError, match=r"model\.json.*altered"):
        LinearToneModel(model_copy)
    weights = model_copy / "coef.npy"
    data = bytearray(weights.read_bytes())
    data[-1] ^= 1
    weights.write_bytes(bytes(data))
    with pytest.raises(ToneModelError, match="altered"):
        load_tone_model(model_copy)


def test_the_loader_refuses_a_folder_without_manifest(model_copy):
    (model_copy / "manifest.json").unlink()
    with pytest.raises(ToneModelError, match="manifest"):
        LinearToneModel(model_copy)


class ConstantTone:
    """A plug-in for the test: everyone is neutral."""

    name = "constant"

    def predict_proba(self, mentions: pd.DataFrame) -> np.ndarray:
        return np.tile([0.2, 0.6, 0.2], (len(mentions), 1))


def test_a_plugin_is_configured_by_dotted_path():
    model = tone_model_from_config({"tone_model": f"{__name__}:ConstantTone"})
    assert model.name == "constant"
    scored = score_mentions(mentions(INVENTED[:2]), model)
    assert list(scored["label"]) == ["neutral", "neutral"] and np.allclose(scored["score"], 0)
    assert isinstance(tone_model_from_config({}), LinearToneModel)
    with pytest.raises(ToneModelError, match="cannot be loaded"):
        load_tone_model("no_such_module_here:Model")


@pytest.mark.slow
@pytest.mark.skipif(not (NEWSMTSC / "train.jsonl").is_file() or importlib.util.find_spec("sklearn") is None,
                    reason="NewsMTSC training data or the train extra (scikit-learn) is absent")
def test_training_twice_gives_identical_files(tmp_path):
    from helpers.models.train_tone import train_tone

    data = tmp_path / "data"
    data.mkdir()
    lines = (NEWSMTSC / "train.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    (data / "train.jsonl").write_text("".join(lines[:1500]), encoding="utf-8")
    train_tone(data, tmp_path / "a")
    train_tone(data, tmp_path / "b")
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == ["MODEL_CARD.md", "coef.npy", "keys.npy", "manifest.json", "model.json"]
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    assert len(LinearToneModel(tmp_path / "a").keys) > 1000
