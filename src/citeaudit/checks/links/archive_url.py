"""A citation's own archive copy (`|archive-url=`): well-formed, of the cited page, answering.

The form is judged from the URL itself (CS1's rules for Wayback URLs, archive.today deprecated
on English Wikipedia, WebCite gone); whether the copy answers comes from the fetch the audit made
of it (`Facts.archive_urls`). Whether `|archive-date=` agrees with the URL's timestamp is the
date check `archive-date-mismatch`.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from citeaudit.checks.base import Check, CheckContext, first_section_title
from citeaudit.model import Article, Finding, FindingFamily, LinkVerdict, Reference, Severity
from citeaudit.web.urls import host_of, normalise_url
from citeaudit.web.wayback import (
    ARCHIVE_TODAY_HOSTS,
    DEFUNCT_ARCHIVE_HOSTS,
    WAYBACK_HOSTS,
    parse_wayback_url,
    wayback_url_problem,
)

REPLACE_WITH_WAYBACK = "Replace it with a Wayback Machine capture of the cited page."


class ArchiveURLCheck(Check):
    family = FindingFamily.LINKS
    codes = (
        "archive-url-malformed",
        "archive-url-dead",
        "archive-url-unreachable",
        "archive-url-other-page",
        "archive-url-archive-today",
        "archive-url-defunct",
    )

    def run(self, article: Article, context: CheckContext) -> Iterator[Finding]:
        if not context.facts.links_checked:
            return  # an audit without links (`--no-links`) says nothing of archive copies
        for reference in article.references:
            archive_url = (reference.archive_url or "").strip()
            # An archive of an original the citation does not give is `archive-url-without-url`.
            if archive_url and reference.url:
                yield from self._check(article, reference, archive_url, context)

    def _check(
        self, article: Article, reference: Reference, archive_url: str, context: CheckContext
    ) -> Iterator[Finding]:
        def finding(code: str, severity: Severity, message: str, fix: str) -> Finding:
            return self.finding(
                code,
                severity,
                message,
                fix=fix,
                url=archive_url,
                section=first_section_title(article, reference),
                reference=reference,
            )

        host = host_of(archive_url)
        if host in ARCHIVE_TODAY_HOSTS:
            yield finding(
                "archive-url-archive-today",
                Severity.WARNING,
                "Archive.today links are deprecated on English Wikipedia (WP:ATODAY).",
                REPLACE_WITH_WAYBACK,
            )
            return
        if host in DEFUNCT_ARCHIVE_HOSTS:
            yield finding(
                "archive-url-defunct",
                Severity.ERROR,
                "WebCite no longer serves its archives.",
                REPLACE_WITH_WAYBACK,
            )
            return
        if host in WAYBACK_HOSTS:
            malformed = wayback_url_problem(archive_url, context.as_of)
            if malformed is not None:
                yield finding(
                    "archive-url-malformed",
                    Severity.ERROR,
                    f"Malformed Wayback Machine URL: {malformed}.",
                    "Correct it from the snapshot's address at https://web.archive.org/.",
                )
                return
            snapshot = parse_wayback_url(archive_url)
            if (
                snapshot is not None
                and reference.url
                and not _same_page(snapshot.original, reference.url)
            ):
                cited = reference.url.strip()
                yield finding(
                    "archive-url-other-page",
                    Severity.WARNING,
                    f"The archive is of {snapshot.original}, not of the cited {cited}.",
                    "Give the snapshot of the cited URL (or correct |url= if the archive is "
                    "of the page meant).",
                )
        result = context.facts.archive_urls.get(archive_url)
        if result is None:
            return
        if result.verdict.is_gone or result.verdict is LinkVerdict.INVALID:
            yield finding(
                "archive-url-dead",
                Severity.ERROR,
                f"The archive URL does not answer with a page: {result.reason}.",
                "Find another snapshot of the page at the Wayback Machine, or remove "
                "|archive-url= and |archive-date=.",
            )
        elif result.verdict in (LinkVerdict.UNREACHABLE, LinkVerdict.BLOCKED):
            yield finding(
                "archive-url-unreachable",
                Severity.INFO if result.verdict is LinkVerdict.BLOCKED else Severity.WARNING,
                f"The archive URL could not be checked: {result.reason}.",
                "Open it in a browser; check again later.",
            )


def _same_page(first: str, second: str) -> bool:
    """Same host (ignoring `www.` and the scheme) and same path (ignoring a trailing slash)."""

    def key(url: str) -> tuple[str, str, str]:
        normal = normalise_url(url if "://" in url else "http://" + url).url or url
        parts = urlsplit(normal)
        host = (parts.hostname or "").removeprefix("www.")
        return host, parts.path.rstrip("/"), parts.query

    return key(first) == key(second)
