"""What of an executed notebook the book may show: no papermill plumbing, no absolute local paths.

The driver executes each notebook with papermill; before the result is published, the injected and
declared parameter cells are hidden and the machine's folders are replaced by placeholders, so the
book looks the same whoever built it and where.
"""

from __future__ import annotations

import os

import nbformat


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


def publishable(nb: nbformat.NotebookNode, scrub: dict[str, str] | None = None) -> nbformat.NotebookNode:
    """Hide papermill plumbing (injected-parameters and parameters cells) and absolute local paths."""
    if scrub:
        scrub_paths(nb, scrub)
    for cell in nb.cells:
        tags = cell.setdefault("metadata", {}).setdefault("tags", [])
        if "injected-parameters" in tags and "remove-cell" not in tags:
            tags.append("remove-cell")
        if "parameters" in tags and "remove-cell" not in tags:
            tags.append("remove-cell")
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
    nb.metadata.pop("papermill", None)
    return nb
