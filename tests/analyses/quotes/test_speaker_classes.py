"""Speaker attribution, round two: one invented article per failure class of issue #24."""

from __future__ import annotations

from conftest import quotes_of_text, speakers_of_text


def speakers(tmp_path, text, codebook) -> list[str]:
    return speakers_of_text(tmp_path, text, codebook)


def test_a_definite_role_is_the_person_named_with_it_earlier(tmp_path, codebook):
    text = ("Governor Ana Ruiz opened the session on Monday.\n\n"
            "The UN envoy, Piet de Groot, arrived an hour later.\n\n"
            '"We will act soon on the budget," the governor said.\n\n'
            '"Talks continue with all sides," the envoy added.\n\n'
            '"Nobody was consulted on this," the Florida governor said.\n')
    q = quotes_of_text(tmp_path, text, codebook)
    assert list(q["speaker"])[:2] == ["Ana Ruiz", "Piet de Groot"]
    assert list(q["speaker_as_written"])[:2] == ["the governor", "the envoy"]
    assert q.iloc[2]["speaker"] != "Ana Ruiz"  # a qualifier the article never tied to her: someone else


def test_a_relative_clause_between_a_name_and_its_verb_is_skipped(tmp_path, codebook):
    text = ("Piet de Groot stepped down in March.\n\n"
            '"The reform was never funded," Ana Ruiz, who succeeded him as chair of the harbour board last spring, '
            "told the Harbour Tribune.\n\n"
            'Ana Ruiz, who worked as deputy to the mayor Piet de Groot, said that "the money is there now".\n\n'
            'Katie Lund, who is head of the port union said "we will wait".\n')
    assert speakers(tmp_path, text, codebook) == ["Ana Ruiz", "Ana Ruiz", "Katie Lund"]


def test_a_quotation_in_the_next_sentence_with_no_new_voice_continues_the_speaker(tmp_path, codebook):
    text = ("Ana Ruiz said on Monday that the harbour would reopen in May. The delay had been "
            '"a disgrace for every family on the quay and for the town".\n')
    q = quotes_of_text(tmp_path, text, codebook)
    assert list(q["speaker"]) == ["Ana Ruiz"] and list(q["method"]) == ["continuation"]


def test_a_pronoun_never_resolves_to_a_codebook_person_of_the_other_gender(tmp_path, codebook):
    # the default codebook sets Blinken's gender (male) and Psaki's (female)
    text = ('Blinken spoke to reporters on Monday. "We are watching closely," she said.\n\n'
            'Psaki took questions after the briefing. "The embassy stays open," he said.\n\n'
            'Blinken met Psaki before the call. "Nothing is decided yet," she said.\n')
    q = quotes_of_text(tmp_path, text, codebook)
    assert "Antony Blinken" != q.iloc[0]["speaker"] and "Jen Psaki" != q.iloc[1]["speaker"]
    assert q.iloc[2]["speaker"] == "Jen Psaki"


def test_a_document_speaks_for_the_body_that_issued_it(tmp_path, codebook):
    text = ("The Harbour Board issued a statement on Monday after the storm.\n\n"
            '"The quay will reopen in May," the statement said.\n\n'
            'According to a statement from the Fishers Union, the delay is "a disgrace for every family".\n\n'
            'Ana Ruiz released the following statement:\n\n"We will rebuild the quay together."\n')
    q = quotes_of_text(tmp_path, text, codebook)
    assert list(q["speaker"]) == ["Harbour Board", "Fishers Union", "Ana Ruiz"]
    assert q.iloc[0]["speaker_as_written"] == "the statement"


def test_a_description_of_a_person_or_a_crowd_speaks(tmp_path, codebook):
    text = ('"The quay is finished," the investor said.\n\n'
            '"Rebuild it now!" the crowd cried out.\n\n'
            '"Nobody asked the fishers," one user wrote.\n')
    assert speakers(tmp_path, text, codebook) == ["the investor", "the crowd", "one user"]


def test_a_place_before_a_role_noun_qualifies_it(tmp_path, codebook):
    text = ('"We came to win," said Harbour delegate Ana Ruiz.\n\n'
            '"Nothing is settled," a person familiar with the talks said.\n')
    assert speakers(tmp_path, text, codebook) == ["Ana Ruiz", "a person familiar"]
