"""Speaker attribution, round four (issue #24, speakers across paragraphs and titles): invented sentences,
speakers written by hand."""

from __future__ import annotations

from conftest import quotes_of_text


def speakers(tmp_path, text, codebook) -> list[str]:
    return list(quotes_of_text(tmp_path, text, codebook)["speaker"])


def test_a_quote_filling_a_paragraph_goes_on_with_the_speaker_of_the_paragraph_before(tmp_path, codebook):
    text = ("Ana Ruiz praised the harbour board for its work after the storm.\n\n"
            '"They kept the port open when nobody else would."\n\n'
            "Piet de Groot is hopeful about the vote, in part because he sees the board as united.\n\n"
            '"Nobody can beat them in November."\n')
    assert speakers(tmp_path, text, codebook) == ["Ana Ruiz", "Piet de Groot"]


def test_a_quote_paragraph_after_a_quoted_paragraph_keeps_the_quote_speaker(tmp_path, codebook):
    # the paragraph before holds a quotation: the quote goes on with its speaker, not with a cue of that paragraph
    text = ('"The quay is finished," Ana Ruiz, a harbour engineer, told reporters who asked about Piet de Groot.\n\n'
            '"He has characterized the port as a failure."\n')
    assert speakers(tmp_path, text, codebook) == ["Ana Ruiz", "Ana Ruiz"]


def test_a_name_that_ends_a_title_after_the_verb_speaks(tmp_path, codebook):
    text = ('"The port will reopen," said Harbour party boss Ana Ruiz.\n\n'
            '"We will see," said Harbour Air Force 1st Lt. Tom Birk.\n\n'
            '"Not this year," said Ruiz ally Piet de Groot.\n\n'
            '"Never," said the former top aide to Governor Jane Roe.\n')
    assert speakers(tmp_path, text, codebook) == ["Ana Ruiz", "Tom Birk", "Piet de Groot", "the former top aide"]


def test_a_role_with_four_words_before_its_noun_speaks_as_written(tmp_path, codebook):
    text = '"There was a leak," said a former senior harbour police official. "But was it a crime?"\n'
    got = quotes_of_text(tmp_path, text, codebook)
    assert list(got["speaker_as_written"]) == ["a former senior harbour police official"] * 2


def test_more_speech_verbs_and_people_nouns(tmp_path, codebook):
    text = ('"Go back to your seat," Ana Ruiz barked.\n\n'
            '"Would it be negotiable?" Piet de Groot pressed.\n\n'
            '"This is fantastic!" beamed Tom Birk of Portville.\n\n'
            '"It is hard to come back," said the designer, who works for another brand.\n')
    assert speakers(tmp_path, text, codebook) == ["Ana Ruiz", "Piet de Groot", "Tom Birk", "the designer"]


def test_a_surname_that_is_a_common_word_speaks_alone_after_the_full_name(tmp_path, codebook):
    text = ("Harbour columnist Tom Will wrote about the port on Friday.\n\n"
            'Will urged the board to "wait for the engineers."\n\n'
            '"It is over," Will wrote. Will the board listen?\n\n'
            'Policy veteran Al From was there. "It was hard," From said.\n')
    assert speakers(tmp_path, text, codebook) == ["Tom Will", "Tom Will", "Al From"]


def test_a_participle_after_with_has_its_own_subject(tmp_path, codebook):
    text = ('At a rally in Portville on Saturday, some fans kicked a heckler, with Ana Ruiz reportedly yelling: '
            '"Get him out!"\n\n'
            'Harbour officials were quick to respond, with Piet de Groot tweeting it was a "disaster" for them.\n\n'
            'Ana Ruiz defended the plan, saying it was "fair".\n')
    assert speakers(tmp_path, text, codebook) == ["Ana Ruiz", "Piet de Groot", "Ana Ruiz"]


def test_an_appositive_between_the_speaker_and_the_cue_after_a_quote_keeps_them_together(tmp_path, codebook):
    text = '"Not us, but we cannot argue with it!" Birk, the head of the harbour fund, tweeted on Friday.\n'
    text = "Tom Birk praised the plan.\n\n" + text
    assert speakers(tmp_path, text, codebook) == ["Tom Birk"]


def test_a_child_a_speaker_and_a_reaction_speak(tmp_path, codebook):
    text = ('A young boy asked who the man in the painting was. Another child responded, "The old mayor."\n\n'
            '"My dear friends," the conference speaker says into the camera.\n\n'
            '"Here we go again," reacted Ana Ruiz.\n')
    assert speakers(tmp_path, text, codebook) == ["Another child", "the conference speaker", "Ana Ruiz"]


def test_words_quoted_inside_reported_speech_are_the_reporters(tmp_path, codebook):
    text = ('Rep. Ana Ruiz said the mayor called on members to be "closely coordinated" in the fall.\n\n'
            'After Ruiz said so, the mayor called the plan "fair".\n\n'
            'The mayor said: "We are done."\n')
    assert speakers(tmp_path, text, codebook) == ["Ana Ruiz", "the mayor", "The mayor"]


def test_the_speaker_is_written_with_the_words_that_qualify_it(tmp_path, codebook):
    text = ('Harbour supporters responded with chants of "Stay open".\n\n'
            '"We are done," said federal prosecutors.\n\n'
            'As the Harbour Post\'s Ana Ruiz wrote, "It is over."\n\n'
            'Even Piet de Groot agreed that the plan was "fair".\n')
    got = list(quotes_of_text(tmp_path, text, codebook)["speaker_as_written"])
    assert got == ["Harbour supporters", "federal prosecutors", "Harbour Post's Ana Ruiz", "Piet de Groot"]
