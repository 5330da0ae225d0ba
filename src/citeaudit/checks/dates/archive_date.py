"""Archived copies: an archive-url has a date that agrees with it, and dead links have a copy.

CS1 wants `|archive-date=` with every `|archive-url=` and, since 2023, reports an archive-date
that disagrees with the timestamp of a Wayback Machine URL (`reference/anchors.md` §2.5). A
snapshot cannot be older than the document it copies. A citation marked `|url-status=dead`
(or the legacy `|dead-url=yes`) or tagged `{{dead link}}` with no archive leaves the reader
nothing to follow.
"""

from __future__ import annotations

from collections.abc import Iterator

from citeaudit.checks.base import Check, CheckContext, describe_reference, first_section_title
from citeaudit.checks.dates.access_date import is_published_after
from citeaudit.checks.web_citations import has_archive
from citeaudit.model import Article, Finding, FindingFamily, Reference, Severity, SourceForm
from citeaudit.parse.dates import parse_cs1_date
from citeaudit.web.wayback import parse_wayback_url

PERMANENTLY_DEAD_TAGS = frozenset({"permanent dead link", "permanently dead link", "pdl"})
"""`{{dead link|fix-attempted=yes}}` by another name."""
DEAD_STATUSES = frozenset({"dead", "deviated", "yes", "true", "y"})
"""`url-status` values (and legacy `dead-url` ones) that say the original is gone."""


class ArchiveDateCheck(Check):
    family = FindingFamily.DATES
    codes = (
        "archive-date-missing",
        "archive-url-without-url",
        "archive-date-invalid",
        "archive-date-before-publication",
        "archive-date-mismatch",
        "dead-url-without-archive",
    )

    def run(self, article: Article, context: CheckContext) -> Iterator[Finding]:
        # `|fix-attempted=yes` says the archives were searched already: "look for a snapshot"
        # would send the editor where the tag says there is nothing.
        dead_tagged = {
            tag.reference_id
            for tag in article.maintenance_tags
            if tag.kind == "dead-link"
            and not (tag.params.get("fix-attempted") or "").strip()
            and " ".join(tag.name.lower().split()) not in PERMANENTLY_DEAD_TAGS
        }
        for reference in article.references:
            label = describe_reference(reference)
            section = first_section_title(article, reference)
            findings = list(self._archive_findings(article, reference, label, context))
            if not has_archive(reference) and (
                (reference.url_status or "").strip().lower() in DEAD_STATUSES
                or reference.id in dead_tagged
            ):
                findings.append(
                    (
                        "dead-url-without-archive",
                        Severity.WARNING,
                        f"{label} is marked dead and has no archived copy.",
                        "Look for a snapshot at the Wayback Machine (https://web.archive.org/) "
                        "near the access-date and add |archive-url= and |archive-date=, or "
                        "replace the source.",
                    )
                )
            for code, severity, message, fix in findings:
                yield self.finding(
                    code, severity, message, fix=fix, section=section, reference=reference
                )

    def _archive_findings(
        self, article: Article, reference: Reference, label: str, context: CheckContext
    ) -> Iterator[tuple[str, Severity, str, str]]:
        if reference.archive_url and not reference.archive_date:
            yield (
                "archive-date-missing",
                Severity.WARNING,
                f"{label} has an archive-url but no archive-date.",
                "Add |archive-date= (the day of the snapshot, in its URL for the Wayback Machine).",
            )
        if (
            reference.archive_url
            and not reference.url
            and article.source_form is not SourceForm.TEXT
        ):
            yield (
                "archive-url-without-url",
                Severity.WARNING,
                f"{label} has an archive-url but no |url= of the original.",
                "Add the original URL.",
            )
        if not reference.archive_date:
            return
        archived = parse_cs1_date(reference.archive_date, today=context.as_of)
        if archived is None:
            return
        archived_on = archived.single_day
        if archived_on is None:
            yield (
                "archive-date-invalid",
                Severity.ERROR,
                f"{label}: the archive-date {reference.archive_date!r} "
                f"{archived.why_not_a_single_day}.",
                "Give the day of the snapshot.",
            )
            return
        snapshot = parse_wayback_url(reference.archive_url) if reference.archive_url else None
        if snapshot is not None and snapshot.date is not None and snapshot.date != archived_on:
            yield (
                "archive-date-mismatch",
                Severity.WARNING,
                f"{label}: the archive-date {reference.archive_date} disagrees with the snapshot's "
                f"timestamp ({snapshot.date.isoformat()}).",
                "Set |archive-date= to the snapshot's date.",
            )
        if is_published_after(reference, archived_on, context.as_of):
            yield (
                "archive-date-before-publication",
                Severity.WARNING,
                f"{label}: archived on {reference.archive_date}, before it was published "
                f"({reference.date}); the snapshot may be of another page or a date is "
                "wrong.",
                "Check both.",
            )
