"""The link checker: a verdict with evidence per cited URL, archive snapshots, a link history.

`check_links` is the entry point for an article's links; `check_url` checks one URL;
`check_archive_urls` checks the citations' own `archive-url`s. Everything talks to the network
through a `citeaudit.web.fetchers.base.Fetcher`, so it runs live, recorded and offline alike.
"""

from citeaudit.web.archive import ArchiveLookup, WaybackArchive, wayback_url_problem
from citeaudit.web.links.archive_urls import ArchiveURLProblem, check_archive_url, check_archive_urls
from citeaudit.web.links.batch import Runner, check_links, run_in_threads
from citeaudit.web.links.checker import LinkCheckOptions, ProbeCache, check_url
from citeaudit.web.links.classify import classify_chain
from citeaudit.web.clock import SYSTEM_CLOCK, Clock
from citeaudit.web.links.history import LinkHistory, default_history_path
from citeaudit.web.links.targets import LinkTarget, merge_targets, targets_from_article
from citeaudit.web.urls import host_of, normalise_url

__all__ = [
    "SYSTEM_CLOCK",
    "ArchiveLookup",
    "ArchiveURLProblem",
    "Clock",
    "LinkCheckOptions",
    "LinkHistory",
    "LinkTarget",
    "ProbeCache",
    "Runner",
    "WaybackArchive",
    "check_archive_url",
    "check_archive_urls",
    "check_links",
    "check_url",
    "classify_chain",
    "default_history_path",
    "host_of",
    "merge_targets",
    "normalise_url",
    "run_in_threads",
    "targets_from_article",
    "wayback_url_problem",
]
