"""What of an executed notebook the book may show: no papermill plumbing, no absolute local paths.

The driver executes each notebook with papermill; before the result is published, the injected and
declared parameter cells are hidden and the machine's folders are replaced by placeholders, so the
book looks the same whoever built it and where.
"""

from __future__ import annotations

import os
import re

import nbformat

STUDY_INPUTS = ("corpus_dir", "codebook_dir", "study_dir")


def _scrubbed(value: object, scrub: list[tuple[str, str]]) -> object:
    if isinstance(value, str):
        for local, shown in scrub:
            value = value.replace(local, shown)
        return value
    if isinstance(value, list):
        return [_scrubbed(v, scrub) for v in value]
    if isinstance(value, dict):
        return {k: _scrubbed(v, scrub) for k, v in value.items()}
    return value


def scrub_paths(nb: nbformat.NotebookNode, scrub: dict[str, str]) -> nbformat.NotebookNode:
    """Replace absolute local paths in sources and text outputs, so the book never shows the machine's folders."""
    pairs = sorted(((k, v) for k, v in scrub.items() if k and k != os.sep), key=lambda kv: -len(kv[0]))
    for cell in nb.cells:
        cell.source = _scrubbed(cell.source, pairs)
        for out in cell.get("outputs", []):
            for key in ("text", "traceback", "evalue"):
                if key in out:
                    out[key] = _scrubbed(out[key], pairs)
            for mime, data in out.get("data", {}).items():
                if mime.startswith("text/") or mime.endswith("json"):
                    out["data"][mime] = _scrubbed(data, pairs)
    return nb


def runnable_parameters(source: str) -> str:
    """The injected parameters without those that point into a run's output or a folder outside the checkout.

    A downloaded notebook then runs from a checkout: what is dropped falls back to the parameters cell's
    defaults (the first study), and a comment says so.
    """
    import ast

    kept: dict[str, str] = {}
    outside = False
    for node in ast.parse(source).body:
        if not isinstance(node, ast.Assign) or len(node.targets) != 1 or not isinstance(node.targets[0], ast.Name):
            continue
        name, value = node.targets[0].id, node.value
        text = value.value if isinstance(value, ast.Constant) else None
        if isinstance(text, str) and text.startswith("<"):  # <out>/..., <corpus>/...: the run's or machine's folders
            outside = outside or name in STUDY_INPUTS
            continue
        if name != "tables_dir":  # the run's tables: without them the notebook computes its tables itself
            kept[name] = ast.get_source_segment(source, node) or ""
    if outside:  # one study's inputs are used together or not at all
        kept = {k: v for k, v in kept.items() if k not in STUDY_INPUTS}
    note = ("# Parameters of the run that made this page. Those that pointed at the run's own folders were\n"
            "# removed, so the notebook runs as downloaded from a checkout, with the defaults above for them.\n")
    return note + "".join(line + "\n" for line in kept.values())


# A citation in a notebook is written as a Markdown link, ``[Hutto and Gilbert 2014](cite:hutto2014vader)``: JupyterLab
# shows its text, and the book turns it into the bibliography's role (``{cite}`hutto2014vader```).
CITE_LINK = re.compile(r"\[([^\]\n]+)\]\(cite:([\w:-]+(?:,[\w:-]+)*)\)")


def cite_roles(markdown: str) -> str:
    """Markdown with every citation link written as the bibliography's ``{cite}`` role (see ``CITE_LINK``)."""
    return CITE_LINK.sub(lambda m: "{cite}`" + m.group(2) + "`", markdown)


def publishable(nb: nbformat.NotebookNode, scrub: dict[str, str] | None = None) -> nbformat.NotebookNode:
    """Hide papermill plumbing (injected-parameters and parameters cells) and absolute local paths; leave the
    injected parameters runnable from a checkout."""
    if scrub:
        scrub_paths(nb, scrub)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = cite_roles(cell.source)
        tags = cell.setdefault("metadata", {}).setdefault("tags", [])
        if "injected-parameters" in tags:
            cell.source = runnable_parameters(cell.source)
        if "injected-parameters" in tags and "remove-cell" not in tags:
            tags.append("remove-cell")
        if "parameters" in tags and "remove-cell" not in tags:
            tags.append("remove-cell")
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
    nb.metadata.pop("papermill", None)
    return nb
