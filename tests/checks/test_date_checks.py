"""Retrieval-date, archive, link-rot, publication-date and date-format rules.

Each rule has a case that fires and a near miss that must not.
"""

from __future__ import annotations

import pytest

from citeaudit.checks.dates.access_date import AccessDateCheck
from citeaudit.checks.dates.archive_date import ArchiveDateCheck
from citeaudit.checks.dates.date_format import DateFormatConsistencyCheck
from citeaudit.checks.dates.link_rot import LinkRotRiskCheck
from citeaudit.checks.dates.publication_date import PublicationDateCheck
from citeaudit.model import (
    DateFormat,
    FindingFamily,
    MaintenanceTag,
    Reference,
    Severity,
    SourceForm,
)
from tests.conftest import build_article, codes, run_check, web_ref

ARCHIVE = "https://web.archive.org/web/20230312101500/https://example.org/report-1"

# (case, check, reference, source form, expected codes)
CASES = [
    (
        "access-date missing",
        AccessDateCheck,
        web_ref("1", access_date=None),
        SourceForm.WIKITEXT,
        ["access-date-missing"],
    ),
    (
        "near miss: a book with an ISBN needs no access-date",
        AccessDateCheck,
        web_ref("1", kind="cite book", access_date=None, identifiers={"isbn": "978-0-00-000000-2"}),
        SourceForm.WIKITEXT,
        [],
    ),
    (
        "near miss: a journal article with a DOI",
        AccessDateCheck,
        web_ref("1", kind="cite news", access_date=None, identifiers={"doi": "10.1000/1"}),
        SourceForm.WIKITEXT,
        [],
    ),
    (
        "access-date without url",
        AccessDateCheck,
        web_ref("1", url=None),
        SourceForm.WIKITEXT,
        ["access-date-without-url"],
    ),
    (
        "near miss: rendered text never shows URLs",
        AccessDateCheck,
        web_ref("1", url=None),
        SourceForm.TEXT,
        [],
    ),
    (
        "access-date invalid",
        AccessDateCheck,
        web_ref("1", access_date="31 February 2023"),
        SourceForm.WIKITEXT,
        ["access-date-invalid"],
    ),
    (
        "access-date without a day",
        AccessDateCheck,
        web_ref("1", access_date="March 2023"),
        SourceForm.WIKITEXT,
        ["access-date-invalid"],
    ),
    (
        "near miss: ISO access-date",
        AccessDateCheck,
        web_ref("1", access_date="2023-03-12"),
        SourceForm.WIKITEXT,
        [],
    ),
    (
        "access-date before Wikipedia",
        AccessDateCheck,
        web_ref("1", date="1999", access_date="14 January 2001"),
        SourceForm.WIKITEXT,
        ["access-date-too-early"],
    ),
    (
        "near miss: Wikipedia's first day",
        AccessDateCheck,
        web_ref("1", date="1999", access_date="15 January 2001"),
        SourceForm.WIKITEXT,
        [],
    ),
    (
        "access-date in the future",
        AccessDateCheck,
        web_ref("1", access_date="30 November 2026"),
        SourceForm.WIKITEXT,
        ["access-date-in-future"],
    ),
    (
        "near miss: tomorrow is tolerated",
        AccessDateCheck,
        web_ref("1", access_date="29 November 2026"),
        SourceForm.WIKITEXT,
        [],
    ),
    (
        "access-date before publication",
        AccessDateCheck,
        web_ref("1", date="20 March 2023", access_date="12 March 2023"),
        SourceForm.WIKITEXT,
        ["access-date-before-publication"],
    ),
    (
        "near miss: read the day it was published",
        AccessDateCheck,
        web_ref("1", date="12 March 2023", access_date="12 March 2023"),
        SourceForm.WIKITEXT,
        [],
    ),
    (
        "near miss: a day early is a time-zone difference",
        AccessDateCheck,
        web_ref("1", date="13 March 2023", access_date="12 March 2023"),
        SourceForm.WIKITEXT,
        [],
    ),
    (
        "archive-url without archive-date",
        ArchiveDateCheck,
        web_ref("1", archive_url=ARCHIVE),
        SourceForm.WIKITEXT,
        ["archive-date-missing"],
    ),
    (
        "near miss: archive with its date",
        ArchiveDateCheck,
        web_ref("1", archive_url=ARCHIVE, archive_date="12 March 2023"),
        SourceForm.WIKITEXT,
        [],
    ),
    (
        "archive-url without url",
        ArchiveDateCheck,
        web_ref("1", url=None, archive_url=ARCHIVE, archive_date="12 March 2023"),
        SourceForm.WIKITEXT,
        ["archive-url-without-url"],
    ),
    (
        "archive-date invalid",
        ArchiveDateCheck,
        web_ref("1", archive_url=ARCHIVE, archive_date="March 2023"),
        SourceForm.WIKITEXT,
        ["archive-date-invalid"],
    ),
    (
        "archive-date disagrees with the Wayback timestamp",
        ArchiveDateCheck,
        web_ref("1", archive_url=ARCHIVE, archive_date="13 March 2023"),
        SourceForm.WIKITEXT,
        ["archive-date-mismatch"],
    ),
    (
        "near miss: non-Wayback archive has no timestamp to compare",
        ArchiveDateCheck,
        web_ref("1", archive_url="https://archive.ph/AbCdE", archive_date="13 March 2023"),
        SourceForm.WIKITEXT,
        [],
    ),
    (
        "archive-date before publication",
        ArchiveDateCheck,
        web_ref(
            "1",
            date="20 March 2023",
            archive_url="https://archive.ph/AbCdE",
            archive_date="13 March 2023",
        ),
        SourceForm.WIKITEXT,
        ["archive-date-before-publication"],
    ),
    (
        "dead url without archive",
        ArchiveDateCheck,
        web_ref("1", url_status="dead"),
        SourceForm.WIKITEXT,
        ["dead-url-without-archive"],
    ),
    (
        "near miss: dead url with an archive",
        ArchiveDateCheck,
        web_ref("1", url_status="dead", archive_url=ARCHIVE, archive_date="12 March 2023"),
        SourceForm.WIKITEXT,
        [],
    ),
    (
        "near miss: live url without archive",
        ArchiveDateCheck,
        web_ref("1", url_status="live"),
        SourceForm.WIKITEXT,
        [],
    ),
    (
        "publication date invalid",
        PublicationDateCheck,
        web_ref("1", date="2023-3-1"),
        SourceForm.WIKITEXT,
        ["date-invalid"],
    ),
    (
        "near miss: a season is a valid date",
        PublicationDateCheck,
        web_ref("1", date="Spring 2003"),
        SourceForm.WIKITEXT,
        [],
    ),
]


@pytest.mark.parametrize(
    ("case", "check", "reference", "form", "expected"), CASES, ids=[c[0] for c in CASES]
)
def test_reference_rule(
    case: str, check: type, reference: Reference, form: SourceForm, expected: list[str]
) -> None:
    article = build_article(references=[reference], source_form=form)
    findings = run_check(check, article)
    assert codes(findings) == expected
    assert all(
        finding.reference_id == "1" and finding.family is FindingFamily.DATES
        for finding in findings
    )


def test_dead_link_tag_counts_as_dead() -> None:
    article = build_article(
        references=[web_ref("1")],
        tags=[MaintenanceTag("dead-link", "dead link", 0, reference_id="1")],
    )
    assert codes(run_check(ArchiveDateCheck, article)) == ["dead-url-without-archive"]


@pytest.mark.parametrize(
    "tag",
    [
        MaintenanceTag(
            "dead-link", "Dead link", 0, reference_id="1", params={"fix-attempted": "yes"}
        ),
        MaintenanceTag("dead-link", "Permanent dead link", 0, reference_id="1"),
    ],
)
def test_a_dead_link_tag_that_says_the_archives_were_searched_asks_for_no_snapshot(
    tag: MaintenanceTag,
) -> None:
    article = build_article(references=[web_ref("1")], tags=[tag])
    assert codes(run_check(ArchiveDateCheck, article)) == []


@pytest.mark.parametrize(
    ("reference", "form", "stale_after", "expected"),
    [
        (web_ref("1", access_date="12 March 2023"), SourceForm.WIKITEXT, 5, [Severity.INFO]),
        (web_ref("1", access_date="12 March 2023"), SourceForm.WIKITEXT, 3, [Severity.WARNING]),
        (web_ref("1", access_date=None), SourceForm.WIKITEXT, 5, [Severity.WARNING]),
        (web_ref("1", url=None, access_date="12 March 2023"), SourceForm.TEXT, 5, [Severity.INFO]),
        # near misses: archived, marked dead (another rule's), no URL and no retrieval date
        (
            web_ref("1", archive_url=ARCHIVE, archive_date="12 March 2023"),
            SourceForm.WIKITEXT,
            3,
            [],
        ),
        (web_ref("1", archive_date="12 March 2023", url=None), SourceForm.TEXT, 3, []),
        (web_ref("1", url_status="dead"), SourceForm.WIKITEXT, 3, []),
        (web_ref("1", url="https://archive.ph/AbCdE"), SourceForm.WIKITEXT, 3, []),
        (web_ref("1", url=None, access_date=None), SourceForm.TEXT, 3, []),
    ],
)
def test_link_rot_risk(
    reference: Reference, form: SourceForm, stale_after: int, expected: list[Severity]
) -> None:
    article = build_article(references=[reference], source_form=form)
    findings = run_check(LinkRotRiskCheck, article, stale_after_years=stale_after)
    assert [finding.severity for finding in findings] == expected
    assert all("Wayback Machine" in (finding.fix or "") for finding in findings)


@pytest.mark.parametrize(
    ("declared", "dates", "expected"),
    [
        (DateFormat.DMY, ["8 March 2023", "March 9, 2023"], ["2"]),
        (DateFormat.MDY, ["8 March 2023", "March 9, 2023"], ["1"]),
        (None, ["8 March 2023", "9 March 2023", "March 9, 2023"], ["3"]),
        # near misses: ISO and month-only dates fit every format; a tie has no majority
        (DateFormat.DMY, ["8 March 2023", "2023-03-09", "March 2023"], []),
        (None, ["8 March 2023", "March 9, 2023"], []),
    ],
)
def test_date_format(declared: DateFormat | None, dates: list[str], expected: list[str]) -> None:
    references = [
        web_ref(str(number), date=date, access_date=None)
        for number, date in enumerate(dates, start=1)
    ]
    article = build_article(references=references, date_format=declared)
    findings = run_check(DateFormatConsistencyCheck, article)
    assert [finding.reference_id for finding in findings] == expected
