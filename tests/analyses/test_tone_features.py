"""The tone model's features on invented sentences: masking, sides, negation, quotation, clause."""

from __future__ import annotations

import numpy as np

from helpers.analyses.tone_features import (
    DENSE_NAMES,
    TokenTables,
    encode_mentions,
    inside_quote,
    token_vocabulary,
    vader_valences,
)

SENTENCES = ["Ada Morrow praised the rescuers.", "The rescuers praised Ada Morrow.",
             "Ben Castell praised the rescuers."]


def tables() -> TokenTables:
    return TokenTables.build(token_vocabulary(SENTENCES + ["He did not praise them."], vader_valences()),
                             vader_valences())


def encode(text: str, name: str):
    start = text.index(name)
    return encode_mentions([text], [start], [start + len(name)], tables())


def test_the_target_is_masked_so_the_name_does_not_matter():
    a, b = encode(SENTENCES[0], "Ada Morrow"), encode(SENTENCES[2], "Ben Castell")
    assert sorted(a.keys) == sorted(b.keys) and np.allclose(a.dense, b.dense)


def test_the_same_words_on_the_other_side_give_other_features():
    left, right = encode(SENTENCES[0], "Ada Morrow"), encode(SENTENCES[1], "Ada Morrow")
    assert set(left.keys) != set(right.keys)
    names = list(DENSE_NAMES)
    assert right.dense[0, names.index("lex_left")] > 0 == right.dense[0, names.index("lex_right")]
    assert left.dense[0, names.index("lex_right")] > 0


def test_a_negation_flips_the_lexicon_sign():
    text = "He did not praise them."
    flipped = encode(text, "He").dense[0, list(DENSE_NAMES).index("lex_right")]
    plain = encode("He did praise them.", "He").dense[0, list(DENSE_NAMES).index("lex_right")]
    assert plain > 0 > flipped


def test_inside_a_quotation():
    assert inside_quote("“We will never trust ")
    assert not inside_quote("“We will,” said ")
    assert inside_quote('She said "the ') and not inside_quote('She said "no" to ')


def test_many_mentions_at_once_match_one_at_a_time():
    texts = SENTENCES
    names = ["Ada Morrow", "Ada Morrow", "Ben Castell"]
    starts = [t.index(n) for t, n in zip(texts, names, strict=True)]
    ends = [s + len(n) for s, n in zip(starts, names, strict=True)]
    together = encode_mentions(texts, starts, ends, tables())
    for i in range(3):
        alone = encode_mentions([texts[i]], [starts[i]], [ends[i]], tables())
        assert sorted(together.keys[together.rows == i]) == sorted(alone.keys)
        assert np.allclose(together.dense[i], alone.dense[0])


def test_the_design_matrix_counts_a_repeated_feature_once_and_drops_unknown_keys():
    from helpers.analyses.tone_features import Encoded
    from helpers.analyses.tone_model import design_matrix

    # Row 0 has key 10 twice and key 30 once; row 1 has key 20 and key 99, which the model does not know.
    encoded = Encoded(rows=np.array([0, 0, 0, 1, 1]), keys=np.array([10, 30, 10, 99, 20]),
                      dense=np.array([[1.0], [2.0]]))
    keys = np.array([10, 20, 30])
    binary = design_matrix(encoded, keys, np.array([0.5]), unit_rows=False).toarray()
    assert binary.tolist() == [[1.0, 0.0, 1.0, 0.5], [0.0, 1.0, 0.0, 1.0]]
    unit = design_matrix(encoded, keys, np.array([1.0]), unit_rows=True).toarray()
    assert np.allclose(unit[0], [2 ** -0.5, 0.0, 2 ** -0.5, 1.0]) and np.allclose(unit[1], [0.0, 1.0, 0.0, 2.0])


def test_mentions_of_one_sentence_read_it_once_and_see_what_reading_each_side_sees():
    # the sentence is tokenised once for all its mentions; a mention that cuts a token ("Roe" inside "al-Roe's"),
    # or a sentence whose lower case is longer ("İ"), is read as cut: all give what tokenising each side gives
    from helpers.analyses.tone_features import _tokenise, tone_tokens

    plain = "Ana Roe's aide said al-Roe's plan was “not good”, and ROE agreed; Roe didn't."
    longer = "İpek Roe said Ana Roe's plan was good."
    cases = [(plain, 0, 7), (plain, 4, 7), (plain, 23, 26), (plain, 20, 28), (plain, 54, 57),
             (plain, len(plain) - 1, len(plain)), (longer, 0, 8), (longer, 14, 21)]
    assert plain[23:26] == "Roe" and plain[54:57] == "ROE" and len(longer.lower()) > len(longer)
    tables = TokenTables.build(token_vocabulary([plain, plain, longer, longer], vader_valences()), vader_valences())
    assert len(set(tables.index.values())) > 10  # the sentences' words are known, so a wrong id shows
    ids, mention, rel, _ = _tokenise([t for t, _, _ in cases], [s for _, s, _ in cases], [e for _, _, e in cases],
                                     tables)
    target = tables.index["<t>"]
    for k, (text, start, end) in enumerate(cases):
        expected = ([tables.index.get(w, 0) for w in tone_tokens(text[:start])] + [target]
                    + [tables.index.get(w, 0) for w in tone_tokens(text[end:])])
        assert ids[mention == k].tolist() == expected
        assert rel[mention == k].tolist().index(0) == len(tone_tokens(text[:start]))
