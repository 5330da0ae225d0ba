"""The host-aware scheduler: limits honoured, free workers never parked behind a busy host."""

from __future__ import annotations

import _thread
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable

import pytest

from citeaudit.web.runner import LaneLimits, Limits, Scheduler, run_scheduled


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


# --- the scheduler: lanes, tasks that submit tasks, the grace at Ctrl-C -----------------------


def test_tasks_submitted_during_a_run_run_in_it_beside_the_others() -> None:
    scheduler = Scheduler(Limits(max_workers=4, per_host=1, min_interval=0))
    order: list[str] = []
    lock = threading.Lock()

    def note(name: str) -> None:
        with lock:
            order.append(name)

    def link(number: int) -> Callable[[], None]:
        def check() -> None:
            time.sleep(0.02)
            note(f"link-{number}")
            if number == 0:
                scheduler.submit("archive", lambda: note("archive-0"))

        return check

    for number in range(6):
        scheduler.submit("links.example", link(number))
    scheduler.run()
    assert sorted(order) == sorted([f"link-{n}" for n in range(6)] + ["archive-0"])
    # The look-up queued by the first link ran while the other links were still being checked.
    assert order.index("archive-0") < order.index("link-5")


def test_a_lane_of_its_own_keeps_its_own_limits() -> None:
    scheduler = Scheduler(
        Limits(max_workers=8, per_host=4, min_interval=0),
        lanes={"search": LaneLimits(in_flight=1, min_interval=0.05)},
    )
    probe = Probe(0.001)
    for number in range(4):
        scheduler.submit("search", lambda number=number: probe(("search", number)))
        scheduler.submit("host", lambda number=number: probe(("host", number)))
    scheduler.run()
    assert probe.peak["search"] == 1
    gaps = [b - a for a, b in zip(probe.starts["search"], probe.starts["search"][1:], strict=False)]
    assert min(gaps) >= 0.045
    host_gaps = [
        b - a for a, b in zip(probe.starts["host"], probe.starts["host"][1:], strict=False)
    ]
    assert min(host_gaps) < 0.045


def test_at_ctrl_c_a_slow_task_does_not_hold_the_run_past_the_grace() -> None:
    release = threading.Event()
    scheduler = Scheduler(Limits(max_workers=2, per_host=1, min_interval=0), grace=0.2)

    def slow() -> None:
        release.wait(10)

    def interrupt() -> None:
        time.sleep(0.05)
        _thread.interrupt_main()

    scheduler.submit("slow.example", slow)
    scheduler.submit("other.example", interrupt)
    started = time.monotonic()
    try:
        with pytest.raises(KeyboardInterrupt):
            scheduler.run()
        assert time.monotonic() - started < 2
        assert scheduler.cancelled
    finally:
        release.set()


def test_a_lane_on_a_host_shares_that_hosts_limit() -> None:
    scheduler = Scheduler(
        Limits(max_workers=8, per_host=2, min_interval=0),
        lanes={"search": LaneLimits(in_flight=2, host="archive.example")},
    )
    lock = threading.Lock()
    running = {"now": 0, "peak": 0}

    def at_the_archive() -> None:
        with lock:
            running["now"] += 1
            running["peak"] = max(running["peak"], running["now"])
        time.sleep(0.01)
        with lock:
            running["now"] -= 1

    for _ in range(6):
        scheduler.submit("search", at_the_archive)
        scheduler.submit("archive.example", at_the_archive)
    scheduler.run()
    assert running["peak"] == 2


def test_a_host_given_up_runs_its_waiting_tasks_without_its_pace() -> None:
    """The first task finds the host given up (as the archive's breaker opens); the four still
    waiting, and one queued later, make no request and start at once, not 30 s apart."""
    scheduler = Scheduler(
        Limits(max_workers=4, per_host=2, min_interval=0),
        lanes={"search": LaneLimits(in_flight=1, min_interval=30, host="archive.example")},
    )
    ran: list[int] = []

    def task(number: int) -> None:
        ran.append(number)
        if number == 0:
            scheduler.unpace("archive.example")
            scheduler.submit("search", lambda: ran.append(5))

    for number in range(5):
        scheduler.submit("search", lambda number=number: task(number))
    started = time.monotonic()
    scheduler.run()
    assert sorted(ran) == [0, 1, 2, 3, 4, 5]
    assert time.monotonic() - started < 10
