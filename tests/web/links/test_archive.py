"""Wayback look-ups: before, then after; only 200; CDX fallback; politeness; 429 back-off."""

from __future__ import annotations

from datetime import date

import pytest

from citeaudit.model import ArchiveOutcome, FailureKind, FetchResult
from citeaudit.web.archive import WaybackArchive
from citeaudit.web.wayback import wayback_url_problem
from tests.fakes import FakeFetcher

from tests.fakes import START, FakeTime, SimulatedWayback

URL = "https://news.example/story"
MARCH_11 = date(2023, 3, 11)


def lookup(
    wayback: SimulatedWayback,
    fake_time: FakeTime,
    access_date: date | None = MARCH_11,
    **kwargs: float,
):
    archive = WaybackArchive(wayback.fetcher(), fake_time.clock, **kwargs)  # type: ignore[arg-type]
    return archive.find_snapshot(URL, access_date), archive


def test_closest_capture_before_the_access_date(fake_time: FakeTime) -> None:
    wayback = SimulatedWayback(
        [("20230301000000", "200"), ("20230312000000", "200"), ("20220101000000", "200")]
    )
    result, _ = lookup(wayback, fake_time)
    assert result.outcome is ArchiveOutcome.FOUND
    assert result.snapshot is not None
    assert result.snapshot.timestamp == "20230301000000"
    assert result.snapshot.url == f"https://web.archive.org/web/20230301000000/{URL}"


def test_a_capture_on_the_access_date_counts_as_before(fake_time: FakeTime) -> None:
    wayback = SimulatedWayback([("20230311093000", "200")])
    result, _ = lookup(wayback, fake_time)
    assert result.snapshot is not None and result.snapshot.timestamp == "20230311093000"
    assert len(wayback.asked) == 1


def test_closest_after_only_when_nothing_before(fake_time: FakeTime) -> None:
    wayback = SimulatedWayback([("20230320000000", "200"), ("20240101000000", "200")])
    result, _ = lookup(wayback, fake_time)
    assert result.snapshot is not None and result.snapshot.timestamp == "20230320000000"
    assert "after" in result.reason


def test_the_window_before_a_leap_day_starts_on_a_real_day(fake_time: FakeTime) -> None:
    wayback = SimulatedWayback([("20230301000000", "200")], availability_empty=True)
    result, _ = lookup(wayback, fake_time, access_date=date(2024, 2, 29))
    assert result.snapshot is not None and result.snapshot.timestamp == "20230301000000"
    assert "from=20230228&to=20240229" in wayback.asked[1]


def test_only_200_captures_are_offered(fake_time: FakeTime) -> None:
    wayback = SimulatedWayback(
        [("20230310000000", "404"), ("20230302000000", "302"), ("20230201000000", "200")]
    )
    result, _ = lookup(wayback, fake_time)
    assert result.snapshot is not None and result.snapshot.timestamp == "20230201000000"


def test_empty_availability_answer_falls_back_to_cdx(fake_time: FakeTime) -> None:
    wayback = SimulatedWayback([("20221201000000", "200")], availability_empty=True)
    result, _ = lookup(wayback, fake_time)
    assert result.snapshot is not None and result.snapshot.timestamp == "20221201000000"
    assert "CDX" in result.reason
    assert any(
        "/cdx/search/cdx" in asked and "filter=statuscode:200" in asked for asked in wayback.asked
    )


def test_nothing_anywhere_is_not_archived(fake_time: FakeTime) -> None:
    result, _ = lookup(SimulatedWayback([]), fake_time)
    assert (result.outcome, result.snapshot) == (ArchiveOutcome.NOT_ARCHIVED, None)


def test_only_non_200_captures_is_not_archived(fake_time: FakeTime) -> None:
    result, _ = lookup(SimulatedWayback([("20230301000000", "404")]), fake_time)
    assert result.outcome is ArchiveOutcome.NOT_ARCHIVED


def test_without_an_access_date_the_latest_capture(fake_time: FakeTime) -> None:
    wayback = SimulatedWayback(
        [("20200101000000", "200"), ("20250101000000", "200")], availability_empty=True
    )
    result, _ = lookup(wayback, fake_time, access_date=None)
    assert result.snapshot is not None and result.snapshot.timestamp == "20250101000000"


def test_failures_make_the_answer_unknown_not_absent(fake_time: FakeTime) -> None:
    archive = WaybackArchive(
        FakeFetcher(lambda request: FetchResult(request.url, failure=FailureKind.TIMEOUT)),
        fake_time.clock,
    )
    result = archive.find_snapshot(URL, MARCH_11)
    assert result.outcome is ArchiveOutcome.UNKNOWN
    assert "timeout" in result.reason


def test_archive_urls_are_not_looked_up(fake_time: FakeTime) -> None:
    wayback = SimulatedWayback([("20230301000000", "200")])
    archive = WaybackArchive(wayback.fetcher(), fake_time.clock)
    assert (
        archive.find_snapshot("https://web.archive.org/web/2020/https://x.example/", None).outcome
        is ArchiveOutcome.UNKNOWN
    )
    assert wayback.asked == []


def test_requests_are_spaced_by_the_minimum_interval(fake_time: FakeTime) -> None:
    wayback = SimulatedWayback([("20230320000000", "200")], availability_empty=True)
    archive = WaybackArchive(wayback.fetcher(), fake_time.clock, min_interval=2.5)
    archive.find_snapshot(URL, MARCH_11)
    archive.find_snapshot("https://news.example/other", MARCH_11)
    assert len(wayback.asked) == 6
    assert fake_time.sleeps == [2.5] * 5


def test_answers_are_cached_for_the_run(fake_time: FakeTime) -> None:
    wayback = SimulatedWayback([("20230301000000", "200")])
    archive = WaybackArchive(wayback.fetcher(), fake_time.clock)
    archive.find_snapshot(URL, MARCH_11)
    archive.find_snapshot(URL, MARCH_11)
    assert len(wayback.asked) == 1


def test_429_waits_a_long_time_then_continues(fake_time: FakeTime) -> None:
    wayback = SimulatedWayback([("20230301000000", "200")], rate_limited=1)
    result, _ = lookup(wayback, fake_time, rate_limit_wait=60.0, rate_limit_retries=1)
    assert result.outcome is ArchiveOutcome.FOUND
    assert 60.0 in fake_time.sleeps


def test_repeated_429_stops_archive_requests_for_the_run(fake_time: FakeTime) -> None:
    wayback = SimulatedWayback([("20230301000000", "200")], rate_limited=100)
    result, archive = lookup(wayback, fake_time, rate_limit_wait=60.0, rate_limit_retries=2)
    later = archive.find_snapshot("https://news.example/other", MARCH_11)
    assert result.outcome is later.outcome is ArchiveOutcome.UNKNOWN
    assert "429" in (archive.stopped or "")
    assert len(wayback.asked) == 3
    assert [sleep for sleep in fake_time.sleeps if sleep >= 60] == [60.0, 120.0]


# --- Wayback URL syntax (CS1's reasons) --------------------------------------------------------

TODAY = START.date()


@pytest.mark.parametrize(
    "url",
    [
        "https://web.archive.org/web/20230311120000/https://news.example/story",
        "https://web.archive.org/web/20230311120000id_/http://news.example/s?q=1",
        "http://archive.org/web/19961231235959/http://old.example/",
    ],
)
def test_well_formed_wayback_urls(url: str) -> None:
    assert wayback_url_problem(url, TODAY) is None


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("https://web.archive.org/save/https://news.example/story", "Save Page Now"),
        ("https://web.archive.org/20230311120000/https://news.example/story", "web/"),
        ("https://web.archive.org/web/2023031112/https://news.example/story", "not 14 digits"),
        ("https://web.archive.org/web/*/https://news.example/story", "not 14 digits"),
        (
            "https://web.archive.org/web/20231311120000/https://news.example/story",
            "not a valid date",
        ),
        (
            "https://web.archive.org/web/20230230120000/https://news.example/story",
            "not a valid date",
        ),
        (
            "https://web.archive.org/web/19950101000000/https://news.example/story",
            "not a valid date",
        ),
        (
            "https://web.archive.org/web/20990101000000/https://news.example/story",
            "not a valid date",
        ),
        (
            "https://web.archive.org/web/20230311126000/https://news.example/story",
            "not a valid date",
        ),
        ("https://web.archive.org/web/20230311120000ID_/https://news.example/story", "flag"),
        ("https://web.archive.org/web/20230311120000x/https://news.example/story", "flag"),
        ("https://liveweb.archive.org/web/20230311120000/https://news.example/story", "liveweb"),
        ("https://web.archive.org/web/20230311120000/", "no archived URL"),
    ],
)
def test_malformed_wayback_urls_say_why(url: str, reason: str) -> None:
    assert reason in (wayback_url_problem(url, TODAY) or "")
