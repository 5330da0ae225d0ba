"""The audit loop: link results and archive problems as findings, order and counts, exit status."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

import pytest

from citeaudit.audit import (
    AuditOptions,
    ProgressCallback,
    exit_status,
    reference_label,
    run_audit,
    summarise,
)
from citeaudit.checks.base import Check, CheckContext
from citeaudit.checks.links.findings import is_moved, link_findings, wayback_date
from citeaudit.web.links import ArchiveURLProblem, LinkTarget
from citeaudit.model import (
    ArchiveSnapshot,
    Article,
    Finding,
    LinkResult,
    LinkVerdict,
    Paragraph,
    Reference,
    Section,
    Sentence,
    Severity,
    SourceForm,
    Use,
)
from citeaudit.support import SourceText

AS_OF = dt.date(2026, 11, 28)


def article_with(*references: Reference) -> Article:
    body = Section(
        index=1,
        title="Career",
        level=2,
        paragraphs=[Paragraph(sentences=[Sentence(id=0, text="A claim.")])],
    )
    lead = Section(index=0, title="", level=0, children=[body])
    return Article(
        title="T", source_form=SourceForm.WIKITEXT, lead=lead, references=list(references)
    )


def web(ref_id: str, url: str, **fields: object) -> Reference:
    return Reference(
        id=ref_id,
        number=int(ref_id[1:]),
        kind="cite web",
        url=url,
        uses=[Use(section_index=1, sentence_id=0)],
        **fields,
    )  # type: ignore[arg-type]


def result(url: str, verdict: LinkVerdict, *ids: str, **fields: object) -> LinkResult:
    return LinkResult(
        url=url,
        verdict=verdict,
        reason=fields.pop("reason", verdict.value),  # type: ignore[arg-type]
        reference_ids=ids,
        **fields,
    )  # type: ignore[arg-type]


class Answers:
    """A link checker that answers from a list, recording the targets it was given."""

    def __init__(
        self, results: Sequence[LinkResult], problems: Sequence[ArchiveURLProblem] = ()
    ) -> None:
        self.results = list(results)
        self.problems = list(problems)
        self.targets: list[LinkTarget] = []

    def check_links(
        self, targets: Sequence[LinkTarget], on_progress: ProgressCallback | None
    ) -> list[LinkResult]:
        self.targets.extend(targets)
        if on_progress is not None:
            on_progress(len(self.results), len(self.results))
        return self.results

    def check_archive_urls(self, targets: Sequence[LinkTarget]) -> list[ArchiveURLProblem]:
        return self.problems

    def source_texts(self, links: Sequence[LinkResult]) -> dict[str, SourceText]:
        return {}


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
    article = article_with(web("r1", "https://a.example/x"))
    [finding] = link_findings(article, [result("https://a.example/x", verdict, "r1")], AS_OF)
    assert (finding.code, finding.severity, finding.family) == (code, severity, "links")
    assert (finding.reference_id, finding.section) == ("r1", "Career")


def test_alive_and_skipped_links_are_not_findings() -> None:
    article = article_with(web("r1", "https://a.example/x"), web("r2", "https://b.example/y"))
    links = [
        result("https://a.example/x", LinkVerdict.ALIVE, "r1", final_url="https://a.example/x/"),
        result("https://b.example/y", LinkVerdict.SKIPPED, "r2", reason="not recorded"),
    ]
    assert link_findings(article, links, AS_OF) == []


def test_a_blocked_link_is_never_called_dead() -> None:
    article = article_with(web("r1", "https://a.example/x"))
    [finding] = link_findings(
        article, [result("https://a.example/x", LinkVerdict.BLOCKED, "r1")], AS_OF
    )
    assert "dead" not in finding.code and "gone" not in finding.message


def test_a_dead_link_offers_the_snapshot_as_wikitext_to_add() -> None:
    article = article_with(web("r1", "https://a.example/x"))
    snapshot = ArchiveSnapshot(
        url="https://web.archive.org/web/20230311093000/https://a.example/x",
        timestamp="20230311093000",
    )
    [finding] = link_findings(
        article, [result("https://a.example/x", LinkVerdict.DEAD, "r1", archive=snapshot)], AS_OF
    )
    assert f"|archive-url={snapshot.url}" in finding.message
    assert "|archive-date=2023-03-11" in finding.message and "|url-status=dead" in finding.message


def test_a_dead_link_without_a_snapshot_suggests_the_dead_link_tag_of_this_month() -> None:
    article = article_with(web("r1", "https://a.example/x"))
    [finding] = link_findings(
        article, [result("https://a.example/x", LinkVerdict.DEAD, "r1")], AS_OF
    )
    assert "{{dead link|date=November 2026}}" in finding.message


def test_a_dead_link_already_archived_asks_only_for_url_status() -> None:
    archived = web(
        "r1",
        "https://a.example/x",
        archive_url="https://web.archive.org/web/2023/https://a.example/x",
    )
    [finding] = link_findings(
        article_with(archived), [result("https://a.example/x", LinkVerdict.DEAD, "r1")], AS_OF
    )
    assert finding.severity is Severity.WARNING and "|url-status=dead" in finding.message
    marked = web(
        "r1",
        "https://a.example/x",
        url_status="dead",
        archive_url="https://web.archive.org/web/2023/https://a.example/x",
    )
    [finding] = link_findings(
        article_with(marked), [result("https://a.example/x", LinkVerdict.DEAD, "r1")], AS_OF
    )
    assert finding.severity is Severity.INFO


@pytest.mark.parametrize(
    ("code", "verdict", "severity"),
    [
        ("archive-url-dead", LinkVerdict.DEAD, Severity.ERROR),
        ("archive-url-unreachable", LinkVerdict.BLOCKED, Severity.INFO),
        ("archive-url-archive-today", None, Severity.WARNING),
    ],
)
def test_archive_url_problems_become_findings(
    code: str, verdict: LinkVerdict | None, severity: Severity
) -> None:
    archive = "https://web.archive.org/web/2023/https://a.example/x"
    article = article_with(web("r1", "https://a.example/x", archive_url=archive))
    checked = result(archive, verdict, "r1") if verdict else None
    problem = ArchiveURLProblem(code, "the archive URL says no", archive, ("r1",), checked)
    report = run_audit(article, AuditOptions(as_of=AS_OF), Answers([], [problem]), [])
    [finding] = report.findings
    assert (finding.code, finding.severity, finding.reference_id, finding.section) == (
        code,
        severity,
        "r1",
        "Career",
    )
    assert finding.message == "The archive URL says no."


class SameAsLinks(Check):
    family = "dates"

    def run(self, article: Article, context: CheckContext) -> Iterator[Finding]:
        yield Finding(
            code="archive-date-mismatch",
            family="dates",
            severity=Severity.WARNING,
            message="static",
            reference_id="r1",
        )


def test_a_finding_the_static_checks_made_is_not_repeated() -> None:
    archive = "https://web.archive.org/web/2023/https://a.example/x"
    article = article_with(web("r1", "https://a.example/x", archive_url=archive))
    problem = ArchiveURLProblem("archive-date-mismatch", "dates differ", archive, ("r1",))
    report = run_audit(article, AuditOptions(as_of=AS_OF), Answers([], [problem]), [SameAsLinks])
    assert [f.message for f in report.findings] == ["static"]


def test_a_redirect_to_another_page_is_noted() -> None:
    article = article_with(web("r1", "http://a.example/x"))
    moved = result(
        "http://a.example/x", LinkVerdict.ALIVE, "r1", final_url="https://a.example/new-x"
    )
    [finding] = link_findings(article, [moved], AS_OF)
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


class TwoFindings(Check):
    family = "test"

    def run(self, article: Article, context: CheckContext) -> Iterator[Finding]:
        assert context.as_of == AS_OF and "https://a.example/x" in context.links
        yield Finding(
            code="b-info", family="test", severity=Severity.INFO, message="i", section="Career"
        )
        yield Finding(
            code="a-warning", family="test", severity=Severity.WARNING, message="w", section=""
        )


def test_run_audit_checks_links_then_runs_checks_with_the_results() -> None:
    article = article_with(web("r1", "https://a.example/x", access_date="11 March 2023"))
    progress: list[tuple[int, int]] = []
    checker = Answers([result("https://a.example/x", LinkVerdict.DEAD, "r1")])
    report = run_audit(
        article,
        AuditOptions(as_of=AS_OF, offline=True),
        checker,
        [TwoFindings],
        on_progress=lambda done, total: progress.append((done, total)),
    )
    [target] = checker.targets
    assert (target.url, target.reference_ids, target.access_date) == (
        "https://a.example/x",
        ("r1",),
        "11 March 2023",
    )
    assert progress == [(1, 1)]
    assert [f.code for f in report.findings] == ["link-dead", "a-warning", "b-info"]
    assert report.as_of == "2026-11-28" and report.offline and report.links_checked


def test_without_a_link_checker_nothing_is_fetched_and_the_report_says_so() -> None:
    report = run_audit(
        article_with(web("r1", "https://a.example/x")), AuditOptions(as_of=AS_OF), None, []
    )
    assert report.links == [] and not report.links_checked


def test_summary_counts_every_verdict_and_severity() -> None:
    article = article_with(web("r1", "https://a.example/x"), Reference(id="r2", number=2))
    report = run_audit(
        article,
        AuditOptions(as_of=AS_OF),
        Answers([result("https://a.example/x", LinkVerdict.BLOCKED, "r1")]),
        [],
    )
    summary = summarise(report)
    assert summary.links_by_verdict == {
        "alive": 0,
        "dead": 0,
        "soft-404": 0,
        "blocked": 1,
        "unreachable": 0,
        "invalid": 0,
        "skipped": 0,
    }
    assert summary.findings_by_severity == {"error": 0, "warning": 0, "info": 1}
    assert summary.findings_by_family == {"links": {"info": 1, "warning": 0, "error": 0}}
    assert (summary.references, summary.uses, summary.urls, summary.references_without_url) == (
        2,
        1,
        1,
        1,
    )


@pytest.mark.parametrize(
    ("fail_on", "expected"), [(Severity.ERROR, 0), (Severity.WARNING, 1), (Severity.INFO, 1)]
)
def test_exit_status_follows_fail_on(fail_on: Severity, expected: int) -> None:
    article = article_with(web("r1", "https://a.example/x"))
    report = run_audit(
        article,
        AuditOptions(as_of=AS_OF),
        Answers([result("https://a.example/x", LinkVerdict.UNREACHABLE, "r1")]),
        [],
    )
    assert exit_status([report], fail_on) == expected
