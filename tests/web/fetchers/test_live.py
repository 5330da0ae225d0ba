"""`LiveFetcher` at the request level, with `responses` standing in for the network."""

from __future__ import annotations

import gzip
import http.client
import socket
import ssl
import zlib
from collections.abc import Iterator

import pytest
import requests
import responses
import urllib3
from hypothesis import given, settings
from hypothesis import strategies as st

from citeaudit.model import FailureKind, FetchRequest
from citeaudit.web.fetchers.addresses import InvalidURLError, check_url
from citeaudit.web.fetchers.live import (
    LiveFetcher,
    LiveLimits,
    classify_failure,
    default_user_agent,
)


@pytest.fixture
def fetcher() -> Iterator[LiveFetcher]:
    live = LiveFetcher(LiveLimits(max_bytes=1000, max_decoded_bytes=4000))
    yield live
    live.close()


@pytest.mark.parametrize("status", [200, 204, 401, 403, 404, 410, 429, 451, 500, 503])
def test_status_is_passed_through(
    fetcher: LiveFetcher, no_internet: responses.RequestsMock, status: int
) -> None:
    no_internet.get("https://example.org/page", status=status, body="<title>x</title>")
    result = fetcher.fetch(FetchRequest("https://example.org/page"))
    assert result.status == status and result.failure is None
    assert result.url == "https://example.org/page"


def test_redirect_is_one_hop_with_location(
    fetcher: LiveFetcher, no_internet: responses.RequestsMock
) -> None:
    no_internet.get(
        "https://example.org/old", status=301, headers={"Location": "https://example.org/new"}
    )
    no_internet.get("https://example.org/new", status=200)
    result = fetcher.fetch(FetchRequest("https://example.org/old"))
    assert result.status == 301
    assert result.header("location") == "https://example.org/new"
    assert [call.request.url for call in no_internet.calls] == ["https://example.org/old"]


def test_headers_are_lower_cased_and_request_headers_sent(
    fetcher: LiveFetcher, no_internet: responses.RequestsMock
) -> None:
    no_internet.get(
        "https://example.org/", status=200, headers={"X-Thing": "1", "Retry-After": "5"}
    )
    result = fetcher.fetch(
        FetchRequest("https://example.org/", headers=(("Accept-Language", "kk"),))
    )
    assert result.header("x-thing") == "1" and result.header("retry-after") == "5"
    assert all(name == name.lower() for name, _ in result.headers)
    sent = no_internet.calls[0].request.headers
    assert sent["Accept-Language"] == "kk"
    assert sent["User-Agent"] == default_user_agent()
    assert sent["Accept-Encoding"] == "gzip, deflate"


def test_user_agent_names_tool_version_contact_and_library() -> None:
    agent = default_user_agent("https://example.org/contact")
    assert agent.startswith("citeaudit/0.")
    assert "(+https://example.org/contact; citation checker bot)" in agent
    assert f"python-requests/{requests.__version__}" in agent


def test_custom_user_agent_is_sent(no_internet: responses.RequestsMock) -> None:
    no_internet.get("https://example.org/", status=200)
    live = LiveFetcher(user_agent="MyAudit/1.0 (mailto:me@example.org)")
    live.fetch(FetchRequest("https://example.org/"))
    live.close()
    assert (
        no_internet.calls[0].request.headers["User-Agent"] == "MyAudit/1.0 (mailto:me@example.org)"
    )


def test_head_only_when_asked(fetcher: LiveFetcher, no_internet: responses.RequestsMock) -> None:
    no_internet.get("https://example.org/", status=200)
    no_internet.head("https://example.org/", status=405)
    assert fetcher.fetch(FetchRequest("https://example.org/")).status == 200
    assert fetcher.fetch(FetchRequest("https://example.org/", method="HEAD")).status == 405
    assert [call.request.method for call in no_internet.calls] == ["GET", "HEAD"]


def test_body_is_cut_at_max_bytes(
    fetcher: LiveFetcher, no_internet: responses.RequestsMock
) -> None:
    no_internet.get("https://example.org/big", status=200, body=b"a" * 100_000)
    result = fetcher.fetch(FetchRequest("https://example.org/big"))
    assert result.truncated
    assert 0 < len(result.body) < 100_000


@pytest.mark.parametrize(
    "encoding, pack",
    [
        ("gzip", gzip.compress),
        ("deflate", zlib.compress),
        ("deflate", lambda data: zlib.compress(data)[2:-4]),  # raw deflate, as some servers send it
    ],
)
def test_compressed_bodies_are_decoded(
    fetcher: LiveFetcher, no_internet: responses.RequestsMock, encoding: str, pack: object
) -> None:
    page = b"<title>Packed</title>" + b"z" * 500
    no_internet.get(
        "https://example.org/", status=200, body=pack(page), headers={"Content-Encoding": encoding}
    )  # type: ignore[operator]
    result = fetcher.fetch(FetchRequest("https://example.org/"))
    assert result.body == page and not result.truncated


def test_decoded_size_is_capped(fetcher: LiveFetcher, no_internet: responses.RequestsMock) -> None:
    no_internet.get(
        "https://example.org/",
        status=200,
        body=gzip.compress(b"\0" * 1_000_000),
        headers={"Content-Encoding": "gzip"},
    )
    result = fetcher.fetch(FetchRequest("https://example.org/"))
    assert result.truncated and len(result.body) == 4000


def test_corrupt_gzip_keeps_the_status(
    fetcher: LiveFetcher, no_internet: responses.RequestsMock
) -> None:
    no_internet.get(
        "https://example.org/",
        status=200,
        body=b"not gzip at all",
        headers={"Content-Encoding": "gzip"},
    )
    result = fetcher.fetch(FetchRequest("https://example.org/"))
    assert result.status == 200 and result.truncated
    assert "gzip" in result.detail


def test_idn_host_is_sent_as_punycode(
    fetcher: LiveFetcher, no_internet: responses.RequestsMock
) -> None:
    no_internet.get("https://xn--bcher-kva.example/seite", status=200)
    result = fetcher.fetch(FetchRequest("https://bücher.example/seite"))
    assert result.status == 200
    assert result.url == "https://bücher.example/seite"


@pytest.mark.parametrize(
    "url",
    [
        "",
        "not a url",
        "ftp://example.org/file",
        "javascript:alert(1)",
        "http://",
        "http:///path",
        "http://example.org:99999/",
        "http://exa mple.org/",
        "https://xn--/",
        "http://[::1/",
        "http://a\nb/",
        "mailto:someone@example.org",
        "http://user:pass@example.org/",
    ],
)
def test_malformed_urls_are_invalid_not_raised(fetcher: LiveFetcher, url: str) -> None:
    result = fetcher.fetch(FetchRequest(url))
    assert result.failure is FailureKind.INVALID_URL
    assert result.status is None and result.detail


def _refused() -> Exception:
    return requests.exceptions.ConnectionError(
        urllib3.exceptions.MaxRetryError(
            None,
            "/",
            urllib3.exceptions.NewConnectionError(None, "Failed: [Errno 111] Connection refused"),
        )
    )  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "error, kind",
    [
        (requests.exceptions.ConnectTimeout("connect timed out"), "timeout"),
        (requests.exceptions.ReadTimeout("read timed out"), "timeout"),
        (
            requests.exceptions.ConnectionError(socket.gaierror(-2, "Name or service not known")),
            "dns",
        ),
        (
            requests.exceptions.SSLError(ssl.SSLCertVerificationError("certificate verify failed")),
            "tls",
        ),
        (
            requests.exceptions.ConnectionError(ConnectionRefusedError(111, "Connection refused")),
            "connection",
        ),
        (
            requests.exceptions.ConnectionError(
                urllib3.exceptions.ProtocolError(
                    "Connection aborted.", ConnectionResetError(104, "Connection reset by peer")
                )
            ),
            "reset",
        ),
        (
            requests.exceptions.ConnectionError(
                urllib3.exceptions.ProtocolError(
                    "Connection aborted.", http.client.RemoteDisconnected("closed")
                )
            ),
            "reset",
        ),
        (
            requests.exceptions.ConnectionError(
                urllib3.exceptions.ProtocolError(
                    "Connection aborted.", http.client.BadStatusLine("HTCPCP/1.0 418")
                )
            ),
            "protocol",
        ),
        (
            requests.exceptions.ConnectionError(
                urllib3.exceptions.ProtocolError(
                    "Connection aborted.", http.client.LineTooLong("header line")
                )
            ),
            "too-large",
        ),
        (
            requests.exceptions.ConnectionError(
                urllib3.exceptions.ProtocolError(
                    "Connection aborted.", http.client.HTTPException("got more than 100 headers")
                )
            ),
            "too-large",
        ),
        (requests.exceptions.InvalidURL("bad"), "invalid-url"),
        (_refused(), "connection"),
    ],
)
def test_exceptions_map_to_failure_kinds(
    fetcher: LiveFetcher, no_internet: responses.RequestsMock, error: Exception, kind: str
) -> None:
    no_internet.get("https://example.org/", body=error)
    result = fetcher.fetch(FetchRequest("https://example.org/"))
    assert result.failure is FailureKind(kind)
    assert result.status is None and result.detail


def test_any_error_after_the_deadline_is_a_timeout() -> None:
    late = classify_failure(ConnectionResetError(104, "reset"), deadline_passed=True)
    assert late is FailureKind.TIMEOUT
    assert classify_failure(ConnectionResetError(104, "reset")) is FailureKind.RESET


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=40).map(lambda tail: "http://" + tail), st.text(max_size=40)))
def test_any_text_is_a_failure_or_an_ascii_url(url: str) -> None:
    try:
        checked = check_url(url)
    except InvalidURLError:
        return
    assert checked.url.isascii() and checked.scheme in ("http", "https") and checked.host
