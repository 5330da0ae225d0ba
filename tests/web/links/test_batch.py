"""`check_links`: deduplication, history reuse, archive look-ups, progress, pluggable runner."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

import pytest

from tests.fakes import FakeFetcher
from citeaudit.web.archive import WaybackArchive
from citeaudit.web.links.batch import check_links, run_in_threads
from citeaudit.web.links.checker import LinkCheckOptions
from citeaudit.web.links.history import LinkHistory
from citeaudit.web.links.targets import LinkTarget, citation_day, merge_targets, targets_from_article
from citeaudit.model import (
    Article,
    FetchRequest,
    FetchResult,
    LinkResult,
    LinkVerdict,
    Reference,
    Section,
    SourceForm,
)

from .fakes import ARTICLE_TEXT, FakeTime, SimulatedWayback, fake_web, html, page

ALIVE_URL = "https://a.example/alive"
DEAD_URL = "https://b.example/dead"
STORY = html("Story", ARTICLE_TEXT)
WEB = {ALIVE_URL: page(ALIVE_URL, 200, STORY), DEAD_URL: page(DEAD_URL, 404)}


def test_each_url_is_checked_once_and_cites_every_reference(fake_time: FakeTime) -> None:
    targets = [
        LinkTarget(ALIVE_URL, ("r1",)),
        LinkTarget(DEAD_URL, ("r2",)),
        LinkTarget("HTTPS://A.example/alive", ("r3",)),
    ]
    fetcher = fake_web(WEB)
    results = check_links(
        targets, fetcher, LinkCheckOptions(probe_soft_404=False), clock=fake_time.clock
    )
    assert [(r.url, r.verdict, r.reference_ids) for r in results] == [
        (ALIVE_URL, LinkVerdict.ALIVE, ("r1", "r3")),
        (DEAD_URL, LinkVerdict.DEAD, ("r2",)),
    ]
    assert sorted(request.url for request in fetcher.requests) == [ALIVE_URL, DEAD_URL]


def test_fresh_history_is_reused_and_new_results_recorded(
    tmp_path: Path, fake_time: FakeTime
) -> None:
    targets = [LinkTarget(ALIVE_URL, ("r1",)), LinkTarget(DEAD_URL, ("r2",))]
    options = LinkCheckOptions(probe_soft_404=False, max_age=86_400)
    with LinkHistory.open(tmp_path / "h.sqlite3", fake_time.clock) as history:
        first = check_links(targets, fake_web(WEB), options, history=history, clock=fake_time.clock)
        fake_time.advance(3600)
        second_fetcher = fake_web(WEB)
        second = check_links(
            targets, second_fetcher, options, history=history, clock=fake_time.clock
        )
        fake_time.advance(2 * 86_400)
        third = check_links(targets, fake_web(WEB), options, history=history, clock=fake_time.clock)
    assert second_fetcher.requests == []
    assert [r.verdict for r in second] == [r.verdict for r in first]
    assert [r.failed_checks for r in first] == [0, 1]
    assert [r.failed_checks for r in third] == [0, 2]
    assert third[1].first_failed_at == first[1].checked_at


def test_dead_links_get_the_snapshot_nearest_their_access_date(fake_time: FakeTime) -> None:
    wayback = SimulatedWayback([("20230301000000", "200")])
    archive = WaybackArchive(wayback.fetcher(), fake_time.clock)
    targets = [
        LinkTarget(ALIVE_URL, ("r1",), access_date="2023-03-11"),
        LinkTarget(DEAD_URL, ("r2",), access_date="11 March 2023"),
        LinkTarget(DEAD_URL, ("r3",), access_date="1 March 2024"),
    ]
    results = check_links(
        targets,
        fake_web(WEB),
        LinkCheckOptions(probe_soft_404=False),
        archive=archive,
        clock=fake_time.clock,
    )
    assert results[0].archive is None
    assert results[1].archive is not None and results[1].archive.timestamp == "20230301000000"
    assert len(wayback.asked) == 1
    assert "timestamp=20230311" in wayback.asked[0]


def test_citations_with_an_archive_url_are_not_looked_up(fake_time: FakeTime) -> None:
    wayback = SimulatedWayback([("20230301000000", "200")])
    archive = WaybackArchive(wayback.fetcher(), fake_time.clock)
    target = LinkTarget(
        DEAD_URL, ("r1",), archive_url="https://web.archive.org/web/20230301000000/" + DEAD_URL
    )
    check_links(
        [target],
        fake_web(WEB),
        LinkCheckOptions(probe_soft_404=False),
        archive=archive,
        clock=fake_time.clock,
    )
    assert wayback.asked == []


def test_progress_is_reported_for_every_result(fake_time: FakeTime) -> None:
    seen: list[LinkResult] = []
    check_links(
        [LinkTarget(ALIVE_URL), LinkTarget(DEAD_URL)],
        fake_web(WEB),
        on_progress=seen.append,
        clock=fake_time.clock,
    )
    assert sorted(result.url for result in seen) == [ALIVE_URL, DEAD_URL]


def test_a_plugged_runner_gets_every_task_with_its_host(fake_time: FakeTime) -> None:
    calls: list[list[tuple[str, str]]] = []

    def runner(
        tasks: Sequence[LinkTarget],
        host_of: Callable[[LinkTarget], str],
        work: Callable[[LinkTarget], LinkResult],
    ) -> list[LinkResult]:
        calls.append([(task.url, host_of(task)) for task in tasks])
        return [work(task) for task in reversed(tasks)][::-1]

    results = check_links(
        [LinkTarget(ALIVE_URL), LinkTarget(DEAD_URL)],
        fake_web(WEB),
        run=runner,
        clock=fake_time.clock,
    )
    assert calls == [[(ALIVE_URL, "a.example"), (DEAD_URL, "b.example")]]
    assert [result.url for result in results] == [ALIVE_URL, DEAD_URL]


def test_default_runner_keeps_to_the_per_host_limit() -> None:
    in_flight: dict[str, int] = {}
    peak: dict[str, int] = {}
    lock = threading.Lock()

    def slow(request: FetchRequest) -> FetchResult:
        host = request.url.split("/")[2]
        with lock:
            in_flight[host] = in_flight.get(host, 0) + 1
            peak[host] = max(peak.get(host, 0), in_flight[host])
        time.sleep(0.01)
        with lock:
            in_flight[host] -= 1
        return page(request.url, 200, STORY)

    targets = [LinkTarget(f"https://h{n % 3}.example/p{n}") for n in range(30)]
    options = LinkCheckOptions(
        concurrency=12, per_host_limit=2, min_interval=0, probe_soft_404=False
    )
    results = check_links(targets, FakeFetcher(slow), options)
    assert all(result.verdict == LinkVerdict.ALIVE for result in results)
    assert max(peak.values()) <= 2


def test_run_in_threads_spaces_one_host_by_the_minimum_interval(fake_time: FakeTime) -> None:
    starts: list[float] = []
    run_in_threads(
        [1, 2, 3],
        lambda task: "same-host",
        lambda task: starts.append(fake_time.monotonic()),
        workers=1,
        min_interval=1.5,
        clock=fake_time.clock,
    )
    assert starts == [0.0, 1.5, 3.0]


def test_run_in_threads_starts_nothing_more_after_a_failure() -> None:
    started: list[int] = []

    def work(task: int) -> int:
        started.append(task)
        if task == 0:
            raise KeyboardInterrupt
        time.sleep(0.01)
        return task

    with pytest.raises(KeyboardInterrupt):
        run_in_threads(list(range(50)), lambda task: f"h{task}", work, workers=2)
    assert len(started) < 50


# --- Targets from an article -------------------------------------------------------------------


def test_targets_come_from_references_with_a_url() -> None:
    references = [
        Reference(id="a", url=ALIVE_URL, access_date="11 March 2023", title="The story"),
        Reference(id="b"),
        Reference(
            id="c",
            url=ALIVE_URL + "#frag",
            access_date="2022-01-05",
            archive_url="https://web.archive.org/web/20220105000000/x",
            archive_date="2022-01-05",
        ),
    ]
    article = Article(
        title="T", source_form=SourceForm.WIKITEXT, lead=Section(0, "", 0), references=references
    )
    [target] = merge_targets(targets_from_article(article), date(2026, 11, 28))
    assert target.reference_ids == ("a", "c")
    assert target.title == "The story"
    assert target.access_date == "2022-01-05"
    assert target.archive_url == "https://web.archive.org/web/20220105000000/x"


def test_citation_days_use_the_cs1_grammar() -> None:
    today = date(2026, 11, 28)
    assert citation_day("11 March 2023", today) == date(2023, 3, 11)
    assert citation_day("March 11, 2023", today) == date(2023, 3, 11)
    assert citation_day("2023-03-11", today) == date(2023, 3, 11)
    assert citation_day("March 2023", today) == date(2023, 3, 1)
    assert citation_day("31 February 2023", today) is None
    assert citation_day("yesterday", today) is None
    assert citation_day(None, today) is None
