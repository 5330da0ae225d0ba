"""Web citations without an archived copy: the pages most likely to be lost.

Every web citation with no archive is at risk (about a quarter to a half of cited links die
within a decade; `reference/anchors.md` §4); archiving it now costs one click. The risk is a
warning once the page was last read more than `--stale-after` years ago (or the citation
gives no usable retrieval date), a note otherwise. Citations already marked dead are the
archive rule's (`dead-url-without-archive`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from citeaudit.checks.base import Check, CheckContext, describe_reference, first_section_title
from citeaudit.checks.dates.archive_date import DEAD_STATUSES
from citeaudit.checks.web_citations import has_archive, is_web_citation
from citeaudit.model import Article, Finding, FindingFamily, Severity
from citeaudit.parse.dates import parse_cs1_date

ADVICE = (
    "archive it at the Wayback Machine (https://web.archive.org/save) and add "
    "|archive-url= and |archive-date=."
)


class LinkRotRiskCheck(Check):
    family = FindingFamily.DATES
    codes = ("link-rot-risk",)

    def run(self, article: Article, context: CheckContext) -> Iterator[Finding]:
        for reference in article.references:
            if not is_web_citation(article, reference) or has_archive(reference):
                continue
            if (reference.url_status or "").strip().lower() in DEAD_STATUSES:
                continue
            label = describe_reference(reference)
            read = (
                parse_cs1_date(reference.access_date, today=context.as_of)
                if reference.access_date
                else None
            )
            if read is not None and read.valid and read.latest is not None:
                age = _years_between(read.latest, context.as_of)
                stale = age >= context.stale_after_years
                when = (
                    f"was last read {reference.access_date} "
                    f"({age:.1f} years before {context.as_of.isoformat()})"
                )
            else:
                stale = True
                when = "gives no retrieval date"
            if stale:
                severity = Severity.WARNING
                fix = f"Check that the page still says what it is cited for, then {ADVICE}"
            else:
                severity = Severity.INFO
                fix = ADVICE[0].upper() + ADVICE[1:]
            yield self.finding(
                "link-rot-risk",
                severity,
                f"{label} {when} and has no archived copy.",
                fix=fix,
                url=reference.url.strip() if reference.url else None,
                section=first_section_title(article, reference),
                reference=reference,
            )


def _years_between(start: dt.date, end: dt.date) -> float:
    return (end - start).days / 365.25
