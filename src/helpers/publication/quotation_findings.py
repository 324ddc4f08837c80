"""Findings about quotations in words: who is quoted in each outlet, and how a quotation changed between articles.

The chapter on quotes asks who gets to speak; these sentences answer it per outlet, by speaker group, in
quoted words and quotations, from the ``who_gets_quoted`` table, so they stay true on any corpus.
"""

from __future__ import annotations

import pandas as pd

from helpers.publication.prose import LIST_MAX, capital, count, join, number, outlet_name, share, summarised

VOICE_GROUPS = 3  # speaker groups named per outlet in the who-is-quoted finding; the rest are counted


def quotes_finding(quotes: pd.DataFrame, variants: pd.DataFrame) -> list[str]:
    """Quotes found, speakers named, and quotations that changed between articles."""
    if quotes.empty:
        return ["No direct quotation was found in these articles."]
    kinds = quotes["kind"].value_counts()
    named = (quotes["speaker"].fillna("") != "").mean()
    out = [
        f"The articles print {count(len(quotes), 'quotation')} ("
        + join([count(int(kinds.get(k, 0)), f'{k} quote') for k in ("full", "partial", "scare") if kinds.get(k, 0)])
        + f"); a speaker is named for {share(named)} of them."
    ]
    if variants.empty:
        out.append("No quotation is printed by more than one article.")
        return out
    out.append(_variants_sentence(variants))
    return out


def _variants_sentence(variants: pd.DataFrame) -> str:
    """How the quotations printed by several articles differ from the fullest version of each: counted in
    printings, so '28 quotations ... 26,334 printings' cannot read as 26,334 versions of 28 quotations."""
    clusters = variants["cluster_id"].nunique()
    relation = variants["relation"].value_counts()
    verb = "is" if clusters == 1 else "are"
    text = (f"{capital(count(clusters, 'quotation'))} {verb} printed by more than one article, "
            f"{count(len(variants), 'time')} in all")
    altered = variants[variants["relation"] == "altered"]
    if altered.empty and not relation.get("trimmed", 0) and not relation.get("formatting", 0):
        return text + "; every printing is word for word the same inside the quotation marks."
    parts = []
    if not altered.empty:
        who = [outlet_name(o) for o in altered["outlet"].value_counts().sort_index().sort_values(
            ascending=False, kind="stable").index]
        where = f"({join(who)})" if len(who) <= LIST_MAX else f"in {count(len(who), 'outlet')}"
        verbs = "changes, adds or drops" if len(altered) == 1 else "change, add or drop"
        parts.append(f"{count(len(altered), 'printing')} {where} {verbs} words inside the quotation marks")
    trimmed, same = int(relation.get("trimmed", 0)), int(relation.get("identical", 0))
    if trimmed:
        parts.append(f"{count(trimmed, 'printing')} {'cuts' if trimmed == 1 else 'cut'} the quotation short")
    if relation.get("formatting", 0):
        n = int(relation["formatting"])
        parts.append(f"{number(n)} {'differs' if n == 1 else 'differ'} only in spacing, punctuation, case or "
                     "number formatting")
    if same:
        parts.append(f"{number(same)} {'is' if same == 1 else 'are'} the same word for word")
    its = "the quotation" if clusters == 1 else "its quotation"
    return text + f". Compared with the fullest printing of {its}, " + join(parts) + "."


def _group_words(group: object, names: dict[str, str]) -> str:
    key = str(group or "none")
    return "“" + names.get(key, capital(key.replace("_", " "))) + "”"


def _outlet_voices(outlet: str, g: pd.DataFrame, names: dict[str, str]) -> str:
    """One outlet's quoted words by speaker group, largest first: 'Of the 99 words quoted in X, 82 come from
    “Group A” (five quotations) and 17 from “Group B” (two quotations).'"""
    g = g[g["words"] > 0].sort_values(["words", "speaker_group"], ascending=[False, True], kind="stable")
    total = int(g["words"].sum())
    parts = []
    for k, r in enumerate(g.head(VOICE_GROUPS).to_dict("records")):
        verb = ("comes" if int(r["words"]) == 1 else "come") + " from" if k == 0 else "from"
        parts.append(f"{number(int(r['words']))} {verb} {_group_words(r['speaker_group'], names)} "
                     f"({count(int(r['quotes']), 'quotation')})")
    rest = len(g) - VOICE_GROUPS
    if rest > 0:
        parts.append(f"{number(total - int(g.head(VOICE_GROUPS)['words'].sum()))} from "
                     f"{count(rest, 'other group')}")
    return f"Of the {count(total, 'word')} quoted in {outlet_name(outlet)}, " + join(parts) + "."


def who_is_quoted_finding(who: pd.DataFrame, names: dict[str, str]) -> list[str]:
    """Per outlet, whose words it quotes: the largest speaker groups with their quoted words and quotations.

    ``who`` is the ``who_gets_quoted`` table (speaker_group, outlet, quotes, words); ``names`` maps a group
    id to its words (the alias codebook's ``group_names``, with 'none' for quotations without a speaker).
    Outlets are ordered by quoted words; at hundreds of outlets the list is summarised with the largest.
    """
    if who.empty or int(who["words"].sum()) == 0:
        return ["No outlet quotes anyone, so no speaker group has a voice in these articles."]
    order = who.groupby("outlet")["words"].sum().sort_values(ascending=False, kind="stable")
    sentences = [_outlet_voices(str(o), who[who["outlet"] == o], names) for o in order.index if order[o] > 0]
    top = who.groupby("speaker_group")["words"].sum().sort_values(ascending=False, kind="stable")
    summary = (f"Across {count(len(sentences), 'outlet')}, {_group_words(top.index[0], names)} has the most "
               f"quoted words ({share(float(top.iloc[0]) / float(top.sum()))} of {number(int(top.sum()))}).")
    return summarised(sentences, summary, "who_gets_quoted.csv", "outlets quoting most")
