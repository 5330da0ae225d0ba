"""The objects an audit run is built from, as the command-line options ask for them.

`make_fetcher` gives offline replay, live fetching, or live fetching that records a fixture;
`make_link_checking` binds the link checker to that fetcher, a link history, the Wayback
Machine look-up, a clock, the polite scheduler and the keeper of the pages' text. Offline,
time stands still at the as-of date so that a replayed audit is the same every time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import sqlite3
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from citeaudit.audit import WebLinkChecking
from citeaudit.errors import FixtureError, OutputError
from citeaudit.web.fetchers.base import Fetcher
from citeaudit.web.fetchers.live import DEFAULT_CONTACT, LiveFetcher, LiveLimits
from citeaudit.web.fetchers.recorded import (
    OfflineFetcher,
    RecordingFetcher,
    is_simulated,
    load_records,
)
from citeaudit.web.runner import Limits, run_scheduled
from citeaudit.web.links import (
    Clock,
    LinkCheckOptions,
    LinkHistory,
    LinkTarget,
    WaybackArchive,
    default_history_path,
)
from citeaudit.model import FetchRequest, FetchResult, LinkResult
from citeaudit.checks.support.claims import SourceKeeper

if TYPE_CHECKING:
    from citeaudit.scan.links import LinkScanOptions


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


def require_fixture_directory(path: Path) -> None:
    """Fail early, and clearly, when `--offline` names no directory."""
    if not path.is_dir():
        raise FixtureError(f"{path}: no such fixture directory (record one with --record DIR)")


def fixture_is_simulated(path: Path) -> bool:
    """Whether every answer of the fixture at `path` is marked simulated (the report says so)."""
    require_fixture_directory(path)
    return is_simulated(load_records(path))


def make_fetcher(args: argparse.Namespace, network: Fetcher | None = None) -> Fetcher:
    """The fetcher the options ask for: offline replay, live and recording, or live.

    `network` stands in for the live fetcher (tests pass a fake one).
    """
    if args.offline is not None:
        require_fixture_directory(args.offline)
        return OfflineFetcher.open(args.offline)
    live = network or LiveFetcher(
        LiveLimits(total_timeout=args.timeout),
        contact=args.contact or DEFAULT_CONTACT,
        allow_private=args.allow_private,
        pool_maxsize=max(args.per_host, 1),
    )
    if args.record is not None:
        return RecordingFetcher(live, args.record)
    return live


def make_link_checking(
    args: argparse.Namespace,
    fetcher: Fetcher,
    as_of: dt.date,
    sleep: Callable[[float], None] = time.sleep,
    warn: Callable[[str], None] = lambda message: None,
    use_history: bool = True,
    keep_pages: bool = True,
) -> WebLinkChecking:
    """The link checker bound to this run's fetcher, history and limits.

    Offline, time stands still at the as-of date and nothing waits (there is no server to be
    polite to), and no link history is used unless `--state` asks for one: so an offline run
    with a fixed `--as-of` gives the same report every time. Recording a fixture uses no
    history either, so that every link is really fetched, and so recorded.
    """
    offline = getattr(args, "offline", None) is not None
    clock = (
        Clock(
            now=lambda: dt.datetime.combine(as_of, dt.time(), tzinfo=dt.UTC),
            sleep=lambda seconds: None,
        )
        if offline
        else Clock(sleep=sleep)
    )
    options = LinkCheckOptions(
        timeout=args.timeout,
        concurrency=args.concurrency,
        per_host_limit=args.per_host,
        min_interval=0.0 if offline else LinkCheckOptions.min_interval,
        max_age=args.max_age * 86_400,
        allow_private=args.allow_private,
    )
    history = None
    if use_history and args.state is not None:
        history = open_history(args.state, clock, warn, required=True)
    elif use_history and not args.no_state and not offline:
        history = open_history(default_history_path(), clock, warn, required=False)
    archive = (
        WaybackArchive(fetcher, clock=clock, min_interval=0.0)
        if offline
        else WaybackArchive(fetcher, clock=clock)
    )
    limits = Limits(
        max_workers=args.concurrency, per_host=args.per_host, min_interval=options.min_interval
    )

    def runner(
        targets: Sequence[LinkTarget],
        host_key: Callable[[LinkTarget], str],
        work: Callable[[LinkTarget], LinkResult],
    ) -> list[LinkResult]:
        return run_scheduled(targets, host_key, work, limits)

    pages = SourceKeeper(history) if keep_pages else None
    return WebLinkChecking(fetcher, options, history, archive, clock, runner, pages)


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


def make_link_scan_options(args: argparse.Namespace, out_dir: Path) -> LinkScanOptions:
    """How `citeaudit scan` checks links: the options of `audit`, a fetcher built in each
    task, and the shared link history (with `--no-state`, one of the scan's own)."""
    from citeaudit.scan.links import LinkScanOptions

    if args.state is not None:
        history = args.state
    elif args.no_state:
        history = out_dir / "state" / "links.sqlite3"
    else:
        history = default_history_path()
    fetching = argparse.Namespace(
        offline=None,
        record=None,
        timeout=args.timeout,
        contact=args.contact,
        allow_private=args.allow_private,
        per_host=args.per_host,
    )
    return LinkScanOptions(
        check=LinkCheckOptions(
            timeout=args.timeout,
            concurrency=args.concurrency,
            per_host_limit=args.per_host,
            max_age=args.max_age * 86_400,
            allow_private=args.allow_private,
        ),
        fetcher=functools.partial(make_fetcher, fetching),
        history=history,
    )
