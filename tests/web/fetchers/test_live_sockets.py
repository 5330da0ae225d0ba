"""`LiveFetcher` against a real HTTP server on loopback: deadlines, caps, bombs, resets, safety."""

from __future__ import annotations

import gzip
import socket
import time
import tracemalloc
from collections.abc import Iterator

import pytest
import responses

from citeaudit.model import FailureKind, FetchRequest
from citeaudit.web.fetchers.live import LiveFetcher, LiveLimits
from tests.web.fetchers import loopback

pytestmark = pytest.mark.usefixtures("loopback_network")

QUICK = LiveLimits(
    connect_timeout=1.0,
    read_timeout=1.0,
    total_timeout=2.0,
    max_bytes=256 * 1024,
    max_decoded_bytes=256 * 1024,
)


@pytest.fixture
def fetcher() -> Iterator[LiveFetcher]:
    live = LiveFetcher(QUICK, allow_private=True)
    yield live
    live.close()


def serve(
    routes: dict[str, loopback.Behaviour], host: str = "127.0.0.1"
) -> loopback.LoopbackServer:
    return loopback.LoopbackServer(routes, host=host, lifetime=20).start()


def test_plain_answer_with_headers_body_and_user_agent(fetcher: LiveFetcher) -> None:
    page = "<html><head><title>Hello</title></head><body>hi</body></html>"
    with serve({"/page": loopback.respond(200, page, [("X-Test", "yes")])}) as server:
        result = fetcher.fetch(FetchRequest(server.url("/page")))
        sent_headers = server.traffic.requests[0][2]
    assert result.status == 200
    assert result.body == page.encode()
    assert result.header("x-test") == "yes"
    assert not result.truncated and result.failure is None
    assert sent_headers["user-agent"].startswith("citeaudit/")
    assert "bot" in sent_headers["user-agent"]


def test_redirect_is_returned_not_followed(fetcher: LiveFetcher) -> None:
    with serve(
        {"/old": loopback.redirect("/new", 301), "/new": loopback.respond(200, "new")}
    ) as server:
        result = fetcher.fetch(FetchRequest(server.url("/old")))
        paths = server.traffic.paths()
    assert result.status == 301
    assert result.header("location") == "/new"
    assert paths == ["/old"]


def test_connections_are_reused_across_requests(fetcher: LiveFetcher) -> None:
    connects = []
    with serve({"/a": loopback.respond(200, "a")}) as server:
        original = socket.socket.connect

        def counting_connect(sock: socket.socket, address: object) -> None:
            connects.append(address)
            original(sock, address)

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(socket.socket, "connect", counting_connect)
            results = [fetcher.fetch(FetchRequest(server.url("/a"))) for _ in range(3)]
    assert [result.status for result in results] == [200, 200, 200]
    assert len(connects) == 1


def test_slowloris_body_is_cut_at_the_deadline(fetcher: LiveFetcher) -> None:
    with serve({"/slow": loopback.slow_body(byte_interval=0.2, length=1000)}) as server:
        started = time.monotonic()
        result = fetcher.fetch(FetchRequest(server.url("/slow")))
        elapsed = time.monotonic() - started
    assert elapsed < QUICK.total_timeout + 0.5
    assert result.status == 200 and result.truncated
    assert "deadline" in result.detail


def test_slowloris_headers_time_out_at_the_deadline(fetcher: LiveFetcher) -> None:
    with serve({"/slow": loopback.slow_headers(byte_interval=0.2)}) as server:
        started = time.monotonic()
        result = fetcher.fetch(FetchRequest(server.url("/slow")))
        elapsed = time.monotonic() - started
    assert elapsed < QUICK.total_timeout + 0.5
    assert result.failure is FailureKind.TIMEOUT and result.status is None


def test_hang_after_accept_is_a_timeout(fetcher: LiveFetcher) -> None:
    with serve({"/hang": loopback.hang()}) as server:
        started = time.monotonic()
        result = fetcher.fetch(FetchRequest(server.url("/hang")))
        elapsed = time.monotonic() - started
    assert result.failure is FailureKind.TIMEOUT
    assert elapsed < QUICK.total_timeout + 0.5


def test_endless_chunked_body_stops_at_the_byte_cap(fetcher: LiveFetcher) -> None:
    with serve({"/endless": loopback.endless_chunked()}) as server:
        result = fetcher.fetch(FetchRequest(server.url("/endless")))
    assert result.status == 200 and result.truncated
    assert QUICK.max_bytes - 70_000 <= len(result.body) <= QUICK.max_bytes


def test_gzip_body_is_decoded(fetcher: LiveFetcher) -> None:
    page = b"<title>Compressed</title>" + b"text " * 1000
    packed = gzip.compress(page)
    with serve({"/gz": loopback.respond(200, packed, [("Content-Encoding", "gzip")])}) as server:
        result = fetcher.fetch(FetchRequest(server.url("/gz")))
    assert result.body == page and not result.truncated


def test_gzip_bomb_never_allocates_past_the_cap(fetcher: LiveFetcher) -> None:
    with serve({"/bomb": loopback.gzip_bomb(compressed_length=10 * 1024 * 1024)}) as server:
        tracemalloc.start()
        try:
            result = fetcher.fetch(FetchRequest(server.url("/bomb")))
            _current, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert result.status == 200 and result.truncated
    assert len(result.body) == QUICK.max_decoded_bytes
    assert peak < 8 * QUICK.max_decoded_bytes


def test_reset_is_reported(fetcher: LiveFetcher) -> None:
    with serve({"/reset": loopback.reset()}) as server:
        result = fetcher.fetch(FetchRequest(server.url("/reset")))
    assert result.failure is FailureKind.RESET


def test_refused_connection_is_reported(fetcher: LiveFetcher) -> None:
    server = serve({})
    url = server.url("/")
    server.stop()
    result = fetcher.fetch(FetchRequest(url))
    assert result.failure is FailureKind.CONNECTION


def test_huge_headers_are_too_large(fetcher: LiveFetcher) -> None:
    with serve({"/huge": loopback.huge_headers()}) as server:
        result = fetcher.fetch(FetchRequest(server.url("/huge")))
    assert result.failure is FailureKind.TOO_LARGE


def test_invalid_status_line_is_a_protocol_failure(fetcher: LiveFetcher) -> None:
    with serve({"/bad": loopback.raw(b"HTCPCP/1.0 418 I'm a teapot, honestly\r\n\r\n")}) as server:
        result = fetcher.fetch(FetchRequest(server.url("/bad")))
    assert result.failure is FailureKind.PROTOCOL


def test_dns_failure_from_the_resolver(connect_attempts: list[object]) -> None:
    def resolver(host: str, port: int) -> list[str]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    live = LiveFetcher(QUICK, resolver=resolver)
    try:
        result = live.fetch(FetchRequest("http://no-such-host.test/"))
    finally:
        live.close()
    assert result.failure is FailureKind.DNS
    assert connect_attempts == []


def test_redirect_target_on_loopback_is_refused_by_default() -> None:
    with serve({"/go": loopback.redirect("http://127.0.0.1:9/secret")}) as server:
        permissive = LiveFetcher(QUICK, allow_private=True)
        strict = LiveFetcher(QUICK)
        try:
            hop = permissive.fetch(FetchRequest(server.url("/go")))
            location = hop.header("location")
            assert location is not None
            result = strict.fetch(FetchRequest(location))
            direct = strict.fetch(FetchRequest(server.url("/go")))
        finally:
            permissive.close()
            strict.close()
        seen = server.traffic.paths()
    assert hop.status == 302
    assert result.failure is FailureKind.REFUSED_ADDRESS
    assert direct.failure is FailureKind.REFUSED_ADDRESS
    assert seen == ["/go"]


def test_named_host_that_rebinds_to_loopback_is_refused(connect_attempts: list[object]) -> None:
    answers = iter([["93.184.216.34"], ["127.0.0.1"]])

    def rebinding_resolver(host: str, port: int) -> list[str]:
        return next(answers)

    live = LiveFetcher(QUICK, resolver=rebinding_resolver)
    try:
        # The first answer is public: the fetcher connects to exactly the address it checked
        # (the refusing socket layer records it), with no second look-up of its own.
        first = live.fetch(FetchRequest("http://rebind.test/"))
        second = live.fetch(FetchRequest("http://rebind.test/"))
    finally:
        live.close()
    assert [address[0] for address in connect_attempts] == ["93.184.216.34"]  # type: ignore[index]
    assert first.failure is FailureKind.CONNECTION
    assert second.failure is FailureKind.REFUSED_ADDRESS


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.1/",
        "http://[::1]/",
        "http://169.254.169.254/latest/meta-data/",
        "http://0.0.0.0/",
        "http://[::ffff:10.0.0.1]/",
        "http://[::ffff:127.0.0.1]:8080/",
        "http://192.168.1.1/",
        "http://[fe80::1]/",
        "http://224.0.0.1/",
        "http://240.0.0.1/",
        "http://100.64.0.1/",
        "http://[fc00::1]/",
        "http://[2002:a00:1::]/",
        "http://localhost/",
    ],
)
def test_non_public_addresses_are_refused_without_any_connection(
    url: str, connect_attempts: list[object]
) -> None:
    live = LiveFetcher(QUICK)
    try:
        result = live.fetch(FetchRequest(url))
    finally:
        live.close()
    assert result.failure is FailureKind.REFUSED_ADDRESS
    assert connect_attempts == []


def test_each_resolved_address_is_tried_in_turn(loopback_network: responses.RequestsMock) -> None:
    loopback_network.add_passthru("http://several.test:")

    with serve({"/": loopback.respond(200, "second address")}) as server:

        def resolver(host: str, port: int) -> list[str]:
            assert (host, port) == ("several.test", server.port)
            return ["127.0.0.9", "127.0.0.1"]  # nothing listens on the first

        live = LiveFetcher(QUICK, allow_private=True, resolver=resolver)
        try:
            result = live.fetch(FetchRequest(f"http://several.test:{server.port}/"))
        finally:
            live.close()
        sent = server.traffic.requests[0][2]
    assert result.status == 200 and result.body == b"second address"
    assert sent["host"] == f"several.test:{server.port}"
