"""The page at a cited URL is no longer the page cited: the domain is for sale or parked, or
another article stands there (its own title is unlike the citation's)."""

from __future__ import annotations

from collections.abc import Iterator

from citeaudit.checks.base import Check, CheckContext, first_section_title
from citeaudit.checks.page_metadata import metadata_issues
from citeaudit.model import Article, Finding, FindingFamily
from citeaudit.support.metadata import MetadataKind

_CODES = {
    MetadataKind.USURPED: "source-usurped",
    MetadataKind.TITLE_MISMATCH: "source-title-mismatch",
}


class PageTitleCheck(Check):
    family = FindingFamily.LINKS
    codes = tuple(_CODES.values())

    def run(self, article: Article, context: CheckContext) -> Iterator[Finding]:
        for reference, issue in metadata_issues(article, context.facts):
            if issue.kind in _CODES:
                yield self.finding(
                    _CODES[issue.kind],
                    issue.severity,
                    issue.message,
                    fix=issue.fix,
                    url=reference.url.strip() if reference.url else None,
                    section=first_section_title(article, reference),
                    reference=reference,
                )
