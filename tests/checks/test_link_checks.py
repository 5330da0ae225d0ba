"""The link checks: what the link checker saw becomes findings on the citing references."""

from __future__ import annotations

import pytest

from citeaudit.checks.links.archive_url import ArchiveURLCheck
from citeaudit.checks.links.link_status import LinkStatusCheck, is_moved
from citeaudit.checks.links.page_title import PageTitleCheck
from citeaudit.model import (
    ArchiveSnapshot,
    Facts,
    FindingFamily,
    LinkVerdict,
    Severity,
    SourceText,
)
from citeaudit.web.wayback import wayback_date
from tests.conftest import build_article, link_result, run_check, web_ref

URL = "https://a.example/x"


def cited(*references: object) -> object:
    return build_article(sections=[("Career", [[("A claim.", ["1"])]])], references=references)


@pytest.mark.parametrize(
    ("verdict", "code", "severity"),
    [
        (LinkVerdict.DEAD, "link-dead", Severity.ERROR),
        (LinkVerdict.SOFT_404, "link-soft-404", Severity.ERROR),
        (LinkVerdict.INVALID, "link-invalid", Severity.ERROR),
        (LinkVerdict.UNREACHABLE, "link-unreachable", Severity.WARNING),
        (LinkVerdict.BLOCKED, "link-blocked", Severity.INFO),
    ],
)
def test_each_failing_verdict_becomes_a_finding_on_the_citing_reference(
    verdict: LinkVerdict, code: str, severity: Severity
) -> None:
    article = cited(web_ref("1", url=URL))
    facts = Facts(links=(link_result(URL, verdict, "1"),))
    [finding] = run_check(LinkStatusCheck, article, facts=facts, dead_after_days=0)
    assert (finding.code, finding.severity, finding.family) == (
        code,
        severity,
        FindingFamily.LINKS,
    )
    assert (finding.reference_id, finding.section) == ("1", "Career")


def test_alive_and_skipped_links_are_not_findings() -> None:
    article = cited(web_ref("1", url=URL), web_ref("2", url="https://b.example/y"))
    facts = Facts(
        links=(
            link_result(URL, LinkVerdict.ALIVE, "1", final_url=URL + "/"),
            link_result("https://b.example/y", LinkVerdict.SKIPPED, "2", reason="not recorded"),
        )
    )
    assert run_check(LinkStatusCheck, article, facts=facts) == []


def test_a_blocked_link_is_never_called_dead() -> None:
    facts = Facts(links=(link_result(URL, LinkVerdict.BLOCKED, "1"),))
    [finding] = run_check(LinkStatusCheck, cited(web_ref("1", url=URL)), facts=facts)
    assert "dead" not in finding.code and "gone" not in finding.message


def test_a_dead_link_offers_the_snapshot_as_wikitext_to_add() -> None:
    snapshot = ArchiveSnapshot(
        url=f"https://web.archive.org/web/20230311093000/{URL}", timestamp="20230311093000"
    )
    facts = Facts(links=(link_result(URL, LinkVerdict.DEAD, "1", archive=snapshot),))
    [finding] = run_check(LinkStatusCheck, cited(web_ref("1", url=URL)), facts=facts)
    assert f"|archive-url={snapshot.url}" in (finding.fix or "")
    assert "|archive-date=2023-03-11" in (finding.fix or "") and "|url-status=dead" in (
        finding.fix or ""
    )


def test_a_dead_link_without_a_snapshot_suggests_the_dead_link_tag_of_this_month() -> None:
    facts = Facts(links=(link_result(URL, LinkVerdict.DEAD, "1"),))
    [finding] = run_check(LinkStatusCheck, cited(web_ref("1", url=URL)), facts=facts)
    assert "{{dead link|date=November 2026}}" in (finding.fix or "")


def test_a_dead_link_already_archived_asks_only_for_url_status() -> None:
    archive = f"https://web.archive.org/web/2023/{URL}"
    facts = Facts(links=(link_result(URL, LinkVerdict.DEAD, "1"),))
    archived = cited(web_ref("1", url=URL, archive_url=archive))
    [finding] = run_check(LinkStatusCheck, archived, facts=facts)
    assert finding.severity is Severity.WARNING and "|url-status=dead" in (finding.fix or "")
    marked = cited(web_ref("1", url=URL, url_status="dead", archive_url=archive))
    [finding] = run_check(LinkStatusCheck, marked, facts=facts)
    assert finding.severity is Severity.INFO


def test_an_alive_link_marked_dead_with_an_archive_asks_for_url_status_live() -> None:
    archive = f"https://web.archive.org/web/2023/{URL}"
    facts = Facts(links=(link_result(URL, LinkVerdict.ALIVE, "1"),))
    marked = cited(web_ref("1", url=URL, url_status="dead", archive_url=archive))
    [finding] = run_check(LinkStatusCheck, marked, facts=facts)
    assert finding.code == "link-alive-marked-dead" and finding.severity is Severity.INFO
    assert "|url-status=live" in (finding.fix or "")
    for quiet in (
        web_ref("1", url=URL, url_status="live", archive_url=archive),
        web_ref("1", url=URL, url_status="usurped", archive_url=archive),
        web_ref("1", url=URL, url_status="dead"),  # no archive copy: the status shows nothing
    ):
        assert run_check(LinkStatusCheck, cited(quiet), facts=facts) == []


def test_a_dead_link_tagged_dead_without_a_copy_asks_for_another_source() -> None:
    from citeaudit.model import MaintenanceTag

    facts = Facts(links=(link_result(URL, LinkVerdict.DEAD, "1"),))
    tag = MaintenanceTag("dead-link", "Dead link", 1, reference_id="1")
    confirmed = {"facts": facts, "dead_after_days": 0}
    [untagged] = run_check(LinkStatusCheck, cited(web_ref("1", url=URL)), **confirmed)
    article = cited(web_ref("1", url=URL))
    article.maintenance_tags.append(tag)
    [tagged] = run_check(LinkStatusCheck, article, **confirmed)
    assert untagged.severity is Severity.ERROR and "{{dead link" in (untagged.fix or "")
    assert tagged.severity is Severity.WARNING and "Find the source elsewhere" in (tagged.fix or "")


def test_a_redirect_to_another_page_is_noted() -> None:
    moved = link_result(
        "http://a.example/x", LinkVerdict.ALIVE, "1", final_url="https://a.example/new-x"
    )
    article = cited(web_ref("1", url="http://a.example/x"))
    [finding] = run_check(LinkStatusCheck, article, facts=Facts(links=(moved,)))
    assert finding.code == "link-redirected" and "https://a.example/new-x" in finding.message


@pytest.mark.parametrize(
    ("url", "final", "moved"),
    [
        ("http://a.example/x", "https://www.a.example/x/", False),
        ("http://a.example/x", None, False),
        ("http://a.example/x", "http://a.example/y", True),
        ("http://a.example/x?id=1", "http://a.example/x?id=2", True),
    ],
)
def test_is_moved_ignores_scheme_www_and_trailing_slash(
    url: str, final: str | None, moved: bool
) -> None:
    assert is_moved(url, final) is moved


def test_wayback_dates() -> None:
    assert wayback_date("20230311093000") == "2023-03-11"


ARCHIVE = f"https://web.archive.org/web/20230311093000/{URL}"


@pytest.mark.parametrize(
    ("archive_url", "fetched", "code", "severity"),
    [
        (ARCHIVE, LinkVerdict.DEAD, "archive-url-dead", Severity.ERROR),
        (ARCHIVE, LinkVerdict.SOFT_404, "archive-url-dead", Severity.ERROR),
        (ARCHIVE, LinkVerdict.UNREACHABLE, "archive-url-unreachable", Severity.WARNING),
        (ARCHIVE, LinkVerdict.BLOCKED, "archive-url-unreachable", Severity.INFO),
        ("https://archive.ph/AbCdE", None, "archive-url-archive-today", Severity.WARNING),
        ("https://www.webcitation.org/6abc", None, "archive-url-defunct", Severity.ERROR),
        (f"https://web.archive.org/save/{URL}", None, "archive-url-malformed", Severity.ERROR),
        (
            "https://web.archive.org/web/20230311093000/https://b.example/other",
            LinkVerdict.ALIVE,
            "archive-url-other-page",
            Severity.WARNING,
        ),
    ],
)
def test_what_is_wrong_with_a_cited_archive_url(
    archive_url: str, fetched: LinkVerdict | None, code: str, severity: Severity
) -> None:
    article = cited(web_ref("1", url=URL, archive_url=archive_url))
    checks = {archive_url: link_result(archive_url, fetched, "1")} if fetched else {}
    [finding] = run_check(
        ArchiveURLCheck, article, facts=Facts(archive_urls=checks, links_checked=True)
    )
    assert (finding.code, finding.severity, finding.reference_id) == (code, severity, "1")
    assert finding.message.endswith(".") and finding.message[0].isupper()


def test_an_archive_url_that_answered_is_no_finding() -> None:
    article = cited(web_ref("1", url=URL, archive_url=ARCHIVE))
    facts = Facts(
        archive_urls={ARCHIVE: link_result(ARCHIVE, LinkVerdict.ALIVE, "1")}, links_checked=True
    )
    assert run_check(ArchiveURLCheck, article, facts=facts) == []


def test_a_page_now_titled_otherwise_is_a_title_mismatch_on_its_citation() -> None:
    moved = SourceText(
        text="A bakery won.", title="Bakery wins award", titles=("Bakery wins award",)
    )
    article = cited(web_ref("1", url=URL, title="Council approves Norbridge tram line"))
    facts = Facts(links=(link_result(URL, LinkVerdict.ALIVE, "1"),), sources={URL: moved})
    [finding] = run_check(PageTitleCheck, article, facts=facts)
    assert (finding.code, finding.family, finding.reference_id, finding.section) == (
        "source-title-mismatch",
        FindingFamily.LINKS,
        "1",
        "Career",
    )


# --- deadness confirmed over days -------------------------------------------------------------


@pytest.mark.parametrize(
    ("first_failed_at", "checked_at", "severity", "words"),
    [
        (None, None, Severity.WARNING, "first seen dead today; rerun later to confirm"),
        ("2026-11-28T08:00:00+00:00", "2026-11-28T08:00:00+00:00", Severity.WARNING, "first seen"),
        ("2026-11-28T08:00:00+00:00", "2026-11-28T20:00:00+00:00", Severity.WARNING, "not yet"),
        ("2026-11-27T08:00:00+00:00", "2026-11-28T08:00:00+00:00", Severity.ERROR, "gone"),
    ],
    ids=["no-history", "first-check", "same-day-rerun", "a-day-apart"],
)
def test_a_dead_link_is_an_error_once_its_failures_are_a_day_apart(
    first_failed_at: str | None, checked_at: str | None, severity: Severity, words: str
) -> None:
    failed_checks = 0 if first_failed_at is None else 1 if first_failed_at == checked_at else 2
    result = link_result(
        URL,
        LinkVerdict.DEAD,
        "1",
        first_failed_at=first_failed_at,
        checked_at=checked_at,
        failed_checks=failed_checks,
    )
    [finding] = run_check(
        LinkStatusCheck, cited(web_ref("1", url=URL)), facts=Facts(links=(result,))
    )
    assert finding.severity is severity and words in finding.message


def test_the_confirmation_period_is_configurable() -> None:
    result = link_result(
        URL,
        LinkVerdict.SOFT_404,
        "1",
        first_failed_at="2026-11-25T08:00:00+00:00",
        checked_at="2026-11-28T08:00:00+00:00",
        failed_checks=3,
    )
    article, facts = cited(web_ref("1", url=URL)), Facts(links=(result,))
    [week] = run_check(LinkStatusCheck, article, facts=facts, dead_after_days=7)
    [day] = run_check(LinkStatusCheck, article, facts=facts, dead_after_days=1)
    assert (week.severity, day.severity) == (Severity.WARNING, Severity.ERROR)
    assert "failing since 2026-11-25 (3 checks)" in week.message
