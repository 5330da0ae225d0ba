"""Fetching the archive copies citations give (`|archive-url=`): does each answer with a page?

Only the archive URLs worth a request are fetched: not archive.today (deprecated on English
Wikipedia), not WebCite (gone), not a Wayback URL that is malformed by CS1's rules. What is
wrong with an archive URL, fetched or not, is said by the check `archive-url`
(`citeaudit.checks.links.archive_url`), from the URL itself and from the result here.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from citeaudit.model import FetchRequest, FetchResult, LinkResult
from citeaudit.web.archive import WaybackArchive
from citeaudit.web.clock import SYSTEM_CLOCK, Clock
from citeaudit.web.fetchers.base import Fetcher
from citeaudit.web.links.checker import LinkCheckOptions, check_url
from citeaudit.web.links.targets import LinkTarget
from citeaudit.web.urls import host_of
from citeaudit.web.wayback import (
    ARCHIVE_TODAY_HOSTS,
    DEFUNCT_ARCHIVE_HOSTS,
    WAYBACK_HOSTS,
    wayback_url_problem,
)


class _PacedFetcher(Fetcher):
    """Sends every request through the archive's politeness gate."""

    def __init__(self, archive: WaybackArchive) -> None:
        self._archive = archive

    def fetch(self, request: FetchRequest) -> FetchResult:
        return self._archive.fetch(request)


def is_worth_fetching(archive_url: str, today: date) -> bool:
    """Whether fetching an archive URL can tell anything its form does not already say."""
    host = host_of(archive_url)
    if host in ARCHIVE_TODAY_HOSTS or host in DEFUNCT_ARCHIVE_HOSTS:
        return False
    return host not in WAYBACK_HOSTS or wayback_url_problem(archive_url, today) is None


def check_archive_urls(
    targets: Iterable[LinkTarget],
    archive: WaybackArchive,
    options: LinkCheckOptions | None = None,
    clock: Clock = SYSTEM_CLOCK,
) -> dict[str, LinkResult]:
    """The check of every archive URL the targets give that is worth fetching, each once,
    by archive URL (as the citation wrote it, stripped)."""
    today = clock.now().date()
    cited = {
        (target.archive_url or "").strip(): target
        for target in targets
        if (target.archive_url or "").strip()
    }
    return {
        archive_url: check_url(
            archive_url,
            _PacedFetcher(archive),
            options,
            clock=clock,
            reference_ids=target.reference_ids,
        )
        for archive_url, target in cited.items()
        if is_worth_fetching(archive_url, today)
    }
