"""The audit of one article: links, then checks, then one `Report`; plus the counts reporters show.

`run_audit` is the orchestration loop and nothing else: it does no argument parsing, no
printing and no writing. Link checking is injected as a `LinkChecker` callable (the CLI binds
the fetcher, the link history and the archive look-up into it), so that an audit runs the same
against the live web, a recorded fixture, or a test double.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from citeaudit import __version__
from citeaudit.checks import run_checks
from citeaudit.checks.base import Check, CheckContext
from citeaudit.model import (
    Article,
    Finding,
    LinkResult,
    LinkVerdict,
    Reference,
    Report,
    Severity,
)

ProgressCallback = Callable[[int, int], None]
"""Called with (links done, links in all) as link checking goes."""


@dataclass(frozen=True)
class LinkTarget:
    """One distinct cited URL and what the citations say about it."""

    url: str
    reference_ids: tuple[str, ...]
    access_date: str | None = None
    """The earliest access-date, as written, of the citations of this URL."""
    archive_url: str | None = None
    archive_date: str | None = None


LinkChecker = Callable[[Sequence[LinkTarget], ProgressCallback | None], list[LinkResult]]


@dataclass(frozen=True)
class AuditOptions:
    """What decides the outcome of an audit besides the article and the web."""

    as_of: dt.date
    offline: bool = False
    stale_after_years: int = 5
    lead_needs_citations: bool = False
    tool_version: str = __version__


def run_audit(
    article: Article,
    options: AuditOptions,
    link_checker: LinkChecker | None = None,
    checks: Iterable[type[Check]] | None = None,
    on_progress: ProgressCallback | None = None,
) -> Report:
    """Check the links (when a link checker is given), run the checks, and gather a `Report`."""
    targets = collect_link_targets(article)
    links: list[LinkResult] = []
    if link_checker is not None and targets:
        links = sorted_links(link_checker(targets, on_progress))
    context = CheckContext(
        as_of=options.as_of,
        stale_after_years=options.stale_after_years,
        lead_needs_citations=options.lead_needs_citations,
        links={result.url: result for result in links},
    )
    findings = run_checks(article, context, checks) + link_findings(article, links, options.as_of)
    report = Report(
        article=article,
        as_of=options.as_of.isoformat(),
        offline=options.offline,
        tool_version=options.tool_version,
        links=links,
        findings=[],
        links_checked=link_checker is not None,
    )
    report.findings = sorted(set(findings), key=finding_order(article))
    return report


def collect_link_targets(article: Article) -> list[LinkTarget]:
    """One target per distinct cited URL, in order of first citation."""
    by_url: dict[str, list[Reference]] = {}
    for reference in article.references:
        if reference.url:
            by_url.setdefault(reference.url.strip(), []).append(reference)
    targets = []
    for url, references in by_url.items():
        access_dates = [ref.access_date for ref in references if ref.access_date]
        archived = next((ref for ref in references if ref.archive_url), None)
        targets.append(
            LinkTarget(
                url=url,
                reference_ids=tuple(ref.id for ref in references),
                access_date=access_dates[0] if access_dates else None,
                archive_url=archived.archive_url if archived else None,
                archive_date=archived.archive_date if archived else None,
            )
        )
    return targets


# --- link results as findings ----------------------------------------------------------------

_LINK_SEVERITY = {
    LinkVerdict.DEAD: Severity.ERROR,
    LinkVerdict.SOFT_404: Severity.ERROR,
    LinkVerdict.INVALID: Severity.ERROR,
    LinkVerdict.UNREACHABLE: Severity.WARNING,
    LinkVerdict.BLOCKED: Severity.INFO,
}
_ALREADY_DEAD = frozenset({"dead", "unfit", "usurped", "deviated"})


def link_findings(article: Article, links: Sequence[LinkResult], as_of: dt.date) -> list[Finding]:
    """One finding per citation of a URL that is not plainly alive, saying what to do."""
    findings = []
    for result in links:
        for reference in _citing_references(article, result):
            finding = _link_finding(article, reference, result, as_of)
            if finding is not None:
                findings.append(finding)
    return findings


def _citing_references(article: Article, result: LinkResult) -> list[Reference]:
    cited = [article.reference(ref_id) for ref_id in result.reference_ids]
    references = [ref for ref in cited if ref is not None]
    if not references:
        references = [
            ref for ref in article.references if result.url in (ref.url, ref.archive_url)
        ]
    return references


def _link_finding(
    article: Article, reference: Reference, result: LinkResult, as_of: dt.date
) -> Finding | None:
    is_archive = result.url == reference.archive_url and result.url != reference.url
    where = {"section": section_of(article, reference), "reference_id": reference.id}
    if result.verdict is LinkVerdict.ALIVE:
        if not is_archive and is_moved(result.url, result.final_url):
            return Finding(
                code="link-redirected",
                family="links",
                severity=Severity.INFO,
                message=f"The URL now redirects to {result.final_url}; consider citing that address.",
                **where,
            )
        return None
    severity = _LINK_SEVERITY.get(result.verdict)
    if severity is None:
        return None
    code = f"{'archive' if is_archive else 'link'}-{result.verdict.value}"
    if is_archive:
        message = _archive_message(result)
    else:
        severity, message = _link_message(reference, result, severity, as_of)
    return Finding(code=code, family="links", severity=severity, message=message, **where)


def _link_message(
    reference: Reference, result: LinkResult, severity: Severity, as_of: dt.date
) -> tuple[Severity, str]:
    verdict = result.verdict
    reason = result.reason or verdict.value
    if verdict is LinkVerdict.BLOCKED:
        return severity, (
            f"The site refused the checker ({reason}); this says nothing about the page: "
            "open it in a browser to confirm it still supports the claim."
        )
    if verdict is LinkVerdict.INVALID:
        return severity, f"The URL is not a checkable web address ({reason}); correct it."
    gone = (
        f"The cited page is gone ({reason})."
        if verdict is LinkVerdict.DEAD
        else f"The page answers but no longer shows the source ({reason})."
        if verdict is LinkVerdict.SOFT_404
        else f"The page could not be reached this time ({reason}); not proof that it is gone."
    )
    if reference.archive_url:
        if (reference.url_status or "").lower() in _ALREADY_DEAD:
            return Severity.INFO, f"{gone} The citation already links its archive copy."
        if verdict is LinkVerdict.UNREACHABLE:
            return severity, f"{gone} The citation has an archive copy; check again later."
        return Severity.WARNING, (
            f"{gone} The citation already has an archive copy: set |url-status=dead so that "
            "readers are sent to it."
        )
    if result.archive is not None:
        snapshot_date = wayback_date(result.archive.timestamp)
        advice = (
            f"Add |archive-url={result.archive.url} |archive-date={snapshot_date}"
            + (" |url-status=dead" if verdict is not LinkVerdict.UNREACHABLE else "")
            + " (the Wayback Machine snapshot nearest the access-date)."
        )
        return severity, f"{gone} {advice}"
    if verdict is LinkVerdict.UNREACHABLE:
        return severity, f"{gone} Check again later; no archive copy was found."
    return severity, (
        f"{gone} No archive copy was found: find the source elsewhere, or mark the citation "
        f"{{{{dead link|date={as_of.strftime('%B %Y')}}}}}."
    )


def _archive_message(result: LinkResult) -> str:
    reason = result.reason or result.verdict.value
    if result.verdict is LinkVerdict.BLOCKED:
        return f"The archive refused the checker ({reason}); open the archive copy in a browser."
    if result.verdict is LinkVerdict.UNREACHABLE:
        return f"The archive copy could not be reached this time ({reason}); check again later."
    return (
        f"The archive-url does not give a usable copy ({reason}): pick another snapshot of the "
        "original URL."
    )


def wayback_date(timestamp: str) -> str:
    """`20230312101112` -> `2023-03-12` (as much of it as there is)."""
    digits = "".join(ch for ch in timestamp if ch.isdigit())
    if len(digits) >= 8:
        return f"{digits[:4]}-{digits[4:6]}-{digits[6:8]}"
    return digits


def is_moved(url: str, final_url: str | None) -> bool:
    """Whether a redirect led somewhere else than the same page (scheme, `www.` and `/` aside)."""
    if not final_url:
        return False
    return _page_key(url) != _page_key(final_url)


def _page_key(url: str) -> tuple[str, str, str]:
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    return host, parts.path.rstrip("/") or "/", parts.query


# --- positions, order and counts -------------------------------------------------------------


def section_of(article: Article, reference: Reference) -> str | None:
    """The title of the section of a reference's first use ("" for the lead), or None."""
    if not reference.uses:
        return None
    index = reference.uses[0].section_index
    for section in article.sections():
        if section.index == index:
            return section.title
    return None


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
    section_rank = {}
    for section in article.sections():
        section_rank.setdefault(section.title, section.index)
    reference_rank = {ref.id: position for position, ref in enumerate(article.references)}

    def key(finding: Finding) -> tuple[object, ...]:
        return (
            -finding.severity.rank,
            section_rank.get(finding.section or "", len(section_rank)) if finding.section is not None else -1,
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


def summarise(report: Report) -> Summary:
    """Counts of references, links by verdict and findings by severity, family and code."""
    article = report.article
    verdicts = Counter(result.verdict.value for result in report.links)
    by_family: dict[str, dict[str, int]] = {}
    for finding in report.findings:
        family = by_family.setdefault(finding.family, {s.value: 0 for s in reversed(Severity)})
        family[finding.severity.value] += 1
    severities = Counter(finding.severity.value for finding in report.findings)
    return Summary(
        references=len(article.references),
        uses=sum(len(ref.uses) for ref in article.references),
        urls=len({ref.url.strip() for ref in article.references if ref.url}),
        references_without_url=sum(1 for ref in article.references if not ref.url),
        links_by_verdict={verdict.value: verdicts.get(verdict.value, 0) for verdict in LinkVerdict},
        findings_by_severity={s.value: severities.get(s.value, 0) for s in reversed(Severity)},
        findings_by_family=dict(sorted(by_family.items())),
        findings_by_code=dict(sorted(Counter(f.code for f in report.findings).items())),
    )


def exit_status(reports: Iterable[Report], fail_on: Severity) -> int:
    """0 when no finding is at or above `fail_on`, else 1 (linters' convention)."""
    for report in reports:
        if any(finding.severity.rank >= fail_on.rank for finding in report.findings):
            return 1
    return 0
