"""Sentence-level VADER sentiment, aggregated by article and outlet, with an exact word shift.

VADER (Hutto and Gilbert 2014) is a lexicon with rules; its compound score for a long text saturates
towards +1 or -1, so we score sentences and average them: an article's score is the mean of its
sentence scores, and an outlet's score the mean of its articles' scores (each article counts once).

Lexicon scores on news are easily misread: VADER rates "terrorists", "riot" or "peacekeeping"
strongly, so an outlet can score low merely by its choice of labels. :func:`word_shift` therefore
splits every sentence's compound score exactly into the contributions of the words that produced it,
and aggregates them the same way as the scores, so each outlet's difference from the corpus mean is
the sum of its words' contributions.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from helpers.analyses import labels, vader
from helpers.analyses.framing import term_pattern
from helpers.inputs.codebook import Codebook
from helpers.inputs.patterns import phrase_pattern

THRESHOLD = 0.05
PUNCTUATION_TERM = "(! and ? emphasis)"
MASK = "someone"  # a word VADER does not score, put where a masked name stood


def compound_with_shares(text: str) -> tuple[float, list[tuple[str, float]]]:
    """Compound score of ``text`` and each word's share of it (shares sum to the compound)."""
    tokens, vals, emphasis = vader.valences(text)
    total = sum(vals) + emphasis
    compound = vader.compound_of(total)
    if not total:
        return compound, []
    ratio = compound / total
    parts = [(tok.lower(), v * ratio) for tok, v in zip(tokens, vals, strict=True) if v]
    if emphasis:
        parts.append((PUNCTUATION_TERM, emphasis * ratio))
    return compound, parts


def label(compound: float) -> str:
    """positive / neutral / negative with VADER's conventional +-0.05 thresholds."""
    return "positive" if compound >= THRESHOLD else ("negative" if compound <= -THRESHOLD else "neutral")


def mask_terms(codebook: Codebook, articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """What is masked before scoring, and why: outlet names, codebook names, the event's set phrases.

    A name says who is talked about, not how: an outlet called "The Happy Gazette" would add "happy" to its
    own score, an alliance called "Mutual Security Pact" would add "security".
    """
    rows = []
    if articles is not None and "outlet" in articles:
        outlets = {str(o) for o in articles["outlet"].dropna() if str(o).strip() and str(o) != "unknown"}
        rows += [{"term": o, "kind": "outlet name"} for o in sorted(outlets)]
    rows += [{"term": v, "kind": "name in the alias codebook"} for v in codebook.aliases["variant"]]
    rows += [{"term": str(t), "kind": "set phrase (event codebook)"} for t in _tone_phrases(codebook)]
    return pd.DataFrame(rows, columns=["term", "kind"]).drop_duplicates("term").reset_index(drop=True)


def _tone_phrases(codebook: Codebook) -> list[str]:
    return list((codebook.section("event").get("tone", {}) or {}).get("mask", []) or [])


def mask_pattern(codebook: Codebook, articles: pd.DataFrame | None = None) -> re.Pattern[str] | None:
    """Names match as written (and capitalised); set phrases match in any case."""
    terms = mask_terms(codebook, articles)
    names = [t for t in terms.loc[terms["kind"] != "set phrase (event codebook)", "term"] if t]
    names += [n[0].upper() + n[1:] for n in names if n[0].islower()]
    parts = [phrase_pattern([n.replace("’", "'") for n in names]).pattern] if names else []
    phrases = _tone_phrases(codebook)
    if phrases:
        parts.append("(?i:" + term_pattern(phrases).pattern + ")")
    return re.compile("|".join(parts)) if parts else None


def mask_text(text: str, pattern: re.Pattern[str] | None) -> str:
    """The text with every masked name or phrase replaced by a word the lexicon does not score."""
    return pattern.sub(MASK, text) if pattern is not None else text


def score_sentences(sentences: pd.DataFrame, mask: re.Pattern[str] | None = None) -> pd.DataFrame:
    """Add ``compound`` and ``polarity`` (and ``scored_text``, what VADER saw) to the sentences table."""
    out = sentences.copy()
    out["scored_text"] = [mask_text(t, mask) for t in out["text"]]
    out["compound"] = vader.compounds(out["scored_text"].tolist())
    out["polarity"] = out["compound"].map(label)
    return out


def article_scores(scored: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Per article: mean sentence compound and the shares of positive/neutral/negative sentences.

    Each share is the mean of a 0/1 column, taken by one groupby over all sentences (no Python call per article).
    """
    flags = pd.DataFrame(
        {f"share_{p}": (scored["polarity"] == p).to_numpy(dtype=float) for p in ("positive", "neutral", "negative")}
    )
    g = flags.groupby(scored["article_id"].to_numpy())
    table = pd.DataFrame({"n_sentences": g.size(), "mean_compound": scored.groupby("article_id")["compound"].mean()})
    table = table.join(g.mean()).rename_axis("article_id").reset_index()
    meta = articles[["article_id", "outlet", "outlet_label"]]
    return meta.merge(table, on="article_id", how="inner")


BOOT_BATCH_DRAWS = 2_000_000  # sentence draws per vectorised batch of replicates (bounds memory)


def _cluster_bootstrap(groups: list[np.ndarray], n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """Means of articles' means, resampling articles, then sentences within each article.

    Replicates are drawn in batches, each batch in a few array operations over all its draws, so an
    outlet with few sentences costs a handful of NumPy calls rather than one Python loop per replicate.
    """
    k = len(groups)
    if k == 0:
        return np.full(n_boot, np.nan)
    sizes = np.array([len(g) for g in groups], dtype=np.int64)
    values = np.concatenate(groups)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
    per_replicate = max(1, int(sizes.mean() * k))
    batch = max(1, min(n_boot, BOOT_BATCH_DRAWS // per_replicate))
    stats = []
    for first in range(0, n_boot, batch):
        b = min(batch, n_boot - first)
        picks = rng.integers(0, k, size=(b, k)).ravel()
        n = sizes[picks]
        idx = np.repeat(starts[picks], n) + rng.integers(0, np.repeat(np.maximum(n, 1), n))
        sums = np.bincount(np.repeat(np.arange(b * k), n), weights=values[idx], minlength=b * k)
        with np.errstate(invalid="ignore", divide="ignore"):
            stats.append((sums / n).reshape(b, k).mean(axis=1))
    return np.concatenate(stats)


def _interval(boot: np.ndarray, level: float) -> tuple[float, float]:
    lo, hi = np.quantile(boot, [(1 - level) / 2, 1 - (1 - level) / 2])
    return lo, hi


def _articles_by_outlet(articles: pd.DataFrame, present: list[str]) -> dict[str, list[str]]:
    """Outlet -> its articles among ``present``, both sorted: one pass over the articles, not one per outlet."""
    outlet_of = articles.set_index("article_id")["outlet_label"]
    members: dict[str, list[str]] = {}
    for aid, outlet in zip(present, outlet_of.loc[present].tolist(), strict=True):
        members.setdefault(outlet, []).append(aid)
    return {outlet: sorted(members[outlet]) for outlet in sorted(members)}


def outlet_scores(
    scored: pd.DataFrame,
    articles: pd.DataFrame,
    n_boot: int = 2000,
    seed: int = 20220106,
    level: float = 0.95,
    weights: pd.Series | None = None,
) -> pd.DataFrame:
    """Outlet means with percentile bootstrap intervals (resampling unit: article, then sentence).

    ``weights`` (by article_id) can down-weight copies, e.g. 1/size of the article's story family. The
    intervals do not depend on them, so a second, weighted call can pass ``n_boot=0`` to skip the bootstrap
    (its ``ci_low``/``ci_high`` are then NaN).
    """
    rng = np.random.default_rng(seed)
    rows = []
    by_article = {a: g.to_numpy() for a, g in scored.groupby("article_id", sort=False)["compound"]}
    present = list(by_article)
    weight_of = {} if weights is None else dict(zip(present, weights.reindex(present).fillna(1).tolist(), strict=True))
    for outlet, ids in _articles_by_outlet(articles, present).items():
        groups = [by_article[a] for a in ids]
        art_means = np.array([g.mean() for g in groups])
        w = np.ones(len(ids)) if weights is None else np.array([weight_of[a] for a in ids])
        lo, hi = (np.nan, np.nan) if n_boot < 1 else _interval(_cluster_bootstrap(groups, n_boot, rng), level)
        rows.append(
            {
                "outlet": outlet,
                "n_articles": len(ids),
                "n_sentences": int(sum(len(g) for g in groups)),
                "mean_compound": float(np.average(art_means, weights=w)),
                "ci_low": float(lo),
                "ci_high": float(hi),
            }
        )
    return pd.DataFrame(rows, columns=["outlet", "n_articles", "n_sentences", "mean_compound", "ci_low", "ci_high"])


def word_contributions(scored: pd.DataFrame) -> pd.DataFrame:
    """Per article and word: the word's contribution to the article's mean compound score.

    One pass over the sentences (plain lists, no per-article table slices); articles come out sorted,
    each article's words in the order they first contribute. A text is split into word shares once, however
    many articles print it (wire copies repeat sentences word for word).
    """
    texts = scored["scored_text"] if "scored_text" in scored else scored["text"]
    ids = scored["article_id"].tolist()
    size: dict[str, int] = {}
    for art in ids:
        size[art] = size.get(art, 0) + 1
    acc: dict[str, dict[str, float]] = {}
    counts: dict[str, dict[str, int]] = {}
    shares: dict[str, list[tuple[str, float]]] = {}
    for art, text in zip(ids, texts.tolist(), strict=True):
        a, c, n = acc.setdefault(art, {}), counts.setdefault(art, {}), size[art]
        if text not in shares:
            shares[text] = compound_with_shares(text)[1]
        for word, part in shares[text]:
            a[word] = a.get(word, 0.0) + part / n
            c[word] = c.get(word, 0) + 1
    rows = [(art, w, v, counts[art][w]) for art in sorted(acc) for w, v in acc[art].items()]
    return pd.DataFrame(rows, columns=["article_id", "word", "contribution", "count"])


SHIFT_COLUMNS = ["outlet", "word", "shift", "count_in_outlet"]


def word_shift(scored: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Each outlet's difference from the corpus mean, split exactly into word contributions.

    Corpus mean = mean of article scores; outlet score = mean of its articles' scores. For word w,
    ``shift`` = (outlet's mean contribution of w) - (corpus mean contribution of w); the shifts of an
    outlet sum to its score minus the corpus mean.

    The means are those of a word x article table of contributions (zero where an article lacks the
    word), summed from the non-zero cells only (``np.bincount``), so the table is never built. The
    result has a row for every outlet and every word with a non-zero shift (a word an outlet never uses
    still shifts it), so its size is outlets times the vocabulary by definition.
    """
    contrib = word_contributions(scored)
    ids = sorted(scored["article_id"].unique())
    if contrib.empty:
        return pd.DataFrame([], columns=SHIFT_COLUMNS)
    outlet_codes, outlets = pd.factorize(articles.set_index("article_id").loc[ids, "outlet_label"], sort=True)
    members = np.bincount(outlet_codes, minlength=len(outlets))
    word_codes, words = pd.factorize(contrib["word"], sort=True)
    column = pd.Series(np.arange(len(ids)), index=ids)[contrib["article_id"]].to_numpy()
    values = contrib["contribution"].to_numpy(dtype=float)
    cell = outlet_codes[column] * len(words) + word_codes  # (outlet, word), flattened
    corpus = np.bincount(word_codes, weights=values, minlength=len(words)) / len(ids)
    by_outlet = np.bincount(cell, weights=values, minlength=len(outlets) * len(words))
    shift = by_outlet.reshape(len(outlets), len(words)) / members[:, None] - corpus
    n_in = np.zeros(len(outlets) * len(words), dtype=np.int64)
    np.add.at(n_in, cell, contrib["count"].to_numpy(dtype=np.int64))
    oi, wi = np.nonzero(shift != 0)
    return pd.DataFrame(
        {"outlet": outlets.to_numpy()[oi], "word": words.to_numpy()[wi], "shift": shift[oi, wi],
         "count_in_outlet": n_in.reshape(len(outlets), len(words))[oi, wi]},
        columns=SHIFT_COLUMNS,
    )


def top_shifts(shift: pd.DataFrame, n: int = 8) -> pd.DataFrame:
    """The ``n`` words pushing each outlet most up and most down."""
    if shift.empty:
        return shift
    parts = []
    for _, g in shift.groupby("outlet"):
        g = g.sort_values("shift")
        parts += [g.head(n), g[g["shift"] > 0].tail(n)]
    return pd.concat(parts).drop_duplicates().sort_values(["outlet", "shift"]).reset_index(drop=True)


def actor_mentions(sentences: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """Which actor groups each sentence mentions: by name (alias codebook) or by a label for them.

    A label ("bandits", "security forces") says who is meant through its group's ``actor`` in
    ``actor_labels.yaml``; the word itself is counted separately, as written, by the labels module.
    """
    rx = codebook.alias_pattern
    info = codebook.entity_info
    found: dict[tuple[str, int], set[str]] = {}
    actor_of: dict[str, str] = {}  # written name -> actor group, looked up once per distinct form
    if rx is not None:
        columns = (sentences[c].tolist() for c in ("article_id", "sentence_id", "text"))
        for aid, sid, text in zip(*columns, strict=True):
            names = set()
            for m in rx.finditer(text):
                name = m.group()
                if name not in actor_of:
                    actor_of[name] = info.get(codebook.canonical(name), {}).get("actor", "")
                names.add(actor_of[name])
            found.setdefault((aid, sid), set()).update(names)
    by_label = labels.label_hits(sentences, pd.DataFrame({"article_id": [], "outlet_label": []}), codebook)
    for aid, sid, who in zip(*(by_label[c].tolist() for c in ("article_id", "sentence_id", "identity")), strict=True):
        found.setdefault((aid, sid), set()).add(who)
    rows = [
        {"article_id": aid, "sentence_id": sid, "actor": a}
        for (aid, sid), actors in found.items()
        for a in sorted(actors)
        if a
    ]
    return pd.DataFrame(rows, columns=["article_id", "sentence_id", "actor"])


def sentiment_toward_actors(scored: pd.DataFrame, mentions: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Mean compound of the sentences that mention each actor, by outlet (co-occurrence, not stance)."""
    m = mentions.merge(scored[["article_id", "sentence_id", "compound"]], on=["article_id", "sentence_id"])
    m = m.merge(articles[["article_id", "outlet_label"]], on="article_id")
    g = m.groupby(["outlet_label", "actor"])["compound"]
    out = pd.DataFrame({"n_sentences": g.size(), "mean_compound": g.mean()}).reset_index()
    return out.rename(columns={"outlet_label": "outlet"})


def strongest_words(shift: pd.DataFrame, outlet: str, n: int = 3, negative: bool = True) -> str:
    """The words that move an outlet's score most in one direction, for prose ("war, dead, violence")."""
    g = shift[(shift["outlet"] == outlet) & ((shift["shift"] < 0) if negative else (shift["shift"] > 0))]
    g = g[g["count_in_outlet"] > 0].sort_values("shift", ascending=negative)
    return ", ".join(f"“{w}”" for w in g["word"].head(n)) or "none"


def strongest_words_by_outlet(shift: pd.DataFrame, n: int = 3, negative: bool = True) -> dict[str, str]:
    """:func:`strongest_words` for every outlet of ``shift`` at once: one pass over the table instead of one
    filter of the whole table per outlet (which grows with outlets times rows)."""
    mask = (shift["shift"] < 0) if negative else (shift["shift"] > 0)
    kept = shift[mask & (shift["count_in_outlet"] > 0)]
    out = dict.fromkeys(sorted(shift["outlet"].unique()), "none")
    for outlet, g in kept.groupby("outlet", sort=False):
        g = g.sort_values("shift", ascending=negative)
        out[outlet] = ", ".join(f"“{w}”" for w in g["word"].head(n)) or "none"
    return out
