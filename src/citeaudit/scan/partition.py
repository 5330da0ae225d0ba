"""One partition of a scan, as a worker runs it: read its pages, audit each article, write rows.

A partition is a run of bz2 streams of a multistream dump (read from their byte ranges) or a
batch of pages of a plain dump (handed over by the reader). Redirects, pages of namespaces not
asked for, pages not in `--titles` and pages that are not wikitext are counted and skipped; a
page that cannot be audited (no text, hidden text, broken XML, an article that makes the
parser fail) becomes a `problems` row, and the partition goes on. Rows are written out every
`FLUSH_ARTICLES` articles, so that a worker holds one stream and a few hundred articles' rows
whatever the size of the dump.
"""

from __future__ import annotations

import contextlib
import resource
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from citeaudit.audit import AuditOptions
from citeaudit.model import Revision
from citeaudit.scan.dumps import Stream, read_streams
from citeaudit.scan.links import LinkStageFacts, article_targets
from citeaudit.scan.pages import WIKITEXT_MODEL, DumpPage, Problem, ProblemKind
from citeaudit.scan.records import FactsOf, Rows, audit_wikitext
from citeaudit.scan.store import PartitionWriter, Stage, done_path, write_json
from citeaudit.scan.tables import PROBLEMS, TARGETS, problem_row

FLUSH_ARTICLES = 250
"""Articles whose rows are held before they are written out (a row group per table)."""

ArticleAudit = Callable[[str, str, AuditOptions, Revision | None, Any], Rows]
"""The work on one article: title, wikitext, options, revision and its facts in, rows out."""


@dataclass(frozen=True)
class Selection:
    """Which pages of a partition are audited."""

    namespaces: frozenset[int] = frozenset({0})
    titles: frozenset[str] | None = None
    """Normalised titles (`citeaudit.scan.dumps.normalise_title`); None: every title."""
    limit: int | None = None
    """Audit at most this many articles in the partition."""


@dataclass(frozen=True)
class StreamSource:
    """Pages read by the worker from byte ranges of a multistream dump."""

    dump: str
    streams: tuple[Stream, ...]

    def items(self) -> Iterable[DumpPage | Problem]:
        return read_streams(Path(self.dump), self.streams)


@dataclass(frozen=True)
class PageSource:
    """Pages of a plain dump, read by the scan's driver and handed over."""

    pages: tuple[DumpPage | Problem, ...]

    def items(self) -> Iterable[DumpPage | Problem]:
        return self.pages


@dataclass(frozen=True)
class PartitionJob:
    """What every partition of one scan shares (sent to the workers with each partition)."""

    out_dir: str
    options: AuditOptions
    site: str | None = None
    """The wiki's host, for each article's revision (`en.wikipedia.org`)."""
    selection: Selection = Selection()
    stage: Stage = Stage.REPORT
    links: LinkStageFacts | None = None
    """Where the link stage left its results; None: links are not checked."""


@dataclass
class PartitionOutcome:
    """What a partition read and wrote: kept in its `done` file, summed in `scan.json`."""

    number: int
    pages: int = 0
    articles: int = 0
    redirects: int = 0
    other_namespaces: int = 0
    not_wikitext: int = 0
    not_selected: int = 0
    problems: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    """The worker process's CPU time during the partition (on a shared machine, a truer
    measure of the work than `seconds`)."""
    peak_memory: int = 0
    """The worker process's peak resident memory so far, in bytes."""


def scan_partition(
    number: int,
    source: StreamSource | PageSource,
    job: PartitionJob,
    audit: ArticleAudit = audit_wikitext,
) -> PartitionOutcome:
    """Do one stage of one partition: write its tables (or its cited URLs) and its `done` file.

    `audit` is the per-article function of the report stage (tests give one that fails).
    """
    started, started_cpu = time.perf_counter(), time.process_time()
    out_dir = Path(job.out_dir)
    outcome = PartitionOutcome(number)
    if job.stage is Stage.TARGETS:
        writer = PartitionWriter(job.stage.root(out_dir), number, (TARGETS,))
        work: ArticleAudit = article_targets
    else:
        writer = PartitionWriter(out_dir, number)
        work = audit
    with contextlib.ExitStack() as cleanup:
        facts = None
        if job.links is not None and job.stage is Stage.REPORT:
            reader = job.links.open(job.options)
            cleanup.callback(reader.close)
            facts = reader
        try:
            _write_pages(source, job, writer, outcome, work, facts)
            writer.commit()
        except BaseException:
            writer.abort()
            raise
    outcome.rows = dict(writer.rows)
    outcome.seconds = round(time.perf_counter() - started, 3)
    outcome.cpu_seconds = round(time.process_time() - started_cpu, 3)
    outcome.peak_memory = peak_memory()
    write_json(done_path(out_dir, number, job.stage), vars(outcome))
    return outcome


def _write_pages(
    source: StreamSource | PageSource,
    job: PartitionJob,
    writer: PartitionWriter,
    outcome: PartitionOutcome,
    work: ArticleAudit,
    facts: FactsOf | None,
) -> None:
    # The targets stage records no problems: the report stage, which reads the same pages,
    # records them.
    keep_problems = job.stage is Stage.REPORT
    for item in source.items():
        if job.selection.limit is not None and outcome.articles >= job.selection.limit:
            return
        if isinstance(item, Problem):
            _add_problem(writer, outcome, item, keep_problems)
            continue
        outcome.pages += 1
        if _asked_for_a_redirect(item, job.selection):
            _add_problem(writer, outcome, _redirect_problem(item), keep_problems)
            continue
        skipped = _skip_reason(item, job.selection)
        if skipped is not None:
            setattr(outcome, skipped, getattr(outcome, skipped) + 1)
            continue
        result = _audit_page(item, job, facts, work)
        if isinstance(result, Problem):
            _add_problem(writer, outcome, result, keep_problems)
            continue
        for table, rows in result.items():
            writer.add(table, rows)
        outcome.articles += 1
        if outcome.articles % FLUSH_ARTICLES == 0:
            writer.flush()


def _skip_reason(page: DumpPage, selection: Selection) -> str | None:
    """The counter of a page that is not audited (and is no problem), or None to audit it."""
    if page.namespace not in selection.namespaces:
        return "other_namespaces"
    if selection.titles is not None and page.title not in selection.titles:
        return "not_selected"
    if page.redirect is not None:
        return "redirects"
    if page.model != WIKITEXT_MODEL:
        return "not_wikitext"
    return None


def _asked_for_a_redirect(page: DumpPage, selection: Selection) -> bool:
    return (
        selection.titles is not None
        and page.title in selection.titles
        and page.redirect is not None
        and page.namespace in selection.namespaces
    )


def _redirect_problem(page: DumpPage) -> Problem:
    target = f" to {page.redirect}" if page.redirect else ""
    return Problem(
        ProblemKind.TITLE_IS_REDIRECT,
        f"a title of --titles is a redirect{target}; give the title it leads to",
        page.title,
        page.page_id,
    )


def _audit_page(
    page: DumpPage, job: PartitionJob, facts: FactsOf | None, audit: ArticleAudit
) -> Rows | Problem:
    if page.text_hidden:
        return Problem(
            ProblemKind.HIDDEN_TEXT,
            "the text of the current revision is hidden (revision-deleted)",
            page.title,
            page.page_id,
        )
    if not page.text or not page.text.strip():
        return Problem(
            ProblemKind.MISSING_TEXT,
            "the dump holds no text for the current revision",
            page.title,
            page.page_id,
        )
    revision = Revision(
        site=job.site, page_id=page.page_id, revision_id=page.revision_id, timestamp=page.timestamp
    )
    try:
        return audit(page.title, page.text, job.options, revision, facts)
    except Exception as error:  # one article must not stop the scan (RecursionError too)
        return Problem(
            ProblemKind.AUDIT_FAILED,
            f"{type(error).__name__}: {str(error)[:300]} (a bug: please report the title)",
            page.title,
            page.page_id,
        )


def _add_problem(
    writer: PartitionWriter, outcome: PartitionOutcome, problem: Problem, keep: bool
) -> None:
    if keep:
        writer.add(PROBLEMS, [problem_row(problem, outcome.number)])
    outcome.problems += 1


def peak_memory() -> int:
    """This process's peak resident memory in bytes (`ru_maxrss` is in kB on Linux)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024
