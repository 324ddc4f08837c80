"""Regular expressions a researcher wrote (boilerplate line and span rules), run with a time budget.

A pattern such as ``(a+)+$`` backtracks catastrophically: on a line of 48 a's and a "!" Python's ``re``
would not finish in a lifetime, and there is no way to stop it. A pattern written in a codebook is
therefore compiled with the ``regex`` package, whose matching takes a timeout; a pattern that runs out
of its budget on one line or text stops the run with an error naming the file and the rule. The
patterns Refract ships (the general boilerplate rules, reviewed and tested) keep ``re``'s speed; a
study's copy of them that is unchanged counts as shipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any

import regex

from helpers.inputs.codebook_files import CodebookError, read_codebook_file
from helpers.inputs.config import GENERAL_DIR

PATTERN_SECONDS = 2.0  # per pattern, per line or text: a sane rule takes microseconds


@cache
def shipped_patterns() -> frozenset[str]:
    """Every pattern of the general boilerplate files that ship with Refract."""
    found = set()
    for path in sorted(GENERAL_DIR.glob("*/boilerplate.yaml")):
        data = read_codebook_file(path, is_general=True)
        found.update(str(rule["pattern"]) for part in ("lines", "spans") for rule in data.get(part, []))
    return frozenset(found)


class GuardedPattern:
    """A compiled user pattern with the parts of ``re.Pattern``'s interface the analyses use, under a time budget.

    ``rule`` says where the pattern comes from (file, section, number, kind), for the error message.
    """

    def __init__(self, pattern: str, flags: int, rule: str, seconds: float | None = None) -> None:
        self.pattern = pattern
        self.flags = flags
        self.rule = rule
        self.seconds = seconds
        self._rx = regex.compile(pattern, flags | regex.VERSION0)

    @property
    def groupindex(self) -> dict[str, int]:
        return dict(self._rx.groupindex)

    def _budget(self) -> float:
        return self.seconds if self.seconds is not None else PATTERN_SECONDS

    def _run(self, method: str, text: str, *args: Any) -> Any:
        """``regex``'s method with the budget; finditer's matches are collected, so the budget covers them all."""
        try:
            if method == "finditer":
                return iter(list(self._rx.finditer(text, *args, timeout=self._budget())))
            return getattr(self._rx, method)(text, *args, timeout=self._budget())
        except TimeoutError:
            raise CodebookError(
                f"{self.rule}: pattern {self.pattern!r} ran for over {self._budget():g} s on one text of "
                f"{len(text):,} characters and was stopped; it backtracks catastrophically (a repeat inside a "
                "repeat, such as (a+)+): rewrite it without nested repeats") from None

    def match(self, text: str, *args: Any) -> Any:
        return self._run("match", text, *args)

    def fullmatch(self, text: str, *args: Any) -> Any:
        return self._run("fullmatch", text, *args)

    def search(self, text: str, *args: Any) -> Any:
        return self._run("search", text, *args)

    def findall(self, text: str, *args: Any) -> list[Any]:
        return self._run("findall", text, *args)

    def finditer(self, text: str, *args: Any) -> Iterator[Any]:
        return self._run("finditer", text, *args)

    def __repr__(self) -> str:
        return f"GuardedPattern({self.pattern!r}, rule={self.rule!r})"


def compile_rule(pattern: object, flags: int, rule: str) -> re.Pattern[str] | GuardedPattern:
    """A rule's pattern compiled: ``re`` for a shipped pattern, else guarded; CodebookError for a bad one."""
    if not isinstance(pattern, str):
        raise CodebookError(f"{rule}: pattern {pattern!r} is not a text")
    try:
        if pattern in shipped_patterns():
            return re.compile(pattern, flags)
        return GuardedPattern(pattern, flags, rule)
    except (re.error, regex.error) as exc:
        raise CodebookError(f"{rule}: pattern {pattern!r} is not a valid regular expression ({exc})") from None
