"""From the link checker's results to source text, and keeping sources and verdicts as JSON."""

from __future__ import annotations

import json

import pytest

from citeaudit.model import FetchResult, LinkResult, LinkVerdict, SourceText, SupportVerdict
from citeaudit.support import source_for_link, verify_claim

URL = "https://courier.example/reserve"
PAGE = (
    b'<html lang="en"><head><title>Reserve opens</title></head><body><article><p>The reserve at '
    b"Ashby Marsh covers 340 hectares and opened on 12 April 2021.</p></article></body></html>"
)


def alive(body: bytes = PAGE, **headers: str) -> tuple[LinkResult, FetchResult]:
    link = LinkResult(url=URL, verdict=LinkVerdict.ALIVE, reason="200 OK", status=200)
    fetched = FetchResult(
        url=URL,
        status=200,
        headers=tuple(headers.items()) or (("content-type", "text/html; charset=utf-8"),),
        body=body,
    )
    return link, fetched


def test_an_alive_link_gives_the_text_of_its_kept_body() -> None:
    source = source_for_link(*alive())
    assert "340 hectares" in source.text
    assert (source.url, source.title, source.language) == (URL, "Reserve opens", "en")
    claim = "The Ashby Marsh reserve covers 340 hectares."
    assert verify_claim(claim, [source]).verdict is SupportVerdict.SUPPORTED


def test_headers_give_the_type_and_language() -> None:
    source = source_for_link(
        *alive(
            b"Der Preis ist mit 25.000 Euro dotiert.",
            **{"content-type": "text/plain", "content-language": "de-DE"},
        )
    )
    assert (source.kind, source.language, source.language_declared) == ("text", "de", True)


@pytest.mark.parametrize(
    ("verdict", "reason", "expected"),
    [
        (LinkVerdict.DEAD, "HTTP 404", "dead link: HTTP 404"),
        (
            LinkVerdict.SOFT_404,
            "redirected to the home page",
            "the page is gone (soft 404): redirected",
        ),
        (LinkVerdict.BLOCKED, "HTTP 403", "the site refused the checker: HTTP 403"),
        (LinkVerdict.UNREACHABLE, "timeout", "the site could not be reached: timeout"),
        (LinkVerdict.SKIPPED, "not recorded in the fixture", "not checked: not recorded"),
    ],
)
def test_a_link_that_is_not_alive_has_no_text_and_says_why(
    verdict: LinkVerdict, reason: str, expected: str
) -> None:
    source = source_for_link(LinkResult(url=URL, verdict=verdict, reason=reason))
    assert not source.has_text
    assert source.problem is not None and source.problem.startswith(expected)
    result = verify_claim("The reserve covers 340 hectares.", [source])
    assert result.verdict is SupportVerdict.UNVERIFIABLE
    assert expected in result.reason


def test_no_url_and_no_kept_body() -> None:
    assert source_for_link(None).problem == "the reference gives no URL to read"
    link, _ = alive()
    assert source_for_link(link, None).problem == "the page's text was not kept by the link check"


def test_a_cut_body_is_marked_truncated() -> None:
    link, fetched = alive()
    cut = FetchResult(url=URL, status=200, headers=fetched.headers, body=PAGE, truncated=True)
    assert source_for_link(link, cut).truncated


def test_source_text_round_trips_through_json() -> None:
    source = source_for_link(*alive())
    assert SourceText.from_json(json.loads(json.dumps(source.to_json()))) == source


def test_a_verdict_serialises_and_describes_itself() -> None:
    source = source_for_link(*alive())
    result = verify_claim("The Ashby Marsh reserve covers 430 hectares.", [source])
    data = json.loads(json.dumps(result.to_json()))
    assert data["verdict"] == "contradicted"
    assert data["missing"] == [{"kind": "number", "text": "430 hectares"}]
    assert data["conflicts"] == [
        {"kind": "number", "claim": "430 hectares", "source": "340 hectares"}
    ]
    assert data["evidence"][0]["url"] == URL
    line = result.describe()
    assert line.startswith("contradicted: the source says otherwise: “430 hectares” where")
    assert "Closest passage: “" in line and URL in line
