"""Cited links that are not plainly alive, and what to do about each.

A dead or soft-404 link gets the Wayback Machine snapshot to paste as wikitext; a link whose
citation already has an archive copy only needs `|url-status=dead`; one already tagged
`{{dead link}}` still needs another source; a blocked link is a note, never "dead" (a site
refusing the checker says nothing about the page); an unreachable one is "no decision this
time". An alive link that now redirects to another page is a note, and so is an alive link
whose citation sends readers to its archive copy (`|url-status=dead`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from urllib.parse import urlsplit

from citeaudit.checks.base import Check, CheckContext, first_section_title
from citeaudit.checks.links.advice import ALREADY_MARKED_DEAD, archive_parameters, dead_link_tag
from citeaudit.model import (
    Article,
    Finding,
    FindingFamily,
    LinkResult,
    LinkVerdict,
    Reference,
    Severity,
)

_SEVERITY = {
    LinkVerdict.DEAD: Severity.ERROR,
    LinkVerdict.SOFT_404: Severity.ERROR,
    LinkVerdict.INVALID: Severity.ERROR,
    LinkVerdict.UNREACHABLE: Severity.WARNING,
    LinkVerdict.BLOCKED: Severity.INFO,
}


class LinkStatusCheck(Check):
    family = FindingFamily.LINKS
    codes = (
        "link-dead",
        "link-soft-404",
        "link-invalid",
        "link-unreachable",
        "link-blocked",
        "link-redirected",
        "link-alive-marked-dead",
    )

    def run(self, article: Article, context: CheckContext) -> Iterator[Finding]:
        tagged = {tag.reference_id for tag in article.maintenance_tags if tag.kind == "dead-link"}
        for result in context.facts.links:
            for reference in citing_references(article, result):
                finding = self._finding(
                    article, reference, result, context.as_of, reference.id in tagged
                )
                if finding is not None:
                    yield finding

    def _finding(
        self,
        article: Article,
        reference: Reference,
        result: LinkResult,
        as_of: dt.date,
        tagged_dead: bool,
    ) -> Finding | None:
        section = first_section_title(article, reference)
        if result.verdict is LinkVerdict.ALIVE:
            if is_moved(result.url, result.final_url):
                return self.finding(
                    "link-redirected",
                    Severity.INFO,
                    f"The URL now redirects to {result.final_url}.",
                    fix="Consider citing that address.",
                    url=result.url,
                    section=section,
                    reference=reference,
                )
            if reference.archive_url and (reference.url_status or "").lower() == "dead":
                return self.finding(
                    "link-alive-marked-dead",
                    Severity.INFO,
                    "The page answers, but the citation says |url-status=dead, so readers are "
                    "sent to the archive copy first.",
                    fix="Set |url-status=live (the copy stays linked).",
                    url=result.url,
                    section=section,
                    reference=reference,
                )
            return None
        severity = _SEVERITY.get(result.verdict)
        if severity is None:
            return None
        severity, message, fix = _message(reference, result, severity, as_of, tagged_dead)
        return self.finding(
            f"link-{result.verdict.value}",
            severity,
            message,
            fix=fix,
            url=result.url,
            section=section,
            reference=reference,
        )


def _message(
    reference: Reference,
    result: LinkResult,
    severity: Severity,
    as_of: dt.date,
    tagged_dead: bool = False,
) -> tuple[Severity, str, str]:
    """The severity, what is wrong, and what to do."""
    verdict = result.verdict
    reason = result.reason or verdict.value
    if verdict is LinkVerdict.BLOCKED:
        return (
            severity,
            f"The site refused the checker ({reason}); this says nothing about the page.",
            "Open it in a browser to confirm it still supports the claim.",
        )
    if verdict is LinkVerdict.INVALID:
        return severity, f"The URL is not a checkable web address ({reason}).", "Correct it."
    gone = (
        f"The cited page is gone ({reason})."
        if verdict is LinkVerdict.DEAD
        else f"The page answers but no longer shows the source ({reason})."
        if verdict is LinkVerdict.SOFT_404
        else f"The page could not be reached this time ({reason}); not proof that it is gone."
    )
    if reference.archive_url:
        if (reference.url_status or "").lower() in ALREADY_MARKED_DEAD:
            return (
                Severity.INFO,
                f"{gone} The citation already links its archive copy.",
                "Nothing to change: readers are sent to the archive copy.",
            )
        if verdict is LinkVerdict.UNREACHABLE:
            return severity, f"{gone} The citation has an archive copy.", "Check again later."
        return (
            Severity.WARNING,
            f"{gone} The citation already has an archive copy.",
            "Set |url-status=dead so that readers are sent to it.",
        )
    if result.archive is not None:
        parameters = archive_parameters(result.archive, mark_dead=verdict.is_gone)
        return (
            severity,
            f"{gone} The Wayback Machine has a snapshot near the access-date.",
            f"Add {parameters} to the citation.",
        )
    if verdict is LinkVerdict.UNREACHABLE:
        return severity, f"{gone} No archive copy was found.", "Check again later."
    if tagged_dead:
        return (
            Severity.WARNING,
            f"{gone} It is tagged {{{{dead link}}}} and no archive copy was found.",
            "Find the source elsewhere and cite that.",
        )
    return (
        severity,
        f"{gone} No archive copy was found.",
        f"Find the source elsewhere, or mark the citation {dead_link_tag(as_of)}.",
    )


def citing_references(article: Article, result: LinkResult) -> list[Reference]:
    """The references that cite a checked URL (as their URL or their archive URL)."""
    cited = [article.reference(ref_id) for ref_id in result.reference_ids]
    references = [ref for ref in cited if ref is not None]
    if not references:
        references = [ref for ref in article.references if result.url in (ref.url, ref.archive_url)]
    return references


def is_moved(url: str, final_url: str | None) -> bool:
    """Whether a redirect led somewhere else than the same page (scheme, `www.` and `/` aside)."""
    if not final_url:
        return False
    return _page_key(url) != _page_key(final_url)


def _page_key(url: str) -> tuple[str, str, str]:
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    return host, parts.path.rstrip("/") or "/", parts.query
