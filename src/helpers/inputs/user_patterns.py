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
import string
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
        self._opening = literal_opening(pattern, flags)

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

    def _cannot_start(self, text: str, args: tuple) -> bool:
        """True when ``text`` does not open with the pattern's literal opening, so an anchored match fails without
        running the engine: a time-limited call costs several times a plain one, and a line rule is tried on
        every line of every article."""
        if not self._opening or args or not text.isascii():
            return False
        head = text[: len(self._opening)]
        return (head.lower() != self._opening.lower()) if self.flags & re.IGNORECASE else head != self._opening

    def match(self, text: str, *args: Any) -> Any:
        return None if self._cannot_start(text, args) else self._run("match", text, *args)

    def fullmatch(self, text: str, *args: Any) -> Any:
        return None if self._cannot_start(text, args) else self._run("fullmatch", text, *args)

    def search(self, text: str, *args: Any) -> Any:
        return self._run("search", text, *args)

    def findall(self, text: str, *args: Any) -> list[Any]:
        return self._run("findall", text, *args)

    def finditer(self, text: str, *args: Any) -> Iterator[Any]:
        return self._run("finditer", text, *args)

    def __repr__(self) -> str:
        return f"GuardedPattern({self.pattern!r}, rule={self.rule!r})"


# Characters that are themselves in a pattern (outside a class): letters, digits, spaces and marks with no meaning.
PLAIN = frozenset(string.ascii_letters + string.digits + " /,:;'\"!@#%&=<>_~-")
QUANTIFIERS = "*+?{"
GLOBAL_FLAGS = re.compile(r"\(\?[a-zA-Z-]+\)")


def literal_opening(pattern: str, flags: int) -> str:
    """The text every match of ``pattern`` starts with ("RFE/RL journalists report"), or "" when it does not
    start with plain characters (or the flags change what they mean). The last plain character is left out
    when a quantifier follows it ("Photos?" opens with "Photo")."""
    if flags & (re.VERBOSE | re.MULTILINE) or GLOBAL_FLAGS.search(pattern):
        return ""  # "(?i)" anywhere sets a flag for the whole pattern in regex's version 0
    n = 0
    while n < len(pattern) and pattern[n] in PLAIN:
        n += 1
    if n < len(pattern) and pattern[n] in QUANTIFIERS:
        n -= 1
    return pattern[:max(n, 0)] if pattern[:max(n, 0)].isascii() else ""


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
