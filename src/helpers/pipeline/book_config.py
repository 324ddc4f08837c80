"""The book's repository link, taken from where the project lives rather than typed into ``_config.yml``.

A published study should link to its source. The address is not known to the code (a fork lives
elsewhere), so the build reads it from ``REFRACT_REPOSITORY_URL`` or from the checkout's ``origin``
remote. Only a public web address is used: a local path or an ssh-only remote never reaches the page.
With no address the book is built from ``_config.yml`` unchanged and has no repository button.
"""

from __future__ import annotations

import os
import re
import subprocess
from html import escape
from pathlib import Path

import yaml

URL_VARIABLE = "REFRACT_REPOSITORY_URL"
PROVIDERS = ("github", "gitlab", "bitbucket")  # hosts the book theme draws a repository button for
SSH_REMOTE = re.compile(r"^(?:ssh://)?git@(?P<host>[\w.-]+)[:/](?P<path>[\w./-]+?)(?:\.git)?/?$")
WEB_REMOTE = re.compile(r"^https://(?:[^@/]+@)?(?P<host>[\w.-]+)/(?P<path>[\w./-]+?)(?:\.git)?/?$")


def web_address(remote: str) -> str | None:
    """The https address of a git remote (credentials dropped), or None when it has none."""
    remote = remote.strip()
    m = WEB_REMOTE.match(remote) or SSH_REMOTE.match(remote)
    return f"https://{m.group('host')}/{m.group('path')}" if m else None


def repository_url(root: Path) -> str | None:
    """The address to link: the environment's setting first, else the checkout's ``origin`` remote."""
    if os.environ.get(URL_VARIABLE):
        return web_address(os.environ[URL_VARIABLE])
    try:
        proc = subprocess.run(["git", "-C", str(root), "remote", "get-url", "origin"], capture_output=True,
                              text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return web_address(proc.stdout) if proc.returncode == 0 else None


def book_config(config: Path, url: str | None, dest: Path) -> Path:
    """``config`` itself when there is no address; else a copy at ``dest`` whose pages link the repository
    (in the footer, and with the theme's button on the hosts it knows)."""
    if url is None:
        return config
    settings = yaml.safe_load(config.read_text(encoding="utf-8")) or {}
    extensions = settings.get("sphinx", {}).get("local_extensions") or {}
    for name, folder in extensions.items():  # read relative to the config file, which now lives elsewhere
        extensions[name] = str((config.parent / folder).resolve())
    settings.setdefault("repository", {})["url"] = url
    settings["repository"].setdefault("branch", "main")
    html = settings.setdefault("html", {})
    # our sphinx.config sets html_theme_options itself, which replaces the theme options Jupyter Book derives
    # from html:, so the footer and the button are given to the theme directly
    theme = settings.setdefault("sphinx", {}).setdefault("config", {}).setdefault("html_theme_options", {})
    theme["extra_footer"] = (theme.get("extra_footer") or "") + (
        f'<p>Source: <a href="{escape(url)}">{escape(url)}</a></p>')  # any host: a plain link in every page footer
    provider = next((p for p in PROVIDERS if p in url.split("/")[2]), None)
    if provider is not None:  # the theme's repository button knows only these hosts
        html["use_repository_button"] = True
        theme.update({"repository_url": url, "use_repository_button": True, "repository_provider": provider,
                      "repository_branch": settings["repository"]["branch"]})
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(yaml.safe_dump(settings, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return dest
