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


# Real sentences: the first from the seed article, the others from the Rust article (both
# English Wikipedia, CC BY-SA 4.0, Wikipedia contributors), some shortened, and the two of the
# issue that reported the merges.
@pytest.mark.parametrize(
    ("paragraph", "sentences"),
    [
        (
            "It grew quickly in the 1900s. It has 35% more people than before.",
            ["It grew quickly in the 1900s.", "It has 35% more people than before."],
        ),
        (
            "He moved to the U.S. He liked it.",
            ["He moved to the U.S.", "He liked it."],
        ),
        (
            "Hoare cited languages from the 1970s, 1980s, and 1990s. Early Rust developer "
            "Manish Goregaokar similarly described Rust.",
            [
                "Hoare cited languages from the 1970s, 1980s, and 1990s.",
                "Early Rust developer Manish Goregaokar similarly described Rust.",
            ],
        ),
        (
            "Rust's type system separates shared, immutable references of the form &T from "
            "unique, mutable references of the form &mut T. A mutable reference can be coerced "
            "to an immutable reference, but not vice versa.",
            [
                "Rust's type system separates shared, immutable references of the form &T from "
                "unique, mutable references of the form &mut T.",
                "A mutable reference can be coerced to an immutable reference, but not vice versa.",
            ],
        ),
        (
            "The first stable release, Rust 1.0, was published in May 2015. Following a layoff "
            "of Mozilla employees in August 2020, four other companies joined Mozilla.",
            [
                "The first stable release, Rust 1.0, was published in May 2015.",
                "Following a layoff of Mozilla employees in August 2020, four other companies "
                "joined Mozilla.",
            ],
        ),
        (
            "The team grew in the 2010s. In 2021 it moved to the Rust Foundation, Inc. The "
            "foundation was based in Washington, D.C. Its board met monthly.",
            [
                "The team grew in the 2010s.",
                "In 2021 it moved to the Rust Foundation, Inc.",
                "The foundation was based in Washington, D.C.",
                "Its board met monthly.",
            ],
        ),
    ],
)
def test_decades_years_and_abbreviations_before_an_opening_word_end_a_sentence(
    paragraph: str, sentences: list[str]
) -> None:
    assert [text for text, _ in texts([paragraph])] == sentences


@pytest.mark.parametrize(
    "sentence",
    [
        # Rust article
        "On February 26, 2024, the U.S. White House Office of the National Cyber Director "
        "released a 19-page press report.",
        "According to Andrew Binstock writing for Dr. Dobb's Journal in January 2014, Rust was "
        "widely viewed as a remarkably elegant language.",
        # seed article
        "It was presented to her by Jill Biden and Anthony J. Blinken at the U.S. Department "
        "of State.",
        "The ceremony was hosted by the U.S. Department of State.",
        # initials and prefixes before names and numbers
        "The paper by Robert E. Strom and Shaula Yemini appeared in Vol. 12 on p. 157.",
        "The building, c. 1900, stood at No. 5 on St. James Street.",
    ],
)
def test_initials_and_abbreviations_before_a_name_do_not_end_a_sentence(sentence: str) -> None:
    assert texts([sentence]) == [(sentence, [])]
