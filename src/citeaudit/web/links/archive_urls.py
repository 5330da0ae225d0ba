"""Which archive copies citations give (`|archive-url=`) are worth a request.

Not archive.today (deprecated on English Wikipedia), not WebCite (gone), not a Wayback URL that
is malformed by CS1's rules: what is wrong with those is said from the URL alone. The copies
worth a request are fetched beside the link checks (`citeaudit.web.links.gathering`); what is
wrong with an archive URL, fetched or not, is said by the check `archive-url`
(`citeaudit.checks.links.archive_url`).
"""

from __future__ import annotations

from datetime import date

from citeaudit.web.urls import host_of
from citeaudit.web.wayback import (
    ARCHIVE_TODAY_HOSTS,
    DEFUNCT_ARCHIVE_HOSTS,
    WAYBACK_HOSTS,
    wayback_url_problem,
)


def is_worth_fetching(archive_url: str, today: date) -> bool:
    """Whether fetching an archive URL can tell anything its form does not already say."""
    host = host_of(archive_url)
    if host in ARCHIVE_TODAY_HOSTS or host in DEFUNCT_ARCHIVE_HOSTS:
        return False
    return host not in WAYBACK_HOSTS or wayback_url_problem(archive_url, today) is None
