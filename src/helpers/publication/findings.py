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

NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
Z_THRESHOLD = 1.96
IN_SAMPLE = "in-sample: the rules were developed on these texts"
DEVELOPMENT = "development set: the rules were tuned against it"


def number(n: int) -> str:
    """'no', 'one' ... 'ten', then digits with thousands separators."""
    return NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else f"{n:,}"


def count(n: int, noun: str, plural: str | None = None) -> str:
    """'one article', 'two articles', 'no articles' (the noun agrees with the number)."""
    return f"{number(n)} {noun if n == 1 else (plural or noun + 's')}"


def join(items: list[str], word: str = "and") -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = [str(i) for i in items if str(i)]
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def outlet_name(label: str) -> str:
    """An outlet label for prose: an undeclared outlet reads as 'the unattributed article ID'."""
    label = str(label)
    if label.startswith("unknown (") and label.endswith(")"):
        return f"the unattributed article {label[len('unknown ('):-1]}"
    return label


def article_phrase(article_id: str, label: str) -> str:
    """'article X (Outlet)', or 'the unattributed article X' when no outlet is declared."""
    name = outlet_name(label)
    return name if name.startswith("the unattributed article") else f"article {article_id} ({name})"


def score(value: float) -> str:
    """A tone score for prose: signed, two decimals, a true minus sign."""
    return f"{value:+.2f}".replace("-", "\u2212")


def share(value: float) -> str:
    return f"{value:.0%}"


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
    return (
        f"The mean tone of the {subject} runs from {score(lo)} to {score(hi)}. Only these differences are larger "
        f"than the 95% intervals: {join(pairs)}; every other pair of outlets overlaps."
    )


def _separated_pairs(by_outlet: pd.DataFrame) -> list[str]:
    rows = by_outlet.sort_values("mean_compound").to_dict("records")
    out = []
    for i, a in enumerate(rows):
        for b in rows[i + 1 :]:
            if a["ci_high"] < b["ci_low"]:
                out.append(f"{outlet_name(a['outlet'])} is more negative than {outlet_name(b['outlet'])}")
    return out


def voice_finding(by_voice: pd.DataFrame) -> str:
    """Compare the outlet's own words with the words it quotes."""
    if by_voice.empty or by_voice["voice"].nunique() < 2:
        return "Too few sentences quote anyone to compare the outlets' own words with quoted speech."
    means = by_voice.groupby("voice")["mean_compound"].mean()
    own, quoted = means.get("Outlet's own voice"), means.get("Quoted speech")
    if own is None or quoted is None or math.isnan(own) or math.isnan(quoted):
        return "Too few sentences quote anyone to compare the outlets' own words with quoted speech."
    direction = "warmer" if quoted > own else "harsher"
    return (
        f"Quoted speech reads {direction} than the outlets' own words (on average {score(quoted)} against "
        f"{score(own)} across outlets), so a tone score that mixes the two partly measures whom an outlet quotes."
    )


def agreement_finding(table: pd.DataFrame) -> str:
    """Hand-coded tone agreement, labelled in-sample."""
    if table.empty:
        return "No hand-coded sample is available to validate the tone scores."
    r = table.iloc[0]
    return (
        f"On {count(int(r['n_sentences']), 'hand-coded sentence')} VADER's label (positive, neutral, negative) "
        f"agrees with the hand coding for {share(r['agreement'])} of them (Cohen's kappa {r['kappa']:.2f}; "
        f"{IN_SAMPLE})."
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
    """Per group: the most used label, and the labels only one outlet uses."""
    if counts.empty:
        return ["No actor label of the codebook occurs in these articles."]
    out = []
    n_outlets = counts["outlet"].nunique()
    for actor, g in counts.groupby("actor", sort=False):
        totals = g.groupby("label")["count"].sum().sort_values(ascending=False)
        text = f"For the group “{groups.get(str(actor), str(actor))}”, the most used label is “{totals.index[0]}” "
        text += f"({count(int(totals.iloc[0]), 'use')})."
        only = g.groupby("label")["outlet"].unique()
        single = [(lab, o[0]) for lab, o in only.items() if len(o) == 1] if n_outlets > 1 else []
        if single:
            text += " Used by one outlet only: " + join([f"“{lab}” ({outlet_name(o)})" for lab, o in single]) + "."
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
    clusters = variants["cluster_id"].nunique()
    altered = variants[variants["relation"] == "altered"]
    verb = "is" if clusters == 1 else "are"
    text = f"{capital(count(clusters, 'quotation'))} {verb} printed by more than one article"
    if altered.empty:
        out.append(text + "; every version is word for word the same inside the quotation marks.")
    else:
        who = sorted({outlet_name(o) for o in altered["outlet"]})
        out.append(text + f"; {count(len(altered), 'version')} changed words inside the quotation marks ({join(who)}).")
    return out


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
    conflicts = reconciled[reconciled["status"] == "conflict"]
    if conflicts.empty:
        out.append("No figures conflict: claims made at the same time overlap.")
    else:
        groups = sorted(conflicts["group"].astype(str).str.replace("_", " ").unique())
        out.append(f"{capital(count(len(conflicts), 'claim'))} conflict, about {join(groups)}.")
    if not anomalies.empty:
        verb = "falls" if len(anomalies) == 1 else "fall"
        out.append(f"{capital(count(len(anomalies), 'date'))} in the texts {verb} outside the event's window: "
                   + join([f"“{t}”" for t in anomalies["text"]]) + ".")
    return out


def provenance_finding(reuse: pd.DataFrame, families: pd.DataFrame, articles: pd.DataFrame) -> list[str]:
    """Story families and who republished whom."""
    n_art, n_fam = families["article_id"].nunique(), families["family"].nunique()
    if n_art == n_fam:
        return [f"The {count(n_art, 'article')} are independent texts: none copies or rewrites another."]
    names = articles.set_index("article_id")["outlet_label"].to_dict()
    out = [f"The {count(n_art, 'article')} form {count(n_fam, 'story family', 'story families')}, "
           f"so they are not {number(n_art)} independent reports."]
    for r in reuse[reuse["relation"].isin(["copy", "derived"])].to_dict("records"):
        first = r.get("earlier") or r["article_a"]
        later = r["article_b"] if first == r["article_a"] else r["article_a"]
        verb = "copies" if r["relation"] == "copy" else "republishes with edits"
        out.append(capital(f"{article_phrase(later, names.get(later, ''))} {verb} "
                           f"{article_phrase(first, names.get(first, ''))}."))
    return out


# --- limitations from the data -------------------------------------------------------------------


def outlet_facts(articles: pd.DataFrame, declared: list[dict]) -> pd.DataFrame:
    """Per outlet: where it is based and whose newsroom writes it (event codebook), and its articles."""
    facts = {str(o.get("name", "")): o for o in declared or []}
    rows = []
    for label, g in articles.groupby("outlet_label", sort=True):
        fact = facts.get(str(g["outlet"].iloc[0]), {})
        rows.append({
            "outlet": outlet_name(str(label)),
            "articles": len(g),
            "based": fact.get("based", "not recorded in the event codebook"),
            "newsroom": fact.get("newsroom", "not recorded in the event codebook"),
        })
    return pd.DataFrame(rows, columns=["outlet", "articles", "based", "newsroom"])


def republisher_findings(
    declared: pd.DataFrame, reuse: pd.DataFrame, articles: pd.DataFrame, measured: bool = True
) -> list[str]:
    """Which 'outlets' print another newsroom's text: declared copyright or credit, or (``measured``) reuse."""
    names = articles.set_index("article_id")["outlet_label"].to_dict()
    out = []
    for r in declared[declared["declared_origin"].fillna("") != ""].to_dict("records"):
        out.append(capital(f"{article_phrase(r['article_id'], names.get(r['article_id'], ''))} carries the "
                           f"text of {r['declared_origin']}, by its own copyright or credit lines."))
    for r in reuse[reuse["relation"].isin(["copy", "derived"]) & measured].to_dict("records"):
        first = r.get("earlier") or r["article_a"]
        later = r["article_b"] if first == r["article_a"] else r["article_a"]
        if names.get(first) != names.get(later):
            out.append(capital(f"{article_phrase(later, names.get(later, ''))} republishes the text of "
                               f"{article_phrase(first, names.get(first, ''))}: one newsroom, two mastheads."))
    return out or ["No outlet in this corpus republishes another outlet's text" + (
        ", by declaration or by measure." if measured else " by its own declaration.")]


def update_findings(reuse: pd.DataFrame, articles: pd.DataFrame) -> list[str]:
    """Articles of one outlet that share text: versions (updates) of one story, not separate reports."""
    names = articles.set_index("article_id")["outlet_label"].to_dict()
    out = []
    related = reuse[reuse["relation"].isin(["copy", "derived", "shared_source"])]
    for r in related.to_dict("records"):
        a, b = r["article_a"], r["article_b"]
        if names.get(a) == names.get(b) and not str(names.get(a, "")).startswith("unknown ("):
            out.append(f"Articles {a} and {b} ({outlet_name(names[a])}) share passages: they are probably "
                       "versions of one story, updated as it developed, not two independent reports.")
    return out or ["No two articles of one outlet share text: no article is an update of another."]


def in_words(name: object, names: dict[str, str] | None = None) -> str:
    """An id from a codebook in words: its declared name, else 'snake_case' as 'Snake case'."""
    text = str(name)
    if names and text in names:
        return str(names[text])
    return capital(text.replace("_", " ")) if text else ""


def richest_group(counts: pd.DataFrame) -> str | None:
    """The group of people described with the most different labels: where word choice varies most."""
    if counts.empty:
        return None
    variety = counts.groupby("actor")["label"].nunique().sort_values(ascending=False, kind="stable")
    return str(variety.index[0])


def abstract(
    articles: pd.DataFrame, own_voice: pd.DataFrame, labels: pd.DataFrame, groups: dict[str, str],
    reconciled: pd.DataFrame, provenance: list[str], quotes: list[str]
) -> str:
    """A short abstract of the main results, assembled from the chapters' findings."""
    group = richest_group(labels)
    label_text = labels_finding(labels[labels["actor"] == group], groups)[0] if group else ""
    numbers = numbers_finding(reconciled, pd.DataFrame())
    parts = [
        corpus_finding(articles),
        provenance[0] if provenance else "",
        tone_finding(own_voice, "own words"),
        label_text,
        numbers[2] if len(numbers) > 2 else numbers[0],
        quotes[1] if len(quotes) > 1 else "",
    ]
    return " ".join(p for p in parts if p)


def single_article_finding(outlets: pd.DataFrame) -> str:
    """How many outlets rest on one article (from :func:`outlet_facts`)."""
    single, total = int((outlets["articles"] == 1).sum()), len(outlets)
    tail = ": differences between outlets describe these articles, not the outlets' habits."
    if not single:
        return "Every outlet contributes more than one article."
    if single == total:
        subject = "The only outlet contributes" if total == 1 else "Every outlet contributes"
        return subject + " a single article" + tail
    verb = "contributes" if single == 1 else "contribute"
    return f"{capital(count(single, 'outlet'))} of {number(total)} {verb} a single article" + tail


def frame_validation_finding(micro: dict[str, float], unreliable: list[str]) -> str:
    """The frame dictionary's agreement with the hand coding, in words, labelled as in-sample."""
    return (f"On {count(int(micro['n_sentences']), 'hand-coded sentence')}, the dictionary reaches "
            f"a micro-averaged precision of {micro['precision']:.2f} and recall of {micro['recall']:.2f} "
            f"({IN_SAMPLE}). " + ("Every frame is reliable by this test." if not unreliable else
                                  f"Not reliable: {join(unreliable)}."))
