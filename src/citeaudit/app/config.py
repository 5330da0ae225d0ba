"""The typed, frozen configuration of one run, built by the command line and passed down.

Each default is written once: here, or in the layer whose behaviour it sets (the link checker's
limits in `LinkCheckOptions`, the timeout in `citeaudit.web.fetchers.base`, the reuse age in the
link history), and read from there by both this configuration and `--help`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from citeaudit.checks.base import DEFAULT_STALE_AFTER_YEARS
from citeaudit.checks.selection import CodeSelection
from citeaudit.fix import FixOptions
from citeaudit.model import Severity, SourceForm
from citeaudit.model.report import DEFAULT_DEAD_AFTER_DAYS
from citeaudit.web.fetchers.base import DEFAULT_TIMEOUT
from citeaudit.web.links.checker import LinkCheckOptions
from citeaudit.web.links.history import DEFAULT_ARCHIVE_MAX_AGE_DAYS, DEFAULT_MAX_AGE_DAYS
from citeaudit.web.mediawiki import DEFAULT_SITE
from citeaudit.web.wayback import WAYBACK_HOSTS

DEFAULT_OUTPUT = "reports/"


@dataclass(frozen=True)
class SourceConfig:
    """How a SOURCE is read: the form and title of a file, the wiki and revision of a title."""

    input_format: SourceForm | None = None
    title: str | None = None
    site: str | None = None
    """The wiki of titles (`DEFAULT_SITE` when None); when given, a SOURCE that is not an
    existing file is a title."""
    revision: int | None = None
    contact: str | None = None
    """Sent in the User-Agent, as Wikimedia asks (`--contact`, `CITEAUDIT_CONTACT`)."""

    @property
    def wiki(self) -> str:
        return self.site or DEFAULT_SITE


@dataclass(frozen=True)
class NetworkConfig:
    """Where answers come from (live, recorded, replayed) and how politely they are asked."""

    offline: Path | None = None
    """Replay this recorded fixture; open no socket."""
    record: Path | None = None
    """Check live and record every answer into this fixture directory."""
    timeout: float = DEFAULT_TIMEOUT
    concurrency: int = LinkCheckOptions.concurrency
    per_host: int = LinkCheckOptions.per_host_limit
    host_interval: float = LinkCheckOptions.min_interval
    allow_private: bool = False
    proxy: str | None = None
    """Send every request through this HTTP proxy (`--proxy`); None: the proxy variables of the
    environment (`HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY`, `NO_PROXY`), if any."""
    archive: bool = True
    """False with `--no-archive`: no snapshot look-up, no archive copy fetched."""
    max_age_days: float = DEFAULT_MAX_AGE_DAYS
    archive_max_age_days: float = DEFAULT_ARCHIVE_MAX_AGE_DAYS
    state: Path | None = None
    """The link-history file; None: the default place (live runs only)."""
    keep_state: bool = True
    """False with `--no-state`: keep no link history at all."""
    contact: str | None = None
    exclude: tuple[str, ...] = ()
    """Hosts and URL patterns not to fetch (`--exclude`)."""

    def link_options(self) -> LinkCheckOptions:
        """The link checker's options for this run (no pacing offline: no server to spare;
        without archive work, a cited URL on the Wayback Machine is not fetched either)."""
        return LinkCheckOptions(
            timeout=self.timeout,
            concurrency=self.concurrency,
            per_host_limit=self.per_host,
            min_interval=0.0 if self.offline is not None else self.host_interval,
            excluded_hosts=() if self.archive else tuple(sorted(WAYBACK_HOSTS)),
        )


@dataclass(frozen=True)
class AuditConfig:
    """Everything `citeaudit audit` was asked to do."""

    sources: tuple[str, ...]
    source: SourceConfig = SourceConfig()
    network: NetworkConfig = NetworkConfig()
    check_links: bool = True
    check_support: bool = True
    nli_model: Path | None = None
    """A local NLI model (ONNX export) to judge claim support with; None: the rules."""
    as_of: dt.date | None = None
    """The day dates are judged on; None: today."""
    stale_after_years: int = DEFAULT_STALE_AFTER_YEARS
    lead_needs_citations: bool = False
    dead_after_days: float = DEFAULT_DEAD_AFTER_DAYS
    fail_on: Severity = Severity.ERROR
    format: str | None = None
    """The report's format; None: from the output file's extension, else the default."""
    output: str = DEFAULT_OUTPUT
    quiet: bool = False
    offline_strict: bool = False
    """A request an offline fixture has no record of fails the run (`--offline-strict`)."""
    selection: CodeSelection = CodeSelection()
    """The finding codes reported (`--select`, `--ignore`)."""
    baseline: tuple[Path, ...] = ()
    """JSON reports whose findings fail no run (`--baseline`)."""


@dataclass(frozen=True)
class FixConfig:
    """Everything `citeaudit fix` was asked to do: the audit of one source, then its repairs."""

    audit: AuditConfig
    repairs: FixOptions = FixOptions()
    format: str = "wikitext"
    """`wikitext` (the patched article), `diff` or `json`."""
