"""The Dask cluster a scan runs on: a local one on this machine's cores, or an existing one.

A local cluster has one single-threaded worker process per core (parsing is Python, so
threads in one process would share one core). `--scheduler tcp://HOST:PORT` joins a running
cluster instead; its workers need citeaudit installed and must be able to open the dump and
OUT_DIR at the same paths (a shared file system).
"""

from __future__ import annotations

import contextlib
import importlib.util
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import dask
from distributed import Client, Future, LocalCluster, as_completed

from citeaudit.errors import InputError

CONNECT_TIMEOUT = "20s"


def local_workers() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def has_dashboard_support() -> bool:
    """Dask's dashboard needs bokeh; without it the link would lead to an apology."""
    return importlib.util.find_spec("bokeh") is not None


WORKER_PROFILE = "distributed.worker.profile.enabled"
_FRAMES_DEADLOCK = sys.version_info[:2] == (3, 11) and sys.version_info < (3, 11, 9)
"""CPython 3.11 before 3.11.9 can deadlock when a garbage collection starts inside
`sys._current_frames()` (python/cpython#106883), which a Dask worker calls every 10 ms to
profile itself: the whole worker hangs, its threads waiting for the interpreter lock."""


def profile_workers() -> bool:
    """Whether workers sample their stacks for the dashboard's profile: only where there is a
    dashboard to show it, and an interpreter that cannot deadlock on it."""
    return has_dashboard_support() and not _FRAMES_DEADLOCK


@contextlib.contextmanager
def dask_client(scheduler: str | None = None, workers: int | None = None) -> Iterator[Client]:
    """A client of the scheduler at `scheduler`, or of a local cluster of `workers` processes
    started here and stopped on the way out."""
    if scheduler is not None:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as error:
            raise InputError(
                f"--scheduler {scheduler}: no Dask scheduler answers there ({error})"
            ) from None
        with client:
            yield client
        return
    # Worker processes inherit an ignored SIGINT: Ctrl-C reaches every process of the
    # terminal's group, and only the scan's driver should act on it (stop the scan, then the
    # cluster); otherwise each worker prints a traceback of its own. A worker samples its
    # stack every 10 ms for the dashboard's profile: wasted work where there is no dashboard.
    with ignoring_ctrl_c(), dask.config.set({WORKER_PROFILE: profile_workers()}):
        cluster = LocalCluster(
            n_workers=workers or local_workers(),
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # any free port: 8787 may be another cluster's
            silence_logs=logging.ERROR,
        )
    with cluster, Client(cluster) as client:
        yield client


@contextlib.contextmanager
def ignoring_ctrl_c() -> Iterator[None]:
    """Ignore SIGINT for a while (signals can only be set in the main thread; elsewhere
    nothing changes)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def dashboard_link(client: Client) -> str | None:
    """The Dask dashboard's address, when the scheduler serves one.

    A scheduler always answers on its HTTP port; without bokeh, its dashboard page only says
    that bokeh is missing. A local cluster's is known to be real when bokeh is installed here;
    a remote scheduler's link is given as the scheduler announces it.
    """
    if "dashboard" not in client.scheduler_info().get("services", {}):
        return None
    local = client.cluster is not None
    return client.dashboard_link if has_dashboard_support() or not local else None


Key = TypeVar("Key")


@dataclass(frozen=True)
class Submission(Generic[Key]):
    """A task to submit: the function, its arguments, and the key its result comes back under."""

    function: Callable[..., Any]
    arguments: tuple[Any, ...]
    key: Key


def run_windowed(
    client: Client,
    window: int,
    take: Callable[[], Submission[Key] | None],
    finished: Callable[[Key, Any], bool],
) -> list[Future]:
    """Submit what `take` gives (None: nothing more for now), at most `window` tasks at once,
    and hand each result to `finished` as it comes; stop when nothing runs and nothing is left,
    or as soon as `finished` returns True.

    Returns the futures still running when it stopped early (the caller decides their fate).
    On any exception (Ctrl-C included) the running tasks are cancelled and it is raised again.
    """
    running: dict[Future, Key] = {}
    completed = as_completed()
    try:
        while True:
            while len(running) < window and (submission := take()) is not None:
                future = client.submit(submission.function, *submission.arguments, pure=False)
                running[future] = submission.key
                completed.add(future)
            if not running:
                return []
            future = next(completed)
            key = running.pop(future)
            if finished(key, future.result()):
                return list(running)
    except BaseException:
        client.cancel(list(running))
        raise
