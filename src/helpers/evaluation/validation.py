"""Validation of the analyses against hand-written gold annotations of a study's own articles.

The book scores each study against its ``gold/`` folder (``frame_scores``, ``study_quote_scores``,
``study_number_scores``, on the run's own tables); the tests call the seed wrappers (``frame_validation``,
``quote_validation``, ``number_validation``) on the first study's gold and assert the targets, through the
same scoring functions, so the published numbers and the tested ones cannot drift apart. Gold files are
keyed by article id and sentence id, and carry the start of each
sentence's text so that a change in sentence splitting is caught instead of silently misaligning.
"""

from __future__ import annotations

import warnings

import pandas as pd

from helpers.analyses import framing
from helpers.evaluation import scoring
from helpers.inputs.codebook import Codebook, load_codebook
from helpers.inputs.config import DEFAULT_CORPUS, GOLD_DIR, PROJECT_ROOT
from helpers.inputs.corpus import CorpusWarning, load_corpus
from helpers.text.normalise import NormalisedCorpus, normalise_corpus

GOLD = GOLD_DIR
SEEDS = DEFAULT_CORPUS

# A frame is marked (``below_0_7``) unless the dictionary reaches both of these on the gold sentences
# and the gold has at least MIN_GOLD sentences in the frame. Meeting them on in-sample gold is not
# evidence of reliability; the table names the kind of gold it was scored on.
RELIABLE_PRECISION = 0.7
RELIABLE_RECALL = 0.7
MIN_GOLD = 3


def seed_corpus(codebook: Codebook | None = None) -> tuple[Codebook, NormalisedCorpus]:
    """The seeds, loaded and normalised with the default (or given) codebook."""
    codebook = codebook or load_codebook()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        articles = load_corpus(SEEDS)
    return codebook, normalise_corpus(articles, codebook)


def read_seed_gold(name: str) -> pd.DataFrame:
    return pd.read_csv(GOLD / name, keep_default_na=False, dtype={"sentence_id": int})


def check_alignment(gold: pd.DataFrame, sentences: pd.DataFrame) -> None:
    """Raise when a gold row no longer points at the sentence it was written for."""
    merged = gold.merge(sentences[["article_id", "sentence_id", "text"]], on=["article_id", "sentence_id"], how="left")
    bad = merged[[not str(t).startswith(s) for t, s in zip(merged["text"], merged["text_start"], strict=True)]]
    if not bad.empty:
        raise AssertionError(
            "gold sentences no longer align: "
            + str(bad[["article_id", "sentence_id", "text_start"]].head().to_dict("records"))
        )


def frame_validation(codebook: Codebook | None = None) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, float]]:
    """Per-frame scores, the confusion matrix and micro-averaged scores on the seeds' ``frames.csv``."""
    codebook, corpus = seed_corpus(codebook)
    return frame_scores(read_seed_gold("frames.csv"), corpus.sentences, None, codebook)


def frame_scores(gold: pd.DataFrame, sentences: pd.DataFrame, hits: pd.DataFrame | None,
                 codebook: Codebook) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, float]]:
    """The dictionary's frames against hand-coded sentences of a study: per frame, confused, micro-averaged.

    ``hits`` are the run's frame hits (None: matched here); only the hand-coded sentences are scored.
    """
    check_alignment(gold, sentences)
    keys = ["article_id", "sentence_id"]
    coded = sentences.merge(gold[keys], on=keys)
    found = framing.frame_hits(coded, codebook) if hits is None else hits.merge(gold[keys], on=keys)
    predicted = framing.sentence_frames(coded, found)
    frames = list(framing.frame_table(codebook)["frame"])
    scores = scoring.score_frames(gold, predicted, frames)
    scores["below_0_7"] = ~(
        (scores["precision"] >= RELIABLE_PRECISION)
        & (scores["recall"] >= RELIABLE_RECALL)
        & (scores["n_gold"] >= MIN_GOLD)
    )
    tp, fp, fn = scores["tp"].sum(), scores["fp"].sum(), scores["fn"].sum()
    micro = {"n_sentences": len(gold), **scoring.prf(int(tp), int(tp + fp), int(tp + fn))}
    return scores, scoring.frame_confusion(gold, predicted, frames), micro


SECOND_QUOTES = PROJECT_ROOT / "tests" / "data" / "quotes_second_set"  # invented test sets of the first study


def quote_validation(codebook: Codebook | None = None) -> pd.DataFrame:
    """Quote scores on the seeds (``quotes.csv``) and on the second, invented test set."""
    from helpers.analyses import quotes

    rows = []
    codebook, corpus = seed_corpus(codebook)
    predicted = quotes.extract_quotes(corpus, corpus.articles, codebook)
    rows.append(study_quote_scores(read_seed_gold("quotes.csv"), predicted, "seeds (5 articles)"))
    second_cb = load_codebook(SECOND_QUOTES / "codebook")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        arts = load_corpus(SECOND_QUOTES / "corpus")
    second = normalise_corpus(arts, second_cb)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", quotes.QuoteWarning)  # the set contains an unbalanced mark on purpose
        predicted = quotes.extract_quotes(second, second.articles, second_cb)
    gold = pd.read_csv(SECOND_QUOTES / "gold_quotes.csv", keep_default_na=False)
    rows.append({"test_set": "second set (3 invented articles)", **scoring.score_quotes(gold, predicted)})
    return pd.DataFrame(rows)


SECOND_NUMBERS = PROJECT_ROOT / "tests" / "data" / "numbers_second_set"


def study_quote_scores(gold: pd.DataFrame, predicted: pd.DataFrame, test_set: str) -> dict[str, object]:
    """Quote extraction on the articles a study's gold annotates, against that gold."""
    mine = predicted[predicted["article_id"].isin(set(gold["article_id"]))]
    return {"test_set": test_set, **scoring.score_quotes(gold, mine)}


def study_number_scores(gold: pd.DataFrame, predicted: pd.DataFrame, test_set: str) -> dict[str, object]:
    """Event-count claims on the articles a study's gold annotates, against that gold."""
    mine = predicted[predicted["article_id"].isin(set(gold["article_id"]))]
    return {"test_set": test_set, **scoring.score_numbers(gold, mine), **_number_details(gold, mine)}


def _number_details(gold: pd.DataFrame, predicted: pd.DataFrame) -> dict[str, float]:
    """Qualifier and source accuracy on claims matched by article, category and value."""
    from helpers.analyses import numbers

    events = numbers.event_counts(predicted)
    pool = {}
    for r in events.itertuples(index=False):
        pool.setdefault((r.article_id, r.category, scoring.value_key(r.value)), []).append(r)
    qual = src = n = 0
    for r in gold.itertuples(index=False):
        hits = pool.get((r.article_id, r.category, scoring.value_key(r.value)))
        if not hits:
            continue
        p = hits.pop(0)
        n += 1
        qual += p.qualifier == r.qualifier
        if "source" in gold.columns:
            src += (p.source or "") == (r.source or "")
    out = {"qualifier_accuracy": qual / n if n else 0.0}
    if "source" in gold.columns:
        out["source_accuracy"] = src / n if n else 0.0
    return out


def number_validation(codebook: Codebook | None = None) -> pd.DataFrame:
    """Event-count claim scores on the seeds (``numbers.csv``) and on the second sentence set."""
    from helpers.analyses import numbers

    codebook, corpus = seed_corpus(codebook)
    predicted = numbers.extract_numbers(corpus, corpus.articles, codebook)
    rows = [study_number_scores(read_seed_gold("numbers.csv"), predicted, "seeds (5 articles)")]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        arts = load_corpus(SECOND_NUMBERS / "corpus")
    second = normalise_corpus(arts, codebook)
    predicted = numbers.extract_numbers(second, second.articles, codebook)
    gold2 = pd.read_csv(SECOND_NUMBERS / "gold_numbers.csv", keep_default_na=False)
    events = gold2[gold2["category"] != "other"]
    row = {"test_set": "second set (20 written sentences)", **scoring.score_numbers(events, predicted),
           **_number_details(events, predicted)}
    others = gold2[gold2["category"] == "other"]
    typed = predicted[predicted["category"] == "other"]
    typed_keys = [(t.lower(), u) for t, u in zip(typed["text"], typed["unit"], strict=True)]
    expected = zip(others["text"], others["unit_if_other"], strict=True)
    row["other_types_correct"] = sum((t.lower(), u) in typed_keys for t, u in expected) / len(others)
    rows.append(row)
    return pd.DataFrame(rows)
