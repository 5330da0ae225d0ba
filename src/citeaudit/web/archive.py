"""Wayback Machine snapshots: the capture nearest a citation's access-date, found politely.

Every request goes through the injected `Fetcher` (so look-ups replay offline). The archive's
endpoints have limits of their own, and each is paced by its own:

- **search** (the availability API and CDX, which it sits on) is hard-limited per client to
  about 24 requests a minute, and a client that ignores its 429s is blocked at the firewall for
  an hour, doubling (edgi-govdata-archiving/wayback v0.5.1 release notes, 2026-06-19, and IA
  staff in its issue 137, read 2026-12-01). One `TokenBucket` shared by all threads paces
  search requests a little below that limit; a 429 pauses the bucket (60 s, doubled, or what
  `Retry-After` asks), and after repeated 429s no search request is made for the rest of the run.
- **playback** of a snapshot (`web.archive.org/web/TIMESTAMP/URL`) is an ordinary page fetch;
  it is paced like any other host by the runner (`--per-host`, `--host-interval`).

Search requests are spent where they matter: one availability request first, which settles
most look-ups; CDX only when the availability API has no capture up to the access-date (it is
known to answer empty for archived URLs, so empty is not "not archived"): the year before the
access-date, then, only if the availability API offered nothing after it either, the first
capture after it (https://archive.org/help/wayback_api.php and the CDX server's README, read
2026-11-28). The queries are those of earlier versions, so recorded fixtures still replay.

A circuit breaker guards both endpoints: after `failures_to_stop` failures in a row (the name
does not resolve, connections fail, requests time out, 5xx), no more archive requests are made
this run, and `problem` says why, once, for the report.
"""

from __future__ import annotations

import json
import math
import re
import threading
from collections.abc import Generator
from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import quote, urlsplit

from citeaudit.model import (
    ArchiveLookup,
    ArchiveOutcome,
    ArchiveSnapshot,
    FailureKind,
    FetchRequest,
    FetchResult,
    join_reasons,
)
from citeaudit.web.clock import SYSTEM_CLOCK, Clock, parse_retry_after
from citeaudit.web.fetchers.base import Fetcher
from citeaudit.web.pacing import TokenBucket
from citeaudit.web.urls import host_of
from citeaudit.web.wayback import ARCHIVE_TODAY_HOSTS, WAYBACK_HOSTS

AVAILABILITY_API = "https://archive.org/wayback/available"
CDX_API = "https://web.archive.org/cdx/search/cdx"
NOT_EVIDENCE = {FailureKind.NOT_RECORDED}
"""Failures that say nothing about the archive (a request absent from an offline fixture)."""


@dataclass(frozen=True)
class ArchiveLimits:
    """How the Wayback Machine is asked: its search limit, and when to stop asking."""

    search_per_minute: float = 24.0
    """The archive's limit per client on its search endpoints (CDX, availability)."""
    search_share: float = 0.9
    """The share of that limit used: the margin absorbs network jitter, which can bring two
    requests closer at the archive than they were sent."""
    failures_to_stop: int = 3
    """Archive requests failing in a row (no answer, or 5xx) before no more are made."""
    rate_limit_wait: float = 60.0
    """The first pause after a 429 without a longer `Retry-After`; doubled each time."""
    rate_limit_retries: int = 1
    """429s answered with a pause and a retry; the next one stops search requests."""

    @property
    def search_interval(self) -> float:
        """Seconds between two search requests."""
        return 60.0 / (self.search_per_minute * self.search_share)


class WaybackArchive:
    """Looks up Wayback captures and fetches snapshots, politely; safe to share between threads.

    `endpoint` (for tests only) sends every request for a Wayback host to that base URL instead,
    path and query kept: a simulated archive on loopback.
    """

    def __init__(
        self,
        fetcher: Fetcher,
        clock: Clock = SYSTEM_CLOCK,
        limits: ArchiveLimits | None = None,
        endpoint: str | None = None,
    ) -> None:
        self.limits = limits or ArchiveLimits()
        self._fetcher = fetcher
        self._clock = clock
        self._endpoint = endpoint.rstrip("/") if endpoint else None
        interval = self.limits.search_interval
        self._search = TokenBucket(1.0 / interval if interval > 0 else math.inf, clock=clock)
        self._lock = threading.Lock()
        self._failures = 0
        self._rate_limited = 0
        self._problem: str | None = None
        self._cache: dict[tuple[str, str], ArchiveLookup] = {}
        self.search_requests = 0
        """Search requests made this run (for the report and the benchmark)."""

    @property
    def problem(self) -> str | None:
        """Why archive requests stopped for this run (failures in a row, repeated 429s), or None."""
        return self._problem

    def stop(self, reason: str) -> None:
        """Make no more requests this run (the run was interrupted, say)."""
        with self._lock:
            self._problem = self._problem or reason

    @property
    def playback(self) -> Fetcher:
        """A fetcher for snapshot URLs: through the circuit breaker (pacing is the runner's)."""
        return _PlaybackFetcher(self)

    def find_snapshot(self, url: str, access_day: date | None = None) -> ArchiveLookup:
        """The 200 capture closest before the access-date, else closest after it.

        Without an access-date, the most recent capture.
        """
        steps = self.snapshot_steps(url, access_day)
        while True:
            try:
                next(steps)
            except StopIteration as done:
                return done.value  # type: ignore[no-any-return]

    def snapshot_steps(
        self, url: str, access_day: date | None = None
    ) -> Generator[None, None, ArchiveLookup]:
        """`find_snapshot` one search request at a time: each `next` makes one request and
        yields while another is needed, so that a runner can give each its own turn (a task
        never holds a worker while it waits for the archive's pace); the look-up is the
        generator's return value."""
        if host_of(url) in WAYBACK_HOSTS | ARCHIVE_TODAY_HOSTS:
            return ArchiveLookup(ArchiveOutcome.UNKNOWN, "the URL is itself an archive URL")
        target = access_day.strftime("%Y%m%d") if access_day else ""
        key = (url, target)
        with self._lock:
            cached = self._cache.get(key)
        if cached is not None:
            return cached
        lookup = yield from self._look_up(url, target)
        with self._lock:
            self._cache[key] = lookup
        return lookup

    def fetch(self, request: FetchRequest) -> FetchResult:
        """One archive request through the breaker (and the test endpoint, when set)."""
        if self._problem is not None:
            return FetchResult(request.url, failure=FailureKind.CONNECTION, detail=self._problem)
        sent = self._routed(request)
        result = self._fetcher.fetch(sent)
        self._note(result)
        return result if sent is request else replace(result, url=request.url)

    def _look_up(self, url: str, target: str) -> Generator[None, None, ArchiveLookup]:
        if self._problem is not None:
            return ArchiveLookup(ArchiveOutcome.UNKNOWN, self._problem)
        closest, problem = self._availability(url, target)
        if closest is not None and (not target or closest.timestamp[:8] <= target):
            return ArchiveLookup(
                ArchiveOutcome.FOUND,
                "closest capture" + (" before the access-date" if target else ""),
                closest,
            )
        yield  # each CDX request waits for its own turn
        before, before_problem = self._cdx(url, _window_before(target), last=True)
        if before is not None:
            return ArchiveLookup(
                ArchiveOutcome.FOUND, "closest capture before the access-date (CDX)", before
            )
        if closest is not None:
            return ArchiveLookup(
                ArchiveOutcome.FOUND, "closest capture after the access-date", closest
            )
        problems = [found for found in (problem, before_problem) if found]
        if target:
            yield
            after, after_problem = self._cdx(url, f"&from={target}&limit=1", last=False)
            if after is not None:
                return ArchiveLookup(
                    ArchiveOutcome.FOUND, "closest capture after the access-date (CDX)", after
                )
            problems += [after_problem] if after_problem else []
        if problems:
            return ArchiveLookup(ArchiveOutcome.UNKNOWN, join_reasons(problems, counted="times"))
        return ArchiveLookup(ArchiveOutcome.NOT_ARCHIVED, "no 200 capture in the Wayback Machine")

    def _availability(self, url: str, target: str) -> tuple[ArchiveSnapshot | None, str | None]:
        query = f"{AVAILABILITY_API}?url={quote(url, safe='')}" + (
            f"&timestamp={target}" if target else ""
        )
        data, problem = self._get_json(query)
        if problem is not None and problem == self._problem:
            return None, problem  # the archive stopped: its reason, without the endpoint's name
        if problem is not None:
            return None, f"availability API: {problem}"
        closest = (
            data.get("archived_snapshots", {}).get("closest") if isinstance(data, dict) else None
        )
        if (
            not isinstance(closest, dict)
            or not closest.get("available")
            or str(closest.get("status")) != "200"
        ):
            return None, None
        timestamp = str(closest.get("timestamp", ""))
        if not re.fullmatch(r"\d{14}", timestamp):
            return None, None
        return _snapshot(timestamp, url), None

    def _cdx(self, url: str, window: str, last: bool) -> tuple[ArchiveSnapshot | None, str | None]:
        query = (
            f"{CDX_API}?url={quote(url, safe='')}&output=json&fl=timestamp,original,statuscode"
            f"&filter=statuscode:200{window}"
        )
        data, problem = self._get_json(query)
        if problem is not None and problem == self._problem:
            return None, problem
        if problem is not None:
            return None, f"CDX API: {problem}"
        rows = [row for row in data if _is_capture_row(row)] if isinstance(data, list) else []
        if not rows:
            return None, None
        row = rows[-1] if last else rows[0]
        return _snapshot(row[0], url), None

    def _get_json(self, url: str) -> tuple[object, str | None]:
        while True:
            self._search.take()
            stopped = self._problem  # stopped before, or while this request waited its turn
            if stopped is not None:
                return None, stopped
            with self._lock:
                self.search_requests += 1
            result = self.fetch(FetchRequest(url))
            if result.status != 429 or not self._back_off(result):
                break
        if result.failure is not None:
            return None, f"{result.failure.value} {result.detail}".strip()
        if result.status != 200:
            return None, f"HTTP {result.status}"
        try:
            return json.loads(result.body), None
        except ValueError:
            return None, "unreadable answer"

    def _back_off(self, result: FetchResult) -> bool:
        """Pause the search endpoint after a 429; False when search requests stop instead."""
        with self._lock:
            if self._rate_limited >= self.limits.rate_limit_retries:
                self._problem = self._problem or (
                    "the Internet Archive asked us to slow down (HTTP 429) again;"
                    " no more archive look-ups this run"
                )
                return False
            wait = self.limits.rate_limit_wait * 2**self._rate_limited
            self._rate_limited += 1
        retry_after = parse_retry_after(result.header("retry-after"), self._clock.now())
        self._search.pause(max(wait, retry_after or 0.0))
        return True

    def _note(self, result: FetchResult) -> None:
        """Count failures in a row, and open the breaker after too many."""
        if result.failure in NOT_EVIDENCE:
            return
        failed = result.failure is not None or (result.status or 0) >= 500
        with self._lock:
            if not failed:
                self._failures = 0
                return
            self._failures += 1
            if self._failures >= self.limits.failures_to_stop and self._problem is None:
                what = (
                    f"{result.failure.value} ({result.detail})"
                    if result.failure is not None and result.detail
                    else result.failure.value
                    if result.failure is not None
                    else f"HTTP {result.status}"
                )
                self._problem = (
                    f"the Wayback Machine could not be reached: {self._failures} requests failed"
                    f" in a row, the last with {what}; no more archive requests this run"
                )

    def _routed(self, request: FetchRequest) -> FetchRequest:
        if self._endpoint is None:
            return request
        parts = urlsplit(request.url)
        if (parts.hostname or "").lower() not in WAYBACK_HOSTS:
            return request
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        return replace(request, url=self._endpoint + path)


class _PlaybackFetcher(Fetcher):
    """Snapshot fetches through the archive's breaker."""

    def __init__(self, archive: WaybackArchive) -> None:
        self._archive = archive

    def fetch(self, request: FetchRequest) -> FetchResult:
        return self._archive.fetch(request)


def _window_before(target: str) -> str:
    if not target:
        return "&limit=-1&fastLatest=true"
    day = date(int(target[:4]), int(target[4:6]), int(target[6:8]))
    year_before = day.replace(
        year=day.year - 1, day=28 if (day.month, day.day) == (2, 29) else day.day
    )
    return f"&from={year_before:%Y%m%d}&to={target}&collapse=timestamp:8"


def _is_capture_row(row: object) -> bool:
    return (
        isinstance(row, list)
        and len(row) >= 3
        and isinstance(row[0], str)
        and re.fullmatch(r"\d{14}", row[0]) is not None
        and row[2] == "200"
    )


def _snapshot(timestamp: str, url: str) -> ArchiveSnapshot:
    return ArchiveSnapshot(
        url=f"https://web.archive.org/web/{timestamp}/{url}", timestamp=timestamp, status="200"
    )
