"""Cited links that are not plainly alive, and what to do about each.

A dead or soft-404 link gets the Wayback Machine snapshot to paste as wikitext; a link whose
citation already has an archive copy only needs `|url-status=dead`; one already tagged
`{{dead link}}` still needs another source; a blocked link is a note, never "dead" (a site
refusing the checker says nothing about the page); an unreachable one is "no decision this
time". An alive link that now redirects to another page is a note, and so is an alive link
whose citation sends readers to its archive copy (`|url-status=dead`).

A gone link is an error only once confirmed, as InternetArchiveBot confirms deadness: failing
on checks at least `dead_after_days` apart (the link history keeps the streak). Until then it
is a warning that asks for a rerun. Where no snapshot is offered, the message says whether the
archive has none, could not be asked (and why), or was not asked (`--no-archive`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from urllib.parse import urlsplit

from citeaudit.checks.base import Check, CheckContext, first_section_title
from citeaudit.checks.links.advice import (
    ALREADY_MARKED_DEAD,
    archive_parameters,
    dead_link_tag,
    no_snapshot_reason,
)
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
                finding = self._finding(article, reference, result, context, reference.id in tagged)
                if finding is not None:
                    yield finding

    def _finding(
        self,
        article: Article,
        reference: Reference,
        result: LinkResult,
        context: CheckContext,
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
        absence = no_snapshot_reason(context.facts.archive_lookups.get(result.url), context.facts)
        unconfirmed = result.verdict.is_gone and not is_confirmed_gone(
            result, context.dead_after_days
        )
        severity, message, fix = _message(
            reference,
            result,
            severity,
            context.as_of,
            absence,
            _unconfirmed(result) if unconfirmed else None,
            tagged_dead,
        )
        if unconfirmed:
            severity = min(severity, Severity.WARNING, key=lambda level: level.rank)
        return self.finding(
            f"link-{result.verdict.value}",
            severity,
            message,
            fix=fix,
            url=result.url,
            section=section,
            reference=reference,
        )


def is_confirmed_gone(result: LinkResult, dead_after_days: float) -> bool:
    """Whether a gone link has failed on checks at least `dead_after_days` apart."""
    if dead_after_days <= 0:
        return True
    if not result.first_failed_at or not result.checked_at:
        return False
    try:
        first = dt.datetime.fromisoformat(result.first_failed_at)
        latest = dt.datetime.fromisoformat(result.checked_at)
    except ValueError:
        return False
    return latest - first >= dt.timedelta(days=dead_after_days)


def _unconfirmed(result: LinkResult) -> str:
    word = "dead" if result.verdict is LinkVerdict.DEAD else "gone"
    if result.failed_checks > 1 and result.first_failed_at:
        return (
            f"failing since {result.first_failed_at[:10]} ({result.failed_checks} checks), not"
            " yet on checks far enough apart; rerun later to confirm"
        )
    return f"first seen {word} today; rerun later to confirm"


def _message(
    reference: Reference,
    result: LinkResult,
    severity: Severity,
    as_of: dt.date,
    no_snapshot: str,
    unconfirmed: str | None = None,
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
    when = f"; {unconfirmed}" if unconfirmed else ""
    gone = (
        f"The cited page is gone ({reason}){when}."
        if verdict is LinkVerdict.DEAD
        else f"The page answers but no longer shows the source ({reason}){when}."
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
        return severity, f"{gone} {no_snapshot}", "Check again later."
    if tagged_dead:
        return (
            Severity.WARNING,
            f"{gone} It is tagged {{{{dead link}}}}. {no_snapshot}",
            "Find the source elsewhere and cite that.",
        )
    return (
        severity,
        f"{gone} {no_snapshot}",
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
