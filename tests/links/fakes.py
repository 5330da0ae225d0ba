"""Test doubles for the link checker: a simulated web built from a dict, and a clock that never waits.

Every page here is simulated: bodies are short hand-written stand-ins for what such servers
send, not copies of real pages.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from citeaudit.fetchers.fake import FakeFetcher
from citeaudit.links.clock import Clock
from citeaudit.model import FetchRequest, FetchResult

START = datetime(2026, 11, 28, 12, 0, 0, tzinfo=UTC)


@dataclass
class FakeTime:
    """A monotonic clock that moves only when slept on or advanced, with the sleeps it was asked for."""

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
    f"Paragraph {n} of a simulated news story about the regional election results and what they mean."
    for n in range(40)
)


def page(url: str, status: int = 200, body: str | bytes = "", headers: Mapping[str, str] | None = None) -> FetchResult:
    """A simulated HTTP answer (HTML unless the headers say otherwise)."""
    all_headers = {"content-type": "text/html; charset=utf-8", **(headers or {})}
    data = body.encode("utf-8") if isinstance(body, str) else body
    return FetchResult(url=url, status=status, headers=tuple((k.lower(), v) for k, v in all_headers.items()), body=data)


def redirect(url: str, location: str, status: int = 301) -> FetchResult:
    return page(url, status, "", {"location": location})


def failed(url: str, kind: str, detail: str = "") -> FetchResult:
    return FetchResult(url=url, failure=kind, detail=detail)


Answer = FetchResult | Sequence[FetchResult]


def fake_web(pages: Mapping[str, Answer], time: FakeTime | None = None, latency: float = 0.0) -> FakeFetcher:
    """A `FakeFetcher` answering from `pages` (URL -> answer, or successive answers, the last repeated).

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
