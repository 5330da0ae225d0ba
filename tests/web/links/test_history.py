"""The SQLite link history: reuse, deadness over time, foreign files set aside, shared use."""

from __future__ import annotations

import multiprocessing
import sqlite3
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from citeaudit.model import ArchiveSnapshot, Hop, LinkResult, LinkVerdict
from citeaudit.web.links.history import LinkHistory, default_history_path

from tests.fakes import START, FakeTime

URL = "https://news.example/story"
DAY = 86_400.0
Opener = Callable[..., LinkHistory]


def result(verdict: LinkVerdict, fake_time: FakeTime, url: str = URL) -> LinkResult:
    return LinkResult(
        url=url,
        verdict=verdict,
        reason=f"simulated {verdict.value}",
        status=404 if verdict == LinkVerdict.DEAD else 200,
        final_url=url,
        chain=(Hop(url, 301), Hop(url + "/", 404)),
        page_title="Title",
        checked_at=fake_time.now().isoformat(timespec="seconds"),
        reference_ids=("r1",),
    )


@pytest.fixture
def open_history(tmp_path: Path, fake_time: FakeTime) -> Iterator[Opener]:
    """Opens histories (in `tmp_path` by default) and closes them all after the test."""
    opened: list[LinkHistory] = []

    def open_one(path: Path | None = None, **kwargs: object) -> LinkHistory:
        where = path or tmp_path / "h.sqlite3"
        history = LinkHistory.open(where, fake_time.clock, **kwargs)  # type: ignore[arg-type]
        opened.append(history)
        return history

    yield open_one
    for history in opened:
        history.close()


def test_default_path_follows_xdg(tmp_path: Path) -> None:
    assert (
        default_history_path({"XDG_CACHE_HOME": str(tmp_path)})
        == tmp_path / "citeaudit" / "links.sqlite3"
    )
    assert default_history_path({}).parts[-3:] == (".cache", "citeaudit", "links.sqlite3")


def test_a_fresh_result_is_reused_with_its_evidence(
    fake_time: FakeTime, open_history: Opener
) -> None:
    history = open_history()
    stored = history.record(result(LinkVerdict.ALIVE, fake_time))
    fake_time.advance(DAY / 2)
    reused = history.fresh(URL, max_age=DAY)
    assert reused is not None
    assert replace(reused, reference_ids=("r1",)) == stored


def test_urls_are_stored_normalised(fake_time: FakeTime, open_history: Opener) -> None:
    history = open_history()
    history.record(result(LinkVerdict.DEAD, fake_time, url="HTTPS://News.Example/story#top"))
    reused = history.fresh(URL, max_age=DAY)
    assert reused is not None and (reused.url, reused.failed_checks) == (URL, 1)


def test_an_old_result_is_not_reused(fake_time: FakeTime, open_history: Opener) -> None:
    history = open_history()
    history.record(result(LinkVerdict.ALIVE, fake_time))
    fake_time.advance(DAY + 1)
    assert history.fresh(URL, max_age=DAY) is None


def test_skipped_and_invalid_results_are_not_stored(
    fake_time: FakeTime, open_history: Opener
) -> None:
    history = open_history()
    history.record(result(LinkVerdict.SKIPPED, fake_time))
    history.record(result(LinkVerdict.INVALID, fake_time))
    assert history.fresh(URL, max_age=DAY) is None


def test_deadness_gains_confidence_and_resets_on_alive(
    fake_time: FakeTime, open_history: Opener
) -> None:
    history = open_history()
    first = history.record(result(LinkVerdict.DEAD, fake_time))
    first_seen = START.isoformat(timespec="seconds")
    assert (first.first_failed_at, first.failed_checks) == (first_seen, 1)
    fake_time.advance(3 * DAY)
    assert history.record(result(LinkVerdict.UNREACHABLE, fake_time)).failed_checks == 0
    fake_time.advance(3 * DAY)
    third = history.record(result(LinkVerdict.DEAD, fake_time))
    assert (third.first_failed_at, third.failed_checks) == (first_seen, 2)
    fake_time.advance(DAY)
    assert history.record(result(LinkVerdict.SOFT_404, fake_time)).failed_checks == 3
    fake_time.advance(DAY)
    assert history.record(result(LinkVerdict.ALIVE, fake_time)).failed_checks == 0
    fake_time.advance(DAY)
    again = history.record(result(LinkVerdict.DEAD, fake_time))
    assert (again.first_failed_at, again.failed_checks) == (
        fake_time.now().isoformat(timespec="seconds"),
        1,
    )


def test_reused_dead_result_carries_its_streak(fake_time: FakeTime, open_history: Opener) -> None:
    history = open_history()
    history.record(result(LinkVerdict.DEAD, fake_time))
    fake_time.advance(2 * DAY)
    history.record(result(LinkVerdict.DEAD, fake_time))
    reused = history.fresh(URL, max_age=DAY)
    assert reused is not None and (reused.first_failed_at, reused.failed_checks) == (
        START.isoformat(timespec="seconds"),
        2,
    )


def test_archive_snapshot_is_attached_and_reused(fake_time: FakeTime, open_history: Opener) -> None:
    history = open_history()
    stored = history.record(result(LinkVerdict.DEAD, fake_time))
    snapshot = ArchiveSnapshot(
        f"https://web.archive.org/web/20230101000000/{URL}", "20230101000000"
    )
    history.attach_archive(stored, snapshot)
    reused = history.fresh(URL, max_age=DAY)
    assert reused is not None and reused.archive == snapshot


def test_results_survive_reopening(
    tmp_path: Path, fake_time: FakeTime, open_history: Opener
) -> None:
    path = tmp_path / "h.sqlite3"
    open_history(path).record(result(LinkVerdict.ALIVE, fake_time))
    assert open_history(path).fresh(URL, max_age=DAY) is not None


def test_a_file_that_is_not_sqlite_is_moved_aside(
    tmp_path: Path, fake_time: FakeTime, open_history: Opener
) -> None:
    path = tmp_path / "h.sqlite3"
    path.write_text("these are not the links you are looking for")
    warnings: list[str] = []
    history = open_history(path, warn=warnings.append)
    history.record(result(LinkVerdict.ALIVE, fake_time))
    aside = tmp_path / "h.sqlite3.corrupt-20261128T120000"
    assert aside.read_text() == "these are not the links you are looking for"
    assert len(warnings) == 1 and "not an SQLite file" in warnings[0] and aside.name in warnings[0]
    assert history.fresh(URL, max_age=DAY) is not None


def test_a_corrupt_sqlite_file_is_moved_aside(
    tmp_path: Path, fake_time: FakeTime, open_history: Opener
) -> None:
    path = tmp_path / "h.sqlite3"
    open_history(path).record(result(LinkVerdict.ALIVE, fake_time))
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    path.write_bytes(bytes(data))
    for companion in ("-wal", "-shm"):
        (tmp_path / f"h.sqlite3{companion}").unlink(missing_ok=True)
    warnings: list[str] = []
    history = open_history(path, warn=warnings.append)
    assert len(warnings) == 1
    assert history.fresh(URL, max_age=DAY) is None


def test_someone_elses_database_is_moved_aside(tmp_path: Path, open_history: Opener) -> None:
    path = tmp_path / "h.sqlite3"
    with sqlite3.connect(path) as other:
        other.execute("CREATE TABLE photos (id INTEGER)")
    other.close()
    warnings: list[str] = []
    open_history(path, warn=warnings.append)
    assert "not a citeaudit link history" in warnings[0]
    assert (tmp_path / "h.sqlite3.corrupt-20261128T120000").exists()


def test_a_newer_schema_version_is_not_trusted(tmp_path: Path, open_history: Opener) -> None:
    path = tmp_path / "h.sqlite3"
    open_history(path).close()
    with sqlite3.connect(path) as other:
        other.execute("UPDATE meta SET value = '99' WHERE key = 'version'")
    other.close()
    warnings: list[str] = []
    open_history(path, warn=warnings.append)
    assert "version '99'" in warnings[0]


def test_threads_sharing_one_history(fake_time: FakeTime, open_history: Opener) -> None:
    history = open_history()

    def record_many(worker: int) -> None:
        for n in range(25):
            history.record(
                result(LinkVerdict.DEAD, fake_time, url=f"https://t{worker}.example/{n}")
            )

    threads = [threading.Thread(target=record_many, args=(worker,)) for worker in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    fresh = [history.fresh(f"https://t{w}.example/{n}", DAY) for w in range(4) for n in range(25)]
    assert all(found is not None and found.failed_checks == 1 for found in fresh)


def _record_in_another_process(path: str, worker: int, count: int) -> None:
    time = FakeTime()
    history = LinkHistory.open(Path(path), time.clock)
    for n in range(count):
        history.record(result(LinkVerdict.DEAD, time, url=URL))
        history.record(result(LinkVerdict.ALIVE, time, url=f"https://p{worker}.example/{n}"))
    history.close()


def test_two_processes_sharing_one_history_file(tmp_path: Path, open_history: Opener) -> None:
    path = tmp_path / "shared.sqlite3"
    context = multiprocessing.get_context("spawn")
    processes = [
        context.Process(target=_record_in_another_process, args=(str(path), worker, 30))
        for worker in range(2)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=60)
    assert [process.exitcode for process in processes] == [0, 0]
    history = open_history(path)
    reused = history.fresh(URL, DAY)
    assert reused is not None and reused.failed_checks == 60
    assert all(
        history.fresh(f"https://p{w}.example/{n}", DAY) is not None
        for w in range(2)
        for n in range(30)
    )
    with sqlite3.connect(path) as check:
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    check.close()


def test_fresh_results_respect_the_clock_not_the_machine_time(
    fake_time: FakeTime, open_history: Opener
) -> None:
    history = open_history()
    history.record(result(LinkVerdict.ALIVE, fake_time))
    fake_time.advance(timedelta(days=400).total_seconds())
    assert history.fresh(URL, max_age=DAY) is None
