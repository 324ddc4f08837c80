"""The house rules a newcomer relies on: no event knowledge in Python, small modules, the package alone."""

from __future__ import annotations

import ast
import re

import yaml

from helpers.inputs.config import DEFAULT_CODEBOOK, DEFAULT_STUDY, PACKAGE_DIR, PROJECT_ROOT

SOURCES = sorted(PACKAGE_DIR.rglob("*.py"))
EVENT_CODEBOOK = DEFAULT_CODEBOOK
MAX_MODULE_LINES = 410  # "about 400"


def _strings(node: object) -> list[str]:
    """Every string in a YAML value, however deeply nested."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for k, v in node.items() for s in _strings(k) + _strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return []


def event_words() -> set[str]:
    """Capitalised words and acronyms from the Kazakhstan codebook: names, places, organisations, outlets."""
    words: set[str] = set()
    for path in [*EVENT_CODEBOOK.glob("*.yaml"), DEFAULT_STUDY / "study.yaml"]:
        for text in _strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
            words.update(w for w in re.findall(r"\b[A-Z][A-Za-z]{3,}\b", text) if not w.isupper() or len(w) <= 6)
    # words that are also plain English at the start of a sentence are not event knowledge
    common = {"Secretary", "Democratic", "Republican",
              "The", "This", "That", "They", "There", "These", "When", "With", "From", "After", "Before", "Over",
              "President", "Minister", "Prime", "Ministry", "Security", "Council", "State", "Department", "Police",
              "Interior", "Foreign", "Defence", "Defense", "Affairs", "Health", "National", "Committee", "Service",
              "Office", "General", "Agency", "News", "Press", "Reuters", "January", "Monday", "Tuesday", "Wednesday",
              "Thursday", "Friday", "Saturday", "Sunday", "Read", "More", "Photo", "Copyright", "Image", "Share",
              "Follow", "Subscribe", "Sign", "Related", "Advertisement", "Getty", "Images", "Updated", "Published"}
    return words - common


def test_no_event_knowledge_in_python():
    words = event_words()
    assert {"Tokayev", "Almaty"} <= words, "the scan must see the codebook's names"
    pattern = re.compile(r"\b(" + "|".join(sorted(map(re.escape, words))) + r"|CSTO|troops?)\b")
    hits = []
    for path in SOURCES:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for m in pattern.finditer(line):
                hits.append(f"{path.relative_to(PACKAGE_DIR)}:{n}: {m.group()}")
    assert not hits, "event words in Python (move them to the event codebook):\n" + "\n".join(hits)


def test_modules_are_small():
    big = [f"{p.relative_to(PACKAGE_DIR)} ({n} lines)" for p in SOURCES
           if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES]
    assert not big, big


def test_no_module_named_utils():
    assert not [p for p in SOURCES if p.stem in ("utils", "util", "misc", "common")]


def test_package_never_imports_tests():
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "tests":
                raise AssertionError(f"{path} imports {node.module}")
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and "tests/gold/scoring" in node.value:
                raise AssertionError(f"{path} loads test code")


def test_imports_point_down_the_layers():
    """pipeline -> evaluation/publication -> analyses -> text -> inputs; never upwards."""
    rank = {"inputs": 0, "text": 1, "analyses": 2, "evaluation": 3, "publication": 3, "pipeline": 4}
    for path in SOURCES:
        rel = path.relative_to(PACKAGE_DIR).parts
        if len(rel) < 2 or rel[0] not in rank:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("helpers."):
                layer = node.module.split(".")[1]
                if layer in rank and layer != rel[0]:
                    assert rank[layer] < rank[rel[0]], f"{path.relative_to(PROJECT_ROOT)} imports {node.module}"


MAX_FUNCTION_LINES = 60


def test_functions_are_short():
    long = []
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                n = node.end_lineno - node.lineno + 1
                if n > MAX_FUNCTION_LINES:
                    long.append(f"{path.relative_to(PACKAGE_DIR)}:{node.lineno} {node.name} ({n} lines)")
    assert not long, long


def _module_name(path) -> str:
    return ".".join(path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts).removesuffix(".__init__")


def _imported(path) -> set[str]:
    """The helpers modules a module imports (at any depth: lazy imports inside functions count too)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("helpers"):
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("helpers"))
    return found


def test_no_two_modules_import_each_other():
    modules = {_module_name(p): p for p in SOURCES}
    imports = {name: _imported(path) & set(modules) for name, path in modules.items()}
    def nested(a: str, b: str) -> bool:  # a package and its own module
        return b.startswith(a + ".") or a.startswith(b + ".")

    pairs = sorted({tuple(sorted((a, b))) for a, deps in imports.items() for b in deps
                    if a != b and a in imports.get(b, set()) and not nested(a, b)})
    assert not pairs, f"modules that import each other: {pairs}"


def test_no_two_modules_share_a_name():
    """Two modules of one name are only allowed in the same folder role (e.g. __init__)."""
    by_name: dict[str, list[str]] = {}
    for path in SOURCES:
        if path.name not in ("__init__.py", "__main__.py"):
            by_name.setdefault(path.stem, []).append(str(path.relative_to(PACKAGE_DIR)))
    assert {n: p for n, p in by_name.items() if len(p) > 1} == {}


def test_no_two_public_functions_or_classes_share_a_name():
    by_name: dict[str, list[str]] = {}
    for path in SOURCES:
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef | ast.ClassDef) and not node.name.startswith("_"):
                by_name.setdefault(node.name, []).append(_module_name(path))
    assert {n: m for n, m in by_name.items() if len(m) > 1} == {}
