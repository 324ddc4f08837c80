"""Cite and reproduce: CITATION.cff, the cite page and the package agree on the version; the run gives the
code version (commit and tree state); the corpus is offered only when the study says it may be."""

from __future__ import annotations

import datetime
import re
import subprocess

import yaml

from helpers.inputs.config import PROJECT_ROOT
from helpers.publication.build_version import code_version_text, git_version
from helpers.publication.downloads import corpus_download_text, write_corpus_download


def _pyproject_version() -> str:
    text = (PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8")
    return re.search(r'^version = "([^"]+)"', text, re.MULTILINE).group(1)


def test_citation_version_matches_the_package_and_the_cite_page():
    cff = yaml.safe_load((PROJECT_ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert str(cff["version"]) == _pyproject_version()
    released = cff["date-released"]
    released = released if isinstance(released, datetime.date) else datetime.date.fromisoformat(str(released))
    assert released <= datetime.date.today()
    cite = (PROJECT_ROOT / "book" / "cite.md").read_text(encoding="utf-8")
    assert f"(version {cff['version']})" in cite and f"version = {{{cff['version']}}}" in cite
    assert "data/code_version.md" in cite and "data/corpus_download.md" in cite


def test_code_version_names_the_commit_and_the_tree(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "a.txt").write_text("one\n")
    subprocess.run(["git", "-C", str(tmp_path), "add", "a.txt"], check=True)
    subprocess.run(["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@example.org", "commit",
                    "-q", "-m", "one"], check=True)
    clean = git_version(tmp_path)
    assert re.fullmatch(r"[0-9a-f]{40}", clean["commit"]) and clean["tree"] == "clean"
    (tmp_path / "a.txt").write_text("two\n")
    assert git_version(tmp_path)["tree"] == "with uncommitted changes"
    text = code_version_text(git_version(tmp_path), "9.9.9")
    assert clean["commit"] in text and "does not reproduce" in text and "9.9.9" in text


def test_outside_a_checkout_the_commit_is_not_recorded(tmp_path):
    version = git_version(tmp_path / "nowhere")
    assert version["tree"] == "unknown" and "not recorded" in version["commit"]


def test_the_corpus_is_offered_only_when_the_study_allows(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("An invented article about a harbour.\n")
    results = tmp_path / "results"
    results.mkdir()
    (results / "corpus.zip").write_bytes(b"left from an earlier run")
    page = write_corpus_download(corpus, results, redistribute=False)
    assert not (results / "corpus.zip").exists()
    assert "data/articles.csv" in page.read_text() and "data/corpus.zip" not in page.read_text()
    assert "redistribute_corpus" in corpus_download_text(False)
    write_corpus_download(corpus, results, redistribute=True)
    assert (results / "corpus.zip").exists() and "data/corpus.zip" in corpus_download_text(True)


def test_near_perfect_scores_show_their_counts(tmp_path):
    import json

    import pandas as pd

    from helpers.publication.accuracy import accuracy_summary, counted, scores_side_by_side

    assert counted(0.9952, 824, 828) == "0.995 (824 of 828)"
    assert counted(1.0) == "1.000"
    (tmp_path / "invented-dev.json").write_text(json.dumps({
        "task": "quotes", "n_gold": 40, "n_predicted": 41, "matched": 39, "precision": 39 / 41, "recall": 39 / 40,
        "f1": 0.9630, "speaker_accuracy": 0.9, "articles": 7}))
    own = pd.DataFrame({"test_set": ["seeds"], "gold": [20], "predicted": [20], "matched": [20],
                        "precision": [1.0], "recall": [1.0], "f1": [1.0], "speaker_accuracy": [1.0]})
    table = scores_side_by_side(own, "quotes", "in-sample", ["test_set", "gold", "precision", "recall", "f1"],
                                tmp_path)
    assert list(table["set"]) == ["seeds", "invented-dev"]
    assert list(table["kind"]) == ["in-sample", "development (tuned against)"]
    assert list(table["precision"]) == ["1.000 (20 of 20)", "0.951 (39 of 41)"]
    assert "precision 1.000 (20 of 20)" in accuracy_summary("quotes", own, "in-sample")


def test_every_page_of_a_run_names_the_commit_the_run_recorded(tmp_path):
    import json

    from helpers.publication.build_version import run_code_version

    (tmp_path / "run.json").write_text(json.dumps({"code_version": {"commit": "abc123", "tree": "clean"}}))
    assert run_code_version(tmp_path) == {"commit": "abc123", "tree": "clean"}
    assert code_version_text(run_code_version(tmp_path), "1.2.3") == (
        "Built with version 1.2.3 of the helpers package, from commit `abc123`; the working tree was clean.")
