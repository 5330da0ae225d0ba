"""URL validation and normalisation: only http and https, malformed input never crashes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citeaudit.web.urls import host_of, normalise_url, resolve_location, same_url

VALID = [
    ("https://example.com/a/b?c=d", "https://example.com/a/b?c=d"),
    ("  HTTP://Example.COM  ", "http://example.com/"),
    ("https://example.com:443/x", "https://example.com/x"),
    ("http://example.com:8080/x", "http://example.com:8080/x"),
    ("https://example.com/page#section", "https://example.com/page"),
    ("//example.org/path", "https://example.org/path"),
    ("https://bücher.example/straße", "https://xn--bcher-kva.example/stra%C3%9Fe"),
    ("https://example.com/already%20encoded", "https://example.com/already%20encoded"),
    ("https://[2001:db8::1]/x", "https://[2001:db8::1]/x"),
    ("https://example.com./x", "https://example.com/x"),
    # IDNA 2008 with UTS 46, as browsers do: ß is a letter of its own, not "ss" (IDNA 2003
    # would fetch strasse.de, another registered domain).
    ("https://straße.de/x", "https://xn--strae-oqa.de/x"),
    ("https://FAß.de/", "https://xn--fa-hia.de/"),
]

INVALID = [
    ("", "empty"),
    ("javascript:alert(1)", "unsupported scheme 'javascript'"),
    ("mailto:someone@example.com", "unsupported scheme 'mailto'"),
    ("ftp://example.com/file", "unsupported scheme 'ftp'"),
    ("www.example.com/page", "no scheme"),
    ("https://example.com/a page", "whitespace"),
    ("http:///path-only", "no host"),
    ("https://example.com:99999/", "port"),
    ("https://example.com:abc/", "port"),
    ("https://exa mple.com/", "whitespace"),
    ("https://-bad-.example/", "not a valid domain name"),
    ("https://" + "a" * 64 + ".example/", "not a valid domain name"),
    ("http://[::1/", "malformed"),
    ("https://user:secret@example.com/", "user name or password"),
    ("https://xn--zz.example/", "not a valid domain name"),
]


@pytest.mark.parametrize(("raw", "expected"), VALID)
def test_valid_urls_are_normalised(raw: str, expected: str) -> None:
    assert normalise_url(raw).url == expected


@pytest.mark.parametrize(("raw", "reason"), INVALID)
def test_invalid_urls_say_why(raw: str, reason: str) -> None:
    checked = normalise_url(raw)
    assert checked.url is None
    assert reason in (checked.problem or "")


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_no_input_crashes_normalisation(raw: str) -> None:
    checked = normalise_url(raw)
    assert (checked.url is None) != (checked.problem is None)
    if checked.url is not None:
        assert checked.url.startswith(("http://", "https://"))
        assert normalise_url(checked.url).url == checked.url


def test_host_of_is_lower_case_without_port_or_userinfo() -> None:
    assert host_of("https://user:pw@Example.COM:8443/x") == "example.com"
    assert host_of("not a url") == ""


@pytest.mark.parametrize(
    ("base", "location", "expected"),
    [
        ("https://a.example/x/y", "/z", "https://a.example/z"),
        ("https://a.example/x/y", "z", "https://a.example/x/z"),
        ("https://a.example/x/y", "../up", "https://a.example/up"),
        ("https://a.example/x/y", "//b.example/p", "https://b.example/p"),
        ("http://a.example/x", "https://b.example/", "https://b.example/"),
        ("https://a.example/x", "?page=2", "https://a.example/x?page=2"),
    ],
)
def test_relative_locations_resolve_against_the_answering_url(
    base: str, location: str, expected: str
) -> None:
    assert resolve_location(base, location) == expected


def test_same_url_ignores_case_of_host_and_trailing_slash() -> None:
    assert same_url("HTTPS://Example.com/a/", "https://example.com/a")
    assert not same_url("https://example.com/a", "https://example.com/b")


def test_the_fetcher_and_the_link_checker_fetch_the_same_url() -> None:
    """One normaliser: what the link checker asks for is what the fetcher sends."""
    from citeaudit.web.fetchers.addresses import check_url

    for raw, expected in VALID:
        assert check_url(raw).url == expected
