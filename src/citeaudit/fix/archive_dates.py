"""An archive-date that disagrees with its Wayback URL, or is missing: the URL's timestamp says
the day of the capture, so `|archive-date=` is set to it (in the article's date format)."""

from __future__ import annotations

from citeaudit.fix.context import Declined, Proposal, Repair, RepairContext
from citeaudit.fix.dates import write_day
from citeaudit.model import Change, Finding
from citeaudit.parse.cite_templates import ARCHIVE_DATE_PARAMS, ARCHIVE_URL_PARAMS
from citeaudit.web.wayback import parse_wayback_url


class ArchiveDateRepair(Repair):
    codes = ("archive-date-mismatch", "archive-date-missing")

    def propose(self, finding: Finding, context: RepairContext) -> Proposal | Declined:
        reference = context.reference(finding)
        if reference is None:
            return self.decline(finding, "the finding names no reference")
        template = context.template_of(reference)
        if isinstance(template, str):
            return self.decline(finding, template)
        archive_url = template.filled(*ARCHIVE_URL_PARAMS)
        snapshot = parse_wayback_url(archive_url.value) if archive_url is not None else None
        if archive_url is None or snapshot is None or snapshot.date is None:
            return self.decline(
                finding, "its archive URL is not a Wayback URL with a dated capture"
            )
        value = write_day(snapshot.date, context.date_style.for_parameter("archive-date"))
        evidence = (
            f"the archive URL's timestamp {snapshot.timestamp} is {snapshot.date.isoformat()}"
        )
        present = template.parameter(*ARCHIVE_DATE_PARAMS)
        if present is None:
            edit = template.add_after(archive_url, [("archive-date", value)])
            change = Change(finding.code, reference.id, "archive-date", None, value, evidence)
        elif not present.plain:
            return self.decline(finding, f"its |{present.name}= holds markup to keep")
        else:
            edit = template.set_value(present, value)
            change = Change(
                finding.code, reference.id, present.name, present.value or None, value, evidence
            )
        return Proposal(context.in_copies(reference, (edit,)), (change,))
