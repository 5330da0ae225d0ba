"""The link checker: a verdict with evidence per cited URL, and the link history.

`check_links` checks many URLs politely, `check_url` one; `check_with_history` wraps them with
the link history; `gather_links` runs the link checks, the snapshot look-ups and the fetches of
the archive copies citations give, all at once. Everything talks to the network through a
`citeaudit.web.fetchers.base.Fetcher`, so it runs live, recorded and offline alike.
"""

from citeaudit.web.links.archive_urls import is_worth_fetching
from citeaudit.web.links.batch import Runner, check_links, scheduled_runner
from citeaudit.web.links.checker import LinkCheckOptions, ProbeCache, check_url
from citeaudit.web.links.exclusions import Exclusions
from citeaudit.web.links.gathering import Gathered, WebRun, check_archive_urls, gather_links
from citeaudit.web.links.history import (
    LinkHistory,
    ReusePolicy,
    check_with_history,
    default_history_path,
)
from citeaudit.web.links.targets import LinkTarget, merge_targets

__all__ = [
    "Exclusions",
    "Gathered",
    "LinkCheckOptions",
    "LinkHistory",
    "LinkTarget",
    "ProbeCache",
    "ReusePolicy",
    "Runner",
    "check_archive_urls",
    "check_links",
    "check_url",
    "check_with_history",
    "default_history_path",
    "gather_links",
    "is_worth_fetching",
    "merge_targets",
    "scheduled_runner",
    "WebRun",
]
