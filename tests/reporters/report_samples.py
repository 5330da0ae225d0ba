"""A small synthetic article, its link results and findings, audited into a fixed `Report`.

Built by hand (no parser, no network) so that the reporters' golden files only change when the
reporters do. Every link verdict and every finding family appears at least once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import replace

from citeaudit.audit import AuditOptions, assemble_facts, link_targets, report_on
from citeaudit.checks.base import Check, CheckContext
from citeaudit.checks.dates.page_date import PageDateCheck
from citeaudit.checks.links.archive_url import ArchiveURLCheck
from citeaudit.checks.links.link_status import LinkStatusCheck
from citeaudit.checks.links.page_title import PageTitleCheck
from citeaudit.checks.support.claim_support import ClaimSupportCheck
from citeaudit.model import (
    ArchiveLookup,
    ArchiveOutcome,
    ArchiveSnapshot,
    Article,
    DateFormat,
    Finding,
    FindingFamily,
    Hop,
    LinkResult,
    LinkVerdict,
    Paragraph,
    Reference,
    Report,
    Revision,
    Section,
    Sentence,
    Severity,
    SourceForm,
    SourceText,
    Use,
)
from citeaudit.web.links import LinkTarget

AS_OF = dt.date(2026, 11, 28)


def build_article(title: str = "Jane Example", sentence_texts: Sequence[str] = ()) -> Article:
    """A biography with a lead, three sections (one nested) and eight references."""
    texts = list(sentence_texts) or [
        "Jane Example is a human rights activist.",
        "She was born in 1962 in Almaty.",
        "She founded the Example Foundation in 1999.",
        "The foundation joined a coalition formed in 2022.",
        "She was detained in 2010.",
        "Police raided her office.",
    ]
    sentences = [Sentence(id=i, text=text) for i, text in enumerate(texts)]
    sentences[0].reference_ids = ["r1"]
    sentences[2].reference_ids = ["r1", "r2", "note1"]
    sentences[3].reference_ids = ["r3", "r4", "r5"]
    sentences[4].reference_ids = ["r6", "r7"]
    detention = Section(
        index=3,
        title="2010 detention",
        level=3,
        paragraphs=[Paragraph(sentences=[sentences[4], sentences[5]])],
    )
    career = Section(
        index=2,
        title="Career",
        level=2,
        paragraphs=[Paragraph(sentences=[sentences[2], sentences[3]])],
        children=[detention],
    )
    early = Section(
        index=1, title="Early life", level=2, paragraphs=[Paragraph(sentences=[sentences[1]])]
    )
    references_section = Section(index=4, title="References", level=2)
    lead = Section(
        index=0,
        title="",
        level=0,
        paragraphs=[Paragraph(sentences=[sentences[0]])],
        children=[early, career, references_section],
    )
    references = [
        Reference(
            id="r1",
            number=1,
            kind="cite web",
            title="Example profile",
            url="https://example.org/profile",
            work="Example Org",
            date="1 March 2023",
            access_date="11 March 2023",
            uses=[Use(0, 0), Use(2, 2)],
        ),
        Reference(
            id="r2",
            number=2,
            kind="cite news",
            title="Foundation opens",
            url="https://example.com/gone",
            publisher="Daily Example",
            date="2 May 1999",
            access_date="11 March 2023",
            uses=[Use(2, 2)],
        ),
        Reference(
            id="r3",
            number=3,
            kind="cite web",
            title="Coalition members",
            url="https://blocked.example.net/members",
            access_date="12 March 2023",
            uses=[Use(2, 3)],
        ),
        Reference(
            id="r4",
            number=4,
            kind="cite book",
            title="A History of Examples",
            publisher="Example Press",
            date="2015",
            uses=[Use(2, 3)],
        ),
        Reference(
            id="r5",
            number=5,
            kind="cite web",
            title="Annual report 2015",
            url="https://news.example/report",
            date="April 2015",
            access_date="12 March 2023",
            uses=[Use(2, 3)],
        ),
        Reference(
            id="r6",
            number=6,
            kind="cite web",
            title="Detention",
            url="https://slow.example/detention",
            access_date="12 March 2023",
            uses=[Use(3, 4)],
        ),
        Reference(
            id="r7",
            number=7,
            kind="cite web",
            title="Raid",
            url="https://unrecorded.example/raid",
            access_date="12 March 2023",
            archive_url="https://web.archive.org/web/20230312000000/https://unrecorded.example/raids",
            archive_date="12 March 2023",
            uses=[Use(3, 4)],
        ),
        Reference(
            id="note1",
            number=1,
            group="lower-alpha",
            kind="text",
            text="The foundation was registered later.",
            uses=[Use(2, 2)],
        ),
    ]
    return Article(
        title=title,
        source_form=SourceForm.WIKITEXT,
        lead=lead,
        references=references,
        date_format=DateFormat.DMY,
        revision=Revision(
            site="en.wikipedia.org",
            page_id=42,
            revision_id=1143000000,
            timestamp="2023-03-12T10:11:12Z",
        ),
    )


PAGE_TEXTS = {
    "https://example.org/profile": SourceText(
        text=(
            "Jane Example is a human rights activist based in Almaty.\n"
            "She leads the Example Foundation, which sends observers to trials and elections "
            "and publishes what they see.\n"
            "Before that she taught history at a school in the south of the country, and she "
            "still gives evening classes to young volunteers who want to learn how to observe "
            "a trial and write a short, careful report on it."
        ),
        title="Example profile",
        titles=("Example profile",),
        published="2023-03-01",
        language="en",
        kind="html",
        url="https://example.org/profile",
    )
}
"""What the canned checker read of the alive pages, for claim support."""


ARCHIVE_LOOKUPS = {
    "https://example.com/gone": ArchiveLookup(
        ArchiveOutcome.FOUND,
        "closest capture before the access-date",
        ArchiveSnapshot(
            url="https://web.archive.org/web/20230311093000/https://example.com/gone",
            timestamp="20230311093000",
        ),
    ),
    "https://news.example/report": ArchiveLookup(
        ArchiveOutcome.NOT_ARCHIVED, "no 200 capture in the Wayback Machine"
    ),
    "https://slow.example/detention": ArchiveLookup(
        ArchiveOutcome.UNKNOWN, "availability API: timeout (read timed out)"
    ),
}
"""What the canned snapshot look-ups found: one outcome of each kind."""


def canned_links(targets: Sequence[LinkTarget]) -> list[LinkResult]:
    """The link checker's answers for the sample article, one verdict of each kind."""
    by_url = {
        "https://example.org/profile": LinkResult(
            url="https://example.org/profile",
            verdict=LinkVerdict.ALIVE,
            reason="HTTP 200",
            status=200,
            final_url="https://example.org/profile",
        ),
        "https://example.com/gone": LinkResult(
            url="https://example.com/gone",
            verdict=LinkVerdict.DEAD,
            reason="HTTP 404 Not Found",
            status=404,
            chain=(Hop("https://example.com/gone", 404),),
            failed_checks=3,
            first_failed_at="2026-11-20T08:00:00Z",
            checked_at="2026-11-28T08:00:00Z",
            archive=ArchiveSnapshot(
                url="https://web.archive.org/web/20230311093000/https://example.com/gone",
                timestamp="20230311093000",
            ),
        ),
        "https://blocked.example.net/members": LinkResult(
            url="https://blocked.example.net/members",
            verdict=LinkVerdict.BLOCKED,
            reason="bot challenge ('Just a moment...')",
            status=403,
        ),
        "https://news.example/report": LinkResult(
            url="https://news.example/report",
            verdict=LinkVerdict.SOFT_404,
            reason="redirected to the site's home page",
            status=200,
            final_url="https://news.example/",
            chain=(Hop("https://news.example/report", 301), Hop("https://news.example/", 200)),
            failed_checks=1,
        ),
        "https://slow.example/detention": LinkResult(
            url="https://slow.example/detention",
            verdict=LinkVerdict.UNREACHABLE,
            reason="timed out after 20 s",
        ),
        "https://unrecorded.example/raid": LinkResult(
            url="https://unrecorded.example/raid",
            verdict=LinkVerdict.SKIPPED,
            reason="not recorded",
        ),
    }
    unknown = LinkResult(url="", verdict=LinkVerdict.SKIPPED, reason="not recorded")
    return [
        replace(by_url.get(target.url, unknown), url=target.url, reference_ids=target.reference_ids)
        for target in targets
    ]


class CannedCheck(Check):
    """Stands in for the static checks: one finding of each family the report groups."""

    family = FindingFamily.INTEGRITY
    codes = (
        "claim-uncited",
        "source-predates-claim",
        "access-date-before-publication",
        "access-date-stale",
        "duplicate-reference",
    )

    def run(self, article: Article, context: CheckContext) -> Iterator[Finding]:
        sentence = next(s for _, _, s in article.sentences() if s.id == 1)
        yield Finding(
            code="claim-uncited",
            family=FindingFamily.SUPPORT,
            severity=Severity.ERROR,
            message="This paragraph of a biography of a living person cites nothing: add a source.",
            section="Early life",
            sentence_id=1,
            sentence=sentence.text,
        )
        claim = next(s for _, _, s in article.sentences() if s.id == 3)
        yield Finding(
            code="source-predates-claim",
            family=FindingFamily.SUPPORT,
            severity=Severity.WARNING,
            message="The source is dated April 2015 but the sentence reports 2022.",
            section="Career",
            reference_id="r5",
            sentence_id=3,
            sentence=claim.text,
        )
        yield Finding(
            code="access-date-before-publication",
            family=FindingFamily.DATES,
            severity=Severity.ERROR,
            message="Retrieved before it was published: check both dates.",
            section="",
            reference_id="r1",
        )
        yield Finding(
            code="access-date-stale",
            family=FindingFamily.DATES,
            severity=Severity.INFO,
            message="Retrieved more than 5 years ago with no archive copy: archive it.",
            section="Career",
            reference_id="r3",
        )
        yield Finding(
            code="duplicate-reference",
            family=FindingFamily.INTEGRITY,
            severity=Severity.WARNING,
            message="Cites the same source as [3]: merge them with a named reference.",
            reference_id="r5",
        )


def audit(article: Article, offline: bool = True) -> Report:
    """The sample article's report: canned link results and page texts, the link and claim
    checks over them, and the canned static findings."""
    links = canned_links(link_targets(article, AS_OF))
    alive = {link.url for link in links if link.verdict is LinkVerdict.ALIVE}
    facts = assemble_facts(
        article,
        links,
        archive_lookups=ARCHIVE_LOOKUPS,
        sources={url: text for url, text in PAGE_TEXTS.items() if url in alive},
    )
    return report_on(
        article,
        AuditOptions(as_of=AS_OF, offline=offline, tool_version="0.0.0-test"),
        facts,
        checks=[
            CannedCheck,
            LinkStatusCheck,
            ArchiveURLCheck,
            ClaimSupportCheck,
            PageTitleCheck,
            PageDateCheck,
        ],
    )
