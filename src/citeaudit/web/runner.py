"""Run host-bound tasks on threads, politely: a global limit, a per-host limit, a pace per host.

`run_scheduled(tasks, host_of, work, limits)` hands each free worker a task of a host that has
room right now (fewer than `per_host` tasks running there and `min_interval` passed since the
last start there), choosing among those the host with the most tasks left. Workers never
block on a busy host: a pool whose workers each take the next task and then wait on that
host's semaphore ends up with most workers queued behind the busiest host while other hosts
sit idle. Picking the host with the most work left keeps the slowest host busy from the
start, which is what bounds the run.

This is the one runner of the project: link checks, probes and archive work all go through it.
The limits of a run are the link checker's options (`LinkCheckOptions`, where each default is
explained).
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class Limits:
    """How many tasks run at once, overall and per host, and how far apart starts to a host are."""

    max_workers: int
    per_host: int
    min_interval: float

    def __post_init__(self) -> None:
        if self.max_workers < 1 or self.per_host < 1 or self.min_interval < 0:
            raise ValueError(f"limits must be positive: {self}")


@dataclass
class _Host:
    pending: deque[int] = field(default_factory=deque)
    running: int = 0
    last_start: float = float("-inf")


class _Schedule(Generic[T, R]):
    """The shared state of one run: which tasks wait where, and what has finished."""

    def __init__(self, tasks: list[T], host_of: Callable[[T], str], limits: Limits) -> None:
        self.tasks = tasks
        self.limits = limits
        self.results: list[R | None] = [None] * len(tasks)
        self.hosts: dict[str, _Host] = {}
        for index, task in enumerate(tasks):
            self.hosts.setdefault(host_of(task), _Host()).pending.append(index)
        self.remaining = len(tasks)
        self.cancelled = False
        self.error: BaseException | None = None
        self.condition = threading.Condition()

    def next_task(self) -> int | None:
        """Block until a task may start and return its index; None when nothing is left to start."""
        with self.condition:
            while True:
                if self.cancelled or not any(host.pending for host in self.hosts.values()):
                    return None
                now = time.monotonic()
                chosen, wait = self._pick(now)
                if chosen is not None:
                    host = self.hosts[chosen]
                    host.running += 1
                    host.last_start = now
                    return host.pending.popleft()
                self.condition.wait(wait)

    def _pick(self, now: float) -> tuple[str | None, float | None]:
        """The ready host with the most tasks left, or the wait until a paced host is ready."""
        best: str | None = None
        soonest: float | None = None
        for name, host in self.hosts.items():
            if not host.pending or host.running >= self.limits.per_host:
                continue
            ready_at = host.last_start + self.limits.min_interval
            if ready_at > now:
                soonest = ready_at - now if soonest is None else min(soonest, ready_at - now)
                continue
            if best is None or len(host.pending) > len(self.hosts[best].pending):
                best = name
        return best, soonest

    def finish(self, index: int, host_name: str, result: R) -> None:
        with self.condition:
            self.results[index] = result
            self.hosts[host_name].running -= 1
            self.remaining -= 1
            self.condition.notify_all()

    def fail(self, host_name: str, error: BaseException) -> None:
        with self.condition:
            self.hosts[host_name].running -= 1
            self.error = self.error or error
            self.cancelled = True
            self.condition.notify_all()

    def cancel(self) -> None:
        with self.condition:
            self.cancelled = True
            self.condition.notify_all()


def run_scheduled(
    tasks: Iterable[T],
    host_of: Callable[[T], str],
    work: Callable[[T], R],
    limits: Limits,
    on_result: Callable[[T, R], None] | None = None,
) -> list[R]:
    """Run `work` on every task within `limits`; return the results in the order of `tasks`.

    `on_result(task, result)` is called as each task finishes, from the worker threads but one
    call at a time. On `KeyboardInterrupt` no new task starts, the running ones finish (each
    still reported to `on_result`), and the interrupt is raised again. If `work` raises, the
    run stops the same way and the first exception is raised.
    """
    task_list = list(tasks)
    schedule: _Schedule[T, R] = _Schedule(task_list, host_of, limits)
    report_lock = threading.Lock()

    def worker() -> None:
        while (index := schedule.next_task()) is not None:
            task = task_list[index]
            host_name = host_of(task)
            try:
                result = work(task)
                if on_result is not None:
                    with report_lock:
                        on_result(task, result)
            except BaseException as error:  # re-raised in the caller's thread
                schedule.fail(host_name, error)
                return
            schedule.finish(index, host_name, result)

    workers = [
        threading.Thread(target=worker, name=f"citeaudit-worker-{number}", daemon=True)
        for number in range(min(limits.max_workers, len(task_list)))
    ]
    for thread in workers:
        thread.start()
    try:
        _join(workers)
    except KeyboardInterrupt:
        schedule.cancel()
        _join(workers)
        raise
    if schedule.error is not None:
        raise schedule.error
    return schedule.results  # type: ignore[return-value]  # every slot is filled when no task failed


def _join(workers: list[threading.Thread]) -> None:
    # Short timed joins keep the calling thread responsive to Ctrl-C.
    for thread in workers:
        while thread.is_alive():
            thread.join(0.1)
