"""Faults: Ctrl-C in the middle of a run, several runs sharing one link history.

A run interrupted by Ctrl-C keeps every check that finished (each is committed to the history
as it finishes) and the next run fetches only what is left. Several processes that open the
same, not yet existing, history file at once and all write to it leave one sound file behind:
no result lost, nothing moved aside as foreign. (A corrupt or foreign history file is set aside
with a warning: `tests/web/links/test_history.py`.)
"""

from __future__ import annotations

import _thread
import multiprocessing
import sqlite3
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from citeaudit.model import FetchRequest, FetchResult, LinkResult, LinkVerdict
from citeaudit.web.links.batch import Runner, check_links
from citeaudit.web.links.checker import LinkCheckOptions
from citeaudit.web.links.history import LinkHistory, ReusePolicy, check_with_history
from citeaudit.web.links.targets import LinkTarget
from citeaudit.web.runner import Limits, run_scheduled
from tests.fakes import FakeFetcher

OPTIONS = LinkCheckOptions(retries=0, min_interval=0.0, probe_soft_404=False)
PAGE = b"<title>A simulated page</title>" + b"<p>Simulated text.</p>" * 20


def targets(count: int, hosts: int = 4, offset: int = 0) -> list[LinkTarget]:
    return [
        LinkTarget(f"https://h{n % hosts}.example/page/{n}", (f"r{n}",))
        for n in range(offset, offset + count)
    ]


def page_after(delay: float) -> FakeFetcher:
    def answer(request: FetchRequest) -> FetchResult:
        time.sleep(delay)
        return FetchResult(url=request.url, status=200, body=PAGE)

    return FakeFetcher(answer)


def check_remembered(
    wanted: Sequence[LinkTarget],
    fetcher: FakeFetcher,
    options: LinkCheckOptions,
    history: LinkHistory,
    on_result: Callable[[LinkResult], None] | None = None,
    run: Runner | None = None,
) -> list[LinkResult]:
    """Check through the link history: each result committed, then reported to `on_result`."""

    def check(pending: Sequence[LinkTarget], record: Callable[[LinkResult], None]):
        def recorded_then_reported(result: LinkResult) -> None:
            record(result)
            if on_result is not None:
                on_result(result)

        return check_links(pending, fetcher, options, run=run, on_result=recorded_then_reported)

    return check_with_history(wanted, check, history, ReusePolicy())[0]


def scheduler(workers: int = 4) -> Runner:
    limits = Limits(max_workers=workers, per_host=1, min_interval=0.0)

    def run(
        tasks: Sequence[LinkTarget],
        host_key: Callable[[LinkTarget], str],
        work: Callable[[LinkTarget], LinkResult],
    ) -> list[LinkResult]:
        return run_scheduled(tasks, host_key, work, limits)

    return run


def test_ctrl_c_keeps_every_finished_check_and_the_next_run_resumes(tmp_path: Path) -> None:
    path = tmp_path / "links.sqlite3"
    wanted = targets(40)
    finished: list[str] = []
    lock = threading.Lock()

    def interrupt_after_ten(result: LinkResult) -> None:
        with lock:
            finished.append(result.url)
            if len(finished) == 10:
                _thread.interrupt_main()  # what Ctrl-C does: KeyboardInterrupt in the main thread

    history = LinkHistory.open(path)
    with pytest.raises(KeyboardInterrupt):
        check_remembered(
            wanted, page_after(0.05), OPTIONS, history, interrupt_after_ten, scheduler()
        )
    history.close()
    assert 10 <= len(finished) < len(wanted)

    second_fetcher = page_after(0.0)
    with LinkHistory.open(path) as reopened:
        results = check_remembered(wanted, second_fetcher, OPTIONS, reopened, run=scheduler())
    fetched_again = {request.url for request in second_fetcher.requests}
    assert fetched_again.isdisjoint(finished)
    assert fetched_again | set(finished) == {target.url for target in wanted}
    assert [result.verdict for result in results] == [LinkVerdict.ALIVE] * len(wanted)


def test_ctrl_c_with_the_default_runner_keeps_finished_checks_too(tmp_path: Path) -> None:
    path = tmp_path / "links.sqlite3"
    wanted = targets(30)
    finished: list[str] = []
    lock = threading.Lock()

    def interrupt_after_five(result: LinkResult) -> None:
        with lock:
            finished.append(result.url)
            if len(finished) == 5:
                _thread.interrupt_main()

    options = LinkCheckOptions(
        retries=0, min_interval=0.0, probe_soft_404=False, concurrency=4, per_host_limit=1
    )
    with LinkHistory.open(path) as history, pytest.raises(KeyboardInterrupt):
        check_remembered(wanted, page_after(0.05), options, history, interrupt_after_five)
    with LinkHistory.open(path) as reopened:
        stored = {t.url for t in wanted if reopened.fresh(t.url, ReusePolicy().max_age) is not None}
    assert stored == set(finished)


def _audit_in_another_process(path: str, offset: int, start: float) -> None:
    time.sleep(max(0.0, start - time.time()))  # all processes open the new file at once
    with LinkHistory.open(Path(path)) as history:
        check_remembered(targets(60, offset=offset), page_after(0.0), OPTIONS, history)


def test_processes_creating_and_sharing_one_history_file(tmp_path: Path) -> None:
    path = tmp_path / "cache" / "links.sqlite3"
    context = multiprocessing.get_context("spawn")
    start = time.time() + 1.5
    processes = [
        context.Process(target=_audit_in_another_process, args=(str(path), offset, start))
        for offset in (0, 30, 45)  # overlapping URL sets: the same URL written by several
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=60)
    assert [process.exitcode for process in processes] == [0, 0, 0]
    assert not list(path.parent.glob("*.corrupt-*"))
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        checks = dict(connection.execute("SELECT url, COUNT(*) FROM checks GROUP BY url"))
    finally:
        connection.close()
    expected = {}
    for offset in (0, 30, 45):
        for target in targets(60, offset=offset):
            expected[target.url] = expected.get(target.url, 0) + 1
    # A process may reuse what another stored a moment before: never fewer than one check per
    # URL, never more than one per process that wanted it.
    assert set(checks) == set(expected)
    assert all(1 <= checks[url] <= expected[url] for url in expected)
