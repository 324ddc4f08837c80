"""Name variants discovered across an invented corpus, and the suggested aliases.yaml they produce."""

from __future__ import annotations

import shutil
import warnings

import yaml

from helpers.inputs.codebook import load_codebook
from helpers.inputs.corpus import load_corpus
from helpers.pipeline.new_study import new_study
from helpers.text.names import fold_name, suggest_aliases, write_suggested_aliases
from helpers.text.normalise import normalise_corpus

ARTICLES = {
    "a.txt": "Governor Nurlan Abayev opened the new bridge on Monday.\n\nAbayev said the work took two years.\n",
    "b.txt": "Governor Nurlan Abaev opened a bridge on Monday.\n\nCritics of Abaev said it cost too much.\n",
    "c.txt": "The bridge built under Nurlan Abaiev was praised by Kairat Sultanov.\n\n"
             "Qairat Sultanov runs the local transport board.\n",
}


def corpus(tmp_path, codebook):
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return normalise_corpus(load_corpus(tmp_path), codebook)


def test_transliteration_folds(codebook):
    assert fold_name("Toqaev", codebook) == fold_name("Tokayev", codebook) == fold_name("Tokaev", codebook)
    assert fold_name("Qasym", codebook) == fold_name("Kassym", codebook) == fold_name("Kassim", codebook)


def test_spellings_cluster_into_one_suggestion(tmp_path):
    study = new_study("s", tmp_path / "study")
    cb = load_codebook(study / "codebook")
    table = suggest_aliases(corpus(_dir(tmp_path), cb), cb).set_index("canonical_suggestion")
    abaev = next(c for c in table.index if "Nurlan" in c)
    assert set(table.loc[abaev, "variants"]) == {"Nurlan Abayev", "Nurlan Abaev", "Nurlan Abaiev", "Abayev", "Abaev"}
    assert table.loc[abaev, "articles"] == 3 and not table.loc[abaev, "already_in_codebook"]
    sultanov = next(c for c in table.index if "Sultanov" in c)
    assert set(table.loc[sultanov, "variants"]) == {"Kairat Sultanov", "Qairat Sultanov"}


def _dir(tmp_path):
    d = tmp_path / "corpus"
    d.mkdir()
    return d


def test_suggested_yaml_is_a_loadable_alias_codebook(tmp_path):
    study = new_study("s", tmp_path / "study")
    cb = load_codebook(study / "codebook")
    table = suggest_aliases(corpus(_dir(tmp_path), cb), cb)
    out = write_suggested_aliases(table, tmp_path / "results" / "suggested_aliases.yaml")
    entities = yaml.safe_load(out.read_text(encoding="utf-8"))["entities"]
    assert any("Abaev" in e["variants"] and "Abayev" in e["variants"] for e in entities)
    # pasted into a study's codebook, the suggestion maps every spelling to one canonical name
    shutil.copy(out, study / "codebook" / "aliases.yaml")
    pasted = load_codebook(study / "codebook")
    assert pasted.canonical("Abaev") == pasted.canonical("Nurlan Abayev") != "Abaev"
