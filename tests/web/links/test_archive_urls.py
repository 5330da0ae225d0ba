"""Checks of a citation's own `archive-url`: syntax, the archived page, and that it answers."""

from __future__ import annotations

from citeaudit.web.archive import WaybackArchive
from citeaudit.web.links.archive_urls import check_archive_url, check_archive_urls
from citeaudit.web.links.targets import LinkTarget
from citeaudit.model import LinkVerdict

from .fakes import ARTICLE_TEXT, FakeTime, fake_web, html, page, redirect

CITED = "https://news.example/story"
CAPTURE = f"https://web.archive.org/web/20230311120000/{CITED}"
CAPTURE_PAGE = page(CAPTURE, 200, html("Story | News", ARTICLE_TEXT))


def problems(target: LinkTarget, web: dict, fake_time: FakeTime) -> list[tuple[str, str]]:
    archive = WaybackArchive(fake_web(web), fake_time.clock)
    return [
        (problem.code, problem.message)
        for problem in check_archive_url(target, archive, clock=fake_time.clock)
    ]


def target(
    archive_url: str | None, archive_date: str | None = "11 March 2023", url: str = CITED
) -> LinkTarget:
    return LinkTarget(
        url=url, reference_ids=("r1",), archive_url=archive_url, archive_date=archive_date
    )


def test_a_good_archive_url_has_no_problem(fake_time: FakeTime) -> None:
    assert problems(target(CAPTURE), {CAPTURE: CAPTURE_PAGE}, fake_time) == []


def test_no_archive_url_nothing_to_check(fake_time: FakeTime) -> None:
    assert problems(target(None), {}, fake_time) == []


def test_malformed_archive_url_is_not_fetched(fake_time: FakeTime) -> None:
    found = problems(
        target("https://web.archive.org/save/https://news.example/story"), {}, fake_time
    )
    assert [code for code, _ in found] == ["archive-url-malformed"]


def test_an_archive_of_another_page_is_reported(fake_time: FakeTime) -> None:
    found = problems(
        target(CAPTURE, url="https://news.example/other-story"), {CAPTURE: CAPTURE_PAGE}, fake_time
    )
    assert [code for code, _ in found] == ["archive-url-other-page"]


def test_http_and_www_variants_are_the_same_page(fake_time: FakeTime) -> None:
    found = problems(
        target(CAPTURE, url="http://www.news.example/story/"), {CAPTURE: CAPTURE_PAGE}, fake_time
    )
    assert found == []


def test_an_archive_url_that_answers_404_is_dead(fake_time: FakeTime) -> None:
    archive = WaybackArchive(
        fake_web({CAPTURE: page(CAPTURE, 404, html("Wayback Machine"))}), fake_time.clock
    )
    [problem] = check_archive_url(target(CAPTURE), archive, clock=fake_time.clock)
    assert problem.code == "archive-url-dead"
    assert problem.result is not None and problem.result.verdict == LinkVerdict.DEAD
    assert problem.reference_ids == ("r1",)


def test_redirect_to_a_neighbouring_capture_is_fine(fake_time: FakeTime) -> None:
    nearby = f"https://web.archive.org/web/20230310090000/{CITED}"
    web = {
        CAPTURE: redirect(CAPTURE, nearby, 302),
        nearby: page(nearby, 200, html("Story", ARTICLE_TEXT)),
    }
    assert problems(target(CAPTURE), web, fake_time) == []


def test_a_failing_archive_is_unreachable_not_dead(fake_time: FakeTime) -> None:
    failing = {CAPTURE: page(CAPTURE, 503)}
    assert [code for code, _ in problems(target(CAPTURE), failing, fake_time)] == [
        "archive-url-unreachable"
    ]


def test_an_archive_url_missing_from_an_offline_fixture_is_no_problem(fake_time: FakeTime) -> None:
    assert problems(target(CAPTURE), {}, fake_time) == []


def test_archive_today_and_webcite_are_flagged_without_fetching(fake_time: FakeTime) -> None:
    today = problems(target("https://archive.ph/AbCdE"), {}, fake_time)
    webcite = problems(
        target("https://www.webcitation.org/6abc?url=https://news.example/story"), {}, fake_time
    )
    assert [code for code, _ in today + webcite] == [
        "archive-url-archive-today",
        "archive-url-defunct",
    ]


def test_each_archive_url_is_checked_once_for_all_its_references(fake_time: FakeTime) -> None:
    fetcher = fake_web({CAPTURE: page(CAPTURE, 404)})
    archive = WaybackArchive(fetcher, fake_time.clock)
    targets = [
        LinkTarget(CITED, ("r1",), archive_url=CAPTURE),
        LinkTarget(CITED, ("r2",), archive_url=CAPTURE),
        LinkTarget(CITED, ("r3",)),
    ]
    [problem] = check_archive_urls(targets, archive, clock=fake_time.clock)
    assert (problem.code, problem.reference_ids) == ("archive-url-dead", ("r1", "r2"))
    assert len(fetcher.requests) == 1
