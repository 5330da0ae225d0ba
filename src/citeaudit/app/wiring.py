"""The objects an audit run is built from, as its configuration asks for them.

`make_fetcher` gives offline replay, live fetching, or live fetching that records a fixture;
`make_web` binds that fetcher to a link history, the Wayback Machine look-up, a clock, the
watch on the network's health and the link checker's limits. Offline, time stands still at the
as-of date so that a replayed audit is the same every time.

Two environment variables exist for testing only (a simulated archive on loopback, as the
benchmarks run one): `CITEAUDIT_ARCHIVE_ENDPOINT` sends every Wayback Machine request to that
base URL instead, and `CITEAUDIT_ARCHIVE_SEARCH_RATE` sets the search limit (requests a
minute) the archive client paces itself by.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from citeaudit.app.config import NetworkConfig
from citeaudit.audit import WebAccess
from citeaudit.errors import FixtureError, InputError, OutputError
from citeaudit.model import FetchRequest, FetchResult
from citeaudit.web.archive import ArchiveLimits, WaybackArchive
from citeaudit.web.clock import Clock
from citeaudit.web.fetchers.base import Fetcher
from citeaudit.web.fetchers.live import DEFAULT_CONTACT, LiveFetcher, LiveLimits
from citeaudit.web.fetchers.proxies import ProxyError, ProxyRoutes
from citeaudit.web.fetchers.recorded import (
    OfflineFetcher,
    RecordingFetcher,
    is_simulated,
    load_records,
)
from citeaudit.web.health import GiveUp, NetworkHealth
from citeaudit.web.links import (
    Exclusions,
    LinkHistory,
    ReusePolicy,
    WebRun,
    default_history_path,
)

if TYPE_CHECKING:
    from citeaudit.scan.links import LinkScanOptions

ARCHIVE_ENDPOINT_VARIABLE = "CITEAUDIT_ARCHIVE_ENDPOINT"
ARCHIVE_SEARCH_RATE_VARIABLE = "CITEAUDIT_ARCHIVE_SEARCH_RATE"


class LazyFetcher(Fetcher):
    """Builds the real fetcher on the first request, so that an audit that fetches nothing
    (a file with `--no-links`) needs no network set-up and no fixture directory."""

    def __init__(self, build: Callable[[], Fetcher]) -> None:
        self._build = build
        self._fetcher: Fetcher | None = None
        self._lock = threading.Lock()

    def fetch(self, request: FetchRequest) -> FetchResult:
        with self._lock:
            if self._fetcher is None:
                self._fetcher = self._build()
        return self._fetcher.fetch(request)

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()

    @property
    def unanswered(self) -> list[str]:
        """The requests an offline fixture had no record of (none for other fetchers)."""
        fetcher = self._fetcher
        return fetcher.unanswered if isinstance(fetcher, OfflineFetcher) else []


def require_fixture_directory(path: Path) -> None:
    """Fail early, and clearly, when `--offline` names no directory."""
    if not path.is_dir():
        raise FixtureError(f"{path}: no such fixture directory (record one with --record DIR)")


def fixture_is_simulated(path: Path) -> bool:
    """Whether every answer of the fixture at `path` is marked simulated (the report says so)."""
    require_fixture_directory(path)
    return is_simulated(load_records(path))


def make_fetcher(network: NetworkConfig, live: Fetcher | None = None) -> Fetcher:
    """The fetcher the configuration asks for: offline replay, live and recording, or live.

    `live` stands in for the live fetcher (tests pass a fake one).
    """
    if network.offline is not None:
        require_fixture_directory(network.offline)
        return OfflineFetcher.open(network.offline)
    live = live or LiveFetcher(
        LiveLimits(total_timeout=network.timeout),
        contact=network.contact or DEFAULT_CONTACT,
        allow_private=network.allow_private,
        pool_maxsize=max(network.per_host, 1),
        proxies=proxy_routes(network),
    )
    if network.record is not None:
        return RecordingFetcher(live, network.record)
    return live


def proxy_routes(network: NetworkConfig, environ: Mapping[str, str] | None = None) -> ProxyRoutes:
    """The proxies of this run: `--proxy`, else the standard variables; a bad one is an error."""
    try:
        return ProxyRoutes.from_settings(network.proxy, os.environ if environ is None else environ)
    except ProxyError as error:
        raise InputError(str(error)) from None


def make_web(
    network: NetworkConfig,
    fetcher: Fetcher,
    as_of: dt.date,
    sleep: Callable[[float], None] = time.sleep,
    warn: Callable[[str], None] = lambda message: None,
    use_history: bool = True,
    environ: Mapping[str, str] | None = None,
) -> WebAccess:
    """The web an audit gathers from: this run's fetcher, history, archive look-up and limits.

    Offline, time stands still at the as-of date and nothing waits (there is no server to be
    polite to), and no link history is used unless `--state` asks for one: so an offline run
    with a fixed `--as-of` gives the same report every time. Recording a fixture reuses
    nothing from the history (it still learns from the run), so that every link is really
    fetched, and so recorded.
    """
    environ = os.environ if environ is None else environ
    offline = network.offline is not None
    clock = (
        Clock(
            now=lambda: dt.datetime.combine(as_of, dt.time(), tzinfo=dt.UTC),
            sleep=lambda seconds: None,
        )
        if offline
        else Clock(sleep=sleep)
    )
    history = None
    if use_history and network.state is not None:
        history = open_history(network.state, clock, warn, required=True)
    elif use_history and network.keep_state and not offline:
        history = open_history(default_history_path(), clock, warn, required=False)
    health = NetworkHealth(give_up=GiveUp(), clock=clock)
    watched = health.watch(fetcher)
    archive = (
        WaybackArchive(
            watched,
            clock=clock,
            limits=archive_limits(environ),
            endpoint=environ.get(ARCHIVE_ENDPOINT_VARIABLE) or None,
        )
        if network.archive
        else None
    )
    recording = network.record is not None
    policy = ReusePolicy(
        max_age=0.0 if recording else network.max_age_days * 86_400,
        archive_max_age=0.0 if recording else network.archive_max_age_days * 86_400,
    )
    return WebAccess(
        WebRun(
            fetcher=watched,
            options=network.link_options(),
            history=history,
            policy=policy,
            archive=archive,
            health=health,
            clock=clock,
        ),
        exclusions=Exclusions(network.exclude),
    )


def archive_limits(environ: Mapping[str, str]) -> ArchiveLimits:
    """The archive's limits; for tests, a search rate from `CITEAUDIT_ARCHIVE_SEARCH_RATE`."""
    rate = environ.get(ARCHIVE_SEARCH_RATE_VARIABLE)
    if not rate:
        return ArchiveLimits()
    try:
        per_minute = float(rate)
    except ValueError:
        per_minute = -1.0
    if not per_minute > 0:
        raise InputError(f"{ARCHIVE_SEARCH_RATE_VARIABLE}={rate!r}: not a positive number")
    return ArchiveLimits(search_per_minute=per_minute)


def open_history(
    path: Path, clock: Clock, warn: Callable[[str], None], required: bool
) -> LinkHistory | None:
    """The link history at `path`; without one (and a warning) when the default place fails."""
    try:
        return LinkHistory.open(path, clock=clock, warn=warn)
    except (OSError, sqlite3.Error) as error:
        if required:
            raise OutputError(
                f"--state {path}: cannot keep a link history there ({error})"
            ) from None
        warn(f"cannot keep a link history at {path} ({error}); checking without one")
        return None


def make_link_scan_options(network: NetworkConfig, out_dir: Path) -> LinkScanOptions:
    """How `citeaudit scan` checks links: the fetcher the configuration asks for, built anew in
    each task, and the shared link history (with `--no-state`, one of the scan's own)."""
    from citeaudit.scan.links import LinkScanOptions

    if network.state is not None:
        history = network.state
    elif network.keep_state:
        history = default_history_path()
    else:
        history = out_dir / "state" / "links.sqlite3"
    return LinkScanOptions(
        check=network.link_options(),
        fetcher=functools.partial(make_fetcher, network),
        history=history,
        max_age=network.max_age_days * 86_400,
    )
