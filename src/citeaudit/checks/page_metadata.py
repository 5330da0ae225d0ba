"""The page each citation links to, read by claim support, against what the citation says of it.

Shared by the checks `source-usurped`/`source-title-mismatch` (links) and `source-date-mismatch`
(dates): each gets the disagreements of its own kinds.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from citeaudit.checks.base import Check, first_section_title
from citeaudit.checks.integrity.title_generic import generic_title_kind
from citeaudit.model import Article, Facts, Finding, Reference
from citeaudit.support.metadata import MetadataIssue, MetadataKind, compare_metadata


def metadata_issues(article: Article, facts: Facts) -> Iterator[tuple[Reference, MetadataIssue]]:
    """Every disagreement between a page that was read and a citation of it.

    A generic title ("StackPath", "Archived copy") is not compared: it is no title to disagree
    with, and `title-generic` says so already.
    """
    for link in facts.links:
        source = facts.sources.get(link.url)
        if source is None or not source.has_text:
            continue
        for reference in article.references:
            if (reference.url or "").strip() != link.url:
                continue
            title = reference.title
            if title and generic_title_kind(title) is not None:
                title = None
            for issue in compare_metadata(source, title, reference.date):
                yield reference, issue


def metadata_findings(
    check: Check, article: Article, facts: Facts, codes: Mapping[MetadataKind, str]
) -> Iterator[Finding]:
    """The findings of `check` for the disagreements of the kinds in `codes` (kind: code)."""
    for reference, issue in metadata_issues(article, facts):
        code = codes.get(issue.kind)
        if code is None:
            continue
        yield check.finding(
            code,
            issue.severity,
            issue.message,
            fix=issue.fix,
            url=reference.url.strip() if reference.url else None,
            section=first_section_title(article, reference),
            reference=reference,
        )
