"""The corpus stage: reuse compared once per run, in blocks, with the same tables however it is split."""

from __future__ import annotations

import warnings

import pandas as pd

from helpers.analyses import provenance
from helpers.inputs.codebook import load_codebook
from helpers.inputs.config import DEFAULT_CODEBOOK
from helpers.inputs.corpus import CorpusWarning, load_corpus, usable
from helpers.pipeline import corpus_stage
from helpers.pipeline.book_benchmark import write_corpus
from helpers.text.normalise import normalise_corpus


def normalised(tmp_path, n: int):
    write_corpus(n, tmp_path / "corpus")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        norm = normalise_corpus(load_corpus(tmp_path / "corpus"), load_codebook(DEFAULT_CODEBOOK))
    return norm, usable(norm.articles)


def test_blocks_in_parallel_give_the_tables_of_one_pass(tmp_path):
    norm, articles = normalised(tmp_path, 90)  # above the all-pairs limit: LSH candidates
    texts = provenance.clean_texts(norm)
    lines: list[str] = []
    reuse, changes = corpus_stage.reuse_tables(articles, texts, norm.sentences, None, str(DEFAULT_CODEBOOK),
                                               workers=2, log=lambda line, **k: lines.append(line), block=25)
    one_reuse, one_changes = provenance.reuse(norm, articles, load_codebook(DEFAULT_CODEBOOK))
    assert len(reuse) > 25, "several blocks were compared"
    pd.testing.assert_frame_equal(reuse, one_reuse, check_exact=True)
    pd.testing.assert_frame_equal(changes, one_changes, check_exact=True)
    assert lines[-1].startswith(f"reuse: {len(reuse):,} pairs done in")


def test_a_block_carries_only_the_texts_of_its_own_pairs(tmp_path):
    norm, _ = normalised(tmp_path, 90)
    texts = provenance.clean_texts(norm)
    pairs = corpus_stage.candidates(texts, None)
    by_article = {a: g for a, g in norm.sentences.groupby("article_id", sort=False)}
    for block, block_texts, sentences in corpus_stage._blocks(pairs, texts, by_article, 10):
        assert set(block_texts) == {a for pair in block for a in pair}
        assert set(sentences["article_id"]) <= set(block_texts)


def test_candidates_grow_with_the_corpus_not_its_square(tmp_path):
    counts = {}
    for n in (150, 300):
        norm, _ = normalised(tmp_path / str(n), n)
        counts[n] = len(corpus_stage.candidates(provenance.clean_texts(norm), None))
    assert counts[300] <= 2.5 * counts[150], counts


def test_the_engine_s_signatures_give_the_pairs_the_texts_give(tmp_path):
    from helpers.analyses.near_copies import signatures_table

    norm, _ = normalised(tmp_path, 90)
    texts = provenance.clean_texts(norm)
    shuffled = dict(sorted(texts.items(), reverse=True))  # chunks may list articles in another order
    from_signatures = corpus_stage.candidates(texts, signatures_table(shuffled))
    assert from_signatures == provenance.candidate_pairs(texts) and from_signatures
