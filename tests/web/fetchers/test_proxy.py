"""`LiveFetcher` through a real HTTP proxy on loopback, the address guard holding all the way:
http targets forwarded after their name is checked, https targets tunnelled to the very
address checked, refused targets never reaching the proxy; and the proxy settings."""

from __future__ import annotations

import re
import socket
from collections.abc import Callable, Iterator, Mapping

import pytest
import responses

from citeaudit.model import FailureKind, FetchRequest
from citeaudit.web.fetchers.live import LiveFetcher, LiveLimits
from citeaudit.web.fetchers.proxies import Proxy, ProxyError, ProxyRoutes
from tests.web.fetchers import loopback
from tests.web.fetchers.proxy_server import LoopbackProxy

QUICK = LiveLimits(connect_timeout=2.0, read_timeout=2.0, total_timeout=4.0)
ORIGIN = "127.0.0.2"
CANARY = "127.0.0.1"
PAGE = "<html><head><title>Through the proxy</title></head><body>hello</body></html>"


@pytest.fixture
def named_hosts(loopback_network: responses.RequestsMock) -> None:
    """Let `requests` reach the `.test` names the tests resolve to loopback addresses."""
    loopback_network.add_passthru(re.compile(r"^https?://[a-z.]+\.test(:\d+)?(/|$)"))


pytestmark = pytest.mark.usefixtures("named_hosts")


def resolver(table: Mapping[str, str]) -> Callable[[str, int], list[str]]:
    def resolve(host: str, port: int) -> list[str]:
        if host in table:
            return [table[host]]
        raise socket.gaierror(-2, "Name or service not known")

    return resolve


@pytest.fixture
def origin() -> Iterator[loopback.LoopbackServer]:
    with loopback.LoopbackServer(
        {"/page": loopback.respond(200, PAGE)}, host=ORIGIN, lifetime=20
    ) as server:
        yield server


def fetcher_through(proxy: LoopbackProxy | Proxy, no_proxy: str = "") -> LiveFetcher:
    chosen = proxy if isinstance(proxy, Proxy) else Proxy.parse(proxy.url)
    return LiveFetcher(
        QUICK,
        resolver=resolver({"site.test": ORIGIN, "secure.test": ORIGIN, "evil.test": CANARY}),
        allowed_networks=[f"{ORIGIN}/32"],
        proxies=ProxyRoutes({"http": chosen, "https": chosen}, no_proxy),
    )


def test_an_http_target_is_forwarded_after_its_name_is_checked(
    origin: loopback.LoopbackServer,
) -> None:
    with LoopbackProxy(names={"site.test": ORIGIN}) as proxy:
        live = fetcher_through(proxy)
        url = f"http://site.test:{origin.port}/page"
        result = live.fetch(FetchRequest(url))
        live.close()
    assert result.status == 200 and result.body == PAGE.encode()
    assert [(method, target) for method, target, _ in proxy.asked] == [("GET", url)]
    assert origin.traffic.paths() == ["/page"]


@pytest.mark.parametrize("scheme", ["http", "https"])
def test_a_target_on_a_refused_address_never_reaches_the_proxy(scheme: str) -> None:
    with LoopbackProxy(names={"evil.test": CANARY}) as proxy:
        live = fetcher_through(proxy)
        result = live.fetch(FetchRequest(f"{scheme}://evil.test:8080/admin"))
        live.close()
    assert result.failure is FailureKind.REFUSED_ADDRESS
    assert proxy.asked == []


def test_an_https_target_is_tunnelled_to_the_very_address_checked(
    origin: loopback.LoopbackServer,
) -> None:
    """The proxy's own DNS would send `secure.test` to the canary: the tunnel names the address
    checked here, so the proxy cannot be made to connect anywhere else."""
    with LoopbackProxy(names={"secure.test": CANARY}) as proxy:
        live = fetcher_through(proxy)
        result = live.fetch(FetchRequest(f"https://secure.test:{origin.port}/page"))
        live.close()
    assert [(method, target) for method, target, _ in proxy.asked] == [
        ("CONNECT", f"{ORIGIN}:{origin.port}")
    ]
    # The origin here speaks no TLS: the handshake, made through the tunnel, reached it and failed.
    assert result.failure is FailureKind.TLS and origin.connections == 1


def test_proxy_credentials_are_sent_to_the_proxy_only(origin: loopback.LoopbackServer) -> None:
    credentials = "Basic dXNlcjpww6Rzcw=="  # user:päss
    with LoopbackProxy(names={"site.test": ORIGIN}, authorization=credentials) as proxy:
        live = fetcher_through(Proxy.parse(proxy.url.replace("//", "//user:p%C3%A4ss@")))
        forwarded = live.fetch(FetchRequest(f"http://site.test:{origin.port}/page"))
        live.fetch(FetchRequest(f"https://secure.test:{origin.port}/page"))
        live.close()
    assert forwarded.status == 200
    assert [headers.get("proxy-authorization") for _, _, headers in proxy.asked] == [
        credentials,
        credentials,
    ]
    assert "proxy-authorization" not in origin.traffic.requests[0][2]


def test_a_proxy_refusing_a_tunnel_is_a_connection_failure(
    origin: loopback.LoopbackServer,
) -> None:
    with LoopbackProxy(authorization="Basic c2VjcmV0") as proxy:
        live = fetcher_through(proxy)
        result = live.fetch(FetchRequest(f"https://secure.test:{origin.port}/page"))
        live.close()
    assert result.failure is FailureKind.CONNECTION
    assert "407" in result.detail and "refused a tunnel" in result.detail


def test_no_proxy_hosts_are_reached_directly(origin: loopback.LoopbackServer) -> None:
    with LoopbackProxy() as proxy:
        live = fetcher_through(proxy, no_proxy="example.org, .test")
        result = live.fetch(FetchRequest(f"http://site.test:{origin.port}/page"))
        live.close()
    assert result.status == 200 and proxy.asked == []


# --- the settings ------------------------------------------------------------------------------


def test_the_environment_names_a_proxy_per_scheme_lower_case_first() -> None:
    routes = ProxyRoutes.from_settings(
        None,
        {
            "https_proxy": "http://secure-proxy:3128",
            "HTTPS_PROXY": "http://ignored:1",
            "ALL_PROXY": "proxy.example:8080",
            "NO_PROXY": "intranet.example,10.0.0.0/8",
        },
    )
    assert routes.for_target("https", "news.example") == Proxy(
        "http://secure-proxy:3128", "secure-proxy", 3128
    )
    assert routes.for_target("http", "news.example") == Proxy(
        "http://proxy.example:8080", "proxy.example", 8080
    )
    assert routes.for_target("https", "wiki.intranet.example") is None
    assert routes.for_target("http", "10.1.2.3") is None


def test_proxy_option_overrides_the_environment() -> None:
    routes = ProxyRoutes.from_settings("127.0.0.1:3128", {"HTTP_PROXY": "http://other:1"})
    assert routes.for_target("http", "a.example") == Proxy(
        "http://127.0.0.1:3128", "127.0.0.1", 3128
    )
    assert routes.for_target("https", "a.example") is not None
    assert ProxyRoutes.from_settings(None, {}).for_target("https", "a.example") is None


@pytest.mark.parametrize(
    ("setting", "words"),
    [
        ("socks5://127.0.0.1:1080", "only http:// proxies"),
        ("https://proxy.example:443", "only http:// proxies"),
        ("http://:3128", "no proxy host"),
        ("http://proxy.example:99999", "Port out of range"),
    ],
)
def test_unusable_proxy_settings_say_why(setting: str, words: str) -> None:
    with pytest.raises(ProxyError, match=words):
        ProxyRoutes.from_settings(setting, {})
