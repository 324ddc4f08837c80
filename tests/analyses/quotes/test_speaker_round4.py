"""Speaker attribution, round four (issue #24, speakers across paragraphs, titles and written phrases): invented
sentences, speakers written by hand."""

from __future__ import annotations

from conftest import speakers_of_text


def speakers(tmp_path, text, codebook) -> list[str]:
    return speakers_of_text(tmp_path, text, codebook)


def written(tmp_path, text, codebook) -> list[str]:
    return speakers_of_text(tmp_path, text, codebook, "speaker_as_written")


def test_a_quote_filling_a_paragraph_goes_on_with_the_speaker_of_the_paragraph_before(tmp_path, codebook):
    text = ("Ana Ruiz thanked the lock keepers for their night shifts during the flood.\n\n"
            '"Without them the lower town would be under water."\n\n'
            "Piet de Groot is calm about the ferry vote, mostly because he counts the rowers as friends.\n\n"
            '"The ferry stays, whatever the council thinks."\n')
    assert speakers(tmp_path, text, codebook) == ["Ana Ruiz", "Piet de Groot"]


def test_a_quote_paragraph_after_a_quoted_paragraph_keeps_the_quote_speaker(tmp_path, codebook):
    # the paragraph before holds a quotation: the quote goes on with its speaker, not with a cue of that paragraph
    text = ('"The quay is finished," Ana Ruiz, a harbour engineer, told reporters who asked about Piet de Groot.\n\n'
            '"He has called the ferry a waste of money."\n')
    assert speakers(tmp_path, text, codebook) == ["Ana Ruiz", "Ana Ruiz"]


def test_a_name_that_ends_a_title_after_the_verb_speaks(tmp_path, codebook):
    text = ('"The locks open at dawn," said Portville dock union chief Ana Ruiz.\n\n'
            '"Only for small boats," said Coast Guard 2nd Lt. Tom Birk.\n\n'
            '"Not before spring," said Ruiz deputy Piet de Groot.\n\n'
            '"Never," said the former press officer to Governor Jane Roe.\n')
    assert speakers(tmp_path, text, codebook) == ["Ana Ruiz", "Tom Birk", "Piet de Groot", "the former press officer"]


def test_a_role_with_four_words_before_its_noun_speaks_as_written(tmp_path, codebook):
    text = '"The ledger was altered," said a retired chief harbour customs officer. "Who signed it, though?"\n'
    assert written(tmp_path, text, codebook) == ["a retired chief harbour customs officer"] * 2


def test_more_speech_verbs_and_people_nouns(tmp_path, codebook):
    text = ('"Tie the boat up properly," Ana Ruiz barked.\n\n'
            '"And the second mooring?" Piet de Groot pressed.\n\n'
            '"Best catch in years!" beamed Tom Birk of Portville.\n\n'
            '"The colours took a month," said the designer, who drew the new harbour flag.\n')
    assert speakers(tmp_path, text, codebook) == ["Ana Ruiz", "Piet de Groot", "Tom Birk", "the designer"]


def test_a_surname_that_is_a_common_word_speaks_alone_after_the_full_name(tmp_path, codebook):
    text = ("Harbour columnist Tom Will wrote about the ferry on Friday.\n\n"
            'Will asked the council to "count the passengers first."\n\n'
            '"The numbers are thin," Will wrote. Will the council listen?\n\n'
            'Ferry captain Ana From was on board. "We sail anyway," From said.\n')
    assert speakers(tmp_path, text, codebook) == ["Tom Will", "Tom Will", "Ana From"]


def test_a_participle_after_with_has_its_own_subject(tmp_path, codebook):
    text = ('The quay filled with anglers on Sunday and the ferry left late, with Ana Ruiz loudly shouting: '
            '"Cast off now!"\n\n'
            'The council met again, with Piet de Groot tweeting that the budget was "a mess" for the ferry.\n\n'
            'Ana Ruiz backed the budget, saying it was "fair".\n')
    assert speakers(tmp_path, text, codebook) == ["Ana Ruiz", "Piet de Groot", "Ana Ruiz"]


def test_an_appositive_between_the_speaker_and_the_cue_after_a_quote_keeps_them_together(tmp_path, codebook):
    text = ("Tom Birk sailed the old ferry home.\n\n"
            '"What a ride that was!" Birk, the captain of the night ferry, wrote on Sunday.\n')
    assert speakers(tmp_path, text, codebook) == ["Tom Birk"]


def test_a_child_a_speaker_and_a_reaction_speak(tmp_path, codebook):
    text = ('A girl pointed at the lighthouse. Another child answered, "It is older than the town."\n\n'
            '"Welcome, sailors," the festival speaker says from the quay.\n\n'
            '"So the ferry stays," reacted Ana Ruiz.\n')
    assert speakers(tmp_path, text, codebook) == ["Another child", "the festival speaker", "Ana Ruiz"]


def test_words_quoted_inside_reported_speech_are_the_reporters(tmp_path, codebook):
    text = ('Ana Ruiz said the mayor urged the crew to stay "calm" during the storm.\n\n'
            'After Ruiz said so, the mayor called the plan "sound".\n\n'
            'The mayor said: "We sail at six."\n')
    assert speakers(tmp_path, text, codebook) == ["Ana Ruiz", "the mayor", "The mayor"]


def test_the_speaker_is_written_with_the_words_that_qualify_it(tmp_path, codebook):
    text = ('Portville port workers answered with chants of "No night shifts".\n\n'
            '"The cargo is sealed," said night nurses.\n\n'
            'As the Harbour Gazette\'s Ana Ruiz put it, "The ferry is the town."\n\n'
            'Even Piet de Groot agreed that the ferry was "worth it".\n')
    expected = ["Portville port workers", "night nurses", "Harbour Gazette's Ana Ruiz", "Piet de Groot"]
    assert written(tmp_path, text, codebook) == expected
