"""Who gets quoted: quotes and quoted words per outlet and speaker group."""

from __future__ import annotations

import pandas as pd


def who_gets_quoted(quotes: pd.DataFrame) -> pd.DataFrame:
    """Per outlet and speaker group: number of quotes and words quoted."""
    g = quotes.groupby(["outlet", "speaker_group"])
    return pd.DataFrame({"quotes": g.size(), "words": g["n_words"].sum()}).reset_index()
