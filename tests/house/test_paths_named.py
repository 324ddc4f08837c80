"""Every file the CI workflows, the Makefile and the pre-commit hooks name exists.

A restructure that moves a file breaks the commands that name it without any test noticing (the Pages
workflow once ran a test file that had moved). Here those commands are read as data: every token that
names a file of the repository must exist, except what the commands themselves make (git-ignored paths,
``mkdir``/``cp``/``--out`` targets) and what lies outside the repository (``../``, absolute paths).
"""

from __future__ import annotations

import fnmatch
import os
import re
import shlex
from pathlib import Path

import pytest
import yaml

from helpers.inputs.config import PROJECT_ROOT

WORKFLOWS = sorted((PROJECT_ROOT / ".github" / "workflows").glob("*.yml"))
MAKEFILE = PROJECT_ROOT / "Makefile"
PRE_COMMIT = PROJECT_ROOT / ".pre-commit-config.yaml"

# A token with one of these endings, or with a slash, names a file; the argument of an input option too.
FILE_ENDINGS = (".py", ".yml", ".yaml", ".lock", ".toml", ".cfg", ".md", ".txt", ".json", ".csv", ".ipynb", ".sh")
INPUT_OPTIONS = ("--corpus", "--codebook", "--gold", "--study", "-r", "--requirement")
OUTPUT_OPTIONS = ("--out", "-o", "--dest", "--book-dir", "--nltk-data")  # made by the command itself
MAKES_ITS_ARGUMENTS = ("mkdir", "rm", "test", "touch")  # creates, removes or only asks about its arguments
MAKES_ITS_LAST_ARGUMENT = ("cp", "mv", "ln")
SEPARATORS = {"&&", "||", ";", "|", "(", ")", "{", "}", "&"}
ASSIGNMENT = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\s*(?::=|\?=|=)\s*(.*)$")
RULE = re.compile(r"^([^\t#=:][^=:]*):(?!=)\s*(.*)$")
MAKE_VARIABLE = re.compile(r"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")


def _gitignore_patterns() -> list[str]:
    lines = (PROJECT_ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.startswith(("#", "!"))]


def ignored(rel: str, patterns: list[str]) -> bool:
    """True when ``rel`` or a folder above it is git-ignored: a generated path, which need not exist yet."""
    parts = rel.strip("/").split("/")
    for i in range(1, len(parts) + 1):
        prefix, name = "/".join(parts[:i]), parts[i - 1]
        for pattern in patterns:
            p = pattern.rstrip("/")
            if fnmatch.fnmatch(prefix, p.lstrip("/")) if "/" in p else fnmatch.fnmatch(name, p):
                return True
    return False


def _is_file_token(token: str) -> bool:
    """A token that reads as a path inside the repository (not a URL, an option, prose or an outside path)."""
    if not token or any(c.isspace() for c in token) or "$" in token or "://" in token or "@" in token:
        return False
    if token.startswith(("-", "/", "..", "~")) or "*" in token or "=" in token:
        return False
    return "/" in token or token.endswith(FILE_ENDINGS)


def command_paths(command: str) -> list[str]:
    """The repository paths a shell command reads: file-like tokens, minus what the command makes or removes."""
    lexer = shlex.shlex(command, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    try:
        tokens = list(lexer)
    except ValueError:  # an unbalanced quote: read it word by word
        tokens = command.split()
    found: list[str] = []
    simple: list[str] = []  # one simple command (up to a separator)
    written = False  # the word after ">" is a file the command writes
    for token in [*tokens, ";"]:
        if written:
            written = False
        elif token.startswith(">"):
            written = True
        elif token == "<":
            continue
        elif token in SEPARATORS:
            found += _simple_command_paths(simple)
            simple = []
        else:
            simple.append(token)
    return found


def _simple_command_paths(words: list[str]) -> list[str]:
    if not words:
        return []
    program = words[0].lstrip("@-")
    if program in MAKES_ITS_ARGUMENTS or program == "echo":
        return []
    args = words[1:-1] if program in MAKES_ITS_LAST_ARGUMENT else words[1:]
    out: list[str] = []
    for i, word in enumerate(args):
        before = args[i - 1] if i else ""
        if before in OUTPUT_OPTIONS:
            continue
        if _is_file_token(word) or (before in INPUT_OPTIONS and _is_file_token(word + "/")):
            out.append(word)
    if _is_file_token(program) and "/" in program:
        out.append(program)
    return out


def makefile_paths(text: str) -> list[str]:
    """Paths named in a Makefile's rules and recipes, with its own variables expanded."""
    text = re.sub(r"\\\n", " ", text)
    variables: dict[str, str] = {}
    for line in text.splitlines():
        m = ASSIGNMENT.match(line)
        if m and not line.startswith("\t"):
            variables.setdefault(m.group(1), m.group(2).split("#")[0].strip())

    def expand(s: str) -> str:
        for _ in range(10):  # variables that name variables
            s = MAKE_VARIABLE.sub(lambda v: variables.get(v.group(1), v.group()), s)
        return s

    found: list[str] = []
    for line in text.splitlines():
        if line.startswith("\t"):
            found += command_paths(expand(line.strip()))
        elif (rule := RULE.match(line)) and not ASSIGNMENT.match(line) and not line.startswith("."):
            found += [w for w in expand(rule.group(2).split("#")[0]).split() if _is_file_token(w)]
    return found


def _strings_under(node: object, key: str) -> list[str]:
    """Every string value of a YAML mapping key ``key``, however deeply nested."""
    if isinstance(node, dict):
        here = [v for k, v in node.items() if k == key and isinstance(v, str)]
        return here + [s for v in node.values() for s in _strings_under(v, key)]
    if isinstance(node, list):
        return [s for v in node for s in _strings_under(v, key)]
    return []


def workflow_paths(text: str) -> list[str]:
    """Paths a GitHub workflow names: in its ``run`` commands and in ``*path`` inputs of its steps."""
    doc = yaml.safe_load(text)
    found = [p for run in _strings_under(doc, "run") for line in run.splitlines() for p in command_paths(line)]
    for step_inputs in _values_of(doc, "with"):
        found += [v for k, v in step_inputs.items() if k.endswith("path") and isinstance(v, str) and _is_file_token(v)]
    return found


def _values_of(node: object, key: str) -> list[dict]:
    if isinstance(node, dict):
        here = [v for k, v in node.items() if k == key and isinstance(v, dict)]
        return here + [d for v in node.values() for d in _values_of(v, key)]
    if isinstance(node, list):
        return [d for v in node for d in _values_of(v, key)]
    return []


def pre_commit_paths(text: str) -> tuple[list[str], list[str]]:
    """The paths a pre-commit config's hook commands name, and its ``files`` patterns."""
    doc = yaml.safe_load(text)
    return [p for e in _strings_under(doc, "entry") for p in command_paths(e)], _strings_under(doc, "files")


def repository_files() -> list[str]:
    """Every file of the checkout that is not git-ignored, as a path relative to the root."""
    patterns = _gitignore_patterns()
    out = []
    for folder, dirs, files in os.walk(PROJECT_ROOT):
        rel = Path(folder).relative_to(PROJECT_ROOT).as_posix()
        dirs[:] = [d for d in dirs if d != ".git" and not ignored(f"{rel}/{d}".lstrip("./"), patterns)]
        out += [f"{rel}/{f}".removeprefix("./") for f in files]
    return out


def missing(paths: list[str]) -> list[str]:
    """The paths that do not exist and are not generated (git-ignored)."""
    patterns = _gitignore_patterns()
    return sorted({p for p in paths if not ignored(p, patterns) and not (PROJECT_ROOT / p).exists()})


SOURCES = {
    **{f".github/workflows/{p.name}": (workflow_paths, p) for p in WORKFLOWS},
    "Makefile": (makefile_paths, MAKEFILE),
}


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_every_path_named_exists(name):
    read, path = SOURCES[name]
    paths = read(path.read_text(encoding="utf-8"))
    assert missing(paths) == [], f"{name} names files that do not exist"


def test_the_commands_are_read_at_all():
    """The reader finds the files everyone knows are named, so an empty result is not a pass by accident."""
    book = workflow_paths((PROJECT_ROOT / ".github" / "workflows" / "book.yml").read_text(encoding="utf-8"))
    assert "tests/pipeline/test_environment.py" in book
    make = makefile_paths(MAKEFILE.read_text(encoding="utf-8"))
    assert {"requirements.lock", "pyproject.toml", "studies/kazakhstan-2022"} <= set(make)
    hooks, _ = pre_commit_paths(PRE_COMMIT.read_text(encoding="utf-8"))
    assert {"src/helpers/pipeline/environment.py", "requirements.lock", "environment.yml"} <= set(hooks)


def test_pre_commit_hooks_name_files_that_exist():
    hooks, patterns = pre_commit_paths(PRE_COMMIT.read_text(encoding="utf-8"))
    assert missing(hooks) == []
    files = repository_files()
    for pattern in patterns:  # a hook whose files pattern matches nothing never runs
        assert any(re.search(pattern, f) for f in files), f"pre-commit files pattern {pattern!r} matches no file"


def test_a_moved_file_is_caught():
    """The test can fail: the Pages workflow as it was, and invented commands naming files that are gone."""
    old = "jobs:\n  b:\n    steps:\n      - run: .venv/bin/python -m pytest tests/test_environment.py -q\n"
    assert missing(workflow_paths(old)) == ["tests/test_environment.py"]
    make = ("CODEBOOK ?= src/helpers/codebooks/no-such-study\n"
            "x: requirements.lock gone.toml\n\tpython $(CODEBOOK)/a.py\n")
    assert missing(makefile_paths(make)) == ["gone.toml", "src/helpers/codebooks/no-such-study/a.py"]
    hook = "repos:\n  - repo: local\n    hooks:\n      - id: x\n        entry: python src/helpers/gone.py\n"
    assert missing(pre_commit_paths(hook)[0]) == ["src/helpers/gone.py"]


def test_what_commands_make_is_not_required():
    made = "mkdir -p build-x out2 && cp a/b.json new/c.json && rm -rf old/d && helpers run --out new/e > log/f.txt"
    assert command_paths(made) == ["a/b.json"]
    assert command_paths('echo "see src/nowhere.py" && python -m helpers') == []
    assert command_paths("curl https://example.org/x.py && ls ../shared/y.txt /etc/z.conf") == []
