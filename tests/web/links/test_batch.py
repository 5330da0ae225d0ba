"""`check_links` and `check_with_history`: each URL once, history reuse by one policy, progress,
a pluggable runner, per-host limits."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from citeaudit.model import FetchRequest, FetchResult, LinkResult, LinkVerdict
from citeaudit.web.links.batch import check_links
from citeaudit.web.links.checker import LinkCheckOptions
from citeaudit.web.links.history import LinkHistory, ReusePolicy, check_with_history
from citeaudit.web.links.targets import LinkTarget, merge_targets
from tests.fakes import FakeFetcher

from tests.fakes import ARTICLE_TEXT, FakeTime, failed, fake_web, html, page

ALIVE_URL = "https://a.example/alive"
DEAD_URL = "https://b.example/dead"
STORY = html("Story", ARTICLE_TEXT)
WEB = {ALIVE_URL: page(ALIVE_URL, 200, STORY), DEAD_URL: page(DEAD_URL, 404)}
QUICK = LinkCheckOptions(probe_soft_404=False, retries=0, min_interval=0.0)


def test_each_url_is_checked_once_and_cites_every_reference(fake_time: FakeTime) -> None:
    targets = merge_targets(
        [
            LinkTarget(ALIVE_URL, ("r1",)),
            LinkTarget(DEAD_URL, ("r2",)),
            LinkTarget("HTTPS://A.example/alive", ("r3",)),
        ]
    )
    fetcher = fake_web(WEB)
    results = check_links(targets, fetcher, QUICK, clock=fake_time.clock)
    assert [(r.url, r.verdict, r.reference_ids) for r in results] == [
        (ALIVE_URL, LinkVerdict.ALIVE, ("r1", "r3")),
        (DEAD_URL, LinkVerdict.DEAD, ("r2",)),
    ]
    assert sorted(request.url for request in fetcher.requests) == [ALIVE_URL, DEAD_URL]


def checked_with_history(
    targets: Sequence[LinkTarget],
    web: dict[str, FetchResult],
    history: LinkHistory,
    fake_time: FakeTime,
    policy: ReusePolicy = ReusePolicy(max_age=86_400),
) -> tuple[list[LinkResult], FakeFetcher]:
    fetcher = fake_web(web)

    def check(pending: Sequence[LinkTarget], on_result: Callable[[LinkResult], None]):
        return check_links(pending, fetcher, QUICK, clock=fake_time.clock, on_result=on_result)

    results, _ = check_with_history(targets, check, history, policy)
    return results, fetcher


def test_fresh_history_is_reused_and_new_results_recorded(
    tmp_path: Path, fake_time: FakeTime
) -> None:
    targets = [LinkTarget(ALIVE_URL, ("r1",)), LinkTarget(DEAD_URL, ("r2",))]
    with LinkHistory.open(tmp_path / "h.sqlite3", fake_time.clock) as history:
        first, _ = checked_with_history(targets, WEB, history, fake_time)
        fake_time.advance(3600)
        second, second_fetcher = checked_with_history(targets, WEB, history, fake_time)
        fake_time.advance(2 * 86_400)
        third, _ = checked_with_history(targets, WEB, history, fake_time)
    assert second_fetcher.requests == []
    assert [r.verdict for r in second] == [r.verdict for r in first]
    assert [r.reference_ids for r in second] == [("r1",), ("r2",)]
    assert [r.failed_checks for r in first] == [0, 1]
    assert [r.failed_checks for r in third] == [0, 2]
    assert third[1].first_failed_at == first[1].checked_at


def test_an_unreachable_result_is_never_reused(tmp_path: Path, fake_time: FakeTime) -> None:
    """ "Unreachable" is no decision: a rerun after a timeout must try again, not repeat it."""
    timing_out = {ALIVE_URL: failed(ALIVE_URL, "timeout")}
    targets = [LinkTarget(ALIVE_URL, ("r1",))]
    with LinkHistory.open(tmp_path / "h.sqlite3", fake_time.clock) as history:
        [first], _ = checked_with_history(targets, timing_out, history, fake_time)
        fake_time.advance(60)
        [second], fetcher = checked_with_history(targets, WEB, history, fake_time)
    assert first.verdict is LinkVerdict.UNREACHABLE
    assert [request.url for request in fetcher.requests] == [ALIVE_URL]
    assert second.verdict is LinkVerdict.ALIVE


def test_an_alive_result_without_its_page_text_is_checked_again_when_text_is_needed(
    tmp_path: Path, fake_time: FakeTime
) -> None:
    targets = [LinkTarget(ALIVE_URL, ("r1",))]
    wants_text = ReusePolicy(max_age=86_400, needs_page_text=True)
    with LinkHistory.open(tmp_path / "h.sqlite3", fake_time.clock) as history:
        checked_with_history(targets, WEB, history, fake_time)
        _, fetcher = checked_with_history(targets, WEB, history, fake_time, wants_text)
        _, again = checked_with_history(targets, WEB, history, fake_time)
    assert [request.url for request in fetcher.requests] == [ALIVE_URL]
    assert again.requests == []


def test_progress_is_reported_for_every_result(fake_time: FakeTime) -> None:
    seen: list[LinkResult] = []
    check_links(
        [LinkTarget(ALIVE_URL), LinkTarget(DEAD_URL)],
        fake_web(WEB),
        QUICK,
        on_result=seen.append,
        clock=fake_time.clock,
    )
    assert sorted(result.url for result in seen) == [ALIVE_URL, DEAD_URL]


def test_the_final_answer_of_each_check_is_handed_over_once(fake_time: FakeTime) -> None:
    pages: list[tuple[str, int | None]] = []
    check_links(
        [LinkTarget(ALIVE_URL), LinkTarget(DEAD_URL)],
        fake_web(WEB),
        QUICK,
        on_page=lambda result, answer: pages.append((result.url, answer.status)),
        clock=fake_time.clock,
    )
    assert sorted(pages) == [(ALIVE_URL, 200), (DEAD_URL, 404)]


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
        QUICK,
        run=runner,
        clock=fake_time.clock,
    )
    assert calls == [[(ALIVE_URL, "a.example"), (DEAD_URL, "b.example")]]
    assert [result.url for result in results] == [ALIVE_URL, DEAD_URL]


def test_the_default_runner_keeps_to_the_per_host_limit() -> None:
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
    assert all(result.verdict is LinkVerdict.ALIVE for result in results)
    assert max(peak.values()) == 2
