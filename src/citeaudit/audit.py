"""The audit of one article: gather the facts from the web, then run every check over them.

`run_audit` is the whole of it: `gather_facts` checks the cited links (through the link history
when there is one), looks up archived copies of the links that need one and fetches the archive
copies the citations give, all in one run (`citeaudit.web.links.gathering`), then reads the
text of the pages that answered and checks every cited sentence against it; then `run_checks`
runs the registered checks over the article and those `Facts`, and the findings come back in a
`Report`. Nothing is fetched twice, and a check never fetches: an audit without a web
(`--no-links`, a dump scan) is the same audit over empty facts. Ctrl-C while gathering gives
the facts of what was finished, marked incomplete, so that a report of them can still be
written. No argument parsing, printing or writing happens here.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from citeaudit import __version__
from citeaudit.checks.base import (
    DEFAULT_DEAD_AFTER_DAYS,
    DEFAULT_STALE_AFTER_YEARS,
    Check,
    CheckContext,
)
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
    SupportRecord,
)
from citeaudit.model.progress import Phase, ProgressCallback
from citeaudit.model.report import Baseline, finding_order, placed, sorted_links
from citeaudit.parse.dates import parse_cs1_date
from citeaudit.support import ExtractLimits, Verifier, source_for_link
from citeaudit.support.claims import cited_sentence_count, each_support_record
from citeaudit.web.archive import WaybackArchive
from citeaudit.web.links import (
    Exclusions,
    LinkHistory,
    LinkTarget,
    merge_targets,
)
from citeaudit.web.links.gathering import WebRun, gather_links
from citeaudit.web.urls import normalise_url


@dataclass(frozen=True)
class AuditOptions:
    """What decides the outcome of an audit besides the article and the web."""

    as_of: dt.date
    offline: bool = False
    stale_after_years: int = DEFAULT_STALE_AFTER_YEARS
    lead_needs_citations: bool = False
    check_support: bool = True
    """Check each cited sentence against the pages the link checker read (`--no-support`)."""
    dead_after_days: float = DEFAULT_DEAD_AFTER_DAYS
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
    """The web an audit gathers its facts from: the link checker's run (`WebRun`: the fetcher
    and its limits, the link history and what it may reuse, the archive, the network's health)
    and what the audit adds to it."""

    run: WebRun
    extract_limits: ExtractLimits | None = None
    exclusions: Exclusions = field(default_factory=Exclusions)
    """Links not to fetch (`--exclude`): they are `skipped`."""

    def close(self) -> None:
        """Close the link history (every finished check is already committed to it)."""
        if self.run.history is not None:
            self.run.history.close()


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
        dead_after_days=options.dead_after_days,
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
        dead_after_days=options.dead_after_days,
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


def archive_copies(article: Article) -> list[LinkTarget]:
    """One target per archive URL the citations give (as written, stripped), with its references."""
    copies: dict[str, list[str]] = {}
    for reference in article.references:
        archive_url = (reference.archive_url or "").strip()
        if archive_url and reference.url:
            copies.setdefault(archive_url, []).append(reference.id)
    return [LinkTarget(url, tuple(ids)) for url, ids in copies.items()]


def gather_facts(
    article: Article,
    options: AuditOptions,
    web: WebAccess,
    on_progress: ProgressCallback | None = None,
) -> Facts:
    """Everything the web says about the article's citations, fetched once.

    Claim support reads the pages as soon as every link is checked, while the archive work
    goes on; should the end of the run change a link's verdict (the network's health is judged
    on all of it), claim support is read again.
    """
    pages = PageTexts(web.run.history, web.extract_limits) if options.check_support else None
    targets = link_targets(article, options.as_of)
    excluded = [skipped for target in targets if (skipped := web.exclusions.skipped(target))]
    gone = {result.url for result in excluded}
    targets = [target for target in targets if target.url not in gone]
    copies = [
        copy
        for copy in (archive_copies(article) if web.run.archive is not None else [])
        if web.exclusions.excluding(copy.url) is None
    ]
    support = _Support(article, options.verifier, on_progress)
    gathered = gather_links(
        targets,
        copies,
        replace(web.run, policy=replace(web.run.policy, needs_page_text=pages is not None)),
        on_page=pages.keep if pages is not None else None,
        on_progress=on_progress,
        while_archive=(
            (lambda links, kept: support.read([*links, *excluded], {**kept, **pages.texts}))
            if pages is not None
            else None
        ),
    )
    links = [*gathered.links, *excluded]
    sources = {**gathered.texts, **(pages.texts if pages is not None else {})}
    incomplete = None
    if gathered.interrupted and support.links is None:
        incomplete = (
            f"interrupted while checking links: {len(gathered.links)} of {len(targets)} links"
            " were checked, and claim support was not"
        )
    elif gathered.interrupted:
        incomplete = (
            f"interrupted while checking claim support: {len(support.records)} of"
            f" {support.total} cited sentences were checked"
        )
    elif pages is not None and not support.still_holds(links):
        support.read(links, sources)
    return assemble_facts(
        article,
        links,
        archive_lookups=gathered.archive_lookups,
        archive_urls=gathered.archive_urls,
        sources=sources,
        check_support=pages is not None and support.links is not None,
        support=support.records,
        archive_used=web.run.archive is not None,
        archive_problem=gathered.archive_problem,
        network_problem=gathered.network_problem,
        incomplete=incomplete,
    )


class _Support:
    """Claim support over the link results it was given, the records kept as they come (so
    that Ctrl-C keeps those already given)."""

    def __init__(
        self, article: Article, verifier: Verifier | None, on_progress: ProgressCallback | None
    ) -> None:
        self.article = article
        self.verifier = verifier
        self.on_progress = on_progress
        self.links: list[LinkResult] | None = None
        self.records: list[SupportRecord] = []
        self.total = cited_sentence_count(article)

    def read(self, links: list[LinkResult], texts: Mapping[str, SourceText]) -> None:
        self.links, self.records = links, []
        for record in each_support_record(self.article, links, texts, self.verifier):
            self.records.append(record)
            if self.on_progress is not None:
                self.on_progress(Phase.SUPPORT, len(self.records), self.total)

    def still_holds(self, links: Sequence[LinkResult]) -> bool:
        """Whether the records were read over these very verdicts and reasons."""
        if self.links is None:
            return False
        before = {(r.url, r.verdict, r.reason) for r in self.links}
        return before == {(r.url, r.verdict, r.reason) for r in links}


def assemble_facts(
    article: Article,
    links: Sequence[LinkResult],
    *,
    archive_lookups: Mapping[str, ArchiveLookup] | None = None,
    archive_urls: Mapping[str, LinkResult] | None = None,
    sources: Mapping[str, SourceText] | None = None,
    check_support: bool = True,
    support: Sequence[SupportRecord] | None = None,
    verifier: Verifier | None = None,
    archive_used: bool = True,
    archive_problem: str | None = None,
    network_problem: str | None = None,
    incomplete: str | None = None,
) -> Facts:
    """The facts of an article whose links were checked: with claim support's verdict on each
    cited sentence (`support` when already read, else read here from `sources`, the pages'
    texts by URL), when it is asked for."""
    texts = dict(sources or {})
    if check_support and support is None:
        support = list(each_support_record(article, links, texts, verifier))
    return Facts(
        links=tuple(sorted_links(links)),
        archive_lookups=dict(archive_lookups or {}),
        archive_urls=dict(archive_urls or {}),
        sources=texts,
        support=tuple(support or ()) if check_support else (),
        links_checked=True,
        support_checked=check_support,
        archive_used=archive_used,
        archive_problem=archive_problem,
        network_problem=network_problem,
        incomplete=incomplete,
    )


def with_archive(
    result: LinkResult,
    target: LinkTarget,
    archive: WaybackArchive,
    history: LinkHistory | None,
    lookups: dict[str, ArchiveLookup],
) -> LinkResult:
    """The result with the snapshot nearest the citation's access-date, when it wants one (the
    look-up is added to `lookups`, and a snapshot found is kept in the history): one look-up
    at a time, for a caller outside an audit's run (the dump scan's single archive stream)."""
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
