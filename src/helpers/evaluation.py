"""Access, from the book, to the scoring code that lives beside the gold annotations in tests/gold.

Keeping one implementation means the accuracy the book reports is exactly what the tests enforce.
"""

from __future__ import annotations

import importlib.util
import sys
from functools import lru_cache
from types import ModuleType

from helpers.config import PROJECT_ROOT

SCORING = PROJECT_ROOT / "tests" / "gold" / "scoring.py"


@lru_cache(maxsize=1)
def scoring() -> ModuleType:
    """Import ``tests/gold/scoring.py`` as a module."""
    if not SCORING.exists():
        raise FileNotFoundError(f"{SCORING}: gold scoring code not found (is this a full checkout?)")
    spec = importlib.util.spec_from_file_location("refract_gold_scoring", SCORING)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module
