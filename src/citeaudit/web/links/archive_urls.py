"""Checks of a citation's own `archive-url`: well-formed, of the cited page, and answering.

Returns data, not findings: each `ArchiveURLProblem` has a stable code the report turns into a
finding (`archive-url-malformed`, `archive-url-dead`, `archive-url-unreachable`,
`archive-url-other-page`, `archive-url-archive-today`, `archive-url-defunct`). The malformed
reasons are CS1's (anchors §2.5, interfaces.md §4.3). Whether `archive-date` agrees with the
URL's timestamp is a static check (`archive-date-mismatch`, family dates), not repeated here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from citeaudit.web.fetchers.base import Fetcher
from citeaudit.web.archive import (
    ARCHIVE_TODAY_HOSTS,
    DEFUNCT_ARCHIVE_HOSTS,
    WAYBACK_HOSTS,
    WaybackArchive,
    wayback_url_problem,
)
from citeaudit.web.links.checker import LinkCheckOptions, check_url
from citeaudit.web.clock import SYSTEM_CLOCK, Clock
from citeaudit.web.links.targets import LinkTarget
from citeaudit.web.urls import host_of, normalise_url
from citeaudit.model import FetchRequest, FetchResult, LinkResult, LinkVerdict
from citeaudit.web.wayback import parse_wayback_url


@dataclass(frozen=True)
class ArchiveURLProblem:
    """One thing wrong with a citation's `archive-url`, ready to become a finding."""

    code: str
    message: str
    archive_url: str
    reference_ids: tuple[str, ...] = ()
    result: LinkResult | None = None
    """The check of the archive URL itself, when it was fetched."""


class _PacedFetcher(Fetcher):
    """Sends every request through the archive's politeness gate."""

    def __init__(self, archive: WaybackArchive) -> None:
        self._archive = archive

    def fetch(self, request: FetchRequest) -> FetchResult:
        return self._archive.fetch(request)


def check_archive_url(
    target: LinkTarget,
    archive: WaybackArchive,
    options: LinkCheckOptions | None = None,
    clock: Clock = SYSTEM_CLOCK,
) -> list[ArchiveURLProblem]:
    """What is wrong with `target.archive_url` (empty when nothing is, or when there is none)."""
    archive_url = (target.archive_url or "").strip()
    if not archive_url:
        return []
    problems: list[ArchiveURLProblem] = []

    def problem(code: str, message: str, result: LinkResult | None = None) -> None:
        problems.append(ArchiveURLProblem(code, message, archive_url, target.reference_ids, result))

    host = host_of(archive_url)
    if host in ARCHIVE_TODAY_HOSTS:
        problem(
            "archive-url-archive-today",
            "archive.today links are deprecated on English Wikipedia (WP:ATODAY);"
            " replace it with a Wayback Machine capture",
        )
        return problems
    if host in DEFUNCT_ARCHIVE_HOSTS:
        problem(
            "archive-url-defunct",
            "WebCite no longer serves its archives; replace it with a Wayback Machine capture",
        )
        return problems
    if host in WAYBACK_HOSTS:
        malformed = wayback_url_problem(archive_url, clock.now().date())
        if malformed is not None:
            problem("archive-url-malformed", f"malformed Wayback Machine URL: {malformed}")
            return problems
        snapshot = parse_wayback_url(archive_url)
        if snapshot is not None and target.url and not _same_page(snapshot.original, target.url):
            problem(
                "archive-url-other-page",
                f"the archive is of {snapshot.original}, not of the cited {target.url}",
            )
    result = check_url(
        archive_url,
        _PacedFetcher(archive),
        options,
        clock=clock,
        reference_ids=target.reference_ids,
    )
    if result.verdict in (LinkVerdict.DEAD, LinkVerdict.SOFT_404, LinkVerdict.INVALID):
        problem(
            "archive-url-dead",
            f"the archive URL does not answer with a page: {result.reason}",
            result,
        )
    elif result.verdict in (LinkVerdict.UNREACHABLE, LinkVerdict.BLOCKED):
        problem(
            "archive-url-unreachable",
            f"the archive URL could not be checked: {result.reason}",
            result,
        )
    return problems


def check_archive_urls(
    targets: Iterable[LinkTarget],
    archive: WaybackArchive,
    options: LinkCheckOptions | None = None,
    clock: Clock = SYSTEM_CLOCK,
) -> list[ArchiveURLProblem]:
    """`check_archive_url` for every target that gives an archive URL, each archive URL once.

    The problems of an archive URL given by several references name all of them.
    """
    cited: dict[str, LinkTarget] = {}
    for target in targets:
        key = (target.archive_url or "").strip()
        if not key:
            continue
        known = cited.get(key)
        if known is None:
            cited[key] = target
        else:
            more = tuple(ref for ref in target.reference_ids if ref not in known.reference_ids)
            cited[key] = replace(known, reference_ids=known.reference_ids + more)
    return [
        problem
        for target in cited.values()
        for problem in check_archive_url(target, archive, options, clock)
    ]


def _same_page(first: str, second: str) -> bool:
    """Same host (ignoring `www.` and the scheme) and same path (ignoring a trailing slash)."""

    def key(url: str) -> tuple[str, str, str]:
        normal = normalise_url(url if "://" in url else "http://" + url).url or url
        parts = urlsplit(normal)
        host = (parts.hostname or "").removeprefix("www.")
        return host, parts.path.rstrip("/"), parts.query

    return key(first) == key(second)
