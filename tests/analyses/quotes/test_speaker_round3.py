"""Speaker attribution, round three (issue #24 on polnear-train): invented sentences, speakers written by hand."""

from __future__ import annotations

from conftest import quotes_of_text, speakers_of_text


def speakers(tmp_path, text, codebook) -> list[str]:
    return speakers_of_text(tmp_path, text, codebook)


def test_a_quote_after_a_quote_of_the_previous_sentence_goes_on_with_its_speaker(tmp_path, codebook):
    # the sentence before holds a second verb ("has advised") inside the speaker's description
    text = ('"The quay needs two more years," said Ana Ruiz, a harbour engineer who once worked for the town and '
            'has advised the Fishers Union. "Nobody wants to hear that."\n')
    assert speakers(tmp_path, text, codebook) == ["Ana Ruiz", "Ana Ruiz"]


def test_a_relative_clause_before_an_inverted_looking_verb_leaves_the_subject(tmp_path, codebook):
    text = ('"The office has no job description," Ana Ruiz, who served as chief of staff to the mayor, '
            'told the Harbour Tribune. "You follow tradition."\n')
    assert speakers(tmp_path, text, codebook) == ["Ana Ruiz", "Ana Ruiz"]


def test_a_participle_or_adverb_opening_a_sentence_is_no_name(tmp_path, codebook):
    text = ("Ana Ruiz spoke at the harbour on Monday.\n\n"
            'Hastily leaving the stage, she called the plan "a fantasy".\n\n'
            'Reached by phone, Piet de Groot said the quay was "finished".\n\n'
            'Manning spoke next. "We will rebuild," Manning said, and the crowd cheered Manning.\n')
    assert speakers(tmp_path, text, codebook) == ["Ana Ruiz", "Piet de Groot", "Manning"]


def test_a_dateline_place_speaks_nothing(tmp_path, codebook):
    text = ('PORTVILLE, Dec. 8 (UPI) — In answer to the plan, a spokeswoman rallied the crew, '
            'saying: "We have to be ready."\n\n'
            'PORTVILLE — Ana Ruiz on Wednesday played down the attack and said it was "a storm in a teacup".\n')
    assert speakers(tmp_path, text, codebook) == ["a spokeswoman", "Ana Ruiz"]


def test_a_sentence_never_ends_inside_a_name(tmp_path, codebook):
    text = 'Board chairman P.J. Lund of North Harbour said he was "outraged" to hear about it.\n'
    assert speakers(tmp_path, text, codebook) == ["P.J. Lund"]


def test_an_adjective_after_a_role_stays_with_it_and_more_people_nouns_speak(tmp_path, codebook):
    text = ('"The deal is done," a source familiar with the board said.\n\n'
            '"Not for me," the shipping tycoon said.\n\n'
            '"We will see," mused harbour radio co-host Piet de Groot.\n')
    expected = ["a source familiar with the board", "the shipping tycoon", "Piet de Groot"]
    assert speakers(tmp_path, text, codebook) == expected


def test_the_one_spoken_to_is_not_the_speaker(tmp_path, codebook):
    text = ('Another harbour source speaking to Radio Portville said, "The deal is done."\n\n'
            'The Fishers Union did not want to discuss "that man," telling Radio Portville it cared about jobs.\n')
    got = speakers(tmp_path, text, codebook)
    assert got == ["Another harbour source", "Fishers Union"]


def test_a_participle_takes_the_speaker_of_the_verb_before_it(tmp_path, codebook):
    text = ('The former mayor will fight the plan, Ana Ruiz said, adding that the way to beat it "is to show '
            'the numbers."\n\n'
            'Piet de Groot called the idea a "ridiculous proposition," adding that the person who must change '
            'course is the mayor.\n')
    assert speakers(tmp_path, text, codebook) == ["Ana Ruiz", "Piet de Groot"]


def test_a_codebook_descriptor_names_its_person_in_any_article(tmp_path):
    from helpers.inputs.codebook import load_codebook
    from helpers.pipeline.new_study import new_study

    folder = new_study("descriptors", tmp_path / "study") / "codebook"
    (folder / "aliases.yaml").write_text(
        "entities:\n"
        "  - canonical: Ana Ruiz\n    type: person\n    gender: female\n    group: harbour\n"
        "    variants: [Ana Ruiz, Ruiz]\n    descriptors: [the harbour master]\n", encoding="utf-8")
    codebook = load_codebook(folder)
    articles = tmp_path / "articles"
    articles.mkdir()
    text = ('"The quay opens in May," the harbour master said on Monday.\n\n'
            '"Nobody was consulted," she said.\n')
    q = quotes_of_text(articles, text, codebook)
    assert list(q["speaker"]) == ["Ana Ruiz", "Ana Ruiz"]
    assert list(q["method"]) == ["descriptor", "pronoun"]


def test_a_new_subject_after_and_speaks_its_own_verb(tmp_path, codebook):
    text = ('Ana Ruiz said she would "sink the plan," and Piet de Groot vowed to "fight it to the end" in court.\n\n'
            'Ana Ruiz read the report and said it was "a disgrace".\n')
    assert speakers(tmp_path, text, codebook) == ["Ana Ruiz", "Piet de Groot", "Ana Ruiz"]


def test_with_no_speech_verb_the_subject_of_the_quotes_own_clause_speaks(tmp_path, codebook):
    text = 'Ana Ruiz dubs her rival "the professor," while Piet de Groot dubs the mayor "Ana".\n'
    assert speakers(tmp_path, text, codebook)[-1] == "Piet de Groot"
