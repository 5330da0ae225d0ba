"""The audit loop: facts gathered first, then every check over them; order, counts, exit rule."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from citeaudit.audit import AuditOptions, WebAccess, link_targets, report_on, run_audit
from citeaudit.checks.base import Check, CheckContext
from citeaudit.model import (
    ArchiveOutcome,
    Article,
    Facts,
    Finding,
    FindingFamily,
    LinkVerdict,
    Reference,
    Severity,
)
from citeaudit.model.progress import Phase
from citeaudit.model.report import reference_label, summarise
from citeaudit.web.archive import WaybackArchive
from citeaudit.web.links import LinkCheckOptions, WebRun
from tests.conftest import AS_OF, build_article, link_result, web_ref
from tests.fakes import FakeTime, SimulatedWayback, fake_web, page

URL = "https://a.example/x"
JANUARY_2 = dt.date(2020, 1, 2)
PACED_NOT = LinkCheckOptions(min_interval=0.0, probe_soft_404=False)


def cited(*references: Reference) -> Article:
    return build_article(sections=[("Career", [[("A claim.", ["1"])]])], references=references)


class TwoFindings(Check):
    family = FindingFamily.INTEGRITY
    codes = ("b-info", "a-warning")

    def run(self, article: Article, context: CheckContext) -> Iterator[Finding]:
        assert context.as_of == AS_OF and context.facts.link(URL) is not None
        yield self.finding("b-info", Severity.INFO, "i", section="Career")
        yield self.finding("a-warning", Severity.WARNING, "w", section="")


def test_the_audit_gathers_the_facts_then_runs_the_checks_over_them() -> None:
    article = cited(web_ref("1", url=URL, access_date="11 March 2023"))
    fetcher = fake_web({URL: page(URL, 404)})
    progress: list[tuple[Phase, int, int]] = []
    report = run_audit(
        article,
        AuditOptions(as_of=AS_OF, offline=True),
        WebAccess(WebRun(fetcher, PACED_NOT)),
        on_progress=lambda phase, done, total: progress.append((phase, done, total)),
    )
    assert [request.url for request in fetcher.requests] == [URL]
    assert progress == [(Phase.LINKS, 1, 1), (Phase.SUPPORT, 1, 1)]
    assert report.facts.link(URL) is not None and report.links_checked
    assert report.as_of == AS_OF and report.offline
    assert [f.code for f in report.findings if f.family is FindingFamily.LINKS] == ["link-dead"]


def test_findings_come_in_severity_then_article_order() -> None:
    facts = Facts(links=(link_result(URL, LinkVerdict.DEAD, "1"),), links_checked=True)
    report = report_on(
        cited(web_ref("1", url=URL)), AuditOptions(as_of=AS_OF), facts, [TwoFindings]
    )
    assert [f.code for f in report.findings] == ["a-warning", "b-info"]


def test_targets_merge_citations_of_one_url_and_keep_the_earliest_access_date() -> None:
    article = cited(
        web_ref("1", url=URL, access_date="11 March 2023"),
        web_ref("2", url="HTTPS://A.example/x", access_date="2 January 2020"),
        web_ref("3", url="https://b.example/", access_date="not a date"),
    )
    first, second = link_targets(article, AS_OF)
    assert (first.url, first.reference_ids, first.access_day) == (URL, ("1", "2"), JANUARY_2)
    assert (second.reference_ids, second.access_day) == (("3",), None)


def test_without_a_web_nothing_is_fetched_and_the_report_says_so() -> None:
    report = run_audit(cited(web_ref("1", url=URL)), AuditOptions(as_of=AS_OF))
    assert report.links == () and not report.links_checked and not report.support_checked


def test_summary_counts_every_verdict_and_severity() -> None:
    article = cited(web_ref("1", url=URL), Reference(id="r2", number=2))
    facts = Facts(links=(link_result(URL, LinkVerdict.BLOCKED, "1"),), links_checked=True)
    summary = summarise(report_on(article, AuditOptions(as_of=AS_OF), facts, []))
    assert summary.links_by_verdict == {
        "alive": 0,
        "dead": 0,
        "soft-404": 0,
        "blocked": 1,
        "unreachable": 0,
        "invalid": 0,
        "skipped": 0,
    }
    assert summary.findings_by_severity == {"error": 0, "warning": 0, "info": 0}
    assert (summary.references, summary.uses, summary.urls, summary.references_without_url) == (
        2,
        1,
        1,
        1,
    )


@pytest.mark.parametrize(
    ("fail_on", "fails"), [(Severity.ERROR, False), (Severity.WARNING, True), (Severity.INFO, True)]
)
def test_a_report_fails_at_or_above_fail_on(fail_on: Severity, fails: bool) -> None:
    facts = Facts(links=(link_result(URL, LinkVerdict.UNREACHABLE, "1"),), links_checked=True)
    report = report_on(cited(web_ref("1", url=URL)), AuditOptions(as_of=AS_OF), facts)
    assert report.fails(fail_on) is fails


@pytest.mark.parametrize(
    ("group", "number", "label"),
    [
        (None, 3, "[3]"),
        ("note", 1, "[note 1]"),
        ("lower-alpha", 1, "[a]"),
        ("lower-alpha", 28, "[ab]"),
    ],
)
def test_reference_labels_are_what_readers_see(group: str | None, number: int, label: str) -> None:
    assert reference_label(Reference(id="x", number=number, group=group)) == label


DEAD = "https://b.example/dead"


def test_dead_links_get_the_snapshot_nearest_their_access_date(fake_time: FakeTime) -> None:
    wayback = SimulatedWayback([("20230301000000", "200")])
    article = cited(
        web_ref("1", url=URL, access_date="2023-03-11"),
        web_ref("2", url=DEAD, access_date="11 March 2023"),
        web_ref("3", url=DEAD, access_date="1 March 2024"),
    )
    web = WebAccess(
        WebRun(
            fake_web({URL: page(URL, 200), DEAD: page(DEAD, 404)}),
            PACED_NOT,
            archive=WaybackArchive(wayback.fetcher(), fake_time.clock),
            clock=fake_time.clock,
        )
    )
    facts = run_audit(article, AuditOptions(as_of=AS_OF), web).facts
    dead = facts.link(DEAD)
    assert dead is not None and dead.archive is not None
    assert dead.archive.timestamp == "20230301000000"
    assert facts.archive_lookups[DEAD].outcome is ArchiveOutcome.FOUND
    assert URL not in facts.archive_lookups
    assert len(wayback.asked) == 1 and "timestamp=20230311" in wayback.asked[0]


def test_citations_with_an_archive_url_are_not_looked_up(fake_time: FakeTime) -> None:
    wayback = SimulatedWayback([("20230301000000", "200")])
    capture = f"https://web.archive.org/web/20230301000000/{DEAD}"
    article = cited(web_ref("1", url=DEAD, archive_url=capture))
    web = WebAccess(
        WebRun(
            fake_web({DEAD: page(DEAD, 404)}),
            PACED_NOT,
            archive=WaybackArchive(wayback.fetcher(), fake_time.clock),
            clock=fake_time.clock,
        )
    )
    facts = run_audit(article, AuditOptions(as_of=AS_OF), web).facts
    assert facts.archive_lookups == {} and not any("/wayback/" in url for url in wayback.asked)
