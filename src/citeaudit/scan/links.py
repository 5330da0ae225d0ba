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
   of the scan are reused, and every new one that got an answer is committed as it comes, so
   an interrupted run resumes where it stopped and no URL is checked twice. Then one task
   looks up Wayback snapshots for the dead links and one checks the citations' own
   `archive-url`s: the Internet Archive wants a single, slow stream of requests.
   A result that got no answer at all may be the checker's own network's failure: the task
   holds it back from the history and sends it to the driver with what its answers said of
   the network (`Observations`). The frontier keeps both, by *session* (one run of this
   stage), and once every task of the stage is done the driver judges the held results by
   their session's merged observations (`judge_held`): evidence recorded in the history when
   the network worked, `unreachable` "network down" kept out of it when it did not.
3. **Report.** Each partition is audited again, over the `Facts` each article's links have
   in the history and the frontier (`LinkStageFacts`), never from the network: the same
   checks as `citeaudit audit`, and claim support reading the pages' text the link checks
   kept in the history.

The history is one SQLite file: the workers that check or read links, and the driver that
records the held results, must be able to open it (on the machine that holds it). The
frontier is only read by the workers.
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
from citeaudit.web.health import NetworkHealth, Observations, is_network_failure
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
CREATE TABLE IF NOT EXISTS sessions (
    session INTEGER PRIMARY KEY, observations TEXT NOT NULL, problem TEXT
);
CREATE TABLE IF NOT EXISTS held (
    url_key TEXT PRIMARY KEY, session INTEGER NOT NULL, result TEXT NOT NULL,
    network_down INTEGER NOT NULL DEFAULT 0
);
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
        query = (
            "SELECT host, urls - COALESCE(held, 0) AS remaining FROM hosts LEFT JOIN"
            " (SELECT host, COUNT(*) AS held FROM held JOIN urls USING (url_key) GROUP BY host)"
            " USING (host) WHERE remaining > 0 ORDER BY remaining DESC, host"
        )
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
        """Up to `limit` URLs of `hosts` whose key sorts after `after`, in key order; held
        results (checked by an interrupted run, waiting for judgement) are not checked again."""
        marks = ",".join("?" for _ in hosts)
        rows = self._db.execute(
            f"SELECT target FROM urls WHERE host IN ({marks}) AND url_key > ?"
            " AND url_key NOT IN (SELECT url_key FROM held) ORDER BY url_key LIMIT ?",
            (*hosts, after, limit),
        )
        return [target_from_json(target) for (target,) in rows]

    def record(self, outcome: UnitOutcome, session: int) -> None:
        """Keep what a link task found that the history does not: policy verdicts, the links
        that want an archive, its network failures held for judgement, what it saw of the
        network (merged into its session's)."""
        db = self._db
        db.execute("BEGIN")
        db.executemany("INSERT OR REPLACE INTO unstored VALUES (?, ?)", outcome.unstored)
        db.executemany(
            "INSERT OR IGNORE INTO needs_archive VALUES (?)", ((k,) for k in outcome.needs_archive)
        )
        db.executemany(
            "INSERT OR REPLACE INTO held (url_key, session, result) VALUES (?, ?, ?)",
            ((key, session, result) for key, result in outcome.held),
        )
        self._observe(session, outcome.observations)
        db.execute("COMMIT")

    # --- the network's health, judged once per run of the link stage --------------------

    def begin_session(self) -> int:
        """Number a new run of the link stage: its network is judged on what its tasks saw."""
        cursor = self._db.execute(
            "INSERT INTO sessions (observations) VALUES (?)", (observations_json(Observations()),)
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def observe(self, session: int, observations: Observations) -> None:
        """Merge what a task saw of the network into its session's observations."""
        self._db.execute("BEGIN")
        self._observe(session, observations)
        self._db.execute("COMMIT")

    def _observe(self, session: int, observations: Observations) -> None:
        merged = self.observations(session).merged(observations)
        self._db.execute(
            "UPDATE sessions SET observations = ? WHERE session = ?",
            (observations_json(merged), session),
        )

    def observations(self, session: int) -> Observations:
        row = self._db.execute(
            "SELECT observations FROM sessions WHERE session = ?", (session,)
        ).fetchone()
        return observations_from_json(row[0]) if row is not None else Observations()

    def sessions_to_judge(self) -> list[int]:
        """The sessions whose held results still wait for judgement."""
        query = "SELECT DISTINCT session FROM held WHERE network_down = 0 ORDER BY session"
        return [session for (session,) in self._db.execute(query)]

    def waiting_judgement(self) -> int:
        row = self._db.execute("SELECT COUNT(*) FROM held WHERE network_down = 0").fetchone()
        return int(row[0])

    def held(self, session: int, limit: int) -> list[tuple[str, LinkResult]]:
        """Up to `limit` results of `session` still waiting for judgement, by URL key."""
        rows = self._db.execute(
            "SELECT url_key, result FROM held WHERE session = ? AND network_down = 0"
            " ORDER BY url_key LIMIT ?",
            (session, limit),
        )
        return [(key, result_from_json(json.loads(result))) for key, result in rows]

    def release(self, keys: Sequence[str]) -> None:
        """Forget held results now recorded in the history as evidence."""
        self._db.execute("BEGIN")
        self._db.executemany("DELETE FROM held WHERE url_key = ?", ((key,) for key in keys))
        self._db.execute("COMMIT")

    def keep_down(
        self, session: int, problem: str, results: Sequence[tuple[str, LinkResult]]
    ) -> None:
        """Keep results of a session whose network was down, as reviewed (never evidence)."""
        self._db.execute("BEGIN")
        self._db.execute("UPDATE sessions SET problem = ? WHERE session = ?", (problem, session))
        self._db.executemany(
            "UPDATE held SET result = ?, network_down = 1 WHERE url_key = ?",
            ((json.dumps(result_json(result)), key) for key, result in results),
        )
        self._db.execute("COMMIT")

    def network_down(self) -> tuple[int, str | None]:
        """How many links were checked while the network was down, and the last such
        session's problem (None when the network always worked)."""
        rows = self._db.execute(
            "SELECT problem, COUNT(*) FROM held JOIN sessions USING (session)"
            " WHERE network_down = 1 GROUP BY session ORDER BY session"
        ).fetchall()
        return sum(count for _, count in rows), rows[-1][0] if rows else None

    def lookup(self, key: str) -> ArchiveLookup | None:
        row = self._db.execute(
            "SELECT lookup FROM archive_lookups WHERE url_key = ?", (key,)
        ).fetchone()
        return lookup_from_json(json.loads(row[0])) if row is not None else None

    def needing_archive(self) -> list[tuple[LinkTarget, LinkResult | None]]:
        """The targets whose links were found dead (or unreachable) with no archive copy, each
        with its result when it is held (else the history has it)."""
        rows = self._db.execute(
            "SELECT target, held.result FROM urls JOIN needs_archive USING (url_key)"
            " LEFT JOIN held USING (url_key) ORDER BY url_key"
        )
        return [
            (target_from_json(target), result_from_json(json.loads(held)) if held else None)
            for target, held in rows
        ]

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
    """What a link task sends back to the driver, for the frontier."""

    number: int
    verdicts: Counter[str] = field(default_factory=Counter)
    """The verdicts of the results it recorded or reused (the held ones are judged later)."""
    checked: int = 0
    reused: int = 0
    unstored: list[tuple[str, str]] = field(default_factory=list)
    needs_archive: list[str] = field(default_factory=list)
    held: list[tuple[str, str]] = field(default_factory=list)
    """Results that rest on a request without an answer (`is_network_failure`), by URL key:
    no evidence until the run's network is judged, so not yet in the history."""
    observations: Observations = field(default_factory=Observations)
    """What the task's answers said of the network."""


# --- stage 2: the tasks (on the workers) -----------------------------------------------


def check_unit(unit: LinkUnit, options: LinkScanOptions, since: float) -> UnitOutcome:
    """Check the URLs of one unit with the shared history; return what the frontier keeps.

    A failure that may be the checker's own network's is held back, not recorded: whether the
    network worked is known only once every task has said what it saw (`judge_held`).
    """
    secede()  # waiting on sockets: leave the worker's thread to CPU work
    if unit.follows:
        time.sleep(options.check.min_interval)
    health = NetworkHealth()
    fetcher = health.watch(options.fetcher())
    history = LinkHistory.open(options.history, clock=options.clock)
    outcome = UnitOutcome(unit.number)
    held: set[str] = set()

    def hold(result: LinkResult) -> bool:
        if not is_network_failure(result):
            return False
        held.add(result.url)
        return True

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
        results, _texts = check_with_history(unit.targets, check, history, policy, hold=hold)
    finally:
        history.close()
        fetcher.close()
    outcome.reused = len(unit.targets) - outcome.checked
    outcome.observations = health.observations()
    for target, result in zip(unit.targets, results, strict=True):
        if target.url in held:
            outcome.held.append((target.key, json.dumps(result_json(result))))
        else:
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
    wanted: Sequence[tuple[LinkTarget, LinkResult | None]], options: LinkScanOptions, since: float
) -> tuple[dict[str, ArchiveLookup], Observations]:
    """Wayback look-ups for the dead links, by URL key, and what their answers said of the
    network. A link's result is given when it is held, else it comes from the history (where
    a snapshot found is kept with it)."""
    secede()
    health = NetworkHealth()
    fetcher = health.watch(options.fetcher())
    history = LinkHistory.open(options.history, clock=options.clock)
    archive = _archive(fetcher, options)
    lookups: dict[str, ArchiveLookup] = {}
    try:
        for target, held in wanted:
            result = held or history.fresh(target.url, _age_of(since, options.clock))
            if result is None:
                continue
            found: dict[str, ArchiveLookup] = {}
            # A held result is not in the history yet: its snapshot is kept when it is recorded.
            with_archive(result, target, archive, None if held else history, found)
            for lookup in found.values():  # one look-up at most
                lookups[target.key] = lookup
    finally:
        history.close()
        fetcher.close()
    return lookups, health.observations()


def check_cited_archives(
    targets: Sequence[LinkTarget], options: LinkScanOptions
) -> tuple[dict[str, LinkResult], Observations]:
    """The checks of the citations' own archive URLs, each once, by archive URL, and what
    their answers said of the network (the driver reviews their failures with the run's)."""
    secede()
    health = NetworkHealth()
    fetcher = health.watch(options.fetcher())
    try:
        archive = _archive(fetcher, options)
        return (
            check_archive_urls(targets, archive, options.check, options.clock),
            health.observations(),
        )
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
    network_down: int = 0
    """Links checked while the checker's own network was down (`unreachable`, not evidence)."""
    network_problem: str | None = None
    """Why the network looked down (the last run of the stage in which it did), or None."""


StageProgress = Callable[[str, int, int | None], None]


def check_dump_links(
    client: Client,
    out_dir: Path,
    options: LinkScanOptions,
    since: float,
    on_progress: StageProgress | None = None,
) -> LinkStageOutcome:
    """Stage 2 for the targets gathered in `out_dir`: check every URL, then the archives, then
    judge the network failures the checks held back by the health of the network in the run
    that saw them."""
    frontier = Frontier.open(frontier_path(out_dir))
    try:
        if not frontier.flag("loaded"):
            frontier.load(Stage.TARGETS.root(out_dir))
        session = frontier.begin_session()
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
            session,
            options,
            since,
            outcome,
            lambda done: say("checking links", done, total),
        )
        if not frontier.flag("archives_looked_up"):
            dead = frontier.needing_archive()
            label = f"looking up archives of {len(dead)} dead links"
            say(label, 0, 1)
            lookups, seen = client.submit(
                look_up_archives, dead, options, since, pure=False
            ).result()
            frontier.observe(session, seen)
            frontier.record_lookups(lookups)
            say(label, 1, 1)
        if not frontier.flag("archive_urls_checked"):
            archived = frontier.archive_targets()
            label = f"checking {len(archived)} archive URLs"
            say(label, 0, 1)
            checked, seen = client.submit(
                check_cited_archives, archived, options, pure=False
            ).result()
            frontier.observe(session, seen)
            health = NetworkHealth(frontier.observations(session))
            frontier.record_archive_urls(
                {url: health.review(result) for url, result in checked.items()}
            )
            say(label, 1, 1)
        waiting = frontier.waiting_judgement()
        label = f"judging {waiting} links that got no answer"
        with LinkHistory.open(options.history, clock=options.clock) as history:
            judged = judge_held(
                frontier,
                history,
                _age_of(since, options.clock),
                lambda done: say(label, done, waiting),
            )
        outcome.verdicts.update(judged)
        outcome.network_down, outcome.network_problem = frontier.network_down()
        return outcome
    finally:
        frontier.close()


HELD_BATCH = 500
"""Held results judged at a time: an interrupted judgement does at most this many again."""


def judge_held(
    frontier: Frontier,
    history: LinkHistory,
    max_age: float,
    on_progress: Callable[[int], None] | None = None,
) -> Counter[str]:
    """Judge the held results of each run of the link stage by that run's network, as the
    audit's gathering does (`NetworkHealth.review`): where the network worked they are
    evidence, recorded in the history (with the snapshot a look-up found); where it was down
    they stay out of it, `unreachable` with the reason "network down". The verdicts judged.

    Each run is judged on what its own tasks saw: an interrupted scan resumed later, perhaps
    on another network, does not lend its network to the checks of the first. Recording is
    done once even when an interrupted judgement is done again (`max_age`: how far back the
    history may hold a result of this scan).
    """
    verdicts: Counter[str] = Counter()
    for session in frontier.sessions_to_judge():
        health = NetworkHealth(frontier.observations(session))
        problem = health.problem
        while batch := frontier.held(session, HELD_BATCH):
            reviewed = [(key, health.review(result)) for key, result in batch]
            if problem is not None:
                frontier.keep_down(session, problem, reviewed)
            else:
                for key, result in reviewed:
                    _record_once(history, _with_snapshot(result, frontier.lookup(key)), max_age)
                frontier.release([key for key, _ in reviewed])
            verdicts.update(result.verdict.value for _, result in reviewed)
            if on_progress is not None:
                on_progress(verdicts.total())
    return verdicts


def _with_snapshot(result: LinkResult, lookup: ArchiveLookup | None) -> LinkResult:
    if lookup is None or lookup.outcome is not ArchiveOutcome.FOUND or lookup.snapshot is None:
        return result
    return replace(result, archive=lookup.snapshot)


def _record_once(history: LinkHistory, result: LinkResult, max_age: float) -> None:
    """Record `result` unless the history already has this very check (a judgement that was
    interrupted after recording it and before releasing it)."""
    stored = history.fresh(result.url, max_age)
    if stored is not None and (stored.checked_at, stored.verdict) == (
        result.checked_at,
        result.verdict,
    ):
        return
    history.record(result)


def _run_chains(
    client: Client,
    chains: list[Chain],
    frontier: Frontier,
    session: int,
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
        frontier.record(result, session)
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
        network_problem = None
        for target in link_targets(article, self._options.as_of):
            down = self._network_down(target)
            if down is not None:
                stored, network_problem = down
            else:
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
            network_problem=network_problem,
        )

    def _row(self, query: str, key: str) -> Any:
        row = self._frontier.execute(query, (key,)).fetchone()
        return json.loads(row[0]) if row is not None else None

    def _unstored(self, target: LinkTarget) -> LinkResult:
        stored = self._row("SELECT result FROM unstored WHERE url_key = ?", target.key)
        if stored is None:
            return LinkResult(target.url, LinkVerdict.SKIPPED, NOT_CHECKED)
        return result_from_json(stored)

    def _network_down(self, target: LinkTarget) -> tuple[LinkResult, str] | None:
        """The result of a link checked while the network was down, and why it was."""
        row = self._frontier.execute(
            "SELECT result, problem FROM held JOIN sessions USING (session)"
            " WHERE url_key = ? AND network_down = 1",
            (target.key,),
        ).fetchone()
        return (result_from_json(json.loads(row[0])), row[1]) if row is not None else None

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


def observations_json(observations: Observations) -> str:
    return json.dumps(
        {
            "resolved": sorted(observations.resolved),
            "answers": observations.answers,
            "lookups_failed": observations.lookups_failed,
            "failures": observations.failures,
            "last_failure": observations.last_failure,
        }
    )


def observations_from_json(stored: str) -> Observations:
    fields = json.loads(stored)
    return Observations(
        resolved=frozenset(fields["resolved"]),
        answers=fields["answers"],
        lookups_failed=fields["lookups_failed"],
        failures=fields["failures"],
        last_failure=fields["last_failure"],
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
