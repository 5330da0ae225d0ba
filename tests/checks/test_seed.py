"""The static checks on the seed article, read from its rendered text (what the issue asks to see).

As of 2026-11-28: reference 10's title is a captured StackPath challenge; references 7 and 8
cite the same UN communication; reference 12 (April 2015) is cited for the Qantar 2022 coalition;
every web citation lacks an archive; the article is a biography of a living person, and its
claims that wait for a later citation are listed by section.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from citeaudit.checks import CheckContext, run_checks
from citeaudit.checks.claim_scope import is_biography_of_living_person
from citeaudit.model import Article, Finding, Severity
from tests.conftest import FIXTURES

pytest.importorskip("citeaudit.parsers.text", reason="the rendered-text parser has not landed")

SEED = FIXTURES / "Bakhytzhan_Toregozhina" / "Bakhytzhan_Toregozhina.rendered.txt"
AS_OF = dt.date(2026, 11, 28)


@pytest.fixture(scope="module")
def seed() -> Article:
    from citeaudit.parsers import parse_article, read_article_file

    if not SEED.exists():
        pytest.skip("the seed fixture is absent")
    return parse_article(read_article_file(SEED))


@pytest.fixture(scope="module")
def findings(seed: Article) -> list[Finding]:
    return run_checks(seed, CheckContext(as_of=AS_OF))


def numbered(seed: Article, findings: list[Finding], code: str) -> list[int]:
    """The reference numbers of the findings with this code, in finding order."""
    numbers = {reference.id: reference.number for reference in seed.references}
    return [
        number
        for finding in findings
        if finding.code == code
        if (number := numbers.get(finding.reference_id or "")) is not None
    ]


def test_stackpath_title(seed: Article, findings: list[Finding]) -> None:
    assert numbered(seed, findings, "title-generic") == [10]


def test_the_un_communication_is_cited_twice(seed: Article, findings: list[Finding]) -> None:
    assert numbered(seed, findings, "ref-duplicate") == [8]
    (duplicate,) = [finding for finding in findings if finding.code == "ref-duplicate"]
    assert "reference 7" in duplicate.message and "2137/2012" in duplicate.message


def test_a_2015_report_cannot_support_the_2022_coalition(
    seed: Article, findings: list[Finding]
) -> None:
    predates = [finding for finding in findings if finding.code == "source-predates-claim"]
    assert 12 in numbered(seed, findings, "source-predates-claim")
    assert all("Qantar 2022" in (finding.sentence or "") for finding in predates)
    assert all(finding.severity is Severity.WARNING for finding in predates)


def test_every_web_citation_is_a_link_rot_risk(seed: Article, findings: list[Finding]) -> None:
    assert sorted(numbered(seed, findings, "link-rot-risk")) == list(range(1, 25))


def test_biography_of_a_living_person(seed: Article) -> None:
    assert is_biography_of_living_person(seed)


def test_claims_waiting_for_a_citation_are_listed_by_section(findings: list[Finding]) -> None:
    support = [finding for finding in findings if finding.family == "support"]
    by_section = Counter(finding.section for finding in support)
    assert by_section["Career"] == 3
    assert by_section["Human rights organizations and activism"] >= 5
    assert all(finding.sentence for finding in support)
    assert "paragraph-uncited" not in {finding.code for finding in support}


def test_no_false_alarms_on_dates(findings: list[Finding]) -> None:
    codes = {finding.code for finding in findings}
    assert not {code for code in codes if code.startswith(("access-date", "archive-date", "date-"))}
