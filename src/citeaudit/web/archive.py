"""Wayback Machine snapshots: the capture nearest a citation's access-date, found politely.

Every request goes through the injected `Fetcher` (so look-ups replay offline) and through one
politeness gate: a minimum interval between archive requests, and on HTTP 429 a long wait
(60 s, doubled each time) then no more archive requests for the rest of the run. The Internet
Archive blocks IPs that ignore its 429s for an hour, doubling.

The availability API (https://archive.org/help/wayback_api.php, read 2026-11-28) answers one
"closest" capture and is known to answer empty for archived URLs, so an empty answer is not
"not archived": the CDX API is asked in date windows, the last 200 capture in the year up to the
access-date, else the first one after it.
"""

from __future__ import annotations

import json
import re
import threading
from datetime import date
from urllib.parse import quote

from citeaudit.model import (
    ArchiveLookup,
    ArchiveOutcome,
    ArchiveSnapshot,
    FetchRequest,
    FetchResult,
    join_reasons,
)
from citeaudit.web.clock import SYSTEM_CLOCK, Clock, parse_retry_after
from citeaudit.web.fetchers.base import Fetcher
from citeaudit.web.urls import host_of
from citeaudit.web.wayback import ARCHIVE_TODAY_HOSTS, WAYBACK_HOSTS

AVAILABILITY_API = "https://archive.org/wayback/available"
CDX_API = "https://web.archive.org/cdx/search/cdx"


class WaybackArchive:
    """Looks up Wayback captures through a fetcher, politely; safe to share between threads."""

    def __init__(
        self,
        fetcher: Fetcher,
        clock: Clock = SYSTEM_CLOCK,
        min_interval: float = 2.5,
        rate_limit_wait: float = 60.0,
        rate_limit_retries: int = 1,
    ) -> None:
        self._fetcher = fetcher
        self._clock = clock
        self._min_interval = min_interval
        self._rate_limit_wait = rate_limit_wait
        self._rate_limit_retries = rate_limit_retries
        self._lock = threading.Lock()
        self._last_request: float | None = None
        self._rate_limited = 0
        self._stopped: str | None = None
        self._cache: dict[tuple[str, str], ArchiveLookup] = {}

    @property
    def stopped(self) -> str | None:
        """Why archive requests stopped for this run (after repeated 429s), or None."""
        return self._stopped

    def fetch(self, request: FetchRequest) -> FetchResult:
        """One archive request through the politeness gate (also used to fetch archive URLs)."""
        with self._lock:
            self._wait_turn()
            return self._fetcher.fetch(request)

    def find_snapshot(self, url: str, access_day: date | None = None) -> ArchiveLookup:
        """The 200 capture closest before the access-date, else closest after it.

        Without an access-date, the most recent capture.
        """
        if host_of(url) in WAYBACK_HOSTS | ARCHIVE_TODAY_HOSTS:
            return ArchiveLookup(ArchiveOutcome.UNKNOWN, "the URL is itself an archive URL")
        target = access_day.strftime("%Y%m%d") if access_day else ""
        key = (url, target)
        if key not in self._cache:
            self._cache[key] = self._look_up(url, target)
        return self._cache[key]

    def _look_up(self, url: str, target: str) -> ArchiveLookup:
        closest, problem = self._availability(url, target)
        if closest is not None and (not target or closest.timestamp[:8] <= target):
            return ArchiveLookup(
                ArchiveOutcome.FOUND,
                "closest capture" + (" before the access-date" if target else ""),
                closest,
            )
        problems = [problem] if problem else []
        before, before_problem = self._cdx(url, self._window_before(target), last=True)
        if before is not None:
            return ArchiveLookup(
                ArchiveOutcome.FOUND, "closest capture before the access-date (CDX)", before
            )
        if closest is not None:
            return ArchiveLookup(
                ArchiveOutcome.FOUND, "closest capture after the access-date", closest
            )
        if not target:
            problems += [before_problem] if before_problem else []
            return _not_found(problems)
        after, after_problem = self._cdx(url, f"&from={target}&limit=1", last=False)
        if after is not None:
            return ArchiveLookup(
                ArchiveOutcome.FOUND, "closest capture after the access-date (CDX)", after
            )
        problems += [found for found in (before_problem, after_problem) if found]
        return _not_found(problems)

    def _availability(self, url: str, target: str) -> tuple[ArchiveSnapshot | None, str | None]:
        query = f"{AVAILABILITY_API}?url={quote(url, safe='')}" + (
            f"&timestamp={target}" if target else ""
        )
        data, problem = self._get_json(query)
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
        if problem is not None:
            return None, f"CDX API: {problem}"
        rows = [row for row in data if _is_capture_row(row)] if isinstance(data, list) else []
        if not rows:
            return None, None
        row = rows[-1] if last else rows[0]
        return _snapshot(row[0], url), None

    def _window_before(self, target: str) -> str:
        if not target:
            return "&limit=-1&fastLatest=true"
        day = date(int(target[:4]), int(target[4:6]), int(target[6:8]))
        year_before = day.replace(
            year=day.year - 1, day=28 if (day.month, day.day) == (2, 29) else day.day
        )
        return f"&from={year_before:%Y%m%d}&to={target}&collapse=timestamp:8"

    def _get_json(self, url: str) -> tuple[object, str | None]:
        with self._lock:
            while True:
                if self._stopped is not None:
                    return None, self._stopped
                self._wait_turn()
                result = self._fetcher.fetch(FetchRequest(url))
                if result.status != 429:
                    break
                self._back_off(result)
        if result.failure is not None:
            return None, f"{result.failure.value} {result.detail}".strip()
        if result.status != 200:
            return None, f"HTTP {result.status}"
        try:
            return json.loads(result.body), None
        except ValueError:
            return None, "unreadable answer"

    def _back_off(self, result: FetchResult) -> None:
        if self._rate_limited >= self._rate_limit_retries:
            self._stopped = (
                "the Internet Archive asked us to slow down (HTTP 429);"
                " no more archive look-ups this run"
            )
            return
        wait = self._rate_limit_wait * 2**self._rate_limited
        retry_after = parse_retry_after(result.header("retry-after"), self._clock.now())
        self._rate_limited += 1
        self._clock.sleep(max(wait, retry_after or 0.0))
        self._last_request = self._clock.monotonic()

    def _wait_turn(self) -> None:
        now = self._clock.monotonic()
        if self._last_request is not None and now - self._last_request < self._min_interval:
            self._clock.sleep(self._min_interval - (now - self._last_request))
        self._last_request = self._clock.monotonic()


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


def _not_found(problems: list[str]) -> ArchiveLookup:
    if problems:
        return ArchiveLookup(ArchiveOutcome.UNKNOWN, join_reasons(problems, counted="times"))
    return ArchiveLookup(ArchiveOutcome.NOT_ARCHIVED, "no 200 capture in the Wayback Machine")
