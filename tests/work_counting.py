"""Work counting for the corpus-level analyses (imported by tests): how many steps a function takes.

The analyses run whole-table NumPy/pandas operations whose cost is linear in the rows; what makes a
step quadratic is a Python loop over outlets (or rows) that scans a whole table, or a Python loop
nested in another. Counting every function call (Python or C) and every Python line executed shows
both: with a fixed number of rows the count must not grow with the number of outlets, and doubling
the rows must at most about double it. Pandas comparisons are also counted by the rows they compare.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import pandas as pd


def steps_taken(fn: Callable[..., object], *args: object, **kwargs: object) -> tuple[int, object]:
    """(function calls made + Python lines run while ``fn`` ran, its result); caches are warmed first."""
    fn(*args, **kwargs)
    count = 0

    def profile(frame, event, arg):  # noqa: ARG001 - sys.setprofile's signature
        nonlocal count
        if event == "c_call":
            count += 1

    def trace(frame, event, arg):  # noqa: ARG001 - sys.settrace's signature
        nonlocal count
        count += 1  # "call" and "line" events
        return trace

    previous = sys.gettrace(), sys.getprofile()  # a coverage tracer, say, is put back afterwards
    sys.setprofile(profile)
    sys.settrace(trace)
    try:
        result = fn(*args, **kwargs)
    finally:
        sys.settrace(previous[0])
        sys.setprofile(previous[1])
    return count, result


def rows_compared(fn: Callable[..., object], *args: object, **kwargs: object) -> tuple[int, object]:
    """(rows of every pandas Series compared with ==, <, ... while ``fn`` ran, its result)."""
    count = 0
    real = pd.Series._cmp_method

    def counting(self, other, op):
        nonlocal count
        count += len(self)
        return real(self, other, op)

    pd.Series._cmp_method = counting
    try:
        result = fn(*args, **kwargs)
    finally:
        pd.Series._cmp_method = real
    return count, result
