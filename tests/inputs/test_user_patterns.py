"""A researcher's boilerplate rule gives the same matches when its literal opening lets a line be turned away early.

Every rule and line here is invented.
"""

from __future__ import annotations

import re

import pytest
import regex

from helpers.inputs.user_patterns import GuardedPattern, literal_opening

RULES = ["Harbour Gazette journalists report in \\d+ languages.*", "Photos? by .*", "digital desk",
         "(?i)Read more.*", "Read more(?i).*", "x(?i:Y)z", "Ab*c", "(?P<who>[A-Z]\\w+) contributed reporting\\.?",
         "# Share this.*", "Subscribe: (?P<where>.+)"]
LINES = ["Harbour Gazette journalists report in 12 languages, daily.",
         "HARBOUR GAZETTE JOURNALISTS REPORT IN 3 LANGUAGES",
         "Photo by Ana Ruiz", "Photos by Ana Ruiz", "photos BY x", "Phot by x", "Digital Desk", "digital desk ",
         "READ MORE here", "read more", "xyz", "xYz", "XyZ", "Ac", "abbbc", "Ana contributed reporting.",
         "ana contributed reporting", "# share this story", "Subscribe: the weekly", "Photö by Ana", "", "P"]


@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
@pytest.mark.parametrize("rule", RULES)
def test_an_early_no_is_the_engines_no(rule, flags):
    guarded = GuardedPattern(rule, flags, "test rule")
    engine = regex.compile(rule, flags | regex.VERSION0)
    for line in LINES:
        for method in ("fullmatch", "match"):
            got, expected = getattr(guarded, method)(line), getattr(engine, method)(line)
            assert (got is None) == (expected is None), (rule, flags, line, method)
            if expected is not None:
                assert got.span() == expected.span() and got.groupdict() == expected.groupdict()


def test_the_opening_stops_before_anything_that_is_not_plain_text():
    assert literal_opening("Harbour Gazette journalists report in \\d+ languages.*", 0) == \
        "Harbour Gazette journalists report in "
    assert literal_opening("Photos? by .*", 0) == "Photo"  # the s is optional
    assert literal_opening("(?i)Read more.*", 0) == "" and literal_opening("Read more(?i).*", 0) == ""
    assert literal_opening("digital desk", re.VERBOSE) == ""  # spaces mean nothing there
    assert literal_opening("Ab*c", 0) == "A"
