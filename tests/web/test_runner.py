"""The host-aware scheduler: limits honoured, free workers never parked behind a busy host."""

from __future__ import annotations

import _thread
import threading
import time
from collections import Counter, defaultdict

import pytest

from citeaudit.web.runner import Limits, run_scheduled


class Probe:
    """Work that sleeps a little and records concurrency overall and per host, and start times."""

    def __init__(self, duration: float = 0.02) -> None:
        self.duration = duration
        self.lock = threading.Lock()
        self.running: Counter[str] = Counter()
        self.peak: Counter[str] = Counter()
        self.total = 0
        self.peak_total = 0
        self.starts: dict[str, list[float]] = defaultdict(list)
        self.order: list[str] = []

    def __call__(self, task: tuple[str, int]) -> str:
        host, number = task
        with self.lock:
            self.running[host] += 1
            self.total += 1
            self.peak[host] = max(self.peak[host], self.running[host])
            self.peak_total = max(self.peak_total, self.total)
            self.starts[host].append(time.monotonic())
            self.order.append(host)
        time.sleep(self.duration)
        with self.lock:
            self.running[host] -= 1
            self.total -= 1
        return f"{host}-{number}"


def host_of(task: tuple[str, int]) -> str:
    return task[0]


def test_results_in_input_order_and_each_reported() -> None:
    tasks = [(f"h{n % 5}", n) for n in range(40)]
    reported: list[str] = []
    results = run_scheduled(
        tasks,
        host_of,
        Probe(0.001),
        Limits(max_workers=8, per_host=2, min_interval=0),
        on_result=lambda task, result: reported.append(result),
    )
    assert results == [f"h{n % 5}-{n}" for n in range(40)]
    assert sorted(reported) == sorted(results)


def test_per_host_limit_holds_and_is_used() -> None:
    probe = Probe(0.01)
    run_scheduled(
        [(f"h{n % 3}", n) for n in range(60)],
        host_of,
        probe,
        Limits(max_workers=8, per_host=2, min_interval=0),
    )
    assert max(probe.peak.values()) == 2


def test_global_limit_holds_and_is_used() -> None:
    probe = Probe(0.01)
    run_scheduled(
        [(f"h{n % 20}", n) for n in range(60)],
        host_of,
        probe,
        Limits(max_workers=6, per_host=2, min_interval=0),
    )
    assert probe.peak_total == 6
    assert max(probe.peak.values()) <= 2


def test_min_interval_spaces_starts_to_one_host() -> None:
    probe = Probe(0.001)
    tasks = [("slow.example", n) for n in range(4)] + [("other.example", n) for n in range(4)]
    run_scheduled(tasks, host_of, probe, Limits(max_workers=4, per_host=4, min_interval=0.05))
    for starts in probe.starts.values():
        gaps = [later - earlier for earlier, later in zip(starts, starts[1:], strict=False)]
        assert min(gaps) >= 0.045


def test_free_workers_serve_other_hosts_while_the_busiest_is_full() -> None:
    probe = Probe(0.05)
    tasks = [("busy", n) for n in range(6)] + [("b", 0), ("b", 1), ("c", 0), ("c", 1)]
    run_scheduled(tasks, host_of, probe, Limits(max_workers=3, per_host=1, min_interval=0))
    assert set(probe.order[:3]) == {"busy", "b", "c"}
    assert probe.order[0] == "busy"  # the host with the most work left starts first


def test_keyboard_interrupt_keeps_finished_results_and_stops_new_work() -> None:
    finished: list[tuple[str, int]] = []

    def work(task: tuple[str, int]) -> int:
        if task[1] == 3:
            _thread.interrupt_main()
        time.sleep(0.01)
        return task[1]

    tasks = [(f"h{n}", n) for n in range(200)]
    with pytest.raises(KeyboardInterrupt):
        run_scheduled(
            tasks,
            host_of,
            work,
            Limits(max_workers=2, per_host=1, min_interval=0),
            on_result=lambda task, result: finished.append(task),
        )
    assert ("h3", 3) in finished  # the task running when the interrupt came still reported
    assert 3 <= len(finished) < 200


def test_an_exception_in_work_stops_the_run_and_is_raised() -> None:
    def work(task: tuple[str, int]) -> int:
        if task[1] == 5:
            raise ValueError("broken task")
        return task[1]

    with pytest.raises(ValueError, match="broken task"):
        run_scheduled(
            [("h", n) for n in range(50)],
            host_of,
            work,
            Limits(max_workers=2, per_host=2, min_interval=0),
        )


def test_no_tasks_and_bad_limits() -> None:
    assert (
        run_scheduled([], host_of, Probe(), Limits(max_workers=1, per_host=1, min_interval=0)) == []
    )
    with pytest.raises(ValueError):
        Limits(max_workers=1, per_host=0, min_interval=0)
