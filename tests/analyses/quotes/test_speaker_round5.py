"""Speaker attribution, round five (issue #24, speakers round two): invented sentences, speakers written by hand."""

from __future__ import annotations

from conftest import speakers_of_text


def speakers(tmp_path, text, codebook) -> list[str]:
    return speakers_of_text(tmp_path, text, codebook)


def written(tmp_path, text, codebook) -> list[str]:
    return speakers_of_text(tmp_path, text, codebook, "speaker_as_written")


def test_a_quote_ending_in_a_quotation_of_its_own_keeps_its_cue(tmp_path, codebook):
    # the inner quotation closes before the outer one: '...?'" is still the end of an utterance
    text = ("Ana Ruiz runs the harbour office.\n\n"
            "\u201cThe skipper came to us and asked, \u2018Where can I moor tonight?\u2019\u201d Ruiz said.\n\n"
            "\u201cWe told him: \u2018Anywhere but the ferry berth.\u2019\u201d Piet de Groot added.\n")
    assert speakers(tmp_path, text, codebook) == ["Ana Ruiz", "Piet de Groot"]


def test_a_title_case_headline_verb_ends_the_name_before_it(tmp_path, codebook):
    # headline capitals: "Says" and "Tells" are the cue, not the last words of a name
    text = ("Jane Roe Says Harbour Tax Is 'Fair' In Portville.\n\n"
            "The mayor spoke on Monday.\n\n"
            "Harbour Fees Are 'Too High,' Piet de Groot Tells Council.\n")
    assert speakers(tmp_path, text, codebook) == ["Jane Roe", "Piet de Groot"]


def test_a_quotation_signed_on_the_line_below_is_spoken_by_the_signature(tmp_path, codebook):
    # a short name line under a quote signs it; a sentence that opens with a name does not
    text = ("The harbour vote is next week.\n\n"
            '"We are going into the next storm with a weak quay and no money to mend it.\n'
            'Piet de Groot, Portville Harbour Institute."\n\n'
            '"The ferry will run whatever the council decides."\n\n'
            "Ana Ruiz runs the ferry.\n")
    assert speakers(tmp_path, text, codebook) == ["Piet de Groot", "Piet de Groot"]


def test_words_that_qualify_the_name_after_the_verb_are_no_distance(tmp_path, codebook):
    text = ('"Jane Roe was able to out-run Ana Ruiz and reach voters directly," said Portville State University '
            "political scientist Piet de Groot.\n")
    assert speakers(tmp_path, text, codebook) == ["Piet de Groot"]


def test_a_long_appositive_between_the_quote_and_its_cue_keeps_the_subject(tmp_path, codebook):
    text = ('"The quay is a disgrace," Jane Roe, the longest serving harbour master and current leader in the polls '
            "after winning the Portville primaries, said when Piet de Groot asked her.\n")
    assert speakers(tmp_path, text, codebook) == ["Jane Roe"]


def test_an_inverted_verb_after_a_quotation_about_the_subject_speaks_for_the_name_after_it(tmp_path, codebook):
    text = ('Jane Roe "drew quite well from the harbour workers" in the first vote, said Portville University '
            "professor Piet de Groot.\n\n"
            '"The vote was fair," Jane Roe, a spokeswoman, told Ana Ruiz.\n')
    assert speakers(tmp_path, text, codebook) == ["Piet de Groot", "Jane Roe"]


def test_a_person_described_by_age_alone_is_the_person_named_before(tmp_path, codebook):
    text = ("Mary Roe spoke last, after the harbour board had voted.\n\n"
            '"The quay is ours, and always has been," said the 46-year-old. "Now it will be yours."\n\n'
            '"Never," the 52-year-old harbour engineer said.\n')
    assert written(tmp_path, text, codebook) == ["the 46-year-old"] * 2 + ["the 52-year-old harbour engineer"]
    assert speakers(tmp_path, text, codebook)[:2] == ["Mary Roe", "Mary Roe"]


def test_an_inverted_verb_may_stand_before_words_that_qualify_the_name(tmp_path, codebook):
    text = ("The question came late.\n\n"
            'In other words, explained Portville moderator Jane Roe: "What does that have to do with the quay?"\n')
    assert speakers(tmp_path, text, codebook) == ["Jane Roe"]


def test_a_quantity_that_takes_part_of_the_speakers_is_written_with_them(tmp_path, codebook):
    text = ("Polls closed at six.\n\n"
            'About four in 10 Portville harbour voters say the new quay "shares my values."\n\n'
            'At least half of voters say the plans are "about right."\n\n'
            'One of Roe\'s former supporters said she was "a fraud."\n\n'
            'The mayor said most of the voters were "tired."\n')
    assert written(tmp_path, text, codebook) == ["About four in 10 Portville harbour voters", "At least half of voters",
                                                 "One of Roe's former supporters", "The mayor"]


def test_a_name_in_apposition_with_an_unclosed_role_speaks(tmp_path, codebook):
    # the comma that should close "the communications director for ..." is missing
    text = ('"There are no ballots to recount," Jane Roe, the communications director for the Portville Harbour '
            "Party said in a statement.\n\n"
            'Roe, a top aide said, "is very confident in the contrast."\n')
    assert speakers(tmp_path, text, codebook) == ["Jane Roe", "a top aide"]


def test_a_role_with_an_irregular_plural_speaks(tmp_path, codebook):
    text = '"The quay was never inspected," the harbour committee chairmen wrote.\n'
    assert written(tmp_path, text, codebook) == ["the harbour committee chairmen"]


def test_a_state_after_a_town_goes_on_with_the_place_and_is_no_subject(tmp_path, codebook):
    text = ('Jane Roe of Springfield, Ohio says she thinks Smith can win if he keeps "doing what he does."\n\n'
            'Speaking at a town hall in Salem, New Hampshire, Piet de Groot went after Roe, '
            'calling her "a total stiff."\n\n'
            'During the harbour debate in Portville, Ana Ruiz said the rule was "new."\n\n'
            'So when Portville signaled it would deal with Mr. Smith, Mr. Birk said, "we were floored."\n')
    assert speakers(tmp_path, text, codebook) == ["Jane Roe", "Piet de Groot", "Ana Ruiz", "Birk"]


def test_more_people_nouns_stand_as_titles_before_names(tmp_path, codebook):
    text = ('Former Roe speechwriter Ana Ruiz published a column entitled "Why the Quay Matters."\n\n'
            'Portville dissident Piet de Groot referred to the "new class."\n')
    assert speakers(tmp_path, text, codebook) == ["Ana Ruiz", "Piet de Groot"]


def test_a_quoted_sentence_after_a_sentence_with_a_named_subject_and_no_cue_is_the_subjects(tmp_path, codebook):
    text = ("The ferry board met on Monday.\n\n"
            'Ana Ruiz touted her record as the first sponsor of the quay law. '
            '"We need to find ways to keep the ferry."\n\n'
            '"The quay is safe," Piet de Groot said. Jane Roe left the room early. "It was never safe."\n')
    assert speakers(tmp_path, text, codebook) == ["Ana Ruiz", "Piet de Groot", "Piet de Groot"]


def test_quote_paragraphs_after_a_scare_quote_paragraph_go_on_with_its_speaker(tmp_path, codebook):
    # the paragraph before holds only a scare quote, with no speaker: the speaker of its cue still speaks on
    text = ('What "fix the quay" means is left to the imagination of voters, since Ana Ruiz spoke only in slogans '
            "during the interview.\n\n"
            '"We have to do something and it is the only way."\n\n'
            '"We have to be a lot tougher."\n')
    assert speakers(tmp_path, text, codebook) == ["", "Ana Ruiz", "Ana Ruiz"]


def test_an_adjective_after_a_named_speaker_is_written_with_it(tmp_path, codebook):
    text = '"Money is not a problem," said one Portvillean involved in the planning.\n'
    assert written(tmp_path, text, codebook) == ["Portvillean involved"]


def test_a_word_that_opens_a_sentence_before_a_relative_who_is_a_name(tmp_path, codebook):
    # "small" is written in lower case elsewhere, but "Small, who ..." is a person
    text = ("The small boats stayed in the harbour.\n\n"
            'Small, who attended the vote on Wednesday, said that "the quay was sold off."\n')
    assert speakers(tmp_path, text, codebook) == ["Small"]


def test_a_title_word_alone_before_a_verb_is_the_surname_of_a_full_name(tmp_path, codebook):
    text = ("Ana King won twelve titles on the river.\n\n"
            'King says Ruiz "rowed the race and won the race."\n')
    assert speakers(tmp_path, text, codebook) == ["Ana King"]


def test_a_quantity_before_one_adjective_of_the_speakers_is_written_with_them(tmp_path, codebook):
    text = 'Polls closed.\n\nOnly 52 percent of registered voters agreed that Roe is in "good health."\n'
    assert written(tmp_path, text, codebook) == ["Only 52 percent of registered voters"]
