"""The audit of one article: gather the facts from the web, then run every check over them.

`run_audit` is the whole of it: `gather_facts` checks the cited links (through the link history
when there is one), looks up archived copies of the links that need one, fetches the archive
copies the citations give, reads the text of the pages that answered and checks every cited
sentence against it; then `run_checks` runs the registered checks over the article and those
`Facts`, and the findings come back in a `Report`. Nothing is fetched twice, and a check never
fetches: an audit without a web (`--no-links`, a dump scan) is the same audit over empty facts.
No argument parsing, printing or writing happens here.
"""

from __future__ import annotations

import datetime as dt
import itertools
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from citeaudit import __version__
from citeaudit.checks.base import DEFAULT_STALE_AFTER_YEARS, Check, CheckContext
from citeaudit.checks.registry import run_checks
from citeaudit.checks.selection import CodeSelection
from citeaudit.model import (
    ArchiveLookup,
    Article,
    Facts,
    FetchResult,
    LinkResult,
    LinkVerdict,
    Report,
    SourceText,
)
from citeaudit.model.report import Baseline, finding_order, placed, sorted_links
from citeaudit.parse.dates import parse_cs1_date
from citeaudit.support import ExtractLimits, Verifier, source_for_link, support_records
from citeaudit.web.archive import WaybackArchive
from citeaudit.web.clock import SYSTEM_CLOCK, Clock
from citeaudit.web.fetchers.base import Fetcher
from citeaudit.web.links import (
    Exclusions,
    LinkCheckOptions,
    LinkHistory,
    LinkTarget,
    ReusePolicy,
    Runner,
    check_archive_urls,
    check_links,
    check_with_history,
    merge_targets,
)
from citeaudit.web.links.history import DEFAULT_MAX_AGE_DAYS
from citeaudit.web.urls import normalise_url

ProgressCallback = Callable[[int, int], None]
"""Called with (links done, links in all) as link checking goes."""


@dataclass(frozen=True)
class AuditOptions:
    """What decides the outcome of an audit besides the article and the web."""

    as_of: dt.date
    offline: bool = False
    stale_after_years: int = DEFAULT_STALE_AFTER_YEARS
    lead_needs_citations: bool = False
    check_support: bool = True
    """Check each cited sentence against the pages the link checker read (`--no-support`)."""
    verifier: Verifier | None = None
    """What decides each claim-support verdict: the rules when None (`--nli-model`)."""
    simulated_web: bool = False
    """The offline fixture's answers are all marked simulated; the report says so."""
    selection: CodeSelection = CodeSelection()
    """The finding codes reported (`--select`, `--ignore`)."""
    baseline: Baseline = Baseline()
    """Findings already known: reported, marked, and failing no run (`--baseline`)."""
    tool_version: str = __version__


@dataclass
class WebAccess:
    """The web an audit gathers its facts from: a fetcher and what is bound to it for one run."""

    fetcher: Fetcher
    options: LinkCheckOptions = field(default_factory=LinkCheckOptions)
    history: LinkHistory | None = None
    max_age: float = DEFAULT_MAX_AGE_DAYS * 86_400
    """Seconds a result in the link history stays fresh enough to reuse (`--max-age`)."""
    archive: WaybackArchive | None = None
    clock: Clock = SYSTEM_CLOCK
    runner: Runner | None = None
    extract_limits: ExtractLimits | None = None
    exclusions: Exclusions = field(default_factory=Exclusions)
    """Links not to fetch (`--exclude`): they are `skipped`."""

    def close(self) -> None:
        """Close the link history (every finished check is already committed to it)."""
        if self.history is not None:
            self.history.close()


def run_audit(
    article: Article,
    options: AuditOptions,
    web: WebAccess | None = None,
    checks: Iterable[type[Check]] | None = None,
    on_progress: ProgressCallback | None = None,
) -> Report:
    """Gather the facts (when a web is given), run the checks (all by default), and report."""
    facts = gather_facts(article, options, web, on_progress) if web is not None else Facts()
    return report_on(article, options, facts, checks)


def report_on(
    article: Article,
    options: AuditOptions,
    facts: Facts,
    checks: Iterable[type[Check]] | None = None,
) -> Report:
    """Run the checks (all by default) over the article and its facts; the report."""
    context = CheckContext(
        as_of=options.as_of,
        facts=facts,
        stale_after_years=options.stale_after_years,
        lead_needs_citations=options.lead_needs_citations,
    )
    findings = [
        finding
        for finding in run_checks(article, context, checks)
        if options.selection.keeps(finding.code, finding.family)
    ]
    findings = placed(article, sorted(findings, key=finding_order(article)))
    findings = [
        replace(finding, in_baseline=True)
        if options.baseline.knows(article.title, finding)
        else finding
        for finding in findings
    ]
    return Report(
        article=article,
        as_of=options.as_of,
        offline=options.offline,
        tool_version=options.tool_version,
        facts=facts,
        findings=tuple(findings),
        simulated_web=options.simulated_web and facts.links_checked,
    )


def link_targets(article: Article, as_of: dt.date) -> list[LinkTarget]:
    """One target per distinct URL the references give, with what their citations say of it."""
    return merge_targets(
        LinkTarget(
            url=reference.url,
            reference_ids=(reference.id,),
            access_day=_first_day(reference.access_date, as_of),
            archive_url=reference.archive_url,
            title=reference.title,
        )
        for reference in article.references
        if reference.url
    )


def _first_day(text: str | None, as_of: dt.date) -> dt.date | None:
    """The first day a valid CS1 date covers (`March 2023` is 1 March), or None."""
    parsed = parse_cs1_date(text or "", today=as_of)
    return parsed.earliest if parsed is not None and parsed.valid else None


def gather_facts(
    article: Article,
    options: AuditOptions,
    web: WebAccess,
    on_progress: ProgressCallback | None = None,
) -> Facts:
    """Everything the web says about the article's citations, fetched once."""
    targets = link_targets(article, options.as_of)
    excluded = [skipped for target in targets if (skipped := web.exclusions.skipped(target))]
    gone = {result.url for result in excluded}
    targets = [target for target in targets if target.url not in gone]
    pages = PageTexts(web.history, web.extract_limits) if options.check_support else None
    links, kept_texts = _check_links(targets, web, pages, on_progress)
    lookups: dict[str, ArchiveLookup] = {}
    if web.archive is not None:
        links = [
            with_archive(result, target, web.archive, web.history, lookups)
            for result, target in zip(links, targets, strict=True)
        ]
    archived = [
        target
        for target in targets
        if target.archive_url and web.exclusions.excluding(target.archive_url) is None
    ]
    archive_urls = (
        check_archive_urls(archived, web.archive, web.options, web.clock)
        if web.archive is not None
        else {}
    )
    links = [*links, *excluded]
    return assemble_facts(
        article,
        links,
        archive_lookups=lookups,
        archive_urls=archive_urls,
        sources={**kept_texts, **(pages.texts if pages is not None else {})},
        check_support=options.check_support,
        verifier=options.verifier,
    )


def assemble_facts(
    article: Article,
    links: Sequence[LinkResult],
    *,
    archive_lookups: Mapping[str, ArchiveLookup] | None = None,
    archive_urls: Mapping[str, LinkResult] | None = None,
    sources: Mapping[str, SourceText] | None = None,
    check_support: bool = True,
    verifier: Verifier | None = None,
) -> Facts:
    """The facts of an article whose links were checked: with claim support's verdict on each
    cited sentence, read from `sources` (the pages' texts by URL), when it is asked for."""
    texts = dict(sources or {})
    return Facts(
        links=tuple(sorted_links(links)),
        archive_lookups=dict(archive_lookups or {}),
        archive_urls=dict(archive_urls or {}),
        sources=texts,
        support=tuple(support_records(article, links, texts, verifier)) if check_support else (),
        links_checked=True,
        support_checked=check_support,
    )


def _check_links(
    targets: Sequence[LinkTarget],
    web: WebAccess,
    pages: PageTexts | None,
    on_progress: ProgressCallback | None,
) -> tuple[list[LinkResult], dict[str, SourceText]]:
    done = itertools.count(1)
    lock = threading.Lock()

    def progress(result: LinkResult) -> None:
        if on_progress is not None:
            with lock:
                on_progress(next(done), len(targets))

    def check(
        pending: Sequence[LinkTarget], on_result: Callable[[LinkResult], None]
    ) -> list[LinkResult]:
        return check_links(
            pending,
            web.fetcher,
            web.options,
            run=web.runner,
            clock=web.clock,
            on_result=on_result,
            on_page=pages.keep if pages is not None else None,
        )

    if web.history is None:
        return check(targets, progress), {}
    policy = ReusePolicy(max_age=web.max_age, needs_page_text=pages is not None)
    return check_with_history(targets, check, web.history, policy, on_result=progress)


def with_archive(
    result: LinkResult,
    target: LinkTarget,
    archive: WaybackArchive,
    history: LinkHistory | None,
    lookups: dict[str, ArchiveLookup],
) -> LinkResult:
    """The result with the snapshot nearest the citation's access-date, when it wants one
    (the look-up is added to `lookups`, and a snapshot found is kept in the history)."""
    # A citation that gives an archive already has its archive URL checked instead.
    if not result.verdict.wants_archive or result.archive is not None or target.archive_url:
        return result
    lookup = archive.find_snapshot(normalise_url(target.url).url or target.url, target.access_day)
    lookups[result.url] = lookup
    if lookup.snapshot is None:
        return result
    if history is not None:
        history.attach_archive(result, lookup.snapshot)
    return replace(result, archive=lookup.snapshot)


class PageTexts:
    """The text of every page the link checker read alive: extracted once, kept for the run
    and, with a link history, for later runs. Safe to call from the checker's worker threads."""

    def __init__(self, history: LinkHistory | None, limits: ExtractLimits | None) -> None:
        self._history = history
        self._limits = limits
        self._lock = threading.Lock()
        self.texts: dict[str, SourceText] = {}

    def keep(self, result: LinkResult, final: FetchResult) -> None:
        """Read the final answer of a fresh check (`check_links(on_page=...)`)."""
        if result.verdict is not LinkVerdict.ALIVE:
            return
        source = source_for_link(result, final, limits=self._limits)
        with self._lock:
            self.texts[result.url] = source
        if self._history is not None and result.checked_at:
            self._history.keep_source(result.url, result.checked_at, source)
