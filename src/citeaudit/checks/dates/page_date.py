"""The page's own publication date (meta tags, JSON-LD, `<time>`) differs from the cited date."""

from __future__ import annotations

from collections.abc import Iterator

from citeaudit.checks.base import Check, CheckContext, first_section_title
from citeaudit.checks.page_metadata import metadata_issues
from citeaudit.model import Article, Finding, FindingFamily
from citeaudit.support.metadata import MetadataKind


class PageDateCheck(Check):
    family = FindingFamily.DATES
    codes = ("source-date-mismatch",)

    def run(self, article: Article, context: CheckContext) -> Iterator[Finding]:
        for reference, issue in metadata_issues(article, context.facts):
            if issue.kind is MetadataKind.DATE_MISMATCH:
                yield self.finding(
                    "source-date-mismatch",
                    issue.severity,
                    issue.message,
                    fix=issue.fix,
                    url=reference.url.strip() if reference.url else None,
                    section=first_section_title(article, reference),
                    reference=reference,
                )
