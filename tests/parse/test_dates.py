"""The CS1 date grammar, case by case from `tests/data/dates.tsv` (each names the rule it tests)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citeaudit.parse.dates import DateRule, ParsedDate, Precision, iso_date, parse_cs1_date
from tests.conftest import TEST_DATA

TODAY = dt.date(2026, 11, 28)
TABLE = TEST_DATA / "dates.tsv"


def load_cases() -> list[pytest.param]:
    rows = [
        line.split("\t")
        for line in TABLE.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    header, body = rows[0], rows[1:]
    assert header == ["rule", "text", "verdict", "iso", "precision", "range", "format"]
    return [pytest.param(*row, id=f"{row[0]}:{row[1].strip()}") for row in body]


CASES = load_cases()


def test_the_table_is_large_enough() -> None:
    assert len(CASES) >= 150


@pytest.mark.parametrize(
    ("rule", "text", "verdict", "iso", "precision", "is_range", "date_format"), CASES
)
def test_date(
    rule: str, text: str, verdict: str, iso: str, precision: str, is_range: str, date_format: str
) -> None:
    parsed = parse_cs1_date(text, today=TODAY)
    assert parsed is not None
    if verdict != "valid":
        assert (parsed.valid, parsed.reason) == (False, DateRule(verdict))
        assert iso_date(text, today=TODAY) is None
        assert parsed.earliest is None and parsed.iso is None
        return
    assert parsed.valid, parsed.reason
    expected_iso = None if iso == "-" else iso
    assert parsed.iso == expected_iso
    assert iso_date(text, today=TODAY) == expected_iso
    assert (parsed.precision.value if parsed.precision else "-") == precision
    assert parsed.is_range == (is_range == "yes")
    assert (parsed.format.value if parsed.format else "-") == date_format
    if parsed.earliest is not None:
        assert parsed.latest is not None and parsed.earliest <= parsed.latest


def test_empty_is_no_date() -> None:
    assert parse_cs1_date("  ", today=TODAY) is None


def test_bounds_of_a_month_and_a_range() -> None:
    month = parse_cs1_date("February 2024", today=TODAY)
    days = parse_cs1_date("30 December 2022 – 2 January 2023", today=TODAY)
    assert month == ParsedDate(
        text="February 2024",
        valid=True,
        precision=Precision.MONTH,
        earliest=dt.date(2024, 2, 1),
        latest=dt.date(2024, 2, 29),
        iso="2024-02",
    )
    assert days is not None and (days.earliest, days.latest) == (
        dt.date(2022, 12, 30),
        dt.date(2023, 1, 2),
    )


def test_next_year_moves_with_today() -> None:
    assert parse_cs1_date("2028", today=dt.date(2027, 1, 1)).valid  # type: ignore[union-attr]
    assert not parse_cs1_date("2028", today=TODAY).valid  # type: ignore[union-attr]


def test_circa_and_undated_are_marked() -> None:
    circa = parse_cs1_date("c. 1900", today=TODAY)
    undated = parse_cs1_date("n.d.", today=TODAY)
    assert circa is not None and circa.circa
    assert undated is not None and undated.undated and undated.earliest is None


def test_every_rule_is_explained_and_exercised() -> None:
    exercised = {DateRule(row.values[2]) for row in CASES if row.values[2] != "valid"}
    assert exercised == set(DateRule)
    assert all(rule.explanation for rule in DateRule)


DATE_CHARACTERS = list("0123456789 –-/.,acdnMJSWFOAlyrhsuetbgpi")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(DATE_CHARACTERS), max_size=30))
def test_any_text_is_a_date_or_a_reason_never_a_crash(text: str) -> None:
    parsed = parse_cs1_date(text, today=TODAY)
    if parsed is None:
        assert not text.strip()
    elif parsed.valid:
        assert parsed.undated or (parsed.earliest is not None and parsed.iso is not None)
    else:
        assert parsed.reason in DateRule
