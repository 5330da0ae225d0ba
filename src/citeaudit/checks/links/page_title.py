"""The page at a cited URL is no longer the page cited: the domain is for sale or parked, or
another article stands there (its own title is unlike the citation's)."""

from __future__ import annotations

from collections.abc import Iterator

from citeaudit.checks.base import Check, CheckContext
from citeaudit.checks.page_metadata import metadata_findings
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
        yield from metadata_findings(self, article, context.facts, _CODES)
