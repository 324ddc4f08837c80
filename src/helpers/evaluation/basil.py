"""Tone toward people against BASIL-style judgements: ``helpers evaluate --task basil``.

BASIL judges each article's feeling toward the main people of an event reported by several outlets.
The corpus is given with every article as its own outlet (``corpus-per-article/``), so a row of
``tone_toward_actors.csv`` is one article's tone toward one person. This command builds the actor
mentions exactly as a run does, then writes one results folder per way of turning an article's mention
scores into its tone (:data:`helpers.analyses.actor_tone.ARTICLE_WAYS`) and scores each as the shared
scorer does (coverage, Spearman's rho with the judged feeling, and "order": the share of judged pairs of
outlets on one event that the tone puts in the same order). The shared ``score_tone.py basil
--results OUT/<way>`` reads the same folders, so either can be cited.
"""

from __future__ import annotations

import json
import warnings
from collections import defaultdict
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.analyses.actor_mentions import find_actor_mentions, score_actor_mentions
from helpers.analyses.actor_tone import ARTICLE_WAYS, TONE_COLUMNS, article_tone
from helpers.inputs.codebook import load_codebook
from helpers.inputs.corpus import CorpusWarning, load_corpus
from helpers.inputs.corpus import usable as usable_articles
from helpers.text.normalise import normalise_corpus


def scored_mentions(corpus: Path, codebook_dir: str | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(actor mentions with the model's scores, usable articles), made as the pipeline's chunk stage makes them."""
    from helpers.analyses import quotes
    from helpers.analyses.tone_model import load_tone_model

    codebook = load_codebook(codebook_dir)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        articles = load_corpus(corpus)
    normalised = normalise_corpus(articles, codebook)
    usable = usable_articles(normalised.articles)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", quotes.QuoteWarning)
        found_quotes = quotes.extract_quotes(normalised, usable, codebook)
    found = find_actor_mentions(normalised, found_quotes, codebook)
    model = load_tone_model(codebook.section("event").get("tone_model") or None)
    return score_actor_mentions(found, normalised.sentences, model), usable


def _ranks(v: np.ndarray) -> np.ndarray:
    return pd.Series(v).rank(method="average").to_numpy()


def basil_scores(tone: pd.DataFrame, gold: pd.DataFrame) -> dict[str, float]:
    """Coverage, Spearman and order of ``tone`` (outlet, actor, mean_tone) against the judged ``feeling``."""
    got = {(o, a): t for o, a, t in zip(tone["outlet"], tone["actor"], tone["mean_tone"], strict=True)}
    keys = list(zip(gold["article_id"], gold["entity"], strict=True))
    judged = gold["feeling"].astype(float).to_numpy()
    given = np.array([got.get(k, 0.0) for k in keys], dtype=float)
    rho = float(np.corrcoef(_ranks(judged), _ranks(given))[0, 1])
    by: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for trip, ent, j, s in zip(gold["triplet"], gold["entity"], judged, given, strict=True):
        by[(trip, ent)].append((j, s))
    agree = total = 0.0
    for pairs in by.values():
        for i, (ji, si) in enumerate(pairs):
            for jj, sj in pairs[i + 1 :]:
                if ji != jj:
                    d = (si - sj) * (ji - jj)
                    total += 1
                    agree += 1.0 if d > 0 else (0.5 if d == 0 else 0.0)
    return {"coverage": sum(k in got for k in keys) / len(keys), "spearman": rho,
            "order": agree / total if total else float("nan"), "judgements": len(keys), "pairs": int(total)}


def evaluate_basil(corpus: str | Path, gold: str | Path, codebook_dir: str | None, out: str | Path,
                   label: str = "development set: tuned against") -> dict[str, object]:
    """Write ``OUT/<way>/tone_toward_actors.csv`` for every way and ``OUT/evaluation_basil.json`` with their scores."""
    scored, usable = scored_mentions(Path(corpus), codebook_dir)
    outlet_of = dict(zip(usable["article_id"], usable["outlet_label"], strict=True))
    judged = pd.read_csv(gold, dtype=str, keep_default_na=False)
    out = Path(out)
    result: dict[str, object] = {"task": "basil", "corpus": Path(corpus).name, "label": label,
                                 "n_mentions": len(scored), "how": scored["how"].value_counts().to_dict(), "ways": {}}
    for way in ARTICLE_WAYS:
        per = article_tone(scored, way)
        table = pd.DataFrame({"outlet": per["article_id"].map(outlet_of), "actor": per["actor"],
                              "n_mentions": per["n_mentions"], "mean_tone": per["tone"],
                              "ci_low": per["tone"], "ci_high": per["tone"]}, columns=TONE_COLUMNS)
        (out / way).mkdir(parents=True, exist_ok=True)
        table.to_csv(out / way / "tone_toward_actors.csv", index=False)
        result["ways"][way] = basil_scores(table, judged)
    (out / "evaluation_basil.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return result
