"""Retrieval dates: every web citation says when it was read, and that date is possible.

CS1's rules (`reference/anchors.md` §2.5): an access-date needs a URL; it must be a full valid
date; it lies between 15 January 2001 (Wikipedia's start) and tomorrow. We add the reviewer's
rules: a web citation with a URL should have one, and it cannot precede the source's own date
(by more than a day: dates in the source's time zone and in UTC may differ by one).
"Tomorrow" is the as-of date plus one day, so that offline audits are reproducible.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from citeaudit.checks.base import Check, CheckContext, describe_reference, first_section_title
from citeaudit.checks.web_citations import needs_access_date
from citeaudit.model import Article, Finding, FindingFamily, Reference, Severity, SourceForm
from citeaudit.parse.dates import parse_cs1_date

WIKIPEDIA_START = dt.date(2001, 1, 15)
ONE_DAY = dt.timedelta(days=1)


def is_published_after(reference: Reference, day: dt.date, as_of: dt.date) -> bool:
    """Whether the reference's publication date starts more than a day after `day`.

    The day of slack covers time zones: a page read late on the 1st in one place may be dated
    the 2nd where it was published.
    """
    published = parse_cs1_date(reference.date, today=as_of) if reference.date else None
    return bool(
        published and published.valid and published.earliest and published.earliest > day + ONE_DAY
    )


"""Slack for time zones: a page dated in its own zone may be read or archived "the day before"."""


class AccessDateCheck(Check):
    family = FindingFamily.DATES
    codes = (
        "access-date-missing",
        "access-date-without-url",
        "access-date-invalid",
        "access-date-too-early",
        "access-date-in-future",
        "access-date-before-publication",
    )

    def run(self, article: Article, context: CheckContext) -> Iterator[Finding]:
        for reference in article.references:
            section = first_section_title(article, reference)
            for code, severity, message, fix in self._findings(article, reference, context):
                yield self.finding(
                    code, severity, message, fix=fix, section=section, reference=reference
                )

    def _findings(
        self, article: Article, reference: Reference, context: CheckContext
    ) -> Iterator[tuple[str, Severity, str, str]]:
        label = describe_reference(reference)
        if not reference.access_date:
            if needs_access_date(reference):
                yield (
                    "access-date-missing",
                    Severity.WARNING,
                    f"{label} links to a web page but does not say when it was read.",
                    "Check that the page still supports the claim and add |access-date=.",
                )
            return
        if (
            not (reference.url or reference.archive_url)
            and article.source_form is not SourceForm.TEXT
        ):
            yield (
                "access-date-without-url",
                Severity.WARNING,
                f"{label} has an access-date ({reference.access_date}) but no URL, so CS1 "
                "hides it with an error.",
                "Add the |url= the date refers to, or remove |access-date=.",
            )
        parsed = parse_cs1_date(reference.access_date, today=context.as_of)
        if parsed is None:
            return
        read_on = parsed.single_day
        if read_on is None:
            yield (
                "access-date-invalid",
                Severity.ERROR,
                f"{label}: the access-date {reference.access_date!r} "
                f"{parsed.why_not_a_single_day}.",
                "Write the day the page was read, e.g. 8 March 2023 or 2023-03-08.",
            )
            return
        if read_on < WIKIPEDIA_START:
            yield (
                "access-date-too-early",
                Severity.ERROR,
                f"{label}: the access-date {reference.access_date} is before Wikipedia began "
                "(15 January 2001); it is probably the publication date.",
                "Move it to |date= and give the day the page was read.",
            )
        elif read_on > context.as_of + ONE_DAY:
            yield (
                "access-date-in-future",
                Severity.ERROR,
                f"{label}: the access-date {reference.access_date} is after "
                f"{context.as_of.isoformat()}.",
                "Correct it to the day the page was read.",
            )
        if is_published_after(reference, read_on, context.as_of):
            yield (
                "access-date-before-publication",
                Severity.WARNING,
                f"{label}: read on {reference.access_date}, before it was published "
                f"({reference.date}); one of the two dates is wrong.",
                "Check the source and correct it.",
            )
