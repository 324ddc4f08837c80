"""The per-article tables: their producers, and the engine's chunk task that makes them all.

Each function here produces one table declared in ``registry.yaml`` (stage ``chunk``) from a
:class:`~helpers.pipeline.registry.TableStore` holding one normalised chunk of the corpus. The engine's
workers run :func:`analyse_chunk` on each chunk; a notebook run by hand gets the same tables from the
same producers with the whole (small) corpus as one chunk. Nothing here depends on the chunking: every
identifier is per article.

Sentences are scored once, with names and set phrases masked (the mask needs every outlet of the corpus,
so the driver passes them in); quotation marks are scanned once, by the quote extractor, and the voice
split reuses its spans.
"""

from __future__ import annotations

import time
import warnings
from functools import lru_cache

import pandas as pd

from helpers.inputs.codebook import Codebook, load_codebook
from helpers.pipeline import registry
from helpers.pipeline.registry import TableStore

COUNT_COLUMNS = ("n_words_raw", "n_words", "n_sentences", "n_paragraphs", "boilerplate_chars")
WARNING_COLUMNS = ["table", "module", "category", "message"]
WARNING_TABLES = {"QuoteWarning": "quotes"}  # warning category -> the table whose extractor emits it
NUM_PERM = 128


@lru_cache(maxsize=4)
def codebook_at(path: str | None) -> Codebook:
    """The codebook of a folder, loaded once per process (workers load it once, not per chunk), its frames checked
    (a frame term that is a name is refused; see :func:`helpers.analyses.framing.frame_specs`)."""
    from helpers.analyses.framing import frame_specs

    codebook = load_codebook(path)
    frame_specs(codebook)
    return codebook


@lru_cache(maxsize=8)
def outlet_mask(codebook: Codebook, outlets: tuple[str, ...]):
    """The tone mask for a corpus's outlets, compiled once: sentences, voice parts and the tone gold use it."""
    from helpers.analyses.sentiment import mask_pattern

    return mask_pattern(codebook, pd.DataFrame({"outlet": list(outlets)}))


def _norm(store: TableStore):
    if store.normalised is None:
        raise registry.RegistryError("per-article tables need the normalised texts of a chunk")
    return store.normalised


def _usable(store: TableStore) -> pd.DataFrame:
    from helpers.inputs.corpus import usable

    return usable(_norm(store).articles)


def make_corpus_rows(store: TableStore) -> pd.DataFrame:
    """Every input file with its status, without its text: the loaded corpus a notebook run by hand was given
    (in a run, the engine's survey of the chunks writes this table as it streams them)."""
    files = store.settings.get("corpus_files")
    if not isinstance(files, pd.DataFrame):
        raise registry.RegistryError("the corpus table comes from the corpus survey; this store was given none")
    return files


def make_article_counts(store: TableStore) -> pd.DataFrame:
    arts = _usable(store)
    return arts[["article_id", *COUNT_COLUMNS]]


def make_texts(store: TableStore) -> pd.DataFrame:
    return _usable(store)[["article_id", "clean_text"]]


def make_sentences(store: TableStore) -> pd.DataFrame:
    """Every sentence scored once by VADER, with outlet names, codebook names and set phrases masked."""
    from helpers.analyses.sentiment import score_sentences

    cols = ["article_id", "sentence_id", "paragraph_id", "start", "end", "clean_start", "text", "compound", "polarity",
            "scored_text"]
    return score_sentences(_norm(store).sentences, outlet_mask(store.codebook, tuple(sorted(store.outlets))))[cols]


def make_frame_hits(store: TableStore) -> pd.DataFrame:
    """Every frame term found, with its voice: the outlet's own words or a quotation (and its speaker)."""
    from helpers.analyses.framing import frame_hits as hits
    from helpers.analyses.voice import with_voice

    sentences = store["sentences"]
    return with_voice(hits(sentences, store.codebook), sentences, store["quotes"], codebook=store.codebook)


def make_quotes(store: TableStore) -> dict[str, pd.DataFrame]:
    """The quotes table and the extractor's warnings about the texts (unbalanced quotation marks)."""
    from helpers.analyses.quotes import extract_quotes

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        found = extract_quotes(_norm(store), _usable(store), store.codebook)
    return {"quotes": found, "warnings": _warnings_table(caught)}


def _warnings_table(caught: list[warnings.WarningMessage]) -> pd.DataFrame:
    rows = []
    for w in caught:
        table = WARNING_TABLES.get(w.category.__name__)
        if table is None:  # not an extractor's warning about the text: show it as it came
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
            continue
        rows.append({"table": table, "module": w.category.__module__, "category": w.category.__qualname__,
                     "message": str(w.message)})
    return pd.DataFrame(rows, columns=WARNING_COLUMNS, dtype=str)


def make_numbers(store: TableStore) -> pd.DataFrame:
    from helpers.analyses.numbers import extract_numbers

    return extract_numbers(_norm(store), _usable(store), store.codebook)


def make_signatures(store: TableStore) -> pd.DataFrame:
    """MinHash signature of every article's shingles (one row per article, one column per hash)."""
    from helpers.analyses.near_copies import signatures_table

    docs = _norm(store).documents
    return signatures_table({aid: docs[aid].clean_text for aid in _usable(store)["article_id"]}, NUM_PERM)


def make_boilerplate(store: TableStore) -> pd.DataFrame:
    return _norm(store).boilerplate


def make_declared_origin(store: TableStore) -> pd.DataFrame:
    from helpers.analyses.declared import declared_origin as declared

    return declared(_norm(store), _usable(store), store.codebook)


def make_voice_parts(store: TableStore) -> pd.DataFrame:
    """Each sentence split at the spans of its full and partial quotations (from the quotes table)."""
    from helpers.analyses import voice

    found = store["quotes"]
    spans = found.loc[found["kind"].isin(voice.QUOTED_KINDS), ["article_id", "clean_start", "clean_end", "kind"]]
    spans = spans.rename(columns={"clean_start": "start", "clean_end": "end"})
    return voice.split_by_voice(_norm(store).sentences, spans)


def make_dates(store: TableStore) -> pd.DataFrame:
    from helpers.analyses.numbers import mentioned_dates

    return mentioned_dates(_norm(store), store.codebook)


def make_name_spellings(store: TableStore) -> pd.DataFrame:
    from helpers.text.spellings import name_variants

    found = name_variants(_norm(store), store.codebook)  # in article order, so the parts join in corpus order
    return found.sort_values(["article_id", "canonical", "variant"], kind="stable")


def make_name_mentions(store: TableStore) -> pd.DataFrame:
    from helpers.text.name_groups import name_mentions as mentions

    return mentions(_norm(store), store.codebook)


@lru_cache(maxsize=2)
def tone_model_at(spec: str):
    """The tone model a codebook names (``tone_model:`` in event.yaml; empty: the shipped one), loaded and its
    files checked once per process, not once per chunk."""
    from helpers.analyses.tone_model import load_tone_model

    return load_tone_model(spec or None)


def make_actor_mentions(store: TableStore) -> pd.DataFrame:
    """Every mention of a codebook actor, its voice (own words or a quotation, with its speaker) and the tone
    model's reading of it; each sentence-target pair is scored once, the whole chunk in one call."""
    from helpers.analyses.actor_mentions import find_actor_mentions, score_actor_mentions
    from helpers.analyses.voice import with_voice

    norm, found_quotes = _norm(store), store["quotes"]
    found = find_actor_mentions(norm, found_quotes, store.codebook)
    model = tone_model_at(str(store.codebook.section("event").get("tone_model") or ""))
    scored = score_actor_mentions(found, norm.sentences, model)
    return with_voice(scored, store["sentences"], found_quotes, offset="start", codebook=store.codebook)


def analyse_chunk(articles: pd.DataFrame, codebook_dir: str | None = None,
                  outlets: tuple[str, ...] = ()) -> dict[str, object]:
    """Every per-article table of one chunk (the engine's task), with the seconds each took (``_seconds``).

    ``outlets`` are the corpus's outlets, masked before sentences are scored; without them each chunk
    masks its own outlets' names.
    """
    from helpers.text.normalise import normalise_corpus

    cb = codebook_at(codebook_dir)
    seconds: dict[str, float] = {}
    t = time.perf_counter()
    norm = normalise_corpus(articles, cb)
    seconds["normalise"] = time.perf_counter() - t
    mine = tuple(sorted({str(o) for o in norm.articles["outlet"].dropna()}))
    store = TableStore(cb, normalised=norm, outlets=outlets or mine, stages=("chunk",))
    for name in registry.in_order(registry.names("chunk")):  # needs first, so each table's seconds are its own
        t = time.perf_counter()
        store[name]
        seconds[name] = time.perf_counter() - t
    return {**store.computed, "_seconds": seconds}
