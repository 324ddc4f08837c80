"""Tone scores in prose: a true minus sign, and no negative zero."""

from helpers.publication.prose import score


def test_scores_are_signed_and_zero_has_no_sign():
    assert score(-0.24) == "\u22120.24"
    assert score(0.1) == "+0.10"
    assert score(-0.004) == "0.00"
    assert score(0.004) == "0.00"
    assert score(-0.005001) == "\u22120.01"
