"""The page's own publication date (meta tags, JSON-LD, `<time>`) differs from the cited date."""

from __future__ import annotations

from collections.abc import Iterator

from citeaudit.checks.base import Check, CheckContext
from citeaudit.checks.page_metadata import metadata_findings
from citeaudit.model import Article, Finding, FindingFamily
from citeaudit.support.metadata import MetadataKind

_CODES = {MetadataKind.DATE_MISMATCH: "source-date-mismatch"}


class PageDateCheck(Check):
    family = FindingFamily.DATES
    codes = tuple(_CODES.values())

    def run(self, article: Article, context: CheckContext) -> Iterator[Finding]:
        yield from metadata_findings(self, article, context.facts, _CODES)
