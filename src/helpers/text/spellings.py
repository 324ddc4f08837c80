"""Spellings of one name across outlets: which outlet wrote which variant of each codebook name.

Transliterated names (Tchaikovsky, Chaikovsky) are a finding in themselves: an outlet's spelling often shows
which wire or language it worked from. This module counts the confirmed variants of the alias codebook;
``helpers.text.names`` proposes new ones.
"""

from __future__ import annotations

import pandas as pd

from helpers.inputs.codebook import Codebook
from helpers.text.normalise import NormalisedCorpus


def name_variants(source: NormalisedCorpus | pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """Which outlet wrote which spelling of each codebook name: canonical, variant, article_id, outlet, count.

    ``source`` is a normalised corpus, or this table computed chunk by chunk and joined (a run's engine
    table), which is summed again so the result does not depend on the chunks.
    """
    if isinstance(source, pd.DataFrame):
        return _tally(source)
    rx = codebook.alias_pattern
    rows = []
    if rx is not None:
        outlets = dict(zip(source.articles["article_id"], source.articles["outlet"], strict=True))
        for aid, doc in source.documents.items():
            rows += [{"article_id": aid, "outlet": outlets[aid], "variant": m.group(),
                      "canonical": codebook.canonical(m.group()), "count": 1} for m in rx.finditer(doc.clean_text)]
    return _tally(pd.DataFrame(rows, columns=["article_id", "outlet", "variant", "canonical", "count"]))


def _tally(table: pd.DataFrame) -> pd.DataFrame:
    return (
        table.groupby(["canonical", "variant", "article_id", "outlet"], as_index=False)["count"]
        .sum()
        .astype({"count": "int64"})
        .sort_values(["canonical", "variant", "article_id"])
        .reset_index(drop=True)
    )


def spelling_table(variants: pd.DataFrame, min_variants: int = 2) -> pd.DataFrame:
    """Wide view: canonical names with several spellings, one column per article."""
    multi = variants.groupby("canonical")["variant"].nunique()
    keep = variants[variants["canonical"].isin(multi[multi >= min_variants].index)]
    if keep.empty:
        return pd.DataFrame(columns=["canonical", "variant"])
    return keep.pivot_table(
        index=["canonical", "variant"], columns="article_id", values="count", aggfunc="sum", fill_value=0
    ).reset_index()
