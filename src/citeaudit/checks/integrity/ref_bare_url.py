"""References that are only a URL: no title, author, work or date to find the source by once
the link dies (WP:BAREURLS). Parsers give them the kind `bare-url`."""

from __future__ import annotations

from collections.abc import Iterator

from citeaudit.checks.base import Check, CheckContext, describe_reference, first_section_title
from citeaudit.model import Article, Finding, FindingFamily, Severity


class BareURLCheck(Check):
    family = FindingFamily.INTEGRITY
    codes = ("ref-bare-url",)

    def run(self, article: Article, context: CheckContext) -> Iterator[Finding]:
        for reference in article.references:
            if reference.kind != "bare-url":
                continue
            yield self.finding(
                "ref-bare-url",
                Severity.WARNING,
                f"{describe_reference(reference)} is a bare URL "
                f"({reference.url or reference.text.strip()}).",
                fix="Fill it in as a {{cite web}} with title, work, date and access-date (reFill "
                "or Citation bot can draft it), so the source can be found if the link dies.",
                url=reference.url,
                section=first_section_title(article, reference),
                reference=reference,
            )
