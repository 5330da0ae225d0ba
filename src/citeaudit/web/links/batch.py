"""Checking an article's links: deduplicate, reuse history, check concurrently, find archives.

Concurrency is pluggable: `check_links` hands its tasks to a `Runner`, a function
`run(tasks, host_of, work) -> results in task order`. The default, `run_in_threads`, is a thread
pool that keeps to the per-host limit and interval with one semaphore per host; a scheduler that
hands each free worker a task of a host with room does better and can be plugged in instead.
Archive look-ups come after every link is checked, one at a time, because the Internet Archive
wants a slow, single stream of requests.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import TypeVar

from citeaudit.web.fetchers.base import Fetcher
from citeaudit.web.archive import WaybackArchive
from citeaudit.web.links.checker import LinkCheckOptions, ProbeCache, check_url
from citeaudit.web.clock import SYSTEM_CLOCK, Clock
from citeaudit.web.links.history import LinkHistory
from citeaudit.web.links.targets import LinkTarget, merge_targets
from citeaudit.web.urls import host_of, normalise_url
from citeaudit.model import FetchResult, LinkResult, LinkVerdict

Task = TypeVar("Task")
Result = TypeVar("Result")
Runner = Callable[
    [Sequence[LinkTarget], Callable[[LinkTarget], str], Callable[[LinkTarget], LinkResult]],
    list[LinkResult],
]

ARCHIVE_VERDICTS = {LinkVerdict.DEAD, LinkVerdict.SOFT_404, LinkVerdict.UNREACHABLE}


def check_links(
    targets: Sequence[LinkTarget],
    fetcher: Fetcher,
    options: LinkCheckOptions | None = None,
    history: LinkHistory | None = None,
    archive: WaybackArchive | None = None,
    on_progress: Callable[[LinkResult], None] | None = None,
    run: Runner | None = None,
    clock: Clock = SYSTEM_CLOCK,
    on_page: Callable[[LinkResult, FetchResult], None] | None = None,
    reusable: Callable[[LinkResult], bool] | None = None,
) -> list[LinkResult]:
    """Check each distinct URL of `targets` once; one result per URL, in order of first appearance.

    With a `history`, a result younger than `options.max_age` is reused instead of fetched, and
    every new result is committed as soon as it is known. With an `archive`, dead, soft-404
    and unreachable links get the snapshot nearest their access-date. `on_progress` is called
    with each result as it is known (from worker threads); `on_page` with each freshly checked
    result and the final answer of its chain (its capped body), also from worker threads, so
    that the page can be read without fetching it twice. Results reused from the history have
    no page here: whoever keeps pages keeps them in the history too, and with `reusable` can
    have a fresh result checked again when it lacks what they need (a page's text).
    """
    options = options or LinkCheckOptions()
    unique = merge_targets(targets, clock.now().date())
    results: dict[int, LinkResult] = {}
    pending: list[int] = []
    for index, target in enumerate(unique):
        reused = history.fresh(target.url, options.max_age) if history is not None else None
        if reused is not None and (reusable is None or reusable(reused)):
            results[index] = replace(reused, url=target.url, reference_ids=target.reference_ids)
            if on_progress is not None:
                on_progress(results[index])
        else:
            pending.append(index)
    probes = ProbeCache()

    def work(target: LinkTarget) -> LinkResult:
        final: list[FetchResult] = []
        result = check_url(
            target.url,
            fetcher,
            options,
            probes=probes,
            clock=clock,
            reference_ids=target.reference_ids,
            cited_title=target.title,
            on_answer=final.append,
        )
        if history is not None:
            result = history.record(result)
        if on_page is not None and final:
            on_page(result, final[-1])
        if on_progress is not None:
            on_progress(result)
        return result

    runner = run or _default_runner(options, clock)
    checked = runner([unique[index] for index in pending], _host_key, work)
    results.update(zip(pending, checked, strict=True))
    if archive is not None:
        for index, target in enumerate(unique):
            results[index] = _with_archive(results[index], target, archive, history)
    return [results[index] for index in range(len(unique))]


def run_in_threads(
    tasks: Sequence[Task],
    host_key: Callable[[Task], str],
    work: Callable[[Task], Result],
    workers: int = 8,
    per_host_limit: int = 2,
    min_interval: float = 0.0,
    clock: Clock = SYSTEM_CLOCK,
) -> list[Result]:
    """Run `work` on every task in a thread pool, at most `per_host_limit` at once per host.

    Starts of tasks of one host are `min_interval` seconds apart; results come in task order.
    """
    gates: dict[str, _HostGate] = {}
    gates_lock = threading.Lock()

    def gated(task: Task) -> Result:
        host = host_key(task)
        with gates_lock:
            gate = gates.setdefault(host, _HostGate(per_host_limit))
        with gate.slots:
            gate.wait_turn(min_interval, clock)
            return work(task)

    with ThreadPoolExecutor(
        max_workers=max(1, workers), thread_name_prefix="citeaudit-links"
    ) as pool:
        futures = [pool.submit(gated, task) for task in tasks]
        try:
            return [future.result() for future in futures]
        except BaseException:
            # Ctrl-C or a failed task: start nothing more; the running tasks finish.
            for future in futures:
                future.cancel()
            raise


class _HostGate:
    """The slots and the last start time of one host."""

    def __init__(self, limit: int) -> None:
        self.slots = threading.BoundedSemaphore(max(1, limit))
        self._lock = threading.Lock()
        self._last_start: float | None = None

    def wait_turn(self, min_interval: float, clock: Clock) -> None:
        with self._lock:
            now = clock.monotonic()
            if self._last_start is not None and now - self._last_start < min_interval:
                clock.sleep(min_interval - (now - self._last_start))
            self._last_start = clock.monotonic()


def _default_runner(options: LinkCheckOptions, clock: Clock) -> Runner:
    def run(
        tasks: Sequence[LinkTarget],
        host_key: Callable[[LinkTarget], str],
        work: Callable[[LinkTarget], LinkResult],
    ) -> list[LinkResult]:
        return run_in_threads(
            tasks,
            host_key,
            work,
            options.concurrency,
            options.per_host_limit,
            options.min_interval,
            clock,
        )

    return run


def _host_key(target: LinkTarget) -> str:
    return host_of(normalise_url(target.url).url or "")


def _with_archive(
    result: LinkResult, target: LinkTarget, archive: WaybackArchive, history: LinkHistory | None
) -> LinkResult:
    # A citation that gives an archive already is checked by `check_archive_url` instead.
    if result.verdict not in ARCHIVE_VERDICTS or result.archive is not None or target.archive_url:
        return result
    lookup = archive.find_snapshot(normalise_url(target.url).url or target.url, target.access_date)
    if lookup.snapshot is None:
        return result
    if history is not None:
        history.attach_archive(result, lookup.snapshot)
    return replace(result, archive=lookup.snapshot)
