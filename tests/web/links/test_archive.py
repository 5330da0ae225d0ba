"""Wayback look-ups: before, then after; only 200; CDX when needed; pacing; 429s; the breaker."""

from __future__ import annotations

from datetime import date

import pytest

from citeaudit.model import ArchiveOutcome, FailureKind, FetchRequest, FetchResult
from citeaudit.web.archive import ArchiveLimits, WaybackArchive
from citeaudit.web.wayback import wayback_url_problem
from tests.fakes import START, FakeFetcher, FakeTime, SimulatedWayback, failed

URL = "https://news.example/story"
MARCH_11 = date(2023, 3, 11)


def lookup(
    wayback: SimulatedWayback,
    fake_time: FakeTime,
    access_date: date | None = MARCH_11,
    **limits: float,
):
    archive = WaybackArchive(wayback.fetcher(), fake_time.clock, ArchiveLimits(**limits))  # type: ignore[arg-type]
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


def test_cdx_asks_before_then_after_when_availability_is_empty(fake_time: FakeTime) -> None:
    after_only = SimulatedWayback([("20230401000000", "200")], availability_empty=True)
    result, archive = lookup(after_only, fake_time)
    assert result.snapshot is not None and result.snapshot.timestamp == "20230401000000"
    assert archive.search_requests == 3
    assert "&to=20230311" in after_only.asked[1] and "&from=20230311&limit=1" in after_only.asked[2]


def test_a_capture_before_the_access_date_costs_one_search_request(fake_time: FakeTime) -> None:
    wayback = SimulatedWayback([("20230301000000", "200")])
    _, archive = lookup(wayback, fake_time)
    assert archive.search_requests == 1 and len(wayback.asked) == 1


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


def test_the_breaker_stops_asking_after_failures_in_a_row(fake_time: FakeTime) -> None:
    fetcher = FakeFetcher(
        lambda request: failed(request.url, "dns", "[Errno -3] Temporary failure")
    )
    archive = WaybackArchive(fetcher, fake_time.clock, ArchiveLimits(failures_to_stop=3))
    lookups = [archive.find_snapshot(f"https://news.example/{n}", MARCH_11) for n in range(10)]
    assert len(fetcher.requests) == 3
    assert all(found.outcome is ArchiveOutcome.UNKNOWN for found in lookups)
    assert archive.problem is not None and "3 requests failed in a row" in archive.problem
    assert "dns" in archive.problem and lookups[-1].reason.endswith(archive.problem)
    played = archive.playback.fetch(FetchRequest("https://web.archive.org/web/2023/x"))
    assert played.failure is not None and len(fetcher.requests) == 3


def test_an_answer_between_failures_closes_the_count(fake_time: FakeTime) -> None:
    answers = iter([FailureKind.TIMEOUT, FailureKind.TIMEOUT, None] * 4)

    def flaky(request: FetchRequest) -> FetchResult:
        kind = next(answers)
        return FetchResult(request.url, failure=kind) if kind else FetchResult(request.url, 200)

    archive = WaybackArchive(FakeFetcher(flaky), fake_time.clock, ArchiveLimits(failures_to_stop=3))
    for number in range(12):
        archive.playback.fetch(FetchRequest(f"https://web.archive.org/web/2023/{number}"))
    assert archive.problem is None


def test_requests_absent_from_an_offline_fixture_do_not_trip_the_breaker(
    fake_time: FakeTime,
) -> None:
    archive = WaybackArchive(SimulatedWayback([]).fetcher(), fake_time.clock)
    for number in range(10):
        archive.playback.fetch(FetchRequest(f"https://web.archive.org/web/2023/{number}"))
    assert archive.problem is None


def test_a_test_endpoint_receives_every_wayback_request(fake_time: FakeTime) -> None:
    fetcher = FakeFetcher(lambda request: FetchResult(request.url, 200, body=b"{}"))
    archive = WaybackArchive(fetcher, fake_time.clock, endpoint="http://127.0.0.9:8080/")
    archive.find_snapshot(URL, MARCH_11)
    played = archive.playback.fetch(FetchRequest("https://web.archive.org/web/2023/x?a=1"))
    asked = [request.url for request in fetcher.requests]
    assert all(url.startswith("http://127.0.0.9:8080/") for url in asked)
    assert asked[-1] == "http://127.0.0.9:8080/web/2023/x?a=1"
    assert played.url == "https://web.archive.org/web/2023/x?a=1"


def test_archive_urls_are_not_looked_up(fake_time: FakeTime) -> None:
    wayback = SimulatedWayback([("20230301000000", "200")])
    archive = WaybackArchive(wayback.fetcher(), fake_time.clock)
    assert (
        archive.find_snapshot("https://web.archive.org/web/2020/https://x.example/", None).outcome
        is ArchiveOutcome.UNKNOWN
    )
    assert wayback.asked == []


def test_search_requests_are_paced_below_the_archives_limit(fake_time: FakeTime) -> None:
    wayback = SimulatedWayback([("20230320000000", "200")], availability_empty=True)
    limits = ArchiveLimits(search_per_minute=24, search_share=0.9)
    archive = WaybackArchive(wayback.fetcher(), fake_time.clock, limits)
    archive.find_snapshot(URL, MARCH_11)
    archive.find_snapshot("https://news.example/other", MARCH_11)
    assert len(wayback.asked) == 6
    assert fake_time.sleeps == pytest.approx([60 / (24 * 0.9)] * 5)


def test_snapshot_playback_is_not_paced_by_the_search_limit(fake_time: FakeTime) -> None:
    fetcher = FakeFetcher(lambda request: FetchResult(request.url, 200))
    archive = WaybackArchive(fetcher, fake_time.clock)
    for second in range(5):
        archive.playback.fetch(FetchRequest(f"https://web.archive.org/web/2023010100000{second}/x"))
    assert fake_time.sleeps == [] and archive.search_requests == 0


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
    assert "429" in (archive.problem or "")
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
