"""The link history: every check in SQLite, fresh results reused, deadness confirmed over time.

One file may be shared by several runs at once (WAL journal, a busy timeout, one short
transaction per result), and each result is committed as soon as it is known, so an
interrupted run loses nothing. A file that is not SQLite, is corrupt, or holds someone else's
schema is moved aside (`<name>.corrupt-<timestamp>`) with a warning, and a fresh one is made:
it is never trusted.

Deadness gains confidence as IABot's does (https://meta.wikimedia.org/wiki/InternetArchiveBot,
read 2026-11-28): the first `dead` (or `soft-404`) check starts a streak, each further one adds
to `failed_checks`, an `alive` check ends it, and `blocked`/`unreachable` checks prove nothing
either way.

`check_with_history` wraps the link checker with the history, as a cache wraps a client: what
may be reused instead of fetched is decided in one place, `ReusePolicy`.

The text claim support read from each page (`SourceText`, capped) is kept beside the checks,
one row per URL, so that a rerun that reuses a fresh check also reuses the page's text instead
of fetching it again. The answers of Wayback Machine look-ups are kept too (table
`archive_lookups`, by URL and access day), so that a rerun asks the archive nothing again.
Older files are migrated in place by adding the tables they lack.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import threading
import time
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from citeaudit.model import (
    ArchiveLookup,
    ArchiveOutcome,
    ArchiveSnapshot,
    Hop,
    LinkResult,
    LinkVerdict,
    SourceText,
)
from citeaudit.web.clock import SYSTEM_CLOCK, Clock
from citeaudit.web.links.targets import LinkTarget
from citeaudit.web.urls import normalise_url

logger = logging.getLogger(__name__)

SCHEMA_NAME = "citeaudit-link-history"
SCHEMA_VERSION = "3"
MIGRATABLE_VERSIONS = {"1", "2"}
BUSY_TIMEOUT_SECONDS = 30.0
SQLITE_HEADER = b"SQLite format 3\x00"
# Policy outcomes say nothing about the page: they are neither stored nor reused.
UNSTORED_VERDICTS = {LinkVerdict.SKIPPED, LinkVerdict.INVALID}

# Added in version 2; a version 1 file is migrated by creating it.
_SOURCES_TABLE = """
CREATE TABLE IF NOT EXISTS sources (
    url TEXT PRIMARY KEY,
    checked_at TEXT NOT NULL,
    source BLOB NOT NULL
)"""
# Added in version 3 (`target` is the access day as YYYYMMDD, or "" without one).
_ARCHIVE_LOOKUPS_TABLE = """
CREATE TABLE IF NOT EXISTS archive_lookups (
    url TEXT NOT NULL,
    target TEXT NOT NULL,
    checked_at TEXT NOT NULL,
    checked_epoch REAL NOT NULL,
    outcome TEXT NOT NULL,
    reason TEXT NOT NULL,
    snapshot_url TEXT,
    snapshot_timestamp TEXT,
    PRIMARY KEY (url, target)
)"""
# Only answers of the archive are kept: "could not ask" is asked again next time.
_KEPT_OUTCOMES = {ArchiveOutcome.FOUND, ArchiveOutcome.NOT_ARCHIVED}
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS checks (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    checked_at TEXT NOT NULL,
    checked_epoch REAL NOT NULL,
    verdict TEXT NOT NULL,
    status INTEGER,
    reason TEXT NOT NULL,
    final_url TEXT,
    title TEXT,
    chain TEXT NOT NULL,
    archive_url TEXT,
    archive_timestamp TEXT
);
CREATE INDEX IF NOT EXISTS checks_by_url ON checks (url, checked_epoch);
CREATE TABLE IF NOT EXISTS deadness (
    url TEXT PRIMARY KEY,
    first_failed_at TEXT,
    failed_checks INTEGER NOT NULL
);
"""
_SCHEMA += _SOURCES_TABLE + ";" + _ARCHIVE_LOOKUPS_TABLE


DEFAULT_MAX_AGE_DAYS = 1.0
"""Days a result stays fresh enough to reuse (`--max-age`): a rerun the same day asks nothing
again, while a link checked yesterday is checked anew."""
DEFAULT_ARCHIVE_MAX_AGE_DAYS = 180.0
"""Days an archived copy that answered stays trusted without a request (`--archive-max-age`):
a cited archive URL that served the archived page, and a snapshot a look-up found. A capture
does not change; what can happen is its removal from the archive, which a check twice a year
still notices."""


@dataclass(frozen=True)
class ReusePolicy:
    """Which stored result may stand for a new check.

    A result younger than `max_age` seconds is reused, except an `unreachable` one: that verdict
    means "no decision this time" and a rerun must try again. With `needs_page_text`, an `alive`
    result is reused only when the history kept its page's text too (claim support reads it).
    A `max_age` of 0 reuses nothing (`--max-age 0`, and recording a fixture: every link is
    fetched anew, and the history still learns from it). Archived copies that answered, and
    snapshots found, stay trusted for `archive_max_age`; a look-up that found nothing is asked
    again after `max_age`, as the page may be archived meanwhile.
    """

    max_age: float = DEFAULT_MAX_AGE_DAYS * 86_400
    needs_page_text: bool = False
    archive_max_age: float = DEFAULT_ARCHIVE_MAX_AGE_DAYS * 86_400

    def may_reuse(self, stored: LinkResult, has_page_text: bool) -> bool:
        if self.max_age <= 0 or stored.verdict is LinkVerdict.UNREACHABLE:
            return False
        return not (
            self.needs_page_text and stored.verdict is LinkVerdict.ALIVE and not has_page_text
        )


def check_with_history(
    targets: Sequence[LinkTarget],
    check: Callable[[Sequence[LinkTarget], Callable[[LinkResult], None]], list[LinkResult]],
    history: LinkHistory,
    policy: ReusePolicy,
    on_result: Callable[[LinkResult], None] | None = None,
    hold: Callable[[LinkResult], bool] | None = None,
) -> tuple[list[LinkResult], dict[str, SourceText]]:
    """Results for `targets` (one per distinct URL): reused from the history where the policy
    allows, else checked with `check(pending_targets, on_result)`.

    Each fresh result is committed to the history as soon as `check` reports it (so an
    interrupted run loses nothing) and comes back with its deadness streak; except the results
    `hold` picks, which are returned as they are, for the caller to record once it knows that
    they are evidence (a failure may be the checker's own network's). Returns the results in
    target order and, by URL, the page texts the history kept for the reused `alive` ones.
    """
    results: dict[int, LinkResult] = {}
    texts: dict[str, SourceText] = {}
    pending: list[int] = []
    for index, target in enumerate(targets):
        stored = history.fresh(target.url, policy.max_age)
        wants_text = (
            policy.needs_page_text and stored is not None and stored.verdict is LinkVerdict.ALIVE
        )
        text = history.source(target.url) if wants_text else None
        if stored is not None and policy.may_reuse(stored, text is not None):
            results[index] = replace(stored, url=target.url, reference_ids=target.reference_ids)
            if text is not None:
                texts[target.url] = text
            if on_result is not None:
                on_result(results[index])
        else:
            pending.append(index)
    recorded: dict[str, LinkResult] = {}
    lock = threading.Lock()

    def remember(result: LinkResult) -> None:
        kept = result if hold is not None and hold(result) else history.record(result)
        with lock:
            recorded[result.url] = kept
        if on_result is not None:
            on_result(kept)

    checked = check([targets[index] for index in pending], remember)
    for index, result in zip(pending, checked, strict=True):
        results[index] = recorded.get(result.url, result)
    return [results[index] for index in range(len(targets))], texts


def history_key(url: str) -> str:
    """The key a URL is stored under: its normalised form (`HTTP://A.example` is stored as
    `http://a.example/`)."""
    return normalise_url(url).url or url.strip()


def default_history_path(environ: Mapping[str, str] | None = None) -> Path:
    """`$XDG_CACHE_HOME/citeaudit/links.sqlite3`, or `~/.cache/citeaudit/links.sqlite3`."""
    environ = os.environ if environ is None else environ
    cache_home = environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache_home) / "citeaudit" / "links.sqlite3"


class LinkHistory:
    """An open link history file; safe to use from several threads and processes.

    Open one with `LinkHistory.open(path)`; the constructor takes a connection already checked.
    """

    def __init__(
        self, connection: sqlite3.Connection, path: Path, clock: Clock = SYSTEM_CLOCK
    ) -> None:
        self.path = path
        self._connection = connection
        self._clock = clock
        self._lock = threading.Lock()

    @classmethod
    def open(
        cls, path: Path, clock: Clock = SYSTEM_CLOCK, warn: Callable[[str], None] = logger.warning
    ) -> LinkHistory:
        """Open the history at `path`, creating it (and its directory) if needed.

        A file that cannot be trusted is moved aside and replaced, with `warn` told why. Raises
        `OSError` or `sqlite3.Error` when no history can be kept there at all (a read-only
        directory, say): run without one then.
        """
        path.parent.mkdir(parents=True, exist_ok=True)
        return cls(_open_trusted(path, clock, warn), path, clock)

    def fresh(self, url: str, max_age: float) -> LinkResult | None:
        """The latest stored result for `url` if it is younger than `max_age` seconds, else None."""
        oldest = self._clock.now().timestamp() - max_age
        with self._lock:
            row = self._connection.execute(
                "SELECT url, checked_at, verdict, status, reason, final_url, title, chain,"
                " archive_url, archive_timestamp FROM checks WHERE url = ? AND checked_epoch >= ?"
                " ORDER BY checked_epoch DESC, id DESC LIMIT 1",
                (history_key(url), oldest),
            ).fetchone()
            deadness = self._deadness(history_key(url))
        if row is None:
            return None
        try:
            stored = _result_from_row(row)
        except (ValueError, TypeError, RecursionError) as error:
            # A row this code did not write (edited, or planted): fetch again rather than trust it.
            logger.warning(
                "link history %s: unreadable row for %s ignored (%s)", self.path, url, error
            )
            return None
        return _with_deadness(replace(stored, url=url), *deadness)

    def record(self, result: LinkResult) -> LinkResult:
        """Store `result`; return it with its deadness streak (`first_failed_at`, `failed_checks`).

        Skipped and invalid results are returned as they are, unstored.
        """
        if result.verdict in UNSTORED_VERDICTS:
            return result
        checked_at = result.checked_at or self._clock.now().isoformat(timespec="seconds")
        key = history_key(result.url)
        with self._lock, self._connection:
            self._connection.execute("BEGIN IMMEDIATE")
            first_failed_at, failed_checks = _next_streak(
                self._deadness(key), result.verdict, checked_at
            )
            self._connection.execute(
                "INSERT INTO checks (url, checked_at, checked_epoch, verdict, status, reason,"
                " final_url, title, chain,"
                " archive_url, archive_timestamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    key,
                    checked_at,
                    _epoch(checked_at),
                    result.verdict.value,
                    result.status,
                    result.reason,
                    result.final_url,
                    result.page_title,
                    json.dumps([[hop.url, hop.status] for hop in result.chain]),
                    result.archive.url if result.archive else None,
                    result.archive.timestamp if result.archive else None,
                ),
            )
            self._connection.execute(
                "INSERT INTO deadness (url, first_failed_at, failed_checks) VALUES (?, ?, ?)"
                " ON CONFLICT (url) DO UPDATE SET first_failed_at = excluded.first_failed_at,"
                " failed_checks = excluded.failed_checks",
                (key, first_failed_at, failed_checks),
            )
        return _with_deadness(
            replace(result, checked_at=checked_at), first_failed_at, failed_checks
        )

    def attach_archive(self, result: LinkResult, snapshot: ArchiveSnapshot) -> None:
        """Store the archive snapshot found for a result already recorded."""
        with self._lock, self._connection:
            self._connection.execute(
                "UPDATE checks SET archive_url = ?, archive_timestamp = ?"
                " WHERE url = ? AND checked_at = ?",
                (snapshot.url, snapshot.timestamp, history_key(result.url), result.checked_at),
            )

    def archive_lookup(
        self, url: str, access_day: date | None, policy: ReusePolicy
    ) -> ArchiveLookup | None:
        """The archive's answer kept for `url` and this access day, while the policy trusts it."""
        with self._lock:
            row = self._connection.execute(
                "SELECT checked_epoch, outcome, reason, snapshot_url, snapshot_timestamp"
                " FROM archive_lookups WHERE url = ? AND target = ?",
                (history_key(url), _target(access_day)),
            ).fetchone()
        if row is None:
            return None
        checked_epoch, outcome, reason, snapshot_url, snapshot_timestamp = row
        try:
            found = ArchiveOutcome(outcome)
        except ValueError:
            return None
        max_age = policy.archive_max_age if found is ArchiveOutcome.FOUND else policy.max_age
        if checked_epoch < self._clock.now().timestamp() - max_age:
            return None
        snapshot = ArchiveSnapshot(snapshot_url, snapshot_timestamp) if snapshot_url else None
        if found is ArchiveOutcome.FOUND and snapshot is None:
            return None
        return ArchiveLookup(found, reason, snapshot)

    def keep_archive_lookup(self, url: str, access_day: date | None, lookup: ArchiveLookup) -> None:
        """Keep the archive's answer (found, or not archived; never "could not ask")."""
        if lookup.outcome not in _KEPT_OUTCOMES:
            return
        checked_at = self._clock.now().isoformat(timespec="seconds")
        snapshot = lookup.snapshot
        with self._lock, self._connection:
            self._connection.execute(
                "INSERT INTO archive_lookups (url, target, checked_at, checked_epoch, outcome,"
                " reason, snapshot_url, snapshot_timestamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (url, target) DO UPDATE SET checked_at = excluded.checked_at,"
                " checked_epoch = excluded.checked_epoch, outcome = excluded.outcome,"
                " reason = excluded.reason, snapshot_url = excluded.snapshot_url,"
                " snapshot_timestamp = excluded.snapshot_timestamp",
                (
                    history_key(url),
                    _target(access_day),
                    checked_at,
                    _epoch(checked_at),
                    lookup.outcome.value,
                    lookup.reason,
                    snapshot.url if snapshot else None,
                    snapshot.timestamp if snapshot else None,
                ),
            )

    def keep_source(self, url: str, checked_at: str, source: SourceText) -> None:
        """Keep the text read from `url` at the check of `checked_at` (replacing older text)."""
        packed = zlib.compress(json.dumps(source.to_json(), ensure_ascii=False).encode("utf-8"))
        with self._lock, self._connection:
            self._connection.execute(
                "INSERT INTO sources (url, checked_at, source) VALUES (?, ?, ?)"
                " ON CONFLICT (url) DO UPDATE SET checked_at = excluded.checked_at,"
                " source = excluded.source",
                (history_key(url), checked_at, packed),
            )

    def source(self, url: str) -> SourceText | None:
        """The text last kept for `url`, or None when none was kept."""
        with self._lock:
            row = self._connection.execute(
                "SELECT source FROM sources WHERE url = ?", (history_key(url),)
            ).fetchone()
        if row is None:
            return None
        return SourceText.from_json(json.loads(zlib.decompress(row[0]).decode("utf-8")))

    def close(self) -> None:
        with self._lock:
            self._connection.close()

    def __enter__(self) -> LinkHistory:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _deadness(self, url: str) -> tuple[str | None, int]:
        row = self._connection.execute(
            "SELECT first_failed_at, failed_checks FROM deadness WHERE url = ?", (url,)
        ).fetchone()
        return (row[0], row[1]) if row else (None, 0)


def _open_trusted(path: Path, clock: Clock, warn: Callable[[str], None]) -> sqlite3.Connection:
    problem = _foreign_file_problem(path)
    if problem is None:
        connection = _connect(path)
        try:
            problem = _prepare_when_free(connection)
        except sqlite3.DatabaseError as error:
            problem = f"unreadable SQLite file ({error})"
        if problem is None:
            return connection
        connection.close()
    aside = _move_aside(path, clock.now())
    warn(f"link history {path} {problem}: moved aside to {aside.name}; starting a fresh history")
    connection = _connect(path)
    failed = _prepare(connection)
    if failed is not None:
        raise sqlite3.DatabaseError(f"cannot create a link history at {path}: {failed}")
    return connection


def _prepare_when_free(connection: sqlite3.Connection) -> str | None:
    """`_prepare`, waiting while another process holds the file (it may be creating it).

    Switching a new file to WAL can fail at once with "database is locked" while another
    process creates the schema (SQLite's busy handler does not cover that step): a lock is
    a reason to wait, never a reason to call the file corrupt.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
    while True:
        try:
            return _prepare(connection)
        except sqlite3.OperationalError as error:
            locked = "locked" in str(error) or "busy" in str(error)
            if not locked or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _connect(path: Path) -> sqlite3.Connection:
    # isolation_level=None: transactions are opened explicitly (BEGIN IMMEDIATE) and kept short.
    return sqlite3.connect(
        path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=False
    )


def _foreign_file_problem(path: Path) -> str | None:
    if not path.exists() or path.stat().st_size == 0:
        return None
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    return None if header == SQLITE_HEADER else "is not an SQLite file"


def _prepare(connection: sqlite3.Connection) -> str | None:
    """Create the schema in an empty file, or check that a file holds ours; the problem, or None."""
    connection.execute("PRAGMA journal_mode=WAL")
    with connection:
        connection.execute("BEGIN IMMEDIATE")
        tables = {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        if tables and "meta" not in tables:
            return "holds tables that are not a citeaudit link history"
        if not tables:
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    connection.execute(statement)
            connection.executemany(
                "INSERT INTO meta (key, value) VALUES (?, ?)",
                [("schema", SCHEMA_NAME), ("version", SCHEMA_VERSION)],
            )
        meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
        if meta.get("schema") == SCHEMA_NAME and meta.get("version") in MIGRATABLE_VERSIONS:
            connection.execute(_SOURCES_TABLE)
            connection.execute(_ARCHIVE_LOOKUPS_TABLE)
            connection.execute("UPDATE meta SET value = ? WHERE key = 'version'", (SCHEMA_VERSION,))
            meta["version"] = SCHEMA_VERSION
    if meta.get("schema") != SCHEMA_NAME or meta.get("version") != SCHEMA_VERSION:
        found = f"schema {meta.get('schema')!r} version {meta.get('version')!r}"
        return f"has {found}, not {SCHEMA_NAME!r} version {SCHEMA_VERSION}"
    integrity = connection.execute("PRAGMA quick_check").fetchone()
    if integrity is None or integrity[0] != "ok":
        return f"fails SQLite's integrity check ({integrity[0] if integrity else 'no answer'})"
    return None


def _move_aside(path: Path, now: datetime) -> Path:
    stamp = now.strftime("%Y%m%dT%H%M%S")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    path.replace(aside)
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            companion.replace(aside.with_name(aside.name + suffix))
    return aside


def _next_streak(
    previous: tuple[str | None, int], verdict: LinkVerdict, checked_at: str
) -> tuple[str | None, int]:
    first_failed_at, failed_checks = previous
    if verdict.is_gone:
        return (
            (first_failed_at or checked_at, failed_checks + 1) if failed_checks else (checked_at, 1)
        )
    if verdict == LinkVerdict.ALIVE:
        return None, 0
    return first_failed_at, failed_checks


def _with_deadness(
    result: LinkResult, first_failed_at: str | None, failed_checks: int
) -> LinkResult:
    if not result.verdict.is_gone:
        return replace(result, first_failed_at=None, failed_checks=0)
    return replace(result, first_failed_at=first_failed_at, failed_checks=failed_checks)


def _result_from_row(row: tuple) -> LinkResult:
    (
        url,
        checked_at,
        verdict,
        status,
        reason,
        final_url,
        title,
        chain,
        archive_url,
        archive_timestamp,
    ) = row
    archive = ArchiveSnapshot(archive_url, archive_timestamp) if archive_url else None
    hops = tuple(Hop(hop_url, hop_status) for hop_url, hop_status in json.loads(chain))
    return LinkResult(
        url=url,
        verdict=LinkVerdict(verdict),
        reason=reason,
        status=status,
        final_url=final_url,
        chain=hops,
        page_title=title,
        checked_at=checked_at,
        archive=archive,
    )


def _target(access_day: date | None) -> str:
    return access_day.strftime("%Y%m%d") if access_day else ""


def _epoch(checked_at: str) -> float:
    return datetime.fromisoformat(checked_at).timestamp()
