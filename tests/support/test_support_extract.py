"""Source text extraction: boilerplate removal, title/date/language, PDFs, caps and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pdf_maker import make_pdf

from citeaudit.model import SourceText
from citeaudit.support import ExtractLimits, extract_source

RUST_PARSOID = (
    Path(__file__).resolve().parents[3] / "shared" / "reference" / "data" / "rust_parsoid.html"
)

ARTICLE = (
    "The Northern Rivers Trust opened its wetland reserve on 12 April 2021. "
    "The reserve covers 340 hectares and cost 2.4 million pounds. "
    "Volunteers planted more than 18,000 reeds and dug eleven shallow scrapes."
)
# A story as long as a short real one: extractors judge a block by its length, and a page whose
# whole text is one short paragraph is not what they meet.
STORY = (
    f"{ARTICLE}</p><p>The trust said the reserve would open to walkers from May, with a new hide "
    "on the north shore and a boardwalk across the reed beds.</p><p>Local schools have booked "
    "visits for the summer term, and the trust is looking for more volunteers to guide them."
)


def page(body: str, head: str = "", lang: str = "en") -> bytes:
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">{head}</head>'
        f"<body>{body}</body></html>"
    ).encode()


BOILERPLATE = """
<header><a href="/">Valley Courier</a></header>
<nav><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport pages</a></li></ul></nav>
<div class="cookie-banner">We use cookies on this site. Accept all cookies to continue.</div>
<div class="ad-slot"><p>Buy the new phone today with 40 per cent off</p></div>
<article><h1>Reserve opens</h1><p>{article}</p>
<div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Tweet</a></div></article>
<section class="related-articles"><ul><li><a href="/r">Storm closes schools</a></li></ul></section>
<aside><p>Most read: mayor announces budget of 900 million</p></aside>
<footer><p>Copyright Valley Courier, all rights reserved</p></footer>
<script>var year = 1999;</script><style>p {{ color: red }}</style>
"""


def test_boilerplate_is_removed_and_the_article_kept() -> None:
    source = extract_source(page(BOILERPLATE.format(article=STORY)), "text/html")
    assert ARTICLE in source.text
    for furniture in (
        "Sport pages",
        "cookies",
        "40 per cent",
        "Share on Facebook",
        "Storm closes",
        "900 million",
        "Copyright",
        "var year",
        "color: red",
    ):
        assert furniture not in source.text


def test_the_rest_of_the_page_is_kept_apart_without_scripts_or_the_main_text() -> None:
    source = extract_source(page(BOILERPLATE.format(article=STORY)), "text/html")
    lines = source.elsewhere.split("\n")
    assert "Most read: mayor announces budget of 900 million" in lines
    assert "We use cookies on this site. Accept all cookies to continue." in lines
    assert not any(ARTICLE in line for line in lines)
    assert "var year" not in source.elsewhere and "color: red" not in source.elsewhere
    assert "News" not in lines, "a block of fewer than four words is no statement"
    assert not any("Storm closes" in line for line in lines), "a list of links to other pages"


def test_the_rest_of_the_page_keeps_a_note_with_a_link_in_it() -> None:
    note = (
        '<aside><p>I created <a href="/ct">CodeTriage.com</a>, a platform for contributing to '
        "open source, and have helped over 50,000 developers.</p></aside>"
    )
    source = extract_source(page(BOILERPLATE.format(article=STORY) + note), "text/html")
    assert (
        "I created CodeTriage.com, a platform for contributing to open source, and have helped "
        "over 50,000 developers." in source.elsewhere.split("\n")
    )


def test_a_name_and_its_role_in_two_inline_elements_do_not_run_together() -> None:
    """A team list laid out by the style sheet: "Lukas WankCo-Director" is a name no claim
    finds; nor do two lines apart by a line break. A drop capital and a word split for styling
    stay whole."""
    team = (
        '<div class="team"><div><cite><span class="name">Lukas Wank</span><span class="role">'
        "Co-Director, Shabka</span></cite></div></div>"
    )
    styled = (
        '<p><span class="dropcap">T</span>he trust was <em>un</em>likely to rest, said '
        "<b>Ann</b><i>Smith</i>, and its volunteers met again in June.</p>"
    )
    address = "<footer><p>The Think and Do Tank.<br>Vienna, Austria since 2013</p></footer>"
    source = extract_source(
        page(BOILERPLATE.format(article=STORY) + team + styled + address), "text/html"
    )
    text = source.text + "\n" + source.elsewhere
    assert "Lukas Wank Co-Director, Shabka" in source.elsewhere.split("\n")
    assert "The Think and Do Tank. Vienna, Austria since 2013" in source.elsewhere.split("\n")
    assert "The trust was unlikely to rest, said Ann Smith" in text


def test_the_rest_of_the_page_is_capped() -> None:
    menu = "".join(f"<p>Other story number {n} of the week</p>" for n in range(400))
    source = extract_source(
        page(BOILERPLATE.format(article=STORY) + menu),
        "text/html",
        limits=ExtractLimits(max_elsewhere_chars=1000),
    )
    assert 0 < len(source.elsewhere) <= 1000


def test_the_densest_block_is_the_main_text_when_no_article_element() -> None:
    body = (
        '<div class="top"><p>Welcome to our site. Click here for the weather forecast.</p></div>'
        f'<div class="story"><p>{ARTICLE}</p><p>{ARTICLE}</p></div>'
        '<div class="bottom"><p>Other stories you may like to read today and tomorrow.</p></div>'
    )
    source = extract_source(page(body), "text/html")
    assert ARTICLE in source.text
    assert "weather forecast" not in source.text
    assert "Other stories" not in source.text


def test_link_dense_blocks_are_dropped() -> None:
    links = "".join(f'<a href="/{n}">Story number {n} of the day</a> ' for n in range(12))
    body = f"<article><p>{STORY}</p><div>{links}</div></article>"
    source = extract_source(page(body), "text/html")
    assert ARTICLE in source.text
    assert "Story number" not in source.text


def test_an_element_holding_most_of_the_text_is_kept_whatever_its_class() -> None:
    body = f'<form id="aspnetForm"><div class="content has-sidebar"><p>{ARTICLE}</p></div></form>'
    assert ARTICLE in extract_source(page(body), "text/html").text


@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        (
            '<meta property="article:published_time" content="2021-04-13T09:00:00Z">',
            "",
            "2021-04-13",
        ),
        (
            '<script type="application/ld+json">'
            + json.dumps({"@graph": [{"@type": "NewsArticle", "datePublished": "2016-09-02"}]})
            + "</script>",
            "",
            "2016-09-02",
        ),
        ("", '<p><time datetime="2019-11-06">6 November 2019</time></p>', "2019-11-06"),
        ('<meta name="DC.date" content="8 March 2023">', "", "2023-03-08"),
        ('<meta name="citation_publication_date" content="2017/10/30">', "", "2017-10-30"),
        ("", "", None),
    ],
)
def test_publication_date(head: str, body: str, expected: str | None) -> None:
    source = extract_source(page(f"{body}<article><p>{ARTICLE}</p></article>", head), "text/html")
    assert source.published == expected


def test_titles_og_first_then_heading_and_title_element() -> None:
    head = (
        "<title>Reserve opens | Valley Courier</title>"
        '<meta property="og:title" content="Reserve opens">'
    )
    source = extract_source(
        page(f"<h1>Ashby Marsh reserve opens</h1><p>{ARTICLE}</p>", head), "text/html"
    )
    assert source.title == "Reserve opens"
    assert source.titles == (
        "Reserve opens",
        "Ashby Marsh reserve opens",
        "Reserve opens | Valley Courier",
    )


def test_site_name_from_og_then_the_json_ld_publisher() -> None:
    og = '<meta property="og:site_name" content="Valley  Courier">'
    assert extract_source(page(f"<p>{ARTICLE}</p>", og), "text/html").site_name == "Valley Courier"
    linked = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Reserve opens",'
        ' "publisher": {"@type": "Organization", "name": "Valley Courier Ltd"}}</script>'
    )
    source = extract_source(page(f"<p>{ARTICLE}</p>", linked), "text/html")
    assert source.site_name == "Valley Courier Ltd"
    assert extract_source(page(f"<p>{ARTICLE}</p>"), "text/html").site_name is None


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (
            '<script type="application/ld+json">{"@type": "NewsArticle", "author": '
            '[{"@type": "Person", "name": "Mara Ellison"}, {"@type": "Person", '
            '"name": "Tom Ashby"}]}</script><meta name="author" content="Desk">',
            ("Mara Ellison", "Tom Ashby"),
        ),
        (
            '<meta name="citation_author" content="Ellison, Mara">'
            '<meta name="citation_author" content="Ashby, Tom">',
            ("Ellison, Mara", "Ashby, Tom"),
        ),
        ('<meta name="author" content="https://example.org/staff/mara">', ()),
        ('<meta name="author" content="@valleycourier">', ()),
        ("", ()),
    ],
)
def test_authors_are_the_names_the_page_gives(head: str, expected: tuple[str, ...]) -> None:
    assert extract_source(page(f"<p>{ARTICLE}</p>", head), "text/html").authors == expected


def test_a_source_kept_before_site_names_and_authors_loads() -> None:
    kept = SourceText(text="x", title="T").to_json()
    del kept["site_name"], kept["authors"]
    assert SourceText.from_json(kept) == SourceText(text="x", title="T")
    assert SourceText.from_json(SourceText(authors=("A",)).to_json()).authors == ("A",)


GERMAN = (
    "Die Anwältin ist am 14. Oktober 2015 in Oslo mit dem Preis ausgezeichnet worden. Der Preis "
    "ist "
    "mit 25.000 Euro dotiert, und sie hat ihn den Familien der Verschwundenen gewidmet. Die Jury "
    "lobte ihren Mut und ihre Beharrlichkeit, und sie wird auch in diesem Jahr wieder in der "
    "Stadt sein."
)


def test_language_declared_in_html_wins_over_the_text() -> None:
    source = extract_source(page(f"<p>{GERMAN}</p>", lang="en-GB"), "text/html")
    assert (source.language, source.language_declared) == ("en", True)


def test_language_from_og_locale_header_or_text() -> None:
    undeclared = f"<html><head>{{}}</head><body><p>{GERMAN}</p></body></html>"
    og = extract_source(
        undeclared.format('<meta property="og:locale" content="fr_FR">').encode(), "text/html"
    )
    assert og.language == "fr"
    header = extract_source(undeclared.format("").encode(), "text/html", content_language="es")
    assert (header.language, header.language_declared) == ("es", True)
    detected = extract_source(undeclared.format("").encode(), "text/html")
    assert (detected.language, detected.language_declared) == ("de", False)


def test_charset_from_the_content_type() -> None:
    body = f"<html><body><p>{GERMAN} Größe</p></body></html>".encode("latin-1")
    assert "Größe" in extract_source(body, "text/html; charset=ISO-8859-1").text


def test_text_is_capped() -> None:
    paragraphs = "".join(f"<p>Paragraph {n}. {ARTICLE}</p>" for n in range(50))
    body = page(f"<article>{paragraphs}</article>")
    source = extract_source(body, "text/html", limits=ExtractLimits(max_chars=1000))
    assert len(source.text) == 1000
    assert source.truncated


def test_html_beyond_the_byte_cap_is_cut_and_said_to_be() -> None:
    body = page("<article>" + f"<p>{ARTICLE}</p>" * 50 + "</article>")
    source = extract_source(body, "text/html", limits=ExtractLimits(max_html_bytes=2000))
    assert source.truncated
    assert ARTICLE in source.text


def test_a_cut_download_is_passed_on() -> None:
    assert extract_source(page(f"<p>{ARTICLE}</p>"), "text/html", body_truncated=True).truncated


def test_paywall_teaser_is_readable_but_flagged() -> None:
    body = page(
        "<article><p>The deal was months in the making.</p><p>This article is for "
        "subscribers only. Subscribe to continue reading.</p></article>"
    )
    source = extract_source(body, "text/html")
    assert source.has_text
    assert source.problem is not None and source.problem.startswith("paywalled")


def test_pdf_text_title_and_date() -> None:
    pdf = make_pdf(
        [["Annual report 2022", "The Trust employed 41 staff."], ["Our survey counted 57 otters."]],
        title="Annual Report 2022",
        created="D:20230315100000Z",
    )
    source = extract_source(pdf, "application/pdf", url="https://example.org/report.pdf")
    assert "41 staff" in source.text and "57 otters" in source.text
    assert (source.kind, source.title, source.published) == (
        "pdf",
        "Annual Report 2022",
        "2023-03-15",
    )
    assert source.url == "https://example.org/report.pdf"
    assert source.problem is None


def test_pdf_is_sniffed_without_a_content_type() -> None:
    assert extract_source(make_pdf([["Sniffed text"]]), None).kind == "pdf"


@pytest.mark.parametrize(
    "body", [b"%PDF-1.4 nothing else", make_pdf([["Cut off"]])[:150], b"%PDF-"]
)
def test_broken_pdf_gives_a_reason_never_an_exception(body: bytes) -> None:
    source = extract_source(body, "application/pdf")
    assert not source.has_text
    assert source.problem is not None and source.problem.startswith("PDF unreadable")


def test_pdf_page_and_size_caps() -> None:
    pdf = make_pdf([[f"Page {n} of the report."] for n in range(1, 6)])
    capped = extract_source(pdf, "application/pdf", limits=ExtractLimits(max_pdf_pages=2))
    assert "Page 2" in capped.text and "Page 3" not in capped.text
    assert capped.truncated
    too_big = extract_source(pdf, "application/pdf", limits=ExtractLimits(max_pdf_bytes=100))
    assert too_big.problem is not None and too_big.problem.startswith("PDF too large")


def test_a_pdf_without_a_text_layer_says_so() -> None:
    source = extract_source(make_pdf([[]]), "application/pdf")
    assert source.problem == "PDF has no text layer (a scan?)"


def test_plain_text_and_non_text_bodies() -> None:
    assert extract_source(ARTICLE.encode(), "text/plain").text == ARTICLE
    image = extract_source(b"\x89PNG\r\n\x1a\n\x00\x00binary", "image/png")
    assert image.problem == "not a text document (image/png)"
    assert extract_source(b"", "text/html").problem == "the page has no body"


def test_unavailable_source_keeps_its_reason() -> None:
    source = SourceText.unavailable("dead link (HTTP 404)", url="https://example.org/gone")
    assert (source.has_text, source.problem, source.url) == (
        False,
        "dead link (HTTP 404)",
        "https://example.org/gone",
    )


def test_a_real_page_split_into_sections_keeps_all_its_prose() -> None:
    # Parsoid HTML of en.wikipedia "Rust (programming language)", CC BY-SA 4.0, Wikipedia
    # contributors; read from the shared reference data, not copied into the repository.
    if not RUST_PARSOID.exists():
        pytest.skip("shared/reference/data/rust_parsoid.html is absent beside this checkout")
    body = RUST_PARSOID.read_bytes()
    source = extract_source(body, "text/html")
    assert "Rust is a general-purpose programming language." in source.text
    assert "Variables in Rust are defined through the let keyword." in source.text
    assert (source.title, source.language, source.language_declared) == (
        "Rust (programming language)",
        "en",
        True,
    )


def test_line_breaks_in_the_page_source_do_not_split_sentences() -> None:
    page = (
        b"<html><body><article><p>One two\nthree four.</p><p>Five\n  six.</p></article>"
        b"</body></html>"
    )
    assert extract_source(page, "text/html").text == "One two three four.\nFive six."
