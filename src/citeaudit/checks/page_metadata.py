"""The page each citation links to, read by claim support, against what the citation says of it.

Shared by the checks `source-usurped`/`source-title-mismatch` (links) and `source-date-mismatch`
(dates): each gets the disagreements of its own kinds.
"""

from __future__ import annotations

from collections.abc import Iterator

from citeaudit.checks.integrity.title_generic import generic_title_kind
from citeaudit.model import Article, Facts, Reference
from citeaudit.support.metadata import MetadataIssue, compare_metadata


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
