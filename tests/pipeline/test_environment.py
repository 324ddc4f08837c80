"""The lock file, environment.yml and the Makefile agree, and the pins that matter are there."""

from __future__ import annotations

from helpers.inputs.config import PROJECT_ROOT
from helpers.pipeline.environment import environment_pins, read_lock


def test_environment_yml_matches_lock():
    lock = read_lock(PROJECT_ROOT / "requirements.lock")
    env = environment_pins(PROJECT_ROOT / "environment.yml")
    assert env == lock, {
        k: (lock.get(k), env.get(k))
        for k in set(lock) ^ set(env) | {k for k in set(lock) & set(env) if lock[k] != env[k]}
    }


def test_key_packages_pinned():
    lock = read_lock(PROJECT_ROOT / "requirements.lock")
    for name in ("jupyter-book", "pandas", "matplotlib", "nltk", "papermill", "vadersentiment", "pyyaml"):
        assert name in lock, name
    major = int(lock["jupyter-book"].split(".")[0])
    assert major == 1, "Jupyter Book 2 drops _config.yml, glue and Sphinx extensions"


def test_makefile_installs_from_lock():
    makefile = (PROJECT_ROOT / "Makefile").read_text()
    assert "-r requirements.lock" in makefile
    assert "helpers provision" in makefile


def test_no_nltk_download_anywhere():
    for folder in ("src", "notebooks"):
        for path in (PROJECT_ROOT / folder).rglob("*"):
            if path.suffix not in (".py", ".ipynb"):
                continue
            assert "nltk.download" not in path.read_text(encoding="utf-8"), path


def test_environment_check_names_a_drifted_pin(tmp_path):
    from helpers.pipeline.environment import check, write_environment

    lock = tmp_path / "requirements.lock"
    lock.write_text("pandas==3.0.0\nnltk==3.9\n", encoding="utf-8")
    env = tmp_path / "environment.yml"
    write_environment(lock, env)
    assert check(lock, env) == []
    lock.write_text("pandas==3.0.1\nnltk==3.9\n", encoding="utf-8")
    assert check(lock, env) == ["pandas: lock 3.0.1, environment.yml 3.0.0"]
