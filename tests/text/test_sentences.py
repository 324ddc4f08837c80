"""Sentence splitting around quotations and abbreviations (invented sentences)."""

from __future__ import annotations

from nltk.tokenize.punkt import PunktSentenceTokenizer

from helpers.text.sentences import punkt_parameters, sentence_tokenizer, split_sentences


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


ABBREVIATED = [
    'Dr. Ann Lee met U.S. officials in Washington on Tuesday. "Will the bill pass?" she asked. It did! '
    "J. R. Doe voted no.",
    'Prof. Ng said the U.N. would act. Gov. Tate disagreed: "No. It will not." '
    "St. Paul voters left at 5 p.m. on Friday.",
    'The vote was 3.5 percent higher than in No. 2 district (Ore.). "We won," said Sen. Maria Ruiz. "Really?!" Others '
    "wondered... Then (quietly) they left. Mrs. O'Hara-Smith, Jr., stayed -- and waited. Why? Nobody knew!",
    "Zoë Ångström met Dr. Müller in São Paulo. Señora Peña said «no». Then the café closed.",
]


def test_punkt_is_nltks_own_with_the_codebook_abbreviations(codebook):
    """The splitter adds quotation rules on top of stock Punkt, and nothing underneath it."""
    tok = sentence_tokenizer(codebook)
    stock = PunktSentenceTokenizer(punkt_parameters(codebook))
    for text in ABBREVIATED:
        assert list(tok.span_tokenize(text)) == list(stock.span_tokenize(text)), text
    assert {"dr", "u.s", "gov", "j"} <= punkt_parameters(codebook).abbrev_types


def test_abbreviations_initials_and_quote_ends(codebook):
    assert pieces(ABBREVIATED[0], codebook) == [
        "Dr. Ann Lee met U.S. officials in Washington on Tuesday.",
        '"Will the bill pass?" she asked.',
        "It did!",
        "J. R. Doe voted no.",
    ]
    assert pieces(ABBREVIATED[1], codebook) == [
        "Prof. Ng said the U.N. would act.",
        'Gov. Tate disagreed: "No. It will not."',
        "St. Paul voters left at 5 p.m. on Friday.",
    ]
    assert pieces("Bo left. Al stayed.", codebook) == ["Bo left.", "Al stayed."]


def test_unbalanced_quote_marks_do_not_glue_sentences(codebook):
    text = 'He said "wait. Then the lights went out. Nobody moved.'
    assert pieces(text, codebook) == ['He said "wait.', "Then the lights went out.", "Nobody moved."]
    balanced = 'He said "wait. Then the lights went out." Nobody moved.'
    assert pieces(balanced, codebook) == ['He said "wait. Then the lights went out."', "Nobody moved."]
