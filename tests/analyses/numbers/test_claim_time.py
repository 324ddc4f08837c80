"""The time a count was given for ("on Friday"), wherever the phrase stands in its sentence.

Invented sentences; the codebook is the one `new-study` creates.
"""

from __future__ import annotations

import pandas as pd
import pytest


def _as_of(claims: pd.DataFrame) -> list[str]:
    return claims.loc[claims["category"] != "", "as_of"].tolist()


@pytest.mark.parametrize(("text", "when"), [
    ("On Friday, the ministry said 40 people were detained in the port.", "On Friday"),
    ("The ministry said 40 people were detained in the port on Friday.", "on Friday"),
    ("Overnight, police detained 40 people in the port.", "Overnight"),
    ("As of Tuesday, 40 people had been detained in the port.", "As of Tuesday"),
])
def test_a_time_phrase_opening_the_sentence_dates_the_count(study, claims_in, text, when):
    assert _as_of(claims_in(text, study)) == [when]


def test_a_month_name_keeps_its_capital(study, claims_in):
    assert _as_of(claims_in("Police may detain 40 people in the port, officials said.", study)) in ([], [""])
