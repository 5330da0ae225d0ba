"""Reading titles, headings and fingerprints out of (possibly truncated) simulated pages."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citeaudit.model import FetchResult
from citeaudit.web.links.page import extract_title, fingerprint, read_page, similarity

from tests.fakes import page


@pytest.mark.parametrize(
    ("markup", "title"),
    [
        ("<html><head><title>Plain</title></head>", "Plain"),
        ("<TITLE lang='en'>Upper &amp; attributes</TITLE>", "Upper & attributes"),
        ("<title>\n   Spread\n   over lines\n</title>", "Spread over lines"),
        ("<head><title>Cut off by the byte cap", "Cut off by the byte cap"),
        ("<head><title>Unclosed<meta charset=utf-8><body>text", "Unclosed"),
        ("<svg><title>Icon</title></svg><title>Real</title>", "Real"),
        ("<title></title>", None),
        ("<p>No title at all</p>", None),
        ("<title>Caf&eacute; &#8211; news</title>", "Café – news"),
        ("<title><b>Bold</b> words</title>", "Bold words"),
    ],
)
def test_title_extraction(markup: str, title: str | None) -> None:
    assert extract_title(markup) == title


def test_title_is_capped() -> None:
    assert len(extract_title("<title>" + "x" * 5000 + "</title>") or "") == 300


def test_charset_from_meta_is_honoured() -> None:
    markup = "<meta charset='windows-1251'><title>Страница не найдена</title>"
    body = markup.encode("cp1251")
    result = FetchResult(
        url="https://a.example/", status=200, headers=(("content-type", "text/html"),), body=body
    )
    assert read_page(result).title == "Страница не найдена"


def test_charset_from_header_wins_and_unknown_charsets_fall_back() -> None:
    body = "<title>Ünïcödé</title>".encode("latin-1")
    declared = FetchResult(
        url="u", status=200, headers=(("content-type", "text/html; charset=iso-8859-1"),), body=body
    )
    bogus = FetchResult(
        url="u",
        status=200,
        headers=(("content-type", "text/html; charset=no-such-codec"),),
        body=b"<title>ok</title>",
    )
    assert read_page(declared).title == "Ünïcödé"
    assert read_page(bogus).title == "ok"


def test_body_cut_inside_a_multibyte_character_still_reads() -> None:
    body = "<title>Страница</title>".encode()[:-12]
    result = FetchResult(
        url="u", status=200, headers=(("content-type", "text/html"),), body=body, truncated=True
    )
    assert (read_page(result).title or "").startswith("Страни")


def test_non_html_bodies_have_no_title() -> None:
    pdf = page(
        "https://a.example/paper.pdf",
        body=b"%PDF-1.7 <title>not html</title>",
        headers={"content-type": "application/pdf"},
    )
    assert read_page(pdf).title is None


def test_heading_ignores_scripts() -> None:
    result = page(
        "u", body="<script>var h='<h1>fake</h1>'</script><h1>Real <span>heading</span></h1>"
    )
    assert read_page(result).heading == "Real heading"


def test_fingerprints_ignore_numbers_and_compare_pages() -> None:
    first = fingerprint("The page /abc123 you asked for was not found on this server, sorry 2026")
    second = fingerprint("The page /xyz987 you asked for was not found on this server, sorry 2025")
    other = fingerprint("Regional election results: turnout rose in every district this year")
    assert similarity(first, second) == 1.0
    assert similarity(first, other) < 0.2
    assert similarity(frozenset(), first) == 0.0


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_any_body_reads_without_error(body: bytes) -> None:
    result = FetchResult(url="u", status=200, headers=(("content-type", "text/html"),), body=body)
    parsed = read_page(result)
    assert parsed.title is None or len(parsed.title) <= 300
