"""Frames, actor labels and distinctive words (keyness) by outlet.

Frames are found with a dictionary from the event codebook that combines the protest paradigm
(McLeod and Hertog) with the applicable frames of the Policy Frames Codebook (Boydstun et al.). A
dictionary is transparent (every hit can be shown) but blunt, so it is validated against sentences
coded by hand (``tests/gold/frames.csv``) and the book reports precision and recall per frame.

Keyness uses the "Fightin' Words" log-odds ratio with an informative Dirichlet prior (Monroe,
Colaresi and Quinn 2008), which keeps rare words from dominating small corpora.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import pandas as pd

from helpers.analyses import labels
from helpers.inputs.codebook import Codebook, CodebookError
from helpers.inputs.patterns import lowered, phrase_pattern
from helpers.text.normalise import WORD

TOKEN = re.compile(r"[a-z][a-z'-]*[a-z]|[a-z]")


def term_pattern(terms: list[str]) -> re.Pattern[str]:
    """One case-insensitive pattern; ``word*`` matches any ending, phrases match whole words."""
    return phrase_pattern(terms, re.IGNORECASE)


def name_in_term(term: str, codebook: Codebook) -> str | None:
    """The person, place or organisation a frame term names, or None when it names none.

    A term names one when it is a variant or descriptor of a codebook entity (in any case) or when the
    text-name finder finds a name in it as written (a leader, a state, a capital, "X administration").
    """
    from helpers.text.names import find_names

    core = term.rstrip("*").strip()
    forms = {f.lower(): c for f, c in zip(codebook.aliases["variant"], codebook.aliases["canonical"], strict=True)}
    if core.lower() in forms:
        return forms[core.lower()]
    found = find_names(core, codebook)
    return found[0].text if found else None


@lru_cache(maxsize=8)
def frame_specs(codebook: Codebook) -> dict[str, dict]:
    """The codebook's frames, checked: a frame counts framing language, so a term that is a name is refused.

    Raises :class:`CodebookError` naming the term, the name it holds and the frame.
    """
    frames = codebook.section("frames").get("frames", {}) or {}
    for frame, spec in frames.items():
        for term in spec.get("terms", []) or []:
            name = name_in_term(str(term), codebook)
            if name is not None:
                raise CodebookError(
                    f"{codebook.event_dir / 'frames.yaml'}: frame '{frame}': the term '{term}' is a name "
                    f"('{name}'), not framing language; a frame counts how a text frames the story, not whom it "
                    "mentions. Remove the term or replace it with the words of the frame.")
    return frames


@lru_cache(maxsize=8)
def _frame_patterns(codebook: Codebook) -> dict[str, re.Pattern[str]]:
    return {name: term_pattern(spec.get("terms", [])) for name, spec in frame_specs(codebook).items()}


def _frame_terms(codebook: Codebook) -> list[str]:
    """Every frame's terms, in codebook order."""
    return [t for spec in frame_specs(codebook).values() for t in spec.get("terms", [])]


@lru_cache(maxsize=8)
def _any_frame(codebook: Codebook) -> re.Pattern[str]:
    """All frame terms in one pattern: sentences without any term are skipped in one pass."""
    return term_pattern(_frame_terms(codebook) or ["\u0000"])


@lru_cache(maxsize=8)
def _any_frame_lower(codebook: Codebook) -> re.Pattern[str] | None:
    """:func:`_any_frame` for lower-cased ASCII sentences (see :func:`lowered`)."""
    return lowered(_any_frame(codebook))


def frame_table(codebook: Codebook) -> pd.DataFrame:
    """The frame codebook for the reader: frame, family, label, definition, terms."""
    rows = [
        {
            "frame": name,
            "family": spec.get("family", ""),
            "label": spec.get("label", name),
            "definition": spec.get("definition", ""),
            "terms": ", ".join(spec.get("terms", [])),
        }
        for name, spec in frame_specs(codebook).items()
    ]
    return pd.DataFrame(rows, columns=["frame", "family", "label", "definition", "terms"])


@lru_cache(maxsize=8)
def _term_frames(codebook: Codebook) -> tuple[dict[str, frozenset[str]], list[tuple[str, str]]]:
    """Literal term -> frames, and (prefix, frame) for wildcard terms."""
    literal: dict[str, set[str]] = {}
    wild: list[tuple[str, str]] = []
    for name, spec in frame_specs(codebook).items():
        for term in spec.get("terms", []):
            if term.endswith("*"):
                wild.append((term[:-1].lower(), name))
            else:
                literal.setdefault(re.sub(r"\s+", " ", term.lower()), set()).add(name)
    return {k: frozenset(v) for k, v in literal.items()}, wild


def frame_hits(sentences: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """Every dictionary hit: article_id, sentence_id, frame, term as written, offset in the sentence.

    One pass of a single pattern holding every frame's terms; each match is mapped to the frames whose
    terms it matches (a word can belong to several frames).
    """
    rows = []
    any_frame = _any_frame(codebook)
    literal, wild = _term_frames(codebook)
    memo: dict[str, list[str]] = {}
    order = {name: i for i, name in enumerate(_frame_patterns(codebook))}
    lower = _any_frame_lower(codebook)
    for aid, sid, text in zip(sentences["article_id"], sentences["sentence_id"], sentences["text"], strict=True):
        found = lower.finditer(text.lower()) if lower is not None and text.isascii() else any_frame.finditer(text)
        for m in found:
            term = m.group().lower()
            frames = memo.get(term)
            if frames is None:
                key = re.sub(r"\s+", " ", term)
                found = set(literal.get(key, ()))
                found |= {f for prefix, f in wild if key.startswith(prefix)}
                frames = memo[term] = sorted(found, key=order.get)
            for f in frames:
                rows.append((aid, sid, f, term, m.start()))
    return pd.DataFrame(rows, columns=["article_id", "sentence_id", "frame", "term", "offset"])


def _joined_by_sentence(sentences: pd.DataFrame, hits: pd.DataFrame, column: str, sep: str) -> list[str]:
    """For each row of ``sentences``: the distinct values of ``column`` among its hits, sorted and joined.

    The hits are joined to the sentence rows once (a hash merge), each (row, value) pair is coded as one
    integer (values coded in sorted order) and de-duplicated by one sort, so only the joins are Python
    calls: the step is linear in hits plus sentences, however many sentences there are.
    """
    key = ["article_id", "sentence_id"]
    out = [""] * len(sentences)
    rows = pd.DataFrame({k: sentences[k].to_numpy() for k in key}).assign(_row=np.arange(len(sentences)))
    h = hits[[*key, column]].merge(rows, on=key, how="inner")
    if h.empty:
        return out
    codes, values = pd.factorize(h[column], sort=True)
    pairs = np.unique(h["_row"].to_numpy(dtype=np.int64) * len(values) + codes)
    row, code = np.divmod(pairs, len(values))
    words = values.to_numpy()[code].tolist()
    starts = np.flatnonzero(np.r_[True, row[1:] != row[:-1]])
    ends = np.r_[starts[1:], len(pairs)]
    for r, first, last in zip(row[starts].tolist(), starts.tolist(), ends.tolist(), strict=True):
        out[r] = sep.join(words[first:last])
    return out


def sentence_frames(sentences: pd.DataFrame, hits: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence: the frames it is in and the terms that matched (empty when none)."""
    out = sentences[["article_id", "sentence_id", "text"]].copy()
    out["frames"] = _joined_by_sentence(sentences, hits, "frame", ";")
    out["terms"] = _joined_by_sentence(sentences, hits, "term", ", ")
    return out


BY_OUTLET_COLUMNS = ["outlet", "frame", "hits", "per_1000_words", "share_sentences"]


def framing_by_outlet(
    hits: pd.DataFrame, sentences: pd.DataFrame, articles: pd.DataFrame, codebook: Codebook
) -> pd.DataFrame:
    """Per outlet and frame: hits, hits per 1,000 words, share of sentences in the frame.

    Every count is one groupby over the whole table (sentences, articles, hits), then the outlet x frame
    grid is filled from them: the work grows with the rows, not with outlets times frames.
    """
    meta = articles.set_index("article_id")
    frames = list(_frame_patterns(codebook))
    sent_outlet = pd.Series(meta.loc[sentences["article_id"], "outlet_label"].to_numpy())
    n_sent = sent_outlet.groupby(sent_outlet).size()
    if n_sent.empty:
        return pd.DataFrame([], columns=BY_OUTLET_COLUMNS)
    ids = pd.unique(sentences["article_id"])
    words = meta.loc[ids].groupby("outlet_label")["n_words"].sum().reindex(n_sent.index, fill_value=0)
    h = hits[["article_id", "sentence_id", "frame"]]
    h = h.assign(outlet=meta.loc[h["article_id"], "outlet_label"].to_numpy()) if len(h) else h.assign(outlet=[])
    h = h[h["frame"].isin(frames)]
    grid = pd.MultiIndex.from_product([n_sent.index, frames], names=["outlet", "frame"])
    n_hits = h.groupby(["outlet", "frame"]).size().reindex(grid, fill_value=0)
    in_frame = (
        h.drop_duplicates(["outlet", "frame", "article_id", "sentence_id"])
        .groupby(["outlet", "frame"])
        .size()
        .reindex(grid, fill_value=0)
    )
    outlet_words = words.astype("int64").reindex(grid.get_level_values("outlet")).to_numpy()
    outlet_sents = n_sent.reindex(grid.get_level_values("outlet")).to_numpy()
    counts = n_hits.to_numpy().astype("int64")
    with np.errstate(divide="ignore", invalid="ignore"):
        per_1000 = np.where(outlet_words > 0, 1000 * counts / outlet_words, 0.0)
        share = np.where(outlet_sents > 0, in_frame.to_numpy() / outlet_sents, 0.0)
    return pd.DataFrame(
        {
            "outlet": grid.get_level_values("outlet").to_numpy(),
            "frame": grid.get_level_values("frame").to_numpy(),
            "hits": counts,
            "per_1000_words": per_1000,
            "share_sentences": share,
        },
        columns=BY_OUTLET_COLUMNS,
    )


# --- actor labels ----------------------------------------------------------------------------


def actor_labels(sentences: pd.DataFrame, articles: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """Per outlet: how often each label is written for each group (see :mod:`helpers.analyses.labels`)."""
    return labels.label_counts(labels.label_hits(sentences, articles, codebook))


# --- keyness ---------------------------------------------------------------------------------


def tokens(text: str, stopwords: frozenset[str] = frozenset()) -> list[str]:
    """Lower-case word tokens without stopwords or numbers."""
    return [t for t in (w.lower() for w in WORD.findall(text)) if TOKEN.fullmatch(t) and t not in stopwords]


def term_counts(sentences: pd.DataFrame, articles: pd.DataFrame, stopwords: frozenset[str]) -> pd.DataFrame:
    """Counts of each term by outlet (long table: outlet, term, count), in order of first use.

    One pass over the sentences; whether a word is a term is decided once per distinct word.
    """
    outlet_of = articles.set_index("article_id")["outlet_label"]
    outlets = outlet_of.loc[sentences["article_id"]].tolist()
    keep: dict[str, str | None] = {}
    rows: dict[tuple[str, str], int] = {}
    for outlet, text in zip(outlets, sentences["text"].tolist(), strict=True):
        for word in WORD.findall(text):
            term = keep.get(word, "")
            if term == "":
                low = word.lower()
                term = keep[word] = low if TOKEN.fullmatch(low) and low not in stopwords else None
            if term is not None:
                k = (outlet, term)
                rows[k] = rows.get(k, 0) + 1
    return pd.DataFrame([(o, t, c) for (o, t), c in rows.items()], columns=["outlet", "term", "count"])


def fightin_words(counts: pd.DataFrame, prior_scale: float = 1.0, min_count: int = 2) -> pd.DataFrame:
    """Log-odds ratio with informative Dirichlet prior, each outlet against all the others.

    For term w, outlet i and the rest j: alpha_w = prior_scale * corpus count of w, a0 = sum alpha,
    delta = log((y_iw + a_w) / (n_i + a0 - y_iw - a_w)) - log((y_jw + a_w) / (n_j + a0 - y_jw - a_w)),
    var = 1/(y_iw + a_w) + 1/(y_jw + a_w), z = delta / sqrt(var). Terms rarer than ``min_count`` in
    the outlet are not reported (they stay in the totals).

    Computed on the (outlet, term) pairs that are reported, not on a dense term x outlet table.
    """
    cols = ["outlet", "term", "z", "count", "delta"]
    pairs = counts.groupby(["outlet", "term"])["count"].sum()
    if pairs.empty:
        return pd.DataFrame([], columns=cols)
    if min_count <= 0:  # every term of every outlet is reported, used or not
        pairs = pairs.reindex(pd.MultiIndex.from_product(pairs.index.levels, names=pairs.index.names), fill_value=0)
    total = pairs.groupby(level="term").sum().astype(float)
    alpha = prior_scale * total
    a0 = float(alpha.sum())
    n_i = pairs.groupby(level="outlet").sum().astype(float)
    n_all = float(total.sum())
    shown = pairs[pairs.to_numpy() >= min_count]
    terms = shown.index.get_level_values("term")
    yi = shown.to_numpy(dtype=float)
    a = alpha.reindex(terms).to_numpy()
    yj = total.reindex(terms).to_numpy() - yi
    ni = n_i.reindex(shown.index.get_level_values("outlet")).to_numpy()
    nj = n_all - ni
    delta = np.log((yi + a) / (ni + a0 - yi - a)) - np.log((yj + a) / (nj + a0 - yj - a))
    z = delta / np.sqrt(1.0 / (yi + a) + 1.0 / (yj + a))
    out = pd.DataFrame({"outlet": shown.index.get_level_values("outlet"), "term": terms, "z": z,
                        "count": shown.to_numpy().astype(int), "delta": delta}, columns=cols)
    return out.sort_values(["outlet", "z"], ascending=[True, False]).reset_index(drop=True)


def top_terms(keyness: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """The ``n`` most distinctive terms per outlet (highest z)."""
    if keyness.empty:
        return keyness
    ranked = keyness.sort_values(["outlet", "z"], ascending=[True, False], kind="stable")
    return ranked.groupby("outlet", sort=False).head(n).reset_index(drop=True)


def corpus_frame_shares(matched: pd.DataFrame) -> pd.DataFrame:
    """Share of all sentences in each frame, corpus-wide, largest first."""
    n = len(matched) or 1
    counts: dict[str, int] = {}
    for value in matched["frames"].fillna("").tolist():
        for f in filter(None, str(value).split(";")):
            counts[f] = counts.get(f, 0) + 1
    table = pd.DataFrame({"frame": list(counts), "share": [c / n for c in counts.values()]}, columns=["frame", "share"])
    return table.sort_values(["share", "frame"], ascending=[False, True]).reset_index(drop=True)
