"""A citation's own `archive-url`: fetched once when it is worth fetching (beside the link
checks), then judged by the check `archive-url` from its form and from what the fetch found."""

from __future__ import annotations

from citeaudit.audit import archive_copies
from citeaudit.checks.links.archive_url import ArchiveURLCheck
from citeaudit.model import Facts, LinkResult, LinkVerdict
from citeaudit.web.archive import WaybackArchive
from citeaudit.web.fetchers.base import Fetcher
from citeaudit.web.links import LinkCheckOptions, WebRun, gather_links
from citeaudit.web.links.targets import LinkTarget
from tests.conftest import build_article, run_check, web_ref
from tests.fakes import ARTICLE_TEXT, FakeTime, fake_web, html, page, redirect

CITED = "https://news.example/story"
CAPTURE = f"https://web.archive.org/web/20230311120000/{CITED}"
CAPTURE_PAGE = page(CAPTURE, 200, html("Story | News", ARTICLE_TEXT))
UNPACED = LinkCheckOptions(min_interval=0.0, probe_soft_404=False)


def check_archive_urls(
    copies: list[LinkTarget], fetcher: Fetcher, fake_time: FakeTime
) -> dict[str, LinkResult]:
    """The checks of the archive copies alone (no cited link to check)."""
    web = WebRun(
        fetcher, UNPACED, archive=WaybackArchive(fetcher, fake_time.clock), clock=fake_time.clock
    )
    return gather_links([], copies, web).archive_urls


def codes(archive_url: str, web: dict, fake_time: FakeTime, url: str = CITED) -> list[str]:
    """The archive findings on a citation of `url` giving `archive_url`, fetched from `web`."""
    checked = check_archive_urls([LinkTarget(archive_url, ("1",))], fake_web(web), fake_time)
    article = build_article(
        sections=[("History", [[("A claim.", ["1"])]])],
        references=[web_ref("1", url=url, archive_url=archive_url)],
    )
    facts = Facts(archive_urls=checked, links_checked=True)
    return [finding.code for finding in run_check(ArchiveURLCheck, article, facts=facts)]


def test_a_good_archive_url_has_no_problem(fake_time: FakeTime) -> None:
    assert codes(CAPTURE, {CAPTURE: CAPTURE_PAGE}, fake_time) == []


def test_malformed_archive_urls_archive_today_and_webcite_are_not_fetched(
    fake_time: FakeTime,
) -> None:
    fetcher = fake_web({})
    copies = [
        LinkTarget("https://web.archive.org/save/" + CITED, ("1",)),
        LinkTarget("https://archive.ph/AbCdE", ("2",)),
        LinkTarget("https://www.webcitation.org/6abc", ("3",)),
    ]
    assert check_archive_urls(copies, fetcher, fake_time) == {}
    assert fetcher.requests == []


def test_an_archive_of_another_page_is_reported(fake_time: FakeTime) -> None:
    found = codes(CAPTURE, {CAPTURE: CAPTURE_PAGE}, fake_time, url="https://news.example/other")
    assert found == ["archive-url-other-page"]


def test_http_and_www_variants_are_the_same_page(fake_time: FakeTime) -> None:
    assert (
        codes(CAPTURE, {CAPTURE: CAPTURE_PAGE}, fake_time, url="http://www.news.example/story/")
        == []
    )


def test_an_archive_url_that_answers_404_is_dead(fake_time: FakeTime) -> None:
    gone = {CAPTURE: page(CAPTURE, 404, html("Wayback Machine"))}
    assert codes(CAPTURE, gone, fake_time) == ["archive-url-dead"]


def test_redirect_to_a_neighbouring_capture_is_fine(fake_time: FakeTime) -> None:
    nearby = f"https://web.archive.org/web/20230310090000/{CITED}"
    web = {
        CAPTURE: redirect(CAPTURE, nearby, 302),
        nearby: page(nearby, 200, html("Story", ARTICLE_TEXT)),
    }
    assert codes(CAPTURE, web, fake_time) == []


def test_a_failing_archive_is_unreachable_not_dead(fake_time: FakeTime) -> None:
    assert codes(CAPTURE, {CAPTURE: page(CAPTURE, 503)}, fake_time) == ["archive-url-unreachable"]


def test_an_archive_url_missing_from_an_offline_fixture_is_no_problem(fake_time: FakeTime) -> None:
    assert codes(CAPTURE, {}, fake_time) == []


def test_each_archive_url_is_fetched_once_for_all_its_references() -> None:
    article = build_article(
        sections=[("History", [[("A claim.", ["r1", "r2"])], [("Another.", ["r3"])]])],
        references=[
            web_ref("r1", url=CITED, archive_url=CAPTURE),
            web_ref("r2", url="https://news.example/other", archive_url=CAPTURE + " "),
            web_ref("r3", url=CITED),
        ],
    )
    assert archive_copies(article) == [LinkTarget(CAPTURE, ("r1", "r2"))]


def test_every_archive_url_of_a_cited_url_is_fetched(fake_time: FakeTime) -> None:
    other = f"https://web.archive.org/web/20240101000000/{CITED}"
    article = build_article(
        sections=[("History", [[("A claim.", ["r1", "r2"])]])],
        references=[
            web_ref("r1", url=CITED, archive_url=CAPTURE),
            web_ref("r2", url=CITED, archive_url=other),
        ],
    )
    fetcher = fake_web({CAPTURE: page(CAPTURE, 404), other: CAPTURE_PAGE})
    checked = check_archive_urls(archive_copies(article), fetcher, fake_time)
    assert checked[CAPTURE].verdict is LinkVerdict.DEAD
    assert checked[other].verdict is LinkVerdict.ALIVE
