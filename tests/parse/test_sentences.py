"""Sentence splitting: abbreviations, initials and citation markers."""

from __future__ import annotations

import pytest

from citeaudit.parse.sentences import Marker, split_sentences


def ref(number: str) -> Marker:
    return Marker("ref", number)


def texts(pieces: list[str | Marker]) -> list[tuple[str, list[str]]]:
    return [(s.text, [m.value for m in s.markers]) for s in split_sentences(pieces)]


def test_marker_after_period_belongs_to_the_sentence_before() -> None:
    assert texts(["Over two decades.", ref("1"), " She has been the head."]) == [
        ("Over two decades.", ["1"]),
        ("She has been the head.", []),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "It was presented by Jill Biden and Anthony J. Blinken at the U.S. Department of State.",
        "She heads a foundation known as Ar. Rukh. Khak.",
        "Dr. Smith met St. Peter on Jan. 5 at No. 10 Downing Street.",
        "The value was 3.5 percent of example.com traffic.",
    ],
)
def test_abbreviations_and_initials_do_not_end_a_sentence(sentence: str) -> None:
    assert texts([sentence, ref("1"), " Next one."]) == [(sentence, ["1"]), ("Next one.", [])]


def test_markers_mid_sentence_and_consecutive_markers() -> None:
    assert texts(
        ["In 2004, she initiated Kahar,", ref("14"), " a movement.", ref("2"), ref("3")]
    ) == [("In 2004, she initiated Kahar, a movement.", ["14", "2", "3"])]


def test_question_exclamation_and_closing_quotes() -> None:
    assert texts(['He asked "why?" She said "no." Then left!', " Done."]) == [
        ('He asked "why?"', []),
        ('She said "no."', []),
        ("Then left!", []),
        ("Done.", []),
    ]


def test_lower_case_after_period_does_not_split() -> None:
    assert texts(["See e.g. the list. approx. five."]) == [("See e.g. the list. approx. five.", [])]


def test_text_without_sentences_gives_nothing() -> None:
    assert split_sentences(["   "]) == []
