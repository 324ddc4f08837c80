"""Refract helpers: every piece of logic the notebooks call, kept here so pytest can reach it.

Modules are named after the domain: corpus (load + validate), normalise (clean text, sentences,
aliases), sentiment, framing, quotes, numbers, provenance, plots (figures and the outlet colours),
results (atomic table writes) and driver (papermill + Jupyter Book).
"""

__version__ = "0.1.0"
