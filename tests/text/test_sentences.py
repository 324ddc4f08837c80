"""Sentence splitting around quotations and abbreviations (invented sentences)."""

from __future__ import annotations

from helpers.text.sentences import sentence_tokenizer, split_sentences


def pieces(text, codebook):
    return [text[a:b] for a, b in split_sentences(text, sentence_tokenizer(codebook))]


def test_question_mark_does_not_cut_the_trailing_cue(codebook):
    text = '"Why was the bridge closed?" Mr. Okonkwo asked reporters. "Nobody told us."'
    got = pieces(text, codebook)
    assert got[0] == '"Why was the bridge closed?" Mr. Okonkwo asked reporters.'
    assert got[1] == '"Nobody told us."'


def test_short_cue_after_a_full_stop_quote_stays_with_it(codebook):
    text = '"The plan is finished." Ms. Varga added. The council adjourned at noon.'
    assert pieces(text, codebook) == ['"The plan is finished." Ms. Varga added.', "The council adjourned at noon."]


def test_a_new_sentence_with_its_own_cue_is_not_glued(codebook):
    text = '"The plan is finished." Engineers said later that the tunnel needed another year of work.'
    assert len(pieces(text, codebook)) == 2


def test_initialism_before_a_lower_case_word(codebook):
    text = "Agents of the F.B.I. questioned the clerk on Monday. Nobody was charged."
    got = pieces(text, codebook)
    assert got == ["Agents of the F.B.I. questioned the clerk on Monday.", "Nobody was charged."]


def test_party_label_before_the_cue(codebook):
    text = '"We will vote no," Rep. Dana Whitfield (D-Ore.) said on Friday.'
    assert len(pieces(text, codebook)) == 1
