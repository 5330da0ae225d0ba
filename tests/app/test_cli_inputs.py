"""The inputs people bring: standard input, permanent links, UTF-16 files, odd option values,
pages that are not Wikipedia articles, and a form given wrongly."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from citeaudit.app.cli import World, main
from citeaudit.model import FetchRequest, FetchResult
from tests.conftest import FIXTURES, TEST_DATA
from tests.fakes import FakeFetcher, html, page

SEED = FIXTURES / "Bakhytzhan_Toregozhina" / "Bakhytzhan_Toregozhina.wiki"
ARTICLE = """'''Jane Example''' is an activist.<ref>{{cite web |url=https://example.org/a
 |title=Profile |work=Example |date=1 March 2023 |access-date=11 March 2023}}</ref>

== References ==
{{reflist}}
"""


class Stdin(io.StringIO):
    """What `sys.stdin` is: text, with the bytes under it as `buffer`."""

    def __init__(self, data: bytes) -> None:
        super().__init__()
        self.buffer = io.BytesIO(data)


def world(fetcher: FakeFetcher | None = None, stdin: bytes | None = None) -> World:
    return World(
        network=fetcher,
        sleep=lambda seconds: None,
        today=lambda: dt.date(2026, 11, 28),
        stdin=Stdin(stdin) if stdin is not None else None,
    )


def api_found() -> FakeFetcher:
    answers: Iterator[bytes] = iter([(TEST_DATA / "mediawiki" / "found.json").read_bytes()])

    def handle(request: FetchRequest) -> FetchResult:
        assert urlsplit(request.url).path == "/w/api.php", request.url
        return FetchResult(
            url=request.url,
            status=200,
            body=next(answers),
            headers=(("content-type", "application/json"),),
        )

    return FakeFetcher(handle)


# --- standard input --------------------------------------------------------------------------


def test_a_dash_reads_the_article_from_standard_input(
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = ARTICLE.encode("utf-8")
    status = main(["audit", "-", "--no-links", "-o", "-", "--format", "json"], world(stdin=data))
    assert status in (0, 1)
    report = json.loads(capsys.readouterr().out)
    assert report["article"]["references"][0]["url"] == "https://example.org/a"


def test_a_dash_with_a_title_names_the_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    command = ["audit", "-", "--title", "Jane Example", "--no-links", "-o", f"{tmp_path}/"]
    assert main(command, world(stdin=ARTICLE.encode("utf-8"))) in (0, 1)
    assert (tmp_path / "Jane_Example.md").exists()


def test_parse_reads_standard_input_too(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "-"], world(stdin=ARTICLE.encode("utf-8"))) == 0
    assert json.loads(capsys.readouterr().out)["references"][0]["title"] == "Profile"


def test_empty_standard_input_is_an_input_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", "-", "--no-links", "-o", "-"], world(stdin=b"")) == 2
    assert "standard input: is empty" in capsys.readouterr().err


# --- permanent links -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "site", "title", "revision"),
    [
        (
            "https://en.wikipedia.org/w/index.php?title=Jane_Example&oldid=1143000000",
            "en.wikipedia.org",
            "Jane Example",
            "1143000000",
        ),
        (
            "https://de.wikipedia.org/w/index.php?oldid=1143000000",
            "de.wikipedia.org",
            None,
            "1143000000",
        ),
        (
            "https://en.wikipedia.org/wiki/Special:PermanentLink/1143000000",
            "en.wikipedia.org",
            None,
            "1143000000",
        ),
        (
            "https://en.wikipedia.org/wiki/Jane_Example?oldid=1143000000",
            "en.wikipedia.org",
            "Jane Example",
            "1143000000",
        ),
        (
            "https://en.wikipedia.org/w/index.php?title=Jane_Example",
            "en.wikipedia.org",
            "Jane Example",
            None,
        ),
    ],
)
def test_permanent_links_and_oldid_urls_are_accepted(
    tmp_path: Path, address: str, site: str, title: str | None, revision: str | None
) -> None:
    fetcher = api_found()
    command = ["audit", address, "--no-links", "-q", "-o", f"{tmp_path}/"]
    assert main(command, world(fetcher)) in (0, 1)
    request = urlsplit(fetcher.requests[0].url)
    query = parse_qs(request.query)
    assert request.netloc == site
    assert query.get("revids") == ([revision] if revision else None)
    assert query.get("titles") == (None if revision else [title])
    assert (tmp_path / "Jane_Example.md").exists()


def test_a_permanent_link_and_another_revision_disagree(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    address = "https://en.wikipedia.org/w/index.php?title=X&oldid=5"
    command = ["audit", address, "--revision", "6", "--no-links", "-o", f"{tmp_path}/"]
    assert main(command, world(api_found())) == 2
    assert "revision 5" in capsys.readouterr().err


def test_other_wiki_urls_are_refused_with_the_forms_that_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    command = ["audit", "https://en.wikipedia.org/w/index.php?search=x", "--no-links", "-o", "-"]
    assert main(command, world(api_found())) == 2
    err = capsys.readouterr().err
    assert "oldid=" in err and "/wiki/TITLE" in err


# --- encodings -------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-16-le"])
def test_utf16_with_a_bom_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], encoding: str
) -> None:
    path = tmp_path / "Jane_Example.wiki"
    bom = {"utf-16-be": "\ufeff", "utf-16-le": "\ufeff"}.get(encoding, "")
    path.write_bytes((bom + ARTICLE.replace("\n", "\r\n")).encode(encoding))
    assert main(["parse", str(path)]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["references"][0]["url"] == "https://example.org/a"
    assert document["sentences"][0]["text"] == "Jane Example is an activist."


def test_utf16_without_a_bom_is_still_refused_with_a_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "x.wiki"
    path.write_bytes(ARTICLE.encode("utf-16-le"))
    assert main(["parse", str(path)]) == 2
    assert "binary" in capsys.readouterr().err


# --- option values ---------------------------------------------------------------------------


@pytest.mark.parametrize("contact", ["me@example.org\nX-Evil: 1", "me\r@example.org", "a\x00b"])
def test_a_contact_that_would_break_every_request_is_refused(
    contact: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["audit", "Jane Example", "--contact", contact, "-o", "-"], world()) == 2
    assert "--contact" in capsys.readouterr().err


def test_a_contact_from_the_environment_is_checked_too(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CITEAUDIT_CONTACT", "me@example.org\n")
    assert main(["audit", "Jane Example", "-o", "-"], world()) == 2
    assert "CITEAUDIT_CONTACT" in capsys.readouterr().err


def test_max_age_zero_rechecks_everything(tmp_path: Path) -> None:
    article = tmp_path / "Jane_Example.wiki"
    article.write_text(ARTICLE, encoding="utf-8")
    fetcher = FakeFetcher(lambda request: page(request.url, body=html("Profile", "text")))
    state = tmp_path / "links.sqlite3"
    base = ["audit", str(article), "--state", str(state), "--no-support", "-q", "-o", "-"]
    main(base, world(fetcher))
    pages = [r for r in fetcher.requests if r.url == "https://example.org/a"]
    assert len(pages) == 1
    main(base, world(fetcher))
    pages = [r for r in fetcher.requests if r.url == "https://example.org/a"]
    assert len(pages) == 1, "a result younger than a day is reused by default"
    main([*base, "--max-age", "0"], world(fetcher))
    pages = [r for r in fetcher.requests if r.url == "https://example.org/a"]
    assert len(pages) == 2


def test_a_negative_max_age_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", "x.wiki", "--max-age", "-1"]) == 2
    assert "--max-age" in capsys.readouterr().err


# --- pages that are not what they should be --------------------------------------------------


BLOG = """<!doctype html><html><head><title>My travel blog</title></head><body>
<header><nav><a href="/">Home</a></nav></header>
<article><h1>Three days in Almaty</h1><p>We arrived on a Monday. The city was warm.</p>
<p>On the second day we walked up to the lake.</p></article></body></html>
"""


def test_a_page_that_is_not_a_wikipedia_article_is_said_to_be_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "blog.html"
    path.write_text(BLOG, encoding="utf-8")
    assert main(["audit", str(path), "--no-links", "-o", "-"], world()) == 2
    err = capsys.readouterr().err
    assert "not a Wikipedia article" in err and "Traceback" not in err


def test_wikipedia_html_without_references_is_still_an_article(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "Stub.html"
    path.write_text(
        '<div class="mw-parser-output"><p>A stub about a small village.</p></div>',
        encoding="utf-8",
    )
    assert main(["audit", str(path), "--no-links", "-o", "-"], world()) == 0


@pytest.mark.parametrize("form", ["html", "text"])
def test_a_wrong_input_format_that_gives_nothing_is_said(
    form: str, capsys: pytest.CaptureFixture[str]
) -> None:
    command = ["audit", str(SEED), "--input-format", form, "--no-links", "-o", "-"]
    assert main(command, world()) == 2
    err = capsys.readouterr().err
    assert f"read as {form}" in err and "wikitext" in err and "--input-format" in err


def test_the_right_input_format_is_not_questioned(capsys: pytest.CaptureFixture[str]) -> None:
    command = ["audit", str(SEED), "--input-format", "wikitext", "--no-links", "-o", "-"]
    assert main(command, world()) in (0, 1)
