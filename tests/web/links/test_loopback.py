"""The link checker over real sockets: a simulated web on loopback addresses, checked live,
recorded, and replayed offline with the same verdicts.

Runs when the live and recorded fetchers are installed (`citeaudit.web.fetchers.live`,
`citeaudit.web.fetchers.recorded`). Every page is simulated. The servers bind 127.0.0.2 and
127.0.0.3 (two hosts), and stop when the test ends.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import responses

from citeaudit.model import LinkVerdict
from citeaudit.web.links.batch import check_links
from citeaudit.web.links.checker import LinkCheckOptions
from citeaudit.web.links.targets import LinkTarget

live = pytest.importorskip("citeaudit.web.fetchers.live")
recorded = pytest.importorskip("citeaudit.web.fetchers.recorded")

STORY = "<title>Story</title>" + "<p>A simulated story about the regional election.</p>" * 40
HANG_SECONDS = 2.0


@dataclass(frozen=True)
class Route:
    status: int
    body: str = ""
    headers: tuple[tuple[str, str], ...] = ()
    delay: float = 0.0
    endless: bool = False
    """Send the body, then more of it, chunk after chunk, until the client goes away."""


def routes(other_host: str) -> dict[str, Route]:
    return {
        "/ok": Route(200, STORY),
        "/gone": Route(404, "<title>Not Found</title>"),
        "/removed": Route(410),
        "/moved": Route(301, headers=(("Location", "/ok"),)),
        "/elsewhere": Route(302, headers=(("Location", f"{other_host}/gone"),)),
        "/loop": Route(302, headers=(("Location", "/loop-back"),)),
        "/loop-back": Route(302, headers=(("Location", "/loop"),)),
        "/challenge": Route(
            403,
            "<title>Just a moment...</title>",
            (("Server", "cloudflare"), ("cf-mitigated", "challenge")),
        ),
        "/busy": Route(503, "busy", (("Retry-After", "0"),)),
        "/limited": Route(429, "slow down", (("Retry-After", "3600"),)),
        "/hang": Route(200, STORY, delay=HANG_SECONDS),
        "/endless": Route(200, STORY, endless=True),
        "/deep/story.html": Route(302, headers=(("Location", "/"),)),
        "/": Route(200, "<title>Home</title>" + STORY),
    }


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        route = self.server.routes.get(self.path, Route(404, "<title>Not Found</title>"))
        if route.delay and self.server.stopping.wait(route.delay):
            return
        body = route.body.encode()
        self.send_response(route.status)
        for name, value in route.headers:
            self.send_header(name, value)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        if route.endless:
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            self._send_forever(body)
            return
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _send_forever(self, chunk: bytes) -> None:
        frame = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
        try:
            while not self.server.stopping.is_set():
                self.wfile.write(frame)
        except OSError:
            return

    def log_message(self, *args: object) -> None:
        """Quiet: the tests read the verdicts, not the access log."""


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, host: str, routes: dict[str, Route]) -> None:
        super().__init__((host, 0), _Handler)
        self.routes = routes
        self.stopping = threading.Event()

    @property
    def base(self) -> str:
        return f"http://{self.server_address[0]}:{self.server_address[1]}"


@pytest.fixture
def hosts(no_internet: responses.RequestsMock) -> Iterator[tuple[_Server, _Server]]:
    """Two simulated hosts; `requests` may reach them (and nothing else) through the guard."""
    no_internet.add_passthru(re.compile(r"^http://127\.0\.0\.[23]:\d+/"))
    second = _Server("127.0.0.3", {})
    first = _Server("127.0.0.2", routes(second.base))
    second.routes = routes(first.base)
    threads = [
        threading.Thread(target=server.serve_forever, daemon=True) for server in (first, second)
    ]
    for thread in threads:
        thread.start()
    yield first, second
    for server in (first, second):
        server.stopping.set()
        server.shutdown()
        server.server_close()


EXPECTED = {
    "/ok": LinkVerdict.ALIVE,
    "/gone": LinkVerdict.DEAD,
    "/removed": LinkVerdict.DEAD,
    "/moved": LinkVerdict.ALIVE,
    "/elsewhere": LinkVerdict.DEAD,
    "/loop": LinkVerdict.UNREACHABLE,
    "/challenge": LinkVerdict.BLOCKED,
    "/busy": LinkVerdict.UNREACHABLE,
    "/limited": LinkVerdict.BLOCKED,
    "/hang": LinkVerdict.UNREACHABLE,
    "/endless": LinkVerdict.ALIVE,
    "/deep/story.html": LinkVerdict.SOFT_404,
}


def test_live_recorded_and_replayed_verdicts(
    hosts: tuple[_Server, _Server], tmp_path: Path
) -> None:
    first, _ = hosts
    targets = [LinkTarget(first.base + path, (path,)) for path in EXPECTED]
    options = LinkCheckOptions(
        timeout=5, retries=1, retry_backoff=0.1, max_retry_wait=1, min_interval=0
    )
    limits = live.LiveLimits(connect_timeout=1, read_timeout=1, total_timeout=1)
    recorder = recorded.RecordingFetcher(live.LiveFetcher(limits, allow_private=True), tmp_path)
    started = time.monotonic()
    checked = check_links(targets, recorder, options)
    recorder.close()
    assert time.monotonic() - started < HANG_SECONDS + 5
    assert {r.reference_ids[0]: r.verdict for r in checked} == EXPECTED

    replayed = check_links(targets, recorded.OfflineFetcher.open(tmp_path), options)
    assert [(r.verdict, r.reason, r.chain) for r in replayed] == [
        (r.verdict, r.reason, r.chain) for r in checked
    ]
