"""Dates in many languages and formats, and the cheap language detector."""

from __future__ import annotations

import pytest

from citeaudit.support.dates import find_dates, parse_date
from citeaudit.support.language import detect_language, normalise_language


@pytest.mark.parametrize(
    "text",
    [
        "8 March 2023",
        "March 8, 2023",
        "2023-03-08",
        "8th of March 2023",
        "08.03.2023",
        "8. März 2023",
        "le 8 mars 2023",
        "el 8 de marzo de 2023",
        "8 марта 2023 года",
        "8 marca 2023",
        "8 maart 2023",
        "2023-03-08T10:00:00+01:00",
    ],
)
def test_one_day_in_many_spellings(text: str) -> None:
    assert "2023-03-08" in {mention.key for mention in find_dates(text)}


def test_slashed_dates_keep_both_readings() -> None:
    assert {mention.key for mention in find_dates("03/08/2023")} == {"2023-03-08", "2023-08-03"}


def test_partial_dates_and_years() -> None:
    keys = [mention.key for mention in find_dates("In March 2023, on April 12, since 1999.")]
    assert keys == ["2023-03", "--04-12", "1999"]


def test_a_year_inside_a_full_date_is_not_read_twice() -> None:
    assert [mention.key for mention in find_dates("On 8 March 2023.")] == ["2023-03-08"]


def test_month_words_that_are_ordinary_words_need_a_capital() -> None:
    assert [mention.key for mention in find_dates("we may 2023 mar 5")] == ["2023"]
    assert [mention.key for mention in find_dates("in May 2023")] == ["2023-05"]


def test_an_impossible_day_is_dropped_and_the_month_kept() -> None:
    assert parse_date("31 February 2023") == "2023-02"
    assert parse_date("no date") is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-03-08T10:00:00Z", "2023-03-08"),
        ("March 2023", "2023-03"),
        ("2023", "2023"),
        ("n.d.", None),
    ],
)
def test_parse_date(value: str, expected: str | None) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("code", "expected"),
    [("en-GB", "en"), ("de_DE", "de"), (" RU ", "ru"), ("", None), ("x", None)],
)
def test_normalise_language(code: str, expected: str | None) -> None:
    assert normalise_language(code) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The council said that the new line was approved after a long debate, and it is "
            "expected to open in "
            "the spring. The mayor was at the meeting with his deputy and they were pleased with "
            "the vote.",
            "en",
        ),
        (
            "Der Rat hat die neue Linie nach einer langen Debatte genehmigt, und sie wird im "
            "Frühjahr eröffnet. "
            "Der Bürgermeister war mit seinem Stellvertreter bei der Sitzung und sie sind mit dem "
            "Ergebnis zufrieden.",
            "de",
        ),
        (
            "Le conseil a approuvé la nouvelle ligne après un long débat, et elle sera ouverte au "
            "printemps. Le maire "
            "était présent avec son adjoint et ils sont satisfaits du vote qui a été pris par les "
            "élus.",
            "fr",
        ),
        (
            "El consejo aprobó la nueva línea tras un largo debate, y se abrirá en la primavera. "
            "El alcalde estaba en "
            "la reunión con su adjunto y los dos están contentos con el resultado de la votación "
            "del consejo.",
            "es",
        ),
        (
            "Совет одобрил новую линию после долгих дебатов, и она будет открыта весной. Мэр был "
            "на заседании с его "
            "заместителем, и они были довольны результатом, так как это было важно для города и "
            "для жителей.",
            "ru",
        ),
    ],
)
def test_detect_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected


def test_too_little_text_has_no_language() -> None:
    assert detect_language("Ashby Marsh 2021") is None
