"""Findings in words: sentences generated from result tables, so they stay true on any corpus.

Every chapter ends with "What we found", written by these functions from the chapter's own results,
and the landing page's abstract is assembled from the same sentences. Nothing here knows the event or
the seed articles: a sentence that only fits one corpus is a bug. Counts are written as words up to
ten, nouns agree with their numbers, and an empty result says so in a sentence of its own.
"""

from __future__ import annotations

import math

import pandas as pd

from helpers.inputs.corpus import USABLE
from helpers.publication.limitations import (  # noqa: F401  (re-exported: the limitations notebook calls findings.*)
    NOT_RECORDED,
    any_outlet_fact,
    closest_first,
    origin_and_copy,
    outlet_facts,
    outlet_facts_finding,
    republisher_findings,
    single_article_finding,
    update_findings,
)
from helpers.publication.prose import (  # noqa: F401  (re-exported: notebooks call findings.count, ...)
    LIST_MAX,
    NUMBER_WORDS,
    article_phrase,
    capital,
    count,
    join,
    listed,
    number,
    outlet_name,
    per_outlet_sentence,
    score,
    share,
    summarised,
)
from helpers.publication.quotation_findings import quotes_finding  # noqa: F401  (re-exported for the notebooks)
from helpers.publication.reader_names import relation_for_reader

Z_THRESHOLD = 1.96
WIDEST_GAPS = 3  # separated pairs of outlets named in a tone finding when there are too many to list
CHANCE_PAIRS = 20  # from this many pairwise comparisons at 95%, at least one gap is expected by chance alone
IN_SAMPLE = "in-sample: the rules were developed on these texts"
DEVELOPMENT = "development set: the rules were tuned against it"


# --- tone ------------------------------------------------------------------------------------


def _any_disjoint(table: pd.DataFrame) -> bool:
    rows = list(zip(table["ci_low"], table["ci_high"], strict=True))
    return any(h1 < l2 or h2 < l1 for i, (l1, h1) in enumerate(rows) for (l2, h2) in rows[i + 1 :])


def tone_finding(by_outlet: pd.DataFrame, subject: str = "sentences") -> str:
    """Rank outlets only where their intervals separate; otherwise say that they overlap."""
    if by_outlet.empty:
        return f"No {subject} could be scored for tone."
    if len(by_outlet) == 1:
        r = by_outlet.iloc[0]
        return f"The mean tone of the {subject} of {outlet_name(r['outlet'])} is {score(r['mean_compound'])}."
    lo, hi = by_outlet["mean_compound"].min(), by_outlet["mean_compound"].max()
    if not _any_disjoint(by_outlet):
        return (
            f"The outlets cannot be ranked by the tone of their {subject}: their means run from {score(lo)} to "
            f"{score(hi)}, but every pair of 95% intervals overlaps."
        )
    pairs = _separated_pairs(by_outlet)
    if len(pairs) <= LIST_MAX:
        return (
            f"The mean tone of the {subject} runs from {score(lo)} to {score(hi)}. Only these differences are "
            f"larger than the 95% intervals: {join(pairs)}; every other pair of outlets overlaps."
        )
    n = len(by_outlet)
    n_pairs = n * (n - 1) // 2
    chance = (f" With {n_pairs:,} comparisons at 95%, some gaps of this size arise by chance even between outlets "
              "that do not differ: the intervals are not corrected for multiple comparisons."
              if n_pairs >= CHANCE_PAIRS else "")
    return (
        f"The mean tone of the {subject} runs from {score(lo)} to {score(hi)}. Of the {n_pairs:,} pairs of "
        f"outlets, {len(pairs):,} differ by more than their 95% intervals; the widest gaps: "
        f"{_grouped_gaps(_separated(by_outlet))}. Every other pair overlaps.{chance}"
    )


def _separated(by_outlet: pd.DataFrame) -> list[tuple[float, str, str]]:
    """(gap, more negative outlet, less negative outlet) for pairs whose intervals do not overlap."""
    rows = by_outlet.sort_values("mean_compound").to_dict("records")
    gaps = []
    for i, a in enumerate(rows):
        for b in rows[i + 1 :]:
            if a["ci_high"] < b["ci_low"]:
                gaps.append((b["ci_low"] - a["ci_high"], outlet_name(a["outlet"]), outlet_name(b["outlet"])))
    return gaps


def _separated_pairs(by_outlet: pd.DataFrame) -> list[str]:
    """Pairs whose intervals do not overlap; a long list is ordered widest gap first, so its head is the news."""
    gaps = _separated(by_outlet)
    if len(gaps) > LIST_MAX:
        gaps.sort(key=lambda g: -g[0])
    return [f"{a} is more negative than {b}" for _, a, b in gaps]


def _grouped_gaps(gaps: list[tuple[float, str, str]]) -> str:
    """The widest gaps (widest first), one clause per more negative outlet: 'A is more negative than B, C and D'
    rather than the same subject three times."""
    gaps = sorted(gaps, key=lambda g: -g[0])[:WIDEST_GAPS]
    others: dict[str, list[str]] = {}
    for _, a, b in gaps:
        others.setdefault(a, []).append(b)
    return "; ".join(f"{a} is more negative than {join(bs)}" for a, bs in others.items())


def voice_finding(overall: pd.DataFrame) -> str:
    """Compare the outlets' own words with the words they quote (``sentiment_by_voice_overall``: the mean over
    articles, and with one vote per story family), saying whether copies are counted once."""
    few = "Too few sentences quote anyone to compare the outlets' own words with quoted speech."
    if overall.empty or overall["voice"].nunique() < 2:
        return few
    t = overall.set_index("voice")
    if {"Outlet's own voice", "Quoted speech"} - set(t.index):
        return few
    own, quoted = t.loc["Outlet's own voice"], t.loc["Quoted speech"]
    if math.isnan(own["mean_by_article"]) or math.isnan(quoted["mean_by_article"]):
        return few
    per, once = "mean_by_article", "mean_one_vote_per_family"
    direction = "warmer" if quoted[once] > own[once] else "harsher"
    text = (f"Counting copies once (one vote per story family), quoted speech reads {direction} than the outlets' "
            f"own words: {score(quoted[once])} against {score(own[once])}")
    if abs(quoted[per] - quoted[once]) + abs(own[per] - own[once]) > 1e-9:
        text += f" ({score(quoted[per])} against {score(own[per])} with each article counted)"
    return text + (". A tone score that mixes the two partly measures whom an outlet quotes.")


def agreement_finding(table: pd.DataFrame, kind: str = IN_SAMPLE) -> str:
    """Hand-coded tone agreement, labelled with the kind of the study's gold."""
    if table.empty:
        return "This study has no hand-coded sample of sentences, so the tone scores are not validated here."
    r = table.iloc[0]
    return (
        f"On {count(int(r['n_sentences']), 'hand-coded sentence')} VADER's label (positive, neutral, negative) "
        f"agrees with the hand coding for {share(r['agreement'])} of them (Cohen's kappa {r['kappa']:.2f}; "
        f"{kind})."
    )


# --- frames, labels, keyness ---------------------------------------------------------------------


def frames_finding(shares: pd.DataFrame, names: dict[str, str]) -> str:
    """The most common frames, corpus-wide."""
    if shares.empty:
        return "No sentence matched any frame of the dictionary."
    top = shares.head(2).to_dict("records")
    parts = [f"{names.get(r['frame'], r['frame'])} ({share(r['share'])} of sentences)" for r in top]
    return f"The most common {'frame is' if len(parts) == 1 else 'frames are'} {join(parts)}."


def labels_finding(counts: pd.DataFrame, groups: dict[str, str]) -> list[str]:
    """Per group: the most used label and the labels only one outlet uses, in the outlets' own words; then the
    labels they only quote, each with its speaker ("‘thugs’ (the minister, quoted by Outlet A)")."""
    from helpers.analyses.labels import own_voice, quoted_as_written

    if counts.empty:
        return ["No actor label of the codebook occurs in these articles."]
    out = []
    own, n_outlets = own_voice(counts), counts["outlet"].nunique()
    for actor, everything in counts.groupby("actor", sort=False):
        g = own_voice(everything)
        text = f"For the group “{groups.get(str(actor), str(actor))}”, "
        totals = g.groupby("label")["count"].sum().sort_values(ascending=False)
        if totals.empty:
            text += "no outlet uses a label in its own words."
        else:
            text += f"the most used label in the outlets' own words is “{totals.index[0]}” "
            text += f"({count(int(totals.iloc[0]), 'use')})."
        only = g.groupby("label")["outlet"].unique() if len(own) else pd.Series(dtype=object)
        single = [(lab, o[0]) for lab, o in only.items() if len(o) == 1] if n_outlets > 1 else []
        if single:
            ranked = sorted(single, key=lambda lo: -int(totals[lo[0]]))  # the most used first
            text += " Used by one outlet only, in its own words: " + listed(
                [f"“{lab}” ({outlet_name(o)})" for lab, o in ranked], "other label") + "."
        quoted = quoted_as_written(everything, {o: outlet_name(o) for o in everything["outlet"].unique()})
        if quoted:
            text += " Quoted, not the outlets' own words: " + listed(quoted, "other quoted label") + "."
        out.append(text)
    return out


def keyness_finding(keyness: pd.DataFrame, threshold: float = Z_THRESHOLD) -> str:
    """How many terms pass the threshold; when none or one does, say so plainly."""
    passing = keyness[keyness["z"] >= threshold] if not keyness.empty else keyness
    if passing.empty:
        return f"No term is distinctive for any outlet at z ≥ {threshold}: no word choice stands out."
    ranked = passing.sort_values("z", ascending=False).to_dict("records")
    terms = [f"“{r['term']}” ({outlet_name(r['outlet'])})" for r in ranked]
    if len(terms) == 1:
        return f"Only one term is distinctive at z ≥ {threshold}: {terms[0]}."
    return f"{capital(count(len(terms), 'term'))} are distinctive at z ≥ {threshold}: {join(terms[:8])}" + (
        ", among others." if len(terms) > 8 else "."
    )


def same_numbers(a: pd.Series, b: pd.Series, what: str, why: str) -> str:
    """Say when two views give the same numbers (and why), instead of showing a silent duplicate."""
    if len(a) == len(b) and bool(((a.astype(float) - b.astype(float)).abs() < 1e-9).all()):
        return f"The two views of {what} give the same numbers: {why}."
    return ""


# --- corpus, quotes, numbers, provenance ---------------------------------------------------------


def corpus_finding(articles: pd.DataFrame) -> str:
    """How many files were usable, from how many outlets, and why the others were not."""
    used = articles[articles["status"].isin(USABLE)]
    text = (
        f"The corpus holds {count(len(used), 'usable article')} from {count(used['outlet_label'].nunique(), 'outlet')}"
        f" ({count(len(articles), 'input file')})."
    )
    rejected = articles[~articles["status"].isin(USABLE)]
    if rejected.empty:
        return text + " Every input file could be used."
    reasons = rejected.groupby("status").size()
    return text + " Not used: " + join([count(int(n), f"{s} file") for s, n in reasons.items()]) + "."


def longest_article_finding(articles: pd.DataFrame) -> str:
    """The article with most sentences, in words; when many tie, how many, since naming one would be arbitrary."""
    if articles.empty:
        return "No article has sentences."
    top = int(articles["n_sentences"].max())
    tied = articles[articles["n_sentences"] == top]
    if len(tied) == 1:
        r = tied.iloc[0]
        return (f"The longest article is {article_phrase(str(r['article_id']), str(r['outlet_label']))}, "
                f"with {count(top, 'sentence')}.")
    return f"{capital(count(len(tied), 'article'))} share the most sentences, {number(top)} each."


def cleaning_finding(articles: pd.DataFrame) -> str:
    """How much of the raw text was site furniture rather than story."""
    used = articles[articles["status"].isin(USABLE) & (articles["n_words_raw"] > 0)]
    if used.empty:
        return "No article had text to clean."
    removed = 1 - used["n_words"].sum() / used["n_words_raw"].sum()
    shares = 1 - used["n_words"] / used["n_words_raw"]
    if removed < 0.005:
        return "Cleaning found almost no boilerplate: less than 1% of the words were removed."
    top = used.loc[shares.idxmax()]
    return (
        f"Cleaning removed {share(removed)} of the words as boilerplate; the most, {share(shares.max())}, from "
        f"{article_phrase(top['article_id'], top['outlet_label'])}."
    )


def numbers_finding(reconciled: pd.DataFrame, anomalies: pd.DataFrame) -> list[str]:
    """Claims, quantities, superseded and conflicting figures, and dates that do not fit, in words."""
    if reconciled.empty:
        return ["No event-count claim was found in these articles."]
    status = reconciled["status"].value_counts()
    out = [
        f"The articles make {count(len(reconciled), 'event-count claim')} about "
        f"{count(reconciled['group'].nunique(), 'quantity', 'quantities')}."
    ]
    superseded = int(status.get("superseded", 0))
    out.append(
        "No claim is superseded by a later report."
        if not superseded
        else f"{capital(count(superseded, 'claim'))} {'is' if superseded == 1 else 'are'} superseded by a later report."
    )
    undated = int(status.get("undated", 0))
    if undated:
        out.append(f"{capital(count(undated, 'claim'))} {'has' if undated == 1 else 'have'} no date, in the "
                   "claim, its article or its story family: shown apart, never as the current figure.")
    conflicts = reconciled[reconciled["status"] == "conflict"]
    if conflicts.empty:
        out.append("No figures conflict: claims made at the same time overlap.")
    else:
        groups = sorted(conflicts["group"].astype(str).str.replace("_", " ").unique())
        about = listed(groups, "other quantity", "other quantities")
        out.append(f"{capital(count(len(conflicts), 'claim'))} conflict, about {about}.")
    if not anomalies.empty:
        verb = "falls" if len(anomalies) == 1 else "fall"
        out.append(f"{capital(count(len(anomalies), 'date'))} in the texts {verb} outside the event's window: "
                   + _counted_texts(anomalies["text"]) + ".")
    return out


def _counted_texts(texts: pd.Series) -> str:
    """Distinct texts, most frequent first, with how often each occurs when any repeats: '“June 5” (573 times)'."""
    counts = texts.astype(str).value_counts().sort_index().sort_values(ascending=False, kind="stable")
    if int(counts.max()) == 1:
        return listed([f"“{t}”" for t in counts.index], "other")
    return listed([f"“{t}”" + (f" ({count(int(n), 'time')})" if n > 1 else "") for t, n in counts.items()],
                  "other date")


def provenance_finding(reuse: pd.DataFrame, families: pd.DataFrame, articles: pd.DataFrame) -> list[str]:
    """Story families and who republished whom (summarised, with the closest copies, when there are many)."""
    n_art, n_fam = families["article_id"].nunique(), families["family"].nunique()
    if n_art == n_fam:
        return [f"The {count(n_art, 'article')} are independent texts: none copies or rewrites another."]
    names = articles.set_index("article_id")["outlet_label"].to_dict()
    out = [f"The {count(n_art, 'article')} form {count(n_fam, 'story family', 'story families')}, "
           f"so they are not {number(n_art)} independent reports."]
    reused = closest_first(reuse[reuse["relation"].isin(["copy", "derived"])])
    copy_word = relation_for_reader("copy")
    pairs = []
    for r in reused.to_dict("records"):
        first, later = origin_and_copy(r)
        verb = "copies" if r["relation"] == "copy" else f"is a {relation_for_reader('derived')} of"
        pairs.append(capital(f"{article_phrase(later, names.get(later, ''))} {verb} "
                             f"{article_phrase(first, names.get(first, ''))}."))
    kinds = reused["relation"].value_counts()
    copies, rewrites = int(kinds.get("copy", 0)), int(kinds.get("derived", 0))
    summary = (f"{capital(count(copies, 'pair'))} of articles {_are_a(copies, 'word-for-word ' + copy_word)} and "
               f"{count(rewrites, 'pair')} {_are_a(rewrites, relation_for_reader('derived'))} "
               "(republished with edits).")
    return out + summarised(pairs, summary, "reuse.csv")


def _are_a(n: int, noun: str) -> str:
    """'is a copy' for one pair, 'are copies' for several or none."""
    return f"is a {noun}" if n == 1 else f"are {noun[:-1] + 'ies' if noun.endswith('y') else noun + 's'}"


def in_words(name: object, names: dict[str, str] | None = None) -> str:
    """An id from a codebook in words: its declared name, else 'snake_case' as 'Snake case'."""
    text = str(name)
    if names and text in names:
        return str(names[text])
    return capital(text.replace("_", " ")) if text else ""


def frame_validation_finding(micro: dict[str, float], below: list[str], kind: str = IN_SAMPLE) -> str:
    """The frame dictionary's agreement with the hand coding, in words, with the kind of score (the study's
    ``gold_kind``, as a word or a label phrase); in-sample scores never certify a frame as reliable."""
    in_sample = kind in ("in-sample", IN_SAMPLE)
    text = (f"On {count(int(micro['n_sentences']), 'hand-coded sentence')}, the dictionary reaches a micro-averaged "
            f"precision of {micro['precision']:.2f} and recall of {micro['recall']:.2f} "
            f"({IN_SAMPLE if in_sample else kind}). ")
    if below:
        return text + f"Below 0.7 in precision or recall (marked on the heat map): {join(below)}."
    return text + ("Every frame reaches 0.7 in both" + (", which says nothing of other articles." if in_sample
                                                         else "."))
