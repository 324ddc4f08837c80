"""Work counting for the corpus-level analyses (imported by tests): how many function calls a step makes.

The analyses run whole-table NumPy/pandas operations whose cost is linear in the rows; what makes a
step quadratic is a Python loop over outlets (or rows) that scans the whole table each time. Counting
the Python and C function calls made shows such a loop: with a fixed number of rows the count must
not grow with the number of outlets, and doubling the rows must at most about double it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable


def calls_made(fn: Callable[..., object], *args: object, **kwargs: object) -> tuple[int, object]:
    """(number of Python and C function calls made while ``fn`` ran, its result); warm caches first."""
    fn(*args, **kwargs)
    count = 0

    def profile(frame, event, arg):  # noqa: ARG001 - sys.setprofile's signature
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        result = fn(*args, **kwargs)
    finally:
        sys.setprofile(None)
    return count, result
