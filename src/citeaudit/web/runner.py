"""Run host-bound tasks on threads, politely: a global limit, and per lane a limit and a pace.

A lane is where a task's requests go: a host (`news.example`), or an endpoint with limits of
its own (the Wayback Machine's search API, paced at its own interval). `Scheduler` hands each
free worker a task of a lane that has room right now (fewer than its limit of tasks running
there, and its minimum interval passed since the last start there), choosing among those the
lane with the most work left (its tasks times its pace). Workers never block on a busy lane: a
pool whose workers each take the next task and then wait on that host's semaphore ends up with
most workers queued behind the busiest host while other hosts sit idle. Picking the lane with
the most work left keeps the slowest lane busy from the start, which is what bounds the run.

Tasks may submit more tasks while the scheduler runs (a link found dead queues its snapshot
look-up at once, beside the link checks still running); a run ends when every task submitted
has finished. On Ctrl-C no new task starts, and the running ones get a short grace to finish
before the interrupt is raised again: a report of what was finished should not wait for a
slow server's timeout.

This is the one runner of the project: link checks, probes and archive work all go through it.
The limits of a run are the link checker's options (`LinkCheckOptions`, where each default is
explained).
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

INTERRUPT_GRACE = 2.0
"""Seconds the tasks running at Ctrl-C get to finish before the interrupt is raised again."""

Task = Callable[[], None]


@dataclass(frozen=True)
class Limits:
    """How many tasks run at once, overall and per host, and how far apart starts to a host are."""

    max_workers: int
    per_host: int
    min_interval: float

    def __post_init__(self) -> None:
        if self.max_workers < 1 or self.per_host < 1 or self.min_interval < 0:
            raise ValueError(f"limits must be positive: {self}")


@dataclass(frozen=True)
class LaneLimits:
    """The limits of one lane that is not an ordinary host: tasks in flight, and start pace.

    `host` names the host the lane's requests go to, when it is one: the lane's tasks then
    count against that host's per-host limit too, beside the host's own lane.
    """

    in_flight: int
    min_interval: float = 0.0
    host: str | None = None

    def __post_init__(self) -> None:
        if self.in_flight < 1 or self.min_interval < 0:
            raise ValueError(f"lane limits must be positive: {self}")


@dataclass
class _Lane:
    limits: LaneLimits
    host: str
    pending: deque[Task] = field(default_factory=deque)
    running: int = 0
    last_start: float = float("-inf")


class Scheduler:
    """Runs tasks on worker threads within `limits`; thread-safe, tasks may submit tasks.

    `lanes` gives some lanes limits of their own; every other lane is a host, limited by
    `limits.per_host` and `limits.min_interval`.
    """

    def __init__(
        self,
        limits: Limits,
        lanes: Mapping[str, LaneLimits] | None = None,
        grace: float = INTERRUPT_GRACE,
    ) -> None:
        self.limits = limits
        self._host_limits = LaneLimits(limits.per_host, limits.min_interval)
        self._special = dict(lanes or {})
        self._grace = grace
        self._lanes: dict[str, _Lane] = {}
        self._host_running: dict[str, int] = {}
        self._unpaced: set[str] = set()
        self._running = 0
        self._workers: list[threading.Thread] = []
        self._cancelled = False
        self._error: BaseException | None = None
        self._condition = threading.Condition()

    @property
    def cancelled(self) -> bool:
        """True once the run was interrupted or failed: long tasks may stop early."""
        return self._cancelled

    def submit(self, lane: str, task: Task) -> None:
        """Queue `task` in `lane`; it runs in the current run, or in the next one."""
        with self._condition:
            if lane not in self._lanes:
                limits = self._special.get(lane, self._host_limits)
                self._lanes[lane] = _Lane(limits, limits.host or lane)
            self._lanes[lane].pending.append(task)
            self._condition.notify_all()

    def unpace(self, host: str) -> None:
        """Start the tasks bound for `host`, waiting or queued later, without its pace (its
        limit of tasks at once still holds): the host was given up for this run, so they make
        no request, and a turn of pace each would only make the run wait for nothing."""
        with self._condition:
            self._unpaced.add(host)
            self._condition.notify_all()

    def run(self) -> None:
        """Run until every task submitted, before or during the run, has finished.

        On `KeyboardInterrupt` (in the calling thread, or raised by a task) no new task starts,
        the running ones get the grace period, and the interrupt is raised again. If a task
        raises anything else, the run stops the same way and that exception is raised.
        """
        self.start()
        self.wait()

    def start(self) -> None:
        """Start working through the tasks in the background (`wait` for them)."""
        with self._condition:
            if self._cancelled or not any(lane.pending for lane in self._lanes.values()):
                return
            self._workers = [worker for worker in self._workers if worker.is_alive()]
            # All workers from the start: tasks submitted during the run may need them.
            for number in range(len(self._workers), self.limits.max_workers):
                worker = threading.Thread(
                    target=self._work, name=f"citeaudit-worker-{number}", daemon=True
                )
                self._workers.append(worker)
                worker.start()

    def wait(self, until: Callable[[], bool] | None = None) -> None:
        """Block until every task has finished, or `until()` holds (the rest goes on).

        Interrupts and exceptions end the run as `run` says.
        """
        try:
            with self._condition:
                while not self._cancelled and not (until is not None and until()):
                    if self._running == 0 and not any(
                        lane.pending for lane in self._lanes.values()
                    ):
                        break
                    # Short waits keep the calling thread responsive to Ctrl-C.
                    self._condition.wait(0.1)
        except KeyboardInterrupt:
            self.cancel()
            raise
        if self._error is not None:
            self._wait_for_running()
            raise self._error

    def cancel(self) -> None:
        """Start no more tasks; give the running ones the grace period to finish (once)."""
        already = self._cancelled
        self._cancel(KeyboardInterrupt())
        if not already:
            self._wait_for_running()

    def _work(self) -> None:
        while (picked := self._next_task()) is not None:
            name, task = picked
            try:
                task()
            except BaseException as error:  # re-raised in the caller's thread
                self._finish(name)
                self._cancel(error)
                return
            self._finish(name)

    def _next_task(self) -> tuple[str, Task] | None:
        """Block until a task may start and return it; None when the run is over."""
        with self._condition:
            while True:
                if self._cancelled:
                    return None
                waiting = any(lane.pending for lane in self._lanes.values())
                if not waiting and self._running == 0:
                    self._condition.notify_all()
                    return None
                now = time.monotonic()
                chosen, wait = self._pick(now)
                if chosen is not None:
                    lane = self._lanes[chosen]
                    lane.running += 1
                    lane.last_start = now
                    self._host_running[lane.host] = self._host_running.get(lane.host, 0) + 1
                    self._running += 1
                    return chosen, lane.pending.popleft()
                # Nothing ready: wait for a paced lane, or for a task to finish or be submitted.
                self._condition.wait(wait)

    def _pick(self, now: float) -> tuple[str | None, float | None]:
        """The ready lane with the most work left, or the wait until a paced lane is ready."""
        best: str | None = None
        soonest: float | None = None
        for name, lane in self._lanes.items():
            if not lane.pending or lane.running >= lane.limits.in_flight:
                continue
            if self._host_running.get(lane.host, 0) >= self.limits.per_host:
                continue
            pace = 0.0 if lane.host in self._unpaced else lane.limits.min_interval
            ready_at = lane.last_start + pace
            if ready_at > now:
                soonest = ready_at - now if soonest is None else min(soonest, ready_at - now)
                continue
            if best is None or _work_left(lane) > _work_left(self._lanes[best]):
                best = name
        return best, soonest

    def _finish(self, name: str) -> None:
        with self._condition:
            lane = self._lanes[name]
            lane.running -= 1
            self._host_running[lane.host] -= 1
            self._running -= 1
            self._condition.notify_all()

    def _cancel(self, error: BaseException) -> None:
        with self._condition:
            self._cancelled = True
            self._error = self._error or error
            self._condition.notify_all()

    def _wait_for_running(self) -> None:
        deadline = time.monotonic() + self._grace
        with self._condition:
            while self._running and (remaining := deadline - time.monotonic()) > 0:
                self._condition.wait(min(remaining, 0.1))


def _work_left(lane: _Lane) -> float:
    """How long a lane's pending tasks keep it busy, at least: its tasks times its pace (a lane
    paced slower than the hosts, the archive's search, counts for more per task)."""
    return len(lane.pending) * (lane.limits.min_interval or 1.0)


def run_scheduled(
    tasks: Iterable[T],
    host_of: Callable[[T], str],
    work: Callable[[T], R],
    limits: Limits,
    on_result: Callable[[T, R], None] | None = None,
) -> list[R]:
    """Run `work` on every task within `limits`; return the results in the order of `tasks`.

    `on_result(task, result)` is called as each task finishes, from the worker threads but one
    call at a time. Interrupts and exceptions end the run as `Scheduler.run` says.
    """
    task_list = list(tasks)
    results: list[R | None] = [None] * len(task_list)
    report_lock = threading.Lock()
    scheduler = Scheduler(limits)

    def runner(index: int, task: T) -> Task:
        def run_one() -> None:
            result = work(task)
            if on_result is not None:
                with report_lock:
                    on_result(task, result)
            results[index] = result

        return run_one

    for index, task in enumerate(task_list):
        scheduler.submit(host_of(task), runner(index, task))
    scheduler.run()
    return results  # type: ignore[return-value]  # every slot is filled when no task failed
