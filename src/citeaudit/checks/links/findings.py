"""Link results and archive-url problems as findings: what is wrong, and the edit that fixes it.

A dead or soft-404 link gets the Wayback Machine snapshot to use as wikitext to paste; a link
whose citation already has an archive copy only needs `|url-status=dead`; a blocked link is a
note, never "dead" (a site refusing the checker says nothing about the page).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from urllib.parse import urlsplit

from citeaudit.web.links import ArchiveURLProblem
from citeaudit.model import Article, Finding, LinkResult, LinkVerdict, Reference, Severity

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
        references = [ref for ref in article.references if result.url in (ref.url, ref.archive_url)]
    return references


def _link_finding(
    article: Article, reference: Reference, result: LinkResult, as_of: dt.date
) -> Finding | None:
    section = section_of(article, reference)
    if result.verdict is LinkVerdict.ALIVE:
        if is_moved(result.url, result.final_url):
            return Finding(
                code="link-redirected",
                family="links",
                severity=Severity.INFO,
                message=f"The URL now redirects to {result.final_url}; consider citing that.",
                section=section,
                reference_id=reference.id,
            )
        return None
    severity = _LINK_SEVERITY.get(result.verdict)
    if severity is None:
        return None
    severity, message = _link_message(reference, result, severity, as_of)
    return Finding(
        code=f"link-{result.verdict.value}",
        family="links",
        severity=severity,
        message=message,
        section=section,
        reference_id=reference.id,
    )


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


_ARCHIVE_SEVERITY = {
    "archive-url-dead": Severity.ERROR,
    "archive-url-malformed": Severity.ERROR,
    "archive-url-defunct": Severity.ERROR,
    "archive-url-other-page": Severity.WARNING,
    "archive-url-archive-today": Severity.WARNING,
    "archive-date-mismatch": Severity.WARNING,
}


def archive_findings(article: Article, problems: Sequence[ArchiveURLProblem]) -> list[Finding]:
    """One finding per citation whose own `archive-url` is broken, malformed or deprecated."""
    findings = []
    for problem in problems:
        severity = _ARCHIVE_SEVERITY.get(problem.code, Severity.WARNING)
        if problem.result is not None and problem.result.verdict is LinkVerdict.BLOCKED:
            severity = Severity.INFO
        for ref_id in problem.reference_ids:
            reference = article.reference(ref_id)
            findings.append(
                Finding(
                    code=problem.code,
                    family="links",
                    severity=severity,
                    message=f"{problem.message[:1].upper()}{problem.message[1:]}.",
                    section=section_of(article, reference) if reference else None,
                    reference_id=ref_id,
                )
            )
    return findings


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


def section_of(article: Article, reference: Reference) -> str | None:
    """The title of the section of a reference's first use ("" for the lead), or None."""
    if not reference.uses:
        return None
    index = reference.uses[0].section_index
    for section in article.sections():
        if section.index == index:
            return section.title
    return None
