"""The link checker: a verdict with evidence per cited URL, and the link history.

`check_links` checks many URLs politely, `check_url` one; `check_with_history` wraps them with
the link history; `check_archive_urls` fetches the archive copies citations give. Everything
talks to the network through a `citeaudit.web.fetchers.base.Fetcher`, so it runs live, recorded
and offline alike.
"""

from citeaudit.web.links.archive_urls import check_archive_urls, is_worth_fetching
from citeaudit.web.links.batch import Runner, check_links, scheduled_runner
from citeaudit.web.links.checker import LinkCheckOptions, ProbeCache, check_url
from citeaudit.web.links.exclusions import Exclusions
from citeaudit.web.links.history import (
    LinkHistory,
    ReusePolicy,
    check_with_history,
    default_history_path,
)
from citeaudit.web.links.targets import LinkTarget, merge_targets

__all__ = [
    "Exclusions",
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
    "is_worth_fetching",
    "merge_targets",
    "scheduled_runner",
]
