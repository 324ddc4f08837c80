"""The repository link comes from where the project lives; without a public address the book has none."""

from __future__ import annotations

import subprocess

import yaml

from helpers.pipeline.book_config import URL_VARIABLE, book_config, repository_url, web_address


def test_remotes_become_web_addresses_without_credentials():
    assert web_address("git@github.com:someone/refract.git") == "https://github.com/someone/refract"
    assert web_address("https://token@gitlab.example.org/team/refract.git\n") == "https://gitlab.example.org/team/refract"
    assert web_address("ssh://git@codeberg.org/a/b") == "https://codeberg.org/a/b"
    assert web_address("/home/me/refract") is None
    assert web_address("file:///srv/git/refract.git") is None


def test_the_address_is_read_from_the_origin_remote(tmp_path, monkeypatch):
    monkeypatch.delenv(URL_VARIABLE, raising=False)
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    assert repository_url(tmp_path) is None
    subprocess.run(["git", "-C", str(tmp_path), "remote", "add", "origin", "git@github.com:x/y.git"], check=True)
    assert repository_url(tmp_path) == "https://github.com/x/y"
    monkeypatch.setenv(URL_VARIABLE, "https://example.org/fork/refract")
    assert repository_url(tmp_path) == "https://example.org/fork/refract"


def test_config_shows_the_button_only_with_an_address(tmp_path):
    config = tmp_path / "_config.yml"
    config.write_text("title: T\nhtml:\n  use_repository_button: false\n"
                      "sphinx:\n  local_extensions:\n    ext_mod: book/_ext\n", encoding="utf-8")
    assert book_config(config, None, tmp_path / "out.yml") == config
    assert not (tmp_path / "out.yml").exists()
    written = yaml.safe_load(book_config(config, "https://example.org/a/b", tmp_path / "out.yml").read_text())
    assert written["repository"] == {"url": "https://example.org/a/b", "branch": "main"}
    theme = written["sphinx"]["config"]["html_theme_options"]
    assert '<a href="https://example.org/a/b">' in theme["extra_footer"] and written["title"] == "T"
    assert "repository_url" not in theme  # the theme has no button for this host
    assert written["sphinx"]["local_extensions"]["ext_mod"] == str((tmp_path / "book" / "_ext").resolve())
    hub = yaml.safe_load(book_config(config, "https://github.com/x/y", tmp_path / "hub.yml").read_text())
    assert hub["html"]["use_repository_button"] is True
    assert hub["sphinx"]["config"]["html_theme_options"]["repository_provider"] == "github"
    assert "use_repository_button: false" in config.read_text()  # the project's file is never changed
