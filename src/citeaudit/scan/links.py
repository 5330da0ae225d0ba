"""The links of a whole dump: every cited URL checked once, host by host, with the shared history.

A links scan goes in three stages (the first and last are passes over the partitions):

1. **Targets.** Each partition writes the URLs its articles cite (`targets`, in `state/`).
2. **Links.** The driver gathers them into the *frontier* (`state/frontier.sqlite3`): one row
   per distinct URL (normalised, its citations merged by `merge_targets`), grouped by host.
   Every URL of a host is checked by one task at a time: a host with more URLs than
   `urls_per_task` is cut into chunks done one after another, small hosts are packed whole
   into shared tasks. Inside a task the polite scheduler (`citeaudit.web.runner`) keeps to
   the per-host limit and interval, so they hold across the whole cluster. Each task calls
   `check_links` with the shared link history: results younger than `--max-age` at the start
   of the scan are reused, and every new one is committed as it comes, so an interrupted run
   resumes where it stopped and no URL is checked twice. Then one task looks up Wayback
   snapshots for the dead links and one checks the citations' own `archive-url`s: the Internet
   Archive wants a single, slow stream of requests.
3. **Report.** Each partition is audited again with a link checker that answers from the
   history and the frontier (`ScanLinkChecking`), never from the network; claim support reads
   the pages' text the link checks kept in the history.

The history is one SQLite file: the workers that check or read links must be able to open it
(workers on the machine that holds it). The frontier is only read by them.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from distributed import Client, Future, as_completed, secede

from citeaudit.audit import AuditOptions
from citeaudit.audit import ProgressCallback as LinkProgress
from citeaudit.checks.support.claims import SourceKeeper
from citeaudit.model import Hop, LinkResult, LinkVerdict, Revision, SourceForm
from citeaudit.parse import parse_article
from citeaudit.scan.records import Rows
from citeaudit.scan.store import STATE_DIR, Stage, table_batches
from citeaudit.scan.tables import TARGETS
from citeaudit.support import SourceText
from citeaudit.web.clock import SYSTEM_CLOCK, Clock
from citeaudit.web.fetchers.base import Fetcher
from citeaudit.web.links import (
    ArchiveURLProblem,
    LinkCheckOptions,
    LinkHistory,
    LinkTarget,
    WaybackArchive,
    check_archive_urls,
    check_links,
    host_of,
    merge_targets,
    normalise_url,
    targets_from_article,
)
from citeaudit.web.runner import Limits, run_scheduled

FRONTIER_FILE = "frontier.sqlite3"
URLS_PER_TASK = 500
"""URLs a task checks: small enough that an interrupt loses little and big hosts' chunks
finish often, large enough that a task is worth scheduling."""
ARCHIVE_VERDICTS = frozenset({LinkVerdict.DEAD, LinkVerdict.SOFT_404, LinkVerdict.UNREACHABLE})
STORED_ELSEWHERE = frozenset({LinkVerdict.SKIPPED, LinkVerdict.INVALID})
"""Verdicts the history does not keep (policy, not evidence): the frontier keeps them for the
report stage."""
NOT_CHECKED = "not checked by this scan"


@dataclass(frozen=True)
class LinkScanOptions:
    """How a scan checks links (built by the command line; sent to the workers)."""

    check: LinkCheckOptions
    fetcher: Callable[[], Fetcher]
    """Builds the fetcher in each task (a fetcher holds connections: it cannot travel)."""
    history: Path
    clock: Clock = SYSTEM_CLOCK
    archive_interval: float | None = None
    """Seconds between Internet Archive requests; None: `WaybackArchive`'s own pace."""
    urls_per_task: int = URLS_PER_TASK

    def parameters(self) -> dict[str, Any]:
        """What decides the results (a rerun must keep them to continue a scan)."""
        return {
            "history": str(self.history),
            "max_age": self.check.max_age,
            "allow_private": self.check.allow_private,
        }

    @property
    def tasks_at_once(self) -> int:
        """Link tasks in flight: together they make at most `concurrency` requests at once."""
        return max(1, self.check.concurrency // self.check.per_host_limit)


# --- stage 1: the URLs an article cites ------------------------------------------------


def article_targets(
    title: str,
    wikitext: str,
    options: AuditOptions,
    revision: Revision | None = None,
    link_checking: object = None,
) -> Rows:
    """The `targets` rows of one article: each reference that gives a URL."""
    article = parse_article(wikitext, SourceForm.WIKITEXT, title=title)
    page_id = revision.page_id if revision is not None else None
    return {
        TARGETS: [
            {
                "page_id": page_id,
                "url_key": url_key(target.url),
                "host": host_of(url_key(target.url)),
                "url": target.url,
                "access_date": target.access_date,
                "archive_url": target.archive_url,
                "archive_date": target.archive_date,
                "url_status": target.url_status,
                "title": target.title,
            }
            for target in targets_from_article(article)
        ]
    }


def url_key(url: str) -> str:
    """A URL as it is compared and grouped (the form `merge_targets` compares)."""
    return normalise_url(url).url or url.strip()


# --- the frontier --------------------------------------------------------------------------


_FRONTIER_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS urls (
    url_key TEXT PRIMARY KEY, host TEXT NOT NULL, target TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS urls_by_host ON urls (host, url_key);
CREATE TABLE IF NOT EXISTS hosts (host TEXT PRIMARY KEY, urls INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS unstored (url_key TEXT PRIMARY KEY, result TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS needs_archive (url_key TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS archive_problems (
    archive_url TEXT NOT NULL, code TEXT NOT NULL, message TEXT NOT NULL, result TEXT
);
"""


def frontier_path(out_dir: Path) -> Path:
    return out_dir / STATE_DIR / FRONTIER_FILE


class Frontier:
    """Every distinct URL of the dump, by host, and what the link stage learnt beyond the history.

    Written by the scan's driver only; the report stage's workers open it read-only.
    """

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection

    @classmethod
    def open(cls, path: Path) -> Frontier:
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(path, isolation_level=None)
        connection.executescript(_FRONTIER_SCHEMA)
        return cls(connection)

    def close(self) -> None:
        self._db.close()

    def flag(self, name: str) -> bool:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (name,)).fetchone()
        return row is not None

    def set_flag(self, name: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, '1')", (name,))

    def load(self, target_root: Path, today: Any) -> None:
        """Gather the targets of every partition: one row per distinct URL, citations merged.

        Citations are sorted by URL in a temporary table on disk, so that a dump's tens of
        millions of citations are merged a URL at a time.
        """
        db = self._db
        db.execute("BEGIN")
        db.execute("DELETE FROM urls")
        db.execute("DELETE FROM hosts")
        db.execute(
            "CREATE TEMP TABLE citations (url_key TEXT, host TEXT, url TEXT, access_date TEXT,"
            " archive_url TEXT, archive_date TEXT, url_status TEXT, title TEXT)"
        )
        columns = ["url_key", "host", "url", "access_date", "archive_url", "archive_date"]
        columns += ["url_status", "title"]
        for batch in table_batches(target_root, TARGETS, columns):
            db.executemany(
                "INSERT INTO citations VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (tuple(row[c] for c in columns) for row in batch.to_pylist()),
            )
        rows = db.execute("SELECT * FROM citations ORDER BY url_key")
        merged = (
            (key, host, json.dumps(asdict(target))) for key, host, target in _merged(rows, today)
        )
        self._db.executemany("INSERT INTO urls VALUES (?, ?, ?)", list(merged))
        db.execute("INSERT INTO hosts SELECT host, COUNT(*) FROM urls GROUP BY host")
        db.execute("DROP TABLE citations")
        self.set_flag("loaded")
        db.execute("COMMIT")

    def counts(self) -> tuple[int, int]:
        """Distinct URLs and hosts."""
        row = self._db.execute("SELECT COUNT(*), COALESCE(SUM(urls), 0) FROM hosts").fetchone()
        return int(row[1]), int(row[0])

    def largest_hosts(self, count: int) -> list[tuple[str, int]]:
        return [
            (host, urls)
            for host, urls in self._db.execute(
                "SELECT host, urls FROM hosts ORDER BY urls DESC, host LIMIT ?", (count,)
            )
        ]

    def chains(self, urls_per_task: int) -> Iterator[Chain]:
        """The hosts' work, biggest host first: a host above `urls_per_task` is a chain of
        chunks done one after another; smaller hosts are packed whole into shared tasks."""
        bundle: list[str] = []
        size = 0
        hosts = self._db.execute("SELECT host, urls FROM hosts ORDER BY urls DESC, host").fetchall()
        for host, urls in hosts:
            if urls > urls_per_task:
                yield Chain(self, (host,), urls, urls_per_task)
                continue
            if size + urls > urls_per_task and bundle:
                yield Chain(self, tuple(bundle), size, urls_per_task)
                bundle, size = [], 0
            bundle.append(host)
            size += urls
        if bundle:
            yield Chain(self, tuple(bundle), size, urls_per_task)

    def targets(self, hosts: Sequence[str], after: str, limit: int) -> list[tuple[str, LinkTarget]]:
        """Up to `limit` URLs of `hosts` whose key sorts after `after`, in key order."""
        marks = ",".join("?" for _ in hosts)
        rows = self._db.execute(
            f"SELECT url_key, target FROM urls WHERE host IN ({marks}) AND url_key > ?"
            " ORDER BY url_key LIMIT ?",
            (*hosts, after, limit),
        )
        return [(key, LinkTarget(**_target_fields(target))) for key, target in rows]

    def targets_of(self, keys: Iterable[str]) -> list[LinkTarget]:
        found = []
        for key in keys:
            row = self._db.execute("SELECT target FROM urls WHERE url_key = ?", (key,)).fetchone()
            if row is not None:
                found.append(LinkTarget(**_target_fields(row[0])))
        return found

    def record(self, outcome: UnitOutcome) -> None:
        db = self._db
        db.execute("BEGIN")
        db.executemany("INSERT OR REPLACE INTO unstored VALUES (?, ?)", outcome.unstored)
        db.executemany(
            "INSERT OR IGNORE INTO needs_archive VALUES (?)", ((k,) for k in outcome.needs_archive)
        )
        db.execute("COMMIT")

    def needing_archive(self) -> list[str]:
        return [row[0] for row in self._db.execute("SELECT url_key FROM needs_archive")]

    def archive_targets(self) -> list[LinkTarget]:
        """One target per distinct `archive-url` the citations give."""
        seen: dict[str, LinkTarget] = {}
        for (target,) in self._db.execute("SELECT target FROM urls"):
            fields = _target_fields(target)
            archive = (fields.get("archive_url") or "").strip()
            if archive and archive not in seen:
                seen[archive] = LinkTarget(**fields)
        return list(seen.values())

    def record_archive_problems(self, problems: Sequence[ArchiveURLProblem]) -> None:
        db = self._db
        db.execute("BEGIN")
        db.execute("DELETE FROM archive_problems")
        db.executemany(
            "INSERT INTO archive_problems VALUES (?, ?, ?, ?)",
            [
                (
                    problem.archive_url,
                    problem.code,
                    problem.message,
                    json.dumps(result_json(problem.result)) if problem.result else None,
                )
                for problem in problems
            ],
        )
        self.set_flag("archive_urls_checked")
        db.execute("COMMIT")


def _merged(rows: Iterable[tuple[Any, ...]], today: Any) -> Iterator[tuple[str, str, LinkTarget]]:
    """Consecutive citations of one URL merged into one target."""
    group: list[LinkTarget] = []
    current: tuple[str, str] | None = None
    for key, host, url, access, archive_url, archive_date, status, title in rows:
        if current is not None and key != current[0]:
            yield current[0], current[1], merge_targets(group, today)[0]
            group = []
        current = (key, host)
        group.append(LinkTarget(url, (), access, archive_url, archive_date, status, title))
    if current is not None:
        yield current[0], current[1], merge_targets(group, today)[0]


def _target_fields(stored: str) -> dict[str, Any]:
    fields: dict[str, Any] = json.loads(stored)
    fields["reference_ids"] = tuple(fields.get("reference_ids") or ())
    return fields


@dataclass
class Chain:
    """The URLs of some hosts, handed out a task at a time, one task at a time."""

    frontier: Frontier
    hosts: tuple[str, ...]
    urls: int
    urls_per_task: int
    last_key: str = ""
    tasks: int = 0

    def next_unit(self, number: int) -> LinkUnit | None:
        batch = self.frontier.targets(self.hosts, self.last_key, self.urls_per_task)
        if not batch:
            return None
        self.last_key = batch[-1][0]
        self.tasks += 1
        return LinkUnit(number, self.hosts, tuple(target for _, target in batch), self.tasks > 1)


@dataclass(frozen=True)
class LinkUnit:
    """One link task: URLs of whole hosts, or the next chunk of one big host."""

    number: int
    hosts: tuple[str, ...]
    targets: tuple[LinkTarget, ...]
    follows: bool = False
    """A later chunk of its host: the host's interval is waited before its first request."""


@dataclass
class UnitOutcome:
    number: int
    verdicts: Counter[str] = field(default_factory=Counter)
    checked: int = 0
    reused: int = 0
    unstored: list[tuple[str, str]] = field(default_factory=list)
    needs_archive: list[str] = field(default_factory=list)


# --- stage 2: the tasks (on the workers) -----------------------------------------------


def check_unit(unit: LinkUnit, options: LinkScanOptions, since: float) -> UnitOutcome:
    """Check the URLs of one unit with the shared history; return what the frontier keeps."""
    secede()  # waiting on sockets: leave the worker's thread to CPU work
    if unit.follows:
        time.sleep(options.check.min_interval)
    started = options.clock.now()
    fetcher = options.fetcher()
    history = LinkHistory.open(options.history, clock=options.clock)
    try:
        keeper = SourceKeeper(history)
        limits = Limits(
            max_workers=max(
                1, min(options.check.concurrency, options.check.per_host_limit * len(unit.hosts))
            ),
            per_host=options.check.per_host_limit,
            min_interval=options.check.min_interval,
        )
        results = check_links(
            unit.targets,
            fetcher,
            _reusing_since(options, since),
            history,
            archive=None,
            run=lambda tasks, host_key, work: run_scheduled(tasks, host_key, work, limits),
            clock=options.clock,
            on_page=keeper.keep,
            reusable=keeper.has_what_it_needs,
        )
    finally:
        history.close()
        fetcher.close()
    outcome = UnitOutcome(unit.number)
    for target, result in zip(unit.targets, results, strict=True):
        outcome.verdicts[result.verdict.value] += 1
        fresh = result.checked_at is not None and datetime.fromisoformat(
            result.checked_at
        ) >= started.replace(microsecond=0)
        outcome.checked += fresh
        outcome.reused += not fresh
        if result.verdict in STORED_ELSEWHERE:
            outcome.unstored.append((url_key(target.url), json.dumps(result_json(result))))
        if result.verdict in ARCHIVE_VERDICTS and result.archive is None and not target.archive_url:
            outcome.needs_archive.append(url_key(target.url))
    return outcome


def _reusing_since(options: LinkScanOptions, since: float) -> LinkCheckOptions:
    """The check options with `max_age` reaching back to `since` (the scan's cut-off)."""
    return replace(options.check, max_age=max(0.0, options.clock.now().timestamp() - since))


def look_up_archives(targets: Sequence[LinkTarget], options: LinkScanOptions, since: float) -> int:
    """Wayback snapshots for dead links (results come from the history: nothing is refetched)."""
    secede()
    fetcher = options.fetcher()
    history = LinkHistory.open(options.history, clock=options.clock)
    try:
        results = check_links(
            targets,
            fetcher,
            _reusing_since(options, since),
            history,
            _archive(fetcher, options),
            clock=options.clock,
        )
    finally:
        history.close()
        fetcher.close()
    return sum(1 for result in results if result.archive is not None)


def check_cited_archives(
    targets: Sequence[LinkTarget], options: LinkScanOptions
) -> list[ArchiveURLProblem]:
    """The problems of the citations' own `archive-url`s, each archive URL once."""
    secede()
    fetcher = options.fetcher()
    try:
        return check_archive_urls(targets, _archive(fetcher, options), options.check, options.clock)
    finally:
        fetcher.close()


def _archive(fetcher: Fetcher, options: LinkScanOptions) -> WaybackArchive:
    if options.archive_interval is None:
        return WaybackArchive(fetcher, clock=options.clock)
    return WaybackArchive(fetcher, clock=options.clock, min_interval=options.archive_interval)


# --- stage 2: the driver ---------------------------------------------------------------


@dataclass
class LinkStageOutcome:
    urls: int = 0
    hosts: int = 0
    tasks: int = 0
    verdicts: Counter[str] = field(default_factory=Counter)
    checked: int = 0
    reused: int = 0
    snapshots_found: int = 0
    largest_hosts: list[tuple[str, int]] = field(default_factory=list)


StageProgress = Callable[[str, int, int | None], None]


def check_dump_links(
    client: Client,
    out_dir: Path,
    options: LinkScanOptions,
    since: float,
    on_progress: StageProgress | None = None,
) -> LinkStageOutcome:
    """Stage 2 for the targets gathered in `out_dir`: check every URL, then the archives."""
    frontier = Frontier.open(frontier_path(out_dir))
    try:
        if not frontier.flag("loaded"):
            frontier.load(Stage.TARGETS.root(out_dir), options.clock.now().date())
        outcome = LinkStageOutcome()
        outcome.urls, outcome.hosts = frontier.counts()
        outcome.largest_hosts = frontier.largest_hosts(10)
        total_tasks = sum(
            -(-chain.urls // chain.urls_per_task)
            for chain in frontier.chains(options.urls_per_task)
        )
        report = (
            (lambda done: on_progress("checking links", done, total_tasks)) if on_progress else None
        )
        _run_chains(client, frontier, options, since, outcome, report)
        dead = frontier.targets_of(frontier.needing_archive())
        if dead:
            if on_progress is not None:
                on_progress(f"looking up archives of {len(dead)} dead links", 0, 1)
            outcome.snapshots_found = client.submit(
                look_up_archives, dead, options, since, pure=False
            ).result()
        if not frontier.flag("archive_urls_checked"):
            archived = frontier.archive_targets()
            if on_progress is not None:
                on_progress(f"checking {len(archived)} archive URLs", 0, 1)
            problems = (
                client.submit(check_cited_archives, archived, options, pure=False).result()
                if archived
                else []
            )
            frontier.record_archive_problems(problems)
        return outcome
    finally:
        frontier.close()


def _run_chains(
    client: Client,
    frontier: Frontier,
    options: LinkScanOptions,
    since: float,
    outcome: LinkStageOutcome,
    report: Callable[[int], None] | None,
) -> None:
    """Run the hosts' tasks, `tasks_at_once` at a time, each host's chunks one after another."""
    ready: deque[Chain] = deque(frontier.chains(options.urls_per_task))
    running: dict[Future, Chain] = {}
    completed = as_completed()
    number = 0
    try:
        while True:
            while ready and len(running) < options.tasks_at_once:
                chain = ready.popleft()
                unit = chain.next_unit(number)
                if unit is None:
                    continue
                number += 1
                future = client.submit(check_unit, unit, options, since, pure=False)
                running[future] = chain
                completed.add(future)
            if not running:
                return
            future = next(completed)
            chain = running.pop(future)
            result: UnitOutcome = future.result()
            frontier.record(result)
            outcome.tasks += 1
            outcome.verdicts.update(result.verdicts)
            outcome.checked += result.checked
            outcome.reused += result.reused
            ready.appendleft(chain)  # its next chunk first: the biggest hosts bound the run
            if report is not None:
                report(outcome.tasks)
    except BaseException:
        client.cancel(list(running))
        raise


# --- stage 3: reading the results back -------------------------------------------------


@dataclass(frozen=True)
class LinkReading:
    """Where the link stage left its results (sent to the report stage's workers)."""

    history: str
    frontier: str
    since: float

    def open(self, clock: Clock = SYSTEM_CLOCK) -> ScanLinkChecking:
        history = LinkHistory.open(Path(self.history), clock=clock)
        frontier = sqlite3.connect(f"file:{self.frontier}?mode=ro", uri=True)
        return ScanLinkChecking(history, frontier, self.since, clock)


class ScanLinkChecking:
    """A link checker that answers from the link stage's results and never from the network.

    It gives an audit what `WebLinkChecking` would give after the link stage: the result of
    each URL (from the history, or for policy verdicts from the frontier), the problems of the
    citations' archive URLs, and the text of the pages read.
    """

    def __init__(
        self, history: LinkHistory, frontier: sqlite3.Connection, since: float, clock: Clock
    ) -> None:
        self._history = history
        self._frontier = frontier
        self._since = since
        self._clock = clock
        self._pages = SourceKeeper(history)

    def check_links(
        self, targets: Sequence[LinkTarget], on_progress: LinkProgress | None
    ) -> list[LinkResult]:
        results = []
        max_age = max(0.0, self._clock.now().timestamp() - self._since)
        for target in merge_targets(targets, self._clock.now().date()):
            found = self._history.fresh(target.url, max_age) or self._unstored(target.url)
            results.append(replace(found, url=target.url, reference_ids=target.reference_ids))
        return results

    def _unstored(self, url: str) -> LinkResult:
        row = self._frontier.execute(
            "SELECT result FROM unstored WHERE url_key = ?", (url_key(url),)
        ).fetchone()
        if row is None:
            return LinkResult(url, LinkVerdict.SKIPPED, NOT_CHECKED)
        return result_from_json(json.loads(row[0]))

    def check_archive_urls(self, targets: Sequence[LinkTarget]) -> list[ArchiveURLProblem]:
        cited: dict[str, tuple[str, ...]] = {}
        for target in targets:
            archive = (target.archive_url or "").strip()
            if archive:
                known = cited.get(archive, ())
                cited[archive] = known + tuple(r for r in target.reference_ids if r not in known)
        problems = []
        for archive, reference_ids in cited.items():
            for code, message, result in self._frontier.execute(
                "SELECT code, message, result FROM archive_problems WHERE archive_url = ?",
                (archive,),
            ):
                stored = result_from_json(json.loads(result)) if result else None
                problems.append(ArchiveURLProblem(code, message, archive, reference_ids, stored))
        return problems

    def source_texts(self, links: Sequence[LinkResult]) -> dict[str, SourceText]:
        return self._pages.source_texts(links)

    def close(self) -> None:
        self._history.close()
        self._frontier.close()


def result_json(result: LinkResult) -> dict[str, Any]:
    """A link result as JSON (for the verdicts the history does not keep)."""
    return {
        "url": result.url,
        "verdict": result.verdict.value,
        "reason": result.reason,
        "status": result.status,
        "final_url": result.final_url,
        "chain": [[hop.url, hop.status] for hop in result.chain],
        "page_title": result.page_title,
        "checked_at": result.checked_at,
    }


def result_from_json(value: dict[str, Any]) -> LinkResult:
    return LinkResult(
        url=value["url"],
        verdict=LinkVerdict(value["verdict"]),
        reason=value["reason"],
        status=value["status"],
        final_url=value["final_url"],
        chain=tuple(Hop(url, status) for url, status in value["chain"]),
        page_title=value["page_title"],
        checked_at=value["checked_at"],
    )
