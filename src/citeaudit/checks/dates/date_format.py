"""Citation dates written in another format than the article's (`{{Use dmy dates}}`, MOS:DATEUNIFY).

The expected format is the one the article declares; failing that, the one most full dates use.
Only day-month order is compared: ISO `YYYY-MM-DD` is accepted everywhere (MOS:DATEUNIFY allows it
for access and archive dates, and `cs1-dates=y` renders publication dates so), and dates with no
day read the same in every format.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from citeaudit.checks.base import Check, CheckContext, describe_reference, first_section_title
from citeaudit.model import Article, DateFormat, Finding, FindingFamily, Reference, Severity
from citeaudit.parse.dates import parse_cs1_date

_NAMES = {
    DateFormat.DMY: "day month year (8 March 2023)",
    DateFormat.MDY: "month day, year (March 8, 2023)",
}
_FIELDS = (("date", "date"), ("access_date", "access-date"), ("archive_date", "archive-date"))


class DateFormatConsistencyCheck(Check):
    family = FindingFamily.DATES
    codes = ("date-format-inconsistent",)

    def run(self, article: Article, context: CheckContext) -> Iterator[Finding]:
        formats = {reference.id: _formats(reference, context) for reference in article.references}
        expected, source = _expected_format(article, formats)
        if expected not in _NAMES:
            return
        for reference in article.references:
            odd = [
                (field, text)
                for field, text, found in formats[reference.id]
                if found in _NAMES and found is not expected
            ]
            if not odd:
                continue
            listed = ", ".join(f"{field}={text}" for field, text in odd)
            yield self.finding(
                "date-format-inconsistent",
                Severity.INFO,
                f"{describe_reference(reference)} writes {listed}, "
                f"but {source} {_NAMES[expected]}.",
                fix="Rewrite the date in that format (or ISO for access and archive dates).",
                section=first_section_title(article, reference),
                reference=reference,
            )


def _formats(
    reference: Reference, context: CheckContext
) -> list[tuple[str, str, DateFormat | None]]:
    found = []
    for attribute, field in _FIELDS:
        text = getattr(reference, attribute)
        parsed = parse_cs1_date(text, today=context.as_of) if text else None
        if parsed is not None and parsed.valid:
            found.append((field, text, parsed.format))
    return found


def _expected_format(
    article: Article, formats: dict[str, list[tuple[str, str, DateFormat | None]]]
) -> tuple[DateFormat | None, str]:
    if article.date_format is not None:
        return (
            article.date_format,
            f"the article declares {{{{Use {article.date_format.value} dates}}}}:",
        )
    counts = Counter(
        found for entries in formats.values() for _, _, found in entries if found in _NAMES
    )
    if not counts:
        return None, ""
    ranked = counts.most_common()
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None, ""
    return ranked[0][0], "most of the article's dates are"
