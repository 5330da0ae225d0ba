"""The page's own title and date against its citation: moved, usurped and misdated pages."""

from __future__ import annotations

import pytest

from citeaudit.model import Severity, SourceText
from citeaudit.support import MetadataKind, compare_metadata
from citeaudit.support.metadata import title_similarity

TRAM = SourceText(
    text="Norbridge city council voted 31 to 9 to build a tram line.",
    title="Council approves Norbridge tram line",
    titles=(
        "Council approves Norbridge tram line",
        "Council approves Norbridge tram line | Norbridge Chronicle",
    ),
    published="2022-02-03",
    language="en",
)


def test_matching_title_and_date_raise_nothing() -> None:
    assert compare_metadata(TRAM, "Council approves Norbridge tram line", "3 February 2022") == []


@pytest.mark.parametrize(
    "cited",
    [
        "Council approves Norbridge tram line",
        "Council Approves Norbridge Tram Line!",
        "Norbridge Chronicle - Council approves Norbridge tram line",
    ],
)
def test_titles_match_despite_case_punctuation_and_site_names(cited: str) -> None:
    assert title_similarity(cited, TRAM.titles) >= 0.8


def test_a_different_article_at_the_url_is_a_title_mismatch() -> None:
    moved = SourceText(
        text="A bakery won an award.",
        title="Family bakery wins regional bread award",
        titles=("Family bakery wins regional bread award",),
        language="en",
    )
    issues = compare_metadata(moved, "Council approves Norbridge tram line", None)
    assert [issue.kind for issue in issues] == [MetadataKind.TITLE_MISMATCH]
    assert issues[0].severity is Severity.WARNING
    assert "Family bakery wins regional bread award" in issues[0].message


def test_a_domain_for_sale_is_usurped() -> None:
    parked = SourceText(
        text="This domain is for sale! Buy this domain today.",
        title="norbridge-chronicle.com is for sale",
        titles=("norbridge-chronicle.com is for sale",),
    )
    issues = compare_metadata(parked, "Council approves Norbridge tram line", "3 February 2022")
    assert [issue.kind for issue in issues] == [MetadataKind.USURPED]
    assert issues[0].severity is Severity.ERROR
    assert "usurped" in issues[0].fix


@pytest.mark.parametrize(
    ("cited_date", "severity"),
    [
        ("3 February 2021", Severity.WARNING),
        ("5 February 2022", Severity.INFO),
        ("2019", Severity.WARNING),
    ],
)
def test_a_different_date_is_reported(cited_date: str, severity: Severity) -> None:
    issues = compare_metadata(TRAM, "Council approves Norbridge tram line", cited_date)
    assert [(issue.kind, issue.severity) for issue in issues] == [
        (MetadataKind.DATE_MISMATCH, severity)
    ]
    assert "2022-02-03" in issues[0].message


@pytest.mark.parametrize("cited_date", ["February 2022", "2022", "n.d.", "2022-02-03"])
def test_a_date_at_coarser_precision_or_unreadable_agrees(cited_date: str) -> None:
    assert compare_metadata(TRAM, None, cited_date) == []


def test_nothing_to_compare_raises_nothing() -> None:
    assert compare_metadata(SourceText(text="text"), "Some title", "3 February 2022") == []
