"""Name variants discovered across an invented corpus, and the suggested aliases.yaml they produce."""

from __future__ import annotations

import shutil
import warnings

import yaml

from helpers.inputs.codebook import load_codebook
from helpers.inputs.corpus import load_corpus
from helpers.pipeline.new_study import new_study
from helpers.text.name_groups import fold_name, suggest_aliases, write_suggested_aliases
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


TRAPS = {
    "t1.txt": "Senator Walter Brennick spoke in Dover on Monday. Brennick said the vote was close.\n\n"
              "His wife, Margot Brennick, said the family would come home. Margot Brennick smiled.\n",
    "t2.txt": "Walter Brennick thanked donors. Come Tuesday, W. Brennick will travel. Mr. Brennick left.\n\n"
              "Director James Comey wrote to Congress. Comey said the review was over. Comey declined to say more.\n",
    "t3.txt": "Islamic State claimed the attack. Penn State won again. The United States responded.\n\n"
              "Islamic State fighters fled. Penn State fans cheered. United States officials met.\n\n"
              "Come what may, the aide said. Voters come and go. They come back.\n",
    "t4.txt": "Deutsche Bank lent money to Doug Band. Band said he had done nothing wrong.\n\n"
              "Deutsche Bank declined to comment. Doug Band later resigned. Ban Ki-moon spoke. Ban Ki-moon left.\n",
    "t5.txt": "Nurlan Abayev and Nurlan Abaev opened the bridge. Kassym Tokayev and Qasym Toqaev spoke.\n",
}


def _traps(tmp_path, cb):
    d = _dir(tmp_path)
    for name, text in TRAPS.items():
        (d / name).write_text(text, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return suggest_aliases(normalise_corpus(load_corpus(d), cb), cb, min_mentions=1)


def test_no_group_merges_two_people_or_a_word_with_a_name(tmp_path):
    study = new_study("s", tmp_path / "study")
    cb = load_codebook(study / "codebook")
    table = _traps(tmp_path, cb)
    groups = [set(v) for v in table["variants"]]
    by_member = {v: g for g in groups for v in g}
    # two members of one family: never together, and the bare surname joins neither
    assert "Margot Brennick" not in by_member["Walter Brennick"]
    assert "Brennick" not in by_member.get("Walter Brennick", set()) | by_member.get("Margot Brennick", set())
    # a common word is never a name, nor grouped with one
    assert not any("Come" in g for g in groups)
    assert {"James Comey", "Comey"} <= by_member["James Comey"]
    # "State" in three names, a bank beside a surname, two short names: each stays itself
    for name in ("Islamic State", "Penn State", "United States", "Deutsche Bank", "Ban Ki-moon"):
        assert by_member[name] == {name}, by_member[name]
    assert by_member["Doug Band"] == {"Doug Band", "Band"}
    assert set(table.set_index("canonical_suggestion").loc["Deutsche Bank", ["type"]]) == {"organisation"}
    # transliterations still meet
    assert {"Nurlan Abayev", "Nurlan Abaev"} <= by_member["Nurlan Abayev"]
    assert {"Kassym Tokayev", "Qasym Toqaev"} <= by_member["Kassym Tokayev"]


def test_each_group_has_an_example_sentence(tmp_path):
    study = new_study("s", tmp_path / "study")
    cb = load_codebook(study / "codebook")
    table = _traps(tmp_path, cb).set_index("canonical_suggestion")
    assert table.loc["James Comey", "example"] == "Director James Comey wrote to Congress."
    assert (table["example"].str.len() > 0).all()
    out = write_suggested_aliases(table.reset_index(), tmp_path / "suggested_aliases.yaml").read_text(encoding="utf-8")
    assert '# e.g. "Director James Comey wrote to Congress."' in out


def test_groups_the_codebook_confirms_are_not_proposed_again(tmp_path):
    study = new_study("s", tmp_path / "study")
    (study / "codebook" / "aliases.yaml").write_text(
        "entities:\n  - canonical: James Comey\n    type: person\n    gender: male\n    group: other\n"
        "    variants: [James Comey, Comey]\n", encoding="utf-8")
    cb = load_codebook(study / "codebook")
    table = _traps(tmp_path, cb).set_index("canonical_suggestion")
    assert table.loc["James Comey", "already_in_codebook"]
    out = write_suggested_aliases(table.reset_index(), tmp_path / "s.yaml").read_text(encoding="utf-8")
    assert "canonical: \"James Comey\"" not in out and "\"Comey\"" not in out
