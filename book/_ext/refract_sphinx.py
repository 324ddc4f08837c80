"""Small Sphinx extension for the Refract book.

Jupyter Book 1 always loads sphinx-thebe, which adds its configuration script twice (a console
error: "THEBE_JS_URL has already been declared") and points at a CDN. The book runs no live code, so
the thebe scripts are dropped from every page; any other script added twice is kept once.
"""

from __future__ import annotations


def _clean_scripts(app, pagename, templatename, context, doctree):
    scripts = context.get("script_files")
    if not scripts:
        return
    seen, kept = set(), []
    for js in scripts:
        name = str(js)
        body = getattr(js, "attributes", {}).get("body", "")
        if "thebe" in name or "THEBE_JS_URL" in body:
            continue
        key = (name, body)
        if key in seen:
            continue
        seen.add(key)
        kept.append(js)
    context["script_files"] = kept


def setup(app):
    app.connect("html-page-context", _clean_scripts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
