"""The audit of one article: links, then checks, then one `Report`; plus the counts reporters show.

`run_audit` is the orchestration loop and nothing else: it does no argument parsing, no
printing and no writing. Link checking is injected as a `LinkChecking` (the CLI builds a
`WebLinkChecking` bound to its fetcher, link history and archive look-up), so that an audit
runs the same against the live web, a recorded fixture, or a test double. The link checker also
hands over the text of the pages it read, and claim support (`citeaudit.checks.support.claims`)
checks every cited sentence against it: nothing is fetched twice.
"""

from __future__ import annotations

import datetime as dt
import itertools
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from citeaudit import __version__
from citeaudit.checks import run_checks
from citeaudit.checks.base import Check, CheckContext
from citeaudit.web.fetchers.base import Fetcher
from citeaudit.checks.links.findings import archive_findings, link_findings
from citeaudit.web.links import (
    SYSTEM_CLOCK,
    ArchiveURLProblem,
    Clock,
    LinkCheckOptions,
    LinkHistory,
    LinkTarget,
    Runner,
    WaybackArchive,
    check_archive_urls,
    check_links,
    merge_targets,
    targets_from_article,
)
from citeaudit.model import (
    Article,
    Finding,
    LinkResult,
    LinkVerdict,
    Reference,
    Report,
    Severity,
)
from citeaudit.support import SourceText, SupportVerdict
from citeaudit.checks.support.claims import SourceKeeper, check_support

ProgressCallback = Callable[[int, int], None]
"""Called with (links done, links in all) as link checking goes."""


class LinkChecking(Protocol):
    """What an audit asks of the link checker (bound to a fetcher, a history and limits)."""

    def check_links(
        self, targets: Sequence[LinkTarget], on_progress: ProgressCallback | None
    ) -> list[LinkResult]:
        """One result per distinct URL of `targets`."""

    def check_archive_urls(self, targets: Sequence[LinkTarget]) -> list[ArchiveURLProblem]:
        """What is wrong with the `archive-url`s the citations give."""

    def source_texts(self, links: Sequence[LinkResult]) -> dict[str, SourceText]:
        """The text of the alive pages among `links` that was kept, by URL."""


@dataclass
class WebLinkChecking:
    """The link checker of `citeaudit.web.links`, bound to one run's fetcher, history and limits."""

    fetcher: Fetcher
    options: LinkCheckOptions
    history: LinkHistory | None = None
    archive: WaybackArchive | None = None
    clock: Clock = SYSTEM_CLOCK
    runner: Runner | None = None
    pages: SourceKeeper | None = None
    """Keeps the text of the pages the checker read, for claim support (None: keep none)."""

    def check_links(
        self, targets: Sequence[LinkTarget], on_progress: ProgressCallback | None
    ) -> list[LinkResult]:
        total = len(merge_targets(targets, self.clock.now().date()))
        done = itertools.count(1)
        lock = threading.Lock()

        def progress(result: LinkResult) -> None:
            if on_progress is not None:
                with lock:
                    on_progress(next(done), total)

        return check_links(
            targets,
            self.fetcher,
            self.options,
            self.history,
            self.archive,
            on_progress=progress,
            run=self.runner,
            clock=self.clock,
            on_page=self.pages.keep if self.pages is not None else None,
            reusable=self.pages.has_what_it_needs if self.pages is not None else None,
        )

    def source_texts(self, links: Sequence[LinkResult]) -> dict[str, SourceText]:
        return self.pages.source_texts(links) if self.pages is not None else {}

    def close(self) -> None:
        """Close the link history (every finished check is already committed to it)."""
        if self.history is not None:
            self.history.close()

    def check_archive_urls(self, targets: Sequence[LinkTarget]) -> list[ArchiveURLProblem]:
        if self.archive is None:
            return []
        return check_archive_urls(targets, self.archive, self.options, self.clock)


@dataclass(frozen=True)
class AuditOptions:
    """What decides the outcome of an audit besides the article and the web."""

    as_of: dt.date
    offline: bool = False
    stale_after_years: int = 5
    lead_needs_citations: bool = False
    check_support: bool = True
    """Check each cited sentence against the pages the link checker read (`--no-support`)."""
    simulated_web: bool = False
    """The offline fixture's answers are all marked simulated; the report says so."""
    tool_version: str = __version__


def run_audit(
    article: Article,
    options: AuditOptions,
    link_checking: LinkChecking | None = None,
    checks: Iterable[type[Check]] | None = None,
    on_progress: ProgressCallback | None = None,
) -> Report:
    """Check the links (when a link checker is given), run the checks, and gather a `Report`.

    A finding the static checks already made (same code, same reference) is not repeated from
    the link checker's evidence. Claim support needs the link checker (it reads the pages the
    checker fetched) and `options.check_support`.
    """
    targets = targets_from_article(article)
    links: list[LinkResult] = []
    archive_problems: list[ArchiveURLProblem] = []
    if link_checking is not None and targets:
        links = sorted_links(link_checking.check_links(targets, on_progress))
        archive_problems = link_checking.check_archive_urls(targets)
    context = CheckContext(
        as_of=options.as_of,
        stale_after_years=options.stale_after_years,
        lead_needs_citations=options.lead_needs_citations,
        links={result.url: result for result in links},
    )
    static = run_checks(article, context, checks)
    already = {(finding.code, finding.reference_id) for finding in static}
    from_links = [
        finding
        for finding in link_findings(article, links, options.as_of)
        + archive_findings(article, archive_problems)
        if (finding.code, finding.reference_id) not in already
    ]
    support = (
        check_support(article, links, link_checking.source_texts(links))
        if link_checking is not None and options.check_support
        else None
    )
    return Report(
        article=article,
        as_of=options.as_of.isoformat(),
        offline=options.offline,
        tool_version=options.tool_version,
        links=links,
        findings=sorted(
            set(static + from_links + (support.findings if support else [])),
            key=finding_order(article),
        ),
        links_checked=link_checking is not None,
        support=support.records if support else [],
        support_checked=support is not None,
        simulated_web=options.simulated_web and link_checking is not None,
    )


# --- positions, order and counts -------------------------------------------------------------


def reference_label(reference: Reference) -> str:
    """The marker a reader sees: `[3]`, `[note 1]`, `[a]`; the id when it has no number."""
    if reference.number is None:
        return f"[{reference.id}]"
    if reference.group in (None, ""):
        return f"[{reference.number}]"
    if reference.group == "lower-alpha":
        return f"[{_alpha_label(reference.number)}]"
    return f"[{reference.group} {reference.number}]"


def _alpha_label(number: int) -> str:
    letters = ""
    while number > 0:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("a") + remainder) + letters
    return letters


def finding_order(article: Article) -> Callable[[Finding], tuple[object, ...]]:
    """A total order on findings: severity first, then where they are in the article."""
    section_rank: dict[str, int] = {}
    for section in article.sections():
        section_rank.setdefault(section.title, section.index)
    reference_rank = {ref.id: position for position, ref in enumerate(article.references)}

    def key(finding: Finding) -> tuple[object, ...]:
        return (
            -finding.severity.rank,
            section_rank.get(finding.section or "", len(section_rank))
            if finding.section is not None
            else -1,
            finding.sentence_id if finding.sentence_id is not None else -1,
            reference_rank.get(finding.reference_id or "", -1),
            finding.code,
            finding.message,
            finding.family,
            finding.reference_id or "",
        )

    return key


def sorted_links(links: Iterable[LinkResult]) -> list[LinkResult]:
    """Link results in a fixed order (by URL), whatever order they were checked in."""
    return sorted(links, key=lambda result: (result.url, result.verdict.value, result.reason))


@dataclass(frozen=True)
class Summary:
    """The counts at the top of a report."""

    references: int
    uses: int
    urls: int
    references_without_url: int
    links_by_verdict: dict[str, int] = field(default_factory=dict)
    findings_by_severity: dict[str, int] = field(default_factory=dict)
    findings_by_family: dict[str, dict[str, int]] = field(default_factory=dict)
    findings_by_code: dict[str, int] = field(default_factory=dict)
    support_by_verdict: dict[str, int] = field(default_factory=dict)
    """Cited sentences by claim-support verdict, zeros included (empty when not checked)."""


def summarise(report: Report) -> Summary:
    """Counts of references, links by verdict and findings by severity, family and code."""
    article = report.article
    verdicts = Counter(result.verdict.value for result in report.links)
    by_family: dict[str, dict[str, int]] = {}
    for finding in report.findings:
        family = by_family.setdefault(finding.family, {s.value: 0 for s in reversed(Severity)})
        family[finding.severity.value] += 1
    severities = Counter(finding.severity.value for finding in report.findings)
    support = Counter(record.verdict for record in report.support)
    return Summary(
        references=len(article.references),
        uses=sum(len(ref.uses) for ref in article.references),
        urls=len({ref.url.strip() for ref in article.references if ref.url}),
        references_without_url=sum(1 for ref in article.references if not ref.url),
        links_by_verdict={verdict.value: verdicts.get(verdict.value, 0) for verdict in LinkVerdict},
        findings_by_severity={s.value: severities.get(s.value, 0) for s in reversed(Severity)},
        findings_by_family=dict(sorted(by_family.items())),
        findings_by_code=dict(sorted(Counter(f.code for f in report.findings).items())),
        support_by_verdict=(
            {verdict.value: support.get(verdict.value, 0) for verdict in SupportVerdict}
            if report.support_checked
            else {}
        ),
    )


def exit_status(reports: Iterable[Report], fail_on: Severity) -> int:
    """0 when no finding is at or above `fail_on`, else 1 (linters' convention)."""
    for report in reports:
        if any(finding.severity.rank >= fail_on.rank for finding in report.findings):
            return 1
    return 0
