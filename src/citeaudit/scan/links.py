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
3. **Report.** Each partition is audited again, over the `Facts` each article's links have
   in the history and the frontier (`LinkStageFacts`), never from the network: the same
   checks as `citeaudit audit`, and claim support reading the pages' text the link checks
   kept in the history.

The history is one SQLite file: the workers that check or read links must be able to open it
(workers on the machine that holds it). The frontier is only read by them.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import sqlite3
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from distributed import Client, secede

from citeaudit.audit import AuditOptions, PageTexts, assemble_facts, link_targets, with_archive
from citeaudit.model import (
    ArchiveLookup,
    ArchiveOutcome,
    ArchiveSnapshot,
    Article,
    Facts,
    Hop,
    LinkResult,
    LinkVerdict,
    Revision,
    SourceForm,
)
from citeaudit.parse import parse_article
from citeaudit.scan.cluster import Submission, run_windowed
from citeaudit.scan.records import Rows
from citeaudit.scan.store import STATE_DIR, Stage, table_batches
from citeaudit.scan.tables import TARGETS
from citeaudit.web.archive import ArchiveLimits, WaybackArchive
from citeaudit.web.clock import SYSTEM_CLOCK, Clock
from citeaudit.web.fetchers.base import Fetcher
from citeaudit.web.links import (
    LinkCheckOptions,
    LinkHistory,
    LinkTarget,
    ReusePolicy,
    check_archive_urls,
    check_links,
    check_with_history,
    merge_targets,
)
from citeaudit.web.links.history import DEFAULT_MAX_AGE_DAYS, UNSTORED_VERDICTS
from citeaudit.web.runner import Limits, run_scheduled
from citeaudit.web.urls import host_of

FRONTIER_FILE = "frontier.sqlite3"
URLS_PER_TASK = 500
"""URLs a task checks: small enough that an interrupt loses little and big hosts' chunks
finish often, large enough that a task is worth scheduling."""
NOT_CHECKED = "not checked by this scan"


@dataclass(frozen=True)
class LinkScanOptions:
    """How a scan checks links (built by the command line; sent to the workers)."""

    check: LinkCheckOptions
    fetcher: Callable[[], Fetcher]
    """Builds the fetcher in each task (a fetcher holds connections: it cannot travel)."""
    history: Path
    max_age: float = DEFAULT_MAX_AGE_DAYS * 86_400
    """Seconds a result in the history stays fresh enough to reuse, counted back from the
    start of the scan (`--max-age`)."""
    read_pages: bool = True
    """Keep the text of the pages that answered, for claim support (False: `--no-support`)."""
    clock: Clock = SYSTEM_CLOCK
    archive_interval: float | None = None
    """Seconds between Internet Archive requests; None: `WaybackArchive`'s own pace."""
    urls_per_task: int = URLS_PER_TASK

    def parameters(self) -> dict[str, Any]:
        """What decides the results (a rerun must keep them to continue a scan)."""
        return {"history": str(self.history), "max_age": self.max_age}

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
    facts: object = None,
) -> Rows:
    """The `targets` rows of one article: each distinct URL it cites (as `citeaudit audit`
    checks them: `citeaudit.audit.link_targets`)."""
    article = parse_article(wikitext, SourceForm.WIKITEXT, title=title)
    page_id = revision.page_id if revision is not None else None
    return {
        TARGETS: [
            {
                "page_id": page_id,
                "url_key": target.key,
                "host": host_of(target.key),
                "url": target.url,
                "access_day": target.access_day,
                "archive_url": target.archive_url,
                "title": target.title,
            }
            for target in link_targets(article, options.as_of)
        ]
    }


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
CREATE TABLE IF NOT EXISTS archive_lookups (url_key TEXT PRIMARY KEY, lookup TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS archive_urls (archive_url TEXT PRIMARY KEY, result TEXT NOT NULL);
"""
_TARGET_COLUMNS = ["url_key", "host", "url", "access_day", "archive_url", "title"]


def frontier_path(out_dir: Path) -> Path:
    return out_dir / STATE_DIR / FRONTIER_FILE


class Frontier:
    """Every distinct URL of the dump, by host, and what the link stage learnt that the history
    does not keep: policy verdicts, archive look-ups, the checks of cited archive URLs.

    Written by the scan's driver only; the report stage's workers read it (`LinkStageFacts`).
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

    def _set_flag(self, name: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, '1')", (name,))

    def load(self, target_root: Path) -> None:
        """Gather the targets of every partition: one row per distinct URL, citations merged.

        Citations are sorted by URL in a temporary table on disk, so that the tens of millions
        of citations of a large wiki are merged a URL at a time.
        """
        db = self._db
        db.execute("BEGIN")
        db.execute("DELETE FROM urls")
        db.execute("DELETE FROM hosts")
        db.execute(f"CREATE TEMP TABLE citations ({', '.join(_TARGET_COLUMNS)})")
        marks = ", ".join("?" for _ in _TARGET_COLUMNS)
        for batch in table_batches(target_root, TARGETS, _TARGET_COLUMNS):
            db.executemany(
                f"INSERT INTO citations VALUES ({marks})",
                (
                    tuple(_text(row[column]) for column in _TARGET_COLUMNS)
                    for row in batch.to_pylist()
                ),
            )
        rows = db.execute("SELECT * FROM citations ORDER BY url_key")
        merged = [(key, host, target_json(target)) for key, host, target in _merged(rows)]
        db.executemany("INSERT INTO urls VALUES (?, ?, ?)", merged)
        db.execute("INSERT INTO hosts SELECT host, COUNT(*) FROM urls GROUP BY host")
        db.execute("DROP TABLE citations")
        self._set_flag("loaded")
        db.execute("COMMIT")

    def counts(self) -> tuple[int, int]:
        """Distinct URLs and hosts."""
        row = self._db.execute("SELECT COALESCE(SUM(urls), 0), COUNT(*) FROM hosts").fetchone()
        return int(row[0]), int(row[1])

    def largest_hosts(self, count: int) -> list[tuple[str, int]]:
        query = "SELECT host, urls FROM hosts ORDER BY urls DESC, host LIMIT ?"
        return [(host, urls) for host, urls in self._db.execute(query, (count,))]

    def chains(self, urls_per_task: int) -> Iterator[Chain]:
        """The hosts' work, biggest host first: a host above `urls_per_task` is a chain of
        chunks done one after another; smaller hosts are packed whole into shared tasks."""
        bundle: list[str] = []
        size = 0
        query = "SELECT host, urls FROM hosts ORDER BY urls DESC, host"
        for host, urls in self._db.execute(query).fetchall():
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

    def targets(self, hosts: Sequence[str], after: str, limit: int) -> list[LinkTarget]:
        """Up to `limit` URLs of `hosts` whose key sorts after `after`, in key order."""
        marks = ",".join("?" for _ in hosts)
        rows = self._db.execute(
            f"SELECT target FROM urls WHERE host IN ({marks}) AND url_key > ?"
            " ORDER BY url_key LIMIT ?",
            (*hosts, after, limit),
        )
        return [target_from_json(target) for (target,) in rows]

    def record(self, outcome: UnitOutcome) -> None:
        db = self._db
        db.execute("BEGIN")
        db.executemany("INSERT OR REPLACE INTO unstored VALUES (?, ?)", outcome.unstored)
        db.executemany(
            "INSERT OR IGNORE INTO needs_archive VALUES (?)", ((k,) for k in outcome.needs_archive)
        )
        db.execute("COMMIT")

    def needing_archive(self) -> list[LinkTarget]:
        """The targets whose links were found dead (or unreachable) with no archive copy."""
        rows = self._db.execute(
            "SELECT target FROM urls JOIN needs_archive USING (url_key) ORDER BY url_key"
        )
        return [target_from_json(target) for (target,) in rows]

    def record_lookups(self, lookups: dict[str, ArchiveLookup]) -> None:
        self._db.execute("BEGIN")
        self._db.executemany(
            "INSERT OR REPLACE INTO archive_lookups VALUES (?, ?)",
            [(key, json.dumps(lookup_json(lookup))) for key, lookup in lookups.items()],
        )
        self._set_flag("archives_looked_up")
        self._db.execute("COMMIT")

    def archive_targets(self) -> list[LinkTarget]:
        """One target per distinct `archive-url` the citations give."""
        seen: dict[str, LinkTarget] = {}
        for (stored,) in self._db.execute("SELECT target FROM urls ORDER BY url_key"):
            target = target_from_json(stored)
            archive = (target.archive_url or "").strip()
            if archive and archive not in seen:
                seen[archive] = target
        return list(seen.values())

    def record_archive_urls(self, results: dict[str, LinkResult]) -> None:
        self._db.execute("BEGIN")
        self._db.executemany(
            "INSERT OR REPLACE INTO archive_urls VALUES (?, ?)",
            [(url, json.dumps(result_json(result))) for url, result in results.items()],
        )
        self._set_flag("archive_urls_checked")
        self._db.execute("COMMIT")


def _text(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _merged(rows: Iterable[tuple[Any, ...]]) -> Iterator[tuple[str, str, LinkTarget]]:
    """Consecutive citations of one URL (rows sorted by key) merged into one target."""
    group: list[LinkTarget] = []
    current: tuple[str, str] | None = None
    for key, host, url, access_day, archive_url, title in rows:
        if current is not None and key != current[0]:
            yield current[0], current[1], merge_targets(group)[0]
            group = []
        current = (key, host)
        day = dt.date.fromisoformat(access_day) if access_day else None
        group.append(LinkTarget(url, (), day, archive_url, title))
    if current is not None:
        yield current[0], current[1], merge_targets(group)[0]


def target_json(target: LinkTarget) -> str:
    return json.dumps(
        {
            "url": target.url,
            "access_day": _text(target.access_day),
            "archive_url": target.archive_url,
            "title": target.title,
        }
    )


def target_from_json(stored: str) -> LinkTarget:
    fields = json.loads(stored)
    day = fields["access_day"]
    return LinkTarget(
        url=fields["url"],
        access_day=dt.date.fromisoformat(day) if day else None,
        archive_url=fields["archive_url"],
        title=fields["title"],
    )


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
        self.last_key = batch[-1].key
        self.tasks += 1
        return LinkUnit(number, self.hosts, tuple(batch), self.tasks > 1)


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
    fetcher = options.fetcher()
    history = LinkHistory.open(options.history, clock=options.clock)
    outcome = UnitOutcome(unit.number)
    try:
        pages = PageTexts(history, None) if options.read_pages else None
        limits = Limits(
            max_workers=min(
                options.check.concurrency, options.check.per_host_limit * len(unit.hosts)
            ),
            per_host=options.check.per_host_limit,
            min_interval=options.check.min_interval,
        )

        def check(
            pending: Sequence[LinkTarget], on_result: Callable[[LinkResult], None]
        ) -> list[LinkResult]:
            outcome.checked += len(pending)
            return check_links(
                pending,
                fetcher,
                options.check,
                run=lambda tasks, host_key, work: run_scheduled(tasks, host_key, work, limits),
                clock=options.clock,
                on_result=on_result,
                on_page=pages.keep if pages is not None else None,
            )

        policy = ReusePolicy(
            max_age=_age_of(since, options.clock), needs_page_text=options.read_pages
        )
        results, _texts = check_with_history(unit.targets, check, history, policy)
    finally:
        history.close()
        fetcher.close()
    outcome.reused = len(unit.targets) - outcome.checked
    for target, result in zip(unit.targets, results, strict=True):
        outcome.verdicts[result.verdict.value] += 1
        if result.verdict in UNSTORED_VERDICTS:
            outcome.unstored.append((target.key, json.dumps(result_json(result))))
        if _wants_archive(result, target):
            outcome.needs_archive.append(target.key)
    return outcome


def _wants_archive(result: LinkResult, target: LinkTarget) -> bool:
    return result.verdict.wants_archive and result.archive is None and not target.archive_url


def _age_of(since: float, clock: Clock) -> float:
    """Seconds from `since` (the scan's cut-off) to now: the age a result may have."""
    return max(0.0, clock.now().timestamp() - since)


def look_up_archives(
    targets: Sequence[LinkTarget], options: LinkScanOptions, since: float
) -> dict[str, ArchiveLookup]:
    """Wayback look-ups for the dead links (their results come from the history), by URL key;
    a snapshot found is kept in the history with its link."""
    secede()
    fetcher = options.fetcher()
    history = LinkHistory.open(options.history, clock=options.clock)
    archive = _archive(fetcher, options)
    lookups: dict[str, ArchiveLookup] = {}
    try:
        for target in targets:
            result = history.fresh(target.url, _age_of(since, options.clock))
            if result is None:
                continue
            found: dict[str, ArchiveLookup] = {}
            with_archive(result, target, archive, history, found)
            for lookup in found.values():  # one look-up at most
                lookups[target.key] = lookup
    finally:
        history.close()
        fetcher.close()
    return lookups


def check_cited_archives(
    targets: Sequence[LinkTarget], options: LinkScanOptions
) -> dict[str, LinkResult]:
    """The checks of the citations' own archive URLs, each once, by archive URL."""
    secede()
    fetcher = options.fetcher()
    try:
        archive = _archive(fetcher, options)
        return check_archive_urls(targets, archive, options.check, options.clock)
    finally:
        fetcher.close()


def _archive(fetcher: Fetcher, options: LinkScanOptions) -> WaybackArchive:
    if options.archive_interval is None:
        return WaybackArchive(fetcher, clock=options.clock)
    per_minute = 60 / options.archive_interval if options.archive_interval > 0 else math.inf
    limits = ArchiveLimits(search_per_minute=per_minute, search_share=1.0)
    return WaybackArchive(fetcher, clock=options.clock, limits=limits)


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
            frontier.load(Stage.TARGETS.root(out_dir))
        outcome = LinkStageOutcome()
        outcome.urls, outcome.hosts = frontier.counts()
        outcome.largest_hosts = frontier.largest_hosts(10)
        chains = list(frontier.chains(options.urls_per_task))
        total = sum(-(-chain.urls // chain.urls_per_task) for chain in chains)

        say = on_progress or (lambda label, done, total: None)
        _run_chains(
            client,
            chains,
            frontier,
            options,
            since,
            outcome,
            lambda done: say("checking links", done, total),
        )
        if not frontier.flag("archives_looked_up"):
            dead = frontier.needing_archive()
            label = f"looking up archives of {len(dead)} dead links"
            say(label, 0, 1)
            lookups = client.submit(look_up_archives, dead, options, since, pure=False).result()
            frontier.record_lookups(lookups)
            say(label, 1, 1)
        if not frontier.flag("archive_urls_checked"):
            archived = frontier.archive_targets()
            label = f"checking {len(archived)} archive URLs"
            say(label, 0, 1)
            checked = client.submit(check_cited_archives, archived, options, pure=False).result()
            frontier.record_archive_urls(checked)
            say(label, 1, 1)
        return outcome
    finally:
        frontier.close()


def _run_chains(
    client: Client,
    chains: list[Chain],
    frontier: Frontier,
    options: LinkScanOptions,
    since: float,
    outcome: LinkStageOutcome,
    report: Callable[[int], None],
) -> None:
    """Run the hosts' tasks, `tasks_at_once` at a time, each host's chunks one after another."""
    ready: deque[Chain] = deque(chains)
    number = 0

    def take() -> Submission[Chain] | None:
        nonlocal number
        while ready:
            chain = ready.popleft()
            unit = chain.next_unit(number)
            if unit is not None:
                number += 1
                return Submission(check_unit, (unit, options, since), chain)
        return None

    def finished(chain: Chain, result: UnitOutcome) -> bool:
        frontier.record(result)
        outcome.tasks += 1
        outcome.verdicts.update(result.verdicts)
        outcome.checked += result.checked
        outcome.reused += result.reused
        ready.appendleft(chain)  # its next chunk first: the biggest hosts bound the run
        report(outcome.tasks)
        return False

    report(0)
    run_windowed(client, options.tasks_at_once, take, finished)


# --- stage 3: the facts of each article, from the link stage's results -----------------


@dataclass(frozen=True)
class LinkStageFacts:
    """Where the link stage left its results (sent to the report stage's workers); `open`
    gives the function from an article to its `Facts`."""

    history: str
    frontier: str
    since: float
    clock: Clock = SYSTEM_CLOCK

    def open(self, options: AuditOptions) -> FactsReader:
        history = LinkHistory.open(Path(self.history), clock=self.clock)
        frontier = sqlite3.connect(f"file:{self.frontier}?mode=ro", uri=True)
        return FactsReader(history, frontier, _age_of(self.since, self.clock), options)


class FactsReader:
    """An article's facts as `citeaudit.audit.gather_facts` would gather them right after the
    link stage, reading its results instead of the network."""

    def __init__(
        self,
        history: LinkHistory,
        frontier: sqlite3.Connection,
        max_age: float,
        options: AuditOptions,
    ) -> None:
        self._history = history
        self._frontier = frontier
        self._max_age = max_age
        self._options = options

    def __call__(self, article: Article) -> Facts:
        links: list[LinkResult] = []
        lookups: dict[str, ArchiveLookup] = {}
        archive_urls: dict[str, LinkResult] = {}
        sources = {}
        for target in link_targets(article, self._options.as_of):
            stored = self._history.fresh(target.url, self._max_age) or self._unstored(target)
            result = replace(stored, url=target.url, reference_ids=target.reference_ids)
            links.append(result)
            lookup = self._lookup(target) if _wants_archive(result, target) else None
            if lookup is not None:
                lookups[result.url] = lookup
            if self._options.check_support and result.verdict is LinkVerdict.ALIVE:
                text = self._history.source(target.url)
                if text is not None:
                    sources[target.url] = text
            archive = (target.archive_url or "").strip()
            checked = self._archive_url(archive) if archive else None
            if checked is not None:
                archive_urls[archive] = replace(checked, reference_ids=target.reference_ids)
        return assemble_facts(
            article,
            links,
            archive_lookups=lookups,
            archive_urls=archive_urls,
            sources=sources,
            check_support=self._options.check_support,
            verifier=self._options.verifier,
        )

    def _row(self, query: str, key: str) -> Any:
        row = self._frontier.execute(query, (key,)).fetchone()
        return json.loads(row[0]) if row is not None else None

    def _unstored(self, target: LinkTarget) -> LinkResult:
        stored = self._row("SELECT result FROM unstored WHERE url_key = ?", target.key)
        if stored is None:
            return LinkResult(target.url, LinkVerdict.SKIPPED, NOT_CHECKED)
        return result_from_json(stored)

    def _lookup(self, target: LinkTarget) -> ArchiveLookup | None:
        stored = self._row("SELECT lookup FROM archive_lookups WHERE url_key = ?", target.key)
        return lookup_from_json(stored) if stored is not None else None

    def _archive_url(self, archive_url: str) -> LinkResult | None:
        stored = self._row("SELECT result FROM archive_urls WHERE archive_url = ?", archive_url)
        return result_from_json(stored) if stored is not None else None

    def close(self) -> None:
        self._history.close()
        self._frontier.close()


# --- what the history does not keep, as JSON ---------------------------------------------


def result_json(result: LinkResult) -> dict[str, Any]:
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


def lookup_json(lookup: ArchiveLookup) -> dict[str, Any]:
    snapshot = lookup.snapshot
    return {
        "outcome": lookup.outcome.value,
        "reason": lookup.reason,
        "snapshot": [snapshot.url, snapshot.timestamp, snapshot.status] if snapshot else None,
    }


def lookup_from_json(value: dict[str, Any]) -> ArchiveLookup:
    snapshot = value["snapshot"]
    return ArchiveLookup(
        ArchiveOutcome(value["outcome"]),
        value["reason"],
        ArchiveSnapshot(*snapshot) if snapshot else None,
    )
