"""The code a book was built with: the git commit, whether the working tree was clean, and the package version.

Input hashes say what was read, not what read it. A reader who wants to rerun a book needs the commit and to
know whether the tree was clean; the run records both when it starts (``run.json``), and the method and
cite pages print that record, so every page of one build names the same commit.
"""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

from helpers.inputs.config import PROJECT_ROOT


def git_version(root: Path = PROJECT_ROOT) -> dict[str, str]:
    """The code a run used: the git commit and whether the working tree held uncommitted changes.

    Input hashes say what was read, not what read it; a reader who wants to rerun the book needs the
    commit, and to know whether the tree was clean (else the commit alone does not reproduce it).
    """
    import subprocess

    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=20,
                              check=True).stdout.strip()

    try:
        commit, changes = git("rev-parse", "HEAD"), git("status", "--porcelain")
    except (OSError, subprocess.SubprocessError):
        return {"commit": "not recorded (not a git checkout)", "tree": "unknown"}
    return {"commit": commit, "tree": "clean" if not changes else "with uncommitted changes"}


CODE_VERSION_PAGE = "code_version.md"  # written next to the results; the cite page includes it


def package_version() -> str:
    """The installed helpers package's version (the one CITATION.cff must give)."""
    try:
        return metadata.version("refract-helpers")
    except metadata.PackageNotFoundError:
        return "unknown"


def code_version_text(version: dict[str, str], package: str) -> str:
    """The code version in one sentence, for the method and cite pages."""
    if version.get("tree") == "unknown":
        return f"Built with version {package} of the helpers package; the git commit was {version['commit']}."
    if version.get("tree") == "clean":
        return (f"Built with version {package} of the helpers package, from commit `{version['commit']}`; the "
                "working tree was clean.")
    return (f"Built with version {package} of the helpers package, from commit `{version['commit']}`; the working "
            "tree had uncommitted changes, so the commit alone does not reproduce this build.")


def run_code_version(run_folder: str | Path | None) -> dict[str, str]:
    """The code version the run recorded when it started (``run.json``), so every page of one build names the
    same commit; outside a run (a notebook opened by hand), the checkout's version now."""
    import json

    record = Path(run_folder) / "run.json" if run_folder else None
    if record is not None and record.is_file():
        version = json.loads(record.read_text(encoding="utf-8")).get("code_version")
        if isinstance(version, dict) and "commit" in version:
            return {"commit": str(version["commit"]), "tree": str(version.get("tree", "unknown"))}
    return git_version()
