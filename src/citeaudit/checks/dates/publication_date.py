"""Publication dates CS1 would reject (`|date=` and the dates read off rendered citations).

An invalid date puts the article in "CS1 errors: dates" and makes every date comparison of the
other rules impossible, so it is reported with the CS1 rule it breaks (`citeaudit.parse.dates`).
"""

from __future__ import annotations

from collections.abc import Iterator

from citeaudit.checks.base import Check, CheckContext, describe_reference, first_section_title
from citeaudit.model import Article, Finding, FindingFamily, Severity
from citeaudit.parse.dates import parse_cs1_date


class PublicationDateCheck(Check):
    family = FindingFamily.DATES
    codes = ("date-invalid",)

    def run(self, article: Article, context: CheckContext) -> Iterator[Finding]:
        for reference in article.references:
            if not reference.date:
                continue
            parsed = parse_cs1_date(reference.date, today=context.as_of)
            if parsed is None or parsed.valid:
                continue
            assert parsed.reason is not None
            yield self.finding(
                "date-invalid",
                Severity.WARNING,
                f"{describe_reference(reference)}: the date {reference.date!r} "
                f"{parsed.reason.explanation}.",
                fix="Correct it from the source.",
                section=first_section_title(article, reference),
                reference=reference,
            )
