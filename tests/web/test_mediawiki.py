"""The MediaWiki client: the request it makes, the answers it understands, the waits it honours."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from urllib.parse import parse_qs, urlsplit

import pytest

from citeaudit import __version__
from citeaudit.errors import ArticleNotFound, FetchError, InputError
from citeaudit.model import FailureKind, FetchRequest, FetchResult
from citeaudit.web.mediawiki import MediaWikiClient, user_agent
from tests.conftest import TEST_DATA
from tests.fakes import FakeFetcher

API_ANSWERS = TEST_DATA / "mediawiki"


def answer(name: str, status: int = 200, headers: tuple[tuple[str, str], ...] = ()) -> FetchResult:
    """A recorded API answer from tests/data/mediawiki/."""
    return FetchResult(
        url="",
        status=status,
        body=(API_ANSWERS / name).read_bytes(),
        headers=(("content-type", "application/json"), *headers),
    )


def replay(*results: FetchResult) -> FakeFetcher:
    """A fetcher that gives these results in order, one per request."""
    queue: Iterator[FetchResult] = iter(results)
    return FakeFetcher(lambda request: next(queue))


class Sleeps(list[float]):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def client(fetcher: FakeFetcher, sleep: Callable[[float], None] | None = None) -> MediaWikiClient:
    return MediaWikiClient(
        fetcher,
        site="en.wikipedia.org",
        contact="tester@example.org",
        sleep=sleep if sleep is not None else Sleeps(),
    )


def query_of(request: FetchRequest) -> dict[str, list[str]]:
    return parse_qs(urlsplit(request.url).query)


def test_a_found_page_gives_its_wikitext_and_revision() -> None:
    fetcher = replay(answer("found.json"))
    page = client(fetcher).page("Jane Example")
    assert page.title == "Jane Example"
    assert (page.page_id, page.revision_id, page.parent_id) == (4242, 1143000000, 1142999999)
    assert page.timestamp == "2023-03-12T10:11:12Z"
    assert "'''Jane Example'''" in page.wikitext
    assert page.redirected_from is None and page.normalized_from is None
    assert page.url == "https://en.wikipedia.org/w/index.php?oldid=1143000000"


def test_the_request_follows_the_api_etiquette() -> None:
    fetcher = replay(answer("found.json"))
    client(fetcher).page("Jane Example")
    [request] = fetcher.requests
    parts = urlsplit(request.url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "en.wikipedia.org", "/w/api.php")
    assert query_of(request) == {
        "action": ["query"],
        "format": ["json"],
        "formatversion": ["2"],
        "prop": ["revisions"],
        "rvprop": ["content|ids|timestamp"],
        "rvslots": ["main"],
        "redirects": ["1"],
        "maxlag": ["5"],
        "titles": ["Jane Example"],
    }
    agent = dict(request.headers)["User-Agent"]
    assert __version__ in agent and "bot" in agent.lower() and "tester@example.org" in agent


def test_without_a_contact_the_user_agent_says_how_to_give_one() -> None:
    assert "--contact" in user_agent(None)


def test_a_revision_is_asked_by_revids() -> None:
    fetcher = replay(answer("found.json"))
    client(fetcher).page(revision=1143000000)
    query = query_of(fetcher.requests[0])
    assert query["revids"] == ["1143000000"] and "titles" not in query


def test_normalised_and_redirected_titles_are_followed() -> None:
    page = client(replay(answer("redirected.json"))).page("jane_example")
    assert page.title == "Jane Example"
    assert page.normalized_from == "jane_example"
    assert page.redirected_from == "Jane example"
    assert page.metadata()["redirected_from"] == "Jane example"


@pytest.mark.parametrize(
    ("name", "title", "revision", "message"),
    [
        ("missing.json", "Does Not Exist", None, "has no page titled 'Does Not Exist'"),
        ("invalid.json", "Talk:", None, "is not a valid title"),
        ("badrevids.json", None, 99, "has no revision 99"),
    ],
)
def test_missing_pages_invalid_titles_and_bad_revisions_are_clear_errors(
    name: str, title: str | None, revision: int | None, message: str
) -> None:
    with pytest.raises(ArticleNotFound, match=message):
        client(replay(answer(name))).page(title, revision=revision)


def test_maxlag_is_waited_out_then_retried() -> None:
    sleeps = Sleeps()
    fetcher = replay(answer("maxlag.json", headers=(("retry-after", "5"),)), answer("found.json"))
    page = client(fetcher, sleeps).page("Jane Example")
    assert page.title == "Jane Example"
    assert sleeps == [5.0] and len(fetcher.requests) == 2


def test_a_429_waits_as_long_as_retry_after_says() -> None:
    sleeps = Sleeps()
    fetcher = replay(
        FetchResult(url="", status=429, headers=(("retry-after", "17"),)), answer("found.json")
    )
    client(fetcher, sleeps).page("Jane Example")
    assert sleeps == [17.0]


def test_a_503_without_retry_after_waits_the_minimum() -> None:
    sleeps = Sleeps()
    fetcher = replay(FetchResult(url="", status=503), answer("found.json"))
    client(fetcher, sleeps).page("Jane Example")
    assert sleeps == [5.0]


def test_waits_are_bounded_in_length_and_number() -> None:
    sleeps = Sleeps()
    fetcher = FakeFetcher(
        lambda request: FetchResult(
            url=request.url, status=429, headers=(("retry-after", "86400"),)
        )
    )
    with pytest.raises(FetchError, match="busy"):
        MediaWikiClient(fetcher, sleep=sleeps, max_retries=2).page("Jane Example")
    assert len(fetcher.requests) == 3
    assert sleeps == [120.0, 120.0]


def test_an_api_error_is_reported_with_its_code() -> None:
    body = b'{"error": {"code": "badvalue", "info": "Unrecognized value."}}'
    with pytest.raises(InputError, match="badvalue"):
        client(replay(FetchResult(url="", status=200, body=body))).page("Jane Example")


def test_an_answer_that_is_not_json_is_refused() -> None:
    with pytest.raises(InputError, match="not answer with JSON"):
        client(replay(FetchResult(url="", status=200, body=b"<html>hello</html>"))).page("X")


def test_an_unrecorded_api_call_offline_says_how_to_record_it() -> None:
    result = FetchResult(
        url="https://en.wikipedia.org/w/api.php?x", failure=FailureKind.NOT_RECORDED
    )
    with pytest.raises(FetchError, match="citeaudit fetch"):
        client(replay(result)).page("X")


def test_a_dns_failure_is_not_retried() -> None:
    sleeps = Sleeps()
    fetcher = replay(FetchResult(url="", failure=FailureKind.DNS, detail="no such host"))
    with pytest.raises(FetchError, match="cannot reach"):
        client(fetcher, sleeps).page("X")
    assert sleeps == []


def test_a_redirect_of_the_api_url_is_followed() -> None:
    moved = FetchResult(
        url="", status=301, headers=(("location", "https://en.m.wikipedia.org/w/api.php?a=b"),)
    )
    fetcher = replay(moved, answer("found.json"))
    client(fetcher).page("Jane Example")
    assert fetcher.requests[1].url == "https://en.m.wikipedia.org/w/api.php?a=b"
