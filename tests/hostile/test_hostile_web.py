"""A hostile web on loopback, checked through `check_links` with the live fetcher.

Two simulated sites (127.0.0.2 and 127.0.0.3, named `site-a.test` and `site-b.test` by the
fetcher's injected resolver) serve every trick a cited URL can play: slowloris, endless and
bomb bodies, broken headers and status lines, content-type lies, redirects to other schemes, to
private addresses (directly and by DNS name) and round in loops across the two hosts, silence,
resets, and plain HTTP spoken to with TLS. A canary server listens on 127.0.0.1, an address
the fetcher must refuse; it must never see a connection. Every page is simulated.

The fetcher may reach the two sites only (`allowed_networks`); everything else that is not
public stays refused, as it would in a real run.
"""

from __future__ import annotations

import ipaddress
import os
import re
import socket
import time
import tracemalloc
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import responses

from citeaudit.model import LinkResult, LinkVerdict
from citeaudit.web.fetchers.live import LiveFetcher, LiveLimits
from citeaudit.web.links.batch import check_links
from citeaudit.web.links.checker import LinkCheckOptions
from citeaudit.web.links.targets import LinkTarget
from tests.web.fetchers import loopback

STORY = "<title>Story</title>" + "<p>A simulated story about the regional election.</p>" * 40
LIMITS = LiveLimits(
    connect_timeout=1.0,
    read_timeout=1.0,
    total_timeout=2.0,
    max_bytes=256 * 1024,
    max_decoded_bytes=256 * 1024,
)
OPTIONS = LinkCheckOptions(
    timeout=4.0,
    retries=0,
    min_interval=0.0,
    per_host_limit=32,
    concurrency=32,
)
SITE_ADDRESSES = ("127.0.0.2", "127.0.0.3")
MEMORY_BOUND = 48 * 1024 * 1024
"""Peak traced memory of the whole hostile run, bombs of 10 GB and endless bodies included."""


@dataclass
class HostileWeb:
    site_a: loopback.LoopbackServer
    site_b: loopback.LoopbackServer
    canary: loopback.LoopbackServer
    names: dict[str, list[str]]
    connections: list[object]

    def resolve(self, host: str, port: int) -> list[str]:
        try:
            return [str(ipaddress.ip_address(host))]
        except ValueError:
            pass
        if host not in self.names:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return self.names[host]

    def a(self, path: str) -> str:
        return f"http://site-a.test:{self.site_a.port}{path}"

    def b(self, path: str) -> str:
        return f"http://site-b.test:{self.site_b.port}{path}"


def site_a_routes(web_canary_port: int, site_b_port: int) -> dict[str, loopback.Behaviour]:
    binary = os.urandom(64 * 1024)
    to = loopback.redirect
    return {
        "/ok": loopback.respond(200, STORY),
        "/gone": loopback.respond(404, "<title>Not Found</title>"),
        "/slowloris": loopback.slow_body(byte_interval=1.0, length=1000),
        "/slow-headers": loopback.slow_headers(byte_interval=1.0),
        "/endless": loopback.endless_chunked(),
        "/gzip-bomb": loopback.gzip_bomb(compressed_length=10 * 1024 * 1024),
        "/brotli-bomb": loopback.huge_body(
            50 * 1024 * 1024, headers=[("Content-Type", "text/html"), ("Content-Encoding", "br")]
        ),
        "/huge-headers": loopback.huge_headers(),
        "/many-headers": loopback.respond(200, STORY, [(f"X-H{n}", "v") for n in range(5000)]),
        "/bad-status": loopback.raw(b"HTCPCP/1.0 418 I'm a teapot\r\n\r\n"),
        "/garbage": loopback.raw(os.urandom(4096)),
        "/malformed-headers": loopback.raw(
            b"HTTP/1.1 200 OK\r\nno colon here\r\nX-Nul: a\x00b\r\n\tfolded line\r\n"
            b"Content-Type: text/html\r\nContent-Length: 20\r\n\r\n<title>Hi</title>..."
        ),
        "/length-lie": loopback.raw(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n"
            + STORY.encode()[:500]
        ),
        "/redirect-without-location": loopback.respond(302, "moved somewhere"),
        "/binary-as-html": loopback.respond(200, binary, [("Content-Type", "text/html")]),
        "/html-as-png": loopback.respond(200, STORY, [("Content-Type", "image/png")]),
        "/to-file": to("file:///etc/passwd"),
        "/to-ftp": to("ftp://ftp.example.org/pub/file.txt"),
        "/to-javascript": to("javascript:alert(document.cookie)"),
        "/to-data": to("data:text/html,<script>alert(1)</script>"),
        "/to-loopback": to(f"http://127.0.0.1:{web_canary_port}/secret"),
        "/to-localhost-v6": to(f"http://[::1]:{web_canary_port}/secret"),
        "/to-metadata": to("http://169.254.169.254/latest/meta-data/"),
        "/to-private-name": to(f"http://canary.test:{web_canary_port}/secret"),
        "/to-intranet-name": to("http://intranet.test/admin"),
        "/to-mixed-name": to(f"http://mixed.test:{web_canary_port}/secret"),
        "/loop": to(f"http://site-b.test:{site_b_port}/loop"),
        "/hang": loopback.hang(),
        "/reset": loopback.reset(),
    }


@pytest.fixture
def connections(
    no_internet: responses.RequestsMock, monkeypatch: pytest.MonkeyPatch
) -> list[object]:
    """Every socket connection attempted; only the two sites' addresses are let through.

    The `responses` guard is lifted so that the fetcher's own address checks are what stand
    between a hostile redirect and the network; this socket-level guard keeps the test off the
    internet even if they failed, and records the attempt so the test fails.
    """
    attempts: list[object] = []
    original = socket.socket.connect

    def guarded_connect(sock: socket.socket, address: object) -> None:
        attempts.append(address)
        if not (isinstance(address, tuple) and address[0] in SITE_ADDRESSES):
            raise ConnectionRefusedError(f"the test refuses to connect to {address}")
        original(sock, address)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    no_internet.add_passthru(re.compile(r".*"))
    return attempts


@pytest.fixture
def web(connections: list[object]) -> Iterator[HostileWeb]:
    canary = loopback.LoopbackServer(
        host="127.0.0.1", fallback=loopback.respond(200, "canary"), lifetime=30
    ).start()
    site_b = loopback.LoopbackServer(host="127.0.0.3", lifetime=30)
    site_a = loopback.LoopbackServer(
        site_a_routes(canary.port, site_b.port), host="127.0.0.2", lifetime=30
    )
    site_b.routes["/loop"] = loopback.redirect(f"http://site-a.test:{site_a.port}/loop")
    site_a.start()
    site_b.start()
    names = {
        "site-a.test": ["127.0.0.2"],
        "site-b.test": ["127.0.0.3"],
        "canary.test": ["127.0.0.1"],
        "intranet.test": ["10.1.2.3"],
        "mixed.test": ["127.0.0.2", "127.0.0.1"],
    }
    yield HostileWeb(site_a, site_b, canary, names, connections)
    for server in (site_a, site_b, canary):
        server.stop()


def expected_verdicts(web: HostileWeb) -> dict[str, LinkVerdict]:
    alive, dead = LinkVerdict.ALIVE, LinkVerdict.DEAD
    unreachable, skipped, invalid = (
        LinkVerdict.UNREACHABLE,
        LinkVerdict.SKIPPED,
        LinkVerdict.INVALID,
    )
    cases = {
        web.a("/ok"): alive,
        web.a("/gone"): dead,
        web.a("/slowloris"): alive,
        web.a("/slow-headers"): unreachable,
        web.a("/endless"): alive,
        web.a("/gzip-bomb"): alive,
        web.a("/brotli-bomb"): alive,
        web.a("/huge-headers"): unreachable,
        web.a("/many-headers"): unreachable,
        web.a("/bad-status"): unreachable,
        web.a("/garbage"): unreachable,
        web.a("/malformed-headers"): alive,
        web.a("/length-lie"): alive,
        web.a("/redirect-without-location"): unreachable,
        web.a("/binary-as-html"): alive,
        web.a("/html-as-png"): alive,
        web.a("/to-file"): unreachable,
        web.a("/to-ftp"): unreachable,
        web.a("/to-javascript"): unreachable,
        web.a("/to-data"): unreachable,
        web.a("/to-loopback"): skipped,
        web.a("/to-localhost-v6"): skipped,
        web.a("/to-metadata"): skipped,
        web.a("/to-private-name"): skipped,
        web.a("/to-intranet-name"): skipped,
        web.a("/to-mixed-name"): skipped,
        web.a("/loop"): unreachable,
        web.a("/hang"): unreachable,
        web.a("/reset"): unreachable,
        f"https://site-a.test:{web.site_a.port}/ok": unreachable,
        f"http://canary.test:{web.canary.port}/": skipped,
        f"http://127.0.0.1:{web.canary.port}/": skipped,
        "http://unknown-host.test/page": dead,
        "file:///etc/passwd": invalid,
        "javascript:alert(1)": invalid,
    }
    return cases


def run_hostile(web: HostileWeb) -> tuple[list[LinkResult], float, int]:
    targets = [LinkTarget(url, (url,)) for url in expected_verdicts(web)]
    fetcher = LiveFetcher(
        LIMITS, resolver=web.resolve, allowed_networks=("127.0.0.2/32", "127.0.0.3/32")
    )
    tracemalloc.start()
    started = time.monotonic()
    try:
        results = check_links(targets, fetcher, OPTIONS)
        elapsed = time.monotonic() - started
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        fetcher.close()
    return results, elapsed, peak


def test_every_hostile_case_gets_its_verdict_in_time_and_memory(web: HostileWeb) -> None:
    results, elapsed, peak = run_hostile(web)
    verdicts = {result.url: result.verdict for result in results}
    print(f"hostile web: {len(results)} URLs in {elapsed:.1f} s, peak {peak / 2**20:.1f} MiB")
    for result in results:
        print(f"  {result.verdict.value:12} {result.url}: {result.reason}")
    assert verdicts == expected_verdicts(web)
    assert elapsed < OPTIONS.timeout + 3
    assert peak < MEMORY_BOUND
    assert web.canary.connections == 0
    assert web.canary.traffic.requests == []
    refused = [a for a in web.connections if not (isinstance(a, tuple) and a[0] in SITE_ADDRESSES)]
    assert refused == []


def test_reasons_name_what_went_wrong(web: HostileWeb) -> None:
    results, _elapsed, _peak = run_hostile(web)
    reasons = {result.url: result.reason for result in results}
    assert "redirect loop" in reasons[web.a("/loop")]
    assert "unusable URL 'javascript:" in reasons[web.a("/to-javascript")]
    assert "private" in reasons[web.a("/to-private-name")]
    assert "TLS" in reasons[f"https://site-a.test:{web.site_a.port}/ok"]
    assert "timed out" in reasons[web.a("/hang")]


def test_no_encoding_beyond_gzip_and_deflate_is_asked_for(web: HostileWeb) -> None:
    # A `br` (or `zstd`) body is kept as sent, capped at `max_bytes`, never decoded: urllib3
    # would decode it if the brotli package were installed, so the fetcher must not ask.
    run_hostile(web)
    sent = [headers.get("accept-encoding", "") for _m, _p, headers in web.site_a.traffic.requests]
    assert sent and all(value == "gzip, deflate" for value in sent)


def test_what_a_server_sends_reaches_no_reason_as_control_characters(web: HostileWeb) -> None:
    escape = b"HTTP/1.1 2\x1b[31;1mOK\x1b]0;pwned\x07\x00\r\n\r\n"
    web.site_a.routes["/ansi"] = loopback.raw(escape)
    fetcher = LiveFetcher(LIMITS, resolver=web.resolve, allowed_networks=("127.0.0.2/32",))
    try:
        [result] = check_links([LinkTarget(web.a("/ansi"), ("ansi",))], fetcher, OPTIONS)
    finally:
        fetcher.close()
    assert result.verdict is LinkVerdict.UNREACHABLE
    assert result.reason.isprintable()
