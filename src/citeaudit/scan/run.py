"""A scan on Dask: partitions to the workers, progress as they finish, a clean stop, the summary.

`run_scan` takes a `distributed.Client` (a local cluster or a remote one: the job is the same)
and the `ScanConfig`. Partitions are submitted a window at a time (a plain dump's pages travel
with their partition, so the window also bounds what the driver holds). A finished partition
has its files and its `done` record in OUT_DIR; on Ctrl-C nothing more is submitted, what is
pending is cancelled, `scan.json` says how far the scan got, and a rerun of the same command
does the rest. `--limit N` keeps exactly the first N articles of the dump: partitions after the
one that reaches N are dropped, and that one is done again with the limit it has left.
"""

from __future__ import annotations

import contextlib
import fcntl
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from distributed import Client, Future, wait

from citeaudit.errors import OutputError
from citeaudit.scan.cluster import Submission, ignoring_ctrl_c, run_windowed
from citeaudit.scan.dumps import batches, read_plain
from citeaudit.scan.links import (
    LinkStageFacts,
    LinkStageOutcome,
    check_dump_links,
    frontier_path,
)
from citeaudit.scan.pages import DumpPage, Problem, ProblemKind, SiteInfo
from citeaudit.scan.partition import (
    PageSource,
    PartitionJob,
    PartitionOutcome,
    Selection,
    StreamSource,
    scan_partition,
)
from citeaudit.scan.plan import DumpKind, ScanConfig, ScanPlan, load_or_make_plan
from citeaudit.scan.store import STATE_DIR, Stage, done_path, finished, part_name, write_rows
from citeaudit.scan.summary import write_outputs
from citeaudit.scan.tables import PROBLEMS, TABLE_NAMES, TARGETS, problem_row

ProgressCallback = Callable[[str, int, int | None], None]
"""Called with (what is being done, how much is done, out of how much; None while a plain
dump is being read)."""
LOCK_FILE = "lock"
SUBMITTED_PER_THREAD = 2


@dataclass(frozen=True)
class ScanResult:
    out_dir: Path
    plan: ScanPlan
    done: dict[int, dict[str, Any]]
    """The `done` record of each finished partition."""
    ran: int
    """Partitions done by this run (the others were finished by an earlier one)."""
    resumed: bool
    complete: bool
    seconds: float
    links: LinkStageOutcome | None = None
    """What the link stage did (None: `--no-links`)."""


def run_scan(
    config: ScanConfig,
    client: Client,
    on_progress: ProgressCallback | None = None,
) -> ScanResult:
    """Scan the dump on `client`'s cluster; what an earlier run of the scan finished is kept.

    Without links, one pass over the partitions writes the tables. With links, a first pass
    gathers the cited URLs, the link stage checks them (`citeaudit.scan.links`), and a second
    pass writes the tables from its results. Raises `KeyboardInterrupt` after a clean stop
    (with `scan.json` written).
    """
    started = time.monotonic()
    config.out_dir.mkdir(parents=True, exist_ok=True)
    with _only_scan_in(config.out_dir):
        threads = max(1, sum(client.nthreads().values()))
        plan, resumed = load_or_make_plan(config, threads)
        _remove_unfinished_files(config.out_dir)
        if plan.titles_not_found:
            write_rows(config.out_dir, PROBLEMS, "titles", _not_found_rows(plan))
        job = PartitionJob(
            str(config.out_dir),
            config.options,
            site=plan.site.host,
            selection=Selection(config.namespaces, config.titles, config.limit),
        )
        window = threads * SUBMITTED_PER_THREAD
        done = finished(config.out_dir)
        links: LinkStageOutcome | None = None
        try:
            if config.links is not None:
                links = _check_links(client, config, plan, job, window, on_progress)
                job = replace(job, links=_reading(config, plan))
            runner = _Runner(client, plan, job, done, _labelled(on_progress, "scanning"), window)
            runner.run(_tasks(plan, job, done))
        except KeyboardInterrupt:
            with ignoring_ctrl_c():  # a second Ctrl-C must not cut scan.json short
                done = finished(config.out_dir)
                write_outputs(config, plan, done, links, complete=False, seconds=_since(started))
            raise
        complete = runner.total is not None and len(runner.done) >= runner.total
        write_outputs(config, plan, runner.done, links, complete=complete, seconds=_since(started))
        return ScanResult(
            config.out_dir, plan, runner.done, runner.ran, resumed, complete, _since(started), links
        )


def _check_links(
    client: Client,
    config: ScanConfig,
    plan: ScanPlan,
    job: PartitionJob,
    window: int,
    on_progress: ProgressCallback | None,
) -> LinkStageOutcome:
    """The targets pass and the link stage (each continues where an earlier run stopped)."""
    assert config.links is not None and plan.links_since is not None
    targets_job = replace(job, stage=Stage.TARGETS)
    done = finished(config.out_dir, Stage.TARGETS)
    runner = _Runner(
        client, plan, targets_job, done, _labelled(on_progress, "gathering URLs"), window
    )
    runner.run(_tasks(plan, targets_job, done))
    # The pages' text is kept for claim support only when the audit checks it.
    links = replace(config.links, read_pages=config.options.check_support)
    return check_dump_links(client, config.out_dir, links, plan.links_since, on_progress)


def _reading(config: ScanConfig, plan: ScanPlan) -> LinkStageFacts:
    assert config.links is not None and plan.links_since is not None
    return LinkStageFacts(
        str(config.links.history),
        str(frontier_path(config.out_dir)),
        plan.links_since,
        config.links.clock,
    )


def _labelled(
    on_progress: ProgressCallback | None, label: str
) -> Callable[[int, int | None], None] | None:
    if on_progress is None:
        return None
    return lambda done, total: on_progress(label, done, total)


def _since(started: float) -> float:
    return round(time.monotonic() - started, 3)


@contextlib.contextmanager
def _only_scan_in(out_dir: Path) -> Iterator[None]:
    """Hold a lock on OUT_DIR: two scans writing the same tables would corrupt each other."""
    path = out_dir / STATE_DIR / LOCK_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise OutputError(f"another scan is writing into {out_dir}; wait for it") from None
        yield


def _not_found_rows(plan: ScanPlan) -> list[dict[str, Any]]:
    where = f"the index of {plan.dump.name}" if plan.index else plan.dump.name
    return [
        problem_row(
            Problem(ProblemKind.TITLE_NOT_FOUND, f"no page of this title in {where}", title), None
        )
        for title in plan.titles_not_found
    ]


def _remove_unfinished_files(out_dir: Path) -> None:
    """Temporary files a stopped worker left behind (their partitions are done again)."""
    for directory in [out_dir / table for table in TABLE_NAMES] + [
        Stage.TARGETS.root(out_dir) / TARGETS
    ]:
        for leftover in directory.glob(".part-*.tmp"):
            leftover.unlink(missing_ok=True)


Task = tuple[int, StreamSource | PageSource, PartitionJob]


def _tasks(plan: ScanPlan, job: PartitionJob, done: dict[int, dict[str, Any]]) -> Iterator[Task]:
    """The partitions still to do, with the job each is done with."""
    if plan.kind is DumpKind.MULTISTREAM:
        for number, streams in enumerate(plan.partitions):
            if number in done:
                continue
            titles = plan.partition_titles[number] if plan.partition_titles else None
            selection = replace(
                job.selection, titles=frozenset(titles) if titles is not None else None
            )
            yield number, StreamSource(str(plan.dump), streams), replace(job, selection=selection)
        return
    items = iter(read_plain(plan.dump))
    site = next(items, SiteInfo())
    plain_job = job
    if isinstance(site, SiteInfo):
        plain_job = replace(job, site=site.host)
    else:
        items = _chain(site, items)
    for number, batch in enumerate(batches(_selected(items, job.selection), plan.partition_pages)):
        if number not in done:
            yield number, PageSource(tuple(batch)), plain_job


def _chain(first: Any, rest: Iterator[Any]) -> Iterator[Any]:
    yield first
    yield from rest


def _selected(items: Iterator[Any], selection: Selection) -> Iterator[DumpPage | Problem]:
    """A plain dump's pages, less those of other namespaces (not worth sending to a worker)."""
    for item in items:
        if isinstance(item, DumpPage) and item.namespace not in selection.namespaces:
            continue
        if isinstance(item, DumpPage | Problem):
            yield item


class _Runner:
    """Submits partitions a window at a time and keeps count as they finish."""

    def __init__(
        self,
        client: Client,
        plan: ScanPlan,
        job: PartitionJob,
        done: dict[int, dict[str, Any]],
        on_progress: Callable[[int, int | None], None] | None,
        window: int,
    ) -> None:
        self.client = client
        self.plan = plan
        self.job = job
        self.done = dict(done)
        self.on_progress = on_progress
        self.window = window
        self.ran = 0
        self.total: int | None = len(plan.partitions) if plan.kind is DumpKind.MULTISTREAM else None
        self.limit = job.selection.limit

    def run(self, tasks: Iterator[Task]) -> None:
        done_before = len(self.done)
        submitted = 0

        def take() -> Submission[int] | None:
            nonlocal submitted
            task = next(tasks, None)
            if task is None:
                if self.total is None:  # a plain dump: known once read to its end
                    self.total = done_before + submitted
                return None
            submitted += 1
            return Submission(scan_partition, task, task[0])

        def finished(number: int, outcome: PartitionOutcome) -> bool:
            self.done[number] = vars(outcome)
            self.ran += 1
            self._report()
            return self._limit_reached()

        self._report()
        still_running = run_windowed(self.client, self.window, take, finished)
        if self._limit_reached():
            self._cut_at_limit(still_running)

    def _report(self) -> None:
        if self.on_progress is not None:
            self.on_progress(len(self.done), self.total)

    def _limit_reached(self) -> bool:
        if self.limit is None:
            return False
        articles = 0
        for number in range(len(self.done) + 1):
            if number not in self.done:
                return False
            articles += self.done[number]["articles"]
            if articles >= self.limit:
                return True
        return False

    def _cut_at_limit(self, running: list[Future]) -> None:
        """Keep exactly the first `limit` articles: drop what follows the partition that
        reaches the limit, and do that one again with the limit it has left."""
        assert self.limit is not None
        # Partitions already running would still write their files: let them end first.
        wait(running)
        articles, last = 0, 0
        for last in range(len(self.done)):
            if articles + self.done[last]["articles"] >= self.limit:
                break
            articles += self.done[last]["articles"]
        out_dir = Path(self.job.out_dir)
        for number in [n for n in finished(out_dir, self.job.stage) if n > last]:
            _forget(out_dir, number, self.job.stage)
            self.done.pop(number, None)
        if articles + self.done[last]["articles"] > self.limit:
            task = next(t for t in _tasks(self.plan, self.job, {}) if t[0] == last)
            job = replace(
                task[2], selection=replace(task[2].selection, limit=self.limit - articles)
            )
            outcome = self.client.submit(scan_partition, last, task[1], job, pure=False).result()
            self.done[last] = vars(outcome)
        self.total = len(self.done)
        self._report()


def _forget(out_dir: Path, number: int, stage: Stage) -> None:
    """Remove a finished partition (past the limit) from the output."""
    done_path(out_dir, number, stage).unlink(missing_ok=True)
    for table in (*TABLE_NAMES, TARGETS):
        (stage.root(out_dir) / table / part_name(number)).unlink(missing_ok=True)
