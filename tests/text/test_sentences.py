"""Sentence splitting around quotations and abbreviations (invented sentences)."""

from __future__ import annotations

from nltk.tokenize.punkt import PunktSentenceTokenizer

from helpers.text.sentences import SentenceTokenizer, re_is_exact, sentence_tokenizer, split_sentences


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


# Punkt runs on Python's re where that is exact, on NLTK's own engine elsewhere (see helpers.text.sentences).
ABBREVIATED = [
    'Dr. Ann Lee met U.S. officials in Washington on Tuesday. "Will the bill pass?" she asked. It did! '
    "J. R. Doe voted no.",
    'Prof. Ng said the U.N. would act. Gov. Tate disagreed: "No. It will not." '
    "St. Paul voters left at 5 p.m. on Friday.",
    'The vote was 3.5 percent higher than in No. 2 district (Ore.). "We won," said Sen. Maria Ruiz. "Really?!" Others '
    "wondered... Then (quietly) they left. Mrs. O'Hara-Smith, Jr., stayed -- and waited. Why? Nobody knew!",
    "Zoë Ångström met Dr. Müller in São Paulo. Señora Peña said «no». Then the café closed.",
]
# Characters the two engines classify differently: an information separator (a space to re only), a superscript
# digit, a lone combining accent, a vulgar fraction (word characters to one engine only).
DISAGREEING = [
    "He left.\x1cThen she came back.",
    "Point \u00b2. Then more came.",
    "Version \u0301. Next one follows.",
    "Line \u00bc. Then the rest.",
]


def _nltk_spans(text, tok):
    return list(PunktSentenceTokenizer(tok._params).span_tokenize(text))


def test_punkt_on_re_splits_as_nltk_does(codebook):
    tok = sentence_tokenizer(codebook)
    for text in ABBREVIATED:
        assert re_is_exact(text)
        assert list(tok.span_tokenize(text)) == _nltk_spans(text, tok), text


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


def test_characters_the_engines_disagree_on_go_to_nltk(codebook):
    tok = sentence_tokenizer(codebook)
    on_re = SentenceTokenizer(tok._params, lang_vars=tok._lang_vars, token_cls=tok._Token)  # no fallback
    differ = 0
    for text in DISAGREEING:
        assert not re_is_exact(text)
        assert list(tok.span_tokenize(text)) == _nltk_spans(text, tok), text
        differ += list(on_re.span_tokenize(text)) != _nltk_spans(text, tok)
    assert differ == len(DISAGREEING)  # each example would split differently without the fallback


def test_unbalanced_quote_marks_do_not_glue_sentences(codebook):
    text = 'He said "wait. Then the lights went out. Nobody moved.'
    assert pieces(text, codebook) == ['He said "wait.', "Then the lights went out.", "Nobody moved."]
    balanced = 'He said "wait. Then the lights went out." Nobody moved.'
    assert pieces(balanced, codebook) == ['He said "wait. Then the lights went out."', "Nobody moved."]
