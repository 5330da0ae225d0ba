"""Which addresses a fetcher may reach, and which URLs it may fetch at all."""

from __future__ import annotations

import ipaddress

import pytest

from citeaudit.web.fetchers.addresses import (
    AddressRefusedError,
    InvalidURLError,
    check_url,
    checked_addresses,
    is_public_address,
)


@pytest.mark.parametrize(
    "address",
    ["93.184.216.34", "8.8.8.8", "2606:2800:220:1:248:1893:25c8:1946", "2001:4860:4860::8888"],
)
def test_public_addresses_are_allowed(address: str) -> None:
    assert is_public_address(ipaddress.ip_address(address))


@pytest.mark.parametrize(
    "address",
    [
        "10.1.2.3",
        "172.16.0.1",
        "192.168.0.1",
        "127.0.0.1",
        "127.255.0.9",
        "169.254.169.254",
        "0.0.0.0",
        "224.0.0.251",
        "255.255.255.255",
        "240.0.0.1",
        "100.64.0.1",
        "192.0.2.1",
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "ff02::1",
        "::ffff:10.0.0.1",
        "::ffff:127.0.0.1",
        "2002:7f00:1::",
        "64:ff9b::a00:1",
        "2001::ffff:fffe",
    ],
)
def test_non_public_addresses_are_refused(address: str) -> None:
    assert not is_public_address(ipaddress.ip_address(address))


def test_a_host_with_any_private_answer_is_refused() -> None:
    def mixed(host: str, port: int) -> list[str]:
        return ["93.184.216.34", "10.0.0.1"]

    with pytest.raises(AddressRefusedError, match="10.0.0.1"):
        checked_addresses("mixed.test", 80, allow_private=False, resolver=mixed)
    assert checked_addresses("mixed.test", 80, allow_private=True, resolver=mixed) == [
        "93.184.216.34",
        "10.0.0.1",
    ]


@pytest.mark.parametrize(
    "url, expected",
    [
        ("HTTPS://Example.ORG/Path?q=1#frag", "https://example.org/Path?q=1"),
        ("http://example.org", "http://example.org/"),
        ("http://bücher.example/straße", "http://xn--bcher-kva.example/stra%C3%9Fe"),
        ("http://[2001:db8::1]:8080/x", "http://[2001:db8::1]:8080/x"),
        ("  http://example.org/a%20b  ", "http://example.org/a%20b"),
        ("http://example.org./", "http://example.org/"),
    ],
)
def test_urls_are_checked_and_put_in_ascii(url: str, expected: str) -> None:
    assert check_url(url).url == expected


def test_checked_url_knows_its_port() -> None:
    assert check_url("https://example.org/").port == 443
    assert check_url("http://example.org:8080/").port == 8080


@pytest.mark.parametrize(
    "url", ["http://-bad-.example/", "http://a..b/", "http://" + "a" * 64 + ".example/"]
)
def test_bad_host_names_are_invalid(url: str) -> None:
    with pytest.raises(InvalidURLError):
        check_url(url)
