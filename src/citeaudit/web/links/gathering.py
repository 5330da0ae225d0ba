"""Everything an audit asks the web, in one run: cited links, snapshot look-ups, archive copies.

One `Scheduler` runs it all. The cited links are checked host by host; a link found dead,
soft-404 or unreachable queues its snapshot look-up at once, in a lane of its own paced by the
archive's search limit, so look-ups run while the other links are still being checked; the
archive copies the citations give are fetched in the same run, paced as the host they are on.
The run ends when all three are done. The link checks are usually done first: the caller may
then work on what they found (claim support reads the pages) while the archive work goes on,
through `while_archive`.

The link history stands in for requests wherever it can: fresh link results, the archive's
answers to look-ups (`ReusePolicy`), and archive copies that answered, for the long
`archive_max_age` (a capture does not change). Failures that may be the checker's own network
(`NetworkHealth`) are reviewed once the run is over and kept out of the history when they are.

Ctrl-C ends the run early: what finished is returned, marked interrupted, for a report of it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from citeaudit.model import (
    ArchiveLookup,
    ArchiveOutcome,
    FetchResult,
    LinkResult,
    LinkVerdict,
    SourceText,
)
from citeaudit.model.progress import Phase, ProgressCallback
from citeaudit.web.archive import WaybackArchive
from citeaudit.web.clock import SYSTEM_CLOCK, Clock
from citeaudit.web.fetchers.base import Fetcher
from citeaudit.web.health import NetworkHealth, is_network_failure
from citeaudit.web.links.archive_urls import is_worth_fetching
from citeaudit.web.links.batch import check_links
from citeaudit.web.links.checker import LinkCheckOptions, check_url
from citeaudit.web.links.history import LinkHistory, ReusePolicy, check_with_history
from citeaudit.web.links.lookalikes import PageSketch, same_page_answers, sketch_of
from citeaudit.web.links.targets import LinkTarget
from citeaudit.web.runner import LaneLimits, Limits, Scheduler
from citeaudit.web.urls import host_of, normalise_url

SEARCH_LANE = "(archive search)"
"""The lane of snapshot look-ups, one search request per task, paced at the archive's search
interval rather than the host interval; its requests count against the archive host's
per-host limit, beside the fetches of archive copies."""
SEARCH_IN_FLIGHT = 2
"""Look-ups at once: the bucket sets the pace; two hide one slow answer of the archive."""
ARCHIVE_HOST = "web.archive.org"

OnPage = Callable[[LinkResult, FetchResult], None]
WhileArchive = Callable[[list[LinkResult], dict[str, SourceText]], None]
"""Called on the caller's thread once every link is checked, with the results (reviewed as
the network's health then allows) and the page texts the history kept, while the archive
work goes on."""


@dataclass
class Gathered:
    """What the web said, by URL; only what finished when `interrupted`."""

    links: list[LinkResult] = field(default_factory=list)
    """One result per target, in target order (the targets not reached are left out)."""
    archive_lookups: dict[str, ArchiveLookup] = field(default_factory=dict)
    archive_urls: dict[str, LinkResult] = field(default_factory=dict)
    texts: dict[str, SourceText] = field(default_factory=dict)
    """Page texts the history kept for reused `alive` results, by URL."""
    archive_problem: str | None = None
    network_problem: str | None = None
    interrupted: bool = False


@dataclass
class WebRun:
    """What one gathering uses: the fetcher and its limits, and what stands in for requests."""

    fetcher: Fetcher
    options: LinkCheckOptions = field(default_factory=LinkCheckOptions)
    history: LinkHistory | None = None
    policy: ReusePolicy = field(default_factory=ReusePolicy)
    archive: WaybackArchive | None = None
    health: NetworkHealth | None = None
    clock: Clock = SYSTEM_CLOCK


def check_archive_urls(
    targets: Sequence[LinkTarget],
    archive: WaybackArchive,
    options: LinkCheckOptions | None = None,
    clock: Clock = SYSTEM_CLOCK,
) -> dict[str, LinkResult]:
    """The check of every archive URL the targets give (`archive_url`) that is worth fetching,
    each once, by archive URL as written (stripped): for a caller outside an audit's run (the
    dump scan's single archive stream)."""
    copies: dict[str, list[str]] = {}
    for target in targets:
        archive_url = (target.archive_url or "").strip()
        if archive_url:
            copies.setdefault(archive_url, []).extend(target.reference_ids)
    web = WebRun(archive.playback, options or LinkCheckOptions(), archive=archive, clock=clock)
    copy_targets = [LinkTarget(url, tuple(dict.fromkeys(ids))) for url, ids in copies.items()]
    return gather_links([], copy_targets, web).archive_urls


def gather_links(
    targets: Sequence[LinkTarget],
    archive_copies: Sequence[LinkTarget],
    web: WebRun,
    on_page: OnPage | None = None,
    on_progress: ProgressCallback | None = None,
    while_archive: WhileArchive | None = None,
) -> Gathered:
    """Check `targets` (one per distinct URL), look up snapshots for those that need one, and
    fetch `archive_copies` (one target per archive URL a citation gives, by that URL).

    A `KeyboardInterrupt` in `while_archive` ends the run like Ctrl-C during it.
    """
    return _Run(web, targets, on_page, on_progress).gather(archive_copies, while_archive)


class _Run:
    """The shared state of one gathering: results as they come, behind a gate that Ctrl-C
    closes (a task finishing after the report was begun is not let in)."""

    def __init__(
        self,
        web: WebRun,
        targets: Sequence[LinkTarget],
        on_page: OnPage | None,
        on_progress: ProgressCallback | None,
    ) -> None:
        self.web = web
        self.targets = targets
        self.by_url = {target.url: target for target in targets}
        self.on_page = on_page
        self.on_progress = on_progress
        options = web.options
        # Paced by the scheduler where hosts are (not offline, where nothing waits); the
        # archive's token bucket, on the run's clock, holds the pace in any case.
        interval = (
            web.archive.limits.search_interval
            if web.archive is not None and options.min_interval > 0
            else 0.0
        )
        search = LaneLimits(in_flight=SEARCH_IN_FLIGHT, min_interval=interval, host=ARCHIVE_HOST)
        self.scheduler = Scheduler(
            Limits(options.concurrency, options.per_host_limit, options.min_interval),
            lanes={SEARCH_LANE: search},
        )
        self.lock = threading.Lock()
        self.open = True
        self.links: dict[str, LinkResult] = {}
        self.fresh: set[str] = set()
        """The URLs checked in this run (the others were reused from the history)."""
        self.sketches: list[PageSketch] = []
        self.lookups: dict[str, ArchiveLookup] = {}
        self.archive_hosts = {ARCHIVE_HOST}
        """The hosts archive work is queued for (the search lane's, the archive copies')."""
        self.archive_urls: dict[str, LinkResult] = {}
        self.archive_queued = 0
        self.archive_done = 0

    def gather(
        self, archive_copies: Sequence[LinkTarget], while_archive: WhileArchive | None
    ) -> Gathered:
        web = self.web
        if web.health is not None:
            web.health.reset()
        texts: dict[str, SourceText] = {}
        interrupted = False
        try:
            self.queue_archive_copies(archive_copies)
            if web.history is None:
                self.check(list(self.targets), self.link_done)
            else:
                _, texts = check_with_history(
                    self.targets,
                    self.check,
                    web.history,
                    web.policy,
                    on_result=self.link_done,
                    hold=is_network_failure if web.health is not None else None,
                )
            self.revise_same_page_answers()
            if while_archive is not None:
                self.scheduler.start()
                while_archive(self.links_so_far(), self.kept_texts(texts))
            self.scheduler.run()
        except KeyboardInterrupt:
            interrupted = True
            self.scheduler.cancel()
        archive_problem = web.archive.problem if web.archive is not None else None
        if interrupted and web.archive is not None:
            web.archive.stop("the run was interrupted")
        with self.lock:
            self.open = False
        return self.finish(texts, interrupted, archive_problem)

    # --- the three kinds of work ------------------------------------------------------------

    def check(
        self, pending: Sequence[LinkTarget], on_result: Callable[[LinkResult], None]
    ) -> list[LinkResult]:
        def checked(result: LinkResult) -> None:
            with self.lock:
                self.fresh.add(result.url)
            on_result(result)

        return check_links(
            pending,
            self.web.fetcher,
            self.web.options,
            run=self.run_links,
            clock=self.web.clock,
            on_result=checked,
            on_page=self.page,
        )

    def run_links(
        self,
        tasks: Sequence[LinkTarget],
        key: Callable[[LinkTarget], str],
        work: Callable[[LinkTarget], LinkResult],
    ) -> list[LinkResult]:
        results: list[LinkResult | None] = [None] * len(tasks)

        def task(index: int, target: LinkTarget) -> Callable[[], None]:
            def run() -> None:
                results[index] = work(target)

            return run

        for index, target in enumerate(tasks):
            self.scheduler.submit(key(target), task(index, target))
        self.scheduler.start()
        # Only the link checks are waited for: the archive work they queued goes on.
        self.scheduler.wait(until=lambda: all(result is not None for result in results))
        return results  # type: ignore[return-value]  # every slot is filled once waited for

    def page(self, result: LinkResult, final: FetchResult) -> None:
        if not self.is_open():
            return
        target = self.by_url.get(result.url)
        sketch = sketch_of(result, final, target.title if target is not None else None)
        if sketch is not None:
            with self.lock:
                self.sketches.append(sketch)
        if self.on_page is not None:
            self.on_page(result, final)

    def revise_same_page_answers(self) -> None:
        """Alive pages that turn out to be one page answered at several addresses of a host
        are soft-404s (`citeaudit.web.links.lookalikes`): recorded so, and looked up."""
        history = self.web.history
        for url, reason in same_page_answers(self.sketches).items():
            revised = replace(self.links[url], verdict=LinkVerdict.SOFT_404, reason=reason)
            if history is not None:
                revised = history.record(revised)
            with self.lock:
                self.links[url] = revised
            target = self.by_url[url]
            if self.wants_snapshot(revised, target):
                self.queue_look_up(target)

    def link_done(self, result: LinkResult) -> None:
        with self.lock:
            if not self.open:
                return
            self.links[result.url] = result
            done = len(self.links)
        self.progress(Phase.LINKS, done, len(self.targets))
        target = self.by_url.get(result.url)
        if target is not None and self.wants_snapshot(result, target):
            self.queue_look_up(target)

    def wants_snapshot(self, result: LinkResult, target: LinkTarget) -> bool:
        # A citation that gives an archive already has its archive URL checked instead.
        return (
            self.web.archive is not None
            and result.verdict.wants_archive
            and result.archive is None
            and not target.archive_url
        )

    def queue_look_up(self, target: LinkTarget) -> None:
        archive, history = self.web.archive, self.web.history
        assert archive is not None
        self.archive_started()
        kept = (
            history.archive_lookup(target.url, target.access_day, self.web.policy)
            if history is not None
            else None
        )
        if kept is not None:
            self.archive_finished(self.lookups, target.url, kept)
            return

        steps = archive.snapshot_steps(
            normalise_url(target.url).url or target.url, target.access_day
        )

        def look_up() -> None:
            # One search request per turn of the lane, which the scheduler paces.
            try:
                next(steps)
            except StopIteration as done:
                lookup: ArchiveLookup = done.value
                if history is not None and self.is_open():
                    history.keep_archive_lookup(target.url, target.access_day, lookup)
                self.archive_finished(self.lookups, target.url, lookup)
                return
            finally:
                self.unpace_if_archive_given_up()
            self.scheduler.submit(SEARCH_LANE, look_up)

        self.scheduler.submit(SEARCH_LANE, look_up)

    def queue_archive_copies(self, copies: Sequence[LinkTarget]) -> None:
        archive, history = self.web.archive, self.web.history
        if archive is None:
            return
        today = self.web.clock.now().date()
        for copy in copies:
            if not is_worth_fetching(copy.url, today):
                continue
            self.archive_started()
            kept = self.trusted_copy(copy)
            if kept is not None:
                self.archive_finished(self.archive_urls, copy.url, kept)
                continue

            def fetch(copy: LinkTarget = copy) -> None:
                if archive.problem is not None:
                    self.archive_finished(None, copy.url, None)
                    return
                result = check_url(
                    copy.url,
                    archive.playback,
                    self.web.options,
                    clock=self.web.clock,
                    reference_ids=copy.reference_ids,
                )
                self.unpace_if_archive_given_up()
                if history is not None and self.is_open() and not is_network_failure(result):
                    result = history.record(result)
                self.archive_finished(self.archive_urls, copy.url, result)

            self.archive_hosts.add(host_of(copy.url))
            self.scheduler.submit(host_of(copy.url), fetch)

    def unpace_if_archive_given_up(self) -> None:
        """Once the archive is given up for this run (its breaker open), the archive work still
        queued makes no request: it runs without the archive's pace (at 2.8 s a search, the
        look-ups of 300 unreachable links would wait 14 minutes for nothing)."""
        archive = self.web.archive
        if archive is not None and archive.problem is not None:
            for host in self.archive_hosts:
                self.scheduler.unpace(host)

    def trusted_copy(self, copy: LinkTarget) -> LinkResult | None:
        """The stored check of an archive copy that answered, while it is trusted without a
        request; else a fresh enough stored check of any verdict but `unreachable`."""
        history, policy = self.web.history, self.web.policy
        if history is None:
            return None
        stored = history.fresh(copy.url, policy.archive_max_age)
        if stored is not None and stored.verdict is LinkVerdict.ALIVE:
            return replace(stored, url=copy.url, reference_ids=copy.reference_ids)
        stored = history.fresh(copy.url, policy.max_age)
        if stored is not None and policy.may_reuse(stored, has_page_text=True):
            return replace(stored, url=copy.url, reference_ids=copy.reference_ids)
        return None

    # --- bookkeeping ----------------------------------------------------------------------

    def is_open(self) -> bool:
        with self.lock:
            return self.open

    def archive_started(self) -> None:
        with self.lock:
            self.archive_queued += 1
            counts = (self.archive_done, self.archive_queued)
        self.progress(Phase.ARCHIVE, *counts)

    def archive_finished(self, into: dict | None, key: str, value: object) -> None:
        """Count one archive task done, keeping its result `into` a dict (None: no result)."""
        with self.lock:
            if not self.open:
                return
            if into is not None:
                into[key] = value
            self.archive_done += 1
            counts = (self.archive_done, self.archive_queued)
        self.progress(Phase.ARCHIVE, *counts)

    def progress(self, phase: Phase, done: int, total: int) -> None:
        if self.on_progress is not None:
            self.on_progress(phase, done, total)

    def links_so_far(self) -> list[LinkResult]:
        """The link results as the network's health allows them now (nothing recorded)."""
        health = self.web.health
        with self.lock:
            links = [self.links[t.url] for t in self.targets if t.url in self.links]
        if health is None:
            return links
        return [health.review(r) if r.url in self.fresh else r for r in links]

    def kept_texts(self, texts: dict[str, SourceText]) -> dict[str, SourceText]:
        with self.lock:
            return {url: text for url, text in texts.items() if url in self.links}

    def finish(
        self, texts: dict[str, SourceText], interrupted: bool, archive_problem: str | None
    ) -> Gathered:
        health = self.web.health
        network_problem = health.problem if health is not None else None
        links = [self.links[t.url] for t in self.targets if t.url in self.links]
        if health is not None:
            links = [self.reviewed(result, health, network_problem is None) for result in links]
        links = [self.with_snapshot(result) for result in links]
        archive_urls = {
            url: health.review(result) if health is not None else result
            for url, result in self.archive_urls.items()
            if not (archive_problem and is_network_failure(result))
        }
        return Gathered(
            links=links,
            archive_lookups=dict(self.lookups),
            archive_urls=archive_urls,
            texts=self.kept_texts(texts),
            archive_problem=archive_problem,
            network_problem=network_problem,
            interrupted=interrupted,
        )

    def reviewed(self, result: LinkResult, health: NetworkHealth, keep: bool) -> LinkResult:
        """A fresh result as the network's health lets it stand, recorded once it is evidence."""
        if result.url not in self.fresh or not is_network_failure(result):
            return result
        reviewed = health.review(result)
        if keep and self.web.history is not None and reviewed.checked_at:
            return self.web.history.record(reviewed)
        return reviewed

    def with_snapshot(self, result: LinkResult) -> LinkResult:
        lookup = self.lookups.get(result.url)
        if lookup is None or lookup.outcome is not ArchiveOutcome.FOUND or lookup.snapshot is None:
            return result
        if self.web.history is not None and result.checked_at:
            self.web.history.attach_archive(result, lookup.snapshot)
        return replace(result, archive=lookup.snapshot)
