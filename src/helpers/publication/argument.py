"""The abstract as an argument: what was asked, on what, the findings that matter with their uncertainty, and
what a reader may and may not conclude, in at most ``ABSTRACT_WORDS`` words.

Every sentence is generated from the run's tables, so the abstract stays true for any study. Sentences that
must be there (the question, the material, the limits of a conclusion) come first; the findings are added in
order of weight (where the texts come from, tone, numbers, voices) while the word budget allows.
"""

from __future__ import annotations

import pandas as pd

from helpers.publication.findings import corpus_finding, tone_finding
from helpers.publication.prose import capital, count, number, share

ABSTRACT_WORDS = 200  # the abstract's budget: findings beyond it stay in the chapters


def numbers_in_brief(reconciled: pd.DataFrame) -> str:
    """Whether the figures agree, in one sentence, with what the verdict rests on."""
    if reconciled.empty:
        return "No article gives a count of the kinds the study asks for, so no figures are compared."
    groups = reconciled["group"].nunique()
    conflicting = reconciled.loc[reconciled["status"] == "conflict", "group"].nunique()
    undated = int((reconciled["status"] == "undated").sum())
    tail = (f"; {count(undated, 'claim')} with no date {'is' if undated == 1 else 'are'} left out of that verdict"
            if undated else "")
    superseding = (", and differences are later counts superseding earlier ones"
                   if (reconciled["status"] == "superseded").any() else "")
    if not conflicting:
        return (f"No figures conflict in the {count(groups, 'quantity', 'quantities')} counted: reports of the same "
                f"time overlap{superseding}{tail}.")
    return (f"Figures reported at the same time conflict for {number(conflicting)} of "
            f"{count(groups, 'quantity', 'quantities')}{tail}; the chapter on numbers credits each figure to its "
            "first source.")


def voices_in_brief(who: pd.DataFrame, names: dict[str, str]) -> str:
    """The speaker group with the most quoted words, with its share: whose voice the coverage carries."""
    if who.empty or int(who["words"].sum()) == 0:
        return ""
    top = who.groupby("speaker_group")["words"].sum().sort_values(ascending=False, kind="stable")
    key = str(top.index[0] or "none")
    return (f"The most quoted speaker group is “{names.get(key, capital(key.replace('_', ' ')))}”, with "
            f"{share(float(top.iloc[0]) / float(top.sum()))} of the {number(int(top.sum()))} quoted words.")


def conclusions(articles: pd.DataFrame, kind: str) -> str:
    """What a reader may and may not conclude, from how many articles each outlet gives and the kind of scores."""
    used = articles[articles["status"].isin(["ok", "warning"])] if "status" in articles else articles
    per_outlet = used.groupby("outlet_label").size().tolist()
    low, high = (min(per_outlet), max(per_outlet)) if per_outlet else (0, 0)
    span = count(high, "article") if low == high else f"{number(low)} to {count(high, 'article')}"
    habits = (f"With {span} per outlet, a difference between outlets describes these articles, not the outlets' "
              "habits." if high <= 3 else
              "Where an outlet gives few articles, a difference describes its articles rather than its habits.")
    measured = ("The rules' accuracy is measured only in-sample and on development sets; no held-out evaluation "
                "is reported." if kind != "held-out" else "The rules' accuracy is measured on held-out texts.")
    return (f"A reader may compare these articles as texts. {habits} {measured} "
            "Differences describe wording, not an outlet's intent or stance.")


def abstract_argument(event: str, articles: pd.DataFrame, own_voice: pd.DataFrame, reconciled: pd.DataFrame,
                      origin: str, voices: str, kind: str) -> str:
    """The landing page's abstract: question, material, the findings that fit in ``ABSTRACT_WORDS`` words,
    and what may and may not be concluded.

    ``origin`` is :func:`helpers.publication.origin_findings.origin_in_brief`; ``voices`` is
    :func:`voices_in_brief`; ``kind`` the study's gold kind.
    """
    question = (f"How did different outlets report one event, {event}? This study asks whether they differ in "
                "the tone of their own words, in whom they quote and in the figures they give, and how many of "
                "them are independent reports.")
    required = [question, corpus_finding(articles), conclusions(articles, kind)]
    optional = [origin, tone_finding(own_voice, "own words"), numbers_in_brief(reconciled), voices]
    used = sum(len(s.split()) for s in required)
    findings = []
    for sentence in (s for s in optional if s):
        if used + len(sentence.split()) <= ABSTRACT_WORDS:
            findings.append(sentence)
            used += len(sentence.split())
    return " ".join([*required[:2], *findings, required[2]])
