"""Bad codebooks, as a careless or hostile user would write them: one test per defect of issue 23, named after it.

Every case ends in one line naming the file (and, for content, the path inside it and the rule), quickly;
nothing is silently ignored, nothing blocks or expands without bound.
"""

from __future__ import annotations

import os
import shutil
import time
import warnings
from pathlib import Path

import pytest
from conftest import write_corpus

from helpers.inputs import user_patterns
from helpers.inputs.codebook import CodebookError, load_codebook
from helpers.inputs.config import CODEBOOKS_DIR, DEFAULT_CODEBOOK, GENERAL_CODEBOOK, PROJECT_ROOT
from helpers.inputs.corpus import CorpusWarning, load_corpus

STORY = "Protesters gathered in the square on Thursday. Police said 20 people were detained in the city.\n"


def event(tmp_path: Path, **files: str | bytes) -> Path:
    """An event codebook folder holding ``files`` (name without .yaml -> content)."""
    folder = tmp_path / "codebook"
    folder.mkdir(exist_ok=True)
    for name, content in files.items():
        path = folder / f"{name}.yaml"
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return folder


def refused(folder: Path, *words: str, general: Path | None = None) -> str:
    """The one-line error loading ``folder`` gives; it names the file and holds ``words``."""
    with pytest.raises(CodebookError) as caught:
        load_codebook(folder, general)
    message = str(caught.value)
    assert "\n" not in message, message
    for word in words:
        assert word in message, message
    return message


# 6. Catastrophic patterns


def test_6_catastrophic_pattern_is_stopped_naming_file_and_rule(tmp_path, monkeypatch):
    monkeypatch.setattr(user_patterns, "PATTERN_SECONDS", 0.2)
    from helpers.text.normalise import normalise_corpus

    folder = event(tmp_path, boilerplate="lines:\n  - kind: promo\n    pattern: '(a+)+$'\n"
                                         "  - kind: trap\n    pattern: '(a|aa)+$'\n")
    codebook = load_codebook(folder)
    corpus = write_corpus(tmp_path / "c", {"a.txt": STORY + "a" * 48 + "!\n"})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        articles = load_corpus(corpus)
    start = time.monotonic()
    with pytest.raises(CodebookError) as caught:
        normalise_corpus(articles, codebook)
    assert time.monotonic() - start < 10
    message = str(caught.value)
    assert "boilerplate.yaml: lines[1] (kind 'trap')" in message and "(a|aa)+$" in message
    assert "backtracks catastrophically" in message


# 7. A FIFO as a codebook file


def test_7_fifo_as_a_codebook_file_is_refused_without_blocking(tmp_path):
    folder = event(tmp_path)
    os.mkfifo(folder / "aliases.yaml")
    refused(folder, "aliases.yaml", "named pipe (FIFO), not a regular file")


# 8. YAML alias bombs


def test_8_yaml_alias_bomb_is_refused(tmp_path):
    bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for level in "bcdefghi":
        bomb += f"{level}: &{level} [" + ",".join([f"*{chr(ord(level) - 1)}"] * 9) + "]\n"
    start = time.monotonic()
    refused(event(tmp_path, event=bomb), "event.yaml", "line 1", "anchors and aliases")
    assert time.monotonic() - start < 5


# 11, 16 and 24. Misspelt keys, strings for lists, and raw errors: each names the file, the path and the problem


def test_11_misspelt_keys_name_the_file_the_key_and_the_nearest_valid_key(tmp_path):
    refused(event(tmp_path, aliases="entites:\n  - canonical: X\n"), "aliases.yaml", "'entites'", "'entities'")
    refused(event(tmp_path, aliases="entities: []\n",
                  frames="frames:\n  riot:\n    label: Riot\n    term: [riot]\n"),
            "frames.yaml", "frames.riot: unknown key 'term'; did you mean 'terms'?")


def test_16_a_string_where_a_list_belongs_is_an_error(tmp_path):
    refused(event(tmp_path, frames="frames:\n  riot:\n    terms: riot\n"),
            "frames.yaml", "frames.riot.terms: 'riot' is a text, expected a list of words or phrases")


BAD_CODEBOOKS = {
    "entities_a_string": ({"aliases": 'entities: "X"\n'}, "aliases.yaml: entities: 'X' is a text, expected a list"),
    "variants_a_number": ({"aliases": "entities:\n  - canonical: X\n    variants: 12\n"},
                          "aliases.yaml: entities[0].variants: 12 is a number, expected a list"),
    "entity_without_canonical": ({"aliases": "entities:\n  - variants: [X]\n"},
                                 "aliases.yaml: entities[0]: 'canonical' is missing"),
    "terms_read_as_booleans": ({"frames": "frames:\n  x:\n    terms: [no, off]\n"},
                               "frames.yaml: frames.x.terms[0]: False is true/false"),
    "bad_span_pattern": ({"boilerplate": "spans:\n  - kind: junk\n    pattern: '(?P<'\n"},
                         "boilerplate.yaml: spans[0] (kind 'junk'): pattern '(?P<' is not a valid regular expression"),
    "cp1252_aliases": ({"aliases": "entities:\n  - canonical: Caf\xe9\n".encode("cp1252")},
                       "aliases.yaml: not UTF-8 (byte 28 is 0xe9)"),
    "deeply_nested_list": ({"frames": "frames: " + "[" * 5000 + "]" * 5000 + "\n"},
                           "frames.yaml: line 1: nested more than"),
    "alias_bomb_as_frame_terms": ({"frames": "t: &t [riot, riot]\nframes:\n  x:\n    terms: [*t, *t]\n"},
                                  "frames.yaml: line 1: YAML anchors and aliases"),
    "not_yaml": ({"event": "name: [unclosed\n"}, "event.yaml: not valid YAML at line 2"),
    "unknown_gender": ({"aliases": "entities:\n  - canonical: X\n    gender: femal\n"},
                       "entities[0].gender: 'femal' is not one of male, female, institution, any"),
}


@pytest.mark.parametrize("case", sorted(BAD_CODEBOOKS))
def test_24_codebook_errors_name_the_file_the_path_and_the_problem(tmp_path, case):
    files, words = BAD_CODEBOOKS[case]
    refused(event(tmp_path, **files), words)


def test_11_every_shipped_and_example_codebook_loads():
    folders = [DEFAULT_CODEBOOK, CODEBOOKS_DIR / "templates",
               PROJECT_ROOT / "examples" / "harbour-strike" / "codebook"]
    for folder in folders:
        codebook = load_codebook(folder)
        assert codebook.boilerplate_lines and codebook.abbreviations


def test_11_general_files_take_new_word_lists_but_not_misspelt_keys(tmp_path):
    general = tmp_path / "general"
    shutil.copytree(GENERAL_CODEBOOK, general)
    roles = general / "roles.yaml"
    roles.write_text(roles.read_text(encoding="utf-8") + "force_nouns: [troops, police]\n", encoding="utf-8")
    assert load_codebook(None, general).section("roles")["force_nouns"] == ["troops", "police"]
    verbs = general / "speech_verbs.yaml"
    verbs.write_text(verbs.read_text(encoding="utf-8") + "verb: [said]\n", encoding="utf-8")
    refused(None, "speech_verbs.yaml: verb: unknown key 'verb'; did you mean 'verbs'?", general=general)
