"""Citations with nothing to find the source by: no URL, no identifier, no work and no publisher.

A title alone rarely finds a document. Short citations (which point to a full entry), bare URLs
(their own rule) and explanatory notes (references in a named group, or plain text without a
title) are not judged. In rendered text URLs are lost, but a "Retrieved ..." date shows the
citation has one (CS1 prints it only with a URL).
"""

from __future__ import annotations

from collections.abc import Iterator

from citeaudit.checks.base import Check, CheckContext, describe_reference, first_section_title
from citeaudit.checks.web_citations import is_citation, is_web_citation
from citeaudit.model import Article, Finding, FindingFamily, Reference, Severity


def is_findable(article: Article, reference: Reference) -> bool:
    return bool(
        is_web_citation(article, reference)
        or reference.archive_url
        or any(value.strip() for value in reference.identifiers.values())
        or reference.work
        or reference.publisher
    )


class UnfindableReferenceCheck(Check):
    family = FindingFamily.INTEGRITY
    codes = ("ref-unfindable",)

    def run(self, article: Article, context: CheckContext) -> Iterator[Finding]:
        for reference in article.references:
            if reference.group:
                continue
            if not (is_citation(reference) or (reference.kind == "text" and reference.title)):
                continue
            if is_findable(article, reference):
                continue
            yield self.finding(
                "ref-unfindable",
                Severity.WARNING,
                f"{describe_reference(reference)} gives no URL, identifier, work or publisher, so "
                "a reader cannot find the source.",
                fix="Add where it was published (|work=, |publisher=) and a URL or identifier "
                "(ISBN, DOI, ...).",
                section=first_section_title(article, reference),
                reference=reference,
            )
