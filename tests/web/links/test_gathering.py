"""One run for links, snapshot look-ups and archive copies: look-ups overlap the link checks,
the breaker stops asking a failing archive, the history stands in for requests on a rerun."""

from __future__ import annotations

import threading
import time
from urllib.parse import urlsplit

from citeaudit.audit import AuditOptions, WebAccess, run_audit
from citeaudit.model import ArchiveOutcome, FetchRequest, FetchResult, LinkVerdict
from citeaudit.reporters.markdown import MarkdownReporter
from citeaudit.web.archive import ArchiveLimits, WaybackArchive
from citeaudit.web.links import LinkCheckOptions, LinkHistory, LinkTarget, WebRun, gather_links
from tests.conftest import AS_OF, build_article, web_ref
from tests.fakes import (
    ARTICLE_TEXT,
    FakeFetcher,
    FakeTime,
    SimulatedWayback,
    failed,
    fake_web,
    html,
    page,
)

UNPACED = LinkCheckOptions(min_interval=0.0, probe_soft_404=False, concurrency=4)
FAST_SEARCH = ArchiveLimits(search_per_minute=60_000)
DAY = 86_400.0
ARCHIVE_HOSTS = {"archive.org", "web.archive.org"}


def test_snapshot_look_ups_run_while_links_are_still_being_checked() -> None:
    """The slow link answers only once the archive has been asked about the dead one: if the
    look-ups waited for the link checks, the slow link would wait out its 5 s instead."""
    archive_asked = threading.Event()
    asked_while_slow_in_flight: list[bool] = []

    def links(request: FetchRequest) -> FetchResult:
        if request.url == "https://dead.example/a":
            return page(request.url, 404)
        asked_while_slow_in_flight.append(archive_asked.wait(5))
        return page(request.url, 200, html("Slow", ARTICLE_TEXT))

    wayback = SimulatedWayback([("20230301000000", "200")])

    def archive(request: FetchRequest) -> FetchResult:
        archive_asked.set()
        return wayback.answer(request)

    targets = [LinkTarget("https://dead.example/a"), LinkTarget("https://slow.example/b")]
    archive_client = WaybackArchive(FakeFetcher(archive), limits=FAST_SEARCH)
    started = time.monotonic()
    gathered = gather_links(
        targets, [], WebRun(FakeFetcher(links), UNPACED, archive=archive_client)
    )
    assert asked_while_slow_in_flight == [True] and time.monotonic() - started < 4
    assert gathered.archive_lookups["https://dead.example/a"].outcome is ArchiveOutcome.FOUND
    assert [result.verdict for result in gathered.links] == [LinkVerdict.DEAD, LinkVerdict.ALIVE]


def test_the_breaker_stops_a_failing_archive_and_the_report_says_so_once(
    fake_time: FakeTime,
) -> None:
    dead = [f"https://gone{n}.example/page" for n in range(8)]
    capture = f"https://web.archive.org/web/20230311000000/{dead[0]}"
    article = build_article(
        sections=[("History", [[(f"Claim {n}.", [str(n)])] for n in range(8)])],
        references=[
            web_ref(str(n), url=url, archive_url=capture if n == 0 else None)
            for n, url in enumerate(dead)
        ],
    )

    def web(request: FetchRequest) -> FetchResult:
        if urlsplit(request.url).hostname in ARCHIVE_HOSTS:
            return failed(request.url, "timeout", "read timed out")
        return page(request.url, 404)

    fetcher = FakeFetcher(web)
    access = WebAccess(
        WebRun(
            fetcher,
            UNPACED,
            archive=WaybackArchive(fetcher, fake_time.clock, ArchiveLimits(failures_to_stop=3)),
            clock=fake_time.clock,
        )
    )
    report = run_audit(article, AuditOptions(as_of=AS_OF, dead_after_days=0), access)
    asked_archive = [r for r in fetcher.requests if urlsplit(r.url).hostname in ARCHIVE_HOSTS]
    # Three failures in a row (the capture's retries count among them), then nothing more.
    assert len(asked_archive) == 3
    assert report.facts.archive_problem is not None
    assert "3 requests failed in a row" in report.facts.archive_problem
    assert capture not in report.facts.archive_urls  # a failure of the archive is not a verdict
    markdown = MarkdownReporter().render(report)
    assert markdown.count("Snapshots could not be looked up") == 1
    assert "archive-url-unreachable" not in markdown


def dead_and_archived(fake_time: FakeTime) -> tuple[FakeFetcher, list[str]]:
    """Two dead links with captures, and the Wayback Machine that serves them."""
    wayback = SimulatedWayback([("20230301000000", "200")])
    capture = "https://web.archive.org/web/20230301000000/https://c.example/cited"

    def web(request: FetchRequest) -> FetchResult:
        host = urlsplit(request.url).hostname
        if request.url == capture:
            return page(request.url, 200, html("Archived story", ARTICLE_TEXT))
        if host in ARCHIVE_HOSTS:
            return wayback.answer(request)
        return page(request.url, 404)

    return FakeFetcher(web), ["https://a.example/one", "https://b.example/two", capture]


def audit_twice(fake_time: FakeTime, tmp_path: object, days_between: float) -> list[list[str]]:
    """The archive requests of two audits with one history, `days_between` apart."""
    fetcher, (first, second, capture) = dead_and_archived(fake_time)
    article = build_article(
        sections=[("History", [[("One.", ["1"])], [("Two.", ["2"])], [("Three.", ["3"])]])],
        references=[
            web_ref("1", url=first, access_date="11 March 2023"),
            web_ref("2", url=second, access_date="11 March 2023"),
            web_ref("3", url="https://c.example/cited", archive_url=capture),
        ],
    )
    asked: list[list[str]] = []
    with LinkHistory.open(tmp_path / "links.sqlite3", fake_time.clock) as history:  # type: ignore[operator]
        for run in range(2):
            before = len(fetcher.requests)
            access = WebAccess(
                WebRun(
                    fetcher,
                    UNPACED,
                    history=history,
                    archive=WaybackArchive(fetcher, fake_time.clock, FAST_SEARCH),
                    clock=fake_time.clock,
                )
            )
            report = run_audit(article, AuditOptions(as_of=AS_OF, check_support=False), access)
            assert report.facts.link(first).archive is not None  # type: ignore[union-attr]
            asked.append(
                [
                    request.url
                    for request in fetcher.requests[before:]
                    if urlsplit(request.url).hostname in ARCHIVE_HOSTS
                ]
            )
            if run == 0:
                fake_time.advance(days_between * DAY)
    return asked


def test_a_rerun_with_the_history_asks_the_archive_nothing(
    fake_time: FakeTime, tmp_path: object
) -> None:
    first_run, rerun = audit_twice(fake_time, tmp_path, days_between=0.1)
    assert len(first_run) == 3 and rerun == []


def test_snapshots_found_and_good_archive_copies_are_trusted_for_their_long_max_age(
    fake_time: FakeTime, tmp_path: object
) -> None:
    """Two days on, the links are checked again (their max-age is one day), and still the
    archive is asked nothing: captures found, and the cited copy that answered, stand."""
    first_run, rerun = audit_twice(fake_time, tmp_path, days_between=2)
    assert len(first_run) == 3 and rerun == []


def test_a_good_archive_copy_is_fetched_again_after_its_max_age(
    fake_time: FakeTime, tmp_path: object
) -> None:
    first_run, rerun = audit_twice(fake_time, tmp_path, days_between=200)
    assert len(first_run) == 3
    copies = [url for url in first_run if "/web/2023" in url]
    assert len(copies) == 1 and [url for url in rerun if "/web/2023" in url] == copies


def test_not_archived_is_asked_again_after_the_link_max_age(
    fake_time: FakeTime, tmp_path: object
) -> None:
    url = "https://gone.example/page"
    wayback = SimulatedWayback([])

    def web(request: FetchRequest) -> FetchResult:
        if urlsplit(request.url).hostname in ARCHIVE_HOSTS:
            return wayback.answer(request)
        return page(request.url, 404)

    fetcher = FakeFetcher(web)
    with LinkHistory.open(tmp_path / "links.sqlite3", fake_time.clock) as history:  # type: ignore[operator]
        for days in (0, 0.5, 2):
            fake_time.advance(days * DAY)
            asked = len(wayback.asked)
            web_run = WebRun(
                fetcher,
                UNPACED,
                history=history,
                archive=WaybackArchive(fetcher, fake_time.clock, FAST_SEARCH),
                clock=fake_time.clock,
            )
            gathered = gather_links([LinkTarget(url)], [], web_run)
            lookup = gathered.archive_lookups.get(url)
            # Half a day on, the archive's answer is reused; two days on, it is asked again.
            assert len(wayback.asked) - asked == (0 if days == 0.5 else 2)
            assert lookup is not None and lookup.outcome is ArchiveOutcome.NOT_ARCHIVED


def test_without_archive_work_nothing_is_asked_of_the_archive(fake_time: FakeTime) -> None:
    fetcher = fake_web({"https://gone.example/a": page("https://gone.example/a", 404)})
    gathered = gather_links(
        [LinkTarget("https://gone.example/a")],
        [LinkTarget("https://web.archive.org/web/20230101000000/https://gone.example/a")],
        WebRun(fetcher, UNPACED, clock=fake_time.clock),
    )
    assert [request.url for request in fetcher.requests] == ["https://gone.example/a"]
    assert gathered.archive_lookups == {} and gathered.archive_urls == {}


def test_look_ups_queued_when_the_breaker_opens_wait_for_no_pace() -> None:
    """Twelve dead links queue twelve look-ups at the archive's pace (here 1.1 s a search); the
    archive fails, the breaker opens after three requests, and the rest end at once, told why,
    instead of waiting a turn each (over 12 s) for requests that will not be made."""
    dead = [LinkTarget(f"https://gone{number}.example/page") for number in range(12)]

    def web(request: FetchRequest) -> FetchResult:
        if urlsplit(request.url).hostname in ARCHIVE_HOSTS:
            return failed(request.url, "timeout", "timed out")
        return page(request.url, 404)

    limits = ArchiveLimits(search_per_minute=60, failures_to_stop=3)
    archive = WaybackArchive(FakeFetcher(web), limits=limits)
    options = LinkCheckOptions(min_interval=0.01, probe_soft_404=False, retries=0)
    started = time.monotonic()
    gathered = gather_links(dead, [], WebRun(FakeFetcher(web), options, archive=archive))
    assert time.monotonic() - started < 8
    assert archive.problem is not None
    lookups = gathered.archive_lookups.values()
    assert len(lookups) == 12 and all(look.outcome is ArchiveOutcome.UNKNOWN for look in lookups)
