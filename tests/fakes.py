"""Test doubles for the web: a fetcher answering from a function, a simulated web, a simulated
Wayback Machine, and a clock that never waits.

Every page here is simulated: bodies are short hand-written stand-ins for what such servers
send, not copies of real pages.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

from citeaudit.model import FailureKind, FetchRequest, FetchResult
from citeaudit.web.clock import Clock
from citeaudit.web.fetchers.base import Fetcher


class FakeFetcher(Fetcher):
    """Calls `handler` for every request and keeps the requests it was asked, in order."""

    def __init__(self, handler: Callable[[FetchRequest], FetchResult]) -> None:
        self._handler = handler
        self._lock = threading.Lock()
        self.requests: list[FetchRequest] = []

    def fetch(self, request: FetchRequest) -> FetchResult:
        with self._lock:
            self.requests.append(request)
        return self._handler(request)


START = datetime(2026, 11, 28, 12, 0, 0, tzinfo=UTC)


@dataclass
class FakeTime:
    """A clock that moves only when slept on or advanced; keeps the sleeps asked for."""

    elapsed: float = 0.0
    sleeps: list[float] = field(default_factory=list)

    def monotonic(self) -> float:
        return self.elapsed

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.elapsed += seconds

    def now(self) -> datetime:
        return START + timedelta(seconds=self.elapsed)

    def advance(self, seconds: float) -> None:
        self.elapsed += seconds

    @property
    def clock(self) -> Clock:
        return Clock(monotonic=self.monotonic, sleep=self.sleep, now=self.now)


def html(title: str | None = None, body: str = "", heading: str | None = None) -> str:
    """A small simulated HTML page."""
    head = f"<title>{title}</title>" if title is not None else ""
    h1 = f"<h1>{heading}</h1>" if heading is not None else ""
    return f"<!doctype html><html><head>{head}</head><body>{h1}{body}</body></html>"


ARTICLE_TEXT = " ".join(
    f"Paragraph {n} of a simulated news story about the regional election results"
    " and what they mean."
    for n in range(40)
)


def page(
    url: str, status: int = 200, body: str | bytes = "", headers: Mapping[str, str] | None = None
) -> FetchResult:
    """A simulated HTTP answer (HTML unless the headers say otherwise)."""
    all_headers = {"content-type": "text/html; charset=utf-8", **(headers or {})}
    data = body.encode("utf-8") if isinstance(body, str) else body
    return FetchResult(
        url=url,
        status=status,
        headers=tuple((k.lower(), v) for k, v in all_headers.items()),
        body=data,
    )


def redirect(url: str, location: str, status: int = 301) -> FetchResult:
    return page(url, status, "", {"location": location})


def failed(url: str, kind: FailureKind | str, detail: str = "") -> FetchResult:
    """A request that got no answer (`kind` is a `FailureKind` or its value)."""
    return FetchResult(url=url, failure=FailureKind(kind), detail=detail)


Answer = FetchResult | Sequence[FetchResult]


def fake_web(
    pages: Mapping[str, Answer], time: FakeTime | None = None, latency: float = 0.0
) -> FakeFetcher:
    """A `FakeFetcher` answering from `pages`: URL -> answer, or answers in turn (last repeated).

    An unknown URL fails as "not-recorded". With `time`, each request takes `latency` seconds.
    """
    served: dict[str, int] = {}

    def answer(request: FetchRequest) -> FetchResult:
        if time is not None:
            time.advance(latency)
        found = pages.get(request.url)
        if found is None:
            return failed(request.url, "not-recorded")
        if isinstance(found, FetchResult):
            return found
        count = served.get(request.url, 0)
        served[request.url] = count + 1
        return found[min(count, len(found) - 1)]

    return FakeFetcher(answer)


@dataclass
class SimulatedWayback:
    """The Wayback availability and CDX APIs answering from `captures` (timestamp, status).

    Answers the way interfaces.md §4.1–4.2 describe them: availability gives the one closest
    capture whatever its status (or nothing when `availability_empty`), CDX filters and windows.
    """

    captures: list[tuple[str, str]]
    availability_empty: bool = False
    rate_limited: int = 0
    """How many requests answer 429 before the service answers normally."""
    asked: list[str] = field(default_factory=list)

    def fetcher(self) -> FakeFetcher:
        return FakeFetcher(self.answer)

    def answer(self, request: FetchRequest) -> FetchResult:
        self.asked.append(request.url)
        if self.rate_limited:
            self.rate_limited -= 1
            return FetchResult(request.url, 429, (("retry-after", "5"),))
        parts = urlsplit(request.url)
        query = {key: values[0] for key, values in parse_qs(parts.query).items()}
        if parts.path == "/wayback/available":
            return self._json(request.url, self._availability(query))
        if parts.path == "/cdx/search/cdx":
            return self._json(request.url, self._cdx(query))
        return FetchResult(request.url, failure=FailureKind.NOT_RECORDED)

    def _availability(self, query: dict[str, str]) -> object:
        if self.availability_empty or not self.captures:
            return {"url": query["url"], "archived_snapshots": {}}
        target = query.get("timestamp", "99999999").ljust(14, "0")
        timestamp, status = min(
            self.captures, key=lambda capture: abs(int(capture[0]) - int(target))
        )
        closest = {
            "status": status,
            "available": True,
            "url": f"http://web.archive.org/web/{timestamp}/{query['url']}",
            "timestamp": timestamp,
        }
        return {"url": query["url"], "archived_snapshots": {"closest": closest}}

    def _cdx(self, query: dict[str, str]) -> object:
        rows = sorted(self.captures)
        if query.get("filter") == "statuscode:200":
            rows = [row for row in rows if row[1] == "200"]
        if "from" in query:
            rows = [row for row in rows if row[0][: len(query["from"])] >= query["from"]]
        if "to" in query:
            rows = [row for row in rows if row[0][: len(query["to"])] <= query["to"]]
        limit = int(query.get("limit", "0"))
        rows = rows[:limit] if limit > 0 else rows[limit:] if limit < 0 else rows
        if not rows:
            return []
        return [
            ["timestamp", "original", "statuscode"],
            *[[ts, query["url"], status] for ts, status in rows],
        ]

    @staticmethod
    def _json(url: str, data: object) -> FetchResult:
        return FetchResult(
            url, 200, (("content-type", "application/json"),), json.dumps(data).encode()
        )
